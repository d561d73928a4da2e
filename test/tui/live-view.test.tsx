/**
 * The Live view (`explore --cluster C --watch`) over the loopback fake ECS, on an injected clock and
 * timer: no real waiting. Figures by hand in test/sources/ecs/live-watch.test.ts (same tasks).
 */
import {ConfiguredRetryStrategy} from '@smithy/core/retry';
import {cleanup, render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {exploreLive, parseWatchInterval} from '../../src/cli/commands/explore-action.js';
import {App} from '../../src/tui/App.js';
import {initialStateFor} from '../../src/tui/state/estimate-select.js';
import {initialLiveState, type LiveClock, liveReducer, refreshDelay} from '../../src/tui/state/live.js';
import {fakeEcsPerTest, stoppedWireTask, wireTask} from '../sources/ecs/fake-ecs.js';
import {setupFor} from './fixtures.js';
import {KEY, textOf, waitFor, waitForInput, waitForText} from './helpers/ink.js';

const at = (iso: string) => Date.parse(iso) / 1000;
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
  return stoppedWireTask(index, {...overrides, executionStoppedAt: stopped - 2, stoppedAt: stopped, version: 5});
}

const A = task(1, '2026-11-02T00:00:00Z');
const A_STOPPED = task(1, '2026-11-02T00:00:00Z', {stop: '2026-11-02T02:15:00Z'});
const B_SPOT = task(2, '2026-11-02T01:00:00Z', {spot: true});
const C = task(3, '2026-10-31T23:00:00Z');
const S = task(4, '2026-11-02T00:30:00Z', {stop: '2026-11-02T01:00:00Z'});
const D = task(5, '2026-11-02T02:06:00Z', {cpu: '512', memory: '1024'});

/** A clock the test sets, and a timer that fires only when the test says. */
function testClock(startMs: number) {
  let now = startMs;
  let pending: {run: () => void; ms: number} | undefined;
  const clock: LiveClock = {
    now: () => now,
    setTimer: (run, ms) => {
      pending = {run, ms};
      return pending;
    },
    clearTimer: () => {
      pending = undefined;
    },
  };
  return {
    clock,
    set: (ms: number) => {
      now = ms;
    },
    /** The delay the app asked for before its next refresh, then that refresh started. */
    fire: () => {
      const due = pending;
      if (!due) throw new Error('no refresh is due');
      pending = undefined;
      due.run();
      return due.ms;
    },
    get due() {
      return pending?.ms;
    },
  };
}

const noWait = {retryStrategy: new ConfiguredRetryStrategy(2, () => 0)};

afterEach(() => cleanup());

describe('explore --watch: the Live view', () => {
  const serve = fakeEcsPerTest();

  it('refreshes on the timer: a task starts and one stops; a throttled refresh keeps the figures and backs off', async () => {
    let throttle = false;
    const server = await serve({
      tasks: [A, B_SPOT, C, S],
      fail: () => (throttle ? {status: 400, type: 'ThrottlingException', message: 'Rate exceeded'} : undefined),
    });
    const time = testClock(Date.UTC(2026, 10, 2, 2, 0, 0));
    const live = {...(await exploreLive({cluster: 'prod'}, {env: process.env}, 30_000, noWait)), clock: time.clock};
    const setup = setupFor();
    const app = render(
      <App
        estimate={setup}
        initialEstimate={initialStateFor(setup)}
        live={live}
        colors={false}
        size={{columns: 120, rows: 40}}
      />,
    );
    // The first refresh loads the SDK: more time than a frame takes.
    await waitFor(() => textOf(app.lastFrame()).includes('Now '), 'the first refresh', 20_000);
    let frame = textOf(app.lastFrame());
    expect(frame).toMatch(/ Live {2}.*Estimate.*Compare/);
    expect(frame).toContain('Cluster prod (us-east-1) · live, every 30s');
    expect(frame).toContain('Now      3 running (1 Spot) · $0.0286148125/h (On-Demand $0.0370275/h)');
    expect(frame).toContain('Month    $0.36 so far · 4 tasks billed since 2026-11-01 00:00 UTC');
    expect(frame).toContain('Refresh  last 02:00:00 UTC · next 02:00:30 UTC · 4 listed, 4 described');
    expect(frame).toMatch(/service:web\s+2\s+0\.25 vCPU, 0\.5 GB\s+On-Demand\s+Linux\/X86_64\s+\$0\.024685\n/);
    expect(frame).toMatch(/service:web\s+1\s+0\.25 vCPU, 0\.5 GB\s+Spot\s+Linux\/X86_64\s+\$0\.0039298125\n/);
    await waitFor(() => time.due !== undefined, 'the next refresh to be scheduled');

    // 02:30: A stopped at 02:15, D (0.5 vCPU, 1 GB) started at 02:06.
    server.setTasks([A_STOPPED, B_SPOT, C, S, D]);
    time.set(Date.UTC(2026, 10, 2, 2, 30, 0));
    expect(time.fire()).toBe(30_000);
    frame = await waitForText(app, 'last 02:30:00 UTC');
    expect(frame).toContain('Now      3 running (1 Spot) · $0.0409573125/h (On-Demand $0.04937/h)');
    expect(frame).toContain('Month    $0.38 so far · 5 tasks billed since 2026-11-01 00:00 UTC');
    expect(frame).toContain('5 listed, 2 described');

    // 03:00: AWS throttles every call; the SDK's two attempts fail. The 02:30 figures stay, the error shows,
    // and the next refresh waits two intervals.
    throttle = true;
    await waitFor(() => time.due !== undefined, 'the next refresh to be scheduled');
    time.set(Date.UTC(2026, 10, 2, 3, 0, 0));
    time.fire();
    frame = await waitForText(app, '! refresh failed');
    expect(frame).toContain(
      '! refresh failed at 03:00:00 UTC, showing the last figures: AWS throttled ecs:ListTasks after 2 attempts: Rate exceeded',
    );
    expect(frame).toContain('$0.0409573125/h');
    expect(frame).toContain('Refresh  last 02:30:00 UTC · next 03:01:00 UTC, backed off to 1m');
    expect(time.due).toBe(60_000);

    // The keys were never blocked: Tab moves on while the watch waits, and back.
    await waitForInput(app);
    app.stdin.write(KEY.tab);
    await waitFor(
      () => /Estimate /.test(textOf(app.lastFrame())) && !textOf(app.lastFrame()).includes('Refresh  last'),
      'the Estimate view',
    );

    // Throttled again: four intervals; then a refresh that works clears the error and the back-off.
    time.set(Date.UTC(2026, 10, 2, 3, 1, 0));
    time.fire();
    await waitFor(() => time.due === 120_000, 'a back-off of four intervals');
    throttle = false;
    time.set(Date.UTC(2026, 10, 2, 3, 3, 0));
    time.fire();
    await waitFor(() => time.due === 30_000, 'the interval again');
    app.stdin.write(KEY.shiftTab);
    frame = await waitForText(app, 'last 03:03:00 UTC');
    expect(frame).not.toContain('refresh failed');
    expect(frame).toContain('5 listed, 0 described');
  });
});

describe('the watch state and its interval', () => {
  it('backs off while throttled, at most 8 intervals; any other failure retries after one', () => {
    expect([0, 1, 2, 3, 4, 10].map((n) => refreshDelay(30_000, n))).toEqual([
      30_000, 60_000, 120_000, 240_000, 240_000, 240_000,
    ]);
    let state = initialLiveState(10_000);
    state = liveReducer(state, {type: 'refresh-failed', nowMs: 1_000, message: 'x', throttled: true});
    expect([state.throttles, state.nextMs]).toEqual([1, 21_000]);
    state = liveReducer(state, {type: 'refresh-failed', nowMs: 2_000, message: 'network', throttled: false});
    expect([state.throttles, state.nextMs, state.error]).toEqual([0, 12_000, 'network']);
  });

  it('--watch takes 30s, 2m or seconds, from 5s to 60m; 30s alone', () => {
    expect([true, '30s', '2m', '45', '5s', '60m'].map((value) => parseWatchInterval(value))).toEqual([
      30_000, 30_000, 120_000, 45_000, 5_000, 3_600_000,
    ]);
    expect(parseWatchInterval(undefined)).toBeUndefined();
    for (const bad of ['4s', '0', '61m', '1h', 'data/', '-5s', '']) {
      expect(() => parseWatchInterval(bad), bad).toThrow(/is not an interval from 5s to 60m/);
    }
  });
});
