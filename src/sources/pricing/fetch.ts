import {GET_PRODUCTS_ACTION, type RegionFetch, SAVINGS_PLAN_RATES_ACTION} from '../../catalog/refresh.js';
import {EXIT, UserError} from '../../errors.js';
import {type AwsOptions, deadlineFor} from '../aws/clients.js';
import {awsUserError} from '../aws/errors.js';
import {createPricingClient, createSavingsPlansClient, type PricingHandle, type SavingsPlansHandle} from './clients.js';
import {fetchPriceList, fetchRegionCodes} from './get-products.js';
import {fetchSavingsPlanRates} from './savings-plans.js';

export const OFFLINE_HINT =
  'without AWS access, every command still works offline on the embedded snapshot or the last refreshed catalog';
export const GET_ATTRIBUTE_VALUES_ACTION = 'pricing:GetAttributeValues';

/** How many regions are fetched at once: gentle on the Pricing API's request rate. */
export const DEFAULT_CONCURRENCY = 4;

export interface FetchOptions extends AwsOptions {
  readonly pricingRegion?: string | undefined;
  readonly concurrency?: number;
  /** Tests inject a fake request handler or retry strategy for one client only. */
  readonly pricingConfig?: Record<string, unknown>;
  readonly savingsPlansConfig?: Record<string, unknown>;
  /** Told how many regions are fetched, once the list is known and as each one is done. */
  readonly onProgress?: ((fetched: {readonly regions: number; readonly of: number}) => void) | undefined;
}

export interface FetchResult {
  readonly fetched: RegionFetch[];
  readonly regions: string[];
  readonly pricingEndpointRegion: string;
}

/** An AWS failure while fetching one region: which region, which IAM action, and what to do. */
function regionError(error: unknown, action: string, region: string): unknown {
  const mapped = awsUserError(error, action, OFFLINE_HINT);
  if (!(mapped instanceof UserError)) return mapped;
  return new UserError(
    `refresh failed for ${region}: ${mapped.message.replace(/; nothing was written$/, '')}; nothing was written`,
    {
      ...(mapped.hint ? {hint: mapped.hint} : {}),
      exitCode: mapped.exitCode,
      cause: error,
    },
  );
}

/**
 * Runs `task` over `items` with at most `limit` running at once, results in input order. After the
 * first failure no new task starts; the running ones finish, then that first failure is thrown.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let failure: {error: unknown} | undefined;
  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const index = next++;
      try {
        results[index] = await task(items[index]!);
      } catch (error) {
        failure ??= {error};
      }
    }
  };
  await Promise.all(Array.from({length: Math.max(1, Math.min(limit, items.length))}, worker));
  if (failure) throw failure.error;
  return results;
}

/**
 * Fetches On-Demand (Price List) and Savings Plan rates for each region: the only network I/O of
 * `prices refresh`. Credentials are checked once first, so a missing profile is one clear error
 * rather than one per region. Any region that fails (after the SDK's retries) fails the whole fetch.
 */
export async function fetchRegions(regions: readonly string[] | 'all', options: FetchOptions): Promise<FetchResult> {
  let pricing: PricingHandle | undefined;
  let savingsPlans: SavingsPlansHandle | undefined;
  // One deadline for the whole fetch, both APIs and every region.
  const deadline = deadlineFor(options);
  try {
    pricing = await createPricingClient(
      {...options, clientConfig: {...options.clientConfig, ...options.pricingConfig}},
      deadline,
    );
    savingsPlans = await createSavingsPlansClient(
      {...options, clientConfig: {...options.clientConfig, ...options.savingsPlansConfig}},
      deadline,
    );
    try {
      await pricing.client.config.credentials();
    } catch (error) {
      throw awsUserError(error, GET_PRODUCTS_ACTION, OFFLINE_HINT);
    }
    let codes: string[];
    if (regions === 'all') {
      try {
        codes = (await fetchRegionCodes(pricing)).filter((code) => /^[a-z]{2}(-[a-z]+)+-\d$/.test(code));
      } catch (error) {
        throw awsUserError(error, GET_ATTRIBUTE_VALUES_ACTION, OFFLINE_HINT);
      }
      if (codes.length === 0)
        throw new UserError('the Price List API lists no regions for AmazonECS; nothing was written', {
          exitCode: EXIT.aws,
        });
    } else {
      codes = [...regions];
    }
    const pricingHandle = pricing;
    const savingsPlansHandle = savingsPlans;
    let done = 0;
    options.onProgress?.({regions: done, of: codes.length});
    const fetched = await mapLimit(
      codes,
      options.concurrency ?? DEFAULT_CONCURRENCY,
      async (region): Promise<RegionFetch> => {
        const [priceList, savingsPlanRates] = await Promise.all([
          fetchPriceList(pricingHandle, region).catch((error: unknown) => {
            throw regionError(error, GET_PRODUCTS_ACTION, region);
          }),
          fetchSavingsPlanRates(savingsPlansHandle, region).catch((error: unknown) => {
            throw regionError(error, SAVINGS_PLAN_RATES_ACTION, region);
          }),
        ]);
        options.onProgress?.({regions: ++done, of: codes.length});
        return {region, priceList, savingsPlanRates};
      },
    );
    return {fetched, regions: codes, pricingEndpointRegion: pricing.endpointRegion};
  } finally {
    pricing?.client.destroy();
    savingsPlans?.client.destroy();
  }
}
