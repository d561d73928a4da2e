import {dec, type Dec} from '../money/decimal.js';
import {ProblemError} from '../model/problems.js';
import type {Confidence, PlanId, RateKey} from '../model/types.js';
import type {CatalogJson, RateJson, SourceJson} from './schema.js';
import type {RateTable} from '../model/types.js';
import {catalogProblems} from './validate.js';

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
  /** The newest date a later reading found the same price (source id `confirmedBy`); undefined when none did. */
  readonly confirmed: string | undefined;
  readonly confirmedBy: string | undefined;
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
  /** The rate, or a problem naming the region, table and dimension that are missing. */
  requireRate(region: string, table: RateTable, key: RateKey): Rate;
  requireRegion(region: string): void;
  regionName(region: string): string;
  usageTypePrefix(region: string): string;
}

/** How far ahead of the clock a catalog's generatedAt may be: clocks drift, and zones get mislabelled. */
export const FUTURE_ALLOWANCE_MS = 86_400_000;

/**
 * A catalog whose shape is known good (the schema passed: parse.ts, or the embedded snapshot as its
 * build checked it): `catalogProblems` (no zero, implausible or above-On-Demand rate), then the date: a
 * catalog generated after `now` (more than a day after) is refused, as every age it reports would be
 * wrong. Pure: the caller reads the file and the clock.
 */
export function checkedCatalog(data: CatalogJson, origin: CatalogOrigin, now: Date): Catalog {
  const {path} = origin;
  const problems = catalogProblems(data);
  if (problems.length > 0) throw new ProblemError({kind: 'implausible-catalog', path, problems});
  const {generatedAt} = data;
  if (Date.parse(generatedAt) > now.getTime() + FUTURE_ALLOWANCE_MS) {
    throw new ProblemError({kind: 'future-catalog', path, generatedAt, nowMs: now.getTime()});
  }
  return buildCatalog(data, origin);
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
    confirmed: json.confirmed,
    confirmedBy: json.confirmedBy,
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
      if (!rate) {
        const unpriced = Object.keys(data.regions[region]!.onDemand).length === 0;
        throw new ProblemError({
          kind: 'missing-rate',
          catalogPath: origin.path,
          region,
          table,
          key,
          ...(unpriced ? {unpriced} : {}),
        });
      }
      return rate;
    },
    requireRegion(region) {
      if (data.regions[region]) return;
      const prefix = region.split('-')[0] ?? '';
      const near = regions.filter((code) => code.startsWith(prefix));
      throw new ProblemError({kind: 'unknown-region', catalogPath: origin.path, region, near, regions});
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
