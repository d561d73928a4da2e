import {describe, expect, it} from 'vitest';
import {parseDuration} from '../../../src/model/schedule.js';
import {
  COUNT_LADDER,
  DURATION_LADDER,
  presetOf,
  RUNS_PER_DAY_LADDER,
  SCHEDULE_PRESETS,
  STORAGE_LADDER,
  stepLadder,
  stepList,
  stepPreset,
  stepRing,
} from '../../../src/tui/state/ladders.js';

describe('ladders', () => {
  it.each([
    ['counts', COUNT_LADDER],
    ['storage', STORAGE_LADDER],
    ['runs a day', RUNS_PER_DAY_LADDER],
    ['durations (ms)', DURATION_LADDER.map((text) => parseDuration(text))],
  ])('%s strictly increase', (_what, ladder) => {
    for (let i = 1; i < ladder.length; i++) expect(ladder[i]!).toBeGreaterThan(ladder[i - 1]!);
  });

  it('stay inside what Fargate and the CLI accept', () => {
    expect([STORAGE_LADDER[0], STORAGE_LADDER.at(-1)]).toEqual([20, 200]);
    expect(COUNT_LADDER[0]).toBe(1);
    // Every duration is one the CLI parser reads (it throws otherwise).
    expect(DURATION_LADDER.map((text) => parseDuration(text))).toContain(30_000);
  });

  it.each([
    [[1, 2, 5, 10], 2, 1, 5],
    [[1, 2, 5, 10], 2, -1, 1],
    [[1, 2, 5, 10], 10, 1, 10],
    [[1, 2, 5, 10], 1, -1, 1],
    // Between rungs: the next rung in the step's direction.
    [[1, 2, 5, 10], 3, 1, 5],
    [[1, 2, 5, 10], 3, -1, 2],
    [[20, 25, 30], 22, -1, 20],
  ] as const)('stepLadder(%j, %d, %d) = %d', (ladder, value, step, expected) => {
    expect(stepLadder(ladder, value, step)).toBe(expected);
  });

  it('stepList stops at the ends; stepRing wraps', () => {
    expect(stepList(['a', 'b', 'c'], 'c', 1)).toBe('c');
    expect(stepList(['a', 'b', 'c'], 'a', -1)).toBe('a');
    expect(stepList(['a', 'b', 'c'], 'x', 1)).toBe('a');
    expect(stepRing(['a', 'b', 'c'], 'c', 1)).toBe('a');
    expect(stepRing(['a', 'b', 'c'], 'a', -1)).toBe('c');
  });

  it('schedule presets cycle both ways and name themselves', () => {
    const first = SCHEDULE_PRESETS[0]!.schedule;
    let schedule = first;
    const seen: string[] = [];
    for (let i = 0; i < SCHEDULE_PRESETS.length; i++) {
      seen.push(presetOf(schedule)!.label);
      schedule = stepPreset(schedule, 1);
    }
    expect(schedule).toEqual(first);
    expect(seen).toEqual(SCHEDULE_PRESETS.map((preset) => preset.label));
    expect(presetOf(stepPreset(first, -1))!.label).toBe('every minute');
    expect(presetOf({kind: 'runs', duration: '2m', runsPerDay: 3})).toBeUndefined();
    // A custom schedule goes back to the first preset.
    expect(stepPreset({kind: 'runs', duration: '2m', runsPerDay: 3}, 1)).toEqual(first);
  });
});
