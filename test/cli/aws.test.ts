import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {REGION_CHAIN} from '../../src/report/text.js';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {VERSION} from '../../src/version.js';
import {runCli} from '../helpers/cli.js';
import {startRecordingProxy, startSilentServer} from '../helpers/net.js';
import {fakeEcsPerTest, wireTask} from '../sources/ecs/fake-ecs.js';
import {startFakeAwsServer} from '../sources/pricing/fake-aws.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fc-aws-'));
});
afterEach(() => {
  rmSync(dir, {recursive: true, force: true});
  vi.unstubAllEnvs();
});

/** AWS's shared files in a temporary directory: `[profile dev]` and `[default]` in config, `[ci]` only in credentials. */
function awsFiles(config: string, credentials = '') {
  writeFileSync(join(dir, 'config'), config);
  writeFileSync(join(dir, 'credentials'), credentials);
  return {AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials')};
}

const CONFIG = '[default]\nregion = eu-west-1\n\n[profile dev]\nregion = ap-south-1\n\n[profile bare]\noutput = json\n';
const CREDENTIALS = '[ci]\naws_access_key_id = AKIDCI\naws_secret_access_key = ci\nregion = us-west-2\n';
const ASSUMED = `region us-east-1 assumed for task ${REGION_CHAIN}`;

async function estimateRegion(env: NodeJS.ProcessEnv, flags: string[] = []) {
  const result = await runCli(['estimate', '--cpu', '1', '--memory', '2', ...flags, '--format', 'json'], {env});
  expect([result.code, result.stderr]).toEqual([0, '']);
  const out = JSON.parse(result.stdout);
  return [out.tasks[0].region, out.assumptions.notes.includes(ASSUMED)];
}

describe("the region, the AWS CLI's way: --region, AWS_REGION, AWS_DEFAULT_REGION, the profile's, us-east-1", () => {
  it.each([
    ['the default profile', {}, [], 'eu-west-1'],
    ['AWS_PROFILE', {AWS_PROFILE: 'dev'}, [], 'ap-south-1'],
    ['--profile over AWS_PROFILE', {AWS_PROFILE: 'bare'}, ['--profile', 'dev'], 'ap-south-1'],
    ['a profile only in the credentials file', {AWS_PROFILE: 'ci'}, [], 'us-west-2'],
    ['AWS_DEFAULT_REGION over the profile', {AWS_PROFILE: 'dev', AWS_DEFAULT_REGION: 'us-west-2'}, [], 'us-west-2'],
    ['AWS_REGION over AWS_DEFAULT_REGION', {AWS_REGION: 'eu-west-2', AWS_DEFAULT_REGION: 'us-west-2'}, [], 'eu-west-2'],
    ['--region over everything', {AWS_REGION: 'eu-west-2', AWS_PROFILE: 'dev'}, ['--region', 'us-west-2'], 'us-west-2'],
  ])('%s', async (_, env, flags, region) => {
    expect(await estimateRegion({...awsFiles(CONFIG, CREDENTIALS), ...env}, flags)).toEqual([region, false]);
  });

  it.each([
    ['no AWS files', undefined, {}],
    ['a profile without a region', CONFIG, {AWS_PROFILE: 'bare'}],
    // Offline, a profile that does not exist only means there is no region to read.
    ['a profile that does not exist', CONFIG, {AWS_PROFILE: 'nope'}],
  ])('assumes us-east-1, and says so, with %s', async (_, config, env) => {
    expect(await estimateRegion({...(config === undefined ? {} : awsFiles(config)), ...env})).toEqual([
      'us-east-1',
      true,
    ]);
  });

  it('is the same for compare', async () => {
    const env = {...awsFiles(CONFIG), AWS_PROFILE: 'dev'};
    const result = await runCli(['compare', '--cpu', '1', '--memory', '2', '--format', 'json'], {env});
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).input.description).toBe(
      'task: 1 vCPU, 2 GB, Linux/x86_64, ap-south-1; 1 task always on',
    );
  });

  it("refuses a profile's region that is not a region code, naming the profile and the file", async () => {
    const env = awsFiles('[profile odd]\nregion = Virginia\n');
    const result = await runCli(['estimate', '--cpu', '1', '--memory', '2', '--profile', 'odd'], {env});
    expect([result.code, result.stdout]).toEqual([1, '']);
    expect(result.stderr).toBe(
      `fargate-cost: AWS profile odd has region "Virginia", not a region code (fix it in ${env.AWS_CONFIG_FILE}, or pass --region)\n`,
    );
  });
});

describe('live calls: the resolved region, a named profile that exists, a user agent', () => {
  const serve = fakeEcsPerTest();
  const AS_OF = ['--as-of', '2026-11-02T06:00:00Z'];

  it("reads in the profile's region, and every call says fargate-cost/<version>", async () => {
    const fake = await serve({tasks: [wireTask(0)]});
    const env = {...fake.env, AWS_REGION: undefined, ...awsFiles(CONFIG), AWS_PROFILE: 'dev'};
    const result = await runCli(['history', '--cluster', 'prod', ...AS_OF, '--format', 'json'], {env});
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(JSON.parse(result.stdout).sources[0].path).toBe('ecs:prod (ap-south-1)');
    expect(fake.requests.length).toBeGreaterThan(0);
    for (const request of fake.requests) {
      expect(request.headers?.['authorization']).toMatch(/\/ap-south-1\/ecs\/aws4_request/);
      expect(request.headers?.['user-agent']).toContain(`fargate-cost/${VERSION}`);
    }
  });

  it('assumes us-east-1 when nothing names a region, and says so', async () => {
    const fake = await serve({tasks: [wireTask(0)]});
    const env = {...fake.env, AWS_REGION: undefined};
    const result = await runCli(['history', '--cluster', 'prod', ...AS_OF, '--format', 'json'], {env});
    const out = JSON.parse(result.stdout);
    expect(out.sources[0].path).toBe('ecs:prod (us-east-1)');
    expect(out.assumptions.notes).toContain(
      'region us-east-1 assumed for the live read of prod (no --region, ARN, AWS_REGION, AWS_DEFAULT_REGION or profile region)',
    );
    expect(fake.requests[0]!.headers?.['authorization']).toMatch(/\/us-east-1\/ecs\/aws4_request/);
  });

  it.each([
    ['AWS_PROFILE', {AWS_PROFILE: 'nope'}, []],
    ['--profile', {AWS_PROFILE: 'dev'}, ['--profile', 'nope']],
  ])('names a profile from %s that neither file has: one line, exit 3, no call made', async (from, extra, flags) => {
    const fake = await serve({tasks: [wireTask(0)]});
    const env = {...fake.env, ...awsFiles(CONFIG, CREDENTIALS), ...extra};
    const result = await runCli(['history', '--cluster', 'prod', ...flags], {env});
    expect([result.code, result.stdout]).toEqual([3, '']);
    expect(result.stderr).toBe(
      `fargate-cost: AWS profile nope (${from}) is in neither ${env.AWS_CONFIG_FILE} nor ${env.AWS_SHARED_CREDENTIALS_FILE} ` +
        '(check the name with "aws configure list-profiles", or create it with "aws configure --profile NAME")\n',
    );
    expect(fake.requests).toEqual([]);
  });

  it('names the profile for estimate --task-definition too', async () => {
    const env = {...awsFiles(CONFIG), AWS_PROFILE: 'nope'};
    const result = await runCli(['estimate', '--task-definition', 'web:1'], {env});
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^fargate-cost: AWS profile nope \(AWS_PROFILE\) is in neither /);
  });
});

describe('a deadline on every live command: an endpoint that never answers fails fast, exit 3', () => {
  let silent: Awaited<ReturnType<typeof startSilentServer>>;
  beforeEach(async () => {
    silent = await startSilentServer();
  });
  afterEach(() => silent.close());

  const credentials = {AWS_ACCESS_KEY_ID: 'AKIDFAKE', AWS_SECRET_ACCESS_KEY: 'fake', AWS_EC2_METADATA_DISABLED: 'true'};
  const stub = (env: Record<string, string>) => {
    for (const [name, value] of Object.entries({...credentials, ...env})) vi.stubEnv(name, value);
    return {...credentials, ...env};
  };

  it.each([
    [
      'history --cluster, --timeout 1s',
      ['history', '--cluster', 'prod', '--timeout', '1s'],
      {},
      'ECS',
      'ecs:ListTasks',
      '1 s',
    ],
    [
      'estimate --task-definition, FARGATE_COST_TIMEOUT=800ms',
      ['estimate', '--task-definition', 'web:1'],
      {FARGATE_COST_TIMEOUT: '800ms'},
      'ECS',
      'ecs:DescribeTaskDefinition',
      '800 ms',
    ],
    [
      'prices refresh, --timeout 1.5s over FARGATE_COST_TIMEOUT=1h',
      ['prices', 'refresh', '--regions', 'us-east-1', '--timeout', '1.5s', '--dry-run'],
      {FARGATE_COST_TIMEOUT: '1h'},
      'PRICING',
      '(pricing:GetProducts|savingsplans:DescribeSavingsPlansOfferingRates)',
      '1.5 s',
    ],
  ])('%s', async (_, argv, extra, service, action, within) => {
    const env = stub({
      [`AWS_ENDPOINT_URL_${service}`]: silent.url,
      AWS_ENDPOINT_URL_SAVINGSPLANS: silent.url,
      ...extra,
    });
    const started = Date.now();
    const result = await runCli(argv, {env});
    expect(Date.now() - started).toBeLessThan(10_000);
    expect([result.code, result.stdout]).toEqual([3, '']);
    expect(result.stderr).toMatch(
      new RegExp(
        `^fargate-cost: (refresh failed for us-east-1: )?no answer from AWS for ${action} at ${silent.url.replaceAll('.', '\\.')} within ${within.replace('.', '\\.')}[ ;]`,
      ),
    );
    expect(result.stderr).toContain('allow more time with --timeout or FARGATE_COST_TIMEOUT');
    expect(result.stderr.split('\n')).toHaveLength(2);
    expect(silent.connections()).toBeGreaterThan(0);
  });

  it.each([
    [
      ['--timeout', 'soon'],
      {},
      'fargate-cost: --timeout "soon" is not understood (write e.g. 600s, 10m, 1.5h or 1h30m)',
    ],
    [['--timeout', '2d'], {}, 'fargate-cost: --timeout "2d" is longer than a day'],
    [[], {FARGATE_COST_TIMEOUT: '-5'}, 'fargate-cost: FARGATE_COST_TIMEOUT "-5" is not understood'],
  ])('refuses a timeout %j %j it cannot read, exit 2', async (flags, extra, message) => {
    const env = stub({AWS_ENDPOINT_URL_ECS: silent.url, ...extra});
    const result = await runCli(['history', '--cluster', 'prod', ...flags], {env});
    expect([result.code, result.stdout]).toEqual([2, '']);
    expect(result.stderr.startsWith(message)).toBe(true);
    expect(silent.connections()).toBe(0);
  });
});

describe('malformed AWS_ENDPOINT_URL settings: one line, exit 2', () => {
  it.each([
    ['AWS_ENDPOINT_URL_ECS', 'htp//bad url', ['history', '--cluster', 'prod']],
    ['AWS_ENDPOINT_URL', 'ftp://example.com', ['estimate', '--task-definition', 'web:1']],
    ['AWS_ENDPOINT_URL_PRICING', '\u001b[31mlocalhost:4566', ['prices', 'refresh', '--regions', 'us-east-1']],
    ['AWS_ENDPOINT_URL_SAVINGSPLANS', 'http://', ['prices', 'refresh', '--regions', 'us-east-1']],
  ])('%s=%j', async (name, value, argv) => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDFAKE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'fake');
    vi.stubEnv(name, value);
    const result = await runCli(argv, {env: {[name]: value}});
    expect([result.code, result.stdout]).toEqual([2, '']);
    expect(result.stderr).toBe(
      `fargate-cost: ${name} "${value.replace('\u001b', '\\x1b')}" is not an http or https URL ` +
        '(e.g. https://ecs.us-east-1.amazonaws.com or http://localhost:4566; unset it to reach AWS itself)\n',
    );
  });
});

describe('proxies: HTTPS_PROXY, HTTP_PROXY and NO_PROXY, as curl and the AWS CLI read them', () => {
  const serve = fakeEcsPerTest();
  let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
  beforeEach(async () => {
    proxy = await startRecordingProxy();
    for (const name of ['HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY', 'ALL_PROXY']) {
      vi.stubEnv(name, undefined);
      vi.stubEnv(name.toLowerCase(), undefined);
    }
  });
  afterEach(() => proxy.close());

  it('tunnels to AWS through HTTPS_PROXY (CONNECT), and says when something in between refuses', async () => {
    const fake = await serve({tasks: []});
    vi.stubEnv('AWS_ENDPOINT_URL_ECS', undefined);
    vi.stubEnv('HTTPS_PROXY', proxy.url);
    const env = {...fake.env, AWS_ENDPOINT_URL_ECS: undefined};
    const result = await runCli(['history', '--cluster', 'prod', '--region', 'eu-west-1', '--timeout', '5s'], {env});
    expect(proxy.seen).toContain('CONNECT ecs.eu-west-1.amazonaws.com:443');
    expect([result.code, result.stdout]).toEqual([3, '']);
    expect(result.stderr).toMatch(
      /^fargate-cost: no answer from AWS for ecs:ListTasks: HTTP 403 from something in between \(check the network, the proxy \(HTTPS_PROXY, NO_PROXY\)/,
    );
  });

  it('sends an http endpoint through HTTP_PROXY', async () => {
    const fake = await serve({tasks: [wireTask(0)]});
    vi.stubEnv('HTTP_PROXY', proxy.url);
    const result = await runCli(['history', '--cluster', 'prod', '--as-of', '2026-11-02T06:00:00Z'], {env: fake.env});
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(proxy.seen).toEqual(fake.requests.map(() => `POST ${fake.url}/`));
    expect(fake.requests.length).toBeGreaterThan(0);
  });

  it('goes straight to a host NO_PROXY names', async () => {
    const fake = await serve({tasks: [wireTask(0)]});
    vi.stubEnv('HTTP_PROXY', proxy.url);
    vi.stubEnv('NO_PROXY', 'localhost,127.0.0.1');
    const result = await runCli(['history', '--cluster', 'prod', '--as-of', '2026-11-02T06:00:00Z'], {env: fake.env});
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(proxy.seen).toEqual([]);
    expect(fake.requests.length).toBeGreaterThan(0);
  });
});

describe('prices refresh carries the user agent to both APIs, and takes the pricing endpoint from the profile', () => {
  it('sends fargate-cost/<version> on every call, signed for the endpoint region the profile gives', async () => {
    const server = await startFakeAwsServer({priceLists: {}, savingsPlans: {}});
    try {
      const env = {
        AWS_ACCESS_KEY_ID: 'AKIDFAKE',
        AWS_SECRET_ACCESS_KEY: 'fake',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_ENDPOINT_URL_PRICING: server.url,
        AWS_ENDPOINT_URL_SAVINGSPLANS: server.url,
      };
      for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
      const files = awsFiles('[default]\nregion = eu-central-1\n');
      await runCli(['prices', 'refresh', '--regions', 'us-east-1', '--dry-run'], {
        env: {...env, ...files},
      });
      const apis = new Set(server.requests.map((request) => request.api));
      expect(apis).toEqual(new Set(['GetProducts', 'DescribeSavingsPlansOfferingRates']));
      for (const request of server.requests)
        expect(request.headers['user-agent'], request.api).toContain(`fargate-cost/${VERSION}`);
      const pricing = server.requests.find((request) => request.api === 'GetProducts')!;
      expect(pricing.headers['authorization']).toMatch(/\/eu-central-1\/pricing\/aws4_request/);
    } finally {
      await server.close();
    }
  });
});
