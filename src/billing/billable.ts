import {MIN_BILLED_SECONDS, type Os} from '../model/types.js';

/**
 * Seconds AWS bills for one task run: the duration rounded up to the whole second, and at least the
 * OS minimum (60 s Linux, 300 s Windows).
 */
export function billableSeconds(durationMs: number, os: Os): number {
  if (!Number.isFinite(durationMs) || durationMs < 0)
    throw new RangeError(`duration must be a non-negative number of milliseconds, got ${durationMs}`);
  return Math.max(MIN_BILLED_SECONDS[os], Math.ceil(durationMs / 1000));
}
