import {useCallback, useMemo} from 'react';
import type {CompareInput} from '../../app/compare.js';
import type {OwnedInput} from '../../model/owned.js';
import {HOURS_PER_MONTH} from '../../money/decimal.js';
import {estimateCompareInputOf} from '../state/compare.js';
import type {EstimateState} from '../state/estimate.js';
import {type EstimateSetup, pricingKey} from '../state/estimate-select.js';
import {useCompareView} from './use-compare-view.js';

/**
 * The explore app's Compare view: of the history when there is one (`historyInput`), else of the
 * task on the Estimate view, compared again when its priced settings change. `active`: the view is
 * on screen (compare runs only then).
 */
export function useExploreCompare(
  estimate: EstimateSetup,
  estimateState: EstimateState,
  historyInput: CompareInput | {readonly error: string} | undefined,
  active: boolean,
  owned?: OwnedInput,
) {
  const estimateKey = pricingKey(estimateState);
  const compareInput = useCallback(
    () => historyInput ?? estimateCompareInputOf(estimateState, estimate, HOURS_PER_MONTH),
    [historyInput, estimateState, estimate],
  );
  const compareSetup = useMemo(
    () => ({catalog: estimate.catalog, now: estimate.now, monthHours: HOURS_PER_MONTH, owned}),
    [estimate, owned],
  );
  return useCompareView(compareInput, historyInput ?? `${estimateKey}`, compareSetup, active);
}
