import type {Catalog} from '../catalog/catalog.js';
import {ProblemError} from '../model/problems.js';
import {MS_PER_HOUR} from '../money/decimal.js';
import type {RateGap} from '../model/priced.js';
import type {ProfileHour, Purchase, UsageProfile, UsageSeries} from '../model/profile.js';
import {SPOT_RATE_KEYS, type RateKey} from '../model/types.js';
import type {Strategy} from '../model/strategy.js';

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
  const hours = Array.from({length: count}, (_, i) => ({
    startMs: first + i * MS_PER_HOUR,
    unitMs: series.map(() => 0n),
  }));
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
  return {
    series: keep.map((i) => profile.series[i]!),
    hours: profile.hours.map((hour) => ({startMs: hour.startMs, unitMs: keep.map((i) => hour.unitMs[i] ?? 0n)})),
  };
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

/**
 * Re-buys measured usage under a capacity-provider strategy, hour by hour: up to `base` tasks'
 * worth of usage (`perTaskHour` per series, per task) on the base provider first, the rest shared
 * between FARGATE and FARGATE_SPOT in proportion to their weights. This is the fluid form of ECS's
 * whole-task placement (an hour's usage is rarely a whole number of tasks); the Spot share of each
 * series-hour is rounded down to the profile's unit (1/1024 unit-millisecond) and the remainder
 * stays On-Demand, so no usage is lost or invented.
 */
export function splitByStrategy(
  profile: UsageProfile,
  perTaskHour: readonly bigint[],
  strategy: Strategy,
): UsageProfile {
  const all = withPurchase(profile, 'on-demand');
  // perTaskHour is aligned with `profile.series`; map it onto the folded series.
  const perTask = all.series.map((item) => {
    const i = profile.series.findIndex((x) => x.region === item.region && x.key === item.key);
    return i === -1 ? 0n : (perTaskHour[i] ?? 0n);
  });
  const base = strategy.find((item) => item.base > 0);
  const weight = (provider: Strategy[number]['provider']) =>
    BigInt(strategy.filter((item) => item.provider === provider).reduce((a, item) => a + item.weight, 0));
  const spotWeight = weight('FARGATE_SPOT');
  const totalWeight = spotWeight + weight('FARGATE');
  if (spotWeight === 0n && base?.provider !== 'FARGATE_SPOT') return all;
  const onDemand: ProfileHour[] = [];
  const spot: ProfileHour[] = [];
  for (const hour of all.hours) {
    const spotUnitMs = hour.unitMs.map((unitMs, i) => {
      const basePart = base
        ? unitMs < BigInt(base.base) * perTask[i]!
          ? unitMs
          : BigInt(base.base) * perTask[i]!
        : 0n;
      const weighted = ((unitMs - basePart) * spotWeight) / totalWeight;
      return (base?.provider === 'FARGATE_SPOT' ? basePart : 0n) + weighted;
    });
    spot.push({startMs: hour.startMs, unitMs: spotUnitMs});
    onDemand.push({startMs: hour.startMs, unitMs: hour.unitMs.map((unitMs, i) => unitMs - spotUnitMs[i]!)});
  }
  const series = (purchase: Purchase) => all.series.map((item) => ({...item, purchase}));
  const split = mergeProfiles([
    {series: series('on-demand'), hours: onDemand},
    {series: series('spot'), hours: spot},
  ]);
  // Drop series the strategy leaves empty (a FARGATE-only share has no Spot usage to show).
  const totals = profileTotals(split);
  const keep = split.series.map((_, i) => i).filter((i) => totals[i]! > 0n);
  return {
    series: keep.map((i) => split.series[i]!),
    hours: split.hours.map((hour) => ({startMs: hour.startMs, unitMs: keep.map((i) => hour.unitMs[i]!)})),
  };
}

export function hasWindows(profile: UsageProfile): boolean {
  return profile.series.some((item) => item.key.startsWith('windows-'));
}

/** True when some Spot series has usage. */
export function hasSpotUsage(profile: UsageProfile): boolean {
  const totals = profileTotals(profile);
  return profile.series.some((item, i) => item.purchase === 'spot' && totals[i]! > 0n);
}

export {profileTotals} from '../pricing/profile.js';
import {profileTotals} from '../pricing/profile.js';

/**
 * The Fargate Spot rates a profile needs and the catalog lacks: Spot series with usage whose
 * dimension Spot discounts (Linux vCPU and memory; storage is billed On-Demand anyway), in the
 * order the profile lists them, each once.
 */
export function missingSpotRates(profile: UsageProfile, catalog: Catalog): RateGap[] {
  const totals = profileTotals(profile);
  const gaps = new Map<string, RateGap>();
  profile.series.forEach((series, i) => {
    if (series.purchase !== 'spot' || !spotKeys.has(series.key) || totals[i]! === 0n) return;
    if (catalog.rate(series.region, 'spot', series.key) === undefined)
      gaps.set(`${series.region}|${series.key}`, {region: series.region, key: series.key});
  });
  return [...gaps.values()];
}

/**
 * The usage a Savings Plan is sized over: the profile without the Spot usage the catalog has no
 * rate for (no plan covers Spot, and what it cost cannot be priced). `gaps`: missingSpotRates(profile).
 */
export function withoutUnpricedSpot(profile: UsageProfile, gaps: readonly RateGap[]): UsageProfile {
  if (gaps.length === 0) return profile;
  return withoutSeries(
    profile,
    (s) => s.purchase === 'spot' && gaps.some((gap) => gap.region === s.region && gap.key === s.key),
  );
}

/** The profile without the series `drop` names (same hours). */
export function withoutSeries(profile: UsageProfile, drop: (series: UsageSeries) => boolean): UsageProfile {
  const keep = profile.series.map((item, i) => (drop(item) ? -1 : i)).filter((i) => i >= 0);
  return {
    series: keep.map((i) => profile.series[i]!),
    hours: profile.hours.map((hour) => ({startMs: hour.startMs, unitMs: keep.map((i) => hour.unitMs[i] ?? 0n)})),
  };
}

/** Fails when a profile puts Windows usage on Spot (Fargate Spot is Linux only). */
export function assertSpotPossible(
  profile: UsageProfile,
  what: {readonly component: string; readonly strategy: Strategy | null},
): void {
  if (profile.series.some((item) => item.purchase === 'spot' && item.key.startsWith('windows-'))) {
    throw new ProblemError({kind: 'windows-on-spot', ...what});
  }
}

/** True when a series can be bought on Spot (Linux vCPU and memory; storage rides along at On-Demand rates). */
export function spotCapable(series: UsageSeries): boolean {
  return spotKeys.has(series.key) || series.key === 'storage';
}

export type {RateGap};
