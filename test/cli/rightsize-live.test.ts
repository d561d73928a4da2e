import {afterEach, describe, expect, it, vi} from 'vitest';
import {runCli, steppingClock} from '../helpers/cli.js';
import {type FakeFailure, pageOf, startFakeService, THROTTLED} from '../sources/aws/fake-service.js';

/**
 * rightsize --cluster: Container Insights read live through loopback fakes of CloudWatch Logs
 * (FilterLogEvents, paged by nextToken), CloudWatch (GetMetricData, paged by NextToken) and ECS
 * (ListServices, paged by nextToken), the real SDK clients reaching them through
 * AWS_ENDPOINT_URL_<SERVICE>.
 */

const T0 = Date.UTC(2026, 10, 14);
const MINUTE = 60_000;
const DAYS8 = 8 * 1440;
const now = new Date('2026-11-24T12:00:00Z');

/** One Fargate task of family `api` at 100 of 1024 CPU units and 1000 of 4096 MiB, each minute of 8 days. */
const taskEvent = (m: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    Type: 'Task',
    TaskId: 't1',
    TaskDefinitionFamily: 'api',
    ClusterName: 'prod',
    Region: 'us-east-1',
    LaunchType: 'FARGATE',
    Timestamp: T0 + m * MINUTE,
    CpuUtilized: 100,
    CpuReserved: 1024,
    MemoryUtilized: 1000,
    MemoryReserved: 4096,
    ...extra,
  });

const servers: {close: () => Promise<void>}[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  vi.unstubAllEnvs();
});

function stubEnv(urls: Record<string, string>) {
  const env: Record<string, string | undefined> = {
    AWS_ACCESS_KEY_ID: 'AKIDFAKE',
    AWS_SECRET_ACCESS_KEY: 'fake',
    AWS_CONFIG_FILE: '/nonexistent/config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_REGION: 'us-east-1',
    AWS_RETRY_MODE: 'standard',
    AWS_PROFILE: undefined,
    AWS_SESSION_TOKEN: undefined,
    AWS_ENDPOINT_URL: undefined,
    ...Object.fromEntries(Object.entries(urls).map(([name, url]) => [`AWS_ENDPOINT_URL_${name}`, url])),
  };
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  return process.env;
}

/** A fake CloudWatch Logs holding `messages` (minute m at T0 + m min), answering within the asked window, 3,000 a page. */
async function fakeLogs(
  messages: (m: number) => string,
  count: number,
  fail?: (attempt: number) => FakeFailure | undefined,
) {
  const logs = await startFakeService({
    protocol: 'json',
    endpointVariable: 'CLOUDWATCH_LOGS',
    fail: (request, attempt) => (request.body.nextToken ? fail?.(attempt) : undefined),
    answer: (api, body) => {
      if (api !== 'FilterLogEvents') return undefined;
      const events = [];
      for (let m = 0; m < count; m++) {
        const timestamp = T0 + m * MINUTE;
        if (timestamp < body.startTime || timestamp > body.endTime) continue;
        events.push({logStreamName: 'FargateTelemetry-1', timestamp, message: messages(m), eventId: String(m)});
      }
      const page = pageOf(events, 3000, body.nextToken);
      return {events: page.items, searchedLogStreams: [], ...(page.next ? {nextToken: page.next} : {})};
    },
  });
  servers.push(logs);
  return logs;
}

describe('rightsize --cluster (performance log events)', () => {
  it('reads every page of the window, and sizes and prices the family as the files would', async () => {
    let throttled = 0;
    const logs = await fakeLogs(taskEvent, DAYS8 + 60, (attempt) =>
      attempt === 1 && throttled++ < 1 ? THROTTLED : undefined,
    );
    const env = stubEnv({CLOUDWATCH_LOGS: logs.url});
    const {code, stdout, stderr} = await runCli(
      ['rightsize', '--cluster', 'prod', '--from', '2026-11-14', '--to', '2026-11-22', '--format', 'json'],
      {env, now},
    );
    expect({code, stderr}).toEqual({code: 0, stderr: ''});
    const calls = logs.calls('FilterLogEvents');
    // 11,520 events in the window (the hour after it is not asked for), 3,000 a page: 4 pages, and one retry.
    expect(calls).toHaveLength(5);
    expect(calls[0]!.body).toMatchObject({
      logGroupName: '/aws/ecs/containerinsights/prod/performance',
      filterPattern: '{ $.Type = "Task" }',
      startTime: T0,
      endTime: T0 + DAYS8 * MINUTE - 1,
    });
    const [r] = JSON.parse(stdout).recommendations;
    expect(r).toMatchObject({name: 'api', by: 'family', cluster: 'prod', region: 'us-east-1'});
    expect(r.samples).toMatchObject({basis: 'task-events', count: DAYS8, averageTasks: '1', thin: []});
    // Needs 100 x 1.2 = 120 CPU units and 1000 x 1.2 = 1200 MiB: 0.25 vCPU / 2 GB, the smallest holding both.
    expect(r.recommended).toEqual({cpu: 256, memory: 2048});
    expect(r.reason.code).toBe('shrink');
    // us-east-1 Linux x86_64 On-Demand: $0.04048 a vCPU-hour, $0.004445 a GB-hour.
    // Now 1 x 0.04048 + 4 x 0.004445 = 0.05826; after 0.25 x 0.04048 + 2 x 0.004445 = 0.01901.
    expect(r.currentHourly).toBe('0.05826');
    expect(r.recommendedHourly).toBe('0.01901');
    // (0.05826 - 0.01901) x 1 task x 730 h.
    expect(r.monthlySaving).toBe('28.6525');
  });

  it('asks for the families named in the filter pattern, and draws a progress line on a terminal', async () => {
    const logs = await fakeLogs(taskEvent, 100);
    const env = stubEnv({CLOUDWATCH_LOGS: logs.url});
    const {code, stderr} = await runCli(
      ['rightsize', '--cluster', 'prod', '--family', 'api,"odd', '--from', '2026-11-14', '--to', '2026-11-15'],
      {env, now, stderrTTY: true, clock: steppingClock()},
    );
    expect(code).toBe(0);
    expect(logs.calls('FilterLogEvents')[0]!.body.filterPattern).toBe(
      '{ $.Type = "Task" && ($.TaskDefinitionFamily = "api" || $.TaskDefinitionFamily = "\\"odd") }',
    );
    expect(stderr).toContain('reading Container Insights task events of prod: ');
    expect(stderr).toContain('100 records');
  });

  it('says so when --service matches nothing because the Task events name no service', async () => {
    const logs = await fakeLogs(taskEvent, 10);
    const env = stubEnv({CLOUDWATCH_LOGS: logs.url});
    const {code, stderr} = await runCli(
      ['rightsize', '--cluster', 'prod', '--service', 'web', '--from', '2026-11-14', '--to', '2026-11-15'],
      {env, now},
    );
    expect(code).toBe(1);
    expect(stderr).toContain('the Task events name no service');
  });

  it('keeps the samples of the services named when the events do name them', async () => {
    const logs = await fakeLogs(
      (m) => taskEvent(m, {ServiceName: m % 2 === 0 ? 'web' : 'worker', TaskId: `t${m % 2}`}),
      20,
    );
    const env = stubEnv({CLOUDWATCH_LOGS: logs.url});
    const {code, stdout} = await runCli(
      [
        'rightsize',
        '--cluster',
        'prod',
        '--service',
        'web',
        '--from',
        '2026-11-14',
        '--to',
        '2026-11-15',
        '--format',
        'csv',
      ],
      {env, now},
    );
    expect(code).toBe(0);
    expect(stdout.split('\n').filter((line) => line.startsWith('web,'))).toHaveLength(1);
    expect(stdout).not.toContain('worker');
  });

  it('says how to enable Container Insights when the log group does not exist (exit 3)', async () => {
    const logs = await startFakeService({
      protocol: 'json',
      endpointVariable: 'CLOUDWATCH_LOGS',
      fail: () => ({
        status: 400,
        type: 'ResourceNotFoundException',
        message: 'The specified log group does not exist.',
      }),
      answer: () => ({}),
    });
    servers.push(logs);
    const env = stubEnv({CLOUDWATCH_LOGS: logs.url});
    const {code, stderr} = await runCli(['rightsize', '--cluster', 'prod'], {env, now});
    expect(code).toBe(3);
    expect(stderr.split('\n')[0]).toContain(
      'fargate-cost: Container Insights is not enabled for the cluster prod in us-east-1 (no log group /aws/ecs/containerinsights/prod/performance)',
    );
    // The default window: the 14 days up to now.
    const body = logs.requests[0]!.body;
    expect([body.startTime, body.endTime]).toEqual([now.getTime() - 14 * 86_400_000, now.getTime() - 1]);
  });
});

describe('rightsize --cluster --source metrics', () => {
  /** web: 2 tasks; per task 300 of 1024 CPU units and 1500 of 3072 MiB; the sums are what the service metrics carry. */
  const SUMS: Record<string, number> = {
    CpuUtilized: 600,
    CpuReserved: 2048,
    MemoryUtilized: 3000,
    MemoryReserved: 6144,
    RunningTaskCount: 2,
  };
  async function fakes() {
    const ecs = await startFakeService({
      protocol: 'json',
      endpointVariable: 'ECS',
      answer: (api, body) => {
        if (api !== 'ListServices') return undefined;
        const arns = ['web', 'idle'].map((name) => `arn:aws:ecs:us-east-1:123456789012:service/prod/${name}`);
        const page = pageOf(arns, 1, body.nextToken);
        return {serviceArns: page.items, ...(page.next ? {nextToken: page.next} : {})};
      },
    });
    const cloudwatch = await startFakeService({
      protocol: 'json',
      endpointVariable: 'CLOUDWATCH',
      answer: (api, body) => {
        if (api !== 'GetMetricData') return undefined;
        // Every 60 s point of the window, in two pages; the idle service has no data.
        const points = (body.EndTime - body.StartTime) / 60;
        const half = Math.ceil(points / 2);
        const second = body.NextToken === 'page-2';
        const range = second ? [half, points] : [0, half];
        return {
          MetricDataResults: body.MetricDataQueries.map((q: any) => {
            const web = q.MetricStat.Metric.Dimensions[1].Value === 'web';
            const times = web
              ? Array.from({length: range[1]! - range[0]!}, (_, i) => body.StartTime + (range[0]! + i) * 60)
              : [];
            return {
              Id: q.Id,
              Label: q.Label,
              Timestamps: times,
              Values: times.map(() => SUMS[q.MetricStat.Metric.MetricName]),
              StatusCode: 'Complete',
            };
          }),
          Messages: [],
          ...(second ? {} : {NextToken: 'page-2'}),
        };
      },
    });
    servers.push(ecs, cloudwatch);
    return {ecs, cloudwatch, env: stubEnv({ECS: ecs.url, CLOUDWATCH: cloudwatch.url})};
  }

  it("lists the cluster's services, reads their metrics a minute a point, and sizes each task", async () => {
    const {ecs, cloudwatch, env} = await fakes();
    const {code, stdout, stderr} = await runCli(
      [
        'rightsize',
        '--cluster',
        'prod',
        '--source',
        'metrics',
        '--from',
        '2026-11-14',
        '--to',
        '2026-11-22',
        '--format',
        'json',
      ],
      {env, now},
    );
    expect({code, stderr}).toEqual({code: 0, stderr: ''});
    expect(ecs.calls('ListServices')).toHaveLength(2);
    expect(ecs.calls('ListServices')[0]!.body).toMatchObject({cluster: 'prod'});
    const asked = cloudwatch.calls('GetMetricData');
    expect(asked).toHaveLength(2);
    const queries = asked[0]!.body.MetricDataQueries;
    // 2 services x 5 metrics (with RunningTaskCount) at Average, and MemoryUtilized at Maximum too
    // (memory is judged at its peak), a minute a point (within 15 days).
    expect(queries).toHaveLength(12);
    expect(new Set(queries.map((q: any) => `${q.MetricStat.Stat}/${q.MetricStat.Period}`))).toEqual(
      new Set(['Average/60', 'Maximum/60']),
    );
    expect(
      queries.filter((q: any) => q.MetricStat.Stat === 'Maximum').map((q: any) => q.MetricStat.Metric.MetricName),
    ).toEqual(['MemoryUtilized', 'MemoryUtilized']);
    const json = JSON.parse(stdout);
    expect(json.recommendations).toHaveLength(1);
    const [r] = json.recommendations;
    expect(r).toMatchObject({name: 'web', by: 'service', region: 'us-east-1', current: {cpu: 1024, memory: 3072}});
    expect(r.samples).toMatchObject({
      basis: 'metrics',
      memoryPeak: 'period-maximum',
      count: DAYS8,
      periodSeconds: 60,
      averageTasks: '2',
    });
    // Per task 300 x 1.2 = 360 units, 1500 x 1.2 = 1800 MiB: 0.5 vCPU / 2 GB.
    expect(r.recommended).toEqual({cpu: 512, memory: 2048});
    // Now 1 x 0.04048 + 3 x 0.004445 = 0.053815; after 0.5 x 0.04048 + 2 x 0.004445 = 0.02913;
    // (0.053815 - 0.02913) x 2 tasks x 730 h = 36.0401.
    expect(r.monthlySaving).toBe('36.0401');
  });

  it('asks for the services named, and a coarser period for an older window', async () => {
    const {ecs, cloudwatch, env} = await fakes();
    const {code} = await runCli(
      [
        'rightsize',
        '--cluster',
        'prod',
        '--source',
        'metrics',
        '--service',
        'web',
        '--from',
        '2026-10-01',
        '--to',
        '2026-10-09',
      ],
      {env, now},
    );
    expect(code).toBe(0);
    expect(ecs.calls('ListServices')).toHaveLength(0);
    const queries = cloudwatch.calls('GetMetricData')[0]!.body.MetricDataQueries;
    expect(queries).toHaveLength(6);
    // 2026-10-01 is 54 days before now: CloudWatch keeps 5-minute points that long.
    expect(queries[0].MetricStat.Period).toBe(300);
  });
});

describe('rightsize --cluster: the command line', () => {
  const cases: [string[], string][] = [
    [
      ['--cluster', 'prod', 'events.ndjson'],
      '--cluster reads Container Insights live: give it without files or --metrics',
    ],
    [
      ['events.ndjson', '--from', '2026-11-01'],
      '--from goes with --cluster (a live read): files bring their own samples',
    ],
    [['--cluster', 'prod', '--source', 'logs'], '--source "logs" is not events or metrics'],
    [
      ['--cluster', 'prod', '--from', '2026-11-05', '--to', '2026-11-05'],
      '--from is not before --to: the window 2026-11-05T00:00:00.000Z to 2026-11-05T00:00:00.000Z is empty',
    ],
    [['--cluster', 'prod', '--from', 'yesterday'], '--from "yesterday" is not a time'],
    [
      ['--cluster', 'prod', '--service', 'a', '--family', 'b'],
      'give --service or --family, not both: a sample is named by one of them',
    ],
    [
      ['--cluster', 'prod', '--source', 'metrics', '--from', '2025-01-01'],
      '--from is 692 days ago: CloudWatch keeps metrics 455 days',
    ],
  ];
  it.each(cases)('%j', async (args, message) => {
    const {code, stdout, stderr} = await runCli(['rightsize', ...args], {now});
    expect({code, stdout}).toEqual({code: 2, stdout: ''});
    expect(stderr.split('\n')[0]!.startsWith(`fargate-cost: ${message}`)).toBe(true);
  });
});
