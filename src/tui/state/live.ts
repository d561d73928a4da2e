import type {LiveSnapshot} from '../../app/live.js';
import type {TaskRecord} from '../../model/task-record.js';

/**
 * The Live view's state (`explore --cluster C --watch`): the last snapshot that was read, when, and
 * when the next refresh is due; a refresh that failed leaves the snapshot as it was and says why in
 * one line. Pure: every instant comes in with its action.
 *
 * Throttling backs off: after n throttled refreshes in a row the next waits interval x 2^n, at most
 * MAX_BACKOFF_FACTOR intervals (and never less than one); a refresh that works resets it. Any other
 * failure (the network, an expired session) tries again after one interval.
 */

export const MAX_BACKOFF_FACTOR = 8;

export interface LiveState {
  readonly intervalMs: number;
  readonly snapshot: LiveSnapshot | null;
  readonly refreshing: boolean;
  /** When the last refresh that worked ended; null before the first. */
  readonly lastMs: number | null;
  /** When the next refresh starts; null while one runs. */
  readonly nextMs: number | null;
  /** Why the last refresh failed, one line; null when it worked. */
  readonly error: string | null;
  /** When it failed. */
  readonly errorMs: number | null;
  /** Throttled refreshes in a row. */
  readonly throttles: number;
  /** Refreshes that worked. */
  readonly refreshes: number;
  /** What the last refresh that worked read: tasks listed, and how many of them it had to describe. */
  readonly read: {readonly listed: number; readonly described: number} | null;
}

export type LiveAction =
  | {readonly type: 'refresh-started'; readonly nowMs: number}
  | {
      readonly type: 'refresh-done';
      readonly nowMs: number;
      readonly snapshot: LiveSnapshot;
      readonly listed: number;
      readonly described: number;
    }
  | {readonly type: 'refresh-failed'; readonly nowMs: number; readonly message: string; readonly throttled: boolean};

export function initialLiveState(intervalMs: number): LiveState {
  return {
    intervalMs,
    snapshot: null,
    refreshing: false,
    lastMs: null,
    nextMs: null,
    error: null,
    errorMs: null,
    throttles: 0,
    refreshes: 0,
    read: null,
  };
}

/** How long to wait before the next refresh after `throttles` throttled refreshes in a row. */
export function refreshDelay(intervalMs: number, throttles: number): number {
  return intervalMs * Math.min(MAX_BACKOFF_FACTOR, 2 ** Math.max(0, throttles));
}

export function liveReducer(state: LiveState, action: LiveAction): LiveState {
  switch (action.type) {
    case 'refresh-started':
      return {...state, refreshing: true, nextMs: null};
    case 'refresh-done':
      return {
        ...state,
        snapshot: action.snapshot,
        refreshing: false,
        lastMs: action.nowMs,
        nextMs: action.nowMs + state.intervalMs,
        error: null,
        errorMs: null,
        throttles: 0,
        refreshes: state.refreshes + 1,
        read: {listed: action.listed, described: action.described},
      };
    case 'refresh-failed': {
      const throttles = action.throttled ? state.throttles + 1 : 0;
      return {
        ...state,
        refreshing: false,
        nextMs: action.nowMs + refreshDelay(state.intervalMs, throttles),
        error: action.message,
        errorMs: action.nowMs,
        throttles,
      };
    }
  }
}

/** The delay the state asks for before its next refresh (0 when due or past). */
export function delayUntilNext(state: LiveState, nowMs: number): number | null {
  return state.nextMs === null ? null : Math.max(0, state.nextMs - nowMs);
}

/** What one refresh of the watched cluster gave: every task's latest record, or why it failed. Never thrown. */
export type LiveRefresh =
  | {
      readonly ok: true;
      readonly records: readonly TaskRecord[];
      /** Task ARNs listed, and how many of them this refresh described. */
      readonly listed: number;
      readonly described: number;
    }
  | {readonly ok: false; readonly message: string; readonly throttled: boolean};

/** The clock and the timer the watch runs on: the real ones, or a test's. */
export interface LiveClock {
  now(): number;
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

/** A cluster watched live: what the Live view refreshes from. */
export interface ExploreLive {
  /** The cluster as given (a name or an ARN). */
  readonly cluster: string;
  readonly region: string;
  readonly intervalMs: number;
  readonly refresh: () => Promise<LiveRefresh>;
  /** Region for tasks whose ARNs do not name one. */
  readonly fallbackRegion?: string | undefined;
  /** The real clock when left out. */
  readonly clock?: LiveClock | undefined;
}
