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
    for (const range of tabRanges(views, 80, 'compare')) {
      // Columns count from 1: the padded label's first cell (a space) is column `from`.
      expect(line.indexOf(`  ${VIEW_LABELS[range.view]}`) + 2, range.view).toBe(range.from);
      expect(range.to - range.from + 1).toBe(VIEW_LABELS[range.view].length + 2);
    }
    expect(tabRanges(views, 80, 'compare').map(({from, to}) => [from, to])).toEqual([
      [23, 31],
      [34, 42],
      [45, 54],
    ]);
    expect([
      tabAt(views, 22, 80, 'compare'),
      tabAt(views, 23, 80, 'compare'),
      tabAt(views, 33, 80, 'compare'),
      tabAt(views, 42, 80, 'compare'),
      tabAt(views, 60, 80, 'compare'),
    ]).toEqual([undefined, 'history', undefined, 'compare', undefined]);
  });

  it('six tabs from 30 to 120 columns: the drawn row is one line, each shown tab where the click map says, the active one whole', () => {
    const views: ViewId[] = ['reconcile', 'history', 'bill', 'rightsize', 'compare', 'estimate'];
    for (let width = 30; width <= 120; width++) {
      const active = views[width % views.length]!;
      const frame = render(<Header views={views} active={active} width={width} />).lastFrame() ?? '';
      cleanup();
      const lines = textOf(frame).split('\n');
      const at = `${active} at ${width}`;
      expect(lines, at).toHaveLength(1);
      expect([...lines[0]!].length, at).toBeLessThanOrEqual(width);
      // (ink trims the row's trailing spaces.)
      const cells = [...lines[0]!.padEnd(width)];
      for (const range of tabRanges(views, width, active)) {
        // Columns count from 1: the padded label sits at from..to.
        expect(cells.slice(range.from - 1, range.to).join(''), `${at}: ${range.view}`).toBe(` ${range.label} `);
        expect(tabAt(views, range.from, width, active)).toBe(range.view);
      }
      expect(cells.join(''), at).toContain(` ${VIEW_LABELS[active]} `);
    }
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

  it('routes a left click on a History row to select it, on the selected row to open it, anywhere else to nothing', () => {
    const app = initialAppState(['history', 'compare', 'estimate']);
    // The list's first row on terminal row 10, five rows shown of nine; the cursor on the seventh (index 6).
    const context = {
      ...NO_VIEW_CONTEXT,
      historyRows: 9,
      historyPage: 5,
      historyCursor: 6,
      historyKey: 'g6',
      historyList: {top: 10, shown: 5},
    };
    const click = (y: number) => ({kind: 'press', button: 'left', x: 4, y}) as const;
    // Scrolled to keep the cursor in the middle: rows 4 to 8 on screen (scrollOffset(6, 9, 5) = 4).
    expect(routeMouse(click(10), app, context)).toEqual({history: {type: 'select', index: 4, rows: 9}});
    expect(routeMouse(click(14), app, context)).toEqual({history: {type: 'select', index: 8, rows: 9}});
    expect(routeMouse(click(12), app, context)).toEqual({
      history: {type: 'open', key: 'g6', filter: ''},
      app: {type: 'set-filter', text: ''},
    });
    // Above or below the list, with the help or the filter line open, on another button: nothing.
    for (const [y, state] of [
      [9, app],
      [15, app],
      [11, {...app, help: true}],
      [11, {...app, filterEditing: true}],
    ] as const)
      expect(routeMouse(click(y), state, context), `y ${y}`).toEqual({});
    expect(routeMouse({kind: 'press', button: 'right', x: 4, y: 11}, app, context)).toEqual({});
    // A short list: rows past its end are empty.
    const short = {...context, historyRows: 2, historyCursor: 0};
    expect(routeMouse(click(11), app, short)).toEqual({history: {type: 'select', index: 1, rows: 2}});
    expect(routeMouse(click(12), app, short)).toEqual({});
    // In an opened row's runs, the selected run has nothing to open.
    const opened = {...context, historyOpened: {filterBefore: ''}, historyKey: undefined};
    expect(routeMouse(click(12), app, opened)).toEqual({});
    expect(routeMouse(click(13), app, opened)).toEqual({history: {type: 'select', index: 7, rows: 9}});
  });

  it("routes a left click on Compare's scenario table to the plan of the row, as the view says", () => {
    const app = {...initialAppState(['history', 'compare', 'estimate']), view: 'compare' as const};
    const context = {...NO_VIEW_CONTEXT, comparePlanAt: (y: number) => (y === 20 ? 4 : undefined)};
    const click = (y: number) => ({kind: 'press', button: 'left', x: 4, y}) as const;
    expect(routeMouse(click(20), app, context)).toEqual({compare: {type: 'select-plan', index: 4}});
    expect(routeMouse(click(21), app, context)).toEqual({});
    expect(routeMouse(click(20), {...app, help: true}, context)).toEqual({});
  });
});
