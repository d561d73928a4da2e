import type {BilledRun, MeterState} from '../billing/meter.js';
import {D, type Dec, MS_PER_HOUR, ZERO} from '../money/decimal.js';
import type {GroupBy, HistoryResult, HistoryRow, HourOption, HourRow, TaskRun} from '../model/history.js';
import type {ProfileHour, Purchase, UsageProfile, UsageSeries} from '../model/profile.js';
import {familyOf, type GroupKind, kindOfGroup} from '../model/task-record.js';
import type {PricedClass} from '../pricing/classes.js';
import type {Pricer} from '../pricing/pricer.js';

/**
 * What a history's priced classes add up to: totals, rows by any key and by day, the hours, the
 * window, the hourly usage profile, one component per ECS group, and the costliest runs. Every sum
 * is of exact integers (scaled money, unit-milliseconds, milliseconds), converted once.
 */

/** An exact running sum of a row. */
export interface RowSum {
  key: string;
  kind: GroupKind | null;
  tasks: number;
  running: number;
  cost: bigint;
  onDemand: bigint;
  cpu: bigint;
  memory: bigint;
  storage: bigint;
  taskMs: bigint;
}

export function newRowSum(key: string, kind: GroupKind | null): RowSum {
  return {key, kind, tasks: 0, running: 0, cost: 0n, onDemand: 0n, cpu: 0n, memory: 0n, storage: 0n, taskMs: 0n};
}

/** Adds `ms` billed milliseconds of a class to a row. */
export function addUsage(row: RowSum, cls: PricedClass, ms: bigint): void {
  row.cost += cls.perMs * ms;
  row.onDemand += cls.onDemandPerMs * ms;
  row.taskMs += ms;
  for (const item of cls.usage) {
    const unitMs = BigInt(item.units) * ms;
    if (item.resource === 'vcpu') row.cpu += unitMs;
    else if (item.resource === 'memory') row.memory += unitMs;
    else if (item.resource === 'storage') row.storage += unitMs;
  }
}

/** Adds a whole class (its usage and task counts) to a row. */
export function addClass(row: RowSum, cls: PricedClass): void {
  addUsage(row, cls, cls.totalMs);
  row.tasks += cls.tasks;
  row.running += cls.running;
}

/** What a breakdown key is read from: a class, or a run with its class's names. */
export interface Keyed {
  readonly group: string;
  readonly taskDefinition: string | null | undefined;
  readonly cluster: string | null | undefined;
  readonly region: string;
  readonly purchase: Purchase;
}

/** `--group-by` choices, less `day` (a day row splits a run by the hour). */
export type RowKey = 'group' | 'service' | 'family' | 'cluster' | 'option' | 'region' | 'task-definition';

/** The key of the row a class or a run falls in. The terminal UI keys runs by the same functions. */
export const GROUP_KEYS: Record<RowKey, (item: Keyed) => string> = {
  group: (item) => item.group,
  service: (item) => (item.group.startsWith('service:') ? item.group.slice('service:'.length) : '(not a service)'),
  family: (item) =>
    familyOf(item.taskDefinition ?? undefined) ??
    (item.group.startsWith('family:') ? item.group.slice('family:'.length) : '(unknown)'),
  cluster: (item) => item.cluster ?? '(unknown)',
  option: (item) => item.purchase,
  region: (item) => item.region,
  'task-definition': (item) => item.taskDefinition ?? '(unknown)',
};

const MS_PER_DAY = 86_400_000;

export function rowOf(row: RowSum, total: RowSum, pricer: Pricer): HistoryRow {
  return {
    key: row.key,
    kind: row.kind,
    tasks: row.tasks,
    running: row.running,
    cost: pricer.money(row.cost),
    onDemandCost: pricer.money(row.onDemand),
    vcpuHours: pricer.hours(row.cpu),
    gbHours: pricer.hours(row.memory),
    storageGbHours: pricer.hours(row.storage),
    taskHours: pricer.taskHours(row.taskMs),
    share: total.cost === 0n ? ZERO : new D(row.cost.toString()).div(total.cost.toString()),
  };
}

export const byCost = (a: HistoryRow, b: HistoryRow) =>
  b.cost.comparedTo(a.cost) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** Rows by a key, costliest first. */
export function rowsBy(
  classes: readonly PricedClass[],
  keyOf: (cls: PricedClass) => string,
  kindOf: (cls: PricedClass) => GroupKind | null,
  total: RowSum,
  pricer: Pricer,
): HistoryRow[] {
  const rows = new Map<string, RowSum>();
  for (const cls of classes) {
    const key = keyOf(cls);
    let row = rows.get(key);
    if (!row) rows.set(key, (row = newRowSum(key, kindOf(cls))));
    addClass(row, cls);
  }
  return [...rows.values()].map((row) => rowOf(row, total, pricer)).sort(byCost);
}

/** Rows by UTC day, in date order; a day's tasks are those whose billed interval starts that day. */
export function dayRows(classes: readonly PricedClass[], total: RowSum, pricer: Pricer): HistoryRow[] {
  const rows = new Map<number, RowSum>();
  const dayRow = (hourStartMs: number) => {
    const day = Math.floor(hourStartMs / MS_PER_DAY) * MS_PER_DAY;
    let row = rows.get(day);
    if (!row) rows.set(day, (row = newRowSum(new Date(day).toISOString().slice(0, 10), null)));
    return row;
  };
  for (const cls of classes) {
    // Sum the class's hours per day first: one conversion per day, not per hour.
    const dayMs = new Map<number, number>();
    for (const [hour, ms] of cls.hourMs) {
      const day = Math.floor((hour * MS_PER_HOUR) / MS_PER_DAY) * MS_PER_DAY;
      dayMs.set(day, (dayMs.get(day) ?? 0) + ms);
    }
    for (const [day, ms] of dayMs) addUsage(dayRow(day), cls, BigInt(ms));
    for (const [hour, starts] of cls.hourStarts) dayRow(hour * MS_PER_HOUR).tasks += starts;
    for (const [hour, starts] of cls.hourRunningStarts) dayRow(hour * MS_PER_HOUR).running += starts;
  }
  return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, row]) => rowOf(row, total, pricer));
}

/** The span the spend rate is measured over. */
export interface Window {
  readonly fromMs: number;
  readonly toMs: number;
  readonly hours: Dec;
  readonly fromFlagMs: number | null;
  readonly toFlagMs: number | null;
}

/**
 * From the first billed instant (or --from) to the last (or --to, but never past the as-of time and
 * the data: hours that have not happened yet are not counted); null when nothing was billed and no
 * window was given.
 */
export function windowOf(
  classes: readonly PricedClass[],
  bounds: {readonly asOfMs: number; readonly fromMs?: number | undefined; readonly toMs?: number | undefined},
): Window | null {
  const {asOfMs, fromMs, toMs} = bounds;
  const billed = classes.length > 0;
  if (!billed && (fromMs === undefined || toMs === undefined)) return null;
  const minStartMs = Math.min(...classes.map((cls) => cls.minStartMs));
  const maxEndMs = Math.max(...classes.map((cls) => cls.maxEndMs));
  const start = fromMs ?? minStartMs;
  const end =
    toMs === undefined
      ? maxEndMs
      : billed
        ? Math.min(toMs, Math.max(asOfMs, maxEndMs))
        : Math.min(toMs, Math.max(asOfMs, start));
  if (end <= start) return null;
  return {
    fromMs: start,
    toMs: end,
    hours: new D(end - start).div(MS_PER_HOUR),
    fromFlagMs: fromMs ?? null,
    toFlagMs: toMs ?? null,
  };
}

/** The clock hours a window touches: the first hour's start and how many. */
export function hoursOf(window: Window | null): {firstHourMs: number; count: number} {
  if (!window) return {firstHourMs: 0, count: 0};
  const firstHourMs = Math.floor(window.fromMs / MS_PER_HOUR) * MS_PER_HOUR;
  return {firstHourMs, count: Math.ceil(window.toMs / MS_PER_HOUR) - firstHourMs / MS_PER_HOUR};
}

/**
 * The classes' usage per clock hour over the window's hours, dense (idle hours included), per
 * region, dimension and purchase, in exact unit-milliseconds: the shape compare sizes Savings Plans over.
 */
export function profileOf(classes: readonly PricedClass[], hours: {firstHourMs: number; count: number}): UsageProfile {
  const series: UsageSeries[] = [];
  const seriesIndex = new Map<string, number>();
  const firstHour = hours.firstHourMs / MS_PER_HOUR;
  const rows: (bigint[] | undefined)[] = new Array(hours.count);
  const indexesOf = classes.map((cls) =>
    cls.usage.map((item) => {
      const id = `${cls.region}|${item.key}|${cls.purchase}`;
      let index = seriesIndex.get(id);
      if (index === undefined) {
        index = series.length;
        seriesIndex.set(id, index);
        series.push({region: cls.region, key: item.key, purchase: cls.purchase});
      }
      return index;
    }),
  );
  classes.forEach((cls, c) => {
    const indexes = indexesOf[c]!;
    for (const [hour, hourMs] of cls.hourMs) {
      const i = hour - firstHour;
      const row = (rows[i] ??= series.map(() => 0n));
      const ms = BigInt(hourMs);
      cls.usage.forEach((item, k) => {
        row[indexes[k]!]! += BigInt(item.units) * ms;
      });
    }
  });
  // Idle hours share one zero row (profiles are read-only).
  const idle: readonly bigint[] = Object.freeze(series.map(() => 0n));
  const profileHours: ProfileHour[] = Array.from({length: hours.count}, (_, i) => ({
    startMs: hours.firstHourMs + i * MS_PER_HOUR,
    unitMs: rows[i] ?? idle,
  }));
  return {series, hours: profileHours};
}

/** Cost and usage per clock hour of the window, by purchase option. */
export function hourlyRows(
  classes: readonly PricedClass[],
  hours: {firstHourMs: number; count: number},
  pricer: Pricer,
): HourRow[] {
  const purchases: Purchase[] = (['on-demand', 'spot'] as const).filter((purchase) =>
    classes.some((cls) => cls.purchase === purchase && cls.unpriced === null),
  );
  const firstHour = hours.firstHourMs / MS_PER_HOUR;
  const sums: (RowSum[] | undefined)[] = new Array(hours.count);
  for (const cls of classes) {
    if (cls.unpriced !== null) continue;
    const p = purchases.indexOf(cls.purchase);
    for (const [hour, ms] of cls.hourMs) {
      const row = (sums[hour - firstHour] ??= purchases.map((purchase) => newRowSum(purchase, null)));
      addUsage(row[p]!, cls, BigInt(ms));
    }
  }
  const idle: readonly HourOption[] = purchases.map((purchase) => ({
    purchase,
    cost: ZERO,
    onDemandCost: ZERO,
    taskHours: ZERO,
    vcpuHours: ZERO,
    gbHours: ZERO,
  }));
  return Array.from({length: hours.count}, (_, i) => ({
    startMs: hours.firstHourMs + i * MS_PER_HOUR,
    options:
      sums[i]?.map((sum, p) => ({
        purchase: purchases[p]!,
        cost: pricer.money(sum.cost),
        onDemandCost: pricer.money(sum.onDemand),
        taskHours: pricer.taskHours(sum.taskMs),
        vcpuHours: pricer.hours(sum.cpu),
        gbHours: pricer.hours(sum.memory),
      })) ?? idle,
  }));
}

/** The classes of each ECS group, in class order. */
export function classesByGroup(classes: readonly PricedClass[]): Map<string, PricedClass[]> {
  const byGroup = new Map<string, PricedClass[]>();
  for (const cls of classes) {
    const list = byGroup.get(cls.group);
    if (list) list.push(cls);
    else byGroup.set(cls.group, [cls]);
  }
  return byGroup;
}

/** The class whose newest run started last. */
export const latestOf = (list: readonly PricedClass[]) =>
  list.reduce((a, b) => (b.latestStartMs > a.latestStartMs ? b : a));

/** A run with its class, priced: the costliest-runs table and the terminal UI's run lists. */
export type PricedRun = TaskRun;

export function pricedRun(run: BilledRun, cls: PricedClass): PricedRun {
  return {
    taskArn: run.taskArn,
    group: cls.group,
    taskDefinition: cls.taskDefinition ?? null,
    cluster: cls.cluster ?? null,
    region: cls.region,
    purchase: cls.purchase,
    size: cls.size,
    pullStartedAtMs: run.pullStartedAtMs,
    stoppedAtMs: run.stoppedAtMs,
    running: run.running,
    billedMs: run.billedMs,
    billedMsInWindow: run.billedMsInWindow,
    stopCode: run.stopCode,
    scaledCost: BigInt(run.billedMsInWindow) * cls.perMs,
  };
}

/** Costliest first; ties: earlier start, then ARN, so the order never depends on input order. */
const costlier = (a: PricedRun, b: PricedRun) =>
  a.scaledCost !== b.scaledCost
    ? a.scaledCost > b.scaledCost
    : a.pullStartedAtMs !== b.pullStartedAtMs
      ? a.pullStartedAtMs < b.pullStartedAtMs
      : a.taskArn < b.taskArn;

/**
 * The `limit` costliest runs. Within a class cost grows with billed time, so they are among the
 * classes' longest runs, which the meter kept.
 */
export function costliestRuns(classes: readonly PricedClass[], limit: number): PricedRun[] {
  const candidates = classes
    .filter((cls) => cls.unpriced === null)
    .flatMap((cls) => cls.top.map((run) => pricedRun(run, cls)));
  candidates.sort((a, b) => (costlier(a, b) ? -1 : costlier(b, a) ? 1 : 0));
  return candidates.slice(0, limit);
}

/** Every kept run of a priced class, with its price. */
export function keptRuns(state: MeterState, classes: readonly PricedClass[]): PricedRun[] | null {
  if (state.runs === null) return null;
  const byKey = new Map(classes.filter((cls) => cls.unpriced === null).map((cls) => [cls.key, cls]));
  const runs: PricedRun[] = [];
  for (const run of state.runs) {
    const cls = byKey.get(run.classKey);
    if (cls) runs.push(pricedRun(run, cls));
  }
  return runs;
}

export {kindOfGroup};

/** The total and the rows the result shows: by the chosen key, by purchase option (On-Demand first) and by day. */
export function breakdowns(
  priced: readonly PricedClass[],
  groupBy: GroupBy,
  pricer: Pricer,
): {total: RowSum; groups: HistoryRow[]; byOption: HistoryRow[]; byDay: HistoryRow[]} {
  const total = newRowSum('total', null);
  for (const cls of priced) addClass(total, cls);
  const byDay = dayRows(priced, total, pricer);
  const byOption = rowsBy(priced, GROUP_KEYS.option, () => null, total, pricer).sort((a, b) =>
    a.key === 'on-demand' ? -1 : b.key === 'on-demand' ? 1 : 0,
  );
  let groups: HistoryRow[];
  if (groupBy === 'day') groups = byDay;
  else if (groupBy === 'option') groups = byOption;
  else if (groupBy === 'group') groups = rowsBy(priced, GROUP_KEYS.group, (cls) => cls.kind, total, pricer);
  else if (groupBy === 'service') {
    groups = rowsBy(priced, GROUP_KEYS.service, (cls) => (cls.kind === 'service' ? 'service' : null), total, pricer);
  } else groups = rowsBy(priced, GROUP_KEYS[groupBy], () => null, total, pricer);
  return {total, groups, byOption, byDay};
}

/** Spot tasks, their task-hours and unit-milliseconds, and how many were interrupted. */
export function spotStatistics(classes: readonly PricedClass[]): HistoryResult['spot'] {
  const spot = classes.filter((cls) => cls.purchase === 'spot');
  const spotMs = spot.reduce((sum, cls) => sum + cls.totalMs, 0n);
  return {
    tasks: spot.reduce((sum, cls) => sum + cls.tasks, 0),
    taskHours: new D(spotMs.toString()).div(MS_PER_HOUR),
    unitMs: spot.reduce(
      (sum, cls) => sum + cls.usage.reduce((units, item) => units + BigInt(item.units), 0n) * cls.totalMs,
      0n,
    ),
    interruptions: spot.reduce((sum, cls) => sum + cls.interruptions, 0),
  };
}

/** How long image pulls took, over the runs whose pull end is known. */
export function imagePull(classes: readonly PricedClass[]): HistoryResult['imagePull'] {
  const tasks = classes.reduce((sum, cls) => sum + cls.pullTasks, 0);
  const totalMs = classes.reduce((sum, cls) => sum + cls.pullMs, 0);
  return {tasks, totalMs, meanSeconds: tasks > 0 ? new D(totalMs).div(tasks * 1000) : null};
}
