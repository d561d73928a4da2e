import {dec, type Dec} from '../money/decimal.js';
import {PLAN_IDS, type PlanId, RATE_KEYS, type RateKey} from '../model/types.js';
import type {CatalogJson, RateJson} from './schema.js';
import type {RateTable} from '../model/types.js';

/** Rate tables in the order every report lists them. */
export const TABLE_ORDER: readonly RateTable[] = ['on-demand', 'spot', ...PLAN_IDS];

export type RateChangeStatus = 'changed' | 'added' | 'removed';

export interface RateChange {
  readonly region: string;
  readonly table: RateTable;
  readonly key: RateKey;
  readonly status: RateChangeStatus;
  readonly before: RateJson | null;
  readonly after: RateJson | null;
  /** after - before, exact; null when the rate was added or removed. */
  readonly change: Dec | null;
  /** change / before, exact; null when added or removed (and when before is 0). */
  readonly ratio: Dec | null;
}

export interface CatalogDiff {
  /** Changed, added and removed rates, by region, table and dimension. */
  readonly changes: readonly RateChange[];
  /** Rates present in both with the same price. */
  readonly unchanged: number;
  /** Of those, how many now carry another date or source (confirmed again, or re-dated). */
  readonly redated: number;
  readonly regionsAdded: readonly string[];
  readonly regionsRemoved: readonly string[];
}

function ratesOf(catalog: CatalogJson, region: string): Map<string, RateJson> {
  const rates = new Map<string, RateJson>();
  const json = catalog.regions[region];
  if (!json) return rates;
  const put = (table: RateTable, record: Partial<Record<string, RateJson>> | undefined) => {
    for (const key of RATE_KEYS) {
      const rate = record?.[key];
      if (rate) rates.set(`${table}|${key}`, rate);
    }
  };
  put('on-demand', json.onDemand);
  put('spot', json.spot);
  for (const plan of PLAN_IDS) put(plan, json.savingsPlans[plan as PlanId]);
  return rates;
}

/** What changed from catalog `a` to catalog `b`, rate by rate; prices compared as exact decimals. */
export function diffCatalogs(a: CatalogJson, b: CatalogJson): CatalogDiff {
  const regions = [...new Set([...Object.keys(a.regions), ...Object.keys(b.regions)])].sort();
  const changes: RateChange[] = [];
  let unchanged = 0;
  let redated = 0;
  for (const region of regions) {
    const before = ratesOf(a, region);
    const after = ratesOf(b, region);
    for (const table of TABLE_ORDER) {
      for (const key of RATE_KEYS) {
        const slot = `${table}|${key}`;
        const old = before.get(slot) ?? null;
        const now = after.get(slot) ?? null;
        if (!old && !now) continue;
        if (old && now) {
          const change = dec(now.price).minus(dec(old.price));
          if (change.isZero()) {
            unchanged++;
            if (old.asOf !== now.asOf || old.source !== now.source) redated++;
            continue;
          }
          const base = dec(old.price);
          changes.push({
            region,
            table,
            key,
            status: 'changed',
            before: old,
            after: now,
            change,
            ratio: base.isZero() ? null : change.div(base),
          });
        } else {
          changes.push({
            region,
            table,
            key,
            status: old ? 'removed' : 'added',
            before: old,
            after: now,
            change: null,
            ratio: null,
          });
        }
      }
    }
  }
  return {
    changes,
    unchanged,
    redated,
    regionsAdded: Object.keys(b.regions)
      .filter((region) => !a.regions[region])
      .sort(),
    regionsRemoved: Object.keys(a.regions)
      .filter((region) => !b.regions[region])
      .sort(),
  };
}
