import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {gunzipSync} from 'node:zlib';
import {afterAll, describe, expect, it} from 'vitest';
import {D} from '../../src/money/decimal.js';
import {runCli} from '../helpers/cli.js';

/** `history BILL` and `compare BILL` from the command line: the bill's totals, and what is refused. */

const dir = mkdtempSync(join(tmpdir(), 'fargate-cost-history-bill-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

const CSV = 'test/fixtures/bill/cur2.csv.gz';
const csvText = () => gunzipSync(readFileSync(CSV)).toString('utf8');

/** Splits the fixture's CSV (its quoted cells hold no newline). */
function rows(text: string): Record<string, string>[] {
  const lines = text.trim().split('\n');
  const split = (line: string) => {
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') (cell += '"'), i++;
        else if (c === '"') quoted = false;
        else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') cells.push(cell), (cell = '');
      else cell += c;
    }
    cells.push(cell);
    return cells;
  };
  const header = split(lines[0]!);
  return lines.slice(1).map((line) => Object.fromEntries(split(line).map((v, i) => [header[i]!, v])));
}

describe('history BILL', () => {
  it("gives the bill's totals exactly: charged is the sum of the Fargate lines' unblended cost", async () => {
    const fargate = rows(csvText()).filter(
      (row) => row['line_item_product_code'] === 'AmazonECS' && row['line_item_usage_type']!.includes('Fargate-'),
    );
    const charged = fargate.reduce((sum, row) => sum.plus(row['line_item_unblended_cost']!), new D(0));
    const vcpu = fargate
      .filter((row) => row['line_item_usage_type']!.endsWith('vCPU-Hours:perCPU'))
      .reduce((sum, row) => sum.plus(row['line_item_usage_amount']!), new D(0));
    const {code, stdout, stderr} = await runCli(['history', CSV, '--format', 'json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.kind).toBe('bill');
    expect(json.totals.charged).toBe(charged.toString());
    expect(json.totals.vcpuHours).toBe(vcpu.toString());
  });

  it('reads the same bill from Parquet, CSV, the legacy CUR and FOCUS to the same totals', async () => {
    const totals = async (path: string) =>
      JSON.parse((await runCli(['history', path, '--format', 'json'])).stdout).totals;
    const parquet = await totals('test/fixtures/bill/cur2.parquet');
    expect(await totals(CSV)).toEqual(parquet);
    expect(await totals('test/fixtures/bill/cur-legacy.csv')).toEqual(parquet);
    expect(await totals('test/fixtures/bill/export')).toEqual(parquet);
    // FOCUS has no negation lines: the same totals, its line count apart.
    expect({...(await totals('test/fixtures/bill/focus.csv')), lines: parquet.lines}).toEqual(parquet);
  });

  it('refuses task records and a bill in one run, and the flags of task records', async () => {
    const mixed = await runCli(['history', CSV, 'data/examples/history/events.ndjson']);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/task records or a bill, not both.*reconcile/);
    for (const flag of [
      ['--top', '3'],
      ['--group-by', 'day'],
      ['--as-of', '2026-11-20'],
      ['--service', 'api'],
    ]) {
      const result = await runCli(['history', CSV, ...flag]);
      expect(result.code, flag[0]).toBe(2);
      expect(result.stderr).toContain(`${flag[0]} applies to task records, not to a bill`);
    }
  });

  it('refuses a CSV that is not a cost export, in one line', async () => {
    const path = join(dir, 'people.csv');
    writeFileSync(path, 'name,age\nann,3\n');
    const {code, stderr} = await runCli(['history', path]);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('is not a cost export');
  });

  it('refuses a bill in another currency', async () => {
    const path = join(dir, 'cny.csv');
    writeFileSync(path, csvText().replaceAll(',USD,', ',CNY,'));
    const {code, stderr} = await runCli(['history', path]);
    expect(code).toBe(1);
    expect(stderr).toContain('in CNY: fargate-cost reads bills in US dollars');
  });

  it('reads a daily export but will not compare it', async () => {
    // The same lines, each made a day long.
    const daily = csvText().replace(
      /(2026-11-\d\dT\d\d:00:00\.000Z),(2026-1[12]-\d\dT\d\d:00:00\.000Z)/g,
      (_, start: string) => {
        const end = new Date(Date.parse(start) + 86_400_000).toISOString();
        return `${start},${end}`;
      },
    );
    const path = join(dir, 'daily.csv');
    writeFileSync(path, daily);
    const history = await runCli(['history', path]);
    expect(history.code).toBe(0);
    expect(history.stdout.split('\n')[0]).toContain('(cur2, daily)');
    expect(history.stdout).toContain('the export is daily');
    const reconcile = await runCli([
      'reconcile',
      '--history',
      'test/fixtures/bill/history.ndjson',
      '--bill',
      path,
      '--as-of',
      '2026-11-20T00:00:00Z',
    ]);
    expect(reconcile.code).toBe(1);
    expect(reconcile.stderr).toContain('the bill is daily: compare and reconcile work hour by hour');
    const compare = await runCli(['compare', path]);
    expect(compare.code).toBe(1);
    expect(compare.stderr).toContain('the bill is daily: compare and reconcile work hour by hour');
  });

  it('reconcile fails on a bill line it cannot read, and on a task the history missed', async () => {
    const history = 'test/fixtures/bill/history.ndjson';
    const asOf = ['--as-of', '2026-12-01T00:00:00Z'];
    const now = new Date('2026-12-01T12:00:00Z');
    const text = csvText();
    const [header, ...lines] = text.trim().split('\n');
    const unreadable = join(dir, 'unreadable.csv');
    // The first Fargate line's unblended cost made unreadable.
    const first = lines.findIndex((line) => line.includes('USE1-Fargate-vCPU-Hours'));
    lines[first] = lines[first]!.replace(/,(0\.\d+),\$/, ',abc,$');
    writeFileSync(unreadable, [header, ...lines].join('\n'));
    const bad = await runCli(['reconcile', '--history', history, '--bill', unreadable, ...asOf], {now});
    expect(bad.code).toBe(6);
    expect(bad.stderr).toContain('1 usage line of the bill could not be read');
    // The bill without one task (2 vCPU with 50 GiB, 2026-11-06): the history has it, the bill does not.
    const missing = join(dir, 'missing.csv');
    writeFileSync(
      missing,
      text
        .split('\n')
        .filter((line) => !line.includes('5f60718293a4b526d7e8f9a0b1c2d345'))
        .join('\n'),
    );
    const result = await runCli(['reconcile', '--history', history, '--bill', missing, ...asOf, '--format', 'json'], {
      now,
    });
    expect(result.code).toBe(6);
    expect(result.stderr).toMatch(/reconcile: \d+ of \d+ cells differ \(1 task\)/);
    // The bill without the service's task, weeks after the others: the billing period still covers it.
    const late = join(dir, 'late.csv');
    writeFileSync(
      late,
      text
        .split('\n')
        .filter((line) => !line.includes('task/prod/'))
        .join('\n'),
    );
    const lateResult = await runCli(['reconcile', '--history', history, '--bill', late, ...asOf], {now});
    expect(lateResult.code).toBe(6);
    expect(lateResult.stderr).toContain('reconcile: 48 of 68 cells differ (1 task)');
  });

  it('compare refuses --strategy with a bill', async () => {
    const {code, stderr} = await runCli(['compare', CSV, '--strategy', 'FARGATE:weight=1']);
    expect(code).toBe(2);
    expect(stderr).toContain('a bill has no task sizes to re-buy');
  });
});

describe("a bill's window", () => {
  const PARQUET = 'test/fixtures/bill/cur2.parquet';
  const json = async (args: string[]) => {
    const {code, stdout, stderr} = await runCli(args);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    return JSON.parse(stdout);
  };

  it('is the billing period the export states: 720 hours of November, the projection paid / 720 x 730', async () => {
    const bill = await json(['history', PARQUET, '--format', 'json']);
    expect(bill.window).toEqual({from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z', hours: '720'});
    // The README's paid 1.3476601474 over 720 hours, times a 730-hour month.
    expect(bill.totals.paid).toBe('1.3476601474');
    expect(new D(bill.projection.monthlyPaid).toFixed(10)).toBe(new D('1.3476601474').div(720).times(730).toFixed(10));
    expect(new D(bill.projection.monthlyPaid).toFixed(4)).toBe('1.3664'); // 1.3476601474 + 1.3476601474 / 72
    expect(new D(bill.projection.monthlyPublicOnDemand).toFixed(4)).toBe('1.3714'); // 1.3525971474 x 73 / 72
    // One row an hour, idle hours and the Savings Plan's fee-only hours included, none past the window.
    expect(bill.hourly).toHaveLength(720);
    expect(bill.hourly[0].start).toBe('2026-11-01T00:00:00.000Z');
    expect(bill.hourly.at(-1).start).toBe('2026-11-30T23:00:00.000Z');
    expect(bill.hourly.filter((hour: {commitment: unknown}) => hour.commitment !== null)).toHaveLength(25);
  });

  it('is the same from the legacy CUR, FOCUS and the export folder', async () => {
    for (const path of [
      'test/fixtures/bill/cur-legacy.csv',
      'test/fixtures/bill/focus.csv',
      'test/fixtures/bill/export',
    ]) {
      const bill = await json(['history', path, '--format', 'json']);
      expect([path, bill.window.hours, bill.hourly.length]).toEqual([path, '720', 720]);
    }
  });

  it('is --from to --to when given: 96 hours for 3 to 7 November', async () => {
    const bill = await json(['history', PARQUET, '--from', '2026-11-03', '--to', '2026-11-07', '--format', 'json']);
    expect(bill.window).toEqual({from: '2026-11-03T00:00:00.000Z', to: '2026-11-07T00:00:00.000Z', hours: '96'});
    expect(bill.hourly).toHaveLength(96);
    // Tasks 1 to 6 (README): 0.0186166041 + 0.0164583334 + 0.0085646249 + 0.01571925 + 0.006288335 + 0.10207.
    expect(bill.totals.paid).toBe('0.1677171474');
    expect(new D(bill.projection.monthlyPaid).toFixed(6)).toBe('1.275349'); // 0.1677171474 / 96 x 730
    // --from alone runs to the period's end; --to alone from its start.
    const from = await json(['history', PARQUET, '--from', '2026-11-29', '--format', 'json']);
    expect([from.window.to, from.window.hours, from.hourly.length]).toEqual(['2026-12-01T00:00:00.000Z', '48', 48]);
    const to = await json(['history', PARQUET, '--to', '2026-11-02', '--format', 'json']);
    expect([to.window.from, to.window.hours]).toEqual(['2026-11-01T00:00:00.000Z', '24']);
  });

  it('compare profiles every hour of the window, idle ones included', async () => {
    const month = await json(['compare', PARQUET, '--format', 'json']);
    expect(month.input.hours).toBe(720);
    const week = await json(['compare', PARQUET, '--from', '2026-11-03', '--to', '2026-11-07', '--format', 'json']);
    expect(week.input.hours).toBe(96);
  });

  it('with no Fargate usage in it, history says so and compare refuses', async () => {
    const args = ['history', PARQUET, '--from', '2026-11-10', '--to', '2026-11-12'];
    const history = await runCli(args);
    expect(history.code).toBe(0);
    const lines = history.stdout.split('\n');
    expect(lines[1]).toBe('window 2026-11-10 00:00:00Z to 2026-11-12 00:00:00Z (48 hours)');
    expect(lines[3]).toBe('no Fargate usage in the window');
    expect(history.stdout).not.toMatch(/^ +;/m);
    expect(history.stdout).not.toContain('Paid $0.00');
    expect(history.stdout).not.toContain('Projection');
    const markdown = await runCli([...args, '--format', 'markdown']);
    expect(markdown.stdout).toContain('**no Fargate usage in the window**\n');
    expect(JSON.parse((await runCli([...args, '--format', 'json'])).stdout).projection).toBeNull();
    const compare = await runCli(['compare', PARQUET, '--from', '2026-11-10', '--to', '2026-11-12']);
    expect(compare.code).toBe(1);
    expect(compare.stderr).toContain('nothing to compare');
  });
});
