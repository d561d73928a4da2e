import {readFileSync} from 'node:fs';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {runCli} from '../helpers/cli.js';
import {schemaErrors} from '../helpers/schema.js';
import {pageOf, startFakeService} from '../sources/aws/fake-service.js';

/**
 * rightsize --compute-optimizer: Compute Optimizer's ECS service recommendations, from a saved file
 * or live (GetECSServiceRecommendations through a loopback fake, paged by nextToken), set beside the
 * tool's service by service. The fixture's events (test/fixtures/insights/README.md): api keeps
 * 1 vCPU / 2 GB, web shrinks 2 vCPU / 8 GB to 0.5 vCPU / 3 GB, nightly is a task family.
 */

const EVENTS = 'test/fixtures/insights/events.ndjson.gz';
const CO_FILE = 'test/fixtures/insights/compute-optimizer.json';
const CO = JSON.parse(readFileSync(CO_FILE, 'utf8')) as {ecsServiceRecommendations: Record<string, unknown>[]};
const now = new Date('2026-12-01T12:00:00Z');

const servers: {close: () => Promise<void>}[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  vi.unstubAllEnvs();
});

function checkMatches(json: any) {
  const by = Object.fromEntries(json.recommendations.map((r: any) => [r.name, r.computeOptimizer]));
  // web: its best option (the first, not the second) beside ours; CO's 1 vCPU / 4 GB is larger than our 0.5 vCPU / 3 GB.
  expect(by.web).toEqual({
    serviceArn: 'arn:aws:ecs:us-east-1:123456789012:service/prod/web',
    finding: 'Overprovisioned',
    findingReasonCodes: ['CPUOverprovisioned', 'MemoryOverprovisioned'],
    current: {cpu: 2048, memory: 8192},
    best: {recommended: {cpu: 1024, memory: 4096}, monthlySavings: '85.06', currency: 'USD'},
    lookbackDays: 14,
    agreement: 'larger',
  });
  expect(by.api).toMatchObject({finding: 'Optimized', agreement: 'same-size', best: {monthlySavings: '0'}});
  // A task family: Compute Optimizer recommends per service.
  expect(by.nightly).toBeNull();
  expect(json.computeOptimizer.unmatched).toEqual([
    {
      serviceArn: 'arn:aws:ecs:us-east-1:123456789012:service/prod/worker',
      name: 'worker',
      cluster: 'prod',
      finding: 'Underprovisioned',
    },
  ]);
  expect(json.computeOptimizer.differences.length).toBeGreaterThan(3);
  expect(schemaErrors(json)).toEqual([]);
}

describe('rightsize --compute-optimizer FILE', () => {
  it('matches by service name and cluster, and lists what it could not match', async () => {
    const {code, stdout, stderr} = await runCli(
      ['rightsize', EVENTS, '--compute-optimizer', CO_FILE, '--format', 'json'],
      {now},
    );
    expect({code, stderr}).toEqual({code: 0, stderr: ''});
    const json = JSON.parse(stdout);
    expect(json.computeOptimizer.source).toBe('file');
    checkMatches(json);
  });

  it('leaves the field out without the flag', async () => {
    const {stdout} = await runCli(['rightsize', EVENTS, '--format', 'json'], {now});
    const json = JSON.parse(stdout);
    expect(json.computeOptimizer).toBeUndefined();
    expect(json.recommendations.every((r: any) => !('computeOptimizer' in r))).toBe(true);
  });

  it('does not match a service of another cluster or region', async () => {
    const moved = {
      ecsServiceRecommendations: [
        {...CO.ecsServiceRecommendations[0], serviceArn: 'arn:aws:ecs:eu-west-1:123456789012:service/prod/web'},
        {...CO.ecsServiceRecommendations[1], serviceArn: 'arn:aws:ecs:us-east-1:123456789012:service/staging/api'},
      ],
    };
    const {mkdtempSync, writeFileSync} = await import('node:fs');
    const {join} = await import('node:path');
    const {tmpdir} = await import('node:os');
    const path = join(mkdtempSync(join(tmpdir(), 'fargate-cost-co-')), 'co.json');
    writeFileSync(path, JSON.stringify(moved));
    const {code, stdout} = await runCli(['rightsize', EVENTS, '--compute-optimizer', path, '--format', 'json'], {now});
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.recommendations.map((r: any) => r.computeOptimizer)).toEqual([null, null, null]);
    expect(json.computeOptimizer.unmatched.map((u: any) => `${u.cluster}/${u.name}`)).toEqual([
      'prod/web',
      'staging/api',
    ]);
  });

  it('refuses a file that is not get-ecs-service-recommendations output (exit 1)', async () => {
    const {code, stderr} = await runCli(['rightsize', EVENTS, '--compute-optimizer', EVENTS], {now});
    expect(code).toBe(1);
    expect(stderr.split('\n')).toHaveLength(2);
  });

  it('shows the table section with the reasons they can differ', async () => {
    const {code, stdout} = await runCli(['rightsize', EVENTS, '--compute-optimizer', CO_FILE], {now});
    expect(code).toBe(0);
    expect(stdout).toContain("Compute Optimizer's recommendation beside this one");
    expect(stdout).toMatch(
      /web +prod +0\.5 vCPU \/ 3 GB +Overprovisioned +1 vCPU \/ 4 GB +larger than ours +\$85\.06 +\$121\.10/,
    );
    expect(stdout).toContain('- Compute Optimizer services with no samples here: worker (prod): Underprovisioned');
    expect(stdout).toContain('Why they can differ');
  });
});

describe('rightsize --compute-optimizer live', () => {
  async function fake(fail?: {type: string; message: string}) {
    const server = await startFakeService({
      protocol: 'json',
      endpointVariable: 'COMPUTE_OPTIMIZER',
      ...(fail ? {fail: () => ({status: 400, ...fail})} : {}),
      answer: (api, body) => {
        if (api !== 'GetECSServiceRecommendations') return undefined;
        const page = pageOf(CO.ecsServiceRecommendations, 2, body.nextToken);
        return {ecsServiceRecommendations: page.items, errors: [], ...(page.next ? {nextToken: page.next} : {})};
      },
    });
    servers.push(server);
    const env: Record<string, string | undefined> = {
      AWS_ACCESS_KEY_ID: 'AKIDFAKE',
      AWS_SECRET_ACCESS_KEY: 'fake',
      AWS_CONFIG_FILE: '/nonexistent/config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_REGION: 'us-east-1',
      AWS_PROFILE: undefined,
      AWS_SESSION_TOKEN: undefined,
      AWS_ENDPOINT_URL: undefined,
      AWS_ENDPOINT_URL_COMPUTE_OPTIMIZER: server.url,
    };
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    return server;
  }

  it('reads every page and matches as the file does', async () => {
    const server = await fake();
    const {code, stdout, stderr} = await runCli(
      ['rightsize', EVENTS, '--compute-optimizer', 'live', '--format', 'json'],
      {now, env: process.env},
    );
    expect({code, stderr}).toEqual({code: 0, stderr: ''});
    const calls = server.calls('GetECSServiceRecommendations');
    expect(calls.map((call) => call.body.nextToken ?? null)).toEqual([
      null,
      Buffer.from('offset=2').toString('base64'),
    ]);
    const json = JSON.parse(stdout);
    expect(json.computeOptimizer.source).toBe('live');
    checkMatches(json);
  });

  it('says how to opt in when the account has not (exit 3)', async () => {
    await fake({type: 'OptInRequiredException', message: 'The account is not opted in.'});
    const {code, stdout, stderr} = await runCli(['rightsize', EVENTS, '--compute-optimizer', 'live'], {
      now,
      env: process.env,
    });
    expect({code, stdout}).toEqual({code: 3, stdout: ''});
    expect(stderr).toContain('fargate-cost: Compute Optimizer is not enabled for this account (us-east-1)');
  });
});
