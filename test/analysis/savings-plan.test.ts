import fc from 'fast-check';
import {toDec} from '../../src/money/exact.js';
import {costAt} from '../../src/pricing/price.js';
import {ownRate} from '../../src/pricing/profile.js';
import {describe, expect, it} from 'vitest';
import {
  type CommitmentCost,
  type CommitmentOptimum,
  costAtCommitment,
  costCurve,
  costWithoutCommitment,
  type CurvePoint,
  isPurchasableCommitment,
  optimizeCommitment,
  type PreparedPlan,
  prepareSavingsPlan,
} from '../../src/analysis/savings-plan.js';
import type {Catalog} from '../../src/catalog/catalog.js';
import {D, dec, type Dec, MS_PER_HOUR, UNIT_MS_PER_UNIT_HOUR, ZERO} from '../../src/money/decimal.js';
import type {UsageProfile, UsageSeries} from '../../src/model/profile.js';
import {
  PLAN_IDS,
  type PlanId,
  planParts,
  type RateKey,
  SAVINGS_PLAN_RATE_KEYS,
  TERM_HOURS,
  UPFRONT_SHARE,
} from '../../src/model/types.js';
import {embeddedCatalog} from '../helpers/catalog.js';
import {ARM_1_2, mergeProfiles, repeat, taskProfile, X86_1_2} from './profiles.js';

const catalog = embeddedCatalog();
const ONE_YEAR_NO: PlanId = 'compute-1y-no-upfront';

// us-east-1, 1 vCPU / 2 GB Linux x86: On-Demand 0.04048 + 2 x 0.004445 = 0.04937 an hour;
// 1 yr No Upfront 0.032384 + 2 x 0.003556 = 0.039496 an hour (20% off both, so c/s = 1.25 exactly).
const OD_TASK_HOUR = '0.04937';
const SP_TASK_HOUR = '0.039496';

describe('Savings Plans: hand-computed profiles (us-east-1, 1 vCPU / 2 GB, 1 yr No Upfront)', () => {
  it('flat: commits to exactly one task-hour at SP rates; the best purchasable step is below it', () => {
    const prepared = prepareSavingsPlan(taskProfile(repeat([1], 730)), catalog, ONE_YEAR_NO);
    expect(prepared.eligibleOnDemandCost.toString()).toBe('36.0401'); // 730 x 0.04937
    expect(prepared.peakCommitment.toString()).toBe(SP_TASK_HOUR);
    expect(prepared.hourlyOnDemand.min.toString()).toBe(OD_TASK_HOUR);
    expect(prepared.hourlyOnDemand.max.toString()).toBe(OD_TASK_HOUR);
    const optimum = optimizeCommitment(prepared);
    expect(optimum.exactCommitmentPerHour.toString()).toBe(SP_TASK_HOUR);
    expect(optimum.atExact.monthlyCost.toString()).toBe('28.83208'); // 0.039496 x 730
    expect(optimum.atExact.utilization!.toString()).toBe('1');
    expect(optimum.atExact.coverage!.toString()).toBe('1');
    // $0.039 covers the vCPU (0.032384) and 0.006616 of the memory's 0.007112; the rest of the memory,
    // 0.000496 at SP rates = 0.00062 On-Demand, is billed On-Demand: 0.039 + 0.00062 = 0.03962 an hour.
    // $0.040 covers everything and wastes 0.000504 an hour. 0.03962 < 0.040.
    expect(optimum.best.commitmentPerHour.toString()).toBe('0.039');
    expect(optimum.best.uncoveredOnDemandCost.toString()).toBe('0.4526'); // 730 x 0.00062
    expect(optimum.best.monthlyCost.toString()).toBe('28.9226'); // 730 x 0.03962
    expect(optimum.best.monthlySavings.toString()).toBe('7.1175'); // 36.0401 - 28.9226
    expect(optimum.best.utilization!.toString()).toBe('1');
    expect(optimum.best.coverage!.toString()).toBe(dec('35.5875').div('36.0401').toString()); // (36.0401 - 0.4526) / 36.0401
    expect(optimum.best.upfront.toString()).toBe('0');
    expect(optimum.noCommitment).toBe(false);
  });

  it('daily cycle: 2 tasks 20 hours a day, 1 task 4 hours: commits to both tasks (over 80% of hours)', () => {
    // Slope past one task: 48 - 1.25 x 40 = -2 < 0, so covering the second task pays; past two: +48.
    const prepared = prepareSavingsPlan(
      taskProfile(repeat([...repeat([1], 4), ...repeat([2], 20)], 2)),
      catalog,
      ONE_YEAR_NO,
    );
    const optimum = optimizeCommitment(prepared);
    expect(optimum.exactCommitmentPerHour.toString()).toBe('0.078992');
    expect(optimum.atExact.totalCost.toString()).toBe('3.791616'); // 48 x 0.078992
    expect(optimum.atExact.utilization!.toString()).toBe(dec(44).div(48).toString()); // 40 full hours + 8 half-used
    // $0.078 leaves 0.000992 x 1.25 = 0.00124 On-Demand in each of the 40 busy hours: 48 x 0.078 + 0.0496 = 3.7936;
    // $0.079 covers all: 48 x 0.079 = 3.792. The higher step wins.
    expect(costAtCommitment(prepared, dec('0.078')).totalCost.toString()).toBe('3.7936');
    expect(optimum.best.commitmentPerHour.toString()).toBe('0.079');
    expect(optimum.best.totalCost.toString()).toBe('3.792');
    expect(optimum.best.monthlyCost.toString()).toBe('57.67'); // 0.079 x 730, nothing uncovered
    // All On-Demand: 88 task-hours x 0.04937 = 4.34456 over 48 hours = 66.0701... a month.
    expect(costWithoutCommitment(prepared).monthlyCost.toString()).toBe(dec('4.34456').times(730).div(48).toString());
  });

  it('spiky: 10 tasks for 1 hour a day does not pay a commitment', () => {
    const prepared = prepareSavingsPlan(taskProfile([10, ...repeat([0], 23)]), catalog, ONE_YEAR_NO);
    const optimum = optimizeCommitment(prepared);
    expect(optimum.noCommitment).toBe(true);
    expect(optimum.exactCommitmentPerHour.toString()).toBe('0');
    expect(optimum.best.commitmentPerHour.toString()).toBe('0');
    expect(optimum.best.utilization).toBeNull();
    expect(optimum.best.coverage!.toString()).toBe('0');
    expect(optimum.best.monthlyCost.toString()).toBe(dec('0.4937').times(730).div(24).toString());
    expect(prepared.hourlyOnDemand.min.toString()).toBe('0');
    expect(prepared.hourlyOnDemand.max.toString()).toBe('0.4937');
  });

  it('exactly 80% of hours busy: the cost is flat up to one task, and the smallest minimizer (none) is chosen', () => {
    // Slope on (0, 0.039496): 25 - 1.25 x 20 = 0.
    const prepared = prepareSavingsPlan(taskProfile([...repeat([1], 20), ...repeat([0], 5)]), catalog, ONE_YEAR_NO);
    const optimum = optimizeCommitment(prepared);
    expect(optimum.exactCommitmentPerHour.toString()).toBe('0');
    expect(costAtCommitment(prepared, ZERO).totalCost.toString()).toBe('0.9874'); // 20 x 0.04937
    expect(costAtCommitment(prepared, dec('0.039')).totalCost.toString()).toBe('0.9874'); // 25 x 0.039 + 20 x 0.00062
    expect(costAtCommitment(prepared, dec('0.039496')).totalCost.toString()).toBe('0.9874'); // 25 x 0.039496
    expect(costAtCommitment(prepared, dec('0.04')).totalCost.toString()).toBe('1'); // 25 x 0.04
  });

  it('prices upfront payments: All Upfront pays the whole term at purchase, Partial half', () => {
    const profile = taskProfile(repeat([1], 24));
    const all = costAtCommitment(prepareSavingsPlan(profile, catalog, 'compute-3y-all-upfront'), dec('0.03'));
    expect(all.upfront.toString()).toBe('788.4'); // 0.03 x 26,280 h
    expect(all.recurringMonthlyCost.toString()).toBe(all.monthlyCost.minus('21.9').toString()); // 0.03 x 730 is prepaid
    const partial = costAtCommitment(prepareSavingsPlan(profile, catalog, 'compute-1y-partial-upfront'), dec('0.03'));
    expect(partial.upfront.toString()).toBe('131.4'); // 0.03 x 8,760 x 0.5
    expect(partial.recurringMonthlyCost.toString()).toBe(partial.monthlyCost.minus('10.95').toString());
  });
});

describe('Savings Plans: the highest savings percentage is covered first', () => {
  it('orders arm64 memory (21.35% off) before arm64 vCPU (21.25%) before x86 (20%)', () => {
    const profile = mergeProfiles([taskProfile([1], X86_1_2), taskProfile([1], ARM_1_2)]);
    const prepared = prepareSavingsPlan(profile, catalog, ONE_YEAR_NO);
    expect(prepared.covered.map((c) => [c.series.key, c.savingsRatio.toString()])).toEqual([
      ['linux-arm64-memory', dec(1).minus(dec('0.0028').div('0.00356')).toString()],
      ['linux-arm64-vcpu', dec(1).minus(dec('0.0255').div('0.03238')).toString()],
      ['linux-x86_64-vcpu', '0.2'],
      ['linux-x86_64-memory', '0.2'],
    ]);
  });

  it('spends a small commitment on the arm64 memory, leaving the vCPU On-Demand', () => {
    // arm64 1 vCPU / 2 GB for one hour: memory at SP rates 2 x 0.0028 = 0.0056, On-Demand 2 x 0.00356 = 0.00712.
    // $0.0056 covers the memory exactly; the vCPU's 0.03238 stays On-Demand: 0.0056 + 0.03238 = 0.03798.
    // (Spending it on the vCPU first would leave 0.03238 - 0.0056 x 0.03238/0.0255 + 0.00712 = 0.0323890... uncovered.)
    const prepared = prepareSavingsPlan(taskProfile([1], ARM_1_2), catalog, ONE_YEAR_NO);
    const cost = costAtCommitment(prepared, dec('0.0056'));
    expect(cost.uncoveredOnDemandCost.toString()).toBe('0.03238');
    expect(cost.totalCost.toString()).toBe('0.03798');
    expect(cost.coveredOnDemandCost.toString()).toBe('0.00712');
  });

  it('never covers Spot, storage or the Windows licence, and prices them at their own rates', () => {
    const windows = {...X86_1_2, os: 'windows' as const, storageGiB: 30};
    const profile = mergeProfiles([taskProfile([1, 1], windows), taskProfile([1, 1], X86_1_2, {purchase: 'spot'})]);
    const prepared = prepareSavingsPlan(profile, catalog, ONE_YEAR_NO);
    expect(prepared.covered.map((c) => c.series.key)).toEqual(['windows-x86_64-vcpu', 'windows-x86_64-memory']);
    expect(
      prepared.fixed.map((line) => [line.series.key, line.series.purchase, line.reason, line.cost.toString()]),
    ).toEqual([
      ['windows-x86_64-os-license', 'on-demand', 'not-discounted', '0.092'], // 2 h x 0.046
      ['storage', 'on-demand', 'not-discounted', '0.00222'], // 10 GiB x 2 h x 0.000111
      ['linux-x86_64-vcpu', 'spot', 'spot', '0.02577742'], // 2 h x 0.01288871
      ['linux-x86_64-memory', 'spot', 'spot', '0.00566108'], // 4 GB-h x 0.00141527
    ]);
    // However large the commitment, the fixed lines stay.
    expect(costAtCommitment(prepared, dec(5)).uncoveredOnDemandCost.toString()).toBe('0');
    expect(costAtCommitment(prepared, dec(5)).fixedCost.toString()).toBe('0.1256585');
  });
});

/**
 * An independent, naive simulation of one plan over a profile, hour by hour, as AWS describes it:
 * items sorted by savings percentage, the commitment spent greedily, a partial item covered in
 * proportion. Shares nothing with the optimizer but the catalog.
 */
type NaiveItem = {fixed: Dec} | {c: Dec; s: Dec; saving: Dec; i: number};

/** Each hour's lines, in the order a plan covers them: the simulation's part that does not depend on the commitment. */
function naiveHours(profile: UsageProfile, cat: Catalog, plan: PlanId): NaiveItem[][] {
  const eligible = (s: UsageSeries) =>
    s.purchase === 'on-demand' && !['storage', 'windows-x86_64-os-license'].includes(s.key);
  return profile.hours.map((hour) =>
    profile.series
      .map((series, i): NaiveItem => {
        const quantity = new D(hour.unitMs[i]!.toString()).div(UNIT_MS_PER_UNIT_HOUR.toString());
        const od = cat.requireRate(series.region, 'on-demand', series.key).price;
        if (series.purchase === 'spot')
          return {fixed: cat.requireRate(series.region, 'spot', series.key).price.times(quantity)};
        const sp = eligible(series) ? cat.rate(series.region, plan, series.key)?.price : undefined;
        if (!sp) return {fixed: od.times(quantity)};
        return {c: od.times(quantity), s: sp.times(quantity), saving: dec(1).minus(sp.div(od)), i};
      })
      .sort(
        (a, b) =>
          ('saving' in b ? b.saving : ZERO).comparedTo('saving' in a ? a.saving : ZERO) ||
          ('i' in a ? a.i : 0) - ('i' in b ? b.i : 0),
      ),
  );
}

/** The plan's cost at `commitment`, hour by hour as AWS applies it: highest saving first. */
function naiveCost(hours: readonly NaiveItem[][], commitment: Dec): Dec {
  let total = ZERO;
  for (const items of hours) {
    let left = commitment;
    total = total.plus(commitment);
    for (const item of items) {
      if ('fixed' in item) total = total.plus(item.fixed);
      else if (item.s.isZero()) continue;
      else if (left.gte(item.s)) left = left.minus(item.s);
      else {
        total = total.plus(item.c.times(dec(1).minus(left.div(item.s))));
        left = ZERO;
      }
    }
  }
  return total;
}

const KEYS: RateKey[] = [
  'linux-x86_64-vcpu',
  'linux-x86_64-memory',
  'linux-arm64-vcpu',
  'linux-arm64-memory',
  'windows-x86_64-vcpu',
  'windows-x86_64-memory',
  'storage',
];

const arbitraryProfile = fc
  .record({
    series: fc.uniqueArray(
      fc.record({
        region: fc.constantFrom('us-east-1', 'eu-west-1'),
        key: fc.constantFrom(...KEYS),
        purchase: fc.constantFrom('on-demand' as const, 'on-demand' as const, 'spot' as const),
      }),
      {minLength: 1, maxLength: 4, selector: (s) => `${s.region}|${s.key}|${s.purchase}`},
    ),
    hours: fc.integer({min: 1, max: 8}),
  })
  .map((shape) => ({
    ...shape,
    // Spot exists for Linux compute only.
    series: shape.series.map((s) => (s.key.startsWith('linux-') ? s : {...s, purchase: 'on-demand' as const})),
  }))
  .filter(
    (shape) => new Set(shape.series.map((s) => `${s.region}|${s.key}|${s.purchase}`)).size === shape.series.length,
  )
  .chain((shape) =>
    fc
      .array(
        fc.array(fc.integer({min: 0, max: 4 * 1024 * 3600}), {
          minLength: shape.series.length,
          maxLength: shape.series.length,
        }),
        {minLength: shape.hours, maxLength: shape.hours},
      )
      .map(
        (rows): UsageProfile => ({
          series: shape.series,
          // Units x seconds, in whole milliseconds: up to 4 units for a whole hour per series.
          hours: rows.map((row, h) => ({startMs: h * MS_PER_HOUR, unitMs: row.map((units) => BigInt(units) * 1000n)})),
        }),
      ),
  );

const TOLERANCE = dec('1e-30');

describe('Savings Plans optimizer against brute force (property)', () => {
  it('no commitment on a fine grid, nor any random one, costs less than the optimum; the naive simulation agrees with F', () => {
    fc.assert(
      fc.property(
        arbitraryProfile,
        fc.constantFrom(...PLAN_IDS),
        fc.array(fc.integer({min: 0, max: 2_000_000}), {maxLength: 5}),
        (profile, plan, randomMicros) => {
          const prepared = prepareSavingsPlan(profile, catalog, plan);
          const hours = naiveHours(profile, catalog, plan);
          const optimum = optimizeCommitment(prepared);
          const best = optimum.atExact.totalCost;
          // The optimizer's F equals the independent simulation at the optimum and at the purchasable step.
          expect(naiveCost(hours, optimum.exactCommitmentPerHour).minus(best).abs().lte(TOLERANCE)).toBe(true);
          expect(
            naiveCost(hours, optimum.best.commitmentPerHour).minus(optimum.best.totalCost).abs().lte(TOLERANCE),
          ).toBe(true);
          // A fine grid from 0 to past the peak: 200 steps, in whole micro-dollars.
          const top = prepared.peakCommitment.plus('0.002');
          const step = top.div(200).toDecimalPlaces(6, D.ROUND_UP).plus('0.000001');
          const grid = Array.from({length: 201}, (_, k) => step.times(k));
          for (const commitment of [...grid, ...randomMicros.map((m) => dec(m).div(1_000_000))]) {
            const naive = naiveCost(hours, commitment);
            expect(
              naive.plus(TOLERANCE).gte(best),
              `commitment ${commitment} costs ${naive}, optimum ${optimum.exactCommitmentPerHour} costs ${best}`,
            ).toBe(true);
            expect(costAtCommitment(prepared, commitment).totalCost.minus(naive).abs().lte(TOLERANCE)).toBe(true);
          }
          // The purchasable optimum beats the $0.001 steps around it; the cost is convex in the
          // commitment, so the grid above and these neighbours cover every other step.
          const chosen = optimum.best.commitmentPerHour.times(1000).toNumber();
          for (let k = Math.max(0, chosen - 20); k <= chosen + 20; k++) {
            expect(costAtCommitment(prepared, dec(k).div(1000)).totalCost.gte(optimum.best.totalCost)).toBe(true);
          }
        },
      ),
      {numRuns: 60},
    );
  });

  it('covers everything at the peak commitment and the curve passes through every breakpoint exactly', () => {
    fc.assert(
      fc.property(arbitraryProfile, fc.constantFrom(...PLAN_IDS), (profile, plan) => {
        const prepared = prepareSavingsPlan(profile, catalog, plan);
        const curve = costCurve(prepared, 10_000);
        expect(curve[0]!.commitmentPerHour.toString()).toBe('0');
        expect(curve[curve.length - 1]!.commitmentPerHour.eq(prepared.peakCommitment)).toBe(true);
        if (prepared.eligibleOnDemandCost.gt(0)) expect(curve[curve.length - 1]!.coverage!.toString()).toBe('1');
        for (const point of curve.filter((p) => p.commitmentPerHour.decimalPlaces() <= 6)) {
          expect(point.monthlyCost.eq(costAtCommitment(prepared, point.commitmentPerHour).monthlyCost)).toBe(true);
        }
      }),
      {numRuns: 60},
    );
  });
});

describe('Savings Plans: the curve for display', () => {
  it('keeps the optimum when it downsamples', () => {
    const prepared = prepareSavingsPlan(
      taskProfile(Array.from({length: 500}, (_, h) => (h * 7919) % 13)),
      catalog,
      ONE_YEAR_NO,
    );
    const optimum = optimizeCommitment(prepared);
    const curve = costCurve(prepared, 50);
    expect(curve.length).toBeLessThanOrEqual(51);
    expect(curve.some((point) => point.commitmentPerHour.eq(optimum.exactCommitmentPerHour))).toBe(true);
    const minimum = curve.reduce((low, point) => (point.monthlyCost.lt(low.monthlyCost) ? point : low));
    expect(minimum.commitmentPerHour.eq(optimum.exactCommitmentPerHour)).toBe(true);
  });

  it('accepts only $0.001 steps as purchasable', () => {
    expect(isPurchasableCommitment(dec('1.25'))).toBe(true);
    expect(isPurchasableCommitment(dec('1.2505'))).toBe(false);
    expect(isPurchasableCommitment(dec('-1'))).toBe(false);
  });

  it('rejects a commitment finer than its unit', () => {
    const prepared = prepareSavingsPlan(taskProfile([1]), catalog, ONE_YEAR_NO);
    expect(() => costAtCommitment(prepared, dec('1e-20'))).toThrow(RangeError);
  });
});

/**
 * The reference: the optimizer as it was before it was made fast, kept verbatim in spirit (every
 * hour's events in bigints, one comparator sort, one bigint prefix sweep). Slow but obviously
 * right; the fast implementation must return the same decimal strings.
 */
interface ReferencePlan {
  readonly plan: PlanId;
  readonly hours: number;
  readonly monthHours: number;
  readonly fixedCost: Dec;
  readonly eligibleOnDemandCost: Dec;
  readonly hourlyOnDemand: {readonly min: Dec; readonly mean: Dec; readonly max: Dec};
  readonly peakCommitment: Dec;
  readonly covered: readonly {
    readonly seriesIndex: number;
    readonly savingsRatio: Dec;
    readonly unitMs: bigint;
    readonly onDemandCost: Dec;
  }[];
  readonly fixed: readonly {
    readonly seriesIndex: number;
    readonly reason: string;
    readonly unitMs: bigint;
    readonly cost: Dec;
  }[];
  readonly scale: bigint;
  readonly l: bigint;
  readonly positions: readonly bigint[];
  readonly uncoveredL: readonly bigint[];
  readonly used: readonly bigint[];
  readonly coverRateL: readonly bigint[];
  readonly openHours: readonly number[];
  readonly eligibleOnDemand: bigint;
}

const REFERENCE_SP_KEYS = new Set<RateKey>(SAVINGS_PLAN_RATE_KEYS);

function referenceGcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

const referenceBig = (value: bigint): Dec => new D(value.toString());

function referencePrepare(profile: UsageProfile, cat: Catalog, plan: PlanId, monthHours = 730): ReferencePlan {
  const hours = profile.hours.length;
  const totals = profile.series.map((_, i) => profile.hours.reduce((acc, hour) => acc + (hour.unitMs[i] ?? 0n), 0n));
  const candidates: {index: number; onDemand: Dec; savingsPlan: Dec}[] = [];
  const fixed: {seriesIndex: number; reason: string; unitMs: bigint; cost: Dec}[] = [];
  for (const [index, series] of profile.series.entries()) {
    const line = (rate: Dec, reason: string) =>
      fixed.push({seriesIndex: index, reason, unitMs: totals[index]!, cost: toDec(costAt(rate, totals[index]!))});
    if (series.purchase === 'spot') {
      line(ownRate(cat, series).price, 'spot');
      continue;
    }
    const onDemand = cat.requireRate(series.region, 'on-demand', series.key).price;
    const savingsPlan = REFERENCE_SP_KEYS.has(series.key)
      ? cat.rate(series.region, plan, series.key)?.price
      : undefined;
    if (!REFERENCE_SP_KEYS.has(series.key)) line(onDemand, 'not-discounted');
    else if (!savingsPlan) line(onDemand, 'no-rate');
    else candidates.push({index, onDemand, savingsPlan});
  }
  const decimals = Math.max(
    6,
    ...candidates.flatMap((c) => [c.onDemand.decimalPlaces(), c.savingsPlan.decimalPlaces()]),
  );
  const scale = 10n ** BigInt(decimals) * UNIT_MS_PER_UNIT_HOUR;
  const scaled = (value: Dec) => BigInt(value.times(new D(10).pow(decimals)).toFixed(0));
  const ratios = candidates.map((c) => {
    const od = scaled(c.onDemand);
    const sp = scaled(c.savingsPlan);
    const g = referenceGcd(od, sp);
    return {od, sp, num: od / g, den: sp / g};
  });
  const order = candidates
    .map((_, i) => i)
    .sort((a, b) => {
      const left = ratios[a]!.num * ratios[b]!.den;
      const right = ratios[b]!.num * ratios[a]!.den;
      return left === right ? candidates[a]!.index - candidates[b]!.index : left > right ? -1 : 1;
    });
  const l = ratios.reduce((acc, r) => (acc / referenceGcd(acc, r.den)) * r.den, 1n);
  const coverRate = order.map((i) => (l / ratios[i]!.den) * ratios[i]!.num);
  const events: {position: bigint; rate: bigint; open: number}[] = [];
  let initialRate = 0n;
  let initialOpen = 0;
  let eligibleOnDemand = 0n;
  let minHour: bigint | undefined;
  let maxHour = 0n;
  let peak = 0n;
  for (const hour of profile.hours) {
    let cumulative = 0n;
    let hourOnDemand = 0n;
    let previous = -1;
    for (const [j, i] of order.entries()) {
      const unitMs = hour.unitMs[candidates[i]!.index] ?? 0n;
      if (unitMs === 0n) continue;
      hourOnDemand += ratios[i]!.od * unitMs;
      if (previous === -1) initialRate += coverRate[j]!;
      else events.push({position: cumulative, rate: coverRate[j]! - coverRate[previous]!, open: 0});
      cumulative += ratios[i]!.sp * unitMs;
      previous = j;
    }
    if (previous !== -1) {
      events.push({position: cumulative, rate: -coverRate[previous]!, open: -1});
      initialOpen++;
      if (cumulative > peak) peak = cumulative;
    }
    eligibleOnDemand += hourOnDemand;
    if (minHour === undefined || hourOnDemand < minHour) minHour = hourOnDemand;
    if (hourOnDemand > maxHour) maxHour = hourOnDemand;
  }
  events.sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
  const positions = [0n];
  const uncoveredL = [eligibleOnDemand * l];
  const used = [0n];
  const coverRateL = [initialRate];
  const openHours = [initialOpen];
  for (const event of events) {
    let last = positions.length - 1;
    if (event.position !== positions[last]) {
      const width = event.position - positions[last]!;
      positions.push(event.position);
      uncoveredL.push(uncoveredL[last]! - coverRateL[last]! * width);
      used.push(used[last]! + BigInt(openHours[last]!) * width);
      coverRateL.push(coverRateL[last]!);
      openHours.push(openHours[last]!);
      last++;
    }
    coverRateL[last]! += event.rate;
    openHours[last]! += event.open;
  }
  const toDollars = (value: bigint) => referenceBig(value).div(referenceBig(scale));
  return {
    plan,
    hours,
    monthHours,
    fixedCost: fixed.reduce((acc, line) => acc.plus(line.cost), ZERO),
    eligibleOnDemandCost: toDollars(eligibleOnDemand),
    hourlyOnDemand: {
      min: toDollars(minHour ?? 0n),
      mean: toDollars(eligibleOnDemand).div(hours),
      max: toDollars(maxHour),
    },
    peakCommitment: toDollars(peak),
    covered: order.map((i) => {
      const c = candidates[i]!;
      return {
        seriesIndex: c.index,
        savingsRatio: dec(1).minus(c.savingsPlan.div(c.onDemand)),
        unitMs: totals[c.index]!,
        onDemandCost: toDec(costAt(c.onDemand, totals[c.index]!)),
      };
    }),
    fixed,
    scale,
    l,
    positions,
    uncoveredL,
    used,
    coverRateL,
    openHours,
    eligibleOnDemand,
  };
}

function referenceCostAt(ref: ReferencePlan, position: bigint): CommitmentCost {
  let i = 0;
  let high = ref.positions.length - 1;
  while (i < high) {
    const mid = (i + high + 1) >> 1;
    if (ref.positions[mid]! <= position) i = mid;
    else high = mid - 1;
  }
  const width = position - ref.positions[i]!;
  const uncoveredL = ref.uncoveredL[i]! - ref.coverRateL[i]! * width;
  const usedScaled = ref.used[i]! + BigInt(ref.openHours[i]!) * width;
  const scale = referenceBig(ref.scale);
  const commitmentPerHour = referenceBig(position).div(scale);
  const commitmentCost = commitmentPerHour.times(ref.hours);
  const uncoveredOnDemandCost = referenceBig(uncoveredL).div(referenceBig(ref.l * ref.scale));
  const eligibleL = ref.eligibleOnDemand * ref.l;
  const coveredOnDemandCost = referenceBig(eligibleL - uncoveredL).div(referenceBig(ref.l * ref.scale));
  const usedCommitment = referenceBig(usedScaled).div(scale);
  const totalCost = commitmentCost.plus(uncoveredOnDemandCost).plus(ref.fixedCost);
  const perMonth = (value: Dec) => value.times(ref.monthHours).div(ref.hours);
  const monthlyCost = commitmentPerHour.times(ref.monthHours).plus(perMonth(uncoveredOnDemandCost.plus(ref.fixedCost)));
  const noneMonthly = perMonth(ref.eligibleOnDemandCost.plus(ref.fixedCost));
  const {term, payment} = planParts(ref.plan);
  const share = dec(UPFRONT_SHARE[payment]);
  return {
    plan: ref.plan,
    commitmentPerHour,
    hours: ref.hours,
    totalCost,
    commitmentCost,
    uncoveredOnDemandCost,
    coveredOnDemandCost,
    fixedCost: ref.fixedCost,
    usedCommitment,
    unusedCommitment: commitmentCost.minus(usedCommitment),
    utilization: position === 0n ? null : referenceBig(usedScaled).div(referenceBig(position * BigInt(ref.hours))),
    coverage: eligibleL === 0n ? null : referenceBig(eligibleL - uncoveredL).div(referenceBig(eligibleL)),
    monthlyCost,
    monthlySavings: noneMonthly.minus(monthlyCost),
    upfront: commitmentPerHour.times(TERM_HOURS[term]).times(share),
    recurringMonthlyCost: monthlyCost.minus(commitmentPerHour.times(ref.monthHours).times(share)),
  };
}

function referenceExactOptimum(ref: ReferencePlan): bigint {
  const flatL = BigInt(ref.hours) * ref.l;
  let i = 0;
  while (i < ref.positions.length - 1 && ref.coverRateL[i]! > flatL) i++;
  return ref.positions[i]!;
}

function referenceOptimize(ref: ReferencePlan): CommitmentOptimum {
  const exact = referenceExactOptimum(ref);
  const step = ref.scale / 1000n;
  const below = (exact / step) * step;
  const above = below === exact ? below : below + step;
  const low = referenceCostAt(ref, below);
  const high = referenceCostAt(ref, above);
  return {
    exactCommitmentPerHour: referenceBig(exact).div(referenceBig(ref.scale)),
    atExact: referenceCostAt(ref, exact),
    best: high.totalCost.lt(low.totalCost) ? high : low,
    noCommitment: exact === 0n,
  };
}

function referenceCurve(ref: ReferencePlan, maxPoints: number): CurvePoint[] {
  let positions: bigint[];
  if (ref.positions.length <= maxPoints) positions = [...ref.positions];
  else {
    const last = ref.positions[ref.positions.length - 1]!;
    const steps = BigInt(Math.max(1, maxPoints - 1));
    const evenly = Array.from({length: Number(steps) + 1}, (_, k) => (last * BigInt(k)) / steps);
    positions = [...new Set([...evenly, referenceExactOptimum(ref)])];
    positions.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }
  return positions.map((position) => {
    const cost = referenceCostAt(ref, position);
    return {
      commitmentPerHour: cost.commitmentPerHour,
      monthlyCost: cost.monthlyCost,
      utilization: cost.utilization,
      coverage: cost.coverage,
    };
  });
}

/** Every Decimal as its string and every bigint tagged, so `toEqual` compares exact values digit for digit. */
function exactStrings(value: unknown): unknown {
  if (D.isDecimal(value)) return (value as Dec).toString();
  if (typeof value === 'bigint') return `${value}n`;
  if (Array.isArray(value)) return value.map(exactStrings);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, exactStrings(v)]));
  return value;
}

function preparedFacts(prepared: PreparedPlan) {
  return exactStrings({
    plan: prepared.plan,
    hours: prepared.hours,
    monthHours: prepared.monthHours,
    fixedCost: prepared.fixedCost,
    eligibleOnDemandCost: prepared.eligibleOnDemandCost,
    hourlyOnDemand: prepared.hourlyOnDemand,
    peakCommitment: prepared.peakCommitment,
    covered: prepared.covered.map((c) => ({
      seriesIndex: c.index,
      savingsRatio: c.savingsRatio,
      unitMs: c.unitMs,
      onDemandCost: c.onDemandCost,
    })),
    fixed: prepared.fixed.map((line) => ({
      seriesIndex: line.index,
      reason: line.reason,
      unitMs: line.unitMs,
      cost: line.cost,
    })),
  });
}

function referenceFacts(ref: ReferencePlan) {
  const {plan, hours, monthHours, fixedCost, eligibleOnDemandCost, hourlyOnDemand, peakCommitment, covered, fixed} =
    ref;
  return exactStrings({
    plan,
    hours,
    monthHours,
    fixedCost,
    eligibleOnDemandCost,
    hourlyOnDemand,
    peakCommitment,
    covered,
    fixed,
  });
}

/** Usage in one hour of one series: mostly ordinary, with the shapes that stress the fast path. */
const usageAmount = fc.oneof(
  {weight: 4, arbitrary: fc.constant(0n)},
  // Whole tasks for the whole hour: the same amounts recur across hours and series, so breakpoints coincide.
  {
    weight: 4,
    arbitrary: fc.constantFrom(512n * 3_600_000n, 1024n * 3_600_000n, 2048n * 1_800_000n, 4096n * 3_600_000n),
  },
  {weight: 4, arbitrary: fc.bigInt({min: 1n, max: 4n * 1024n * 3_600_000n})},
  // Nearly equal amounts beyond a double's integer precision: their float approximations tie, and sums of
  // them over several series can even come out in the wrong order.
  {weight: 1, arbitrary: fc.bigInt({min: 0n, max: 3n}).map((d) => 2n ** 53n + d)},
  {weight: 2, arbitrary: fc.bigInt({min: 0n, max: 2n ** 20n}).map((d) => 2n ** 60n + d)},
  // Far beyond 2^53 in total: usage that a double cannot hold exactly.
  {weight: 1, arbitrary: fc.bigInt({min: 1n, max: 2n ** 70n})},
);

/** Profiles of up to 300 hours drawn from a few distinct hour vectors (real profiles repeat hours) plus fresh ones. */
const varietyProfile = fc
  .uniqueArray(
    fc.record({
      region: fc.constantFrom('us-east-1', 'eu-west-1'),
      key: fc.constantFrom(...KEYS),
      purchase: fc.constantFrom('on-demand' as const, 'on-demand' as const, 'on-demand' as const, 'spot' as const),
    }),
    {minLength: 1, maxLength: 6, selector: (s) => `${s.region}|${s.key}|${s.purchase}`},
  )
  .map((series) => series.map((s) => (s.key.startsWith('linux-') ? s : {...s, purchase: 'on-demand' as const})))
  .filter((series) => new Set(series.map((s) => `${s.region}|${s.key}|${s.purchase}`)).size === series.length)
  .chain((series) => {
    const row = fc.array(usageAmount, {minLength: series.length, maxLength: series.length});
    return fc
      .record({
        pool: fc.array(row, {minLength: 1, maxLength: 6}),
        // How many repeated hours per fresh one: none, as many, or most.
        repeated: fc.constantFrom(0, 1, 4),
      })
      .chain(({pool, repeated}) =>
        fc.record({
          pool: fc.constant(pool),
          // size 'max': lengths over the whole range, so some sweeps pass several checkpoints and the radix sort.
          picks: fc.array(
            repeated === 0 ? row : fc.oneof({weight: repeated, arbitrary: fc.nat()}, {weight: 1, arbitrary: row}),
            {minLength: 1, maxLength: 300, size: 'max'},
          ),
        }),
      )
      .map(
        ({pool, picks}): UsageProfile => ({
          series,
          hours: picks.map((pick, h) => ({
            startMs: h * MS_PER_HOUR,
            unitMs: typeof pick === 'number' ? pool[pick % pool.length]! : pick,
          })),
        }),
      );
  });

describe('Savings Plans optimizer against the reference implementation (property)', () => {
  it('returns the same decimal strings as the straightforward sweep: prepare, optimize, cost at, curve', () => {
    fc.assert(
      fc.property(
        varietyProfile,
        fc.constantFrom(...PLAN_IDS),
        fc.array(fc.integer({min: 0, max: 1100}), {maxLength: 4}),
        (profile, plan, permille) => {
          const prepared = prepareSavingsPlan(profile, catalog, plan);
          const ref = referencePrepare(profile, catalog, plan);
          expect(preparedFacts(prepared)).toEqual(referenceFacts(ref));
          expect(exactStrings(optimizeCommitment(prepared))).toEqual(exactStrings(referenceOptimize(ref)));
          expect(exactStrings(costWithoutCommitment(prepared))).toEqual(exactStrings(referenceCostAt(ref, 0n)));
          for (const k of permille) {
            const commitment = prepared.peakCommitment.times(k).div(1000).toDecimalPlaces(6);
            const position = BigInt(commitment.times(referenceBig(ref.scale)).toFixed(0));
            expect(exactStrings(costAtCommitment(prepared, commitment))).toEqual(
              exactStrings(referenceCostAt(ref, position)),
            );
          }
          // Every breakpoint when there are few, else a downsampled curve (and always a coarse one).
          const points = ref.positions.length <= 150 ? 10_000 : 40;
          expect(exactStrings(costCurve(prepared, points))).toEqual(exactStrings(referenceCurve(ref, points)));
          expect(exactStrings(costCurve(prepared, 5))).toEqual(exactStrings(referenceCurve(ref, 5)));
        },
      ),
      {numRuns: 150},
    );
  });

  it('orders breakpoints and finds the extreme hours exactly where float approximations come out in the wrong order', () => {
    // us-east-1 x86 vCPU and memory, 1 yr No Upfront (6 decimals: SP 32384 and 3556, On-Demand 40480 and 4445
    // a unit-ms, scaled). Near 2^55..2^59 unit-ms the doubles round: hours 0 and 1 (the dearest) have exact
    // Savings Plan and On-Demand costs in one order and approximations in the other; so do hours 2 and 3
    // (the cheapest) for On-Demand.
    const hours = [
      [72057594037927978n, 576460752303424610n],
      [72057594037927949n, 576460752303424959n],
      [36028797018964027n, 288230376151712936n],
      [36028797018963970n, 288230376151713491n],
    ];
    const exact = (rates: bigint[], u: bigint[]) => rates[0]! * u[0]! + rates[1]! * u[1]!;
    const approx = (rates: bigint[], u: bigint[]) =>
      Number(rates[0]!) * Number(u[0]!) + Number(rates[1]!) * Number(u[1]!);
    const misordered = (rates: bigint[], a: bigint[], b: bigint[]) =>
      exact(rates, a) < exact(rates, b) && approx(rates, a) > approx(rates, b);
    expect(misordered([32384n, 3556n], hours[0]!, hours[1]!)).toBe(true);
    expect(misordered([40480n, 4445n], hours[0]!, hours[1]!)).toBe(true);
    expect(misordered([40480n, 4445n], hours[2]!, hours[3]!)).toBe(true);
    const profile: UsageProfile = {
      series: taskProfile([1]).series,
      hours: hours.map((unitMs, h) => ({startMs: h * MS_PER_HOUR, unitMs})),
    };
    const prepared = prepareSavingsPlan(profile, catalog, ONE_YEAR_NO);
    const ref = referencePrepare(profile, catalog, ONE_YEAR_NO);
    expect(preparedFacts(prepared)).toEqual(referenceFacts(ref));
    expect(exactStrings(optimizeCommitment(prepared))).toEqual(exactStrings(referenceOptimize(ref)));
    expect(exactStrings(costCurve(prepared, 10_000))).toEqual(exactStrings(referenceCurve(ref, 10_000)));
  });

  it('agrees on a two-month profile with a daily cycle and noise, for every plan', () => {
    // Deterministic noise (no Math.random): many breakpoints, most of them distinct.
    let seed = 7;
    const noise = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const size = X86_1_2;
    const arm = ARM_1_2;
    const day = (h: number) => (h % 24 >= 8 && h % 24 < 20 ? 1 : 0.3);
    const profile = mergeProfiles([
      taskProfile(
        Array.from({length: 60 * 24}, (_, h) => Math.round(8 * day(h) + 3 * noise())),
        size,
      ),
      taskProfile(
        Array.from({length: 60 * 24}, (_, h) => Math.round(5 * day(h) + 2 * noise())),
        arm,
      ),
      taskProfile(
        Array.from({length: 60 * 24}, () => Math.round(4 * noise())),
        size,
        {region: 'eu-west-1'},
      ),
    ]);
    for (const plan of PLAN_IDS) {
      const prepared = prepareSavingsPlan(profile, catalog, plan);
      const ref = referencePrepare(profile, catalog, plan);
      expect(preparedFacts(prepared)).toEqual(referenceFacts(ref));
      expect(exactStrings(optimizeCommitment(prepared))).toEqual(exactStrings(referenceOptimize(ref)));
      expect(exactStrings(costCurve(prepared, 200))).toEqual(exactStrings(referenceCurve(ref, 200)));
    }
  });
});
