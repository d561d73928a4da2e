import type {BillResult, BillRow} from '../../model/bill.js';
import {
  billForWords,
  billHeaderLines,
  billMoney,
  billNotes,
  billProjectionLines,
  billRowsTable,
  billSavingsPlanLines,
  billTotalLines,
  billUtilisationTable,
} from '../../report/bill.js';
import {PLAIN} from '../../report/style.js';
import {renderTable} from '../../report/table.js';
import {fit, wrapLine} from '../../report/width.js';
import {
  initialReportPageState,
  type ReportPage,
  type ReportPageAction,
  type ReportPageState,
  reportPage,
  reportPageReducer,
} from './report-page.js';

/**
 * The Bill view's text and its scrolling, pure: the bill's figures in the words `history BILL`
 * prints (src/report/bill.ts), cut to the terminal's width. The head (what was read, the
 * headline, the Savings Plans) stays on screen; the body (groups, measured use, projection,
 * notes) scrolls.
 */

/** How a line is drawn: a section's title, the headline, a table's header or rule, text, or a quiet line. */
export type BillLineKind = 'title' | 'headline' | 'header' | 'rule' | 'text' | 'dim';

export interface BillViewLine {
  readonly text: string;
  readonly kind: BillLineKind;
}

export interface BillViewText {
  /** Always on screen. */
  readonly head: readonly BillViewLine[];
  /** Scrolls under the head. */
  readonly body: readonly BillViewLine[];
}

const line = (text: string, kind: BillLineKind): BillViewLine => ({text, kind});
const wrapped = (text: string, kind: BillLineKind, width: number) =>
  wrapLine(text, width).map((part) => line(part, kind));

function table(title: string, shape: {columns: Parameters<typeof renderTable>[0]; cells: string[][]}, width: number) {
  const rows = renderTable(shape.columns, shape.cells, PLAIN, width).split('\n');
  return [
    line(fit(title, width), 'title'),
    ...rows.map((row, i) => line(row, i === 0 ? 'header' : i === 1 ? 'rule' : 'text')),
  ];
}

/**
 * The orders of the bill's groups, in the order `>` cycles them: what they cost as paid (most
 * first: the bill's own order, as `history BILL` prints it), their tasks (most first; a group that
 * counts none last), their vCPU-hours (most first: the usage, whatever it was paid at), their name
 * (A to Z).
 */
export const BILL_SORTS = ['paid', 'tasks', 'vcpu', 'name'] as const;
export type BillSort = (typeof BILL_SORTS)[number];

/** What the groups' title says of their order, in the table's own column names: "by paid ↓", "by group ↑". */
export function billSortLabel(sort: BillSort): string {
  return {paid: 'by paid ↓', tasks: 'by tasks ↓', vcpu: 'by vCPU-h ↓', name: 'by group ↑'}[sort];
}

/** Names compared by code unit, so the order is the same on every machine and locale. */
const byName = (a: BillRow, b: BillRow) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * The groups in an order, amounts compared exactly as decimals; ties by name (A to Z), so every
 * order is the same from run to run.
 */
export function sortBillGroups(groups: readonly BillRow[], sort: BillSort): readonly BillRow[] {
  const compare: Record<BillSort, (a: BillRow, b: BillRow) => number> = {
    paid: (a, b) => b.paid.cmp(a.paid) || byName(a, b),
    tasks: (a, b) => (b.tasks ?? -1) - (a.tasks ?? -1) || byName(a, b),
    vcpu: (a, b) => b.vcpuHours.cmp(a.vcpuHours) || byName(a, b),
    name: byName,
  };
  return [...groups].sort(compare[sort]);
}

/**
 * The view's lines at `width` columns, the groups in the order asked (the bill's, by paid, by
 * default). Names from the bill (paths, services) are inert.
 */
export function billViewText(raw: BillResult, width: number, sort: BillSort = 'paid'): BillViewText {
  const words = billForWords(raw);
  const result = {...words, groups: sortBillGroups(words.groups, sort)};
  const money = billMoney(result, PLAIN);
  const [readLine = '', windowLine] = billHeaderLines(result);
  const head: BillViewLine[] = [line(fit(readLine, width), 'title')];
  if (windowLine !== undefined) head.push(line(fit(windowLine, width), 'dim'));
  billTotalLines(result, money).forEach((text, i) => {
    head.push(...wrapped(text, i === 0 ? 'headline' : 'text', width));
  });
  const plans = billSavingsPlanLines(result, money);
  if (plans.length > 0) {
    head.push(line('Savings Plans', 'title'));
    for (const text of plans) head.push(...wrapped(text, 'text', width));
  }

  const storage = !result.totals.storageGbHours.isZero();
  const body: BillViewLine[] = [
    ...table(
      `By group (${result.groups.length})  ${billSortLabel(sort)}`,
      billRowsTable('group', result.groups, money, true, storage),
      width,
    ),
  ];
  if (result.utilisation.length > 0) {
    body.push(
      line('', 'text'),
      ...table('Measured against reserved (split cost allocation data)', billUtilisationTable(result), width),
    );
  }
  const projection = billProjectionLines(result, {...PLAIN, money});
  if (projection.length > 0) {
    body.push(line('', 'text'));
    projection.forEach((text, i) => {
      body.push(...wrapped(text, i === 0 ? 'title' : 'text', width));
    });
  }
  body.push(line('', 'text'), line('Notes', 'title'));
  for (const note of billNotes(result)) body.push(...wrapped(`- ${note}`, 'dim', width));
  return {head, body};
}

/** The Bill view pages its body as the report views do. */
export type BillPage = ReportPage;
export const billPage = reportPage;

/** The scroll line under a page that does not show the whole body. */
export function billScrollLine(page: BillPage, total: number): string {
  const last = Math.min(total, page.top + page.rows);
  return `lines ${page.top + 1}–${last} of ${total}${last < total ? ' ↓' : ''}${page.top > 0 ? ' ↑' : ''}`;
}

/**
 * The Bill view scrolls as the report views do (one first line on screen, moved by a step or to an
 * edge), and its groups have an order. A new order keeps the page where it is: the groups' table
 * has the same lines, only their order changes.
 */
export interface BillViewState extends ReportPageState {
  readonly sort: BillSort;
}
export const initialBillState: BillViewState = {...initialReportPageState, sort: 'paid'};
export type BillAction = ReportPageAction | {readonly type: 'next-sort'};

export function billReducer(state: BillViewState, action: BillAction): BillViewState {
  if (action.type === 'next-sort') {
    return {...state, sort: BILL_SORTS[(BILL_SORTS.indexOf(state.sort) + 1) % BILL_SORTS.length]!};
  }
  const page = reportPageReducer(state, action);
  return page.top === state.top ? state : {...state, top: page.top};
}
