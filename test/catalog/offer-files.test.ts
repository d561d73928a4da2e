import {describe, expect, it} from 'vitest';
import {
  EcsOfferReader,
  OfferShapeError,
  readOfferIndex,
  readRegionIndex,
  SavingsPlanOfferReader,
} from '../../src/catalog/offer-files.js';
import {parseSavingsPlanRates} from '../../src/catalog/savings-plan-rates.js';
import {fixtureText, SP_FILE} from '../sources/pricing/public/fake-price-list.js';

/** Feeds a whole document to a reader as the streaming parser would: each value at its path. */
function feed(
  reader: {value(path: (string | number)[], value: unknown): void},
  json: any,
  depths: (path: (string | number)[]) => boolean,
) {
  const walk = (value: unknown, path: (string | number)[]) => {
    if (depths(path)) {
      reader.value(path, value);
      return;
    }
    if (value !== null && typeof value === 'object')
      for (const [key, child] of Object.entries(value))
        walk(child, [...path, Array.isArray(value) ? Number(key) : key]);
  };
  walk(json, []);
}

describe('public offer files', () => {
  it('reads the offer index and the region index', () => {
    expect(readOfferIndex(JSON.parse(fixtureText('offers/v1.0/aws/index.json')))).toBe(
      '/offers/v1.0/aws/AmazonECS/current/region_index.json',
    );
    expect(() => readOfferIndex({offers: {AmazonEC2: {currentRegionIndexUrl: '/x'}}})).toThrow(OfferShapeError);
    expect([
      ...readRegionIndex(JSON.parse(fixtureText('offers/v1.0/aws/AmazonECS/current/region_index.json'))).keys(),
    ]).toEqual(['ap-northeast-2', 'eu-west-1', 'us-east-1']);
  });

  it('keeps only the Fargate rows of a Savings Plans file, with the plan from its product (ligoj eu-west-1)', () => {
    const reader = new SavingsPlanOfferReader('eu-west-1');
    const json = JSON.parse(fixtureText(SP_FILE('eu-west-1').slice(1)));
    feed(reader, json, (path) =>
      path.length === 1
        ? typeof json[path[0]!] !== 'object'
        : (path[0] === 'products' && path.length === 2) ||
          (path[0] === 'terms' && path.length === 4 && path[3] !== 'rates' && path[3] !== 'leaseContractLength') ||
          (path[0] === 'terms' && path.length === 5 && path[3] === 'rates'),
    );
    const {results, dates} = reader.finish();
    expect(dates).toEqual({version: '20200220220300', publicationDate: '2020-02-20', effectiveDate: '2021-01-22'});
    // Three AmazonECS rates; the AmazonIGNORE, EC2 and Lambda rows are gone.
    expect(results.map((result) => [result.usageType, result.rate, result.savingsPlanOffering?.paymentOption])).toEqual(
      [
        ['EU-Fargate-vCPU-Hours:perCPU', '0.0315744', 'All Upfront'],
        ['EU-Fargate-vCPU-Hours:perCPU', '0.024288', 'No Upfront'],
        ['EU-Fargate-GB-Hours', '0.002667', 'No Upfront'],
      ],
    );
    const parsed = parseSavingsPlanRates(results, {region: 'eu-west-1', source: 's', asOf: '2026-12-06'});
    expect(parsed.entries.map((entry) => `${entry.table} ${entry.key} ${entry.price}`)).toEqual([
      'compute-1y-all-upfront linux-x86_64-vcpu 0.0315744',
      'compute-3y-no-upfront linux-x86_64-vcpu 0.024288',
      'compute-3y-no-upfront linux-x86_64-memory 0.002667',
    ]);
  });

  it('refuses an offer without its header', () => {
    const reader = new EcsOfferReader();
    reader.value(['offerCode'], 'AmazonECS');
    reader.value(['products', 'X'], {sku: 'X', attributes: {usagetype: 'USE1-Fargate-GB-Hours'}});
    expect(() => reader.finish()).toThrow('the offer file has no publicationDate');
  });
});
