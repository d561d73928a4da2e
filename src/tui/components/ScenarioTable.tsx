import {Text} from 'ink';
import type {CompareResult, Scenario} from '../../model/compare.js';
import type {Dec} from '../../money/decimal.js';
import {formatPercent, formatUsd} from '../../money/format.js';
import {scenarioLabel} from '../../report/compare-text.js';
import {scenarioOption, staleLabel, staleScenarioMonth} from '../../report/stale.js';
import {fit, padEnd, padStart, visibleWidth} from '../../report/width.js';
import {listPosition} from '../layout.js';
import {SCENARIO_SORTS, type ScenarioSort, scenarioSortLabel, sortScenarios} from '../state/compare.js';
import {paint, useTheme} from '../theme.js';

export interface ScenarioTableProps {
  readonly result: CompareResult;
  readonly width: number;
  /** Rows for the table: its heading and as many scenarios as fit. */
  readonly rows: number;
  /** The order (`>`): compare's own, cheapest first, by default. */
  readonly sort?: ScenarioSort;
  /** The first row shown (PgDn/PgUp, Home/End scroll it); clamped as shownScenarios clamps it. */
  readonly offset?: number;
}

const HEADERS = ['scenario', 'monthly', 'saving', 'upfront', 'commit/h', 'util.'] as const;

export const percent = (ratio: Dec | null) => (ratio === null ? '–' : formatPercent(ratio));

/** The row's label, with the flag of a rate over a year old ("Spot: 2021-01 rate, refresh"). */
function labelOf(scenario: Scenario, result: CompareResult, short: boolean): string {
  const label = scenarioLabel(scenario, result.input.basis, short);
  const {rates, catalog} = result.assumptions;
  return staleLabel(label, scenarioOption(scenario), staleScenarioMonth(scenario, rates, catalog.staleBefore));
}

function scenarioCells(scenario: Scenario, result: CompareResult, short: boolean): string[] {
  return [
    labelOf(scenario, result, short),
    scenario.monthlyCost ? formatUsd(scenario.monthlyCost) : '–',
    scenario.savingsRatio && scenario.kind !== 'on-demand' ? formatPercent(scenario.savingsRatio) : '–',
    scenario.upfront && !scenario.upfront.isZero() ? formatUsd(scenario.upfront) : '–',
    scenario.commitmentPerHour ? formatUsd(scenario.commitmentPerHour, 3) : '–',
    percent(scenario.utilization),
  ];
}

/**
 * The columns' widths, and whether the labels are short: full labels when they fit, else short
 * ones, so plans stay apart in the first column, which takes what the figures leave.
 */
function fitColumns(
  scenarios: readonly Scenario[],
  result: CompareResult,
  width: number,
): {short: boolean; widths: number[]} {
  const fullCells = scenarios.map((scenario) => scenarioCells(scenario, result, false));
  const restWidth = HEADERS.slice(1).reduce(
    (total, header, i) =>
      total + 2 + Math.max(visibleWidth(header), ...fullCells.map((cells) => visibleWidth(cells[i + 1]!))),
    0,
  );
  const short = Math.max(...fullCells.map((cells) => visibleWidth(cells[0]!))) + restWidth > width;
  const cells = short ? scenarios.map((scenario) => scenarioCells(scenario, result, true)) : fullCells;
  // The first heading is as wide as its widest order's, so the table does not shift when `>` changes it.
  const headerWidth = (header: string, i: number) =>
    i === 0
      ? Math.max(...SCENARIO_SORTS.map((sort) => visibleWidth(`${header} (${scenarioSortLabel(sort)})`)))
      : visibleWidth(header);
  const widths = HEADERS.map((header, i) =>
    Math.max(headerWidth(header, i), ...cells.map((row) => visibleWidth(row[i]!))),
  );
  widths[0] = Math.max(16, Math.min(widths[0]!, width - widths.slice(1).reduce((a, b) => a + b + 2, 0)));
  return {short, widths};
}

/**
 * The first column's heading: its order ("scenario (by monthly ↑)"); a table cut short says where it
 * stands ("1–4 of 9", "3–4 of 9" scrolled) and that the On-Demand baseline is kept at its foot, in as many words as fit
 * (the order last to go but the position).
 */
function firstHeader(
  top: number,
  shown: number,
  total: number,
  baseline: boolean,
  order: string,
  columnWidth: number,
): string {
  const position = listPosition(top, shown, total);
  const plus = baseline ? ' + On-Demand' : '';
  const key = order.replace(/^by /, '');
  const counted = position
    ? [
        `${HEADERS[0]} ${position}${plus}, ${order}`,
        `${position}${plus}, ${order}`,
        `${position}${plus}, ${key}`,
        `${position}, ${key}`,
        `${position}${plus}`,
        position,
      ]
    : [`${HEADERS[0]} (${order})`, `${HEADERS[0]}, ${order}`, order, HEADERS[0]];
  return counted.find((text) => visibleWidth(text) <= columnWidth) ?? counted[counted.length - 1]!;
}

/** The scenario table's window: which of its rows are on screen, and how far it scrolls. */
export interface ShownScenarios {
  /** Every scenario the table ranks, in the order asked. */
  readonly scenarios: readonly Scenario[];
  /** The rows on screen that scroll, top to bottom (the name is the table's first, cheapest, order's). */
  readonly cheapest: readonly Scenario[];
  readonly pinned: Scenario | null;
  /** The first row on screen (an index into `scenarios`): the offset asked, clamped to [0, maxTop]. */
  readonly top: number;
  /** The last `top` there is: the one that shows the last scenario. 0 when every row fits. */
  readonly maxTop: number;
  /** Rows that scroll on screen at once (the pinned baseline not counted): what a page moves. */
  readonly page: number;
  /** Scenarios off screen above and below the rows shown (the pinned baseline is on screen). */
  readonly above: number;
  readonly below: number;
  readonly short: boolean;
  readonly widths: readonly number[];
}

/**
 * The scenarios the table lists in `rows` (its heading included) at `width`, top to bottom, in the
 * order asked, scrolled to `offset` (clamped: a sort or a new result never leaves it past the end):
 * the rows from there that fit, and the On-Demand baseline pinned last when it would otherwise be cut
 * (and there is room for a row above it). The table draws these; a click is read against them.
 */
export function shownScenarios(
  result: CompareResult,
  rows: number,
  width: number,
  sort: ScenarioSort = 'monthly',
  offset = 0,
): ShownScenarios {
  const ranked = result.scenarios.filter((s) => s.available && s.kind !== 'commitment');
  const {short, widths} = fitColumns(ranked, result, width - 2);
  // By name is by the names as shown (full or short).
  const scenarios = sortScenarios(ranked, sort, (scenario) => labelOf(scenario, result, short));
  const total = scenarios.length;
  const room = Math.max(1, Math.min(total, rows - 1));
  const baselineIndex = scenarios.findIndex((s) => s.kind === 'on-demand');
  // The baseline is pinned when the table is cut, there is a row for it and one above, and the window misses it.
  const canPin = total > room && room >= 2 && baselineIndex >= 0;
  const missed = (top: number) => canPin && (baselineIndex < top || baselineIndex >= top + room);
  // The last offset: the one whose window ends on the last scenario (a row less when the baseline is pinned).
  const lastTop = Math.max(0, total - room);
  const maxTop = missed(lastTop) ? lastTop + 1 : lastTop;
  const top = Math.max(0, Math.min(maxTop, Math.trunc(offset) || 0));
  const pinned = missed(top) ? scenarios[baselineIndex]! : null;
  const cheapest = scenarios.slice(top, top + (pinned ? room - 1 : room)).filter((scenario) => scenario !== pinned);
  const hidden = total - cheapest.length - (pinned ? 1 : 0);
  const above = top - (pinned && baselineIndex < top ? 1 : 0);
  return {
    scenarios,
    cheapest,
    pinned,
    top,
    maxTop,
    page: canPin ? room - 1 : room,
    above,
    below: hidden - above,
    short,
    widths,
  };
}

/**
 * The scenarios compare ranks, in the order asked (compare's, cheapest first, by default; the
 * recommended mix in bold), as many as the rows allow; when they are cut, the On-Demand baseline
 * stays as the last row, so every saving has the figure it is measured from on screen.
 */
export function ScenarioTable({result, width, rows, sort = 'monthly', offset = 0}: ScenarioTableProps) {
  const theme = useTheme();
  const {scenarios, cheapest, pinned, top, above, below, short, widths} = shownScenarios(
    result,
    rows,
    width,
    sort,
    offset,
  );
  const order = scenarioSortLabel(sort);
  const headers = [
    firstHeader(top, cheapest.length, scenarios.length, pinned !== null, order, widths[0]!),
    ...HEADERS.slice(1),
  ];
  // A margin as the History list has: ↑ on the first row shown when scenarios are hidden above it,
  // ↓ on the last of the rows that scroll when some are hidden below it.
  const row = (texts: readonly string[], mark = ' ') =>
    `${mark} ` +
    texts
      .map((text, i) => (i === 0 ? padEnd(fit(text, widths[0]!), widths[0]!) : padStart(text, widths[i]!)))
      .join('  ');
  return (
    <>
      <Text dimColor wrap="truncate-end">
        {row(headers)}
      </Text>
      {[...cheapest, ...(pinned ? [pinned] : [])].map((scenario, i) => {
        const recommended = scenario.kind === 'recommended';
        const mark = i === 0 && above > 0 ? '↑' : i === cheapest.length - 1 && below > 0 ? '↓' : ' ';
        return (
          <Text
            key={scenario.id}
            wrap="truncate-end"
            bold={recommended}
            dimColor={scenario === pinned}
            {...paint(recommended ? theme.good : undefined)}
          >
            {row(scenarioCells(scenario, result, short), mark)}
          </Text>
        );
      })}
    </>
  );
}
