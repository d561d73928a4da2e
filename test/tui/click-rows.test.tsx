/**
 * A left click on a row of a list moves the cursor to it. Each test finds a row's text on the
 * rendered frame's line y, clicks at y (the terminal counts rows from 1) and reads the cursor off
 * the next frame, so a click cannot land on a row other than the one drawn there.
 */
import {cleanup, render} from 'ink-testing-library';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {historyCompareInput} from '../../src/app/compare-input.js';
import {App, type ExploreHistory} from '../../src/tui/App.js';
import {initialStateFor} from '../../src/tui/state/estimate-select.js';
import {handGiven, setupFor, exploreHistory} from './fixtures.js';
import {idle, KEY, press, textOf, waitFor, waitForInput, waitForText} from './helpers/ink.js';

let history: ExploreHistory;

beforeAll(async () => {
  const result = await exploreHistory('2026-11-04T00:00:00Z');
  history = {result, compareInput: historyCompareInput(result)};
});
afterEach(() => cleanup());

function mount(columns: number, rows: number) {
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

const click = (x: number, y: number) => `\u001B[<0;${x};${y}M`;
const lines = (app: ReturnType<typeof mount>) => textOf(app.lastFrame()).split('\n');
/** The terminal row (from 1) of the one line that contains `text`. */
function rowOf(app: ReturnType<typeof mount>, text: string): number {
  const found = lines(app).flatMap((line, i) => (line.includes(text) ? [i + 1] : []));
  expect(found, `one line with ${JSON.stringify(text)}`).toHaveLength(1);
  return found[0]!;
}
/** The line under the cursor (marked ›). */
const cursorLine = (app: ReturnType<typeof mount>) => lines(app).find((line) => line.startsWith('› '));

describe('a click on a list row', () => {
  it.each([
    [110, 34],
    [80, 24],
    // Narrow: a notice line above the body moves every row down one.
    [70, 24],
  ])('at %i x %i moves the History cursor to the group clicked; a second click opens it', async (columns, rows) => {
    const app = mount(columns, rows);
    await waitForText(app, 'By group');
    await waitForInput(app);
    const group = history.result.groups[3]!;
    // Narrow columns cut the group's name: its first ten characters tell it apart.
    const name = group.key.slice(0, 10);
    expect(cursorLine(app)).not.toContain(name);
    app.stdin.write(click(5, rowOf(app, name)));
    await waitFor(() => cursorLine(app)?.includes(name) === true, `the cursor on ${group.key}`);
    // On the selected row, a click opens it, as Enter does.
    app.stdin.write(click(5, rowOf(app, name)));
    await waitForText(app, `${group.key}: ${group.tasks} task`);
  });

  it('in a scrolled list (a short terminal); a click below the list or on the header outside the tabs does nothing', async () => {
    // 14 rows: two of the list's rows on screen.
    const app = mount(100, 14);
    await waitForInput(app);
    const groups = history.result.groups;
    await press(app, 'j');
    await press(app, 'j');
    await press(app, 'j');
    // The cursor on the fourth group, the list scrolled to the third and fourth.
    expect(cursorLine(app)).toContain(groups[3]!.key);
    expect(textOf(app.lastFrame())).not.toContain(groups[1]!.key);
    app.stdin.write(click(3, rowOf(app, groups[2]!.key)));
    await waitFor(() => cursorLine(app)?.includes(groups[2]!.key) === true, 'the cursor on the third group');
    app.stdin.write(click(3, rowOf(app, 'Not billed')));
    app.stdin.write(click(3, 1));
    // Then a key: it moves from where the click left the cursor (the clicks between did nothing).
    await press(app, 'k');
    expect(cursorLine(app)).toContain(groups[1]!.key);
  });

  it("in an opened row's runs: the run cursor goes to the run clicked; a click on it again opens nothing", async () => {
    const app = mount(110, 34);
    await waitForInput(app);
    const frame = await press(app, KEY.enter);
    expect(frame).toContain(`${history.result.groups[0]!.key}: `);
    const heading = lines(app).findIndex((line) => line.includes('pull started (UTC)'));
    const second = lines(app)[heading + 2]!;
    expect(second).toMatch(/^ {2}\S/);
    // Terminal rows count from 1: line index heading + 2 is row heading + 3.
    app.stdin.write(click(3, heading + 3));
    await waitFor(() => cursorLine(app)?.slice(2) === second.slice(2), 'the cursor on the second run');
    app.stdin.write(click(3, heading + 3));
    await press(app, 'j');
    expect(lines(app)[heading + 3]!.startsWith('› ')).toBe(true);
  });
});

describe('a click on a row of the scenario table', () => {
  const plan = (app: ReturnType<typeof mount>) => /Plan\s+◂ (.+?) ▸/.exec(textOf(app.lastFrame()))?.[1];

  it.each([
    [110, 34, 'Compute SP 3 yr Partial Upfront', 'Compute SP 3 yr Partial Upfront'],
    // Two scenarios fit, their labels short ("SP 3y all upfront").
    [80, 24, 'SP 3y all upfront', 'Compute SP 3 yr All Upfront'],
  ])(
    'at %i x %i chooses the plan of the row clicked (%s); On-Demand has none',
    async (columns, rows, label, chosen) => {
      const app = mount(columns, rows);
      await waitForInput(app);
      await press(app, KEY.tab);
      await waitFor(() => plan(app) !== undefined && idle(app), 'the Compare view');
      expect(plan(app)).toBe('Compute SP 1 yr No Upfront');
      app.stdin.write(click(10, rowOf(app, `+ ${label}`)));
      await waitFor(() => plan(app) === chosen, chosen);
      // The recommended mix's row: its plan, the one the Mix line names.
      expect(textOf(app.lastFrame())).toMatch(/^Mix .*?: Compute SP 3 yr Al/m);
      app.stdin.write(click(10, rowOf(app, '  Recommended mix')));
      await waitFor(() => plan(app) === 'Compute SP 3 yr All Upfront', "the recommended mix's plan");
      // On-Demand (no plan), then a key: the plan steps from the mix's, so the On-Demand click did nothing.
      app.stdin.write(click(10, rowOf(app, '  On-Demand: ')));
      const next = await press(app, 'k');
      expect(next).toMatch(/Plan\s+◂ Compute SP 3 yr Partial Upfront ▸/);
    },
  );

  it('reads the click against the rows as sorted (> by name)', async () => {
    const app = mount(110, 34);
    await waitForInput(app);
    await press(app, KEY.tab);
    await waitFor(() => plan(app) !== undefined && idle(app), 'the Compare view');
    const before = rowOf(app, '+ Compute SP 1 yr All Upfront');
    await press(app, '>');
    await press(app, '>');
    await waitFor(() => textOf(app.lastFrame()).includes('by name ↑'), 'sorted by name');
    const after = rowOf(app, '+ Compute SP 1 yr All Upfront');
    // The row moved: a click read against compare's own order would land on another plan.
    expect(after).not.toBe(before);
    app.stdin.write(click(10, after));
    await waitFor(() => plan(app) === 'Compute SP 1 yr All Upfront', 'the plan of the row clicked');
  });
});
