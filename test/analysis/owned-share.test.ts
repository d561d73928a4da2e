import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {fargateShareOf} from '../../src/analysis/owned-share.js';
import {dec} from '../../src/money/decimal.js';

const measured = (total: string, used: string, fargate: string) => ({
  start: '2026-10-01',
  end: '2026-11-01',
  totalCommitment: dec(total),
  usedCommitment: dec(used),
  fargateCommitment: dec(fargate),
});

describe('fargateShareOf', () => {
  it('leaves Fargate what others did not use', () => {
    // 730 committed, 600 used, 200 of it by Fargate: others used 400, so 330/730 is available.
    expect(fargateShareOf(measured('730', '600', '200')).toString()).toBe(dec(330).div(730).toString());
    // Unused commitment is available: only Fargate uses it.
    expect(fargateShareOf(measured('100', '40', '40')).toString()).toBe('1');
    // Others use all of it.
    expect(fargateShareOf(measured('100', '100', '0')).toString()).toBe('0');
    expect(fargateShareOf(measured('100', '75', '25')).toString()).toBe('0.5');
  });

  it('is 1 when nothing is committed, and clamps figures that disagree', () => {
    expect(fargateShareOf(measured('0', '0', '0')).toString()).toBe('1');
    expect(fargateShareOf(measured('100', '50', '80')).toString()).toBe('1');
    expect(fargateShareOf(measured('100', '250', '0')).toString()).toBe('0');
  });

  it('is always within [0, 1]', () => {
    const amount = fc.integer({min: -1000, max: 100_000}).map((cents) => dec(cents).div(100).toString());
    fc.assert(
      fc.property(amount, amount, amount, (total, used, fargate) => {
        const share = fargateShareOf(measured(total, used, fargate));
        expect(share.gte(0) && share.lte(1)).toBe(true);
      }),
    );
  });
});
