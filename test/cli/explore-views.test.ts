import {Readable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {readExploreInputs} from '../../src/cli/commands/explore-action.js';
import type {CliIo} from '../../src/cli/io.js';
import {reportWidth} from '../../src/tui/components/ReportPage.js';
import {diffViewText} from '../../src/tui/state/diff.js';
import {reconcileViewText} from '../../src/tui/state/reconcile.js';
import type {ReportText} from '../../src/tui/state/report-page.js';
import {rightsizeViewText} from '../../src/tui/state/rightsize.js';
import {runCli} from '../helpers/cli.js';

/*
 * explore's Diff, Reconcile and Rightsize views show what `diff`, `reconcile` and `rightsize` print
 * for the same inputs: read through explore's own path (readExploreInputs), laid out at the width
 * an 80-column explore gives them, the view's lines are the command's lines at that width. The
 * headline figures are the ones docs/diff.md, docs/reconcile.md and docs/rightsize.md show for
 * these fixtures (worked by hand in the fixtures' READMEs).
 */

// After the history's --as-of, as docs/reconcile.md runs it.
const NOW = new Date('2026-12-06T00:00:00Z');
const WIDTH = reportWidth(80);

const NO_AWS = {
  AWS_CONFIG_FILE: '/nonexistent/aws/config',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws/credentials',
  FARGATE_COST_CACHE_DIR: '/nonexistent/fargate-cost-test-cache',
};

function readerIo(): CliIo {
  return {
    stdout: {write: () => true, isTTY: true},
    stderr: {write: () => true},
    stdin: Object.assign(Readable.from([]), {isTTY: true}) as unknown as CliIo['stdin'],
    env: {...NO_AWS},
    now: () => NOW,
  };
}

const lines = (text: ReportText) => [...text.head, ...text.body].map((line) => line.text);

/** The command's table output at the view's width, line by line. */
async function printed(argv: string[], exitCode = 0): Promise<string[]> {
  const {code, stdout, stderr} = await runCli([...argv, '--no-color'], {
    now: NOW,
    env: NO_AWS,
    isTTY: true,
    columns: WIDTH,
  });
  expect([code, stderr]).toEqual([exitCode, '']);
  const out = stdout.replace(/\n+$/, '').split('\n');
  // The view drops the blank line between the headline and the body (the body scrolls under it).
  const blank = out.indexOf('');
  return [...out.slice(0, blank), ...out.slice(blank + 1)];
}

describe("explore's views of the other commands' results", () => {
  it('--diff BASE HEAD: the Diff view is `fargate-cost diff BASE HEAD`, line for line', async () => {
    const base = 'test/fixtures/diff/base.yaml';
    const head = 'test/fixtures/diff/head.yaml';
    const read = await readExploreInputs([], {diff: [base, head]}, readerIo());
    const text = diffViewText(read.views.diff!, WIDTH);
    expect(text.head.map((line) => line.text)).toContain('On-Demand monthly: $81.09 -> $143.02 (+$61.93)');
    expect(lines(text)).toEqual(await printed(['diff', base, head]));
    // Nothing else was given: the Estimate view starts from 1 vCPU and 2 GB.
    expect(read.history).toBeUndefined();
    expect(read.views.reconcile).toBeUndefined();
  });

  it('--diff PLAN: one Terraform plan, its before and after, as diff reads it', async () => {
    const plan = 'test/fixtures/terraform/plan-modules.json';
    const read = await readExploreInputs([], {diff: [plan]}, readerIo());
    expect(lines(diffViewText(read.views.diff!, WIDTH))).toEqual(await printed(['diff', plan]));
  });

  it('a history and its bill: the Reconcile view is `fargate-cost reconcile --history H --bill B`', async () => {
    const history = 'test/fixtures/bill/history.ndjson';
    const bill = 'test/fixtures/bill/cur2.csv.gz';
    const read = await readExploreInputs([history, bill], {asOf: '2026-12-01T00:00:00Z'}, readerIo());
    const result = read.views.reconcile!;
    if ('error' in result) throw new Error(result.error);
    const text = reconcileViewText(result, WIDTH);
    expect(text.head.map((line) => line.text)).toEqual([
      'fargate-cost reconcile: all 68 cells agree',
      '68 agree, 0 differ, 0 history only, 0 bill only',
    ]);
    expect(lines(text)).toEqual(
      await printed(['reconcile', '--history', history, '--bill', bill, '--as-of', '2026-12-01T00:00:00Z']),
    );
    // Both are still there to look at, each in its own view.
    expect(read.history?.result.tasks.billed).toBe(7);
    expect(read.bill?.result.totals.paid.toString()).toBe('1.3476601474');
  });

  it('--rightsize-input EVENTS: the Rightsize view is `fargate-cost rightsize EVENTS`', async () => {
    const events = 'test/fixtures/insights/events.ndjson.gz';
    const read = await readExploreInputs([], {rightsizeInput: [events]}, readerIo());
    const text = rightsizeViewText(read.views.rightsize!, WIDTH);
    expect(text.head[0]!.text).toBe('fargate-cost rightsize: 3 services or families: 1 to shrink, 0 to grow; saves');
    expect(text.head[1]!.text).toBe('  $121.10 a month');
    expect(lines(text)).toEqual(await printed(['rightsize', events]));
  });

  it('a bill with split cost allocation data: a Rightsize view, as `fargate-cost rightsize BILL`', async () => {
    const bill = 'test/fixtures/bill/cur2.parquet';
    const read = await readExploreInputs([bill], {}, readerIo());
    const text = rightsizeViewText(read.views.rightsize!, WIDTH);
    expect(text.head[0]!.text).toMatch(/^fargate-cost rightsize: 1 service or family: 0 to shrink, 0 to grow; no/);
    expect(lines(text)).toEqual(await printed(['rightsize', bill]));
  });

  it('a bill without split cost allocation data: no Rightsize view', async () => {
    const read = await readExploreInputs(['test/fixtures/bill/focus.csv'], {}, readerIo());
    expect(read.bill).toBeDefined();
    expect(read.views.rightsize).toBeUndefined();
  });

  it.each([
    [
      [],
      {diff: ['test/fixtures/diff/base.yaml', 'test/fixtures/diff/head.yaml', 'data/examples/web-service.json']},
      '--diff takes BASE and HEAD, or one Terraform plan; it was given 3 paths',
    ],
    [
      ['test/fixtures/bill/cur2.parquet', 'data/examples/history'],
      {from: '2026-11-01'},
      'with a history and a bill, explore reconciles the whole of both: --from, --to and --service do not apply',
    ],
  ])('%j %j is refused in one line', async (paths, flags, message) => {
    await expect(readExploreInputs(paths, flags, readerIo())).rejects.toThrow(message);
  });
});
