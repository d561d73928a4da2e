/**
 * The values the Estimate view's arrows step through. A ladder is short on purpose: a person
 * exploring wants a few telling values (1, 2, 5, 10 tasks; a 30 s job against a 10 m one), not every
 * integer. Exact values are one `fargate-cost estimate` away, and the view prints that command.
 */

/** Tasks running at once. */
export const COUNT_LADDER: readonly number[] = [
  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 20, 25, 30, 40, 50, 60, 75, 100, 125, 150, 200, 250, 300, 400, 500, 750, 1000,
  1500, 2000, 3000, 5000, 10000,
];

/** Ephemeral storage in GiB (20 included, 200 the most Fargate allows). */
export const STORAGE_LADDER: readonly number[] = [20, 21, 25, 30, 40, 50, 75, 100, 125, 150, 200];

/** Length of one run, as the `--duration` text the CLI parses (the view never parses its own). */
export const DURATION_LADDER: readonly string[] = [
  '30s',
  '1m',
  '2m',
  '5m',
  '10m',
  '15m',
  '20m',
  '30m',
  '45m',
  '1h',
  '90m',
  '2h',
  '3h',
  '4h',
  '6h',
  '8h',
  '10h',
  '12h',
  '16h',
  '24h',
];

/** Runs a day, as `--runs N/day`. */
export const RUNS_PER_DAY_LADDER: readonly number[] = [1, 2, 3, 4, 6, 8, 12, 24, 48, 96, 144, 288, 720, 1440];

export type Schedule =
  | {readonly kind: 'always-on'}
  | {readonly kind: 'runs'; readonly duration: string; readonly runsPerDay: number};

export interface SchedulePreset {
  readonly label: string;
  readonly schedule: Schedule;
}

/** What the schedule field cycles through; each shows something different about Fargate billing. */
export const SCHEDULE_PRESETS: readonly SchedulePreset[] = [
  {label: 'always on', schedule: {kind: 'always-on'}},
  {label: 'office hours', schedule: {kind: 'runs', duration: '10h', runsPerDay: 1}},
  {label: 'nightly batch', schedule: {kind: 'runs', duration: '1h', runsPerDay: 1}},
  {label: 'hourly job', schedule: {kind: 'runs', duration: '10m', runsPerDay: 24}},
  {label: 'every 15 minutes', schedule: {kind: 'runs', duration: '5m', runsPerDay: 96}},
  // 30 s runs are billed 60 s each on Linux: the minimum shows.
  {label: 'every minute', schedule: {kind: 'runs', duration: '30s', runsPerDay: 1440}},
];

export function sameSchedule(a: Schedule, b: Schedule): boolean {
  if (a.kind === 'always-on' || b.kind === 'always-on') return a.kind === b.kind;
  return a.duration === b.duration && a.runsPerDay === b.runsPerDay;
}

/** The preset a schedule is, or undefined for one the user stepped to. */
export function presetOf(schedule: Schedule): SchedulePreset | undefined {
  return SCHEDULE_PRESETS.find((preset) => sameSchedule(preset.schedule, schedule));
}

/** The next preset after (or before) the current schedule; a custom schedule goes to the first preset. */
export function stepPreset(schedule: Schedule, step: number): Schedule {
  const index = SCHEDULE_PRESETS.findIndex((preset) => sameSchedule(preset.schedule, schedule));
  const count = SCHEDULE_PRESETS.length;
  const next = index < 0 ? 0 : (((index + step) % count) + count) % count;
  return SCHEDULE_PRESETS[next]!.schedule;
}

/**
 * One step along an ordered ladder, stopping at either end. A value between rungs moves to the
 * nearest rung in the direction of the step, so a value that came from outside (a file) still steps.
 */
export function stepLadder(ladder: readonly number[], value: number, step: 1 | -1): number {
  if (step > 0) return ladder.find((rung) => rung > value) ?? ladder[ladder.length - 1]!;
  for (let i = ladder.length - 1; i >= 0; i--) if (ladder[i]! < value) return ladder[i]!;
  return ladder[0]!;
}

/** One step along a ladder of labels, stopping at either end; an unknown value goes to the first rung. */
export function stepList<T>(list: readonly T[], value: T, step: number): T {
  const index = list.indexOf(value);
  if (index < 0) return list[0]!;
  return list[Math.max(0, Math.min(list.length - 1, index + step))]!;
}

/** One step around a ring (regions, task definitions): past the end comes the start. */
export function stepRing<T>(list: readonly T[], value: T, step: number): T {
  const index = Math.max(0, list.indexOf(value));
  const count = list.length;
  return list[(((index + step) % count) + count) % count]!;
}
