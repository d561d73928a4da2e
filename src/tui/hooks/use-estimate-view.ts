import {useMemo, useReducer} from 'react';
import {estimateReducer, type EstimateState} from '../state/estimate.js';
import {
  baselineState,
  type EstimateSetup,
  pricingKey,
  runEstimate,
  taskTotals,
  totalsKey,
} from '../state/estimate-select.js';

/**
 * The Estimate view's state and its price. Pricing runs the CLI's estimate() again only when
 * something that changes the price changed (moving the cursor does not). With several task
 * definitions (and no history to describe), `totals` is each one priced at its own settings and
 * their sum: the view's `All N` row and the summary bar's month, worked out once for both.
 */
export function useEstimateView(setup: EstimateSetup, initial: EstimateState) {
  const [state, dispatch] = useReducer(estimateReducer, initial);
  const key = pricingKey(state);
  // `key` stands for every input of runEstimate that the state holds.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the state's pricing inputs
  const outcome = useMemo(() => runEstimate(state, setup), [key, setup]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the baseline changes only with the task
  const baseline = useMemo(() => {
    const start = runEstimate(baselineState(state), setup);
    return start.ok ? start.result : undefined;
  }, [state.taskIndex, setup]);
  const several = state.tasks.length > 1 && setup.history === undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: totalsKey stands for every task's pricing inputs
  const totals = useMemo(() => (several ? taskTotals(state, setup) : undefined), [several, totalsKey(state), setup]);
  return {state, dispatch, outcome, baseline, totals};
}
