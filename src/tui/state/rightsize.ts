import type {RightsizeResult} from '../../model/rightsize.js';
import {renderRightsizeTable} from '../../report/rightsize.js';
import {PLAIN} from '../../report/style.js';
import {reportText, type ReportText} from './report-page.js';

/**
 * The Rightsize view's text, pure: what `fargate-cost rightsize SAMPLES` prints
 * (src/report/rightsize.ts), plain, at the view's width. On screen: how many services shrink or
 * grow and the saving a month; scrolling: per service the current and recommended size, why, the
 * monthly cost now and after, the saving; the use percentiles against the reservation; the reasons;
 * the assumptions.
 */
export function rightsizeViewText(result: RightsizeResult, width: number): ReportText {
  return reportText(renderRightsizeTable(result, PLAIN, width), width);
}
