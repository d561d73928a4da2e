import {dec, type Dec, ZERO} from '../money/decimal.js';
import type {ExpiringPlan, OwnedSummary, PlanAnalysis, Scenario} from '../model/compare.js';
import type {CompareNote} from '../model/notes.js';
import type {OwnedCommitment, OwnedInput} from '../model/owned.js';
import type {UsageProfile} from '../model/profile.js';
import type {CompareContext} from './compare-pricing.js';
import {applyOwned} from './owned.js';
import {optimizeCommitment, prepareSavingsPlan} from './savings-plan.js';

/**
 * What compare says of owned Savings Plans: each plan's Fargate commitment, what Fargate used of it,
 * the coverage it gave, and the plans ending within the look-ahead with what not renewing them costs.
 */

const DAY_MS = 86_400_000;

function ratio(part: Dec, whole: Dec): Dec | null {
  return whole.isZero() ? null : part.div(whole);
}

export function ownedSummary(
  context: CompareContext,
  sizing: UsageProfile,
  owned: OwnedInput,
  savingsPlans: readonly PlanAnalysis[],
  nowMs: number,
): OwnedSummary {
  const {cache, hours, monthHours} = context;
  const applied = cache.ownedApplied(sizing);
  if (applied === null) throw new Error('ownedSummary needs a cache made with the owned plans');
  const perMonth = (value: Dec) => value.times(monthHours).div(hours);
  const eligible = savingsPlans[0] ? eligibleOf(context, sizing, savingsPlans[0].plan) : null;
  const expiring: ExpiringPlan[] = [];
  owned.commitments.forEach((commitment, index) => {
    if (commitment.endMs === null || commitment.endMs > nowMs + owned.lookaheadDays * DAY_MS) return;
    const without = applyOwned(sizing, context.catalog, owned, false, (j) => j !== index);
    const plan = applied.plans[index]!;
    // Without it: its commitment is not paid, and what it covered is paid On-Demand (or by the other plans).
    const change = applied.coveredOnDemand.minus(without.coveredOnDemand).minus(plan.commitmentCost);
    expiring.push({
      index,
      id: commitment.id,
      plan: commitment.plan,
      endMs: commitment.endMs,
      daysLeft: Math.max(0, Math.ceil((commitment.endMs - nowMs) / DAY_MS)),
      monthlyCostOfNotRenewing: perMonth(change),
    });
  });
  return {
    share: owned.share,
    shareSource: owned.shareSource,
    shareMeasurement: owned.shareMeasurement ?? null,
    plans: owned.commitments.map((commitment, i) => {
      const plan = applied.plans[i]!;
      return {
        id: commitment.id,
        plan: commitment.plan,
        source: commitment.source,
        commitmentPerHour: commitment.commitmentPerHour,
        fargateCommitmentPerHour: commitment.commitmentPerHour.times(owned.share),
        startMs: commitment.startMs,
        endMs: commitment.endMs,
        activeHours: plan.activeHours,
        monthlyCost: perMonth(plan.commitmentCost),
        monthlyUsed: perMonth(plan.used),
        utilization: ratio(plan.used, plan.commitmentCost),
      };
    }),
    monthlyCost: perMonth(applied.commitmentCost),
    monthlyUsed: perMonth(applied.used),
    utilization: ratio(applied.used, applied.commitmentCost),
    coverage: eligible === null ? null : ratio(applied.coveredOnDemand, eligible),
    nothingMoreToBuy:
      !applied.coveredOnDemand.isZero() &&
      savingsPlans.every((analysis) => analysis.best.commitmentPerHour.isZero()) &&
      savingsPlans.some((analysis) => wouldBuyWithoutOwned(context, sizing, analysis.plan)),
    lookaheadDays: owned.lookaheadDays,
    expiring,
  };
}

/** The eligible On-Demand cost of a profile before owned plans: what they left plus what they covered. */
function eligibleOf(context: CompareContext, sizing: UsageProfile, plan: PlanAnalysis['plan']): Dec {
  const {prepared} = context.cache.sized(sizing, plan);
  return prepared.eligibleOnDemandCost.plus(prepared.owned?.coveredOnDemand ?? ZERO);
}

/** Whether, owning nothing, a commitment of `plan` would pay off: only then do the owned plans stand in for it. */
function wouldBuyWithoutOwned(context: CompareContext, sizing: UsageProfile, plan: PlanAnalysis['plan']): boolean {
  const prepared = prepareSavingsPlan(sizing, context.catalog, plan, {monthHours: context.monthHours});
  return !optimizeCommitment(prepared).noCommitment;
}

/** The owned plans' Fargate commitment a month (what every scenario pays for them). */
export function ownedMonthly(context: CompareContext, sizing: UsageProfile): Dec {
  const applied = context.cache.ownedApplied(sizing);
  return applied === null ? dec(0) : applied.commitmentCost.times(context.monthHours).div(context.hours);
}

/**
 * The Spot scenarios with owned plans, which are paid whatever is bought: the as-configured one gives
 * way to the owned scenario (the usage as measured or configured, with them); all on Spot still pays for
 * them, unused; all On-Demand is a list price, not a choice, once they cover anything.
 */
export function withOwned(
  context: CompareContext,
  sizing: UsageProfile,
  scenarios: readonly Scenario[],
  onDemandMonthly: Dec,
): Scenario[] {
  const monthly = ownedMonthly(context, sizing);
  const covers = !(context.cache.ownedApplied(sizing)?.coveredOnDemand.isZero() ?? true);
  return scenarios
    .filter((s) => s.kind !== 'as-configured')
    .map((s) => {
      if (s.kind === 'on-demand') return covers ? {...s, available: false, gap: {kind: 'owned-plans'} as const} : s;
      if (s.kind !== 'spot' || s.monthlyCost === null || s.savings === null) return s;
      const savings = s.savings.minus(monthly);
      return {
        ...s,
        monthlyCost: s.monthlyCost.plus(monthly),
        savings,
        savingsRatio: onDemandMonthly.isZero() ? null : savings.div(onDemandMonthly),
      };
    });
}

/** Warnings about the owned plans: those that had ended, and a plan Fargate barely uses at the default share. */
export function ownedWarnings(ended: readonly OwnedCommitment[], summary: OwnedSummary | null): CompareNote[] {
  const warnings: CompareNote[] = [];
  if (ended.length > 0) warnings.push({kind: 'owned-ended', plans: ended.map((c) => ({id: c.id, endMs: c.endMs!}))});
  if (summary && summary.shareSource === 'default' && summary.utilization?.lt('0.5'))
    warnings.push({kind: 'owned-underused', utilization: summary.utilization});
  return warnings;
}
