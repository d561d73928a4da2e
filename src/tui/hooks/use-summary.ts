import {useMemo} from 'react';
import type {BillResult} from '../../model/bill.js';
import type {HistoryResult} from '../../model/history.js';
import type {EstimateOutcome} from '../state/estimate-select.js';
import {type SummaryItem, summaryItems} from '../state/summary.js';
import type {useExploreCompare} from './use-explore-compare.js';

/** The summary bar's figures from what the views computed (compare's only once it has run). */
export function useSummary(
  history: HistoryResult | undefined,
  bill: BillResult | undefined,
  estimate: EstimateOutcome,
  compareView: Pick<ReturnType<typeof useExploreCompare>, 'outcome' | 'slider'>,
): SummaryItem[] {
  const {outcome, slider} = compareView;
  return useMemo(
    () =>
      summaryItems({
        history,
        bill,
        estimate: estimate.ok ? estimate.result : undefined,
        compare: outcome ? (outcome.ok ? outcome.result : null) : undefined,
        coverage: outcome?.ok ? (slider ? slider.at.coverage : null) : undefined,
      }),
    [history, bill, estimate, outcome, slider],
  );
}
