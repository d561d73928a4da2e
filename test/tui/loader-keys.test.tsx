/**
 * Keys typed while explore reads its history: the loading screen answers the view keys at once and
 * keeps every other key, which the app routes in order once it has mounted, on the view it was typed
 * on, as if it had been typed then. The load here is a promise the test resolves by hand.
 */
import {cleanup, render} from 'ink-testing-library';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {historyCompareInput} from '../../src/app/compare-input.js';
import type {ExploreHistory} from '../../src/tui/App.js';
import {type ExploreLoaded, ExploreLoader, KEPT_KEYS} from '../../src/tui/Loader.js';
import {initialStateFor} from '../../src/tui/state/estimate-select.js';
import {handGiven, setupFor, exploreHistory} from './fixtures.js';
import {idle, KEY, textOf, waitFor, waitForInput, waitForText} from './helpers/ink.js';

let history: ExploreHistory;

beforeAll(async () => {
  const result = await exploreHistory('2026-11-04T00:00:00Z');
  history = {result, compareInput: historyCompareInput(result)};
});
afterEach(() => cleanup());

/** The loader on a load that ends when the test says so. */
function mountLoading() {
  let finish: () => void = () => {};
  const read = new Promise<ExploreLoaded>((resolve) => {
    const setup = setupFor(handGiven());
    finish = () => resolve({estimate: setup, initialEstimate: initialStateFor(setup), history});
  });
  const app = render(
    <ExploreLoader reads="history" load={() => read} colors={false} size={{columns: 110, rows: 34}} />,
  );
  return {app, finish};
}

/** ink holds a lone ESC until its next turn (an arrow's ESC [ A may be on the way). */
const turn = () => new Promise((resolve) => setImmediate(resolve));

const loaded = (frame: string | undefined) => !textOf(frame).includes('Reading the history…');

describe('keys typed during the load (explore)', () => {
  it('j, Down and Enter typed on the loading screen open the third group once the history is read', async () => {
    const {app, finish} = mountLoading();
    await waitForText(app, 'History: loading…');
    await waitForInput(app);
    app.stdin.write('j');
    app.stdin.write(KEY.down);
    app.stdin.write(KEY.enter);
    // Nothing of them shows yet: the loading screen stays as it was.
    expect(textOf(app.lastFrame())).toContain('History: loading…');
    finish();
    const group = history.result.groups[2]!;
    await waitForText(app, `${group.key}: ${group.tasks} task`);
    expect(textOf(app.lastFrame())).toMatch(/pull started \(UTC\)\s+billed\s+stop code\s+cost/);
  });

  it('each key goes to the view it was typed on: j on History, Tab, j on Compare; the app ends on Compare', async () => {
    const {app, finish} = mountLoading();
    await waitForInput(app);
    app.stdin.write('j');
    app.stdin.write(KEY.tab);
    await waitForText(app, 'Compare: loading…');
    app.stdin.write('j');
    finish();
    await waitFor(() => loaded(app.lastFrame()) && /Plan\s+◂/.test(textOf(app.lastFrame())) && idle(app), 'Compare');
    // The first plan is the 1-year No Upfront one; the j typed on Compare's loading screen moved to the next.
    expect(textOf(app.lastFrame())).toMatch(/Plan\s+◂ Compute SP 1 yr Partial Upfront ▸\s+2 of 6/);
    // The j typed on History's loading screen moved History's cursor, not Compare's plan twice.
    app.stdin.write(KEY.shiftTab);
    await waitForText(app, 'By group');
    expect(textOf(app.lastFrame())).toMatch(new RegExp(`› ${history.result.groups[1]!.key}`));
  });

  it('Esc is kept and replayed as back: Enter, Esc, j leave the groups with the cursor on the second', async () => {
    const {app, finish} = mountLoading();
    await waitForInput(app);
    app.stdin.write(KEY.enter);
    app.stdin.write(KEY.escape);
    await turn();
    app.stdin.write('j');
    // A filter typed and dropped: / w Esc leaves no filter.
    app.stdin.write('/');
    app.stdin.write('w');
    app.stdin.write(KEY.escape);
    await turn();
    finish();
    const second = new RegExp(`› ${history.result.groups[1]!.key}`);
    await waitFor(() => second.test(textOf(app.lastFrame())), 'the cursor on the second group');
    const frame = textOf(app.lastFrame());
    expect(frame).toContain('By group');
    expect(frame).not.toContain('filter:');
    // The app still reads keys: the Esc did not quit.
    expect(app.stdin.listenerCount('readable')).toBeGreaterThan(0);
  });

  it(`keeps the last ${KEPT_KEYS} keys: Enter and ${KEPT_KEYS - 1} j open a group; Enter and ${KEPT_KEYS} j do not`, async () => {
    for (const js of [KEPT_KEYS - 1, KEPT_KEYS]) {
      const {app, finish} = mountLoading();
      await waitForInput(app);
      app.stdin.write(KEY.enter);
      for (let i = 0; i < js; i++) app.stdin.write('j');
      finish();
      const groups = history.result.groups;
      const opened = `${groups[0]!.key}: ${groups[0]!.tasks} tasks`;
      const last = new RegExp(`› ${groups[groups.length - 1]!.key}`);
      // Either the first group's runs (the Enter kept) or the cursor on the last group (the Enter, the oldest key, dropped).
      await waitFor(() => textOf(app.lastFrame()).includes(opened) || last.test(textOf(app.lastFrame())), 'History');
      const frame = textOf(app.lastFrame());
      if (js === KEPT_KEYS - 1) expect(frame).toContain(opened);
      else expect(frame).toMatch(last);
      cleanup();
    }
  });

  it('q typed during the load quits at once', async () => {
    const {app} = mountLoading();
    await waitForInput(app);
    app.stdin.write('q');
    await waitFor(() => app.stdin.listenerCount('readable') === 0, 'the app to stop reading keys');
  });
});
