import {cleanup, render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {costAtCommitment} from '../../../src/analysis/savings-plan.js';
import {dec} from '../../../src/money/decimal.js';
import {formatUsd} from '../../../src/money/format.js';
import {App} from '../../../src/tui/App.js';
import type {PlanId} from '../../../src/model/types.js';
import {
  estimateCompareInputOf,
  initialCompareState,
  coarseStep,
  runCompare,
  selectedPlan,
} from '../../../src/tui/state/compare.js';
import {initialStateFor} from '../../../src/tui/state/estimate-select.js';
import {embeddedCatalog} from '../../helpers/catalog.js';
import {exampleSpecs, NOW, setupFor, exploreHistory} from '../fixtures.js';
import {KEY, press, textOf, waitFor, waitForInput, waitForText} from '../helpers/ink.js';
import {renderWithHistory} from '../helpers/history-app.js';

afterEach(() => cleanup());

function mount(columns = 110, rows = 34) {
  const setup = setupFor(exampleSpecs('web-service.json'));
  return render(
    <App estimate={setup} initialEstimate={initialStateFor(setup)} colors={false} size={{columns, rows}} />,
  );
}

/** The slider figures for the web task (1 vCPU, 2 GB, always on) under a plan, from the core. */
function webPlan(plan: PlanId) {
  const setup = setupFor(exampleSpecs('web-service.json'));
  const input = estimateCompareInputOf(initialStateFor(setup), setup, 730);
  if ('error' in input) throw new Error(input.error);
  const outcome = runCompare(input, initialCompareState(), {catalog: embeddedCatalog(), now: NOW, monthHours: 730});
  return selectedPlan(outcome, plan)!;
}

async function openCompare() {
  const app = mount();
  await waitForInput(app);
  const frame = await press(app, KEY.tab);
  return {app, frame};
}

describe('<App>: the Compare view', () => {
  it("opens on the Estimate view's task at the 1-year No Upfront optimum, with the curve and the ranked scenarios", async () => {
    const {frame} = await openCompare();
    const best = webPlan('compute-1y-no-upfront').analysis.best;
    expect(frame).toContain('Compare the Estimate view: web: 1 vCPU, 2 GB, Linux/x86_64, us-east-1');
    expect(frame).toMatch(/Plan\s+◂ Compute SP 1 yr No Upfront ▸\s+1 of 6/);
    expect(frame).toContain(`Commit  ${formatUsd(best.commitmentPerHour, 3)}/h  ◆ the optimum`);
    expect(frame).toContain(`monthly ${formatUsd(best.monthlyCost)}`);
    expect(frame).toMatch(/┤[▁▂▃▄▅▆▇█ ]+/);
    expect(frame).toMatch(/scenario \(by monthly ↑\)\s+monthly\s+saving\s+upfront\s+commit\/h\s+util\./);
    expect(frame).toMatch(/All Fargate Spot\s+\$11\.48\s+68\.2%/);
    expect(frame).toMatch(/Spot\s+0\.001 interruptions per task-hour \(default, i\/I\)/);
    expect(frame).toMatch(/Mix\s+\$\d/);
  });

  it('→ moves the commitment off the optimum and the reading follows exactly; b goes back', async () => {
    const {app} = await openCompare();
    const {analysis, prepared} = webPlan('compute-1y-no-upfront');
    const best = analysis.best.commitmentPerHour;
    const step = coarseStep(prepared.peakCommitment);
    const next = best.div(step).floor().plus(1).times(step);
    let frame = await press(app, KEY.right);
    expect(frame).toContain(`Commit  ${formatUsd(next, 3)}/h  ● yours; ▲ the optimum is ${formatUsd(best, 3)}/h (b)`);
    expect(frame).toContain(`monthly ${formatUsd(costAtCommitment(prepared, next).monthlyCost)}`);
    expect(frame).toMatch(/▲ *●/);
    frame = await press(app, 'b');
    expect(frame).toContain('◆ the optimum');
    frame = await press(app, '0');
    expect(frame).toContain('Commit  $0.000/h');
    expect(frame).toContain(`monthly ${formatUsd(costAtCommitment(prepared, dec(0)).monthlyCost)}`);
    // , and . step by the $0.001 AWS sells.
    frame = await press(app, '.');
    expect(frame).toContain('Commit  $0.001/h');
  });

  it('↓ picks the next plan; i and w change the Spot risk inputs and the scenarios re-price', async () => {
    const {app} = await openCompare();
    let frame = await press(app, KEY.down);
    expect(frame).toMatch(/◂ Compute SP 1 yr Partial Upfront ▸\s+2 of 6/);
    frame = await press(app, 'i');
    expect(frame).toMatch(/0\.002 interruptions per task-hour \(set here/);
    frame = await press(app, 'w');
    expect(frame).toMatch(/lost work services 30s/);
  });

  it('counts every key typed ahead: iii steps the rate three rungs, j then ← moves the new plan from its own optimum', async () => {
    const {app} = await openCompare();
    let frame = await press(app, 'iii');
    await waitForText(app, '0.01 interruptions per task-hour (set here');
    const {analysis} = webPlan('compute-1y-partial-upfront');
    frame = await press(app, `j${KEY.left}`);
    await waitForText(app, '● yours');
    frame = textOf(app.lastFrame());
    const step = coarseStep(analysis.peakCommitmentPerHour);
    const next = analysis.best.commitmentPerHour.div(step).ceil().minus(1).times(step);
    expect(frame).toMatch(/◂ Compute SP 1 yr Partial Upfront ▸/);
    expect(frame).toContain(
      `Commit  ${formatUsd(next, 3)}/h  ● yours; ▲ the optimum is ${formatUsd(analysis.best.commitmentPerHour, 3)}/h`,
    );
  });

  it('follows the Estimate view: two tasks there, twice the On-Demand cost here', async () => {
    const app = mount();
    await waitForInput(app);
    await press(app, '+');
    const frame = await press(app, KEY.tab);
    // 2 x 730 x (0.04048 + 2 x 0.004445) = $72.08.
    expect(frame).toMatch(/All On-Demand\s+\$72\.08/);
  });

  it('the help overlay lists the Compare keys', async () => {
    const {app} = await openCompare();
    const frame = await press(app, '?');
    expect(frame).toContain('Compare view');
    expect(frame).toMatch(/b\s+the cheapest commitment \(the optimum\)/);
    expect(frame).not.toContain('Estimate view');
  });

  it('fits 80 x 24, with every setting its keys change on screen and the cut table saying so', async () => {
    const app = mount(80, 24);
    await waitForInput(app);
    let frame = await press(app, KEY.tab);
    const lines = frame.split('\n');
    expect(Math.max(...lines.map((line) => [...line].length))).toBeLessThanOrEqual(80);
    expect(lines.length).toBeLessThanOrEqual(23);
    await waitForText(app, 'Mix');
    frame = textOf(app.lastFrame());
    expect(frame).toMatch(/Spot\s+0\.001 interruptions per task-hour \(default, i\/I\)/);
    expect(frame).toContain('lost work services 0s (w/W)');
    expect(frame).toContain('Spot-tolerant services keep 1 task on FARGATE (0 if all on Spot) (f/F)');
    expect(frame).toContain('Spot for batch work and services already on Spot (t)');
    // The cut table says where it stands and marks its last row: rows are hidden below it.
    const heading = frame.match(/^ {2}(?:scenario )?1–(\d) of (\d)(?: \+ On-Demand)?, (?:by )?monthly ↑ +monthly/m);
    expect(heading).not.toBeNull();
    expect(Number(heading![1])).toBeLessThan(Number(heading![2]));
    expect(frame.split('\n').filter((line) => line.startsWith('↓ '))).toHaveLength(1);
    // The axes are named (a month, commit/h) and the slider's value on the x axis is the Commit line's.
    const commit = frame.match(/^Commit +(\$[\d.]+)\/h/m)![1]!;
    const axis = frame.split('\n').find((line) => line.trimStart().startsWith('commit/h $0'));
    expect(axis, frame).toBeDefined();
    expect(axis).toContain(` ${commit}`);
    expect(frame).toMatch(/^ +a month ┤/m);
    frame = await press(app, 't');
    expect(frame).toContain('Spot for all work (--spot-tolerant) (t)');
    frame = await press(app, 'f');
    expect(frame).toContain('Spot-tolerant services keep 2 tasks on FARGATE (f/F)');
    frame = await press(app, 'F');
    expect(frame).toContain('Spot-tolerant services keep 1 task on FARGATE (f/F)');
  });
});

describe('<App>: the Compare view of a history at 80 x 24', () => {
  async function compareOfHistory() {
    // The README's example history as of 2026-12-01: nine scenarios, more than 80 x 24 has rows for.
    const result = await exploreHistory('2026-12-01T00:00:00Z');
    const app = renderWithHistory(result, {columns: 80, rows: 24}, exampleSpecs('web-service.json'));
    await waitForInput(app);
    await press(app, KEY.tab);
    return {app, frame: await waitForText(app, 'Mix')};
  }

  it('shows every headline figure: monthly, saving, utilization, coverage and upfront, on two lines', async () => {
    const {frame} = await compareOfHistory();
    const lines = frame.split('\n');
    expect(Math.max(...lines.map((line) => [...line].length))).toBeLessThanOrEqual(80);
    expect(lines.length).toBeLessThanOrEqual(23);
    // $243.02 On-Demand - $196.86 = $46.16, 46.16 / 243.02 = 19.0%; a No Upfront plan pays nothing upfront.
    expect(lines).toContain('        monthly $196.86 · saves $46.16 (19.0%) vs On-Demand · utilization 97.2%');
    expect(lines).toContain('        coverage 99.5% · upfront $0.00');
    expect(frame).toContain('$243.02 all On-Demand');
  });

  it('the cut scenario list keeps the On-Demand baseline as its last row and marks the rows hidden above it', async () => {
    const {frame} = await compareOfHistory();
    const lines = frame.split('\n');
    const heading = lines.findIndex((line) => /^ {2}1–\d of 9 \+ On-Demand, monthly ↑ /.test(line));
    expect(heading).toBeGreaterThan(0);
    const shown = Number(/^ {2}1–(\d)/.exec(lines[heading]!)![1]);
    expect(shown).toBeGreaterThanOrEqual(2);
    expect(lines[heading + 1]).toMatch(/^ {2}As measured \+ SP 3y all upfront +\$147\.23 /);
    // The last of the cheapest shown marks the rows hidden below it; the baseline stays under them.
    expect(lines[heading + shown]).toMatch(/^↓ /);
    // The history's Windows, arm64 and storage rates are the 2025-08 offer's alone, over a year old: flagged.
    expect(lines[heading + shown + 1]).toMatch(/^ {2}On-Demand: 2025-08 rate, refresh +\$243\.02 +– +– +– +–$/);
  });

  it("> sorts the scenarios by upfront, then by name as shown, then back to compare's order; the heading says which", async () => {
    const {app, frame} = await compareOfHistory();
    const table = (text: string) => {
      const lines = text.split('\n');
      const at = lines.findIndex((line) => /^ {2}(?:scenario )?1–\d of 9/.test(line));
      expect(at, text).toBeGreaterThan(0);
      const rows: string[] = [];
      for (let i = at + 1; / {2}\$[\d,]+\.\d\d /.test(lines[i] ?? ''); i++)
        rows.push(lines[i]!.slice(2).split(/ {2,}/)[0]!);
      return {heading: lines[at]!.trim().split(/ {2,}/)[0], rows};
    };
    // The plan on screen and the Commit line do not move with the order.
    const plan = frame.split('\n').find((line) => line.startsWith('Plan'));
    expect(table(frame)).toEqual({
      heading: '1–2 of 9 + On-Demand, monthly ↑',
      rows: ['As measured + SP 3y all upfront', 'Recommended mix', 'On-Demand: 2025-08 rate, refresh'],
    });
    // Nothing up front first, cheapest of those first: SP 3y no upfront $158.18, SP 1y no upfront $196.86.
    let next = await press(app, '>');
    expect(table(next)).toEqual({
      heading: '1–2 of 9 + On-Demand, upfront ↑',
      rows: ['As measured + SP 3y no upfront', 'As measured + SP 1y no upfront', 'On-Demand: 2025-08 rate, refresh'],
    });
    // By the names shown (short at 80 columns): "As measured", then its plans "… SP 1y all upfront" and
    // on; On-Demand comes 8th of 9, so it stays pinned at the foot.
    next = await press(app, '>');
    expect(table(next)).toEqual({
      heading: '1–2 of 9 + On-Demand, by name ↑',
      rows: ['As measured', 'As measured + SP 1y all upfront', 'On-Demand: 2025-08 rate, refresh'],
    });
    expect(next.split('\n').find((line) => line.startsWith('Plan'))).toBe(plan);
    next = await press(app, '>');
    expect(table(next).heading).toBe('1–2 of 9 + On-Demand, monthly ↑');
  });

  describe('scrolls the cut scenario table', () => {
    /** The table on a frame: its heading's first column, and each row's margin mark and label. */
    const table = (text: string) => {
      const lines = text.split('\n');
      const at = lines.findIndex((line) => /^ {2}(?:scenario )?\d–\d of 9/.test(line));
      expect(at, text).toBeGreaterThan(0);
      const rows: string[] = [];
      for (let i = at + 1; /^. \S.* {2}\$[\d,]+\.\d\d /.test(lines[i] ?? ''); i++)
        rows.push(`${lines[i]![0]} ${lines[i]!.slice(2).split(/ {2,}/)[0]}`);
      return {heading: lines[at]!.trim().split(/ {2,}/)[0], rows, line: at + 1};
    };
    const plan = (text: string) => /Plan\s+◂ (.+?) ▸/.exec(text)?.[1];
    const click = (x: number, y: number) => `\u001B[<0;${x};${y}M`;
    const wheel = (step: 1 | -1, y: number) => `\u001B[<${step > 0 ? 65 : 64};10;${y}M`;

    // compare's own ranking (hand-checked against `fargate-cost compare data/examples/history --as-of
    // 2026-12-01T00:00:00Z`): 1 SP 3y all upfront, 2 the mix, 3 SP 3y partial $152.78, 4 SP 3y no upfront
    // $158.18, 5 SP 1y all upfront, 6 SP 1y partial, 7 SP 1y no upfront, 8 as measured, 9 On-Demand.
    it('PgDn shows scenarios 3–4 (the heading says so, ↑ and ↓ mark the rows hidden), PgUp goes back, End shows the last', async () => {
      const {app, frame} = await compareOfHistory();
      const before = plan(frame);
      let next = await press(app, KEY.pageDown);
      expect(table(next)).toMatchObject({
        heading: '3–4 of 9 + On-Demand, monthly ↑',
        rows: [
          '↑ As measured + SP 3y partial',
          '↓ As measured + SP 3y no upfront',
          '  On-Demand: 2025-08 rate, refresh',
        ],
      });
      // Paging moves the table, not the plan.
      expect(plan(next)).toBe(before);
      next = await press(app, KEY.pageUp);
      expect(table(next).heading).toBe('1–2 of 9 + On-Demand, monthly ↑');
      // The last three: On-Demand is among them, in its own place, and nothing is hidden below.
      next = await press(app, KEY.end);
      expect(table(next)).toMatchObject({
        heading: 'scenario 7–9 of 9, by monthly ↑',
        rows: ['↑ As measured + SP 1y no upfront', '  As measured', '  On-Demand: 2025-08 rate, refresh'],
      });
      // PgDn at the end stays there (no frame to wait for): PgUp then pages up from 7–9 to 5–6.
      app.stdin.write(KEY.pageDown);
      expect(table(await press(app, KEY.pageUp)).heading).toBe('5–6 of 9 + On-Demand, monthly ↑');
      // Home is the top again.
      expect(table(await press(app, KEY.home)).heading).toBe('1–2 of 9 + On-Demand, monthly ↑');
    });

    it('a click on a scrolled row chooses its plan; the wheel over the table scrolls it a row, elsewhere not', async () => {
      const {app} = await compareOfHistory();
      await press(app, KEY.pageDown);
      const frame = await press(app, KEY.pageDown);
      const shown = table(frame);
      expect(shown.rows).toEqual([
        '↑ As measured + SP 1y all upfront',
        '↓ As measured + SP 1y partial',
        '  On-Demand: 2025-08 rate, refresh',
      ]);
      expect(plan(frame)).toBe('Compute SP 1 yr No Upfront');
      // The second row on screen: terminal rows count from 1, so line index i is row i + 1.
      app.stdin.write(click(10, shown.line + 2));
      await waitFor(() => plan(textOf(app.lastFrame())) === 'Compute SP 1 yr Partial Upfront', 'the plan clicked');
      // A notch down over the table: one row on; a notch over the Plan line does nothing.
      app.stdin.write(wheel(1, shown.line + 1));
      await waitFor(() => table(textOf(app.lastFrame())).heading === '6–7 of 9 + On-Demand, monthly ↑', 'a row on');
      const planLine = textOf(app.lastFrame())
        .split('\n')
        .findIndex((line) => line.startsWith('Plan'));
      app.stdin.write(wheel(1, planLine + 1));
      const after = await press(app, KEY.pageUp);
      // From 6–7, a page up (two rows) is 4–5: the wheel over the Plan line moved nothing.
      expect(table(after).heading).toBe('4–5 of 9 + On-Demand, monthly ↑');
    });

    it('> sorts from the top again', async () => {
      const {app} = await compareOfHistory();
      await press(app, KEY.end);
      expect(table(await press(app, '>')).heading).toBe('1–2 of 9 + On-Demand, upfront ↑');
    });
  });
});

describe("<App>: the Compare view's curve labels are the figures beside them", () => {
  /** The figure after `label` on the first line matching it, or a note that there is none. */
  function figure(frame: string, pattern: RegExp): string {
    for (const line of frame.split('\n')) {
      const match = pattern.exec(line);
      if (match) return match[1]!;
    }
    return `no line matches ${pattern}`;
  }

  it("with Spot's re-runs priced in cents, ▲ is the Commit line's monthly and the top the As measured row", async () => {
    // The README's example history with Spot interrupted 0.02 times a task-hour and an hour of work lost
    // each time: the re-runs cost cents a month, which the plan's own curve leaves out.
    const result = await exploreHistory('2026-12-01T00:00:00Z');
    const app = renderWithHistory(result, {columns: 120, rows: 40}, exampleSpecs('web-service.json'));
    await waitForInput(app);
    await press(app, KEY.tab);
    await waitForText(app, 'Mix');
    for (const key of ['i', 'i', 'i', 'i', 'i', 'w', 'w', 'w', 'w']) await press(app, key);
    await waitForText(app, '0.02 interruptions per task-hour');
    const frame = await waitForText(app, 'batch 1h 00m 00s');
    const reRuns = figure(frame, /Spot in the mix \$[\d,.]+ a month, (\$[\d,.]+) of it expected re-runs/);
    expect(reRuns).not.toBe('$0.00');
    const money = String.raw`(\$[\d,]+\.\d\d)`;
    const top = figure(frame, new RegExp(`^ *${money} ┤`));
    const optimum = figure(frame, new RegExp(`^▲ ${money} ┤`));
    const commit = figure(frame, new RegExp(`monthly ${money} ·`));
    const measured = figure(frame, new RegExp(String.raw`As measured \(On-Demand \+ Spot\) +${money} `));
    const planRow = figure(frame, new RegExp(String.raw`As measured \+ Compute SP 1 yr No Upfront +${money} `));
    expect(frame).toContain('◆ the optimum');
    expect(commit).toMatch(/^\$/);
    expect(optimum).toBe(commit);
    expect(optimum).toBe(planRow);
    expect(top).toMatch(/^\$/);
    expect(top).toBe(measured);
  });
});
