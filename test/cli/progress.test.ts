import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, describe, expect, it, vi} from 'vitest';
import {
  createProgress,
  LOADING_FRAME_MS,
  PROGRESS_DELAY_MS,
  PROGRESS_INTERVAL_MS,
  progressText,
  reportProgress,
  withProgress,
} from '../../src/cli/progress.js';
import {runCli, steppingClock} from '../helpers/cli.js';

/**
 * The progress line of long work: drawn on a terminal's stderr only, redrawn in place at most every
 * 100 ms by the clock it is given, cleared when the work ends or fails, never on stdout.
 */

const CLEAR = '\r\u001B[K';
const EVENTS = 'data/examples/history/events.ndjson';
const AS_OF = ['--as-of', '2026-11-04T00:00:00Z'];

const tmp = mkdtempSync(join(tmpdir(), 'fargate-cost-progress-'));
afterAll(() => rmSync(tmp, {recursive: true, force: true}));

/** The lines drawn, in order (what follows each clear), and what is left after the last clear. */
function frames(stderr: string): {drawn: string[]; after: string} {
  const parts = stderr.split(CLEAR);
  return {drawn: parts.slice(1, -1).filter((part) => part !== ''), after: parts.at(-1)!};
}

/** Every line drawn on a terminal, in order. */
const drawnOn = (text: string) => text.split(CLEAR).filter((part) => part !== '');

function terminal(columns?: number) {
  let text = '';
  return {
    stderr: {write: (chunk: string) => (text += chunk), isTTY: true, ...(columns ? {columns} : {})},
    get text() {
      return text;
    },
  };
}

describe('progressText', () => {
  it.each([
    [{task: 'reading history'}, 'reading history...'],
    [{task: 'reading history', records: 0, bytes: 0, totalBytes: 812}, 'reading history: 0 records, 0 of 812 B (0%)'],
    [
      {task: 'reading history', records: 1, bytes: 39_683, totalBytes: 39_683, billed: 1},
      'reading history: 1 record, 39.7 of 39.7 kB (100%), 1 task billed',
    ],
    [
      {task: 'reading history on 2 cores', records: 12_345, bytes: 45_249_999, totalBytes: 497_000_000, billed: 12_000},
      'reading history on 2 cores: 12,345 records, 45.2 of 497.0 MB (9%), 12,000 tasks billed',
    ],
    [{task: 'reading history', records: 3, bytes: 2_500_000_000}, 'reading history: 3 records, 2.5 GB'],
    [
      {task: 'reading cluster prod', listed: 1_200, records: 300, billed: 0, calls: 14, retries: 1},
      'reading cluster prod: 1,200 tasks listed, 300 records, 0 tasks billed, 14 AWS calls, 1 retry',
    ],
    [
      {task: 'refreshing prices', regions: 3, totalRegions: 17, calls: 1, retries: 2},
      'refreshing prices: 3 of 17 regions, 1 AWS call, 2 retries',
    ],
  ])('%j', (figures, text) => {
    expect(progressText(figures)).toBe(text);
  });
});

describe('the progress line', () => {
  afterEach(() => vi.useRealTimers());

  it('is none when stderr is not a terminal, or with --quiet', () => {
    expect(createProgress({stderr: {write: () => true}}, false, 'reading history')).toBeUndefined();
    expect(createProgress({stderr: {write: () => true, isTTY: false}}, false, 'reading history')).toBeUndefined();
    expect(createProgress(terminal(), true, 'reading history')).toBeUndefined();
  });

  it('is drawn first 250 ms after the start, then at most every 100 ms by its clock, however many updates come', () => {
    let now = 0;
    const tty = terminal();
    const progress = createProgress({...tty, clock: () => now}, false, 'reading history')!;
    for (let ms = 0; ms < 1000; ms += 5) {
      now = ms;
      progress.update({records: ms});
    }
    progress.end();
    expect(drawnOn(tty.text)).toEqual(
      Array.from({length: 8}, (_, i) => `reading history: ${PROGRESS_DELAY_MS + i * PROGRESS_INTERVAL_MS} records`),
    );
    expect(tty.text.endsWith(`records${CLEAR}`)).toBe(true);
  });

  it('shows nothing for work that ends within 250 ms: no line drawn and cleared in a flash', () => {
    vi.useFakeTimers();
    let now = 0;
    const tty = terminal();
    const progress = createProgress({...tty, clock: () => now}, false, 'reading history')!;
    progress.update({records: 1});
    now = PROGRESS_DELAY_MS - 10;
    progress.update({records: 2});
    progress.end();
    vi.advanceTimersByTime(1000);
    expect(tty.text).toBe('');
  });

  it('draws what changed within the interval at its end, even when nothing more comes', () => {
    vi.useFakeTimers();
    let now = 0;
    const tty = terminal();
    const progress = createProgress({...tty, clock: () => now}, false, 'reading cluster prod')!;
    progress.awsCall('call');
    expect(drawnOn(tty.text)).toEqual([]);
    now = PROGRESS_DELAY_MS;
    vi.advanceTimersByTime(PROGRESS_DELAY_MS);
    expect(drawnOn(tty.text)).toEqual(['reading cluster prod: 1 AWS call']);
    now += 30;
    progress.awsCall('retry');
    expect(drawnOn(tty.text)).toEqual(['reading cluster prod: 1 AWS call']);
    now += PROGRESS_INTERVAL_MS - 30;
    vi.advanceTimersByTime(PROGRESS_INTERVAL_MS - 30);
    expect(drawnOn(tty.text)).toEqual([
      'reading cluster prod: 1 AWS call',
      'reading cluster prod: 1 AWS call, 1 retry',
    ]);
  });

  it('clears itself once, and draws nothing after: not a pending update, not a late one', () => {
    vi.useFakeTimers();
    let now = PROGRESS_DELAY_MS;
    const tty = terminal();
    const progress = createProgress({...tty, clock: () => now}, false, 'reading history')!;
    now += PROGRESS_DELAY_MS;
    progress.update({records: 1});
    now += 50;
    progress.update({records: 2});
    progress.end();
    progress.end();
    now += 500;
    progress.update({records: 3});
    vi.advanceTimersByTime(1000);
    expect(tty.text).toBe(`${CLEAR}reading history: 1 record${CLEAR}`);
  });

  it('brings a line already on screen up to date before work that holds the thread; none before its delay', async () => {
    vi.useFakeTimers();
    let now = 0;
    const tty = terminal();
    const progress = createProgress({...tty, clock: () => now}, false, 'reading history')!;
    progress.update({records: 1});
    await progress.shown();
    expect(drawnOn(tty.text)).toEqual([]);
    now = PROGRESS_DELAY_MS;
    progress.update({records: 2});
    now += 10;
    progress.update({task: 'pricing the runs and grouping them'});
    expect(drawnOn(tty.text)).toEqual(['reading history: 2 records']);
    await progress.shown();
    expect(drawnOn(tty.text)).toEqual(['reading history: 2 records', 'pricing the runs and grouping them: 2 records']);
    progress.end();
  });

  it("explore's loading screen: each new text handed over, and a frame's wait before work that holds the thread", async () => {
    vi.useFakeTimers();
    const texts: string[] = [];
    const progress = reportProgress('reading history', (text) => texts.push(text));
    progress.update({records: 3});
    progress.update({records: 3});
    progress.update({task: 'pricing the runs and grouping them'});
    expect(texts).toEqual([
      'reading history...',
      'reading history: 3 records',
      'pricing the runs and grouping them: 3 records',
    ]);
    let resolved = false;
    const shown = progress.shown().then(() => {
      resolved = true;
    });
    await vi.advanceTimersByTimeAsync(LOADING_FRAME_MS - 1);
    expect(resolved).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await shown;
    expect(resolved).toBe(true);
  });

  it('writes nothing at all when nothing was drawn', () => {
    const tty = terminal();
    createProgress(tty, false, 'reading history')!.end();
    expect(tty.text).toBe('');
  });

  it('fits one line short of the terminal width, names made inert', () => {
    let now = 0;
    const tty = terminal(30);
    const progress = createProgress({...tty, clock: () => (now += 1000)}, false, 'reading cluster \u001B[31mx')!;
    progress.update({records: 123_456});
    expect(drawnOn(tty.text)).toEqual(['reading cluster \\x1b[31mx: 1…']);
    expect([...drawnOn(tty.text)[0]!]).toHaveLength(29);
  });

  it('is cleared when the work fails, and the failure goes on', async () => {
    const tty = terminal();
    const failing = withProgress({...tty, clock: steppingClock()}, false, 'refreshing prices', async (progress) => {
      progress!.update({regions: 1, totalRegions: 2});
      throw new Error('denied');
    });
    await expect(failing).rejects.toThrow('denied');
    expect(tty.text).toBe(`${CLEAR}refreshing prices: 1 of 2 regions${CLEAR}`);
  });
});

describe('history on a terminal', () => {
  it('shows the records, the bytes of the file and the tasks billed as it reads, then clears the line', async () => {
    const argv = ['history', EVENTS, ...AS_OF];
    const plain = await runCli(argv);
    const tty = await runCli(argv, {stderrTTY: true, clock: steppingClock()});
    expect([tty.code, tty.stdout]).toEqual([0, plain.stdout]);
    expect(plain.stderr).toBe('');
    const {drawn, after} = frames(tty.stderr);
    expect(tty.stderr.startsWith(CLEAR)).toBe(true);
    expect(after).toBe('');
    // 21 task records in 39,683 bytes; 8 tasks seen stopped (4 more are running, billed when the input ends).
    expect(drawn[0]).toBe('reading history: 0 records, 0.0 of 39.7 kB (0%)');
    expect(drawn.at(-2)).toBe('reading history: 21 records, 39.7 of 39.7 kB (100%), 8 tasks billed');
    // Then what holds the thread once everything is read, said before it starts.
    expect(drawn.at(-1)).toBe('pricing the runs and grouping them: 21 records, 39.7 of 39.7 kB (100%), 8 tasks billed');
    expect(tty.stdout).not.toContain('\u001B');
    expect(tty.stdout).not.toContain('reading');
  });

  it('counts the bytes of every file, and shows no total for standard input', async () => {
    const size = readFileSync(EVENTS).length + readFileSync('data/examples/history/describe-tasks.json').length;
    const files = await runCli(['history', EVENTS, 'data/examples/history/describe-tasks.json', ...AS_OF], {
      stderrTTY: true,
      clock: steppingClock(),
    });
    expect(frames(files.stderr).drawn.at(-2)).toMatch(
      new RegExp(
        `^reading history: \\d+ records, ${(size / 1000).toFixed(1)} of ${(size / 1000).toFixed(1)} kB \\(100%\\)`,
      ),
    );
    const stdin = await runCli(['history', '-', ...AS_OF], {
      stdin: readFileSync(EVENTS, 'utf8'),
      stderrTTY: true,
      clock: steppingClock(),
    });
    expect(frames(stdin.stderr).drawn.at(-2)).toBe('reading history: 21 records, 39.7 kB, 8 tasks billed');
  });

  it('shows nothing with --quiet, or when stderr is not a terminal', async () => {
    const quiet = await runCli(['history', EVENTS, ...AS_OF, '--quiet'], {stderrTTY: true, clock: steppingClock()});
    const piped = await runCli(['history', EVENTS, ...AS_OF], {stderrTTY: false, clock: steppingClock()});
    expect([quiet.code, quiet.stderr, piped.stderr]).toEqual([0, '', '']);
    expect(quiet.stdout).toBe(piped.stdout);
  });

  it('is cleared before a failure: the error is one clean line', async () => {
    const good = readFileSync(EVENTS, 'utf8');
    const path = join(tmp, 'broken.ndjson');
    writeFileSync(path, `${good}not json\n`);
    const result = await runCli(['history', path, ...AS_OF], {stderrTTY: true, clock: steppingClock()});
    expect(result.code).toBe(1);
    expect(frames(result.stderr).drawn.length).toBeGreaterThan(0);
    expect(frames(result.stderr).after).toMatch(/^fargate-cost: .*broken\.ndjson:\d+: not valid JSON .*\n$/);
    expect(result.stdout).toBe('');
  });

  it('shows the whole read on several cores: the slowest worker`s bytes, every worker`s records and tasks', async () => {
    // Worker threads run the built files.
    const argv = ['history', EVENTS, ...AS_OF];
    const one = await runCli(argv, {built: true});
    const two = await runCli(argv, {
      built: true,
      stderrTTY: true,
      clock: steppingClock(),
      env: {FARGATE_COST_WORKERS: '2'},
    });
    expect([two.code, two.stdout]).toEqual([0, one.stdout]);
    const {drawn, after} = frames(two.stderr);
    expect(after).toBe('');
    expect(drawn.at(-2)).toBe('reading history on 2 cores: 21 records, 39.7 of 39.7 kB (100%), 8 tasks billed');
    expect(drawn.at(-1)).toBe('pricing the runs and grouping them: 21 records, 39.7 of 39.7 kB (100%), 8 tasks billed');
  });
});

describe('compare on a terminal', () => {
  it('shows the history being read, then clears it before the result', async () => {
    const argv = ['compare', 'data/examples/history', ...AS_OF];
    const plain = await runCli(argv);
    const tty = await runCli(argv, {stderrTTY: true, clock: steppingClock()});
    expect([tty.code, tty.stdout]).toEqual([0, plain.stdout]);
    const {drawn, after} = frames(tty.stderr);
    expect(after).toBe('');
    expect(drawn.at(-2)).toMatch(/^reading history: \d+ records, 54\.0 of 54\.0 kB \(100%\), \d+ tasks billed$/);
    expect(drawn.at(-1)).toMatch(/^pricing the runs and grouping them: \d+ records, 54\.0 of 54\.0 kB/);
    expect((await runCli([...argv, '--quiet'], {stderrTTY: true})).stderr).toBe('');
  });
});
