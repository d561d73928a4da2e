import {type Style, PLAIN, visibleWidth} from './style.js';

export interface Column {
  readonly header: string;
  readonly align?: 'left' | 'right';
}

/** A plain-text table: column widths from the data, money right-aligned, a rule under the header. */
export function renderTable(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
  style: Style = PLAIN,
): string {
  const widths = columns.map((column, i) =>
    Math.max(visibleWidth(column.header), ...rows.map((row) => visibleWidth(row[i] ?? ''))),
  );
  const pad = (text: string, i: number) => {
    const gap = ' '.repeat(Math.max(0, widths[i]! - visibleWidth(text)));
    return columns[i]!.align === 'right' ? gap + text : text + gap;
  };
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => pad(cell, i))
      .join('  ')
      .trimEnd();
  return [
    style.bold(line(columns.map((column) => column.header))),
    style.dim(line(widths.map((width) => '─'.repeat(width)))),
    ...rows.map(line),
  ].join('\n');
}

/** A Markdown table (GitHub flavour); pipes in cells are escaped. */
export function renderMarkdownTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  return [
    `| ${columns.map((column) => cell(column.header)).join(' | ')} |`,
    `| ${columns.map((column) => (column.align === 'right' ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');
}

/** CSV (RFC 4180): fields with commas, quotes or newlines are quoted. */
export function renderCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const field = (text: string) => (/[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  return [header, ...rows].map((row) => row.map(field).join(',')).join('\n') + '\n';
}
