import {fit} from '../../report/width.js';
import {listPosition} from '../layout.js';

/**
 * The Diff, Reconcile and Rightsize views show what their commands print, pure: the command's
 * table text (src/report/*, plain, at the view's width), its headline kept on screen, the rest
 * (tables, notes, assumptions) scrolling under it. Names in it are already inert (the renderers
 * pass the result through inertData); every line is cut to the width by display width.
 */

/** How a line is drawn: the headline, a section's title, a table's header or rule, text, a note, a warning. */
export type ReportLineKind = 'headline' | 'title' | 'header' | 'rule' | 'text' | 'note' | 'warning';

export interface ReportLine {
  readonly text: string;
  readonly kind: ReportLineKind;
}

export interface ReportText {
  /** Always on screen: the lines before the report's first blank line. */
  readonly head: readonly ReportLine[];
  /** Scrolls under the head. */
  readonly body: readonly ReportLine[];
}

export const NO_REPORT: ReportText = {head: [], body: []};

const RULE = /^─/;

function kindOf(lines: readonly string[], i: number): ReportLineKind {
  const text = lines[i]!;
  if (RULE.test(text)) return 'rule';
  if (RULE.test(lines[i + 1] ?? '')) return 'header';
  if (text.startsWith('! ')) return 'warning';
  if (text.startsWith('- ')) return 'note';
  // A line after a blank one, and not a table's: a section's title ("Every purchase option, in total").
  if (text !== '' && (i === 0 || lines[i - 1] === '')) return 'title';
  return 'text';
}

/** A command's plain table text (already wrapped to `width`) as the view's head and body. */
export function reportText(rendered: string, width: number): ReportText {
  const lines = rendered.replace(/\n+$/, '').split('\n');
  const blank = lines.indexOf('');
  const headCount = blank === -1 ? lines.length : blank;
  const head = lines
    .slice(0, headCount)
    .map((text, i): ReportLine => ({text: fit(text, width), kind: i === 0 ? 'headline' : 'text'}));
  const rest = lines.slice(headCount);
  while (rest[0] === '') rest.shift();
  const body = rest.map((text, i): ReportLine => ({text: fit(text, width), kind: kindOf(rest, i)}));
  return {head, body};
}

/** Where the body is on screen: its first line, how many lines show, and whether a line under them says where. */
export interface ReportPage {
  readonly top: number;
  readonly rows: number;
  /** The last first line there is. */
  readonly maxTop: number;
  readonly scrolls: boolean;
}

/** The body's page within `bodyRows` under the head; `top` is kept within the body (a resize can leave it past the end). */
export function reportPage(
  text: {readonly head: readonly unknown[]; readonly body: readonly unknown[]},
  bodyRows: number,
  top: number,
): ReportPage {
  const room = Math.max(1, bodyRows - text.head.length);
  if (text.body.length <= room) return {top: 0, rows: text.body.length, maxTop: 0, scrolls: false};
  // One row for the line saying where the page is.
  const rows = Math.max(1, room - 1);
  const maxTop = text.body.length - rows;
  return {top: Math.max(0, Math.min(top, maxTop)), rows, maxTop, scrolls: true};
}

/** The line under a cut body: "lines 12–30 of 40", as every cut list says it. */
export function reportScrollLine(page: ReportPage, total: number): string {
  return `lines ${listPosition(page.top, page.rows, total)}`;
}

export interface ReportPageState {
  /** The body's first line on screen. */
  readonly top: number;
}

export const initialReportPageState: ReportPageState = {top: 0};

export type ReportPageAction =
  /** `max`: the last first line there is (reportPage's maxTop). */
  | {readonly type: 'scroll'; readonly step: number; readonly max: number}
  | {readonly type: 'edge'; readonly to: 'first' | 'last'; readonly max: number};

export function reportPageReducer(state: ReportPageState, action: ReportPageAction): ReportPageState {
  const top =
    action.type === 'scroll'
      ? Math.max(0, Math.min(action.max, Math.min(state.top, action.max) + action.step))
      : action.to === 'first'
        ? 0
        : Math.max(0, action.max);
  return top === state.top ? state : {top};
}
