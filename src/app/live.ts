import {createMeter} from '../billing/meter.js';
import type {Catalog} from '../catalog/catalog.js';
import {type Dec, MS_PER_HOUR, ZERO} from '../money/decimal.js';
import type {Purchase} from '../model/profile.js';
import type {ServiceFacts} from '../model/strategy.js';
import type {TaskRecord} from '../model/task-record.js';
import type {TaskSize} from '../model/types.js';
import {createPricer} from '../pricing/pricer.js';
import {historyResult} from './history.js';

/**
 * `explore --watch`: what a cluster runs now and what it costs, from the latest record of every task
 * a live watch has seen. Billed exactly as `history` bills the same records: the meter, the one
 * pricer. Pure: the caller passes the instant (`nowMs`); nothing here reads a clock.
 *
 * - The cost an hour now: each running task's price a millisecond (the pricer's, at the catalog's
 *   rates for its region, size and purchase) times an hour, summed; what the next hour bills if
 *   nothing starts or stops.
 * - The month so far: `history` over the same records from the month's start (UTC) to `nowMs`,
 *   running tasks billed up to `nowMs`. ECS lists stopped tasks for about an hour only, so this is
 *   what ECS still listed when the watch began plus everything the watch saw since.
 */

export interface LiveRow {
  /** `service:<name>` or `family:<family>`, as the meter groups. */
  readonly group: string;
  readonly purchase: Purchase;
  readonly size: TaskSize;
  readonly region: string;
  /** Tasks running now. */
  readonly running: number;
  /** What they cost an hour at the catalog's rates (exact). */
  readonly perHour: Dec;
}

export interface LiveSnapshot {
  readonly nowMs: number;
  /** Where the month so far starts: the month's first instant (UTC). */
  readonly monthStartMs: number;
  /** The first instant billed this month (later than monthStartMs when the records start later); null with none. */
  readonly billedFromMs: number | null;
  /** Running tasks with a price, by group, purchase and size: costliest first, then by name. */
  readonly rows: readonly LiveRow[];
  readonly running: number;
  readonly perHour: Dec;
  /** The running tasks' hour at On-Demand rates (more than perHour when some run on Spot). */
  readonly onDemandPerHour: Dec;
  /** Tasks running on Fargate Spot. */
  readonly spotRunning: number;
  /** Running tasks the catalog has no rate for (left out of perHour, as history leaves them out). */
  readonly unpriced: number;
  /** This month, billed as history bills it. */
  readonly monthSoFar: Dec;
  /** Tasks billed this month (running and stopped). */
  readonly monthTasks: number;
}

export interface LiveSnapshotOptions {
  readonly catalog: Catalog;
  readonly nowMs: number;
  /** Region for tasks whose ARNs do not name one. */
  readonly fallbackRegion?: string | undefined;
  readonly services?: readonly ServiceFacts[] | undefined;
}

/** The first instant (UTC) of the month `ms` falls in. */
export function monthStartOf(ms: number): number {
  const date = new Date(ms);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

const rowId = (row: {group: string; purchase: Purchase; region: string; size: TaskSize}) =>
  `${row.group}|${row.purchase}|${row.region}|${row.size.cpuUnits}|${row.size.memoryMiB}|${row.size.storageGiB}|${row.size.arch}|${row.size.os}`;

export function liveSnapshot(records: Iterable<TaskRecord>, options: LiveSnapshotOptions): LiveSnapshot {
  const {catalog, nowMs} = options;
  const monthStartMs = monthStartOf(nowMs);
  const meter = createMeter({asOfMs: nowMs, fromMs: monthStartMs, fallbackRegion: options.fallbackRegion, top: 0});
  for (const record of records) meter.add(record);
  const state = meter.finish();
  const pricer = createPricer(catalog);

  // The running tasks an hour, by group, purchase and size (task definitions of one size merge).
  const rows = new Map<string, {row: Omit<LiveRow, 'perHour'>; scaled: bigint}>();
  let running = 0;
  let spotRunning = 0;
  let unpriced = 0;
  let perHour = 0n;
  let onDemandPerHour = 0n;
  const hour = BigInt(MS_PER_HOUR);
  for (const metered of state.classes) {
    if (metered.running === 0) continue;
    const pricing = pricer.priceSize(metered.region, metered.size, metered.purchase);
    if (pricing.kind !== 'priced') {
      unpriced += metered.running;
      continue;
    }
    const count = BigInt(metered.running);
    const scaled = pricing.price.perMs * hour * count;
    running += metered.running;
    if (metered.purchase === 'spot') spotRunning += metered.running;
    perHour += scaled;
    onDemandPerHour += pricing.price.onDemandPerMs * hour * count;
    const key = rowId(metered);
    const entry = rows.get(key);
    if (entry) {
      rows.set(key, {row: {...entry.row, running: entry.row.running + metered.running}, scaled: entry.scaled + scaled});
    } else {
      const {group, purchase, size, region} = metered;
      rows.set(key, {row: {group, purchase, size, region, running: metered.running}, scaled});
    }
  }
  const month = historyResult(
    state,
    {
      catalog,
      now: new Date(nowMs),
      asOfMs: nowMs,
      fromMs: monthStartMs,
      fallbackRegion: options.fallbackRegion,
      top: 0,
    },
    {services: options.services ?? []},
  );

  const sorted = [...rows.values()]
    .map(({row, scaled}) => ({...row, perHour: pricer.money(scaled), scaled}))
    .sort((a, b) =>
      a.scaled !== b.scaled ? (a.scaled > b.scaled ? -1 : 1) : rowId(a) < rowId(b) ? -1 : rowId(a) > rowId(b) ? 1 : 0,
    )
    .map(({scaled: _scaled, ...row}) => row);

  return {
    nowMs,
    monthStartMs,
    // The window of a month starts at the month's start; the first instant billed is the classes' earliest.
    billedFromMs: state.classes.length > 0 ? Math.min(...state.classes.map((cls) => cls.minStartMs)) : null,
    rows: sorted,
    running,
    perHour: perHour === 0n ? ZERO : pricer.money(perHour),
    onDemandPerHour: onDemandPerHour === 0n ? ZERO : pricer.money(onDemandPerHour),
    spotRunning,
    unpriced,
    monthSoFar: month.billed.cost,
    monthTasks: month.tasks.billed,
  };
}
