import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {D} from '../../src/money/decimal.js';
import {parseTimeFlag} from '../../src/cli/commands/history-action.js';
import {LIVE_RETENTION} from '../../src/report/text.js';
import {runCli, steppingClock} from '../helpers/cli.js';
import {fakeEcsPerTest, fargateService, stoppedWireTask, wireTask} from '../sources/ecs/fake-ecs.js';

const EXAMPLES = 'data/examples/history';
const AS_OF = ['--as-of', '2026-11-04T00:00:00Z'];
const tmp = mkdtempSync(join(tmpdir(), 'fargate-cost-history-cli-'));
afterAll(() => rmSync(tmp, {recursive: true, force: true}));

async function json(argv: string[], options: Parameters<typeof runCli>[1] = {}) {
  const result = await runCli([...argv, '--format', 'json'], options);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
}

describe('fargate-cost history on the README examples', () => {
  it('bills the recorded events, the describe-tasks capture and the services together', async () => {
    const out = await json(['history', EXAMPLES, ...AS_OF]);
    expect(out.tasks).toEqual({billed: 14, running: 5, excluded: 2, reasons: {'not-fargate': 1, 'never-started': 1}});
    expect(out.records).toEqual({read: 25, updates: 9, duplicates: 0, invalid: 0, ignored: 1});
    const cost = Object.fromEntries(out.groups.map((group: {key: string; cost: string}) => [group.key, group.cost]));
    // nightly-report: 2 vCPU x 0.04048 + 4 GB x 0.004445 + 30 GiB x 0.000111 = 0.10207 an hour, for 828 s + 663 s (13m 47.3s and 11m 2.8s, rounded up).
    expect(cost['family:nightly-report']).toBe(
      new D('0.10207')
        .times(828 + 663)
        .div(3600)
        .toString(),
    );
    // thumbnailer: 21.7 s, 18.2 s (each billed 60 s) and 74.35 s (75 s) at 0.0123425 an hour.
    expect(cost['family:thumbnailer']).toBe(new D('0.0123425').times(195).div(3600).toString());
    expect(out.spot).toMatchObject({tasks: 3, interruptions: 1});
    expect(
      out.projection.steadyState.services.map((s: {name: string; desiredCount: number}) => [s.name, s.desiredCount]),
    ).toEqual([
      ['web', 2],
      ['worker', 2],
      ['legacy-api', 1],
    ]);
    expect(out.hourly).toHaveLength(48);
    expect(out.asOf).toBe('2026-11-04T00:00:00.000Z');
  });

  it('prints a table with the as-of time and the assumptions', async () => {
    const result = await runCli(['history', EXAMPLES, ...AS_OF]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('as of 2026-11-04T00:00:00.000Z');
    expect(result.stdout).toMatch(/^service:legacy-api\s+service\s+2 \(1 running\)/m);
    expect(result.stdout).toContain('prices: embedded snapshot');
    expect(result.stdout).toContain('1: stopped before its image pull started (AWS bills nothing)');
  });

  it('clips to --from/--to and groups by day', async () => {
    const out = await json([
      'history',
      `${EXAMPLES}/events.ndjson`,
      ...AS_OF,
      '--from',
      '2026-11-03',
      '--to',
      '2026-11-03T12:00:00Z',
      '--group-by',
      'day',
    ]);
    expect(out.window).toMatchObject({from: '2026-11-03T00:00:00.000Z', to: '2026-11-03T12:00:00.000Z', hours: '12'});
    expect(out.groups.map((row: {key: string}) => row.key)).toEqual(['2026-11-03']);
    // Out of the window: report-1, thumb-0, thumb-1 and worker-w1 (all on the 2nd) and web-b1, web-b2 (pulled at 14:00).
    expect(out.tasks.reasons['outside-window']).toBe(6);
  });

  it('bills only the named services', async () => {
    const out = await json([
      'history',
      `${EXAMPLES}/events.ndjson`,
      ...AS_OF,
      '--service',
      'worker',
      '--group-by',
      'service',
    ]);
    expect(out.groups.map((row: {key: string; tasks: number}) => [row.key, row.tasks])).toEqual([['worker', 3]]);
  });

  it('reads standard input', async () => {
    const stdin = readFileSync(`${EXAMPLES}/events.ndjson`, 'utf8');
    const out = await json(['history', '-', ...AS_OF, '--top', '1'], {stdin});
    expect(out.sources).toEqual([{path: '(stdin)', format: 'ndjson', records: 21, invalid: 0, ignored: 1}]);
    expect(out.top).toHaveLength(1);
  });

  it('writes CSV and Markdown', async () => {
    const csv = await runCli(['history', EXAMPLES, ...AS_OF, '--format', 'csv']);
    expect(csv.stdout.split('\n')[0]).toBe(
      'section,key,purchase,kind,tasks,running,task_hours,vcpu_hours,gb_hours,storage_gb_hours,cost,on_demand_cost,share',
    );
    const markdown = await runCli(['history', EXAMPLES, ...AS_OF, '--format', 'markdown']);
    expect(markdown.stdout).toContain('| group | kind |');
  });
});

describe("keeping a history: what the README's CloudWatch Logs commands produce", () => {
  // EventBridge writes each event to the log group as one compact JSON message.
  const events = readFileSync(`${EXAMPLES}/events.ndjson`, 'utf8').trim().split('\n');
  const streams = ['2026/11/02/[$LATEST]a1', '2026/11/03/[$LATEST]b2'];

  it('bills `aws logs filter-log-events --output json` and its jq NDJSON as the events themselves', async () => {
    // The AWS CLI merges every page into one "events" array, pretty-printed with 4 spaces.
    const exported = {
      events: events.map((message, i) => ({
        logStreamName: streams[i % 2],
        timestamp: Date.parse(JSON.parse(message).time),
        message,
        ingestionTime: Date.parse(JSON.parse(message).time) + 812,
        eventId: `3790${String(i).padStart(52, '0')}`,
      })),
      searchedLogStreams: [],
    };
    const logsPath = join(tmp, 'ecs-task-events.json');
    writeFileSync(logsPath, JSON.stringify(exported, null, 4) + '\n');
    // jq -c '.events[].message | fromjson' < ecs-task-events.json > ecs-task-events.ndjson
    const ndjsonPath = join(tmp, 'ecs-task-events.ndjson');
    writeFileSync(
      ndjsonPath,
      exported.events.map((event) => JSON.stringify(JSON.parse(event.message))).join('\n') + '\n',
    );

    const direct = await json(['history', `${EXAMPLES}/events.ndjson`, ...AS_OF]);
    for (const path of [logsPath, ndjsonPath]) {
      const out = await json(['history', path, ...AS_OF]);
      expect(out.sources).toEqual([
        {path, format: path === logsPath ? 'json' : 'ndjson', records: 21, invalid: 0, ignored: 1},
      ]);
      expect([out.billed, out.tasks, out.groups]).toEqual([direct.billed, direct.tasks, direct.groups]);
    }
  });

  it('reads an empty export (no events in the time range) as an empty history', async () => {
    const path = join(tmp, 'no-events.json');
    writeFileSync(path, JSON.stringify({events: [], searchedLogStreams: []}, null, 4));
    const out = await json(['history', path, ...AS_OF]);
    expect([out.tasks.billed, out.billed.cost]).toEqual([0, '0']);
  });
});

describe('fargate-cost history on the AWS samples', () => {
  it('bills every sample: CLI v1 and v2 timestamps, events, Spot, Windows, overrides, and leaves the EC2 task out', async () => {
    const out = await json([
      'history',
      'test/fixtures/aws-samples/ecs',
      'test/fixtures/aws-samples/events',
      '--as-of',
      '2024-12-24T06:02:51.787Z',
    ]);
    expect(out.tasks).toEqual({billed: 8, running: 5, excluded: 1, reasons: {'not-fargate': 1}});
    const cost = Object.fromEntries(out.groups.map((group: {key: string; cost: string}) => [group.key, group.cost]));
    expect(cost['family:prowler']).toBe('0.000504');
    expect(cost['service:testtest']).toBe(new D('0.10788725').times(300).div(3600).toString());
    expect(cost['family:crossfeed-staging-worker']).toBe(new D('0.0123425').times(60).div(3600).toString());
    // The ap-northeast-1 task ran exactly one hour before --as-of: 2 vCPU x 0.05056 + 8 GB x 0.00553.
    expect(cost['service:OnlineAService']).toBe('0.14536');
    expect(out.byOption.map((row: {key: string; tasks: number}) => [row.key, row.tasks])).toEqual([
      ['on-demand', 7],
      ['spot', 1],
    ]);
    // --as-of is an hour after the newest record: the capture is current, no warning.
    expect(out.assumptions.warnings.join('\n')).not.toContain('newest record');
  });

  it('warns when the samples are billed up to now, years after they were captured', async () => {
    const out = await json(['history', 'test/fixtures/aws-samples/events']);
    expect(out.asOf).toBe('2026-11-24T12:00:00.000Z');
    expect(out.assumptions.warnings.join('\n')).toContain(
      'the newest record is from 2022-11-29T09:35:31.949Z, 1,456 days before the as-of time',
    );
  });
});

describe('fargate-cost history: mistakes', () => {
  it.each([
    [['history'], 2, 'nothing to read'],
    [['history', EXAMPLES, '--from', 'last tuesday'], 2, '--from "last tuesday" is not a time'],
    [['history', EXAMPLES, '--from', '2026-11-03', '--to', '2026-11-02'], 2, 'is not before --to'],
    [['history', EXAMPLES, '--as-of', '2026-02-30'], 2, '--as-of "2026-02-30" is not a time'],
    [['history', EXAMPLES, '--top', 'ten'], 2, '--top "ten" must be a whole number'],
    [['history', EXAMPLES, '--group-by', 'colour'], 2, "argument 'colour' is invalid"],
    [['history', EXAMPLES, '--region', 'mars-1'], 2, 'region "mars-1" is not an AWS region code'],
    [['history', 'nowhere.ndjson'], 1, 'nowhere.ndjson: no such file'],
  ])('%j exits %i', async (argv, code, message) => {
    const result = await runCli(argv);
    expect(result.code).toBe(code);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('stops at a malformed line, naming the file and line; --skip-invalid counts it', async () => {
    const lines = readFileSync(`${EXAMPLES}/events.ndjson`, 'utf8').split('\n');
    lines.splice(
      3,
      0,
      '{"detail-type": "ECS Task State Change", "detail": {"taskArn": "a", "pullStartedAt": "Tuesday"',
    );
    const path = join(tmp, 'broken.ndjson');
    writeFileSync(path, lines.join('\n'));
    const failed = await runCli(['history', path, ...AS_OF]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe('');
    expect(failed.stderr).toMatch(
      new RegExp(`^fargate-cost: ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4: not valid JSON .*--skip-invalid`),
    );
    const skipped = await json(['history', path, ...AS_OF, '--skip-invalid']);
    expect(skipped.records.invalid).toBe(1);
    expect(skipped.tasks.billed).toBe(12);
    expect(skipped.assumptions.warnings.join('\n')).toContain(
      `1 malformed record was skipped (--skip-invalid); first: ${path}:4`,
    );
  });

  it('refuses empty standard input and an empty file named on its own, but not an empty file in a directory', async () => {
    const stdin = await runCli(['history', '-', ...AS_OF], {stdin: ''});
    expect([stdin.code, stdin.stdout]).toEqual([1, '']);
    expect(stdin.stderr).toBe(
      'fargate-cost: (stdin) is empty: there is no task history in it (pipe a history in, e.g. aws ecs describe-tasks --cluster C --tasks ID ... | fargate-cost history -)\n',
    );
    const dir = join(tmp, 'with-empty');
    mkdirSync(dir);
    writeFileSync(join(dir, 'quiet-hour.ndjson'), '\n\n');
    writeFileSync(join(dir, 'events.ndjson'), readFileSync(`${EXAMPLES}/events.ndjson`));
    const named = await runCli(['history', join(dir, 'quiet-hour.ndjson'), ...AS_OF]);
    expect([named.code, named.stdout]).toEqual([1, '']);
    expect(named.stderr).toMatch(
      /^fargate-cost: \S+quiet-hour\.ndjson is empty: there is no task history in it \(expected describe-tasks output/,
    );
    expect(named.stderr.trim().split('\n')).toHaveLength(1);
    const walked = await json(['history', dir, ...AS_OF]);
    expect(
      walked.sources.map((source: {path: string; records: number}) => [
        source.path.slice(dir.length + 1),
        source.records,
      ]),
    ).toEqual([
      ['events.ndjson', 21],
      ['quiet-hour.ndjson', 0],
    ]);
  });

  it('warns when the catalog is more than 90 days old', async () => {
    const result = await runCli(['history', EXAMPLES, ...AS_OF], {now: new Date('2027-06-01T00:00:00Z')});
    expect(result.stdout).toMatch(/! the price catalog is \d+ days old/);
  });
});

describe('fargate-cost history --cluster (through AWS_ENDPOINT_URL_ECS to a local fake)', () => {
  /** Credentials, region and endpoint as a user would set them; nothing can reach AWS. */
  const serve = fakeEcsPerTest();

  it('reads every page, describes 100 tasks a call, prices the steady state, and says ECS forgets stopped tasks', async () => {
    const tasks = [
      ...Array.from({length: 230}, (_, i) => wireTask(i)),
      ...Array.from({length: 3}, (_, i) => stoppedWireTask(300 + i)),
    ];
    const fake = await serve({tasks, pageSize: 100, services: [fargateService('web', {desiredCount: 2})]});
    const out = await json(['history', '--cluster', 'prod', '--as-of', '2026-11-02T06:00:00Z'], {env: fake.env});
    expect(out.sources).toEqual([{path: 'ecs:prod (us-east-1)', format: 'live', records: 233, invalid: 0, ignored: 0}]);
    expect(out.tasks).toMatchObject({billed: 233, running: 230, excluded: 0});
    expect(fake.calls('ListTasks').map((call) => call.body.desiredStatus)).toEqual([
      'RUNNING',
      'RUNNING',
      'RUNNING',
      'STOPPED',
    ]);
    expect(fake.calls('DescribeTasks').map((call) => call.body.tasks.length)).toEqual([100, 100, 33]);
    expect(out.projection.steadyState.services).toMatchObject([{name: 'web', desiredCount: 2, available: true}]);
    expect(out.assumptions.notes).toContain(LIVE_RETENTION);
    const table = await runCli(['history', '--cluster', 'prod', '--as-of', '2026-11-02T06:00:00Z'], {env: fake.env});
    expect(table.stdout).toContain('- ECS keeps stopped tasks for only about an hour');
  });

  it('shows the tasks listed, the records read, the AWS calls and the retries on a terminal, then clears the line', async () => {
    const fake = await serve({
      tasks: [wireTask(0), wireTask(1), stoppedWireTask(2)],
      services: [fargateService('web')],
      fail: (request, attempt) =>
        request.api === 'DescribeTasks' && attempt === 1
          ? {status: 400, type: 'ThrottlingException', message: 'Rate exceeded'}
          : undefined,
    });
    const argv = ['history', '--cluster', 'prod', '--as-of', '2026-11-02T06:00:00Z'];
    const result = await runCli(argv, {env: fake.env, stderrTTY: true, clock: steppingClock()});
    expect(result.code).toBe(0);
    const drawn = result.stderr.split('\r\u001B[K');
    // ListTasks twice (running, stopped), DescribeTasks once and again, DescribeServices once.
    expect(drawn.at(-3)).toBe('reading cluster prod: 3 tasks listed, 3 records, 4 AWS calls, 1 retry');
    expect(drawn.at(-2)).toBe('pricing the runs and grouping them: 3 tasks listed, 3 records, 4 AWS calls, 1 retry');
    expect(drawn.at(-1)).toBe('');
    expect(result.stdout).toBe((await runCli(argv, {env: fake.env})).stdout);
  });

  it('names the IAM action AWS denied, on one line, exit 3', async () => {
    const {env} = await serve({
      tasks: [wireTask(0)],
      fail: (request) =>
        request.api === 'DescribeTasks'
          ? {
              status: 400,
              type: 'AccessDeniedException',
              message: 'User: arn:aws:iam::123456789012:user/ci is not authorized to perform: ecs:DescribeTasks',
            }
          : undefined,
    });
    const result = await runCli(['history', '--cluster', 'prod'], {env});
    expect([result.code, result.stdout]).toEqual([3, '']);
    expect(result.stderr).toMatch(
      /^fargate-cost: AWS denied ecs:DescribeTasks: .* \(grant the IAM action ecs:DescribeTasks to these credentials; or read a saved history/,
    );
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('gives up on throttling after AWS_MAX_ATTEMPTS, with one clear line', async () => {
    const fake = await serve({
      tasks: [wireTask(0)],
      fail: (request) =>
        request.api === 'ListTasks' ? {status: 400, type: 'ThrottlingException', message: 'Rate exceeded'} : undefined,
    });
    const result = await runCli(['history', '--cluster', 'prod'], {env: fake.env});
    expect([result.code, result.stderr]).toEqual([
      3,
      'fargate-cost: AWS throttled ecs:ListTasks after 2 attempts: Rate exceeded (wait a minute and retry, or raise AWS_MAX_ATTEMPTS)\n',
    ]);
    expect(fake.calls('ListTasks')).toHaveLength(2);
  });
});

describe('parseTimeFlag', () => {
  it.each([
    ['2026-11-01', Date.UTC(2026, 10, 1)],
    ['2026-11-01T12:30:00Z', Date.UTC(2026, 10, 1, 12, 30)],
    ['2026-11-01T12:30', Date.UTC(2026, 10, 1, 12, 30)],
    ['2026-11-01 12:30:15.5', Date.UTC(2026, 10, 1, 12, 30, 15, 500)],
    ['2026-11-01T07:30:00-05:00', Date.UTC(2026, 10, 1, 12, 30)],
  ])('%s', (text, ms) => {
    expect(parseTimeFlag(text, '--from')).toBe(ms);
  });
});
