import {D, type Dec} from '../money/decimal.js';
import type {
  CpuPercentile,
  MemoryPeak,
  Percentiles,
  RightsizeGroupBy,
  RightsizeName,
  RightsizeReason,
  RightsizeRule,
  SampleBasis,
  SampleCoverage,
  SizeMiB,
  ThinReason,
  UsageSample,
} from '../model/rightsize.js';
import type {Os} from '../model/types.js';
import {validSizes} from '../sizing/sizes.js';

/**
 * Rightsizing's arithmetic: samples gathered per service (or family) into compact arrays, their
 * nearest-rank percentiles, how well they cover the window, and the smallest Fargate size that holds
 * the use with headroom. Pure: the samples come in as values.
 */

const DAY_MS = 86_400_000;

/** A growable typed array: 8.64 million samples stay a few hundred MB, not gigabytes of objects. */
class Floats {
  data = new Float64Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

/** A group's samples, gathered. */
export interface UsageGroup {
  readonly name: RightsizeName;
  readonly basis: SampleBasis;
  readonly memoryPeak: MemoryPeak;
  readonly periodMs: number;
  /** CPU units and MiB used, one entry a sample (unsorted). */
  readonly cpu: Float64Array;
  readonly memory: Float64Array;
  /** The period index (timestamp / period) of each sample. */
  readonly buckets: Float64Array;
  /** Sum of the samples' task counts. */
  readonly taskSum: number;
  readonly tasksKnown: boolean;
  readonly taskIds: number;
  /** The reservation of the latest sample, and the others seen. */
  readonly current: SizeMiB;
  readonly otherReservations: readonly SizeMiB[];
}

interface GroupState {
  name: RightsizeName;
  basis: SampleBasis;
  memoryPeak: MemoryPeak;
  periodMs: number;
  cpu: Floats;
  memory: Floats;
  buckets: Floats;
  taskSum: number;
  tasksKnown: boolean;
  taskIds: Set<string>;
  latestMs: number;
  current: SizeMiB;
  reservations: Map<string, SizeMiB>;
}

/** The group a sample belongs to: its service when it names one, else its task family, else its cluster (the bill's). */
export function nameOf(sample: UsageSample): RightsizeName {
  const by: RightsizeGroupBy = sample.service !== null ? 'service' : sample.family !== null ? 'family' : 'cluster';
  return {
    region: sample.region,
    cluster: sample.cluster,
    by,
    name: (by === 'service' ? sample.service : by === 'family' ? sample.family : sample.cluster) ?? '',
  };
}

export const nameKey = (name: RightsizeName): string =>
  `${name.region ?? ''}\u0000${name.cluster}\u0000${name.by}\u0000${name.name}`;

/** Most distinct task ids kept per group (a count only; beyond it the figure is a lower bound). */
const MAX_TASK_IDS = 1_000_000;

/**
 * Gathers samples per group as they come (a reader's batches, or a benchmark's generator), then hands
 * each group's arrays over. `periodMs` is the sampling period of the samples added with it.
 */
export function createUsageCollector() {
  const groups = new Map<string, GroupState>();
  const add = (
    sample: UsageSample,
    basis: SampleBasis = 'task-events',
    periodMs = 60_000,
    tasksKnown = true,
    memoryPeak: MemoryPeak = 'task-sample',
  ): void => {
    const name = nameOf(sample);
    const key = nameKey(name);
    let group = groups.get(key);
    if (group === undefined) {
      group = {
        name,
        basis,
        memoryPeak,
        periodMs,
        cpu: new Floats(),
        memory: new Floats(),
        buckets: new Floats(),
        taskSum: 0,
        tasksKnown,
        taskIds: new Set(),
        latestMs: -Infinity,
        current: {cpu: sample.cpuReserved, memory: sample.memoryReserved},
        reservations: new Map(),
      };
      groups.set(key, group);
    }
    group.cpu.push(sample.cpuUtilized);
    group.memory.push(sample.memoryUtilized);
    group.buckets.push(Math.floor(sample.timestampMs / group.periodMs));
    group.taskSum += sample.tasks;
    group.tasksKnown &&= tasksKnown;
    if (sample.taskId !== null && group.taskIds.size < MAX_TASK_IDS) group.taskIds.add(sample.taskId);
    const reservation = {cpu: sample.cpuReserved, memory: sample.memoryReserved};
    const reservationKey = `${reservation.cpu}/${reservation.memory}`;
    if (!group.reservations.has(reservationKey)) group.reservations.set(reservationKey, reservation);
    if (sample.timestampMs >= group.latestMs) {
      group.latestMs = sample.timestampMs;
      group.current = reservation;
    }
  };
  return {
    add,
    get size() {
      return groups.size;
    },
    /** The groups, in name order (region, cluster, then service or family name). */
    finish(): UsageGroup[] {
      return [...groups.values()]
        .sort((a, b) => compareNames(a.name, b.name))
        .map((group) => ({
          name: group.name,
          basis: group.basis,
          memoryPeak: group.memoryPeak,
          periodMs: group.periodMs,
          cpu: group.cpu.view(),
          memory: group.memory.view(),
          buckets: group.buckets.data.subarray(0, group.buckets.length),
          taskSum: group.taskSum,
          tasksKnown: group.tasksKnown,
          taskIds: group.taskIds.size,
          current: group.current,
          otherReservations: [...group.reservations.values()].filter(
            (size) => size.cpu !== group.current.cpu || size.memory !== group.current.memory,
          ),
        }));
    },
  };
}

export type UsageCollector = ReturnType<typeof createUsageCollector>;

const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
export function compareNames(a: RightsizeName, b: RightsizeName): number {
  return (
    order(a.region ?? '', b.region ?? '') || order(a.cluster, b.cluster) || order(a.name, b.name) || order(a.by, b.by)
  );
}

/** The nearest-rank percentile of sorted values: the smallest value with at least p% of the values at or below it. */
export function nearestRank(sorted: ArrayLike<number>, percent: number): number {
  if (sorted.length === 0) throw new RangeError('no values');
  const rank = Math.max(1, Math.ceil((percent / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

/** p50, p90, p95, p99 and the maximum; sorts `values` in place. */
export function percentilesOf(values: Float64Array): Percentiles {
  values.sort();
  return {
    p50: nearestRank(values, 50),
    p90: nearestRank(values, 90),
    p95: nearestRank(values, 95),
    p99: nearestRank(values, 99),
    max: values[values.length - 1]!,
  };
}

export const pick = (percentiles: Percentiles, which: CpuPercentile): number => percentiles[which];

/** How the samples cover their span; sorts `buckets` in place. */
export function coverageOf(group: UsageGroup, rule: RightsizeRule): SampleCoverage {
  const buckets = group.buckets;
  buckets.sort();
  const first = buckets[0]!;
  const last = buckets[buckets.length - 1]!;
  let observed = 0;
  let longest = 0;
  let previous = Number.NaN;
  for (let i = 0; i < buckets.length; i++) {
    const bucket = buckets[i]!;
    if (bucket !== previous) {
      observed++;
      if (!Number.isNaN(previous)) longest = Math.max(longest, bucket - previous - 1);
      previous = bucket;
    }
  }
  const expected = last - first + 1;
  const periodMs = group.periodMs;
  const spanMs = expected * periodMs;
  const thin: ThinReason[] = [];
  if (spanMs < rule.minimumDays * DAY_MS) thin.push('short-span');
  const missing = new D(expected - observed).div(expected);
  if (missing.gt(rule.maxMissingShare) || longest * periodMs > rule.maxGapMs) thin.push('gaps');
  if (group.cpu.length < 2) thin.push('few-samples');
  return {
    basis: group.basis,
    memoryPeak: group.memoryPeak,
    samples: group.cpu.length,
    tasks: group.taskIds,
    fromMs: first * periodMs,
    toMs: (last + 1) * periodMs,
    periodMs,
    expectedPoints: expected,
    observedPoints: observed,
    longestGapMs: longest * periodMs,
    averageTasks: new D(group.taskSum).div(expected),
    tasksKnown: group.tasksKnown,
    thin,
  };
}

/** Utilization as an exact decimal: the float's shortest round-trip text, so 409.6 x 1.25 is 512 exactly. */
const exactOf = (value: number): Dec => new D(value.toString());

export interface SizeChoice {
  readonly recommended: SizeMiB;
  readonly reason: RightsizeReason;
  readonly required: {readonly cpu: Dec; readonly memory: Dec};
}

/**
 * The smallest valid size (fewest CPU units, then least memory: the cheapest, as Fargate's price rises
 * with both) holding the judged use x (1 + headroom). Never larger than the current size unless the use
 * itself exceeds the current reservation ("grow"); never smaller on thin data.
 */
export function chooseSize(input: {
  readonly judged: {readonly cpu: number; readonly memory: number};
  readonly headroom: Dec;
  readonly current: SizeMiB;
  readonly os: Os;
  readonly thin: boolean;
}): SizeChoice {
  const factor = new D(1).plus(input.headroom);
  const required = {cpu: exactOf(input.judged.cpu).times(factor), memory: exactOf(input.judged.memory).times(factor)};
  const {current} = input;
  const holds = (size: SizeMiB, cpu: Dec, memory: Dec) => cpu.lte(size.cpu) && memory.lte(size.memory);
  const sizes = validSizes(input.os).map((size) => ({cpu: size.cpuUnits, memory: size.memoryMiB}));
  const exceeds = !holds(current, exactOf(input.judged.cpu), exactOf(input.judged.memory));
  if (exceeds) {
    const fit = sizes.find((size) => holds(size, required.cpu, required.memory));
    if (fit !== undefined) return {recommended: fit, reason: 'grow', required};
    return {recommended: sizes[sizes.length - 1]!, reason: 'exceeds-largest', required};
  }
  const within = sizes.filter((size) => size.cpu <= current.cpu && size.memory <= current.memory);
  const fit = within.find((size) => holds(size, required.cpu, required.memory));
  if (fit === undefined)
    return {recommended: current, reason: holds(current, required.cpu, required.memory) ? 'keep' : 'tight', required};
  if (fit.cpu === current.cpu && fit.memory === current.memory) return {recommended: current, reason: 'keep', required};
  if (input.thin) return {recommended: current, reason: 'thin-data', required};
  return {recommended: fit, reason: 'shrink', required};
}
