import {readFileSync} from 'node:fs';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {percentilesOf} from '../../../src/analysis/rightsize.js';
import {isUserError} from '../../../src/errors.js';
import {parseMetricData} from '../../../src/sources/insights/metrics.js';

const output = () => JSON.parse(readFileSync('test/fixtures/insights/metrics-output.json', 'utf8'));
const query = () => JSON.parse(readFileSync('test/fixtures/insights/metrics-query.json', 'utf8'));

const dims = (family: string) => [
  {Name: 'ClusterName', Value: 'prod'},
  {Name: 'TaskDefinitionFamily', Value: family},
];
const familyQuery = ['CpuUtilized', 'CpuReserved', 'MemoryUtilized', 'MemoryReserved'].map((name, i) => ({
  Id: `q${i}`,
  MetricStat: {
    Metric: {Namespace: 'ECS/ContainerInsights', MetricName: name, Dimensions: dims('batch')},
    Period: 60,
    Stat: 'Maximum',
  },
}));

describe('parseMetricData', () => {
  it("divides a service's summed metrics by RunningTaskCount (the fixture: 2 tasks of 2 vCPU / 8 GB)", () => {
    const parsed = parseMetricData(output(), query(), 'metrics.json');
    expect(parsed.groups).toHaveLength(1);
    const web = parsed.groups[0]!;
    expect(web).toMatchObject({cluster: 'prod', service: 'web', family: null, periodMs: 300_000, stat: 'Average'});
    expect(web.samples).toHaveLength(2304);
    expect(web.samples.every((s) => s.cpuReserved === 2048 && s.memoryReserved === 8192 && s.tasks === 2)).toBe(true);
    // Per task: CPU 120 + (i mod 96), memory 2000 + 5 (i mod 96): each of the 96 values 24 times.
    const cpu = percentilesOf(Float64Array.from(web.samples, (s) => s.cpuUtilized));
    expect(cpu).toEqual({p50: 167, p90: 206, p95: 211, p99: 215, max: 215});
  });
  it("takes a family's values as one task's, from the SDK shape too (Dates), and skips other queries", () => {
    const times = [new Date('2026-11-01T00:01:00Z'), new Date('2026-11-01T00:00:00Z')];
    const result = (id: string, values: number[]) => ({Id: id, Timestamps: times, Values: values});
    const parsed = parseMetricData(
      {
        MetricDataResults: [
          result('q0', [300, 200]),
          result('q1', [1024, 1024]),
          result('q2', [900, 800]),
          result('q3', [2048, 2048]),
          result('e1', [1, 2]),
        ],
      },
      [...familyQuery, {Id: 'e1', Expression: 'q0 / q1'}],
      'sdk',
    );
    expect(parsed.ignored).toBe(1);
    expect(parsed.groups[0]!.samples.map((s) => [s.timestampMs, s.cpuUtilized, s.memoryUtilized, s.tasks])).toEqual([
      [Date.parse('2026-11-01T00:01:00Z'), 300, 900, 1],
      [Date.parse('2026-11-01T00:00:00Z'), 200, 800, 1],
    ]);
    expect(parsed.groups[0]!.tasksKnown).toBe(false);
  });
  it('reads CPU at Average and memory at Maximum when the query has both; a per-task size not on Fargate is a gap, counted', () => {
    const times = ['2026-11-01T00:00:00Z', '2026-11-01T00:01:00Z', '2026-11-01T00:02:00Z'];
    const both = ['Average', 'Maximum'].flatMap((stat) =>
      familyQuery.map((q) => ({...q, Id: `${q.Id}${stat[0]}`, MetricStat: {...q.MetricStat, Stat: stat}})),
    );
    // Average first in the results, then Maximum: the order must not matter.
    const values: Record<string, number[]> = {
      q0A: [100, 100, 100],
      q1A: [1024, 1024, 3000],
      q2A: [500, 500, 500],
      q3A: [2048, 2048, 2048],
      q0M: [900, 900, 900],
      q1M: [1024, 1024, 3000],
      q2M: [1800, 1700, 1900],
      q3M: [2048, 2048, 2048],
    };
    const parsed = parseMetricData(
      {MetricDataResults: Object.entries(values).map(([Id, Values]) => ({Id, Timestamps: times, Values}))},
      both,
      'both',
    );
    const [group] = parsed.groups;
    expect([group!.stat, group!.memoryStat]).toEqual(['Average', 'Maximum']);
    // CPU 100 (the Average), memory 1800 and 1700 (the Maximum); the third point reserves 3000 CPU units: left out.
    expect(group!.samples.map((x) => [x.cpuUtilized, x.memoryUtilized])).toEqual([
      [100, 1800],
      [100, 1700],
    ]);
    expect(parsed.notFargateSize).toBe(1);
    // Average alone: memory at Average.
    const averageOnly = parseMetricData(
      {
        MetricDataResults: Object.entries(values)
          .filter(([id]) => id.endsWith('A'))
          .map(([Id, Values]) => ({Id, Timestamps: times, Values})),
      },
      both.filter((q) => q.MetricStat.Stat === 'Average'),
      'avg',
    );
    expect(averageOnly.groups[0]!.memoryStat).toBe('Average');
    expect(averageOnly.groups[0]!.samples.map((x) => x.memoryUtilized)).toEqual([500, 500]);
  });
  it('refuses a service without RunningTaskCount, a wrong namespace, results without a query', () => {
    const withoutCount = query().filter(
      (q: {MetricStat: {Metric: {MetricName: string}}}) => q.MetricStat.Metric.MetricName !== 'RunningTaskCount',
    );
    expect(() => parseMetricData(output(), withoutCount, 'm.json')).toThrow(/the service web has no RunningTaskCount/);
    const otherNamespace = query();
    otherNamespace[0].MetricStat.Metric.Namespace = 'AWS/ECS';
    expect(() => parseMetricData(output(), otherNamespace, 'm.json')).toThrow(/is not ECS\/ContainerInsights/);
    expect(() => parseMetricData({}, query(), 'm.json')).toThrow(/no MetricDataResults/);
    expect(() => parseMetricData(output(), {}, 'm.json')).toThrow(/not a list of metric data queries/);
  });
  it('never fails but with a UserError on mangled values (fast-check)', () => {
    const small = {
      MetricDataResults: output().MetricDataResults.map((r: {Timestamps: unknown[]; Values: unknown[]}) => ({
        ...r,
        Timestamps: r.Timestamps.slice(0, 3),
        Values: r.Values.slice(0, 3),
      })),
    };
    fc.assert(
      fc.property(
        fc.integer({min: 0, max: 4}),
        fc.integer({min: 0, max: 2}),
        fc.anything(),
        fc.boolean(),
        (series, point, value, inQuery) => {
          const out = structuredClone(small);
          const q = query();
          if (inQuery) q[series].MetricStat.Period = value;
          else out.MetricDataResults[series][point % 2 === 0 ? 'Values' : 'Timestamps'][point] = value;
          try {
            parseMetricData(out, q, 'fuzz');
          } catch (error) {
            if (!isUserError(error)) throw error;
          }
        },
      ),
      {numRuns: 300},
    );
  });
});
