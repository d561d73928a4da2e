import type {Layout} from '../layout.js';
import type {ReportPage as Page, ReportText} from '../state/report-page.js';
import {ReportPage} from './ReportPage.js';

export interface RightsizeViewProps {
  readonly text: ReportText;
  readonly page: Page;
  readonly layout: Layout;
}

/**
 * The Rightsize view: `fargate-cost rightsize SAMPLES` on screen. How many services shrink or grow and
 * the saving a month stay on top; per service the current and recommended size, why, cost now and
 * after, the use percentiles, the reasons and the assumptions scroll under them.
 */
export function RightsizeView({text, page, layout}: RightsizeViewProps) {
  return <ReportPage text={text} page={page} layout={layout} />;
}
