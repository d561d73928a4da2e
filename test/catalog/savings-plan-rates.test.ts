import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {
  parseSavingsPlanRates,
  planFromOffering,
  type SavingsPlanOfferingRateLike,
} from '../../src/catalog/savings-plan-rates.js';
import {EU_WEST_1, savingsPlanRate, savingsPlanRates, US_EAST_1} from '../sources/pricing/fixtures.js';

const context = {region: 'us-east-1', source: 'aws-savings-plans-api-2026-12-01', asOf: '2026-12-01'};

describe('planFromOffering', () => {
  it.each([
    ['No Upfront', 31_536_000, 'compute-1y-no-upfront'],
    ['Partial Upfront', 31_536_000, 'compute-1y-partial-upfront'],
    ['All Upfront', 31_536_000, 'compute-1y-all-upfront'],
    ['No Upfront', 94_608_000, 'compute-3y-no-upfront'],
    ['Partial Upfront', 94_608_000, 'compute-3y-partial-upfront'],
    ['All Upfront', 94_608_000, 'compute-3y-all-upfront'],
  ])('%s for %d s is %s', (payment, seconds, plan) => {
    expect(planFromOffering(payment, seconds)).toBe(plan);
  });

  it.each([
    ['No Upfront', 31_536_001],
    ['Light Utilization', 31_536_000],
    [undefined, 31_536_000],
    ['No Upfront', undefined],
  ])('knows no plan for %s / %s', (payment, seconds) => {
    expect(planFromOffering(payment, seconds)).toBeUndefined();
  });
});

describe('parseSavingsPlanRates (constructed results in the documented shape)', () => {
  it('maps every term and payment option through the exact usage-type table', () => {
    const parsed = parseSavingsPlanRates(
      savingsPlanRates(US_EAST_1, {'linux-x86_64-vcpu': '0.04048', 'linux-arm64-memory': '0.00356'}),
      context,
    );
    expect(parsed.entries).toHaveLength(12);
    expect(parsed.entries.map((entry) => `${entry.table} ${entry.key} ${entry.price}`)).toEqual([
      'compute-1y-no-upfront linux-x86_64-vcpu 0.032384',
      'compute-1y-no-upfront linux-arm64-memory 0.002848',
      'compute-1y-partial-upfront linux-x86_64-vcpu 0.0309672',
      'compute-1y-partial-upfront linux-arm64-memory 0.0027234',
      'compute-1y-all-upfront linux-x86_64-vcpu 0.0295504',
      'compute-1y-all-upfront linux-arm64-memory 0.0025988',
      'compute-3y-no-upfront linux-x86_64-vcpu 0.022264',
      'compute-3y-no-upfront linux-arm64-memory 0.001958',
      'compute-3y-partial-upfront linux-x86_64-vcpu 0.0208472',
      'compute-3y-partial-upfront linux-arm64-memory 0.0018334',
      'compute-3y-all-upfront linux-x86_64-vcpu 0.0194304',
      'compute-3y-all-upfront linux-arm64-memory 0.0017088',
    ]);
    expect(parsed.entries[0]).toEqual({
      region: 'us-east-1',
      table: 'compute-1y-no-upfront',
      key: 'linux-x86_64-vcpu',
      price: '0.032384',
      usageType: 'USE1-Fargate-vCPU-Hours:perCPU',
      source: 'aws-savings-plans-api-2026-12-01',
      asOf: '2026-12-01',
      confidence: 'published',
    });
    expect([parsed.unknownUsageTypes, parsed.unexpected, parsed.conflicts]).toEqual([[], [], []]);
  });

  it('reports an unknown usage type instead of dropping it', () => {
    const parsed = parseSavingsPlanRates(
      [
        savingsPlanRate(US_EAST_1, 'linux-x86_64-vcpu', 'compute-1y-no-upfront', '0.03', {
          usageType: 'USE1-Fargate-GPU-Hours:perGPU',
        }),
      ],
      context,
    );
    expect(parsed.entries).toEqual([]);
    expect(parsed.unknownUsageTypes).toEqual(['USE1-Fargate-GPU-Hours:perGPU']);
  });

  it('reports results it cannot use, each with its reason', () => {
    const rate = (overrides: Parameters<typeof savingsPlanRate>[4]) =>
      savingsPlanRate(US_EAST_1, 'linux-x86_64-vcpu', 'compute-1y-no-upfront', '0.032384', overrides);
    const base = rate({});
    const parsed = parseSavingsPlanRates(
      [
        rate({unit: 'Lambda-GB-Second'}),
        rate({savingsPlanOffering: {...base.savingsPlanOffering, planType: 'EC2Instance'}}),
        rate({savingsPlanOffering: {...base.savingsPlanOffering, currency: 'CNY'}}),
        rate({savingsPlanOffering: {...base.savingsPlanOffering, durationSeconds: 12}}),
        rate({usageType: 'USE1-Fargate-EphemeralStorage-GB-Hours'}),
        rate({properties: [{name: 'region', value: 'eu-west-1'}]}),
        rate({rate: 'n/a'}),
        // GB-Hours is an hourly unit for memory only.
        rate({unit: 'GB-Hours'}),
      ],
      context,
    );
    expect(parsed.entries).toEqual([]);
    expect(parsed.unexpected).toEqual([
      'USE1-Fargate-vCPU-Hours:perCPU 1 year No Upfront Compute Savings Plan: unit "Lambda-GB-Second", not an hourly rate',
      'USE1-Fargate-vCPU-Hours:perCPU 1 year No Upfront Compute Savings Plan: plan type EC2Instance, not Compute',
      'USE1-Fargate-vCPU-Hours:perCPU 1 year No Upfront Compute Savings Plan: currency CNY, not USD',
      'USE1-Fargate-vCPU-Hours:perCPU 1 year No Upfront Compute Savings Plan: payment option "No Upfront" and term 12 s are not a known Compute Savings Plan',
      'USE1-Fargate-EphemeralStorage-GB-Hours 1 year No Upfront Compute Savings Plan: a Savings Plan rate for a usage type Savings Plans do not discount',
      'USE1-Fargate-vCPU-Hours:perCPU 1 year No Upfront Compute Savings Plan: for region eu-west-1, asked for us-east-1',
      'USE1-Fargate-vCPU-Hours:perCPU 1 year No Upfront Compute Savings Plan: rate "n/a" is not a decimal',
      'USE1-Fargate-vCPU-Hours:perCPU 1 year No Upfront Compute Savings Plan: unit "GB-Hours", not an hourly rate',
    ]);
  });

  it('reports results of the wrong shape, which the SDK passes through as the wire has them (found by fuzzing)', () => {
    // A property of null made a TypeError: an internal error in prices refresh.
    const good = savingsPlanRate(US_EAST_1, 'linux-x86_64-vcpu', 'compute-1y-no-upfront', '0.032384');
    const parsed = parseSavingsPlanRates(
      [
        {...good, properties: [null]},
        {...good, rate: 0.03},
        null,
        {...good, savingsPlanOffering: {...good.savingsPlanOffering, paymentOption: 'constructor'}},
        {...good, unit: 'toString'},
        {...good, properties: null, savingsPlanOffering: {...good.savingsPlanOffering, currency: null}},
      ] as unknown as SavingsPlanOfferingRateLike[],
      context,
    );
    expect(parsed.unexpected).toEqual([
      'result 0: properties.0: Invalid input: expected object, received null',
      'result 1: rate: Invalid input: expected string, received number',
      'result 2: (the result): Invalid input: expected object, received null',
      'USE1-Fargate-vCPU-Hours:perCPU 1 year No Upfront Compute Savings Plan: payment option "constructor" and term 31536000 s are not a known Compute Savings Plan',
      'USE1-Fargate-vCPU-Hours:perCPU 1 year No Upfront Compute Savings Plan: unit "toString", not an hourly rate',
    ]);
    expect(parsed.entries.map((entry) => [entry.table, entry.price])).toEqual([['compute-1y-no-upfront', '0.032384']]);
  });

  it('accepts GB-Hours for memory, and keeps the first of two different rates for one slot, reporting it', () => {
    const memory = savingsPlanRate(EU_WEST_1, 'linux-x86_64-memory', 'compute-3y-all-upfront', '0.0021336', {
      unit: 'GB-Hours',
    });
    const same = savingsPlanRate(EU_WEST_1, 'linux-x86_64-memory', 'compute-3y-all-upfront', '0.00213360');
    const other = savingsPlanRate(EU_WEST_1, 'linux-x86_64-memory', 'compute-3y-all-upfront', '0.0022');
    const parsed = parseSavingsPlanRates([memory, same, other], {...context, region: 'eu-west-1'});
    expect(parsed.entries.map((entry) => entry.price)).toEqual(['0.0021336']);
    expect(parsed.conflicts).toEqual([
      'eu-west-1 compute-3y-all-upfront linux-x86_64-memory: 0.0021336 and 0.0022 (kept 0.0021336)',
    ]);
  });
});

describe('parseSavingsPlanRates (the real Compute Savings Plan offer file for eu-west-1)', () => {
  // No real DescribeSavingsPlansOfferingRates response for Fargate exists (aws-samples/README.md), but the
  // offer file spells the usage types and units AWS uses: each of its Fargate rates is put into the API's
  // searchResults shape unchanged, with the plan's payment option and term.
  interface OfferFile {
    products: {sku: string; attributes: {purchaseOption: string; purchaseTerm: string}}[];
    terms: {
      savingsPlan: {
        sku: string;
        rates: {
          discountedServiceCode: string;
          discountedUsageType: string;
          unit: string;
          discountedRate: {price: string; currency: string};
        }[];
      }[];
    };
  }
  const offer = JSON.parse(
    readFileSync(
      'test/fixtures/pricing-sources/ligoj-plugin-prov-aws__AWSComputeSavingsPlan-eu-west-1-index.json',
      'utf8',
    ),
  ) as OfferFile;
  const products = new Map(offer.products.map((product) => [product.sku, product.attributes]));
  const results = offer.terms.savingsPlan.flatMap((term) =>
    term.rates
      .filter((rate) => rate.discountedServiceCode === 'AmazonECS')
      .map((rate) => ({
        savingsPlanOffering: {
          planType: 'Compute',
          paymentOption: products.get(term.sku)!.purchaseOption,
          durationSeconds: products.get(term.sku)!.purchaseTerm === '3yr' ? 94_608_000 : 31_536_000,
          currency: rate.discountedRate.currency,
        },
        rate: rate.discountedRate.price,
        unit: rate.unit,
        productType: 'Fargate',
        serviceCode: rate.discountedServiceCode,
        usageType: rate.discountedUsageType,
        properties: [{name: 'region', value: 'eu-west-1'}],
      })),
  );

  it('maps every Fargate rate AWS published through the exact usage-type table, with nothing unknown', () => {
    const parsed = parseSavingsPlanRates(results, {region: 'eu-west-1', source: 'offer', asOf: '2020-02-20'});
    expect(parsed.entries.map((entry) => `${entry.table} ${entry.key} ${entry.usageType} ${entry.price}`)).toEqual([
      'compute-1y-all-upfront linux-x86_64-vcpu EU-Fargate-vCPU-Hours:perCPU 0.0315744',
      'compute-3y-no-upfront linux-x86_64-vcpu EU-Fargate-vCPU-Hours:perCPU 0.024288',
      'compute-3y-no-upfront linux-x86_64-memory EU-Fargate-GB-Hours 0.002667',
    ]);
    expect([parsed.unknownUsageTypes, parsed.unexpected, parsed.conflicts]).toEqual([[], [], []]);
  });
});
