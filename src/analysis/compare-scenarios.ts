import {type Dec, sum, ZERO} from '../money/decimal.js';
import type {
  CommitmentCost,
  PlanAnalysis,
  Recommendation,
  Scenario,
  ScenarioGap,
  SpotRiskParameters,
} from '../model/compare.js';
import type {RateGap} from '../model/priced.js';
import {type CompareContext, type PricedParts, perMonthDec, priceParts} from './compare-pricing.js';
import type {CompareComponent, CompareInput} from './compare-types.js';
import {expectedInterruptions} from './spot-risk.js';

/**
 * The scenarios compare ranks: all On-Demand, the Spot usage as configured or measured, all Spot,
 * each Savings Plan at its best commitment (and at a given one), and the recommended mix.
 */

export interface ScenarioContext extends CompareContext {
  readonly input: CompareInput;
  readonly parameters: SpotRiskParameters;
  readonly onDemandMonthly: Dec;
}

/** A scenario with every field it does not set empty, its savings against all On-Demand. */
export function scenario(
  context: ScenarioContext,
  fields: Partial<Scenario> & Pick<Scenario, 'id' | 'kind'>,
): Scenario {
  const monthlyCost = fields.monthlyCost ?? null;
  const savings = monthlyCost === null ? null : context.onDemandMonthly.minus(monthlyCost);
  return {
    available: true,
    gap: null,
    plan: null,
    withSpot: false,
    noCommitment: false,
    ownedCovers: false,
    upfront: null,
    commitmentPerHour: null,
    utilization: null,
    coverage: null,
    spotMonthlyCost: null,
    spotOverheadMonthlyCost: null,
    expectedInterruptionsPerMonth: null,
    ...fields,
    monthlyCost,
    savings,
    savingsRatio: savings === null || context.onDemandMonthly.isZero() ? null : savings.div(context.onDemandMonthly),
  };
}

/** Task-hours a month of every workload, or null when one's are unknown. */
function taskHoursPerMonth(context: ScenarioContext, pick: (c: CompareComponent) => Dec | undefined): Dec | null {
  const values = context.input.components.map(pick);
  return values.some((value) => value === undefined) ? null : perMonthDec(context, sum(values as Dec[]));
}

const interruptionsOver = (context: ScenarioContext, taskHours: Dec | null) =>
  taskHours === null ? null : expectedInterruptions(taskHours, context.parameters);

/** Spot usage as measured (or configured) whose Spot rates the catalog lacks, and what it is called. */
export interface MeasuredSpot {
  /** Some of the usage runs on Spot. */
  readonly present: boolean;
  readonly gaps: readonly RateGap[];
  readonly subject: 'strategy' | 'under-strategy' | 'measured';
  /** Its monthly cost, when every rate is there. */
  readonly priced: PricedParts | null;
}

export function measuredSpot(context: ScenarioContext, whatIf: boolean): MeasuredSpot {
  const {input, cache} = context;
  const baseline = cache.merged(input.components.map((c) => c.profile));
  const gaps = cache.missingSpotRates(baseline);
  return {
    present: cache.hasSpotUsage(baseline),
    gaps,
    subject: input.kind === 'estimate' ? 'strategy' : whatIf ? 'under-strategy' : 'measured',
    priced:
      gaps.length === 0
        ? priceParts(
            context,
            input.components.map((c) => c.profile),
          )
        : null,
  };
}

/** The Spot usage as configured or measured, with the rest On-Demand; none when nothing runs on Spot. */
export function asConfigured(context: ScenarioContext, spot: MeasuredSpot, whatIf: boolean): Scenario | null {
  if (!spot.present) return null;
  if (spot.priced === null) {
    const subject = context.input.kind === 'history' && !whatIf ? 'measured-cost' : spot.subject;
    const gap: ScenarioGap = {kind: 'spot-rates', gaps: spot.gaps, subject, beside: null};
    return scenario(context, {id: 'as-configured', kind: 'as-configured', available: false, gap});
  }
  const current = spot.priced;
  const interruptions = interruptionsOver(
    context,
    taskHoursPerMonth(context, (c) => c.taskHours?.spot),
  );
  return scenario(context, {
    id: 'as-configured',
    kind: 'as-configured',
    monthlyCost: current.onDemand.plus(current.spot).plus(current.overhead),
    upfront: ZERO,
    spotMonthlyCost: current.spot.plus(current.overhead),
    spotOverheadMonthlyCost: current.overhead,
    expectedInterruptionsPerMonth: interruptions,
  });
}

/** Every workload on Spot: not available with Windows, or without the Spot rates. Returns the gaps it met. */
export function allSpot(context: ScenarioContext, windows: boolean): {scenario: Scenario; gaps: readonly RateGap[]} {
  if (windows) {
    return {
      scenario: scenario(context, {id: 'spot', kind: 'spot', available: false, gap: {kind: 'windows-spot'}}),
      gaps: [],
    };
  }
  const {cache} = context;
  const profiles = context.input.components.map((c) => cache.withPurchase(c.profile, 'spot'));
  const gaps = cache.missingSpotRates(cache.merged(profiles));
  if (gaps.length > 0) {
    const gap: ScenarioGap = {kind: 'spot-rates', gaps, subject: 'all-spot', beside: null};
    return {scenario: scenario(context, {id: 'spot', kind: 'spot', available: false, gap}), gaps};
  }
  const priced = priceParts(context, profiles);
  const taskHours = taskHoursPerMonth(context, (c) =>
    c.taskHours ? c.taskHours.onDemand.plus(c.taskHours.spot) : undefined,
  );
  return {
    scenario: scenario(context, {
      id: 'spot',
      kind: 'spot',
      monthlyCost: priced.spot.plus(priced.overhead).plus(priced.onDemand),
      upfront: ZERO,
      spotMonthlyCost: priced.spot.plus(priced.overhead),
      spotOverheadMonthlyCost: priced.overhead,
      expectedInterruptionsPerMonth: interruptionsOver(context, taskHours),
    }),
    gaps,
  };
}

/** On-Demand, Spot as measured (or configured) and everything on Spot. */
export function spotScenarios(context: ScenarioContext, whatIf: boolean, windows: boolean) {
  const scenarios: Scenario[] = [
    scenario(context, {id: 'on-demand', kind: 'on-demand', monthlyCost: context.onDemandMonthly, upfront: ZERO}),
  ];
  // Spot usage as measured (or configured) whose Spot rate the catalog lacks: its cost is unknown, so
  // every scenario that keeps it on Spot is not available; On-Demand and the plans' sizing are not affected.
  const spot = measuredSpot(context, whatIf);
  const configured = asConfigured(context, spot, whatIf);
  if (configured) scenarios.push(configured);
  const everythingOnSpot = allSpot(context, windows);
  scenarios.push(everythingOnSpot.scenario);
  return {scenarios, spot, everythingOnSpot};
}

/**
 * A scenario that keeps the Spot usage as measured (or configured) beside what `cost` prices: its
 * Spot cost and expected interruptions, or not available when a Spot rate is missing.
 */
function besideSpot(
  context: ScenarioContext,
  spot: MeasuredSpot,
  base: Pick<Scenario, 'id' | 'kind'> & Partial<Scenario>,
  cost: CommitmentCost,
  fields: Partial<Scenario>,
): Scenario {
  const withSpot = {...base, withSpot: spot.present};
  if (spot.priced === null) {
    const gap: ScenarioGap = {kind: 'spot-rates', gaps: spot.gaps, subject: spot.subject, beside: 'plan'};
    return scenario(context, {...withSpot, available: false, gap});
  }
  const current = spot.priced;
  return scenario(context, {
    ...withSpot,
    ...fields,
    monthlyCost: cost.monthlyCost.plus(current.overhead),
    coverage: cost.coverage,
    spotMonthlyCost: spot.present ? current.spot.plus(current.overhead) : null,
    spotOverheadMonthlyCost: spot.present ? current.overhead : null,
    expectedInterruptionsPerMonth: spot.present
      ? interruptionsOver(
          context,
          taskHoursPerMonth(context, (c) => c.taskHours?.spot),
        )
      : null,
  });
}

/** A plan at a commitment, the Spot usage as measured beside it. */
export function planScenario(
  context: ScenarioContext,
  spot: MeasuredSpot,
  analysis: PlanAnalysis,
  cost: CommitmentCost,
  kind: 'savings-plan' | 'commitment',
): Scenario {
  const id =
    kind === 'savings-plan'
      ? `savings-plan-${analysis.plan}`
      : `savings-plan-${analysis.plan}-at-${cost.commitmentPerHour.toString()}`;
  return besideSpot(context, spot, {id, kind, plan: analysis.plan}, cost, {
    noCommitment: kind === 'savings-plan' && analysis.noCommitment,
    upfront: cost.upfront,
    commitmentPerHour: cost.commitmentPerHour,
    utilization: cost.utilization,
  });
}

/** Owned Savings Plans and nothing more bought: the usage as measured (or configured), what the plans leave On-Demand. */
export function ownedScenario(
  context: ScenarioContext,
  spot: MeasuredSpot,
  cost: CommitmentCost,
  owned: {readonly utilization: Dec | null},
): Scenario {
  return besideSpot(context, spot, {id: 'owned', kind: 'owned'}, cost, {upfront: ZERO, utilization: owned.utilization});
}

export function recommendedScenario(context: ScenarioContext, recommendation: Recommendation): Scenario {
  const spot = !recommendation.spotMonthlyCost.isZero();
  return scenario(context, {
    id: 'recommended',
    kind: 'recommended',
    plan: recommendation.plan,
    monthlyCost: recommendation.monthlyCost,
    upfront: recommendation.upfront,
    commitmentPerHour: recommendation.plan ? recommendation.commitmentPerHour : null,
    utilization: recommendation.utilization,
    coverage: recommendation.coverage,
    spotMonthlyCost: spot ? recommendation.spotMonthlyCost : null,
    spotOverheadMonthlyCost: spot ? recommendation.spotOverheadMonthlyCost : null,
    expectedInterruptionsPerMonth: spot ? recommendation.expectedInterruptionsPerMonth : null,
  });
}

/** Available first, cheapest first; ties keep the order given. */
export function rankScenarios(scenarios: readonly Scenario[]): Scenario[] {
  return scenarios
    .map((s, i) => ({s, i}))
    .sort((a, b) => {
      if (a.s.available !== b.s.available) return a.s.available ? -1 : 1;
      const order = a.s.monthlyCost && b.s.monthlyCost ? a.s.monthlyCost.comparedTo(b.s.monthlyCost) : 0;
      return order !== 0 ? order : a.i - b.i;
    })
    .map(({s}) => s);
}
