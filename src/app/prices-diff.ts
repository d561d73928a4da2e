import type {Catalog} from '../catalog/catalog.js';
import type {PricesDiffResult} from '../catalog/results.js';
import {diffCatalogs} from '../catalog/diff.js';
import {catalogInfo, staleCatalogNote} from '../pricing/rates.js';

/** `prices diff A B`: a report of what changed, rate by rate; never a failure when prices differ. */
export function pricesDiff(from: Catalog, to: Catalog, now: Date): PricesDiffResult {
  const a = catalogInfo(from, now);
  const b = catalogInfo(to, now);
  const stale = staleCatalogNote(b);
  const warnings = stale ? [{...stale, which: {label: 'B', path: b.path}}] : [];
  return {kind: 'prices-diff', from: a, to: b, diff: diffCatalogs(from.json, to.json), warnings};
}

export type {PricesDiffResult};
