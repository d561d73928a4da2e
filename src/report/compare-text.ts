import {type MoneyFormat, showAdaptive, showAmount, USD_MONEY} from './money.js';
import {dec, type Dec} from '../money/decimal.js';
import {formatPercent} from '../money/format.js';
import type {
  ArithmeticLine,
  CompareResult,
  RecommendationPart,
  Recommendation,
  Scenario,
  ScenarioGap,
  SpotRiskParameters,
  SpotSubject,
} from '../model/compare.js';
import type {CompareDescription, CompareNote} from '../model/notes.js';
import type {RateGap} from '../model/priced.js';
import {type OptionId, type PlanId, planParts} from '../model/types.js';
import {formatSize} from '../sizing/sizes.js';
import {refreshAdvice} from './refresh-advice.js';
import {
  describeShape,
  EXCLUSION_LABELS,
  formatStrategy,
  historyNoteText,
  listing,
  optionLabel,
  plural,
  REGION_CHAIN,
  shortOptionLabel,
  taskNoteText,
} from './text.js';

/** The words of a compare result: scenario labels and risks, the recommendation, and the notes. */

type Basis = CompareResult['input']['basis'];

export function planLabel(plan: PlanId): string {
  return optionLabel(`savings-plan-${plan}` as OptionId);
}

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
  return `${refreshAdvice(regions)}, or pass --catalog FILE with ${gaps.length === 1 ? 'that rate' : 'those rates'}`;
}

const SUBJECTS: Record<Exclude<SpotSubject, 'all-spot' | 'measured-cost'>, string> = {
  strategy: "the strategy's Fargate Spot tasks",
  'under-strategy': 'the Spot usage under --strategy',
  measured: 'the Fargate Spot usage measured',
};

export function scenarioGapText(gap: ScenarioGap): string {
  if (gap.kind === 'windows-spot') return 'Fargate Spot runs Linux tasks only; Windows tasks cannot use it';
  if (gap.kind === 'owned-plans')
    return 'the owned Savings Plans cover On-Demand usage whatever is bought; its list price is what savings are measured against';
  const missing = spotGapText(gap.gaps);
  const hint = spotGapHint(gap.gaps);
  if (gap.subject === 'all-spot') return `${missing}; ${hint}`;
  if (gap.subject === 'measured-cost')
    return `${missing}, so what the measured Fargate Spot usage cost is unknown; ${hint}`;
  const beside = gap.beside === 'plan' ? ', which the plan leaves on Spot,' : '';
  return `${missing}, so ${SUBJECTS[gap.subject]}${beside} cannot be priced; ${hint}`;
}

/** A scenario's name; `short`, for a narrow table: "As measured + SP 3y all upfront". */
export function scenarioLabel(scenario: Scenario, basis: Basis, short = false, money: MoneyFormat = USD_MONEY): string {
  const configured = basis === 'configured';
  switch (scenario.kind) {
    case 'on-demand':
      return 'All On-Demand';
    case 'as-configured':
      if (short) return configured ? 'As configured' : 'As measured';
      return configured ? 'Strategy as configured' : 'As measured (On-Demand + Spot)';
    case 'owned':
      if (short) return 'Owned plans only';
      return `Owned Savings Plans, nothing more (${configured ? 'as configured' : 'as measured'})`;
    case 'spot':
      return 'All Fargate Spot';
    case 'recommended':
      return 'Recommended mix';
    case 'savings-plan':
    case 'commitment': {
      const prefix = scenario.withSpot ? `${configured ? 'Strategy' : 'As measured'} + ` : '';
      const at = scenario.kind === 'commitment' ? ` at ${showAmount(money, scenario.commitmentPerHour!, 3)}/h` : '';
      const plan = short ? shortOptionLabel(`savings-plan-${scenario.plan!}`) : planLabel(scenario.plan!);
      return `${prefix}${plan}${at}`;
    }
  }
}

function spotNotes(interruptions: Dec | null, overhead: Dec, money: MoneyFormat): string[] {
  const out = ["Spot tasks can be stopped with two minutes' warning"];
  if (interruptions !== null) {
    out.push(
      `~${interruptions.toDecimalPlaces(1).toString()} interruptions a month expected (+${showAdaptive(money, overhead)} of re-runs)`,
    );
  } else out.push(`+${showAdaptive(money, overhead)} a month expected for re-runs`);
  return out;
}

const commitmentNote = (plan: PlanId, perHour: Dec, money: MoneyFormat) =>
  `${planParts(plan).term === '1y' ? '1-year' : '3-year'} commitment of ${showAmount(money, perHour, 3)}/h`;

/** What a scenario risks: its commitment, what of it goes unused, and Spot's interruptions. */
/** `money`: the currency figures are shown in (the JSON's words keep US dollars). */
export function scenarioRiskNotes(scenario: Scenario, money: MoneyFormat = USD_MONEY): string[] {
  if (!scenario.available) return [];
  const spot = () => spotNotes(scenario.expectedInterruptionsPerMonth, scenario.spotOverheadMonthlyCost!, money);
  switch (scenario.kind) {
    case 'on-demand':
      return [];
    case 'as-configured':
    case 'spot':
      return spot();
    case 'owned': {
      const unused = scenario.utilization === null ? null : formatPercent(dec(1).minus(scenario.utilization));
      return [
        'buys no more commitment',
        ...(unused !== null && unused !== '0.0%' ? [`${unused} of the owned commitment unused`] : []),
        ...(scenario.withSpot ? spot() : []),
      ];
    }
    case 'savings-plan':
    case 'commitment': {
      const unused = scenario.utilization === null ? null : formatPercent(dec(1).minus(scenario.utilization));
      return [
        ...(scenario.noCommitment
          ? [
              scenario.ownedCovers
                ? 'nothing more to buy: the owned plans cover what a commitment would pay off on'
                : 'no commitment pays off: usage too spiky or too low',
            ]
          : []),
        commitmentNote(scenario.plan!, scenario.commitmentPerHour!, money),
        ...(unused !== null && unused !== '0.0%' ? [`${unused} of the commitment unused`] : []),
        ...(scenario.withSpot ? spot() : []),
      ];
    }
    case 'recommended':
      return [
        ...(scenario.plan ? [commitmentNote(scenario.plan, scenario.commitmentPerHour!, money)] : []),
        ...(scenario.spotMonthlyCost === null ? [] : ['Spot on the interruption-tolerant part only', ...spot()]),
      ];
  }
}

export function recommendationLabel(recommendation: Recommendation, money: MoneyFormat = USD_MONEY): string {
  return [
    recommendation.arithmetic.some((line) => line.kind === 'owned') ? 'Owned Savings Plans' : null,
    recommendation.plan
      ? `${planLabel(recommendation.plan)} at ${showAmount(money, recommendation.commitmentPerHour, 3)}/h`
      : null,
    recommendation.parts.some((p) => p.placement !== 'on-demand') ? 'Spot for tolerant work' : null,
    'On-Demand for the rest',
  ]
    .filter((text): text is string => text !== null)
    .join(' + ');
}

export function placementWhy(part: RecommendationPart): string {
  const why = part.why;
  switch (why.kind) {
    case 'windows':
      return 'Windows: no Fargate Spot';
    case 'not-tolerant':
      return part.kind === 'service' ? 'a service not marked --spot-tolerant' : 'not marked interruption-tolerant';
    case 'base-holds-all':
      return `its On-Demand base of ${plural(why.base, 'task')} keeps all its tasks on FARGATE; lower --on-demand-base to move some to Spot`;
    case 'spot-rates':
      return `${spotGapText(why.gaps)}, so Spot cannot be priced; ${spotGapHint(why.gaps)}`;
    case 'spot-dearer':
      return 'Spot with its re-run overhead would cost more than On-Demand';
    case 'batch':
      return 'batch work: an interruption re-runs part of a job';
    case 'tolerant':
      if (why.base > 0) return `interruption-tolerant; ${why.base} task${why.base === 1 ? '' : 's'} kept on FARGATE`;
      return why.alreadyNoBase
        ? 'interruption-tolerant; it already runs with no FARGATE base'
        : 'interruption-tolerant';
  }
}

export function partStrategy(part: RecommendationPart): string | null {
  return part.strategy === null ? null : formatStrategy(part.strategy);
}

export function arithmeticWords(
  line: ArithmeticLine,
  money: MoneyFormat = USD_MONEY,
): {label: string; formula: string} {
  switch (line.kind) {
    case 'commitment':
      return {
        label: `${planLabel(line.plan)} commitment`,
        formula: `${showAmount(money, line.perHour, 3)}/h x ${line.monthHours} h`,
      };
    case 'uncovered':
      return {
        label: 'On-Demand above the commitment',
        formula: `${showAmount(money, line.monthlyCost)} of ${showAmount(money, line.eligible)} eligible usage not covered`,
      };
    case 'no-commitment':
      return {label: 'On-Demand (no commitment pays off)', formula: 'usage too spiky or too low for a Savings Plan'};
    case 'never-covered':
      return {
        label: 'On-Demand never covered',
        formula: 'ephemeral storage, the Windows licence, usage without a Savings Plan rate',
      };
    case 'owned':
      return {
        label: 'Owned Savings Plans (Fargate share)',
        formula: `${showAmount(money, line.perHour, 3)}/h, paid whatever else is bought`,
      };
    case 'spot':
      return {label: 'Fargate Spot', formula: 'Spot rates'};
    case 'spot-overhead':
      return {label: 'Spot re-run overhead', formula: 'Spot cost x interruptions per task-hour x overhead hours'};
  }
}

/** One line: what was compared. */
export function describeCompareInput(description: CompareDescription): string {
  if (description.kind === 'estimate') {
    const tasks = description.tasks.map(({name, size, region}) => {
      const platform = `${size.os === 'linux' ? 'Linux' : 'Windows'}/${size.arch}`;
      const storage = size.storageGiB > 20 ? `, ${size.storageGiB} GiB storage` : '';
      return `${name}: ${formatSize(size)}, ${platform}${storage}, ${region}`;
    });
    return `${tasks.join('; ')}; ${describeShape(description.shape)}`;
  }
  const source = typeof description.source === 'number' ? `${description.source} sources` : description.source;
  const running = description.running > 0 ? ` (${description.running} running)` : '';
  const groups = [
    description.services.length > 0
      ? `${description.services.length === 1 ? 'service' : 'services'} ${description.services.join(', ')}`
      : null,
    description.batch.length > 0 ? `batch ${description.batch.join(', ')}` : null,
  ].filter((text): text is string => text !== null);
  return `${plural(description.tasks, 'task')}${running} from ${source}: ${groups.join('; ')}`;
}

function describeRisk(parameters: SpotRiskParameters): string {
  const rate =
    parameters.interruptionSource === 'history' && parameters.evidence
      ? `${parameters.interruptionsPerTaskHour.toDecimalPlaces(6).toString()} interruptions per Spot task-hour measured (${parameters.evidence.interruptions} in ${parameters.evidence.spotTaskHours.toDecimalPlaces(1).toString()} task-hours)`
      : `${parameters.interruptionsPerTaskHour.toString()} interruptions per Spot task-hour (${parameters.interruptionSource === 'flag' ? '--interruption-rate' : 'default; AWS publishes no Fargate Spot interruption rate'})`;
  const pull = `${parameters.imagePullSeconds.toDecimalPlaces(1).toString()} s image pull per replacement (${parameters.imagePullSource === 'history' ? 'measured mean' : 'default'})`;
  return `Spot risk: ${rate}; each interruption re-bills ${pull} plus lost work (services: none by default; batch: half a run by default; --lost-work sets it); expected Spot cost = Spot cost x (1 + interruptions per task-hour x overhead hours)`;
}

export function compareNoteText(note: CompareNote, money: MoneyFormat = USD_MONEY): string {
  switch (note.kind) {
    case 'region-assumed':
      return `region ${note.region} assumed for ${note.tasks.join(', ')} ${REGION_CHAIN}`;
    case 'task':
      return `${note.task}: ${taskNoteText(note.note)}`;
    case 'runs-placed':
      return `${note.runsPerMonth.toDecimalPlaces(2).toString()} runs a month (as estimate counts them) placed as ${note.runs} whole runs in the ${note.monthHours}-hour profile; the monthly figures here are for those`;
    case 'usage-profile':
      return `usage profile: ${describeShape(note.shape)}, over a ${note.monthHours}-hour month starting 00:00 UTC`;
    case 'split-for-mean':
      return `${note.component}: no describe-services output read, so the strategy's split is shown for ${plural(note.desiredCount, 'task')} (the mean running)`;
    case 'several-sizes':
      return `${note.component} ran ${note.sizes} task sizes; a task's hourly usage (for a FARGATE base and Spot task-hours) is the newest: ${formatSize(note.latest)}`;
    case 'batch-run':
      return note.meanRunSeconds === null
        ? `${note.component}: no run completed in the history, so an interruption loses no work by default (pass --lost-work)`
        : `${note.component}: a run lasts ${note.meanRunSeconds.toDecimalPlaces(1).toString()} s on average (the mean of its completed runs); an interruption loses half of one by default`;
    case 'no-interruptions': {
      const one = note.spotTasks === 1;
      const which = one ? 'the one Spot task' : `none of the ${note.spotTasks} Spot tasks`;
      return `${which} (${note.taskHours.toDecimalPlaces(1).toString()} task-hours) was ${one ? 'not ' : ''}interrupted, so the measured rate is 0; a longer history or --interruption-rate gives a safer figure`;
    }
    case 'strategy-rebought':
      return `--strategy ${formatStrategy(note.strategy)}: each service's measured usage re-bought hour by hour, the base first, the rest by weight (fractions of a task allowed)`;
    case 'not-billed': {
      const reasons = Object.entries(note.reasons).map(
        ([reason, count]) => `${count}: ${EXCLUSION_LABELS[reason as keyof typeof EXCLUSION_LABELS]}`,
      );
      return `${plural(note.tasks, 'task')} not billed (${reasons.join('; ')})`;
    }
    case 'lookbacks-skipped': {
      const one = note.skipped.length === 1;
      return `look-backs: the history covers ${(note.hours / 24).toFixed(1)} days (${plural(note.hours, 'hour')}), too short for the ${listing(note.skipped.map((days) => `${days}-day`))} look-back${one ? '' : 's'}; read a longer history to size ${one ? 'it' : 'them'}`;
    }
    case 'savings-plan-rule':
      return 'Savings Plans: each clock hour the commitment covers eligible usage at Savings Plan rates, highest savings percentage first; the rest is On-Demand; unused commitment is lost; Spot, ephemeral storage and the Windows licence are never covered';
    case 'slice-rule':
      return 'a slice of usage is worth committing to when it runs in more of the hours than the Savings Plan rate is of the On-Demand rate (80% of hours for a 20% discount): the optimizer finds that level exactly';
    case 'fargate-only':
      return 'the commitment is sized for this Fargate usage alone; other Compute Savings Plan usage in the account (EC2, Lambda) would share it';
    case 'monthly-figures': {
      const profile = `monthly figures are the profile's ${plural(note.hours, 'hour')}`;
      const scaled = note.hours === note.monthHours ? profile : `${profile} scaled to ${note.monthHours} hours`;
      return `${scaled}; a commitment costs its hourly rate x ${note.monthHours} a month, upfront payments amortized over the term`;
    }
    case 'spot-rates-age':
      return `Fargate Spot rates as of ${note.asOf} (${note.days} days old); Spot prices move`;
    case 'spot-risk':
      return describeRisk(note.parameters);
    case 'windows-no-spot':
      return 'Windows tasks cannot run on Fargate Spot: they stay On-Demand or under a Savings Plan';
    case 'plan-missing-rate':
      return `${planLabel(note.plan)}: the catalog has no rate for ${note.key} in ${note.region}; that usage is priced On-Demand (the plan may save more)`;
    case 'sized-without-spot': {
      const what =
        note.subject === 'all-spot' || note.subject === 'measured-cost' ? note.subject : SUBJECTS[note.subject];
      return `the Savings Plans are sized over the On-Demand usage as ${note.basis} (Spot is never covered); their monthly figures leave out ${what}, for want of a Spot rate`;
    }
    case 'spot-without-rate': {
      const onSpot = note.measured
        ? `${note.component} ran ${note.partly ? 'partly ' : ''}on Fargate Spot`
        : `the strategy puts tasks of ${note.component} on Fargate Spot`;
      return `${onSpot}, which has no rate here: the mix prices ${note.component} On-Demand, so its saving is against All On-Demand, not against ${note.measured ? 'what the history paid' : 'the strategy'}`;
    }
    case 'cheapest-plan': {
      const {term, payment} = planParts(note.plan);
      return `the cheapest amortized of the ${note.plans} plans sized; it commits for ${term === '1y' ? 'one year' : 'three years'}${payment === 'no' ? '' : ` and pays ${showAmount(money, note.upfront)} upfront`} (choose with --plans)`;
    }
    case 'old-spot-rates':
      return `the Fargate Spot rates are ${note.days} days old (as of ${note.asOf}); Spot savings may differ today`;
    case 'spot-gaps': {
      const missing = note.unavailableScenarios;
      const effects = [
        missing > 0
          ? `${plural(missing, 'scenario')} that need${missing === 1 ? 's' : ''} it ${missing === 1 ? 'is' : 'are'} not available`
          : null,
        note.keptOnDemand.length > 0 ? `the recommendation keeps ${listing(note.keptOnDemand)} On-Demand` : null,
      ].filter((text): text is string => text !== null);
      return `${spotGapText(note.gaps)}: ${effects.join(', and ')}; ${spotGapHint(note.gaps)}`;
    }
    case 'default-interruption-rate':
      return `no measured Spot interruption rate: ${note.rate.toString()} per task-hour assumed (pass --interruption-rate, or read a history with Spot tasks)`;
    case 'owned-ended':
      return `${plural(note.plans.length, 'owned plan')} had ended (${note.plans.map((p) => `${p.id ?? 'stated'} on ${new Date(p.endMs - 1).toISOString().slice(0, 10)}`).join(', ')}) and ${note.plans.length === 1 ? 'is' : 'are'} not applied`;
    case 'owned-underused':
      return `Fargate uses ${formatPercent(note.utilization)} of the owned commitment, all of which was taken as Fargate's: if the plans also serve EC2 or Lambda, give the share left for Fargate with --owned-share (or --owned-share live)`;
    case 'rightsized': {
      const sizes = (size: {cpu: number; memory: number}) => formatSize({cpuUnits: size.cpu, memoryMiB: size.memory});
      const moved = note.sizes.map(
        (s) =>
          `${s.component} ${sizes(s.from)} -> ${sizes(s.to)}${s.judged ? ` (rightsize judged it at ${sizes(s.judged)})` : ''}`,
      );
      return [
        moved.length === 0
          ? 'rightsized: no workload here changes size'
          : `rightsized (--rightsized): ${moved.join(', ')}; their vCPU and memory usage scaled to the new size, storage as it was`,
        note.approximate ? 'some tasks ran at other sizes, so their usage was scaled too (approximate)' : null,
        note.unmatched.length > 0 ? `not in this input: ${note.unmatched.join(', ')}` : null,
      ]
        .filter((part) => part !== null)
        .join('; ');
    }
    default:
      return historyNoteText(note);
  }
}
