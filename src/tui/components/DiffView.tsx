import type {Layout} from '../layout.js';
import type {ReportPage as Page, ReportText} from '../state/report-page.js';
import {ReportPage} from './ReportPage.js';

export interface DiffViewProps {
  readonly text: ReportText;
  readonly page: Page;
  readonly layout: Layout;
}

/**
 * The Diff view: `fargate-cost diff BASE HEAD` on screen. The On-Demand monthly total before -> after
 * (change) stays on top; per item before, after, change and what changed, every purchase option in
 * total, what was not priced and the assumptions scroll under it.
 */
export function DiffView({text, page, layout}: DiffViewProps) {
  return <ReportPage text={text} page={page} layout={layout} />;
}
