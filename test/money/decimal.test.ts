import {describe, expect, it} from 'vitest';
import {dec, isDecimalString, sum, unitMsToHours, ZERO} from '../../src/money/decimal.js';

describe('dec', () => {
  it('parses decimal strings exactly', () => {
    expect(dec('0.0404800000').toString()).toBe('0.04048');
    expect(dec('0.1').plus(dec('0.2')).toString()).toBe('0.3');
  });
  it('refuses non-integer JavaScript numbers (money never passes through a float)', () => {
    expect(() => dec(0.1)).toThrow(/non-integer/);
    expect(dec(730).toString()).toBe('730');
  });
  it('rejects text that is not a finite decimal', () => {
    expect(() => dec('abc')).toThrow();
    expect(() => dec('Infinity')).toThrow(/finite/);
  });
});

describe('isDecimalString', () => {
  it.each([
    ['0.04048', true],
    ['1e-3', true],
    ['-2', true],
    ['.5', true],
    ['0x10', false],
    ['', false],
    ['1,5', false],
    // dec refuses whitespace: a string it accepted made an internal error (found by fuzzing a Spot feed).
    ['256 ', false],
    [' 0.04048', false],
    ['1\n', false],
  ])('%j -> %s', (text, expected) => expect(isDecimalString(text)).toBe(expected));
});

describe('sum', () => {
  it('is zero for nothing (Decimal.sum would throw)', () => expect(sum([]).eq(ZERO)).toBe(true));
  it('adds exactly', () => expect(sum([dec('29.5504'), dec('6.4897')]).toString()).toBe('36.0401'));
});

describe('unitMsToHours', () => {
  it('converts 1/1024 unit x ms into unit-hours exactly when the division terminates', () => {
    // 1 vCPU (1024 units) for 90 s = 0.025 vCPU-hours.
    expect(unitMsToHours(1024n * 90_000n).toString()).toBe('0.025');
    // 730 hours of 2 GB.
    expect(unitMsToHours(2048n * 730n * 3_600_000n).toString()).toBe('1460');
  });
  it('keeps 50 significant digits when it does not (a one-minute minimum)', () => {
    expect(unitMsToHours(1024n * 60_000n).toFixed(20)).toBe('0.01666666666666666667');
  });
});
