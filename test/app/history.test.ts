import fc from 'fast-check';
import {historyJson} from '../../src/report/history.js';
import {describe, expect, it} from 'vitest';
import {createHistoryAggregator, GROUP_BY, type HistoryResult} from '../../src/app/history.js';
import {profileTotals} from '../../src/analysis/usage-profile.js';
import {D, sum} from '../../src/money/decimal.js';
import {editedCatalog, embeddedCatalog} from '../helpers/catalog.js';
import {bill, close, costOf, HOUR, NOW, ran, running, T0, task} from './history-fixtures.js';

// Hourly rates of the sizes used below, summed by hand from data/catalog.json (us-east-1):
// 0.25 vCPU x 0.04048 + 0.5 GB x 0.004445 = 0.0123425 On-Demand;
// 0.25 x 0.01288871 + 0.5 x 0.00141527 = 0.0039298125 on Fargate Spot.
const SMALL = '0.0123425';
const SMALL_SPOT = '0.0039298125';

describe('history billing: one task', () => {
  it('bills a 20-second Linux task the 60-second minimum', () => {
    const result = bill([ran(T0, 20_000)]);
    expect(result.tasks).toEqual({billed: 1, running: 0, excluded: 0, reasons: {}});
    expect(result.billed.cost.eq(costOf(SMALL, 60))).toBe(true);
    expect(result.billed.cost.toFixed(12)).toBe('0.000205708333');
    expect(result.billed.taskHours.times(60).toString()).toBe('1');
  });

  it('rounds a run up to the whole second', () => {
    const result = bill([ran(T0, 61_001)]);
    expect(result.billed.cost.eq(costOf(SMALL, 62))).toBe(true);
    expect(result.billed.vcpuHours.eq(new D('0.25').times(62).div(3600))).toBe(true);
  });

  it('bills a Windows task 300 s at least, with the OS licence per vCPU', () => {
    // 1 vCPU x 0.046552 + 3 GB x 0.00511175 + 1 vCPU x 0.046 (licence) = 0.10788725 an hour.
    const result = bill([ran(T0, 120_000, {os: 'windows', cpuUnits: 1024, memoryMiB: 3072})]);
    expect(result.billed.cost.eq(costOf('0.10788725', 300))).toBe(true);
    expect(result.billed.cost.toFixed(10)).toBe('0.0089906042');
    expect(result.assumptions.rates.map((rate) => rate.key)).toContain('windows-x86_64-os-license');
  });

  it('bills a Windows task longer than the minimum for its real length', () => {
    const result = bill([ran(T0, 3_600_000, {os: 'windows', cpuUnits: 2048, memoryMiB: 4096})]);
    // 2 x 0.046552 + 4 x 0.00511175 + 2 x 0.046 = 0.205551
    expect(result.billed.cost.toString()).toBe('0.205551');
  });

  it('bills FARGATE_SPOT tasks at Spot rates, and says what On-Demand would have cost', () => {
    const result = bill([ran(T0, 3_600_000, {capacityProvider: 'FARGATE_SPOT'})]);
    expect(result.billed.cost.toString()).toBe(SMALL_SPOT);
    expect(result.billed.onDemandCost.toString()).toBe(SMALL);
    expect(result.byOption.map((row) => [row.key, row.cost.toString()])).toEqual([['spot', SMALL_SPOT]]);
  });

  it('bills ephemeral storage above 20 GiB at the On-Demand rate, Spot or not', () => {
    const result = bill([ran(T0, 3_600_000, {storageGiB: 30, capacityProvider: 'FARGATE_SPOT'})]);
    // Spot compute + 10 GiB x 0.000111 (On-Demand)
    expect(result.billed.cost.toString()).toBe('0.0050398125');
    expect(result.billed.storageGbHours.toString()).toBe('10');
  });

  it('ends at executionStoppedAt when stoppedAt is missing', () => {
    const result = bill([ran(T0, 0, {stoppedAtMs: undefined, executionStoppedAtMs: T0 + 90_500})]);
    expect(result.billed.cost.eq(costOf(SMALL, 91))).toBe(true);
    expect(result.tasks.running).toBe(0);
  });

  it('prefers stoppedAt over executionStoppedAt', () => {
    const result = bill([ran(T0, 125_000, {executionStoppedAtMs: T0 + 100_000})]);
    expect(result.billed.cost.eq(costOf(SMALL, 125))).toBe(true);
  });

  it('takes a task on FARGATE without a capacity provider (launchType FARGATE) as On-Demand', () => {
    const result = bill([
      ran(T0, 60_000, {capacityProvider: undefined}),
      ran(T0, 60_000, {capacityProvider: 'FARGATE'}),
    ]);
    expect(result.byOption.map((row) => [row.key, row.tasks])).toEqual([['on-demand', 2]]);
  });
});

describe('history billing: running tasks', () => {
  it('bills a running task for its time so far, up to the as-of time', () => {
    const asOfMs = T0 + 2 * HOUR + 500;
    const result = bill([running(T0)], {asOfMs});
    expect(result.tasks).toMatchObject({billed: 1, running: 1});
    expect(result.billed.taskHours.eq(new D(2 * HOUR + 500).div(HOUR))).toBe(true);
    expect(historyJson(result).assumptions.notes.join('\n')).toContain('2026-11-02T02:00:00.500Z');
    expect(result.window?.toMs).toBe(asOfMs);
  });

  it('bills a task that started just before the as-of time its minimum', () => {
    const result = bill([running(T0)], {asOfMs: T0 + 10_000});
    expect(result.billed.cost.eq(costOf(SMALL, 60))).toBe(true);
  });

  it('does not bill a task whose pull starts after the as-of time', () => {
    const result = bill([running(T0 + HOUR)], {asOfMs: T0});
    expect(result.tasks).toMatchObject({billed: 0, reasons: {pending: 1}});
  });

  it('warns when the history ends long before the as-of time (an old capture)', () => {
    const old = bill([running(T0, {updatedAtMs: T0 + 60_000}), ran(T0, 2 * HOUR)], {asOfMs: T0 + 3 * 86_400_000});
    expect(historyJson(old).assumptions.warnings.join('\n')).toContain(
      'the newest record is from 2026-11-02T02:00:00.000Z, 2 days before the as-of time, and the 1 running task is billed up to the as-of time; if the history was captured earlier, pass --as-of',
    );
    // A service task running for days emits no event meanwhile: a recent record elsewhere means the history is current.
    const current = bill([running(T0, {updatedAtMs: T0 + 60_000}), ran(T0 + 70 * HOUR, HOUR)], {
      asOfMs: T0 + 3 * 86_400_000,
    });
    expect(historyJson(current).assumptions.warnings.join('\n')).not.toContain('newest record');
  });
});

describe('history billing: what is not billed, and duplicates', () => {
  it('counts every task not billed with its reason', () => {
    const result = bill(
      [
        ran(T0, 60_000, {launchType: 'EC2'}),
        ran(T0, 60_000, {launchType: 'EXTERNAL'}),
        ran(T0, 60_000, {capacityProvider: 'my-asg-provider'}),
        task({pullStartedAtMs: undefined, stopCode: 'TaskFailedToStart'}),
        running(T0, {pullStartedAtMs: undefined, lastStatus: 'PROVISIONING'}),
        task({stoppedAtMs: undefined, executionStoppedAtMs: undefined}),
        ran(T0, 60_000, {cpuUnits: undefined}),
        ran(T0, 60_000, {region: undefined}),
        // A region AWS has but the catalog does not list (ap-east-2 is left out: data/sources/README.md).
        ran(T0, 60_000, {region: 'ap-east-2'}),
        ran(T0, 60_000),
      ],
      {},
    );
    expect(result.tasks).toEqual({
      billed: 1,
      running: 0,
      excluded: 9,
      reasons: {
        'not-fargate': 3,
        'never-started': 1,
        pending: 1,
        'no-stop-time': 1,
        'unknown-size': 1,
        'unknown-region': 1,
        'no-rate': 1,
      },
    });
    const warnings = historyJson(result).assumptions.warnings.join('\n');
    expect(warnings).toContain('1 task not priced: region ap-east-2 is not in the price catalog');
    expect(warnings).toContain('pass --region');
  });

  it('names the refresh of a region the catalog lists without rates (Fargate runs there, no source priced it)', () => {
    const result = bill([ran(T0, 60_000, {region: 'eu-central-2'}), ran(T0, 60_000)], {});
    expect(result.tasks).toMatchObject({billed: 1, excluded: 1, reasons: {'no-rate': 1}});
    expect(historyJson(result).assumptions.warnings).toContain(
      '1 task not priced: the catalog has no On-Demand rate for linux-x86_64-vcpu in eu-central-2 (run "fargate-cost prices refresh --source public --regions eu-central-2", which needs no AWS account, or pass --catalog with those rates)',
    );
  });

  it('prices tasks without a region in their ARN in the fallback region', () => {
    const result = bill([ran(T0, HOUR, {region: undefined})], {fallbackRegion: 'ap-northeast-1'});
    // 0.25 x 0.05056 + 0.5 x 0.00553
    expect(result.billed.cost.toString()).toBe('0.015405');
  });

  it('leaves out a Spot task whose region has no Spot rate for its architecture, saying so', () => {
    const result = bill([
      ran(T0, HOUR, {region: 'ap-northeast-1', arch: 'arm64', capacityProvider: 'FARGATE_SPOT'}),
      ran(T0, HOUR),
    ]);
    expect(result.tasks.reasons).toEqual({'no-rate': 1});
    expect(historyJson(result).assumptions.warnings.join('\n')).toContain(
      'the catalog has no Fargate Spot rate for linux-arm64-vcpu in ap-northeast-1',
    );
    expect(result.billed.cost.toString()).toBe(SMALL);
  });

  it("keeps such a task's usage, never its cost, when asked (keepUnpricedSpot, for compare)", () => {
    // us-west-2 has no arm64 Spot rate; 1 vCPU / 2 GB arm64 there is 0.03238 + 2 x 0.00356 = $0.0395 an hour On-Demand.
    const arm = {region: 'us-west-2', arch: 'arm64' as const, cpuUnits: 1024, memoryMiB: 2048};
    const records = [
      ran(T0, 2 * HOUR, {...arm, group: 'service:worker', capacityProvider: 'FARGATE_SPOT'}),
      ran(T0, HOUR, {...arm}),
    ];
    const result = bill(records, {keepUnpricedSpot: true, componentProfiles: true});
    expect(result.tasks).toEqual({billed: 2, running: 0, excluded: 0, reasons: {}});
    // Costs are the priced task's alone: one On-Demand hour.
    expect(result.billed.cost.toString()).toBe('0.0395');
    expect(result.byOption.map((row) => row.key)).toEqual(['on-demand']);
    expect(result.top.map((top) => top.group)).toEqual(['service:web']);
    // Usage is all of it: the worker's 2 Spot task-hours, 1 vCPU x 2 h.
    const worker = result.components.find((c) => c.name === 'worker')!;
    expect(worker.taskHours).toEqual({onDemand: new D(0), spot: new D(2)});
    expect(worker.cost.toString()).toBe('0');
    expect(result.spot).toMatchObject({tasks: 1, interruptions: 0});
    expect(result.spot.taskHours.toString()).toBe('2');
    const vcpu = result.profile.series.findIndex((s) => s.purchase === 'spot' && s.key === 'linux-arm64-vcpu');
    expect(profileTotals(result.profile)[vcpu]).toBe(1024n * 2n * BigInt(HOUR));
    expect(historyJson(result).assumptions.warnings).toContain(
      '1 Fargate Spot task (2 task-hours) not priced: the catalog has no Fargate Spot rate for linux-arm64-vcpu in us-west-2; its usage is counted, what it cost on Spot is unknown (run "fargate-cost prices refresh --source public --regions us-west-2", which needs no AWS account, or pass --catalog with those rates)',
    );
    // Without the option the task is left out, as before.
    expect(bill(records).tasks.reasons).toEqual({'no-rate': 1});
  });

  it('counts a task seen twice once', () => {
    const stopped = ran(T0, HOUR);
    const result = bill([stopped, {...stopped}, {...stopped, version: 9}]);
    expect(result.tasks.billed).toBe(1);
    expect(result.records).toMatchObject({read: 3, duplicates: 2});
    expect(result.billed.cost.toString()).toBe(SMALL);
  });

  it('keeps the latest state of a task: RUNNING then STOPPED bills the stopped run', () => {
    const arn = 'arn:aws:ecs:us-east-1:123456789012:task/prod/latest-state';
    const result = bill([
      running(T0, {taskArn: arn, version: 3}),
      ran(T0, 2 * HOUR, {taskArn: arn, version: 5}),
      // A stale RUNNING event arriving after the STOPPED one changes nothing.
      running(T0, {taskArn: arn, version: 4}),
    ]);
    expect(result.tasks).toMatchObject({billed: 1, running: 0});
    expect(result.records).toMatchObject({read: 3, updates: 2, duplicates: 0});
    expect(result.billed.taskHours.toString()).toBe('2');
  });

  it('keeps the highest version of a task that never stopped, whatever the order', () => {
    const arn = 'arn:aws:ecs:us-east-1:123456789012:task/prod/out-of-order';
    const pulled = running(T0, {taskArn: arn, version: 3});
    const provisioning = running(T0, {
      taskArn: arn,
      version: 1,
      pullStartedAtMs: undefined,
      lastStatus: 'PROVISIONING',
    });
    for (const order of [
      [pulled, provisioning],
      [provisioning, pulled],
    ]) {
      const result = bill(order, {asOfMs: T0 + HOUR});
      expect(result.tasks).toMatchObject({billed: 1, running: 1});
    }
  });

  it('orders same-version observations by updatedAt', () => {
    const arn = 'arn:aws:ecs:us-east-1:123456789012:task/prod/updated';
    const later = running(T0, {taskArn: arn, version: 2, updatedAtMs: T0 + 5000});
    const earlier = running(T0, {taskArn: arn, version: 2, updatedAtMs: T0, pullStartedAtMs: undefined});
    expect(bill([later, earlier], {asOfMs: T0 + HOUR}).tasks.billed).toBe(1);
    expect(bill([earlier, later], {asOfMs: T0 + HOUR}).tasks.billed).toBe(1);
  });

  it('fills what the final record lacks from the earlier observation', () => {
    const arn = 'arn:aws:ecs:us-east-1:123456789012:task/prod/fill';
    const result = bill([
      running(T0, {taskArn: arn, cpuUnits: 1024, memoryMiB: 2048}),
      ran(T0, HOUR, {taskArn: arn, cpuUnits: undefined, memoryMiB: undefined}),
    ]);
    expect(result.billed.cost.toString()).toBe('0.04937');
  });

  it('bills only the --service services when asked', () => {
    const result = bill(
      [
        ran(T0, HOUR, {group: 'service:web'}),
        ran(T0, HOUR, {group: 'service:api'}),
        ran(T0, HOUR, {group: 'family:batch'}),
      ],
      {services: ['web']},
    );
    expect(result.tasks).toMatchObject({billed: 1, reasons: {'other-service': 2}});
  });

  it('remembers billed tasks in 16 to 32 bytes each', () => {
    const aggregator = createHistoryAggregator({catalog: embeddedCatalog(), now: NOW, asOfMs: NOW.getTime()});
    for (let i = 0; i < 5000; i++) aggregator.add(ran(T0 + i * 1000, 60_000));
    expect(aggregator.fingerprintBytes / 5000).toBeGreaterThanOrEqual(8);
    expect(aggregator.fingerprintBytes / 5000).toBeLessThanOrEqual(32);
    expect(aggregator.pendingCount).toBe(0);
    expect(aggregator.finish().tasks.billed).toBe(5000);
  });
});

describe('history billing: the window', () => {
  it('keeps the part of a run inside --from/--to', () => {
    const result = bill([ran(T0 + HOUR / 2, 2 * HOUR)], {fromMs: T0 + HOUR, toMs: T0 + 2 * HOUR});
    expect(result.billed.taskHours.toString()).toBe('1');
    expect(result.billed.cost.toString()).toBe(SMALL);
    expect(result.window).toMatchObject({fromMs: T0 + HOUR, toMs: T0 + 2 * HOUR});
    expect(result.window?.hours.toString()).toBe('1');
  });

  it('counts a minimum in the seconds right after the pull started', () => {
    // A 20 s task pulled 10 s before --from: its billed minute is [-10 s, +50 s): 50 s fall in the window.
    const result = bill([ran(T0 + HOUR - 10_000, 20_000)], {fromMs: T0 + HOUR});
    expect(result.billed.cost.eq(costOf(SMALL, 50))).toBe(true);
    expect(result.top[0]).toMatchObject({billedMs: 60_000, billedMsInWindow: 50_000});
    const before = bill([ran(T0 + HOUR - 10_000, 20_000)], {toMs: T0 + HOUR});
    expect(before.billed.cost.eq(costOf(SMALL, 10))).toBe(true);
  });

  it('counts runs billed entirely outside the window', () => {
    const result = bill([ran(T0, 60_000), ran(T0 + 5 * HOUR, 60_000)], {fromMs: T0 + HOUR, toMs: T0 + 2 * HOUR});
    expect(result.tasks).toMatchObject({billed: 0, excluded: 2, reasons: {'outside-window': 2}});
    expect(result.projection).toBeNull();
    expect(result.hourly).toHaveLength(1);
  });

  it('adds up: two adjacent windows bill what their union bills (property)', () => {
    const arbitraryTask = fc.record({
      startS: fc.integer({min: 0, max: 3 * 24 * 3600}),
      lengthMs: fc.integer({min: 0, max: 10 * 3_600_000}),
      windows: fc.boolean(),
      spot: fc.boolean(),
      storage: fc.constantFrom(20, 21, 60),
    });
    fc.assert(
      fc.property(
        fc.array(arbitraryTask, {minLength: 1, maxLength: 12}),
        fc.integer({min: 0, max: 3 * 24 * 3600 * 1000}),
        (specs, splitMs) => {
          const records = specs.map((spec) =>
            ran(T0 + spec.startS * 1000 + (spec.startS % 997), spec.lengthMs, {
              os: spec.windows ? 'windows' : 'linux',
              cpuUnits: spec.windows ? 1024 : 256,
              memoryMiB: spec.windows ? 2048 : 512,
              capacityProvider: spec.spot && !spec.windows ? 'FARGATE_SPOT' : 'FARGATE',
              storageGiB: spec.storage,
            }),
          );
          const from = T0 - HOUR;
          const to = T0 + 5 * 24 * HOUR;
          const split = T0 + splitMs;
          const whole = bill(records, {fromMs: from, toMs: to});
          const left = bill(records, {fromMs: from, toMs: split});
          const right = bill(records, {fromMs: split, toMs: to});
          // Usage is exact integers: equal. Costs are 50-digit decimals: equal to the last digits.
          const usage = (result: HistoryResult) => {
            const totals = profileTotals(result.profile);
            return Object.fromEntries(
              result.profile.series.map((s, i) => [`${s.region}|${s.key}|${s.purchase}`, totals[i]!]),
            );
          };
          const u = usage(whole);
          const l = usage(left);
          const r = usage(right);
          for (const key of new Set([...Object.keys(u), ...Object.keys(l), ...Object.keys(r)]))
            expect((l[key] ?? 0n) + (r[key] ?? 0n)).toBe(u[key] ?? 0n);
          expect(close(left.billed.cost.plus(right.billed.cost), whole.billed.cost)).toBe(true);
          expect(
            left.billed.taskHours.plus(right.billed.taskHours).minus(whole.billed.taskHours).abs().lt('1e-40'),
          ).toBe(true);
        },
      ),
      {numRuns: 60},
    );
  });
});

describe('history result: breakdowns', () => {
  const history = () => [
    ran(T0, HOUR, {group: 'service:web', taskDefinition: 'web:1', cluster: 'prod'}),
    ran(T0 + HOUR, HOUR, {
      group: 'service:web',
      taskDefinition: 'web:2',
      cluster: 'prod',
      capacityProvider: 'FARGATE_SPOT',
    }),
    ran(T0 + 23 * HOUR, 2 * HOUR, {
      group: 'family:report',
      taskDefinition: 'report:3',
      cluster: 'batch',
      cpuUnits: 1024,
      memoryMiB: 2048,
    }),
    ran(T0, HOUR, {
      group: 'service:web',
      taskDefinition: 'web:1',
      cluster: 'prod',
      region: 'ap-northeast-1',
      taskArn: 'arn:aws:ecs:ap-northeast-1:1:task/prod/x',
    }),
  ];

  it('groups by ECS group with its kind, costliest first, shares adding to one', () => {
    const result = bill(history());
    expect(result.groups.map((row) => [row.key, row.kind, row.tasks, row.cost.toString()])).toEqual([
      ['family:report', 'batch', 1, '0.09874'],
      ['service:web', 'service', 3, '0.0316773125'],
    ]);
    expect(close(sum(result.groups.map((row) => row.share)), new D(1))).toBe(true);
    expect(close(sum(result.groups.map((row) => row.cost)), result.billed.cost)).toBe(true);
  });

  it.each([
    ['service', ['(not a service)', 'web']],
    ['family', ['report', 'web']],
    ['cluster', ['batch', 'prod']],
    ['option', ['on-demand', 'spot']],
    ['region', ['ap-northeast-1', 'us-east-1']],
    ['task-definition', ['report:3', 'web:1', 'web:2']],
    ['day', ['2026-11-02', '2026-11-03']],
    ['group', ['family:report', 'service:web']],
  ] as const)('groups by %s', (groupBy, keys) => {
    const result = bill(history(), {groupBy});
    expect(result.groupBy).toBe(groupBy);
    expect(result.groups.map((row) => row.key).sort()).toEqual(keys);
    expect(close(sum(result.groups.map((row) => row.cost)), result.billed.cost)).toBe(true);
  });

  it('covers every --group-by choice', () => {
    expect([...GROUP_BY].sort()).toEqual([
      'cluster',
      'day',
      'family',
      'group',
      'option',
      'region',
      'service',
      'task-definition',
    ]);
  });

  it('splits a run over UTC days, counting it on the day it started', () => {
    const result = bill([ran(T0 + 23 * HOUR, 2 * HOUR, {cpuUnits: 1024, memoryMiB: 2048})]);
    expect(result.byDay.map((row) => [row.key, row.tasks, row.taskHours.toString(), row.cost.toString()])).toEqual([
      ['2026-11-02', 1, '1', '0.04937'],
      ['2026-11-03', 0, '1', '0.04937'],
    ]);
  });

  it('counts a running task on the day its billed interval starts, and the days add up to the total', () => {
    const asOfMs = T0 + 2 * 86_400_000;
    const result = bill([running(T0), running(T0 + 30 * HOUR), ran(T0 + 31 * HOUR, HOUR)], {asOfMs});
    expect(result.byDay.map((row) => [row.key, row.tasks, row.running])).toEqual([
      ['2026-11-02', 1, 1],
      ['2026-11-03', 2, 1],
    ]);
    expect(result.byDay.reduce((sum, row) => sum + row.running, 0)).toBe(result.tasks.running);
  });

  it('lists the costliest runs, exactly ordered, ties by start then ARN', () => {
    const result = bill(
      [
        ran(T0, HOUR, {taskArn: 'arn:aws:ecs:us-east-1:1:task/prod/b'}),
        ran(T0, HOUR, {taskArn: 'arn:aws:ecs:us-east-1:1:task/prod/a'}),
        ran(T0 - 1000, HOUR, {taskArn: 'arn:aws:ecs:us-east-1:1:task/prod/c'}),
        ran(T0, HOUR + 1000, {taskArn: 'arn:aws:ecs:us-east-1:1:task/prod/d'}),
        ran(T0, HOUR, {taskArn: 'arn:aws:ecs:us-east-1:1:task/prod/spot', capacityProvider: 'FARGATE_SPOT'}),
        ran(T0, 10 * HOUR, {taskArn: 'arn:aws:ecs:us-east-1:1:task/prod/big', cpuUnits: 4096, memoryMiB: 8192}),
      ],
      {top: 4},
    );
    expect(result.top.map((t) => t.taskArn.split('/').pop())).toEqual(['big', 'd', 'c', 'a']);
    expect(result.top[0]!.cost.toString()).toBe('1.9748');
    expect(result.top[1]!.cost.eq(costOf(SMALL, 3601))).toBe(true);
    expect(bill([ran(T0, HOUR)], {top: 0}).top).toEqual([]);
  });

  it('keeps the top N exact among a stream of near-equal costs', () => {
    // Costs differing by one millisecond of 0.25 vCPU: the float pre-filter must not drop any.
    const records = Array.from({length: 200}, (_, i) =>
      ran(T0, HOUR + ((i * 7919) % 200) * 1000, {taskArn: `arn:aws:ecs:us-east-1:1:task/prod/t${i}`}),
    );
    const result = bill(records, {top: 5});
    const expected = records
      .map((r) => ({arn: r.taskArn, ms: r.stoppedAtMs! - r.pullStartedAtMs!}))
      .sort((a, b) => b.ms - a.ms || (a.arn < b.arn ? -1 : 1))
      .slice(0, 5)
      .map((r) => r.arn);
    expect(result.top.map((t) => t.taskArn)).toEqual(expected);
  });
});

describe('history result: hourly profile', () => {
  it('splits usage by clock hour and keeps idle hours, dense over the window', () => {
    const result = bill([ran(T0 + HOUR - 30_000, 120_000), ran(T0 + 4 * HOUR, HOUR)]);
    expect(result.profile.series).toEqual([
      {region: 'us-east-1', key: 'linux-x86_64-vcpu', purchase: 'on-demand'},
      {region: 'us-east-1', key: 'linux-x86_64-memory', purchase: 'on-demand'},
    ]);
    expect(result.profile.hours.map((hour) => (hour.startMs - T0) / HOUR)).toEqual([0, 1, 2, 3, 4]);
    // 256 units x 30 s, then 256 x 90 s; idle; a whole hour.
    expect(result.profile.hours.map((hour) => hour.unitMs[0])).toEqual([
      256n * 30_000n,
      256n * 90_000n,
      0n,
      0n,
      256n * 3_600_000n,
    ]);
    expect(result.hourly.map((hour) => hour.options.map((o) => [o.purchase, o.taskHours.toString()]))).toEqual([
      [['on-demand', '0.0083333333333333333333333333333333333333333333333333']],
      [['on-demand', '0.025']],
      [['on-demand', '0']],
      [['on-demand', '0']],
      [['on-demand', '1']],
    ]);
    expect(result.hourly[4]!.options[0]!.cost.toString()).toBe(SMALL);
  });

  it('reports Spot hours at their cost and at the On-Demand equivalent', () => {
    const result = bill([ran(T0, HOUR, {capacityProvider: 'FARGATE_SPOT'}), ran(T0, HOUR)]);
    expect(result.hourly[0]!.options.map((o) => [o.purchase, o.cost.toString(), o.onDemandCost.toString()])).toEqual([
      ['on-demand', SMALL, SMALL],
      ['spot', SMALL_SPOT, SMALL],
    ]);
  });

  it('spans the --from/--to window even where nothing ran', () => {
    const result = bill([ran(T0 + 2 * HOUR, HOUR)], {fromMs: T0, toMs: T0 + 6 * HOUR, asOfMs: T0 + 24 * HOUR});
    expect(result.profile.hours).toHaveLength(6);
    expect(result.window?.hours.toString()).toBe('6');
    expect(close(result.projection!.monthlyCost, new D(SMALL).div(6).times(730))).toBe(true);
  });

  it('does not count hours after the as-of time when --to is later', () => {
    const result = bill([running(T0)], {fromMs: T0, toMs: T0 + 48 * HOUR, asOfMs: T0 + 10 * HOUR});
    expect(result.window?.hours.toString()).toBe('10');
    expect(result.profile.hours).toHaveLength(10);
  });
});

describe('history result: projection and statistics', () => {
  it('projects the window spend rate to a 730-hour month, and prices the usage per purchase option', () => {
    const result = bill([ran(T0, 2 * HOUR), ran(T0, 2 * HOUR, {capacityProvider: 'FARGATE_SPOT'})]);
    const projection = result.projection!;
    expect(projection.windowHours.toString()).toBe('2');
    expect(projection.monthlyCost.toString()).toBe(new D(SMALL).plus(SMALL_SPOT).times(730).toString());
    const onDemand = projection.options.find((option) => option.id === 'on-demand')!;
    const spot = projection.options.find((option) => option.id === 'spot')!;
    // Both tasks' usage, scaled to 730 h, all at On-Demand / all at Spot rates.
    expect(onDemand.monthlyCost!.toFixed(20)).toBe(new D(SMALL).times(2 * 730).toFixed(20));
    expect(spot.monthlyCost!.toFixed(20)).toBe(new D(SMALL_SPOT).times(2 * 730).toFixed(20));
    expect(projection.options.filter((option) => option.commitmentPerHour !== null)).toHaveLength(6);
  });

  it('warns that a short window is stretched to a month', () => {
    expect(historyJson(bill([ran(T0, 60_000)])).assumptions.warnings.join('\n')).toContain(
      'the window is only 0.02 hours',
    );
  });

  it('says a window of one hour is "1 hour"', () => {
    const result = bill([ran(T0, HOUR)]);
    expect(historyJson(result).assumptions.warnings).toContain(
      'the window is only 1 hour: the projection stretches it to a 730-hour month',
    );
    expect(historyJson(result).assumptions.notes.join('\n')).toContain(
      "projection: the window's spend rate over 1 hour times a 730-hour month;",
    );
    expect(historyJson(bill([ran(T0, 2 * HOUR)])).assumptions.warnings).toContain(
      'the window is only 2 hours: the projection stretches it to a 730-hour month',
    );
  });

  it('prices the steady state of services at their desired count and strategy', () => {
    const result = bill(
      [
        ran(T0, HOUR, {group: 'service:web', taskDefinition: 'web:2', cpuUnits: 1024, memoryMiB: 2048}),
        ran(T0, HOUR, {group: 'service:web', taskDefinition: 'web:1'}),
      ],
      {},
      {
        services: [
          {
            name: 'web',
            arn: undefined,
            region: 'us-east-1',
            desiredCount: 3,
            strategy: [
              {provider: 'FARGATE', base: 1, weight: 0},
              {provider: 'FARGATE_SPOT', base: 0, weight: 1},
            ],
            launchType: undefined,
            taskDefinition: 'arn:aws:ecs:us-east-1:1:task-definition/web:2',
          },
          {
            name: 'idle',
            arn: undefined,
            region: 'us-east-1',
            desiredCount: 2,
            strategy: [{provider: 'FARGATE', base: 0, weight: 1}],
            launchType: 'FARGATE',
            taskDefinition: undefined,
          },
        ],
      },
    );
    const steady = result.projection!.steadyState!;
    const [web, idle] = steady.services;
    expect(web).toMatchObject({
      gap: null,
      onDemandTasks: 1,
      spotTasks: 2,
      size: {cpuUnits: 1024, memoryMiB: 2048},
    });
    // 1 x 0.04937 + 2 x (0.01288871 + 2 x 0.00141527) = 0.04937 + 0.0314385 an hour, x 730.
    expect(web!.monthlyCost!.toString()).toBe('58.990205');
    expect(idle).toMatchObject({gap: {kind: 'no-task'}, monthlyCost: null});
    expect(steady.monthlyCost.toString()).toBe('58.990205');
    expect(result.components.find((c) => c.key === 'service:web')?.service?.desiredCount).toBe(3);
  });

  it('counts Spot interruptions and Spot task-hours, and the mean image pull', () => {
    const result = bill([
      ran(T0, HOUR, {capacityProvider: 'FARGATE_SPOT', stopCode: 'SpotInterruption', pullStoppedAtMs: T0 + 10_000}),
      ran(T0, HOUR, {capacityProvider: 'FARGATE_SPOT', stopCode: 'TerminationNotice', pullStoppedAtMs: T0 + 20_000}),
      ran(T0, HOUR, {capacityProvider: 'FARGATE_SPOT', stopCode: 'EssentialContainerExited'}),
      ran(T0, HOUR, {stopCode: 'SpotInterruption'}),
    ]);
    expect(result.spot).toMatchObject({tasks: 3, interruptions: 2});
    expect(result.spot.taskHours.toString()).toBe('3');
    expect(result.spot.unitMs).toBe(3n * (256n + 512n) * 3_600_000n);
    expect(result.imagePull).toMatchObject({tasks: 2, totalMs: 30_000});
    expect(result.imagePull.meanSeconds?.toString()).toBe('15');
  });

  it('describes each ECS group for compare, with its own profile when asked', () => {
    const records = [
      ran(T0, 10 * 60_000, {group: 'family:report', taskDefinition: 'report:1'}),
      ran(T0 + 2 * HOUR, 20 * 60_000, {
        group: 'family:report',
        taskDefinition: 'report:2',
        cpuUnits: 1024,
        memoryMiB: 2048,
      }),
      ran(T0, HOUR, {group: 'service:web', capacityProvider: 'FARGATE_SPOT'}),
    ];
    const withoutProfiles = bill(records);
    expect(withoutProfiles.components.every((c) => c.profile === null && c.perTaskHour === null)).toBe(true);
    const result = bill(records, {componentProfiles: true});
    const report = result.components.find((c) => c.key === 'family:report')!;
    expect(report).toMatchObject({
      name: 'report',
      kind: 'batch',
      tasks: 2,
      sizes: 2,
      latest: {size: {cpuUnits: 1024, memoryMiB: 2048}, taskDefinition: 'report:2'},
    });
    expect(report.meanRunSeconds?.toString()).toBe('900');
    expect(report.profile!.hours).toHaveLength(result.profile.hours.length);
    expect(report.perTaskHour).toEqual(
      report.profile!.series.map((s) => (s.key.endsWith('vcpu') ? 1024n : 2048n) * 3_600_000n),
    );
    const web = result.components.find((c) => c.key === 'service:web')!;
    expect(web.kind).toBe('service');
    expect(web.taskHours.spot.toString()).toBe('1');
    expect(web.taskHours.onDemand.toString()).toBe('0');
    // The groups' profiles add up to the whole history's.
    const merged = profileTotals(result.profile);
    const parts = result.components.map((c) => profileTotals(c.profile!));
    expect(parts.flat().reduce((a, b) => a + b, 0n)).toBe(merged.reduce((a, b) => a + b, 0n));
  });

  it('names the catalog and warns when it is stale', () => {
    const stale = bill([ran(T0, HOUR)], {now: new Date('2027-06-01T00:00:00Z')});
    expect(stale.assumptions.catalog.stale).toBe(true);
    expect(historyJson(stale).assumptions.warnings.join('\n')).toMatch(/price catalog is \d+ days old/);
    expect(bill([ran(T0, HOUR)]).assumptions.catalog.stale).toBe(false);
  });

  it('returns an empty result for an empty history', () => {
    const result = bill([]);
    expect(result.tasks).toEqual({billed: 0, running: 0, excluded: 0, reasons: {}});
    expect(result.billed.cost.toString()).toBe('0');
    expect(result.window).toBeNull();
    expect(result.projection).toBeNull();
    expect(result.profile).toEqual({series: [], hours: []});
  });

  it('prices with the catalog it is given (each region at its own rates)', () => {
    const catalog = editedCatalog((json) => {
      json.regions['us-east-1']!.onDemand['linux-x86_64-vcpu']!.price = '0.05';
    });
    const aggregator = createHistoryAggregator({catalog, now: NOW, asOfMs: NOW.getTime()});
    aggregator.add(ran(T0, HOUR));
    aggregator.add(ran(T0, HOUR, {region: 'ap-northeast-1'}));
    const result = aggregator.finish();
    expect(result.groups[0]!.cost.toString()).toBe(new D('0.0125').plus('0.0022225').plus('0.015405').toString());
  });
});
