import {readFileSync} from 'node:fs';
import type {SavingsPlanOfferingRateLike} from '../../../src/catalog/savings-plan-rates.js';
import {dec} from '../../../src/money/decimal.js';
import {PLAN_IDS, type PlanId, planParts, type RateKey, type SavingsPlanRateKey} from '../../../src/model/types.js';
import {ON_DEMAND_SUFFIX} from '../../../src/catalog/usage-types.js';

/**
 * Payloads for the refresh tests.
 * - REAL: the captured GetProducts response for AmazonECS us-east-1 (2022-11-25, offer 20221121182130),
 *   test/fixtures/aws-samples/pricing/, 11 items as JSON strings, exactly as AWS sent them.
 * - CONSTRUCTED: no real GetProducts response exists here for another region, and no real
 *   DescribeSavingsPlansOfferingRates response for Fargate exists anywhere we looked
 *   (research/aws-apis.md section 2.3). Other regions' items are the real us-east-1 items with the
 *   region code, location, usage-type prefix and price rewritten; Savings Plan results follow the
 *   documented response shape (section 2.3) with usage types and units as the Savings Plan offer
 *   files spell them (`EU-Fargate-vCPU-Hours:perCPU`, unit `Hrs`).
 */

export const REAL_GET_PRODUCTS_PATH =
  'test/fixtures/aws-samples/pricing/get-products__amazonecs-us-east-1__2022-11-25.json';

export interface GetProductsWire {
  FormatVersion: string;
  PriceList: string[];
  NextToken?: string;
}

export function realGetProducts(): GetProductsWire {
  return JSON.parse(readFileSync(REAL_GET_PRODUCTS_PATH, 'utf8')) as GetProductsWire;
}

/** The real us-east-1 items, keyed by usage-type suffix (`Fargate-GB-Hours`). */
function templates(): Map<string, Record<string, any>> {
  const map = new Map<string, Record<string, any>>();
  for (const text of realGetProducts().PriceList) {
    const item = JSON.parse(text) as Record<string, any>;
    map.set((item.product.attributes.usagetype as string).replace(/^USE1-/, ''), item);
  }
  return map;
}

export interface RegionWire {
  readonly code: string;
  readonly prefix: string;
  readonly location: string;
}

export const EU_WEST_1: RegionWire = {code: 'eu-west-1', prefix: 'EU', location: 'EU (Ireland)'};
export const US_EAST_1: RegionWire = {code: 'us-east-1', prefix: 'USE1', location: 'US East (N. Virginia)'};

/** CONSTRUCTED: PriceList items for `region` with the given On-Demand prices, in the real item shape. */
export function constructedPriceList(
  region: RegionWire,
  prices: Partial<Record<RateKey, string>>,
  extraUsageTypes: readonly string[] = [],
): string[] {
  const byName = templates();
  const items: string[] = [];
  const rewrite = (template: Record<string, any>, usageType: string, price: string | undefined) => {
    const item = structuredClone(template);
    item.product.attributes.usagetype = usageType;
    item.product.attributes.regionCode = region.code;
    item.product.attributes.location = region.location;
    for (const term of Object.values(item.terms.OnDemand) as any[]) {
      for (const dimension of Object.values(term.priceDimensions) as any[]) {
        if (price !== undefined) dimension.pricePerUnit.USD = price;
        dimension.description = `${dimension.description} (constructed for ${region.code})`;
      }
    }
    return JSON.stringify(item);
  };
  for (const [key, price] of Object.entries(prices) as [RateKey, string][]) {
    const suffix = ON_DEMAND_SUFFIX[key];
    items.push(rewrite(byName.get(suffix)!, `${region.prefix}-${suffix}`, price));
  }
  // Known non-Fargate products ride along, as in the real response.
  items.push(rewrite(byName.get('ECS-EC2-vCPU-Hours')!, `${region.prefix}-ECS-EC2-vCPU-Hours`, undefined));
  for (const usageType of extraUsageTypes)
    items.push(rewrite(byName.get('Fargate-GB-Hours')!, usageType, '0.0100000000'));
  return items;
}

const PAYMENT_LABEL = {no: 'No Upfront', partial: 'Partial Upfront', all: 'All Upfront'} as const;
const TERM_SECONDS = {'1y': 31_536_000, '3y': 94_608_000} as const;

/** CONSTRUCTED: one searchResults item in the documented DescribeSavingsPlansOfferingRates shape. */
export function savingsPlanRate(
  region: RegionWire,
  key: SavingsPlanRateKey,
  plan: PlanId,
  rate: string,
  overrides: Partial<SavingsPlanOfferingRateLike> = {},
): SavingsPlanOfferingRateLike {
  const {term, payment} = planParts(plan);
  return {
    savingsPlanOffering: {
      offeringId: `00000000-0000-4000-8000-${plan
        .replace(/[^0-9a-z]/g, '')
        .slice(0, 12)
        .padEnd(12, '0')}`,
      paymentOption: PAYMENT_LABEL[payment],
      planType: 'Compute',
      durationSeconds: TERM_SECONDS[term],
      currency: 'USD',
      planDescription: `${term === '1y' ? '1 year' : '3 year'} ${PAYMENT_LABEL[payment]} Compute Savings Plan`,
    },
    rate,
    unit: 'Hrs',
    productType: 'Fargate',
    serviceCode: 'AmazonECS',
    usageType: `${region.prefix}-${ON_DEMAND_SUFFIX[key]}`,
    operation: '',
    properties: [{name: 'region', value: region.code}],
    ...overrides,
  };
}

/**
 * CONSTRUCTED discounts: the us-east-1 x86 ratios of the 2026 note (1 yr No 0.8, 1 yr All 0.73,
 * 3 yr No 0.55, 3 yr All 0.48) and Partial Upfront between them.
 */
export const PLAN_RATIO: Readonly<Record<PlanId, string>> = {
  'compute-1y-no-upfront': '0.8',
  'compute-1y-partial-upfront': '0.765',
  'compute-1y-all-upfront': '0.73',
  'compute-3y-no-upfront': '0.55',
  'compute-3y-partial-upfront': '0.515',
  'compute-3y-all-upfront': '0.48',
};

/** CONSTRUCTED: a rate for every plan and each given dimension: On-Demand x PLAN_RATIO. */
export function savingsPlanRates(
  region: RegionWire,
  onDemand: Partial<Record<SavingsPlanRateKey, string>>,
  plans: readonly PlanId[] = PLAN_IDS,
): SavingsPlanOfferingRateLike[] {
  return plans.flatMap((plan) =>
    (Object.entries(onDemand) as [SavingsPlanRateKey, string][]).map(([key, price]) =>
      savingsPlanRate(region, key, plan, dec(price).times(PLAN_RATIO[plan]).toString()),
    ),
  );
}

/** The us-east-1 On-Demand prices in the real 2022 response (Windows before the price cut). */
export const US_EAST_1_2022 = {
  'linux-x86_64-vcpu': '0.04048',
  'linux-x86_64-memory': '0.004445',
  'linux-arm64-vcpu': '0.03238',
  'linux-arm64-memory': '0.00356',
  'windows-x86_64-vcpu': '0.09148',
  'windows-x86_64-memory': '0.01005',
} as const satisfies Partial<Record<SavingsPlanRateKey, string>>;

/** CONSTRUCTED eu-west-1: x86 vCPU moved to 0.04256, no Windows compute and no storage item. */
export const EU_WEST_1_PRICES = {
  'linux-x86_64-vcpu': '0.0425600000',
  'linux-x86_64-memory': '0.0044450000',
  'linux-arm64-vcpu': '0.0323800000',
  'linux-arm64-memory': '0.0035600000',
  'windows-x86_64-os-license': '0.0460000000',
} as const satisfies Partial<Record<RateKey, string>>;

/** A Spot feed in the pricing page's format (the real fixture's shape), dated by its source:version. */
export function spotFeed(
  version: string,
  prices: readonly {region: string; unit: 'vCPU-Hours' | 'GB-Hours'; usd: string; extra?: Record<string, string>}[],
) {
  return {
    metadata: {'format:version': '1.0', 'source:version': version},
    prices: prices.map((price, i) => ({
      id: `constructed-${i}`,
      unit: price.unit,
      price: {USD: price.usd},
      attributes: {
        'aws:region': price.region,
        'aws:label': price.unit === 'vCPU-Hours' ? 'per vCPU per hour' : 'per GB per hour',
        ...price.extra,
      },
    })),
  };
}
