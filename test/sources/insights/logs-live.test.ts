import {readFileSync} from 'node:fs';
import {describe, expect, it, vi} from 'vitest';
import {isUserError, type UserError} from '../../../src/errors.js';
import {clusterName, readPerformanceMessages} from '../../../src/sources/insights/logs-live.js';
import {denied, type FakeFailure, fakeServicePerTest, fastRetries, pageOf, THROTTLED} from '../aws/fake-service.js';

/** The documented performance log event (Type Task), as the message text CloudWatch Logs stores. */
const EVENT = JSON.parse(
  readFileSync('test/fixtures/aws-samples/insights/performance-event__type-task__docs-example.json', 'utf8'),
) as Record<string, unknown>;
const message = (i: number) => JSON.stringify({...EVENT, TaskId: `task${i}`, Timestamp: 1623963900000 + i * 60_000});

async function caught(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isUserError(error)) throw new Error(`expected a user error, got ${String(error)}`);
  return error;
}

describe('readPerformanceMessages', () => {
  const serve = fakeServicePerTest();
  const START = 1623963600000;
  const END = 1623967200000;
  const start = (count: number, fail?: (request: any, attempt: number) => FakeFailure | undefined) =>
    serve({
      protocol: 'json',
      endpointVariable: 'CLOUDWATCH_LOGS',
      fail,
      answer: (api, body) => {
        if (api !== 'FilterLogEvents') return undefined;
        const events = Array.from({length: count}, (_, i) => ({
          logStreamName: `FargateTelemetry-${i}`,
          timestamp: 1623963900000 + i * 60_000,
          message: message(i),
          ingestionTime: 1623963901000 + i * 60_000,
          eventId: String(i).padStart(56, '0'),
        }));
        const page = pageOf(events, 2, body.nextToken);
        return {events: page.items, searchedLogStreams: [], ...(page.next ? {nextToken: page.next} : {})};
      },
    });

  it("filters the cluster's performance log group to Task events, over every page", async () => {
    const fake = await start(5);
    const pages: number[] = [];
    const messages = await readPerformanceMessages(fastRetries(), {
      cluster: 'MyCluster',
      startMs: START,
      endMs: END,
      onPage: (page) => pages.push(page.length),
    });
    const calls = fake.calls('FilterLogEvents');
    expect(calls.map((call) => call.body.nextToken ?? null)).toEqual([
      null,
      Buffer.from('offset=2').toString('base64'),
      Buffer.from('offset=4').toString('base64'),
    ]);
    expect(calls[0]!.body).toEqual({
      logGroupName: '/aws/ecs/containerinsights/MyCluster/performance',
      filterPattern: '{ $.Type = "Task" }',
      startTime: START,
      endTime: END - 1,
      limit: 10000,
    });
    expect(pages).toEqual([2, 2, 1]);
    expect(messages).toHaveLength(5);
    expect(JSON.parse(messages[4]!)).toMatchObject({Type: 'Task', TaskId: 'task4', CpuReserved: 10.0});
  });

  it('takes a cluster ARN: its name for the log group, its region for the call', async () => {
    const fake = await start(1);
    await readPerformanceMessages(
      {...fastRetries(), region: undefined},
      {cluster: 'arn:aws:ecs:eu-west-1:123456789012:cluster/prod', startMs: START, endMs: END},
    );
    expect(fake.calls('FilterLogEvents')[0]!.body.logGroupName).toBe('/aws/ecs/containerinsights/prod/performance');
    expect(String(fake.requests[0]!.headers['authorization'])).toContain('/eu-west-1/logs/');
    expect(clusterName('prod')).toBe('prod');
  });

  it('retries a throttled page', async () => {
    const fake = await start(3, (request, attempt) =>
      request.body.nextToken && attempt === 1 ? THROTTLED : undefined,
    );
    expect(await readPerformanceMessages(fastRetries(), {cluster: 'c', startMs: START, endMs: END})).toHaveLength(3);
    expect(fake.requests).toHaveLength(3);
  });

  it('says Container Insights is off when the log group does not exist, and how to turn it on', async () => {
    await start(0, () => ({
      status: 400,
      type: 'ResourceNotFoundException',
      message: 'The specified log group does not exist.',
    }));
    const error = await caught(readPerformanceMessages(fastRetries(), {cluster: 'web', startMs: START, endMs: END}));
    expect(error.message).toBe(
      'Container Insights is not enabled for the cluster web in us-east-1 (no log group /aws/ecs/containerinsights/web/performance)',
    );
    expect(error.hint).toContain(
      'aws ecs update-cluster-settings --cluster web --settings name=containerInsights,value=enabled --region us-east-1',
    );
    expect(error.exitCode).toBe(3);
  });

  it('says which IAM action is denied', async () => {
    await start(1, () => denied('logs:FilterLogEvents'));
    const error = await caught(readPerformanceMessages(fastRetries(), {cluster: 'web', startMs: START, endMs: END}));
    expect(error.message).toMatch(/^AWS denied logs:FilterLogEvents: /);
    expect(error.hint).toContain('grant the IAM action logs:FilterLogEvents');
  });

  it('refuses a bad endpoint URL before any call', async () => {
    const fake = await start(1);
    vi.stubEnv('AWS_ENDPOINT_URL_CLOUDWATCH_LOGS', 'file:///tmp/x');
    const error = await caught(readPerformanceMessages(fastRetries(), {cluster: 'web', startMs: START, endMs: END}));
    expect(error.message).toBe('AWS_ENDPOINT_URL_CLOUDWATCH_LOGS "file:///tmp/x" is not an http or https URL');
    expect(fake.requests).toHaveLength(0);
  });
});
