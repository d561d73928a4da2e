import type {CatalogInfo} from '../model/priced.js';
import type {TableDates} from '../catalog/results.js';
import {D, type Dec} from '../money/decimal.js';
import {formatPercent, formatRate} from '../money/format.js';

/** Shared wording of the `prices` reports. */

export function catalogKindLabel(kind: CatalogInfo['kind']): string {
  return {embedded: 'embedded snapshot', cache: 'refreshed catalog', file: 'catalog'}[kind];
}

/** `embedded snapshot /path (generated 2026-11-24, 3 days old)` */
export function describeCatalog(info: CatalogInfo): string {
  return `${catalogKindLabel(info.kind)} ${info.path} (generated ${info.generatedAt.slice(0, 10)}, ${info.ageDays} ${info.ageDays === 1 ? 'day' : 'days'} old)`;
}

export function describeDates(dates: TableDates): string {
  const parts = [
    dates.onDemand && `On-Demand ${dates.onDemand}`,
    dates.spot && `Spot ${dates.spot}`,
    dates.savingsPlans && `Savings Plans ${dates.savingsPlans}`,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

/** `+$0.044928` / `-$0.0001` */
export function formatSignedRate(change: Dec): string {
  return `${change.isNegative() ? '-' : '+'}${formatRate(change.abs())}`;
}

/** `+96.51%` / `-4.00%` from a ratio. */
export function formatSignedPercent(ratio: Dec): string {
  const text = formatPercent(ratio, 2);
  return text.startsWith('-') || new D(text.slice(0, -1)).isZero() ? text : `+${text}`;
}

export function percentJson(ratio: Dec | null): string | null {
  return ratio === null ? null : ratio.times(100).toString();
}
