import type {DiffResult} from '../../model/diff.js';
import {renderDiffTable} from '../../report/diff.js';
import {PLAIN} from '../../report/style.js';
import {reportText, type ReportText} from './report-page.js';

/**
 * The Diff view's text, pure: what `fargate-cost diff BASE HEAD` prints (src/report/diff.ts), plain,
 * at the view's width. On screen: the sides and the On-Demand monthly total before -> after (change);
 * scrolling: per item before, after, change and what changed, every purchase option in total, what
 * was not priced, the assumptions.
 */
export function diffViewText(result: DiffResult, width: number): ReportText {
  return reportText(renderDiffTable(result, PLAIN, width), width);
}
