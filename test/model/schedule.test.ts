import {describe, expect, it} from 'vitest';
import {toDec} from '../../src/money/exact.js';
import {parseDuration, parseMonthHours, parseRuns, workloadFromFlags} from '../../src/model/schedule.js';

describe('parseDuration', () => {
  it.each([
    ['600s', 600_000],
    ['10m', 600_000],
    ['1.5h', 5_400_000],
    ['1h30m', 5_400_000],
    ['2d', 172_800_000],
    ['250ms', 250],
    ['90', 90_000],
    ['90.5', 90_500],
    ['1h 30m 15s', 5_415_000],
  ])('%s = %i ms', (text, ms) => expect(parseDuration(text)).toBe(ms));
  it.each(['', 'soon', '10 minutes', '-5s', '0s', '10x'])('rejects %j', (text) =>
    expect(() => parseDuration(text)).toThrow(/duration/),
  );
});

describe('parseRuns', () => {
  it.each([
    ['100', 730, '100'],
    ['24/day', 730, '730'],
    ['2/hour', 730, '1460'],
    ['1/week', 730, '4.3452380952380952380952380952380952380952380952381'],
    ['24/day', 720, '720'],
  ])('%s in a %i-hour month = %s runs', (text, hours, expected) =>
    expect(toDec(parseRuns(text, hours)).toString()).toBe(expected),
  );
  it.each(['0', 'often', '3/fortnight'])('rejects %j', (text) => expect(() => parseRuns(text, 730)).toThrow(/runs/));
});

describe('parseMonthHours', () => {
  it.each([
    ['730h', 730],
    ['730', 730],
    ['30d', 720],
    ['31d', 744],
  ])('%s = %i hours', (text, hours) => expect(parseMonthHours(text)).toBe(hours));
  it.each(['0h', '1000h', '30.5d', 'a month'])('rejects %j', (text) =>
    expect(() => parseMonthHours(text)).toThrow(/month/),
  );
});

describe('workloadFromFlags', () => {
  it('is one task always on by default', () => {
    const workload = workloadFromFlags({});
    expect([workload.count, workload.durationMs, toDec(workload.runsPerMonth).toString(), workload.alwaysOn]).toEqual([
      1,
      730 * 3_600_000,
      '1',
      true,
    ]);
  });
  it('runs once a month when only a duration is given', () => {
    expect(toDec(workloadFromFlags({duration: '8h'}).runsPerMonth).toString()).toBe('1');
  });
  it('refuses --runs without --duration', () => {
    expect(() => workloadFromFlags({runs: '10/day'})).toThrowProblem(
      '--runs needs --duration (how long each run lasts)',
    );
  });
  it('rejects a count that is not a whole number of tasks', () => {
    expect(() => workloadFromFlags({count: '1.5'})).toThrowProblem(/count "1.5"/);
  });
});
