import {useMemo, useReducer, useRef} from 'react';
import type {CompareInput} from '../../app/compare.js';
import {optimizeCommitment} from '../../analysis/savings-plan.js';
import {
  compareKey,
  compareReducer,
  type CompareSetup,
  initialCompareState,
  planOfState,
  preparePlan,
  readSlider,
  runCompare,
} from '../state/compare.js';

/** Remembers the last value computed while `active`; while inactive, returns it without computing. */
function useWhileActive<T>(active: boolean, compute: () => T, deps: readonly unknown[]): T | undefined {
  const cache = useRef<{deps: readonly unknown[]; value: T} | undefined>(undefined);
  if (
    active &&
    (cache.current === undefined ||
      cache.current.deps.length !== deps.length ||
      cache.current.deps.some((dep, i) => !Object.is(dep, deps[i])))
  ) {
    cache.current = {deps, value: compute()};
  }
  return cache.current?.value;
}

/**
 * The Compare view's state over an input (a history's, or the Estimate view's task): compare() runs
 * again only when the input or a risk setting changes, and only while the view is on screen (the
 * Estimate view's keys do not pay for it); moving the slider only reads the prepared plan.
 */
export function useCompareView(
  input: () => CompareInput | {readonly error: string},
  inputKey: unknown,
  setup: CompareSetup,
  active: boolean,
) {
  const [state, dispatch] = useReducer(compareReducer, undefined, initialCompareState);
  const key = compareKey(state);
  const outcome = useWhileActive(active, () => {
    const given = input();
    return 'error' in given ? ({ok: false, error: given.error} as const) : runCompare(given, state, setup);
  }, [inputKey, key, setup]);
  const plan = planOfState(state);
  const prepared = useMemo(
    () => (outcome?.ok ? preparePlan(outcome.input, plan, setup) : null),
    [outcome, plan, setup],
  );
  // The optimum sweeps every breakpoint: once per plan, not once per slider step.
  const optimum = useMemo(() => (prepared?.peakCommitment.gt(0) ? optimizeCommitment(prepared) : null), [prepared]);
  const slider = useMemo(
    () => (prepared && optimum ? readSlider(prepared, state, optimum) : null),
    [prepared, optimum, state],
  );
  return {state, dispatch, outcome, prepared, slider};
}
