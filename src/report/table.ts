import {converted, type MoneyFormat} from './money.js';
import {D, type Dec} from '../money/decimal.js';
import {inert} from './inert.js';
import {type ColumnSpec, fit, fitTable} from './width.js';
import {type Style, PLAIN} from './style.js';

/** A column: its header, alignment, and how it gives way on a narrow terminal (see ColumnSpec). */
export type Column = ColumnSpec;

/** A cell's text and the colour a terminal table paints it in; Markdown and CSV show the text alone. */
export interface Painted {
  readonly text: string;
  readonly paint: (text: string) => string;
}

export type Cell = string | Painted;

export const painted = (text: string, paint: (text: string) => string): Painted => ({text, paint});

const asIs = (text: string) => text;
const textOf = (cell: Cell): string => (typeof cell === 'string' ? cell : cell.text);
const paintOf = (cell: Cell): ((text: string) => string) => (typeof cell === 'string' ? asIs : cell.paint);

/**
 * A plain-text table: column widths from the data, money right-aligned, a rule under the header.
 * Every cell is made inert (a control in a name is shown escaped, not acted on), then painted.
 * Given a `width` (a terminal's), columns give way as their specs say until every line fits, the
 * cost last; without one (a pipe, a file) every column shows whole.
 */
export function renderTable(
  columns: readonly Column[],
  rows: readonly (readonly Cell[])[],
  style: Style = PLAIN,
  width?: number,
): string {
  const texts = rows.map((row) => row.map((cell) => inert(textOf(cell))));
  const fitted = fitTable(columns, texts, width ?? Number.POSITIVE_INFINITY);
  const line = (cells: readonly string[], paints: readonly ((text: string) => string)[] = []) =>
    fitted
      .map((column) => {
        const text = fit(cells[column.index] ?? '', column.width);
        const gap = ' '.repeat(Math.max(0, column.width - [...text].length));
        const shown = (paints[column.index] ?? asIs)(text);
        return column.align === 'right' ? gap + shown : shown + gap;
      })
      .join('  ')
      .trimEnd();
  const rule = columns.map(() => '');
  for (const column of fitted) rule[column.index] = '─'.repeat(column.width);
  return [
    style.bold(line(columns.map((column) => column.header))),
    style.dim(line(rule)),
    ...texts.map((row, r) => line(row, rows[r]!.map(paintOf))),
  ].join('\n');
}

/**
 * A Markdown table (GitHub flavour). Every cell is made inert (a newline in a name cannot end the
 * row) and its pipes are escaped (a `|` in a name cannot open a column).
 */
export function renderMarkdownTable(columns: readonly Column[], rows: readonly (readonly Cell[])[]): string {
  const cell = (text: string) => inert(text).replace(/\|/g, '\\|');
  return [
    `| ${columns.map((column) => cell(column.header)).join(' | ')} |`,
    `| ${columns.map((column) => (column.align === 'right' ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.map((item) => cell(textOf(item))).join(' | ')} |`),
  ].join('\n');
}

/**
 * Decimal places of every computed figure in CSV: money, quantities, percentages, shares. A millionth
 * of a dollar keeps the smallest bill visible (one minimum-billed minute of 0.25 vCPU and 0.5 GB is
 * $0.000206) and stays within the 15 significant digits a spreadsheet keeps. Rates are printed as
 * published; JSON has every figure exact.
 */
export const CSV_DECIMALS = 6;

/** A computed figure for CSV: exactly CSV_DECIMALS places, rounded half up (as invoices round); '' for none. */
export function csvFigure(value: Dec | null | undefined): string {
  return value === null || value === undefined
    ? ''
    : value.toDecimalPlaces(CSV_DECIMALS, D.ROUND_HALF_UP).toFixed(CSV_DECIMALS);
}

/** Money for CSV: a computed figure in the currency shown (converted exactly, then rounded); '' for none. */
export function csvMoney(money: MoneyFormat, usd: Dec | null | undefined): string {
  return csvFigure(usd === null || usd === undefined ? usd : converted(money, usd));
}

/** What makes a spreadsheet read a cell as a formula when it comes first (OWASP): = + - @ tab, carriage return. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain decimal number, negative ones too (-0.5): a spreadsheet reads it as the number it is. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * CSV (RFC 4180) for spreadsheets: every field made inert; a field that would start a formula is
 * neutralised as OWASP recommends, a single quote before it and the field quoted
 * (`"'=cmd|' /C calc'!A0"`), plain numbers aside; fields with commas or quotes are quoted.
 */
export function renderCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const quoted = (text: string) => `"${text.replace(/"/g, '""')}"`;
  const field = (raw: string) => {
    const text = inert(raw);
    if (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) return quoted(`'${text}`);
    return /[",\n\r]/.test(text) ? quoted(text) : text;
  };
  return [header, ...rows].map((row) => row.map(field).join(',')).join('\n') + '\n';
}
