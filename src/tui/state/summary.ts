/**
 * The summary bar's figures, pure: this month (billed or estimated), the projected month, the
 * cheapest option and its saving, the Spot share and Savings Plan coverage, each in the words and
 * the formatting of the view it comes from, so the bar and the view always say the same. A figure
 * the app does not know yet (compare has not run) is pending, never 0.
 */
import type {BillResult} from '../../model/bill.js';
import type {CompareResult, Scenario} from '../../model/compare.js';
import type {EstimateResult} from '../../model/estimate.js';
import type {HistoryResult} from '../../model/history.js';
import {planParts} from '../../model/types.js';
import {type Dec, ZERO} from '../../money/decimal.js';
import {formatPercent, formatUsd, formatUsdAdaptive} from '../../money/format.js';
import {scenarioLabel} from '../../report/compare-text.js';
import {shortOptionLabel} from '../../report/text.js';
import {inert} from '../../report/inert.js';
import {fit, visibleWidth} from '../../report/width.js';

export interface SummaryItem {
  /** The label in full ("projected") and abbreviated ("proj."). */
  readonly label: string;
  readonly short: string;
  /** The figure as its view shows it; null while it is not known yet (drawn as pending). */
  readonly value: string | null;
  /** The figure in fewer words, with the short label; by default the same. */
  readonly shortValue?: string | undefined;
}

export const PENDING = '…';
const NONE = '–';

export interface SummaryInputs {
  readonly history?: HistoryResult | undefined;
  readonly bill?: BillResult | undefined;
  /** The Estimate view's result (what the bar sums up when there is no history or bill). */
  readonly estimate?: EstimateResult | undefined;
  /**
   * Several task definitions loaded (and no history or bill): the Estimate view's `All N` row, each
   * priced On-Demand at its own settings, and the name of the task on screen (what the Estimate
   * view's options and Compare are of). `total` is null when one cannot be priced.
   */
  readonly tasks?: {readonly count: number; readonly total: Dec | null; readonly onScreen: string} | undefined;
  /** compare's result; null when it cannot run (the view says why); undefined while it has not run. */
  readonly compare?: CompareResult | null | undefined;
  /** The coverage of the commitment on Compare's slider: null when there is nothing to slide over. */
  readonly coverage?: Dec | null | undefined;
}

const item = (label: string, short: string, value: string | null, shortValue?: string): SummaryItem => ({
  label,
  short,
  value,
  shortValue,
});

/** The projected month ("$223.37/mo", short "$223.37"), or none when there is no projection. */
const projected = (monthly: Dec | undefined): SummaryItem =>
  monthly === undefined
    ? item('projected', 'proj.', NONE)
    : item('projected', 'proj.', `${formatUsd(monthly)}/mo`, formatUsd(monthly));

/** A scenario in a word or three: "SP 3y all", "mix", "Spot". */
function scenarioWord(scenario: Scenario): string {
  if (scenario.kind === 'savings-plan' && scenario.plan) {
    const {term, payment} = planParts(scenario.plan);
    return `SP ${term} ${payment}`;
  }
  return {recommended: 'mix', spot: 'Spot', owned: 'owned', 'as-configured': 'as is'}[scenario.kind as string] ?? '?';
}

/**
 * The cheapest scenario compare ranks (the scenario table's first row) and its saving against
 * On-Demand, in the table's words and figures.
 */
function cheapestOfCompare(result: CompareResult): {value: string; short: string} {
  const best = result.scenarios.find((s) => s.available && s.kind !== 'commitment' && s.monthlyCost);
  if (!best || best.kind === 'on-demand' || !best.savingsRatio) return {value: 'On-Demand', short: 'On-Demand'};
  const saving = formatPercent(best.savingsRatio);
  return {
    value: `${scenarioLabel(best, result.input.basis, true)} saves ${saving}`,
    short: `${scenarioWord(best)} ${saving}`,
  };
}

/** The Estimate view's cheapest option and its saving a month ("Spot saves $24.57 (68.2%)"; short "Spot 68.2%"). */
function cheapestOfEstimate(result: EstimateResult): {value: string; short: string} {
  const best = result.options.find((option) => option.available && option.id !== 'on-demand');
  if (!best?.savings || !best.savingsRatio || best.savings.lte(0)) return {value: 'On-Demand', short: 'On-Demand'};
  const saving = formatPercent(best.savingsRatio);
  return {
    value: `${shortOptionLabel(best.id)} saves ${formatUsd(best.savings)} (${saving})`,
    short: `${shortOptionLabel(best.id)} ${saving}`,
  };
}

/** A task definition's name in the bar: inert (it comes from a file), cut to a few words. */
const TASK_NAME_WIDTH = 16;
const taskName = (name: string) => fit(inert(name), TASK_NAME_WIDTH);

/** Spot's share of the billed cost, as the History view's breakdown by option shows it. */
function historySpotShare(result: HistoryResult): string {
  const spot = result.byOption.find((row) => row.key === 'spot');
  return formatPercent(spot?.share ?? ZERO);
}

export function summaryItems(inputs: SummaryInputs): SummaryItem[] {
  const {history, bill, estimate, compare} = inputs;
  const cheapest = compare ? cheapestOfCompare(compare) : {value: compare === null ? NONE : null, short: undefined};
  const coverage =
    compare === undefined
      ? null
      : compare === null || inputs.coverage === null || inputs.coverage === undefined
        ? NONE
        : formatPercent(inputs.coverage);
  const tail = (spot: string | null) => [
    item('cheapest', 'best', cheapest.value, cheapest.short),
    item('Spot', 'Spot', spot),
    item('SP coverage', 'cov.', coverage),
  ];
  if (history) {
    return [
      item('billed', 'billed', formatUsdAdaptive(history.billed.cost)),
      projected(history.projection?.monthlyCost),
      ...tail(historySpotShare(history)),
    ];
  }
  if (bill) {
    const paid = bill.totals.paid;
    return [
      item('paid', 'paid', formatUsd(paid)),
      projected(bill.projection?.monthlyPaid),
      ...tail(paid.isZero() ? NONE : formatPercent(bill.totals.spot.div(paid))),
    ];
  }
  const best = estimate ? cheapestOfEstimate(estimate) : undefined;
  const tasks = inputs.tasks;
  if (tasks && tasks.count > 1) {
    // The month is every task definition's, added up as the `All N` row adds them; the cheapest
    // option and the coverage are of the task on screen (the options listed, and what Compare
    // compares), and say whose.
    const of = ` (${taskName(tasks.onScreen)})`;
    return [
      item(
        `estimated (all ${tasks.count})`,
        `est. (all ${tasks.count})`,
        tasks.total ? `${formatUsd(tasks.total)}/mo` : NONE,
      ),
      item(`cheapest${of}`, `best${of}`, best?.value ?? null, best?.short),
      item('Spot', 'Spot', estimate ? NONE : null),
      item(`SP coverage${of}`, `cov.${of}`, coverage),
    ];
  }
  const onDemand = estimate?.options.find((option) => option.id === 'on-demand')?.monthlyCost;
  return [
    item('estimated', 'est.', onDemand ? `${formatUsd(onDemand)}/mo` : estimate ? NONE : null),
    item('cheapest', 'best', best?.value ?? null, best?.short),
    item('Spot', 'Spot', estimate ? NONE : null),
    item('SP coverage', 'cov.', coverage),
  ];
}

/** Every figure pending: what the bar shows while a history or bill is read. */
export function pendingSummary(): SummaryItem[] {
  return [
    item('billed', 'billed', null),
    item('projected', 'proj.', null),
    item('cheapest', 'best', null),
    item('Spot', 'Spot', null),
    item('SP coverage', 'cov.', null),
  ];
}

const SEPARATOR = ' · ';

/**
 * The bar's one line within `width`: full labels when every item fits, else short ones, else the
 * items dropped from the right (the month and the projection are the last to go).
 */
export function summaryLine(items: readonly SummaryItem[], width: number): string {
  const text = (shown: readonly SummaryItem[], short: boolean) =>
    shown
      .map(
        (i) =>
          `${short ? i.short : i.label} ${(short && i.value !== null ? i.shortValue : undefined) ?? i.value ?? PENDING}`,
      )
      .join(SEPARATOR);
  if (visibleWidth(text(items, false)) <= width) return text(items, false);
  for (let count = items.length; count > 0; count--) {
    const line = text(items.slice(0, count), true);
    if (visibleWidth(line) <= width) return line;
  }
  return fit(text(items.slice(0, 1), true), width);
}
