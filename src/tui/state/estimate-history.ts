import type {HistoryResult, TaskRun} from '../../model/history.js';
import type {GroupKind} from '../../model/task-record.js';
import type {OptionResult} from '../../model/priced.js';
import {D, type Dec, MS_PER_HOUR, ZERO} from '../../money/decimal.js';
import {formatPercent, formatQuantity, formatUsd} from '../../money/format.js';
import type {TaskSize} from '../../model/types.js';
import {describeSize} from '../../report/history.js';

/**
 * What the Estimate view shows of a history: each group's workload as measured (its sizes and their
 * share of task-hours, its mean and peak task count, the hours it ran) and the month `history`
 * projects from it, under every purchase option: the same figures as `fargate-cost history`'s
 * Projection (the window's usage scaled to the month). Pure.
 */

export interface SizeShare {
  readonly size: TaskSize;
  readonly taskHours: Dec;
  /** Of the group's task-hours. */
  readonly share: Dec;
}

export interface GroupWorkload {
  readonly key: string;
  readonly name: string;
  readonly kind: GroupKind;
  /** Largest share first. */
  readonly sizes: readonly SizeShare[];
  /** Task-hours over the window's hours. */
  readonly meanTasks: Dec;
  /** The most tasks billed at once. */
  readonly peakTasks: number;
  /** Clock hours in which some task of the group was billed, of `hours`. */
  readonly activeHours: number;
  readonly hours: number;
  /** What the group cost as run, scaled from the window to the month as the projection scales it. */
  readonly monthly: Dec;
}

export interface HistoryEstimate {
  readonly groups: readonly GroupWorkload[];
  readonly windowHours: Dec;
  readonly monthHours: number;
  /** The projection's month as run (the window's spend rate times the month). */
  readonly monthly: Dec;
  /** The projection's options: the window's usage scaled to a month, under each purchase option. */
  readonly options: readonly OptionResult[];
}

const sizeKey = (size: TaskSize) => [size.cpuUnits, size.memoryMiB, size.storageGiB, size.arch, size.os].join('|');

/** The most runs billed at once: +1 at a run's start, -1 at its end, ends before starts at the same instant. */
function peakOf(runs: readonly TaskRun[], fromMs: number, toMs: number): number {
  const events: [number, number][] = [];
  for (const run of runs) {
    if (run.billedMsInWindow <= 0) continue;
    const start = Math.max(fromMs, run.pullStartedAtMs);
    events.push([start, 1], [Math.min(toMs, start + run.billedMsInWindow), -1]);
  }
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let peak = 0;
  for (const [, step] of events) {
    now += step;
    peak = Math.max(peak, now);
  }
  return peak;
}

/** The history's workload by group, and its projected month; null without a projection or kept runs. */
export function historyEstimate(result: HistoryResult): HistoryEstimate | null {
  const projection = result.projection;
  const window = result.window;
  if (!projection || !window || !result.runs) return null;
  const byGroup = new Map<string, TaskRun[]>();
  for (const run of result.runs.runs) {
    const list = byGroup.get(run.group);
    if (list) list.push(run);
    else byGroup.set(run.group, [run]);
  }
  const hours = result.profile.hours.length;
  const groups = result.components.map((component): GroupWorkload => {
    const runs = byGroup.get(component.key) ?? [];
    const bySize = new Map<string, {size: TaskSize; ms: number}>();
    for (const run of runs) {
      const key = sizeKey(run.size);
      const entry = bySize.get(key);
      if (entry) entry.ms += run.billedMsInWindow;
      else bySize.set(key, {size: run.size, ms: run.billedMsInWindow});
    }
    const totalMs = [...bySize.values()].reduce((sum, entry) => sum + entry.ms, 0);
    const sizes = [...bySize.values()]
      .map((entry) => ({
        size: entry.size,
        taskHours: new D(entry.ms).div(MS_PER_HOUR),
        share: totalMs === 0 ? ZERO : new D(entry.ms).div(totalMs),
      }))
      .sort((a, b) => b.share.comparedTo(a.share));
    const activeHours = component.profile
      ? component.profile.hours.filter((hour) => hour.unitMs.some((value) => value > 0n)).length
      : 0;
    const taskHours = component.taskHours.onDemand.plus(component.taskHours.spot);
    return {
      key: component.key,
      name: component.name,
      kind: component.kind,
      sizes,
      meanTasks: window.hours.isZero() ? ZERO : taskHours.div(window.hours),
      peakTasks: peakOf(runs, window.fromMs, window.toMs),
      activeHours,
      hours,
      monthly: window.hours.isZero() ? ZERO : component.cost.times(projection.monthHours).div(window.hours),
    };
  });
  return {
    groups,
    windowHours: window.hours,
    monthHours: projection.monthHours,
    monthly: projection.monthlyCost,
    options: projection.options,
  };
}

/** "always on", or how many of the window's hours it ran and what that is a day. */
export function scheduleText(group: Pick<GroupWorkload, 'activeHours' | 'hours'>): string {
  if (group.hours > 0 && group.activeHours === group.hours) return 'always on';
  const perDay = group.hours === 0 ? ZERO : new D(group.activeHours).times(24).div(group.hours);
  return `ran ${group.activeHours}/${group.hours} h (${formatQuantity(perDay, 1)} h a day)`;
}

/** "0.5 vCPU, 1 GB arm64 80.0%, 1 vCPU, 2 GB 20.0%": each size seen, with its share of task-hours. */
export function sizesText(group: Pick<GroupWorkload, 'sizes'>): string {
  if (group.sizes.length === 1) return describeSize(group.sizes[0]!.size);
  return group.sizes.map((entry) => `${describeSize(entry.size)} ${formatPercent(entry.share)}`).join('; ');
}

/** One group as a line: its month, its task count, its schedule, its sizes. */
export function groupLine(group: GroupWorkload): string {
  const mean = group.meanTasks.gt(0) && group.meanTasks.lt('0.005') ? '<0.01' : formatQuantity(group.meanTasks, 2);
  return `${formatUsd(group.monthly)} · tasks avg ${mean} peak ${group.peakTasks} · ${scheduleText(group)} · ${sizesText(group)}`;
}

/** What the prices assume, in one sentence. */
export function historyAssumption(estimate: Pick<HistoryEstimate, 'windowHours' | 'monthHours'>): string {
  return `the ${formatQuantity(estimate.windowHours, 0)} h of usage scaled to a ${estimate.monthHours}-hour month, as history's Projection; Savings Plans at full coverage (Compare sizes them hour by hour)`;
}
