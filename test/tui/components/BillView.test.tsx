import {cleanup, render} from 'ink-testing-library';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {billCompareInput} from '../../../src/app/compare-input.js';
import {loadBill, openBillFiles} from '../../../src/cli/read-bill.js';
import {App, type ExploreBill} from '../../../src/tui/App.js';
import {initialStateFor} from '../../../src/tui/state/estimate-select.js';
import {handGiven, setupFor} from '../fixtures.js';
import {KEY, press, waitFor, waitForInput, waitForText} from '../helpers/ink.js';

/*
 * The fixture's figures, worked by hand in test/fixtures/bill/README.md: paid 1.3476601474, public
 * On-Demand 1.3525971474 (saved 0.004937, 0.4%); Savings Plan covered 0.024685 of 1.3305895624
 * On-Demand-priced usage (1.9%), used 0.019748 of 25 × 0.019748 = 0.4937 committed (4.0%);
 * service:api's measured use 7.2 of 24 vCPU-hours (30.0%), 28.8 of 48 GB-hours (60.0%).
 */

let bill: ExploreBill;

beforeAll(async () => {
  const result = await loadBill(await openBillFiles(['test/fixtures/bill/cur2.parquet'], undefined));
  bill = {result, compareInput: billCompareInput(result)};
});
afterEach(() => cleanup());

function mount(columns: number, rows: number) {
  // With a bill, the Estimate view starts where explore starts with nothing.
  const setup = setupFor(handGiven());
  return render(
    <App estimate={setup} initialEstimate={initialStateFor(setup)} bill={bill} colors={false} size={{columns, rows}} />,
  );
}

const HEADLINE = 'Paid $1.35 for Fargate (public On-Demand $1.35: $0.0049 saved, 0.4%)';

function fits(frame: string, columns: number, rows: number) {
  const lines = frame.split('\n');
  // ink draws one row fewer than the terminal (see layout.ts).
  expect(lines.length).toBeLessThanOrEqual(rows - 1);
  for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(columns);
}

describe('<App> with a bill: the Bill view', () => {
  it('80 x 24: opens on the Bill view, the headline and the Savings Plans fixed, the groups scrolling under them', async () => {
    const app = mount(80, 24);
    const frame = await waitForText(app, 'By group');
    fits(frame, 80, 24);
    const lines = frame.split('\n');
    expect(lines[0]).toMatch(/fargate-cost explore\s+Bill\s+Compare\s+Estimate/);
    // The summary bar: what was paid and its projection, as the body says them (compare has not run yet).
    expect(lines[1]).toMatch(/^paid \$1\.35 · projected \$1\.37\/mo · cheapest … · Spot /);
    expect(lines[2]).toMatch(/^test\/fixtures\/bill\/cur2\.parquet \(cur2, hourly\): 100 line items -> 70 Fargate/);
    expect(frame).toContain('window 2026-11-01 00:00:00Z to 2026-12-01 00:00:00Z (720 hours)');
    expect(frame).toContain(HEADLINE);
    // By coverage, wrapped at the width.
    expect(frame).toMatch(
      /On-Demand \$1\.31, Savings Plan \$0\.02 \(effective\), Spot \$0\.02; charged\s+\(unblended\) \$1\.33/,
    );
    expect(frame).toMatch(/coverage: 1\.9% of the On-Demand-priced usage/);
    expect(frame).toMatch(/utilization: 4\.0% of \$0\.49 committed over 25 hours/);
    // Costliest group first.
    expect(frame).toMatch(/group\s+tasks\s+vCPU-h\s+GB-h/);
    expect(frame).toMatch(/service:api\s+1\s+24\s+48\s/);
    expect(frame).toMatch(/cluster:batch\s+6\s/);
    expect(frame.indexOf('service:api')).toBeLessThan(frame.indexOf('cluster:batch'));
    // The body does not fit: a line says where the page is, and the footer offers scrolling.
    expect(frame).toMatch(/lines 1–\d+ of \d+ ↓/);
    expect(lines.at(-1)).toMatch(/↑↓ scroll\s+PgUp\/PgDn page\s+> sort\s+Tab view\s+\? help\s+q quit/);
  });

  it('80 x 24: ↓ scrolls the body a line, End to the notes, Home back; the head stays', async () => {
    const app = mount(80, 24);
    await waitForInput(app);
    const top = await waitForText(app, 'By group');
    const first = /lines 1–(\d+) of (\d+)/.exec(top)!;
    const [page, total] = [Number(first[1]), Number(first[2])];
    let frame = await press(app, KEY.down);
    expect(frame).toContain(`lines 2–${page + 1} of ${total}`);
    expect(frame).not.toContain('By group');
    expect(frame).toContain(HEADLINE);
    frame = await press(app, KEY.down);
    expect(frame).toContain(`lines 3–${page + 2} of ${total}`);
    // Two lines under the page: the measured use of the one group that has it.
    expect(frame).toMatch(/service:api\s+30\.0%\s+24\s+60\.0%\s+48/);
    frame = await press(app, '\u001B[F');
    fits(frame, 80, 24);
    expect(frame).toContain(`lines ${total - page + 1}–${total} of ${total} ↑`);
    expect(frame).toContain('the projection scales');
    expect(frame).toContain('the projection scales the window');
    expect(frame).toContain(HEADLINE);
    // ↑ from the end goes back a line.
    expect(await press(app, KEY.up)).toContain(`lines ${total - page}–${total - 1} of ${total}`);
    frame = await press(app, '\u001B[H');
    expect(frame).toContain(`lines 1–${page} of ${total} ↓`);
  });

  it('120 x 40: everything shows at once, no scroll line', async () => {
    const app = mount(120, 40);
    const frame = await waitForText(app, 'Notes');
    fits(frame, 120, 40);
    expect(frame).toContain(HEADLINE);
    expect(frame).toContain('On-Demand $1.31, Savings Plan $0.02 (effective), Spot $0.02; charged (unblended) $1.33');
    expect(frame).toContain(
      'utilization: 4.0% of $0.49 committed over 25 hours: $0.02 used (Fargate $0.02), $0.47 unused (not in paid)',
    );
    expect(frame).toMatch(/By group \(2\) {2}by paid ↓\n/);
    expect(frame).toMatch(/group\s+tasks\s+vCPU-h\s+GB-h\s+storage GB-h\s+public OD\s+paid\s+share/);
    expect(frame).toContain('Measured against reserved (split cost allocation data)');
    expect(frame).toMatch(/service:api\s+30\.0%\s+24\s+60\.0%\s+48/);
    expect(frame).toContain('Projection (730-hour month)');
    expect(frame).not.toMatch(/lines \d+–\d+ of/);
  });

  it('Tab goes to Compare of the bill, then the Estimate view (1 vCPU, 2 GB), then back; q quits', async () => {
    const app = mount(120, 40);
    await waitForInput(app);
    await waitForText(app, 'By group');
    let frame = await press(app, KEY.tab);
    frame = await waitForText(app, 'Compare the bill');
    expect(frame).toContain('test/fixtures/bill/cur2.parquet');
    frame = await press(app, KEY.tab);
    expect(frame).toContain('a task of your choosing (no file given)');
    expect(frame).toMatch(/vCPU\s+◂ 1 vCPU\s+▸ 1024 units/);
    frame = await press(app, KEY.tab);
    expect(frame).toContain(HEADLINE);
    app.stdin.write('q');
    await waitFor(() => app.stdin.listenerCount('readable') === 0, 'the app to stop reading the keyboard');
  });

  it('> sorts the groups by paid, tasks, vCPU-h, name and back; the title says which, the page stays put', async () => {
    const app = mount(80, 24);
    await waitForText(app, 'By group');
    // One line down: the title scrolls off, so each order is read from the rows; the scroll line stays.
    const groups = (frame: string) =>
      frame
        .split('\n')
        .filter((line) => /^(service:api|cluster:batch) /.test(line))
        .map((line) => line.split(' ')[0]);
    let frame = await press(app, '>');
    expect(frame).toContain('By group (2)  by tasks ↓');
    // service:api 1 task, cluster:batch 6 (test/fixtures/bill/README.md).
    expect(groups(frame)).toEqual(['cluster:batch', 'service:api']);
    frame = await press(app, KEY.down);
    expect(frame).toContain('lines 2–');
    frame = await press(app, '>');
    // 24 vCPU-h against 4.38: api first again; the page did not go back to the top.
    expect(groups(frame)).toEqual(['service:api', 'cluster:batch']);
    expect(frame).toContain('lines 2–');
    frame = await press(app, KEY.up);
    expect(frame).toContain('By group (2)  by vCPU-h ↓');
    frame = await press(app, '>');
    expect(frame).toContain('By group (2)  by group ↑');
    expect(groups(frame)).toEqual(['cluster:batch', 'service:api']);
    frame = await press(app, '>');
    expect(frame).toContain('By group (2)  by paid ↓');
    expect(groups(frame)).toEqual(['service:api', 'cluster:batch']);
  });

  it('? lists the Bill view keys', async () => {
    const app = mount(80, 24);
    await waitForInput(app);
    const frame = await press(app, '?');
    expect(frame).toContain('Bill view');
    expect(frame).toMatch(/PgDn Space\s+scroll down a page/);
    expect(frame).toMatch(/End\s+the end: the notes/);
  });
});
