import {Box, Text} from 'ink';
import type {LiveRow, LiveSnapshot} from '../../app/live.js';
import type {Dec} from '../../money/decimal.js';
import {formatQuantity, formatUsdAdaptive} from '../../money/format.js';
import {inert} from '../../report/inert.js';
import {plural} from '../../report/text.js';
import {fit, fitTable, padEnd, padStart, wrapLines} from '../../report/width.js';
import {formatSize} from '../../sizing/sizes.js';
import type {Layout} from '../layout.js';
import type {LiveState} from '../state/live.js';
import {paint, useTheme} from '../theme.js';

export interface LiveViewProps {
  readonly state: LiveState;
  readonly cluster: string;
  readonly region: string;
  readonly layout: Layout;
}

/** `12:00:30 UTC`. */
export const clockTime = (ms: number) => `${new Date(ms).toISOString().slice(11, 19)} UTC`;
/** `2026-11-01 00:00 UTC`. */
const dateTime = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** An hourly cost as the catalog's rates make it, exact to 10 decimals (`$0.0286148125`). */
export function hourly(value: Dec): string {
  return `$${formatQuantity(value, 10)}`;
}

function intervalText(ms: number): string {
  const seconds = ms / 1000;
  return seconds % 60 === 0 ? `${seconds / 60}m` : `${seconds}s`;
}

/** The head: what is watched, the running tasks and their hour, the month so far, the refreshes, a failure. */
export function liveHeadLines(state: LiveState, cluster: string, region: string): string[] {
  const lines = [`Cluster ${inert(cluster)} (${region}) · live, every ${intervalText(state.intervalMs)}`];
  const snap = state.snapshot;
  if (snap === null) {
    lines.push(state.error === null ? 'Reading the cluster…' : 'Nothing read yet');
  } else {
    const spot = snap.spotRunning > 0 ? ` (${snap.spotRunning} Spot)` : '';
    const onDemand = snap.onDemandPerHour.gt(snap.perHour) ? ` (On-Demand ${hourly(snap.onDemandPerHour)}/h)` : '';
    const unpriced = snap.unpriced > 0 ? ` · ${snap.unpriced} without a rate` : '';
    lines.push(`Now      ${snap.running} running${spot} · ${hourly(snap.perHour)}/h${onDemand}${unpriced}`);
    const since =
      snap.billedFromMs === null ? '' : ` since ${dateTime(Math.max(snap.billedFromMs, snap.monthStartMs))}`;
    lines.push(
      `Month    ${formatUsdAdaptive(snap.monthSoFar)} so far · ${plural(snap.monthTasks, 'task')} billed${since}`,
    );
  }
  const last = state.lastMs === null ? 'not yet' : clockTime(state.lastMs);
  const backoff =
    state.throttles > 0 && state.nextMs !== null && state.errorMs !== null
      ? `, backed off to ${intervalText(state.nextMs - state.errorMs)}`
      : '';
  const next = state.refreshing
    ? 'refreshing…'
    : state.nextMs === null
      ? ''
      : `next ${clockTime(state.nextMs)}${backoff}`;
  const read = state.read ? ` · ${state.read.listed} listed, ${state.read.described} described` : '';
  lines.push(`Refresh  last ${last} · ${next}${read}`);
  return lines;
}

/** The failure: when, that the figures shown are the last read, and why (AWS's words, inert). */
export function liveErrorLine(state: LiveState): string | null {
  if (state.error === null || state.errorMs === null) return null;
  const kept = state.lastMs === null ? '' : ', showing the last figures';
  return `! refresh failed at ${clockTime(state.errorMs)}${kept}: ${inert(state.error)}`;
}

const platform = (row: LiveRow) =>
  `${row.size.os === 'windows' ? 'Windows' : 'Linux'}/${row.size.arch === 'arm64' ? 'ARM64' : 'X86_64'}`;

const sizeText = (row: LiveRow) =>
  `${formatSize(row.size)}${row.size.storageGiB > 20 ? `, ${row.size.storageGiB} GiB` : ''}`;

const SPECS = [
  {header: 'Group', shrink: {order: 2, min: 12}},
  {header: 'Tasks', align: 'right' as const},
  {header: 'Size', shrink: {order: 3, min: 10}},
  {header: 'Capacity', drop: 4},
  {header: 'Platform', drop: 1},
  {header: '$/hour', align: 'right' as const},
];

/** The table's rows as text: the running tasks by group, purchase and size. */
export function liveTableLines(snap: LiveSnapshot, width: number, maxRows: number): string[] {
  const cells = snap.rows.map((row) => [
    row.group,
    String(row.running),
    sizeText(row),
    row.purchase === 'spot' ? 'Spot' : 'On-Demand',
    platform(row),
    hourly(row.perHour),
  ]);
  const columns = fitTable(SPECS, cells, width);
  const line = (values: readonly string[]) =>
    columns
      .map((column) => {
        const text = inert(values[column.index] ?? '');
        return column.align === 'right' ? padStart(text, column.width) : padEnd(fit(text, column.width), column.width);
      })
      .join('  ')
      .trimEnd();
  const shown = cells.length > maxRows ? Math.max(0, maxRows - 1) : cells.length;
  const lines = [line(SPECS.map((spec) => spec.header)), ...cells.slice(0, shown).map(line)];
  if (shown < cells.length) lines.push(`↓ ${cells.length - shown} more (1–${shown} of ${cells.length} shown)`);
  return lines;
}

/** `explore --cluster C --watch`: the tasks running now, their cost an hour, the month so far; refreshed on a timer. */
export function LiveView({state, cluster, region, layout}: LiveViewProps) {
  const theme = useTheme();
  const width = Math.max(20, layout.columns - 1);
  const head = liveHeadLines(state, cluster, region);
  const error = liveErrorLine(state);
  const snap = state.snapshot;
  const errorLines = error ? wrapLines(error, width).slice(0, 2) : [];
  const tableRows = Math.max(2, layout.bodyRows - head.length - errorLines.length - 2);
  const table = snap
    ? snap.rows.length > 0
      ? liveTableLines(snap, width, tableRows)
      : ['No Fargate task is running.']
    : [];
  return (
    <Box flexDirection="column">
      {head.map((line, i) => (
        <Text key={`h${i}`} bold={i === 0} wrap="truncate-end">
          {fit(line, width)}
        </Text>
      ))}
      {errorLines.map((line, i) => (
        <Text key={`e${i}`} wrap="truncate-end" {...paint(state.throttles > 0 ? theme.warn : theme.bad)}>
          {fit(line, width)}
        </Text>
      ))}
      <Text> </Text>
      {table.map((line, i) => (
        <Text key={`t${i}`} bold={i === 0} wrap="truncate-end">
          {fit(line, width)}
        </Text>
      ))}
    </Box>
  );
}
