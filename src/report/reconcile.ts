import type {BodyOf} from '../contract/index.js';
import {D, type Dec} from '../money/decimal.js';
import type {HourSpan, ReconcileCell, ReconcileResult, ReconcileStatus, ReconcileTotal} from '../model/reconcile.js';
import type {Purchase} from '../model/profile.js';
import {markdownAssumptions} from './estimate.js';
import type {Format} from './format.js';
import {inertData, inertMarkdown} from './inert.js';
import {jsonDocument, type JsonMeta, rateRefJson, stringifyJson} from './json.js';
import {createStyle, PLAIN, type Style} from './style.js';
import {type Cell, type Column, painted, renderCsv, renderMarkdownTable, renderTable} from './table.js';
import {plural} from './text.js';
import {wrapText} from './width.js';

/**
 * `fargate-cost reconcile`: the totals per dimension, then the cells that differ or have one side only
 * (up to --top), then what was compared and how. The tables and CSV show figures to 12 decimal places
 * (the export writes 10; a difference at the tenth place must show); JSON has them exact. Money is in
 * US dollars, as the bill is: reconcile converts nothing.
 */

/** Decimal places of every figure in the tables, Markdown and CSV. */
export const RECONCILE_DECIMALS = 12;

const figure = (value: Dec): string => value.toDecimalPlaces(RECONCILE_DECIMALS, D.ROUND_HALF_UP).toString();
const signedFigure = (value: Dec): string => {
  const text = figure(value);
  return text.startsWith('-') || new D(text).isZero() ? text : `+${text}`;
};
const dollars = (value: Dec): string => {
  const text = figure(value);
  return text.startsWith('-') ? `-$${text.slice(1)}` : `$${text}`;
};
const signedDollars = (value: Dec): string => {
  const text = dollars(value);
  return text.startsWith('-') || value.isZero() ? text : `+${text}`;
};

const iso = (ms: number) => new Date(ms).toISOString();
/** `2026-11-02 10:00` (UTC). */
const hourText = (ms: number) => iso(ms).slice(0, 16).replace('T', ' ');
const spanText = (span: HourSpan | null) =>
  span === null ? 'none' : `${hourText(span.fromMs)} to ${hourText(span.toMs)}`;

const STATUS_WORDS: Record<ReconcileStatus, string> = {
  agree: 'agree',
  differ: 'differ',
  'history-only': 'history only',
  'bill-only': 'bill only',
};

const purchaseWord = (purchase: Purchase) => (purchase === 'spot' ? 'Spot' : 'On-Demand');

/** The count of cells that are not `agree`. */
export function differingCells(result: ReconcileResult): number {
  return result.cells.length - result.counts.agree;
}

/** The one line that sums a reconciliation up (the table's headline, and the CLI's stderr line). */
export function reconcileHeadline(result: ReconcileResult): string {
  const total = result.cells.length;
  const off = differingCells(result);
  if (total === 0) return 'no cell to compare: the history and the bill share no clock hour';
  if (off === 0) return `all ${plural(total, 'cell')} agree`;
  return `${off} of ${plural(total, 'cell')} differ (${plural(result.tasks.length, 'task')})`;
}

export function reconcileJson(result: ReconcileResult): BodyOf<'reconcile'> {
  const span = (value: HourSpan | null) => (value === null ? null : {from: iso(value.fromMs), to: iso(value.toMs)});
  return {
    tolerance: {places: result.tolerance.places, perLine: result.tolerance.perLine.toString()},
    spans: {history: span(result.spans.history), bill: span(result.spans.bill), compared: span(result.spans.compared)},
    outside: {...result.outside},
    counts: {...result.counts},
    totals: {
      byDimension: result.totals.byDimension.map((total) => ({
        dimension: total.key,
        purchase: total.purchase,
        cells: total.cells,
        modelQuantity: total.modelQuantity.toString(),
        billQuantity: total.billQuantity.toString(),
        quantityDifference: total.quantityDifference.toString(),
        modelCost: total.modelCost.toString(),
        billCost: total.billCost.toString(),
        costDifference: total.costDifference.toString(),
      })),
      modelCost: result.totals.modelCost.toString(),
      billCost: result.totals.billCost.toString(),
      costDifference: result.totals.costDifference.toString(),
    },
    tasks: result.tasks.map((task) => ({
      taskArn: task.taskArn,
      cells: task.cells,
      costDifference: task.costDifference.toString(),
    })),
    cells: result.cells.map((cell) => ({
      taskArn: cell.taskArn,
      hour: iso(cell.hourMs),
      dimension: cell.key,
      purchase: cell.purchase,
      status: cell.status,
      model:
        cell.model === null
          ? null
          : {
              quantity: cell.model.quantity.toString(),
              cost: cell.model.cost.toString(),
              rate: cell.model.rate.toString(),
            },
      bill:
        cell.bill === null
          ? null
          : {
              quantity: cell.bill.quantity.toString(),
              cost: cell.bill.cost.toString(),
              lines: cell.bill.lines,
              coveredLines: cell.bill.coveredLines,
            },
      quantityDifference: cell.quantityDifference.toString(),
      costDifference: cell.costDifference.toString(),
      tolerance: cell.tolerance.toString(),
    })),
    history: {...result.history},
    bill: {...result.bill, currencies: [...result.bill.currencies]},
    assumptions: {catalog: {...result.assumptions.catalog}, rates: result.assumptions.rates.map(rateRefJson)},
  };
}

/**
 * Narrower than the whole table (a terminal, explore's Reconcile view at 80 columns), columns give way
 * so no line wraps: the quantities first (the quantity difference, then the model's, then the bill's),
 * then the model's cost and the cell count; what stays is each dimension, what the bill says it cost
 * and the difference (bill - model), which is what the table is for. Then the dimension is cut.
 */
const totalColumns: Column[] = [
  {header: 'dimension', shrink: {order: 6, min: 12}},
  {header: 'purchase'},
  {header: 'cells', align: 'right', drop: 5},
  {header: 'model quantity', align: 'right', drop: 2},
  {header: 'bill quantity', align: 'right', drop: 3},
  {header: 'difference', align: 'right', drop: 1},
  {header: 'model cost', align: 'right', drop: 4},
  {header: 'bill cost', align: 'right'},
  {header: 'difference', align: 'right'},
];

function totalRows(result: ReconcileResult, label = 'total'): string[][] {
  const rows = result.totals.byDimension.map((total: ReconcileTotal) => [
    total.key,
    purchaseWord(total.purchase),
    String(total.cells),
    figure(total.modelQuantity),
    figure(total.billQuantity),
    signedFigure(total.quantityDifference),
    dollars(total.modelCost),
    dollars(total.billCost),
    signedDollars(total.costDifference),
  ]);
  const t = result.totals;
  rows.push([
    label,
    '',
    String(result.cells.length),
    '',
    '',
    '',
    dollars(t.modelCost),
    dollars(t.billCost),
    signedDollars(t.costDifference),
  ]);
  return rows;
}

/** As the totals give way; then the task and the dimension are cut, and the hour goes last. */
const cellColumns: Column[] = [
  {header: 'task', shrink: {order: 6, min: 12}},
  {header: 'hour (UTC)', drop: 8},
  {header: 'dimension', shrink: {order: 7, min: 10}},
  {header: 'status'},
  {header: 'model quantity', align: 'right', drop: 2},
  {header: 'bill quantity', align: 'right', drop: 3},
  {header: 'difference', align: 'right', drop: 1},
  {header: 'model cost', align: 'right', drop: 4},
  {header: 'bill cost', align: 'right', drop: 5},
  {header: 'difference', align: 'right'},
];

/**
 * A task in the table: its ECS task ARN without the `arn:aws:ecs:REGION:ACCOUNT:task/` every one
 * shares (`prod/6ff51dd5...`: the cluster and the id), so a cut column still tells tasks apart.
 * JSON and CSV keep the whole ARN; anything else is shown whole.
 */
export function taskLabel(taskArn: string): string {
  return /^arn:aws[a-z-]*:ecs:[^:]*:[^:]*:task\/(.+)$/s.exec(taskArn)?.[1] ?? taskArn;
}

function cellRow(cell: ReconcileCell, style: Style, task: (arn: string) => string = taskLabel): Cell[] {
  const paint = cell.status === 'differ' ? style.red : style.yellow;
  return [
    task(cell.taskArn),
    hourText(cell.hourMs),
    cell.purchase === 'spot' ? `${cell.key} (Spot)` : cell.key,
    painted(STATUS_WORDS[cell.status], paint),
    cell.model ? figure(cell.model.quantity) : '-',
    cell.bill ? figure(cell.bill.quantity) : '-',
    signedFigure(cell.quantityDifference),
    cell.model ? dollars(cell.model.cost) : '-',
    cell.bill ? dollars(cell.bill.cost) : '-',
    signedDollars(cell.costDifference),
  ];
}

/** The cells to list: those that do not agree, at most `top`. */
function shownCells(result: ReconcileResult, top: number): {cells: readonly ReconcileCell[]; title: string | null} {
  const off = differingCells(result);
  if (off === 0) return {cells: [], title: null};
  const cells = result.cells.slice(0, Math.min(off, top));
  const title =
    cells.length < off
      ? `Cells that differ or have one side only: ${cells.length} of ${off}, largest cost difference first (all in --format json/csv; --top for more)`
      : `Cells that differ or have one side only, largest cost difference first`;
  return {cells, title};
}

function countsLine(result: ReconcileResult): string {
  const c = result.counts;
  return `${c.agree} agree, ${c.differ} differ, ${c['history-only']} history only, ${c['bill-only']} bill only`;
}

function assumptionLines(result: ReconcileResult): string[] {
  const a = result.assumptions;
  const catalogKind = {embedded: 'embedded snapshot', cache: 'refreshed catalog', file: 'catalog'}[a.catalog.kind];
  const b = result.bill;
  const per = result.tolerance.perLine.toString();
  const lines = [
    'Assumptions',
    `- a cell is one task (ARN), one UTC clock hour and one dimension (rate key and purchase); difference = bill - model`,
    `- model: each run billed from image pull to stop, rounded up to the second, the OS minimum applied, split by clock hour, at the catalog's On-Demand rates (Spot rates for Spot vCPU and memory); exact`,
    `- bill: Usage and SavingsPlanCoveredUsage lines, summed per cell; cost at public On-Demand cost for On-Demand and covered usage (the unblended cost where that column is absent), unblended for Spot; Savings Plan negations, fees, credits and tax are not usage`,
    `- tolerance: the export writes each amount and cost to ${result.tolerance.places} decimal places, so a cell agrees when |model rounded to ${result.tolerance.places} places - bill| <= its bill lines x ${per}, quantity and cost both`,
    `- compared hours: ${spanText(result.spans.compared)} UTC, the bill's span (the history's: ${spanText(result.spans.history)}): a task the history missed in it is a difference; ${plural(result.outside.history, 'history cell')} outside the bill's hours left out, not differences`,
    `- read: ${plural(result.history.runs, 'task run')} billed by the model; ${plural(b.lines, 'bill line')}, ${plural(b.usageLines, 'Fargate usage line')}${b.currencies.length > 0 ? ` (${b.currencies.join(', ')})` : ''}`,
    `- figures to ${RECONCILE_DECIMALS} decimal places here; JSON has them exact`,
    `- prices: ${catalogKind} ${a.catalog.path} (generated ${a.catalog.generatedAt.slice(0, 10)}, ${a.catalog.ageDays} days old)`,
  ];
  if (b.withoutResource > 0)
    lines.push(
      `! ${plural(b.withoutResource, 'usage line')} without a resource id (an export without resources): not matched to any task`,
    );
  if (b.invalid > 0)
    lines.push(`! ${plural(b.invalid, 'usage line')} with an amount or cost that is not a number: left out`);
  if (b.currencies.some((currency) => currency !== 'USD'))
    lines.push(`! the bill is in ${b.currencies.join(', ')}, the catalog in USD: costs cannot agree`);
  if (a.catalog.stale) lines.push(`! the price catalog is ${a.catalog.ageDays} days old: rates may have changed since`);
  return lines;
}

export function renderReconcileTable(raw: ReconcileResult, style: Style = PLAIN, width?: number, top = 20): string {
  const result = inertData(raw);
  const out: string[] = [
    `${style.bold('fargate-cost reconcile')}: ${reconcileHeadline(result)}`,
    countsLine(result),
    '',
    style.bold('Totals by dimension'),
    renderTable(totalColumns, totalRows(result), style, width),
    '',
  ];
  const shown = shownCells(result, top);
  if (shown.title !== null && shown.cells.length > 0) {
    out.push(
      style.bold(shown.title),
      renderTable(
        cellColumns,
        shown.cells.map((cell) => cellRow(cell, style)),
        style,
        width,
      ),
      '',
    );
  }
  const assumptions = assumptionLines(result);
  out.push(
    style.bold(assumptions[0]!),
    ...assumptions.slice(1).map((line) => (line.startsWith('! ') ? style.yellow(line) : line)),
  );
  return `${wrapText(out.join('\n'), width)}\n`;
}

export function renderReconcileMarkdown(raw: ReconcileResult, top = 20): string {
  const result = inertData(raw, inertMarkdown);
  const plain = createStyle(false);
  const out: string[] = [
    `### Fargate reconcile: ${reconcileHeadline(result)}`,
    '',
    countsLine(result),
    '',
    renderMarkdownTable(totalColumns, totalRows(result, '**total**')),
    '',
  ];
  const shown = shownCells(result, top);
  if (shown.title !== null && shown.cells.length > 0) {
    out.push(
      `#### ${shown.title}`,
      '',
      renderMarkdownTable(
        cellColumns,
        shown.cells.map((cell) => cellRow(cell, plain, (arn) => arn)),
      ),
      '',
    );
  }
  out.push(
    '<details><summary>Assumptions</summary>',
    '',
    ...markdownAssumptions(assumptionLines(result)),
    '',
    '</details>',
  );
  return `${out.join('\n')}\n`;
}

/** One row per cell, every cell (agreeing ones too). */
export function renderReconcileCsv(result: ReconcileResult): string {
  const header = [
    'task_arn',
    'hour',
    'dimension',
    'purchase',
    'status',
    'model_quantity',
    'bill_quantity',
    'quantity_difference',
    'model_cost',
    'bill_cost',
    'cost_difference',
    'rate',
    'bill_lines',
    'covered_lines',
    'tolerance',
  ];
  const rows = result.cells.map((cell) => [
    cell.taskArn,
    iso(cell.hourMs),
    cell.key,
    cell.purchase,
    cell.status,
    cell.model ? figure(cell.model.quantity) : '',
    cell.bill ? figure(cell.bill.quantity) : '',
    figure(cell.quantityDifference),
    cell.model ? figure(cell.model.cost) : '',
    cell.bill ? figure(cell.bill.cost) : '',
    figure(cell.costDifference),
    cell.model ? cell.model.rate.toString() : '',
    cell.bill ? String(cell.bill.lines) : '0',
    cell.bill ? String(cell.bill.coveredLines) : '0',
    cell.tolerance.toString(),
  ]);
  return renderCsv(header, rows);
}

export function renderReconcile(
  result: ReconcileResult,
  format: Format,
  style: Style = PLAIN,
  width?: number,
  meta?: JsonMeta,
  top = 20,
): string {
  switch (format) {
    case 'json':
      return stringifyJson(jsonDocument('reconcile', reconcileJson(result), meta));
    case 'csv':
      return renderReconcileCsv(result);
    case 'markdown':
      return renderReconcileMarkdown(result, top);
    case 'table':
      return renderReconcileTable(result, style, width, top);
  }
}
