import {describe, expect, it} from 'vitest';
import {pricesRefresh} from '../../src/app/prices-refresh.js';
import type {RefreshWarning} from '../../src/catalog/results.js';
import {
  pricesRefreshJson,
  refreshWarningText,
  renderPricesRefreshMarkdown,
  renderPricesRefreshTable,
} from '../../src/report/prices-refresh.js';
import {embeddedCatalog} from '../helpers/catalog.js';
import {realGetProducts, savingsPlanRates, US_EAST_1, US_EAST_1_2022} from '../sources/pricing/fixtures.js';

describe('refreshWarningText', () => {
  // The words `prices refresh` printed when its warnings were strings made in the core.
  it.each<[RefreshWarning, string]>([
    [
      {kind: 'prefix-changed', region: 'eu-west-1', prefix: 'EU', basePrefix: 'EUW1'},
      "eu-west-1: the API's usage types use the prefix EU, the base catalog said EUW1",
    ],
    [
      {kind: 'spot-feed-outside', regions: ['ap-south-2']},
      'the Spot feed has prices for 1 region not in the catalog, not added (no On-Demand rates there): ap-south-2',
    ],
    [
      {kind: 'spot-feed-outside', regions: ['ap-south-2', 'zz-east-1']},
      'the Spot feed has prices for 2 regions not in the catalog, not added (no On-Demand rates there): ap-south-2, zz-east-1',
    ],
    [
      {kind: 'spot-feed-older', feedDate: '2019-07-30', fromFeed: true, regions: ['eu-west-1', 'us-east-1']},
      'the Spot feed (2019-07-30) is older than the Spot rates it replaced in eu-west-1, us-east-1',
    ],
    [
      {kind: 'spot-feed-older', feedDate: '2019-07-30', fromFeed: false, regions: ['eu-west-1']},
      "the Price List's Spot rates (2019-07-30) are older than the Spot rates they replaced in eu-west-1",
    ],
    [
      {kind: 'no-products-kept', regions: ['sa-east-1']},
      "no Fargate products in the Price List response for sa-east-1: kept the base catalog's rates",
    ],
    [
      {kind: 'no-products-left-out', regions: ['us-east-8', 'us-east-9']},
      'no Fargate products in the Price List response for us-east-8, us-east-9: not added to the catalog',
    ],
    [
      {kind: 'rates-kept', count: 1},
      '1 rate the APIs did not return was kept from the base catalog with its own source and date',
    ],
    [
      {kind: 'rates-kept', count: 11},
      '11 rates the APIs did not return were kept from the base catalog with their own source and date',
    ],
    [
      {kind: 'spot-kept', oldestAsOf: '2021-01-14'},
      "Fargate Spot prices are in no AWS API: kept the base catalog's (the oldest observed 2021-01-14); pass --spot-prices FILE to update them",
    ],
    [
      {
        kind: 'unknown-usage-types',
        usageTypes: [
          {
            region: 'us-east-1',
            api: 'pricing:GetProducts',
            usageType: 'USE1-Fargate-GPU-Hours:perGPU',
            message: 'unknown usage type USE1-Fargate-GPU-Hours:perGPU',
          },
          {
            region: 'us-east-1',
            api: 'savingsplans:DescribeSavingsPlansOfferingRates',
            usageType: 'USE1-Fargate-Turbo-Hours',
            message: 'unknown usage type USE1-Fargate-Turbo-Hours',
          },
        ],
      },
      'unknown usage types in the response were not priced (please report them): USE1-Fargate-GPU-Hours:perGPU (us-east-1, pricing:GetProducts), ' +
        'USE1-Fargate-Turbo-Hours (us-east-1, savingsplans:DescribeSavingsPlansOfferingRates)',
    ],
  ])('%j', (warning, text) => expect(refreshWarningText(warning)).toBe(text));
});

describe('prices refresh warnings in each format', () => {
  const refreshed = pricesRefresh({
    base: embeddedCatalog(),
    fetched: [
      {
        region: 'us-east-1',
        priceList: realGetProducts().PriceList,
        savingsPlanRates: savingsPlanRates(US_EAST_1, US_EAST_1_2022),
      },
    ],
    pricingEndpointRegion: 'us-east-1',
    now: new Date('2026-12-01T09:30:00.000Z'),
  });
  // A usage type as AWS might spell it: a control and Markdown, made inert where they are shown.
  const odd = 'USE1-Fargate-\u001b[31m*GPU*_';
  const result = {
    ...refreshed,
    warnings: [
      ...refreshed.warnings,
      {
        kind: 'unknown-usage-types',
        usageTypes: [{region: 'us-east-1', api: 'pricing:GetProducts', usageType: odd, message: ''}],
      } as const,
    ],
  };
  const output = {path: null, previousPath: null, diffCommand: null};
  const unknown =
    'unknown usage types in the response were not priced (please report them): USE1-Fargate-\\x1b[31m*GPU*_ (us-east-1, pricing:GetProducts)';

  it('JSON lists the words, exact', () => {
    expect(refreshed.warnings).toEqual([{kind: 'spot-kept', oldestAsOf: '2021-01-14'}]);
    expect(pricesRefreshJson(result, output).warnings).toEqual([
      "Fargate Spot prices are in no AWS API: kept the base catalog's (the oldest observed 2021-01-14); pass --spot-prices FILE to update them",
      `unknown usage types in the response were not priced (please report them): ${odd} (us-east-1, pricing:GetProducts)`,
    ]);
  });

  it('the table ends with them, inert', () => {
    expect(renderPricesRefreshTable(result, output).trimEnd().split('\n').slice(-2)).toEqual([
      "! Fargate Spot prices are in no AWS API: kept the base catalog's (the oldest observed 2021-01-14); pass --spot-prices FILE to update them",
      `! ${unknown}`,
    ]);
  });

  it('Markdown ends with them, inert and shown as written', () => {
    expect(renderPricesRefreshMarkdown(result, output).trimEnd().split('\n').at(-1)).toBe(
      '- **warning:** unknown usage types in the response were not priced (please report them): USE1-Fargate-\\\\x1b\\[31m\\*GPU\\*\\_ (us-east-1, pricing:GetProducts)',
    );
  });
});
