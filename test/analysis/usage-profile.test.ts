import {describe, expect, it} from 'vitest';
import {
  assertSpotPossible,
  hasSpotUsage,
  lastHours,
  mergeProfiles,
  onlyPurchase,
  priceProfile,
  profileTotals,
  splitOnDemandCap,
  withPurchase,
} from '../../src/analysis/usage-profile.js';
import {MS_PER_HOUR} from '../../src/money/decimal.js';
import {embeddedCatalog} from '../helpers/catalog.js';
import {ARM_1_2, taskProfile, X86_1_2} from './profiles.js';

const catalog = embeddedCatalog();
const TASK_HOUR = 1024n * 3_600_000n;

describe('usage profiles', () => {
  it('merges profiles by clock hour, filling idle hours, and unions their series', () => {
    const a = taskProfile([1, 1], X86_1_2);
    const b = taskProfile([2], ARM_1_2, {startMs: 3 * MS_PER_HOUR});
    const merged = mergeProfiles([a, b, taskProfile([1], X86_1_2, {startMs: MS_PER_HOUR})]);
    expect(merged.series.map((s) => s.key)).toEqual(['linux-x86_64-vcpu', 'linux-x86_64-memory', 'linux-arm64-vcpu', 'linux-arm64-memory']);
    expect(merged.hours.map((h) => [h.startMs / MS_PER_HOUR, h.unitMs[0]! / TASK_HOUR, h.unitMs[2]! / TASK_HOUR])).toEqual([
      [0, 1n, 0n],
      [1, 2n, 0n],
      [2, 0n, 0n],
      [3, 0n, 2n],
    ]);
  });

  it('moves usage between On-Demand and Spot, and keeps the last hours', () => {
    const mixed = mergeProfiles([taskProfile([1, 2], X86_1_2), taskProfile([1, 1], X86_1_2, {purchase: 'spot'})]);
    expect(hasSpotUsage(mixed)).toBe(true);
    const onDemand = withPurchase(mixed, 'on-demand');
    expect(onDemand.series).toHaveLength(2);
    expect(profileTotals(onDemand)[0]! / TASK_HOUR).toBe(5n);
    expect(hasSpotUsage(onDemand)).toBe(false);
    expect(onlyPurchase(mixed, 'spot').hours.map((h) => h.unitMs[0]! / TASK_HOUR)).toEqual([1n, 1n]);
    expect(lastHours(mixed, 1).hours.map((h) => h.startMs)).toEqual([MS_PER_HOUR]);
    expect(lastHours(mixed, 5).hours).toHaveLength(2);
  });

  it('keeps a cap of each hour On-Demand and sends the rest to Spot', () => {
    const split = splitOnDemandCap(taskProfile([0, 1, 3]), [TASK_HOUR, 2048n * 3_600_000n]);
    const od = onlyPurchase(split, 'on-demand');
    const spot = onlyPurchase(split, 'spot');
    expect(od.hours.map((h) => h.unitMs[0]! / TASK_HOUR)).toEqual([0n, 1n, 1n]);
    expect(spot.hours.map((h) => h.unitMs[0]! / TASK_HOUR)).toEqual([0n, 0n, 2n]);
  });

  it('prices Spot compute at Spot rates and Spot tasks\' storage at the On-Demand rate', () => {
    const priced = priceProfile(taskProfile([1], {...X86_1_2, storageGiB: 30}, {purchase: 'spot'}), catalog);
    expect(priced.lines.map((l) => [l.series.key, l.rate.table, l.cost.toString()])).toEqual([
      ['linux-x86_64-vcpu', 'spot', '0.01288871'],
      ['linux-x86_64-memory', 'spot', '0.00283054'],
      ['storage', 'on-demand', '0.00111'],
    ]);
    expect(priced.spotCost.toString()).toBe('0.01682925');
  });

  it('refuses Windows on Spot', () => {
    expect(() => assertSpotPossible(taskProfile([1], {...X86_1_2, os: 'windows'}, {purchase: 'spot'}), 'the strategy')).toThrow(/Linux tasks only/);
  });
});
