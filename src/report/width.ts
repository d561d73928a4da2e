/**
 * Fitting text and tables to a terminal's width, for the report's tables on a terminal and for
 * explore alike. Widths are display widths of inert text (what the terminal shows), as ink measures
 * them (string-width): a CJK character or an emoji takes two columns, a combining mark none; colour
 * escapes count nothing. Text is cut between grapheme clusters, never inside one.
 */
import stringWidth from 'string-width';
import {inert} from './inert.js';

const SGR = /\u001B\[[0-9;]*m/g;

/** How many columns `text` takes on a terminal, colour escapes left out. */
export function visibleWidth(text: string): number {
  // Printable ASCII and the tool's own marks (the common case: names, figures, an ellipsis, a bar) are one column a character.
  if (ONE_COLUMN_EACH.test(text)) return text.length;
  return stringWidth(text.replace(SGR, ''));
}

/**
 * Characters one UTF-16 unit and one column each, whatever follows them: printable ASCII and the
 * marks the tool draws with itself (ellipsis, arrows, separators, bars, sparks, the spinner).
 */
export const ONE_COLUMN_MARKS = '…›‹↑↓←→·–—−█▏▎▍▌▋▊▉▁▂▃▄▅▆▇─│┤▲▼▸◂●◆×⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';
const ONE_COLUMN_EACH = new RegExp(`^[\\x20-\\x7e${ONE_COLUMN_MARKS}]*$`);

const graphemes = new Intl.Segmenter('en', {granularity: 'grapheme'});

/** The grapheme clusters of `text` (what a reader sees as one character), each with its width. */
function clusters(text: string): {readonly text: string; readonly width: number}[] {
  return [...graphemes.segment(text)].map(({segment}) => ({text: segment, width: stringWidth(segment)}));
}

/** The longest start of `text` no wider than `width`, cut between clusters. */
function cutTo(text: string, width: number): string {
  if (ONE_COLUMN_EACH.test(text)) return text.slice(0, Math.max(0, width));
  let used = 0;
  let out = '';
  for (const cluster of clusters(text)) {
    if (used + cluster.width > width) break;
    out += cluster.text;
    used += cluster.width;
  }
  return out;
}

/**
 * Text as the terminal shows it (inert: a control in a name is written as an escape, never acted
 * on) cut to a width, ending with an ellipsis when it had to cut. Every explore component prints
 * what it draws from inputs through this or the pads below.
 */
export function fit(raw: string, width: number): string {
  const text = inert(raw);
  if (visibleWidth(text) <= width) return text;
  if (width <= 0) return '';
  // A wide character that would straddle the edge is left out: the text may end a column short.
  return `${cutTo(text, width - 1)}…`;
}

/** Text (inert) padded with spaces on the right to `width` columns of display width. */
export function padEnd(raw: string, width: number): string {
  const text = inert(raw);
  const length = visibleWidth(text);
  return length >= width ? text : text + ' '.repeat(width - length);
}

/** Text (inert) padded with spaces on the left to `width` columns of display width. */
export function padStart(raw: string, width: number): string {
  const text = inert(raw);
  const length = visibleWidth(text);
  return length >= width ? text : ' '.repeat(width - length) + text;
}

/** Word-wraps plain text to lines no wider than `width` (a word longer than the width is cut). */
export function wrapLines(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of inert(text).split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (visibleWidth(candidate) <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = visibleWidth(word) > width ? fit(word, width) : word;
  }
  if (line) lines.push(line);
  return lines;
}

export interface ColumnSpec {
  readonly header: string;
  readonly align?: 'left' | 'right';
  /**
   * When the table is too wide, columns give way in order, lowest first: `shrink` cuts a column
   * down to `min` characters (its cells end with an ellipsis), `drop` leaves it out. A shrink and a
   * drop of the same order: the shrink first. Neither: the column always shows at its full width
   * (the cost, which is what the table is for).
   */
  readonly shrink?: {readonly order: number; readonly min: number};
  readonly drop?: number;
}

export interface FittedColumn {
  /** Index into the specs (and each row's cells). */
  readonly index: number;
  readonly header: string;
  readonly align: 'left' | 'right';
  readonly width: number;
}

type Step = {readonly order: number; readonly index: number} & (
  | {readonly kind: 'shrink'; readonly min: number}
  | {readonly kind: 'drop'}
);

/**
 * Column widths for a table of `rows` in `width` (columns two apart): the natural widths, then the
 * columns' steps taken in order (a shrink cuts only what is still too wide, a drop leaves a column
 * out) until the table fits, so what matters most (the cost) is the last to go. When every step is
 * taken and it still does not fit, the table is as narrow as it can be.
 */
export function fitTable(
  specs: readonly ColumnSpec[],
  rows: readonly (readonly string[])[],
  width: number,
): FittedColumn[] {
  const natural = specs.map((spec, i) =>
    Math.max(visibleWidth(inert(spec.header)), ...rows.map((cells) => visibleWidth(inert(cells[i] ?? '')))),
  );
  const steps: Step[] = specs
    .flatMap((spec, index): Step[] => [
      ...(spec.shrink ? [{kind: 'shrink' as const, order: spec.shrink.order, index, min: spec.shrink.min}] : []),
      ...(spec.drop === undefined ? [] : [{kind: 'drop' as const, order: spec.drop, index}]),
    ])
    .sort((a, b) => a.order - b.order || (a.kind === b.kind ? 0 : a.kind === 'shrink' ? -1 : 1));
  // Take the first `taken` steps: drops leave columns out, shrinks cut (in order) only what is still over.
  const layout = (taken: number) => {
    const dropped = new Set(steps.slice(0, taken).flatMap((step) => (step.kind === 'drop' ? [step.index] : [])));
    const shown = specs.map((_, i) => i).filter((i) => !dropped.has(i));
    const widths = [...natural];
    let over = shown.reduce((total, i) => total + widths[i]! + 2, 0) - 2 - width;
    for (const step of steps.slice(0, taken)) {
      if (over <= 0 || step.kind !== 'shrink' || dropped.has(step.index)) continue;
      const cut = Math.min(over, Math.max(0, widths[step.index]! - step.min));
      widths[step.index]! -= cut;
      over -= cut;
    }
    return {
      over,
      columns: shown.map((i) => ({
        index: i,
        header: specs[i]!.header,
        align: specs[i]!.align ?? 'left',
        width: widths[i]!,
      })),
    };
  };
  for (let taken = 0; taken < steps.length; taken++) {
    const fitted = layout(taken);
    if (fitted.over <= 0) return fitted.columns;
  }
  return layout(steps.length).columns;
}

/**
 * Where a wrapped line's continuation starts: under the text after a list marker (`- `, `! `,
 * `* `, `12. `), else two in from where the line starts, so it does not read as a line of its own.
 */
function hangingIndent(line: string): number {
  const [, spaces = '', marker] = /^( *)([-!*] |\d+\. )?/.exec(line.replace(SGR, '')) ?? [];
  return spaces.length + (marker === undefined ? 2 : marker.length);
}

/** A word cut into pieces, the first `first` wide and the rest `rest`, colour escapes kept with the characters they colour. */
function breakWord(word: string, first: number, rest: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let used = 0;
  const units = (word.match(/\u001B\[[0-9;]*m|[^\u001B]+|\u001B/g) ?? []).flatMap((part) =>
    part.startsWith('\u001B[') ? [{text: part, width: 0}] : clusters(part),
  );
  for (const {text: unit, width: visible} of units) {
    const width = pieces.length === 0 ? first : rest;
    if (used + visible > width && used > 0) {
      pieces.push(piece);
      piece = '';
      used = 0;
    }
    piece += unit;
    used += visible;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/**
 * One line of text wrapped at spaces to lines no wider than `width`; the lines after the first hang
 * under its indent and list marker, and a word wider than a line is broken. Colour escapes are kept
 * where they were (a terminal carries a colour onto the next line).
 */
export function wrapLine(line: string, width: number): string[] {
  if (visibleWidth(line) <= width) return [line];
  const indent = ' '.repeat(Math.min(hangingIndent(line), Math.floor(width / 2)));
  const lines: string[] = [];
  let current = '';
  let currentWidth = 0;
  const room = () => width - (lines.length === 0 ? 0 : indent.length);
  const push = () => {
    lines.push(`${lines.length === 0 ? '' : indent}${current.trimEnd()}`);
    current = '';
    currentWidth = 0;
  };
  // Leading spaces stay with the first line; then words and the spaces after them.
  const lead = /^ */.exec(line)![0];
  current = lead;
  currentWidth = lead.length;
  for (const [, word = '', spaces = ''] of line.slice(lead.length).matchAll(/([^ ]+)( *)/g)) {
    const wordWidth = visibleWidth(word);
    // A word that fits on a line of its own goes to the next line; a wider one is broken where it is.
    if (wordWidth <= room() && currentWidth + wordWidth > room() && current.trim() !== '') push();
    if (wordWidth > room() - currentWidth) {
      const pieces = breakWord(word, room() - currentWidth, width - indent.length);
      for (const piece of pieces.slice(0, -1)) {
        current += piece;
        push();
      }
      const last = pieces[pieces.length - 1] ?? '';
      current += last;
      currentWidth += visibleWidth(last);
    } else {
      current += word;
      currentWidth += wordWidth;
    }
    current += spaces;
    currentWidth += spaces.length;
  }
  if (current.trim() !== '' || lines.length === 0) push();
  return lines;
}

/** Every line of `text` wrapped to `width`; `undefined`: the text as it is (a pipe or a file takes every line whole). */
export function wrapText(text: string, width: number | undefined): string {
  if (width === undefined) return text;
  return text
    .split('\n')
    .flatMap((line) => wrapLine(line, width))
    .join('\n');
}
