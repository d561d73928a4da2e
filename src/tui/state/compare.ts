/**
 * The Compare view: a Savings Plan commitment on a slider over the hourly usage profile, the
 * cost-versus-commitment curve with its optimum, the Spot risk inputs and the recommended
 * capacity-provider mix. Every figure comes from the core: `compareWithPlans()` for the scenarios, the
 * recommendation, each plan's optimum and cost curve and the plan's prepared sweep, on which the slider
 * prices any other commitment with `costAtCommitment` (what compare itself sizes plans with). Pure
 * state and selectors.
 */
import {userErrorLine} from '../../report/problems.js';
import {type CompareCache, type CompareInput, compareWithPlans} from '../../app/compare.js';
import type {OwnedInput} from '../../model/owned.js';
import type {CompareResult, CurvePoint, Scenario} from '../../model/compare.js';
import {estimateCompareInput} from '../../app/compare-input.js';
import type {AnalysedPlan} from '../../analysis/compare-plans.js';
import type {WorkloadShape} from '../../analysis/workload-profile.js';
import {type CommitmentCost, COMMITMENT_STEP, costAtCommitment} from '../../analysis/savings-plan.js';
import type {Catalog} from '../../catalog/catalog.js';
import {isUserError} from '../../errors.js';
import {D, dec, type Dec, ZERO} from '../../money/decimal.js';
import {parseDuration, parseRuns} from '../../model/schedule.js';
import {PLAN_IDS, type PlanId} from '../../model/types.js';
import {currentSettings, currentTask, type EstimateState} from './estimate.js';
import type {EstimateSetup} from './estimate-select.js';
import {stepLadder} from './ladders.js';

/** Interruptions per Spot task-hour the view steps through (AWS publishes none for Fargate). */
export const INTERRUPTION_LADDER: readonly string[] = [
  '0',
  '0.0001',
  '0.0005',
  '0.001',
  '0.002',
  '0.005',
  '0.01',
  '0.02',
  '0.05',
  '0.1',
];
/** Work lost per interruption, in seconds (--lost-work). */
export const LOST_WORK_LADDER: readonly string[] = [
  '0',
  '30',
  '60',
  '120',
  '300',
  '600',
  '900',
  '1800',
  '3600',
  '7200',
  '14400',
];
export const MAX_ON_DEMAND_BASE = 100;
/** The slider's coarse step is this fraction of the peak commitment. */
export const SLIDER_STEPS = 40;

export interface CompareViewState {
  readonly planIndex: number;
  /** The commitment on the slider ($/h, a multiple of $0.001), or null: at the plan's optimum. */
  readonly commitment: string | null;
  /** null: as measured in the history, else the default. */
  readonly interruptionRate: string | null;
  /** Seconds of work lost per interruption; null: the default for the kind of work (services none, batch half a run). */
  readonly lostWork: string | null;
  /**
   * Tasks of a Spot-tolerant service the recommended mix keeps on FARGATE; null: compare's default
   * (1, or none for a service that already runs all on Spot), as without --on-demand-base.
   */
  readonly onDemandBase: number | null;
  /**
   * Which work may move to Spot in the mix: null, as the input says (batch work and services already
   * on Spot); true, all of it (--spot-tolerant); false, none (--no-spot-tolerant).
   */
  readonly spotTolerant: boolean | null;
  /** The scenario table's order (`>` cycles it); not an input of compare, so changing it runs nothing again. */
  readonly scenarioSort: ScenarioSort;
  /**
   * The scenario table's first row shown (PgDn/PgUp, Home/End, the wheel): back to 0 when the order
   * changes; the table clamps it to what it can scroll to (a new result may rank fewer scenarios).
   */
  readonly scenarioTop: number;
}

/**
 * The scenario table's orders, in the order `>` cycles them: by the monthly cost, cheapest first
 * (compare's own ranking, the order `compare` prints; a saving is measured against the one
 * On-Demand month, so "most saved first" is this same order); by the cash paid up front, least
 * first; by name, A to Z.
 */
export const SCENARIO_SORTS = ['monthly', 'upfront', 'name'] as const;
export type ScenarioSort = (typeof SCENARIO_SORTS)[number];

/** What the table's header says of its order: "by monthly ↑", "by upfront ↑", "by name ↑". */
export function scenarioSortLabel(sort: ScenarioSort): string {
  return `by ${sort} ↑`;
}

/** Names compared by code unit, so the order is the same on every machine and locale. */
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Scenarios (compare's ranked list, or the part of it the table shows) in an order, every amount
 * compared exactly as a decimal: `monthly` keeps compare's ranking as it is (cheapest first, ties in
 * compare's order: On-Demand before a plan that buys nothing at the same cost); `upfront` puts the
 * least cash up front first (none counts as $0), ties by the monthly cost, then by name; `name` is
 * the scenario's label as the table shows it (`nameOf`), A to Z by code unit, ties by compare's order.
 */
export function sortScenarios(
  scenarios: readonly Scenario[],
  sort: ScenarioSort,
  nameOf: (scenario: Scenario) => string,
): readonly Scenario[] {
  if (sort === 'monthly') return scenarios;
  const names = new Map(scenarios.map((s) => [s, nameOf(s)]));
  const name = (a: Scenario, b: Scenario) => byName(names.get(a)!, names.get(b)!);
  const compare =
    sort === 'upfront'
      ? (a: Scenario, b: Scenario) =>
          (a.upfront ?? ZERO).cmp(b.upfront ?? ZERO) || (a.monthlyCost ?? ZERO).cmp(b.monthlyCost ?? ZERO) || name(a, b)
      : name;
  // Array.prototype.sort is stable: what ties keeps compare's order.
  return [...scenarios].sort(compare);
}

/** What the slider steps within: the plan's optimum and where it covers every hour. */
export interface SliderContext {
  readonly best: Dec;
  readonly peak: Dec;
}

export type CompareAction =
  | {readonly type: 'step-plan'; readonly step: 1 | -1}
  /** A plan chosen by index in PLAN_IDS (a click on its row of the scenario table). */
  | {readonly type: 'select-plan'; readonly index: number}
  | {
      readonly type: 'step-commitment';
      readonly step: 1 | -1;
      readonly fine: boolean;
      /** Each plan's, in PLAN_IDS order (null: nothing to slide over): the step is on the plan of the state, not of the last frame. */
      readonly sliders: readonly (SliderContext | null)[];
    }
  | {readonly type: 'best-commitment'}
  | {readonly type: 'zero-commitment'}
  | {readonly type: 'step-interruptions'; readonly step: 1 | -1; readonly current: Dec}
  | {readonly type: 'step-lost-work'; readonly step: 1 | -1; readonly currentSeconds: Dec}
  | {readonly type: 'step-base'; readonly step: 1 | -1}
  /** As the input says, then all tolerant, then none, then as the input says again. */
  | {readonly type: 'step-tolerance'}
  /** The scenario table's next order (SCENARIO_SORTS); the table back at its top. */
  | {readonly type: 'next-sort'}
  /** The scenario table scrolled by `step` rows, within 0 and `max` (its last first row, as last drawn). */
  | {readonly type: 'scroll-scenarios'; readonly step: number; readonly max: number}
  | {readonly type: 'scenarios-edge'; readonly to: 'first' | 'last'; readonly max: number};

export function initialCompareState(): CompareViewState {
  // The 1-year No Upfront plan first: no cash up front, the shortest commitment.
  return {
    planIndex: PLAN_IDS.indexOf('compute-1y-no-upfront'),
    commitment: null,
    interruptionRate: null,
    lostWork: null,
    onDemandBase: null,
    spotTolerant: null,
    scenarioSort: 'monthly',
    scenarioTop: 0,
  };
}

export function planOfState(state: CompareViewState): PlanId {
  return PLAN_IDS[state.planIndex]!;
}

/** The peak rounded up to what AWS sells: the slider's right end. */
export function sliderMax(peak: Dec): Dec {
  return peak.div(COMMITMENT_STEP).ceil().times(COMMITMENT_STEP);
}

/** The slider's coarse step: a fortieth of the peak, in whole $0.001. */
export function coarseStep(peak: Dec): Dec {
  const steps = peak.div(COMMITMENT_STEP).div(SLIDER_STEPS).toDecimalPlaces(0, D.ROUND_HALF_UP);
  return D.max(1, steps).times(COMMITMENT_STEP);
}

function nearestRung(ladder: readonly string[], value: Dec, step: 1 | -1, toValue: (rung: string) => Dec): string {
  const values = ladder.map(toValue);
  const index = values.findIndex((rung) => rung.eq(value));
  if (index >= 0) return ladder[Math.max(0, Math.min(ladder.length - 1, index + step))]!;
  // A measured value between rungs moves to the next rung in the step's direction.
  if (step > 0) return ladder[values.findIndex((rung) => rung.gt(value))] ?? ladder[ladder.length - 1]!;
  for (let i = values.length - 1; i >= 0; i--) if (values[i]!.lt(value)) return ladder[i]!;
  return ladder[0]!;
}

export function compareReducer(state: CompareViewState, action: CompareAction): CompareViewState {
  switch (action.type) {
    case 'step-plan': {
      const planIndex = Math.max(0, Math.min(PLAN_IDS.length - 1, state.planIndex + action.step));
      // A commitment chosen on the slider stays, so plans compare at the same commitment; at the optimum, the slider follows the new plan's.
      return planIndex === state.planIndex ? state : {...state, planIndex};
    }
    case 'select-plan': {
      if (!Number.isInteger(action.index) || action.index < 0 || action.index >= PLAN_IDS.length) return state;
      return action.index === state.planIndex ? state : {...state, planIndex: action.index};
    }
    case 'step-commitment': {
      const slider = action.sliders[state.planIndex];
      if (!slider) return state;
      const {best, peak} = slider;
      const current = state.commitment === null ? best : dec(state.commitment);
      const step = action.fine ? COMMITMENT_STEP : coarseStep(peak);
      // Coarse steps land on multiples of the step, so the slider's positions do not depend on where it started.
      const moved = action.fine
        ? current.plus(step.times(action.step))
        : action.step > 0
          ? current.div(step).floor().plus(1).times(step)
          : current.div(step).ceil().minus(1).times(step);
      const next = D.max(ZERO, D.min(sliderMax(peak), moved));
      return next.eq(current) ? state : {...state, commitment: next.toFixed(3)};
    }
    case 'best-commitment':
      return state.commitment === null ? state : {...state, commitment: null};
    case 'zero-commitment':
      return state.commitment === '0.000' ? state : {...state, commitment: '0.000'};
    case 'step-interruptions': {
      // The rate set here is the one in use, even before a frame shows it (keys typed ahead).
      const current = state.interruptionRate === null ? action.current : dec(state.interruptionRate);
      const rung = nearestRung(INTERRUPTION_LADDER, current, action.step, dec);
      return rung === state.interruptionRate ? state : {...state, interruptionRate: rung};
    }
    case 'step-lost-work': {
      const current = state.lostWork === null ? action.currentSeconds : dec(state.lostWork);
      const rung = nearestRung(LOST_WORK_LADDER, current, action.step, dec);
      return rung === state.lostWork ? state : {...state, lostWork: rung};
    }
    case 'step-base': {
      const onDemandBase = stepLadder(
        [0, 1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 50, MAX_ON_DEMAND_BASE],
        state.onDemandBase ?? 1,
        action.step,
      );
      return onDemandBase === state.onDemandBase ? state : {...state, onDemandBase};
    }
    case 'step-tolerance':
      return {...state, spotTolerant: state.spotTolerant === null ? true : state.spotTolerant ? false : null};
    case 'next-sort':
      return {
        ...state,
        scenarioSort: SCENARIO_SORTS[(SCENARIO_SORTS.indexOf(state.scenarioSort) + 1) % SCENARIO_SORTS.length]!,
        scenarioTop: 0,
      };
    case 'scroll-scenarios':
    case 'scenarios-edge': {
      const max = Math.max(0, Math.trunc(action.max) || 0);
      // From where the table is drawn: an offset a new result left past the end counts as the end.
      const from = Math.min(state.scenarioTop, max);
      const to =
        action.type === 'scenarios-edge'
          ? action.to === 'first'
            ? 0
            : max
          : Math.max(0, Math.min(max, from + (Math.trunc(action.step) || 0)));
      return to === state.scenarioTop ? state : {...state, scenarioTop: to};
    }
  }
}

// ---------------------------------------------------------------------------------------------

export interface CompareSetup {
  readonly catalog: Catalog;
  readonly now: Date;
  readonly monthHours: number;
  /** Savings Plans already owned (explore --owned-commitment ...): applied before any commitment is sized. */
  readonly owned?: OwnedInput | undefined;
}

export type CompareOutcome =
  | {
      readonly ok: true;
      readonly result: CompareResult;
      /** Each plan compare sized (in PLAN_IDS order): its analysis and the prepared sweep the slider prices on. */
      readonly plans: readonly AnalysedPlan[];
      readonly input: CompareInput;
    }
  | {readonly ok: false; readonly error: string};

/** The input with the view's Spot-tolerance choice applied to every workload, as --spot-tolerant / --no-spot-tolerant apply it. */
export function inputWithTolerance(input: CompareInput, spotTolerant: boolean | null): CompareInput {
  if (spotTolerant === null) return input;
  return {...input, components: input.components.map((c) => ({...c, spotTolerant}))};
}

/** Cache key of what changes compare's result (the plan and the slider do not). */
export function compareKey(state: CompareViewState): string {
  return JSON.stringify([state.interruptionRate, state.lostWork, state.onDemandBase, state.spotTolerant]);
}

/**
 * compareWithPlans() as the CLI runs compare, with the view's risk inputs as its flags: the result, and
 * each plan's prepared sweep. `cache`: what an earlier run over the same input derived from its usage
 * (the same result, sooner). A UserError is shown, not thrown.
 */
export function runCompare(
  input: CompareInput,
  state: CompareViewState,
  setup: CompareSetup,
  cache?: CompareCache,
): CompareOutcome {
  const adjusted = inputWithTolerance(input, state.spotTolerant);
  try {
    const {result, plans} = compareWithPlans({
      input: adjusted,
      cache,
      catalog: setup.catalog,
      now: setup.now,
      monthHours: setup.monthHours,
      interruptionRate: state.interruptionRate === null ? undefined : dec(state.interruptionRate),
      lostWorkSeconds: state.lostWork === null ? undefined : dec(state.lostWork),
      ...(state.onDemandBase === null ? {} : {onDemandBase: state.onDemandBase}),
      // The view shows no look-backs: compare need not size them. The curves are compare's own (its default points).
      lookbackDays: [],
      owned: setup.owned,
    });
    return {ok: true, result, plans, input: adjusted};
  } catch (error) {
    if (!isUserError(error)) throw error;
    return {ok: false, error: userErrorLine(error)};
  }
}

/**
 * runCompare() in slices, so the terminal UI can read keys and draw frames between them: first what
 * compare derives from the usage alone, a plan at a time (kept in `cache`, where compare then finds
 * it), then compare itself, whose result is the same as runCompare()'s (it is runCompare()). Each
 * `yield` is a point where the caller may let other work run, or stop for good.
 */
export function* runCompareInSlices(
  input: CompareInput,
  state: CompareViewState,
  setup: CompareSetup,
  cache: CompareCache,
): Generator<void, CompareOutcome, void> {
  const adjusted = inputWithTolerance(input, state.spotTolerant);
  let sizing: ReturnType<CompareCache['withoutUnpricedSpot']> | undefined;
  try {
    // What compare sizes its plans over (see compareWithPlans): the same calls, so the same kept values.
    sizing = cache.withoutUnpricedSpot(cache.merged(adjusted.components.map((c) => c.profile)));
  } catch {
    // compare itself says what is wrong (no usage, no hours), below.
  }
  if (sizing && sizing.hours.length > 0) {
    for (const plan of PLAN_IDS) {
      yield;
      try {
        cache.sized(sizing, plan);
      } catch {
        break;
      }
    }
  }
  yield;
  return runCompare(input, state, setup, cache);
}

/** A plan as compare sized it (its analysis and prepared sweep); undefined when compare did not size it. */
export function selectedPlan(outcome: CompareOutcome, plan: PlanId): AnalysedPlan | undefined {
  return outcome.ok ? outcome.plans.find((analysed) => analysed.analysis.plan === plan) : undefined;
}

/** What each plan's slider steps within, in PLAN_IDS order; null where nothing is eligible (or compare failed). */
export function sliderContexts(outcome: CompareOutcome): (SliderContext | null)[] {
  return PLAN_IDS.map((plan) => {
    const analysis = selectedPlan(outcome, plan)?.analysis;
    return analysis?.peakCommitmentPerHour.gt(0)
      ? {best: analysis.best.commitmentPerHour, peak: analysis.peakCommitmentPerHour}
      : null;
  });
}

export interface SliderReading {
  readonly plan: PlanId;
  readonly best: CommitmentCost;
  readonly exact: Dec;
  readonly peak: Dec;
  readonly at: CommitmentCost;
  /** The slider sits at the optimum (not moved, or moved back onto it). */
  readonly atBest: boolean;
  /** Nothing to commit to: the optimum is no commitment. */
  readonly noCommitment: boolean;
}

/**
 * The slider on a plan compare sized, at `commitment` (CompareViewState's: null at the optimum): at the
 * optimum, compare's own figures; elsewhere the cost `costAtCommitment` gives on the plan's prepared
 * sweep (what compare prices --commitment with).
 */
export function readSlider({analysis, prepared}: AnalysedPlan, commitment: string | null): SliderReading {
  const at = commitment === null ? analysis.best : costAtCommitment(prepared, dec(commitment));
  return {
    plan: analysis.plan,
    best: analysis.best,
    exact: analysis.exactCommitmentPerHour,
    peak: analysis.peakCommitmentPerHour,
    at,
    atBest: at.commitmentPerHour.eq(analysis.best.commitmentPerHour),
    noCommitment: analysis.noCommitment,
  };
}

/**
 * What Spot's expected re-runs add a month to every plan scenario that keeps the Spot usage as
 * measured (compare adds the as-measured scenario's overhead to each): $0 without Spot. The Commit
 * line and the curve add it to the plan's cost so their figures are the scenario rows'.
 */
export function spotOverheadOf(result: CompareResult): Dec {
  return (
    result.scenarios.find((s) => s.kind === 'as-configured' || s.kind === 'owned')?.spotOverheadMonthlyCost ?? ZERO
  );
}

export interface CurveSample {
  readonly commitmentPerHour: Dec;
  readonly monthlyCost: Dec;
}

/**
 * Compare's cost curve (`PlanAnalysis.curve`, from no commitment to the peak) at `columns` purchasable
 * commitments evenly from 0 to the slider's end. The cost is linear between the curve's points, so
 * interpolating between them is exact where the curve holds every breakpoint (and a close drawing
 * where compare thinned it out; being convex, never below the cost); past the peak every hour is
 * covered and each $1/h more costs `monthHours` dollars a month.
 */
export function curveSamples(curve: readonly CurvePoint[], monthHours: number, columns: number): CurveSample[] {
  const last = curve[curve.length - 1];
  if (columns < 2 || !last) return [];
  const end = sliderMax(last.commitmentPerHour);
  if (end.isZero()) return [];
  let j = 0;
  return Array.from({length: columns}, (_, i) => {
    const commitment = end
      .times(i)
      .div(columns - 1)
      .toDecimalPlaces(3, D.ROUND_HALF_UP);
    if (commitment.gte(last.commitmentPerHour)) {
      const beyond = commitment.minus(last.commitmentPerHour).times(monthHours);
      return {commitmentPerHour: commitment, monthlyCost: last.monthlyCost.plus(beyond)};
    }
    while (curve[j + 1]!.commitmentPerHour.lte(commitment)) j++;
    const a = curve[j]!;
    const b = curve[j + 1]!;
    const monthlyCost = a.monthlyCost.plus(
      b.monthlyCost
        .minus(a.monthlyCost)
        .times(commitment.minus(a.commitmentPerHour))
        .div(b.commitmentPerHour.minus(a.commitmentPerHour)),
    );
    return {commitmentPerHour: commitment, monthlyCost};
  });
}

/** The column of a commitment on a curve of `columns` columns from 0 to `end`. */
export function columnOf(commitment: Dec, end: Dec, columns: number): number {
  if (end.isZero() || columns < 2) return 0;
  const column = Number(
    commitment
      .div(end)
      .times(columns - 1)
      .toDecimalPlaces(0, D.ROUND_HALF_UP)
      .toFixed(0),
  );
  return Math.max(0, Math.min(columns - 1, column));
}

const BLOCKS = ['', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/**
 * The curve as `height` lines of column bars, the cheapest point still a sliver tall (the floor is
 * set a little below it so the dip shows). Bar heights are drawing, not money. `bounds`: the lowest and
 * highest cost to scale between (by default the samples'; every sample must lie within them).
 */
export function curveLines(
  samples: readonly CurveSample[],
  height: number,
  bounds?: {readonly low: Dec; readonly high: Dec},
): {lines: string[]; low: Dec; high: Dec} {
  if (samples.length === 0 || height <= 0) return {lines: [], low: ZERO, high: ZERO};
  const costs = samples.map((sample) => sample.monthlyCost);
  const low = bounds?.low ?? costs.reduce((a, b) => (b.lt(a) ? b : a));
  const high = bounds?.high ?? costs.reduce((a, b) => (b.gt(a) ? b : a));
  const span = high.minus(low);
  const floor = span.isZero() ? low.times('0.9') : low.minus(span.times('0.12'));
  const range = high.minus(floor);
  const eighths = costs.map((cost) =>
    range.lte(0)
      ? height * 8
      : Number(
          cost
            .minus(floor)
            .div(range)
            .times(height * 8)
            .toDecimalPlaces(0, D.ROUND_HALF_UP)
            .toFixed(0),
        ),
  );
  const lines: string[] = [];
  for (let row = height - 1; row >= 0; row--) {
    lines.push(eighths.map((value) => BLOCKS[Math.max(0, Math.min(8, value - row * 8))] || ' ').join(''));
  }
  return {lines, low, high};
}

/** The marker line under the curve: ▲ the optimum, ● the slider, ◆ both at once. */
export function markerLine(columns: number, bestColumn: number, sliderColumn: number): string {
  const cells = Array.from({length: columns}, () => ' ');
  cells[bestColumn] = '▲';
  cells[sliderColumn] = sliderColumn === bestColumn ? '◆' : '●';
  return cells.join('');
}

/**
 * The Estimate view's task on screen as compare's input: its size, region, count and schedule, as
 * `fargate-cost compare --cpu ... --count ... [--duration ... --runs .../day]` would build it.
 */
export function estimateCompareInputOf(
  state: EstimateState,
  setup: EstimateSetup,
  monthHours: number,
): CompareInput | {readonly error: string} {
  const settings = currentSettings(state);
  const task = currentTask(state);
  try {
    const shape: WorkloadShape =
      state.schedule.kind === 'always-on'
        ? {kind: 'always-on', count: state.count}
        : {
            kind: 'schedule',
            count: state.count,
            durationMs: parseDuration(state.schedule.duration),
            runsPerMonth: parseRuns(`${state.schedule.runsPerDay}/day`, monthHours),
          };
    return estimateCompareInput({
      specs: [task.spec],
      overrides: {
        cpuUnits: settings.cpuUnits,
        memoryMiB: settings.memoryMiB,
        storageGiB: settings.storageGiB,
        arch: settings.arch,
        os: settings.os,
      },
      region: settings.region,
      environmentRegion: setup.environmentRegion,
      shape,
      monthHours,
      catalog: setup.catalog,
    });
  } catch (error) {
    if (!isUserError(error)) throw error;
    return {error: userErrorLine(error)};
  }
}
