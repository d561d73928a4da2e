import {useCallback, useRef} from 'react';
import type {HistoryResult} from '../../model/history.js';
import type {Dec} from '../../money/decimal.js';
import type {AppState} from '../state/app.js';
import type {ViewContext} from '../state/commands.js';
import type {CompareOutcome, SliderContext} from '../state/compare.js';
import {breakdownRows, type HistoryViewState} from '../state/history.js';

export interface ViewContextSources {
  /** The app's state as of the last key. */
  readonly app: {readonly current: AppState};
  readonly historyResult: HistoryResult | undefined;
  /** The History view: its state as of the last key, and the rows its cursor moves over in the last frame. */
  readonly historyView: {readonly latest: {readonly current: HistoryViewState}; readonly cursorRows: number};
  /** How many of the History list's rows are on screen. */
  readonly historyPage: number;
  /** Where the History list is drawn (see ViewContext.historyList). */
  readonly historyList: ViewContext['historyList'];
  /** The plan under a click on Compare's scenario table, as last drawn. */
  readonly comparePlanAt?: ViewContext['comparePlanAt'];
  /** Compare's scenario table as last drawn (see ViewContext.scenarioTable). */
  readonly scenarioTable?: ViewContext['scenarioTable'];
  readonly compareView: {
    readonly outcome: CompareOutcome | undefined;
    readonly sliders: readonly (SliderContext | null)[];
    /** A frame is due that runs compare again: see use-compare-view. */
    readonly pending: () => boolean;
  };
  /** The Bill view's body: the last first line it can scroll to, and lines on screen. */
  readonly bill: {readonly maxTop: number; readonly page: number};
  /** Each report view (Diff, Reconcile, Rightsize): the last first line it can scroll to, and lines on screen. */
  readonly reports?: ViewContext['reports'];
  /** The help overlay's extent: the last first row it can scroll to, and rows on screen. */
  readonly help: {readonly maxTop: number; readonly page: number};
}

/** The work lost per interruption steps from the largest in use (a batch job's half run, not a service's none). */
function largestLostWork(outcome: CompareOutcome | undefined): Dec | null {
  const risk = outcome?.ok ? outcome.result.spotRisk : null;
  return risk && risk.components.length > 0
    ? risk.components.map((c) => c.risk.lostWorkSeconds).reduce((a, b) => (b.gt(a) ? b : a))
    : null;
}

/**
 * What routing needs of the views, read when a key arrives: the last frame's figures, but the
 * History rows as of the last key.
 */
export function useViewContext({
  app,
  historyResult,
  historyView,
  historyPage,
  historyList,
  comparePlanAt,
  scenarioTable,
  compareView,
  bill,
  reports = {},
  help,
}: ViewContextSources): () => ViewContext {
  const outcome = compareView.outcome;
  const rendered = {
    historyRows: historyView.cursorRows,
    historyPage,
    historyList,
    ...(comparePlanAt ? {comparePlanAt} : {}),
    ...(scenarioTable ? {scenarioTable} : {}),
    bill: {maxTop: bill.maxTop, page: bill.page},
    reports,
    sliders: compareView.sliders,
    interruptionsPerTaskHour: outcome?.ok ? outcome.result.spotRisk.parameters.interruptionsPerTaskHour : null,
    lostWorkSeconds: largestLostWork(outcome),
    help: {maxTop: help.maxTop, page: help.page},
    comparePending: false,
  };
  const renderedRef = useRef(rendered);
  renderedRef.current = rendered;
  const historyLatest = historyView.latest;
  const comparePending = compareView.pending;
  return useCallback((): ViewContext => {
    const view = historyLatest.current;
    const now = {...renderedRef.current, comparePending: comparePending()};
    if (!historyResult || view.opened)
      return {...now, historyOpened: view.opened, historyKey: undefined, historyCursor: view.taskCursor};
    // The rows as of the last key, not the last frame: "/wo" then Enter typed fast opens the row the filter left.
    const rows = breakdownRows(historyResult, view.breakdown, app.current.filter, view.sort[view.breakdown]);
    return {
      ...now,
      historyRows: rows.length,
      historyOpened: null,
      historyCursor: view.cursor,
      historyKey: rows[Math.max(0, Math.min(view.cursor, rows.length - 1))]?.key,
    };
  }, [historyLatest, app, historyResult, comparePending]);
}
