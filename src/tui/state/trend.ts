import {type Dec, MS_PER_HOUR, ZERO} from '../../money/decimal.js';
import {sparkCells} from './history.js';

/**
 * The History view's hourly trend: values per clock hour drawn as one line of cells, each cell the
 * sum of the same number of hours, with a date axis under it. A last cell that would hold fewer
 * hours than the others is left out (it would look like a collapse), and the view says how many
 * hours that leaves out. Cell heights are drawing, not money.
 */
export interface Trend {
  readonly line: string;
  /** The largest cell's sum. */
  readonly max: Dec;
  readonly hoursPerCell: number;
  /** Hours at the end not drawn: they would fill only part of a cell. */
  readonly hoursLeftOut: number;
  /** The axis under the line, as wide as the line: dates (UTC, MM-DD) at the start, middle and end. */
  readonly axis: string;
  /** The first hour drawn and the end of the last (epoch ms). */
  readonly fromMs: number;
  readonly toMs: number;
}

/** "11-02": a UTC day, short enough for three on an 80-column line. */
export function shortDay(ms: number): string {
  return new Date(ms).toISOString().slice(5, 10);
}

/** A label on an axis line: at `column`, its first, last or middle character there. */
export interface AxisLabel {
  readonly column: number;
  readonly text: string;
  readonly align: 'left' | 'right' | 'centre';
}

/**
 * Places labels on a line of `width`, in the order given (the first wins a clash): each kept inside
 * the line, and one that would touch a label already placed is left out.
 */
export function axisLabels(width: number, labels: readonly AxisLabel[]): string {
  const cells = Array.from({length: width}, () => ' ');
  const taken: [number, number][] = [];
  for (const label of labels) {
    const length = label.text.length;
    if (length > width) continue;
    const start =
      label.align === 'left'
        ? label.column
        : label.align === 'right'
          ? label.column - length + 1
          : label.column - Math.floor(length / 2);
    const from = Math.max(0, Math.min(width - length, start));
    const to = from + length;
    if (taken.some(([a, b]) => from <= b && to >= a)) continue;
    taken.push([from, to]);
    for (let k = 0; k < length; k++) cells[from + k] = label.text[k]!;
  }
  return cells.join('').trimEnd();
}

export function trend(values: readonly Dec[], startMs: number, width: number): Trend {
  const empty = {line: '', max: ZERO, hoursPerCell: 0, hoursLeftOut: 0, axis: '', fromMs: startMs, toMs: startMs};
  if (values.length === 0 || width <= 0) return empty;
  const hoursPerCell = Math.max(1, Math.ceil(values.length / width));
  const whole = Math.floor(values.length / hoursPerCell);
  // With one cell or less, a part cell is all there is: draw it.
  const cellCount = whole === 0 ? 1 : whole;
  const hoursLeftOut = whole === 0 ? 0 : values.length - whole * hoursPerCell;
  const cells: Dec[] = [];
  for (let c = 0; c < cellCount; c++) {
    let total = ZERO;
    for (let k = c * hoursPerCell; k < Math.min(values.length, (c + 1) * hoursPerCell); k++)
      total = total.plus(values[k]!);
    cells.push(total);
  }
  const {line, max} = sparkCells(cells);
  const hoursDrawn = values.length - hoursLeftOut;
  const toMs = startMs + hoursDrawn * MS_PER_HOUR;
  const cellStart = (c: number) => startMs + c * hoursPerCell * MS_PER_HOUR;
  const middle = Math.floor((cells.length - 1) / 2);
  // The last label is the day of the last hour drawn (the end itself may be the next midnight).
  const axis = axisLabels(cells.length, [
    {column: 0, text: shortDay(startMs), align: 'left'},
    ...(cells.length > 1 ? [{column: cells.length - 1, text: shortDay(toMs - 1), align: 'right' as const}] : []),
    ...(cells.length > 2 ? [{column: middle, text: shortDay(cellStart(middle)), align: 'centre' as const}] : []),
  ]);
  return {line, max, hoursPerCell, hoursLeftOut, axis, fromMs: startMs, toMs};
}
