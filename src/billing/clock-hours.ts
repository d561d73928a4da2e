import {MS_PER_HOUR} from '../money/decimal.js';

/**
 * The one clock-hour splitter: calls `each(hour, ms)` for every UTC clock hour that [startMs, endMs)
 * touches, in order, where `hour` is the hour's number since the epoch (its start is hour x
 * 3,600,000) and `ms` the milliseconds of the interval inside it. The slices sum to endMs - startMs
 * exactly. No array is built: a task running for months touches thousands of hours.
 */
export function forEachClockHour(startMs: number, endMs: number, each: (hour: number, ms: number) => void): void {
  let cursor = startMs;
  for (let hour = Math.floor(cursor / MS_PER_HOUR); cursor < endMs; hour++) {
    const next = Math.min(endMs, (hour + 1) * MS_PER_HOUR);
    each(hour, next - cursor);
    cursor = next;
  }
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
