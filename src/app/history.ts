import {
  catalogInfo,
  estimatedRatesWarning,
  rateDates,
  type RateRef,
  rateRefOf,
  ratesUsed,
  staleCatalogWarning,
} from './assumptions.js';
import {FingerprintSet} from './history-fingerprint.js';
import type {GroupBy} from './history-options.js';
import {
  EXCLUSION_REASONS,
  type ExclusionReason,
  type GroupKind,
  type HistoryAggregator,
  type HistoryComponent,
  type HistoryFinishInput,
  type HistoryOptions,
  type HistoryProjection,
  type HistoryResult,
  type HistoryRow,
  type HourOption,
  type HourRow,
  SPOT_INTERRUPTION_STOP_CODES,
  type SteadyStateService,
  type TaskRun,
  type TopTask,
} from './history-result.js';
import {type ServiceFacts, splitTasks} from '../analysis/capacity-strategy.js';
import {billableSeconds} from '../billing/billable.js';
import {clipInterval} from '../billing/hours.js';
import {usageRatesOf, type UsageRates} from '../billing/usage.js';
import type {Catalog, Rate} from '../catalog/catalog.js';
import type {RateTable} from '../catalog/usage-types.js';
import {
  D,
  type Dec,
  HOURS_PER_MONTH,
  MS_PER_HOUR,
  UNIT_MS_PER_UNIT_HOUR,
  unitMsToHours,
  ZERO,
} from '../money/decimal.js';
import type {ProfileHour, Purchase, UsageProfile, UsageSeries} from '../model/profile.js';
import {isFinalRecord, type TaskRecord} from '../model/task-record.js';
import {MIN_BILLED_SECONDS, OPTION_IDS, type RateKey, type TaskSize} from '../model/types.js';
import {monthlyOptions} from '../pricing/options.js';
import {discountTableFor, type UsageLine} from '../pricing/price.js';

/**
 * `fargate-cost history`: bills real task runs as AWS does and projects the month. Pure and
 * incremental: `add()` takes task records one at a time (a stream of any length), `finish()` prices
 * what was accumulated and builds the result.
 *
 * Billing: a task is billed from `pullStartedAt` to `stoppedAt` (else `executionStoppedAt`),
 * rounded up to the whole second, at least the OS minimum; a task still running is billed for its
 * time so far, up to the as-of time (the minimum at least). Its billed interval is
 * [pullStartedAt, pullStartedAt + billed time): the minimum extends the interval after the start, and
 * `--from`/`--to` clip that interval, so the bills of adjacent windows add up to the bill of their
 * union.
 *
 * Per task the work is cheap and exact without Decimal: usage is accumulated as whole milliseconds
 * per (cell, clock hour), where a cell is everything that prices a task the same way (group, task
 * definition, cluster, region, purchase option, size). Costs are exact integers over one common
 * denominator: a rate scaled to an integer by 10^k (k = the most decimals of any rate in the
 * catalog) times units x milliseconds, over 10^k x 1024 x 3,600,000. Every figure of the result is
 * such an exact rational, divided out once into a 50-digit Decimal (so a total and the sum of its
 * parts agree to about 45 decimal places, not always to the last digit).
 *
 * Memory grows with cells x hours, pending tasks (those without a stop time yet, bounded by how many
 * run at once) and 16 to 32 bytes per billed task (a 64-bit fingerprint, to count duplicates).
 */

export {GROUP_BY, type GroupBy} from './history-options.js';
export * from './history-result.js';

// ---------------------------------------------------------------------------------------------

interface PricedSize {
  /** Scaled cost of one millisecond at the rates the task pays (Spot where Spot applies). */
  readonly costPerMs: bigint;
  readonly onDemandPerMs: bigint;
  /** Float twin of costPerMs, to skip exact top-N comparisons that cannot matter. */
  readonly approxPerMs: number;
  readonly usage: readonly UsageRates[];
  readonly rates: readonly Rate[];
  /**
   * With `keepUnpricedSpot`: the Spot rate this Spot size lacks (costPerMs is then 0 and the cell
   * counts as usage only, never as cost); null when priced.
   */
  readonly unpriced: string | null;
}

interface Cell extends PricedSize {
  readonly group: string;
  readonly kind: GroupKind;
  readonly taskDefinition: string | undefined;
  readonly cluster: string | undefined;
  readonly region: string;
  readonly purchase: Purchase;
  readonly size: TaskSize;
  /** Billed milliseconds per clock hour, keyed by the hour's number since the epoch (a small integer: fast Map keys). */
  readonly hourMs: Map<number, number>;
  /** Tasks whose billed interval starts in the hour (same keys). */
  readonly hourStarts: Map<number, number>;
  tasks: number;
  running: number;
  completedRuns: number;
  completedBilledMs: number;
  interruptions: number;
  latestStartMs: number;
}

interface TopEntry {
  readonly cost: bigint;
  readonly approx: number;
  readonly task: Omit<TopTask, 'cost'>;
}

/** What a breakdown key is read from: a billed cell, or a run kept with `keepRuns`. */
interface Keyed {
  readonly group: string;
  readonly taskDefinition: string | null | undefined;
  readonly cluster: string | null | undefined;
  readonly region: string;
  readonly purchase: Purchase;
}

/**
 * The key of the row a cell or a run falls in, for every --group-by but day (a day row splits a
 * run by the hour). The terminal UI keys kept runs by the same functions to list a row's runs.
 */
export const GROUP_KEYS: Record<Exclude<GroupBy, 'day'>, (item: Keyed) => string> = {
  group: (item) => item.group,
  service: (item) => (item.group.startsWith('service:') ? item.group.slice('service:'.length) : '(not a service)'),
  family: (item) =>
    familyOf(item.taskDefinition ?? undefined) ??
    (item.group.startsWith('family:') ? item.group.slice('family:'.length) : '(unknown)'),
  cluster: (item) => item.cluster ?? '(unknown)',
  option: (item) => item.purchase,
  region: (item) => item.region,
  'task-definition': (item) => item.taskDefinition ?? '(unknown)',
};

const MS_PER_DAY = 86_400_000;
/**
 * Running tasks are billed up to the as-of time; when the history ends longer than this before it,
 * the history was probably captured earlier (a saved describe-tasks output), and that is said.
 * (Events are no clue one by one: a service task running for a week emits no event for a week.)
 */
const STALE_HISTORY_MS = MS_PER_DAY;
const ZERO_MS = 0n;
const SAFE_SUM_LIMIT = 2 ** 52;

function kindOfGroup(group: string): GroupKind {
  return group.startsWith('service:') ? 'service' : 'batch';
}

function familyOf(taskDefinition: string | undefined): string | undefined {
  if (taskDefinition === undefined) return undefined;
  const colon = taskDefinition.lastIndexOf(':');
  return colon > 0 ? taskDefinition.slice(0, colon) : taskDefinition;
}

/** Decimals needed to hold every On-Demand and Spot rate of the catalog as an integer. */
export function rateScaleOf(catalog: Catalog): number {
  let decimals = 0;
  for (const region of Object.values(catalog.json.regions)) {
    for (const table of [region.onDemand, region.spot] as Record<string, {price: string} | undefined>[]) {
      for (const rate of Object.values(table)) {
        if (rate) decimals = Math.max(decimals, new D(rate.price).decimalPlaces());
      }
    }
  }
  return decimals;
}

function newer(candidate: TaskRecord, current: TaskRecord): boolean {
  if (candidate.version !== undefined && current.version !== undefined && candidate.version !== current.version)
    return candidate.version > current.version;
  if (
    candidate.updatedAtMs !== undefined &&
    current.updatedAtMs !== undefined &&
    candidate.updatedAtMs !== current.updatedAtMs
  ) {
    return candidate.updatedAtMs > current.updatedAtMs;
  }
  // Same version or no ordering information: the later observation wins.
  return true;
}

/** The final record, with anything it lacks taken from the task's earlier observation. */
function merged(final: TaskRecord, earlier: TaskRecord): TaskRecord {
  const out: Record<string, unknown> = {...earlier};
  for (const [key, value] of Object.entries(final)) if (value !== undefined) out[key] = value;
  return out as unknown as TaskRecord;
}

export function createHistoryAggregator(options: HistoryOptions): HistoryAggregator {
  const {catalog, asOfMs} = options;
  const fromMs = options.fromMs;
  const toMs = options.toMs;
  const topLimit = Math.max(0, options.top ?? 5);
  const monthHours = options.monthHours ?? HOURS_PER_MONTH;
  const serviceFilter =
    options.services && options.services.length > 0
      ? new Set(options.services.map((name) => `service:${name}`))
      : undefined;

  const scale = rateScaleOf(catalog);
  const scaleFactor = new D(10).pow(scale);
  const denominator = scaleFactor.times(UNIT_MS_PER_UNIT_HOUR.toString());
  // Hours of a steady workload repeat the same figures: converting each distinct value once saves
  // most of the Decimal divisions of a long hourly profile.
  const memo = <T>(convert: (value: bigint) => T) => {
    const cache = new Map<bigint, T>();
    return (value: bigint): T => {
      let converted = cache.get(value);
      if (converted === undefined) {
        if (cache.size > 50_000) cache.clear();
        converted = convert(value);
        cache.set(value, converted);
      }
      return converted;
    };
  };
  const money = memo(
    (numerator: bigint): Dec => (numerator === 0n ? ZERO : new D(numerator.toString()).div(denominator)),
  );
  const hoursOf = memo((unitMs: bigint): Dec => (unitMs === 0n ? ZERO : unitMsToHours(unitMs)));
  const taskHoursOf = memo((ms: bigint): Dec => (ms === 0n ? ZERO : new D(ms.toString()).div(MS_PER_HOUR)));

  const pending = new Map<string, TaskRecord>();
  const finalized = new FingerprintSet();
  const cells = new Map<string, Map<number | string, Cell | string>>();
  const pricedSizes = new Map<string, PricedSize | string>();
  const reasons = new Map<ExclusionReason, number>();
  const unpriced = new Map<string, number>();
  /** keepUnpricedSpot: Spot tasks kept without a price, by the rate they lack, and their billed milliseconds. */
  const unpricedSpot = new Map<string, {tasks: number; ms: number}>();
  const top: TopEntry[] = [];
  const keptRuns: TaskRun[] | undefined = options.keepRuns ? [] : undefined;
  let read = 0;
  let updates = 0;
  let duplicates = 0;
  let billed = 0;
  let minStartMs = Infinity;
  let maxEndMs = -Infinity;
  let pullTasks = 0;
  let pullMs = 0;
  let unknownRegionTasks = 0;
  /** The newest instant any record mentions: where the history ends. */
  let latestSeenMs = -Infinity;

  const exclude = (reason: ExclusionReason): void => {
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  };

  /** Prices one millisecond of a size in a region, bought one way; a string says why it cannot be. */
  function priceSize(region: string, size: TaskSize, purchase: Purchase): PricedSize | string {
    const id = `${region}|${purchase}|${size.cpuUnits}|${size.memoryMiB}|${size.storageGiB}|${size.arch}|${size.os}`;
    const cached = pricedSizes.get(id);
    if (cached !== undefined) return cached;
    let result: PricedSize | string;
    if (!catalog.regions.includes(region)) {
      result = `region ${region} is not in the price catalog`;
    } else if (purchase === 'spot' && size.os === 'windows') {
      result = `Windows tasks on FARGATE_SPOT in ${region}: Fargate Spot runs Linux only, there is no rate`;
    } else {
      const usage = usageRatesOf(size);
      const rates: Rate[] = [];
      let costPerMs = 0n;
      let onDemandPerMs = 0n;
      let missingOnDemand: string | undefined;
      let missingSpot: string | undefined;
      for (const item of usage) {
        const onDemand = catalog.rate(region, 'on-demand', item.key);
        if (!onDemand) {
          missingOnDemand = `the catalog has no On-Demand rate for ${item.key} in ${region}`;
          break;
        }
        const table: RateTable =
          purchase === 'spot' ? (discountTableFor('spot', item.key) ?? 'on-demand') : 'on-demand';
        const own = table === 'on-demand' ? onDemand : catalog.rate(region, table, item.key);
        const units = BigInt(item.units);
        onDemandPerMs += BigInt(onDemand.price.times(scaleFactor).toFixed(0)) * units;
        if (!own) {
          missingSpot ??= `the catalog has no Fargate Spot rate for ${item.key} in ${region}`;
          continue;
        }
        costPerMs += BigInt(own.price.times(scaleFactor).toFixed(0)) * units;
        rates.push(own);
        if (own !== onDemand) rates.push(onDemand);
      }
      if (missingOnDemand !== undefined) result = missingOnDemand;
      else if (missingSpot !== undefined)
        result = options.keepUnpricedSpot
          ? {costPerMs: 0n, onDemandPerMs, approxPerMs: 0, usage, rates: [], unpriced: missingSpot}
          : missingSpot;
      else result = {costPerMs, onDemandPerMs, approxPerMs: Number(costPerMs), usage, rates, unpriced: null};
    }
    pricedSizes.set(id, result);
    return result;
  }

  function cellFor(record: TaskRecord, region: string, purchase: Purchase): Cell | string {
    // Two levels, to keep the per-task key short: the names, then the size and purchase packed into one
    // exact integer (cpu < 2^15, memory < 2^18, storage < 2^9: 45 bits). Sizes out of those ranges
    // (not Fargate sizes) take a string key.
    const cpu = record.cpuUnits!;
    const memory = record.memoryMiB!;
    const names = `${record.group}\u0000${record.taskDefinition}\u0000${record.cluster}\u0000${region}`;
    let bySize = cells.get(names);
    if (bySize === undefined) cells.set(names, (bySize = new Map()));
    const packed =
      cpu < 32768 && memory < 262144 && record.storageGiB < 512
        ? ((((cpu * 262144 + memory) * 512 + record.storageGiB) * 2 + (record.arch === 'arm64' ? 1 : 0)) * 2 +
            (record.os === 'windows' ? 1 : 0)) *
            2 +
          (purchase === 'spot' ? 1 : 0)
        : `${cpu}|${memory}|${record.storageGiB}|${record.arch}|${record.os}|${purchase}`;
    const existing = bySize.get(packed);
    if (existing !== undefined) return existing;
    const family = familyOf(record.taskDefinition);
    const group = record.group ?? (family ? `family:${family}` : '(no group)');
    const size: TaskSize = {
      cpuUnits: record.cpuUnits!,
      memoryMiB: record.memoryMiB!,
      storageGiB: record.storageGiB,
      arch: record.arch,
      os: record.os,
    };
    const priced = priceSize(region, size, purchase);
    const cell: Cell | string =
      typeof priced === 'string'
        ? priced
        : {
            ...priced,
            group,
            kind: kindOfGroup(group),
            taskDefinition: record.taskDefinition,
            cluster: record.cluster,
            region,
            purchase,
            size,
            hourMs: new Map(),
            hourStarts: new Map(),
            tasks: 0,
            running: 0,
            completedRuns: 0,
            completedBilledMs: 0,
            interruptions: 0,
            latestStartMs: -Infinity,
          };
    bySize.set(packed, cell);
    return cell;
  }

  /** A billed run as the result lists it (its cost apart). */
  function runOf(
    cell: Cell,
    record: TaskRecord,
    startMs: number,
    billedMs: number,
    windowMs: number,
    running: boolean,
    stopMs: number,
  ): Omit<TopTask, 'cost'> {
    return {
      taskArn: record.taskArn,
      group: cell.group,
      taskDefinition: cell.taskDefinition ?? null,
      cluster: cell.cluster ?? null,
      region: cell.region,
      purchase: cell.purchase,
      size: cell.size,
      pullStartedAtMs: startMs,
      stoppedAtMs: running ? null : stopMs,
      running,
      billedMs,
      billedMsInWindow: windowMs,
    };
  }

  function considerTop(
    cell: Cell,
    record: TaskRecord,
    startMs: number,
    billedMs: number,
    windowMs: number,
    running: boolean,
    stopMs: number,
  ): void {
    if (topLimit === 0) return;
    const approx = windowMs * cell.approxPerMs;
    // The float estimate is within 1e-12 of the exact cost: only near-ties need the exact comparison.
    if (top.length === topLimit && approx < top[top.length - 1]!.approx * (1 - 1e-9)) return;
    const cost = BigInt(windowMs) * cell.costPerMs;
    const entry: TopEntry = {cost, approx, task: runOf(cell, record, startMs, billedMs, windowMs, running, stopMs)};
    // Costliest first; ties: earlier start, then ARN, so the order never depends on input order.
    const before = (a: TopEntry, b: TopEntry) =>
      a.cost !== b.cost
        ? a.cost > b.cost
        : a.task.pullStartedAtMs !== b.task.pullStartedAtMs
          ? a.task.pullStartedAtMs < b.task.pullStartedAtMs
          : a.task.taskArn < b.task.taskArn;
    if (top.length === topLimit && !before(entry, top[top.length - 1]!)) return;
    let i = top.length;
    while (i > 0 && before(entry, top[i - 1]!)) i--;
    top.splice(i, 0, entry);
    if (top.length > topLimit) top.pop();
  }

  /** Bills a task (or counts why not) from its latest record. `final`: the task has stopped. */
  function settle(record: TaskRecord, final: boolean): void {
    const launchType = record.launchType;
    const provider = record.capacityProvider;
    if (
      (launchType !== undefined && launchType !== 'FARGATE') ||
      (provider !== undefined && provider !== 'FARGATE' && provider !== 'FARGATE_SPOT')
    ) {
      return exclude('not-fargate');
    }
    if (serviceFilter && (record.group === undefined || !serviceFilter.has(record.group)))
      return exclude('other-service');
    const startMs = record.pullStartedAtMs;
    if (startMs === undefined) return exclude(final ? 'never-started' : 'pending');
    const stoppedMs = final ? (record.stoppedAtMs ?? record.executionStoppedAtMs) : record.executionStoppedAtMs;
    if (final && stoppedMs === undefined) return exclude('no-stop-time');
    const running = stoppedMs === undefined;
    if (running && startMs >= asOfMs) return exclude('pending');
    if (record.cpuUnits === undefined || record.memoryMiB === undefined) return exclude('unknown-size');
    const region = record.region ?? options.fallbackRegion;
    if (region === undefined) {
      unknownRegionTasks++;
      return exclude('unknown-region');
    }
    const stopMs = stoppedMs ?? asOfMs;
    const durationMs = Math.max(0, stopMs - startMs);
    // A running task is billed for its time so far (the minimum at least); AWS rounds up to the second when it stops.
    const billedMs = running
      ? Math.max(MIN_BILLED_SECONDS[record.os] * 1000, durationMs)
      : billableSeconds(durationMs, record.os) * 1000;
    const clipped = clipInterval(startMs, startMs + billedMs, fromMs, toMs);
    if (!clipped) return exclude('outside-window');
    const purchase: Purchase = provider === 'FARGATE_SPOT' ? 'spot' : 'on-demand';
    const cell = cellFor(record, region, purchase);
    if (typeof cell === 'string') {
      unpriced.set(cell, (unpriced.get(cell) ?? 0) + 1);
      return exclude('no-rate');
    }

    // splitByClockHour, inlined: no array per task (a task running for months touches thousands of hours).
    const hourMs = cell.hourMs;
    let cursor = clipped.startMs;
    let hour = Math.floor(cursor / MS_PER_HOUR);
    cell.hourStarts.set(hour, (cell.hourStarts.get(hour) ?? 0) + 1);
    for (; cursor < clipped.endMs; hour++) {
      const next = Math.min(clipped.endMs, (hour + 1) * MS_PER_HOUR);
      hourMs.set(hour, (hourMs.get(hour) ?? 0) + (next - cursor));
      cursor = next;
    }
    billed++;
    cell.tasks++;
    if (running) cell.running++;
    else {
      cell.completedRuns++;
      cell.completedBilledMs += billedMs;
    }
    if (purchase === 'spot' && record.stopCode !== undefined && SPOT_INTERRUPTION_STOP_CODES.has(record.stopCode))
      cell.interruptions++;
    if (startMs > cell.latestStartMs) cell.latestStartMs = startMs;
    if (record.pullStoppedAtMs !== undefined && record.pullStoppedAtMs >= startMs) {
      pullTasks++;
      pullMs += record.pullStoppedAtMs - startMs;
    }
    if (clipped.startMs < minStartMs) minStartMs = clipped.startMs;
    if (clipped.endMs > maxEndMs) maxEndMs = clipped.endMs;
    if (cell.unpriced !== null) {
      // Usage without a price: no cost to rank or keep.
      const entry = unpricedSpot.get(cell.unpriced) ?? {tasks: 0, ms: 0};
      entry.tasks++;
      entry.ms += clipped.endMs - clipped.startMs;
      unpricedSpot.set(cell.unpriced, entry);
      return;
    }
    considerTop(cell, record, startMs, billedMs, clipped.endMs - clipped.startMs, running, stopMs);
    if (keptRuns) {
      const windowMs = clipped.endMs - clipped.startMs;
      keptRuns.push({
        ...runOf(cell, record, startMs, billedMs, windowMs, running, stopMs),
        stopCode: record.stopCode ?? null,
        scaledCost: BigInt(windowMs) * cell.costPerMs,
      });
    }
  }

  function add(record: TaskRecord): void {
    read++;
    const seenMs = Math.max(
      record.stoppedAtMs ?? -Infinity,
      record.updatedAtMs ?? -Infinity,
      record.startedAtMs ?? -Infinity,
      record.pullStartedAtMs ?? -Infinity,
    );
    if (seenMs > latestSeenMs) latestSeenMs = seenMs;
    const arn = record.taskArn;
    if (!isFinalRecord(record)) {
      if (finalized.has(arn)) {
        // A state older than the one already billed (events can arrive out of order).
        updates++;
        return;
      }
      const current = pending.get(arn);
      if (current === undefined) pending.set(arn, record);
      else {
        updates++;
        if (newer(record, current)) pending.set(arn, record);
      }
      return;
    }
    if (!finalized.add(arn)) {
      duplicates++;
      return;
    }
    const earlier = pending.get(arn);
    if (earlier !== undefined) {
      pending.delete(arn);
      updates++;
      settle(merged(record, earlier), true);
    } else {
      settle(record, true);
    }
  }

  function finish(input: HistoryFinishInput = {}): HistoryResult {
    // Tasks never seen stopped are running: billed up to the as-of time (or to executionStoppedAt).
    for (const record of pending.values()) settle(record, false);
    pending.clear();
    return buildResult(input);
  }

  function buildResult(input: HistoryFinishInput): HistoryResult {
    const allCells = [...cells.values()]
      .flatMap((bySize) => [...bySize.values()])
      .filter((cell): cell is Cell => typeof cell !== 'string' && cell.tasks > 0);
    // Costs come from priced cells; usage (profiles, components, Spot statistics) from all of them.
    const pricedCells = allCells.filter((cell) => cell.unpriced === null);
    const groupBy = options.groupBy ?? 'group';

    // Totals per cell, exact.
    const cellTotals = new Map<Cell, bigint>();
    for (const cell of allCells) {
      let total = ZERO_MS;
      let partial = 0;
      for (const ms of cell.hourMs.values()) {
        partial += ms;
        if (partial > SAFE_SUM_LIMIT) {
          total += BigInt(partial);
          partial = 0;
        }
      }
      cellTotals.set(cell, total + BigInt(partial));
    }

    interface RowAcc {
      key: string;
      kind: GroupKind | null;
      tasks: number;
      running: number;
      cost: bigint;
      onDemand: bigint;
      cpu: bigint;
      memory: bigint;
      storage: bigint;
      taskMs: bigint;
    }
    const newRow = (key: string, kind: GroupKind | null): RowAcc => ({
      key,
      kind,
      tasks: 0,
      running: 0,
      cost: 0n,
      onDemand: 0n,
      cpu: 0n,
      memory: 0n,
      storage: 0n,
      taskMs: 0n,
    });
    const addUsage = (row: RowAcc, cell: Cell, ms: bigint) => {
      row.cost += cell.costPerMs * ms;
      row.onDemand += cell.onDemandPerMs * ms;
      row.taskMs += ms;
      for (const item of cell.usage) {
        const unitMs = BigInt(item.units) * ms;
        if (item.resource === 'vcpu') row.cpu += unitMs;
        else if (item.resource === 'memory') row.memory += unitMs;
        else if (item.resource === 'storage') row.storage += unitMs;
      }
    };

    const total = newRow('total', null);
    for (const cell of pricedCells) {
      addUsage(total, cell, cellTotals.get(cell)!);
      total.tasks += cell.tasks;
      total.running += cell.running;
    }
    const toRow = (row: RowAcc): HistoryRow => {
      const cost = money(row.cost);
      return {
        key: row.key,
        kind: row.kind,
        tasks: row.tasks,
        running: row.running,
        cost,
        onDemandCost: money(row.onDemand),
        vcpuHours: hoursOf(row.cpu),
        gbHours: hoursOf(row.memory),
        storageGbHours: hoursOf(row.storage),
        taskHours: taskHoursOf(row.taskMs),
        share: total.cost === 0n ? ZERO : new D(row.cost.toString()).div(total.cost.toString()),
      };
    };
    const byCost = (a: HistoryRow, b: HistoryRow) =>
      b.cost.comparedTo(a.cost) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

    const rowsBy = (keyOf: (cell: Cell) => string, kindOf: (cell: Cell) => GroupKind | null): HistoryRow[] => {
      const rows = new Map<string, RowAcc>();
      for (const cell of pricedCells) {
        const key = keyOf(cell);
        let row = rows.get(key);
        if (!row) rows.set(key, (row = newRow(key, kindOf(cell))));
        addUsage(row, cell, cellTotals.get(cell)!);
        row.tasks += cell.tasks;
        row.running += cell.running;
      }
      return [...rows.values()].map(toRow).sort(byCost);
    };
    const dayRows = (): HistoryRow[] => {
      const rows = new Map<number, RowAcc>();
      for (const cell of pricedCells) {
        const dayRow = (hourStartMs: number) => {
          const day = Math.floor(hourStartMs / MS_PER_DAY) * MS_PER_DAY;
          let row = rows.get(day);
          if (!row) rows.set(day, (row = newRow(new Date(day).toISOString().slice(0, 10), null)));
          return row;
        };
        // Sum the cell's hours per day first: one conversion per day, not per hour.
        const dayMs = new Map<number, number>();
        for (const [hour, ms] of cell.hourMs) {
          const day = Math.floor((hour * MS_PER_HOUR) / MS_PER_DAY) * MS_PER_DAY;
          dayMs.set(day, (dayMs.get(day) ?? 0) + ms);
        }
        for (const [day, ms] of dayMs) addUsage(dayRow(day), cell, BigInt(ms));
        for (const [hour, starts] of cell.hourStarts) dayRow(hour * MS_PER_HOUR).tasks += starts;
      }
      return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, row]) => toRow(row));
    };

    const keyOf = GROUP_KEYS;
    const byDay = dayRows();
    const byOption = rowsBy(keyOf.option, () => null).sort((a, b) =>
      a.key === 'on-demand' ? -1 : b.key === 'on-demand' ? 1 : 0,
    );
    let groups: HistoryRow[];
    if (groupBy === 'day') groups = byDay;
    else if (groupBy === 'option') groups = byOption;
    else if (groupBy === 'group') groups = rowsBy(keyOf.group, (cell) => cell.kind);
    else if (groupBy === 'service')
      groups = rowsBy(keyOf.service, (cell) => (cell.kind === 'service' ? 'service' : null));
    else groups = rowsBy(keyOf[groupBy], () => null);

    // The window the spend rate is measured over.
    let window: HistoryResult['window'] = null;
    if (billed > 0 || (fromMs !== undefined && toMs !== undefined)) {
      const start = fromMs ?? minStartMs;
      // A --to past the as-of time (and past the data) would count hours that have not happened yet.
      const end =
        toMs === undefined
          ? maxEndMs
          : billed > 0
            ? Math.min(toMs, Math.max(asOfMs, maxEndMs))
            : Math.min(toMs, Math.max(asOfMs, start));
      if (end > start)
        window = {
          fromMs: start,
          toMs: end,
          hours: new D(end - start).div(MS_PER_HOUR),
          fromFlagMs: fromMs ?? null,
          toFlagMs: toMs ?? null,
        };
    }

    // Dense hours over the window.
    const firstHourMs = window ? Math.floor(window.fromMs / MS_PER_HOUR) * MS_PER_HOUR : 0;
    const hourCount = window ? Math.ceil(window.toMs / MS_PER_HOUR) - firstHourMs / MS_PER_HOUR : 0;
    const hourIndex = (hour: number) => hour - firstHourMs / MS_PER_HOUR;

    const buildProfile = (selected: readonly Cell[]): UsageProfile => {
      const series: UsageSeries[] = [];
      const seriesIndex = new Map<string, number>();
      const indexesOf = new Map<Cell, number[]>();
      for (const cell of selected) {
        indexesOf.set(
          cell,
          cell.usage.map((item) => {
            const id = `${cell.region}|${item.key}|${cell.purchase}`;
            let index = seriesIndex.get(id);
            if (index === undefined) {
              index = series.length;
              seriesIndex.set(id, index);
              series.push({region: cell.region, key: item.key, purchase: cell.purchase});
            }
            return index;
          }),
        );
      }
      const rows: (bigint[] | undefined)[] = new Array(hourCount);
      for (const cell of selected) {
        const indexes = indexesOf.get(cell)!;
        for (const [hour, hourMs] of cell.hourMs) {
          const i = hourIndex(hour);
          const row = (rows[i] ??= series.map(() => ZERO_MS));
          const ms = BigInt(hourMs);
          cell.usage.forEach((item, k) => {
            row[indexes[k]!]! += BigInt(item.units) * ms;
          });
        }
      }
      // Idle hours share one zero row (profiles are read-only).
      const idle: readonly bigint[] = Object.freeze(series.map(() => ZERO_MS));
      const hours: ProfileHour[] = Array.from({length: hourCount}, (_, i) => ({
        startMs: firstHourMs + i * MS_PER_HOUR,
        unitMs: rows[i] ?? idle,
      }));
      return {series, hours};
    };
    const profile = buildProfile(allCells);

    // Hourly rows by purchase option: built when first read (a long window has thousands of hours
    // and the table never shows them).
    const purchases: Purchase[] = (['on-demand', 'spot'] as const).filter((purchase) =>
      pricedCells.some((cell) => cell.purchase === purchase),
    );
    let hourlyRows: HourRow[] | undefined;
    const hourly = (): HourRow[] => {
      if (hourlyRows) return hourlyRows;
      const hourAcc: (RowAcc[] | undefined)[] = new Array(hourCount);
      for (const cell of pricedCells) {
        const p = purchases.indexOf(cell.purchase);
        for (const [hour, ms] of cell.hourMs) {
          const accs = (hourAcc[hourIndex(hour)] ??= purchases.map((purchase) => newRow(purchase, null)));
          addUsage(accs[p]!, cell, BigInt(ms));
        }
      }
      const idleOptions: readonly HourOption[] = purchases.map((purchase) => ({
        purchase,
        cost: ZERO,
        onDemandCost: ZERO,
        taskHours: ZERO,
        vcpuHours: ZERO,
        gbHours: ZERO,
      }));
      hourlyRows = Array.from({length: hourCount}, (_, i) => {
        const accs = hourAcc[i];
        return {
          startMs: firstHourMs + i * MS_PER_HOUR,
          options: accs
            ? accs.map((acc, p) => ({
                purchase: purchases[p]!,
                cost: money(acc.cost),
                onDemandCost: money(acc.onDemand),
                taskHours: taskHoursOf(acc.taskMs),
                vcpuHours: hoursOf(acc.cpu),
                gbHours: hoursOf(acc.memory),
              }))
            : idleOptions,
        };
      });
      return hourlyRows;
    };

    // ECS groups, for compare.
    const servicesByName = new Map((input.services ?? []).map((service) => [service.name, service]));
    const cellsByGroup = new Map<string, Cell[]>();
    for (const cell of allCells) {
      const list = cellsByGroup.get(cell.group);
      if (list) list.push(cell);
      else cellsByGroup.set(cell.group, [cell]);
    }
    const latestOf = (list: readonly Cell[]) => list.reduce((a, b) => (b.latestStartMs > a.latestStartMs ? b : a));
    const components: HistoryComponent[] = [...cellsByGroup.entries()].map(([group, list]) => {
      const acc = newRow(group, kindOfGroup(group));
      let spotMs = 0n;
      let completedRuns = 0;
      let completedMs = 0;
      let interruptions = 0;
      for (const cell of list) {
        const ms = cellTotals.get(cell)!;
        addUsage(acc, cell, ms);
        acc.tasks += cell.tasks;
        acc.running += cell.running;
        if (cell.purchase === 'spot') spotMs += ms;
        completedRuns += cell.completedRuns;
        completedMs += cell.completedBilledMs;
        interruptions += cell.interruptions;
      }
      const latest = latestOf(list);
      const componentProfile = options.componentProfiles ? buildProfile(list) : null;
      const latestUnits = new Map(latest.usage.map((item) => [item.key, item.units]));
      const perTaskHour = componentProfile
        ? componentProfile.series.map((series) =>
            series.region === latest.region ? BigInt(latestUnits.get(series.key) ?? 0) * BigInt(MS_PER_HOUR) : ZERO_MS,
          )
        : null;
      const name = group.includes(':') ? group.slice(group.indexOf(':') + 1) : group;
      return {
        key: group,
        name,
        kind: kindOfGroup(group),
        tasks: acc.tasks,
        running: acc.running,
        cost: money(acc.cost),
        onDemandCost: money(acc.onDemand),
        taskHours: {
          onDemand: new D((acc.taskMs - spotMs).toString()).div(MS_PER_HOUR),
          spot: new D(spotMs.toString()).div(MS_PER_HOUR),
        },
        meanRunSeconds: completedRuns > 0 ? new D(completedMs).div(completedRuns * 1000) : null,
        spotInterruptions: interruptions,
        latest: {size: latest.size, region: latest.region, taskDefinition: latest.taskDefinition ?? null},
        sizes: new Set(
          list.map(
            (cell) =>
              `${cell.size.cpuUnits}|${cell.size.memoryMiB}|${cell.size.storageGiB}|${cell.size.arch}|${cell.size.os}`,
          ),
        ).size,
        profile: componentProfile,
        perTaskHour,
        service: kindOfGroup(group) === 'service' ? (servicesByName.get(name) ?? null) : null,
      };
    });
    components.sort((a, b) => b.cost.comparedTo(a.cost) || (a.key < b.key ? -1 : 1));

    // Spot and image-pull statistics.
    let spotTasks = 0;
    let spotTaskMs = 0n;
    let spotUnitMs = 0n;
    let interruptions = 0;
    for (const cell of allCells) {
      if (cell.purchase !== 'spot') continue;
      spotTasks += cell.tasks;
      const ms = cellTotals.get(cell)!;
      spotTaskMs += ms;
      for (const item of cell.usage) spotUnitMs += BigInt(item.units) * ms;
      interruptions += cell.interruptions;
    }

    // Projection.
    const totalCost = money(total.cost);
    let projection: HistoryProjection | null = null;
    if (window && billed > 0 && pricedCells.length > 0) {
      const factor = new D(monthHours).div(window.hours);
      const usage = new Map<string, {region: string; key: RateKey; unitMs: bigint}>();
      for (const cell of pricedCells) {
        const ms = cellTotals.get(cell)!;
        for (const item of cell.usage) {
          const id = `${cell.region}|${item.key}`;
          const line = usage.get(id) ?? {region: cell.region, key: item.key, unitMs: 0n};
          line.unitMs += BigInt(item.units) * ms;
          usage.set(id, line);
        }
      }
      const lines: UsageLine[] = [...usage.values()].map((line) => ({
        region: line.region,
        key: line.key,
        quantity: unitMsToHours(line.unitMs).times(factor),
      }));
      projection = {
        windowHours: window.hours,
        hourlyCost: totalCost.div(window.hours),
        monthHours,
        monthlyCost: totalCost.times(factor),
        options: monthlyOptions(catalog, lines, OPTION_IDS, monthHours),
        steadyState: steadyState(input.services ?? [], cellsByGroup),
      };
    }

    // Assumptions.
    const usedRates = new Map<string, RateRef>();
    for (const cell of pricedCells)
      for (const rate of cell.rates) usedRates.set(`${rate.region}|${rate.table}|${rate.key}`, rateRefOf(rate));
    for (const ref of ratesUsed(projection?.options ?? [])) usedRates.set(`${ref.region}|${ref.table}|${ref.key}`, ref);
    const rates = [...usedRates.values()];
    const info = catalogInfo(catalog, options.now);
    const dates = rateDates(rates);
    const running = total.running;
    const notes: string[] = [
      'each task is billed from pullStartedAt to stoppedAt (else executionStoppedAt), rounded up to the second, at least 60 s (Linux) or 300 s (Windows); each region at its own rates',
    ];
    if (running > 0) {
      notes.push(
        `${running} running task${running === 1 ? ' is' : 's are'} billed for ${running === 1 ? 'its' : 'their'} time so far, up to the as-of time ${new Date(asOfMs).toISOString()} (at least the minimum)`,
      );
    }
    if (fromMs !== undefined || toMs !== undefined) {
      notes.push(
        "--from/--to keep the part of each task's billed interval inside the window; the interval starts at pullStartedAt and lasts the billed seconds, so a task's minimum counts in the minute(s) right after its pull started",
      );
    }
    notes.push('days and hours are UTC');
    if (dates.spot)
      notes.push(
        `Fargate Spot usage is priced at the catalog's Spot rates (observed ${dates.spot}); the Spot price when the tasks ran may have differed`,
      );
    if (rates.some((rate) => rate.key === 'storage' || rate.key === 'windows-x86_64-os-license')) {
      notes.push(
        'ephemeral storage above 20 GiB and the Windows licence are billed at On-Demand rates, Spot tasks included',
      );
    }
    if (projection) {
      notes.push(
        `projection: the window's spend rate over ${window!.hours.toDecimalPlaces(2).toString()} ${window!.hours.toDecimalPlaces(2).eq(1) ? 'hour' : 'hours'} times a ${monthHours}-hour month; the purchase-option rows price the same usage under each option, Savings Plans at full coverage ("fargate-cost compare" sizes a commitment hour by hour)`,
      );
    }
    notes.push(...(input.notes ?? []));
    const warnings: string[] = [];
    const stale = staleCatalogWarning(info);
    if (stale) warnings.push(stale);
    const estimated = estimatedRatesWarning(rates);
    if (estimated) warnings.push(estimated);
    for (const [reason, count] of unpriced)
      warnings.push(
        `${count} task${count === 1 ? '' : 's'} not priced: ${reason} (pass --catalog with those rates, or run "fargate-cost prices refresh")`,
      );
    for (const [reason, {tasks, ms}] of unpricedSpot) {
      warnings.push(
        `${tasks} Fargate Spot task${tasks === 1 ? '' : 's'} (${taskHoursOf(BigInt(ms)).toDecimalPlaces(2).toString()} task-hours) not priced: ${reason}; ${tasks === 1 ? 'its' : 'their'} usage is counted, what ${tasks === 1 ? 'it' : 'they'} cost on Spot is unknown (pass --catalog with those rates, or run "fargate-cost prices refresh")`,
      );
    }
    if (unknownRegionTasks > 0)
      warnings.push(
        `${unknownRegionTasks} task${unknownRegionTasks === 1 ? ' has' : 's have'} no region in its ARN and were not billed; pass --region to price them`,
      );
    if (running > 0 && asOfMs - latestSeenMs > STALE_HISTORY_MS) {
      const days = Math.floor((asOfMs - latestSeenMs) / MS_PER_DAY);
      warnings.push(
        `the newest record is from ${new Date(latestSeenMs).toISOString()}, ${days} day${days === 1 ? '' : 's'} before the as-of time, and the ${running} running task${running === 1 ? ' is' : 's are'} billed up to the as-of time; if the history was captured earlier, pass --as-of with the capture time`,
      );
    }
    if (projection && window!.hours.lt(24)) {
      const hours = window!.hours.toDecimalPlaces(2);
      warnings.push(
        `the window is only ${hours.toString()} ${hours.eq(1) ? 'hour' : 'hours'}: the projection stretches it to a ${monthHours}-hour month`,
      );
    }
    warnings.push(...(input.warnings ?? []));

    const sources = input.sources ?? [];
    const excluded = [...reasons.values()].reduce((a, b) => a + b, 0);
    return {
      kind: 'history',
      asOfMs,
      window,
      billed: {
        cost: totalCost,
        onDemandCost: money(total.onDemand),
        vcpuHours: unitMsToHours(total.cpu),
        gbHours: unitMsToHours(total.memory),
        storageGbHours: unitMsToHours(total.storage),
        taskHours: new D(total.taskMs.toString()).div(MS_PER_HOUR),
      },
      tasks: {
        billed,
        running,
        excluded,
        reasons: Object.fromEntries(
          EXCLUSION_REASONS.filter((reason) => reasons.has(reason)).map((reason) => [reason, reasons.get(reason)!]),
        ),
      },
      records: {
        read,
        updates,
        duplicates,
        invalid: sources.reduce((a, s) => a + s.invalid, 0),
        ignored: sources.reduce((a, s) => a + s.ignored, 0),
      },
      groupBy,
      groups,
      byOption,
      byDay,
      top: top.map((entry) => ({...entry.task, cost: money(entry.cost)})),
      projection,
      get hourly() {
        return hourly();
      },
      profile,
      components,
      runs: keptRuns ? {runs: keptRuns, cost: (run: TaskRun) => money(run.scaledCost)} : null,
      spot: {
        tasks: spotTasks,
        taskHours: new D(spotTaskMs.toString()).div(MS_PER_HOUR),
        unitMs: spotUnitMs,
        interruptions,
      },
      imagePull: {
        tasks: pullTasks,
        totalMs: pullMs,
        meanSeconds: pullTasks > 0 ? new D(pullMs).div(pullTasks * 1000) : null,
      },
      sources,
      services: input.services ?? [],
      assumptions: {monthHours, catalog: info, rateDates: dates, rates, notes, warnings},
    };
  }

  function steadyState(
    services: readonly ServiceFacts[],
    cellsByGroup: Map<string, Cell[]>,
  ): HistoryProjection['steadyState'] {
    if (services.length === 0) return null;
    let totalNumerator = 0n;
    const monthMs = BigInt(monthHours) * BigInt(MS_PER_HOUR);
    const rows = services.map((service): SteadyStateService => {
      const split = splitTasks(service.strategy, service.desiredCount);
      const base = {
        name: service.name,
        region: service.region ?? null,
        desiredCount: service.desiredCount,
        strategy: service.strategy,
        launchType: service.launchType ?? null,
        taskDefinition: service.taskDefinition ?? null,
        onDemandTasks: split.onDemand,
        spotTasks: split.spot,
      };
      const list = (cellsByGroup.get(`service:${service.name}`) ?? []).filter(
        (cell) => service.region === undefined || cell.region === service.region,
      );
      const wanted = service.taskDefinition?.split('task-definition/')[1];
      const current = list.filter((cell) => wanted !== undefined && cell.taskDefinition === wanted);
      const pool = current.length > 0 ? current : list;
      if (pool.length === 0) {
        return {
          ...base,
          available: false,
          reason: 'no task of the service was read, so its size is unknown',
          size: null,
          monthlyCost: null,
        };
      }
      const chosen = pool.reduce((a, b) => (b.latestStartMs > a.latestStartMs ? b : a));
      const onDemand = priceSize(chosen.region, chosen.size, 'on-demand');
      const spot = split.spot > 0 ? priceSize(chosen.region, chosen.size, 'spot') : undefined;
      if (typeof onDemand === 'string' || typeof spot === 'string' || (spot !== undefined && spot.unpriced !== null)) {
        const reason = typeof onDemand === 'string' ? onDemand : typeof spot === 'string' ? spot : spot!.unpriced!;
        return {...base, available: false, reason, size: chosen.size, monthlyCost: null};
      }
      const numerator =
        (onDemand.costPerMs * BigInt(split.onDemand) + (spot ? spot.costPerMs * BigInt(split.spot) : 0n)) * monthMs;
      totalNumerator += numerator;
      return {...base, available: true, reason: null, size: chosen.size, monthlyCost: money(numerator)};
    });
    return {services: rows, monthlyCost: money(totalNumerator)};
  }

  return {
    add,
    finish,
    get pendingCount() {
      return pending.size;
    },
    get fingerprintBytes() {
      return finalized.bytes;
    },
  };
}
