import {toDec} from '../../src/money/exact.js';
import {priceProfile} from '../../src/pricing/profile.js';
import {describe, expect, it} from 'vitest';
import {
  assertSpotPossible,
  hasSpotUsage,
  lastHours,
  mergeProfiles,
  onlyPurchase,
  profileTotals,
  splitByStrategy,
  splitOnDemandCap,
  withPurchase,
} from '../../src/analysis/usage-profile.js';
import {parseStrategyItem, validateStrategy} from '../../src/sources/strategy.js';
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
    expect(merged.series.map((s) => s.key)).toEqual([
      'linux-x86_64-vcpu',
      'linux-x86_64-memory',
      'linux-arm64-vcpu',
      'linux-arm64-memory',
    ]);
    expect(
      merged.hours.map((h) => [h.startMs / MS_PER_HOUR, h.unitMs[0]! / TASK_HOUR, h.unitMs[2]! / TASK_HOUR]),
    ).toEqual([
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

  it("prices Spot compute at Spot rates and Spot tasks' storage at the On-Demand rate", () => {
    const priced = priceProfile(taskProfile([1], {...X86_1_2, storageGiB: 30}, {purchase: 'spot'}), catalog);
    expect(priced.lines.map((l) => [l.series.key, l.rate.table, toDec(l.cost).toString()])).toEqual([
      ['linux-x86_64-vcpu', 'spot', '0.01288871'],
      ['linux-x86_64-memory', 'spot', '0.00283054'],
      ['storage', 'on-demand', '0.00111'],
    ]);
    expect(toDec(priced.spotCost).toString()).toBe('0.01682925');
  });

  it('refuses Windows on Spot', () => {
    expect(() =>
      assertSpotPossible(taskProfile([1], {...X86_1_2, os: 'windows'}, {purchase: 'spot'}), {
        component: 'web',
        strategy: null,
      }),
    ).toThrow(expect.objectContaining({problem: {kind: 'windows-on-spot', component: 'web', strategy: null}}));
  });
});

describe('splitByStrategy: measured usage re-bought under a capacity-provider strategy', () => {
  // X86_1_2 tasks: 1 vCPU = 1024 units, 2 GB = 2048 units; a task-hour of each series below.
  const perTask = [1024n * 3_600_000n, 2048n * 3_600_000n];
  const strategy = (...items: string[]) => validateStrategy(items.map(parseStrategyItem));
  /** Task-hours of vCPU per hour, [On-Demand, Spot], as decimals of a task. */
  const tasksByHour = (profile: ReturnType<typeof splitByStrategy>) =>
    profile.hours.map((hour) =>
      (['on-demand', 'spot'] as const).map((purchase) => {
        const i = profile.series.findIndex((s) => s.key === 'linux-x86_64-vcpu' && s.purchase === purchase);
        return i === -1 ? 0 : Number(hour.unitMs[i]!) / Number(perTask[0]!);
      }),
    );

  it.each([
    // hours of [0, 1, 4, 6] tasks; strategy; expected [On-Demand, Spot] tasks per hour
    [
      'base 2 on FARGATE, the rest 1:1',
      ['FARGATE:base=2,weight=1', 'FARGATE_SPOT:weight=1'],
      [
        [0, 0],
        [1, 0],
        [3, 1],
        [4, 2],
      ],
    ],
    [
      'base 1 on FARGATE_SPOT, the rest 1:3',
      ['FARGATE:weight=1', 'FARGATE_SPOT:base=1,weight=3'],
      [
        [0, 0],
        [0, 1],
        [0.75, 3.25],
        [1.25, 4.75],
      ],
    ],
    [
      'all on Spot',
      ['FARGATE_SPOT'],
      [
        [0, 0],
        [0, 1],
        [0, 4],
        [0, 6],
      ],
    ],
  ] as const)('%s', (_, items, expected) => {
    const measured = mergeProfiles([taskProfile([0, 1, 2, 3]), taskProfile([0, 0, 2, 3], X86_1_2, {purchase: 'spot'})]);
    const split = splitByStrategy(measured, perTask, strategy(...items));
    expect(tasksByHour(split)).toEqual(expected);
    // Nothing is lost or invented: the totals are the measured totals.
    expect(profileTotals(withPurchase(split, 'on-demand'))).toEqual(profileTotals(withPurchase(measured, 'on-demand')));
  });

  it('keeps a FARGATE-only strategy On-Demand, with no empty Spot series', () => {
    const split = splitByStrategy(taskProfile([2, 2], X86_1_2, {purchase: 'spot'}), perTask, strategy('FARGATE'));
    expect(split.series.map((s) => s.purchase)).toEqual(['on-demand', 'on-demand']);
    expect(hasSpotUsage(split)).toBe(false);
  });

  it('rounds the Spot share down to the profile unit and keeps the remainder On-Demand', () => {
    // 1 unit-ms split 1:2 -> 0 to Spot (2/3 rounded down), 1 On-Demand.
    const tiny = {
      series: [{region: 'us-east-1', key: 'linux-x86_64-vcpu' as const, purchase: 'on-demand' as const}],
      hours: [{startMs: 0, unitMs: [1n]}],
    };
    const split = splitByStrategy(tiny, [perTask[0]!], strategy('FARGATE:weight=1', 'FARGATE_SPOT:weight=2'));
    expect(split.series.map((s) => s.purchase)).toEqual(['on-demand']);
    expect(split.hours[0]!.unitMs).toEqual([1n]);
  });
});
