import {Box, Text} from 'ink';
import {useMemo} from 'react';
import type {HistoryResult, HistoryRow, TaskRun} from '../../app/history.js';
import {EXCLUSION_LABELS, EXCLUSION_REASONS} from '../../app/history.js';
import type {Dec} from '../../money/decimal.js';
import {formatPercent, formatQuantity, formatUsd, formatUsdAdaptive} from '../../money/format.js';
import {headerLines} from '../../report/history.js';
import {barText, fit, type Layout, padEnd, padStart} from '../layout.js';
import {BREAKDOWN_LABELS, type HistoryViewState, type RunRow, runRow, scrollOffset, sparkline} from '../state/history.js';
import {paint, useTheme} from '../theme.js';
import {SECTION_LABEL_WIDTH} from './RateSources.js';

export interface HistoryViewProps {
  readonly result: HistoryResult;
  readonly state: HistoryViewState;
  /** The breakdown's rows after the filter (what the cursor moves over). */
  readonly rows: readonly HistoryRow[];
  /** The opened row's runs after the filter, costliest first; null when no row is open. */
  readonly runs: readonly TaskRun[] | null;
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

interface Column {
  readonly header: string;
  readonly width: number;
  readonly align: 'left' | 'right';
}

const cell = (text: string, column: Column) => (column.align === 'right' ? padStart(fit(text, column.width), column.width) : padEnd(fit(text, column.width), column.width));

function rowCells(row: HistoryRow, showKind: boolean): string[] {
  const tasks = row.running > 0 ? `${row.tasks.toLocaleString('en-US')} (${row.running} run.)` : row.tasks.toLocaleString('en-US');
  return [row.key, ...(showKind ? [row.kind ?? ''] : []), tasks, formatQuantity(row.taskHours, 1), formatQuantity(row.vcpuHours, 1), formatQuantity(row.gbHours, 1), formatUsdAdaptive(row.cost), formatPercent(row.share)];
}

function runCells(row: RunRow): string[] {
  return [row.id, row.option, row.size, row.started, row.billed, row.stop, row.cost];
}

/**
 * Column widths from the data. When the row is wider than the terminal, the columns named in
 * `shrink` give way in that order, each down to its minimum (texts are then cut with an ellipsis).
 */
function fitColumns(headers: readonly string[], aligns: readonly ('left' | 'right')[], rows: readonly string[][], width: number, shrink: readonly {index: number; min: number}[]): Column[] {
  const widths = headers.map((header, i) => Math.max([...header].length, ...rows.map((cells) => [...(cells[i] ?? '')].length)));
  let over = widths.reduce((a, b) => a + b + 2, 0) - 2 - width;
  for (const {index, min} of shrink) {
    if (over <= 0) break;
    const cut = Math.min(over, Math.max(0, widths[index]! - min));
    widths[index]! -= cut;
    over -= cut;
  }
  return headers.map((header, i) => ({header, width: widths[i]!, align: aligns[i]!}));
}

/** The History view: totals, an hourly sparkline, the breakdown's rows by cost; Enter lists a row's task runs. */
export function HistoryView({result, state, rows, runs, openedRow, spark, filter, filterEditing, layout}: HistoryViewProps) {
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
  const sparkMax = spark.unit === 'cost' ? `max ${formatUsdAdaptive(drawn.max)}` : `max ${formatQuantity(drawn.max, 2)} vCPU-h`;
  const perCell = drawn.hoursPerCell === 1 ? '/h' : `/${drawn.hoursPerCell} h`;
  const filterText = filterEditing ? `filter: ${filter}▏` : filter ? `filter: ${filter}  (Esc clears)` : '';

  let title: string;
  let headers: string[];
  let aligns: ('left' | 'right')[];
  let cells: string[][];
  let cursor: number;
  let emptyText: string;
  if (state.opened && runs) {
    const row = openedRow;
    title = row
      ? `${row.key}: ${row.tasks.toLocaleString('en-US')} task${row.tasks === 1 ? '' : 's'}${row.running > 0 ? ` (${row.running} running)` : ''}, ${formatUsdAdaptive(row.cost)}, ${formatQuantity(row.taskHours, 2)} task-hours`
      : state.opened.key;
    headers = ['task', 'option', 'size', 'pull started (UTC)', 'billed', 'stop code', 'cost'];
    aligns = ['left', 'left', 'left', 'left', 'right', 'left', 'right'];
    const offset = scrollOffset(state.taskCursor, runs.length, listRows);
    const visible = runs.slice(offset, offset + listRows);
    cells = visible.map((run) => runCells(runRow(run, result.runs!.cost(run))));
    cursor = Math.min(state.taskCursor, runs.length - 1) - offset;
    emptyText = filter ? `no task run matches "${filter}"` : 'no task runs';
  } else {
    const showKind = state.breakdown === 'groups' && rows.some((row) => row.kind !== null);
    title = `By ${BREAKDOWN_LABELS[state.breakdown]} (${rows.length}${filter ? ` of ${breakdownTotal(result, state)}` : ''})`;
    headers = [BREAKDOWN_LABELS[state.breakdown], ...(showKind ? ['kind'] : []), 'tasks', 'task-h', 'vCPU-h', 'GB-h', 'cost', 'share'];
    aligns = ['left', ...(showKind ? (['left'] as const) : []), 'right', 'right', 'right', 'right', 'right', 'right'];
    const offset = scrollOffset(state.cursor, rows.length, listRows);
    cells = rows.slice(offset, offset + listRows).map((row) => rowCells(row, showKind));
    cursor = Math.min(state.cursor, rows.length - 1) - offset;
    emptyText = filter ? `no row matches "${filter}"` : 'nothing was billed';
  }
  // Runs: the task id gives way first (its start is enough to tell runs apart), then the stop code and the size; groups: the key.
  const shrink = state.opened && runs ? [{index: 0, min: 12}, {index: 5, min: 16}, {index: 2, min: 14}, {index: 5, min: 9}, {index: 3, min: 10}] : [{index: 0, min: 12}];
  const columns = fitColumns(headers, aligns, cells, width - 2, shrink);
  const tableWidth = columns.reduce((total, column) => total + column.width + 2, 0);
  const barWidth = state.opened ? 0 : Math.min(24, width - tableWidth - 2);
  const maxCost = rows.reduce((max, row) => (row.cost.gt(max) ? row.cost : max), rows[0]?.cost ?? b.cost);
  const visibleRows = state.opened ? [] : rows.slice(scrollOffset(state.cursor, rows.length, listRows), scrollOffset(state.cursor, rows.length, listRows) + listRows);
  const excluded = EXCLUSION_REASONS.filter((reason) => result.tasks.reasons[reason]).map((reason) => `${result.tasks.reasons[reason]} ${EXCLUSION_LABELS[reason].split(' (')[0]}`);

  return (
    <Box flexDirection="column" width={layout.columns} height={Math.min(layout.bodyRows, HISTORY_CHROME_ROWS + Math.max(1, cells.length))} overflowY="hidden">
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
          const bar = visibleRows[i] && barWidth >= 4 ? barText(visibleRows[i]!.cost, maxCost, barWidth) : '';
          return (
            <Text key={`${i}-${row[0]}`} wrap="truncate-end">
              <Text bold={selected} inverse={selected}>
                {`${selected ? '›' : ' '} ${row.map((text, k) => cell(text, columns[k]!)).join('  ')}`}
              </Text>
              {bar ? <Text {...paint(theme.bar)}>{`  ${bar}`}</Text> : null}
            </Text>
          );
        })
      )}
      <Text dimColor wrap="truncate-end">
        {fit(excluded.length > 0 ? `Not billed: ${excluded.join(', ')}` : `${result.tasks.billed.toLocaleString('en-US')} task runs billed; none excluded`, width)}
      </Text>
    </Box>
  );
}

function breakdownTotal(result: HistoryResult, state: HistoryViewState): number {
  return (state.breakdown === 'groups' ? result.groups : state.breakdown === 'option' ? result.byOption : result.byDay).length;
}
