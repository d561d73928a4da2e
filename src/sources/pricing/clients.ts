import type {PricingClient, PricingClientConfig} from '@aws-sdk/client-pricing';
import type {SavingsplansClient, SavingsplansClientConfig} from '@aws-sdk/client-savingsplans';
import {EXIT, UserError} from '../../errors.js';
import {type AwsOptions, baseConfig, quietSdkWarnings} from '../aws/clients.js';

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

async function resolveRegion(provider: unknown): Promise<string | undefined> {
  try {
    return typeof provider === 'function'
      ? ((await (provider as () => Promise<string>)()) as string)
      : (provider as string | undefined);
  } catch {
    return undefined; // no region configured anywhere: the default applies
  }
}

/** Loads the Pricing SDK on first use and pins the client to a Pricing endpoint region. */
export async function createPricingClient(
  options: AwsOptions & {pricingRegion?: string | undefined},
): Promise<PricingHandle> {
  quietSdkWarnings();
  const sdk = await import('@aws-sdk/client-pricing');
  let configured: string | undefined;
  if (options.pricingRegion === undefined) {
    // The region the standard configuration gives (AWS_REGION, the profile): used when it serves the API.
    const probe = new sdk.PricingClient(baseConfig({...options, region: undefined}) as PricingClientConfig);
    configured = await resolveRegion(probe.config.region);
    probe.destroy();
  }
  const endpointRegion = pricingEndpointRegion(options.pricingRegion, configured);
  return {
    client: new sdk.PricingClient(baseConfig({...options, region: endpointRegion}) as PricingClientConfig),
    sdk,
    endpointRegion,
  };
}

/** Savings Plans has one global endpoint (savingsplans.amazonaws.com, signed for us-east-1). */
export async function createSavingsPlansClient(options: AwsOptions): Promise<SavingsPlansHandle> {
  quietSdkWarnings();
  const sdk = await import('@aws-sdk/client-savingsplans');
  return {
    client: new sdk.SavingsplansClient(baseConfig({...options, region: 'us-east-1'}) as SavingsplansClientConfig),
    sdk,
  };
}
