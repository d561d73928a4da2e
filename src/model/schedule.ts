import {dec, type Dec, HOURS_PER_MONTH} from '../money/decimal.js';
import {EXACT_ONE, type Exact, exact, exactOf, times} from '../money/exact.js';
import {ProblemError} from './problems.js';

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  sec: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
  d: 86_400_000,
};

/** Parses a duration: `600s`, `10m`, `1.5h`, `2d`, `1h30m`, `250ms`; a bare number is seconds. Returns whole milliseconds. */
export function parseDuration(text: string, what = 'duration'): number {
  const input = text.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(input)) return toWholeMs(dec(input).times(1000), text, what);
  const parts = [...input.matchAll(/(\d+(?:\.\d+)?)\s*(ms|sec|s|min|m|hr|h|d)/g)];
  const consumed = parts.map((part) => part[0]).join('');
  if (parts.length === 0 || consumed.replace(/\s/g, '') !== input.replace(/\s/g, '')) {
    throw new ProblemError({kind: 'bad-duration', text, label: what, reason: 'not-understood'});
  }
  let total = dec(0);
  for (const [, amount, unit] of parts) total = total.plus(dec(amount!).times(UNIT_MS[unit!]!));
  return toWholeMs(total, text, what);
}

function toWholeMs(ms: Dec, text: string, what: string): number {
  if (!ms.isInteger()) throw new ProblemError({kind: 'bad-duration', text, label: what, reason: 'finer-than-ms'});
  if (ms.lte(0)) throw new ProblemError({kind: 'bad-duration', text, label: what, reason: 'not-positive'});
  return Number(ms.toFixed(0));
}

/** Parses the month length: `730h` (the default), `720h`, `30d`, `31d`. Whole hours only. */
export function parseMonthHours(text: string): number {
  const match = /^\s*(\d+)\s*(h|d)?\s*$/i.exec(text);
  const hours = match ? Number(match[1]) * (match[2]?.toLowerCase() === 'd' ? 24 : 1) : NaN;
  if (!match || hours < 1 || hours > 745) {
    throw new ProblemError({kind: 'bad-month', text});
  }
  return hours;
}

/** Hours in each period a rate may be given per (a month is the workload's month). */
const PERIOD_HOURS: Record<string, (monthHours: number) => number> = {
  month: (monthHours) => monthHours,
  week: () => 168,
  day: () => 24,
  hour: () => 1,
};

/** Parses runs: `100` (a month), `100/month`, `24/day`, `2/hour`, `5/week`; returns runs a month, exactly. */
export function parseRuns(text: string, monthHours: number): Exact {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(?:\/\s*(month|week|day|hour))?\s*$/i.exec(text);
  if (!match || dec(match[1]!).lte(0)) {
    throw new ProblemError({kind: 'bad-runs', text});
  }
  const periodHours = PERIOD_HOURS[(match[2] ?? 'month').toLowerCase()]!(monthHours);
  return times(exactOf(dec(match[1]!)), exact(monthHours, periodHours));
}

/** The most tasks a workload is priced for (--count, a service's desired count): far above ECS's own limits. */
export const MAX_TASK_COUNT = 1_000_000;

export function parseCount(text: string): number {
  if (!/^\s*\d+\s*$/.test(text) || Number(text) < 1 || Number(text) > MAX_TASK_COUNT) {
    throw new ProblemError({kind: 'bad-count', text});
  }
  return Number(text);
}

/** N tasks, each running `durationMs` per run, `runsPerMonth` runs a month, in a month of `monthHours`. */
export interface Workload {
  readonly count: number;
  readonly durationMs: number;
  readonly runsPerMonth: Exact;
  readonly monthHours: number;
  readonly alwaysOn: boolean;
}

export function alwaysOn(count = 1, monthHours = HOURS_PER_MONTH): Workload {
  return {count, durationMs: monthHours * 3_600_000, runsPerMonth: EXACT_ONE, monthHours, alwaysOn: true};
}

export interface WorkloadFlags {
  readonly count?: string | undefined;
  readonly duration?: string | undefined;
  readonly runs?: string | undefined;
  readonly month?: string | undefined;
}

/** The workload a user described by count, duration, runs and month (text as typed); always on by default. */
export function workloadFromFlags(flags: WorkloadFlags): Workload {
  const monthHours = flags.month === undefined ? HOURS_PER_MONTH : parseMonthHours(flags.month);
  const count = flags.count === undefined ? 1 : parseCount(flags.count);
  if (flags.runs !== undefined && flags.duration === undefined) {
    throw new ProblemError({kind: 'runs-without-duration'});
  }
  if (flags.duration === undefined) return alwaysOn(count, monthHours);
  const durationMs = parseDuration(flags.duration);
  const runsPerMonth = flags.runs === undefined ? EXACT_ONE : parseRuns(flags.runs, monthHours);
  return {count, durationMs, runsPerMonth, monthHours, alwaysOn: false};
}

/** How many tasks run when, for an hourly profile: always on, a batch schedule, or autoscaling by the hour. */
export type WorkloadShape =
  | {readonly kind: 'always-on'; readonly count: number}
  | {readonly kind: 'schedule'; readonly count: number; readonly durationMs: number; readonly runsPerMonth: Exact}
  | {
      readonly kind: 'autoscaling';
      readonly min: number;
      readonly max: number;
      readonly countsByHour: readonly number[];
      readonly peak: string | null;
    };
