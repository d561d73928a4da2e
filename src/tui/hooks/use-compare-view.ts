import {useCallback, useMemo, useRef} from 'react';
import {CompareCache, type CompareInput} from '../../app/compare.js';
import {PLAN_IDS} from '../../model/types.js';
import {
  compareKey,
  type CompareOutcome,
  compareReducer,
  type CompareSetup,
  initialCompareState,
  readSlider,
  runCompare,
  selectedPlan,
  sliderContexts,
} from '../state/compare.js';
import {useLatestReducer} from './use-latest-reducer.js';

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
 * The Compare view's state over an input (a history's, or the Estimate view's task): compare runs
 * again only when the input or one of its inputs here changes (Spot risk, tolerance, the On-Demand
 * base), and only while the view is on screen (the Estimate view's keys do not pay for it). Another
 * plan is another of the plans that run sized; moving the slider prices one commitment on its sweep.
 */
export function useCompareView(
  input: () => CompareInput | {readonly error: string},
  inputKey: unknown,
  setup: CompareSetup,
  active: boolean,
) {
  const [state, dispatch, latest] = useLatestReducer(compareReducer, initialCompareState);
  const key = compareKey(state);
  // What this frame's outcome was computed for: a key routed before the next frame reads it.
  const rendered = useRef({active, key});
  rendered.current = {active, key};
  /**
   * A frame is due that will run compare again (the view just came on screen, or a key changed what
   * compare runs on): the outcome on screen is not the one the next key must be routed on.
   */
  const pending = useCallback(
    () => !rendered.current.active || compareKey(latest.current) !== rendered.current.key,
    [latest],
  );
  // The input is built once per inputKey, so its usage profiles are the same objects run after run and
  // what compare derives from them alone (CompareCache) serves every run while only the keys here change.
  const source = useWhileActive(active, () => {
    const given = input();
    if ('error' in given) return given;
    return {input: given, cache: new CompareCache(setup.catalog, setup.monthHours, setup.owned ?? null)};
  }, [inputKey, setup]);
  const outcome = useWhileActive(
    active,
    (): CompareOutcome =>
      source && 'input' in source
        ? runCompare(source.input, state, setup, source.cache)
        : {ok: false, error: source?.error ?? 'nothing to compare'},
    [source, key, setup],
  );
  const plan = useMemo(
    () => (outcome ? selectedPlan(outcome, PLAN_IDS[state.planIndex]!) : undefined),
    [outcome, state.planIndex],
  );
  // Nothing to slide over when no usage is eligible (all Spot, or only what plans never cover).
  const slider = useMemo(
    () => (plan?.prepared.peakCommitment.gt(0) ? readSlider(plan, state.commitment) : null),
    [plan, state.commitment],
  );
  const sliders = useMemo(() => (outcome ? sliderContexts(outcome) : []), [outcome]);
  return {state, dispatch, outcome, plan: plan ?? null, slider, sliders, pending};
}
