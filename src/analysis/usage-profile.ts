import type {Catalog, Rate} from '../catalog/catalog.js';
import {EXIT, UserError} from '../errors.js';
import {type Dec, MS_PER_HOUR, sum, unitMsToHours} from '../money/decimal.js';
import type {ProfileHour, Purchase, UsageProfile, UsageSeries} from '../model/profile.js';
import {SPOT_RATE_KEYS, type RateKey} from '../model/types.js';
import {costOf, ownRate} from './savings-plan.js';

/** Operations on hourly usage profiles: merging, slicing, re-purchasing, pricing. All exact. */

export function seriesId(series: UsageSeries): string {
  return `${series.region}|${series.key}|${series.purchase}`;
}

const spotKeys = new Set<RateKey>(SPOT_RATE_KEYS);

/**
 * Adds profiles hour by hour. Hours are matched by their start; the result spans from the earliest
 * to the latest hour of any input, idle hours included, so it stays dense.
 */
export function mergeProfiles(profiles: readonly UsageProfile[]): UsageProfile {
  const withHours = profiles.filter((profile) => profile.hours.length > 0);
  const series: UsageSeries[] = [];
  const index = new Map<string, number>();
  for (const profile of profiles) {
    for (const item of profile.series) {
      const id = seriesId(item);
      if (!index.has(id)) {
        index.set(id, series.length);
        series.push(item);
      }
    }
  }
  if (withHours.length === 0) return {series, hours: []};
  const first = Math.min(...withHours.map((profile) => profile.hours[0]!.startMs));
  const last = Math.max(...withHours.map((profile) => profile.hours[profile.hours.length - 1]!.startMs));
  const count = (last - first) / MS_PER_HOUR + 1;
  if (!Number.isInteger(count)) throw new RangeError('profiles to merge must start on clock hours');
  const hours = Array.from({length: count}, (_, i) => ({startMs: first + i * MS_PER_HOUR, unitMs: series.map(() => 0n)}));
  for (const profile of profiles) {
    const targets = profile.series.map((item) => index.get(seriesId(item))!);
    for (const hour of profile.hours) {
      const target = hours[(hour.startMs - first) / MS_PER_HOUR]!;
      hour.unitMs.forEach((unitMs, i) => {
        target.unitMs[targets[i]!]! += unitMs;
      });
    }
  }
  return {series, hours};
}

/** The profile with every series bought one way (Spot series folded into On-Demand, or the reverse). */
export function withPurchase(profile: UsageProfile, purchase: Purchase): UsageProfile {
  return mergeProfiles([{series: profile.series.map((item) => ({...item, purchase})), hours: profile.hours}]);
}

/** The last `count` hours (all when the profile is shorter). */
export function lastHours(profile: UsageProfile, count: number): UsageProfile {
  return {series: profile.series, hours: profile.hours.slice(Math.max(0, profile.hours.length - count))};
}

/** Only the series bought one way, with the same hours. */
export function onlyPurchase(profile: UsageProfile, purchase: Purchase): UsageProfile {
  const keep = profile.series.map((item, i) => (item.purchase === purchase ? i : -1)).filter((i) => i >= 0);
  return {series: keep.map((i) => profile.series[i]!), hours: profile.hours.map((hour) => ({startMs: hour.startMs, unitMs: keep.map((i) => hour.unitMs[i] ?? 0n)}))};
}

/**
 * Splits a profile hour by hour: up to `cap` (per series, per hour) stays On-Demand, the rest goes
 * to Spot. What "keep N tasks on FARGATE, the rest on FARGATE_SPOT" does to measured usage.
 */
export function splitOnDemandCap(profile: UsageProfile, cap: readonly bigint[]): UsageProfile {
  const onDemand: ProfileHour[] = [];
  const spot: ProfileHour[] = [];
  for (const hour of profile.hours) {
    const kept = hour.unitMs.map((unitMs, i) => (unitMs < cap[i]! ? unitMs : cap[i]!));
    onDemand.push({startMs: hour.startMs, unitMs: kept});
    spot.push({startMs: hour.startMs, unitMs: hour.unitMs.map((unitMs, i) => unitMs - kept[i]!)});
  }
  const series = (purchase: Purchase) => profile.series.map((item) => ({...item, purchase}));
  return mergeProfiles([
    {series: series('on-demand'), hours: onDemand},
    {series: series('spot'), hours: spot},
  ]);
}

export function hasWindows(profile: UsageProfile): boolean {
  return profile.series.some((item) => item.key.startsWith('windows-'));
}

/** True when some Spot series has usage. */
export function hasSpotUsage(profile: UsageProfile): boolean {
  const totals = profileTotals(profile);
  return profile.series.some((item, i) => item.purchase === 'spot' && totals[i]! > 0n);
}

export function profileTotals(profile: UsageProfile): bigint[] {
  const totals = profile.series.map(() => 0n);
  for (const hour of profile.hours) for (let i = 0; i < totals.length; i++) totals[i]! += hour.unitMs[i] ?? 0n;
  return totals;
}

/** One series of a profile priced at the rate it is bought at (Spot storage at the On-Demand rate). */
export interface ProfileLine {
  readonly series: UsageSeries;
  readonly rate: Rate;
  readonly unitMs: bigint;
  /** Unit-hours (vCPU-hours, GB-hours). */
  readonly quantity: Dec;
  readonly cost: Dec;
}

export interface PricedProfile {
  readonly lines: readonly ProfileLine[];
  readonly cost: Dec;
  readonly onDemandCost: Dec;
  readonly spotCost: Dec;
}

/** Prices a profile with no commitment: On-Demand series On-Demand, Spot series at Spot rates. */
export function priceProfile(profile: UsageProfile, catalog: Catalog): PricedProfile {
  const totals = profileTotals(profile);
  const lines = profile.series
    .map((series, i): ProfileLine => {
      const rate = ownRate(catalog, series);
      return {series, rate, unitMs: totals[i]!, quantity: unitMsToHours(totals[i]!), cost: costOf(rate.price, totals[i]!)};
    })
    .filter((line) => line.unitMs > 0n);
  return {
    lines,
    cost: sum(lines.map((line) => line.cost)),
    onDemandCost: sum(lines.filter((line) => line.series.purchase === 'on-demand').map((line) => line.cost)),
    spotCost: sum(lines.filter((line) => line.series.purchase === 'spot').map((line) => line.cost)),
  };
}

/** Fails with a one-line error when a profile puts Windows usage on Spot (Fargate Spot is Linux only). */
export function assertSpotPossible(profile: UsageProfile, what: string): void {
  const windows = profile.series.find((item) => item.purchase === 'spot' && item.key.startsWith('windows-'));
  if (windows) {
    throw new UserError(`${what} puts Windows tasks on Fargate Spot, which runs Linux tasks only`, {
      hint: 'keep Windows services on FARGATE (On-Demand or a Savings Plan)',
      exitCode: EXIT.input,
    });
  }
}

/** True when a series can be bought on Spot (Linux vCPU and memory; storage rides along at On-Demand rates). */
export function spotCapable(series: UsageSeries): boolean {
  return spotKeys.has(series.key) || series.key === 'storage';
}
