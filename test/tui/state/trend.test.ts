import {describe, expect, it} from 'vitest';
import {D} from '../../../src/money/decimal.js';
import {axisLabels, trend} from '../../../src/tui/state/trend.js';

const START = Date.parse('2026-11-02T00:00:00Z');
const hours = (n: number, value = 1) => Array.from({length: n}, () => new D(value));

describe('trend: the History view hourly line and its date axis', () => {
  it('leaves a part last cell out and says how many hours', () => {
    // 10 hours in 4 cells: 3 hours a cell, 3 whole cells, the 10th hour left out.
    const drawn = trend(hours(10), START, 4);
    expect(drawn.hoursPerCell).toBe(3);
    expect(drawn.line).toBe('███');
    expect(drawn.hoursLeftOut).toBe(1);
    expect(drawn.max.toFixed()).toBe('3');
    expect(drawn.toMs).toBe(START + 9 * 3_600_000);
  });

  it('keeps every cell when the hours divide evenly', () => {
    const drawn = trend(hours(8), START, 4);
    expect(drawn.hoursPerCell).toBe(2);
    expect(drawn.line).toHaveLength(4);
    expect(drawn.hoursLeftOut).toBe(0);
  });

  it('dates the start, middle and end (UTC) under a month of hours', () => {
    // 30 days of hours on 60 cells: 12 hours a cell; the last hour drawn is on 12-01.
    const drawn = trend(hours(720), START, 60);
    expect(drawn.line).toHaveLength(60);
    expect(drawn.axis.startsWith('11-02')).toBe(true);
    expect(drawn.axis.endsWith('12-01')).toBe(true);
    // The middle cell (29) starts 14.5 days in: 11-16.
    expect(drawn.axis.indexOf('11-16')).toBe(29 - 2);
  });

  it('axis labels never overlap: the first placed wins', () => {
    expect(
      axisLabels(10, [
        {column: 0, text: 'abc', align: 'left'},
        {column: 2, text: 'xyz', align: 'centre'},
        {column: 9, text: 'end', align: 'right'},
      ]),
    ).toBe('abc    end');
  });
});
