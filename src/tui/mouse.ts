/**
 * The mouse, where the terminal reports it: SGR mouse reporting (xterm's 1000 and 1006 modes) is on
 * while explore runs. A report reaches the app as an escape sequence ink does not name; it is read
 * here, never as keys: the wheel scrolls, a click on a tab switches views.
 */
import {type HeaderLayout, headerLayout} from './layout.js';
import type {ViewId} from './state/app.js';

/** Button presses and the wheel (1000), reported as SGR sequences (1006): `ESC [ < b ; x ; y M`. */
export const ENABLE_MOUSE = '\u001B[?1000h\u001B[?1006h';
export const DISABLE_MOUSE = '\u001B[?1006l\u001B[?1000l';

/** x and y count from 1, as the terminal reports them: column 1 is the leftmost, row 1 the top. */
export type MouseEvent =
  | {readonly kind: 'wheel'; readonly step: 1 | -1; readonly x: number; readonly y: number}
  | {readonly kind: 'press'; readonly button: 'left' | 'middle' | 'right'; readonly x: number; readonly y: number}
  /** A release, a drag, a button beyond three: read, so it is never typed, and ignored. */
  | {readonly kind: 'other'};

/** What ink hands over of an SGR report: the sequence without its ESC. */
const SGR = /^\[<(\d{1,4});(\d{1,5});(\d{1,5})([Mm])$/;

/**
 * An SGR mouse report (ink's input, the ESC already cut), or null for anything else. The button
 * code's low two bits are the button, 4/8/16 are Shift/Alt/Ctrl, 32 a drag, 64 the wheel.
 */
export function parseMouse(input: string): MouseEvent | null {
  const match = SGR.exec(input);
  if (!match) return null;
  const code = Number(match[1]);
  const x = Number(match[2]);
  const y = Number(match[3]);
  const release = match[4] === 'm';
  if (code & 32 || release) return {kind: 'other'};
  if (code & 64) {
    const button = code & 3;
    return button === 0
      ? {kind: 'wheel', step: -1, x, y}
      : button === 1
        ? {kind: 'wheel', step: 1, x, y}
        : {kind: 'other'};
  }
  if (code & 128) return {kind: 'other'};
  const button = (['left', 'middle', 'right'] as const)[code & 3];
  return button ? {kind: 'press', button, x, y} : {kind: 'other'};
}

/**
 * The legacy (X10) report, `ESC [ M` and three bytes, from a terminal that ignores 1006: ink hands
 * over `[M`, then the three bytes as if typed. They are dropped, never read as keys.
 */
export const X10_PREFIX = '[M';
export const X10_BYTES = 3;

/**
 * Where each shown tab sits on the header's row at this width with `active` open (Header.tsx draws the
 * same `headerLayout`; tabs hidden behind a ‹ or › are not there, so not clickable).
 */
export function tabRanges(views: readonly ViewId[], width: number, active: ViewId): HeaderLayout['tabs'] {
  return headerLayout(views, width, active).tabs;
}

/** The tab under column `x` of the header's row, if any. */
export function tabAt(views: readonly ViewId[], x: number, width: number, active: ViewId): ViewId | undefined {
  return tabRanges(views, width, active).find((range) => x >= range.from && x <= range.to)?.view;
}
