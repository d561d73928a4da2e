import type {ReconcileResult} from '../../model/reconcile.js';
import {renderReconcileTable} from '../../report/reconcile.js';
import {PLAIN} from '../../report/style.js';
import {reportText, type ReportText} from './report-page.js';

/** How many differing cells the view lists: as many as `reconcile --top` would list by default. */
export const RECONCILE_VIEW_TOP = 20;

/**
 * The Reconcile view's text, pure: what `fargate-cost reconcile --history H --bill B` prints
 * (src/report/reconcile.ts), plain, at the view's width. On screen: the headline (all agree, or how
 * many cells differ) and the counts (agree, differ, history only, bill only); scrolling: the totals by
 * dimension (model against bill, quantity and cost), the differing cells, the assumptions.
 */
export function reconcileViewText(result: ReconcileResult, width: number): ReportText {
  return reportText(renderReconcileTable(result, PLAIN, width, RECONCILE_VIEW_TOP), width);
}
