import {describe, expect, it} from 'vitest';
import {historyJson} from '../../src/report/history.js';
import {bill, HOUR, NOW, ran, running, T0, task} from './history-fixtures.js';

/** Records no real task could have are left out, each with its reason, never billed. */

describe('history: records that cannot be a Fargate run', () => {
  it('leaves out a stop before its start, instead of billing the minimum', () => {
    const result = bill([ran(T0, HOUR), task({pullStartedAtMs: T0 + HOUR, stoppedAtMs: T0})]);
    expect(result.tasks).toMatchObject({billed: 1, excluded: 1, reasons: {'stop-before-start': 1}});
  });

  it('leaves out a size Fargate does not offer: a 20-digit cpu, a memory off the table, Windows at 0.25 vCPU', () => {
    const result = bill([
      ran(T0, HOUR),
      ran(T0, HOUR, {cpuUnits: 1e19, memoryMiB: 2048}),
      ran(T0, HOUR, {cpuUnits: 1024, memoryMiB: 3000}),
      ran(T0, HOUR, {cpuUnits: 256, memoryMiB: 512, os: 'windows'}),
      ran(T0, HOUR, {storageGiB: 500}),
    ]);
    expect(result.tasks).toMatchObject({billed: 1, excluded: 4, reasons: {'invalid-size': 4}});
    expect(result.billed.cost.toString()).toBe('0.0123425');
  });

  it('leaves out times before Fargate existed or over a year after the as-of time, and spends no memory on them', () => {
    const yearOne = -62_135_596_800_000; // 0001-01-01T00:00:00Z
    const result = bill([
      ran(T0, HOUR),
      running(yearOne), // would run for 2,025 years up to the as-of time
      ran(yearOne, HOUR),
      ran(T0, 0, {stoppedAtMs: Date.UTC(2999, 0, 1)}),
    ]);
    expect(result.tasks).toMatchObject({billed: 1, excluded: 3, reasons: {'impossible-time': 3}});
    expect(result.profile.hours.length).toBe(1);
  });

  it('bills a task with startedAt but no pullStartedAt from startedAt, and says its cost is a lower bound', () => {
    const result = bill([task({pullStartedAtMs: undefined, startedAtMs: T0, stoppedAtMs: T0 + HOUR})]);
    expect(result.tasks).toMatchObject({billed: 1, excluded: 0});
    expect(result.billed.cost.toString()).toBe('0.0123425');
    expect(historyJson(result).assumptions.warnings).toContain(
      '1 task without pullStartedAt is billed from startedAt: its cost is a lower bound (the image pull before the start is billed too)',
    );
    // Without either, it never started: nothing is billed.
    expect(bill([task({pullStartedAtMs: undefined, startedAtMs: undefined})]).tasks.reasons).toEqual({
      'never-started': 1,
    });
  });

  it('keeps a running task that started just before the as-of time', () => {
    expect(bill([running(NOW.getTime() - 30_000)]).tasks.billed).toBe(1);
  });
});
