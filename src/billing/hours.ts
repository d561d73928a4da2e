import {MS_PER_HOUR} from '../money/decimal.js';

export interface HourSlice {
  /** Start of the clock hour (UTC), epoch milliseconds. */
  readonly hourStartMs: number;
  readonly ms: number;
}

/** Splits [startMs, endMs) into the clock hours (UTC) it touches; the slices sum to endMs - startMs exactly. */
export function splitByClockHour(startMs: number, endMs: number): HourSlice[] {
  const slices: HourSlice[] = [];
  let cursor = startMs;
  while (cursor < endMs) {
    const hourStartMs = Math.floor(cursor / MS_PER_HOUR) * MS_PER_HOUR;
    const next = Math.min(endMs, hourStartMs + MS_PER_HOUR);
    slices.push({hourStartMs, ms: next - cursor});
    cursor = next;
  }
  return slices;
}

/** Clips [startMs, endMs) to [fromMs, toMs); undefined bounds are open. Returns undefined when nothing is left. */
export function clipInterval(
  startMs: number,
  endMs: number,
  fromMs?: number,
  toMs?: number,
): {startMs: number; endMs: number} | undefined {
  const start = fromMs === undefined ? startMs : Math.max(startMs, fromMs);
  const end = toMs === undefined ? endMs : Math.min(endMs, toMs);
  return end > start ? {startMs: start, endMs: end} : undefined;
}
