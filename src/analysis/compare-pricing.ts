import type {Catalog, Rate} from '../catalog/catalog.js';
import type {Dec} from '../money/decimal.js';
import {type Exact, EXACT_ZERO, exact, exactOf, plus, times, toDec, div} from '../money/exact.js';
import type {SpotRisk} from '../model/compare.js';
import type {RateRef} from '../model/priced.js';
import type {UsageProfile} from '../model/profile.js';
import {rateRefOf} from '../pricing/rates.js';
import type {CompareCache} from './compare-cache.js';

/**
 * What compare's scenarios share: the profile's length and the month, each workload's Spot risk, and
 * the rates used so far. Monthly figures are the profile's totals x month hours / profile hours, exact.
 */
export interface CompareContext {
  readonly catalog: Catalog;
  readonly monthHours: number;
  /** Hours in the profile. */
  readonly hours: number;
  /** One per workload, in the input's order. */
  readonly risks: readonly SpotRisk[];
  readonly rates: Map<string, RateRef>;
  /** What is derived from the usage alone (profiles re-bought, merged, priced; plans sized), kept across runs. */
  readonly cache: CompareCache;
}

export function useRate(context: CompareContext, rate: Rate): void {
  context.rates.set(`${rate.region}|${rate.table}|${rate.key}`, rateRefOf(rate));
}

/** A profile-long amount as a month: exact. */
export function perMonth(context: CompareContext, value: Exact): Exact {
  return div(times(value, exact(context.monthHours)), exact(context.hours));
}

export function perMonthDec(context: CompareContext, value: Dec): Dec {
  return toDec(perMonth(context, exactOf(value)));
}

/** What Spot's re-runs add to a Spot cost: Spot cost x interruptions per task-hour x overhead seconds / 3600. */
export function spotOverhead(spotCost: Exact, risk: Pick<SpotRisk, 'overheadSecondsPerTaskHour'>): Exact {
  return div(times(spotCost, exactOf(risk.overheadSecondsPerTaskHour)), exact(3600));
}

/** Monthly costs of workloads' profiles: Spot at plain Spot rates, its expected re-run overhead, and On-Demand. */
export interface PricedParts {
  readonly spot: Dec;
  readonly overhead: Dec;
  readonly onDemand: Dec;
}

/** Prices one profile per workload (aligned with the context's risks); the rates it touches are recorded. */
export function priceParts(context: CompareContext, profiles: readonly UsageProfile[]): PricedParts {
  let spot = EXACT_ZERO;
  let overhead = EXACT_ZERO;
  let onDemand = EXACT_ZERO;
  profiles.forEach((profile, i) => {
    const priced = context.cache.priced(profile);
    for (const line of priced.lines) useRate(context, line.rate);
    spot = plus(spot, priced.spotCost);
    overhead = plus(overhead, spotOverhead(priced.spotCost, context.risks[i]!));
    onDemand = plus(onDemand, priced.onDemandCost);
  });
  const month = (value: Exact) => toDec(perMonth(context, value));
  return {spot: month(spot), overhead: month(overhead), onDemand: month(onDemand)};
}
