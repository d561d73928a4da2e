import type {PricingClient, PricingClientConfig} from '@aws-sdk/client-pricing';
import type {SavingsplansClient, SavingsplansClientConfig} from '@aws-sdk/client-savingsplans';
import {EXIT, UserError} from '../../errors.js';
import {
  type AwsOptions,
  checkEndpointUrl,
  clientConfig,
  deadlineFor,
  quietSdkWarnings,
  watchCalls,
} from '../aws/clients.js';
import type {Deadline} from '../aws/http.js';

/** The regions that serve the Price List Query API in the aws partition (botocore endpoints.json). */
export const PRICING_ENDPOINT_REGIONS = ['us-east-1', 'eu-central-1', 'ap-south-1'] as const;

const isEndpointRegion = (region: string | undefined): region is string =>
  region !== undefined && (PRICING_ENDPOINT_REGIONS as readonly string[]).includes(region);

/**
 * The region to send Pricing calls to. The SDK builds `api.pricing.<region>.amazonaws.com` for any
 * region, and most of those hosts do not exist, so the client is pinned: the explicit choice, else
 * the user's configured region when it serves the API, else us-east-1. Which region's prices come
 * back is chosen by the `regionCode` filter, not by this.
 */
export function pricingEndpointRegion(explicit: string | undefined, configured: string | undefined): string {
  if (explicit !== undefined) {
    if (!isEndpointRegion(explicit)) {
      throw new UserError(`--pricing-region ${explicit} does not serve the AWS Price List API`, {
        hint: `use one of ${PRICING_ENDPOINT_REGIONS.join(', ')}; each of them serves the prices of every region`,
        exitCode: EXIT.usage,
      });
    }
    return explicit;
  }
  return isEndpointRegion(configured) ? configured : 'us-east-1';
}

export interface PricingHandle {
  readonly client: PricingClient;
  readonly sdk: typeof import('@aws-sdk/client-pricing');
  readonly endpointRegion: string;
}

export interface SavingsPlansHandle {
  readonly client: SavingsplansClient;
  readonly sdk: typeof import('@aws-sdk/client-savingsplans');
}

/**
 * Loads the Pricing SDK on first use and pins the client to a Pricing endpoint region: --pricing-region,
 * else the configured region (AWS_REGION, the profile's) when it serves the API, else us-east-1.
 */
export async function createPricingClient(
  options: AwsOptions & {pricingRegion?: string | undefined},
  deadline: Deadline = deadlineFor(options),
): Promise<PricingHandle> {
  checkEndpointUrl('Pricing');
  quietSdkWarnings();
  const endpointRegion = pricingEndpointRegion(options.pricingRegion, options.configuredRegion);
  const [sdk, config] = await Promise.all([
    import('@aws-sdk/client-pricing'),
    clientConfig(options, endpointRegion, deadline),
  ]);
  const client = new sdk.PricingClient(config as PricingClientConfig);
  watchCalls(client.middlewareStack, options.onCall);
  return {client, sdk, endpointRegion};
}

/** Savings Plans has one global endpoint (savingsplans.amazonaws.com, signed for us-east-1). */
export async function createSavingsPlansClient(
  options: AwsOptions,
  deadline: Deadline = deadlineFor(options),
): Promise<SavingsPlansHandle> {
  checkEndpointUrl('savingsplans');
  quietSdkWarnings();
  const [sdk, config] = await Promise.all([
    import('@aws-sdk/client-savingsplans'),
    clientConfig(options, 'us-east-1', deadline),
  ]);
  const client = new sdk.SavingsplansClient(config as SavingsplansClientConfig);
  watchCalls(client.middlewareStack, options.onCall);
  return {client, sdk};
}
