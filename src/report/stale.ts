import type {OptionResult, RateRef} from '../model/priced.js';
import type {Scenario} from '../model/compare.js';
import type {OptionId} from '../model/types.js';
import {shortOptionLabel} from './text.js';

/**
 * A rate older than a year, flagged in the row that uses it ("Spot: 2021-01 rate, refresh"),
 * not only in the notes. `staleBefore` comes with the result (the core computed it from the run's
 * clock); nothing here reads a clock.
 */

/**
 * How old a rate is for the flag: the newest date it was seen valid, its own as-of or a later
 * reading's that found it unchanged (`confirmed`).
 */
export function seenValid(rate: {readonly asOf: string; readonly confirmed?: string | undefined}): string {
  return rate.confirmed !== undefined && rate.confirmed > rate.asOf ? rate.confirmed : rate.asOf;
}

/** The month of the oldest date before `staleBefore`, or undefined when none is. */
export function staleMonth(dates: Iterable<string>, staleBefore: string): string | undefined {
  let oldest: string | undefined;
  for (const date of dates) if (date < staleBefore && (oldest === undefined || date < oldest)) oldest = date;
  return oldest?.slice(0, 7);
}

/** An option's own rates (the discounted ones; all of On-Demand's): the month of the oldest stale one. */
export function staleOptionMonth(option: OptionResult, staleBefore: string): string | undefined {
  if (!option.available) return undefined;
  const own = option.id === 'on-demand' ? option.lines : option.lines.filter((line) => line.discounted);
  return staleMonth(own.map(seenValid), staleBefore);
}

/** A compare scenario priced wholly at one table's rates: the month of its oldest stale rate. */
export function staleScenarioMonth(
  scenario: Scenario,
  rates: readonly RateRef[],
  staleBefore: string,
): string | undefined {
  if (!scenario.available) return undefined;
  const table =
    scenario.kind === 'spot'
      ? 'spot'
      : scenario.kind === 'on-demand'
        ? 'on-demand'
        : (scenario.kind === 'savings-plan' || scenario.kind === 'commitment') && !scenario.withSpot
          ? scenario.plan
          : null;
  if (table === null) return undefined;
  return staleMonth(rates.filter((rate) => rate.table === table).map(seenValid), staleBefore);
}

/**
 * The row label with its flag ("Spot: 2021-01 rate, refresh"): the option named short, so the row
 * fits 80 columns beside the figures.
 */
export function staleLabel(label: string, option: OptionId, month: string | undefined): string {
  if (month === undefined) return label;
  return `${shortOptionLabel(option)}: ${month} rate, refresh`;
}

/** The flag as a note beside the row (the compare CSV's risk_notes), where the label stays as it is. */
export function staleNote(month: string | undefined): string[] {
  return month === undefined ? [] : [`priced with a rate from ${month}, over a year old: refresh the prices`];
}

/** The purchase option a compare scenario's row stands for, for its short name. */
export function scenarioOption(scenario: Scenario): OptionId {
  if (scenario.kind === 'spot') return 'spot';
  if (scenario.plan && (scenario.kind === 'savings-plan' || scenario.kind === 'commitment'))
    return `savings-plan-${scenario.plan}` as OptionId;
  return 'on-demand';
}
