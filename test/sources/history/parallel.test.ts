import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Readable} from 'node:stream';
import fc from 'fast-check';
import {afterAll, describe, expect, it} from 'vitest';
import {createMeter, type MeterOptions, type MeterState, mergeMeterStates} from '../../../src/billing/meter.js';
import {arnOwner, lineOwner} from '../../../src/sources/history/partition.js';
import {expandHistoryPaths, type ReadHistoryOutcome, readHistoryFiles} from '../../../src/sources/history/read.js';
import {workersFor} from '../../../src/sources/history/parallel.js';

/**
 * Reading a history on several cores: readers over the same files, each with a partition of the
 * tasks, see every task once and count every line once, so their meters merge into exactly the
 * meter of one reader over everything.
 */

const tmp = mkdtempSync(join(tmpdir(), 'fargate-cost-parallel-'));
afterAll(() => rmSync(tmp, {recursive: true, force: true}));

const SAMPLES = 'test/fixtures/aws-samples';
const T0 = Date.parse('2026-11-02T00:00:00Z');
const OPTIONS: MeterOptions = {asOfMs: T0 + 5 * 86_400_000, top: 3, keepRuns: true};

async function meterOf(paths: readonly string[], partition?: {index: number; count: number}, skipInvalid = true) {
  const meter = createMeter(OPTIONS);
  const reader = readHistoryFiles(await expandHistoryPaths(paths), {stdin: Readable.from([]), skipInvalid, partition});
  for await (const {records, positions} of reader) {
    for (let i = 0; i < records.length; i++) meter.add(records[i]!, positions[i]);
  }
  return {state: meter.finish(), outcome: reader.outcome()};
}

function merged(parts: {state: MeterState; outcome: ReadHistoryOutcome}[]) {
  return {
    state: parts.map((p) => p.state).reduce((a, b) => mergeMeterStates(a, b, OPTIONS.top!)),
    sources: parts[0]!.outcome.sources.map((source, i) => ({
      ...source,
      records: parts.reduce((sum, p) => sum + p.outcome.sources[i]!.records, 0),
      invalid: parts.reduce((sum, p) => sum + p.outcome.sources[i]!.invalid, 0),
      ignored: parts.reduce((sum, p) => sum + p.outcome.sources[i]!.ignored, 0),
    })),
  };
}

const event = (arn: string, status: string, pull: number | null, stop: number | null, extra: object = {}) =>
  JSON.stringify({
    version: '0',
    'detail-type': 'ECS Task State Change',
    source: 'aws.ecs',
    region: 'us-east-1',
    resources: [arn],
    detail: {
      taskArn: arn,
      lastStatus: status,
      group: 'service:web',
      launchType: 'FARGATE',
      cpu: '256',
      memory: '512',
      containers: [{containerArn: `${arn}/c`, taskArn: arn, name: 'app'}],
      ...(pull === null ? {} : {pullStartedAt: new Date(T0 + pull).toISOString()}),
      ...(stop === null ? {} : {stoppedAt: new Date(T0 + stop).toISOString()}),
      ...extra,
    },
  });

const arn = (i: number) => `arn:aws:ecs:us-east-1:123456789012:task/prod/${i.toString(16).padStart(32, '0')}`;

describe('partitions of a history', () => {
  it('assign a line naming one task by its ARN, and a line naming none or several to every reader', () => {
    const one = Buffer.from(event(arn(1), 'STOPPED', 0, 60_000));
    expect(lineOwner(one, 4)).toBe(arnOwner(arn(1), 4));
    expect(lineOwner(Buffer.from('{"detail-type":"ECS Service Action","detail":{}}'), 4)).toBe(-1);
    expect(lineOwner(Buffer.from(JSON.stringify({tasks: [{taskArn: arn(1)}, {taskArn: arn(2)}]})), 4)).toBe(-1);
    expect(lineOwner(Buffer.from('{"taskArn":"arn:aws:ecs:us-east-1:1:task\\/prod\\/x"}'), 4)).toBe(-1);
    expect(lineOwner(Buffer.from('{"taskArn": 12}'), 4)).toBe(-1);
  });

  it('merge into exactly the meter of one reader: the samples and the examples, every shape', async () => {
    const paths = [`${SAMPLES}/ecs`, `${SAMPLES}/events`, 'data/examples/history'];
    const whole = await meterOf(paths);
    for (const count of [2, 3]) {
      const parts = await Promise.all(Array.from({length: count}, (_, index) => meterOf(paths, {index, count})));
      const {state, sources} = merged(parts);
      expect(state).toEqual(whole.state);
      expect(sources).toEqual(whole.outcome.sources);
      expect(parts[0]!.outcome.services).toEqual(whole.outcome.services);
    }
  });

  it('merge exactly over random histories: repeated events, escaped and missing ARNs, bad lines, containers', async () => {
    const line = fc.oneof(
      {
        weight: 8,
        arbitrary: fc
          .record({
            task: fc.integer({min: 0, max: 15}),
            status: fc.constantFrom('RUNNING', 'STOPPED'),
            pull: fc.integer({min: 0, max: 86_400_000}),
            length: fc.integer({min: 0, max: 7_200_000}),
          })
          .map(({task, status, pull, length}) =>
            event(arn(task), status, pull, status === 'STOPPED' ? pull + length : null),
          ),
      },
      {
        weight: 1,
        arbitrary: fc
          .integer({min: 0, max: 15})
          .map((task) => event(arn(task), 'STOPPED', 1000, 70_000).replaceAll('/prod/', '\\/prod\\/')),
      },
      {
        weight: 1,
        arbitrary: fc.constant('{"detail-type":"ECS Deployment State Change","source":"aws.ecs","detail":{}}'),
      },
      {weight: 1, arbitrary: fc.constant('{"not":"a task"}')},
      {weight: 1, arbitrary: fc.constant('{broken json')},
      {
        weight: 1,
        arbitrary: fc.tuple(fc.integer({min: 0, max: 15}), fc.integer({min: 0, max: 15})).map(([a, b]) =>
          JSON.stringify({
            tasks: [
              JSON.parse(event(arn(a), 'STOPPED', 0, 90_000)).detail,
              JSON.parse(event(arn(b), 'RUNNING', 5000, null)).detail,
            ],
          }),
        ),
      },
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, {minLength: 1, maxLength: 40}),
        fc.array(line, {minLength: 1, maxLength: 10}),
        async (first, second) => {
          const dir = join(tmp, `r${run++}`);
          const a = join(`${dir}-a.ndjson`);
          const b = join(`${dir}-b.ndjson`);
          writeFileSync(a, `${first.join('\n')}\n`);
          writeFileSync(b, `${second.join('\n')}\n`);
          const whole = await meterOf([a, b]);
          const parts = await Promise.all([0, 1].map((index) => meterOf([a, b], {index, count: 2})));
          const {state, sources} = merged(parts);
          expect(state).toEqual(whole.state);
          expect(sources).toEqual(whole.outcome.sources);
        },
      ),
      {numRuns: 60},
    );
  });
});

describe('history on several cores (the built binary)', () => {
  const bin = 'dist/cli/main.js';
  const run = (args: string[], workers: number) =>
    spawnSync(process.execPath, [bin, ...args], {
      encoding: 'utf8',
      env: {
        ...process.env,
        FARGATE_COST_CACHE_DIR: '/nonexistent/fargate-cost-test',
        FARGATE_COST_WORKERS: String(workers),
      },
    });

  it('gives byte for byte what one core gives, in every format', () => {
    const path = join(tmp, 'many.ndjson');
    const lines: string[] = [];
    for (let i = 0; i < 400; i++) {
      lines.push(event(arn(i), 'RUNNING', i * 60_000, null));
      if (i % 3 !== 0) lines.push(event(arn(i), 'STOPPED', i * 60_000, i * 60_000 + (i % 7) * 400_000 + 5_000));
    }
    writeFileSync(path, `${lines.join('\n')}\n`);
    for (const format of ['table', 'json', 'csv']) {
      const args = ['history', path, 'data/examples/history', '--as-of', '2026-11-04T00:00:00Z', '--format', format];
      const one = run(args, 1);
      expect([one.status, one.stderr]).toEqual([0, '']);
      const two = run(args, 3);
      // The time of the run (the JSON envelope's generatedAt) is the only thing that may differ.
      const untimed = (text: string) => text.replace(/"generatedAt": "[^"]*"/, '"generatedAt": "<now>"');
      expect([two.status, two.stderr, untimed(two.stdout)]).toEqual([0, '', untimed(one.stdout)]);
    }
  });

  it('reports the first malformed record in input order, as one core does', () => {
    const path = join(tmp, 'bad.ndjson');
    const good = readFileSync('data/examples/history/events.ndjson', 'utf8').trim().split('\n');
    writeFileSync(
      path,
      [...good.slice(0, 5), '{"taskArn": "x", "stoppedAt": "soon"}', ...good.slice(5), 'not json'].join('\n'),
    );
    const one = run(['history', path, '--as-of', '2026-11-04T00:00:00Z'], 1);
    const two = run(['history', path, '--as-of', '2026-11-04T00:00:00Z'], 2);
    expect(one.status).toBe(1);
    expect([two.status, two.stderr, two.stdout]).toEqual([one.status, one.stderr, '']);
  });
});

describe('workersFor: how many cores meter a history', () => {
  const MB = 2 ** 20;
  const idle = {cores: 8, load: 0.2};
  it('uses one below 32 MiB, where starting workers costs more than it gains', () => {
    expect(workersFor(32 * MB - 1, {}, idle)).toBe(1);
    expect(workersFor(32 * MB, {}, idle)).toBe(8);
  });
  it.each([
    [{cores: 2, load: 0}, 1],
    [{cores: 4, load: 0.4}, 4],
    [{cores: 4, load: 0.6}, 3],
    [{cores: 4, load: 1.6}, 1],
    [{cores: 2, load: 9.5}, 1],
    [{cores: 16, load: 3}, 8],
    [{cores: 12, load: 6.2}, 6],
  ])('uses the idle cores of %j, when there are at least 3: %i', (machine, workers) => {
    expect(workersFor(100 * MB, {}, machine)).toBe(workers);
  });
  it('does what FARGATE_COST_WORKERS says, busy or not (1 to 64)', () => {
    expect(workersFor(1, {FARGATE_COST_WORKERS: '2'}, {cores: 2, load: 9})).toBe(2);
    expect(workersFor(100 * MB, {FARGATE_COST_WORKERS: '0'}, idle)).toBe(1);
    expect(workersFor(100 * MB, {FARGATE_COST_WORKERS: '500'}, idle)).toBe(64);
    expect(workersFor(100 * MB, {FARGATE_COST_WORKERS: 'many'}, idle)).toBe(8);
  });
});
