import {useMemo} from 'react';
import type {BillResult} from '../../model/bill.js';
import {billPage, billReducer, billViewText, initialBillState} from '../state/bill.js';
import {useLatestReducer} from './use-latest-reducer.js';

/**
 * The Bill view's state and what it shows: its text at the terminal's width (made again only when
 * the width or the groups' order changes) and the page of the body under the head.
 */
export function useBillView(result: BillResult | undefined, width: number, bodyRows: number) {
  const [state, dispatch] = useLatestReducer(billReducer, () => initialBillState);
  const text = useMemo(
    () => (result ? billViewText(result, width, state.sort) : {head: [], body: []}),
    [result, width, state.sort],
  );
  const page = useMemo(() => billPage(text, bodyRows, state.top), [text, bodyRows, state.top]);
  return {state, dispatch, text, page};
}
