import {z} from 'zod';
import {isDecimalString} from '../money/decimal.js';
import type {PriceEntry} from './assemble.js';
import type {RateKey} from '../model/types.js';
import {classifyUsageType, splitUsageType} from './usage-types.js';

const priceDimensionSchema = z.object({
  unit: z.string(),
  beginRange: z.string().optional(),
  pricePerUnit: z.object({USD: z.string().optional()}).passthrough(),
});

const priceListItemSchema = z.object({
  product: z.object({
    productFamily: z.string().optional(),
    sku: z.string().optional(),
    attributes: z
      .object({usagetype: z.string(), regionCode: z.string().optional(), location: z.string().optional()})
      .passthrough(),
  }),
  terms: z
    .object({
      OnDemand: z
        .record(
          z.string(),
          z.object({effectiveDate: z.string().optional(), priceDimensions: z.record(z.string(), priceDimensionSchema)}),
        )
        .optional(),
    })
    .passthrough(),
  publicationDate: z.string().optional(),
});

export interface PriceListParse {
  readonly entries: PriceEntry[];
  /** Usage types nobody maps: reported to the user, never silently dropped. */
  readonly unknownUsageTypes: string[];
  /** Items that could not be read at all, with the reason. */
  readonly malformed: string[];
  readonly ignored: number;
  /** Fargate items priced in a unit other than per hour: reported and left out, never priced wrongly. */
  readonly unexpectedUnits: string[];
  /** What the items say about each region: its name (`location`) and usage-type prefix. */
  readonly regions: PriceListRegion[];
}

export interface PriceListRegion {
  readonly code: string;
  readonly name: string | undefined;
  readonly usageTypePrefix: string | undefined;
}

/**
 * Units a Fargate rate may be published in. The Price List says `hours` for vCPU and memory and
 * `GB-Hours` for storage; anything else (per second, per month) would misprice every line.
 */
const HOURLY_UNITS: ReadonlySet<string> = new Set(['hours', 'hrs', 'vcpu-hours', 'gb-hours']);

export function isHourlyUnit(unit: string, key: RateKey): boolean {
  const normal = unit.trim().toLowerCase();
  if (!HOURLY_UNITS.has(normal)) return false;
  // A vCPU rate in GB-Hours, or a GB rate in vCPU-Hours, is a different product.
  if (normal === 'gb-hours') return key.endsWith('memory') || key === 'storage';
  if (normal === 'vcpu-hours') return key.endsWith('vcpu') || key.endsWith('os-license');
  return true;
}

export interface PriceListContext {
  readonly source: string;
  /** Used when an item has no publicationDate. */
  readonly asOf: string;
  readonly confidence?: 'published' | 'secondary';
  /** The region asked for; items without a regionCode are attributed to it. */
  readonly region?: string;
  /**
   * The date the items were fetched from the API. When given, it is each rate's as-of date (the
   * price was in effect that day) and the offer's publication date goes into the rate's note;
   * without it (an offer file of unknown retrieval date) the publication date is the as-of date.
   */
  readonly retrievedOn?: string;
}

/**
 * Parses `GetProducts` PriceList items (JSON strings, `LazyJsonString`s or objects) for AmazonECS
 * into catalog entries. Keys of `terms.OnDemand` and `priceDimensions` are codes, so they are
 * iterated, never hard-coded; for tiered items the first tier (beginRange 0) is the rate.
 */
export function parsePriceList(items: Iterable<unknown>, context: PriceListContext): PriceListParse {
  const entries: PriceEntry[] = [];
  const unknown = new Set<string>();
  const malformed: string[] = [];
  const unexpectedUnits: string[] = [];
  const regions = new Map<string, PriceListRegion>();
  let ignored = 0;
  let index = -1;
  for (const raw of items) {
    index++;
    let value: unknown = raw;
    if (typeof raw === 'string' || raw instanceof String) {
      try {
        value = JSON.parse(String(raw));
      } catch {
        malformed.push(`item ${index}: not JSON`);
        continue;
      }
    }
    const parsed = priceListItemSchema.safeParse(value);
    if (!parsed.success) {
      malformed.push(`item ${index}: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
      continue;
    }
    const item = parsed.data;
    const usageType = item.product.attributes.usagetype;
    const kind = classifyUsageType(usageType);
    if (kind.kind === 'ignored') {
      ignored++;
      continue;
    }
    if (kind.kind === 'unknown') {
      unknown.add(usageType);
      continue;
    }
    const region = item.product.attributes.regionCode ?? context.region;
    if (!region) {
      malformed.push(`item ${index}: ${usageType} has no regionCode`);
      continue;
    }
    if (!regions.has(region)) {
      regions.set(region, {
        code: region,
        name: item.product.attributes.location,
        usageTypePrefix: splitUsageType(usageType).prefix,
      });
    }
    const published = (item.publicationDate ?? context.asOf).slice(0, 10);
    const asOf = context.retrievedOn ?? published;
    for (const term of Object.values(item.terms.OnDemand ?? {})) {
      const dimensions = Object.values(term.priceDimensions).sort(
        (a, b) => Number(a.beginRange ?? 0) - Number(b.beginRange ?? 0),
      );
      const first = dimensions[0];
      const price = first?.pricePerUnit.USD;
      if (!first || price === undefined || !isDecimalString(price)) {
        malformed.push(`item ${index}: ${usageType} has no USD price`);
        continue;
      }
      if (!isHourlyUnit(first.unit, kind.key)) {
        unexpectedUnits.push(`${usageType} in ${region} is priced per "${first.unit}", not per hour`);
        continue;
      }
      entries.push({
        region,
        table: kind.kind === 'spot' ? 'spot' : 'on-demand',
        key: kind.key,
        price,
        usageType,
        source: context.source,
        asOf,
        confidence: context.confidence ?? 'published',
        ...(context.retrievedOn && item.publicationDate ? {note: `offer published ${published}`} : {}),
      });
    }
  }
  return {
    entries,
    unknownUsageTypes: [...unknown].sort(),
    malformed,
    ignored,
    unexpectedUnits,
    regions: [...regions.values()],
  };
}
