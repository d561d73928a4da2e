import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {fingerprint, FingerprintSet} from '../../src/billing/fingerprint.js';

describe('FingerprintSet', () => {
  it('adds once, then reports the duplicate', () => {
    const set = new FingerprintSet();
    expect(set.add('arn:aws:ecs:us-east-1:1:task/prod/a')).toBe(true);
    expect(set.add('arn:aws:ecs:us-east-1:1:task/prod/a')).toBe(false);
    expect(set.has('arn:aws:ecs:us-east-1:1:task/prod/a')).toBe(true);
    expect(set.has('arn:aws:ecs:us-east-1:1:task/prod/b')).toBe(false);
    expect(set.size).toBe(1);
  });

  it('never forgets a member while it grows (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({minLength: 1, maxLength: 60}), {minLength: 1, maxLength: 3000}),
        (texts) => {
          const set = new FingerprintSet();
          for (const text of texts) expect(set.add(text)).toBe(true);
          for (const text of texts) expect(set.has(text)).toBe(true);
          expect(set.size).toBe(texts.length);
        },
      ),
      {numRuns: 25},
    );
  });

  it('holds 200,000 real-looking task ARNs without a collision, at most 32 bytes each', () => {
    const set = new FingerprintSet();
    let refused = 0;
    for (let i = 0; i < 200_000; i++) {
      const id = ((i * 2654435761) >>> 0).toString(16).padStart(8, '0') + i.toString(16).padStart(24, '0');
      if (!set.add(`arn:aws:ecs:eu-west-1:123456789012:task/prod/${id}`)) refused++;
    }
    expect(refused).toBe(0);
    expect(set.size).toBe(200_000);
    expect(set.bytes / set.size).toBeLessThanOrEqual(32);
  });

  it('gives different fingerprints to ARNs that differ in one character', () => {
    const a = fingerprint('arn:aws:ecs:us-east-1:1:task/prod/0000');
    const b = fingerprint('arn:aws:ecs:us-east-1:1:task/prod/0001');
    expect(a[0] === b[0] && a[1] === b[1]).toBe(false);
    expect(fingerprint('')).not.toEqual([0, 0]);
  });
});
