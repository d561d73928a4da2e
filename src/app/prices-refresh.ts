import type {Catalog} from '../catalog/catalog.js';
import type {PricesRefreshResult} from '../catalog/results.js';
import {diffCatalogs} from '../catalog/diff.js';
import {PUBLIC_ORIGIN, refreshCatalog, type RegionFetch} from '../catalog/refresh.js';
import type {SpotFeedParse} from '../catalog/spot-feed.js';
import {catalogInfo} from '../pricing/rates.js';

export interface PricesRefreshRequest {
  /** The catalog being replaced (what `--catalog` or the default chain selects). */
  readonly base: Catalog;
  readonly fetched: readonly RegionFetch[];
  readonly spotFeed?: SpotFeedParse | undefined;
  readonly pricingEndpointRegion: string;
  readonly now: Date;
  /** The APIs (default), or AWS's public offer files (then `pricingEndpointRegion` names their host). */
  readonly source?: 'api' | 'public';
}

/** `prices refresh` minus its I/O: the fetched payloads in, the new catalog and a report out. */
export function pricesRefresh(request: PricesRefreshRequest): PricesRefreshResult {
  const retrievedOn = request.now.toISOString().slice(0, 10);
  const result = refreshCatalog({
    base: request.base.json,
    fetched: request.fetched,
    spotFeed: request.spotFeed,
    retrievedOn,
    generatedAt: request.now.toISOString(),
    generatedBy:
      request.source === 'public'
        ? 'fargate-cost prices refresh (AWS public Price List offer files and the Fargate Spot feed)'
        : 'fargate-cost prices refresh (AWS Price List and Savings Plans APIs)',
    pricingEndpointRegion: request.pricingEndpointRegion,
    origin: request.source === 'public' ? PUBLIC_ORIGIN : undefined,
  });
  return {
    ...result,
    kind: 'prices-refresh',
    base: catalogInfo(request.base, request.now),
    retrievedOn,
    source: request.source ?? 'api',
    pricingEndpointRegion: request.pricingEndpointRegion,
    diff: diffCatalogs(request.base.json, result.catalog),
  };
}

export type {PricesRefreshResult};
