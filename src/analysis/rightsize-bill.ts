import {classifyLine, scaledAmount, taskArnParts} from '../billing/bill.js';
import {BILL_SCALE, type BillLine} from '../model/bill.js';
import type {UsageSample} from '../model/rightsize.js';
import type {Arch, Os} from '../model/types.js';
import {isFargateSize} from '../sizing/sizes.js';

/**
 * Rightsizing from the bill: a CUR 2.0 export with split cost allocation data. Per Fargate task and
 * clock hour the bill has, for vCPU and for memory, the reserved usage R (line_item_usage_amount:
 * vCPU-hours or GB-hours, summed over the hour's Usage and SavingsPlanCoveredUsage lines) and the
 * used A (split_line_item_actual_usage, summed the same way). A / R is the task's average use over
 * the part of the hour it ran.
 *
 * The bill does not name the task's size, but a task that ran a whole clock hour reserved exactly its
 * size in it; a task billed in three clock hours or more ran its middle ones whole, so its size is its
 * largest hourly R (vCPU x 1024 = CPU units, GB x 1024 = MiB), when that is a Fargate size. A task
 * billed in one or two clock hours may have run none whole (half an hour of 1 vCPU / 2 GB bills as
 * 0.5 vCPU / 1 GB, itself a size), so its size is unknown and its hours are skipped, as are those of
 * a task whose largest hour is not a Fargate size.
 *
 * Each task-hour is then one sample: cpuUtilized = size x A / R (CPU units), memoryUtilized the same
 * in MiB, the reservation the size, `tasks` R / size (the share of the hour it ran). Samples are named
 * by the service (the `aws:ecs:serviceName` tag) or else the cluster (the task ARN's), as `history
 * BILL` groups the bill. Pure: the lines come in as values.
 */

const SCALE = 10n ** BigInt(BILL_SCALE);
const MS_PER_HOUR = 3_600_000;

/** What was skipped, in task-hours (a task-hour has a vCPU and a memory line; counted once). */
export interface BillSampleSkips {
  /** Task-hours of tasks whose size cannot be told (too few clock hours, or not a Fargate size). */
  'unknown-size': number;
  /** Task-hours without split_line_item_actual_usage (an export without split cost allocation data). */
  'no-actual-usage': number;
  /** Task-hours on another OS or architecture than the one rightsized. */
  'other-platform': number;
}

interface Hour {
  reservedCpu: bigint;
  usedCpu: bigint;
  reservedMemory: bigint;
  usedMemory: bigint;
  /** Whether every vCPU and memory line of the hour had an actual usage. */
  actual: boolean;
}

interface Task {
  readonly arn: string;
  readonly region: string | null;
  readonly cluster: string;
  service: string | null;
  os: Os;
  arch: Arch;
  readonly hours: Map<number, Hour>;
}

export interface BillSamples {
  readonly samples: UsageSample[];
  readonly skipped: BillSampleSkips;
  /** Task-hours read (kept and skipped). */
  readonly taskHours: number;
  /** Fargate vCPU and memory lines with split_line_item_actual_usage: none when the export has no split cost allocation data. */
  readonly actualLines: number;
}

/** Gathers a bill's Fargate vCPU and memory lines per task and hour; `finish` turns them into samples. */
export function createBillSampler(platform: {readonly os: Os; readonly arch: Arch}) {
  const tasks = new Map<string, Task>();
  let actualLines = 0;
  const add = (line: BillLine): void => {
    const cls = classifyLine(line);
    if (cls.kind !== 'usage') return;
    const resource = cls.usage.resource;
    if (resource !== 'vcpu' && resource !== 'memory') return;
    const arn = line.resourceId;
    const parts = arn === null ? null : taskArnParts(arn);
    if (arn === null || parts === null || !Number.isFinite(line.startMs)) return;
    const reserved = scaledAmount(line.usageAmount);
    if (reserved === null || reserved < 0n) return;
    const used = scaledAmount(line.actualUsage);
    let task = tasks.get(arn);
    if (task === undefined) {
      const [os, arch] = cls.usage.key.split('-') as [Os, Arch];
      task = {
        arn,
        region: line.region || parts.region,
        cluster: parts.cluster ?? 'default',
        service: null,
        os,
        arch,
        hours: new Map(),
      };
      tasks.set(arn, task);
    }
    if (line.service) task.service = line.service;
    const hourIndex = Math.floor(line.startMs / MS_PER_HOUR);
    let hour = task.hours.get(hourIndex);
    if (hour === undefined) {
      hour = {reservedCpu: 0n, usedCpu: 0n, reservedMemory: 0n, usedMemory: 0n, actual: true};
      task.hours.set(hourIndex, hour);
    }
    if (used === null || used < 0n) hour.actual = false;
    else actualLines++;
    if (resource === 'vcpu') {
      hour.reservedCpu += reserved;
      hour.usedCpu += used ?? 0n;
    } else {
      hour.reservedMemory += reserved;
      hour.usedMemory += used ?? 0n;
    }
  };

  const finish = (): BillSamples => {
    const samples: UsageSample[] = [];
    const skipped: BillSampleSkips = {'unknown-size': 0, 'no-actual-usage': 0, 'other-platform': 0};
    let taskHours = 0;
    const ordered = [...tasks.values()].sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
    for (const task of ordered) {
      const hours = [...task.hours.entries()].sort((a, b) => a[0] - b[0]);
      taskHours += hours.length;
      if (task.os !== platform.os || task.arch !== platform.arch) {
        skipped['other-platform'] += hours.length;
        continue;
      }
      const size = sizeOf(hours);
      if (size === null) {
        skipped['unknown-size'] += hours.length;
        continue;
      }
      const taskId = task.arn.slice(task.arn.lastIndexOf('/') + 1);
      for (const [index, hour] of hours) {
        if (!hour.actual || hour.reservedCpu === 0n || hour.reservedMemory === 0n) {
          skipped['no-actual-usage']++;
          continue;
        }
        samples.push({
          region: task.region,
          cluster: task.cluster,
          service: task.service,
          family: null,
          taskId,
          timestampMs: index * MS_PER_HOUR,
          cpuUtilized: share(size.cpu, hour.usedCpu, hour.reservedCpu),
          cpuReserved: size.cpu,
          memoryUtilized: share(size.memory, hour.usedMemory, hour.reservedMemory),
          memoryReserved: size.memory,
          tasks: share(1, hour.reservedCpu * 1024n, BigInt(size.cpu) * SCALE),
        });
      }
    }
    return {samples, skipped, taskHours, actualLines};
  };
  return {add, finish};
}

/** of x used / reserved, as a float (a measurement), from exact integers. */
function share(of: number, used: bigint, reserved: bigint): number {
  // Six decimal places of the ratio are kept exact before the float.
  const millionths = (BigInt(of) * used * 1_000_000n * 2n + reserved) / (reserved * 2n);
  return Number(millionths) / 1_000_000;
}

/**
 * A task's size: its largest hourly reservation, in CPU units and MiB, when it was billed in three
 * clock hours or more (so one was whole) and that is a Fargate size; else null.
 */
function sizeOf(hours: readonly (readonly [number, Hour])[]): {cpu: number; memory: number} | null {
  if (hours.length < 3 || hours[hours.length - 1]![0] - hours[0]![0] < 2) return null;
  let cpu = 0n;
  let memory = 0n;
  for (const [, hour] of hours) {
    if (hour.reservedCpu > cpu) cpu = hour.reservedCpu;
    if (hour.reservedMemory > memory) memory = hour.reservedMemory;
  }
  // vCPU-hours x 1024 = CPU units, GB-hours x 1024 = MiB, when whole.
  if ((cpu * 1024n) % SCALE !== 0n || (memory * 1024n) % SCALE !== 0n) return null;
  const size = {cpu: Number((cpu * 1024n) / SCALE), memory: Number((memory * 1024n) / SCALE)};
  return isFargateSize({cpuUnits: size.cpu, memoryMiB: size.memory, storageGiB: 20}, 'linux') ? size : null;
}
