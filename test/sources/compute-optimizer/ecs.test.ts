import {readFileSync} from 'node:fs';
import fc from 'fast-check';
import {parseJsonText} from '../../../src/sources/files.js';
import {describe, expect, it, vi} from 'vitest';
import {isUserError, type UserError} from '../../../src/errors.js';
import type {EcsServiceRecommendation} from '../../../src/model/compute-optimizer.js';
import {
  parseEcsServiceRecommendations,
  readEcsServiceRecommendationsFile,
  serviceOfArn,
} from '../../../src/sources/compute-optimizer/ecs-parse.js';
import {readEcsServiceRecommendations} from '../../../src/sources/compute-optimizer/ecs-live.js';
import {mutate, mutation} from '../../helpers/mutate.js';
import {denied, type FakeFailure, fakeServicePerTest, fastRetries, pageOf, THROTTLED} from '../aws/fake-service.js';

const SHAPE = 'test/fixtures/aws-samples/compute-optimizer/get-ecs-service-recommendations__shape.json';
const SAMPLE = JSON.parse(readFileSync(SHAPE, 'utf8')) as {ecsServiceRecommendations: any[]};
const APP = SAMPLE.ecsServiceRecommendations[0];

const plain = (r: EcsServiceRecommendation) => ({
  ...r,
  options: r.options.map((o) => ({
    ...o,
    savingsOpportunity: {
      ...o.savingsOpportunity,
      monthlySavings: o.savingsOpportunity.monthlySavings?.toString() ?? null,
      percentage: o.savingsOpportunity.percentage?.toString() ?? null,
    },
  })),
});

const EXPECTED_APP = {
  serviceArn: 'arn:aws:ecs:us-east-1:123456789012:service/prod/app',
  name: 'app',
  cluster: 'prod',
  finding: 'Overprovisioned',
  findingReasonCodes: ['CPUOverprovisioned', 'MemoryOverprovisioned'],
  current: {cpu: 1024, memory: 2048},
  options: [{cpu: 512, memory: 1024, savingsOpportunity: {monthlySavings: '18.02', currency: 'USD', percentage: '50'}}],
  lookbackDays: 14,
};

async function caught(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isUserError(error)) throw new Error(`expected a user error, got ${String(error)}`);
  return error;
}

describe('parseEcsServiceRecommendations', () => {
  it('reads the documented shape: the service size, the options best first, the savings exactly', async () => {
    expect((await readEcsServiceRecommendationsFile(SHAPE)).map(plain)).toEqual([EXPECTED_APP]);
  });

  it('names services from long and old ARNs', () => {
    expect(serviceOfArn('arn:aws:ecs:eu-west-1:1:service/prod/web')).toEqual({name: 'web', cluster: 'prod'});
    expect(serviceOfArn('arn:aws:ecs:eu-west-1:1:service/web')).toEqual({name: 'web', cluster: null});
    expect(serviceOfArn('web')).toEqual({name: 'web', cluster: null});
  });

  it('keeps an option without savings, and a service without options', () => {
    const json = {
      ecsServiceRecommendations: [
        {...APP, finding: 'Optimized', findingReasonCodes: [], serviceRecommendationOptions: []},
        {...APP, serviceRecommendationOptions: [{cpu: 256, memory: 512}, ...APP.serviceRecommendationOptions]},
      ],
    };
    const [optimized, two] = parseEcsServiceRecommendations(json, 'r.json');
    expect(optimized!.options).toEqual([]);
    expect(two!.options.map((o) => [o.cpu, o.memory, o.savingsOpportunity.monthlySavings?.toString() ?? null])).toEqual(
      [
        [256, 512, null],
        [512, 1024, '18.02'],
      ],
    );
  });

  it('refuses a wrong shape in one line, exit 1', () => {
    const broken = structuredClone(SAMPLE);
    broken.ecsServiceRecommendations[0].currentServiceConfiguration.cpu = '1 vCPU';
    expect(() => parseEcsServiceRecommendations(broken, 'r.json')).toThrowProblem(
      'r.json is not get-ecs-service-recommendations output: ecsServiceRecommendations.0.currentServiceConfiguration.cpu: Invalid input: expected number, received string (save it with "aws compute-optimizer get-ecs-service-recommendations --output json")',
    );
    const money = structuredClone(SAMPLE);
    money.ecsServiceRecommendations[0].serviceRecommendationOptions[0].savingsOpportunity.estimatedMonthlySavings.value =
      'NaN';
    expect(() => parseEcsServiceRecommendations(money, 'r.json')).toThrowProblem('"NaN" is not a decimal number');
  });

  it('never fails but with a one-line user error, however the file is mutated', () => {
    // The file's text as readEcsServiceRecommendationsFile parses it (readJson = readText + parseJsonText),
    // in memory, so the test's time does not depend on the machine's disk and load.
    const base = readFileSync(SHAPE);
    fc.assert(
      fc.property(fc.array(mutation, {minLength: 1, maxLength: 4}), (mutations) => {
        const text = mutate(base, mutations).toString('utf8');
        try {
          for (const r of parseEcsServiceRecommendations(parseJsonText(text, 'r.json'), 'r.json', 'file')) {
            expect(Number.isInteger(r.current.cpu) && r.current.cpu >= 0).toBe(true);
          }
        } catch (error) {
          if (!isUserError(error)) throw error;
          expect(error.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
        }
      }),
      {numRuns: 200},
    );
  });
});

describe('readEcsServiceRecommendations (live)', () => {
  const serve = fakeServicePerTest();
  const services = ['app', 'api', 'worker'].map((name, i) => ({
    ...APP,
    serviceArn: `arn:aws:ecs:eu-west-1:123456789012:service/prod/${name}`,
    currentServiceConfiguration: {...APP.currentServiceConfiguration, cpu: 1024 * (i + 1)},
  }));
  const start = (fail?: (request: any, attempt: number) => FakeFailure | undefined) =>
    serve({
      protocol: 'json',
      endpointVariable: 'COMPUTE_OPTIMIZER',
      fail,
      answer: (api, body) => {
        if (api !== 'GetECSServiceRecommendations') return undefined;
        const wanted: string[] | undefined = body.serviceArns;
        const page = pageOf(
          services.filter((s) => wanted === undefined || wanted.includes(s.serviceArn)),
          2,
          body.nextToken,
        );
        return {ecsServiceRecommendations: page.items, errors: [], ...(page.next ? {nextToken: page.next} : {})};
      },
    });

  it('reads every page of the region, the epoch timestamps and floats through the SDK', async () => {
    const fake = await start();
    const all = await readEcsServiceRecommendations(fastRetries());
    expect(fake.calls('GetECSServiceRecommendations').map((call) => call.body)).toEqual([
      {},
      {nextToken: Buffer.from('offset=2').toString('base64')},
    ]);
    expect(all.map((r) => [r.name, r.current.cpu])).toEqual([
      ['app', 1024],
      ['api', 2048],
      ['worker', 3072],
    ]);
    expect(plain(all[0]!)).toEqual({...EXPECTED_APP, serviceArn: services[0]!.serviceArn});
  });

  it('asks for the services named, in the region of their ARNs', async () => {
    const fake = await start();
    const arn = services[2]!.serviceArn;
    const one = await readEcsServiceRecommendations({...fastRetries(), region: undefined}, {serviceArns: [arn]});
    expect(one.map((r) => r.name)).toEqual(['worker']);
    expect(fake.calls('GetECSServiceRecommendations')[0]!.body).toEqual({serviceArns: [arn]});
    expect(String(fake.requests[0]!.headers['authorization'])).toContain('/eu-west-1/compute-optimizer/');
  });

  it('retries a throttled page', async () => {
    const fake = await start((request, attempt) => (request.body.nextToken && attempt === 1 ? THROTTLED : undefined));
    expect(await readEcsServiceRecommendations(fastRetries())).toHaveLength(3);
    expect(fake.requests).toHaveLength(3);
  });

  it('says which IAM action is denied, exit 3', async () => {
    await start(() => denied('compute-optimizer:GetECSServiceRecommendations'));
    const error = await caught(readEcsServiceRecommendations(fastRetries()));
    expect(error.message).toMatch(/^AWS denied compute-optimizer:GetECSServiceRecommendations: /);
    expect(error.hint).toContain('grant the IAM action compute-optimizer:GetECSServiceRecommendations');
    expect(error.exitCode).toBe(3);
  });

  it('says how to opt in when the account has not', async () => {
    await start(() => ({
      status: 400,
      type: 'OptInRequiredException',
      message: 'The account is not opted in to Compute Optimizer.',
    }));
    const error = await caught(readEcsServiceRecommendations(fastRetries()));
    expect(error.message).toBe('Compute Optimizer is not enabled for this account (us-east-1)');
    expect(error.hint).toContain('aws compute-optimizer update-enrollment-status --status Active');
    expect(error.exitCode).toBe(3);
  });

  it('refuses a bad endpoint URL before any call', async () => {
    const fake = await start();
    vi.stubEnv('AWS_ENDPOINT_URL_COMPUTE_OPTIMIZER', 'localhost:4566');
    const error = await caught(readEcsServiceRecommendations(fastRetries()));
    expect(error.message).toBe('AWS_ENDPOINT_URL_COMPUTE_OPTIMIZER "localhost:4566" is not an http or https URL');
    expect(fake.requests).toHaveLength(0);
  });
});
