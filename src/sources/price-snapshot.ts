import {join} from 'node:path';
import {z} from 'zod';
import type {AssembleInput, PriceEntry} from '../catalog/assemble.js';
import {parsePriceList} from '../catalog/price-list.js';
import {sourceSchema} from '../catalog/schema.js';
import {UserError} from '../errors.js';
import {RATE_KEYS, PLAN_IDS} from '../model/types.js';
import {readJson, readText} from './files.js';

/**
 * Reads the maintained price sources in `data/sources/` into the input of `assembleCatalog`, the
 * same function `prices refresh` feeds from the AWS APIs. See data/sources/README.md.
 */

const secondarySchema = z.object({
  regions: z.array(
    z
      .object({
        code: z.string(),
        name: z.string(),
        usageTypePrefix: z.string(),
        /** Where the region was found listed for Fargate, and where its usage-type prefix: keys of regionSources. */
        listedBy: z.string(),
        prefixFrom: z.string(),
      })
      .strict(),
  ),
  regionSources: z.record(z.string(), z.string()),
  sources: z.array(sourceSchema),
  entries: z.array(
    z
      .object({
        region: z.string(),
        table: z.enum(['on-demand', 'spot', ...PLAN_IDS] as [string, ...string[]]),
        key: z.enum(RATE_KEYS),
        price: z.string(),
        source: z.string(),
        asOf: z.string(),
        confidence: z.enum(['published', 'secondary', 'estimated']),
        usageType: z.string().optional(),
        note: z.string().optional(),
        derivation: z.string().optional(),
      })
      .strict(),
  ),
});

/** A comma-separated line with optional double-quoted fields (the fgcalc table has no embedded newlines). */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields;
}

/** The fgcalc table: Linux/x86 On-Demand (re-checked 2026-09-29) and Spot (January 2021) per region. */
export function parseFgcalcCsv(text: string): PriceEntry[] {
  const [header, ...rows] = text.trim().split(/\r?\n/);
  const columns = splitCsvLine(header ?? '');
  const col = (name: string) => {
    const index = columns.indexOf(name);
    if (index < 0) throw new UserError(`fgcalc table has no column ${name}`);
    return index;
  };
  const region = col('region');
  const od = [col('ondemand_linux_x86_vcpu_hour_usd'), col('ondemand_linux_x86_gb_hour_usd')] as const;
  const spot = [col('spot_linux_x86_vcpu_hour_usd'), col('spot_linux_x86_gb_hour_usd')] as const;
  const keys = ['linux-x86_64-vcpu', 'linux-x86_64-memory'] as const;
  return rows.flatMap((row) => {
    const fields = splitCsvLine(row);
    const code = fields[region]!;
    return keys.flatMap((key, i): PriceEntry[] => [
      {
        region: code,
        table: 'on-demand',
        key,
        price: fields[od[i]!]!,
        source: 'fgcalc-on-demand',
        asOf: '2026-09-29',
        confidence: 'secondary',
      },
      {
        region: code,
        table: 'spot',
        key,
        price: fields[spot[i]!]!,
        source: 'fgcalc-spot-2021-01',
        asOf: '2021-01-14',
        confidence: 'secondary',
      },
    ]);
  });
}

export async function readSnapshotSources(dir: string): Promise<Omit<AssembleInput, 'generatedAt' | 'generatedBy'>> {
  const secondaryPath = join(dir, 'secondary.json');
  const parsed = secondarySchema.safeParse(await readJson(secondaryPath));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(`${secondaryPath}: ${issue.path.join('.')}: ${issue.message}`);
  }
  const secondary = parsed.data;
  for (const region of secondary.regions) {
    for (const ref of [region.listedBy, region.prefixFrom]) {
      if (!Object.hasOwn(secondary.regionSources, ref)) {
        throw new UserError(
          `${secondaryPath}: region ${region.code} cites ${ref}, which regionSources does not describe`,
        );
      }
    }
  }
  const priceListPath = join(dir, 'amazonecs-us-east-1-2025-08.get-products.json');
  const priceList = (await readJson(priceListPath)) as {PriceList?: unknown[]};
  const published = parsePriceList(priceList.PriceList ?? [], {source: 'aws-price-list-2025-08', asOf: '2025-08-28'});
  if (
    published.unknownUsageTypes.length > 0 ||
    published.malformed.length > 0 ||
    published.unexpectedUnits.length > 0
  ) {
    throw new UserError(
      `${priceListPath}: unknown usage types ${published.unknownUsageTypes.join(', ')} ${[...published.malformed, ...published.unexpectedUnits].join('; ')}`,
    );
  }
  const fgcalc = parseFgcalcCsv(await readText(join(dir, 'fgcalc-2021-01.csv')));
  return {
    regions: secondary.regions.map(({code, name, usageTypePrefix}) => ({code, name, usageTypePrefix})),
    sources: secondary.sources,
    entries: [...published.entries, ...fgcalc, ...(secondary.entries as PriceEntry[])],
    referenceRegion: 'us-east-1',
  };
}
