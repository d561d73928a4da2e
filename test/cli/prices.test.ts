import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {EMBEDDED_CATALOG_PATH} from '../../src/sources/catalog-file.js';
import {embeddedCatalogJson} from '../helpers/catalog.js';
import {runCli} from '../helpers/cli.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fc-prices-'));
});
afterEach(() => {
  rmSync(dir, {recursive: true, force: true});
});

const portable = (text: string) => text.replaceAll(dir, '<tmp>');

function writeCatalog(name: string, edit: (json: ReturnType<typeof embeddedCatalogJson>) => void): string {
  const json = embeddedCatalogJson();
  edit(json);
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(json));
  return path;
}

describe('fargate-cost prices show', () => {
  it('lists every rate of a region grouped by dimension, with source, date and confidence', async () => {
    const {code, stdout, stderr} = await runCli(['prices', 'show', '--region', 'us-east-1']);
    expect([code, stderr]).toEqual([0, '']);
    const lines = portable(stdout).split('\n');
    expect(lines.slice(0, 9)).toEqual([
      'Price catalog: embedded snapshot data/catalog.json (generated 2026-11-24, 0 days old)',
      '  fargate-cost prices snapshot (data/sources); 34 regions',
      '  48 rates shown (40 estimated); oldest as-of: On-Demand 2025-08-28, Spot 2026-09-28, Savings Plans 2026-09-25',
      '',
      'us-east-1  US East (N. Virginia), usage-type prefix USE1; oldest as-of: On-Demand 2025-08-28, Spot 2026-09-28, Savings Plans 2026-09-25',
      'dimension                  table                                     rate  unit        usage type                                    source                     as of       confidence',
      '─────────────────────────  ───────────────────────────────  ─────────────  ──────────  ────────────────────────────────────────────  ─────────────────────────  ──────────  ──────────',
      'linux-x86_64-vcpu          On-Demand                             $0.04048  vCPU-Hours  USE1-Fargate-vCPU-Hours:perCPU                aws-price-list-2025-08     2025-08-28  published',
      '                           Fargate Spot                       $0.01288871  vCPU-Hours  USE1-SpotUsage-Fargate-vCPU-Hours:perCPU      spot-feed-note-2026-09-28  2026-09-28  estimated',
    ]);
    expect(lines).toContain(
      'storage                    On-Demand                            $0.000111  GB-Hours    USE1-Fargate-EphemeralStorage-GB-Hours        aws-price-list-2025-08     2025-08-28  published',
    );
    expect(lines).toContain('Sources');
    expect(lines).toContain(
      '  aws-price-list-2025-08  published, 2025-08-28: AWS Price List offer file AmazonECS us-east-1, publication 2025-08-28 (effective 2025-08-01) ' +
        '[opencost/opencost pkg/cloud/aws/testdata/ecs-pricing-us-east-1.json @ c65611842eb964d85a1593d260ca0e1fb384b65a]',
    );
    expect(lines).toContain('estimated rates say how they were derived with --verbose or --format json');
  });

  it('shows every region by default, in code order', async () => {
    const {stdout} = await runCli(['prices', 'show']);
    const regions = stdout
      .split('\n')
      .filter((line) => /^[a-z]{2}(-[a-z]+)+-\d {2}/.test(line))
      .map((line) => line.split(' ')[0]);
    expect(regions).toEqual(Object.keys(embeddedCatalogJson().regions).sort());
    expect(regions).toHaveLength(34);
  });

  it("adds each estimated rate's derivation with --verbose", async () => {
    const {stdout} = await runCli(['prices', 'show', '--region', 'eu-west-1', '--verbose']);
    expect(stdout).toMatch(
      /Compute SP 3 yr Partial Upfront\s+\$0\.0208472\s+vCPU-Hours\s+derived\s+2026-09-25\s+estimated\s+On-Demand linux-x86_64-vcpu less 48\.5%, the 3y discount of the midpoint between No and All Upfront in us-east-1/,
    );
  });

  it("writes JSON with exact decimal strings, each rate's age, and the oldest date per table", async () => {
    const {code, stdout} = await runCli(['prices', 'show', '--region', 'us-east-1,eu-west-1', '--format', 'json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.kind).toBe('prices-show');
    expect(json.catalog).toMatchObject({
      kind: 'embedded',
      generatedAt: '2026-11-24T00:00:00.000Z',
      ageDays: 0,
      stale: false,
      regionCount: 34,
    });
    expect(json.regions.map((region: {code: string}) => region.code)).toEqual(['us-east-1', 'eu-west-1']);
    expect(json.oldestAsOf).toEqual({onDemand: '2022-01-01', spot: '2026-09-28', savingsPlans: '2026-09-25'});
    expect(json.regions[0].rates[0]).toEqual({
      table: 'on-demand',
      tableLabel: 'On-Demand',
      dimension: 'linux-x86_64-vcpu',
      usageType: 'USE1-Fargate-vCPU-Hours:perCPU',
      unit: 'vCPU-Hours',
      rate: '0.04048',
      source: 'aws-price-list-2025-08',
      asOf: '2025-08-28',
      // 2025-08-28 to 2026-11-24 12:00 UTC.
      ageDays: 453,
      confidence: 'published',
      derivation: null,
      note: null,
      // fgcalc's author read the same 0.04048 from the Price List API on 2026-09-29 (data/sources/README.md).
      confirmed: '2026-09-29',
      confirmedBy: 'fgcalc-on-demand',
    });
    const usEast = json.regions[0].rates as {table: string; dimension: string; confirmed: string | null}[];
    expect(
      usEast.filter((rate) => rate.confirmed !== null).map((rate) => [rate.table, rate.dimension, rate.confirmed]),
    ).toEqual([
      ['on-demand', 'linux-x86_64-vcpu', '2026-09-29'],
      ['on-demand', 'linux-x86_64-memory', '2026-09-29'],
    ]);
    // A rate no later reading confirmed has null for both.
    expect(json.regions[1].rates[0]).toMatchObject({source: 'fgcalc-on-demand', confirmed: null, confirmedBy: null});
    expect(json.counts).toEqual({rates: 96, estimated: 86});
    expect(json.sources.map((source: {id: string}) => source.id)).toContain('ligoj-eu-west-1-2022');
    expect(stdout).not.toMatch(/"rate": \d/);
  });

  it('writes CSV and Markdown from the same result', async () => {
    const csv = await runCli(['prices', 'show', '--region', 'ap-south-1', '--format', 'csv']);
    expect(csv.stdout.split('\n').slice(0, 3)).toEqual([
      'region,region_name,dimension,table,rate,unit,usage_type,source,as_of,age_days,confidence,derivation,note,confirmed,confirmed_by',
      'ap-south-1,Asia Pacific (Mumbai),linux-x86_64-vcpu,on-demand,0.04256,vCPU-Hours,APS3-Fargate-vCPU-Hours:perCPU,fgcalc-on-demand,2026-09-29,56,secondary,,,,',
      'ap-south-1,Asia Pacific (Mumbai),linux-x86_64-vcpu,spot,0.0133282,vCPU-Hours,APS3-SpotUsage-Fargate-vCPU-Hours:perCPU,fgcalc-spot-2021-01,2021-01-14,2140,secondary,,,,',
    ]);
    expect(csv.stdout).toContain(
      'linux-arm64-vcpu,on-demand,0.02383,vCPU-Hours,APS3-Fargate-ARM-vCPU-Hours:perCPU,price-list-notes-2026,2026-09-28,57,estimated,quoted by a third-party note citing an AWS Price List read (shared/research/fargate-pricing.md 2c); not cross-checked,not 0.8 x the x86 rate',
    );
    const markdown = await runCli(['prices', 'show', '--region', 'ap-south-1', '--format', 'markdown']);
    expect(markdown.stdout).toContain('| dimension | table | rate | unit | usage type | source | as of | confidence |');
    expect(markdown.stdout).toContain(
      '| linux-x86_64-vcpu | Fargate Spot | $0.0133282 | vCPU-Hours | APS3-SpotUsage-Fargate-vCPU-Hours:perCPU | fgcalc-spot-2021-01 | 2021-01-14 | secondary |',
    );
  });

  it('warns when the catalog is older than 90 days', async () => {
    const path = writeCatalog('old.json', (json) => {
      json.generatedAt = '2026-07-01T00:00:00.000Z';
    });
    const {stdout} = await runCli(['prices', 'show', '--region', 'us-east-1', '--catalog', path]);
    expect(portable(stdout)).toMatch(/^Price catalog: catalog <tmp>\/old\.json \(generated 2026-07-01, 146 days old\)/);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe(
      '! the price catalog is 146 days old (generated 2026-07-01); run "fargate-cost prices refresh" to update it',
    );
  });

  it.each([
    [
      ['--region', 'ap-nowhere-1'],
      4,
      'fargate-cost: region ap-nowhere-1 is not in the price catalog (data/catalog.json) (regions in the catalog near it: ap-east-1, ap-northeast-1, ap-northeast-2, ap-northeast-3, ap-south-1, ap-south-2, ap-southeast-1, ap-southeast-2, ap-southeast-3, ap-southeast-4, ap-southeast-5, ap-southeast-7)',
    ],
    [
      ['--region', 'Ireland'],
      2,
      'fargate-cost: region "Ireland" is not an AWS region code (e.g. us-east-1, eu-west-1)',
    ],
    [['--catalog', 'missing.json'], 1, 'fargate-cost: missing.json: no such file (check the path)'],
    [
      ['--catalog', 'cached'],
      1,
      'fargate-cost: there is no refreshed catalog yet (/nonexistent/fargate-cost-test-cache/catalog.json) (run "fargate-cost prices refresh" first, or name a file)',
    ],
  ])('refuses %j', async (flags, exitCode, message) => {
    const {code, stdout, stderr} = await runCli(['prices', 'show', ...flags]);
    expect([code, stdout, portable(stderr)]).toEqual([exitCode, '', `${message}\n`]);
  });

  it('refuses an invalid catalog with the field at fault', async () => {
    const path = writeCatalog('bad.json', (json) => {
      json.regions['us-east-1']!.onDemand['linux-x86_64-vcpu']!.price = 'cheap';
    });
    const {code, stderr} = await runCli(['prices', 'show', '--catalog', path]);
    expect(code).toBe(1);
    expect(portable(stderr)).toBe(
      'fargate-cost: price catalog <tmp>/bad.json is not valid: regions.us-east-1.onDemand.linux-x86_64-vcpu.price: expected a non-negative decimal string such as "0.04048" ' +
        '(restore it with "fargate-cost prices refresh", or drop --catalog to use the embedded snapshot)\n',
    );
  });
});

describe('every catalog is checked when read: the embedded one, a --catalog file, the cache', () => {
  const HINT = '(restore it with "fargate-cost prices refresh", or drop --catalog to use the embedded snapshot)';

  it('reads the embedded snapshot', async () => {
    expect((await runCli(['estimate', '--cpu', '1', '--memory', '2', '--catalog', 'embedded'])).code).toBe(0);
  });

  it.each([
    [
      'a zero rate',
      (json: ReturnType<typeof embeddedCatalogJson>) => (json.regions['us-east-1']!.onDemand.storage!.price = '0'),
      'has rates no price can have: us-east-1 On-Demand storage is 0 (aws-price-list-2025-08)',
    ],
    [
      'a rate a thousand times too high',
      (json: ReturnType<typeof embeddedCatalogJson>) =>
        (json.regions['eu-west-1']!.onDemand['linux-arm64-vcpu']!.price = '32.384'),
      'has rates no price can have: eu-west-1 On-Demand linux-arm64-vcpu 32.384 (ligoj-eu-west-1-2022) is not a plausible rate (0.001 to 1 per vCPU-Hour)',
    ],
    [
      'a generatedAt in the future',
      (json: ReturnType<typeof embeddedCatalogJson>) => (json.generatedAt = '2027-11-24T00:00:00.000Z'),
      'says it was generated at 2027-11-24T00:00:00.000Z, after the clock (2026-11-24T12:00:00.000Z)',
    ],
  ])('refuses %s in a --catalog file, one line, exit 1, nothing on stdout', async (_, edit, problem) => {
    const path = writeCatalog('edited.json', edit);
    for (const argv of [
      ['estimate', '--cpu', '1', '--memory', '2', '--catalog', path],
      ['prices', 'show', '--catalog', path],
      ['prices', 'diff', 'embedded', path],
    ]) {
      const {code, stdout, stderr} = await runCli(argv);
      expect([code, stdout], argv.join(' ')).toEqual([1, '']);
      expect(portable(stderr).startsWith(`fargate-cost: price catalog <tmp>/edited.json ${problem} (`)).toBe(true);
      expect(stderr.split('\n')).toHaveLength(2);
    }
  });

  it('refuses a cached catalog whose Spot rate is above On-Demand, naming the cache', async () => {
    writeCatalog('catalog.json', (json) => {
      json.regions['us-west-2']!.spot['linux-x86_64-vcpu']!.price = '0.05';
    });
    const {code, stderr} = await runCli(['estimate', '--cpu', '1', '--memory', '2'], {
      env: {FARGATE_COST_CACHE_DIR: dir},
    });
    expect(code).toBe(1);
    expect(portable(stderr)).toBe(
      `fargate-cost: price catalog <tmp>/catalog.json has rates no price can have: us-west-2 Spot linux-x86_64-vcpu 0.05 (fgcalc-spot-2021-01) is above On-Demand 0.04048 (fgcalc-on-demand) ${HINT}\n`,
    );
  });
});

describe('fargate-cost prices diff', () => {
  function changed(): string {
    return writeCatalog('new.json', (json) => {
      json.generatedAt = '2026-11-25T00:00:00.000Z';
      json.regions['us-east-1']!.onDemand['windows-x86_64-vcpu'] = {
        ...json.regions['us-east-1']!.onDemand['windows-x86_64-vcpu']!,
        price: '0.09148',
        asOf: '2026-11-25',
      };
      json.regions['eu-west-1']!.onDemand['linux-x86_64-vcpu']!.price = '0.0506';
      // An estimated rate (1.15 x the x86 rate) that moved: marked with *.
      json.regions['eu-west-1']!.onDemand['windows-x86_64-vcpu']!.price = '0.05819';
      delete json.regions['eu-west-1']!.spot['linux-x86_64-memory'];
    });
  }

  it('lists what changed by region and dimension, with percentages', async () => {
    const {code, stdout, stderr} = await runCli(['prices', 'diff', 'embedded', changed()]);
    expect([code, stderr]).toEqual([0, '']);
    expect(portable(stdout)).toBe(
      [
        'Price catalog diff',
        '  A: embedded snapshot data/catalog.json (generated 2026-11-24, 0 days old)',
        '  B: catalog <tmp>/new.json (generated 2026-11-25, 0 days old)',
        '  3 changed, 0 added, 1 removed, 995 unchanged',
        '',
        'eu-west-1',
        'table         dimension                    old        new      change  percent  as of (old → new)',
        '────────────  ───────────────────  ───────────  ─────────  ──────────  ───────  ───────────────────────',
        'On-Demand     linux-x86_64-vcpu       $0.04048    $0.0506   +$0.01012  +25.00%  2026-09-29 → 2026-09-29',
        'On-Demand     windows-x86_64-vcpu   $0.046552*  $0.05819*  +$0.011638  +25.00%  2026-09-29 → 2026-09-29',
        // The eu-west-1 Spot rates come from an unchecked note: estimated.
        'Fargate Spot  linux-x86_64-memory  $0.0013441*          –     removed        –  2026-09-28 → –',
        '',
        'us-east-1',
        'table      dimension                  old       new      change  percent  as of (old → new)',
        '─────────  ───────────────────  ─────────  ────────  ──────────  ───────  ───────────────────────',
        // (0.09148 - 0.046552) / 0.046552 = 0.96511...: +96.51%
        'On-Demand  windows-x86_64-vcpu  $0.046552  $0.09148  +$0.044928  +96.51%  2025-08-28 → 2026-11-25',
        '',
        '* estimated: derived from other rates, or read from a source not cross-checked ("prices show --verbose" says how)',
        '',
      ].join('\n'),
    );
  });

  it('writes the exact change and percentage in JSON, the percentage to 6 places in CSV', async () => {
    const path = changed();
    const json = JSON.parse((await runCli(['prices', 'diff', 'embedded', path, '--format', 'json'])).stdout);
    expect(json.summary).toEqual({
      changed: 3,
      added: 0,
      removed: 1,
      unchanged: 995,
      redated: 0,
      regionsAdded: [],
      regionsRemoved: [],
    });
    expect(json.changes.find((change: {region: string}) => change.region === 'us-east-1')).toEqual({
      region: 'us-east-1',
      table: 'on-demand',
      dimension: 'windows-x86_64-vcpu',
      status: 'changed',
      before: {
        rate: '0.046552',
        usageType: 'USE1-Fargate-Windows-vCPU-Hours:perCPU',
        source: 'aws-price-list-2025-08',
        asOf: '2025-08-28',
        confidence: 'published',
      },
      after: {
        rate: '0.09148',
        usageType: 'USE1-Fargate-Windows-vCPU-Hours:perCPU',
        source: 'aws-price-list-2025-08',
        asOf: '2026-11-25',
        confidence: 'published',
      },
      change: '0.044928',
      percent: '96.511428080426190067021825055851520879876267399897',
    });
    const csv = (await runCli(['prices', 'diff', 'embedded', path, '--format', 'csv'])).stdout.split('\n');
    expect(csv[0]).toBe(
      'region,table,dimension,status,old_rate,new_rate,change,percent,old_as_of,new_as_of,old_source,new_source',
    );
    expect(csv[1]).toBe(
      'eu-west-1,on-demand,linux-x86_64-vcpu,changed,0.04048,0.0506,0.01012,25.000000,2026-09-29,2026-09-29,fgcalc-on-demand,fgcalc-on-demand',
    );
    expect(csv[2]).toBe(
      'eu-west-1,on-demand,windows-x86_64-vcpu,changed,0.046552,0.05819,0.011638,25.000000,2026-09-29,2026-09-29,derived,derived',
    );
    expect(csv[3]).toBe(
      'eu-west-1,spot,linux-x86_64-memory,removed,0.0013441,,,,2026-09-28,,spot-feed-note-2026-09-28,',
    );
  });

  it('compares with the catalog in use when B is left out, and reports no change', async () => {
    const {code, stdout} = await runCli(['prices', 'diff', 'embedded']);
    expect(code).toBe(0);
    expect(stdout).toContain('  0 changed, 0 added, 0 removed, 999 unchanged\n\nNo rate changed.\n');
  });

  it('fails only on input it cannot read', async () => {
    const {code, stderr} = await runCli(['prices', 'diff', 'embedded', join(dir, 'nope.json')]);
    expect([code, portable(stderr)]).toEqual([1, 'fargate-cost: <tmp>/nope.json: no such file (check the path)\n']);
    const none = await runCli(['prices', 'diff']);
    expect(none.code).toBe(2);
  });
});

describe('fargate-cost prices snapshot', () => {
  it('regenerates data/catalog.json byte for byte from data/sources', async () => {
    const out = join(dir, 'catalog.json');
    const {code, stderr} = await runCli(['prices', 'snapshot', '--generated-at', '2026-11-24T00:00:00Z', '--out', out]);
    expect(code).toBe(0);
    expect(stderr).toBe(`wrote ${out}: 34 regions, 879 estimated rates, 8 superseded entries\n`);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(EMBEDDED_CATALOG_PATH, 'utf8'));
  });
});

describe('the built binary', () => {
  it('loads the AWS SDK for prices refresh only, not for show or diff', () => {
    const loaded = (args: string[]) => {
      const log = join(dir, `imports-${args[1]}.txt`);
      writeFileSync(log, '');
      spawnSync(process.execPath, ['--import', './test/helpers/record-imports.mjs', 'dist/cli/main.js', ...args], {
        encoding: 'utf8',
        env: {
          ...process.env,
          RECORD_IMPORTS: log,
          FARGATE_COST_CACHE_DIR: join(dir, 'cache'),
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_ACCESS_KEY_ID: '',
          AWS_PROFILE: undefined,
          AWS_CONFIG_FILE: '/nonexistent/config',
          AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
          AWS_ENDPOINT_URL_PRICING: 'http://127.0.0.1:9',
          AWS_ENDPOINT_URL_SAVINGSPLANS: 'http://127.0.0.1:9',
          FARGATE_COST_PRICE_LIST_URL: 'http://127.0.0.1:9',
          FARGATE_COST_SPOT_FEED_URL: 'http://127.0.0.1:9/fargate-spot-prices.json',
        },
      });
      return readFileSync(log, 'utf8')
        .split('\n')
        .filter((url) => url.includes('/node_modules/@aws-sdk/'));
    };
    expect(loaded(['prices', 'show', '--region', 'us-east-1'])).toEqual([]);
    expect(loaded(['prices', 'diff', 'embedded'])).toEqual([]);
    const refresh = loaded(['prices', 'refresh', '--source', 'api', '--regions', 'us-east-1']);
    expect(refresh.some((url) => url.includes('@aws-sdk/client-pricing'))).toBe(true);
    expect(refresh.some((url) => url.includes('@aws-sdk/client-savingsplans'))).toBe(true);
    // Without credentials the default is the public files, which need no SDK (a closed port: it fails at once).
    expect(loaded(['prices', 'refresh', '--regions', 'us-east-1'])).toEqual([]);
  });
});
