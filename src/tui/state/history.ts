/**
 * The History view: where a history's money went. Rows are the core's own breakdowns (by group,
 * purchase option, day); opening one lists the task runs billed in it, costliest first. Pure state
 * and selectors: the component only draws what these return.
 */
import {GROUP_KEYS} from '../../analysis/history-breakdown.js';
import type {HistoryResult, HistoryRow, TaskRun} from '../../model/history.js';
import {D, type Dec, MS_PER_HOUR, ZERO} from '../../money/decimal.js';
import {formatDuration, formatUsdAdaptive} from '../../money/format.js';
import {describeSize} from '../../report/history.js';

export const BREAKDOWNS = ['groups', 'option', 'day'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export const BREAKDOWN_LABELS: Record<Breakdown, string> = {
  groups: 'group',
  option: 'purchase option',
  day: 'day (UTC)',
};

/** What a list can be sorted by: one key cycles them, in this order. */
export const SORT_KEYS = ['cost', 'tasks', 'name'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
/** A list with an order of its own: each breakdown's rows, and an opened row's runs. */
export type SortedList = Breakdown | 'runs';

/** Each list starts in the core's order: groups and options by cost, days by date, runs by cost. */
export const DEFAULT_SORT: Readonly<Record<SortedList, SortKey>> = {
  groups: 'cost',
  option: 'cost',
  day: 'name',
  runs: 'cost',
};

export interface HistoryViewState {
  readonly breakdown: Breakdown;
  /** Each list's order (a breakdown keeps its own while another is shown). */
  readonly sort: Readonly<Record<SortedList, SortKey>>;
  /** The row under the cursor in the breakdown. */
  readonly cursor: number;
  /** The breakdown row opened (Enter): its task runs are listed. `filterBefore`: the row list's filter, put back on close. */
  readonly opened: {readonly breakdown: Breakdown; readonly key: string; readonly filterBefore: string} | null;
  readonly taskCursor: number;
}

/** `rows`: how many rows the list on screen has (after the filter), `page`: how many it shows. */
export type HistoryAction =
  | {readonly type: 'move'; readonly step: number; readonly rows: number}
  | {readonly type: 'edge'; readonly to: 'first' | 'last'; readonly rows: number}
  /** The cursor onto row `index` of the list on screen (a click on it). */
  | {readonly type: 'select'; readonly index: number; readonly rows: number}
  | {readonly type: 'open'; readonly key: string | undefined; readonly filter: string}
  | {readonly type: 'close'}
  | {readonly type: 'next-breakdown'}
  /** The list on screen (the rows, or the opened row's runs) takes the next order, its cursor back to the top. */
  | {readonly type: 'next-sort'};

export function initialHistoryState(): HistoryViewState {
  return {breakdown: 'groups', sort: DEFAULT_SORT, cursor: 0, opened: null, taskCursor: 0};
}

const clamp = (value: number, rows: number) => Math.max(0, Math.min(rows - 1, value));

export function historyReducer(state: HistoryViewState, action: HistoryAction): HistoryViewState {
  switch (action.type) {
    case 'move':
    case 'edge': {
      if (action.rows === 0) return state;
      const current = state.opened ? state.taskCursor : state.cursor;
      const next =
        action.type === 'edge'
          ? action.to === 'first'
            ? 0
            : action.rows - 1
          : clamp(clamp(current, action.rows) + action.step, action.rows);
      if (next === current) return state;
      return state.opened ? {...state, taskCursor: next} : {...state, cursor: next};
    }
    case 'select': {
      if (action.rows === 0) return state;
      const next = clamp(action.index, action.rows);
      if (state.opened) return next === state.taskCursor ? state : {...state, taskCursor: next};
      return next === state.cursor ? state : {...state, cursor: next};
    }
    case 'open':
      if (state.opened || action.key === undefined) return state;
      return {
        ...state,
        opened: {breakdown: state.breakdown, key: action.key, filterBefore: action.filter},
        taskCursor: 0,
      };
    case 'close':
      return state.opened ? {...state, opened: null} : state;
    case 'next-breakdown': {
      if (state.opened) return state;
      const breakdown = BREAKDOWNS[(BREAKDOWNS.indexOf(state.breakdown) + 1) % BREAKDOWNS.length]!;
      return {...state, breakdown, cursor: 0};
    }
    case 'next-sort': {
      const list: SortedList = state.opened ? 'runs' : state.breakdown;
      const next = SORT_KEYS[(SORT_KEYS.indexOf(state.sort[list]) + 1) % SORT_KEYS.length]!;
      const sort = {...state.sort, [list]: next};
      return state.opened ? {...state, sort, taskCursor: 0} : {...state, sort, cursor: 0};
    }
  }
}

/** What a list's header says of its order: "cost ↓", "tasks ↓", "group ↑" (the name column's header). */
export function sortLabel(list: SortedList, sort: SortKey): string {
  if (sort === 'cost') return 'cost ↓';
  if (list === 'runs') return sort === 'tasks' ? 'billed time ↓' : 'task id ↑';
  return sort === 'tasks' ? 'tasks ↓' : `${list === 'groups' ? 'group' : list === 'option' ? 'option' : 'date'} ↑`;
}

/** Names compared by code unit, so the order is the same on every machine and locale. */
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Rows in an order: by cost (most first, compared exactly as decimals), by tasks (most first), or by
 * name (A to Z, by code unit). Stable: rows that tie keep the core's order (by cost, then name).
 */
export function sortRows(rows: readonly HistoryRow[], sort: SortKey): readonly HistoryRow[] {
  const compare =
    sort === 'cost'
      ? (a: HistoryRow, b: HistoryRow) => b.cost.cmp(a.cost)
      : sort === 'tasks'
        ? (a: HistoryRow, b: HistoryRow) => b.tasks - a.tasks
        : (a: HistoryRow, b: HistoryRow) => byName(a.key, b.key);
  return [...rows].sort(compare);
}

/**
 * Runs in an order: by cost (runsOf's: exact scaled costs), by the billed time the row counts (most
 * first), or by task id. Stable: ties keep runsOf's order (costliest, earlier start, then ARN).
 */
export function sortRuns(runs: readonly ShownRun[], sort: SortKey): readonly ShownRun[] {
  if (sort === 'cost') return runs;
  const compare =
    sort === 'tasks'
      ? (a: ShownRun, b: ShownRun) => b.shownMs - a.shownMs
      : (a: ShownRun, b: ShownRun) => byName(taskId(a.run.taskArn), taskId(b.run.taskArn));
  return [...runs].sort(compare);
}

const matches = (text: string, filter: string) => filter === '' || text.toLowerCase().includes(filter.toLowerCase());

/** A breakdown's rows, as the core ordered them (groups and options by cost, days by date). */
export function breakdownOf(result: HistoryResult, breakdown: Breakdown): readonly HistoryRow[] {
  return breakdown === 'groups' ? result.groups : breakdown === 'option' ? result.byOption : result.byDay;
}

/** A breakdown's rows in the order asked (the core's by default), filtered by what they show. */
export function breakdownRows(
  result: HistoryResult,
  breakdown: Breakdown,
  filter: string,
  sort: SortKey = DEFAULT_SORT[breakdown],
): readonly HistoryRow[] {
  const all = breakdownOf(result, breakdown);
  const rows = sort === DEFAULT_SORT[breakdown] ? all : sortRows(all, sort);
  return filter === ''
    ? rows
    : rows.filter((row) => matches(row.key, filter) || (row.kind !== null && matches(row.kind, filter)));
}

const MS_PER_DAY = 86_400_000;

/** The part of a run a breakdown row counts: its billed time inside the window and (for a day) that day. */
export interface ShownRun {
  readonly run: TaskRun;
  /** Milliseconds of the run counted in the row. */
  readonly shownMs: number;
  /** The run with its scaled cost cut to those milliseconds (exact: the cost is milliseconds x an integer rate). */
  readonly shown: TaskRun;
}

function shownPart(
  run: TaskRun,
  window: HistoryResult['window'],
  day: {startMs: number; endMs: number} | null,
): ShownRun {
  if (!day) return {run, shownMs: run.billedMsInWindow, shown: run};
  // The billed interval [pull start, pull start + billed) inside the window, then inside the day.
  const from = Math.max(run.pullStartedAtMs, window?.fromFlagMs ?? -Infinity, day.startMs);
  const to = Math.min(run.pullStartedAtMs + run.billedMs, window?.toFlagMs ?? Infinity, day.endMs);
  const shownMs = Math.max(0, to - from);
  const perMs = run.billedMsInWindow > 0 ? run.scaledCost / BigInt(run.billedMsInWindow) : 0n;
  return {run, shownMs, shown: {...run, billedMsInWindow: shownMs, scaledCost: perMs * BigInt(shownMs)}};
}

/** The runs of each group and each purchase option: built once, so opening a row does not scan every run. */
export interface RunIndex {
  readonly groups: ReadonlyMap<string, readonly TaskRun[]>;
  readonly options: ReadonlyMap<string, readonly TaskRun[]>;
}

export function indexRuns(result: HistoryResult): RunIndex {
  // Keyed as the core keyed its groups; a result grouped by day has its group rows split by the hour (see runsOf).
  const keyOf = GROUP_KEYS[result.groupBy === 'day' ? 'group' : result.groupBy];
  const groups = new Map<string, TaskRun[]>();
  const options = new Map<string, TaskRun[]>();
  const push = (map: Map<string, TaskRun[]>, key: string, run: TaskRun) => {
    const list = map.get(key);
    if (list) list.push(run);
    else map.set(key, [run]);
  };
  for (const run of result.runs?.runs ?? []) {
    push(groups, keyOf(run), run);
    push(options, run.purchase, run);
  }
  return {groups, options};
}

/** The runs billed in a breakdown row, costliest first in the row (ties: earlier start, then ARN). */
export function runsOf(
  result: HistoryResult,
  opened: NonNullable<HistoryViewState['opened']>,
  index: RunIndex = indexRuns(result),
): ShownRun[] {
  const runs = result.runs?.runs ?? [];
  let selected: ShownRun[];
  const byDay = opened.breakdown === 'day' || (opened.breakdown === 'groups' && result.groupBy === 'day');
  if (!byDay) {
    const list = (opened.breakdown === 'groups' ? index.groups : index.options).get(opened.key) ?? [];
    selected = list.map((run) => shownPart(run, result.window, null));
  } else {
    // A day's runs: those billed for part of it; each counted for its time on that day, as the row is.
    const day = {
      startMs: Date.parse(`${opened.key}T00:00:00Z`),
      endMs: Date.parse(`${opened.key}T00:00:00Z`) + MS_PER_DAY,
    };
    selected = runs.map((run) => shownPart(run, result.window, day)).filter((part) => part.shownMs > 0);
  }
  return selected.sort((x, y) => {
    const a = x.shown;
    const b = y.shown;
    return a.scaledCost !== b.scaledCost
      ? a.scaledCost > b.scaledCost
        ? -1
        : 1
      : a.pullStartedAtMs - b.pullStartedAtMs || (a.taskArn < b.taskArn ? -1 : a.taskArn > b.taskArn ? 1 : 0);
  });
}

/** The last segment of a task ARN: what the console shows as the task id. */
export function taskId(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

export function filterRuns(runs: readonly ShownRun[], filter: string): readonly ShownRun[] {
  if (filter === '') return runs;
  const lower = filter.toLowerCase();
  return runs.filter(
    ({run}) =>
      run.taskArn.toLowerCase().includes(lower) ||
      run.purchase.includes(lower) ||
      (run.stopCode ?? '').toLowerCase().includes(lower) ||
      (run.taskDefinition ?? '').toLowerCase().includes(lower) ||
      describeSize(run.size).toLowerCase().includes(lower) ||
      (run.running && 'running'.includes(lower)),
  );
}

export interface RunRow {
  readonly id: string;
  readonly option: string;
  readonly size: string;
  readonly started: string;
  readonly billed: string;
  /** The billed time the row counts (inside the window, on the day). */
  readonly counted: string;
  readonly stop: string;
  readonly cost: string;
}

/** Month, day and UTC time: the year is in the window line above the table. */
const shortTime = (ms: number) => new Date(ms).toISOString().slice(5, 19).replace('T', ' ');

/** A run as a row; `cost` and `countedMs` are what the opened row counts of it. */
export function runRow(run: TaskRun, cost: Dec, countedMs: number = run.billedMsInWindow): RunRow {
  return {
    id: taskId(run.taskArn),
    option: run.purchase,
    size: describeSize(run.size),
    started: shortTime(run.pullStartedAtMs),
    // Whole seconds once stopped; a running task's time so far (its stop code column says running).
    billed: formatDuration(run.billedMs / 1000),
    counted: formatDuration(countedMs / 1000),
    stop: run.running ? 'running' : (run.stopCode ?? '–'),
    cost: formatUsdAdaptive(cost),
  };
}

/** The first row a list of `rows` shows in `height` rows with the cursor on `cursor`: the cursor kept in the middle. */
export function scrollOffset(cursor: number, rows: number, height: number): number {
  if (rows <= height) return 0;
  return Math.max(0, Math.min(rows - height, cursor - Math.floor(height / 2)));
}

const SPARKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** Cells drawn against the largest (exact; an empty or zero cell is a blank): the sparkline and its max. */
export function sparkCells(cells: readonly Dec[]): {line: string; max: Dec} {
  const max = cells.reduce((a, b) => (b.gt(a) ? b : a), ZERO);
  const line = cells
    .map((cell) => {
      if (cell.lte(0) || max.lte(0)) return ' ';
      const level = Number(
        cell
          .div(max)
          .times(SPARKS.length - 1)
          .toDecimalPlaces(0, D.ROUND_HALF_UP)
          .toFixed(0),
      );
      return SPARKS[level]!;
    })
    .join('');
  return {line, max};
}

/**
 * Values drawn as one line of `width` cells: each cell sums its share of the values (hours), scaled
 * to the largest cell. A cell with nothing is a space, so idle stretches show as gaps. Cell
 * heights are drawing, not money: rounding them is presentation.
 */
export function sparkline(values: readonly Dec[], width: number): {line: string; max: Dec; hoursPerCell: number} {
  if (values.length === 0 || width <= 0) return {line: '', max: ZERO, hoursPerCell: 0};
  const hoursPerCell = Math.max(1, Math.ceil(values.length / width));
  const cells: Dec[] = [];
  for (let i = 0; i < values.length; i += hoursPerCell) {
    let total = ZERO;
    for (let k = i; k < Math.min(values.length, i + hoursPerCell); k++) total = total.plus(values[k]!);
    cells.push(total);
  }
  const {line, max} = sparkCells(cells);
  return {line, max, hoursPerCell};
}

/** Cost per clock hour over the window (every purchase option together). */
export function hourlyCosts(result: HistoryResult): Dec[] {
  return result.hourly.map((hour) => hour.options.reduce((total, option) => total.plus(option.cost), ZERO));
}

/** vCPU-hours per clock hour of one group, from its usage profile (null without one). */
export function groupHourlyVcpu(result: HistoryResult, key: string): Dec[] | null {
  const component = result.components.find((c) => c.key === key);
  const profile = component?.profile;
  if (!profile) return null;
  const vcpu = profile.series.map((series) => series.key.endsWith('-vcpu'));
  const unitMsPerVcpuHour = 1024n * BigInt(MS_PER_HOUR);
  return profile.hours.map((hour) => {
    let unitMs = 0n;
    hour.unitMs.forEach((value, i) => {
      if (vcpu[i]) unitMs += value;
    });
    return unitMs === 0n ? ZERO : new D(unitMs.toString()).div(unitMsPerVcpuHour.toString());
  });
}
