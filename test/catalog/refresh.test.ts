import {describe, expect, it} from 'vitest';
import type {RateJson} from '../../src/catalog/schema.js';
import {observedEntries, refreshCatalog, type RefreshInput, type RegionFetch} from '../../src/catalog/refresh.js';
import {parseSpotFeed} from '../../src/catalog/spot-feed.js';
import {catalogProblems} from '../../src/catalog/validate.js';
import {embeddedCatalogJson} from '../helpers/catalog.js';
import {problemOf} from '../helpers/problems.js';
import {
  constructedPriceList,
  EU_WEST_1,
  EU_WEST_1_PRICES,
  realGetProducts,
  savingsPlanRate,
  savingsPlanRates,
  spotFeed,
  US_EAST_1,
  US_EAST_1_2022,
} from '../sources/pricing/fixtures.js';

const DAY = '2026-12-01';

/** us-east-1: the real 2022 response and every plan; eu-west-1: constructed, x86 No/All Upfront plans only. */
function fetched(): RegionFetch[] {
  return [
    {
      region: 'us-east-1',
      priceList: realGetProducts().PriceList,
      savingsPlanRates: savingsPlanRates(US_EAST_1, US_EAST_1_2022),
    },
    {
      region: 'eu-west-1',
      priceList: constructedPriceList(EU_WEST_1, EU_WEST_1_PRICES),
      savingsPlanRates: savingsPlanRates(
        EU_WEST_1,
        {'linux-x86_64-vcpu': '0.04256', 'linux-x86_64-memory': '0.004445'},
        ['compute-1y-no-upfront', 'compute-1y-all-upfront', 'compute-3y-no-upfront', 'compute-3y-all-upfront'],
      ),
    },
  ];
}

function input(overrides: Partial<RefreshInput> = {}): RefreshInput {
  return {
    base: embeddedCatalogJson(),
    fetched: fetched(),
    retrievedOn: DAY,
    generatedAt: `${DAY}T09:30:00.000Z`,
    generatedBy: 'test',
    pricingEndpointRegion: 'us-east-1',
    ...overrides,
  };
}

function allRates(catalog: ReturnType<typeof embeddedCatalogJson>) {
  return Object.entries(catalog.regions).flatMap(([region, json]) => [
    ...Object.entries(json.onDemand).map(([key, rate]) => ({region, table: 'on-demand', key, rate: rate!})),
    ...Object.entries(json.spot).map(([key, rate]) => ({region, table: 'spot', key, rate: rate!})),
    ...Object.entries(json.savingsPlans).flatMap(([plan, rates]) =>
      Object.entries(rates ?? {}).map(([key, rate]) => ({region, table: plan, key, rate: rate as RateJson})),
    ),
  ]);
}

describe('refreshCatalog', () => {
  const result = refreshCatalog(input());
  const {catalog} = result;
  const usEast = catalog.regions['us-east-1']!;
  const euWest = catalog.regions['eu-west-1']!;

  it('replaces the rates the APIs returned, dated the day of the fetch, with the offer date as a note', () => {
    expect(usEast.onDemand['windows-x86_64-vcpu']).toEqual({
      usageType: 'USE1-Fargate-Windows-vCPU-Hours:perCPU',
      unit: 'vCPU-Hours',
      price: '0.09148',
      source: 'aws-price-list-api-2026-12-01',
      asOf: DAY,
      confidence: 'published',
      note: 'offer published 2022-11-21',
    });
    expect(usEast.savingsPlans['compute-1y-partial-upfront']!['linux-x86_64-vcpu']).toEqual({
      usageType: 'USE1-Fargate-vCPU-Hours:perCPU',
      unit: 'vCPU-Hours',
      price: '0.0309672',
      source: 'aws-savings-plans-api-2026-12-01',
      asOf: DAY,
      confidence: 'published',
    });
    expect(euWest.onDemand['linux-x86_64-vcpu']).toMatchObject({
      usageType: 'EU-Fargate-vCPU-Hours:perCPU',
      price: '0.04256',
      asOf: DAY,
      confidence: 'published',
    });
    expect(euWest.savingsPlans['compute-1y-no-upfront']!['linux-x86_64-vcpu']).toMatchObject({
      usageType: 'EU-Fargate-vCPU-Hours:perCPU',
      price: '0.034048',
      confidence: 'published',
    });
  });

  it('keeps an observed rate the APIs did not return with its own source and date, and lists it', () => {
    // eu-west-1 storage is not in the constructed response: the base's 2022 fixture rate stays, dated 2022.
    expect(euWest.onDemand.storage).toEqual({
      usageType: 'EU-Fargate-EphemeralStorage-GB-Hours',
      unit: 'GB-Hours',
      price: '0.000122',
      source: 'ligoj-eu-west-1-2022',
      asOf: '2022-01-01',
      // A fixture whose dates were hand-edited: carried with its label and how it came about.
      confidence: 'estimated',
      derivation: expect.stringContaining('hand-edited'),
    });
    expect(result.regions.find((region) => region.code === 'eu-west-1')!.kept).toEqual([
      {table: 'on-demand', key: 'storage', price: '0.000122', source: 'ligoj-eu-west-1-2022', asOf: '2022-01-01'},
    ]);
    expect(result.warnings).toContainEqual({kind: 'rates-kept', count: 1});
  });

  it('re-derives estimated rates from the new rates instead of keeping the old estimates', () => {
    // Windows compute is not sold in the constructed eu-west-1 response: 1.15 x the new x86 rate 0.04256.
    expect(euWest.onDemand['windows-x86_64-vcpu']).toMatchObject({
      price: '0.048944',
      source: 'derived',
      confidence: 'estimated',
      asOf: DAY,
    });
    // Partial Upfront was not returned for eu-west-1: the us-east-1 published ratio 0.765, times 0.04256.
    expect(euWest.savingsPlans['compute-1y-partial-upfront']!['linux-x86_64-vcpu']).toEqual({
      usageType: 'EU-Fargate-vCPU-Hours:perCPU',
      unit: 'vCPU-Hours',
      price: '0.0325584',
      source: 'derived',
      asOf: DAY,
      confidence: 'estimated',
      derivation: 'On-Demand linux-x86_64-vcpu less 23.5%, the 1y discount of linux-x86_64-vcpu in us-east-1',
    });
  });

  it("keeps the base catalog's Spot rates: they are in no API", () => {
    expect(usEast.spot).toEqual(embeddedCatalogJson().regions['us-east-1']!.spot);
    expect(result.regions.find((region) => region.code === 'us-east-1')!.spot).toEqual({
      count: 4,
      fromFeed: 0,
      fromBase: 4,
      oldestAsOf: '2026-09-28',
    });
    expect(result.warnings).toContainEqual({kind: 'spot-kept', oldestAsOf: '2021-01-14'});
  });

  it('reports each region: what came back, what was kept, what is estimated', () => {
    const report = (code: string) => result.regions.find((region) => region.code === code);
    expect(report('us-east-1')).toEqual({
      code: 'us-east-1',
      name: 'US East (N. Virginia)',
      status: 'refreshed',
      onDemand: 8,
      savingsPlans: 36,
      spot: {count: 4, fromFeed: 0, fromBase: 4, oldestAsOf: '2026-09-28'},
      kept: [],
      // The four Spot rates of the base, read from an unchecked note, are labelled estimated.
      estimated: 4,
    });
    // 8 x86 SP rates + 5 On-Demand returned; Windows compute (2), the 2 Partial Upfront plans
    // (6 dimensions each) and the 4 other plans' 4 non-x86 dimensions (16) estimated: 2 + 12 + 16 = 30;
    // and 5 kept from the base with an estimated label (4 Spot rates from a note, storage from a fixture).
    expect(report('eu-west-1')).toMatchObject({status: 'refreshed', onDemand: 5, savingsPlans: 8, estimated: 35});
    expect(report('ap-northeast-1')).toMatchObject({status: 'not-fetched', onDemand: 0, savingsPlans: 0, kept: []});
    expect(result.regions).toHaveLength(34);
  });

  it('lists the new sources and drops the ones no rate cites any more', () => {
    const ids = catalog.sources.map((source) => source.id);
    expect(ids).toContain('aws-price-list-api-2026-12-01');
    expect(ids).toContain('aws-savings-plans-api-2026-12-01');
    expect(ids).not.toContain('aws-price-list-2025-08');
    expect(catalog.sources.find((source) => source.id === 'aws-price-list-api-2026-12-01')).toEqual({
      id: 'aws-price-list-api-2026-12-01',
      title: 'AWS Price List Query API, GetProducts ServiceCode=AmazonECS, fetched 2026-12-01',
      origin: 'pricing:GetProducts (Pricing endpoint us-east-1, filter regionCode)',
      date: DAY,
      confidence: 'published',
    });
    expect([catalog.generatedAt, catalog.generatedBy]).toEqual([`${DAY}T09:30:00.000Z`, 'test']);
  });

  it("never passes an old rate off as new: each rate is fresh, the base's own, or estimated", () => {
    const base = new Map(
      allRates(embeddedCatalogJson()).map(({region, table, key, rate}) => [`${region}|${table}|${key}`, rate]),
    );
    const stale = allRates(catalog).filter(({region, table, key, rate}) => {
      if (rate.confidence === 'estimated') return false;
      if (rate.asOf === DAY) return !rate.source.endsWith(DAY);
      const old = base.get(`${region}|${table}|${key}`);
      return !(old && old.price === rate.price && old.asOf === rate.asOf && old.source === rate.source);
    });
    expect(stale).toEqual([]);
    expect(catalogProblems(catalog)).toEqual([]);
  });

  it('is stable: refreshing its own output with the same answers changes nothing but the timestamp', () => {
    const again = refreshCatalog(input({base: catalog, generatedAt: `${DAY}T10:00:00.000Z`}));
    expect({...again.catalog, generatedAt: ''}).toEqual({...catalog, generatedAt: ''});
    expect(again.regions.every((region) => region.kept.length === 0 || region.code === 'eu-west-1')).toBe(true);
  });

  it('reports nothing odd for clean answers', () => {
    expect([result.unknownUsageTypes, result.anomalies]).toEqual([[], []]);
  });

  it('warns, as data, of the rates it kept and of Spot rates no API refreshed', () => {
    expect(result.warnings).toEqual([
      {kind: 'rates-kept', count: 1},
      {kind: 'spot-kept', oldestAsOf: '2021-01-14'},
    ]);
  });
});

describe('refreshCatalog: regions', () => {
  it('keeps a region without Fargate products, adds a new one, leaves out a new one without products', () => {
    // ap-east-2 (Taipei): a region the embedded snapshot does not list.
    const apEast2 = {code: 'ap-east-2', prefix: 'APE2', location: 'Asia Pacific (Taipei)'};
    const result = refreshCatalog(
      input({
        fetched: [
          ...fetched(),
          {region: 'sa-east-1', priceList: [], savingsPlanRates: []},
          {
            region: 'ap-east-2',
            priceList: constructedPriceList(apEast2, {
              'linux-x86_64-vcpu': '0.0425600000',
              'linux-x86_64-memory': '0.0046550000',
            }),
            savingsPlanRates: [],
          },
          {region: 'us-east-9', priceList: [], savingsPlanRates: []},
        ],
      }),
    );
    // Its observed rates stay exactly as they were (its estimates are re-derived from the new us-east-1 ratios).
    const observedIn = (catalog: ReturnType<typeof embeddedCatalogJson>) =>
      observedEntries(catalog).filter((entry) => entry.region === 'sa-east-1');
    expect(observedIn(result.catalog)).toEqual(observedIn(embeddedCatalogJson()));
    expect(result.catalog.regions['ap-east-2']).toMatchObject({
      name: 'Asia Pacific (Taipei)',
      usageTypePrefix: 'APE2',
    });
    expect(result.catalog.regions['ap-east-2']!.onDemand['linux-x86_64-vcpu']).toMatchObject({
      usageType: 'APE2-Fargate-vCPU-Hours:perCPU',
      price: '0.04256',
    });
    expect(result.catalog.regions['us-east-9']).toBeUndefined();
    const status = Object.fromEntries(result.regions.map((region) => [region.code, region.status]));
    expect([status['sa-east-1'], status['ap-east-2'], status['us-east-9']]).toEqual([
      'no-products',
      'added',
      'left-out',
    ]);
    expect(result.regions.find((region) => region.code === 'sa-east-1')!.kept).toHaveLength(2);
    expect(result.warnings).toContainEqual({kind: 'no-products-kept', regions: ['sa-east-1']});
    expect(result.warnings).toContainEqual({kind: 'no-products-left-out', regions: ['us-east-9']});
  });

  it('refuses to produce a catalog when no region had any Fargate product', () => {
    expect(
      problemOf(() =>
        refreshCatalog(
          input({
            fetched: [
              {region: 'us-east-1', priceList: [], savingsPlanRates: []},
              {region: 'eu-west-1', priceList: [], savingsPlanRates: []},
            ],
          }),
        ),
      ),
    ).toEqual({kind: 'no-fargate-products', regions: ['us-east-1', 'eu-west-1']});
  });

  it("warns when the API spells a region's usage-type prefix differently from the base", () => {
    const base = embeddedCatalogJson();
    base.regions['eu-west-1']!.usageTypePrefix = 'EUW1';
    const result = refreshCatalog(input({base}));
    expect(result.warnings).toContainEqual({
      kind: 'prefix-changed',
      region: 'eu-west-1',
      prefix: 'EU',
      basePrefix: 'EUW1',
    });
    expect(result.catalog.regions['eu-west-1']!.usageTypePrefix).toBe('EU');
  });
});

describe('refreshCatalog: findings', () => {
  it('reports unknown usage types from both APIs, and items for another region or in conflict', () => {
    const [usEast, euWest] = fetched();
    const result = refreshCatalog(
      input({
        fetched: [
          {
            ...usEast!,
            priceList: [
              ...usEast!.priceList,
              ...constructedPriceList(US_EAST_1, {}, ['USE1-Fargate-GPU-Hours:perGPU']),
            ],
            savingsPlanRates: [
              ...usEast!.savingsPlanRates,
              savingsPlanRate(US_EAST_1, 'linux-x86_64-vcpu', 'compute-1y-no-upfront', '0.03', {
                usageType: 'USE1-Fargate-Turbo-Hours',
              }),
              savingsPlanRate(US_EAST_1, 'linux-x86_64-vcpu', 'compute-1y-no-upfront', '0.031'),
            ],
          },
          {
            ...euWest!,
            priceList: [...euWest!.priceList, ...constructedPriceList(US_EAST_1, {'linux-x86_64-vcpu': '0.05'})],
          },
        ],
      }),
    );
    expect(result.unknownUsageTypes.map(({region, api, usageType}) => [region, api, usageType])).toEqual([
      ['us-east-1', 'pricing:GetProducts', 'USE1-Fargate-GPU-Hours:perGPU'],
      ['us-east-1', 'savingsplans:DescribeSavingsPlansOfferingRates', 'USE1-Fargate-Turbo-Hours'],
    ]);
    expect(result.anomalies).toEqual([
      {
        region: 'us-east-1',
        api: 'savingsplans:DescribeSavingsPlansOfferingRates',
        message: 'us-east-1 compute-1y-no-upfront linux-x86_64-vcpu: 0.032384 and 0.031 (kept 0.032384)',
      },
      {
        region: 'eu-west-1',
        api: 'pricing:GetProducts',
        message: 'USE1-Fargate-vCPU-Hours:perCPU is for us-east-1, asked for eu-west-1',
      },
    ]);
    expect(result.warnings.at(-1)).toMatchObject({
      kind: 'unknown-usage-types',
      usageTypes: [
        {region: 'us-east-1', api: 'pricing:GetProducts', usageType: 'USE1-Fargate-GPU-Hours:perGPU'},
        {
          region: 'us-east-1',
          api: 'savingsplans:DescribeSavingsPlansOfferingRates',
          usageType: 'USE1-Fargate-Turbo-Hours',
        },
      ],
    });
    // The eu-west-1 rate stays eu-west-1's.
    expect(result.catalog.regions['eu-west-1']!.onDemand['linux-x86_64-vcpu']!.price).toBe('0.04256');
  });
});

describe('refreshCatalog: Spot feed', () => {
  it('replaces Spot rates where the feed has them, dated by the feed, and says what it could not use', () => {
    const feed = parseSpotFeed(
      spotFeed('20261130080000', [
        {region: 'us-east-1', unit: 'vCPU-Hours', usd: '0.0129'},
        {region: 'us-east-1', unit: 'GB-Hours', usd: '0.0014'},
        {region: 'ap-east-2', unit: 'vCPU-Hours', usd: '0.012768'},
        {region: 'us-east-1', unit: 'vCPU-Hours', usd: '0.0103', extra: {'aws:cpuArchitecture': 'ARM'}},
      ]),
      {path: 'spot.json'},
    );
    const result = refreshCatalog(input({spotFeed: feed}));
    const spot = result.catalog.regions['us-east-1']!.spot;
    expect(spot['linux-x86_64-vcpu']).toEqual({
      usageType: 'USE1-SpotUsage-Fargate-vCPU-Hours:perCPU',
      unit: 'vCPU-Hours',
      price: '0.0129',
      source: 'fargate-spot-feed-2026-11-30',
      asOf: '2026-11-30',
      confidence: 'published',
    });
    // arm64 is not in the feed's known table: the base's rate stays.
    expect(spot['linux-arm64-vcpu']).toMatchObject({price: '0.01030969', asOf: '2026-09-28'});
    expect(result.regions.find((region) => region.code === 'us-east-1')!.spot).toEqual({
      count: 4,
      fromFeed: 2,
      fromBase: 2,
      oldestAsOf: '2026-09-28',
    });
    expect(result.catalog.sources.find((source) => source.id === 'fargate-spot-feed-2026-11-30')).toMatchObject({
      origin: 'spot.json',
      date: '2026-11-30',
    });
    expect(result.warnings).toContainEqual({kind: 'spot-feed-outside', regions: ['ap-east-2']});
    expect(result.anomalies).toEqual([
      {
        region: '-',
        api: 'spot feed',
        message: 'entry constructed-3 (us-east-1, vCPU-Hours, per vCPU per hour) with aws:cpuArchitecture',
      },
    ]);
    expect(result.warnings.some((warning) => warning.kind === 'spot-kept')).toBe(false);
  });

  it('warns when the feed is older than the Spot rates it replaces', () => {
    const feed = parseSpotFeed(
      spotFeed('20190730194642', [{region: 'eu-west-1', unit: 'vCPU-Hours', usd: '0.01379631'}]),
      {path: 'old.json'},
    );
    const result = refreshCatalog(input({spotFeed: feed}));
    expect(result.warnings).toContainEqual({
      kind: 'spot-feed-older',
      feedDate: '2019-07-30',
      fromFeed: true,
      regions: ['eu-west-1'],
    });
  });
});

describe('observedEntries', () => {
  it('returns every observed rate of a catalog (an unchecked one labelled estimated too), none of the derived ones', () => {
    const catalog = embeddedCatalogJson();
    const entries = observedEntries(catalog);
    const observed = allRates(catalog).filter(({rate}) => rate.source !== 'derived');
    expect(entries).toHaveLength(observed.length);
    expect(entries.every((entry) => entry.source !== 'derived')).toBe(true);
    // The unchecked notes' rates are among them, with how they came about.
    const note = entries.find((entry) => entry.source === 'spot-feed-note-2026-09-28')!;
    expect(note).toMatchObject({confidence: 'estimated', derivation: expect.stringContaining('not cross-checked')});
  });
});
