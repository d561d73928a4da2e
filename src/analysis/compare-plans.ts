import type {Dec} from '../money/decimal.js';
import type {LookbackResult, PlanAnalysis} from '../model/compare.js';
import type {UsageProfile} from '../model/profile.js';
import type {PlanId} from '../model/types.js';
import {type CompareContext, useRate} from './compare-pricing.js';
import {costAtCommitment, type PreparedPlan} from './savings-plan.js';
import {lastHours} from './usage-profile.js';

/** Each Savings Plan sized over a profile: its best commitment, a given one, its cost curve and its look-backs. */

export interface PlanOptions {
  readonly plans: readonly PlanId[];
  /** An hourly commitment to price under each plan. */
  readonly commitment?: Dec | undefined;
  /** Look-back windows in days (each fits the profile). */
  readonly lookbackDays: readonly number[];
  /** Points of each plan's cost curve. */
  readonly curvePoints: number;
}

export interface AnalysedPlan {
  readonly analysis: PlanAnalysis;
  /** The sweep every further commitment of the plan is priced on. */
  readonly prepared: PreparedPlan;
}

export function analysePlans(context: CompareContext, sizing: UsageProfile, options: PlanOptions): AnalysedPlan[] {
  const {cache} = context;
  return options.plans.map((plan) => {
    const {prepared, optimum} = cache.sized(sizing, plan);
    for (const c of prepared.covered) {
      useRate(context, c.onDemand);
      useRate(context, c.savingsPlan);
    }
    for (const line of prepared.fixed) useRate(context, line.rate);
    const lookbacks = options.lookbackDays.map((days): LookbackResult => {
      const {prepared: window, optimum: best} = cache.sized(lastHours(sizing, days * 24), plan);
      return {
        days,
        hours: days * 24,
        exactCommitmentPerHour: best.exactCommitmentPerHour,
        best: best.best,
        hourlyOnDemand: window.hourlyOnDemand,
      };
    });
    const analysis: PlanAnalysis = {
      plan,
      covered: prepared.covered.map((c) => ({
        region: c.series.region,
        key: c.series.key,
        savingsRatio: c.savingsRatio,
        onDemandRate: c.onDemand.price,
        savingsPlanRate: c.savingsPlan.price,
      })),
      missingRates: prepared.fixed
        .filter((line) => line.reason === 'no-rate')
        .map((line) => ({region: line.series.region, key: line.series.key})),
      hourlyOnDemand: prepared.hourlyOnDemand,
      peakCommitmentPerHour: prepared.peakCommitment,
      exactCommitmentPerHour: optimum.exactCommitmentPerHour,
      noCommitment: optimum.noCommitment,
      best: optimum.best,
      atCommitment: options.commitment === undefined ? null : costAtCommitment(prepared, options.commitment),
      curve: cache.curve(prepared, options.curvePoints),
      lookbacks,
    };
    return {analysis, prepared};
  });
}
