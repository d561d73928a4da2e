import {useMemo} from 'react';
import type {BillResult} from '../../model/bill.js';
import type {HistoryResult} from '../../model/history.js';
import {currentTask, type EstimateState} from '../state/estimate.js';
import type {EstimateOutcome, taskTotals} from '../state/estimate-select.js';
import {type SummaryItem, summaryItems} from '../state/summary.js';
import type {useExploreCompare} from './use-explore-compare.js';

/**
 * The summary bar's figures from what the views computed (compare's only once it has run). With
 * several task definitions, the month is the Estimate view's `All N` total; the rest is of the task
 * on screen, the one the Estimate view's options and Compare are of.
 */
export function useSummary(
  history: HistoryResult | undefined,
  bill: BillResult | undefined,
  estimateView: {
    readonly state: EstimateState;
    readonly outcome: EstimateOutcome;
    readonly totals?: ReturnType<typeof taskTotals> | undefined;
  },
  compareView: Pick<ReturnType<typeof useExploreCompare>, 'outcome' | 'slider' | 'current'>,
): SummaryItem[] {
  // Compare's figures are of the input as it is now, or pending: never of a task or setting left since.
  const outcome = compareView.current ? compareView.outcome : undefined;
  const slider = compareView.slider;
  const {outcome: estimate, totals} = estimateView;
  const onScreen = totals ? currentTask(estimateView.state).spec.name : undefined;
  return useMemo(
    () =>
      summaryItems({
        history,
        bill,
        estimate: estimate.ok ? estimate.result : undefined,
        tasks:
          totals && onScreen !== undefined ? {count: totals.tasks.length, total: totals.total, onScreen} : undefined,
        compare: outcome ? (outcome.ok ? outcome.result : null) : undefined,
        coverage: outcome?.ok ? (slider ? slider.at.coverage : null) : undefined,
      }),
    [history, bill, estimate, totals, onScreen, outcome, slider],
  );
}
