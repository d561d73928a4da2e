import type {Dec} from '../money/decimal.js';
import type {CatalogNote} from '../model/notes.js';
import type {CatalogInfo} from '../model/priced.js';
import type {Confidence, RateKey, RateTable} from '../model/types.js';
import type {CatalogDiff} from './diff.js';
import type {CatalogJson, SourceJson} from './schema.js';

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
  /** The newest date a later reading (source id `confirmedBy`) found the rate unchanged; null when none did. */
  readonly confirmed: string | null;
  readonly confirmedBy: string | null;
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

/** What `prices refresh` finds: the new catalog and, per region, what it came from. */

export type RegionStatus = 'refreshed' | 'added' | 'no-products' | 'not-fetched' | 'left-out';

export interface KeptRate {
  readonly table: RateTable;
  readonly key: RateKey;
  readonly price: string;
  readonly source: string;
  readonly asOf: string;
}

export interface RegionRefresh {
  readonly code: string;
  readonly name: string;
  readonly status: RegionStatus;
  /** On-Demand and Savings Plan rates the APIs returned for this region (now dated `retrievedOn`). */
  readonly onDemand: number;
  readonly savingsPlans: number;
  /** Spot rates (in no API): how many came from the Spot feed, how many stayed the base's. */
  readonly spot: {
    readonly count: number;
    readonly fromFeed: number;
    readonly fromBase: number;
    readonly oldestAsOf: string | null;
  };
  /** Published or secondary rates of the base catalog the APIs did not return, kept with their own source and date. */
  readonly kept: readonly KeptRate[];
  /** Rates filled by the documented rules of assembleCatalog (re-derived from this catalog's rates). */
  readonly estimated: number;
}

export interface RefreshFinding {
  readonly region: string;
  readonly api: string;
  readonly message: string;
}

export interface RefreshResult {
  readonly catalog: CatalogJson;
  readonly regions: readonly RegionRefresh[];
  /** Usage types no table knows: reported, never silently dropped. */
  readonly unknownUsageTypes: readonly UnknownUsageType[];
  /** Returned items that could not be used: unexpected units, plan types, regions, conflicts, malformed items. */
  readonly anomalies: readonly RefreshFinding[];
  readonly warnings: readonly RefreshWarning[];
  readonly sources: {readonly onDemand: SourceJson; readonly savingsPlans: SourceJson};
  /** Every source the fetched rates cite (the APIs' pair, or one per offer file version), then the Spot feed's. */
  readonly fetchedSources: readonly SourceJson[];
}

/** An unknown usage type: the region and API that returned it. */
export interface UnknownUsageType extends RefreshFinding {
  readonly usageType: string;
}

/** What `prices refresh` warns of, as data: the words are made in report/prices-refresh.ts. */
export type RefreshWarning =
  /** The API's usage types carry another prefix than the base catalog said for the region (the API's is used). */
  | {readonly kind: 'prefix-changed'; readonly region: string; readonly prefix: string; readonly basePrefix: string}
  /** Regions the Spot feed prices and the catalog does not have (no On-Demand rates there): not added. Sorted. */
  | {readonly kind: 'spot-feed-outside'; readonly regions: readonly string[]}
  /** Regions where the feed's Spot rates, dated `feedDate`, replaced newer ones. Sorted. */
  | {
      readonly kind: 'spot-feed-older';
      readonly feedDate: string;
      /** False when the replacing Spot rates came from the Price List rather than a feed. */
      readonly fromFeed: boolean;
      readonly regions: readonly string[];
    }
  /** Base regions with no Fargate products in the response: their rates are kept. */
  | {readonly kind: 'no-products-kept'; readonly regions: readonly string[]}
  /** New regions with no Fargate products in the response (or no usage-type prefix): not added. */
  | {readonly kind: 'no-products-left-out'; readonly regions: readonly string[]}
  /** Observed rates the APIs did not return, kept from the base catalog with their own source and date. */
  | {readonly kind: 'rates-kept'; readonly count: number}
  /** No Spot feed was given: every Spot rate is the base catalog's, the oldest observed `oldestAsOf`. */
  | {readonly kind: 'spot-kept'; readonly oldestAsOf: string}
  /** Usage types no table knows, not priced. */
  | {readonly kind: 'unknown-usage-types'; readonly usageTypes: readonly UnknownUsageType[]};

export interface PricesRefreshResult extends RefreshResult {
  readonly kind: 'prices-refresh';
  readonly base: CatalogInfo;
  readonly retrievedOn: string;
  /** Where the rates came from: the Price List and Savings Plans APIs, or AWS's public offer files. */
  readonly source: 'api' | 'public';
  /** The Pricing API endpoint region (api), or the host of the offer files (public). */
  readonly pricingEndpointRegion: string;
  /** What changed against the base catalog. */
  readonly diff: CatalogDiff;
}
