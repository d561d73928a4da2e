import {dec, type Dec, ZERO} from '../money/decimal.js';
import type {ExpiringPlan, OwnedSummary, PlanAnalysis} from '../model/compare.js';
import type {OwnedInput} from '../model/owned.js';
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
  const dated = cache.owned?.dated ?? false;
  const eligible = savingsPlans[0] ? eligibleOf(context, sizing, savingsPlans[0].plan) : null;
  const expiring: ExpiringPlan[] = [];
  owned.commitments.forEach((commitment, index) => {
    if (commitment.endMs === null || commitment.endMs > nowMs + owned.lookaheadDays * DAY_MS) return;
    const without = applyOwned(sizing, context.catalog, owned, dated, (j) => j !== index);
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
