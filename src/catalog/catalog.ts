import type {z} from 'zod';
import {EXIT, UserError, untrusted} from '../errors.js';
import {dec, type Dec} from '../money/decimal.js';
import {type Confidence, type PlanId, type RateKey, optionLabel, type OptionId} from '../model/types.js';
import {catalogSchema, type CatalogJson, type RateJson, type SourceJson} from './schema.js';
import type {RateTable} from '../model/types.js';
import {catalogProblems, listProblems} from './validate.js';

export interface Rate {
  readonly region: string;
  readonly table: RateTable;
  readonly key: RateKey;
  readonly usageType: string;
  readonly unit: 'vCPU-Hours' | 'GB-Hours';
  readonly price: Dec;
  readonly source: SourceJson;
  readonly asOf: string;
  readonly confidence: Confidence;
  readonly derivation: string | undefined;
  readonly note: string | undefined;
}

/** Where a catalog came from, for the assumptions every command prints. */
export interface CatalogOrigin {
  readonly kind: 'embedded' | 'cache' | 'file';
  readonly path: string;
}

export interface Catalog {
  readonly json: CatalogJson;
  readonly origin: CatalogOrigin;
  readonly generatedAt: string;
  readonly regions: readonly string[];
  /** The rate, or undefined when the catalog has none (a gap, never a zero). */
  rate(region: string, table: RateTable, key: RateKey): Rate | undefined;
  /** The rate, or a UserError naming the region, table and dimension that are missing. */
  requireRate(region: string, table: RateTable, key: RateKey): Rate;
  requireRegion(region: string): void;
  regionName(region: string): string;
  usageTypePrefix(region: string): string;
}

function describeTable(table: RateTable): string {
  if (table === 'on-demand') return 'On-Demand';
  if (table === 'spot') return 'Fargate Spot';
  return optionLabel(`savings-plan-${table}` as OptionId);
}

export function missingRateMessage(
  catalog: Pick<Catalog, 'origin'>,
  region: string,
  table: RateTable,
  key: RateKey,
): UserError {
  return new UserError(
    `the price catalog (${catalog.origin.path}) has no ${describeTable(table)} rate for ${key} in ${untrusted(region)}`,
    {
      hint: `run "fargate-cost prices refresh --regions ${untrusted(region)}" with AWS credentials, or pass --catalog FILE with that rate`,
      exitCode: EXIT.missingRate,
    },
  );
}

function formatIssues(error: z.ZodError, limit = 3): string {
  // Paths and messages can quote the file's own keys: escaped and cut.
  return error.issues
    .slice(0, limit)
    .map((issue) => untrusted(`${issue.path.length > 0 ? issue.path.join('.') : '(top level)'}: ${issue.message}`, 160))
    .join('; ');
}

/** How far ahead of the clock a catalog's generatedAt may be: clocks drift, and zones get mislabelled. */
export const FUTURE_ALLOWANCE_MS = 86_400_000;

/**
 * Validates catalog JSON (already parsed) and builds the lookup: the schema, then `catalogProblems`
 * (no zero, implausible or above-On-Demand rate), then the date: a catalog generated after `now`
 * (more than a day after) is refused, as every age it reports would be wrong. Pure: the caller reads
 * the file and the clock.
 */
export function parseCatalog(json: unknown, origin: CatalogOrigin, now: Date): Catalog {
  const hint = `restore it with "fargate-cost prices refresh", or drop --catalog to use the embedded snapshot`;
  const parsed = catalogSchema.safeParse(json);
  if (!parsed.success) {
    const more = parsed.error.issues.length > 3 ? ` (and ${parsed.error.issues.length - 3} more)` : '';
    throw new UserError(`price catalog ${origin.path} is not valid: ${formatIssues(parsed.error)}${more}`, {hint});
  }
  const problems = catalogProblems(parsed.data);
  if (problems.length > 0) {
    throw new UserError(`price catalog ${origin.path} has rates no price can have: ${listProblems(problems)}`, {hint});
  }
  if (Date.parse(parsed.data.generatedAt) > now.getTime() + FUTURE_ALLOWANCE_MS) {
    throw new UserError(
      `price catalog ${origin.path} says it was generated at ${parsed.data.generatedAt}, after the clock (${now.toISOString()})`,
      {hint: `check the computer's clock; if it is right, ${hint}`},
    );
  }
  return buildCatalog(parsed.data, origin);
}

export function buildCatalog(data: CatalogJson, origin: CatalogOrigin): Catalog {
  const sources = new Map(data.sources.map((source) => [source.id, source]));
  const cache = new Map<string, Rate | undefined>();
  const regions = Object.keys(data.regions).sort();

  const toRate = (region: string, table: RateTable, key: RateKey, json: RateJson): Rate => ({
    region,
    table,
    key,
    usageType: json.usageType,
    unit: json.unit,
    price: dec(json.price),
    source: sources.get(json.source)!,
    asOf: json.asOf,
    confidence: json.confidence,
    derivation: json.derivation,
    note: json.note,
  });

  const catalog: Catalog = {
    json: data,
    origin,
    generatedAt: data.generatedAt,
    regions,
    rate(region, table, key) {
      const cacheKey = `${region}|${table}|${key}`;
      if (cache.has(cacheKey)) return cache.get(cacheKey);
      const regionJson = data.regions[region];
      let json: RateJson | undefined;
      if (regionJson) {
        if (table === 'on-demand') json = regionJson.onDemand[key];
        else if (table === 'spot') json = (regionJson.spot as Partial<Record<RateKey, RateJson>>)[key];
        else json = (regionJson.savingsPlans[table as PlanId] as Partial<Record<RateKey, RateJson>> | undefined)?.[key];
      }
      const rate = json ? toRate(region, table, key, json) : undefined;
      cache.set(cacheKey, rate);
      return rate;
    },
    requireRate(region, table, key) {
      catalog.requireRegion(region);
      const rate = catalog.rate(region, table, key);
      if (!rate) throw missingRateMessage(catalog, region, table, key);
      return rate;
    },
    requireRegion(region) {
      if (data.regions[region]) return;
      const prefix = region.split('-')[0] ?? '';
      const near = regions.filter((code) => code.startsWith(prefix));
      throw new UserError(`region ${untrusted(region)} is not in the price catalog (${origin.path})`, {
        hint:
          near.length > 0
            ? `regions in the catalog near it: ${near.join(', ')}`
            : `the catalog covers: ${regions.join(', ')}`,
        exitCode: EXIT.missingRate,
      });
    },
    regionName(region) {
      return data.regions[region]?.name ?? region;
    },
    usageTypePrefix(region) {
      catalog.requireRegion(region);
      return data.regions[region]!.usageTypePrefix;
    },
  };
  return catalog;
}

/** Whole days between the catalog's generation and `now`; negative never (clock skew reads as 0). */
export function catalogAgeDays(catalog: Pick<Catalog, 'generatedAt'>, now: Date): number {
  const ms = now.getTime() - Date.parse(catalog.generatedAt);
  return Math.max(0, Math.floor(ms / 86_400_000));
}

/** The oldest as-of date among a set of rates (what an assumption line reports). */
export function oldestAsOf(rates: Iterable<Pick<Rate, 'asOf'>>): string | undefined {
  let oldest: string | undefined;
  for (const rate of rates) if (oldest === undefined || rate.asOf < oldest) oldest = rate.asOf;
  return oldest;
}

export const STALE_CATALOG_DAYS = 90;
