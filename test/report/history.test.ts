import {describe, expect, it} from 'vitest';
import {historyJson, renderHistory} from '../../src/report/history.js';
import {jsonDocument} from '../../src/report/json.js';
import {createStyle} from '../../src/report/style.js';
import {bill, close, HOUR, ran, running, T0} from '../app/history-fixtures.js';
import {D} from '../../src/money/decimal.js';

const result = () =>
  bill(
    [
      ran(T0, 2 * HOUR, {group: 'service:web', taskArn: 'arn:aws:ecs:us-east-1:1:task/prod/web1'}),
      ran(T0 + HOUR, HOUR, {
        group: 'service:web',
        capacityProvider: 'FARGATE_SPOT',
        stopCode: 'SpotInterruption',
        taskArn: 'arn:aws:ecs:us-east-1:1:task/prod/web2',
      }),
      ran(T0 + 25 * HOUR, 20_000, {
        group: 'family:report',
        storageGiB: 50,
        taskArn: 'arn:aws:ecs:us-east-1:1:task/prod/rep1',
      }),
      running(T0 + 26 * HOUR, {
        group: 'family:report',
        os: 'windows',
        cpuUnits: 1024,
        memoryMiB: 2048,
        taskArn: 'arn:aws:ecs:us-east-1:1:task/prod/win1',
      }),
      ran(T0, HOUR, {launchType: 'EC2'}),
    ],
    {asOfMs: T0 + 27 * HOUR, top: 3},
  );

describe('history JSON', () => {
  it('has the documented shape: money and quantities as exact strings, counts as numbers', () => {
    const json = jsonDocument('history', historyJson(result()), {
      version: '0.1.0',
      generatedAt: '2026-11-03T04:00:00.000Z',
    });
    expect(Object.keys(json)).toEqual([
      'kind',
      'schemaVersion',
      'version',
      'currency',
      'generatedAt',
      'asOf',
      'window',
      'billed',
      'tasks',
      'records',
      'groupBy',
      'groups',
      'byOption',
      'byDay',
      'top',
      'projection',
      'hourly',
      'spot',
      'imagePull',
      'sources',
      'assumptions',
    ]);
    expect(json.asOf).toBe('2026-11-03T03:00:00.000Z');
    expect(json.window).toEqual({
      from: '2026-11-02T00:00:00.000Z',
      to: '2026-11-03T03:00:00.000Z',
      hours: '27',
      fromFlag: null,
      toFlag: null,
    });
    expect(json.tasks).toEqual({billed: 4, running: 1, excluded: 1, reasons: {'not-fargate': 1}});
    expect(Object.keys(json.groups[0]!)).toEqual([
      'key',
      'kind',
      'cost',
      'onDemandCost',
      'tasks',
      'running',
      'taskHours',
      'vcpuHours',
      'gbHours',
      'storageGbHours',
      'share',
    ]);
    // report: the Windows hour (1 vCPU, 2 GB, licence: 0.1027755) plus a 60 s minimum of 0.25 vCPU with
    // 30 GiB extra storage (0.0156725 an hour / 60); web: 2 h On-Demand + 1 h Spot of 0.25 vCPU.
    expect(json.groups.map((group) => [group.key, group.kind, group.tasks, group.cost])).toEqual([
      ['family:report', 'batch', 2, '0.10303670833333333333333333333333333333333333333333'],
      ['service:web', 'service', 2, '0.0286148125'],
    ]);
    expect(typeof json.billed.cost).toBe('string');
    expect(json.top.map((task) => task.taskArn.split('/').pop())).toEqual(['win1', 'web1', 'web2']);
    expect(json.top[0]).toMatchObject({
      running: true,
      stoppedAt: null,
      billedSeconds: '3600',
      purchase: 'on-demand',
      size: {cpuUnits: 1024, os: 'windows'},
    });
    // The projection is exact (the window's exact cost x 730 / 27); the billed cost shown is rounded to 50 digits.
    expect(close(new D(json.projection!.monthlyCost), result().billed.cost.times(730).div(27))).toBe(true);
    expect(json.projection!.options.map((option) => option.id)).toContain('savings-plan-compute-3y-all-upfront');
    expect(json.hourly).toHaveLength(27);
    expect(json.hourly[1]).toEqual({
      start: '2026-11-02T01:00:00.000Z',
      options: [
        {
          purchase: 'on-demand',
          cost: '0.0123425',
          onDemandCost: '0.0123425',
          taskHours: '1',
          vcpuHours: '0.25',
          gbHours: '0.5',
        },
        {
          purchase: 'spot',
          cost: '0.0039298125',
          onDemandCost: '0.0123425',
          taskHours: '1',
          vcpuHours: '0.25',
          gbHours: '0.5',
        },
      ],
    });
    expect(json.spot).toEqual({tasks: 1, taskHours: '1', interruptions: 1});
    expect(json.assumptions.rates.every((rate) => typeof rate.rate === 'string')).toBe(true);
  });
});

describe('history table, CSV and Markdown', () => {
  it('prints the bill, the breakdowns, the top runs, the projection and the assumptions', () => {
    const text = renderHistory(result(), 'table');
    expect(text).toContain('as of 2026-11-03T03:00:00.000Z');
    expect(text).toMatch(/^Billed \$0\.\d+ \(On-Demand equivalent \$0\.\d+: Fargate Spot saved \$0\.0084\)$/m);
    expect(text).toMatch(/^service:web\s+service\s+2\s+3\s+0\.75\s+1\.5\s+0\s+\$0\.03\s+\d+\.\d%$/m);
    expect(text).toContain('By purchase option');
    expect(text).toContain('By day (UTC)');
    expect(text).toMatch(
      /^win1\s+family:report\s+on-demand\s+1 vCPU, 2 GB Windows\s+2026-11-03 02:00:00Z\s+1h 00m 00s \(running\)/m,
    );
    expect(text).toContain('Projection (730-hour month)');
    expect(text).toContain('Not billed (1 tasks)');
    expect(text).toContain('- 1: EC2, external or managed-instance launch type (not Fargate)');
    expect(text).toMatch(/^Assumptions$/m);
    expect(text).not.toContain('\u001B[');
    expect(renderHistory(result(), 'table', createStyle(true))).toContain('\u001B[1mBy group');
  });

  it('writes one CSV with a section per row kind', () => {
    const csv = renderHistory(result(), 'csv');
    const rows = csv
      .trim()
      .split('\n')
      .map((line) => line.split(','));
    expect(rows[0]).toEqual([
      'section',
      'key',
      'purchase',
      'kind',
      'tasks',
      'running',
      'task_hours',
      'vcpu_hours',
      'gb_hours',
      'storage_gb_hours',
      'cost',
      'on_demand_cost',
      'share',
    ]);
    const sections = new Set(rows.slice(1).map((row) => row[0]));
    expect([...sections]).toEqual(['total', 'group', 'option', 'day', 'top', 'projection', 'hour']);
    expect(rows.filter((row) => row[0] === 'hour')).toHaveLength(27 + 27);
    expect(rows.find((row) => row[0] === 'group' && row[1] === 'service:web')?.slice(3, 6)).toEqual([
      'service',
      '2',
      '0',
    ]);
  });

  it('writes Markdown tables', () => {
    const markdown = renderHistory(result(), 'markdown');
    expect(markdown).toContain('### By group');
    expect(markdown).toContain('| group | kind | tasks | task-h | vCPU-h | GB-h | storage GB-h | cost | share |');
    expect(markdown).toContain('### Projection (730-hour month)');
    expect(markdown).toContain('**Assumptions**');
  });

  it('says what it can when nothing was billed', () => {
    const empty = bill([]);
    expect(renderHistory(empty, 'table')).toContain('0 tasks billed');
    expect(historyJson(empty)).toMatchObject({window: null, projection: null, hourly: [], groups: []});
    expect(renderHistory(empty, 'csv').trim().split('\n')).toHaveLength(2);
  });
});
