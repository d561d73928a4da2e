import {billableSeconds} from '../billing/billable.js';
import {forEachClockHour} from '../billing/clock-hours.js';
import {usageRatesOf} from '../billing/usage.js';
import {D, dec, type Dec, MS_PER_HOUR} from '../money/decimal.js';
import {toDec} from '../money/exact.js';
import type {ProfileHour, UsageProfile, UsageSeries} from '../model/profile.js';
import type {WorkloadShape} from '../model/schedule.js';
import type {TaskSize} from '../model/types.js';
import type {TaskSplit} from '../model/strategy.js';

/**
 * Hourly profiles for estimated workloads, so Savings Plans can be sized against the same hours a
 * real history would show. The profile is one month long (730 hours unless --month says otherwise)
 * and starts at hour 0 = 00:00 UTC; monthly figures then need no scaling.
 *
 * - always on: `count` tasks every hour;
 * - a schedule: the month's runs (runs a month, rounded to a whole number) start evenly spaced from
 *   hour 0, each billed as `estimate` bills it (rounded up to the second, the OS minimum); a run
 *   that passes the end of the month wraps to its start, as in a steady month;
 * - autoscaling: a task count per UTC hour of the day, the same every day: `--min` outside the peak
 *   hours and `--max` within them (`--peak-hours 9-17`, the default, is 09:00 to 17:00 UTC), or
 *   24 counts given with `--shape`.
 */

export interface WorkloadProfileRequest {
  readonly size: TaskSize;
  readonly region: string;
  readonly shape: WorkloadShape;
  readonly monthHours: number;
  /** How many of n tasks run on FARGATE and on FARGATE_SPOT; all On-Demand by default. */
  readonly split?: (tasks: number) => TaskSplit;
}

export interface WorkloadProfile {
  readonly profile: UsageProfile;
  /** Usage one task adds in a full hour, aligned with the profile's series (On-Demand and Spot alike). */
  readonly perTaskHour: readonly bigint[];
  readonly onDemandTaskHours: Dec;
  readonly spotTaskHours: Dec;
  /** Schedules: runs placed in the month and billed seconds per run. */
  readonly runs: number | null;
  readonly billedSecondsPerRun: number | null;
  /** Highest and lowest task count in any hour (from the shape; schedules: concurrent runs). */
  readonly minTasks: number;
  readonly maxTasks: number;
}

const HOURS_PER_DAY = 24;

const allOnDemand = (tasks: number): TaskSplit => ({onDemand: tasks, spot: 0});

/** Builds the month profile of one task size under a workload shape. */
export function workloadProfile(request: WorkloadProfileRequest): WorkloadProfile {
  const {size, region, shape, monthHours} = request;
  // One split per task count: a strategy's split takes time in the count, and an always-on month has one count.
  const splits = new Map<number, TaskSplit>();
  const split = (tasks: number): TaskSplit => {
    let found = splits.get(tasks);
    if (found === undefined) {
      found = (request.split ?? allOnDemand)(tasks);
      splits.set(tasks, found);
    }
    return found;
  };
  const onDemandMs: bigint[] = Array.from({length: monthHours}, () => 0n);
  const spotMs: bigint[] = Array.from({length: monthHours}, () => 0n);
  const counts: number[] = Array.from({length: monthHours}, () => 0);
  let runs: number | null = null;
  let billedSecondsPerRun: number | null = null;

  if (shape.kind === 'schedule') {
    billedSecondsPerRun = billableSeconds(shape.durationMs, size.os);
    runs = Math.max(1, Number(toDec(shape.runsPerMonth).toDecimalPlaces(0, D.ROUND_HALF_UP).toFixed(0)));
    const monthMs = monthHours * MS_PER_HOUR;
    const billedMs = billedSecondsPerRun * 1000;
    const {onDemand, spot} = split(shape.count);
    const activeMs: bigint[] = Array.from({length: monthHours}, () => 0n);
    for (let k = 0; k < runs; k++) {
      let start = Number((BigInt(k) * BigInt(monthMs)) / BigInt(runs));
      let left = billedMs;
      while (left > 0) {
        const length = Math.min(left, monthMs - start);
        forEachClockHour(start, start + length, (hour, ms) => {
          onDemandMs[hour]! += BigInt(onDemand * ms);
          spotMs[hour]! += BigInt(spot * ms);
          activeMs[hour]! += BigInt(ms);
        });
        left -= length;
        start = 0;
      }
    }
    // Concurrent runs in an hour, rounded up: how many tasks a floor or a peak would need.
    activeMs.forEach((ms, hour) => {
      counts[hour] = Number((ms + BigInt(MS_PER_HOUR) - 1n) / BigInt(MS_PER_HOUR)) * shape.count;
    });
  } else {
    for (let hour = 0; hour < monthHours; hour++) {
      const tasks = shape.kind === 'always-on' ? shape.count : shape.countsByHour[hour % HOURS_PER_DAY]!;
      const {onDemand, spot} = split(tasks);
      onDemandMs[hour] = BigInt(onDemand) * BigInt(MS_PER_HOUR);
      spotMs[hour] = BigInt(spot) * BigInt(MS_PER_HOUR);
      counts[hour] = tasks;
    }
  }

  const rates = usageRatesOf(size);
  const anySpot = spotMs.some((ms) => ms > 0n);
  const series: UsageSeries[] = [
    ...rates.map((rate) => ({region, key: rate.key, purchase: 'on-demand' as const})),
    ...(anySpot ? rates.map((rate) => ({region, key: rate.key, purchase: 'spot' as const})) : []),
  ];
  const hours: ProfileHour[] = onDemandMs.map((ms, hour) => ({
    startMs: hour * MS_PER_HOUR,
    unitMs: [
      ...rates.map((rate) => BigInt(rate.units) * ms),
      ...(anySpot ? rates.map((rate) => BigInt(rate.units) * spotMs[hour]!) : []),
    ],
  }));
  const perTaskHour = [...rates, ...(anySpot ? rates : [])].map((rate) => BigInt(rate.units) * BigInt(MS_PER_HOUR));
  const taskHours = (ms: readonly bigint[]) => dec(ms.reduce((a, b) => a + b, 0n)).div(MS_PER_HOUR);
  return {
    profile: {series, hours},
    perTaskHour,
    onDemandTaskHours: taskHours(onDemandMs),
    spotTaskHours: taskHours(spotMs),
    runs,
    billedSecondsPerRun,
    minTasks: Math.min(...counts),
    maxTasks: Math.max(...counts),
  };
}

export type {WorkloadShape};
