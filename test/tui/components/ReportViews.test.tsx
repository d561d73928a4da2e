import {Readable} from 'node:stream';
import {cleanup, render} from 'ink-testing-library';
import chalk from 'chalk';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {type ExploreInputsRead, readExploreInputs} from '../../../src/cli/commands/explore-action.js';
import type {CliIo} from '../../../src/cli/io.js';
import {App} from '../../../src/tui/App.js';
import {KEY, press, textOf, waitForInput, waitForText} from '../helpers/ink.js';

/*
 * The Diff, Reconcile and Rightsize views as a person sees them at 80 x 24 (the design size) and
 * 120 x 40: the headline figures on screen from the first frame (the ones docs/diff.md,
 * docs/reconcile.md and docs/rightsize.md show for these fixtures), the rest scrolling with ↑/↓,
 * PgDn and End, the cut list saying where it stands.
 */

const NOW = new Date('2026-12-06T00:00:00Z');

function readerIo(): CliIo {
  return {
    stdout: {write: () => true, isTTY: true},
    stderr: {write: () => true},
    stdin: Object.assign(Readable.from([]), {isTTY: true}) as unknown as CliIo['stdin'],
    env: {
      AWS_CONFIG_FILE: '/nonexistent/aws/config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws/credentials',
      FARGATE_COST_CACHE_DIR: '/nonexistent/fargate-cost-test-cache',
    },
    now: () => NOW,
  };
}

let diffRead: ExploreInputsRead;
let bothRead: ExploreInputsRead;
let eventsRead: ExploreInputsRead;

beforeAll(async () => {
  [diffRead, bothRead, eventsRead] = await Promise.all([
    readExploreInputs([], {diff: ['test/fixtures/diff/base.yaml', 'test/fixtures/diff/head.yaml']}, readerIo()),
    readExploreInputs(
      ['test/fixtures/bill/history.ndjson', 'test/fixtures/bill/cur2.csv.gz'],
      {asOf: '2026-12-01T00:00:00Z'},
      readerIo(),
    ),
    readExploreInputs([], {rightsizeInput: ['test/fixtures/insights/events.ndjson.gz']}, readerIo()),
  ]);
}, 60_000);
afterEach(() => cleanup());

function mount(read: ExploreInputsRead, columns: number, rows: number) {
  return render(
    <App
      estimate={read.estimate}
      initialEstimate={read.initialEstimate}
      history={read.history}
      bill={read.bill}
      {...read.views}
      colors={false}
      size={{columns, rows}}
    />,
  );
}

function fits(frame: string, columns: number, rows: number) {
  const lines = frame.split('\n');
  // ink draws one row fewer than the terminal (see layout.ts).
  expect(lines.length).toBeLessThanOrEqual(rows - 1);
  for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(columns);
}

describe('the Diff view', () => {
  it('80 x 24: the total before -> after on top, the items under it, the list saying where it stands', async () => {
    const app = mount(diffRead, 80, 24);
    const frame = await waitForText(app, 'On-Demand monthly: $81.09 -> $143.02 (+$61.93)');
    fits(frame, 80, 24);
    const lines = frame.split('\n');
    expect(lines[0]).toMatch(/fargate-cost explore\s+Diff\s+Estimate\s+Compare/);
    expect(frame).toMatch(/WebService\s+changed\s+\$36\.04\s+\$119\.60\s+\+\$83\.56\s+CPU units 512 -> /);
    expect(frame).toMatch(/WorkerService\s+added\s+-\s+\$14\.42\s+\+\$14\.42/);
    expect(frame).toMatch(/total\s+\$81\.09\s+\$143\.02\s+\+\$61\.93/);
    expect(frame).toMatch(/lines 1–\d+ of \d+/);
    // The last line on screen is marked: more lines below.
    expect(lines.some((line) => line.startsWith('↓ '))).toBe(true);
    expect(lines.at(-1)).toMatch(/↑↓ scroll\s+PgUp\/PgDn page\s+Tab view\s+\? help\s+q quit/);
  });

  it('↓ scrolls a line and keeps the headline; End shows the assumptions; Home goes back', async () => {
    const app = mount(diffRead, 80, 24);
    await waitForInput(app);
    await waitForText(app, 'lines 1–');
    const down = await press(app, KEY.down);
    expect(down).toMatch(/lines 2–/);
    expect(down).toContain('On-Demand monthly: $81.09 -> $143.02 (+$61.93)');
    expect(down.split('\n').some((line) => line.startsWith('↑ '))).toBe(true);
    const end = await press(app, '\u001B[F');
    expect(end).toMatch(/a changed item is matched by name on both sides/);
    expect(end).toMatch(/lines \d+–(\d+) of \1/);
    expect(end).toContain('On-Demand monthly: $81.09 -> $143.02 (+$61.93)');
    const home = await press(app, '\u001B[H');
    expect(home).toMatch(/lines 1–/);
  });

  it('120 x 40: every purchase option in total shows without scrolling', async () => {
    const app = mount(diffRead, 120, 40);
    const frame = await waitForText(app, 'Every purchase option, in total');
    fits(frame, 120, 40);
    expect(frame).toMatch(/Compute SP 3 yr All Upfront\s+\$38\.92\s+\$74\.76\s+\+\$35\.84/);
    expect(frame).toMatch(
      /WebService\s+changed\s+\$36\.04\s+\$119\.60\s+\+\$83\.56\s+CPU units 512 -> 1024; memory MiB/,
    );
  });
});

describe('the Reconcile view (a history and its bill)', () => {
  it('80 x 24: opens first, with whether every cell agrees and the counts; the tab bar stays whole', async () => {
    const app = mount(bothRead, 80, 24);
    const frame = await waitForText(app, 'fargate-cost reconcile: all 68 cells agree');
    fits(frame, 80, 24);
    const lines = frame.split('\n');
    // Six views do not fit with the full title: the bar tightens rather than wraps.
    expect(lines[0]).toMatch(/^fargate-cost\s+Reconcile\s+History\s+Bill\s+Rightsize\s+Compare\s+Estimate\s*$/);
    expect(frame).toContain('68 agree, 0 differ, 0 history only, 0 bill only');
    expect(frame).toContain('Totals by dimension');
    // The table laid out for 77 columns (80 less the scroll marks' margin), never wrapped: each row on
    // one line with the bill's cost and the difference (bill - model); the quantities and the model's cost give way first. Totals worked by hand in test/fixtures/bill/README.md: model 1.3525971475,
    // bill 1.3525971474.
    expect(frame).toMatch(/^ {2}dimension\s+purchase\s+cells\s+bill cost\s+difference$/m);
    expect(frame).toMatch(/^ {2}linux-x86_64-vcpu\s+On-Demand\s+28\s+\$1\.0677443333\s+-\$0\.000000000033$/m);
    expect(frame).toMatch(/^ {2}total\s+68\s+\$1\.3525971474\s+-\$0\.0000000001$/m);
    const table = lines.slice(lines.findIndex((line) => line.includes('─────')) + 1);
    const rows = table.slice(0, table.findIndex((line) => /^ {2}total /.test(line)) + 1);
    expect(rows).toHaveLength(13);
    for (const row of rows)
      expect(row, 'a row of its own, not a wrapped one').toMatch(/^ {2}(linux|windows|storage|total)\S*\s/);
  });

  it('120 x 40: the totals by dimension, model against bill; the Rightsize view of the bill comes after the Bill view', async () => {
    const app = mount(bothRead, 120, 40);
    const frame = await waitForText(app, 'all 68 cells agree');
    fits(frame, 120, 40);
    // As reconcile prints it at this width: the quantity difference and the model's quantity give way,
    // the dimension and the figures stay whole.
    expect(frame).toMatch(/^ {2}dimension\s+purchase\s+cells\s+bill quantity\s+model cost\s+bill cost\s+difference$/m);
    expect(frame).toMatch(
      /linux-x86_64-vcpu\s+On-Demand\s+28\s+26\.3770833333\s+\$1\.067744333333\s+\$1\.0677443333\s+-\$0\.000000000033/,
    );
    expect(frame).toMatch(/total\s+68\s+\$1\.3525971475\s+\$1\.3525971474\s+-\$0\.0000000001/);
    await waitForInput(app);
    // Reconcile, History, Bill, then Rightsize: after the bill it comes from.
    await press(app, KEY.tab);
    await press(app, KEY.tab);
    const rightsize = await press(app, KEY.tab);
    expect(rightsize).toContain('fargate-cost rightsize: 1 service or family: 0 to shrink, 0 to grow; no saving');
  });
});

describe('the tab bar with six views (a history and its bill) in a small terminal', () => {
  // ink draws inverse through chalk, which decides from the test's stdout (not a terminal): force it.
  const chalkLevel = chalk.level;
  beforeAll(() => {
    chalk.level = 3;
  });
  afterAll(() => {
    chalk.level = chalkLevel;
  });
  /** The header's row as drawn, and the text ink draws inverse on it (the active tab). */
  const header = (app: ReturnType<typeof mount>) => {
    const raw = (app.lastFrame() ?? '').split('\n')[0]!;
    return {text: textOf(raw).trimEnd(), active: /\u001B\[7m(?:\u001B\[\d+m)*([^\u001B]*)/.exec(raw)?.[1]};
  };

  it('40 x 10: one line, the active tab whole and inverse, the others short, ‹ › where some are hidden', async () => {
    const app = mount(bothRead, 40, 10);
    const frame = await waitForText(app, 'Reconcile');
    fits(frame, 40, 10);
    // Worked by hand in test/tui/layout.test.ts: 11+6+6+7+6 columns and the mark; Estimate is hidden.
    expect(header(app)).toEqual({text: ' Reconcile  Hist  Bill  Right  Comp ›', active: ' Reconcile '});
    await waitForInput(app);
    await press(app, KEY.tab);
    expect(header(app)).toEqual({text: ' Recon  History  Bill  Right  Comp ›', active: ' History '});
    await press(app, KEY.tab);
    expect(header(app)).toEqual({text: ' Recon  Hist  Bill  Right  Comp  Est', active: ' Bill '});
    await press(app, KEY.tab);
    await press(app, KEY.tab);
    await press(app, KEY.tab);
    expect(header(app)).toEqual({text: '‹ Hist  Bill  Right  Comp  Estimate', active: ' Estimate '});
    fits(textOf(app.lastFrame()), 40, 10);
  });

  it('55 x 20: every tab on one line, the others short', async () => {
    const app = mount(bothRead, 55, 20);
    const frame = await waitForText(app, 'Reconcile');
    fits(frame, 55, 20);
    expect(header(app)).toEqual({text: ' Reconcile   Hist   Bill   Right   Comp   Est', active: ' Reconcile '});
    await waitForInput(app);
    await press(app, KEY.tab);
    await press(app, KEY.tab);
    expect(header(app)).toEqual({text: ' Recon   Hist   Bill   Right   Comp   Est', active: ' Bill '});
  });
});

describe('the Rightsize view', () => {
  it('80 x 24: how many shrink and the saving on top, the services under it', async () => {
    const app = mount(eventsRead, 80, 24);
    const frame = await waitForText(app, 'fargate-cost rightsize: 3 services or families');
    fits(frame, 80, 24);
    expect(frame).toMatch(/1 to shrink, 0 to grow; saves\s+\$121\.10 a month/);
    expect(frame).toContain('Recommended sizes');
    expect(frame).toMatch(/web\s+prod\s+2 vCPU \/ 8 GB\s+0\.5 vCPU \/ 3 GB\s+shrink/);
  });

  it('120 x 40: current and recommended, cost now and after, the saving, in one row each', async () => {
    const app = mount(eventsRead, 120, 40);
    const frame = await waitForText(app, 'saves $121.10 a month');
    fits(frame, 120, 40);
    expect(frame).toMatch(
      /web\s+prod\s+2 vCPU \/ 8 GB\s+0\.5 vCPU \/ 3 GB\s+shrink\s+\$170\.12\s+\$49\.02\s+\$121\.10/,
    );
    expect(frame).toMatch(/total\s+\$350\.32\s+\$229\.22\s+\$121\.10/);
    expect(frame).toMatch(/service \/ f…\s+CPU p50\s+p90\s+p95\s+p99/);
    // End reaches the assumptions, and what was skipped.
    await waitForInput(app);
    const end = await press(app, '\u001B[F');
    expect(end).toContain('skipped: 1 event of another Type, 1 task event not on Fargate');
    expect(end).toContain('saves $121.10 a month');
  });
});
