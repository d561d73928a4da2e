import {useEffect, useReducer} from 'react';
import {liveSnapshot} from '../../app/live.js';
import type {Catalog} from '../../catalog/catalog.js';
import {
  type ExploreLive,
  initialLiveState,
  type LiveClock,
  type LiveState,
  liveReducer,
  refreshDelay,
} from '../state/live.js';

const REAL_CLOCK: LiveClock = {
  now: () => Date.now(),
  setTimer: (run, ms) => setTimeout(run, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Runs the watch: a refresh at once, then one each interval after the last ended (backed off while
 * throttled); never two at a time. The refresh is a promise the keys never wait for. Stops when the
 * app unmounts. Null without a watch.
 */
export function useLiveWatch(live: ExploreLive | undefined, catalog: Catalog): LiveState | null {
  const [state, dispatch] = useReducer(liveReducer, live?.intervalMs ?? 0, initialLiveState);
  useEffect(() => {
    if (!live) return;
    const clock = live.clock ?? REAL_CLOCK;
    let stopped = false;
    let timer: unknown;
    let throttles = 0;
    const run = async () => {
      if (stopped) return;
      dispatch({type: 'refresh-started', nowMs: clock.now()});
      const outcome = await live.refresh();
      if (stopped) return;
      const nowMs = clock.now();
      let delay = live.intervalMs;
      if (outcome.ok) {
        throttles = 0;
        try {
          const snapshot = liveSnapshot(outcome.records, {catalog, nowMs, fallbackRegion: live.fallbackRegion});
          dispatch({type: 'refresh-done', nowMs, snapshot, listed: outcome.listed, described: outcome.described});
        } catch (error) {
          dispatch({
            type: 'refresh-failed',
            nowMs,
            message: `could not bill the tasks read: ${String((error as Error)?.message ?? error)}`,
            throttled: false,
          });
        }
      } else {
        throttles = outcome.throttled ? throttles + 1 : 0;
        delay = refreshDelay(live.intervalMs, throttles);
        dispatch({type: 'refresh-failed', nowMs, message: outcome.message, throttled: outcome.throttled});
      }
      timer = clock.setTimer(() => void run(), delay);
    };
    void run();
    return () => {
      stopped = true;
      if (timer !== undefined) clock.clearTimer(timer);
    };
  }, [live, catalog]);
  return live ? state : null;
}
