import type {Catalog, Rate} from '../catalog/catalog.js';
import type {Dec} from '../money/decimal.js';
import {type Exact, EXACT_ZERO, plus, toDec} from '../money/exact.js';
import type {UsageProfile, UsageSeries} from '../model/profile.js';
import {type RateKey, SPOT_RATE_KEYS} from '../model/types.js';
import {costAt, unitHours} from './price.js';

/** An hourly usage profile priced with no commitment: On-Demand series On-Demand, Spot series at Spot rates. */

const spotKeys = new Set<RateKey>(SPOT_RATE_KEYS);

/** The rate a series is paid at when nothing covers it: Spot series at Spot rates (storage On-Demand), others On-Demand. */
export function ownRate(catalog: Catalog, series: UsageSeries): Rate {
  if (series.purchase === 'spot' && spotKeys.has(series.key))
    return catalog.requireRate(series.region, 'spot', series.key);
  return catalog.requireRate(series.region, 'on-demand', series.key);
}

/** One series of a profile priced at the rate it is bought at (Spot storage at the On-Demand rate). */
export interface ProfileLine {
  readonly series: UsageSeries;
  readonly rate: Rate;
  readonly unitMs: bigint;
  /** Unit-hours (vCPU-hours, GB-hours). */
  readonly quantity: Dec;
  readonly cost: Exact;
}

export interface PricedProfile {
  readonly lines: readonly ProfileLine[];
  readonly cost: Exact;
  readonly onDemandCost: Exact;
  readonly spotCost: Exact;
}

/** Sum of each series' usage over the profile. */
export function profileTotals(profile: UsageProfile): bigint[] {
  const totals = profile.series.map(() => 0n);
  for (const hour of profile.hours) for (let i = 0; i < totals.length; i++) totals[i]! += hour.unitMs[i] ?? 0n;
  return totals;
}

/** Prices a profile exactly; series without usage need no rate. */
export function priceProfile(profile: UsageProfile, catalog: Catalog): PricedProfile {
  const totals = profileTotals(profile);
  const lines = profile.series
    .map((series, i) => ({series, unitMs: totals[i]!}))
    .filter((item) => item.unitMs > 0n)
    .map(({series, unitMs}): ProfileLine => {
      const rate = ownRate(catalog, series);
      return {series, rate, unitMs, quantity: toDec(unitHours(unitMs)), cost: costAt(rate.price, unitMs)};
    });
  const total = (purchase?: string) =>
    lines
      .filter((line) => purchase === undefined || line.series.purchase === purchase)
      .reduce((sum, line) => plus(sum, line.cost), EXACT_ZERO);
  return {lines, cost: total(), onDemandCost: total('on-demand'), spotCost: total('spot')};
}
