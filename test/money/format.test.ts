import {describe, expect, it} from 'vitest';
import {dec} from '../../src/money/decimal.js';
import {
  formatDuration,
  formatPercent,
  formatQuantity,
  formatRate,
  formatUsd,
  formatUsdAdaptive,
} from '../../src/money/format.js';

describe('formatUsd', () => {
  it.each([
    ['36.0401', 2, '$36.04'],
    ['1234567.895', 2, '$1,234,567.90'],
    ['0.005', 2, '$0.01'],
    ['-3.1', 2, '-$3.10'],
    ['0.04937', 4, '$0.0494'],
    ['-0.001', 2, '$0.00'],
  ])('%s to %i places is %s (half up, grouped)', (value, decimals, expected) => {
    expect(formatUsd(dec(value), decimals)).toBe(expected);
  });
});

describe('formatUsdAdaptive', () => {
  it.each([
    ['12.345', '$12.35'],
    ['0.00068', '$0.00068'],
    ['0.000205708333', '$0.00021'],
    ['0', '$0.00'],
    ['0.0000001', '$0.000000'],
  ])('%s -> %s', (value, expected) => expect(formatUsdAdaptive(dec(value))).toBe(expected));
});

describe('other formats', () => {
  it('prints rates at full precision', () => expect(formatRate(dec('0.0404800000'))).toBe('$0.04048'));
  it('trims quantities', () => {
    expect(formatQuantity(dec('1460'))).toBe('1,460');
    expect(formatQuantity(dec('0.016666666666'), 4)).toBe('0.0167');
  });
  it('prints ratios as percentages', () => expect(formatPercent(dec('0.52'))).toBe('52.0%'));
  it.each([
    [59, '59s'],
    [250, '4m 10s'],
    [3725, '1h 02m 05s'],
  ])('duration %i s -> %s', (seconds, expected) => expect(formatDuration(seconds)).toBe(expected));
});
