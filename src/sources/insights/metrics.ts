import {EXIT, UserError, untrusted, untrustedValue} from '../../errors.js';
import type {UsageSample} from '../../model/rightsize.js';
import {isFargateSize} from '../../sizing/sizes.js';

/**
 * Container Insights metrics (namespace ECS/ContainerInsights) as `aws cloudwatch get-metric-data`
 * returns them, read with the query that asked for them (the `--metric-data-queries` JSON: each Id's
 * MetricStat names the metric, its dimensions, statistic and period). Each service (ClusterName and
 * ServiceName) or task family (ClusterName and TaskDefinitionFamily) needs CpuUtilized, CpuReserved,
 * MemoryUtilized and MemoryReserved; RunningTaskCount, when queried, gives the task count.
 *
 * A point is one period's statistic, not one task's use. A service's metrics (ServiceName) come from
 * Container Insights' Service events, which sum over the service's tasks: the per-task figures are
 * the sums / RunningTaskCount, which the query must then ask for. A family's (TaskDefinitionFamily)
 * come from its Task events, one value a task: their Average (or Maximum: the busiest task) is a
 * task's, and the task count is unknown (priced as 1). A timestamp missing any of the four metrics (or
 * a service's RunningTaskCount, or with a count of 0) is left out, and counts as a gap; so is one whose
 * reservation per task is not a Fargate size (tasks of several sizes mid-deployment, or not on
 * Fargate), counted in `skipped`.
 *
 * Each metric is read at one statistic: CPU at Average where the query has it (else its only one);
 * MemoryUtilized at Maximum where the query has it (a task is killed by a peak, which an Average
 * hides), else Average.
 */

export interface MetricGroup {
  readonly cluster: string;
  readonly service: string | null;
  readonly family: string | null;
  readonly periodMs: number;
  /** The statistic of CpuUtilized, and of MemoryUtilized. */
  readonly stat: string;
  readonly memoryStat: string;
  readonly tasksKnown: boolean;
  readonly samples: UsageSample[];
}

export interface ParsedMetricData {
  readonly groups: MetricGroup[];
  /** Query ids that are not one of the metrics read (expressions, other metrics): ignored. */
  readonly ignored: number;
  /** Points left out because the reservation per task is not a Fargate size. */
  readonly notFargateSize: number;
}

const NEEDED = ['CpuUtilized', 'CpuReserved', 'MemoryUtilized', 'MemoryReserved'] as const;
type MetricName = (typeof NEEDED)[number] | 'RunningTaskCount';
const KNOWN = new Set<string>([...NEEDED, 'RunningTaskCount']);

type Fields = Record<string, unknown>;
const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const bad = (message: string) =>
  new UserError(message, {
    exitCode: EXIT.input,
    hint: 'give the output of aws cloudwatch get-metric-data and the --metric-data-queries JSON it was run with',
  });

function timestampMs(value: unknown, where: string): number {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.getTime();
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0)
    return value < 1e11 ? Math.round(value * 1000) : Math.round(value);
  if (typeof value === 'string' && value.length <= 40) {
    const ms = Date.parse(value);
    if (!Number.isNaN(ms)) return ms;
  }
  throw bad(`${where}: timestamp ${untrustedValue(value)} is not a date`);
}

interface Series {
  readonly metric: MetricName;
  readonly key: string;
  readonly cluster: string;
  readonly service: string | null;
  readonly family: string | null;
  readonly stat: string;
  readonly periodMs: number;
}

function queriesOf(query: unknown, origin: string): {byId: Map<string, Series>; ignored: number} {
  const list = Array.isArray(query)
    ? query
    : isObject(query) && Array.isArray(query.MetricDataQueries)
      ? query.MetricDataQueries
      : null;
  if (list === null) throw bad(`${origin}: the query is not a list of metric data queries`);
  const byId = new Map<string, Series>();
  let ignored = 0;
  list.forEach((item: unknown, i: number) => {
    const where = `${origin} query ${i + 1}`;
    if (!isObject(item) || typeof item.Id !== 'string') throw bad(`${where}: a query without an Id`);
    const stat = item.MetricStat;
    const metric = isObject(stat) ? stat.Metric : undefined;
    if (!isObject(stat) || !isObject(metric) || !KNOWN.has(String(metric.MetricName))) {
      ignored++;
      return;
    }
    if (metric.Namespace !== 'ECS/ContainerInsights')
      throw bad(`${where}: namespace ${untrustedValue(metric.Namespace)} is not ECS/ContainerInsights`);
    const dims = new Map<string, string>();
    for (const dim of Array.isArray(metric.Dimensions) ? metric.Dimensions : []) {
      if (!isObject(dim) || typeof dim.Name !== 'string' || typeof dim.Value !== 'string' || dim.Value === '')
        throw bad(`${where}: a dimension without a Name and Value`);
      dims.set(dim.Name, dim.Value);
    }
    const cluster = dims.get('ClusterName');
    const service = dims.get('ServiceName') ?? null;
    const family = dims.get('TaskDefinitionFamily') ?? null;
    if (cluster === undefined || (service === null && family === null))
      throw bad(`${where}: the dimensions need ClusterName and ServiceName or TaskDefinitionFamily`);
    const period = stat.Period;
    if (typeof period !== 'number' || !Number.isInteger(period) || period < 1 || period > 86_400)
      throw bad(`${where}: Period ${untrustedValue(period)} is not seconds from 1 to 86400`);
    if (typeof stat.Stat !== 'string') throw bad(`${where}: a MetricStat without a Stat`);
    byId.set(item.Id, {
      metric: metric.MetricName as MetricName,
      key: `${cluster}\u0000${service === null ? 'family' : 'service'}\u0000${service ?? family}`,
      cluster,
      service,
      family: service === null ? family : null,
      stat: stat.Stat,
      periodMs: period * 1000,
    });
  });
  return {byId, ignored};
}

/** Reads get-metric-data output (`MetricDataResults[]`, CLI or SDK shape) with the query that made it. */
export function parseMetricData(output: unknown, query: unknown, origin: string): ParsedMetricData {
  const {byId, ignored} = queriesOf(query, origin);
  const results = isObject(output) && Array.isArray(output.MetricDataResults) ? output.MetricDataResults : null;
  if (results === null) throw bad(`${origin}: no MetricDataResults: not get-metric-data output`);
  interface Building {
    series: Series;
    /** Per metric, per statistic, the points. */
    values: Map<MetricName, Map<string, Map<number, number>>>;
  }
  const groups = new Map<string, Building>();
  results.forEach((result: unknown, i: number) => {
    const where = `${origin} MetricDataResults[${i}]`;
    if (!isObject(result) || typeof result.Id !== 'string') throw bad(`${where}: a result without an Id`);
    const series = byId.get(result.Id);
    if (series === undefined) return;
    const times = result.Timestamps;
    const values = result.Values;
    if (!Array.isArray(times) || !Array.isArray(values) || times.length !== values.length)
      throw bad(`${where}: Timestamps and Values are not two lists of one length`);
    let group = groups.get(series.key);
    if (group === undefined) groups.set(series.key, (group = {series, values: new Map()}));
    if (series.periodMs !== group.series.periodMs && series.metric !== 'RunningTaskCount')
      throw bad(`${where}: ${untrusted(result.Id)} has another Period than the other metrics of its service`);
    let byStat = group.values.get(series.metric);
    if (byStat === undefined) group.values.set(series.metric, (byStat = new Map()));
    let points = byStat.get(series.stat);
    if (points === undefined) byStat.set(series.stat, (points = new Map()));
    times.forEach((time: unknown, j: number) => {
      const value = values[j];
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
        throw bad(`${where}: value ${untrustedValue(value)} is not a number, 0 or more`);
      points!.set(Math.floor(timestampMs(time, where) / group!.series.periodMs), value);
    });
  });
  const out: MetricGroup[] = [];
  let notFargateSize = 0;
  for (const group of groups.values()) {
    const s = group.series;
    const name = s.service ?? s.family!;
    const missing = NEEDED.filter((metric) => !group.values.has(metric));
    if (missing.length > 0) throw bad(`${origin}: ${untrusted(name)} has no ${missing.join(', ')} in the results`);
    /** The statistic a metric is read at: the preferred one where the query has it, else the first given. */
    const statOf = (metric: MetricName, preferred: string): string | undefined => {
      const byStat = group.values.get(metric);
      if (byStat === undefined) return undefined;
      return byStat.has(preferred) ? preferred : byStat.keys().next().value;
    };
    const pointsOf = (metric: MetricName, preferred: string) => {
      const stat = statOf(metric, preferred);
      return stat === undefined ? undefined : group.values.get(metric)!.get(stat)!;
    };
    const stat = statOf('CpuUtilized', 'Average')!;
    const memoryStat = statOf('MemoryUtilized', 'Maximum')!;
    const cpuUsed = pointsOf('CpuUtilized', 'Average')!;
    const cpuReserved = pointsOf('CpuReserved', 'Average')!;
    const memUsed = pointsOf('MemoryUtilized', 'Maximum')!;
    const memReserved = pointsOf('MemoryReserved', 'Average')!;
    const tasks = pointsOf('RunningTaskCount', 'Average');
    if (s.service !== null && tasks === undefined)
      throw bad(
        `${origin}: the service ${untrusted(name)} has no RunningTaskCount: a service's metrics sum over its tasks, and the count divides them`,
      );
    const samples: UsageSample[] = [];
    for (const [bucket, cpu] of cpuUsed!) {
      const cpuRes = cpuReserved!.get(bucket);
      const mem = memUsed!.get(bucket);
      const memRes = memReserved!.get(bucket);
      if (cpuRes === undefined || mem === undefined || memRes === undefined || cpuRes === 0 || memRes === 0) continue;
      const count = tasks?.get(bucket);
      if (s.service !== null && (count === undefined || count <= 0)) continue;
      const divide = s.service !== null ? count! : 1;
      const perTask = {cpu: wholeOf(cpuRes / divide), memory: wholeOf(memRes / divide)};
      if (!isFargateSize({cpuUnits: perTask.cpu, memoryMiB: perTask.memory, storageGiB: 20}, 'linux')) {
        notFargateSize++;
        continue;
      }
      samples.push({
        region: null,
        cluster: s.cluster,
        service: s.service,
        family: s.family,
        taskId: null,
        timestampMs: bucket * s.periodMs,
        cpuUtilized: cpu / divide,
        cpuReserved: perTask.cpu,
        memoryUtilized: mem / divide,
        memoryReserved: perTask.memory,
        tasks: count ?? 1,
      });
    }
    if (samples.length === 0) continue;
    out.push({
      cluster: s.cluster,
      service: s.service,
      family: s.family,
      periodMs: s.periodMs,
      stat,
      memoryStat,
      tasksKnown: tasks !== undefined,
      samples,
    });
  }
  return {groups: out, ignored, notFargateSize};
}

/** A reservation per task from a ratio of sums: the whole number it is, within a float's rounding. */
const wholeOf = (value: number): number => {
  const whole = Math.round(value);
  return Math.abs(value - whole) < 1e-6 ? whole : value;
};
