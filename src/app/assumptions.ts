import {type Catalog, catalogAgeDays, type Rate, STALE_CATALOG_DAYS} from '../catalog/catalog.js';
import {optionLabel, type OptionId} from '../model/types.js';
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
  };
}

export function staleCatalogWarning(info: CatalogInfo): string | undefined {
  if (!info.stale) return undefined;
  return `the price catalog is ${info.ageDays} days old (generated ${info.generatedAt.slice(0, 10)}); run "fargate-cost prices refresh" to update it`;
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
      });
    }
  }
  return [...seen.values()];
}

/** One line summing up estimated rates among those used, or undefined when none are. */
export function estimatedRatesWarning(rates: readonly RateRef[]): string | undefined {
  const estimated = rates.filter((rate) => rate.confidence === 'estimated');
  if (estimated.length === 0) return undefined;
  const label = (rate: RateRef) =>
    rate.table === 'on-demand'
      ? `On-Demand ${rate.key}`
      : rate.table === 'spot'
        ? `Spot ${rate.key}`
        : optionLabel(`savings-plan-${rate.table}` as OptionId);
  const tables = [...new Set(estimated.map(label))];
  const shown = tables.slice(0, 4).join(', ') + (tables.length > 4 ? `, and ${tables.length - 4} more` : '');
  return `${estimated.length} of ${rates.length} rates used are estimated, not published (${shown}); each rate's derivation is in the JSON output`;
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
