import {Box, Text} from 'ink';
import {memo} from 'react';
import type {HistoryResult, HistoryRow} from '../../model/history.js';
import {EXCLUSION_LABELS} from '../../report/text.js';
import {EXCLUSION_REASONS} from '../../model/task-record.js';
import type {Dec} from '../../money/decimal.js';
import {formatQuantity, formatUsd, formatUsdAdaptive} from '../../money/format.js';
import {headerLines} from '../../report/history.js';
import {keptIn} from '../kept.js';
import type {Layout} from '../layout.js';
import {fit, padEnd, visibleWidth} from '../../report/width.js';
import type {HistoryViewState, ShownRun} from '../state/history.js';
import {trend} from '../state/trend.js';
import {paint, useTheme} from '../theme.js';
import {HistoryTable} from './HistoryTable.js';
import {SECTION_LABEL_WIDTH} from './RateSources.js';

export interface HistoryViewProps {
  readonly result: HistoryResult;
  readonly state: HistoryViewState;
  /** The breakdown's rows after the filter (what the cursor moves over). */
  readonly rows: readonly HistoryRow[];
  /** The opened row's runs after the filter, costliest first; null when no row is open. */
  readonly runs: readonly ShownRun[] | null;
  /** The opened row itself (unfiltered figures). */
  readonly openedRow: HistoryRow | undefined;
  /** Values for the sparkline: cost per hour, or the opened group's vCPU-hours per hour. */
  readonly spark: {readonly values: readonly Dec[]; readonly unit: 'cost' | 'vcpu'};
  readonly filter: string;
  readonly filterEditing: boolean;
  readonly layout: Layout;
}

/** Rows the view draws above its list's first row: the summary (5), the list's title and its column headings. */
export const HISTORY_LIST_TOP = 7;
/** Rows the view takes above and below its list (the not-billed line): what the list's page size is computed from. */
export const HISTORY_CHROME_ROWS = HISTORY_LIST_TOP + 1;

export function historyListRows(layout: Layout): number {
  return Math.max(1, layout.bodyRows - HISTORY_CHROME_ROWS);
}

/**
 * Billed, what On-Demand would have cost, the projection and its steady state, as far as known: in
 * full words when they fit, else in short ones, else without the On-Demand comparison, so the four
 * figures (or three) stay whole at 80 columns.
 */
function totalsLine(result: HistoryResult, width: number): string {
  const b = result.billed;
  const p = result.projection;
  const onDemand = b.onDemandCost.gt(b.cost) ? `(On-Demand ${formatUsdAdaptive(b.onDemandCost)})` : null;
  const line = (short: boolean, withOnDemand: boolean) =>
    [
      `Billed ${formatUsdAdaptive(b.cost)}`,
      withOnDemand ? onDemand : null,
      p ? (short ? `· proj. ${formatUsd(p.monthlyCost)}/mo` : `· projected ${formatUsd(p.monthlyCost)} a month`) : null,
      p?.steadyState
        ? short
          ? `· steady ${formatUsd(p.steadyState.monthlyCost)}/mo`
          : `· steady state ${formatUsd(p.steadyState.monthlyCost)}`
        : null,
    ]
      .filter(Boolean)
      .join(' ');
  return (
    [line(false, true), line(true, true), line(true, false)].find((text) => visibleWidth(text) <= width) ??
    line(true, false)
  );
}

/** Trends drawn, kept for each series (the total's, an opened group's) at each start and width. */
const drawnTrends = new WeakMap<readonly Dec[], Map<string, ReturnType<typeof trend>>>();

const drawnTrend = (values: readonly Dec[], startMs: number, width: number): ReturnType<typeof trend> =>
  keptIn(
    keptIn(drawnTrends, values, () => new Map()),
    `${startMs}:${width}`,
    () => trend(values, startMs, width),
  );

/**
 * The hourly trend: cost per hour, or an opened group's vCPU-hours per hour, each cell the same
 * number of hours, with its maximum; a date axis (UTC) under it. A part cell at the end is left out
 * and the line says how many hours that is.
 */
function SparkRowView({
  spark,
  startMs,
  width,
}: {
  readonly spark: HistoryViewProps['spark'];
  readonly startMs: number;
  readonly width: number;
}) {
  const theme = useTheme();
  const sparkWidth = Math.max(10, width - SECTION_LABEL_WIDTH - 24);
  const drawn = drawnTrend(spark.values, startMs, sparkWidth);
  const sparkMax =
    spark.unit === 'cost' ? `max ${formatUsdAdaptive(drawn.max)}` : `max ${formatQuantity(drawn.max, 2)} vCPU-h`;
  const perCell = drawn.hoursPerCell === 1 ? '/h' : `/${drawn.hoursPerCell} h`;
  // A part cell at the end would look like a collapse: it is left out, and the axis line says so.
  const leftOut = drawn.hoursLeftOut > 0 ? `  last ${drawn.hoursLeftOut} h left out` : '';
  return (
    <>
      <Text wrap="truncate-end">
        <Text bold>{padEnd(spark.unit === 'cost' ? 'Hourly' : 'vCPU', SECTION_LABEL_WIDTH)}</Text>
        <Text {...paint(theme.bar)}>{drawn.line}</Text>
        <Text dimColor>{`  ${sparkMax}${perCell}`}</Text>
      </Text>
      <Text dimColor wrap="truncate-end">
        {fit(`${padEnd('  UTC', SECTION_LABEL_WIDTH)}${padEnd(drawn.axis, drawn.line.length)}${leftOut}`, width)}
      </Text>
    </>
  );
}

/** The head of the view, always on screen: what was read, the window, the totals, the sparkline. */
function HistorySummaryView({
  result,
  spark,
  width,
}: Pick<HistoryViewProps, 'result' | 'spark'> & {readonly width: number}) {
  const theme = useTheme();
  const [readLine = '', windowLine = ''] = headerLines(result);
  return (
    <>
      <Text bold wrap="truncate-end">
        {fit(readLine, width)}
      </Text>
      <Text dimColor wrap="truncate-end">
        {fit(windowLine, width)}
      </Text>
      <Text wrap="truncate-end">
        <Text bold {...paint(theme.good)}>
          {fit(totalsLine(result, width), width)}
        </Text>
      </Text>
      <SparkRow spark={spark} startMs={result.profile.hours[0]?.startMs ?? result.window?.fromMs ?? 0} width={width} />
    </>
  );
}

/** The foot of the view: the task runs not billed and why, or that none were left out. */
function NotBilledLineView({result, width}: {readonly result: HistoryResult; readonly width: number}) {
  const excluded = EXCLUSION_REASONS.filter((reason) => result.tasks.reasons[reason]).map(
    (reason) => `${result.tasks.reasons[reason]} ${EXCLUSION_LABELS[reason].split(' (')[0]}`,
  );
  return (
    <Text dimColor wrap="truncate-end">
      {fit(
        excluded.length > 0
          ? `Not billed: ${excluded.join(', ')}`
          : `${result.tasks.billed.toLocaleString('en-US')} task runs billed; none excluded`,
        width,
      )}
    </Text>
  );
}

/** The History view: totals, an hourly sparkline, the breakdown's rows by cost; Enter lists a row's task runs. */
export function HistoryView({
  result,
  state,
  rows,
  runs,
  openedRow,
  spark,
  filter,
  filterEditing,
  layout,
}: HistoryViewProps) {
  const width = layout.columns - 1;
  return (
    <Box flexDirection="column" width={layout.columns} flexShrink={0}>
      <HistorySummary result={result} spark={spark} width={width} />
      <HistoryTable
        result={result}
        state={state}
        rows={rows}
        runs={runs}
        openedRow={openedRow}
        filter={filter}
        filterEditing={filterEditing}
        width={width}
        listRows={historyListRows(layout)}
      />
      <NotBilledLine result={result} width={width} />
    </Box>
  );
}

/** Drawn again only when their props change (a key in the list leaves them as they were). */
const SparkRow = memo(SparkRowView);
const HistorySummary = memo(HistorySummaryView);
const NotBilledLine = memo(NotBilledLineView);
