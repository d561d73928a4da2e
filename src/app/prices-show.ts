import type {Catalog} from '../catalog/catalog.js';
import type {PricesShowResult, ShownCatalog, ShownRate, ShownRegion, TableDates} from '../catalog/results.js';
import {TABLE_ORDER} from '../catalog/diff.js';
import type {RateJson} from '../catalog/schema.js';
import type {RateTable} from '../model/types.js';
import {ProblemError} from '../model/problems.js';
import {RATE_KEYS, type RateKey} from '../model/types.js';
import {catalogInfo, staleCatalogNote} from '../pricing/rates.js';

const DAY_MS = 86_400_000;

export function daysSince(date: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(`${date}T00:00:00Z`)) / DAY_MS));
}

export function oldestDates(rates: readonly Pick<ShownRate, 'table' | 'asOf'>[]): TableDates {
  const oldest = (match: (table: RateTable) => boolean) =>
    rates
      .filter((rate) => match(rate.table))
      .map((rate) => rate.asOf)
      .sort()[0] ?? null;
  return {
    onDemand: oldest((table) => table === 'on-demand'),
    spot: oldest((table) => table === 'spot'),
    savingsPlans: oldest((table) => table.startsWith('compute-')),
  };
}

function rateJsonOf(catalog: Catalog, region: string, table: RateTable, key: RateKey): RateJson | undefined {
  const json = catalog.json.regions[region]!;
  if (table === 'on-demand') return json.onDemand[key];
  if (table === 'spot') return (json.spot as Partial<Record<RateKey, RateJson>>)[key];
  return (json.savingsPlans[table] as Partial<Record<RateKey, RateJson>> | undefined)?.[key];
}

/** `prices show`: every rate of the catalog (or of some regions), grouped by region and dimension. */
export function pricesShow(request: {
  catalog: Catalog;
  regions?: readonly string[] | undefined;
  now: Date;
}): PricesShowResult {
  const {catalog, now} = request;
  const codes = request.regions && request.regions.length > 0 ? [...new Set(request.regions)] : catalog.regions;
  for (const code of codes) catalog.requireRegion(code);
  if (codes.length === 0) throw new ProblemError({kind: 'catalog-without-regions', path: catalog.origin.path});
  const sourcesUsed = new Set<string>();
  const regions = codes.map((code): ShownRegion => {
    const rates: ShownRate[] = [];
    for (const key of RATE_KEYS) {
      for (const table of TABLE_ORDER) {
        const rate = catalog.rate(code, table, key);
        if (!rate) continue;
        sourcesUsed.add(rate.source.id);
        rates.push({
          table,
          key,
          usageType: rate.usageType,
          unit: rate.unit,
          rate: rate.price,
          source: rate.source.id,
          asOf: rate.asOf,
          ageDays: daysSince(rate.asOf, now),
          confidence: rate.confidence,
          derivation: rate.derivation ?? null,
          note: rateJsonOf(catalog, code, table, key)?.note ?? null,
          confirmed: rate.confirmed ?? null,
          confirmedBy: rate.confirmedBy ?? null,
        });
        if (rate.confirmedBy !== undefined) sourcesUsed.add(rate.confirmedBy);
      }
    }
    return {
      code,
      name: catalog.regionName(code),
      usageTypePrefix: catalog.usageTypePrefix(code),
      oldestAsOf: oldestDates(rates),
      rates,
    };
  });
  const all = regions.flatMap((region) => region.rates);
  const info = catalogInfo(catalog, now);
  return {
    kind: 'prices-show',
    catalog: {...info, generatedBy: catalog.json.generatedBy, regionCount: catalog.regions.length},
    oldestAsOf: oldestDates(all),
    regions,
    sources: catalog.json.sources.filter((source) => sourcesUsed.has(source.id)),
    counts: {rates: all.length, estimated: all.filter((rate) => rate.confidence === 'estimated').length},
    warnings: [staleCatalogNote(info)].filter((note) => note !== undefined),
  };
}

export type {PricesShowResult, ShownCatalog, ShownRate, ShownRegion, TableDates};
