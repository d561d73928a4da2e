import {CompareCache} from '../analysis/compare-cache.js';
import type {CompareContext} from '../analysis/compare-pricing.js';
import {type AnalysedPlan, analysePlans} from '../analysis/compare-plans.js';
import {priceParts, useRate} from '../analysis/compare-pricing.js';
import {
  ownedScenario,
  planScenario,
  rankScenarios,
  recommendedScenario,
  type MeasuredSpot,
  type ScenarioContext,
  spotScenarios,
} from '../analysis/compare-scenarios.js';
import type {CompareInput} from '../analysis/compare-types.js';
import {recommend} from '../analysis/recommend.js';
import {compareAwsRecommendation} from '../analysis/aws-recommendation.js';
import {ownedSummary, ownedWarnings, withOwned} from '../analysis/compare-owned.js';
import {ownedInForce, ownedPerHour} from '../analysis/owned.js';
import {costWithoutCommitment} from '../analysis/savings-plan.js';
import type {AwsRecommendation, OwnedInput} from '../model/owned.js';
import {riskParameters, spotRiskFor} from '../analysis/spot-risk.js';
import {hasWindows} from '../analysis/usage-profile.js';
import type {Catalog, Rate} from '../catalog/catalog.js';
import {ProblemError} from '../model/problems.js';
import {type Dec, HOURS_PER_MONTH} from '../money/decimal.js';
import type {CompareResult, PlanAnalysis, Recommendation, Scenario, SpotRiskParameters} from '../model/compare.js';
import type {UsageProfile} from '../model/profile.js';
import type {CompareNote} from '../model/notes.js';
import type {RateGap, RateRef} from '../model/priced.js';
import {PLAN_IDS, type PlanId, SPOT_RATE_KEYS} from '../model/types.js';
import {catalogInfo, estimatedRatesNote, staleCatalogNote} from '../pricing/rates.js';

/**
 * `fargate-cost compare`: On-Demand, Spot, Savings Plans and the recommended mix over one hourly
 * profile. Pure. The scenarios, the plans' analyses and the recommendation are in analysis/compare-*.ts
 * and analysis/recommend.ts; this composes them and says what was assumed.
 */

export type {CompareComponent, CompareInput} from '../analysis/compare-types.js';
export {CompareCache} from '../analysis/compare-cache.js';

export interface CompareRequest {
  readonly input: CompareInput;
  readonly catalog: Catalog;
  readonly now: Date;
  readonly monthHours?: number;
  /** Plans to size (default all six). */
  readonly plans?: readonly PlanId[];
  /** --commitment: an hourly commitment to price under each plan. */
  readonly commitment?: Dec | undefined;
  /** Look-back windows in days; undefined = 7, 30 and 60 where the history is long enough (history only). */
  readonly lookbackDays?: readonly number[] | undefined;
  readonly interruptionRate?: Dec | undefined;
  readonly lostWorkSeconds?: Dec | undefined;
  /** Tasks of a Spot-tolerant service kept on FARGATE in the recommendation. */
  readonly onDemandBase?: number;
  /** Points of each plan's cost curve in the result. */
  readonly curvePoints?: number;
  /**
   * What an earlier compare over the same input's usage (the same catalog and month) derived from it
   * alone: the terminal UI passes one while only the Spot risk, the On-Demand base or the Spot
   * tolerance change. The result is the same as without it.
   */
  readonly cache?: CompareCache | undefined;
  /** Savings Plans already owned: applied first, hour by hour; the plans then size only the additional commitment. */
  readonly owned?: OwnedInput | undefined;
  /** Cost Explorer's recommendation, shown beside the tool's optimum. */
  readonly awsRecommendation?: AwsRecommendation | undefined;
}

/** The result, and each plan's prepared sweep: what the terminal UI prices further commitments on. */
export interface CompareOutcome {
  readonly result: CompareResult;
  readonly plans: readonly AnalysedPlan[];
}

export const DEFAULT_LOOKBACK_DAYS = [7, 30, 60] as const;
const DAY_MS = 86_400_000;

export function compare(request: CompareRequest): CompareResult {
  return compareWithPlans(request).result;
}

export function compareWithPlans(request: CompareRequest): CompareOutcome {
  const {catalog, input} = request;
  const monthHours = request.monthHours ?? HOURS_PER_MONTH;
  const plans = request.plans ?? PLAN_IDS;
  if (input.components.length === 0) {
    throw new ProblemError({kind: 'nothing-to-compare', reason: 'no-usage'});
  }
  const inForce = request.owned ? ownedInForce(request.owned, request.now.getTime()) : undefined;
  const owned = inForce && inForce.owned.commitments.length > 0 ? inForce.owned : undefined;
  const cache = request.cache ?? new CompareCache(catalog, monthHours, owned ?? null);
  if (cache.catalog !== catalog || cache.monthHours !== monthHours || (cache.owned ?? undefined) !== owned)
    throw new Error('a CompareCache serves the catalog, month length and owned plans it was made for');
  const baseline = cache.merged(input.components.map((c) => c.profile));
  const hours = baseline.hours.length;
  if (hours === 0) throw new ProblemError({kind: 'nothing-to-compare', reason: 'no-hours'});
  const parameters = riskParameters({
    flagRate: request.interruptionRate,
    history: input.interruptions,
    measuredPullSeconds: input.imagePullSeconds,
  });
  const risks = input.components.map((c) =>
    spotRiskFor(parameters, c.kind, {
      lostWorkSeconds: request.lostWorkSeconds,
      typicalRunSeconds: c.typicalRunSeconds ?? undefined,
    }),
  );
  const base: CompareContext = {catalog, monthHours, hours, risks, rates: new Map<string, RateRef>(), cache};
  const onDemandMonthly = priceParts(
    base,
    input.components.map((c) => cache.withPurchase(c.profile, 'on-demand')),
  ).onDemand;
  const context: ScenarioContext = {...base, input, parameters, onDemandMonthly};
  const windows = hasWindows(baseline);
  // A history re-bought under --strategy is no longer as measured.
  const whatIf = input.kind === 'history' && input.components.some((c) => c.strategy?.source === 'flag');

  const {scenarios: spotOnes, spot, everythingOnSpot} = spotScenarios(context, whatIf, windows);
  const sizing = cache.withoutUnpricedSpot(baseline);
  const scenarios = owned ? withOwned(base, sizing, spotOnes, onDemandMonthly) : spotOnes;

  const notes: CompareNote[] = [...(input.notes ?? [])];
  const lookbackDays = lookbacks(request, hours, notes);
  // Spot is never covered, so Spot usage without a rate changes no commitment: the plans are sized
  // without it (their monthly figures then leave it out, and their scenarios are not available).
  const analysed = analysePlans(context, sizing, {
    plans,
    commitment: request.commitment,
    lookbackDays,
    curvePoints: request.curvePoints ?? 60,
  });
  const savingsPlans = analysed.map((plan) => plan.analysis);
  const ownedResult = owned ? ownedSummary(base, sizing, owned, savingsPlans, request.now.getTime()) : null;
  if (owned && analysed[0]) {
    const none = costWithoutCommitment(analysed[0].prepared);
    scenarios.push(ownedScenario(context, spot, none, {utilization: ownedResult!.utilization}));
  }
  const ownedCovers = (s: Scenario): Scenario => (ownedResult?.nothingMoreToBuy ? {...s, ownedCovers: true} : s);
  for (const analysis of savingsPlans)
    scenarios.push(ownedCovers(planScenario(context, spot, analysis, analysis.best, 'savings-plan')));
  for (const analysis of savingsPlans) {
    if (analysis.atCommitment)
      scenarios.push(ownedCovers(planScenario(context, spot, analysis, analysis.atCommitment, 'commitment')));
  }
  const recommendGaps: RateGap[] = [];
  const recommendation = recommend(
    context,
    input,
    {plans, onDemandBase: request.onDemandBase, parameters, onDemandMonthly},
    recommendGaps,
  );
  scenarios.push(ownedCovers(recommendedScenario(context, recommendation)));

  const spotAge = spotRatesAge(context, baseline, request.now);
  const {notes: assumed, warnings} = compareNotes({
    context,
    input,
    spotAge,
    windows,
    spot,
    savingsPlans,
    gaps: [...spot.gaps, ...everythingOnSpot.gaps, ...recommendGaps],
    scenarios,
    recommendation,
    parameters,
  });
  notes.push(...assumed);
  const info = catalogInfo(catalog, request.now);
  const rateList = [...context.rates.values()];
  warnings.unshift(...catalogWarnings(info, rateList));
  warnings.push(...ownedWarnings(inForce?.ended ?? [], ownedResult));
  const {ratesAsOf, ratesAgeDays} = spotAge;

  const result: CompareResult = {
    kind: 'compare',
    input: describeInput(input, whatIf, baseline, monthHours),
    scenarios: rankScenarios(scenarios),
    recommendation,
    savingsPlans,
    spotRisk: {
      parameters,
      components: input.components.map((c, i) => ({component: c.name, risk: risks[i]!})),
      ratesAsOf,
      ratesAgeDays,
      windows,
    },
    owned: ownedResult,
    awsRecommendation: awsComparison(request, base, sizing, savingsPlans, owned),
    assumptions: {monthHours, catalog: info, rates: rateList, notes, warnings},
  };
  return {result, plans: analysed};
}

/** Cost Explorer's recommendation beside the plan of the same term and payment, when one was given. */
function awsComparison(
  request: CompareRequest,
  context: CompareContext,
  sizing: UsageProfile,
  savingsPlans: readonly PlanAnalysis[],
  owned: OwnedInput | undefined,
) {
  const aws = request.awsRecommendation;
  if (!aws) return null;
  const lookbacks = savingsPlans.find((a) => a.plan === aws.plan)?.lookbacks ?? [];
  const history = request.input.kind === 'history';
  return compareAwsRecommendation(context, sizing, aws, history, lookbacks, owned ? ownedPerHour(owned) : null);
}

/** What the catalog says of the rates used: stale, or estimated. */
function catalogWarnings(info: ReturnType<typeof catalogInfo>, rates: readonly RateRef[]) {
  return [staleCatalogNote(info), estimatedRatesNote(rates)].filter((note) => note !== undefined);
}

/** What was compared, as the result names it. */
function describeInput(
  input: CompareInput,
  whatIf: boolean,
  baseline: UsageProfile,
  monthHours: number,
): CompareResult['input'] {
  return {
    kind: input.kind,
    basis: input.kind === 'estimate' || whatIf ? 'configured' : 'measured',
    description: input.description,
    rightsized: input.rightsized ?? false,
    hours: baseline.hours.length,
    // An estimate's profile is a model month (hour 0 = 00:00 UTC of no date): it has no start time.
    startMs: input.kind === 'history' ? (baseline.hours[0]?.startMs ?? null) : null,
    monthHours,
    components: input.components.map((c) => ({
      name: c.name,
      kind: c.kind,
      os: c.os,
      spotTolerant: c.spotTolerant,
      strategy: c.strategy,
    })),
  };
}

/** The Spot rates the baseline's usage would pay, recorded as used, and how old the oldest is. */
function spotRatesAge(
  context: CompareContext,
  baseline: UsageProfile,
  now: Date,
): {ratesAsOf: string | null; ratesAgeDays: number | null} {
  const spotRates = [...new Set(baseline.series.map((s) => s.region))].flatMap((region) =>
    SPOT_RATE_KEYS.map((key) => context.catalog.rate(region, 'spot', key)).filter(
      (rate): rate is Rate =>
        rate !== undefined && baseline.series.some((s) => s.region === region && s.key === rate.key),
    ),
  );
  for (const rate of spotRates) useRate(context, rate);
  const ratesAsOf = spotRates.map((rate) => rate.asOf).sort()[0] ?? null;
  const ratesAgeDays =
    ratesAsOf === null
      ? null
      : Math.max(0, Math.floor((now.getTime() - Date.parse(`${ratesAsOf}T00:00:00Z`)) / DAY_MS));
  return {ratesAsOf, ratesAgeDays};
}

interface NotesInput {
  readonly context: CompareContext;
  readonly input: CompareInput;
  readonly spotAge: {readonly ratesAsOf: string | null; readonly ratesAgeDays: number | null};
  readonly windows: boolean;
  readonly spot: MeasuredSpot;
  readonly savingsPlans: readonly PlanAnalysis[];
  readonly gaps: readonly RateGap[];
  readonly scenarios: readonly Scenario[];
  readonly recommendation: Recommendation;
  readonly parameters: SpotRiskParameters;
}

/** What a comparison assumed and what it warns about, besides the catalog's age and estimated rates. */
function compareNotes(n: NotesInput): {notes: CompareNote[]; warnings: CompareNote[]} {
  const {ratesAsOf, ratesAgeDays} = n.spotAge;
  const notes: CompareNote[] = [
    {kind: 'savings-plan-rule'},
    {kind: 'slice-rule'},
    {kind: 'fargate-only'},
    {kind: 'monthly-figures', hours: n.context.hours, monthHours: n.context.monthHours},
  ];
  if (ratesAsOf !== null) notes.push({kind: 'spot-rates-age', asOf: ratesAsOf, days: ratesAgeDays!});
  notes.push({kind: 'spot-risk', parameters: n.parameters});
  if (n.windows) notes.push({kind: 'windows-no-spot'});
  for (const analysis of n.savingsPlans) {
    for (const missing of analysis.missingRates) {
      notes.push({
        kind: 'plan-missing-rate',
        plan: analysis.plan,
        key: missing.key as RateGap['key'],
        region: missing.region,
      });
    }
  }
  const warnings: CompareNote[] = [...(n.input.warnings ?? [])];
  if (ratesAgeDays !== null && ratesAgeDays > 90)
    warnings.push({kind: 'old-spot-rates', days: ratesAgeDays, asOf: ratesAsOf!});
  if (n.spot.gaps.length > 0) {
    const basis = n.input.kind === 'estimate' ? 'configured' : 'measured';
    notes.push({kind: 'sized-without-spot', basis, subject: n.spot.subject});
  }
  const gaps = n.gaps.filter((gap, i, all) => all.findIndex((g) => g.region === gap.region && g.key === gap.key) === i);
  if (gaps.length > 0) {
    warnings.push({
      kind: 'spot-gaps',
      gaps,
      unavailableScenarios: n.scenarios.filter((s) => !s.available && s.gap?.kind === 'spot-rates').length,
      keptOnDemand: n.recommendation.parts
        .filter((part) => part.why.kind === 'spot-rates')
        .map((part) => part.component),
    });
  }
  // Only when some figure shown carries Spot (a Spot rate the catalog lacks can leave none).
  const spotPriced = n.scenarios.some((s) => s.available && s.spotMonthlyCost !== null);
  if (n.parameters.interruptionSource === 'default' && (!n.windows || n.spot.present) && spotPriced) {
    warnings.push({kind: 'default-interruption-rate', rate: n.parameters.interruptionsPerTaskHour});
  }
  return {notes, warnings};
}

/** The look-back windows to size: the request's (each must fit), or 7, 30 and 60 days where a history is long enough. */
function lookbacks(request: CompareRequest, hours: number, notes: CompareNote[]): readonly number[] {
  const history = request.input.kind === 'history';
  const days = request.lookbackDays ?? (history ? DEFAULT_LOOKBACK_DAYS.filter((d) => d * 24 <= hours) : []);
  if (history && request.lookbackDays === undefined && days.length < DEFAULT_LOOKBACK_DAYS.length) {
    notes.push({kind: 'lookbacks-skipped', hours, skipped: DEFAULT_LOOKBACK_DAYS.filter((d) => !days.includes(d))});
  }
  for (const d of days) {
    if (d * 24 > hours) {
      throw new ProblemError({kind: 'lookback-too-long', days: d, hours});
    }
  }
  return days;
}
