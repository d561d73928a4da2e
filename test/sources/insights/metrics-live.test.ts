import {describe, expect, it, vi} from 'vitest';
import {isUserError, type UserError} from '../../../src/errors.js';
import {containerInsightsQuery, readMetricData} from '../../../src/sources/insights/metrics-live.js';
import {denied, type FakeFailure, fakeServicePerTest, fastRetries, THROTTLED} from '../aws/fake-service.js';

/**
 * A fake CloudWatch (awsJson1.0: `X-Amz-Target: GraniteServiceVersion20100801.GetMetricData`, times
 * as epoch seconds on the wire) serving each query's points over two pages, as GetMetricData pages:
 * every query's results in each page, NextToken until the last. Response shape from the API
 * reference: MetricDataResults [{Id, Label, Timestamps, Values, StatusCode}], NextToken, Messages.
 */

const START = Date.UTC(2026, 10, 2, 0, 0);
const END = Date.UTC(2026, 10, 2, 0, 4);

async function caught(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isUserError(error)) throw new Error(`expected a user error, got ${String(error)}`);
  return error;
}

describe('containerInsightsQuery', () => {
  it('asks for CPU and memory, used and reserved, average and maximum, per service', () => {
    const query = containerInsightsQuery({
      cluster: 'arn:aws:ecs:us-east-1:123456789012:cluster/prod',
      services: ['web', 'api'],
      startMs: START,
      endMs: END,
      periodSeconds: 60,
    });
    expect(query.StartTime).toBe('2026-11-02T00:00:00.000Z');
    expect(query.EndTime).toBe('2026-11-02T00:04:00.000Z');
    expect(query.MetricDataQueries).toHaveLength(2 * 4 * 2);
    expect(query.MetricDataQueries[0]).toEqual({
      Id: 'q0_cpuutilized_average',
      Label: 'web CpuUtilized Average',
      MetricStat: {
        Metric: {
          Namespace: 'ECS/ContainerInsights',
          MetricName: 'CpuUtilized',
          Dimensions: [
            {Name: 'ClusterName', Value: 'prod'},
            {Name: 'ServiceName', Value: 'web'},
          ],
        },
        Period: 60,
        Stat: 'Average',
      },
      ReturnData: true,
    });
    expect(query.MetricDataQueries.map((q) => q.Id).slice(8, 12)).toEqual([
      'q1_cpuutilized_average',
      'q1_cpuutilized_maximum',
      'q1_cpureserved_average',
      'q1_cpureserved_maximum',
    ]);
    // Ids are what GetMetricData accepts: a lower-case letter first, then letters, digits, underscores.
    for (const q of query.MetricDataQueries) expect(q.Id).toMatch(/^[a-z][a-zA-Z0-9_]*$/);
  });

  it('asks per task definition family when no service is named', () => {
    const query = containerInsightsQuery({
      cluster: 'prod',
      families: ['batch'],
      startMs: START,
      endMs: END,
      periodSeconds: 300,
    });
    expect(query.MetricDataQueries.map((q) => q.MetricStat!.Metric!.Dimensions![1])).toEqual(
      Array(8).fill({Name: 'TaskDefinitionFamily', Value: 'batch'}),
    );
    expect(query.MetricDataQueries.at(-1)!.MetricStat!.Stat).toBe('Maximum');
  });
});

describe('readMetricData', () => {
  const serve = fakeServicePerTest();
  const start = (fail?: (request: any, attempt: number) => FakeFailure | undefined) =>
    serve({
      protocol: 'json',
      endpointVariable: 'CLOUDWATCH',
      fail,
      answer: (api, body) => {
        if (api !== 'GetMetricData') return undefined;
        const second = body.NextToken === 'page-2';
        const minutes = second ? [2, 3] : [0, 1];
        return {
          MetricDataResults: body.MetricDataQueries.map((q: any, i: number) => ({
            Id: q.Id,
            Label: q.Label,
            Timestamps: minutes.map((m) => body.StartTime + m * 60),
            Values: minutes.map((m) => 256 * (i + 1) + m + 0.5),
            StatusCode: 'Complete',
          })),
          Messages: [],
          ...(second ? {} : {NextToken: 'page-2'}),
        };
      },
    });
  const query = () =>
    containerInsightsQuery({cluster: 'prod', services: ['web'], startMs: START, endMs: END, periodSeconds: 60});

  it('merges the pages by query Id into what the AWS CLI prints', async () => {
    const fake = await start();
    const data = await readMetricData(fastRetries(), query());
    const calls = fake.calls('GetMetricData');
    expect(calls).toHaveLength(2);
    expect(calls[0]!.body.StartTime).toBe(START / 1000);
    expect(calls[0]!.body.EndTime).toBe(END / 1000);
    expect(calls[0]!.body.ScanBy).toBe('TimestampAscending');
    expect(calls[1]!.body.NextToken).toBe('page-2');
    expect(data.MetricDataResults).toHaveLength(8);
    expect(data.MetricDataResults[1]).toEqual({
      Id: 'q0_cpuutilized_maximum',
      Label: 'web CpuUtilized Maximum',
      Timestamps: [
        '2026-11-02T00:00:00.000Z',
        '2026-11-02T00:01:00.000Z',
        '2026-11-02T00:02:00.000Z',
        '2026-11-02T00:03:00.000Z',
      ],
      Values: [512.5, 513.5, 514.5, 515.5],
      StatusCode: 'Complete',
    });
  });

  it('sends at most 500 queries a call', async () => {
    const fake = await start();
    const many = containerInsightsQuery({
      cluster: 'prod',
      services: Array.from({length: 70}, (_, i) => `svc${i}`),
      startMs: START,
      endMs: END,
      periodSeconds: 60,
    });
    const data = await readMetricData(fastRetries(), many);
    expect(fake.calls('GetMetricData').map((call) => call.body.MetricDataQueries.length)).toEqual([500, 500, 60, 60]);
    expect(data.MetricDataResults).toHaveLength(560);
    expect(data.MetricDataResults.every((r) => r.Values.length === 4)).toBe(true);
  });

  it('retries a throttled page', async () => {
    const fake = await start((request, attempt) => (request.body.NextToken && attempt === 1 ? THROTTLED : undefined));
    const data = await readMetricData(fastRetries(), query());
    expect(data.MetricDataResults[0]!.Values).toHaveLength(4);
    expect(fake.requests).toHaveLength(3);
  });

  it('says which IAM action is denied', async () => {
    await start(() => denied('cloudwatch:GetMetricData'));
    const error = await caught(readMetricData(fastRetries(), query()));
    expect(error.message).toMatch(/^AWS denied cloudwatch:GetMetricData: /);
    expect(error.hint).toContain('grant the IAM action cloudwatch:GetMetricData');
    expect(error.exitCode).toBe(3);
  });

  it('refuses a bad endpoint URL before any call', async () => {
    const fake = await start();
    vi.stubEnv('AWS_ENDPOINT_URL_CLOUDWATCH', 'monitoring');
    const error = await caught(readMetricData(fastRetries(), query()));
    expect(error.message).toBe('AWS_ENDPOINT_URL_CLOUDWATCH "monitoring" is not an http or https URL');
    expect(fake.requests).toHaveLength(0);
  });
});
