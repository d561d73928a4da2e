/**
 * `explore --cluster C --watch`: the watch's refreshes against the loopback fake ECS (the real SDK
 * client, reached through AWS_ENDPOINT_URL_ECS), billed by liveSnapshot. Every figure is worked by
 * hand from the embedded catalog's us-east-1 rates:
 *
 *   On-Demand Linux/x86: 0.04048 a vCPU-hour, 0.004445 a GB-hour
 *     0.25 vCPU, 0.5 GB: 0.01012 + 0.0022225       = 0.0123425 an hour
 *     0.5 vCPU, 1 GB:    0.02024 + 0.004445        = 0.024685 an hour
 *   Spot Linux/x86: 0.01288871 a vCPU-hour, 0.00141527 a GB-hour
 *     0.25 vCPU, 0.5 GB: 0.0032221775 + 0.000707635 = 0.0039298125 an hour
 */
import {ConfiguredRetryStrategy} from '@smithy/core/retry';
import {describe, expect, it} from 'vitest';
import {liveSnapshot, monthStartOf} from '../../../src/app/live.js';
import {UserError} from '../../../src/errors.js';
import {isThrottledError} from '../../../src/sources/aws/errors.js';
import {createLiveWatch} from '../../../src/sources/ecs/live-watch.js';
import {embeddedCatalog} from '../../helpers/catalog.js';
import {fakeEcsPerTest, stoppedWireTask, wireTask} from './fake-ecs.js';

const at = (iso: string) => Date.parse(iso) / 1000;

/** A task pulled at `pull` (ISO), running, or stopped at `stop`. */
function task(
  index: number,
  pull: string,
  options: {stop?: string; spot?: boolean; cpu?: string; memory?: string} = {},
) {
  const pulled = at(pull);
  const overrides = {
    createdAt: pulled - 10,
    pullStartedAt: pulled,
    pullStoppedAt: pulled + 5,
    startedAt: pulled + 8,
    capacityProviderName: options.spot ? 'FARGATE_SPOT' : 'FARGATE',
    ...(options.cpu ? {cpu: options.cpu, memory: options.memory} : {}),
  };
  if (options.stop === undefined) return wireTask(index, overrides);
  const stopped = at(options.stop);
  return stoppedWireTask(index, {
    ...overrides,
    executionStoppedAt: stopped - 2,
    stoppingAt: stopped - 5,
    stoppedAt: stopped,
    version: 5,
  });
}

const A_RUNNING = task(1, '2026-11-02T00:00:00Z');
const A_STOPPED = task(1, '2026-11-02T00:00:00Z', {stop: '2026-11-02T02:15:00Z'});
const B_SPOT = task(2, '2026-11-02T01:00:00Z', {spot: true});
/** Started last month: the month bills it from 2026-11-01 00:00 on. */
const C_SINCE_OCTOBER = task(3, '2026-10-31T23:00:00Z');
/** Stopped before the watch began, still listed by ECS: 1800 s billed. */
const S_STOPPED = task(4, '2026-11-02T00:30:00Z', {stop: '2026-11-02T01:00:00Z'});
/** Starts between the two refreshes, twice the size. */
const D_NEW = task(5, '2026-11-02T02:06:00Z', {cpu: '512', memory: '1024'});

const arn = (wire: Record<string, unknown>) => wire['taskArn'] as string;
const T1 = Date.UTC(2026, 10, 2, 2, 0, 0);
const T2 = Date.UTC(2026, 10, 2, 2, 30, 0);

/** The SDK's own retries, without their waits (the test must not sleep): two attempts in all. */
const aws = {clientConfig: {retryStrategy: new ConfiguredRetryStrategy(2, () => 0)}};

describe('watching a cluster live', () => {
  const serve = fakeEcsPerTest();

  it('two refreshes: the second describes only the task that started and the one that stopped; figures exact', async () => {
    const server = await serve({tasks: [A_RUNNING, B_SPOT, C_SINCE_OCTOBER, S_STOPPED]});
    const watch = createLiveWatch({cluster: 'prod', aws});
    expect(watch.region).toBe('us-east-1');
    const catalog = embeddedCatalog();

    const first = await watch.refresh();
    expect([first.listed, first.described, first.records.length]).toEqual([4, 4, 4]);
    const one = liveSnapshot(first.records, {catalog, nowMs: T1});
    // Running: A and C On-Demand (0.0123425 each), B on Spot (0.0039298125).
    expect([one.running, one.spotRunning, one.unpriced]).toEqual([3, 1, 0]);
    expect(one.perHour.toString()).toBe('0.0286148125');
    expect(one.onDemandPerHour.toString()).toBe('0.0370275');
    // Month so far: A 2 h (0.024685), B 1 h Spot (0.0039298125), S 0.5 h (0.00617125), C 26 h since
    // 2026-11-01 00:00 (0.320905).
    expect(one.monthSoFar.toString()).toBe('0.3556910625');
    expect(one.monthTasks).toBe(4);
    expect([one.monthStartMs, one.billedFromMs]).toEqual([Date.UTC(2026, 10, 1), Date.UTC(2026, 10, 1)]);
    // Without C, the first instant billed this month is A's pull (2026-11-02 00:00), not the month's start.
    const withoutC = first.records.filter((record) => record.taskArn !== arn(C_SINCE_OCTOBER));
    expect(liveSnapshot(withoutC, {catalog, nowMs: T1}).billedFromMs).toBe(Date.UTC(2026, 10, 2));
    expect(one.rows.map((row) => [row.group, row.purchase, row.running, row.perHour.toString()])).toEqual([
      ['service:web', 'on-demand', 2, '0.024685'],
      ['service:web', 'spot', 1, '0.0039298125'],
    ]);

    // Between the refreshes A stops at 02:15 and D (0.5 vCPU, 1 GB) starts at 02:06.
    server.setTasks([A_STOPPED, B_SPOT, C_SINCE_OCTOBER, S_STOPPED, D_NEW]);
    const describedBefore = server.calls('DescribeTasks').length;
    const second = await watch.refresh();
    const described = server
      .calls('DescribeTasks')
      .slice(describedBefore)
      .flatMap((call) => call.body.tasks as string[]);
    expect(described.sort()).toEqual([arn(A_STOPPED), arn(D_NEW)].sort());
    expect([second.listed, second.described, second.records.length]).toEqual([5, 2, 5]);

    const two = liveSnapshot(second.records, {catalog, nowMs: T2});
    // Running: C 0.0123425, B 0.0039298125 (Spot), D 0.024685.
    expect([two.running, two.spotRunning]).toEqual([3, 1]);
    expect(two.perHour.toString()).toBe('0.0409573125');
    expect(two.onDemandPerHour.toString()).toBe('0.04937');
    // A 2.25 h (0.027770625), B 1.5 h Spot (0.00589471875), S (0.00617125), C 26.5 h (0.32707625),
    // D 0.4 h (0.009874).
    expect(two.monthSoFar.toString()).toBe('0.37678684375');
    expect(two.monthTasks).toBe(5);
    expect(two.rows.map((row) => [row.size.cpuUnits, row.purchase, row.running, row.perHour.toString()])).toEqual([
      [512, 'on-demand', 1, '0.024685'],
      [256, 'on-demand', 1, '0.0123425'],
      [256, 'spot', 1, '0.0039298125'],
    ]);

    // A third refresh with nothing changed describes nothing.
    const third = await watch.refresh();
    expect(third.described).toBe(0);
  });

  it('a throttled refresh fails as throttled, with AWS words in one line; the watch keeps what it knew', async () => {
    let throttle = false;
    await serve({
      tasks: [A_RUNNING, S_STOPPED],
      fail: () => (throttle ? {status: 400, type: 'ThrottlingException', message: 'Rate exceeded'} : undefined),
    });
    const watch = createLiveWatch({cluster: 'prod', aws});
    const first = await watch.refresh();
    expect(first.records).toHaveLength(2);
    throttle = true;
    const error = await watch.refresh().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe('AWS throttled ecs:ListTasks after 2 attempts: Rate exceeded');
    expect(isThrottledError(error)).toBe(true);
    throttle = false;
    const again = await watch.refresh();
    // Nothing changed: nothing to describe, the two tasks still known.
    expect([again.described, again.records.length]).toEqual([0, 2]);
  });

  it('the month starts at 00:00 UTC on the 1st', () => {
    expect(monthStartOf(Date.UTC(2026, 11, 31, 23, 59, 59, 999))).toBe(Date.UTC(2026, 11, 1));
    expect(monthStartOf(Date.UTC(2026, 0, 1))).toBe(Date.UTC(2026, 0, 1));
  });
});
