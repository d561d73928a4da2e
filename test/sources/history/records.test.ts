import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {itemsOf, recordOf, taskRecordOf} from '../../../src/sources/history/records.js';
import {RecordError} from '../../../src/sources/history/timestamps.js';

const sample = (path: string) =>
  JSON.parse(readFileSync(`test/fixtures/aws-samples/${path}`, 'utf8')) as Record<string, any>;
const recordsOf = (path: string) => {
  const found = itemsOf(sample(path));
  return found ? found.items.map((item) => recordOf(item)) : [recordOf(sample(path))];
};

describe('task records from the real samples', () => {
  it('AWS CLI v1 describe-tasks (epoch seconds), a Spot service task with an old-style ARN', () => {
    const [record] = recordsOf('ecs/describe-tasks__cli-v1-epoch__fargate-spot.json');
    expect(record).toEqual({
      taskArn: 'arn:aws:ecs:us-east-1:<AccountID>:task/6ff51dd5-abf2-4f1b-bee0-3fb7b43672ed',
      region: 'us-east-1',
      cluster: 'FargateSpotCluster',
      group: 'service:FargateService',
      taskDefinition: 'sample-fargate:1',
      launchType: 'FARGATE',
      capacityProvider: 'FARGATE_SPOT',
      cpuUnits: 256,
      memoryMiB: 512,
      storageGiB: 20,
      arch: 'x86_64',
      os: 'linux',
      lastStatus: 'RUNNING',
      stopCode: undefined,
      version: 4,
      updatedAtMs: undefined,
      pullStartedAtMs: Date.UTC(2019, 11, 23, 4, 4, 35, 292),
      pullStoppedAtMs: Date.UTC(2019, 11, 23, 4, 5, 10, 292),
      startedAtMs: Date.UTC(2019, 11, 23, 4, 5, 57, 428),
      executionStoppedAtMs: undefined,
      stoppedAtMs: undefined,
    });
  });

  it('AWS CLI v2 describe-tasks with a local offset (-05:00): two Fargate tasks', () => {
    const records = recordsOf('ecs/describe-tasks__cli-v2-iso-local__fargate-running.json');
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      cluster: 'MyCluster',
      group: 'service:tdsevicetag',
      taskDefinition: 'webserver:2',
      capacityProvider: undefined,
      storageGiB: 20,
      arch: 'x86_64',
      os: 'linux',
      pullStartedAtMs: Date.UTC(2021, 11, 20, 17, 13, 42, 665),
      version: 3,
    });
  });

  it('AWS CLI v2 describe-tasks in UTC (+00:00), ap-northeast-1', () => {
    const [record] = recordsOf('ecs/describe-tasks__cli-v2-iso-utc__fargate-running.json');
    expect(record).toMatchObject({
      region: 'ap-northeast-1',
      cluster: 'BatchCluster',
      capacityProvider: 'FARGATE',
      cpuUnits: 2048,
      memoryMiB: 8192,
      pullStartedAtMs: Date.UTC(2024, 11, 24, 5, 2, 51, 787),
    });
  });

  it('an EC2 task keeps its launch type (history leaves it out)', () => {
    const [record] = recordsOf('ecs/describe-tasks__cli-v2-iso-local__ec2-running.json');
    expect(record).toMatchObject({launchType: 'EC2', cpuUnits: 10, memoryMiB: 300});
  });

  it('the AWS documentation event: a RUNNING task in us-west-2', () => {
    expect(recordOf(sample('events/ecs-task-state-change__awsdocs__fargate-running.json'))).toMatchObject({
      region: 'us-west-2',
      cluster: 'FargateCluster',
      group: 'family:sample-fargate',
      lastStatus: 'RUNNING',
      pullStartedAtMs: Date.UTC(2020, 0, 23, 17, 57, 52, 103),
      updatedAtMs: Date.UTC(2020, 0, 23, 17, 57, 58, 103),
      stoppedAtMs: undefined,
    });
  });

  it('a real STOPPED event with every lifecycle timestamp (executionStoppedAt without milliseconds)', () => {
    expect(recordOf(sample('events/ecs-task-state-change__crossfeed__fargate-stopped.json'))).toMatchObject({
      lastStatus: 'STOPPED',
      stopCode: 'EssentialContainerExited',
      pullStartedAtMs: Date.UTC(2020, 7, 14, 18, 6, 9, 694),
      executionStoppedAtMs: Date.UTC(2020, 7, 14, 18, 6, 23),
      stoppedAtMs: Date.UTC(2020, 7, 14, 18, 6, 47, 229),
      version: 5,
    });
  });

  it('task-level overrides and 30 GiB of ephemeral storage (AWS Batch)', () => {
    expect(recordOf(sample('events/ecs-task-state-change__fixture__fargate-stopped-overrides.json'))).toMatchObject({
      cpuUnits: 512,
      memoryMiB: 2048,
      storageGiB: 30,
      group: 'family:prowler',
      cluster: 'AWSBatch-fargate-batch-compute-13af15fe-56c9-3',
      pullStartedAtMs: Date.UTC(2022, 10, 23, 16, 36, 31, 210),
    });
  });

  it('a Windows task from platformFamily', () => {
    expect(recordOf(sample('events/ecs-task-state-change__fixture__fargate-windows-stopped.json'))).toMatchObject({
      os: 'windows',
      cpuUnits: 1024,
      memoryMiB: 3072,
      group: 'service:testtest',
    });
  });
});

describe('task records: rules', () => {
  const base = sample('events/ecs-task-state-change__crossfeed__fargate-stopped.json').detail as Record<
    string,
    unknown
  >;

  it('prefers the overrides to the task definition size', () => {
    expect(
      taskRecordOf({
        ...base,
        cpu: '256',
        memory: '512',
        overrides: {cpu: '1024', memory: '4096', ephemeralStorage: {sizeInGiB: 50}},
      }),
    ).toMatchObject({
      cpuUnits: 1024,
      memoryMiB: 4096,
      storageGiB: 50,
    });
  });

  it('reads arm64 from the ecs.cpu-architecture attribute', () => {
    expect(taskRecordOf({...base, attributes: [{name: 'ecs.cpu-architecture', value: 'arm64'}]}).arch).toBe('arm64');
  });

  it('takes the region from the cluster ARN, then the event envelope, when the task ARN has none', () => {
    const taskArn = 'arn:aws:ecs:region:aws_account_id:task/c/1';
    expect(taskRecordOf({...base, taskArn, clusterArn: 'arn:aws:ecs:eu-west-1:1:cluster/c'}).region).toBe('eu-west-1');
    expect(taskRecordOf({...base, taskArn, clusterArn: 'arn:aws:ecs:region:1:cluster/c'}, 'eu-north-1').region).toBe(
      'eu-north-1',
    );
    expect(taskRecordOf({...base, taskArn, clusterArn: undefined}).region).toBeUndefined();
  });

  it('ignores other EventBridge events in the stream', () => {
    expect(
      recordOf({
        'detail-type': 'ECS Deployment State Change',
        source: 'aws.ecs',
        detail: {eventName: 'SERVICE_DEPLOYMENT_COMPLETED'},
      }),
    ).toBe('ignored');
  });

  it.each([
    ['no taskArn', {...base, taskArn: undefined}, /no taskArn/],
    ['a cpu that is not a number', {...base, cpu: 'lots'}, /cpu "lots"/],
    ['a bad timestamp', {...base, stoppedAt: '14/08/2020'}, /stoppedAt "14\/08\/2020"/],
    ['a bad storage size', {...base, ephemeralStorage: {sizeInGiB: 'big'}}, /sizeInGiB/],
  ])('refuses %s', (_name, task, message) => {
    expect(() => taskRecordOf(task as Record<string, unknown>)).toThrow(message);
  });

  it('quotes what it refuses cut and escaped, and names a list or a mapping (found by fuzzing)', () => {
    // JSON.stringify of a value nested 10,000 deep overflowed the stack, and a long value came whole.
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(() => taskRecordOf({...base, cpu: deep})).toThrow(
      new RecordError('cpu a list is not a number of CPU units'),
    );
    expect(() => taskRecordOf({...base, memory: {a: 1}})).toThrow('memory a mapping is not a number of MiB');
    expect(() => taskRecordOf({...base, cpu: `\u001b[2J${'9'.repeat(100)}x`})).toThrow(
      `cpu "\\x1b[2J${'9'.repeat(55)}…" is not a number of CPU units`,
    );
    expect(() => taskRecordOf({...base, ephemeralStorage: {sizeInGiB: deep}})).toThrow(
      'ephemeralStorage.sizeInGiB a list is not a whole number of GiB',
    );
    expect(() => recordOf('x'.repeat(1000))).toThrow(`found "${'x'.repeat(59)}…"`);
  });

  it('refuses a value that is neither a task nor an event', () => {
    expect(() => recordOf({hello: 'world'})).toThrow(RecordError);
    expect(() => recordOf(42)).toThrow(RecordError);
  });

  it('finds the items of describe-tasks output, arrays and CloudWatch Logs exports', () => {
    expect(itemsOf({tasks: [1, 2]})?.items).toEqual([1, 2]);
    expect(itemsOf([1])?.label(0)).toBe('item 1');
    const logs = itemsOf({
      events: [
        {timestamp: 1, message: '{"taskArn":"x"}'},
        {timestamp: 2, message: 'nope'},
      ],
    });
    expect(logs?.items[0]).toEqual({taskArn: 'x'});
    expect(logs?.items[1]).toBeInstanceOf(RecordError);
    expect(itemsOf({services: []})).toBeUndefined();
  });
});
