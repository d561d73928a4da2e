import {usageRatesOf} from '../../src/billing/usage.js';
import {mergeProfiles} from '../../src/analysis/usage-profile.js';
import {MS_PER_HOUR} from '../../src/money/decimal.js';
import type {Purchase, UsageProfile} from '../../src/model/profile.js';
import type {TaskSize} from '../../src/model/types.js';

/** Test profiles: `tasks[h]` whole tasks of `size` running through hour h. */
export const X86_1_2: TaskSize = {cpuUnits: 1024, memoryMiB: 2048, storageGiB: 20, arch: 'x86_64', os: 'linux'};
export const ARM_1_2: TaskSize = {cpuUnits: 1024, memoryMiB: 2048, storageGiB: 20, arch: 'arm64', os: 'linux'};

export function taskProfile(
  tasks: readonly number[],
  size: TaskSize = X86_1_2,
  options: {region?: string; purchase?: Purchase; startMs?: number} = {},
): UsageProfile {
  const rates = usageRatesOf(size);
  const start = options.startMs ?? 0;
  return {
    series: rates.map((rate) => ({
      region: options.region ?? 'us-east-1',
      key: rate.key,
      purchase: options.purchase ?? 'on-demand',
    })),
    hours: tasks.map((count, h) => ({
      startMs: start + h * MS_PER_HOUR,
      unitMs: rates.map((rate) => BigInt(rate.units) * BigInt(count) * BigInt(MS_PER_HOUR)),
    })),
  };
}

/** A pattern repeated `times` times (e.g. one day's hours over a week). */
export function repeat(pattern: readonly number[], times: number): number[] {
  return Array.from({length: times}, () => pattern).flat();
}

export {mergeProfiles};
