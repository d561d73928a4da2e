import {schemaErrors} from '../helpers/schema.js';
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {GetProductsCommand, PricingClient} from '@aws-sdk/client-pricing';
import {DescribeSavingsPlansOfferingRatesCommand, SavingsplansClient} from '@aws-sdk/client-savingsplans';
import {type AwsClientStub, mockClient} from 'aws-sdk-client-mock';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {embeddedCatalogJson} from '../helpers/catalog.js';
import {runCli, steppingClock} from '../helpers/cli.js';
import {type FakeAwsOptions, startFakeAwsServer} from '../sources/pricing/fake-aws.js';
import {
  constructedPriceList,
  EU_WEST_1,
  EU_WEST_1_PRICES,
  realGetProducts,
  savingsPlanRate,
  savingsPlanRates,
  US_EAST_1,
  US_EAST_1_2022,
} from '../sources/pricing/fixtures.js';

/**
 * `prices refresh` end to end: the real CLI, the real SDK clients sent to a local fake of the two
 * AWS endpoints through the standard AWS_ENDPOINT_URL_PRICING / AWS_ENDPOINT_URL_SAVINGSPLANS
 * variables, files in a temporary cache directory. us-east-1 answers with the real 2022 response
 * (two pages); eu-west-1 and all Savings Plan rates are constructed (see fixtures.ts).
 */

const NOW = new Date('2026-12-01T09:30:00Z');
let dir: string;
let cache: string;
let server: Awaited<ReturnType<typeof startFakeAwsServer>> | undefined;

function world(overrides: FakeAwsOptions = {}): FakeAwsOptions {
  return {
    priceLists: {
      'us-east-1': realGetProducts().PriceList,
      'eu-west-1': constructedPriceList(EU_WEST_1, EU_WEST_1_PRICES),
    },
    savingsPlans: {
      'us-east-1': savingsPlanRates(US_EAST_1, US_EAST_1_2022),
      'eu-west-1': savingsPlanRates(EU_WEST_1, {'linux-x86_64-vcpu': '0.04256', 'linux-x86_64-memory': '0.004445'}),
    },
    pageSize: 6,
    savingsPlanPageSize: 10,
    ...overrides,
  };
}

/** Credentials and endpoints as a user would set them; nothing can reach AWS. */
function stubAwsEnv(url: string | undefined) {
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDFAKE');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'fake');
  vi.stubEnv('AWS_SESSION_TOKEN', undefined);
  vi.stubEnv('AWS_PROFILE', undefined);
  vi.stubEnv('AWS_REGION', undefined);
  vi.stubEnv('AWS_DEFAULT_REGION', undefined);
  vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/config');
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/credentials');
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  // A closed port when no fake is running: a request that escapes fails locally.
  vi.stubEnv('AWS_ENDPOINT_URL_PRICING', url ?? 'http://127.0.0.1:9');
  vi.stubEnv('AWS_ENDPOINT_URL_SAVINGSPLANS', url ?? 'http://127.0.0.1:9');
}

async function serve(options: FakeAwsOptions = world()) {
  server = await startFakeAwsServer(options);
  stubAwsEnv(server.url);
  return server;
}

const cli = (argv: string[], now: Date = NOW) => runCli(argv, {env: {FARGATE_COST_CACHE_DIR: cache}, now});

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fc-refresh-'));
  cache = join(dir, 'cache');
});

afterEach(async () => {
  await server?.close();
  server = undefined;
  vi.unstubAllEnvs();
  rmSync(dir, {recursive: true, force: true});
});

/** Output with the machine's paths replaced, so it can be compared whole. */
const portable = (text: string) => text.replaceAll(dir, '<tmp>');

// estimated: the 4 Spot rates kept from the base in each region are the research note's (not cross-checked),
// and so is eu-west-1's kept storage rate (the hand-edited ligoj fixture): 26 derived + 5 there.
// 32 other regions: the snapshot's 34 (12 of them listed without rates) less the 2 fetched.
const FIRST_REPORT = `Refreshed the price catalog from the AWS Price List and Savings Plans APIs on 2026-12-01 (Pricing endpoint us-east-1)
  base: embedded snapshot data/catalog.json (generated 2026-11-24, 7 days old)
  wrote: <tmp>/cache/catalog.json

region     status     On-Demand  Savings Plans  Spot                                kept  estimated
─────────  ─────────  ─────────  ─────────────  ──────────────────────────────────  ────  ─────────
eu-west-1  refreshed          5             12  4 from the base; oldest 2026-09-28     1         31
us-east-1  refreshed          8             36  4 from the base; oldest 2026-09-28     0          4

- 32 other regions were not fetched and are kept as they were
- against the base: 248 changed, 0 added, 0 removed, 751 unchanged (579 of them with a new date or source); "fargate-cost prices diff embedded cached" lists them
- kept in eu-west-1: On-Demand storage 0.000122 (ligoj-eu-west-1-2022, 2022-01-01)
! 1 rate the APIs did not return was kept from the base catalog with its own source and date
! Fargate Spot prices are in no AWS API: kept the base catalog's (the oldest observed 2021-01-14); pass --spot-prices FILE to update them
`;

describe('prices refresh (through AWS_ENDPOINT_URL_* to a local fake)', () => {
  it('fetches every page of both APIs, writes the cache, and reports by region', async () => {
    const fake = await serve();
    const {code, stdout, stderr} = await cli([
      'prices',
      'refresh',
      '--regions',
      'us-east-1,eu-west-1',
      '--catalog',
      'embedded',
    ]);
    expect([code, stderr]).toEqual([0, '']);
    expect(portable(stdout)).toBe(FIRST_REPORT);
    // 11 us-east-1 items at 6 a page: 2 GetProducts calls; 36 Savings Plan rates at 10 a page: 4 calls.
    const calls = (api: string, region: string) =>
      fake.requests.filter((request) => request.api === api && request.region === region).length;
    expect([calls('GetProducts', 'us-east-1'), calls('GetProducts', 'eu-west-1')]).toEqual([2, 1]);
    expect([
      calls('DescribeSavingsPlansOfferingRates', 'us-east-1'),
      calls('DescribeSavingsPlansOfferingRates', 'eu-west-1'),
    ]).toEqual([4, 2]);
    // Signed for the pinned Pricing region, whatever the endpoint URL.
    expect(String(fake.requests.find((request) => request.api === 'GetProducts')!.headers['authorization'])).toContain(
      '/us-east-1/pricing/aws4_request',
    );
    const written = JSON.parse(readFileSync(join(cache, 'catalog.json'), 'utf8'));
    expect(written.generatedAt).toBe('2026-12-01T09:30:00.000Z');
    expect(written.regions['us-east-1'].onDemand['windows-x86_64-vcpu']).toEqual({
      usageType: 'USE1-Fargate-Windows-vCPU-Hours:perCPU',
      unit: 'vCPU-Hours',
      price: '0.09148',
      source: 'aws-price-list-api-2026-12-01',
      asOf: '2026-12-01',
      confidence: 'published',
      note: 'offer published 2022-11-21',
    });
    expect(readdirSync(cache)).toEqual(['catalog.json']);
  });

  it('round trip: refresh, then prices show and estimate use the new rates', async () => {
    await serve();
    expect((await cli(['prices', 'refresh', '--regions', 'us-east-1,eu-west-1'])).code).toBe(0);

    const show = await cli(['prices', 'show', '--region', 'us-east-1']);
    expect(show.code).toBe(0);
    const lines = portable(show.stdout).split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'Price catalog: refreshed catalog <tmp>/cache/catalog.json (generated 2026-12-01, 0 days old)',
      '  fargate-cost prices refresh (AWS Price List and Savings Plans APIs); 34 regions',
      // The 4 Spot rates kept from the base: the research note's feed reading, estimated.
      '  48 rates shown (4 estimated); oldest as-of: On-Demand 2026-12-01, Spot 2026-09-28, Savings Plans 2026-12-01',
    ]);
    // 0.09148 from the real response; 0.09148 x 0.48 = 0.0439104 from the constructed Savings Plan answer.
    expect(lines).toContain(
      'windows-x86_64-vcpu        On-Demand                            $0.09148  vCPU-Hours  USE1-Fargate-Windows-vCPU-Hours:perCPU        aws-price-list-api-2026-12-01     2026-12-01  published',
    );
    expect(lines).toContain(
      '                           Compute SP 3 yr All Upfront        $0.0439104  vCPU-Hours                                                aws-savings-plans-api-2026-12-01  2026-12-01  published',
    );

    // Windows 1 vCPU / 2 GB for 730 h at the refreshed 2022 rates:
    // 730 x 0.09148 + 1460 x 0.01005 + 730 x 0.046 = 66.7804 + 14.673 + 33.58 = 115.0334.
    const estimate = await cli([
      'estimate',
      '--cpu',
      '1',
      '--memory',
      '2',
      '--os',
      'windows',
      '--region',
      'us-east-1',
      '--options',
      'on-demand',
      '--format',
      'json',
    ]);
    expect(estimate.code).toBe(0);
    const result = JSON.parse(estimate.stdout);
    expect(result.options[0]).toMatchObject({id: 'on-demand', monthlyCost: '115.0334'});
    expect(result.options[0].lines[0]).toMatchObject({
      usageType: 'USE1-Fargate-Windows-vCPU-Hours:perCPU',
      rate: '0.09148',
      cost: '66.7804',
      source: 'aws-price-list-api-2026-12-01',
      asOf: '2026-12-01',
    });
    expect(result.assumptions.catalog).toMatchObject({
      kind: 'cache',
      path: join(cache, 'catalog.json'),
      ageDays: 0,
      stale: false,
    });

    // The same file named with --catalog, from anywhere: eu-west-1 x86 at 0.04256.
    const copy = join(dir, 'refreshed.json');
    writeFileSync(copy, readFileSync(join(cache, 'catalog.json')));
    const table = await runCli(
      ['estimate', '--cpu', '1', '--memory', '2', '--region', 'eu-west-1', '--options', 'on-demand', '--catalog', copy],
      {now: NOW},
    );
    expect(table.code).toBe(0);
    // 730 x 0.04256 + 1460 x 0.004445 = 31.0688 + 6.4897 = 37.5585.
    expect(table.stdout).toMatch(/On-Demand\s+\$37\.56/);
    expect(table.stdout).toMatch(
      /EU-Fargate-vCPU-Hours:perCPU\s+730 vCPU-Hours\s+\$0\.04256\s+\$31\.07\s+aws-price-list-api-2026-12-01 2026-12-01/,
    );
    expect(portable(table.stdout)).toContain(
      '- prices: catalog <tmp>/refreshed.json (generated 2026-12-01, 0 days old); On-Demand as of 2026-12-01',
    );
  });

  it('keeps the previous catalog, and prices diff shows what changed with exact percentages', async () => {
    await serve();
    expect((await cli(['prices', 'refresh', '--regions', 'us-east-1,eu-west-1'])).code).toBe(0);
    await server!.close();
    // A day later eu-west-1's x86 vCPU rate is back at 0.04048.
    await serve(
      world({
        priceLists: {
          'us-east-1': realGetProducts().PriceList,
          'eu-west-1': constructedPriceList(EU_WEST_1, {...EU_WEST_1_PRICES, 'linux-x86_64-vcpu': '0.0404800000'}),
        },
      }),
    );
    const second = await cli(
      ['prices', 'refresh', '--regions', 'us-east-1,eu-west-1'],
      new Date('2026-12-02T09:30:00Z'),
    );
    expect(second.code).toBe(0);
    expect(portable(second.stdout)).toContain(
      '  wrote: <tmp>/cache/catalog.json (the replaced catalog is kept as <tmp>/cache/catalog.json.previous)',
    );
    expect(second.stdout).toContain('"fargate-cost prices diff previous cached" lists them');
    expect(readdirSync(cache).sort()).toEqual(['catalog.json', 'catalog.json.previous']);

    const diff = await cli(['prices', 'diff', 'previous', 'cached', '--format', 'json']);
    expect(diff.code).toBe(0);
    const json = JSON.parse(diff.stdout);
    const vcpu = json.changes.find(
      (change: {region: string; table: string; dimension: string}) =>
        change.region === 'eu-west-1' && change.table === 'on-demand' && change.dimension === 'linux-x86_64-vcpu',
    );
    // (0.04048 - 0.04256) / 0.04256 = -0.00208 / 0.04256 = -13/266 = -4.8872180451127819548872180451127819548872180451128 %
    expect(vcpu).toMatchObject({
      status: 'changed',
      change: '-0.00208',
      percent: '-4.8872180451127819548872180451127819548872180451128',
    });
    expect(vcpu.before).toMatchObject({rate: '0.04256', asOf: '2026-12-01'});
    expect(vcpu.after).toMatchObject({rate: '0.04048', asOf: '2026-12-02'});

    const table = await cli(['prices', 'diff', 'previous', 'cached']);
    expect(table.stdout).toMatch(
      /On-Demand\s+linux-x86_64-vcpu\s+\$0\.04256\s+\$0\.04048\s+-\$0\.00208\s+-4\.89%\s+2026-12-01 → 2026-12-02/,
    );
  });

  it('estimate names the refreshed catalog in use and warns once it is older than 90 days', async () => {
    await serve();
    const out = join(dir, 'january.json');
    // A refresh in January starts from a catalog of its day: the embedded one, dated November, would be from the future.
    const base = join(dir, 'december.json');
    writeFileSync(base, JSON.stringify({...embeddedCatalogJson(), generatedAt: '2025-12-01T00:00:00.000Z'}));
    const january = new Date('2026-01-01T12:00:00Z');
    expect(
      (await cli(['prices', 'refresh', '--regions', 'us-east-1', '--catalog', base, '--out', out], january)).code,
    ).toBe(0);
    const {code, stdout} = await runCli(['estimate', '--cpu', '1', '--memory', '2', '--catalog', out], {
      now: new Date('2026-11-24T12:00:00Z'),
    });
    expect(code).toBe(0);
    expect(portable(stdout)).toContain(
      '- prices: catalog <tmp>/january.json (generated 2026-01-01, 327 days old); On-Demand as of 2026-01-01',
    );
    expect(stdout).toContain(
      '! the price catalog is 327 days old (generated 2026-01-01); run "fargate-cost prices refresh" to update it',
    );
    const fresh = await runCli(['estimate', '--cpu', '1', '--memory', '2', '--catalog', out], {
      now: new Date('2026-03-31T12:00:00Z'),
    });
    expect(fresh.stdout).toContain('(generated 2026-01-01, 89 days old)');
    expect(fresh.stdout).not.toContain('days old (generated');
  });

  it('writes to --out instead of the cache, and nothing at all with --dry-run', async () => {
    await serve();
    const out = join(dir, 'custom', 'catalog.json');
    const written = await cli(['prices', 'refresh', '--regions', 'us-east-1', '--out', out]);
    expect(written.code).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(existsSync(cache)).toBe(false);
    expect(written.stdout).toContain(`"fargate-cost prices diff embedded ${out}" lists them`);

    const dry = await cli(['prices', 'refresh', '--regions', 'us-east-1', '--dry-run', '--format', 'json']);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({
      kind: 'prices-refresh',
      written: null,
      previousKept: null,
      retrievedOn: '2026-12-01',
      pricingEndpointRegion: 'us-east-1',
    });
    expect(existsSync(cache)).toBe(false);
  });

  it('shows the regions fetched, the AWS calls and the retries on a terminal, then clears the line', async () => {
    await serve(
      world({
        fail: (request, attempt) =>
          request.api === 'GetProducts' && request.region === 'us-east-1' && attempt === 1
            ? {status: 500, type: 'InternalErrorException', message: 'We encountered an internal error'}
            : undefined,
      }),
    );
    const argv = ['prices', 'refresh', '--regions', 'us-east-1,eu-west-1', '--catalog', 'embedded', '--dry-run'];
    const tty = await runCli(argv, {
      env: {FARGATE_COST_CACHE_DIR: cache},
      now: NOW,
      stderrTTY: true,
      clock: steppingClock(),
    });
    expect(tty.code).toBe(0);
    const drawn = tty.stderr.split('\r\u001B[K');
    expect(drawn[1]).toBe('refreshing prices: 0 of 2 regions');
    // GetProducts 2 + 1 pages, Savings Plans 4 + 2 pages; each us-east-1 GetProducts page asked twice.
    expect(drawn.at(-2)).toBe('refreshing prices: 2 of 2 regions, 9 AWS calls, 2 retries');
    expect(drawn.at(-1)).toBe('');
    const quiet = await runCli([...argv, '--quiet'], {env: {FARGATE_COST_CACHE_DIR: cache}, now: NOW, stderrTTY: true});
    expect([quiet.code, quiet.stderr, quiet.stdout]).toEqual([0, '', tty.stdout]);
  });

  it('asks AWS which regions exist for --regions all', async () => {
    const fake = await serve(world({regionCodes: ['eu-west-1', 'us-east-1', 'us-east-1-bos-1']}));
    const {code, stdout} = await cli(['prices', 'refresh', '--regions', 'all', '--format', 'json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(schemaErrors(json)).toEqual([]);
    expect(
      json.regions
        .filter((region: {status: string}) => region.status === 'refreshed')
        .map((region: {code: string}) => region.code),
    ).toEqual(['eu-west-1', 'us-east-1']);
    expect(fake.requests.some((request) => request.api === 'GetAttributeValues')).toBe(true);
  });

  it('reports an unknown usage type in the response, and still refreshes the rest', async () => {
    await serve(
      world({
        priceLists: {
          'us-east-1': [
            ...realGetProducts().PriceList,
            ...constructedPriceList(US_EAST_1, {}, ['USE1-Fargate-GPU-Hours:perGPU']),
          ],
        },
      }),
    );
    const {code, stdout} = await cli(['prices', 'refresh', '--regions', 'us-east-1']);
    expect(code).toBe(0);
    expect(stdout).toContain('- unknown usage type in us-east-1 (pricing:GetProducts): USE1-Fargate-GPU-Hours:perGPU');
    expect(stdout).toContain(
      '! unknown usage types in the response were not priced (please report them): USE1-Fargate-GPU-Hours:perGPU (us-east-1, pricing:GetProducts)',
    );
  });

  it('lists the rates kept from the base when the APIs did not return them, a few by name', async () => {
    // No Savings Plan rates come back for us-east-1: the snapshot's 11 observed ones stay, with their 2026-09-25 date.
    await serve(world({savingsPlans: {}}));
    const {code, stdout} = await cli(['prices', 'refresh', '--regions', 'us-east-1', '--format', 'table']);
    expect(code).toBe(0);
    const kept = stdout.split('\n').filter((line) => line.startsWith('- kept in us-east-1'));
    expect(kept).toEqual([
      '- kept in us-east-1: Compute SP 1 yr No Upfront linux-x86_64-vcpu 0.032384 (sp-offer-note-2026-09-25, 2026-09-25)',
      '- kept in us-east-1: Compute SP 1 yr No Upfront linux-x86_64-memory 0.003556 (sp-offer-note-2026-09-25, 2026-09-25)',
      '- kept in us-east-1: Compute SP 1 yr No Upfront linux-arm64-vcpu 0.0255 (sp-offer-note-2026-09-25, 2026-09-25)',
      '- kept in us-east-1: Compute SP 1 yr No Upfront linux-arm64-memory 0.0028 (sp-offer-note-2026-09-25, 2026-09-25)',
      '- kept in us-east-1: Compute SP 1 yr All Upfront linux-x86_64-vcpu 0.0295504 (sp-offer-note-2026-09-25, 2026-09-25)',
      '- kept in us-east-1: 6 more rates ("--format json" lists them all)',
    ]);
    expect(stdout).toContain(
      '! 11 rates the APIs did not return were kept from the base catalog with their own source and date',
    );
    const written = JSON.parse(readFileSync(join(cache, 'catalog.json'), 'utf8'));
    expect(written.regions['us-east-1'].savingsPlans['compute-3y-all-upfront']['linux-arm64-vcpu']).toMatchObject({
      price: '0.01587',
      source: 'sp-offer-note-2026-09-25',
      asOf: '2026-09-25',
      // The note was never cross-checked (data/sources/README.md): kept with its label and how it came about.
      confidence: 'estimated',
      derivation: expect.any(String),
    });
  });

  it('updates Spot from a saved feed (--spot-prices), dated by the feed', async () => {
    await serve();
    const feed = 'test/fixtures/pricing-sources/ligoj-plugin-prov-aws__spot-fargate.json';
    const {code, stdout} = await cli(['prices', 'refresh', '--regions', 'us-east-1,eu-west-1', '--spot-prices', feed]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/eu-west-1\s+refreshed\s+5\s+12\s+2 from the feed, 2 from the base; oldest 2019-07-30/);
    expect(stdout).toMatch(/us-east-1\s+refreshed\s+8\s+36\s+1 from the feed, 3 from the base; oldest 2019-07-30/);
    expect(stdout).toContain(
      '! the Spot feed (2019-07-30) is older than the Spot rates it replaced in eu-west-1, us-east-1',
    );
    const written = JSON.parse(readFileSync(join(cache, 'catalog.json'), 'utf8'));
    expect(written.regions['us-east-1'].spot['linux-x86_64-vcpu']).toMatchObject({
      price: '0.01458',
      source: 'fargate-spot-feed-2019-07-30',
      asOf: '2019-07-30',
      confidence: 'published',
    });
    // The feed has no us-east-1 GB entry: that Spot rate stays the base's.
    expect(written.regions['us-east-1'].spot['linux-x86_64-memory']).toMatchObject({
      price: '0.00141527',
      asOf: '2026-09-28',
    });
  });
});

describe('prices refresh: failures write nothing', () => {
  const PREVIOUS = '{"not": "touched"}\n';

  it('one region failing: says which and why, leaves the previous file untouched (AWS_MAX_ATTEMPTS honoured)', async () => {
    // The base is the embedded snapshot; the cache holds a file the failed refresh must not touch.
    const path = join(cache, 'catalog.json');
    mkdirSync(cache, {recursive: true});
    writeFileSync(path, PREVIOUS);
    vi.stubEnv('AWS_MAX_ATTEMPTS', '1');
    await serve(
      world({
        fail: (request) =>
          request.api === 'GetProducts' && request.region === 'eu-west-1'
            ? {status: 500, type: 'InternalErrorException', message: 'We encountered an internal error'}
            : undefined,
      }),
    );
    const {code, stdout, stderr} = await cli([
      'prices',
      'refresh',
      '--regions',
      'us-east-1,eu-west-1',
      '--catalog',
      'embedded',
    ]);
    expect(code).toBe(3);
    expect(stdout).toBe('');
    const message =
      'fargate-cost: refresh failed for eu-west-1: AWS refused pricing:GetProducts: We encountered an internal error; nothing was written\n';
    expect(stderr).toBe(message);
    expect(readFileSync(path, 'utf8')).toBe(PREVIOUS);
    expect(readdirSync(cache)).toEqual(['catalog.json']);
    expect(
      server!.requests.filter((request) => request.api === 'GetProducts' && request.region === 'eu-west-1'),
    ).toHaveLength(1);
    // On a terminal, the progress line is cleared first: the message stands alone on its line.
    const tty = await runCli(['prices', 'refresh', '--regions', 'us-east-1,eu-west-1', '--catalog', 'embedded'], {
      env: {FARGATE_COST_CACHE_DIR: cache},
      now: NOW,
      stderrTTY: true,
      clock: steppingClock(),
    });
    expect(tty.code).toBe(3);
    expect(tty.stderr.startsWith('\r\u001B[Krefreshing prices: ')).toBe(true);
    expect(tty.stderr.split('\r\u001B[K').at(-1)).toBe(message);
  });

  it('no credentials: says how to provide them, and that the offline snapshot still works', async () => {
    stubAwsEnv(undefined);
    vi.stubEnv('AWS_ACCESS_KEY_ID', undefined);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', undefined);
    // Without credentials the default (auto) is the public files; --source api asks for the APIs.
    const {code, stderr} = await cli(['prices', 'refresh', '--source', 'api']);
    expect(code).toBe(3);
    expect(stderr).toBe(
      'fargate-cost: no AWS credentials found for pricing:GetProducts (set AWS_PROFILE (or pass --profile), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, ' +
        'or run "aws sso login"; without AWS access, every command still works offline on the embedded snapshot or the last refreshed catalog)\n',
    );
    expect(existsSync(cache)).toBe(false);
  });

  it('a catalog that fails validation is not written', async () => {
    // A Savings Plan rate above On-Demand means a source was misread.
    await serve(
      world({
        savingsPlans: {'us-east-1': [savingsPlanRate(US_EAST_1, 'linux-x86_64-vcpu', 'compute-1y-no-upfront', '0.05')]},
      }),
    );
    const {code, stderr} = await cli(['prices', 'refresh', '--regions', 'us-east-1']);
    expect(code).toBe(1);
    expect(stderr).toBe(
      'fargate-cost: the refreshed catalog failed validation: us-east-1 compute-1y-no-upfront linux-x86_64-vcpu 0.05 (aws-savings-plans-api-2026-12-01) is above ' +
        'On-Demand 0.04048 (aws-price-list-api-2026-12-01); af-south-1 compute-1y-no-upfront linux-x86_64-vcpu 0.0674407115 (derived) is above On-Demand 0.0546 (fgcalc-on-demand); ' +
        'af-south-1 compute-1y-no-upfront windows-x86_64-vcpu 0.0775568182 (derived) is above On-Demand 0.06279 (derived) (and 41 more); nothing was written (a source was probably misread; report it with the command you ran)\n',
    );
    expect(existsSync(cache)).toBe(false);
  });

  it('no Fargate products anywhere: nothing written', async () => {
    await serve(world({priceLists: {}}));
    const {code, stderr} = await cli(['prices', 'refresh', '--regions', 'us-east-1']);
    expect(code).toBe(3);
    expect(stderr).toMatch(
      /^fargate-cost: the Price List API returned no Fargate products for us-east-1; nothing was written \(check --regions/,
    );
    expect(existsSync(cache)).toBe(false);
  });

  it.each([
    [
      ['--regions', 'us-east-1,nowhere'],
      2,
      'fargate-cost: region "nowhere" is not an AWS region code (e.g. us-east-1, eu-west-1)',
    ],
    [
      ['--regions', ','],
      2,
      'fargate-cost: --regions names no region (e.g. --regions us-east-1,eu-west-1, or --regions all)',
    ],
    [
      ['--spot-date', '2026-11-30'],
      2,
      'fargate-cost: --spot-date dates the prices of --spot-prices FILE, which is missing',
    ],
    [
      ['--pricing-region', 'eu-west-1'],
      2,
      'fargate-cost: --pricing-region eu-west-1 does not serve the AWS Price List API (use one of us-east-1, eu-central-1, ap-south-1; each of them serves the prices of every region)',
    ],
    [['--spot-prices', 'nope.json'], 1, 'fargate-cost: nope.json: no such file (check the path)'],
    [
      [
        '--spot-prices',
        'test/fixtures/pricing-sources/ligoj-plugin-prov-aws__spot-fargate.json',
        '--spot-date',
        '2026-02-30',
      ],
      2,
      'fargate-cost: --spot-date "2026-02-30" is not a date YYYY-MM-DD',
    ],
    [
      ['--catalog', 'cached'],
      1,
      'fargate-cost: there is no refreshed catalog yet (<tmp>/cache/catalog.json) (run "fargate-cost prices refresh" first, or name a file)',
    ],
  ])('refuses %j before any request', async (flags, exitCode, message) => {
    const fake = await serve();
    const {code, stderr} = await cli(['prices', 'refresh', ...flags]);
    expect([code, portable(stderr)]).toEqual([exitCode, `${message}\n`]);
    expect(fake.requests).toEqual([]);
  });
});

describe('prices refresh: an undated Spot feed', () => {
  it('is refused before any request, asking for --spot-date', async () => {
    const fake = await serve();
    const feed = join(dir, 'spot.json');
    writeFileSync(feed, JSON.stringify({metadata: {'format:version': '1.0'}, prices: []}));
    const {code, stderr} = await cli(['prices', 'refresh', '--spot-prices', feed]);
    expect([code, stderr]).toEqual([
      2,
      `fargate-cost: ${feed} has no usable "source:version" date in its metadata (pass --spot-date YYYY-MM-DD: the day these Spot prices were published or observed)\n`,
    ]);
    expect(fake.requests).toEqual([]);
    expect(existsSync(cache)).toBe(false);
  });
});

describe('prices refresh: AWS errors (aws-sdk-client-mock)', () => {
  // Created per test: mockClient patches the client prototypes until restored.
  let pricing: AwsClientStub<PricingClient>;
  let savingsPlans: AwsClientStub<SavingsplansClient>;

  beforeEach(() => {
    pricing = mockClient(PricingClient);
    savingsPlans = mockClient(SavingsplansClient);
    stubAwsEnv(undefined);
    savingsPlans.on(DescribeSavingsPlansOfferingRatesCommand).resolves({searchResults: []});
  });

  afterEach(() => {
    pricing.restore();
    savingsPlans.restore();
  });

  it('AccessDenied names the IAM action to grant', async () => {
    const {AccessDeniedException} = await import('@aws-sdk/client-pricing');
    pricing.on(GetProductsCommand).rejects(
      new AccessDeniedException({
        message: 'User: arn:aws:iam::123456789012:user/ci is not authorized to perform: pricing:GetProducts',
        $metadata: {httpStatusCode: 400},
      }),
    );
    const {code, stderr} = await cli(['prices', 'refresh', '--regions', 'us-east-1']);
    expect(code).toBe(3);
    expect(stderr).toBe(
      'fargate-cost: refresh failed for us-east-1: AWS denied pricing:GetProducts: User: arn:aws:iam::123456789012:user/ci is not authorized to perform: pricing:GetProducts; ' +
        'nothing was written (grant the IAM action pricing:GetProducts to these credentials; without AWS access, every command still works offline on the embedded snapshot or the last refreshed catalog)\n',
    );
  });

  it("throttling after the SDK's retries is one clear message", async () => {
    const {ThrottlingException} = await import('@aws-sdk/client-pricing');
    pricing
      .on(GetProductsCommand)
      .rejects(new ThrottlingException({message: 'Rate exceeded', $metadata: {httpStatusCode: 400, attempts: 3}}));
    const {code, stderr} = await cli(['prices', 'refresh', '--regions', 'us-east-1']);
    expect(code).toBe(3);
    expect(stderr).toBe(
      'fargate-cost: refresh failed for us-east-1: AWS throttled pricing:GetProducts after 3 attempts: Rate exceeded; nothing was written (wait a minute and retry, or raise AWS_MAX_ATTEMPTS)\n',
    );
    expect(existsSync(cache)).toBe(false);
  });

  it('pages GetProducts through the SDK paginator with mocked responses', async () => {
    const [first, ...rest] = realGetProducts().PriceList;
    pricing
      .on(GetProductsCommand)
      .resolvesOnce({PriceList: [first!], NextToken: 'next'} as never)
      .resolvesOnce({PriceList: rest} as never);
    const {code, stdout} = await cli(['prices', 'refresh', '--regions', 'us-east-1', '--dry-run', '--format', 'json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).regions.find((region: {code: string}) => region.code === 'us-east-1')).toMatchObject({
      status: 'refreshed',
      onDemandRates: 8,
      savingsPlanRates: 0,
    });
    const calls = pricing.commandCalls(GetProductsCommand);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.args[0].input).toMatchObject({ServiceCode: 'AmazonECS', NextToken: 'next'});
  });
});
