import {dec, type Dec, sum, ZERO} from '../money/decimal.js';
import {EXACT_ZERO, exactOf, plus, toDec} from '../money/exact.js';
import type {
  ArithmeticLine,
  PlacementReason,
  Recommendation,
  RecommendationPart,
  SpotRiskParameters,
} from '../model/compare.js';
import type {CompareNote} from '../model/notes.js';
import type {RateGap} from '../model/priced.js';
import type {UsageProfile} from '../model/profile.js';
import type {Strategy} from '../model/strategy.js';
import type {PlanId} from '../model/types.js';
import {spotWithOnDemandBase} from './capacity-strategy.js';
import {type CompareContext, partTotals, perMonth, perMonthDec, spotOverhead} from './compare-pricing.js';
import type {CompareInput} from './compare-types.js';
import type {CommitmentCost, PreparedPlan} from './savings-plan.js';
import {expectedInterruptions} from './spot-risk.js';

/**
 * The recommended mix: interruption-tolerant Linux workloads on Spot (services keep `onDemandBase`
 * tasks on FARGATE), everything else On-Demand, and the Savings Plan that minimizes the amortized
 * monthly cost of that On-Demand part (sized by the optimizer, so it lands on the always-on floor).
 * Among the allowed plans the cheapest amortized wins; a tie goes to the earlier plan (shorter term,
 * less upfront). Spot is used only where its expected cost, overhead included, is below On-Demand,
 * and only where the catalog has its Spot rates (else the workload stays On-Demand, and the reason
 * names the missing rates). A FARGATE base that holds every task the service runs says so.
 */

export interface RecommendOptions {
  readonly plans: readonly PlanId[];
  /** Tasks of a Spot-tolerant service kept on FARGATE (else each workload's own default, else 1). */
  readonly onDemandBase?: number | undefined;
  readonly parameters: SpotRiskParameters;
  /** On-Demand for everything, a month: what the savings are against. */
  readonly onDemandMonthly: Dec;
}

const FARGATE_ONLY: Strategy = [{provider: 'FARGATE', base: 0, weight: 1}];

interface Placed {
  readonly profile: UsageProfile;
  readonly part: RecommendationPart;
}

/** Where one workload goes, and its profile there. `gaps` collects the Spot rates the catalog lacks. */
function place(
  context: CompareContext,
  input: CompareInput,
  i: number,
  options: RecommendOptions,
  gaps: RateGap[],
  notes: CompareNote[],
): Placed {
  const {cache} = context;
  const c = input.components[i]!;
  const base = options.onDemandBase ?? c.onDemandBase ?? 1;
  const onDemand = cache.withPurchase(c.profile, 'on-demand');
  const keep = (why: PlacementReason): Placed => ({
    profile: onDemand,
    part: {
      component: c.name,
      kind: c.kind,
      placement: 'on-demand',
      strategy: c.kind === 'service' ? FARGATE_ONLY : null,
      why,
    },
  });
  if (c.os === 'windows') return keep({kind: 'windows'});
  if (!c.spotTolerant) return keep({kind: 'not-tolerant'});
  const withBase = c.kind === 'service' && base > 0 && c.perTaskHour !== null;
  const candidate = withBase
    ? cache.splitOnDemandCap(
        onDemand,
        onDemand.series.map(
          (s) =>
            c.perTaskHour![c.profile.series.findIndex((x) => x.key === s.key && x.region === s.region)]! * BigInt(base),
        ),
      )
    : cache.withPurchase(c.profile, 'spot');
  if (withBase && !cache.hasSpotUsage(candidate)) return keep({kind: 'base-holds-all', base});
  const missing = cache.missingSpotRates(candidate);
  if (missing.length > 0) {
    gaps.push(...missing);
    if (cache.hasSpotUsage(c.profile)) {
      const totals = cache.totals(c.profile);
      const partly = c.profile.series.some((series, k) => series.purchase === 'on-demand' && totals[k]! > 0n);
      const measured = input.kind === 'history' && c.strategy?.source !== 'flag';
      notes.push({kind: 'spot-without-rate', component: c.name, measured, partly});
    }
    return keep({kind: 'spot-rates', gaps: missing});
  }
  const odCost = cache.priced(onDemand).cost;
  const spot = cache.priced(candidate);
  const expected = plus(plus(spot.onDemandCost, spot.spotCost), spotOverhead(spot.spotCost, context.risks[i]!));
  if (toDec(expected).gte(toDec(odCost))) return keep({kind: 'spot-dearer'});
  const why: PlacementReason =
    !withBase && c.kind === 'batch'
      ? {kind: 'batch'}
      : {
          kind: 'tolerant',
          base: withBase ? base : 0,
          alreadyNoBase: !withBase && options.onDemandBase === undefined && c.onDemandBase === 0,
        };
  return {
    profile: candidate,
    part: {
      component: c.name,
      kind: c.kind,
      placement: withBase ? 'spot-with-on-demand-base' : 'spot',
      strategy: spotWithOnDemandBase(withBase ? base : 0),
      why,
    },
  };
}

export function recommend(
  context: CompareContext,
  input: CompareInput,
  options: RecommendOptions,
  gaps: RateGap[],
): Recommendation {
  const {cache} = context;
  const notes: CompareNote[] = [];
  const placed = input.components.map((_, i) => place(context, input, i, options, gaps, notes));
  const profiles = placed.map((p) => p.profile);
  const parts = placed.map((p) => p.part);
  const mixed = cache.merged(profiles);

  // Spot task-hours: a series' Spot usage over one task's usage of it in an hour.
  const spotTaskHours = input.components.map((c, i) => {
    if (c.perTaskHour === null) return undefined;
    const profile = profiles[i]!;
    const k = profile.series.findIndex((s) => s.purchase === 'spot');
    if (k === -1) return ZERO;
    const series = profile.series[k]!;
    const perTask =
      c.perTaskHour[c.profile.series.findIndex((x) => x.key === series.key && x.region === series.region)]!;
    return dec(cache.totals(profile)[k]!).div(dec(perTask));
  });
  const knownSpotTaskHours = spotTaskHours.every((hours) => hours !== undefined)
    ? perMonthDec(context, sum(spotTaskHours as Dec[]))
    : null;
  const {spot: spotCost, overhead} = partTotals(context, profiles);
  const spotMonthly = toDec(perMonth(context, spotCost));
  const overheadMonthly = toDec(perMonth(context, overhead));

  let chosen: {plan: PlanId; cost: CommitmentCost; prepared: PreparedPlan} | undefined;
  for (const plan of options.plans) {
    const {prepared, optimum} = cache.sized(mixed, plan);
    const cost = optimum.best;
    if (cost.commitmentPerHour.isZero()) continue;
    if (!chosen || cost.monthlyCost.lt(chosen.cost.monthlyCost)) chosen = {plan, cost, prepared};
  }
  const arithmetic: ArithmeticLine[] = [];
  const fixedOnDemand = (prepared: PreparedPlan) =>
    toDec(
      perMonth(
        context,
        prepared.fixed
          .filter((line) => line.reason !== 'spot')
          .reduce((total, line) => plus(total, exactOf(line.cost)), EXACT_ZERO),
      ),
    );
  let monthlyCost: Dec;
  let onDemandPart: Dec;
  const ownedLine = (prepared: PreparedPlan) => {
    if (prepared.owned === null) return;
    const monthly = perMonthDec(context, prepared.owned.commitmentCost);
    arithmetic.push({kind: 'owned', perHour: monthly.div(context.monthHours), monthlyCost: monthly});
  };
  if (chosen) {
    ownedLine(chosen.prepared);
    const {cost, prepared, plan} = chosen;
    const perHour = cost.commitmentPerHour;
    arithmetic.push({
      kind: 'commitment',
      plan,
      perHour,
      monthHours: context.monthHours,
      monthlyCost: perHour.times(context.monthHours),
    });
    arithmetic.push({
      kind: 'uncovered',
      eligible: perMonthDec(context, prepared.eligibleOnDemandCost),
      monthlyCost: perMonthDec(context, cost.uncoveredOnDemandCost),
    });
    onDemandPart = fixedOnDemand(prepared);
    monthlyCost = cost.monthlyCost.plus(overheadMonthly);
  } else {
    const plan = options.plans[0] ?? 'compute-1y-no-upfront';
    const {prepared} = cache.sized(mixed, plan);
    ownedLine(prepared);
    const ownedMonthly = prepared.owned === null ? ZERO : perMonthDec(context, prepared.owned.commitmentCost);
    const eligible = perMonthDec(context, prepared.eligibleOnDemandCost);
    if (!eligible.isZero()) arithmetic.push({kind: 'no-commitment', monthlyCost: eligible});
    onDemandPart = fixedOnDemand(prepared);
    monthlyCost = eligible.plus(onDemandPart).plus(spotMonthly).plus(overheadMonthly).plus(ownedMonthly);
  }
  if (!onDemandPart.isZero()) arithmetic.push({kind: 'never-covered', monthlyCost: onDemandPart});
  if (!spotMonthly.isZero()) {
    arithmetic.push({kind: 'spot', monthlyCost: spotMonthly});
    arithmetic.push({kind: 'spot-overhead', monthlyCost: overheadMonthly});
  }
  const savings = options.onDemandMonthly.minus(monthlyCost);
  if (chosen && options.plans.length > 1) {
    notes.push({kind: 'cheapest-plan', plans: options.plans.length, plan: chosen.plan, upfront: chosen.cost.upfront});
  }
  return {
    plan: chosen?.plan ?? null,
    commitmentPerHour: chosen?.cost.commitmentPerHour ?? ZERO,
    upfront: chosen?.cost.upfront ?? ZERO,
    monthlyCost,
    onDemandMonthlyCost: options.onDemandMonthly,
    savings,
    savingsRatio: options.onDemandMonthly.isZero() ? ZERO : savings.div(options.onDemandMonthly),
    utilization: chosen?.cost.utilization ?? null,
    coverage: chosen?.cost.coverage ?? null,
    parts,
    arithmetic,
    spotMonthlyCost: spotMonthly.plus(overheadMonthly),
    spotOverheadMonthlyCost: overheadMonthly,
    expectedInterruptionsPerMonth:
      knownSpotTaskHours === null ? null : expectedInterruptions(knownSpotTaskHours, options.parameters),
    notes,
  };
}
