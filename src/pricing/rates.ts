/** The rates a result used and the catalog they came from, as the result lists them. */

import {type Catalog, catalogAgeDays, type Rate, STALE_CATALOG_DAYS} from '../catalog/catalog.js';
import type {CatalogNote} from '../model/notes.js';
import type {CatalogInfo, OptionResult, RateDates, RateRef} from '../model/priced.js';

/** A catalog rate as a result lists it. */
export function rateRefOf(rate: Rate): RateRef {
  return {
    region: rate.region,
    table: rate.table,
    key: rate.key,
    usageType: rate.usageType,
    unit: rate.unit,
    rate: rate.price,
    source: rate.source.id,
    sourceTitle: rate.source.title,
    asOf: rate.asOf,
    confidence: rate.confidence,
    derivation: rate.derivation ?? null,
    ...(rate.confirmed !== undefined && rate.confirmedBy !== undefined
      ? {confirmed: rate.confirmed, confirmedBy: rate.confirmedBy}
      : {}),
  };
}

export function catalogInfo(catalog: Catalog, now: Date): CatalogInfo {
  const ageDays = catalogAgeDays(catalog, now);
  return {
    path: catalog.origin.path,
    kind: catalog.origin.kind,
    generatedAt: catalog.generatedAt,
    ageDays,
    stale: ageDays > STALE_CATALOG_DAYS,
    staleBefore: staleBefore(now),
  };
}

/** How old a rate may be before the row that uses it says so. */
export const STALE_RATE_DAYS = 365;

/** The day a year before `now` (the run's clock or as-of, passed in): rates dated before it are stale. */
export function staleBefore(now: Date): string {
  return new Date(now.getTime() - STALE_RATE_DAYS * 86_400_000).toISOString().slice(0, 10);
}

/** A warning when the catalog is older than the staleness threshold. */
export function staleCatalogNote(info: CatalogInfo): CatalogNote | undefined {
  if (!info.stale) return undefined;
  return {kind: 'stale-catalog', ageDays: info.ageDays, generatedAt: info.generatedAt};
}

/** Distinct rates used by the available options, in a stable order. */
export function ratesUsed(options: Iterable<OptionResult>): RateRef[] {
  const seen = new Map<string, RateRef>();
  for (const option of options) {
    for (const line of option.lines) {
      const id = `${line.region}|${line.table}|${line.key}`;
      if (seen.has(id)) continue;
      seen.set(id, {
        region: line.region,
        table: line.table,
        key: line.key,
        usageType: line.usageType,
        unit: line.unit,
        rate: line.rate,
        source: line.source,
        sourceTitle: line.sourceTitle,
        asOf: line.asOf,
        confidence: line.confidence,
        derivation: line.derivation ?? null,
        ...(line.confirmed !== undefined && line.confirmedBy !== undefined
          ? {confirmed: line.confirmed, confirmedBy: line.confirmedBy}
          : {}),
      });
    }
  }
  return [...seen.values()];
}

/** A warning naming the estimated rates among those used, or undefined when none are. */
export function estimatedRatesNote(rates: readonly RateRef[]): CatalogNote | undefined {
  const estimated = rates.filter((rate) => rate.confidence === 'estimated');
  if (estimated.length === 0) return undefined;
  return {kind: 'estimated-rates', estimated: estimated.map(({table, key}) => ({table, key})), total: rates.length};
}

/** The as-of dates of the rates used, per kind: what the assumptions print. */
export function rateDates(rates: readonly RateRef[]): RateDates {
  const oldest = (filter: (rate: RateRef) => boolean) => {
    const dates = rates
      .filter(filter)
      .map((rate) => rate.asOf)
      .sort();
    return dates[0] ?? null;
  };
  return {
    onDemand: oldest((rate) => rate.table === 'on-demand'),
    spot: oldest((rate) => rate.table === 'spot'),
    savingsPlans: oldest((rate) => rate.table.startsWith('compute-')),
  };
}

export type {CatalogInfo, RateRef};
