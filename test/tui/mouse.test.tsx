import {cleanup, render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {App} from '../../src/tui/App.js';
import {Header} from '../../src/tui/components/Header.js';
import {parseMouse, tabAt, tabRanges} from '../../src/tui/mouse.js';
import {initialAppState, type ViewId, VIEW_LABELS} from '../../src/tui/state/app.js';
import {NO_VIEW_CONTEXT, routeMouse, WHEEL_STEP} from '../../src/tui/state/commands.js';
import {initialStateFor} from '../../src/tui/state/estimate-select.js';
import {exampleSpecs, setupFor} from './fixtures.js';
import {textOf, waitFor, waitForInput, waitForText} from './helpers/ink.js';

afterEach(() => cleanup());

/** An SGR report as the terminal writes it: ESC [ < button ; column ; row, M for a press. */
const sgr = (button: number, x: number, y: number, end = 'M') => `\u001B[<${button};${x};${y}${end}`;

describe('mouse reports', () => {
  it.each([
    ['[<64;10;5M', {kind: 'wheel', step: -1, x: 10, y: 5}],
    ['[<65;1;1M', {kind: 'wheel', step: 1, x: 1, y: 1}],
    // Ctrl (16) with the wheel is still the wheel.
    ['[<81;3;4M', {kind: 'wheel', step: 1, x: 3, y: 4}],
    ['[<0;33;1M', {kind: 'press', button: 'left', x: 33, y: 1}],
    ['[<2;7;2M', {kind: 'press', button: 'right', x: 7, y: 2}],
    // A release, a drag, a wheel left or right: read, and nothing.
    ['[<0;33;1m', {kind: 'other'}],
    ['[<32;5;5M', {kind: 'other'}],
    ['[<66;5;5M', {kind: 'other'}],
  ] as const)('%s is %j', (input, event) => {
    expect(parseMouse(input)).toEqual(event);
  });

  it('reads nothing else as the mouse', () => {
    for (const input of ['[A', 'a', '[200~', '[<0;1M', '[<0;1;1', '<0;1;1M', '[M'])
      expect(parseMouse(input)).toBeNull();
  });

  it("knows where the header draws each tab: Header's own frame says so", () => {
    const views: ViewId[] = ['history', 'compare', 'estimate'];
    const line = textOf(render(<Header views={views} active="compare" width={80} />).lastFrame()).split('\n')[0]!;
    for (const range of tabRanges(views, 80)) {
      // Columns count from 1: the padded label's first cell (a space) is column `from`.
      expect(line.indexOf(`  ${VIEW_LABELS[range.view]}`) + 2, range.view).toBe(range.from);
      expect(range.to - range.from + 1).toBe(VIEW_LABELS[range.view].length + 2);
    }
    expect(tabRanges(views, 80).map(({from, to}) => [from, to])).toEqual([
      [23, 31],
      [34, 42],
      [45, 54],
    ]);
    expect([
      tabAt(views, 22, 80),
      tabAt(views, 23, 80),
      tabAt(views, 33, 80),
      tabAt(views, 42, 80),
      tabAt(views, 60, 80),
    ]).toEqual([undefined, 'history', undefined, 'compare', undefined]);
  });

  it('routes the wheel to what scrolls on screen, a left click on a tab to its view', () => {
    const app = initialAppState(['history', 'compare', 'estimate']);
    const context = {...NO_VIEW_CONTEXT, historyRows: 9, bill: {maxTop: 30, page: 10}, help: {maxTop: 12, page: 20}};
    const wheel = (step: 1 | -1) => ({kind: 'wheel', step, x: 5, y: 5}) as const;
    expect(routeMouse(wheel(1), app, context)).toEqual({history: {type: 'move', step: WHEEL_STEP, rows: 9}});
    expect(routeMouse(wheel(-1), {...app, help: true}, context)).toEqual({
      app: {type: 'scroll-help', step: -WHEEL_STEP, max: 12},
    });
    expect(routeMouse(wheel(1), {...app, view: 'bill'}, context)).toEqual({
      bill: {type: 'scroll', step: WHEEL_STEP, max: 30},
    });
    expect(routeMouse(wheel(1), {...app, view: 'compare'}, context)).toEqual({});
    expect(routeMouse(wheel(1), {...app, filterEditing: true}, context)).toEqual({});
    const click = (x: number, y: number, button: 'left' | 'right' = 'left') => ({kind: 'press', button, x, y}) as const;
    expect(routeMouse(click(50, 1), app, context)).toEqual({app: {type: 'show-view', view: 'estimate'}});
    // Below the header, between tabs, or another button: nothing.
    expect(routeMouse(click(50, 2), app, context)).toEqual({});
    expect(routeMouse(click(33, 1), app, context)).toEqual({});
    expect(routeMouse(click(50, 1, 'right'), app, context)).toEqual({});
  });
});

describe('<App> and the mouse', () => {
  const mount = () => {
    const setup = setupFor(exampleSpecs('web-service.json'));
    return render(
      <App estimate={setup} initialEstimate={initialStateFor(setup)} colors={false} size={{columns: 100, rows: 40}} />,
    );
  };

  it('a click on a tab shows its view; a release or a wheel where nothing scrolls is never read as keys', async () => {
    const app = mount();
    await waitForInput(app);
    // "fargate-cost explore   Estimate    Compare": Compare's padded label is columns 35 to 43.
    app.stdin.write(sgr(0, 38, 1) + sgr(0, 38, 1, 'm'));
    await waitForText(app, 'Compare the Estimate view');
    app.stdin.write(sgr(0, 25, 1));
    await waitForText(app, 'Same as fargate-cost estimate');
    const before = textOf(app.lastFrame());
    // Wheel on the Estimate view: nothing scrolls there, and none of its digits or letters is typed.
    app.stdin.write(sgr(65, 10, 10) + sgr(64, 10, 10));
    app.stdin.write('[');
    await waitFor(() => textOf(app.lastFrame()) !== before, 'the size to change');
    const after = textOf(app.lastFrame());
    expect(after).toMatch(/arch\s+x86_64/);
    expect(after).toMatch(/› vCPU\s+◂ 0\.5 vCPU/);
  });

  it("drops a legacy report's three bytes (a terminal without SGR): they are not typed", async () => {
    const app = mount();
    await waitForInput(app);
    const before = textOf(app.lastFrame());
    // ESC [ M, then button and position bytes: "aaa" here would switch the architecture three times.
    app.stdin.write('\u001B[Maaa[');
    await waitFor(() => textOf(app.lastFrame()) !== before, 'the size to change');
    expect(textOf(app.lastFrame())).toMatch(/arch\s+x86_64/);
    expect(textOf(app.lastFrame())).toMatch(/› vCPU\s+◂ 0\.5 vCPU/);
  });
});
