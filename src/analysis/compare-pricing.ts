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

/**
 * Workloads with the same Spot risk, as groups[i]: workload i's group (numbered in order of first
 * appearance), and each group's risk. The re-run overhead is priced once a group.
 */
export function riskGroups(risks: readonly SpotRisk[]): {groups: number[]; perGroup: SpotRisk[]} {
  const index = new Map<string, number>();
  const perGroup: SpotRisk[] = [];
  const groups = risks.map((risk) => {
    const key = risk.overheadSecondsPerTaskHour.toString();
    let group = index.get(key);
    if (group === undefined) {
      group = perGroup.length;
      index.set(key, group);
      perGroup.push(risk);
    }
    return group;
  });
  return {groups, perGroup};
}

/**
 * Sums of one profile per workload (aligned with the context's risks), the rates they use recorded:
 * Spot at plain Spot rates, its expected re-run overhead, and On-Demand, over the profiles' hours.
 * The overhead is Σ Spot cost x its workload's risk: priced a group of equal risks at a time (on the
 * group's Spot cost, which the cache keeps across runs), the same exact sum.
 */
export function partTotals(
  context: CompareContext,
  profiles: readonly UsageProfile[],
): {spot: Exact; overhead: Exact; onDemand: Exact} {
  const {groups, perGroup} = riskGroups(context.risks.slice(0, profiles.length));
  const sums = context.cache.partSums(profiles, groups);
  for (const rate of sums.rates) useRate(context, rate);
  let overhead = EXACT_ZERO;
  sums.spotOfGroup.forEach((spot, group) => {
    if (spot.n !== 0n) overhead = plus(overhead, spotOverhead(spot, perGroup[group]!));
  });
  return {spot: sums.spot, overhead, onDemand: sums.onDemand};
}

/** Prices one profile per workload (aligned with the context's risks); the rates it touches are recorded. */
export function priceParts(context: CompareContext, profiles: readonly UsageProfile[]): PricedParts {
  const {spot, overhead, onDemand} = partTotals(context, profiles);
  const month = (value: Exact) => toDec(perMonth(context, value));
  return {spot: month(spot), overhead: month(overhead), onDemand: month(onDemand)};
}
