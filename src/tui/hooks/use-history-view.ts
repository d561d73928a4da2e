import {useMemo} from 'react';
import type {HistoryResult, HistoryRow} from '../../model/history.js';
import type {Dec} from '../../money/decimal.js';
import {keptIn} from '../kept.js';
import {useLatestReducer} from './use-latest-reducer.js';
import {
  breakdownRows,
  filterRuns,
  indexRuns,
  groupHourlyVcpu,
  historyReducer,
  hourlyCosts,
  initialHistoryState,
  runsOf,
  sortRuns,
  type ShownRun,
} from '../state/history.js';

type Spark = {readonly values: readonly Dec[]; readonly unit: 'cost' | 'vcpu'};

/**
 * The History view's state and what it shows: the breakdown's rows and an opened row's runs, both
 * filtered, each in its order. Sorting a row's runs happens when it is opened or its order changes; the filter then only selects.
 */
export function useHistoryView(result: HistoryResult | undefined, filter: string) {
  const [state, dispatch, latest] = useLatestReducer(historyReducer, initialHistoryState);
  const rows: readonly HistoryRow[] = useMemo(
    () => (result ? breakdownRows(result, state.breakdown, filter, state.sort[state.breakdown]) : []),
    [result, state.breakdown, filter, state.sort],
  );
  const opened = state.opened;
  const index = useMemo(() => (result ? indexRuns(result) : null), [result]);
  // A row's runs, kept for the result: opening a row again (or closing and reopening it) selects nothing anew.
  const runsCache = useMemo(() => (result ? new Map<string, readonly ShownRun[]>() : null), [result]);
  const allRuns = useMemo(() => {
    if (!result || !opened || !index || !runsCache) return null;
    return keptIn(runsCache, `${opened.breakdown}\u0000${opened.key}`, () => runsOf(result, opened, index));
  }, [result, opened, index, runsCache]);
  const runsSort = state.sort.runs;
  const sortedRuns = useMemo(() => (allRuns ? sortRuns(allRuns, runsSort) : null), [allRuns, runsSort]);
  const runs: readonly ShownRun[] | null = useMemo(
    () => (sortedRuns ? filterRuns(sortedRuns, filter) : null),
    [sortedRuns, filter],
  );
  const openedRow = useMemo(
    () =>
      result && opened ? breakdownRows(result, opened.breakdown, '').find((row) => row.key === opened.key) : undefined,
    [result, opened],
  );
  const totalHourly = useMemo(() => (result ? hourlyCosts(result) : []), [result]);
  // A group's hourly vCPU-hours, kept for the result like its runs: opening it again works nothing out anew.
  const groupSparks = useMemo(() => (result ? new Map<string, Spark>() : null), [result]);
  const totalSpark = useMemo((): Spark => ({values: totalHourly, unit: 'cost'}), [totalHourly]);
  const spark = useMemo((): Spark => {
    if (!result || !groupSparks || opened?.breakdown !== 'groups') return totalSpark;
    return keptIn(groupSparks, opened.key, (): Spark => {
      const group = groupHourlyVcpu(result, opened.key);
      return group ? {values: group, unit: 'vcpu'} : totalSpark;
    });
  }, [result, opened, totalSpark, groupSparks]);
  const cursorRows = runs ? runs.length : rows.length;
  return {state, dispatch, latest, rows, runs, openedRow, spark, cursorRows};
}
