import {exact} from '../../src/money/exact.js';
import {describe, expect, it} from 'vitest';
import {splitTasks} from '../../src/analysis/capacity-strategy.js';
import {parseStrategyItem, validateStrategy} from '../../src/sources/strategy.js';
import {toDec} from '../../src/money/exact.js';
import {priceProfile, profileTotals} from '../../src/pricing/profile.js';
import {describeShape} from '../../src/report/text.js';
import {workloadProfile} from '../../src/analysis/workload-profile.js';
import {autoscalingShape, parsePeakHours} from '../../src/cli/workload-flags.js';
import {dec, MS_PER_HOUR, unitMsToHours} from '../../src/money/decimal.js';
import {parseRuns} from '../../src/model/schedule.js';
import {embeddedCatalog} from '../helpers/catalog.js';
import {X86_1_2} from './profiles.js';

const catalog = embeddedCatalog();
const vcpuHoursPerHour = (p: ReturnType<typeof workloadProfile>) =>
  p.profile.hours.map((hour) => unitMsToHours(hour.unitMs[0]!).toString());

describe('estimate profiles: always on', () => {
  it('3 tasks every hour of a 730-hour month cost what estimate says', () => {
    const built = workloadProfile({
      size: X86_1_2,
      region: 'us-east-1',
      shape: {kind: 'always-on', count: 3},
      monthHours: 730,
    });
    expect(built.profile.hours).toHaveLength(730);
    expect(built.profile.hours[5]!.startMs).toBe(5 * MS_PER_HOUR);
    expect(new Set(vcpuHoursPerHour(built))).toEqual(new Set(['3']));
    expect(toDec(priceProfile(built.profile, catalog).cost).toString()).toBe('108.1203'); // 3 x 36.0401
    expect([
      built.onDemandTaskHours.toString(),
      built.spotTaskHours.toString(),
      built.minTasks,
      built.maxTasks,
    ]).toEqual(['2190', '0', 3, 3]);
    expect(built.perTaskHour).toEqual([1024n * 3_600_000n, 2048n * 3_600_000n]);
  });

  it('splits every hour by a capacity-provider strategy', () => {
    const strategy = validateStrategy(['FARGATE:base=2,weight=1', 'FARGATE_SPOT:weight=3'].map(parseStrategyItem));
    const built = workloadProfile({
      size: X86_1_2,
      region: 'us-east-1',
      shape: {kind: 'always-on', count: 10},
      monthHours: 730,
      split: (n) => splitTasks(strategy, n),
    });
    expect(built.profile.series.map((s) => `${s.key}/${s.purchase}`)).toEqual([
      'linux-x86_64-vcpu/on-demand',
      'linux-x86_64-memory/on-demand',
      'linux-x86_64-vcpu/spot',
      'linux-x86_64-memory/spot',
    ]);
    const priced = priceProfile(built.profile, catalog);
    expect(toDec(priced.onDemandCost).toString()).toBe('144.1604'); // 4 x 36.0401
    expect(toDec(priced.spotCost).toString()).toBe('68.850315'); // 6 x 730 x (0.01288871 + 2 x 0.00141527)
    expect([built.onDemandTaskHours.toString(), built.spotTaskHours.toString()]).toEqual(['2920', '4380']);
  });
});

describe('estimate profiles: a large count', () => {
  it('splits each task count once, not once an hour (found by fuzzing)', () => {
    // A describe-services desiredCount of 1,000,000 split 730 times took 40 s; 1e15 never ended.
    const calls: number[] = [];
    const strategy = validateStrategy(['FARGATE:weight=1', 'FARGATE_SPOT:weight=3'].map(parseStrategyItem));
    const built = workloadProfile({
      size: X86_1_2,
      region: 'us-east-1',
      shape: {kind: 'always-on', count: 1_000_000},
      monthHours: 730,
      split: (n) => {
        calls.push(n);
        return splitTasks(strategy, n);
      },
    });
    expect(calls).toEqual([1_000_000]);
    expect([built.onDemandTaskHours.toString(), built.spotTaskHours.toString()]).toEqual(['182500000', '547500000']);
  });
});

describe('estimate profiles: schedules', () => {
  it('24 runs a day of 10 minutes: one run at the top of every hour', () => {
    const shape = {kind: 'schedule' as const, count: 3, durationMs: 600_000, runsPerMonth: parseRuns('24/day', 730)};
    const built = workloadProfile({size: X86_1_2, region: 'us-east-1', shape, monthHours: 730});
    expect(built.runs).toBe(730);
    expect(new Set(vcpuHoursPerHour(built))).toEqual(new Set(['0.5'])); // 3 tasks x 1/6 h
    expect(toDec(priceProfile(built.profile, catalog).cost).toString()).toBe('18.02005'); // estimate's figure for the same schedule
  });

  it('100 runs a month of an hour start every 7.3 hours and straddle clock hours', () => {
    const shape = {kind: 'schedule' as const, count: 1, durationMs: MS_PER_HOUR, runsPerMonth: exact(100)};
    const built = workloadProfile({size: X86_1_2, region: 'us-east-1', shape, monthHours: 730});
    expect(vcpuHoursPerHour(built).slice(0, 9)).toEqual(['1', '0', '0', '0', '0', '0', '0', '0.7', '0.3']);
    expect(unitMsToHours(profileTotals(built.profile)[0]!).toString()).toBe('100');
  });

  it('wraps a run past the end of the month to its start', () => {
    const shape = {kind: 'schedule' as const, count: 1, durationMs: 400 * MS_PER_HOUR, runsPerMonth: exact(2)};
    const built = workloadProfile({size: X86_1_2, region: 'us-east-1', shape, monthHours: 730});
    const hours = vcpuHoursPerHour(built);
    expect([hours[0], hours[34], hours[35], hours[364], hours[365], hours[729]]).toEqual([
      '2',
      '2',
      '1',
      '1',
      '2',
      '1',
    ]); // run 1: hours 0-399; run 2: 365-729 then 0-34
    expect(unitMsToHours(profileTotals(built.profile)[0]!).toString()).toBe('800');
  });

  it('bills each run as estimate does: 20 s is billed 60 s; runs a month round to whole runs', () => {
    const shape = {kind: 'schedule' as const, count: 1, durationMs: 20_000, runsPerMonth: parseRuns('5/week', 730)};
    const built = workloadProfile({size: X86_1_2, region: 'us-east-1', shape, monthHours: 730});
    expect([built.billedSecondsPerRun, built.runs]).toEqual([60, 22]); // 5 x 730 / 168 = 21.7 runs
    expect(unitMsToHours(profileTotals(built.profile)[0]!).toString()).toBe(
      dec(22 * 60)
        .div(3600)
        .toString(),
    );
  });
});

describe('estimate profiles: autoscaling', () => {
  it('--min 2 --max 10: 10 tasks from 09:00 to 17:00 UTC, 2 otherwise, every day', () => {
    const shape = autoscalingShape({min: '2', max: '10'});
    expect(shape.countsByHour).toEqual([
      2, 2, 2, 2, 2, 2, 2, 2, 2, 10, 10, 10, 10, 10, 10, 10, 10, 2, 2, 2, 2, 2, 2, 2,
    ]);
    const built = workloadProfile({size: X86_1_2, region: 'us-east-1', shape, monthHours: 730});
    const hours = vcpuHoursPerHour(built);
    expect([hours[8], hours[9], hours[16], hours[17], hours[24 + 9], hours[729]]).toEqual([
      '2',
      '10',
      '10',
      '2',
      '10',
      '10',
    ]); // hour 729 is 09:00 (729 = 30 x 24 + 9)
    expect(describeShape(shape)).toBe(
      'autoscaling from 2 tasks to 10 tasks: 10 during 9-17 UTC, 2 otherwise, every day',
    );
  });

  it('reads peak hours over midnight and a 24-value shape', () => {
    expect(
      parsePeakHours('22-6')
        .map((p, h) => (p ? h : -1))
        .filter((h) => h >= 0),
    ).toEqual([0, 1, 2, 3, 4, 5, 22, 23]);
    expect(parsePeakHours('0-24').every(Boolean)).toBe(true);
    const shape = autoscalingShape({shape: '1,1,1,1,1,1,1,2,4,4,4,4,4,4,4,4,4,3,2,1,1,1,1,1'});
    expect([shape.min, shape.max, shape.countsByHour[8]]).toEqual([1, 4, 4]);
  });

  it.each([
    [{min: '2'}, /needs both --min and --max \(--max is missing\)/],
    [{min: '5', max: '2'}, /--min 5 is above --max 2/],
    [{min: '1', max: '2', peakHours: '9-9'}, /is not a range of UTC hours/],
    [{min: '1', max: '2', peakHours: 'morning'}, /is not a range of UTC hours/],
    [{shape: '1,2,3'}, /needs 24 task counts/],
    [{shape: '1,1,1,1,1,1,1,2,4,4,4,4,4,4,4,4,4,3,2,1,1,1,1,x'}, /must be a whole number/],
    [{shape: '1', min: '1'}, /drop --min/],
  ])('rejects %j', (flags, message) => {
    expect(() => autoscalingShape(flags)).toThrow(message);
  });
});
