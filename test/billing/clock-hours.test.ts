import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {clipInterval, forEachClockHour} from '../../src/billing/clock-hours.js';

const H = 3_600_000;
const at = (iso: string) => Date.parse(iso);

/** The slices forEachClockHour gives, as {hourStartMs, ms}. */
function splitByClockHour(startMs: number, endMs: number) {
  const slices: {hourStartMs: number; ms: number}[] = [];
  forEachClockHour(startMs, endMs, (hour, ms) => slices.push({hourStartMs: hour * H, ms}));
  return slices;
}

describe('forEachClockHour', () => {
  it('splits at UTC hour boundaries', () => {
    expect(splitByClockHour(at('2026-11-01T10:59:30.500Z'), at('2026-11-01T12:00:45Z'))).toEqual([
      {hourStartMs: at('2026-11-01T10:00:00Z'), ms: 29_500},
      {hourStartMs: at('2026-11-01T11:00:00Z'), ms: H},
      {hourStartMs: at('2026-11-01T12:00:00Z'), ms: 45_000},
    ]);
  });
  it('returns nothing for an empty interval', () => expect(splitByClockHour(5, 5)).toEqual([]));
  it('always sums to the interval, in hour-aligned slices', () => {
    fc.assert(
      fc.property(fc.integer({min: 0, max: 2 ** 41}), fc.integer({min: 0, max: 10 * H}), (start, length) => {
        const slices = splitByClockHour(start, start + length);
        expect(slices.reduce((total, slice) => total + slice.ms, 0)).toBe(length);
        for (const slice of slices) {
          expect(slice.hourStartMs % H).toBe(0);
          expect(slice.ms).toBeGreaterThan(0);
          expect(slice.ms).toBeLessThanOrEqual(H);
        }
      }),
    );
  });
});

describe('clipInterval', () => {
  it.each([
    [0, 100, undefined, undefined, {startMs: 0, endMs: 100}],
    [0, 100, 50, undefined, {startMs: 50, endMs: 100}],
    [0, 100, undefined, 40, {startMs: 0, endMs: 40}],
    [0, 100, 100, 200, undefined],
    [0, 100, 20, 30, {startMs: 20, endMs: 30}],
  ])('[%i, %i) to [%s, %s) -> %o', (start, end, from, to, expected) =>
    expect(clipInterval(start, end, from, to)).toEqual(expected),
  );
});
