import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {runCli} from '../helpers/cli.js';
import {
  ECS_FILE,
  type FakePriceList,
  fixtureText,
  SP_FILE,
  SPOT_FEED_PATH,
  startFakePriceList,
  startForwardProxy,
} from '../sources/pricing/public/fake-price-list.js';

/**
 * `prices refresh --source public` end to end: the real CLI reads the offer index, the AmazonECS
 * and Compute Savings Plans region indexes and offers, and the Spot feed from a loopback server
 * serving test/fixtures/price-list/files/ (built from the excerpts in test/fixtures/pricing-sources/,
 * see its README), through FARGATE_COST_PRICE_LIST_URL and FARGATE_COST_SPOT_FEED_URL. The rates
 * checked below are the fixture files' own strings (normalised: trailing zeros dropped).
 */

const NOW = new Date('2026-12-06T08:00:00Z');
let dir: string;
let cache: string;
const servers: FakePriceList[] = [];

async function serve(options: Parameters<typeof startFakePriceList>[0] = {}) {
  const server = await startFakePriceList(options);
  servers.push(server);
  return server;
}

function cli(argv: string[], server: FakePriceList, env: NodeJS.ProcessEnv = {}) {
  return runCli(argv, {
    env: {
      FARGATE_COST_CACHE_DIR: cache,
      FARGATE_COST_PRICE_LIST_URL: server.url,
      FARGATE_COST_SPOT_FEED_URL: `${server.url}${SPOT_FEED_PATH}`,
      ...env,
    },
    now: NOW,
  });
}

const cached = () => JSON.parse(readFileSync(join(cache, 'catalog.json'), 'utf8'));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fc-public-'));
  cache = join(dir, 'cache');
  // No credentials anywhere: the public path must need none, and auto must choose it.
  for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE'])
    vi.stubEnv(name, undefined);
  vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/config');
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/credentials');
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(servers.splice(0).map((server) => server.close()));
  rmSync(dir, {recursive: true, force: true});
});

describe('prices refresh --source public (a loopback server of the public files)', () => {
  it('refreshes two regions with the exact rates of the files, all published, dated by their offers', async () => {
    const server = await serve();
    const {code, stdout, stderr} = await cli(
      ['prices', 'refresh', '--source', 'public', '--regions', 'us-east-1,eu-west-1'],
      server,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe(
      `Refreshed the price catalog from AWS's public Price List offer files on 2026-12-06 (${new URL(server.url).host}, no credentials used)`,
    );
    // Only what the two regions need: no Seoul file, no other offer.
    expect([...server.requests].sort()).toEqual(
      [
        '/offers/v1.0/aws/index.json',
        '/offers/v1.0/aws/AmazonECS/current/region_index.json',
        '/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/current/region_index.json',
        ECS_FILE('us-east-1'),
        ECS_FILE('eu-west-1'),
        SP_FILE('us-east-1'),
        SP_FILE('eu-west-1'),
        SPOT_FEED_PATH,
      ].sort(),
    );
    const catalog = cached();
    const us = catalog.regions['us-east-1'];
    // opencost's us-east-1 offer: 0.0404800000, 0.0044450000, 0.0323800000, 0.0001110000, 0.0460000000.
    expect(us.onDemand['linux-x86_64-vcpu']).toEqual({
      usageType: 'USE1-Fargate-vCPU-Hours:perCPU',
      unit: 'vCPU-Hours',
      price: '0.04048',
      source: 'aws-offer-AmazonECS-20250828172723',
      asOf: '2026-12-06',
      confidence: 'published',
      note: 'offer published 2025-08-28, effective 2025-08-01',
    });
    expect(us.onDemand['linux-x86_64-memory'].price).toBe('0.004445');
    expect(us.onDemand['linux-arm64-vcpu'].price).toBe('0.03238');
    expect(us.onDemand.storage.price).toBe('0.000111');
    expect(us.onDemand['windows-x86_64-os-license'].price).toBe('0.046');
    // The constructed us-east-1 Savings Plans file: 0.04048 x 0.80 and x 0.48.
    expect(us.savingsPlans['compute-1y-no-upfront']['linux-x86_64-vcpu']).toMatchObject({
      price: '0.032384',
      source: 'aws-offer-AWSComputeSavingsPlan-20260925000000',
      confidence: 'published',
      note: 'offer published 2026-09-25, effective 2026-09-01',
    });
    expect(us.savingsPlans['compute-3y-all-upfront']['linux-x86_64-vcpu'].price).toBe('0.0194304');
    // The feed's 2026-09-28 readings, dated by its source:version.
    expect(us.spot['linux-x86_64-vcpu']).toMatchObject({
      price: '0.01288871',
      asOf: '2026-09-28',
      confidence: 'published',
    });
    expect(us.spot['linux-arm64-memory']).toMatchObject({price: '0.00113349', asOf: '2026-09-28'});
    // eu-west-1: the ligoj CSV offer (its own header: version 20201214223755) and its Savings Plans file.
    const eu = catalog.regions['eu-west-1'];
    expect(eu.usageTypePrefix).toBe('EU');
    expect(eu.onDemand['linux-x86_64-vcpu']).toMatchObject({
      price: '0.04048',
      source: 'aws-offer-AmazonECS-20201214223755',
      note: 'offer published 2020-12-14, effective 2022-01-01',
    });
    expect(eu.onDemand['windows-x86_64-vcpu'].price).toBe('0.09148');
    expect(eu.onDemand.storage.price).toBe('0.000122');
    expect(eu.savingsPlans['compute-1y-all-upfront']['linux-x86_64-vcpu']).toMatchObject({
      price: '0.0315744',
      source: 'aws-offer-AWSComputeSavingsPlan-20200220220300',
      confidence: 'published',
    });
    expect(eu.savingsPlans['compute-3y-no-upfront']['linux-x86_64-memory'].price).toBe('0.002667');
    // The file's AmazonIGNORE row at the same price was not taken for anything else.
    expect(eu.savingsPlans['compute-1y-all-upfront']['linux-x86_64-memory'].confidence).toBe('estimated');
    expect(catalog.generatedBy).toBe(
      'fargate-cost prices refresh (AWS public Price List offer files and the Fargate Spot feed)',
    );
    expect(catalog.sources.map((source: {id: string}) => source.id)).toEqual(
      expect.arrayContaining([
        'aws-offer-AmazonECS-20250828172723',
        'aws-offer-AmazonECS-20201214223755',
        'aws-offer-AWSComputeSavingsPlan-20260925000000',
        'aws-offer-AWSComputeSavingsPlan-20200220220300',
        'fargate-spot-feed-2026-09-28',
      ]),
    );
  });

  it('the JSON output says which source was used', async () => {
    const server = await serve();
    const {code, stdout} = await cli(['prices', 'refresh', '--regions', 'us-east-1', '--format', 'json'], server);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.source).toBe('public');
    expect(json.sources.map((source: {id: string}) => source.id)).toEqual([
      'aws-offer-AmazonECS-20250828172723',
      'aws-offer-AWSComputeSavingsPlan-20260925000000',
      'fargate-spot-feed-2026-09-28',
    ]);
  });

  it('picks up a changed rate, and prices diff shows it', async () => {
    const first = await serve();
    expect((await cli(['prices', 'refresh', '--regions', 'us-east-1'], first)).code).toBe(0);
    const changed = fixtureText(ECS_FILE('us-east-1').slice(1)).replace('"0.0404800000"', '"0.0420000000"');
    const second = await serve({files: {[ECS_FILE('us-east-1')]: changed}});
    const refresh = await cli(['prices', 'refresh', '--regions', 'us-east-1'], second);
    expect(refresh.code).toBe(0);
    expect(refresh.stdout).toContain('"fargate-cost prices diff previous cached" lists them');
    expect(cached().regions['us-east-1'].onDemand['linux-x86_64-vcpu'].price).toBe('0.042');
    const diff = await cli(['prices', 'diff', 'previous', 'cached', '--format', 'json'], second);
    expect(diff.code).toBe(0);
    const changes = JSON.parse(diff.stdout).changes.filter(
      (change: {status: string; region: string; table: string}) =>
        change.status === 'changed' && change.region === 'us-east-1' && change.table === 'on-demand',
    );
    expect(changes).toEqual([
      expect.objectContaining({
        dimension: 'linux-x86_64-vcpu',
        before: expect.objectContaining({rate: '0.04048'}),
        after: expect.objectContaining({rate: '0.042'}),
        change: '0.00152',
      }),
    ]);
  });

  it('a truncated offer file: one line, exit 3, the cached catalog untouched', async () => {
    const good = await serve();
    expect((await cli(['prices', 'refresh', '--regions', 'us-east-1'], good)).code).toBe(0);
    const before = readFileSync(join(cache, 'catalog.json'), 'utf8');
    const whole = fixtureText(SP_FILE('us-east-1').slice(1));
    const cut = await serve({files: {[SP_FILE('us-east-1')]: whole.slice(0, Math.floor(whole.length / 2))}});
    const {code, stdout, stderr} = await cli(['prices', 'refresh', '--regions', 'us-east-1'], cut);
    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(stderr).toMatch(
      /^fargate-cost: the Compute Savings Plans offer for us-east-1 \(http:\/\/127\.0\.0\.1:\d+\/savingsPlan\/.*\) is unusable: cut short after \d+ bytes \(the JSON document is not complete\); nothing was written/,
    );
    expect(readFileSync(join(cache, 'catalog.json'), 'utf8')).toBe(before);
  });

  it('a file that is JSON but not an offer is refused by its shape', async () => {
    const server = await serve({files: {[ECS_FILE('us-east-1')]: '{"offerCode": "AmazonEC2", "products": {}}'}});
    const {code, stderr} = await cli(['prices', 'refresh', '--regions', 'us-east-1'], server);
    expect(code).toBe(3);
    expect(stderr).toContain('is unusable: not an AmazonECS offer file (offerCode "AmazonEC2"); nothing was written');
    expect(existsSync(cache)).toBe(false);
  });

  it('skips a Spot feed entry for a region it does not know, and says so', async () => {
    const feed = JSON.parse(fixtureText(SPOT_FEED_PATH.slice(1)));
    feed.prices.push({
      id: 'unknown',
      unit: 'vCPU-Hours',
      price: {USD: '0.0123'},
      attributes: {'aws:region': 'eu-nowhere-1', 'aws:label': 'per vCPU per hour'},
    });
    const server = await serve({files: {[SPOT_FEED_PATH]: JSON.stringify(feed)}});
    const {code, stdout} = await cli(['prices', 'refresh', '--regions', 'us-east-1', '--format', 'json'], server);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).warnings).toContain(
      'the Spot feed has prices for 1 region not in the catalog, not added (no On-Demand rates there): eu-nowhere-1',
    );
    expect(cached().regions['eu-nowhere-1']).toBeUndefined();
  });

  it('goes through HTTP_PROXY, every request', async () => {
    const server = await serve();
    const proxy = await startForwardProxy();
    servers.push(proxy);
    vi.stubEnv('HTTP_PROXY', proxy.url);
    vi.stubEnv('NO_PROXY', '');
    vi.stubEnv('no_proxy', '');
    const {code} = await cli(['prices', 'refresh', '--regions', 'us-east-1', '--quiet'], server);
    expect(code).toBe(0);
    expect(server.requests).toHaveLength(6);
    expect(proxy.requests).toEqual(server.requests.map((path) => `${server.url}${path}`));
  });

  it('retries a 503, then succeeds', async () => {
    const server = await serve({failFirst: {path: SP_FILE('us-east-1'), status: 503, times: 2}});
    const {code} = await cli(['prices', 'refresh', '--regions', 'us-east-1'], server);
    expect(code).toBe(0);
    expect(server.requests.filter((path) => path === SP_FILE('us-east-1'))).toHaveLength(3);
  });

  it('a 404 is one line and nothing is written', async () => {
    const server = await serve({files: {[SPOT_FEED_PATH]: {status: 404}}});
    const {code, stderr} = await cli(['prices', 'refresh', '--regions', 'us-east-1'], server);
    expect(code).toBe(3);
    expect(stderr).toMatch(
      /^fargate-cost: could not fetch the Fargate Spot price feed \(.*\): HTTP 404; nothing was written/,
    );
    expect(existsSync(cache)).toBe(false);
  });

  it('refuses a price list URL that is not http(s), before fetching anything', async () => {
    const server = await serve();
    const {code, stderr} = await cli(['prices', 'refresh'], server, {
      FARGATE_COST_PRICE_LIST_URL: 'ftp://mirror.example',
    });
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe(
      'fargate-cost: FARGATE_COST_PRICE_LIST_URL "ftp://mirror.example" is not an http:// or https:// URL (e.g. FARGATE_COST_PRICE_LIST_URL=https://pricing.us-east-1.amazonaws.com, or unset it)',
    );
    expect(server.requests).toEqual([]);
  });

  it('refuses --profile with --source public', async () => {
    const server = await serve();
    const {code, stderr} = await cli(['prices', 'refresh', '--source', 'public', '--profile', 'x'], server);
    expect(code).toBe(2);
    expect(stderr).toContain('--profile is for --source api');
  });

  it('--regions all: every region the index lists; every rate published but the derived Partial Upfront ones', async () => {
    const server = await serve();
    const {code, stdout} = await cli(['prices', 'refresh', '--regions', 'all', '--format', 'json'], server);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    const statuses = Object.fromEntries(
      json.regions
        .filter((region: {status: string}) => region.status !== 'not-fetched')
        .map((region: {code: string; status: string}) => [region.code, region.status]),
    );
    expect(statuses).toEqual({'ap-northeast-2': 'refreshed', 'eu-west-1': 'refreshed', 'us-east-1': 'refreshed'});
    const catalog = cached();
    for (const code of ['us-east-1', 'ap-northeast-2']) {
      const region = catalog.regions[code];
      const notPublished: string[] = [];
      const check = (table: string, rates: Record<string, {confidence: string}>) => {
        for (const [key, rate] of Object.entries(rates))
          if (rate.confidence !== 'published') notPublished.push(`${table} ${key}`);
      };
      check('on-demand', region.onDemand);
      check('spot', region.spot);
      for (const [plan, rates] of Object.entries(region.savingsPlans))
        check(plan, rates as Record<string, {confidence: string}>);
      expect(Object.keys(region.onDemand)).toHaveLength(8);
      expect(Object.keys(region.spot)).toHaveLength(4);
      // Two Partial Upfront plans x six dimensions, derived because the files have none.
      expect(notPublished).toHaveLength(12);
      expect(notPublished.every((slot) => /^compute-[13]y-partial-upfront /.test(slot))).toBe(true);
    }
    // Seoul: the constructed offer's rates.
    expect(catalog.regions['ap-northeast-2'].onDemand['linux-x86_64-vcpu'].price).toBe('0.04656');
    expect(catalog.regions['ap-northeast-2'].onDemand.storage.price).toBe('0.000124');
    expect(catalog.regions['ap-northeast-2'].savingsPlans['compute-3y-no-upfront']['linux-arm64-memory'].price).toBe(
      '0.0022495',
    );

    // estimate in Seoul: no estimated rate in any option but the Partial Upfront ones.
    const estimate = await cli(
      ['estimate', '--region', 'ap-northeast-2', '--cpu', '1', '--memory', '2', '--format', 'json'],
      server,
    );
    expect(estimate.code).toBe(0);
    const estimated = JSON.stringify(JSON.parse(estimate.stdout)).match(/"confidence":"estimated"/g) ?? [];
    expect(estimated.length).toBeGreaterThan(0);
    const options = JSON.parse(estimate.stdout).options as {
      id?: string;
      plan?: string;
      lines?: {confidence: string}[];
    }[];
    const withEstimated = options
      .filter((option) => option.lines?.some((line) => line.confidence === 'estimated'))
      .map((option) => option.id ?? option.plan);
    expect(withEstimated.every((id) => /partial/.test(String(id)))).toBe(true);
  });

  it('auto without credentials chooses public', async () => {
    const server = await serve();
    const {code, stdout} = await cli(['prices', 'refresh', '--regions', 'us-east-1', '--format', 'json'], server);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).source).toBe('public');
  });
});
