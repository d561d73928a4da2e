import {useMemo} from 'react';
import {
  initialReportPageState,
  NO_REPORT,
  reportPage,
  reportPageReducer,
  type ReportText,
} from '../state/report-page.js';
import {useLatestReducer} from './use-latest-reducer.js';

/**
 * A report view's state (Diff, Reconcile, Rightsize) and what it shows: its text at the view's width
 * (made again only when the width changes) and the page of the body under the head.
 */
export function useReportView<R>(
  result: R | undefined,
  textOf: (result: R, width: number) => ReportText,
  width: number,
  bodyRows: number,
) {
  const [state, dispatch] = useLatestReducer(reportPageReducer, () => initialReportPageState);
  const text = useMemo(() => (result === undefined ? NO_REPORT : textOf(result, width)), [result, textOf, width]);
  const page = useMemo(() => reportPage(text, bodyRows, state.top), [text, bodyRows, state.top]);
  return {state, dispatch, text, page};
}
