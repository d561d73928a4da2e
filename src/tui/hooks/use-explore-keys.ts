import {type Dispatch, useEffect, useRef} from 'react';
import {type KeyPress, matchCommand} from '../keymap.js';
import {useKeyPresses} from './use-key-presses.js';
import type {AppAction, AppState, ViewId} from '../state/app.js';
import type {BillAction} from '../state/bill.js';
import {parseMouse, X10_BYTES, X10_PREFIX} from '../mouse.js';
import {activeScopes, filterKey, type Routed, routeCommand, routeMouse, type ViewContext} from '../state/commands.js';
import type {CompareAction} from '../state/compare.js';
import type {EstimateAction} from '../state/estimate.js';
import type {HistoryAction} from '../state/history.js';
import type {ReportPageAction} from '../state/report-page.js';

/** A key typed before the app could route it (during the load), with the view it was typed on. */
export interface TypedKey {
  readonly input: string;
  readonly key: KeyPress;
  /** The view on screen when it was typed (null: the app's first view): shown before the key is routed. */
  readonly view?: ViewId | null;
}

export interface ExploreKeyTargets {
  /** The app's state as of the last key (not the last render): see use-latest-reducer. */
  readonly app: {readonly current: AppState};
  /** What routing needs of the views, read when the key arrives. */
  readonly context: () => ViewContext;
  readonly dispatchApp: Dispatch<AppAction>;
  readonly dispatchEstimate: Dispatch<EstimateAction>;
  readonly dispatchHistory: Dispatch<HistoryAction>;
  readonly dispatchBill: Dispatch<BillAction>;
  readonly dispatchCompare: Dispatch<CompareAction>;
  /** The report view on screen (Diff, Reconcile or Rightsize). */
  readonly dispatchPage?: Dispatch<ReportPageAction>;
  readonly quit: () => void;
  /** Keys typed during the load, in order: routed first, once the app has mounted. */
  readonly typedAhead?: readonly TypedKey[];
}

/** Binds the keyboard to the reducers through the keymap; holds no logic of its own. */
export function useExploreKeys({
  app,
  context,
  dispatchApp,
  dispatchEstimate,
  dispatchHistory,
  dispatchBill,
  dispatchCompare,
  dispatchPage,
  quit,
  typedAhead = [],
}: ExploreKeyTargets): void {
  /** Routes one key on the state the keys before it left; false: it waits for the next frame (see Routed.wait). */
  const press = ({input, key, view}: TypedKey): boolean => {
    // A key typed during the load goes to the view it was typed on, as it would have then.
    if (view !== undefined) {
      const {view: shown, views} = app.current;
      const target = view ?? views[0];
      if (target !== undefined && target !== shown && views.includes(target))
        dispatchApp({type: 'show-view', view: target});
    }
    const state = app.current;
    // A mouse report is never typed text nor a key, whatever has the keyboard.
    const mouse = parseMouse(input);
    if (mouse) return apply(routeMouse(mouse, state, context()));
    // While the filter line is open it takes the keyboard: typed text, not commands.
    if (state.filterEditing) return apply(filterKey(input, key));
    const command = matchCommand(input, key, activeScopes(state));
    if (command === undefined) return true;
    return apply(routeCommand(command, state, context()));
  };
  const apply = (routed: Routed): boolean => {
    if (routed.wait) return false;
    if (routed.quit) quit();
    if (routed.app) dispatchApp(routed.app);
    if (routed.estimate) dispatchEstimate(routed.estimate);
    if (routed.history) dispatchHistory(routed.history);
    if (routed.bill) dispatchBill(routed.bill);
    if (routed.compare) dispatchCompare(routed.compare);
    if (routed.page) dispatchPage?.(routed.page);
    return true;
  };
  // Keys not yet routed, in the order typed: a key that waits for a frame holds every key after it.
  // Those typed during the load come first: the first frame's effect below routes them.
  const queue = useRef<TypedKey[] | null>(null);
  if (queue.current === null) queue.current = [...typedAhead];
  const drain = () => {
    const pending = queue.current!;
    while (pending.length > 0 && press(pending[0]!)) pending.shift();
  };
  // A legacy mouse report's bytes still to drop (see X10_PREFIX).
  const x10 = useRef(0);
  // Keys typed ahead come as one input: each counts, routed on the state the one before left.
  useKeyPresses((presses) => {
    for (const typed of presses) {
      if (x10.current > 0 && typed.input.length === 1) x10.current -= 1;
      else if (typed.input === X10_PREFIX) x10.current = X10_BYTES;
      else queue.current!.push(typed);
    }
    drain();
  });
  // A held key goes on once a frame is drawn (a key that waits always has one due: see Routed.wait).
  useEffect(() => {
    if (queue.current!.length > 0) drain();
  });
}
