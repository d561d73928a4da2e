import {useMemo} from 'react';
import type {HistoryResult, HistoryRow} from '../../model/history.js';
import type {Dec} from '../../money/decimal.js';
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
  type ShownRun,
} from '../state/history.js';

/**
 * The History view's state and what it shows: the breakdown's rows and an opened row's runs, both
 * filtered. Sorting a row's runs happens once when it is opened; the filter then only selects.
 */
export function useHistoryView(result: HistoryResult | undefined, filter: string) {
  const [state, dispatch, latest] = useLatestReducer(historyReducer, initialHistoryState);
  const rows: readonly HistoryRow[] = useMemo(
    () => (result ? breakdownRows(result, state.breakdown, filter) : []),
    [result, state.breakdown, filter],
  );
  const opened = state.opened;
  const index = useMemo(() => (result ? indexRuns(result) : null), [result]);
  const allRuns = useMemo(
    () => (result && opened && index ? runsOf(result, opened, index) : null),
    [result, opened, index],
  );
  const runs: readonly ShownRun[] | null = useMemo(
    () => (allRuns ? filterRuns(allRuns, filter) : null),
    [allRuns, filter],
  );
  const openedRow = useMemo(
    () =>
      result && opened ? breakdownRows(result, opened.breakdown, '').find((row) => row.key === opened.key) : undefined,
    [result, opened],
  );
  const totalHourly = useMemo(() => (result ? hourlyCosts(result) : []), [result]);
  const spark = useMemo((): {values: readonly Dec[]; unit: 'cost' | 'vcpu'} => {
    const group = result && opened?.breakdown === 'groups' ? groupHourlyVcpu(result, opened.key) : null;
    return group ? {values: group, unit: 'vcpu'} : {values: totalHourly, unit: 'cost'};
  }, [result, opened, totalHourly]);
  const cursorRows = runs ? runs.length : rows.length;
  return {state, dispatch, latest, rows, runs, openedRow, spark, cursorRows};
}
