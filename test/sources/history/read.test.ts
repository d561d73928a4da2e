import {mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Readable} from 'node:stream';
import {gzipSync} from 'node:zlib';
import fc from 'fast-check';
import {afterAll, describe, expect, it} from 'vitest';
import {UserError} from '../../../src/errors.js';
import type {TaskRecord} from '../../../src/model/task-record.js';
import {
  GARBAGE_LINES,
  type ReadHistoryOutcome,
  type ReadProgress,
  readHistoryPaths,
} from '../../../src/sources/history/read.js';

const SAMPLES = 'test/fixtures/aws-samples';
const tmp = mkdtempSync(join(tmpdir(), 'fargate-cost-history-read-'));
afterAll(() => rmSync(tmp, {recursive: true, force: true}));

const event = (name: string) =>
  JSON.parse(readFileSync(`${SAMPLES}/events/${name}`, 'utf8')) as Record<string, unknown>;
const EVENTS = [
  event('ecs-task-state-change__awsdocs__fargate-running.json'),
  event('ecs-task-state-change__crossfeed__fargate-stopped.json'),
  event('ecs-task-state-change__fixture__fargate-stopped-overrides.json'),
  event('ecs-task-state-change__fixture__fargate-windows-stopped.json'),
];
const NDJSON = EVENTS.map((e) => JSON.stringify(e)).join('\n') + '\n';

let fileCount = 0;
function file(name: string, content: string | Buffer): string {
  const dir = join(tmp, `f${++fileCount}`);
  mkdirSync(dir, {recursive: true});
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function read(
  paths: string[],
  options: {stdin?: Readable; skipInvalid?: boolean; onProgress?: (read: ReadProgress) => void} = {},
) {
  const records: TaskRecord[] = [];
  const outcome: ReadHistoryOutcome = await readHistoryPaths(paths, {
    stdin: options.stdin ?? Readable.from([]),
    skipInvalid: options.skipInvalid ?? false,
    onRecord: (record) => records.push(record),
    onProgress: options.onProgress,
  });
  return {records, ...outcome, invalidExamples: outcome.invalidExamples.map((example) => example.text)};
}

async function failure(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

describe('reading histories', () => {
  it('reads every ECS payload and event of the samples, skipping the task definitions in the folder', async () => {
    const result = await read([`${SAMPLES}/ecs`, `${SAMPLES}/events`]);
    expect(result.records).toHaveLength(9);
    expect(result.records.map((record) => record.taskArn.split('/').pop()).sort()).toEqual(
      [
        '4d590253bb114126b7afa7b58eea9221',
        '6ff51dd5-abf2-4f1b-bee0-3fb7b43672ed',
        '74de0355a10a4f979ac495c14EXAMPLE',
        '7971df704eae4b509e6d479e28559a7d',
        'AWSBatch-fargate-7',
        'AWSBatch-fargate-batch-compute-13af15fe-',
        'c13b4cb40f1f4fe4a2971f76ae5a47ad',
        'd789e94343414c25b9f6bd59eEXAMPLE',
        'eeccdb34-d8cf-49e7-b379-1cf4f123c0ee',
      ].sort(),
    );
    expect(result.services.map((service) => [service.name, service.desiredCount])).toEqual([
      ['fargate-service', 2],
      ['FargateService', 1],
    ]);
    expect(result.skippedFiles).toBe(3);
    expect(
      result.sources.map((source) => [source.path.split('/').pop(), source.format, source.records]),
    ).toContainEqual(['describe-tasks__cli-v2-iso-local__fargate-running.json', 'json', 2]);
  });

  it('streams NDJSON events, with blank lines and CRLF line ends', async () => {
    const path = file('events.ndjson', NDJSON.replace(/\n/g, '\r\n').replace('\r\n', '\r\n\r\n'));
    const result = await read([path]);
    expect(result.records.map((record) => record.lastStatus)).toEqual(['RUNNING', 'STOPPED', 'STOPPED', 'STOPPED']);
    expect(result.sources).toEqual([{path, format: 'ndjson', records: 4, invalid: 0, ignored: 0}]);
  });

  it('reads NDJSON with a .json name, a JSON array of events, and one-line describe-tasks output alike', async () => {
    const tasks = JSON.parse(
      readFileSync(`${SAMPLES}/ecs/describe-tasks__cli-v2-iso-local__fargate-running.json`, 'utf8'),
    ) as unknown;
    const results = await Promise.all([
      read([file('events.json', NDJSON)]),
      read([file('array.json', JSON.stringify(EVENTS, null, 2))]),
      read([file('oneline.json', JSON.stringify(tasks))]),
    ]);
    expect(results.map((r) => [r.records.length, r.sources[0]!.format])).toEqual([
      [4, 'ndjson'],
      [4, 'json'],
      [2, 'ndjson'],
    ]);
  });

  it('reads archived events exported from CloudWatch Logs (filter-log-events output)', async () => {
    const exported = {
      events: EVENTS.map((e, i) => ({
        logStreamName: 's',
        timestamp: 1600000000000 + i,
        message: JSON.stringify(e),
        ingestionTime: 1600000000500,
        eventId: String(i),
      })),
    };
    expect((await read([file('logs.json', JSON.stringify(exported, null, 2))])).records).toHaveLength(4);
  });

  it('decompresses .gz files', async () => {
    const result = await read([file('events.ndjson.gz', gzipSync(NDJSON))]);
    expect(result.records).toHaveLength(4);
    const error = await failure(read([file('broken.ndjson.gz', 'not gzip at all')]));
    expect(error.message).toMatch(/broken\.ndjson\.gz is not a valid gzip file/);
  });

  it('reads standard input, once', async () => {
    expect((await read(['-'], {stdin: Readable.from([NDJSON])})).sources[0]).toMatchObject({
      path: '(stdin)',
      records: 4,
    });
    expect((await failure(read(['-', '-']))).message).toContain('named twice');
  });

  it('says how far it is as each chunk comes and each file ends: bytes of the files (compressed), records', async () => {
    // About 3 MB of NDJSON (three chunks and more), a gzipped file and a pretty-printed document.
    const big = file('big.ndjson', NDJSON.repeat(Math.ceil(3e6 / NDJSON.length)));
    const gz = file('small.ndjson.gz', gzipSync(NDJSON));
    const doc = file('tasks.json', JSON.stringify(EVENTS, null, 2));
    const reports: ReadProgress[] = [];
    const result = await read([big, gz, doc], {onProgress: (progress) => reports.push(progress)});
    const size = (path: string) => readFileSync(path).length;
    expect(reports.at(-1)).toEqual({bytes: size(big) + size(gz) + size(doc), records: result.records.length});
    // Running totals: they never go back, and the big file is seen on its way.
    for (let i = 1; i < reports.length; i++) {
      expect(reports[i]!.bytes).toBeGreaterThanOrEqual(reports[i - 1]!.bytes);
      expect(reports[i]!.records).toBeGreaterThanOrEqual(reports[i - 1]!.records);
    }
    expect(reports.filter((report) => report.bytes < size(big)).length).toBeGreaterThanOrEqual(2);
    expect(reports).toContainEqual({
      bytes: size(big),
      records: (NDJSON.split('\n').length - 1) * Math.ceil(3e6 / NDJSON.length),
    });
  });

  it('gives the same records however the stream is cut into chunks (property)', async () => {
    const text = Buffer.from(NDJSON.replace('"us-east-1b"', '"us-east-1b", "note": "été ☃"'));
    const expected = (await read(['-'], {stdin: Readable.from([text])})).records;
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.integer({min: 1, max: text.length - 1}), {maxLength: 40}), async (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), text.length];
        const chunks = points.slice(1).map((end, i) => text.subarray(points[i]!, end));
        const result = await read(['-'], {stdin: Readable.from(chunks)});
        expect(result.records).toEqual(expected);
      }),
      {numRuns: 40},
    );
  });

  it('walks directories recursively in name order, skipping hidden and other files', async () => {
    const dir = join(tmp, 'tree');
    mkdirSync(join(dir, 'b', 'deeper'), {recursive: true});
    mkdirSync(join(dir, '.hidden'), {recursive: true});
    writeFileSync(join(dir, 'b', 'deeper', '2.jsonl'), JSON.stringify(EVENTS[1]) + '\n');
    writeFileSync(join(dir, 'a.ndjson'), JSON.stringify(EVENTS[0]) + '\n');
    writeFileSync(join(dir, '.hidden', 'x.ndjson'), JSON.stringify(EVENTS[2]) + '\n');
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    const result = await read([dir]);
    expect(result.sources.map((source) => source.path.slice(dir.length + 1))).toEqual(['a.ndjson', 'b/deeper/2.jsonl']);
    expect(result.skippedFiles).toBe(1);
    mkdirSync(join(tmp, 'empty'));
    expect((await failure(read([join(tmp, 'empty')]))).message).toMatch(/holds no history files/);
  });

  it('names a file that does not exist', async () => {
    expect((await failure(read([join(tmp, 'missing.ndjson')]))).message).toMatch(/missing\.ndjson: no such file/);
  });
});

describe('malformed input', () => {
  const lines = [
    JSON.stringify(EVENTS[0]),
    '{"detail-type": "ECS Task State Change", "source": "aws.ecs", "detail": {"taskArn": "x", "stoppedAt": "soon"}}',
    '{not json}',
    JSON.stringify(EVENTS[1]),
    '{"hello": 1}',
    '',
  ];

  it('stops at the first malformed line, naming the file and line', async () => {
    const path = file('bad.ndjson', lines.join('\n'));
    const error = await failure(read([path]));
    expect(error.message).toBe(
      `${path}:2: stoppedAt "soon" is not a timestamp (expected ISO 8601 with a zone, or epoch seconds)`,
    );
    expect(error.hint).toContain('--skip-invalid');
  });

  it('with --skip-invalid, counts malformed records and keeps the first locations', async () => {
    const path = file('bad.ndjson', lines.join('\n'));
    const result = await read([path], {skipInvalid: true});
    expect(result.records).toHaveLength(2);
    expect(result.sources[0]).toMatchObject({records: 2, invalid: 3});
    expect(result.invalidExamples).toEqual([
      `${path}:2: stoppedAt "soon" is not a timestamp (expected ISO 8601 with a zone, or epoch seconds)`,
      expect.stringMatching(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3: not valid JSON`)),
      `${path}:5: not an ECS task, an "ECS Task State Change" event, or a list of them`,
    ]);
  });

  describe('with --skip-invalid, a file none of whose first lines holds a task or an event is not a history', () => {
    // Lines that look like records to the partitioner (a taskArn in them) but are not JSON.
    const junk = (n: number) =>
      Array.from({length: n}, (_, i) => `{"taskArn": "arn:aws:ecs:us-east-1:1:task/c/${i}"} trailing\n`).join('');
    const valid = `${JSON.stringify(EVENTS[1])}\n`;

    it('refuses a named file at its GARBAGE_LINES-th line that is not JSON, without reading on', async () => {
      const path = file('junk.ndjson', `\n${junk(GARBAGE_LINES)}${valid}`);
      const error = await failure(read([path], {skipInvalid: true}));
      expect(error.message).toBe(
        `${path}: none of its first 1,000 lines holds an ECS task or event: it is not a task history`,
      );
      expect(error.hint).toMatch(/^expected describe-tasks output/);
    });

    it('counts JSON that is no task or event (a malformed task, a value of another shape) as not history', async () => {
      const other = (i: number) =>
        [
          JSON.stringify({a: i}),
          JSON.stringify([1, i]),
          JSON.stringify({taskArn: `arn:aws:ecs:us-east-1:1:task/c/${i}`, cpu: 'lots'}),
        ][i % 3];
      const lines = Array.from({length: GARBAGE_LINES}, (_, i) => `${other(i)}\n`).join('');
      const path = file('other.ndjson', `${lines}${valid}`);
      expect((await failure(read([path], {skipInvalid: true}))).message).toContain('none of its first 1,000 lines');
      // Events of other kinds are what a mixed log holds: ignored, and they keep the file a history.
      const ignored = JSON.stringify({...EVENTS[1], 'detail-type': 'EC2 Instance State-change Notification'});
      const mixed = file('mixed.ndjson', `${`${ignored}\n`.repeat(5)}${lines}${valid}`);
      const result = await read([mixed], {skipInvalid: true});
      // A list of two numbers is two malformed items: every third line counts twice.
      const invalid = GARBAGE_LINES + Math.floor(GARBAGE_LINES / 3);
      expect([result.records.length, result.sources[0]!.invalid, result.sources[0]!.ignored]).toEqual([1, invalid, 5]);
    });

    it('reads a file whose first JSON line comes before that, skipping the rest', async () => {
      const path = file('late.ndjson', `${junk(GARBAGE_LINES - 1)}${valid}${junk(5)}`);
      const result = await read([path], {skipInvalid: true});
      expect(result.records).toHaveLength(1);
      expect(result.sources[0]).toMatchObject({records: 1, invalid: GARBAGE_LINES - 1 + 5});
    });

    it('skips such a file found in a directory, counted as one skipped file, none of its lines an example', async () => {
      const dir = join(tmp, 'junk-dir');
      mkdirSync(dir, {recursive: true});
      writeFileSync(join(dir, 'a.ndjson'), junk(GARBAGE_LINES + 10));
      writeFileSync(join(dir, 'b.ndjson'), `${valid}not json\n`);
      const result = await read([dir], {skipInvalid: true});
      expect(result.records).toHaveLength(1);
      expect(result.skippedFiles).toBe(1);
      expect(result.sources.map((source) => source.path)).toEqual([join(dir, 'b.ndjson')]);
      expect(result.invalidExamples).toEqual([expect.stringMatching(/b\.ndjson:2: not valid JSON/)]);
    });

    it('reaches the same verdict in every partition, whichever lines each parses', async () => {
      const path = file('junk.ndjson', junk(GARBAGE_LINES + 10));
      for (const index of [0, 1]) {
        const error = await failure(
          readHistoryPaths([path], {
            stdin: Readable.from([]),
            skipInvalid: true,
            partition: {index, count: 2},
            onRecord: () => undefined,
          }),
        );
        expect(error.message).toContain('none of its first 1,000 lines holds an ECS task or event');
      }
    });
  });

  it('reads a broken first line of an .ndjson file as a broken line, not a document', async () => {
    const path = file('first.ndjson', `{"taskArn": \n${JSON.stringify(EVENTS[1])}\n`);
    expect((await failure(read([path]))).message).toMatch(/first\.ndjson:1: not valid JSON/);
  });

  it('names the line of a syntax error in a pretty-printed document', async () => {
    const path = file('pretty.json', '{\n  "tasks": [\n    {"taskArn": "a",}\n  ]\n}\n');
    expect((await failure(read([path]))).message).toMatch(/pretty\.json is not valid JSON \(line 3\)/);
  });

  it('names the item of a document that is malformed', async () => {
    const path = file(
      'items.json',
      JSON.stringify({tasks: [EVENTS[0]!['detail'], {taskArn: 'y', cpu: 'many'}]}, null, 2),
    );
    expect((await failure(read([path]))).message).toBe(`${path} (tasks[1]): cpu "many" is not a number of CPU units`);
  });

  it('names the line of a value nested too deeply to print (found by fuzzing)', async () => {
    // The stack overflow of printing it was reported as the file's own error, `events.ndjson: Maximum call stack...`.
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const path = file('deep.ndjson', `{"taskArn": "arn:aws:ecs:us-east-1:1:task/c/1", "cpu": ${deep}}\n`);
    expect((await failure(read([path]))).message).toBe(`${path}:1: cpu a list is not a number of CPU units`);
  });

  it('refuses describe-services output with a malformed strategy by name (found by fuzzing)', async () => {
    // A strategy item of null made a TypeError while the EC2 services were being left out: an internal error.
    const service = {serviceName: 'web', desiredCount: 1, capacityProviderStrategy: [null]};
    const path = file('services.json', JSON.stringify({services: [service]}, null, 2));
    expect((await failure(read([path]))).message).toBe(
      `${path} is not describe-services output: services.0.capacityProviderStrategy.0: Invalid input: expected object, received null`,
    );
    // An EC2 service is still left out, and a Fargate one read.
    const ec2 = {serviceName: 'ec2', desiredCount: 1, capacityProviderStrategy: [{capacityProvider: 'ec2-provider'}]};
    const mixed = file('mixed.json', JSON.stringify({services: [ec2, {serviceName: 'web', desiredCount: 2}]}, null, 2));
    expect((await read([mixed])).services.map((s) => s.name)).toEqual(['web']);
  });

  it('refuses a named file that is not a task history', async () => {
    const error = await failure(read([`${SAMPLES}/ecs/describe-task-definition__cli-v2-iso-local__fargate-x86.json`]));
    expect(error.message).toMatch(
      /describe-task-definition__cli-v2-iso-local__fargate-x86\.json is not an ECS task history/,
    );
    expect(error.hint).toContain('describe-tasks');
  });
});
