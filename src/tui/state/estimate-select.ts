import type {HistoryResult} from '../../model/history.js';
import {staleOptionMonth} from '../../report/stale.js';
import {userErrorLine} from '../../report/problems.js';
import type {RateRef} from '../../model/priced.js';
import {estimate, type EstimateRequest} from '../../app/estimate.js';
import type {EstimateResult} from '../../model/estimate.js';
import type {Catalog} from '../../catalog/catalog.js';
import {isUserError} from '../../errors.js';
import {alwaysOn, type Workload, workloadFromFlags} from '../../model/schedule.js';
import type {SizeOverrides, TaskDefinitionSpec} from '../../model/task.js';
import {type Dec, HOURS_PER_MONTH, ZERO} from '../../money/decimal.js';
import {toDec} from '../../money/exact.js';
import {optionLabel, optionWords} from '../../report/text.js';
import {formatPercent, formatQuantity, formatUsd} from '../../money/format.js';
import type {Confidence, OptionId} from '../../model/types.js';
import {formatCpu, formatMemory, validSizes} from '../../sizing/sizes.js';
import {
  currentSettings,
  currentTask,
  type EstimateState,
  type EstimateTask,
  type FieldId,
  initialEstimateState,
  type TaskSettings,
  visibleFields,
} from './estimate.js';
import {presetOf} from './ladders.js';

/** What the Estimate view prices with: the same inputs `fargate-cost estimate` builds from its flags. */
export interface EstimateSetup {
  readonly specs: readonly TaskDefinitionSpec[];
  readonly catalog: Catalog;
  /** --region, which wins over a task definition's ARN as it does for estimate. */
  readonly regionFlag: string | undefined;
  readonly environmentRegion: string | undefined;
  readonly now: Date;
  /**
   * The history explore read, when no task definition was given: the view describes its workload
   * and prices its projected month instead of one task of its newest size.
   */
  readonly history?: HistoryResult | undefined;
}

/**
 * Resolves each task definition the way `estimate` does (size from the file or fitted from its
 * containers, region from --region, the ARN, the environment, else us-east-1) by asking estimate()
 * itself, so the view starts exactly where the CLI would. Throws the CLI's UserError for a bad file.
 */
export function prepareTasks(setup: EstimateSetup): EstimateTask[] {
  return setup.specs.map((spec) => {
    const result = estimate({
      specs: [spec],
      overrides: {},
      region: setup.regionFlag,
      environmentRegion: setup.environmentRegion,
      workload: alwaysOn(),
      catalog: setup.catalog,
      now: setup.now,
    });
    const task = result.tasks[0]!;
    const {cpuUnits, memoryMiB, storageGiB, arch, os} = task.size;
    return {
      spec,
      initial: {cpuUnits, memoryMiB, storageGiB, arch, os, region: task.region},
      regionOrigin: task.regionOrigin,
    };
  });
}

export function initialStateFor(setup: EstimateSetup): EstimateState {
  return initialEstimateState(prepareTasks(setup), setup.catalog.regions);
}

/** The schedule as the CLI's --count/--duration/--runs, parsed by the CLI's own parser. */
export function workloadFlags(state: Pick<EstimateState, 'count' | 'schedule'>): {
  count: string;
  duration?: string;
  runs?: string;
} {
  const count = String(state.count);
  if (state.schedule.kind === 'always-on') return {count};
  return {count, duration: state.schedule.duration, runs: `${state.schedule.runsPerDay}/day`};
}

export function workloadOf(state: Pick<EstimateState, 'count' | 'schedule'>): Workload {
  return workloadFromFlags(workloadFlags(state));
}

function overridesOf(settings: TaskSettings): SizeOverrides {
  const {cpuUnits, memoryMiB, storageGiB, arch, os} = settings;
  return {cpuUnits, memoryMiB, storageGiB, arch, os};
}

/** The request estimate() gets for the task on screen: every size setting as an override, as flags would be. */
export function estimateRequestOf(state: EstimateState, setup: EstimateSetup): EstimateRequest {
  const settings = currentSettings(state);
  const task = currentTask(state);
  return {
    specs: [task.spec],
    overrides: overridesOf(settings),
    // The starting region is left for estimate() to resolve again, so its origin and notes match the CLI's.
    region: settings.region === task.initial.region ? setup.regionFlag : settings.region,
    environmentRegion: setup.environmentRegion,
    workload: workloadOf(state),
    catalog: setup.catalog,
    now: setup.now,
  };
}

export type EstimateOutcome =
  | {readonly ok: true; readonly result: EstimateResult}
  | {readonly ok: false; readonly error: string};

/**
 * Prices the view's state with the CLI's estimate(). A UserError (no On-Demand rate for this
 * dimension in this region) is shown in the view rather than ending it; anything else is a bug.
 */
export function runEstimate(state: EstimateState, setup: EstimateSetup): EstimateOutcome {
  try {
    return {ok: true, result: estimate(estimateRequestOf(state, setup))};
  } catch (error) {
    if (!isUserError(error)) throw error;
    return {ok: false, error: userErrorLine(error)};
  }
}

/** The view's starting point for the task on screen (its file's settings, one task, always on). */
export function baselineState(state: EstimateState): EstimateState {
  const task = currentTask(state);
  return {
    ...state,
    settings: state.settings.map((settings, i) => (i === state.taskIndex ? task.initial : settings)),
    count: 1,
    schedule: {kind: 'always-on'},
  };
}

/** Cache key of everything that changes the price: moving the cursor does not re-price. */
export function pricingKey(state: EstimateState): string {
  const settings = currentSettings(state);
  return JSON.stringify([state.taskIndex, settings, state.count, state.schedule]);
}

const decimalText = (units: number) => String(units / 1024);

/**
 * The `fargate-cost estimate` command that prints the same numbers: a size given by flags is exactly
 * the task on screen (the file only supplied the starting values). Defaults are left out.
 */
export function equivalentCommand(state: EstimateState): string {
  const settings = currentSettings(state);
  const args = [
    'fargate-cost',
    'estimate',
    '--cpu',
    decimalText(settings.cpuUnits),
    '--memory',
    decimalText(settings.memoryMiB),
  ];
  if (settings.arch !== 'x86_64') args.push('--arch', settings.arch);
  if (settings.os !== 'linux') args.push('--os', settings.os);
  if (settings.storageGiB !== 20) args.push('--storage', String(settings.storageGiB));
  args.push('--region', settings.region);
  const workload = workloadFlags(state);
  if (state.count !== 1) args.push('--count', workload.count);
  if (workload.duration !== undefined) args.push('--duration', workload.duration, '--runs', workload.runs!);
  return args.join(' ');
}

export type RateKind = 'On-Demand' | 'Fargate Spot' | 'Savings Plans';

/** Rates that share a kind, source, date and confidence: one line of the view's sources panel. */
export interface RateGroup {
  readonly kind: RateKind;
  readonly source: string;
  readonly sourceTitle: string;
  readonly asOf: string;
  readonly ageDays: number;
  readonly confidence: Confidence;
  readonly count: number;
}

const KIND_ORDER: readonly RateKind[] = ['On-Demand', 'Fargate Spot', 'Savings Plans'];

function kindOf(rate: RateRef): RateKind {
  if (rate.table === 'on-demand') return 'On-Demand';
  if (rate.table === 'spot') return 'Fargate Spot';
  return 'Savings Plans';
}

/** Whole days from an ISO date (or timestamp) to now; never negative. */
export function ageInDays(asOf: string, now: Date): number {
  const at = Date.parse(asOf.length === 10 ? `${asOf}T00:00:00Z` : asOf);
  return Math.max(0, Math.floor((now.getTime() - at) / 86_400_000));
}

/** The rates a result used, grouped by where they came from and when, oldest-first within a kind. */
export function rateGroups(rates: readonly RateRef[], now: Date): RateGroup[] {
  const groups = new Map<string, RateGroup>();
  for (const rate of rates) {
    const kind = kindOf(rate);
    const id = [kind, rate.source, rate.asOf, rate.confidence].join('|');
    const group = groups.get(id);
    groups.set(
      id,
      group
        ? {...group, count: group.count + 1}
        : {
            kind,
            source: rate.source,
            sourceTitle: rate.sourceTitle,
            asOf: rate.asOf,
            ageDays: ageInDays(rate.asOf, now),
            confidence: rate.confidence,
            count: 1,
          },
    );
  }
  return [...groups.values()].sort(
    (a, b) =>
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
      a.asOf.localeCompare(b.asOf) ||
      a.source.localeCompare(b.source),
  );
}

/** One line of the settings panel, as text: components only lay it out. */
export interface SettingRow {
  readonly field: FieldId;
  readonly label: string;
  readonly value: string;
  /** Dim text after the value: the valid range, what is billed. */
  readonly detail: string;
}

const FIELD_LABELS: Record<FieldId, string> = {
  task: 'task def',
  cpu: 'vCPU',
  memory: 'memory',
  arch: 'arch',
  os: 'OS',
  storage: 'storage',
  region: 'region',
  count: 'tasks',
  schedule: 'schedule',
  duration: 'run length',
  runs: 'runs a day',
};

function memoryRange(settings: TaskSettings): string {
  const memories = validSizes(settings.os)
    .filter((size) => size.cpuUnits === settings.cpuUnits)
    .map((size) => size.memoryMiB);
  return `${memories[0]! / 1024}–${formatMemory(memories[memories.length - 1]!)}`;
}

/** Whether the per-second billing or the minimum decides what one run costs. */
function billedDetail(durationMs: number, billedSecondsPerRun: number | undefined): string {
  if (billedSecondsPerRun === undefined) return '';
  return billedSecondsPerRun * 1000 > durationMs ? `billed ${billedSecondsPerRun} s` : 'billed per second';
}

/** The settings panel's rows for the task on screen. `billedSeconds` comes from the last estimate. */
export function settingRows(
  state: EstimateState,
  regionName: (region: string) => string,
  billedSecondsPerRun: number | undefined,
): SettingRow[] {
  const settings = currentSettings(state);
  const task = currentTask(state);
  const schedule = state.schedule;
  return visibleFields(state).map((field): SettingRow => {
    const row = (value: string, detail = '') => ({field, label: FIELD_LABELS[field], value, detail});
    switch (field) {
      case 'task':
        return row(task.spec.name, `${state.taskIndex + 1} of ${state.tasks.length}`);
      case 'cpu':
        return row(formatCpu(settings.cpuUnits), `${settings.cpuUnits} units`);
      case 'memory':
        return row(formatMemory(settings.memoryMiB), memoryRange(settings));
      case 'arch':
        return row(settings.arch, settings.os === 'windows' ? 'Windows: x86_64 only' : '');
      case 'os':
        return row(
          settings.os === 'linux' ? 'Linux' : 'Windows',
          settings.os === 'windows' ? 'licence fee per vCPU' : '',
        );
      case 'storage':
        return row(
          `${settings.storageGiB} GiB`,
          settings.storageGiB > 20 ? `${settings.storageGiB - 20} GiB billed` : 'included',
        );
      case 'region':
        return row(settings.region, regionName(settings.region));
      case 'count':
        return row(String(state.count), state.count === 1 ? 'task at once' : 'tasks at once');
      case 'schedule':
        return row(
          presetOf(schedule)?.label ?? 'custom',
          schedule.kind === 'always-on' ? `${HOURS_PER_MONTH} h a month` : '',
        );
      case 'duration':
        return row(
          schedule.kind === 'runs' ? schedule.duration : '',
          billedDetail(workloadOf(state).durationMs, billedSecondsPerRun),
        );
      case 'runs':
        return row(
          schedule.kind === 'runs' ? String(schedule.runsPerDay) : '',
          schedule.kind === 'runs' ? `${formatQuantity(toDec(workloadOf(state).runsPerMonth), 2)} a month` : '',
        );
      default:
        return field satisfies never;
    }
  });
}

/** One purchase option, as the view shows it. */
export interface OptionRow {
  readonly id: OptionId;
  readonly label: string;
  readonly available: boolean;
  readonly reason: string | null;
  readonly monthlyCost: Dec | null;
  readonly monthly: string;
  readonly saving: string;
  /** Priced with at least one rate the catalog marks estimated. */
  readonly estimated: boolean;
  readonly cheapest: boolean;
  /** The month of its oldest own rate when that is over a year old (the row says "Spot: 2021-01 rate, refresh"). */
  readonly staleMonth: string | undefined;
}

/**
 * Rows of an estimate's options, or of any options priced the same way (history's projection);
 * `staleBefore` from the result's catalog (a rate seen valid only before it is flagged).
 */
export function optionRows(result: Pick<EstimateResult, 'options'>, staleBefore: string): OptionRow[] {
  const available = result.options.filter((option) => option.available && option.monthlyCost);
  const cheapest = available[0]?.id;
  return result.options.map((option) => ({
    id: option.id,
    ...optionWords(option),
    available: option.available,
    monthlyCost: option.monthlyCost,
    monthly: option.monthlyCost ? formatUsd(option.monthlyCost) : 'n/a',
    saving: option.id === 'on-demand' || !option.savingsRatio ? '–' : formatPercent(option.savingsRatio),
    estimated: option.lines.some((line) => line.confidence === 'estimated'),
    cheapest: option.id === cheapest && available.length > 1,
    staleMonth: staleOptionMonth(option, staleBefore),
  }));
}

/** The dearest available monthly cost: what every bar is scaled to. */
export function dearest(rows: readonly OptionRow[]): Dec {
  let max = ZERO;
  for (const row of rows) if (row.monthlyCost?.gt(max)) max = row.monthlyCost;
  return max;
}

/** "Fargate Spot saves $24.56 a month (68.2%) against On-Demand", or undefined when nothing beats it. */
export function savingLine(result: EstimateResult): string | undefined {
  const best = result.options.find((option) => option.available && option.id !== 'on-demand');
  if (!best?.savings || !best.savingsRatio || best.savings.lte(0)) return undefined;
  return `${optionLabel(best.id)} saves ${formatUsd(best.savings)} a month (${formatPercent(best.savingsRatio)}) against On-Demand`;
}

/** On-Demand now against the starting point: "+$36.04 (+100.0%) since the start". */
export function changeLine(result: EstimateResult, baseline: EstimateResult | undefined): string | undefined {
  const now = result.options.find((option) => option.id === 'on-demand')?.monthlyCost;
  const before = baseline?.options.find((option) => option.id === 'on-demand')?.monthlyCost;
  if (!now || !before) return undefined;
  const change = now.minus(before);
  if (change.isZero()) return `On-Demand ${formatUsd(now)} a month, as at the start`;
  const sign = change.gt(0) ? '+' : '';
  const ratio = before.isZero() ? '' : ` (${sign}${formatPercent(change.div(before))})`;
  return `On-Demand ${formatUsd(now)} a month: ${sign}${formatUsd(change)}${ratio} against the start (${formatUsd(before)})`;
}

/** One task definition's On-Demand month at its own settings (the count and schedule shared), as `estimate` prices it. */
export interface TaskTotal {
  readonly name: string;
  readonly monthly: Dec | null;
}

/**
 * Every loaded task definition priced On-Demand at the settings the view holds for it, and their
 * total: what `fargate-cost estimate` prints for each file with the same flags, added up. A task that
 * cannot be priced has no figure, and then the total is null.
 */
export function taskTotals(state: EstimateState, setup: EstimateSetup): {tasks: TaskTotal[]; total: Dec | null} {
  const tasks = state.tasks.map((task, taskIndex): TaskTotal => {
    const outcome = runEstimate({...state, taskIndex}, setup);
    const onDemand = outcome.ok ? outcome.result.options.find((option) => option.id === 'on-demand') : undefined;
    return {name: task.spec.name, monthly: onDemand?.monthlyCost ?? null};
  });
  const total = tasks.every((task) => task.monthly !== null)
    ? tasks.reduce((sum, task) => sum.plus(task.monthly!), ZERO)
    : null;
  return {tasks, total};
}

/** "All 2  web $36.04 + worker $12.34 = $48.38 a month On-Demand". */
export function taskTotalsLine(totals: {tasks: readonly TaskTotal[]; total: Dec | null}): string {
  const parts = totals.tasks.map((task) => `${task.name} ${task.monthly ? formatUsd(task.monthly) : 'n/a'}`);
  return `${parts.join(' + ')} = ${totals.total ? formatUsd(totals.total) : 'n/a'} a month On-Demand`;
}

/** Cache key of every task's pricing inputs. */
export function totalsKey(state: EstimateState): string {
  return JSON.stringify([state.settings, state.count, state.schedule]);
}
