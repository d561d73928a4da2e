/**
 * Pure layout maths from the terminal's size: which arrangement fits, how wide each column is, how
 * long a bar is. Components read the result and never measure anything themselves.
 */
import {D, type Dec} from '../money/decimal.js';
import {fit, visibleWidth} from '../report/width.js';
import {SHORT_VIEW_LABELS, VIEW_LABELS, type ViewId} from './state/app.js';

/** Below this the full view does not fit; the app says so and switches to a compact layout. */
export const MIN_COLUMNS = 80;
/** From this width the settings sit beside the options instead of above them. */
export const WIDE_COLUMNS = 120;
/** The settings panel's width when it sits beside the options. */
export const SIDE_PANEL_WIDTH = 46;
export const MAX_BAR_WIDTH = 48;
/** From this width the settings are shown in two columns (when they are not beside the options). */
export const TWO_SETTING_COLUMNS = 60;

export type LayoutMode = 'compact' | 'stacked' | 'wide';

export interface Layout {
  readonly columns: number;
  readonly rows: number;
  readonly mode: LayoutMode;
  /** True below MIN_COLUMNS: the app shows a one-line notice. */
  readonly narrow: boolean;
  /** Settings shown in one column, or two side by side (stacked mode saves rows that way). */
  readonly settingsColumns: 1 | 2;
  readonly settingsWidth: number;
  readonly optionsWidth: number;
  /**
   * Rows the app draws: one fewer than the terminal, because ink clears the whole screen on every
   * frame once its output is as tall as the terminal.
   */
  readonly frameRows: number;
  /** Rows between the header and the footer. */
  readonly bodyRows: number;
}

/** The terminal row (from 1, as the mouse reports it) of the body's first line: under the header, the summary bar and the narrow notice. */
export function bodyTop(layout: Pick<Layout, 'narrow'>): number {
  return 3 + (layout.narrow ? 1 : 0);
}

export function layoutFor(columns: number, rows: number): Layout {
  const narrow = columns < MIN_COLUMNS;
  const mode: LayoutMode = narrow ? 'compact' : columns >= WIDE_COLUMNS ? 'wide' : 'stacked';
  const frameRows = Math.max(3, rows - 1);
  // Header, summary bar, footer, and the narrow notice when there is one.
  const bodyRows = Math.max(1, frameRows - 3 - (narrow ? 1 : 0));
  const inner = Math.max(20, columns - 2);
  if (mode === 'wide') {
    return {
      columns,
      rows,
      mode,
      narrow,
      settingsColumns: 1,
      settingsWidth: SIDE_PANEL_WIDTH,
      optionsWidth: inner - SIDE_PANEL_WIDTH - 2,
      frameRows,
      bodyRows,
    };
  }
  // Two columns of settings save five rows; below 60 columns each would be too cramped to read.
  const settingsColumns = columns >= TWO_SETTING_COLUMNS ? 2 : 1;
  return {columns, rows, mode, narrow, settingsColumns, settingsWidth: inner, optionsWidth: inner, frameRows, bodyRows};
}

export interface OptionColumns {
  /** Full labels ("Compute SP 3 yr Partial Upfront") or short ones ("SP 3y partial"). */
  readonly shortLabels: boolean;
  readonly labelWidth: number;
  readonly moneyWidth: number;
  readonly savingWidth: number;
  /** 0 when there is no room for bars. */
  readonly barWidth: number;
}

const GAP = 2;
const MIN_BAR_WIDTH = 8;

/**
 * Column widths for the options table, sized from its data (the widest label and amount) within
 * the panel: full labels when they leave room for a bar, otherwise short labels, otherwise no bar.
 */
export function optionColumns(
  panelWidth: number,
  widest: {label: number; shortLabel: number; money: number; saving: number},
): OptionColumns {
  const fixed = (labelWidth: number) => labelWidth + GAP + widest.money + GAP + widest.saving + GAP;
  const barFor = (labelWidth: number) => Math.min(MAX_BAR_WIDTH, panelWidth - fixed(labelWidth));
  if (barFor(widest.label) >= MIN_BAR_WIDTH) {
    return {
      shortLabels: false,
      labelWidth: widest.label,
      moneyWidth: widest.money,
      savingWidth: widest.saving,
      barWidth: barFor(widest.label),
    };
  }
  const bar = barFor(widest.shortLabel);
  return {
    shortLabels: true,
    labelWidth: widest.shortLabel,
    moneyWidth: widest.money,
    savingWidth: widest.saving,
    barWidth: bar >= MIN_BAR_WIDTH ? bar : 0,
  };
}

const PARTIAL_BLOCKS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/**
 * A horizontal bar `value / max` of `width` cells, drawn in eighths of a cell. The length is a
 * cell count for drawing, not money: rounding it is presentation, like formatting an amount.
 */
export function barText(value: Dec, max: Dec, width: number): string {
  if (width <= 0 || max.lte(0) || value.lte(0)) return '';
  const ratio = value.gte(max) ? new D(1) : value.div(max);
  const eighths = Number(
    ratio
      .times(width * 8)
      .toDecimalPlaces(0, D.ROUND_HALF_UP)
      .toFixed(0),
  );
  // Something above zero always shows.
  const cells = Math.max(1, eighths);
  return '█'.repeat(Math.floor(cells / 8)) + PARTIAL_BLOCKS[cells % 8]!;
}

export {shortOptionLabel} from '../report/text.js';

/**
 * Joins hints into one line no wider than `width`, dropping whole hints from the end (never cutting
 * one in half) and keeping the last `keep` (help and quit) whatever else is dropped.
 */
export function fitHints(hints: readonly string[], width: number, keep = 2, separator = '  '): string {
  const tail = hints.slice(Math.max(0, hints.length - keep));
  const head = hints.slice(0, Math.max(0, hints.length - keep));
  const join = (parts: readonly string[]) => parts.join(separator);
  while (head.length > 0 && visibleWidth(join([...head, ...tail])) > width) head.pop();
  return fit(join([...head, ...tail]), width);
}

/**
 * Segments joined by " · " on at most `maxRows` rows of `width`, in order: a segment goes on the
 * last row when it fits there, else starts a row; one that finds no room is left out whole (and one
 * wider than a row is cut). Put what a reader must see first.
 */
export function packSegments(segments: readonly string[], width: number, maxRows: number): string[] {
  const rows: string[] = [];
  for (const segment of segments) {
    const last = rows[rows.length - 1];
    if (last !== undefined && visibleWidth(last) + 3 + visibleWidth(segment) <= width)
      rows[rows.length - 1] = `${last} · ${segment}`;
    else if (rows.length < maxRows) rows.push(fit(segment, width));
  }
  return rows;
}

/**
 * Where a cut list stands: "12–30 of 40" (rows counted from 1, both ends shown), or '' when every
 * row is on screen. Every list that can be cut says it this way.
 */
export function listPosition(offset: number, shown: number, total: number): string {
  if (shown >= total || shown <= 0) return '';
  const n = (count: number) => count.toLocaleString('en-US');
  return `${n(offset + 1)}–${n(offset + shown)} of ${n(total)}`;
}

/**
 * The mark in a cut list's left margin for its `i`th row on screen: ↑ on the first when rows are
 * hidden above it, ↓ on the last when rows are hidden below it, else a space.
 */
export function edgeMark(i: number, shown: number, offset: number, total: number): '↑' | '↓' | ' ' {
  if (i === 0 && offset > 0) return '↑';
  if (i === shown - 1 && offset + shown < total) return '↓';
  return ' ';
}

export interface Section {
  readonly id: string;
  readonly rows: number;
  /** 0: always shown; otherwise the higher, the sooner it gives way when rows run short. */
  readonly dropOrder: number;
}

/**
 * The sections that fit in `rows`: optional ones are dropped, highest dropOrder first, until the
 * rest fits. Required sections stay even when they do not fit (the frame clips what is below).
 */
export function fitSections(rows: number, sections: readonly Section[]): Set<string> {
  const shown = new Set(sections.map((section) => section.id));
  const height = () =>
    sections.filter((section) => shown.has(section.id)).reduce((total, section) => total + section.rows, 0);
  const optional = sections.filter((section) => section.dropOrder > 0).sort((a, b) => b.dropOrder - a.dropOrder);
  for (const section of optional) {
    if (height() <= rows) break;
    shown.delete(section.id);
  }
  return shown;
}

/** Rows a shown set of sections takes. */
export function sectionRows(sections: readonly Section[], shown: ReadonlySet<string>): number {
  return sections.filter((section) => shown.has(section.id)).reduce((total, section) => total + section.rows, 0);
}

/** How many rows the Estimate view's parts take, for its layout mode. */
export interface EstimateParts {
  readonly settingsRows: number;
  /** The options table without its heading (or the lines saying why it cannot price). */
  readonly optionRows: number;
  readonly savingRows: number;
  readonly changeRows: number;
  /** Rate groups plus the catalog line; 0 when nothing was priced. */
  readonly rateRows: number;
}

/**
 * The Estimate view's sections in order with what gives way first when rows are short: blank
 * separators, then the equivalent command, the table heading, the saving, the change. Wide
 * terminals put settings and options side by side, so they form one block.
 */
export function estimateSections(layout: Pick<Layout, 'mode'>, parts: EstimateParts): Section[] {
  if (layout.mode === 'wide') {
    return [
      {id: 'title', rows: 1, dropOrder: 0},
      {
        id: 'top',
        rows: Math.max(parts.settingsRows, 1 + parts.optionRows + parts.savingRows + parts.changeRows),
        dropOrder: 0,
      },
      {id: 'gap-rates', rows: parts.rateRows > 0 ? 1 : 0, dropOrder: 10},
      {id: 'rates', rows: parts.rateRows, dropOrder: 0},
      {id: 'same-as', rows: 1, dropOrder: 5},
    ];
  }
  return [
    {id: 'title', rows: 1, dropOrder: 0},
    {id: 'settings', rows: parts.settingsRows, dropOrder: 0},
    {id: 'gap-options', rows: 1, dropOrder: 11},
    {id: 'options-header', rows: 1, dropOrder: 4},
    {id: 'options', rows: parts.optionRows, dropOrder: 0},
    {id: 'saving', rows: parts.savingRows, dropOrder: 3},
    {id: 'change', rows: parts.changeRows, dropOrder: 2},
    {id: 'gap-rates', rows: parts.rateRows > 0 ? 1 : 0, dropOrder: 10},
    {id: 'rates', rows: parts.rateRows, dropOrder: 0},
    {id: 'same-as', rows: 1, dropOrder: 5},
  ];
}

/** The header's title when it fits. */
export const HEADER_TITLE = 'fargate-cost explore';

export interface HeaderTab {
  readonly view: ViewId;
  /** The label drawn (padded with a space each side): whole, or short for a tab that is not active. */
  readonly label: string;
  /** Columns from 1, `from` to `to` inclusive: the padded label. */
  readonly from: number;
  readonly to: number;
}

export interface HeaderLayout {
  /** The title shown before the tabs: whole, shortened, or none. */
  readonly title: string | null;
  /** The spaces before each tab (none before the first when there is no title). */
  readonly gap: string;
  /** The tabs shown, in order, and where each sits on the header's row; a click reads these. */
  readonly tabs: readonly HeaderTab[];
  /** '‹' when tabs are hidden before the first one shown (drawn just before it), else ''. */
  readonly before: string;
  /** '›' when tabs are hidden after the last one shown (drawn just after it), else ''. */
  readonly after: string;
  /** Columns the title, the marks and the tabs take: always less than the width. */
  readonly used: number;
}

export const HIDDEN_BEFORE = '‹';
export const HIDDEN_AFTER = '›';

/**
 * The header on one line less than `width` columns whatever the number of views: the title shortens,
 * then goes, then the gaps between the tabs narrow, then the tabs that are not active take short
 * labels ("Recon", "Hist"), then they give way around the active one, a ‹ or › saying more are hidden
 * on that side. The active tab is always shown whole (cut only when it and its marks are wider than the row).
 * Header draws it and a mouse click is read against it, so the two cannot disagree.
 */
export function headerLayout(views: readonly ViewId[], width: number, active: ViewId): HeaderLayout {
  const activeAt = Math.max(0, views.indexOf(active));
  const full = views.map((view) => VIEW_LABELS[view]);
  const short = views.map((view, i) => (i === activeAt ? VIEW_LABELS[view] : SHORT_VIEW_LABELS[view]));
  const sum = (labels: readonly string[], lo: number, hi: number) =>
    labels.slice(lo, hi + 1).reduce((total, label) => total + visibleWidth(label) + 2, 0);
  // A window of tabs lo..hi (inclusive) after a title, each gap before a tab, marks for what is hidden.
  const usedBy = (title: string | null, gap: number, labels: readonly string[], lo: number, hi: number) =>
    (title === null ? 0 : visibleWidth(title)) +
    sum(labels, lo, hi) +
    gap * (title === null ? hi - lo : hi - lo + 1) +
    (lo > 0 ? 1 : 0) +
    (hi < views.length - 1 ? 1 : 0);
  const last = views.length - 1;
  const choices: [string | null, number, readonly string[]][] = [
    [HEADER_TITLE, 2, full],
    ['fargate-cost', 2, full],
    ['fargate-cost', 1, full],
    [null, 2, full],
    [null, 1, full],
    [null, 1, short],
    [null, 0, short],
  ];
  const whole = choices.find(([t, g, labels]) => usedBy(t, g, labels, 0, last) < width);
  if (whole) return placeTabs(views, whole[0], whole[1], whole[2], 0, last, width);
  // Too many tabs for the row: grow a window around the active one, a tab to the right then one to
  // the left, while it fits.
  let lo = activeAt;
  let hi = activeAt;
  for (let grew = true; grew; ) {
    grew = false;
    if (hi < last && usedBy(null, 0, short, lo, hi + 1) < width) {
      hi += 1;
      grew = true;
    }
    if (lo > 0 && usedBy(null, 0, short, lo - 1, hi) < width) {
      lo -= 1;
      grew = true;
    }
  }
  return placeTabs(views, null, 0, short, lo, hi, width);
}

function placeTabs(
  views: readonly ViewId[],
  title: string | null,
  gap: number,
  labels: readonly string[],
  lo: number,
  hi: number,
  width: number,
): HeaderLayout {
  const before = lo > 0 ? HIDDEN_BEFORE : '';
  const after = hi < views.length - 1 ? HIDDEN_AFTER : '';
  let column = (title === null ? 0 : visibleWidth(title)) + visibleWidth(before);
  const tabs: HeaderTab[] = [];
  for (let i = lo; i <= hi; i++) {
    const space = title !== null || i > lo ? gap : 0;
    // Only a lone tab that, with its marks, is wider than the row is ever cut.
    let label = labels[i]!;
    const room = width - 1 - column - space - 2 - visibleWidth(after);
    if (lo === hi && visibleWidth(label) > room) label = fit(label, Math.max(1, room));
    const from = column + space + 1;
    column += space + visibleWidth(label) + 2;
    tabs.push({view: views[i]!, label, from, to: column});
  }
  return {title, gap: ' '.repeat(gap), tabs, before, after, used: column + visibleWidth(after)};
}
