import {useCallback, useReducer, useRef} from 'react';

/**
 * useReducer whose latest state can be read at once through a ref. ink hands each key to the
 * handler of the last committed render, so a key typed before React re-renders would be routed on
 * the state before the previous key ("/" then "w" typed fast would lose the "w"); the key handler
 * reads the ref instead, which every dispatch updates synchronously.
 */
export function useLatestReducer<S, A>(
  reducer: (state: S, action: A) => S,
  init: () => S,
): [S, (action: A) => void, {readonly current: S}] {
  const ref = useRef<{current: S} | null>(null);
  if (ref.current === null) ref.current = {current: init()};
  const box = ref.current;
  const [, rerender] = useReducer((count: number) => count + 1, 0);
  const dispatch = useCallback(
    (action: A) => {
      const next = reducer(box.current, action);
      if (Object.is(next, box.current)) return;
      box.current = next;
      rerender();
    },
    [reducer, box],
  );
  return [box.current, dispatch, box];
}
