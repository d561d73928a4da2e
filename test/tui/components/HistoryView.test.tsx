import {formatUsdAdaptive} from '../../../src/money/format.js';
import {cleanup, render} from 'ink-testing-library';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {historyCompareInput} from '../../../src/app/compare-input.js';
import type {HistoryResult} from '../../../src/app/history.js';
import {App, type ExploreHistory} from '../../../src/tui/App.js';
import {initialStateFor} from '../../../src/tui/state/estimate-select.js';
import {handGiven, setupFor, exploreHistory} from '../fixtures.js';
import {KEY, press, waitForInput, waitForText} from '../helpers/ink.js';
import {runCli} from '../../helpers/cli.js';
import {renderWithHistory} from '../helpers/history-app.js';

let history: ExploreHistory;

/** The README's example history (describe-tasks output, EventBridge events, describe-services), as explore reads it. */
async function exampleHistory(asOf = '2026-11-04T00:00:00Z'): Promise<HistoryResult> {
  return exploreHistory(asOf);
}

beforeAll(async () => {
  const result = await exampleHistory();
  history = {result, compareInput: historyCompareInput(result)};
});
afterEach(() => cleanup());

function mount(columns = 110, rows = 34) {
  const setup = setupFor(handGiven());
  return render(
    <App
      estimate={setup}
      initialEstimate={initialStateFor(setup)}
      history={history}
      colors={false}
      size={{columns, rows}}
    />,
  );
}

describe('<App> with a history: the History view', () => {
  it('opens on the History view: what was read, the totals, an hourly sparkline, groups by cost', async () => {
    const app = mount();
    const frame = await waitForText(app, 'By group');
    expect(frame).toMatch(/History\s+Compare\s+Estimate/);
    expect(frame).toContain('3 sources: 25 records -> 14 tasks billed (5 running), 2 not billed');
    expect(frame).toContain(`Billed $${history.result.billed.cost.toDecimalPlaces(2).toFixed(2)}`);
    expect(frame).toMatch(/Hourly\s+[▁▂▃▄▅▆▇█ ]+\s+max \$/);
    const groups = history.result.groups.map((row) => row.key);
    // Costliest first, the cursor on the first.
    expect(frame).toMatch(new RegExp(`› ${groups[0]}`));
    expect(frame.indexOf(groups[0]!)).toBeLessThan(frame.indexOf(groups[1]!));
    expect(frame).toContain(
      'Not billed: 1 EC2, external or managed-instance launch type, 1 stopped before its image pull started',
    );
    expect(frame).toMatch(/↑↓ move\s+Enter tasks\s+\/ filter\s+g by\s+> sort/);
  });

  it("Enter lists the group's task runs, costliest first, with billed time, stop code and cost; Esc goes back", async () => {
    const app = mount();
    await waitForInput(app);
    const group = history.result.groups[0]!;
    let frame = await press(app, KEY.enter);
    expect(frame).toContain(`${group.key}: ${group.tasks} tasks`);
    expect(frame).toMatch(/task\s+option\s+size\s+pull started \(UTC\)\s+billed\s+stop code\s+cost/);
    expect(frame).toMatch(
      /on-demand\s+1 vCPU, 2 GB\s+11-02 00:00:05\s+38h 03m 27s\s+ServiceSchedulerInitiated\s+\$1\.88/,
    );
    const runs = history.result.runs!.runs.filter((run) => run.group === group.key);
    expect(runs).toHaveLength(group.tasks);
    // The group's sparkline is its vCPU use.
    expect(frame).toMatch(/vCPU\s+[▁▂▃▄▅▆▇█ ]+\s+max [\d.]+ vCPU-h/);
    frame = await press(app, KEY.escape);
    expect(frame).toContain('By group');
  });

  it('/ filters the rows as you type; Enter keeps the filter, Esc clears it', async () => {
    const app = mount();
    await waitForInput(app);
    let frame = await press(app, '/');
    expect(frame).toContain('filter: ▏');
    expect(frame).toContain('type to filter');
    frame = await press(app, 'w');
    frame = await press(app, 'o');
    expect(frame).toContain('filter: wo▏');
    // One row of five kept, and what it costs: the worker's own figure.
    const worker = history.result.groups.find((row) => row.key === 'service:worker')!;
    expect(frame).toContain(`By group (1 of 5, ${formatUsdAdaptive(worker.cost)})`);
    expect(frame).toContain('› service:worker');
    expect(frame).not.toContain('service:web ');
    frame = await press(app, KEY.enter);
    expect(frame).toContain('filter: wo  (Esc clears)');
    // The row opens with a filter of its own, and closing it puts the row filter back.
    frame = await press(app, KEY.enter);
    expect(frame).toContain('service:worker: 3 tasks');
    expect(frame).not.toContain('filter:');
    frame = await press(app, KEY.escape);
    expect(frame).toContain('filter: wo  (Esc clears)');
    frame = await press(app, KEY.escape);
    expect(frame).toMatch(/By group \(5\)/);
  });

  it('keys typed faster than the screen redraws are all taken, in order', async () => {
    const app = mount();
    await waitForInput(app);
    // No wait between keys: each is routed on the state the previous one left, not on the last frame.
    for (const key of ['/', 'w', 'o', KEY.enter, KEY.enter]) app.stdin.write(key);
    const frame = await waitForText(app, 'service:worker: 3 tasks');
    expect(frame).toMatch(/task\s+option\s+size/);
  });

  it('> sorts the rows by tasks, then by name, then by cost again; the header says which', async () => {
    const app = mount();
    await waitForInput(app);
    const keys = (frame: string) =>
      frame
        .split('\n')
        .map((line) => /^[›↑↓ ] ((?:service|family):\S+)/.exec(line)?.[1])
        .filter(Boolean);
    let frame = await press(app, '>');
    expect(frame).toMatch(/By group \(5\)\s+by tasks ↓/);
    // web 4 tasks; worker and thumbnailer 3 (worker costs more, so it stays first); legacy-api and nightly-report 2.
    expect(keys(frame)).toEqual([
      'service:web',
      'service:worker',
      'family:thumbnailer',
      'service:legacy-api',
      'family:nightly-report',
    ]);
    frame = await press(app, '>');
    expect(frame).toMatch(/by group ↑/);
    expect(keys(frame)[0]).toBe('family:nightly-report');
    // Enter opens the row under the cursor in this order.
    frame = await press(app, KEY.enter);
    expect(frame).toContain('family:nightly-report: 2 tasks');
    expect(frame).toMatch(/by cost ↓/);
    await press(app, KEY.escape);
    frame = await press(app, '>');
    expect(frame).toMatch(/by cost ↓/);
    expect(keys(frame)[0]).toBe('service:web');
  });

  it('the mouse wheel moves through the rows, three a notch', async () => {
    const app = mount();
    await waitForInput(app);
    let frame = await press(app, '\u001B[<65;10;10M');
    expect(frame).toMatch(/› family:nightly-report/);
    frame = await press(app, '\u001B[<64;10;10M');
    expect(frame).toMatch(/› service:web/);
  });

  it('g breaks the cost down by purchase option, then by day', async () => {
    const app = mount();
    await waitForInput(app);
    let frame = await press(app, 'g');
    expect(frame).toMatch(/By purchase option \(2\)/);
    expect(frame).toMatch(/› on-demand\s+11 \(3 run\.\)/);
    frame = await press(app, KEY.down);
    expect(frame).toMatch(/› spot/);
    frame = await press(app, KEY.enter);
    expect(frame).toContain('SpotInterruption');
    await press(app, KEY.escape);
    frame = await press(app, 'g');
    // The window is 2026-11-02 00:00:05 to 2026-11-04 00:00: two days.
    expect(frame).toMatch(/By day \(UTC\) \(2\)/);
    expect(frame).toContain('› 2026-11-02');
  });

  it('fits a narrow terminal: nothing wider than the screen', async () => {
    const app = mount(72, 24);
    const frame = await waitForText(app, 'By group');
    expect(frame).toContain('72 columns is narrow');
    expect(Math.max(...frame.split('\n').map((line) => [...line].length))).toBeLessThanOrEqual(72);
    const opened = await press(app, KEY.enter);
    expect(Math.max(...opened.split('\n').map((line) => [...line].length))).toBeLessThanOrEqual(72);
  });
});

describe('the totals line at 80 columns', () => {
  it('keeps billed, On-Demand, the projection and the steady state whole, as history prints them', async () => {
    const result = await exampleHistory('2026-12-01T00:00:00Z');
    const app = renderWithHistory(result, {columns: 80, rows: 24});
    await waitForInput(app);
    const cli = await runCli(['history', 'data/examples/history', '--as-of', '2026-12-01T00:00:00Z'], {
      now: new Date('2026-12-01T00:00:00Z'),
    });
    const figure = (pattern: RegExp) => pattern.exec(cli.stdout)?.[1];
    const billed = figure(/^Billed (\$[\d,.]+)/m);
    const onDemand = figure(/^Billed .*\(On-Demand equivalent (\$[\d,.]+)/m);
    const projected = figure(/as run: .* -> (\$[\d,.]+) a month/);
    const steady = figure(/steady state, .*: (\$[\d,.]+) a month/);
    expect([billed, onDemand, projected, steady].every(Boolean)).toBe(true);
    const line = (await waitForText(app, 'Billed ')).split('\n').find((l) => l.startsWith('Billed '))!;
    expect(line).toBe(`Billed ${billed} (On-Demand ${onDemand}) · proj. ${projected}/mo · steady ${steady}/mo`);
    expect(line.length).toBeLessThanOrEqual(79);
  });
});
