import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import {CompareCache, type CompareInput} from '../../app/compare.js';
import {PLAN_IDS} from '../../model/types.js';
import {
  compareKey,
  type CompareOutcome,
  compareReducer,
  type CompareSetup,
  type CompareViewState,
  initialCompareState,
  readSlider,
  runCompareInSlices,
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

type Source = {readonly input: CompareInput; readonly cache: CompareCache} | {readonly error: string};

/** An outcome and what it was computed for: the source (built for `inputKey`) and compareKey() of the state. */
interface Computed {
  readonly source: Source;
  readonly inputKey: unknown;
  readonly key: string;
  readonly outcome: CompareOutcome;
}

/**
 * Runs `slices` one per turn of the event loop (keys are read and frames drawn between them) and
 * hands its result to `done`; the function returned stops it for good (its result is not wanted).
 */
function runInSlices<T>(slices: Generator<void, T, void>, done: (value: T) => void, failed: (error: unknown) => void) {
  let stopped = false;
  let handle: NodeJS.Immediate | undefined;
  const next = () => {
    if (stopped) return;
    let step: IteratorResult<void, T>;
    try {
      step = slices.next();
    } catch (error) {
      failed(error);
      return;
    }
    if (step.done) done(step.value);
    else handle = setImmediate(next);
  };
  handle = setImmediate(next);
  return () => {
    stopped = true;
    if (handle) clearImmediate(handle);
  };
}

/**
 * The Compare view's state over an input (a history's, or the Estimate view's task): compare runs
 * again only when the input or one of its inputs here changes (Spot risk, tolerance, the On-Demand
 * base), and only while the view is on screen (the Estimate view's keys do not pay for it). Another
 * plan is another of the plans that run sized; moving the slider prices one commitment on its sweep.
 *
 * Compare runs off the input path: after the frame that asked for it, in slices (runCompareInSlices),
 * so keys are read and frames drawn while it works; `busy` says so, and the last outcome stays on
 * screen meanwhile. A run whose inputs changed before it ended is dropped (what it derived from the
 * usage alone stays in the CompareCache); only the latest inputs are computed.
 */
export function useCompareView(
  input: () => CompareInput | {readonly error: string},
  inputKey: unknown,
  setup: CompareSetup,
  active: boolean,
) {
  const [state, dispatch, latest] = useLatestReducer(compareReducer, initialCompareState);
  const key = compareKey(state);
  // The input is built once per inputKey, so its usage profiles are the same objects run after run and
  // what compare derives from them alone (CompareCache) serves every run while only the keys here change.
  const source = useWhileActive(active, (): Source => {
    const given = input();
    if ('error' in given) return given;
    return {input: given, cache: new CompareCache(setup.catalog, setup.monthHours, setup.owned ?? null)};
  }, [inputKey, setup]);
  const [computed, setComputed] = useState<Computed | {readonly failed: unknown} | undefined>(undefined);
  if (computed && 'failed' in computed) throw computed.failed;
  const upToDate = computed !== undefined && computed.source === source && computed.key === key;
  const busy = active && source !== undefined && !upToDate;
  // The state the run is for: the frame's (a newer one brings its own run).
  const stateRef = useRef<CompareViewState>(state);
  stateRef.current = state;
  // The input the source on hand was built for (it is built again only while the view is on screen).
  const inputKeyRef = useRef<unknown>(inputKey);
  inputKeyRef.current = inputKey;
  useEffect(() => {
    if (!busy || source === undefined) return;
    const forInput = inputKeyRef.current;
    if ('error' in source) {
      setComputed({source, inputKey: forInput, key, outcome: {ok: false, error: source.error}});
      return;
    }
    return runInSlices(
      runCompareInSlices(source.input, stateRef.current, setup, source.cache),
      (outcome) => setComputed({source, inputKey: forInput, key, outcome}),
      (error) => setComputed({failed: error}),
    );
  }, [busy, source, key, setup]);
  // The last outcome computed (of an earlier input or inputs while busy).
  const outcome = computed && 'outcome' in computed ? computed.outcome : undefined;
  // What this frame's outcome was computed for: a key routed before the next frame reads it.
  const rendered = useRef({upToDate: false, key});
  rendered.current = {upToDate: active && upToDate, key};
  /**
   * A frame is due that will show compare run again (the view just came on screen, or a key changed
   * what compare runs on, and its run has not ended): the outcome on screen is not the one the next
   * key must be routed on.
   */
  const pending = useCallback(
    () => !rendered.current.upToDate || compareKey(latest.current) !== rendered.current.key,
    [latest],
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
  /**
   * The outcome is of the input as it is now: not of an Estimate setting or task changed since
   * (compare runs again only once its view is on screen), nor of risk inputs still being computed.
   */
  const current =
    computed !== undefined && 'outcome' in computed && Object.is(computed.inputKey, inputKey) && computed.key === key;
  return {state, dispatch, outcome, plan: plan ?? null, slider, sliders, pending, busy, current};
}
