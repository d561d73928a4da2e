import {DescribeTasksCommand, ECSClient, ListTasksCommand} from '@aws-sdk/client-ecs';
import {historyJson} from '../../../src/report/history.js';
import {ConfiguredRetryStrategy} from '@smithy/core/retry';
import {mockClient} from 'aws-sdk-client-mock';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {UserError} from '../../../src/errors.js';
import type {TaskRecord} from '../../../src/model/task-record.js';
import {type LiveProgress, readLiveHistory} from '../../../src/sources/ecs/history-live.js';
import {loadHistory} from '../../../src/cli/read-history.js';
import {embeddedCatalog} from '../../helpers/catalog.js';
import {createFakeEcs, type FakeEcsOptions, fargateService, stoppedWireTask, wireTask} from './fake-ecs.js';

const credentials = {accessKeyId: 'AKIDFAKE', secretAccessKey: 'fake'};

function through(fake: ReturnType<typeof createFakeEcs>) {
  return {
    region: 'us-east-1',
    clientConfig: {
      credentials,
      requestHandler: fake.requestHandler,
      retryStrategy: new ConfiguredRetryStrategy(3, () => 0),
    },
  };
}

async function live(options: FakeEcsOptions, services?: string[]) {
  const fake = createFakeEcs(options);
  const records: TaskRecord[] = [];
  const outcome = await readLiveHistory({cluster: 'prod', services, aws: through(fake)}, (record) =>
    records.push(record),
  );
  return {fake, records, outcome};
}

async function failure(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

const many = (count: number, from = 0, make = wireTask) => Array.from({length: count}, (_, i) => make(from + i));

describe('reading a cluster live', () => {
  it('lists running and stopped tasks over every page and describes them 100 at a time', async () => {
    const tasks = [...many(250), ...many(30, 1000, stoppedWireTask)];
    const {fake, records, outcome} = await live({tasks, pageSize: 40, services: [fargateService('web')]});
    const lists = fake.calls('ListTasks');
    expect(lists.map((call) => [call.body.desiredStatus, call.body.nextToken === undefined])).toEqual([
      ...Array.from({length: 7}, (_, i) => ['RUNNING', i === 0]),
      ['STOPPED', true],
    ]);
    expect(lists[0]!.body).toMatchObject({cluster: 'prod', desiredStatus: 'RUNNING', maxResults: 100});
    expect(fake.calls('DescribeTasks').map((call) => call.body.tasks.length)).toEqual([100, 100, 80]);
    expect(records).toHaveLength(280);
    expect(outcome).toMatchObject({records: 280, missing: 0, region: 'us-east-1'});
    // The SDK turned wire epoch seconds into Dates; the record holds exact milliseconds.
    expect(records[0]!.pullStartedAtMs).toBe(Date.UTC(2026, 10, 2, 0, 0, 0, 250));
    expect(records.filter((record) => record.stoppedAtMs !== undefined)).toHaveLength(30);
  });

  it('asks ListTasks for each --service, and DescribeServices for the services the tasks run in, 10 at a time', async () => {
    const names = Array.from({length: 12}, (_, i) => `svc-${String(i).padStart(2, '0')}`);
    const tasks = names.map((name, i) => wireTask(i, {group: `service:${name}`}));
    const services = names.map((name, i) =>
      fargateService(
        name,
        i === 0
          ? {
              launchType: undefined,
              capacityProviderStrategy: [{capacityProvider: 'FARGATE_SPOT', weight: 1, base: 0}],
              desiredCount: 4,
            }
          : {},
      ),
    );
    const all = await live({tasks, services: [...services, fargateService('ec2-svc', {launchType: 'EC2'})]});
    expect(all.fake.calls('DescribeServices').map((call) => call.body.services.length)).toEqual([10, 2]);
    expect(all.outcome.services).toHaveLength(12);
    expect(all.outcome.services[0]).toMatchObject({
      name: 'svc-00',
      desiredCount: 4,
      region: 'us-east-1',
      strategy: [{provider: 'FARGATE_SPOT', base: 0, weight: 1}],
    });

    const two = await live({tasks, services}, ['svc-03', 'svc-07']);
    expect(two.fake.calls('ListTasks').map((call) => [call.body.serviceName, call.body.desiredStatus])).toEqual([
      ['svc-03', 'RUNNING'],
      ['svc-07', 'RUNNING'],
      ['svc-03', 'STOPPED'],
      ['svc-07', 'STOPPED'],
    ]);
    expect(two.records.map((record) => record.group)).toEqual(['service:svc-03', 'service:svc-07']);
    expect(two.outcome.services.map((service) => service.name)).toEqual(['svc-03', 'svc-07']);
  });

  it('leaves EC2 services out of the service facts', async () => {
    const {outcome} = await live({
      tasks: [wireTask(0, {group: 'service:ec2-svc', launchType: 'EC2'})],
      services: [fargateService('ec2-svc', {launchType: 'EC2'})],
    });
    expect(outcome.services).toEqual([]);
  });

  it('counts tasks that were gone by the time they were described', async () => {
    const tasks = many(3);
    const {records, outcome} = await live({tasks, gone: [tasks[1]!['taskArn'] as string]});
    expect(records).toHaveLength(2);
    expect(outcome.missing).toBe(1);
  });

  it('retries a throttled call (the SDK retry strategy runs)', async () => {
    const {fake, records} = await live({
      tasks: many(5),
      fail: (request, attempt) =>
        request.api === 'DescribeTasks' && attempt === 1
          ? {status: 400, type: 'ThrottlingException', message: 'Rate exceeded'}
          : undefined,
    });
    expect(fake.calls('DescribeTasks')).toHaveLength(2);
    expect(records).toHaveLength(5);
  });

  it('tells how far it is after each page and call, and counts the calls and their retries', async () => {
    const fake = createFakeEcs({
      tasks: many(150),
      pageSize: 100,
      fail: (request, attempt) =>
        request.api === 'ListTasks' && attempt < 3
          ? {status: 400, type: 'ThrottlingException', message: 'Rate exceeded'}
          : undefined,
    });
    const seen: string[] = [];
    const aws = {...through(fake), onCall: (kind: 'call' | 'retry') => seen.push(kind)};
    const progress: LiveProgress[] = [];
    await readLiveHistory({cluster: 'prod', aws, onProgress: (live) => progress.push(live)}, () => undefined);
    expect(progress).toEqual([
      {listed: 100, records: 0},
      {listed: 150, records: 0},
      {listed: 150, records: 0},
      {listed: 150, records: 100},
      {listed: 150, records: 150},
    ]);
    // ListTasks: two pages of running tasks and one of stopped ones, each asked three times.
    expect(seen.filter((kind) => kind === 'call')).toHaveLength(3 + 2 + 1);
    expect(seen.filter((kind) => kind === 'retry')).toHaveLength(3 * 2);
    expect(fake.requests).toHaveLength(seen.length);
  });

  it('gives up on throttling after the retries, with a message naming the action', async () => {
    const error = await failure(
      live({
        tasks: many(5),
        fail: (request) =>
          request.api === 'ListTasks'
            ? {status: 400, type: 'ThrottlingException', message: 'Rate exceeded'}
            : undefined,
      }),
    );
    expect(error.message).toBe('AWS throttled ecs:ListTasks after 3 attempts: Rate exceeded');
    expect(error.exitCode).toBe(3);
  });

  it.each(['ListTasks', 'DescribeTasks', 'DescribeServices'] as const)(
    'turns AccessDenied on %s into a message naming the IAM action',
    async (api) => {
      const error = await failure(
        live({
          tasks: many(2),
          services: [fargateService('web')],
          fail: (request) =>
            request.api === api
              ? {
                  status: 400,
                  type: 'AccessDeniedException',
                  message: `User: arn:aws:iam::123456789012:user/ci is not authorized to perform: ecs:${api} on resource: *`,
                }
              : undefined,
        }),
      );
      expect(error.message).toBe(
        `AWS denied ecs:${api}: User: arn:aws:iam::123456789012:user/ci is not authorized to perform: ecs:${api} on resource: *`,
      );
      expect(error.hint).toContain(`grant the IAM action ecs:${api}`);
      expect(error.exitCode).toBe(3);
    },
  );

  it('reports a cluster that does not exist as ECS says it', async () => {
    const error = await failure(
      live({tasks: [], fail: () => ({status: 400, type: 'ClusterNotFoundException', message: 'Cluster not found.'})}),
    );
    expect(error.message).toBe('AWS refused ecs:ListTasks: Cluster not found.');
  });
});

describe('reading a cluster live, with aws-sdk-client-mock', () => {
  // mockClient patches ECSClient.prototype.send: only for the tests of this block.
  let ecs: ReturnType<typeof mockClient>;
  beforeEach(() => {
    ecs = mockClient(ECSClient);
  });
  afterEach(() => ecs.restore());

  it('bills what DescribeTasks returns (SDK objects with Dates)', async () => {
    const arn = 'arn:aws:ecs:eu-west-1:123456789012:task/prod/0123456789abcdef0123456789abcdef';
    ecs.on(ListTasksCommand, {desiredStatus: 'RUNNING'}).resolves({taskArns: []});
    ecs.on(ListTasksCommand, {desiredStatus: 'STOPPED'}).resolves({taskArns: [arn]});
    ecs.on(DescribeTasksCommand).resolves({
      tasks: [
        {
          taskArn: arn,
          group: 'family:report',
          launchType: 'FARGATE',
          cpu: '1024',
          memory: '2048',
          lastStatus: 'STOPPED',
          pullStartedAt: new Date('2026-11-02T02:00:00Z'),
          stoppedAt: new Date('2026-11-02T03:00:00Z'),
        },
      ],
    });
    const result = await loadHistory(
      {paths: [], cluster: 'prod'},
      {
        catalog: embeddedCatalog(),
        now: new Date('2026-11-02T03:30:00Z'),
        asOfMs: Date.parse('2026-11-02T03:30:00Z'),
        region: 'eu-west-1',
        aws: {region: 'eu-west-1', clientConfig: {credentials}},
      },
      {stdin: process.stdin},
    );
    expect(result.tasks.billed).toBe(1);
    expect(result.groups[0]).toMatchObject({key: 'family:report', kind: 'batch'});
    expect(result.sources).toEqual([
      {path: 'ecs:prod (eu-west-1)', format: 'live', records: 1, invalid: 0, ignored: 0},
    ]);
    expect(historyJson(result).assumptions.notes.join('\n')).toContain(
      'ECS keeps stopped tasks for only about an hour',
    );
  });

  it('names ecs:DescribeTasks when it is denied', async () => {
    ecs.on(ListTasksCommand).resolves({taskArns: ['arn:aws:ecs:eu-west-1:1:task/prod/a']});
    ecs.on(DescribeTasksCommand).rejects(
      Object.assign(new Error('User is not authorized to perform: ecs:DescribeTasks'), {
        name: 'AccessDeniedException',
        $metadata: {httpStatusCode: 400},
      }),
    );
    const error = await failure(
      readLiveHistory({cluster: 'prod', aws: {region: 'eu-west-1', clientConfig: {credentials}}}, () => undefined),
    );
    expect(error.message).toBe('AWS denied ecs:DescribeTasks: User is not authorized to perform: ecs:DescribeTasks');
  });
});

describe('loadHistory from a live cluster', () => {
  it('prices the live read and the steady state of its services', async () => {
    const tasks = [
      wireTask(0),
      wireTask(1),
      stoppedWireTask(2),
      wireTask(3, {group: 'service:worker', capacityProviderName: 'FARGATE_SPOT'}),
    ];
    const services = [
      fargateService('web', {desiredCount: 2}),
      fargateService('worker', {
        launchType: undefined,
        capacityProviderStrategy: [{capacityProvider: 'FARGATE_SPOT', weight: 1}],
        desiredCount: 3,
      }),
    ];
    const fake = createFakeEcs({tasks, services});
    const asOfMs = Date.UTC(2026, 10, 2, 1, 0, 0);
    const result = await loadHistory(
      {paths: [], cluster: 'prod'},
      {
        catalog: embeddedCatalog(),
        now: new Date(asOfMs),
        asOfMs,
        aws: {region: 'us-east-1', clientConfig: through(fake).clientConfig},
      },
      {stdin: process.stdin},
    );
    expect(result.tasks).toMatchObject({billed: 4, running: 3});
    const steady = result.projection!.steadyState!;
    // web: 2 x 0.0123425 x 730; worker: 3 x 0.0039298125 x 730 on Spot.
    expect(steady.services.map((s) => [s.name, s.monthlyCost?.toString()])).toEqual([
      ['web', '18.02005'],
      ['worker', '8.606289375'],
    ]);
    expect(result.components.find((c) => c.key === 'service:worker')?.service?.strategy).toEqual([
      {provider: 'FARGATE_SPOT', base: 0, weight: 1},
    ]);
  });
});
