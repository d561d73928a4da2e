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
