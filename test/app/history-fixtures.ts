import {
  createHistoryAggregator,
  type HistoryFinishInput,
  type HistoryOptions,
  type HistoryResult,
} from '../../src/app/history.js';
import {D, type Dec} from '../../src/money/decimal.js';
import type {TaskRecord} from '../../src/model/task-record.js';
import {embeddedCatalog} from '../helpers/catalog.js';

/** Builders for task records and a one-call way to bill them, shared by the history tests. */

export const T0 = Date.parse('2026-11-02T00:00:00Z');
export const HOUR = 3_600_000;
export const NOW = new Date('2026-11-24T12:00:00Z');

let counter = 0;

/** A stopped Fargate Linux x86 task, 0.25 vCPU / 0.5 GB in us-east-1, pulled at T0 for 20 s, unless overridden. */
export function task(overrides: Partial<TaskRecord> = {}): TaskRecord {
  counter++;
  return {
    taskArn: `arn:aws:ecs:us-east-1:123456789012:task/prod/${counter.toString(16).padStart(32, '0')}`,
    region: 'us-east-1',
    cluster: 'prod',
    group: 'service:web',
    taskDefinition: 'web:1',
    launchType: 'FARGATE',
    capacityProvider: undefined,
    cpuUnits: 256,
    memoryMiB: 512,
    storageGiB: 20,
    arch: 'x86_64',
    os: 'linux',
    lastStatus: 'STOPPED',
    stopCode: undefined,
    version: undefined,
    updatedAtMs: undefined,
    pullStartedAtMs: T0,
    pullStoppedAtMs: undefined,
    startedAtMs: undefined,
    executionStoppedAtMs: undefined,
    stoppedAtMs: T0 + 20_000,
    ...overrides,
  };
}

/** A task that ran from `startMs` for `ms` milliseconds and stopped. */
export function ran(startMs: number, ms: number, overrides: Partial<TaskRecord> = {}): TaskRecord {
  return task({pullStartedAtMs: startMs, stoppedAtMs: startMs + ms, ...overrides});
}

/** A task still running (no stop time), pulled at `startMs`. */
export function running(startMs: number, overrides: Partial<TaskRecord> = {}): TaskRecord {
  return task({pullStartedAtMs: startMs, stoppedAtMs: undefined, lastStatus: 'RUNNING', ...overrides});
}

export function bill(
  records: readonly TaskRecord[],
  options: Partial<HistoryOptions> = {},
  finish: HistoryFinishInput = {},
): HistoryResult {
  const aggregator = createHistoryAggregator({catalog: embeddedCatalog(), now: NOW, asOfMs: NOW.getTime(), ...options});
  for (const record of records) aggregator.add(record);
  return aggregator.finish(finish);
}

/** Hand-summed hourly rate (dollars an hour for the task) times seconds. */
export function costOf(hourlyRate: string, seconds: number | string): Dec {
  return new D(hourlyRate).times(seconds).div(3600);
}

/** Equal to within the last digits of 50-digit arithmetic. */
export function close(a: Dec, b: Dec, tolerance = '1e-40'): boolean {
  return a.minus(b).abs().lte(tolerance);
}
