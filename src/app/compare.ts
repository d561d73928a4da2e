import {catalogInfo, estimatedRatesWarning, type RateRef, rateRefOf, staleCatalogWarning} from './assumptions.js';
import {formatStrategy, spotWithOnDemandBase, type Strategy} from '../analysis/capacity-strategy.js';
import {
  type CommitmentCost,
  costAtCommitment,
  costCurve,
  optimizeCommitment,
  prepareSavingsPlan,
  type PreparedPlan,
} from '../analysis/savings-plan.js';
import {
  expectedInterruptions,
  expectedSpotCost,
  riskParameters,
  type SpotRisk,
  spotRiskFor,
  type SpotRiskParameters,
  type WorkloadKind,
} from '../analysis/spot-risk.js';
import {
  hasSpotUsage,
  hasWindows,
  lastHours,
  mergeProfiles,
  missingSpotRates,
  priceProfile,
  profileTotals,
  type RateGap,
  splitOnDemandCap,
  withoutUnpricedSpot,
  withPurchase,
} from '../analysis/usage-profile.js';
import type {Catalog, Rate} from '../catalog/catalog.js';
import {EXIT, UserError} from '../errors.js';
import {dec, type Dec, HOURS_PER_MONTH, sum, ZERO} from '../money/decimal.js';
import {formatPercent, formatUsd, formatUsdAdaptive} from '../money/format.js';
import type {
  ArithmeticLine,
  CompareResult,
  LookbackResult,
  PlanAnalysis,
  Recommendation,
  RecommendationPart,
  Scenario,
  ScenarioKind,
  SpotRiskSummary,
  StrategyFacts,
} from '../model/compare.js';
import type {UsageProfile} from '../model/profile.js';
import {type OptionId, optionLabel, type Os, PLAN_IDS, type PlanId, planParts, SPOT_RATE_KEYS} from '../model/types.js';

/** One workload in a comparison: a service or a batch family, with its own hourly usage. */
export interface CompareComponent {
  readonly name: string;
  readonly kind: WorkloadKind;
  readonly os: Os;
  /** Usage as configured (estimate) or as measured (history), On-Demand and Spot series. */
  readonly profile: UsageProfile;
  /** Usage one task adds in a full hour, aligned with `profile.series`; null when the task size is unknown. */
  readonly perTaskHour: readonly bigint[] | null;
  /** The user (or the kind: batch) says it can run on Spot. */
  readonly spotTolerant: boolean;
  /** Batch: how long a run lasts (half of it is lost to an interruption by default). */
  readonly typicalRunSeconds: Dec | null;
  /** Task-hours in the profile, when known: expected interruptions are counted per task-hour. */
  readonly taskHours: {readonly onDemand: Dec; readonly spot: Dec} | null;
  /** The capacity-provider strategy priced for it, with its task split. */
  readonly strategy: StrategyFacts | null;
  /** Tasks the recommendation keeps on FARGATE when the request sets none (default 1; 0 for a service that already runs without a FARGATE base). */
  readonly onDemandBase?: number | undefined;
}

export interface CompareInput {
  readonly kind: 'estimate' | 'history';
  /** One line: what was compared. */
  readonly description: string;
  readonly components: readonly CompareComponent[];
  /** History: Spot tasks stopped by an interruption, and the Spot task-hours they were among. */
  readonly interruptions?: {readonly interruptions: number; readonly spotTaskHours: Dec} | undefined;
  /** History: mean image pull time of the tasks measured. */
  readonly imagePullSeconds?: Dec | undefined;
  readonly notes?: readonly string[];
  /** What the reader warns about (a history's skipped records, running tasks billed to a late as-of time). */
  readonly warnings?: readonly string[];
}

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
  /** Points of each plan's cost curve in the result (the TUI recomputes its own). */
  readonly curvePoints?: number;
}

const DAY_MS = 86_400_000;
const listing = (items: readonly string[]) =>
  items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** "the catalog has no Fargate Spot rate for linux-arm64-vcpu and linux-arm64-memory in us-west-2" */
export function spotGapText(gaps: readonly RateGap[]): string {
  const regions = [...new Set(gaps.map((gap) => gap.region))];
  const parts = regions.map(
    (region) => `${listing(gaps.filter((gap) => gap.region === region).map((gap) => gap.key))} in ${region}`,
  );
  return `the catalog has no Fargate Spot rate for ${parts.join('; ')}`;
}

/** How to get the missing Spot rates, in the words of every missing-rate error. */
export function spotGapHint(gaps: readonly RateGap[]): string {
  const regions = [...new Set(gaps.map((gap) => gap.region))];
  return `run "fargate-cost prices refresh --regions ${regions.join(',')}" with AWS credentials, or pass --catalog FILE with ${gaps.length === 1 ? 'that rate' : 'those rates'}`;
}
export const DEFAULT_LOOKBACK_DAYS = [7, 30, 60] as const;

function planLabel(plan: PlanId): string {
  return optionLabel(`savings-plan-${plan}` as OptionId);
}

interface Priced {
  /** Monthly: Spot at plain Spot rates, and the expected overhead on top. */
  readonly spot: Dec;
  readonly overhead: Dec;
  readonly onDemand: Dec;
}

/** `fargate-cost compare`: On-Demand, Spot, Savings Plans and the recommended mix over one hourly profile. Pure. */
export function compare(request: CompareRequest): CompareResult {
  const {catalog, input} = request;
  const monthHours = request.monthHours ?? HOURS_PER_MONTH;
  const plans = request.plans ?? PLAN_IDS;
  if (input.components.length === 0)
    throw new UserError('nothing to compare: the input has no Fargate usage', {exitCode: EXIT.input});
  const baseline = mergeProfiles(input.components.map((c) => c.profile));
  const hours = baseline.hours.length;
  if (hours === 0) throw new UserError('nothing to compare: the usage profile has no hours', {exitCode: EXIT.input});
  const perMonth = (value: Dec) => value.times(monthHours).div(hours);
  const rates = new Map<string, RateRef>();
  const useRate = (rate: Rate) => rates.set(`${rate.region}|${rate.table}|${rate.key}`, rateRefOf(rate));
  const notes: string[] = [...(input.notes ?? [])];

  // Spot risk, per component.
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
  /** Prices component profiles with Spot overhead; rates it touches are recorded. */
  const priceParts = (profiles: readonly UsageProfile[]): Priced => {
    let spot = ZERO;
    let overhead = ZERO;
    let onDemand = ZERO;
    profiles.forEach((profile, i) => {
      const priced = priceProfile(profile, catalog);
      for (const line of priced.lines) useRate(line.rate);
      spot = spot.plus(priced.spotCost);
      overhead = overhead.plus(expectedSpotCost(priced.spotCost, risks[i]!).overhead);
      onDemand = onDemand.plus(priced.onDemandCost);
    });
    return {spot: perMonth(spot), overhead: perMonth(overhead), onDemand: perMonth(onDemand)};
  };
  const taskHoursPerMonth = (pick: (c: CompareComponent) => Dec | undefined) => {
    const values = input.components.map(pick);
    return values.some((value) => value === undefined) ? null : perMonth(sum(values as Dec[]));
  };

  const allOnDemand = priceParts(input.components.map((c) => withPurchase(c.profile, 'on-demand')));
  const onDemandMonthly = allOnDemand.onDemand;
  const windows = hasWindows(baseline);

  const scenario = (fields: Partial<Scenario> & Pick<Scenario, 'id' | 'label' | 'kind'>): Scenario => {
    const monthlyCost = fields.monthlyCost ?? null;
    const savings = monthlyCost === null ? null : onDemandMonthly.minus(monthlyCost);
    return {
      available: true,
      reason: null,
      plan: null,
      upfront: null,
      commitmentPerHour: null,
      utilization: null,
      coverage: null,
      spotMonthlyCost: null,
      spotOverheadMonthlyCost: null,
      expectedInterruptionsPerMonth: null,
      riskNotes: [],
      ...fields,
      monthlyCost,
      savings,
      savingsRatio: savings === null || onDemandMonthly.isZero() ? null : savings.div(onDemandMonthly),
    };
  };
  const interruptionsOver = (taskHours: Dec | null) =>
    taskHours === null ? null : expectedInterruptions(taskHours, parameters);
  const spotNotes = (interruptions: Dec | null, overhead: Dec) => {
    const out = ["Spot tasks can be stopped with two minutes' warning"];
    if (interruptions !== null) {
      out.push(
        `~${interruptions.toDecimalPlaces(1).toString()} interruptions a month expected (+${formatUsdAdaptive(overhead)} of re-runs)`,
      );
    } else out.push(`+${formatUsdAdaptive(overhead)} a month expected for re-runs`);
    return out;
  };

  const scenarios: Scenario[] = [];
  scenarios.push(
    scenario({id: 'on-demand', label: 'All On-Demand', kind: 'on-demand', monthlyCost: onDemandMonthly, upfront: ZERO}),
  );

  const measuredSpot = hasSpotUsage(baseline);
  // A history re-bought under --strategy is no longer as measured.
  const whatIf = input.kind === 'history' && input.components.some((c) => c.strategy?.source === 'flag');
  const asConfigured =
    input.kind === 'estimate' || whatIf ? 'Strategy as configured' : 'As measured (On-Demand + Spot)';
  const asConfiguredShort = input.kind === 'estimate' || whatIf ? 'Strategy' : 'As measured';
  // Spot usage as measured (or configured) whose Spot rate the catalog lacks: its cost is unknown, so
  // every scenario that keeps it on Spot is not available; On-Demand and the plans' sizing are not affected.
  const measuredGaps = missingSpotRates(baseline, catalog);
  const measuredSpotWhat =
    input.kind === 'estimate'
      ? "the strategy's Fargate Spot tasks"
      : whatIf
        ? 'the Spot usage under --strategy'
        : 'the Fargate Spot usage measured';
  const measuredGapReason = (which: string) =>
    `${spotGapText(measuredGaps)}, so ${measuredSpotWhat}${which} cannot be priced; ${spotGapHint(measuredGaps)}`;
  const current = measuredGaps.length === 0 ? priceParts(input.components.map((c) => c.profile)) : null;
  if (measuredSpot && current === null) {
    scenarios.push(
      scenario({
        id: 'as-configured',
        label: asConfigured,
        kind: 'as-configured',
        available: false,
        reason:
          input.kind === 'history' && !whatIf
            ? `${spotGapText(measuredGaps)}, so what the measured Fargate Spot usage cost is unknown; ${spotGapHint(measuredGaps)}`
            : measuredGapReason(''),
      }),
    );
  } else if (measuredSpot && current !== null) {
    const spotTaskHours = taskHoursPerMonth((c) => c.taskHours?.spot);
    scenarios.push(
      scenario({
        id: 'as-configured',
        label: asConfigured,
        kind: 'as-configured',
        monthlyCost: current.onDemand.plus(current.spot).plus(current.overhead),
        upfront: ZERO,
        spotMonthlyCost: current.spot.plus(current.overhead),
        spotOverheadMonthlyCost: current.overhead,
        expectedInterruptionsPerMonth: interruptionsOver(spotTaskHours),
        riskNotes: spotNotes(interruptionsOver(spotTaskHours), current.overhead),
      }),
    );
  }

  const allSpotProfiles = windows ? [] : input.components.map((c) => withPurchase(c.profile, 'spot'));
  const allSpotGaps = windows ? [] : missingSpotRates(mergeProfiles(allSpotProfiles), catalog);
  if (windows) {
    scenarios.push(
      scenario({
        id: 'spot',
        label: 'All Fargate Spot',
        kind: 'spot',
        available: false,
        reason: 'Fargate Spot runs Linux tasks only; Windows tasks cannot use it',
      }),
    );
  } else if (allSpotGaps.length > 0) {
    scenarios.push(
      scenario({
        id: 'spot',
        label: 'All Fargate Spot',
        kind: 'spot',
        available: false,
        reason: `${spotGapText(allSpotGaps)}; ${spotGapHint(allSpotGaps)}`,
      }),
    );
  } else {
    const allSpot = priceParts(allSpotProfiles);
    const taskHours = taskHoursPerMonth((c) => (c.taskHours ? c.taskHours.onDemand.plus(c.taskHours.spot) : undefined));
    scenarios.push(
      scenario({
        id: 'spot',
        label: 'All Fargate Spot',
        kind: 'spot',
        monthlyCost: allSpot.spot.plus(allSpot.overhead).plus(allSpot.onDemand),
        upfront: ZERO,
        spotMonthlyCost: allSpot.spot.plus(allSpot.overhead),
        spotOverheadMonthlyCost: allSpot.overhead,
        expectedInterruptionsPerMonth: interruptionsOver(taskHours),
        riskNotes: spotNotes(interruptionsOver(taskHours), allSpot.overhead),
      }),
    );
  }

  // Savings Plans over the baseline's On-Demand usage (its Spot stays Spot).
  const lookbackDays =
    request.lookbackDays ??
    (input.kind === 'history' ? DEFAULT_LOOKBACK_DAYS.filter((days) => days * 24 <= hours) : []);
  if (
    input.kind === 'history' &&
    request.lookbackDays === undefined &&
    lookbackDays.length < DEFAULT_LOOKBACK_DAYS.length
  ) {
    const skipped = DEFAULT_LOOKBACK_DAYS.filter((days) => !lookbackDays.includes(days));
    notes.push(
      `look-backs: the history covers ${(hours / 24).toFixed(1)} days (${plural(hours, 'hour')}), too short for the ${listing(skipped.map((days) => `${days}-day`))} look-back${skipped.length === 1 ? '' : 's'}; read a longer history to size ${skipped.length === 1 ? 'it' : 'them'}`,
    );
  }
  for (const days of lookbackDays) {
    if (days * 24 > hours) {
      throw new UserError(
        `a ${days}-day look-back needs ${days} days of usage; the profile covers ${(hours / 24).toFixed(1)} days`,
        {
          hint: 'read a longer history or choose a shorter --lookback',
          exitCode: EXIT.input,
        },
      );
    }
  }
  // Spot is never covered, so Spot usage without a rate changes no commitment: the plans are sized
  // without it (their monthly figures then leave it out, and their scenarios are not available).
  const sizing = withoutUnpricedSpot(baseline, measuredGaps);
  const savingsPlans: PlanAnalysis[] = plans.map((plan) => {
    const prepared = prepareSavingsPlan(sizing, catalog, plan, {monthHours});
    for (const c of prepared.covered) {
      useRate(c.onDemand);
      useRate(c.savingsPlan);
    }
    for (const line of prepared.fixed) useRate(line.rate);
    const optimum = optimizeCommitment(prepared);
    const lookbacks = lookbackDays.map((days): LookbackResult => {
      const window = prepareSavingsPlan(lastHours(sizing, days * 24), catalog, plan, {monthHours});
      const best = optimizeCommitment(window);
      return {
        days,
        hours: days * 24,
        exactCommitmentPerHour: best.exactCommitmentPerHour,
        best: best.best,
        hourlyOnDemand: window.hourlyOnDemand,
      };
    });
    return {
      plan,
      label: planLabel(plan),
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
      atCommitment: request.commitment === undefined ? null : costAtCommitment(prepared, request.commitment),
      curve: costCurve(prepared, request.curvePoints ?? 60),
      lookbacks,
    };
  });

  const spotTaskHoursNow = taskHoursPerMonth((c) => c.taskHours?.spot);
  const planScenario = (
    analysis: PlanAnalysis,
    cost: CommitmentCost,
    kind: 'savings-plan' | 'commitment',
  ): Scenario => {
    const id =
      kind === 'savings-plan'
        ? `savings-plan-${analysis.plan}`
        : `savings-plan-${analysis.plan}-at-${cost.commitmentPerHour.toString()}`;
    const label = `${measuredSpot ? `${asConfiguredShort} + ` : ''}${analysis.label}${kind === 'commitment' ? ` at ${formatUsd(cost.commitmentPerHour, 3)}/h` : ''}`;
    if (current === null) {
      return scenario({
        id,
        label,
        kind,
        plan: analysis.plan,
        available: false,
        reason: measuredGapReason(', which the plan leaves on Spot,'),
      });
    }
    const {term} = planParts(analysis.plan);
    const riskNotes = [
      `${term === '1y' ? '1-year' : '3-year'} commitment of ${formatUsd(cost.commitmentPerHour, 3)}/h`,
      ...(cost.utilization !== null && formatPercent(dec(1).minus(cost.utilization)) !== '0.0%'
        ? [`${formatPercent(dec(1).minus(cost.utilization))} of the commitment unused`]
        : []),
      ...(measuredSpot ? spotNotes(interruptionsOver(spotTaskHoursNow), current.overhead) : []),
    ];
    if (kind === 'savings-plan' && analysis.noCommitment)
      riskNotes.unshift('no commitment pays off: usage too spiky or too low');
    return scenario({
      id,
      label,
      kind,
      plan: analysis.plan,
      monthlyCost: cost.monthlyCost.plus(current.overhead),
      upfront: cost.upfront,
      commitmentPerHour: cost.commitmentPerHour,
      utilization: cost.utilization,
      coverage: cost.coverage,
      spotMonthlyCost: measuredSpot ? current.spot.plus(current.overhead) : null,
      spotOverheadMonthlyCost: measuredSpot ? current.overhead : null,
      expectedInterruptionsPerMonth: measuredSpot ? interruptionsOver(spotTaskHoursNow) : null,
      riskNotes,
    });
  };
  for (const analysis of savingsPlans) scenarios.push(planScenario(analysis, analysis.best, 'savings-plan'));
  for (const analysis of savingsPlans)
    if (analysis.atCommitment) scenarios.push(planScenario(analysis, analysis.atCommitment, 'commitment'));

  const recommendGaps: RateGap[] = [];
  const recommendation = recommend(request, {
    monthHours,
    perMonth,
    risks,
    onDemandMonthly,
    plans,
    useRate,
    parameters,
    gaps: recommendGaps,
  });
  scenarios.push(
    scenario({
      id: 'recommended',
      label: 'Recommended mix',
      kind: 'recommended',
      plan: recommendation.plan,
      monthlyCost: recommendation.monthlyCost,
      upfront: recommendation.upfront,
      commitmentPerHour: recommendation.plan ? recommendation.commitmentPerHour : null,
      utilization: recommendation.utilization,
      coverage: recommendation.coverage,
      spotMonthlyCost: recommendation.spotMonthlyCost.isZero() ? null : recommendation.spotMonthlyCost,
      spotOverheadMonthlyCost: recommendation.spotMonthlyCost.isZero() ? null : recommendation.spotOverheadMonthlyCost,
      expectedInterruptionsPerMonth: recommendation.spotMonthlyCost.isZero()
        ? null
        : recommendation.expectedInterruptionsPerMonth,
      riskNotes: [
        ...(recommendation.plan
          ? [
              `${planParts(recommendation.plan).term === '1y' ? '1-year' : '3-year'} commitment of ${formatUsd(recommendation.commitmentPerHour, 3)}/h`,
            ]
          : []),
        ...(recommendation.spotMonthlyCost.isZero()
          ? []
          : [
              'Spot on the interruption-tolerant part only',
              ...spotNotes(recommendation.expectedInterruptionsPerMonth, recommendation.spotOverheadMonthlyCost),
            ]),
      ],
    }),
  );

  // Rank: available first, cheapest first; ties keep the order above.
  const ranked = scenarios
    .map((s, i) => ({s, i}))
    .sort((a, b) => {
      if (a.s.available !== b.s.available) return a.s.available ? -1 : 1;
      const order = a.s.monthlyCost && b.s.monthlyCost ? a.s.monthlyCost.comparedTo(b.s.monthlyCost) : 0;
      return order !== 0 ? order : a.i - b.i;
    })
    .map(({s}) => s);

  // Spot prices and their age.
  const spotRates = [...new Set(baseline.series.map((s) => s.region))].flatMap((region) =>
    SPOT_RATE_KEYS.map((key) => catalog.rate(region, 'spot', key)).filter(
      (rate): rate is Rate =>
        rate !== undefined && baseline.series.some((s) => s.region === region && s.key === rate.key),
    ),
  );
  for (const rate of spotRates) useRate(rate);
  const ratesAsOf = spotRates.map((rate) => rate.asOf).sort()[0] ?? null;
  const ratesAgeDays =
    ratesAsOf === null
      ? null
      : Math.max(0, Math.floor((request.now.getTime() - Date.parse(`${ratesAsOf}T00:00:00Z`)) / DAY_MS));

  const info = catalogInfo(catalog, request.now);
  const rateList = [...rates.values()];
  notes.push(
    'Savings Plans: each clock hour the commitment covers eligible usage at Savings Plan rates, highest savings percentage first; the rest is On-Demand; unused commitment is lost; Spot, ephemeral storage and the Windows licence are never covered',
    'a slice of usage is worth committing to when it runs in more of the hours than the Savings Plan rate is of the On-Demand rate (80% of hours for a 20% discount): the optimizer finds that level exactly',
    'the commitment is sized for this Fargate usage alone; other Compute Savings Plan usage in the account (EC2, Lambda) would share it',
    `${hours === monthHours ? `monthly figures are the profile's ${plural(hours, 'hour')}` : `monthly figures are the profile's ${plural(hours, 'hour')} scaled to ${monthHours} hours`}; a commitment costs its hourly rate x ${monthHours} a month, upfront payments amortized over the term`,
  );
  if (ratesAsOf !== null)
    notes.push(`Fargate Spot rates as of ${ratesAsOf} (${ratesAgeDays} days old); Spot prices move`);
  notes.push(describeRisk(parameters));
  if (windows) notes.push('Windows tasks cannot run on Fargate Spot: they stay On-Demand or under a Savings Plan');
  for (const analysis of savingsPlans) {
    for (const missing of analysis.missingRates) {
      notes.push(
        `${analysis.label}: the catalog has no rate for ${missing.key} in ${missing.region}; that usage is priced On-Demand (the plan may save more)`,
      );
    }
  }
  const warnings = [staleCatalogWarning(info), estimatedRatesWarning(rateList), ...(input.warnings ?? [])].filter(
    (w): w is string => w !== undefined,
  );
  if (ratesAgeDays !== null && ratesAgeDays > 90)
    warnings.push(
      `the Fargate Spot rates are ${ratesAgeDays} days old (as of ${ratesAsOf}); Spot savings may differ today`,
    );
  if (measuredGaps.length > 0) {
    notes.push(
      `the Savings Plans are sized over the On-Demand usage as ${input.kind === 'estimate' ? 'configured' : 'measured'} (Spot is never covered); their monthly figures leave out ${measuredSpotWhat}, for want of a Spot rate`,
    );
  }
  const gaps = [...measuredGaps, ...allSpotGaps, ...recommendGaps].filter(
    (gap, i, all) => all.findIndex((g) => g.region === gap.region && g.key === gap.key) === i,
  );
  if (gaps.length > 0) {
    const missing = scenarios.filter(
      (s) => !s.available && s.reason?.startsWith('the catalog has no Fargate Spot rate'),
    ).length;
    const kept = recommendation.parts
      .filter((part) => part.why.startsWith('the catalog has no Fargate Spot rate'))
      .map((part) => part.component);
    const effects = [
      missing > 0
        ? `${plural(missing, 'scenario')} that need${missing === 1 ? 's' : ''} it ${missing === 1 ? 'is' : 'are'} not available`
        : null,
      kept.length > 0 ? `the recommendation keeps ${listing(kept)} On-Demand` : null,
    ].filter((text): text is string => text !== null);
    warnings.push(`${spotGapText(gaps)}: ${effects.join(', and ')}; ${spotGapHint(gaps)}`);
  }
  // Only when some figure shown carries Spot (a Spot rate the catalog lacks can leave none).
  const spotPriced = scenarios.some((s) => s.available && s.spotMonthlyCost !== null);
  if (parameters.interruptionSource === 'default' && (!windows || measuredSpot) && spotPriced) {
    warnings.push(
      `no measured Spot interruption rate: ${parameters.interruptionsPerTaskHour.toString()} per task-hour assumed (pass --interruption-rate, or read a history with Spot tasks)`,
    );
  }

  return {
    kind: 'compare',
    input: {
      kind: input.kind,
      description: input.description,
      hours,
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
    },
    scenarios: ranked,
    recommendation,
    savingsPlans,
    spotRisk: {
      parameters,
      components: input.components.map((c, i) => ({component: c.name, risk: risks[i]!})),
      ratesAsOf,
      ratesAgeDays,
      windows,
    },
    assumptions: {monthHours, catalog: info, rates: rateList, notes, warnings},
  };
}

function describeRisk(parameters: SpotRiskParameters): string {
  const rate =
    parameters.interruptionSource === 'history' && parameters.evidence
      ? `${parameters.interruptionsPerTaskHour.toDecimalPlaces(6).toString()} interruptions per Spot task-hour measured (${parameters.evidence.interruptions} in ${parameters.evidence.spotTaskHours.toDecimalPlaces(1).toString()} task-hours)`
      : `${parameters.interruptionsPerTaskHour.toString()} interruptions per Spot task-hour (${parameters.interruptionSource === 'flag' ? '--interruption-rate' : 'default; AWS publishes no Fargate Spot interruption rate'})`;
  const pull = `${parameters.imagePullSeconds.toDecimalPlaces(1).toString()} s image pull per replacement (${parameters.imagePullSource === 'history' ? 'measured mean' : 'default'})`;
  return `Spot risk: ${rate}; each interruption re-bills ${pull} plus lost work (services: none by default; batch: half a run by default; --lost-work sets it); expected Spot cost = Spot cost x (1 + interruptions per task-hour x overhead hours)`;
}

interface RecommendContext {
  readonly monthHours: number;
  readonly perMonth: (value: Dec) => Dec;
  readonly risks: readonly SpotRisk[];
  readonly onDemandMonthly: Dec;
  readonly plans: readonly PlanId[];
  readonly useRate: (rate: Rate) => unknown;
  readonly parameters: SpotRiskParameters;
  /** Filled with the Spot rates the recommendation needed and the catalog lacks. */
  readonly gaps: RateGap[];
}

/**
 * The recommended mix: interruption-tolerant Linux workloads on Spot (services keep `onDemandBase`
 * tasks on FARGATE), everything else On-Demand, and the Savings Plan that minimizes the amortized
 * monthly cost of that On-Demand part (sized by the optimizer, so it lands on the always-on floor).
 * Among the allowed plans the cheapest amortized wins; a tie goes to the earlier plan (shorter term,
 * less upfront). Spot is used only where its expected cost, overhead included, is below On-Demand,
 * and only where the catalog has its Spot rates (else the workload stays On-Demand, and the reason
 * names the missing rates). A FARGATE base that holds every task the service runs says so.
 */
function recommend(request: CompareRequest, context: RecommendContext): Recommendation {
  const {catalog, input} = request;
  const parts: RecommendationPart[] = [];
  const notes: string[] = [];
  const profiles = input.components.map((c, i): UsageProfile => {
    const base = request.onDemandBase ?? c.onDemandBase ?? 1;
    const onDemand = withPurchase(c.profile, 'on-demand');
    const keep = (why: string) => {
      parts.push({
        component: c.name,
        kind: c.kind,
        placement: 'on-demand',
        strategy: c.kind === 'service' ? 'FARGATE:weight=1' : null,
        why,
      });
      return onDemand;
    };
    if (c.os === 'windows') return keep('Windows: no Fargate Spot');
    if (!c.spotTolerant)
      return keep(c.kind === 'service' ? 'a service not marked --spot-tolerant' : 'not marked interruption-tolerant');
    let candidate: UsageProfile;
    let placement: RecommendationPart['placement'];
    let strategy: Strategy;
    if (c.kind === 'service' && base > 0 && c.perTaskHour !== null) {
      candidate = splitOnDemandCap(
        onDemand,
        onDemand.series.map(
          (s) =>
            c.perTaskHour![c.profile.series.findIndex((x) => x.key === s.key && x.region === s.region)]! * BigInt(base),
        ),
      );
      placement = 'spot-with-on-demand-base';
      strategy = spotWithOnDemandBase(base);
    } else {
      candidate = withPurchase(c.profile, 'spot');
      placement = 'spot';
      strategy = spotWithOnDemandBase(0);
    }
    if (placement === 'spot-with-on-demand-base' && !hasSpotUsage(candidate)) {
      return keep(
        `its On-Demand base of ${plural(base, 'task')} keeps all its tasks on FARGATE; lower --on-demand-base to move some to Spot`,
      );
    }
    const gaps = missingSpotRates(candidate, catalog);
    if (gaps.length > 0) {
      context.gaps.push(...gaps);
      if (hasSpotUsage(c.profile)) {
        const totals = profileTotals(c.profile);
        const partly = c.profile.series.some((series, k) => series.purchase === 'on-demand' && totals[k]! > 0n);
        const measured = input.kind === 'history' && c.strategy?.source !== 'flag';
        const onSpot = measured
          ? `${c.name} ran ${partly ? 'partly ' : ''}on Fargate Spot`
          : `the strategy puts tasks of ${c.name} on Fargate Spot`;
        notes.push(
          `${onSpot}, which has no rate here: the mix prices ${c.name} On-Demand, so its saving is against All On-Demand, not against ${measured ? 'what the history paid' : 'the strategy'}`,
        );
      }
      return keep(`${spotGapText(gaps)}, so Spot cannot be priced; ${spotGapHint(gaps)}`);
    }
    const odCost = priceProfile(onDemand, catalog).cost;
    const spot = priceProfile(candidate, catalog);
    const expected = spot.onDemandCost.plus(expectedSpotCost(spot.spotCost, context.risks[i]!).expected);
    if (expected.gte(odCost)) return keep('Spot with its re-run overhead would cost more than On-Demand');
    parts.push({
      component: c.name,
      kind: c.kind,
      placement,
      strategy: formatStrategy(strategy),
      why:
        placement === 'spot'
          ? c.kind === 'batch'
            ? 'batch work: an interruption re-runs part of a job'
            : request.onDemandBase === undefined && c.onDemandBase === 0
              ? 'interruption-tolerant; it already runs with no FARGATE base'
              : 'interruption-tolerant'
          : `interruption-tolerant; ${base} task${base === 1 ? '' : 's'} kept on FARGATE`,
    });
    return candidate;
  });

  const mixed = mergeProfiles(profiles);
  // Spot task-hours: a series' Spot usage over one task's usage of it in an hour.
  const spotTaskHours = input.components.map((c, i) => {
    if (c.perTaskHour === null) return undefined;
    const totals = profileTotals(profiles[i]!);
    const k = profiles[i]!.series.findIndex((s) => s.purchase === 'spot');
    if (k === -1) return ZERO;
    const perTask =
      c.perTaskHour[
        c.profile.series.findIndex(
          (x) => x.key === profiles[i]!.series[k]!.key && x.region === profiles[i]!.series[k]!.region,
        )
      ]!;
    return dec(totals[k]!).div(dec(perTask));
  });
  const knownSpotTaskHours = spotTaskHours.every((hours) => hours !== undefined)
    ? context.perMonth(sum(spotTaskHours as Dec[]))
    : null;
  let spotCost = ZERO;
  let spotOverhead = ZERO;
  profiles.forEach((profile, i) => {
    const priced = priceProfile(profile, catalog);
    for (const line of priced.lines) context.useRate(line.rate);
    spotCost = spotCost.plus(priced.spotCost);
    spotOverhead = spotOverhead.plus(expectedSpotCost(priced.spotCost, context.risks[i]!).overhead);
  });
  const spotMonthly = context.perMonth(spotCost);
  const overheadMonthly = context.perMonth(spotOverhead);

  let chosen: {plan: PlanId; cost: CommitmentCost; prepared: PreparedPlan} | undefined;
  for (const plan of context.plans) {
    const prepared = prepareSavingsPlan(mixed, catalog, plan, {monthHours: context.monthHours});
    const cost = optimizeCommitment(prepared).best;
    if (cost.commitmentPerHour.isZero()) continue;
    if (!chosen || cost.monthlyCost.lt(chosen.cost.monthlyCost)) chosen = {plan, cost, prepared};
  }
  const arithmetic: ArithmeticLine[] = [];
  let monthlyCost: Dec;
  let onDemandPart: Dec;
  const fixedOnDemand = (prepared: PreparedPlan) =>
    context.perMonth(sum(prepared.fixed.filter((line) => line.reason !== 'spot').map((line) => line.cost)));
  if (chosen) {
    const {cost, prepared, plan} = chosen;
    arithmetic.push({
      label: `${planLabel(plan)} commitment`,
      formula: `${formatUsd(cost.commitmentPerHour, 3)}/h x ${context.monthHours} h`,
      monthlyCost: cost.commitmentPerHour.times(context.monthHours),
    });
    const uncovered = context.perMonth(cost.uncoveredOnDemandCost);
    arithmetic.push({
      label: 'On-Demand above the commitment',
      formula: `${formatUsd(uncovered)} of ${formatUsd(context.perMonth(prepared.eligibleOnDemandCost))} eligible usage not covered`,
      monthlyCost: uncovered,
    });
    onDemandPart = fixedOnDemand(prepared);
    monthlyCost = cost.monthlyCost.plus(overheadMonthly);
  } else {
    const prepared = prepareSavingsPlan(mixed, catalog, context.plans[0] ?? 'compute-1y-no-upfront', {
      monthHours: context.monthHours,
    });
    const eligible = context.perMonth(prepared.eligibleOnDemandCost);
    if (!eligible.isZero())
      arithmetic.push({
        label: 'On-Demand (no commitment pays off)',
        formula: 'usage too spiky or too low for a Savings Plan',
        monthlyCost: eligible,
      });
    onDemandPart = fixedOnDemand(prepared);
    monthlyCost = eligible.plus(onDemandPart).plus(spotMonthly).plus(overheadMonthly);
  }
  if (!onDemandPart.isZero())
    arithmetic.push({
      label: 'On-Demand never covered',
      formula: 'ephemeral storage, the Windows licence, usage without a Savings Plan rate',
      monthlyCost: onDemandPart,
    });
  if (!spotMonthly.isZero()) {
    arithmetic.push({label: 'Fargate Spot', formula: 'Spot rates', monthlyCost: spotMonthly});
    arithmetic.push({
      label: 'Spot re-run overhead',
      formula: 'Spot cost x interruptions per task-hour x overhead hours',
      monthlyCost: overheadMonthly,
    });
  }
  const savings = context.onDemandMonthly.minus(monthlyCost);
  const label = [
    chosen ? `${planLabel(chosen.plan)} at ${formatUsd(chosen.cost.commitmentPerHour, 3)}/h` : null,
    parts.some((p) => p.placement !== 'on-demand') ? 'Spot for tolerant work' : null,
    'On-Demand for the rest',
  ]
    .filter((text): text is string => text !== null)
    .join(' + ');
  if (chosen && context.plans.length > 1) {
    const {term, payment} = planParts(chosen.plan);
    notes.push(
      `the cheapest amortized of the ${context.plans.length} plans sized; it commits for ${term === '1y' ? 'one year' : 'three years'}${payment === 'no' ? '' : ` and pays ${formatUsd(chosen.cost.upfront)} upfront`} (choose with --plans)`,
    );
  }
  return {
    plan: chosen?.plan ?? null,
    label,
    commitmentPerHour: chosen?.cost.commitmentPerHour ?? ZERO,
    upfront: chosen?.cost.upfront ?? ZERO,
    monthlyCost,
    onDemandMonthlyCost: context.onDemandMonthly,
    savings,
    savingsRatio: context.onDemandMonthly.isZero() ? ZERO : savings.div(context.onDemandMonthly),
    utilization: chosen?.cost.utilization ?? null,
    coverage: chosen?.cost.coverage ?? null,
    parts,
    arithmetic,
    spotMonthlyCost: spotMonthly.plus(overheadMonthly),
    spotOverheadMonthlyCost: overheadMonthly,
    expectedInterruptionsPerMonth:
      knownSpotTaskHours === null ? null : expectedInterruptions(knownSpotTaskHours, context.parameters),
    notes,
  };
}

export type {
  ArithmeticLine,
  CompareResult,
  LookbackResult,
  PlanAnalysis,
  Recommendation,
  RecommendationPart,
  Scenario,
  ScenarioKind,
  SpotRiskSummary,
  StrategyFacts,
};
