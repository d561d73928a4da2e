import {
  ECS_OFFER_PATHS,
  EcsOfferReader,
  OfferShapeError,
  publicRegionFetch,
  readOfferIndex,
  readRegionIndex,
  readSavingsPlanRegionIndex,
  SAVINGS_PLAN_OFFER_PATHS,
  SavingsPlanOfferReader,
} from '../../../catalog/offer-files.js';
import type {RegionFetch} from '../../../catalog/refresh.js';
import {parseSpotFeed, type SpotFeedParse} from '../../../catalog/spot-feed.js';
import {EXIT, UserError, untrusted} from '../../../errors.js';
import type {Deadline} from '../../aws/http.js';
import {mapLimit} from '../fetch.js';
import {closeAgents, getStream} from './http.js';
import {BodyError, readSmallJson, streamJson} from './json-stream.js';

/**
 * `prices refresh --source public`: AWS's public price files, without credentials. The only
 * network I/O of that path; what it reads becomes the same `RegionFetch` input the API path gives
 * the pure refresh.
 */

export const DEFAULT_PRICE_LIST_URL = 'https://pricing.us-east-1.amazonaws.com';
export const DEFAULT_SPOT_FEED_URL = 'https://dftu77xade0tc.cloudfront.net/fargate-spot-prices.json';
export const OFFER_INDEX_PATH = '/offers/v1.0/aws/index.json';
export const SAVINGS_PLAN_INDEX_PATH = '/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/current/region_index.json';

/** Region files fetched at once: the Savings Plans ones are tens of MB each. */
export const PUBLIC_CONCURRENCY = 4;

export interface PublicUrls {
  /** Base of the Price List files (scheme, host, optional path prefix), no trailing slash. */
  readonly priceList: string;
  readonly spotFeed: string;
}

function checkUrl(text: string, variable: string): string {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash)
    throw new UserError(`${variable} "${untrusted(text, 120)}" is not an http:// or https:// URL`, {
      hint: `e.g. ${variable}=${variable === 'FARGATE_COST_SPOT_FEED_URL' ? DEFAULT_SPOT_FEED_URL : DEFAULT_PRICE_LIST_URL}, or unset it`,
      exitCode: EXIT.usage,
    });
  return url.href;
}

/** The URLs to read: FARGATE_COST_PRICE_LIST_URL and FARGATE_COST_SPOT_FEED_URL (checked), else AWS's. */
export function publicUrls(env: NodeJS.ProcessEnv): PublicUrls {
  const base = env['FARGATE_COST_PRICE_LIST_URL'];
  const feed = env['FARGATE_COST_SPOT_FEED_URL'];
  return {
    priceList: base ? checkUrl(base, 'FARGATE_COST_PRICE_LIST_URL').replace(/\/+$/, '') : DEFAULT_PRICE_LIST_URL,
    spotFeed: feed ? checkUrl(feed, 'FARGATE_COST_SPOT_FEED_URL') : DEFAULT_SPOT_FEED_URL,
  };
}

/** A URL an index names, relative to the base (`/offers/...`) or absolute; it stays on the base's scheme and host. */
function resolve(base: string, relative: string, what: string): string {
  const root = new URL(base);
  let url: URL;
  try {
    url = /^[a-z]+:/i.test(relative)
      ? new URL(relative)
      : new URL(`${base}${relative.startsWith('/') ? '' : '/'}${relative}`);
  } catch {
    throw new UserError(`${what} names "${untrusted(relative, 120)}", not a URL; nothing was written`, {
      exitCode: EXIT.aws,
    });
  }
  if (url.origin !== root.origin)
    throw new UserError(`${what} points to another host (${untrusted(url.origin, 120)}); nothing was written`, {
      exitCode: EXIT.aws,
    });
  return url.href;
}

export interface PublicFetchOptions {
  readonly urls: PublicUrls;
  readonly deadline: Deadline;
  /** The day of the fetch, YYYY-MM-DD: in each source's title. */
  readonly retrievedOn: string;
  /** Skip the Spot feed (a saved copy was given instead). */
  readonly skipSpotFeed?: boolean;
  readonly concurrency?: number;
  readonly onRequest?: ((kind: 'call' | 'retry') => void) | undefined;
  readonly onProgress?: ((fetched: {readonly regions: number; readonly of: number}) => void) | undefined;
  readonly backoffMs?: number;
}

export interface PublicFetchResult {
  readonly fetched: RegionFetch[];
  readonly regions: string[];
  readonly spotFeed: SpotFeedParse | undefined;
  /** The host the files came from, for the report. */
  readonly host: string;
  /** Regions the AmazonECS region index lists that were asked for but are not there. */
  readonly missing: string[];
}

/** A body that is not what it should be: one line naming the file, nothing written. */
function shapeError(what: string, url: string, error: unknown): unknown {
  if (error instanceof BodyError || error instanceof OfferShapeError)
    return new UserError(`${what} (${untrusted(url, 200)}) is unusable: ${error.message}; nothing was written`, {
      hint: 'run the refresh again; if it persists, the file at that URL is not an AWS price file (check FARGATE_COST_PRICE_LIST_URL)',
      exitCode: EXIT.aws,
      cause: error,
    });
  return error;
}

async function getJson(url: string, what: string, options: PublicFetchOptions): Promise<unknown> {
  const body = await getStream(url, what, options);
  try {
    return await readSmallJson(body);
  } catch (error) {
    throw shapeError(what, url, error);
  }
}

async function streamFile<R>(
  url: string,
  what: string,
  paths: readonly string[],
  reader: {value(path: readonly (string | number)[], value: unknown): void; finish(): R},
  options: PublicFetchOptions,
): Promise<R> {
  const body = await getStream(url, what, options);
  try {
    await streamJson(body, paths, (path, value) => reader.value(path, value));
    return reader.finish();
  } catch (error) {
    throw shapeError(what, url, error);
  }
}

/**
 * Fetches, for each region asked (or every region AmazonECS lists, for 'all'): its AmazonECS offer
 * and its Compute Savings Plans offer, streamed and cut to the Fargate rows; and the Spot feed once.
 * Any file that fails fails the whole fetch; nothing is written by this function in any case.
 */
export async function fetchPublicRegions(
  regions: readonly string[] | 'all',
  options: PublicFetchOptions,
): Promise<PublicFetchResult> {
  const base = options.urls.priceList;
  try {
    const indexUrl = `${base}${OFFER_INDEX_PATH}`;
    const offerIndex = await getJson(indexUrl, 'the Price List offer index', options);
    let ecsIndexUrl: string;
    try {
      ecsIndexUrl = resolve(base, readOfferIndex(offerIndex), 'the offer index');
    } catch (error) {
      throw shapeError('the Price List offer index', indexUrl, error);
    }
    const spIndexUrl = `${base}${SAVINGS_PLAN_INDEX_PATH}`;
    const [ecsIndexJson, spIndexJson] = await Promise.all([
      getJson(ecsIndexUrl, 'the AmazonECS region index', options),
      getJson(spIndexUrl, 'the Compute Savings Plans region index', options),
    ]);
    let ecsRegions: Map<string, string>;
    let spRegions: Map<string, string>;
    try {
      ecsRegions = readRegionIndex(ecsIndexJson);
    } catch (error) {
      throw shapeError('the AmazonECS region index', ecsIndexUrl, error);
    }
    try {
      spRegions = readSavingsPlanRegionIndex(spIndexJson);
    } catch (error) {
      throw shapeError('the Compute Savings Plans region index', spIndexUrl, error);
    }
    const asked = regions === 'all' ? [...ecsRegions.keys()] : [...regions];
    const missing = asked.filter((region) => !ecsRegions.has(region));
    const codes = asked.filter((region) => ecsRegions.has(region));
    if (regions === 'all' && codes.length === 0)
      throw new UserError('the AmazonECS region index lists no region; nothing was written', {exitCode: EXIT.aws});

    let done = 0;
    options.onProgress?.({regions: done, of: codes.length});
    const feedPromise = options.skipSpotFeed ? Promise.resolve(undefined) : fetchSpotFeed(options);
    // A feed failure is reported when the regions are done, not left unhandled meanwhile.
    feedPromise.catch(() => undefined);
    const fetched = await mapLimit(codes, options.concurrency ?? PUBLIC_CONCURRENCY, async (region) => {
      const ecsUrl = resolve(base, ecsRegions.get(region)!, 'the AmazonECS region index');
      const spPath = spRegions.get(region);
      const spUrl = spPath === undefined ? undefined : resolve(base, spPath, 'the Compute Savings Plans region index');
      const [onDemand, savingsPlans] = await Promise.all([
        streamFile(ecsUrl, `the AmazonECS offer for ${region}`, ECS_OFFER_PATHS, new EcsOfferReader(), options),
        spUrl === undefined
          ? Promise.resolve(undefined)
          : streamFile(
              spUrl,
              `the Compute Savings Plans offer for ${region}`,
              SAVINGS_PLAN_OFFER_PATHS,
              new SavingsPlanOfferReader(region),
              options,
            ),
      ]);
      options.onProgress?.({regions: ++done, of: codes.length});
      return publicRegionFetch({
        region,
        onDemand,
        savingsPlans,
        origins: {onDemand: ecsIndexUrl, savingsPlans: spIndexUrl},
        retrievedOn: options.retrievedOn,
      });
    });
    const spotFeed = await feedPromise;
    // A region the index does not list has no Fargate products: the refresh reports it as it does for the API.
    for (const region of missing) fetched.push({region, priceList: [], savingsPlanRates: []});
    return {fetched, regions: codes, spotFeed, host: new URL(base).host, missing};
  } finally {
    await closeAgents();
  }
}

async function fetchSpotFeed(options: PublicFetchOptions): Promise<SpotFeedParse> {
  const url = options.urls.spotFeed;
  const json = await getJson(url, 'the Fargate Spot price feed', options);
  try {
    return parseSpotFeed(json, {path: url});
  } catch (error) {
    if (error instanceof UserError)
      throw new UserError(`${error.message}; nothing was written`, {exitCode: EXIT.aws, cause: error});
    throw error;
  }
}
