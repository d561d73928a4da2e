import type {Dec} from '../money/decimal.js';
import type {CatalogNote} from '../model/notes.js';
import type {CatalogInfo} from '../model/priced.js';
import type {Confidence, RateKey, RateTable} from '../model/types.js';
import type {CatalogDiff} from './diff.js';
import type {RefreshResult} from './refresh.js';
import type {SourceJson} from './schema.js';

/** What the `prices` commands find: the catalog's own shapes, so they live beside it. */

/** A rate as `prices show` lists it: value, unit, where it came from, how old, how sure. */
export interface ShownRate {
  readonly table: RateTable;
  readonly key: RateKey;
  readonly usageType: string;
  readonly unit: string;
  readonly rate: Dec;
  readonly source: string;
  readonly asOf: string;
  /** Whole days from the as-of date to now. */
  readonly ageDays: number;
  readonly confidence: Confidence;
  readonly derivation: string | null;
  readonly note: string | null;
}

/** The oldest as-of date per kind of rate (Spot prices move, so their age matters most). */
export interface TableDates {
  readonly onDemand: string | null;
  readonly spot: string | null;
  readonly savingsPlans: string | null;
}

export interface ShownRegion {
  readonly code: string;
  readonly name: string;
  readonly usageTypePrefix: string;
  readonly oldestAsOf: TableDates;
  readonly rates: readonly ShownRate[];
}

export interface ShownCatalog extends CatalogInfo {
  readonly generatedBy: string;
  readonly regionCount: number;
}

export interface PricesShowResult {
  readonly kind: 'prices-show';
  readonly catalog: ShownCatalog;
  readonly oldestAsOf: TableDates;
  readonly regions: readonly ShownRegion[];
  /** The sources the listed rates cite. */
  readonly sources: readonly SourceJson[];
  readonly counts: {readonly rates: number; readonly estimated: number};
  readonly warnings: readonly CatalogNote[];
}

export interface PricesDiffResult {
  readonly kind: 'prices-diff';
  /** The catalog compared from (A) and to (B). */
  readonly from: CatalogInfo;
  readonly to: CatalogInfo;
  readonly diff: CatalogDiff;
  readonly warnings: readonly CatalogNote[];
}

export interface PricesRefreshResult extends RefreshResult {
  readonly kind: 'prices-refresh';
  readonly base: CatalogInfo;
  readonly retrievedOn: string;
  readonly pricingEndpointRegion: string;
  /** What changed against the base catalog. */
  readonly diff: CatalogDiff;
}
