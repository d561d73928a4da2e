import type {Catalog, Rate} from '../catalog/catalog.js';
import {ProblemError} from '../model/problems.js';
import {D, dec, type Dec, HOURS_PER_MONTH, sum, UNIT_MS_PER_UNIT_HOUR, ZERO} from '../money/decimal.js';
import type {CommitmentCost, CurvePoint, HourlySpend} from '../model/compare.js';
import type {UsageProfile, UsageSeries} from '../model/profile.js';
import {toDec} from '../money/exact.js';
import {costAt} from '../pricing/price.js';
import {ownRate} from '../pricing/profile.js';
import {CommitmentSweep, profileSeriesTotals, type SweepItem} from './commitment-sweep.js';
import {
  type PlanId,
  planParts,
  type RateKey,
  SAVINGS_PLAN_RATE_KEYS,
  TERM_HOURS,
  UPFRONT_SHARE,
} from '../model/types.js';

/**
 * Compute Savings Plans as AWS applies them, hour by hour, and the commitment that costs least.
 *
 * Each clock hour the commitment C ($/h) is spent on eligible On-Demand usage at Savings Plan rates,
 * the usage with the highest savings percentage first; what it does not reach is billed On-Demand;
 * what it does not use is lost. Covering item i (Savings Plan cost s_i, On-Demand cost c_i) consumes
 * s_i of commitment and removes c_i from the bill, partly covered items proportionally. So each
 * hour's cost f_h(C) = C + uncovered_h(C) is convex and piecewise linear, with slope 1 - c_i/s_i on
 * item i's stretch and 1 past the last, and the total F(C) = sum f_h(C) is convex with breakpoints at
 * the cumulative Savings Plan costs of every hour. Sorting all breakpoints and sweeping the slope
 * finds the exact minimum (where the slope turns non-negative).
 *
 * Exactness: every breakpoint and every value at a breakpoint is a whole number in fine units, so
 * the sweep runs on bigints and divides once, when a figure is reported:
 * - money is counted in 1/(10^E x 3,686,400,000) dollars ("scaled"), E = the most decimals of any
 *   rate used (at least 6), so rate x unit-milliseconds is an integer;
 * - within one series c_i/s_i = On-Demand rate / Savings Plan rate = r_k, the same every hour; the
 *   uncovered cost is kept multiplied by L, the least common multiple of the r_k denominators, so
 *   r_k x L is an integer too.
 * The sweep itself (commitment-sweep.ts) keeps those integers exactly without a bigint per breakpoint.
 */

/** Usage the plan can cover: one On-Demand series with a Savings Plan rate, in coverage order. */
export interface CoveredSeries {
  /** Index into `UsageProfile.series`. */
  readonly index: number;
  readonly series: UsageSeries;
  readonly onDemand: Rate;
  readonly savingsPlan: Rate;
  /** 1 - SP rate / On-Demand rate (0.2 = 20%): the order AWS applies the commitment in. */
  readonly savingsRatio: Dec;
  readonly unitMs: bigint;
  /** Over the whole profile. */
  readonly onDemandCost: Dec;
}

/** Usage the plan never covers, always paid at its own rate. */
export interface FixedLine {
  readonly index: number;
  readonly series: UsageSeries;
  readonly rate: Rate;
  readonly unitMs: bigint;
  /** Over the whole profile. */
  readonly cost: Dec;
  /**
   * spot: Savings Plans never cover Spot; not-discounted: ephemeral storage and the Windows licence;
   * no-rate: the catalog has no Savings Plan rate for it (priced On-Demand, the plan may save more).
   */
  readonly reason: 'spot' | 'not-discounted' | 'no-rate';
}

export interface PreparedPlan {
  readonly plan: PlanId;
  /** Hours in the profile. */
  readonly hours: number;
  /** Hours a month, for the monthly figures (profile totals x monthHours / hours). */
  readonly monthHours: number;
  readonly covered: readonly CoveredSeries[];
  readonly fixed: readonly FixedLine[];
  readonly fixedCost: Dec;
  /** On-Demand cost of the eligible usage over the profile (what a commitment of 0 pays for it). */
  readonly eligibleOnDemandCost: Dec;
  /** Eligible On-Demand spend per hour: the lowest, the mean and the highest hour (Cost Explorer's figures). */
  readonly hourlyOnDemand: HourlySpend;
  /** The commitment that would cover every eligible hour entirely ($/h): above it, commitment is only lost. */
  readonly peakCommitment: Dec;
  /** Owned plans applied first (their cost is in every figure), or null. */
  readonly owned: OwnedFigures | null;
  /** The sweep, in scaled units (see the file comment). */
  readonly sweep: CommitmentSweep;
}

export interface CommitmentOptimum {
  /** The exact minimizer of F (the smallest one when F is flat at its minimum). */
  readonly exactCommitmentPerHour: Dec;
  /** The cheapest commitment AWS sells ($0.001 steps): one of the two multiples around the exact optimum. */
  readonly best: CommitmentCost;
  /** F at the exact optimum. */
  readonly atExact: CommitmentCost;
  /** Nothing to buy: the slope of F is already non-negative at 0 (usage too spiky or absent). */
  readonly noCommitment: boolean;
}

/** AWS sells hourly commitments in steps of $0.001. */
export const COMMITMENT_STEP = dec('0.001');

const savingsPlanKeys = new Set<RateKey>(SAVINGS_PLAN_RATE_KEYS);
const MIN_DECIMALS = 6;

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

function toScaledInteger(value: Dec, decimals: number): bigint {
  return BigInt(value.times(new D(10).pow(decimals)).toFixed(0));
}

function big(value: bigint): Dec {
  return new D(value.toString());
}

export interface PrepareOptions {
  readonly monthHours?: number;
  /** The profile's usage is unit-milliseconds times this (what owned plans left, owned.ts). */
  readonly usageScale?: bigint;
  /** Owned plans applied before this one: their commitment is paid whatever more is bought. */
  readonly owned?: OwnedFigures | undefined;
}

/** What owned plans cost and covered over the profile, before the plan sized here. */
export interface OwnedFigures {
  readonly commitmentCost: Dec;
  readonly used: Dec;
  readonly coveredOnDemand: Dec;
}

/**
 * Everything `costAtCommitment`, `optimizeCommitment` and `costCurve` need for one plan over one
 * profile: which usage the plan covers and in what order, and the sorted breakpoint sweep. Built in
 * O(n) for n = distinct hours x covered series (a radix sort); each later evaluation is a binary search
 * and a short replay.
 */
export function prepareSavingsPlan(
  profile: UsageProfile,
  catalog: Catalog,
  plan: PlanId,
  options: PrepareOptions = {},
): PreparedPlan {
  const hours = profile.hours.length;
  if (hours === 0) throw new ProblemError({kind: 'nothing-to-compare', reason: 'no-plan-hours'});
  const monthHours = options.monthHours ?? HOURS_PER_MONTH;
  const totals = profileSeriesTotals(profile);
  const usageScale = options.usageScale ?? 1n;
  const unscaled = (cost: Dec) => (usageScale === 1n ? cost : cost.div(big(usageScale)));

  const candidates: {index: number; series: UsageSeries; onDemand: Rate; savingsPlan: Rate}[] = [];
  const fixed: FixedLine[] = [];
  for (const [index, series] of profile.series.entries()) {
    const unitMs = totals[index]!;
    const fixedLine = (rate: Rate, reason: FixedLine['reason']): void => {
      fixed.push({index, series, rate, unitMs, cost: unscaled(toDec(costAt(rate.price, unitMs))), reason});
    };
    if (series.purchase === 'spot') {
      fixedLine(ownRate(catalog, series), 'spot');
      continue;
    }
    const onDemand = catalog.requireRate(series.region, 'on-demand', series.key);
    if (!savingsPlanKeys.has(series.key)) {
      fixedLine(onDemand, 'not-discounted');
      continue;
    }
    const savingsPlan = catalog.rate(series.region, plan, series.key);
    if (!savingsPlan) {
      fixedLine(onDemand, 'no-rate');
      continue;
    }
    if (savingsPlan.price.lte(0) || onDemand.price.lte(0)) {
      const {region, key} = series;
      throw new ProblemError({kind: 'zero-rate', catalogPath: catalog.origin.path, region, key, plan});
    }
    candidates.push({index, series, onDemand, savingsPlan});
  }

  const decimals = Math.max(
    MIN_DECIMALS,
    ...candidates.flatMap((c) => [c.onDemand.price.decimalPlaces(), c.savingsPlan.price.decimalPlaces()]),
  );
  const scale = 10n ** BigInt(decimals) * UNIT_MS_PER_UNIT_HOUR * usageScale;
  // r_k = On-Demand / Savings Plan rate as a reduced fraction num/den.
  const ratios = candidates.map((c) => {
    const od = toScaledInteger(c.onDemand.price, decimals);
    const sp = toScaledInteger(c.savingsPlan.price, decimals);
    const g = gcd(od, sp);
    return {od, sp, num: od / g, den: sp / g};
  });
  // Highest savings first = highest On-Demand / Savings Plan ratio first; ties keep profile order.
  const order = candidates
    .map((_, i) => i)
    .sort((a, b) => {
      const left = ratios[a]!.num * ratios[b]!.den;
      const right = ratios[b]!.num * ratios[a]!.den;
      return left === right ? candidates[a]!.index - candidates[b]!.index : left > right ? -1 : 1;
    });
  const l = ratios.reduce((acc, r) => (acc / gcd(acc, r.den)) * r.den, 1n);
  const items: SweepItem[] = order.map((i) => ({
    seriesIndex: candidates[i]!.index,
    sp: ratios[i]!.sp,
    od: ratios[i]!.od,
    coverRateL: (l / ratios[i]!.den) * ratios[i]!.num,
  }));
  const sweep = new CommitmentSweep(profile, items, {scale, l});

  const covered: CoveredSeries[] = order.map((i) => {
    const c = candidates[i]!;
    const unitMs = totals[c.index]!;
    return {
      ...c,
      savingsRatio: dec(1).minus(c.savingsPlan.price.div(c.onDemand.price)),
      unitMs,
      onDemandCost: unscaled(toDec(costAt(c.onDemand.price, unitMs))),
    };
  });
  const toDollars = (value: bigint) => big(value).div(big(scale));
  return {
    plan,
    hours,
    monthHours,
    covered,
    fixed,
    fixedCost: sum(fixed.map((line) => line.cost)),
    eligibleOnDemandCost: toDollars(sweep.eligibleOnDemand),
    hourlyOnDemand: {
      min: toDollars(sweep.minHour),
      mean: toDollars(sweep.eligibleOnDemand).div(hours),
      max: toDollars(sweep.maxHour),
    },
    peakCommitment: toDollars(sweep.peak),
    owned: options.owned ?? null,
    sweep,
  };
}

/** The smallest exact minimizer, in scaled units: the first breakpoint whose right-hand slope is >= 0. */
function exactOptimum(prepared: PreparedPlan): bigint {
  return prepared.sweep.exactOptimum(prepared.hours);
}

function costAtPosition(prepared: PreparedPlan, position: bigint): CommitmentCost {
  const {sweep, hours, monthHours} = prepared;
  const {uncoveredL, used: usedScaled} = sweep.valuesAt(position);
  const scale = big(sweep.scale);
  const commitmentPerHour = big(position).div(scale);
  const commitmentCost = commitmentPerHour.times(hours);
  const uncoveredOnDemandCost = big(uncoveredL).div(big(sweep.l * sweep.scale));
  const eligibleL = sweep.eligibleOnDemand * sweep.l;
  const coveredOnDemandCost = big(eligibleL - uncoveredL).div(big(sweep.l * sweep.scale));
  const usedCommitment = big(usedScaled).div(scale);
  // Owned plans: their commitment is paid whatever is bought, and what they covered counts as covered.
  const owned = prepared.owned;
  const ownedCost = owned?.commitmentCost ?? ZERO;
  const ownedCovered = owned?.coveredOnDemand ?? ZERO;
  const totalCost = commitmentCost.plus(uncoveredOnDemandCost).plus(prepared.fixedCost).plus(ownedCost);
  const perMonth = (value: Dec) => value.times(monthHours).div(hours);
  const monthlyCost = commitmentPerHour
    .times(monthHours)
    .plus(perMonth(uncoveredOnDemandCost.plus(prepared.fixedCost).plus(ownedCost)));
  const noneMonthly = perMonth(prepared.eligibleOnDemandCost.plus(prepared.fixedCost).plus(ownedCost));
  const eligible = prepared.eligibleOnDemandCost.plus(ownedCovered);
  const {term, payment} = planParts(prepared.plan);
  const share = dec(UPFRONT_SHARE[payment]);
  return {
    plan: prepared.plan,
    commitmentPerHour,
    hours,
    totalCost,
    commitmentCost,
    uncoveredOnDemandCost,
    coveredOnDemandCost,
    fixedCost: prepared.fixedCost,
    usedCommitment,
    unusedCommitment: commitmentCost.minus(usedCommitment),
    utilization: position === 0n ? null : big(usedScaled).div(big(position * BigInt(hours))),
    coverage:
      owned === null
        ? eligibleL === 0n
          ? null
          : big(eligibleL - uncoveredL).div(big(eligibleL))
        : eligible.isZero()
          ? null
          : coveredOnDemandCost.plus(ownedCovered).div(eligible),
    monthlyCost,
    monthlySavings: noneMonthly.minus(monthlyCost),
    upfront: commitmentPerHour.times(TERM_HOURS[term]).times(share),
    recurringMonthlyCost: monthlyCost.minus(commitmentPerHour.times(monthHours).times(share)),
  };
}

/** The commitment in scaled units; throws when it is finer than the sweep's unit (a millionth of a dollar at least). */
function positionOf(prepared: PreparedPlan, commitmentPerHour: Dec): bigint {
  if (commitmentPerHour.isNegative())
    throw new RangeError(`a commitment cannot be negative: ${commitmentPerHour.toString()}`);
  const scaled = commitmentPerHour.times(big(prepared.sweep.scale));
  if (!scaled.isInteger())
    throw new RangeError(
      `commitment ${commitmentPerHour.toString()} is finer than this profile's unit (at most ${MIN_DECIMALS} decimals)`,
    );
  return BigInt(scaled.toFixed(0));
}

/** What an hourly commitment costs over the profile: O(log n) on a prepared plan, exact. */
export function costAtCommitment(prepared: PreparedPlan, commitmentPerHour: Dec): CommitmentCost {
  return costAtPosition(prepared, positionOf(prepared, commitmentPerHour));
}

/**
 * The commitment that minimizes the total cost: the first breakpoint from which the slope of F
 * is non-negative (slope x L = hours x L - sum of r_k x L over the hours' items being covered).
 * Then the best purchasable commitment: F is convex, so it is one of the two $0.001 multiples
 * around the exact optimum (the lower one on a tie).
 */
export function optimizeCommitment(prepared: PreparedPlan): CommitmentOptimum {
  const {sweep} = prepared;
  const exact = exactOptimum(prepared);
  const step = sweep.scale / 1000n;
  const below = (exact / step) * step;
  const above = below === exact ? below : below + step;
  const low = costAtPosition(prepared, below);
  const high = costAtPosition(prepared, above);
  return {
    exactCommitmentPerHour: big(exact).div(big(sweep.scale)),
    atExact: costAtPosition(prepared, exact),
    best: high.totalCost.lt(low.totalCost) ? high : low,
    noCommitment: exact === 0n,
  };
}

/**
 * F over commitments from 0 to the peak (where every hour is covered; beyond it F only grows):
 * every breakpoint when there are at most `maxPoints`, else `maxPoints` evenly spaced commitments
 * plus the exact optimum. Each point is exact.
 */
export function costCurve(prepared: PreparedPlan, maxPoints = 200): CurvePoint[] {
  const {sweep} = prepared;
  let positions: bigint[];
  if (sweep.breakpoints <= maxPoints) positions = sweep.positions();
  else {
    const last = sweep.peak;
    const steps = BigInt(Math.max(1, maxPoints - 1));
    const evenly = Array.from({length: Number(steps) + 1}, (_, k) => (last * BigInt(k)) / steps);
    positions = [...new Set([...evenly, exactOptimum(prepared)])];
    positions.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }
  return positions.map((position) => {
    const cost = costAtPosition(prepared, position);
    return {
      commitmentPerHour: cost.commitmentPerHour,
      monthlyCost: cost.monthlyCost,
      utilization: cost.utilization,
      coverage: cost.coverage,
    };
  });
}

/** Cost without any commitment: every eligible hour On-Demand. */
export function costWithoutCommitment(prepared: PreparedPlan): CommitmentCost {
  return costAtPosition(prepared, 0n);
}

/** True for a commitment AWS sells: a non-negative multiple of $0.001. */
export function isPurchasableCommitment(commitmentPerHour: Dec): boolean {
  return !commitmentPerHour.isNegative() && commitmentPerHour.div(COMMITMENT_STEP).isInteger();
}

export type {CommitmentCost, CurvePoint};
