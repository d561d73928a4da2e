import {describe, expect, it} from 'vitest';
import {billableSeconds} from '../../src/billing/billable.js';

describe('billableSeconds', () => {
  it.each([
    // [duration ms, os, billed seconds]
    [0, 'linux', 60],
    [1, 'linux', 60],
    [59_999, 'linux', 60],
    [60_000, 'linux', 60],
    [60_001, 'linux', 61],
    [61_000, 'linux', 61],
    [90_500, 'linux', 91],
    [3_600_000, 'linux', 3600],
    [0, 'windows', 300],
    [60_739, 'windows', 300],
    [299_999, 'windows', 300],
    [300_001, 'windows', 301],
  ] as const)('%i ms on %s bills %i s', (ms, os, expected) => expect(billableSeconds(ms, os)).toBe(expected));

  it('refuses negative durations (a stop before the pull is a data error, not a free task)', () => {
    expect(() => billableSeconds(-1, 'linux')).toThrow(RangeError);
  });
});
