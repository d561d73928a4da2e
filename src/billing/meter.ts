import {MS_PER_HOUR} from '../money/decimal.js';
import type {Purchase} from '../model/profile.js';
import {
  type ExclusionReason,
  familyOf,
  type GroupKind,
  kindOfGroup,
  SPOT_INTERRUPTION_STOP_CODES,
  type TaskRecord,
} from '../model/task-record.js';
import {MIN_BILLED_SECONDS, type TaskSize} from '../model/types.js';
import {isFargateSize} from '../sizing/sizes.js';
import {billableSeconds} from './billable.js';
import {clipInterval, forEachClockHour} from './clock-hours.js';
import {createDeduper} from './dedupe.js';

/**
 * The meter: task records in, billed usage out, with no price anywhere.
 *
 * A task is billed from `pullStartedAt` to `stoppedAt` (else `executionStoppedAt`), rounded up to the
 * whole second, at least the OS minimum; a task still running is billed for its time so far, up to the
 * as-of time (the minimum at least). Its billed interval is [pullStartedAt, pullStartedAt + billed
 * time): the minimum extends the interval after the start, and `fromMs`/`toMs` clip that interval, so
 * the bills of adjacent windows add up to the bill of their union.
 *
 * Usage is kept per size class (everything that prices a run the same way: group, task definition,
 * cluster, region, purchase, size) as whole billed milliseconds per clock hour; a class's usage of a
 * dimension is its per-millisecond units times those milliseconds (`usage.ts`), exact.
 *
 * The finished state is mergeable: meters over inputs that share no task merge (`mergeMeterStates`)
 * into exactly the state of one meter over all of them. `history` uses that to meter on every core,
 * each worker taking the tasks whose ARNs hash to it. Positions order the classes and runs as one
 * meter reading the whole input would have: they increase through the input (a record's source and
 * line), and a running task, billed when the input ends, takes the place of its first record after
 * every position.
 */

export interface MeterOptions {
  /** Running tasks are billed up to this instant (epoch ms). */
  readonly asOfMs: number;
  readonly fromMs?: number | undefined;
  readonly toMs?: number | undefined;
  /** Bill only these services' tasks (`service:<name>` groups). */
  readonly services?: readonly string[] | undefined;
  /** Region for tasks whose ARNs do not name one. */
  readonly fallbackRegion?: string | undefined;
  /** Keep each class's `top` longest runs in the window (the costliest runs are among them). */
  readonly top?: number | undefined;
  /** Keep every billed run (the terminal UI lists a group's runs). Memory then grows with the tasks. */
  readonly keepRuns?: boolean | undefined;
}

/** One billed run: what the run lists and the costliest-runs table show; priced by its class. */
export interface BilledRun {
  readonly taskArn: string;
  /** `MeteredClass.key` of the run's class. */
  readonly classKey: string;
  readonly position: number;
  readonly pullStartedAtMs: number;
  readonly stoppedAtMs: number | null;
  readonly running: boolean;
  /** Whole seconds once stopped (the minimum applied); the time so far while running. */
  readonly billedMs: number;
  /** Of the billed interval, inside the window. */
  readonly billedMsInWindow: number;
  readonly stopCode: string | null;
}

/** The usage of one size class. */
export interface MeteredClass {
  readonly key: string;
  readonly group: string;
  readonly kind: GroupKind;
  readonly taskDefinition: string | undefined;
  readonly cluster: string | undefined;
  readonly region: string;
  readonly purchase: Purchase;
  readonly size: TaskSize;
  /** The position of the first run billed in the class. */
  position: number;
  /** Billed milliseconds per clock hour, keyed by the hour's number since the epoch. */
  readonly hourMs: Map<number, number>;
  /** Runs whose billed interval (in the window) starts in the hour. */
  readonly hourStarts: Map<number, number>;
  /** Of those, the runs still running. */
  readonly hourRunningStarts: Map<number, number>;
  tasks: number;
  running: number;
  completedRuns: number;
  /** Billed milliseconds of the completed runs, unclipped. */
  completedBilledMs: number;
  interruptions: number;
  latestStartMs: number;
  /** The first and last billed instant in the window. */
  minStartMs: number;
  maxEndMs: number;
  /** Runs billed from startedAt because their record has no pullStartedAt: their bill is a lower bound. */
  fromStartedAt: number;
  /** Runs whose image pull time is known, and its sum. */
  pullTasks: number;
  pullMs: number;
  /** The longest runs in the window (at most `MeterOptions.top`): longest first, then earliest, then by ARN. */
  top: BilledRun[];
}

export interface MeterState {
  /** By position. */
  readonly classes: readonly MeteredClass[];
  /** Every billed run by position, with `keepRuns`; null otherwise. */
  readonly runs: readonly BilledRun[] | null;
  readonly read: number;
  readonly updates: number;
  readonly duplicates: number;
  readonly excluded: ReadonlyMap<ExclusionReason, number>;
  /** The newest instant any record mentions: where the history ends (-Infinity when none). */
  readonly latestSeenMs: number;
}

export interface Meter {
  /** Meters a record; `position` increases through the input (default: the count of records read). */
  add(record: TaskRecord, position?: number): void;
  /** Bills the tasks still running and returns the state. */
  finish(): MeterState;
  /** Tasks held until their final record (what bounds memory besides the classes). */
  readonly pendingCount: number;
  readonly fingerprintBytes: number;
  /** Tasks billed so far: those seen stopped (the running ones are billed by `finish`). */
  readonly billedCount: number;
}

/** Fargate launched on 2017-11-29: no task ran before. */
export const FARGATE_LAUNCH_MS = Date.UTC(2017, 10, 29);
const YEAR_MS = 366 * 86_400_000;

/**
 * A time a task could have: not before Fargate existed, not over a year after the as-of time. Bad
 * years (0001, 2999) would otherwise stretch the hourly profile over centuries.
 */
function possible(ms: number, asOfMs: number): boolean {
  return ms >= FARGATE_LAUNCH_MS && ms <= asOfMs + YEAR_MS;
}

/** Positions of running tasks billed when the input ends come after every record's position. */
export const END_OF_INPUT = 2 ** 52;

/** Longest in the window first; ties: earlier start, then ARN, so the order never depends on input order. */
export function longerRun(a: BilledRun, b: BilledRun): boolean {
  if (a.billedMsInWindow !== b.billedMsInWindow) return a.billedMsInWindow > b.billedMsInWindow;
  if (a.pullStartedAtMs !== b.pullStartedAtMs) return a.pullStartedAtMs < b.pullStartedAtMs;
  return a.taskArn < b.taskArn;
}

/** Inserts `run` into `list` (kept sorted by `before`, at most `limit` long). */
export function keepTop<T>(list: T[], run: T, limit: number, before: (a: T, b: T) => boolean): void {
  if (limit === 0 || (list.length === limit && !before(run, list[list.length - 1]!))) return;
  let i = list.length;
  while (i > 0 && before(run, list[i - 1]!)) i--;
  list.splice(i, 0, run);
  if (list.length > limit) list.pop();
}

function newClass(key: string, record: TaskRecord, region: string, purchase: Purchase, position: number): MeteredClass {
  const family = familyOf(record.taskDefinition);
  const group = record.group ?? (family ? `family:${family}` : '(no group)');
  return {
    key,
    group,
    kind: kindOfGroup(group),
    taskDefinition: record.taskDefinition,
    cluster: record.cluster,
    region,
    purchase,
    size: {
      cpuUnits: record.cpuUnits!,
      memoryMiB: record.memoryMiB!,
      storageGiB: record.storageGiB,
      arch: record.arch,
      os: record.os,
    },
    position,
    hourMs: new Map(),
    hourStarts: new Map(),
    hourRunningStarts: new Map(),
    tasks: 0,
    running: 0,
    completedRuns: 0,
    completedBilledMs: 0,
    interruptions: 0,
    latestStartMs: -Infinity,
    minStartMs: Infinity,
    maxEndMs: -Infinity,
    fromStartedAt: 0,
    pullTasks: 0,
    pullMs: 0,
    top: [],
  };
}

export function createMeter(options: MeterOptions): Meter {
  return new HistoryMeter(options);
}

/** The billed interval of a task's latest record, or why it is not billed. */
interface Billing {
  readonly region: string;
  readonly purchase: Purchase;
  readonly startMs: number;
  readonly stopMs: number;
  readonly running: boolean;
  readonly billedMs: number;
  readonly clipped: {readonly startMs: number; readonly endMs: number};
  readonly fromStartedAt: boolean;
}

class HistoryMeter implements Meter {
  private readonly topLimit: number;
  private readonly serviceFilter: ReadonlySet<string> | undefined;
  private readonly deduper = createDeduper();
  /** Two levels, to keep the per-task key short: the names, then the size and purchase packed into one number. */
  private readonly classes = new Map<string, Map<number | string, MeteredClass>>();
  private readonly excluded = new Map<ExclusionReason, number>();
  private readonly runs: BilledRun[] | null;
  private read = 0;
  private billed = 0;
  private latestSeenMs = -Infinity;

  constructor(private readonly options: MeterOptions) {
    this.topLimit = Math.max(0, options.top ?? 0);
    this.serviceFilter =
      options.services && options.services.length > 0
        ? new Set(options.services.map((name) => `service:${name}`))
        : undefined;
    this.runs = options.keepRuns ? [] : null;
  }

  add(record: TaskRecord, position = this.read): void {
    this.read++;
    const seenMs = Math.max(
      record.stoppedAtMs ?? -Infinity,
      record.updatedAtMs ?? -Infinity,
      record.startedAtMs ?? -Infinity,
      record.pullStartedAtMs ?? -Infinity,
    );
    if (seenMs > this.latestSeenMs) this.latestSeenMs = seenMs;
    const final = this.deduper.add(record, position);
    if (final !== undefined) this.settle(final, true, position);
  }

  finish(): MeterState {
    // Tasks never seen stopped are running: billed up to the as-of time (or to executionStoppedAt).
    for (const task of this.deduper.pending()) this.settle(task.record, false, END_OF_INPUT + task.position);
    const all = [...this.classes.values()].flatMap((bySize) => [...bySize.values()]);
    return {
      classes: all.sort((a, b) => a.position - b.position),
      runs: this.runs === null ? null : this.runs.sort((a, b) => a.position - b.position),
      read: this.read,
      updates: this.deduper.updates,
      duplicates: this.deduper.duplicates,
      excluded: this.excluded,
      latestSeenMs: this.latestSeenMs,
    };
  }

  get pendingCount(): number {
    return this.deduper.pendingCount;
  }

  get fingerprintBytes(): number {
    return this.deduper.fingerprintBytes;
  }

  get billedCount(): number {
    return this.billed;
  }

  private exclude(reason: ExclusionReason): void {
    this.excluded.set(reason, (this.excluded.get(reason) ?? 0) + 1);
  }

  /** Bills a task (or counts why not) from its latest record. `final`: the task has stopped. */
  private settle(record: TaskRecord, final: boolean, position: number): void {
    const billing = this.billingOf(record, final);
    if (typeof billing === 'string') return this.exclude(billing);
    const target = this.classFor(record, billing.region, billing.purchase, position);
    const {clipped, running, startMs} = billing;
    const hourMs = target.hourMs;
    const firstHour = Math.floor(clipped.startMs / MS_PER_HOUR);
    target.hourStarts.set(firstHour, (target.hourStarts.get(firstHour) ?? 0) + 1);
    forEachClockHour(clipped.startMs, clipped.endMs, (hour, ms) => hourMs.set(hour, (hourMs.get(hour) ?? 0) + ms));
    target.tasks++;
    this.billed++;
    if (billing.fromStartedAt) target.fromStartedAt++;
    if (running) {
      target.running++;
      target.hourRunningStarts.set(firstHour, (target.hourRunningStarts.get(firstHour) ?? 0) + 1);
    } else {
      target.completedRuns++;
      target.completedBilledMs += billing.billedMs;
    }
    if (
      billing.purchase === 'spot' &&
      record.stopCode !== undefined &&
      SPOT_INTERRUPTION_STOP_CODES.has(record.stopCode)
    ) {
      target.interruptions++;
    }
    if (startMs > target.latestStartMs) target.latestStartMs = startMs;
    if (record.pullStoppedAtMs !== undefined && record.pullStoppedAtMs >= startMs) {
      target.pullTasks++;
      target.pullMs += record.pullStoppedAtMs - startMs;
    }
    if (clipped.startMs < target.minStartMs) target.minStartMs = clipped.startMs;
    if (clipped.endMs > target.maxEndMs) target.maxEndMs = clipped.endMs;
    if (position < target.position) target.position = position;
    if (this.topLimit === 0 && this.runs === null) return;
    const run: BilledRun = {
      taskArn: record.taskArn,
      classKey: target.key,
      position,
      pullStartedAtMs: startMs,
      stoppedAtMs: running ? null : billing.stopMs,
      running,
      billedMs: billing.billedMs,
      billedMsInWindow: clipped.endMs - clipped.startMs,
      stopCode: record.stopCode ?? null,
    };
    keepTop(target.top, run, this.topLimit, longerRun);
    this.runs?.push(run);
  }

  /** What AWS bills for a task's latest record, or why nothing is billed. */
  private billingOf(record: TaskRecord, final: boolean): Billing | ExclusionReason {
    const {asOfMs, fromMs, toMs} = this.options;
    const launchType = record.launchType;
    const provider = record.capacityProvider;
    if (
      (launchType !== undefined && launchType !== 'FARGATE') ||
      (provider !== undefined && provider !== 'FARGATE' && provider !== 'FARGATE_SPOT')
    ) {
      return 'not-fargate';
    }
    if (this.serviceFilter && (record.group === undefined || !this.serviceFilter.has(record.group))) {
      return 'other-service';
    }
    // Billing starts at the image pull; a record without it but with startedAt ran from then at the latest.
    const startMs = record.pullStartedAtMs ?? record.startedAtMs;
    if (startMs === undefined) return final ? 'never-started' : 'pending';
    if (!possible(startMs, asOfMs)) return 'impossible-time';
    const stoppedMs = final ? (record.stoppedAtMs ?? record.executionStoppedAtMs) : record.executionStoppedAtMs;
    if (final && stoppedMs === undefined) return 'no-stop-time';
    if (stoppedMs !== undefined && !possible(stoppedMs, asOfMs)) return 'impossible-time';
    if (stoppedMs !== undefined && stoppedMs < startMs) return 'stop-before-start';
    const running = stoppedMs === undefined;
    if (running && startMs >= asOfMs) return 'pending';
    if (record.cpuUnits === undefined || record.memoryMiB === undefined) return 'unknown-size';
    const size = {cpuUnits: record.cpuUnits, memoryMiB: record.memoryMiB, storageGiB: record.storageGiB};
    if (!isFargateSize(size, record.os)) return 'invalid-size';
    const region = record.region ?? this.options.fallbackRegion;
    if (region === undefined) return 'unknown-region';
    const stopMs = stoppedMs ?? asOfMs;
    const durationMs = stopMs - startMs;
    // A running task is billed for its time so far (the minimum at least); AWS rounds up to the second when it stops.
    const billedMs = running
      ? Math.max(MIN_BILLED_SECONDS[record.os] * 1000, durationMs)
      : billableSeconds(durationMs, record.os) * 1000;
    const clipped = clipInterval(startMs, startMs + billedMs, fromMs, toMs);
    if (!clipped) return 'outside-window';
    const purchase: Purchase = provider === 'FARGATE_SPOT' ? 'spot' : 'on-demand';
    return {
      region,
      purchase,
      startMs,
      stopMs,
      running,
      billedMs,
      clipped,
      fromStartedAt: record.pullStartedAtMs === undefined,
    };
  }

  private classFor(record: TaskRecord, region: string, purchase: Purchase, position: number): MeteredClass {
    // cpu < 2^15, memory < 2^18, storage < 2^9: the packed key is an exact integer (45 bits); other
    // sizes (not Fargate sizes) take a string key.
    const cpu = record.cpuUnits!;
    const memory = record.memoryMiB!;
    const names = `${record.group}\u0000${record.taskDefinition}\u0000${record.cluster}\u0000${region}`;
    let bySize = this.classes.get(names);
    if (bySize === undefined) this.classes.set(names, (bySize = new Map()));
    const packed =
      cpu < 32768 && memory < 262144 && record.storageGiB < 512
        ? ((((cpu * 262144 + memory) * 512 + record.storageGiB) * 2 + (record.arch === 'arm64' ? 1 : 0)) * 2 +
            (record.os === 'windows' ? 1 : 0)) *
            2 +
          (purchase === 'spot' ? 1 : 0)
        : `${cpu}|${memory}|${record.storageGiB}|${record.arch}|${record.os}|${purchase}`;
    let found = bySize.get(packed);
    if (found === undefined) {
      found = newClass(`${names}\u0000${packed}`, record, region, purchase, position);
      bySize.set(packed, found);
    }
    return found;
  }
}

function sumInto(target: Map<number, number>, source: ReadonlyMap<number, number>): void {
  for (const [key, value] of source) target.set(key, (target.get(key) ?? 0) + value);
}

/**
 * Two finished meters over inputs that share no task, as one: classes added up hour by hour, counts
 * summed, extremes kept, runs and classes in position order.
 */
export function mergeMeterStates(a: MeterState, b: MeterState, top: number): MeterState {
  const merged = new Map<string, MeteredClass>();
  for (const source of [...a.classes, ...b.classes]) {
    const current = merged.get(source.key);
    if (current === undefined) {
      merged.set(source.key, {
        ...source,
        hourMs: new Map(source.hourMs),
        hourStarts: new Map(source.hourStarts),
        hourRunningStarts: new Map(source.hourRunningStarts),
        top: [...source.top],
      });
      continue;
    }
    sumInto(current.hourMs, source.hourMs);
    sumInto(current.hourStarts, source.hourStarts);
    sumInto(current.hourRunningStarts, source.hourRunningStarts);
    current.position = Math.min(current.position, source.position);
    current.tasks += source.tasks;
    current.running += source.running;
    current.completedRuns += source.completedRuns;
    current.completedBilledMs += source.completedBilledMs;
    current.interruptions += source.interruptions;
    current.latestStartMs = Math.max(current.latestStartMs, source.latestStartMs);
    current.minStartMs = Math.min(current.minStartMs, source.minStartMs);
    current.maxEndMs = Math.max(current.maxEndMs, source.maxEndMs);
    current.fromStartedAt += source.fromStartedAt;
    current.pullTasks += source.pullTasks;
    current.pullMs += source.pullMs;
    for (const run of source.top) keepTop(current.top, run, top, longerRun);
  }
  const excluded = new Map(a.excluded);
  sumInto(excluded as Map<never, number>, b.excluded as Map<never, number>);
  return {
    classes: [...merged.values()].sort((x, y) => x.position - y.position),
    runs: a.runs && b.runs ? [...a.runs, ...b.runs].sort((x, y) => x.position - y.position) : null,
    read: a.read + b.read,
    updates: a.updates + b.updates,
    duplicates: a.duplicates + b.duplicates,
    excluded,
    latestSeenMs: Math.max(a.latestSeenMs, b.latestSeenMs),
  };
}
