import type {Layout} from '../layout.js';
import type {ReportPage as Page, ReportText} from '../state/report-page.js';
import {ReportPage} from './ReportPage.js';

export interface ReconcileViewProps {
  readonly text: ReportText;
  readonly page: Page;
  readonly layout: Layout;
}

/**
 * The Reconcile view: `fargate-cost reconcile --history H --bill B` on screen. Whether every cell agrees
 * and the counts (agree, differ, history only, bill only) stay on top; the totals by dimension (model
 * against bill), the differing cells and the assumptions scroll under them.
 */
export function ReconcileView({text, page, layout}: ReconcileViewProps) {
  return <ReportPage text={text} page={page} layout={layout} />;
}
