import {EXIT, UserError} from '../errors.js';
import type {WorkloadShape} from '../model/schedule.js';
import {OPTION_IDS, type OptionId, PLAN_IDS} from '../model/types.js';

/** The workload flags only the command line has: an autoscaling shape, and the purchase options to show. */

const HOURS_PER_DAY = 24;

function wholeCount(text: string, flag: string, min = 0): number {
  if (!/^\s*\d+\s*$/.test(text) || Number(text) < min || Number(text) > 100_000) {
    throw new UserError(`${flag} "${text}" must be a whole number of tasks${min > 0 ? `, at least ${min}` : ''}`, {
      exitCode: EXIT.usage,
    });
  }
  return Number(text);
}

/** Parses `9-17` (09:00 to 17:00 UTC) or `22-6` (over midnight) into the 24 hours it covers. */
export function parsePeakHours(text: string): boolean[] {
  const match = /^\s*(\d{1,2})\s*-\s*(\d{1,2})\s*$/.exec(text);
  const from = Number(match?.[1]);
  const to = Number(match?.[2]);
  if (!match || from > 23 || to > 24 || from === to) {
    throw new UserError(`--peak-hours "${text}" is not a range of UTC hours`, {
      hint: 'e.g. --peak-hours 9-17 (09:00 to 17:00 UTC) or 22-6',
      exitCode: EXIT.usage,
    });
  }
  return Array.from({length: HOURS_PER_DAY}, (_, hour) =>
    from < to ? hour >= from && hour < to : hour >= from || hour < to % 24,
  );
}

export interface AutoscalingFlags {
  readonly min?: string | undefined;
  readonly max?: string | undefined;
  readonly peakHours?: string | undefined;
  readonly shape?: string | undefined;
}

/** The autoscaling shape from --min/--max/--peak-hours or --shape (24 counts, hour 0 UTC first). */
export function autoscalingShape(flags: AutoscalingFlags): WorkloadShape & {kind: 'autoscaling'} {
  if (flags.shape !== undefined) {
    if (flags.min !== undefined || flags.max !== undefined || flags.peakHours !== undefined) {
      throw new UserError("--shape gives every hour's task count; drop --min, --max and --peak-hours", {
        exitCode: EXIT.usage,
      });
    }
    const parts = flags.shape.split(',').map((part) => part.trim());
    if (parts.length !== HOURS_PER_DAY) {
      throw new UserError(`--shape needs 24 task counts (00:00 to 23:00 UTC), got ${parts.length}`, {
        hint: 'e.g. --shape 2,2,2,2,2,2,2,4,8,8,8,8,8,8,8,8,8,6,4,2,2,2,2,2',
        exitCode: EXIT.usage,
      });
    }
    const countsByHour = parts.map((part) => wholeCount(part, '--shape value'));
    return {
      kind: 'autoscaling',
      min: Math.min(...countsByHour),
      max: Math.max(...countsByHour),
      countsByHour,
      peak: null,
    };
  }
  if (flags.min === undefined || flags.max === undefined) {
    throw new UserError(
      `autoscaling needs both --min and --max (${flags.min === undefined ? '--min' : '--max'} is missing)`,
      {hint: 'e.g. --min 2 --max 10 --peak-hours 9-17', exitCode: EXIT.usage},
    );
  }
  const min = wholeCount(flags.min, '--min');
  const max = wholeCount(flags.max, '--max', 1);
  if (min > max) {
    throw new UserError(`--min ${min} is above --max ${max}`, {
      hint: '--min is the fewest tasks running, --max the most, e.g. --min 2 --max 6',
      exitCode: EXIT.usage,
    });
  }
  const peak = flags.peakHours ?? '9-17';
  const peakHours = parsePeakHours(peak);
  return {kind: 'autoscaling', min, max, countsByHour: peakHours.map((isPeak) => (isPeak ? max : min)), peak};
}

/** Expands `--options`: ids, `savings-plans` / `sp` (all six), `sp-1y`, `sp-3y`, or plan ids. */
export function parseOptionList(text: string): OptionId[] {
  const chosen = new Set<OptionId>();
  for (const raw of text
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter(Boolean)) {
    const plans = (filter: (plan: string) => boolean) =>
      PLAN_IDS.filter(filter).map((plan) => `savings-plan-${plan}` as OptionId);
    let matched: OptionId[] = [];
    if (raw === 'all') matched = [...OPTION_IDS];
    else if (raw === 'od' || raw === 'ondemand') matched = ['on-demand'];
    else if (raw === 'sp' || raw === 'savings-plans' || raw === 'savings-plan') matched = plans(() => true);
    else if (/^sp-(1y|3y)$/.test(raw)) matched = plans((plan) => plan.startsWith(`compute-${raw.slice(3)}`));
    else if ((OPTION_IDS as readonly string[]).includes(raw)) matched = [raw as OptionId];
    else if ((PLAN_IDS as readonly string[]).includes(raw)) matched = [`savings-plan-${raw}` as OptionId];
    if (matched.length === 0) {
      throw new UserError(`unknown purchase option "${raw}"`, {
        hint: 'use on-demand, spot, savings-plans, sp-1y, sp-3y or an id such as savings-plan-compute-1y-no-upfront',
        exitCode: EXIT.usage,
      });
    }
    for (const option of matched) chosen.add(option);
  }
  if (chosen.size === 0)
    throw new UserError('--options is empty', {hint: 'e.g. --options on-demand,spot', exitCode: EXIT.usage});
  return OPTION_IDS.filter((option) => chosen.has(option));
}
