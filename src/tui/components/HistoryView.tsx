import {Box, Text} from 'ink';
import {useMemo} from 'react';
import type {HistoryResult, HistoryRow} from '../../model/history.js';
import {EXCLUSION_LABELS} from '../../report/text.js';
import {EXCLUSION_REASONS} from '../../model/task-record.js';
import type {Dec} from '../../money/decimal.js';
import {formatPercent, formatQuantity, formatUsd, formatUsdAdaptive} from '../../money/format.js';
import {headerLines} from '../../report/history.js';
import {barText, type Layout} from '../layout.js';
import {type ColumnSpec, fit, fitTable, type FittedColumn, padEnd, padStart} from '../../report/width.js';
import {
  BREAKDOWN_LABELS,
  breakdownOf,
  type HistoryViewState,
  runRow,
  scrollOffset,
  type ShownRun,
  sparkline,
} from '../state/history.js';
import {paint, useTheme} from '../theme.js';
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

/** Rows the view takes above and below its list: what the list's page size is computed from. */
export const HISTORY_CHROME_ROWS = 7;

export function historyListRows(layout: Layout): number {
  return Math.max(1, layout.bodyRows - HISTORY_CHROME_ROWS);
}

const cell = (text: string, column: FittedColumn) =>
  column.align === 'right'
    ? padStart(fit(text, column.width), column.width)
    : padEnd(fit(text, column.width), column.width);

/** The breakdown's columns: the cost and its share go last, the key gives way first. */
function rowSpecs(header: string, showKind: boolean): ColumnSpec[] {
  return [
    {header, align: 'left', shrink: {order: 1, min: 10}},
    ...(showKind ? [{header: 'kind', align: 'left', drop: 1} as const] : []),
    {header: 'tasks', align: 'right', drop: 5},
    {header: 'task-h', align: 'right', drop: 2},
    {header: 'vCPU-h', align: 'right', drop: 4},
    {header: 'GB-h', align: 'right', drop: 3},
    {header: 'cost', align: 'right'},
    {header: 'share', align: 'right', drop: 6},
  ];
}

function rowCells(row: HistoryRow, showKind: boolean): string[] {
  const tasks =
    row.running > 0 ? `${row.tasks.toLocaleString('en-US')} (${row.running} run.)` : row.tasks.toLocaleString('en-US');
  return [
    row.key,
    ...(showKind ? [row.kind ?? ''] : []),
    tasks,
    formatQuantity(row.taskHours, 2),
    formatQuantity(row.vcpuHours, 2),
    formatQuantity(row.gbHours, 2),
    formatUsdAdaptive(row.cost),
    formatPercent(row.share),
  ];
}

/**
 * A run's columns. The task id gives way first (the start tells runs apart), then the stop code
 * and the size; the option, the start and the stop code are left out before the cost. `counted`:
 * the billed time the row counts, shown when it can differ from the billed time.
 */
function runSpecs(counted: string | null): ColumnSpec[] {
  return [
    {header: 'task', align: 'left', shrink: {order: 1, min: 8}},
    {header: 'option', align: 'left', drop: 5},
    {header: 'size', align: 'left', shrink: {order: 3, min: 12}},
    {header: 'pull started (UTC)', align: 'left', drop: 6},
    {header: 'billed', align: 'right'},
    ...(counted ? [{header: counted, align: 'right', drop: 7} as const] : []),
    {header: 'stop code', align: 'left', shrink: {order: 2, min: 9}, drop: 4},
    {header: 'cost', align: 'right'},
  ];
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
  const theme = useTheme();
  const width = layout.columns - 1;
  const listRows = historyListRows(layout);
  const [readLine = '', windowLine = ''] = headerLines(result);
  const b = result.billed;
  const p = result.projection;
  const totals = [
    `Billed ${formatUsdAdaptive(b.cost)}`,
    b.onDemandCost.gt(b.cost) ? `(On-Demand ${formatUsdAdaptive(b.onDemandCost)})` : null,
    p ? `· projected ${formatUsd(p.monthlyCost)} a month` : null,
    p?.steadyState ? `· steady state ${formatUsd(p.steadyState.monthlyCost)}` : null,
  ]
    .filter(Boolean)
    .join(' ');
  const sparkWidth = Math.max(10, width - SECTION_LABEL_WIDTH - 24);
  const drawn = useMemo(() => sparkline(spark.values, sparkWidth), [spark, sparkWidth]);
  const sparkMax =
    spark.unit === 'cost' ? `max ${formatUsdAdaptive(drawn.max)}` : `max ${formatQuantity(drawn.max, 2)} vCPU-h`;
  const perCell = drawn.hoursPerCell === 1 ? '/h' : `/${drawn.hoursPerCell} h`;
  const filterText = filterEditing
    ? `filter: ${filter}▏`
    : filter
      ? `filter: ${filter}  (Esc ${state.opened ? 'goes back' : 'clears'})`
      : '';

  const all = breakdownOf(result, state.breakdown);
  let title: string;
  let specs: ColumnSpec[];
  let cells: string[][];
  let cursor: number;
  let emptyText: string;
  let bars: readonly HistoryRow[] = [];
  if (state.opened && runs) {
    const row = openedRow;
    const day = state.opened.breakdown === 'day';
    const windowed = result.window !== null && (result.window.fromFlagMs !== null || result.window.toFlagMs !== null);
    // A day's row counts each run's time on that day; --from/--to count the time inside the window.
    const counted = day ? 'on the day' : windowed ? 'in window' : null;
    title = row
      ? `${row.key}: ${row.tasks.toLocaleString('en-US')} task${row.tasks === 1 ? '' : 's'}${day ? ' starting that day' : ''}${row.running > 0 ? ` (${row.running} running)` : ''}, ${formatUsdAdaptive(row.cost)}, ${formatQuantity(row.taskHours, 2)} task-hours${day ? `; ${runs.length.toLocaleString('en-US')} runs billed in it, each for its time that day` : ''}`
      : state.opened.key;
    specs = runSpecs(counted);
    const offset = scrollOffset(state.taskCursor, runs.length, listRows);
    cells = runs.slice(offset, offset + listRows).map(({shown, shownMs}) => {
      const r = runRow(shown, result.runs!.cost(shown), shownMs);
      return [r.id, r.option, r.size, r.started, r.billed, ...(counted ? [r.counted] : []), r.stop, r.cost];
    });
    cursor = Math.min(state.taskCursor, runs.length - 1) - offset;
    emptyText = filter ? `no task run matches "${filter}"` : 'no task runs';
  } else {
    const showKind = state.breakdown === 'groups' && rows.some((row) => row.kind !== null);
    title = `By ${BREAKDOWN_LABELS[state.breakdown]} (${rows.length}${filter ? ` of ${all.length}` : ''})`;
    specs = rowSpecs(BREAKDOWN_LABELS[state.breakdown], showKind);
    const offset = scrollOffset(state.cursor, rows.length, listRows);
    bars = rows.slice(offset, offset + listRows);
    cells = bars.map((row) => rowCells(row, showKind));
    cursor = Math.min(state.cursor, rows.length - 1) - offset;
    emptyText = filter ? `no row matches "${filter}"` : 'nothing was billed';
  }
  const columns = fitTable(specs, cells, width - 2);
  const tableWidth = columns.reduce((total, column) => total + column.width + 2, 0);
  const barWidth = state.opened ? 0 : Math.min(24, width - tableWidth - 2);
  // Bars are scaled to the whole breakdown's dearest row, so a filter does not make a small row look big.
  const maxCost = all.reduce((max, row) => (row.cost.gt(max) ? row.cost : max), all[0]?.cost ?? b.cost);
  const excluded = EXCLUSION_REASONS.filter((reason) => result.tasks.reasons[reason]).map(
    (reason) => `${result.tasks.reasons[reason]} ${EXCLUSION_LABELS[reason].split(' (')[0]}`,
  );

  return (
    <Box flexDirection="column" width={layout.columns} flexShrink={0}>
      <Text bold wrap="truncate-end">
        {fit(readLine, width)}
      </Text>
      <Text dimColor wrap="truncate-end">
        {fit(windowLine, width)}
      </Text>
      <Text wrap="truncate-end">
        <Text bold {...paint(theme.good)}>
          {fit(totals, width)}
        </Text>
      </Text>
      <Text wrap="truncate-end">
        <Text bold>{padEnd(spark.unit === 'cost' ? 'Hourly' : 'vCPU', SECTION_LABEL_WIDTH)}</Text>
        <Text {...paint(theme.bar)}>{drawn.line}</Text>
        <Text dimColor>{`  ${sparkMax}${perCell}`}</Text>
      </Text>
      <Text wrap="truncate-end">
        <Text bold>{fit(title, Math.max(10, width - [...filterText].length - 2))}</Text>
        {filterText ? <Text {...paint(theme.accent)}>{`  ${filterText}`}</Text> : null}
      </Text>
      <Text dimColor wrap="truncate-end">
        {'  '}
        {columns.map((column) => cell(column.header, column)).join('  ')}
      </Text>
      {cells.length === 0 ? (
        <Text dimColor>{`  ${emptyText}`}</Text>
      ) : (
        cells.map((row, i) => {
          const selected = i === cursor;
          const bar = bars[i] && barWidth >= 4 ? barText(bars[i]!.cost, maxCost, barWidth) : '';
          return (
            <Text key={`${i}-${row[0]}`} wrap="truncate-end">
              <Text bold={selected} inverse={selected}>
                {`${selected ? '›' : ' '} ${columns.map((column) => cell(row[column.index] ?? '', column)).join('  ')}`}
              </Text>
              {bar ? <Text {...paint(theme.bar)}>{`  ${bar}`}</Text> : null}
            </Text>
          );
        })
      )}
      <Text dimColor wrap="truncate-end">
        {fit(
          excluded.length > 0
            ? `Not billed: ${excluded.join(', ')}`
            : `${result.tasks.billed.toLocaleString('en-US')} task runs billed; none excluded`,
          width,
        )}
      </Text>
    </Box>
  );
}
