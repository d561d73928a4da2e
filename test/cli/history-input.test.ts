import {randomBytes} from 'node:crypto';
import {mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {runCli} from '../helpers/cli.js';

/** What `history` refuses, and how: one line, a documented exit code, nothing on stdout. */

const tmp = mkdtempSync(join(tmpdir(), 'fargate-cost-history-input-'));
afterAll(() => rmSync(tmp, {recursive: true, force: true}));
const EVENTS = readFileSync('data/examples/history/events.ndjson', 'utf8').trim().split('\n');
const AS_OF = '2026-11-04T00:00:00Z';

function file(name: string, content: string | Buffer): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

async function refused(args: string[], code: number) {
  const result = await runCli(['history', ...args]);
  expect([result.code, result.stdout]).toEqual([code, '']);
  expect(result.stderr.split('\n')).toHaveLength(2); // one line and its newline
  return result.stderr;
}

describe('history: dates and times', () => {
  it('refuses a day that does not exist in a record, naming the file and line', async () => {
    const stopped = EVENTS.find((line) => line.includes('"stoppedAt"'))!;
    const path = file(
      'feb30.ndjson',
      [EVENTS[0], stopped.replace(/"stoppedAt":"[^"]+"/, '"stoppedAt":"2026-02-30T10:00:00Z"')].join('\n'),
    );
    expect(await refused([path, '--as-of', AS_OF], 1)).toMatch(
      /feb30\.ndjson:2: stoppedAt "2026-02-30T10:00:00Z" is not a date: 2026-02-30 does not exist/,
    );
  });

  it('refuses an --as-of in the future and a --from before Fargate, saying the span', async () => {
    expect(await refused(['data/examples/history', '--as-of', '2999-01-01'], 2)).toMatch(
      /--as-of 2999-01-01 is in the future: running tasks would be billed for 972\.1 years/,
    );
    expect(await refused(['data/examples/history', '--from', '0001-01-01'], 2)).toMatch(
      /--from 0001-01-01 is before Fargate existed \(2017-11-29\): the window would cover 2025\.9 years/,
    );
  });
});

describe('history: input that holds no history', () => {
  it('with --skip-invalid and nothing valid, exits 1 instead of billing $0', async () => {
    const path = file('junk.ndjson', '{"a": 1}\n{"b": 2}\nnot json\n');
    expect(await refused([path, '--skip-invalid', '--as-of', AS_OF], 1)).toMatch(
      /^fargate-cost: no valid record in the history: 3 malformed records were skipped; first: .*junk\.ndjson:1/,
    );
  });

  it('refuses binary data at its first byte', async () => {
    const path = file('noise.json', Buffer.concat([Buffer.from([0x00, 0xff, 0x13]), randomBytes(4096)]));
    expect(await refused([path], 1)).toMatch(/noise\.json is not JSON: it does not start with \{ or \[/);
  });

  it('refuses a document that turns to noise at the first wrong byte, naming the line', async () => {
    const noise = Buffer.concat([Buffer.from('{\n  "tasks": [\n    {"taskArn": @'), randomBytes(1 << 16)]);
    expect(await refused([file('doc.json', noise)], 1)).toMatch(
      /doc\.json is not valid JSON \(line 3\): unexpected "@"/,
    );
  });

  it('refuses a line longer than 16 MB, or counts it with --skip-invalid without holding it', async () => {
    const long = `{"taskArn": "${'x'.repeat(17 * 2 ** 20)}"}`;
    const path = file('long.ndjson', `${EVENTS[0]}\n${long}\n${EVENTS[1]}\n`);
    expect(await refused([path, '--as-of', AS_OF], 1)).toMatch(
      /long\.ndjson:2: a line longer than 16 MB: not an NDJSON record/,
    );
    const skipped = await runCli(['history', path, '--skip-invalid', '--as-of', AS_OF, '--format', 'json']);
    expect(skipped.code).toBe(0);
    expect(JSON.parse(skipped.stdout).records).toMatchObject({read: 2, invalid: 1});
  });
});

describe('history: files that cannot be read', () => {
  it('names a dangling link found in a directory, on one line, exit 1 (not an internal error)', async () => {
    const dir = join(tmp, 'dangling');
    mkdirSync(dir);
    writeFileSync(join(dir, 'events.ndjson'), `${EVENTS.join('\n')}\n`);
    symlinkSync(join(tmp, 'nowhere.json'), join(dir, 'gone.json'));
    expect(await refused([dir, '--as-of', AS_OF], 1)).toMatch(/gone\.json: no such file/);
  });
});
