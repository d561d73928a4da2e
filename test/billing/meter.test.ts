import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {historyResult} from '../../src/app/history.js';
import {createMeter, type MeterOptions, type MeterState, mergeMeterStates} from '../../src/billing/meter.js';
import type {TaskRecord} from '../../src/model/task-record.js';
import {historyJson} from '../../src/report/history.js';
import {HOUR, NOW, T0, task} from '../app/history-fixtures.js';
import {embeddedCatalog} from '../helpers/catalog.js';

/** Observations of a few tasks: starts, stops, running ones, Spot, duplicates and out-of-order updates. */
const observations = fc
  .array(
    fc.record({
      task: fc.integer({min: 0, max: 11}),
      startMinute: fc.integer({min: -90, max: 3 * 24 * 60}),
      minutes: fc.integer({min: 0, max: 30 * 60}),
      seconds: fc.integer({min: 0, max: 59_999}),
      stopped: fc.boolean(),
      spot: fc.boolean(),
      size: fc.constantFrom([256, 512], [1024, 2048], [2048, 8192]),
      group: fc.constantFrom('service:web', 'service:api', 'family:nightly', undefined),
      version: fc.integer({min: 1, max: 5}),
      interrupted: fc.boolean(),
    }),
    {maxLength: 40},
  )
  .map((items) =>
    items.map((item): TaskRecord => {
      const start = T0 + item.startMinute * 60_000;
      return task({
        taskArn: `arn:aws:ecs:us-east-1:123456789012:task/prod/${String(item.task).padStart(32, '0')}`,
        group: item.group,
        capacityProvider: item.spot ? 'FARGATE_SPOT' : 'FARGATE',
        cpuUnits: item.size[0],
        memoryMiB: item.size[1],
        pullStartedAtMs: start,
        pullStoppedAtMs: start + 12_000,
        stoppedAtMs: item.stopped ? start + item.minutes * 60_000 + item.seconds : undefined,
        lastStatus: item.stopped ? 'STOPPED' : 'RUNNING',
        stopCode: item.stopped && item.interrupted ? 'SpotInterruption' : undefined,
        version: item.version,
      });
    }),
  );

const OPTIONS: MeterOptions = {
  asOfMs: T0 + 4 * 24 * HOUR,
  fromMs: T0,
  toMs: T0 + 3 * 24 * HOUR,
  top: 3,
  keepRuns: true,
};

function meter(records: readonly {record: TaskRecord; position: number}[], options = OPTIONS): MeterState {
  const m = createMeter(options);
  for (const {record, position} of records) m.add(record, position);
  return m.finish();
}

describe('the meter', () => {
  it('merges two meters over inputs that share no task into exactly one meter over all of them', () => {
    fc.assert(
      fc.property(observations, fc.func(fc.boolean()), (records, side) => {
        const all = records.map((record, position) => ({record, position}));
        const left = all.filter(({record}) => side(record.taskArn));
        const right = all.filter(({record}) => !side(record.taskArn));
        const whole = meter(all);
        const merged = mergeMeterStates(meter(left), meter(right), OPTIONS.top!);
        expect(merged).toEqual(whole);
        // And so does everything priced from it.
        const options = {catalog: embeddedCatalog(), now: NOW, asOfMs: OPTIONS.asOfMs, top: 3, keepRuns: true};
        expect(historyJson(historyResult(merged, options))).toEqual(historyJson(historyResult(whole, options)));
      }),
      {numRuns: 300},
    );
  });

  it('merges in either order', () => {
    fc.assert(
      fc.property(observations, fc.func(fc.boolean()), (records, side) => {
        const all = records.map((record, position) => ({record, position}));
        const left = meter(all.filter(({record}) => side(record.taskArn)));
        const right = meter(all.filter(({record}) => !side(record.taskArn)));
        expect(mergeMeterStates(right, left, 3)).toEqual(mergeMeterStates(left, right, 3));
      }),
      {numRuns: 100},
    );
  });

  it('bills a task once, from its first final record completed by its newest earlier one', () => {
    const arn = 'arn:aws:ecs:us-east-1:123456789012:task/prod/0123456789abcdef0123456789abcdef';
    const running = task({
      taskArn: arn,
      lastStatus: 'RUNNING',
      stoppedAtMs: undefined,
      pullStartedAtMs: T0,
      version: 2,
    });
    const older = task({
      taskArn: arn,
      lastStatus: 'PROVISIONING',
      stoppedAtMs: undefined,
      pullStartedAtMs: undefined,
      version: 1,
    });
    // The final record lacks the pull start: it is taken from the RUNNING observation.
    const stopped = task({taskArn: arn, pullStartedAtMs: undefined, stoppedAtMs: T0 + 90_000, version: 3});
    const again = task({taskArn: arn, stoppedAtMs: T0 + 5 * HOUR, version: 4});
    const state = meter([running, older, stopped, again].map((record, position) => ({record, position})));
    expect(state.classes).toHaveLength(1);
    expect([...state.classes[0]!.hourMs]).toEqual([[T0 / HOUR, 90_000]]);
    expect({read: state.read, updates: state.updates, duplicates: state.duplicates}).toEqual({
      read: 4,
      updates: 2,
      duplicates: 1,
    });
  });

  it('counts the tasks billed so far: each stopped task once as it stops, the running ones at the end', () => {
    const arn = (i: number) => `arn:aws:ecs:us-east-1:123456789012:task/prod/${String(i).padStart(32, '0')}`;
    const m = createMeter(OPTIONS);
    m.add(task({taskArn: arn(1), lastStatus: 'RUNNING', stoppedAtMs: undefined, version: 1}));
    expect(m.billedCount).toBe(0);
    m.add(task({taskArn: arn(1), stoppedAtMs: T0 + HOUR, version: 2}));
    m.add(task({taskArn: arn(1), stoppedAtMs: T0 + HOUR, version: 2}));
    m.add(task({taskArn: arn(2), stoppedAtMs: T0 + HOUR}));
    // Not billed (before Fargate): not counted.
    m.add(task({taskArn: arn(3), pullStartedAtMs: Date.UTC(2001, 0, 1), stoppedAtMs: Date.UTC(2001, 0, 2)}));
    m.add(task({taskArn: arn(4), lastStatus: 'RUNNING', stoppedAtMs: undefined}));
    expect(m.billedCount).toBe(2);
    const state = m.finish();
    expect(m.billedCount).toBe(3);
    expect(state.classes.reduce((sum, cls) => sum + cls.tasks, 0)).toBe(3);
  });
});
