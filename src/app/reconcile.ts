import {ProblemError} from '../model/problems.js';
import {classifyLine, scaledAmount, scaledText} from '../billing/bill.js';
import {forEachClockHour} from '../billing/clock-hours.js';
import {usageRatesOf} from '../billing/usage.js';
import type {Catalog, Rate} from '../catalog/catalog.js';
import {D, type Dec, MS_PER_HOUR, UNIT_MS_PER_UNIT_HOUR, ZERO} from '../money/decimal.js';
import {BILL_SCALE, type BillLine} from '../model/bill.js';
import type {TaskRun} from '../model/history.js';
import type {Purchase} from '../model/profile.js';
import {
  type HourSpan,
  RECONCILE_STATUSES,
  type ReconcileCell,
  type ReconcileResult,
  type ReconcileStatus,
  type ReconcileTask,
  type ReconcileTotal,
} from '../model/reconcile.js';
import {RATE_KEYS, type RateKey, SPOT_RATE_KEYS} from '../model/types.js';
import {catalogInfo, type RateRef, rateRefOf} from '../pricing/rates.js';

/**
 * `fargate-cost reconcile`: the per-second model against the bill, task by task and hour by hour.
 *
 * History side: each billed run (the meter's, kept with `keepRuns`: its billed interval is
 * [pullStartedAt, pullStartedAt + billedMs), rounded up to the second with the OS minimum, as the meter
 * computed it) is split by UTC clock hour (`forEachClockHour`) and priced per dimension
 * (`usageRatesOf`) at the catalog's rate: exact unit-milliseconds, one division into unit-hours.
 *
 * Bill side: the line items `classifyLine` calls usage (Usage and SavingsPlanCoveredUsage) are summed
 * per (resource id, hour, rate key, purchase) in integers of 10^-10, as each was read.
 *
 * Tolerance: the cost export writes each line's amount and cost to 10 decimal places, so each line is
 * off its exact value by at most 0.5e-10; the model, rounded to 10 places, by at most 0.5e-10 more.
 * A cell agrees when |round10(model) - bill| <= lines x 1e-10, its quantity and its cost both.
 *
 * The bill is the reference: every hour it covers is compared, so a task the history missed is a
 * difference wherever it ran; history hours outside the bill's are counted as outside, never as
 * differences. Memory grows with task-hours.
 */

/** What the core reads of a billed run (`TaskRun` of `history` with `keepRuns`). */
export type ReconcileRun = Pick<TaskRun, 'taskArn' | 'region' | 'purchase' | 'size' | 'pullStartedAtMs' | 'billedMs'>;

/** Decimal places of the cost export, and the tolerance per line (1e-10). */
export const RECONCILE_PLACES = BILL_SCALE;
const PER_LINE = new D(1).div(10 ** RECONCILE_PLACES);

const spotKeys = new Set<RateKey>(SPOT_RATE_KEYS);

/** The purchase a dimension of a run is billed under: Spot discounts vCPU and memory only. */
export function dimensionPurchase(purchase: Purchase, key: RateKey): Purchase {
  return purchase === 'spot' && spotKeys.has(key) ? 'spot' : 'on-demand';
}

const cellId = (taskArn: string, hour: number, key: RateKey, purchase: Purchase) =>
  `${taskArn}\t${hour}\t${key}\t${purchase}`;

interface ModelCell {
  readonly taskArn: string;
  readonly hour: number;
  readonly key: RateKey;
  readonly purchase: Purchase;
  readonly rate: Rate;
  unitMs: bigint;
}

interface BillCellSums {
  readonly taskArn: string;
  readonly hour: number;
  readonly key: RateKey;
  readonly purchase: Purchase;
  quantity: bigint;
  cost: bigint;
  lines: number;
  coveredLines: number;
}

/** The bill's side, summed as lines come: `add` a line at a time, `finish` when the source is read. */
export interface ReconcileBill {
  add(line: BillLine): void;
  finish(): ReconcileBillState;
}

export interface ReconcileBillState {
  readonly cells: ReadonlyMap<string, BillCellSums>;
  readonly lines: number;
  readonly usageLines: number;
  readonly withoutResource: number;
  readonly invalid: number;
  readonly currencies: readonly string[];
  readonly firstHour: number | null;
  readonly lastHour: number | null;
  /** The longest usage line (end minus start): an hour in an hourly export. */
  readonly longestLineMs: number;
  /** The billing periods the lines state (earliest start, latest end), null when none does. */
  readonly periodStartMs: number | null;
  readonly periodEndMs: number | null;
}

export function createReconcileBill(): ReconcileBill {
  const cells = new Map<string, BillCellSums>();
  const currencies = new Set<string>();
  let lines = 0;
  let usageLines = 0;
  let withoutResource = 0;
  let invalid = 0;
  let firstHour: number | null = null;
  let lastHour: number | null = null;
  let longestLineMs = 0;
  let periodStartMs: number | null = null;
  let periodEndMs: number | null = null;
  return {
    add(line) {
      lines += line.lines;
      const start = line.billingPeriodStartMs ?? null;
      const end = line.billingPeriodEndMs ?? null;
      if (start !== null) periodStartMs = periodStartMs === null ? start : Math.min(periodStartMs, start);
      if (end !== null) periodEndMs = periodEndMs === null ? end : Math.max(periodEndMs, end);
      const cls = classifyLine(line);
      if (cls.kind !== 'usage') return;
      const quantity = scaledAmount(line.usageAmount);
      const unblended = scaledAmount(line.unblendedCost);
      const publicOnDemand = scaledAmount(line.publicOnDemandCost);
      if (!Number.isFinite(line.startMs) || quantity === null || unblended === null) {
        invalid += line.lines;
        return;
      }
      usageLines += line.lines;
      if (line.endMs !== null) longestLineMs = Math.max(longestLineMs, line.endMs - line.startMs);
      if (line.currency) currencies.add(line.currency);
      const hour = Math.floor(line.startMs / MS_PER_HOUR);
      firstHour = firstHour === null ? hour : Math.min(firstHour, hour);
      lastHour = lastHour === null ? hour : Math.max(lastHour, hour);
      if (!line.resourceId) {
        withoutResource += line.lines;
        return;
      }
      const {key, purchase} = cls.usage;
      const id = cellId(line.resourceId, hour, key, purchase);
      let cell = cells.get(id);
      if (!cell) {
        cell = {taskArn: line.resourceId, hour, key, purchase, quantity: 0n, cost: 0n, lines: 0, coveredLines: 0};
        cells.set(id, cell);
      }
      cell.quantity += quantity;
      // On-Demand and covered usage at public On-Demand rates (the unblended cost when the column is absent); Spot as charged.
      cell.cost += cls.coverage === 'spot' ? unblended : (publicOnDemand ?? unblended);
      cell.lines += line.lines;
      if (cls.coverage === 'savings-plan') cell.coveredLines += line.lines;
    },
    finish: () => ({
      cells,
      lines,
      usageLines,
      withoutResource,
      invalid,
      currencies: [...currencies].sort(),
      firstHour,
      lastHour,
      longestLineMs,
      periodStartMs,
      periodEndMs,
    }),
  };
}

/** The model's cells: each run split by clock hour and dimension, with the rate it is priced at. */
export function modelCells(runs: Iterable<ReconcileRun>, catalog: Catalog): Map<string, ModelCell> {
  const cells = new Map<string, ModelCell>();
  for (const run of runs) {
    const dimensions = usageRatesOf(run.size).map((usage) => {
      const purchase = dimensionPurchase(run.purchase, usage.key);
      return {
        key: usage.key,
        purchase,
        units: BigInt(usage.units),
        rate: catalog.requireRate(run.region, purchase, usage.key),
      };
    });
    forEachClockHour(run.pullStartedAtMs, run.pullStartedAtMs + run.billedMs, (hour, ms) => {
      for (const dimension of dimensions) {
        const id = cellId(run.taskArn, hour, dimension.key, dimension.purchase);
        let cell = cells.get(id);
        if (!cell) {
          cell = {
            taskArn: run.taskArn,
            hour,
            key: dimension.key,
            purchase: dimension.purchase,
            rate: dimension.rate,
            unitMs: 0n,
          };
          cells.set(id, cell);
        }
        cell.unitMs += dimension.units * BigInt(ms);
      }
    });
  }
  return cells;
}

export interface ReconcileInput {
  readonly runs: readonly ReconcileRun[];
  readonly bill: ReconcileBillState;
  readonly catalog: Catalog;
  /** The clock, for the catalog's age only. */
  readonly now: Date;
}

const round10 = (value: Dec) => value.toDecimalPlaces(RECONCILE_PLACES, D.ROUND_HALF_UP);
const fromScaled = (value: bigint) => new D(scaledText(value));
const absGreater = (a: Dec, b: Dec) => a.abs().gt(b.abs());

function spanOf(first: number | null, last: number | null): HourSpan | null {
  return first === null || last === null ? null : {fromMs: first * MS_PER_HOUR, toMs: (last + 1) * MS_PER_HOUR};
}

function hourRange(cells: Iterable<{readonly hour: number}>): [number | null, number | null] {
  let first: number | null = null;
  let last: number | null = null;
  for (const {hour} of cells) {
    first = first === null ? hour : Math.min(first, hour);
    last = last === null ? hour : Math.max(last, hour);
  }
  return [first, last];
}

/** The model against the bill: every cell of the hours both cover, its status, the totals. */
export function reconcile(input: ReconcileInput): ReconcileResult {
  const {bill, catalog} = input;
  if (bill.longestLineMs > MS_PER_HOUR) {
    throw new ProblemError({
      kind: 'bill-not-hourly',
      granularity: bill.longestLineMs > 25 * MS_PER_HOUR ? 'monthly' : 'daily',
    });
  }
  const model = modelCells(input.runs, catalog);
  const [historyFirst, historyLast] = hourRange(model.values());
  const historySpan = spanOf(historyFirst, historyLast);
  // The bill's span: its billing periods, as they say (and as far as its lines reach), else its lines'.
  const linesSpan = spanOf(bill.firstHour, bill.lastHour);
  const billSpan: HourSpan | null =
    linesSpan && bill.periodStartMs !== null && bill.periodEndMs !== null
      ? {fromMs: Math.min(linesSpan.fromMs, bill.periodStartMs), toMs: Math.max(linesSpan.toMs, bill.periodEndMs)}
      : linesSpan;
  let compared: HourSpan | null = null;
  if (historySpan && billSpan) {
    // The whole bill is compared when the history reaches into it at all.
    if (historySpan.fromMs < billSpan.toMs && billSpan.fromMs < historySpan.toMs) compared = billSpan;
  }
  const inside = (hour: number) =>
    compared !== null && hour * MS_PER_HOUR >= compared.fromMs && hour * MS_PER_HOUR < compared.toMs;

  const cells: ReconcileCell[] = [];
  const outside = {history: 0, bill: 0};
  const rates = new Map<Rate, RateRef>();
  for (const [id, cell] of model) {
    if (!inside(cell.hour)) {
      outside.history++;
      continue;
    }
    if (!rates.has(cell.rate)) rates.set(cell.rate, rateRefOf(cell.rate));
    const quantity = new D(cell.unitMs.toString()).div(UNIT_MS_PER_UNIT_HOUR.toString());
    const cost = new D(cell.unitMs.toString()).times(cell.rate.price).div(UNIT_MS_PER_UNIT_HOUR.toString());
    const billed = bill.cells.get(id);
    const modelSide = {quantity, cost, rate: cell.rate.price};
    if (!billed) {
      cells.push({
        taskArn: cell.taskArn,
        hourMs: cell.hour * MS_PER_HOUR,
        key: cell.key,
        purchase: cell.purchase,
        status: 'history-only',
        model: modelSide,
        bill: null,
        quantityDifference: quantity.neg(),
        costDifference: cost.neg(),
        tolerance: ZERO,
      });
      continue;
    }
    const billSide = {
      quantity: fromScaled(billed.quantity),
      cost: fromScaled(billed.cost),
      lines: billed.lines,
      coveredLines: billed.coveredLines,
    };
    const tolerance = PER_LINE.times(billed.lines);
    const agrees =
      round10(quantity).minus(billSide.quantity).abs().lte(tolerance) &&
      round10(cost).minus(billSide.cost).abs().lte(tolerance);
    cells.push({
      taskArn: cell.taskArn,
      hourMs: cell.hour * MS_PER_HOUR,
      key: cell.key,
      purchase: cell.purchase,
      status: agrees ? 'agree' : 'differ',
      model: modelSide,
      bill: billSide,
      quantityDifference: billSide.quantity.minus(quantity),
      costDifference: billSide.cost.minus(cost),
      tolerance,
    });
  }
  for (const [id, billed] of bill.cells) {
    if (model.has(id) && inside(billed.hour)) continue;
    if (!inside(billed.hour)) {
      outside.bill++;
      continue;
    }
    const quantity = fromScaled(billed.quantity);
    const cost = fromScaled(billed.cost);
    cells.push({
      taskArn: billed.taskArn,
      hourMs: billed.hour * MS_PER_HOUR,
      key: billed.key,
      purchase: billed.purchase,
      status: 'bill-only',
      model: null,
      bill: {quantity, cost, lines: billed.lines, coveredLines: billed.coveredLines},
      quantityDifference: quantity,
      costDifference: cost,
      tolerance: PER_LINE.times(billed.lines),
    });
  }
  cells.sort(cellOrder);

  const counts = Object.fromEntries(RECONCILE_STATUSES.map((status) => [status, 0])) as Record<ReconcileStatus, number>;
  for (const cell of cells) counts[cell.status]++;
  return {
    kind: 'reconcile',
    tolerance: {places: RECONCILE_PLACES, perLine: PER_LINE},
    spans: {history: historySpan, bill: billSpan, compared},
    outside,
    cells,
    counts,
    totals: totalsOf(cells),
    tasks: tasksOf(cells),
    history: {runs: input.runs.length},
    bill: {
      lines: bill.lines,
      usageLines: bill.usageLines,
      withoutResource: bill.withoutResource,
      invalid: bill.invalid,
      currencies: bill.currencies,
    },
    assumptions: {
      catalog: catalogInfo(catalog, input.now),
      rates: [...rates.values()].sort((a, b) =>
        `${a.region}|${a.table}|${a.key}` < `${b.region}|${b.table}|${b.key}` ? -1 : 1,
      ),
    },
  };
}

const STATUS_ORDER = new Map(RECONCILE_STATUSES.map((status, i) => [status, i]));
const KEY_ORDER = new Map(RATE_KEYS.map((key, i) => [key, i]));

function naturalOrder(a: ReconcileCell, b: ReconcileCell): number {
  if (a.taskArn !== b.taskArn) return a.taskArn < b.taskArn ? -1 : 1;
  if (a.hourMs !== b.hourMs) return a.hourMs - b.hourMs;
  if (a.key !== b.key) return KEY_ORDER.get(a.key)! - KEY_ORDER.get(b.key)!;
  return a.purchase < b.purchase ? -1 : a.purchase > b.purchase ? 1 : 0;
}

/** Problem cells first, largest cost difference first; then the agreeing ones; ties by task, hour, dimension. */
function cellOrder(a: ReconcileCell, b: ReconcileCell): number {
  const agreeA = a.status === 'agree';
  const agreeB = b.status === 'agree';
  if (agreeA !== agreeB) return agreeA ? 1 : -1;
  if (!agreeA) {
    const byCost = b.costDifference.abs().comparedTo(a.costDifference.abs());
    if (byCost !== 0) return byCost;
    const byQuantity = b.quantityDifference.abs().comparedTo(a.quantityDifference.abs());
    if (byQuantity !== 0) return byQuantity;
    const byStatus = STATUS_ORDER.get(a.status)! - STATUS_ORDER.get(b.status)!;
    if (byStatus !== 0) return byStatus;
  }
  return naturalOrder(a, b);
}

function totalsOf(cells: readonly ReconcileCell[]): ReconcileResult['totals'] {
  const byDimension = new Map<string, {-readonly [K in keyof ReconcileTotal]: ReconcileTotal[K]}>();
  let modelCost = ZERO;
  let billCost = ZERO;
  for (const cell of cells) {
    const id = `${cell.key}|${cell.purchase}`;
    let total = byDimension.get(id);
    if (!total) {
      total = {
        key: cell.key,
        purchase: cell.purchase,
        modelQuantity: ZERO,
        billQuantity: ZERO,
        quantityDifference: ZERO,
        modelCost: ZERO,
        billCost: ZERO,
        costDifference: ZERO,
        cells: 0,
      };
      byDimension.set(id, total);
    }
    total.modelQuantity = total.modelQuantity.plus(cell.model?.quantity ?? ZERO);
    total.billQuantity = total.billQuantity.plus(cell.bill?.quantity ?? ZERO);
    total.modelCost = total.modelCost.plus(cell.model?.cost ?? ZERO);
    total.billCost = total.billCost.plus(cell.bill?.cost ?? ZERO);
    total.cells++;
    modelCost = modelCost.plus(cell.model?.cost ?? ZERO);
    billCost = billCost.plus(cell.bill?.cost ?? ZERO);
  }
  const rows = [...byDimension.values()]
    .map((total) => ({
      ...total,
      quantityDifference: total.billQuantity.minus(total.modelQuantity),
      costDifference: total.billCost.minus(total.modelCost),
    }))
    .sort((a, b) => KEY_ORDER.get(a.key)! - KEY_ORDER.get(b.key)! || (a.purchase < b.purchase ? -1 : 1));
  return {byDimension: rows, modelCost, billCost, costDifference: billCost.minus(modelCost)};
}

function tasksOf(cells: readonly ReconcileCell[]): ReconcileTask[] {
  const tasks = new Map<string, {cells: number; costDifference: Dec}>();
  for (const cell of cells) {
    if (cell.status === 'agree') continue;
    const task = tasks.get(cell.taskArn) ?? {cells: 0, costDifference: ZERO};
    task.cells++;
    task.costDifference = task.costDifference.plus(cell.costDifference);
    tasks.set(cell.taskArn, task);
  }
  return [...tasks]
    .map(([taskArn, task]) => ({taskArn, ...task}))
    .sort((a, b) =>
      absGreater(a.costDifference, b.costDifference)
        ? -1
        : absGreater(b.costDifference, a.costDifference)
          ? 1
          : a.taskArn < b.taskArn
            ? -1
            : 1,
    );
}

/** Reconciles lines already in memory (tests, a small bill). */
export function reconcileLines(
  runs: readonly ReconcileRun[],
  lines: Iterable<BillLine>,
  options: {readonly catalog: Catalog; readonly now: Date},
): ReconcileResult {
  const bill = createReconcileBill();
  for (const line of lines) bill.add(line);
  return reconcile({runs, bill: bill.finish(), ...options});
}
