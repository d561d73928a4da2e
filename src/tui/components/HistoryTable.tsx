import {Box, Text} from 'ink';
import {memo} from 'react';
import type {HistoryResult, HistoryRow} from '../../model/history.js';
import {formatPercent, formatQuantity, formatUsdAdaptive} from '../../money/format.js';
import {type ColumnSpec, fit, fitTable, type FittedColumn, padEnd, padStart, visibleWidth} from '../../report/width.js';
import {keptIn} from '../kept.js';
import {barText, edgeMark, listPosition} from '../layout.js';
import {type Dec, ONE, sum} from '../../money/decimal.js';
import {
  BREAKDOWN_LABELS,
  breakdownOf,
  type HistoryViewState,
  type RunRow,
  runRow,
  scrollOffset,
  type ShownRun,
  sortLabel,
} from '../state/history.js';
import {paint, useTheme} from '../theme.js';

export interface HistoryTableProps {
  readonly result: HistoryResult;
  readonly state: HistoryViewState;
  /** The breakdown's rows after the filter (what the cursor moves over). */
  readonly rows: readonly HistoryRow[];
  /** The opened row's runs after the filter, costliest first; null when no row is open. */
  readonly runs: readonly ShownRun[] | null;
  /** The opened row itself (unfiltered figures). */
  readonly openedRow: HistoryRow | undefined;
  readonly filter: string;
  readonly filterEditing: boolean;
  readonly width: number;
  /** How many of the list's rows fit on screen. */
  readonly listRows: number;
}

/** What the list shows: a title, its columns, the rows on screen, the cursor among them. */
interface ShownList {
  readonly title: string;
  readonly specs: ColumnSpec[];
  readonly cells: string[][];
  readonly cursor: number;
  /** What the list says when no row is on it. */
  readonly emptyText: string;
  /** The breakdown's rows on screen, for their cost bars (none for a row's runs). */
  readonly bars: readonly HistoryRow[];
  /** The first row on screen, and how many rows the list has: where a cut list stands. */
  readonly offset: number;
  readonly total: number;
  /** With a filter, what it kept when the title does not say it ("2 runs, $1.88"). */
  readonly kept: string;
  /** The list's order ("by cost ↓"). */
  readonly order: string;
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

/** An opened row's title: its tasks, cost and task-hours; a day's also says how its runs are counted. */
function openedTitle(row: HistoryRow, day: boolean, runCount: number): string {
  return `${row.key}: ${row.tasks.toLocaleString('en-US')} task${row.tasks === 1 ? '' : 's'}${day ? ' starting that day' : ''}${row.running > 0 ? ` (${row.running} running)` : ''}, ${formatUsdAdaptive(row.cost)}, ${formatQuantity(row.taskHours, 2)} task-hours${day ? `; ${runCount.toLocaleString('en-US')} runs billed in it, each for its time that day` : ''}`;
}

/** A run's cells, worked out once for each shown run of a result (a run's row never changes). */
const runCells = new WeakMap<ShownRun, RunRow>();

const cellsOf = (item: ShownRun, cost: (run: ShownRun['shown']) => Dec): RunRow =>
  keptIn(runCells, item, () => runRow(item.shown, cost(item.shown), item.shownMs));

/** What a filter kept costs together, worked out once for each list the filter gives. */
const keptCosts = new WeakMap<readonly ShownRun[], Dec>();

const keptCost = (runs: readonly ShownRun[], cost: (run: ShownRun['shown']) => Dec): Dec =>
  keptIn(keptCosts, runs, () => sum(runs.map(({shown}) => cost(shown))));

/** An opened row's runs, scrolled to the cursor. */
function runsList(
  {result, state, openedRow, filter, listRows}: HistoryTableProps,
  opened: NonNullable<HistoryViewState['opened']>,
  runs: readonly ShownRun[],
): ShownList {
  const day = opened.breakdown === 'day';
  const windowed = result.window !== null && (result.window.fromFlagMs !== null || result.window.toFlagMs !== null);
  // A day's row counts each run's time on that day; --from/--to count the time inside the window.
  const counted = day ? 'on the day' : windowed ? 'in window' : null;
  const offset = scrollOffset(state.taskCursor, runs.length, listRows);
  const cost = (run: ShownRun['shown']) => result.runs!.cost(run);
  return {
    title: openedRow ? openedTitle(openedRow, day, runs.length) : opened.key,
    specs: runSpecs(counted),
    cells: runs.slice(offset, offset + listRows).map((item) => {
      const r = cellsOf(item, cost);
      return [r.id, r.option, r.size, r.started, r.billed, ...(counted ? [r.counted] : []), r.stop, r.cost];
    }),
    cursor: Math.min(state.taskCursor, runs.length - 1) - offset,
    emptyText: filter ? `no task run matches "${filter}"` : 'no task runs',
    bars: [],
    offset,
    total: runs.length,
    // The title has the row's own figures; a filter says how many runs it kept and what they cost together.
    kept: filter
      ? `${runs.length.toLocaleString('en-US')} run${runs.length === 1 ? '' : 's'}, ${formatUsdAdaptive(keptCost(runs, cost))}`
      : '',
    order: `by ${sortLabel('runs', state.sort.runs)}`,
  };
}

/** The breakdown's rows (after the filter), scrolled to the cursor. */
function rowsList({state, rows, filter, listRows}: HistoryTableProps, all: readonly HistoryRow[]): ShownList {
  const showKind = state.breakdown === 'groups' && rows.some((row) => row.kind !== null);
  const offset = scrollOffset(state.cursor, rows.length, listRows);
  const bars = rows.slice(offset, offset + listRows);
  return {
    // A filter says what it kept: how many rows of how many, and what they cost together.
    title: `By ${BREAKDOWN_LABELS[state.breakdown]} (${rows.length}${filter ? ` of ${all.length}, ${formatUsdAdaptive(sum(rows.map((row) => row.cost)))}` : ''})`,
    specs: rowSpecs(BREAKDOWN_LABELS[state.breakdown], showKind),
    cells: bars.map((row) => rowCells(row, showKind)),
    cursor: Math.min(state.cursor, rows.length - 1) - offset,
    emptyText: filter ? `no row matches "${filter}"` : 'nothing was billed',
    bars,
    offset,
    total: rows.length,
    kept: '',
    order: `by ${sortLabel(state.breakdown, state.sort[state.breakdown])}`,
  };
}

/** One row of the list: drawn again only when its text, mark, selection or bar changes. */
const ListRow = memo(function ListRow({
  mark,
  head,
  rest,
  selected,
  bar,
  barColor,
}: {
  readonly mark: string;
  readonly head: string;
  readonly rest: string;
  readonly selected: boolean;
  readonly bar: string;
  readonly barColor: string | undefined;
}) {
  // Three texts, not one: ink measures every text each frame, and a text with a mark, an ellipsis or a
  // bar in it costs it some 60 times what plain ASCII does; the first column (where marks and cuts are)
  // and the bar stay short, the rest of the row is mostly plain.
  return (
    <Box>
      <Text bold={selected} inverse={selected} wrap="truncate-end">{`${mark} ${head}`}</Text>
      {rest ? (
        <Text bold={selected} inverse={selected} wrap="truncate-end">
          {rest}
        </Text>
      ) : null}
      {bar ? <Text {...paint(barColor)} wrap="truncate-end">{`  ${bar}`}</Text> : null}
    </Box>
  );
});

/**
 * The History view's list: the breakdown's rows with a share bar each (its share of the billed total:
 * a full bar is 100%, so a 25% row draws a quarter and a filter never makes a small row look big), or an opened row's runs; a title with the filter. */
export function HistoryTable(props: HistoryTableProps) {
  const {result, state, runs, filter, filterEditing, width} = props;
  const theme = useTheme();
  const all = breakdownOf(result, state.breakdown);
  const list = state.opened && runs ? runsList(props, state.opened, runs) : rowsList(props, all);
  const columns = fitTable(list.specs, list.cells, width - 2);
  const tableWidth = columns.reduce((total, column) => total + column.width + 2, 0);
  const barWidth = state.opened ? 0 : Math.min(24, width - tableWidth - 2);
  const kept = list.kept ? ` → ${list.kept}` : '';
  const filterText = filterEditing
    ? `filter: ${filter}▏${kept}`
    : filter
      ? `filter: ${filter}${kept}  (Esc ${state.opened ? 'goes back' : 'clears'})`
      : '';
  const position = listPosition(list.offset, list.cells.length, list.total);
  // Where a cut list stands and its order are never cut: the title gives way first.
  const positionText = `${position ? `  ${position}` : ''}  ${list.order}`;
  return (
    <>
      <Text wrap="truncate-end">
        <Text bold>
          {fit(list.title, Math.max(10, width - visibleWidth(filterText) - visibleWidth(positionText) - 2))}
        </Text>
        {positionText ? <Text dimColor>{positionText}</Text> : null}
        {filterText ? <Text {...paint(theme.accent)}>{`  ${filterText}`}</Text> : null}
      </Text>
      <Text dimColor wrap="truncate-end">
        {'  '}
        {columns.map((column) => cell(column.header, column)).join('  ')}
      </Text>
      {list.cells.length === 0 ? (
        <Text dimColor>{`  ${list.emptyText}`}</Text>
      ) : (
        list.cells.map((row, i) => {
          const selected = i === list.cursor;
          const bar = list.bars[i] && barWidth >= 4 ? barText(list.bars[i]!.share, ONE, barWidth) : '';
          // Keyed by its place in the whole list: scrolling by one keeps every other row as it was drawn.
          return (
            <ListRow
              key={list.offset + i}
              mark={selected ? '›' : edgeMark(i, list.cells.length, list.offset, list.total)}
              head={columns[0] ? cell(row[columns[0].index] ?? '', columns[0]) : ''}
              rest={columns
                .slice(1)
                .map((column) => `  ${cell(row[column.index] ?? '', column)}`)
                .join('')}
              selected={selected}
              bar={bar}
              barColor={theme.bar}
            />
          );
        })
      )}
    </>
  );
}
