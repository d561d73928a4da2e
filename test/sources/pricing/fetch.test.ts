import {ConfiguredRetryStrategy} from '@smithy/core/retry';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {parsePriceList} from '../../../src/catalog/price-list.js';
import {UserError} from '../../../src/errors.js';
import {createPricingClient, pricingEndpointRegion} from '../../../src/sources/pricing/clients.js';
import {fetchRegions, mapLimit} from '../../../src/sources/pricing/fetch.js';
import {fetchPriceList} from '../../../src/sources/pricing/get-products.js';
import {createFakeAws, type FakeAwsOptions} from './fake-aws.js';
import {
  constructedPriceList,
  EU_WEST_1,
  EU_WEST_1_PRICES,
  realGetProducts,
  savingsPlanRates,
  US_EAST_1,
  US_EAST_1_2022,
} from './fixtures.js';

const credentials = {accessKeyId: 'AKIDFAKE', secretAccessKey: 'fake'};

/** Options that send both clients to the in-memory fake, with instant retries. */
function through(fake: ReturnType<typeof createFakeAws>, extra: Record<string, unknown> = {}) {
  const clientConfig = {
    credentials,
    requestHandler: fake.requestHandler,
    retryStrategy: new ConfiguredRetryStrategy(3, () => 0),
    ...extra,
  };
  return {pricingRegion: 'us-east-1', clientConfig};
}

const world = (overrides: FakeAwsOptions = {}): FakeAwsOptions => ({
  priceLists: {
    'us-east-1': realGetProducts().PriceList,
    'eu-west-1': constructedPriceList(EU_WEST_1, EU_WEST_1_PRICES),
  },
  savingsPlans: {'us-east-1': savingsPlanRates(US_EAST_1, US_EAST_1_2022), 'eu-west-1': []},
  ...overrides,
});

async function failure(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('fetchPriceList', () => {
  it('reads the real GetProducts response through the real deserializer (LazyJsonString items)', async () => {
    const fake = createFakeAws(world());
    const pricing = await createPricingClient(through(fake));
    const items = await fetchPriceList(pricing, 'us-east-1');
    pricing.client.destroy();
    expect(items).toHaveLength(11);
    // The SDK hands back String objects, not strings: the parser must accept both.
    expect(typeof items[0]).toBe('object');
    expect(items[0]).toBeInstanceOf(String);
    const parsed = parsePriceList(items, {
      source: 's',
      asOf: '2026-12-01',
      region: 'us-east-1',
      retrievedOn: '2026-12-01',
    });
    expect(parsed.entries.map((entry) => `${entry.key}=${entry.price}`).sort()).toEqual([
      'linux-arm64-memory=0.0035600000',
      'linux-arm64-vcpu=0.0323800000',
      'linux-x86_64-memory=0.0044450000',
      'linux-x86_64-vcpu=0.0404800000',
      'storage=0.0001110000',
      'windows-x86_64-memory=0.0100500000',
      'windows-x86_64-os-license=0.0460000000',
      'windows-x86_64-vcpu=0.0914800000',
    ]);
    expect(parsed.entries[0]).toMatchObject({asOf: '2026-12-01', note: 'offer published 2022-11-21'});
    expect([parsed.ignored, parsed.unknownUsageTypes, parsed.malformed]).toEqual([3, [], []]);
  });

  it('follows NextToken over every page and filters on regionCode, not on the endpoint', async () => {
    const fake = createFakeAws(world({pageSize: 4}));
    const pricing = await createPricingClient(through(fake));
    const items = await fetchPriceList(pricing, 'us-east-1');
    pricing.client.destroy();
    expect(items).toHaveLength(11);
    const calls = fake.requests.filter((request) => request.api === 'GetProducts');
    expect(calls).toHaveLength(3);
    expect(calls.map((call) => call.body.NextToken === undefined)).toEqual([true, false, false]);
    expect(calls[0]!.body).toEqual({
      ServiceCode: 'AmazonECS',
      FormatVersion: 'aws_v1',
      Filters: [{Type: 'TERM_MATCH', Field: 'regionCode', Value: 'us-east-1'}],
      MaxResults: 100,
    });
    expect(calls[0]!.headers['x-amz-target']).toBe('AWSPriceListService.GetProducts');
  });
});

describe('pricing endpoint', () => {
  it.each([
    [undefined, undefined, 'us-east-1'],
    [undefined, 'eu-west-1', 'us-east-1'],
    [undefined, 'ap-south-1', 'ap-south-1'],
    [undefined, 'eu-central-1', 'eu-central-1'],
    ['eu-central-1', 'ap-south-1', 'eu-central-1'],
  ])('explicit %s, configured %s -> %s', (explicit, configured, expected) => {
    expect(pricingEndpointRegion(explicit, configured)).toBe(expected);
  });

  it('refuses a --pricing-region without a Price List endpoint', () => {
    expect(() => pricingEndpointRegion('eu-west-1', undefined)).toThrow(
      '--pricing-region eu-west-1 does not serve the AWS Price List API',
    );
  });

  it('pins the client to us-east-1 when the configured region has no Pricing endpoint, and uses it when it has one', async () => {
    for (const [configured, host] of [
      ['eu-west-1', 'api.pricing.us-east-1.amazonaws.com'],
      ['eu-central-1', 'api.pricing.eu-central-1.amazonaws.com'],
      [undefined, 'api.pricing.us-east-1.amazonaws.com'],
    ] as const) {
      const fake = createFakeAws(world());
      const pricing = await createPricingClient({
        configuredRegion: configured,
        clientConfig: {credentials, requestHandler: fake.requestHandler},
      });
      await fetchPriceList(pricing, 'us-east-1');
      pricing.client.destroy();
      expect(fake.requests[0]!.host).toBe(host);
    }
  });
});

describe('fetchRegions', () => {
  it('fetches On-Demand and Savings Plans for each region, Savings Plans page by page on nextToken', async () => {
    const fake = createFakeAws(world({savingsPlanPageSize: 10}));
    const result = await fetchRegions(['us-east-1', 'eu-west-1'], through(fake));
    expect(result.regions).toEqual(['us-east-1', 'eu-west-1']);
    expect(result.pricingEndpointRegion).toBe('us-east-1');
    expect(
      result.fetched.map((fetch) => [fetch.region, fetch.priceList.length, fetch.savingsPlanRates.length]),
    ).toEqual([
      ['us-east-1', 11, 36],
      ['eu-west-1', 6, 0],
    ]);
    const sp = fake.requests.filter(
      (request) => request.api === 'DescribeSavingsPlansOfferingRates' && request.region === 'us-east-1',
    );
    // 36 results, 10 a page: 4 calls, each after the first carrying the previous nextToken.
    expect(sp).toHaveLength(4);
    expect(sp[0]!.body).toEqual({
      savingsPlanTypes: ['Compute'],
      products: ['Fargate'],
      serviceCodes: ['AmazonECS'],
      filters: [{name: 'region', values: ['us-east-1']}],
      maxResults: 1000,
    });
    expect(sp.slice(1).every((request) => typeof request.body.nextToken === 'string')).toBe(true);
    expect(new Set(sp.map((request) => request.host))).toEqual(new Set(['savingsplans.amazonaws.com']));
    // The Savings Plans result keeps the documented shape through the real rest-json deserializer.
    expect(result.fetched[0]!.savingsPlanRates[0]).toMatchObject({
      rate: '0.032384',
      unit: 'Hrs',
      usageType: 'USE1-Fargate-vCPU-Hours:perCPU',
      savingsPlanOffering: {paymentOption: 'No Upfront', durationSeconds: 31536000, planType: 'Compute'},
      properties: [{name: 'region', value: 'us-east-1'}],
    });
  });

  it('lists the regions itself for --regions all, skipping codes that are not regions', async () => {
    const fake = createFakeAws(world({regionCodes: ['us-east-1', 'us-east-1-bos-1', 'eu-west-1']}));
    const result = await fetchRegions('all', through(fake));
    expect(result.regions).toEqual(['eu-west-1', 'us-east-1']);
    expect(fake.requests.filter((request) => request.api === 'GetAttributeValues')[0]!.body).toEqual({
      ServiceCode: 'AmazonECS',
      AttributeName: 'regionCode',
      MaxResults: 100,
    });
  });

  it('retries throttling (the SDK strategy), then succeeds', async () => {
    const fake = createFakeAws(
      world({
        fail: (request, attempt) =>
          request.api === 'GetProducts' && attempt <= 2
            ? {status: 400, type: 'ThrottlingException', message: 'Rate exceeded'}
            : undefined,
      }),
    );
    const result = await fetchRegions(['us-east-1'], through(fake));
    expect(result.fetched[0]!.priceList).toHaveLength(11);
    expect(fake.requests.filter((request) => request.api === 'GetProducts')).toHaveLength(3);
  });

  it.each([400, 429])(
    'gives up on throttling (HTTP %d) after the SDK retries, with a clear message',
    async (status) => {
      const fake = createFakeAws(
        world({
          fail: (request) =>
            request.api === 'GetProducts' ? {status, type: 'ThrottlingException', message: 'Rate exceeded'} : undefined,
        }),
      );
      const error = await failure(fetchRegions(['us-east-1'], through(fake)));
      expect(error.message).toBe(
        'refresh failed for us-east-1: AWS throttled pricing:GetProducts after 3 attempts: Rate exceeded; nothing was written',
      );
      expect(error.hint).toBe('wait a minute and retry, or raise AWS_MAX_ATTEMPTS');
      expect(error.exitCode).toBe(3);
      expect(fake.requests.filter((request) => request.api === 'GetProducts')).toHaveLength(3);
    },
  );

  it('names the IAM action and the region when AWS denies Savings Plans', async () => {
    const message =
      'User: arn:aws:iam::123456789012:user/ci is not authorized to perform: savingsplans:DescribeSavingsPlansOfferingRates';
    const fake = createFakeAws(
      world({
        fail: (request) =>
          request.api === 'DescribeSavingsPlansOfferingRates' && request.region === 'eu-west-1'
            ? {status: 403, type: 'AccessDeniedException', message}
            : undefined,
      }),
    );
    const error = await failure(fetchRegions(['us-east-1', 'eu-west-1'], through(fake)));
    expect(error.message).toBe(
      `refresh failed for eu-west-1: AWS denied savingsplans:DescribeSavingsPlansOfferingRates: ${message}; nothing was written`,
    );
    expect(error.hint).toMatch(
      /^grant the IAM action savingsplans:DescribeSavingsPlansOfferingRates to these credentials; without AWS access, every command still works offline/,
    );
  });

  it('names pricing:GetProducts when the Price List denies access', async () => {
    const fake = createFakeAws(
      world({
        fail: (request) =>
          request.api === 'GetProducts'
            ? {status: 400, type: 'AccessDeniedException', message: 'not authorized'}
            : undefined,
      }),
    );
    const error = await failure(fetchRegions(['us-east-1'], through(fake)));
    expect(error.message).toBe(
      'refresh failed for us-east-1: AWS denied pricing:GetProducts: not authorized; nothing was written',
    );
  });

  it('fails the whole fetch when one region fails after retries, naming it', async () => {
    const fake = createFakeAws(
      world({
        fail: (request) =>
          request.region === 'eu-west-1' && request.api === 'GetProducts'
            ? {status: 500, type: 'InternalErrorException', message: 'internal error'}
            : undefined,
      }),
    );
    const error = await failure(fetchRegions(['us-east-1', 'eu-west-1'], through(fake)));
    expect(error.message).toBe(
      'refresh failed for eu-west-1: AWS refused pricing:GetProducts: internal error; nothing was written',
    );
    // A 500 is retried by the SDK before it counts as a failure.
    expect(
      fake.requests.filter((request) => request.api === 'GetProducts' && request.region === 'eu-west-1'),
    ).toHaveLength(3);
  });

  it('says how to provide credentials when there are none, before any request', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', undefined);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', undefined);
    vi.stubEnv('AWS_SESSION_TOKEN', undefined);
    vi.stubEnv('AWS_PROFILE', undefined);
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/credentials');
    vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/config');
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    vi.stubEnv('AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', undefined);
    vi.stubEnv('AWS_CONTAINER_CREDENTIALS_FULL_URI', undefined);
    vi.stubEnv('AWS_WEB_IDENTITY_TOKEN_FILE', undefined);
    const fake = createFakeAws(world());
    const error = await failure(
      fetchRegions(['us-east-1'], {pricingRegion: 'us-east-1', clientConfig: {requestHandler: fake.requestHandler}}),
    );
    expect(error.message).toBe('no AWS credentials found for pricing:GetProducts');
    expect(error.hint).toBe(
      'set AWS_PROFILE (or pass --profile), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run "aws sso login"; ' +
        'without AWS access, every command still works offline on the embedded snapshot or the last refreshed catalog',
    );
    expect(fake.requests).toEqual([]);
  });

  it('stops on a Savings Plans nextToken that repeats', async () => {
    const fake = createFakeAws(world());
    const handler = {
      async handle(request: Parameters<typeof fake.requestHandler.handle>[0]) {
        const response = await fake.requestHandler.handle(request);
        if (request.path.endsWith('/DescribeSavingsPlansOfferingRates')) {
          const {Readable} = await import('node:stream');
          (response.response as {body: unknown}).body = Readable.from([
            Buffer.from(JSON.stringify({searchResults: [], nextToken: 'c2FtZQ=='})),
          ]);
        }
        return response;
      },
    };
    const error = await failure(
      fetchRegions(['us-east-1'], {
        ...through(fake),
        clientConfig: {...through(fake).clientConfig, requestHandler: handler},
      }),
    );
    expect(error.message).toBe(
      'refresh failed for us-east-1: the Savings Plans API returned the same nextToken twice (a paging loop); nothing was written',
    );
  });
});

describe('mapLimit', () => {
  it('keeps the order and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const results = await mapLimit([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running++;
      most = Math.max(most, running);
      await Promise.resolve();
      await Promise.resolve();
      running--;
      return n * 10;
    });
    expect(results).toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(most).toBe(3);
  });

  it('starts nothing new after a failure and throws the first one', async () => {
    const started: number[] = [];
    const error = await mapLimit([1, 2, 3, 4, 5], 2, async (n) => {
      started.push(n);
      await Promise.resolve();
      if (n === 2) throw new Error('two');
      return n;
    }).catch((caught: unknown) => caught);
    expect((error as Error).message).toBe('two');
    expect(started).toEqual([1, 2, 3]);
  });
});
