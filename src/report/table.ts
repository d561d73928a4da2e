import {inert} from './inert.js';
import {type Style, PLAIN} from './style.js';

export interface Column {
  readonly header: string;
  readonly align?: 'left' | 'right';
}

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
const widthOf = (text: string) => [...text].length;

/**
 * A plain-text table: column widths from the data, money right-aligned, a rule under the header.
 * Every cell is made inert (a control in a name is shown escaped, not acted on), then painted.
 */
export function renderTable(
  columns: readonly Column[],
  rows: readonly (readonly Cell[])[],
  style: Style = PLAIN,
): string {
  const headers = columns.map((column) => inert(column.header));
  const texts = rows.map((row) => row.map((cell) => inert(textOf(cell))));
  const widths = headers.map((header, i) => Math.max(widthOf(header), ...texts.map((row) => widthOf(row[i] ?? ''))));
  const line = (cells: readonly string[], paints: readonly ((text: string) => string)[] = []) =>
    cells
      .map((text, i) => {
        const gap = ' '.repeat(Math.max(0, widths[i]! - widthOf(text)));
        const shown = (paints[i] ?? asIs)(text);
        return columns[i]!.align === 'right' ? gap + shown : shown + gap;
      })
      .join('  ')
      .trimEnd();
  return [
    style.bold(line(headers)),
    style.dim(line(widths.map((width) => '─'.repeat(width)))),
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

/** CSV (RFC 4180): every field made inert; fields with commas or quotes are quoted. */
export function renderCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const field = (raw: string) => {
    const text = inert(raw);
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [header, ...rows].map((row) => row.map(field).join(',')).join('\n') + '\n';
}
