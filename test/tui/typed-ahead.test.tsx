/**
 * Keys typed ahead, as a terminal hands them over when the app is busy: several in one write. Each
 * must count, in order, even when it steps from figures compare has not yet computed (the view just
 * opened, or the key before changed what compare runs on).
 */
import {cleanup, render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {App} from '../../src/tui/App.js';
import {initialStateFor} from '../../src/tui/state/estimate-select.js';
import {exampleSpecs, exploreHistory, setupFor} from './fixtures.js';
import {BUSY, idle, KEY, press, textOf, waitFor, waitForInput} from './helpers/ink.js';
import {renderWithHistory} from './helpers/history-app.js';

function mount() {
  const setup = setupFor(exampleSpecs('web-service.json'));
  return render(
    <App estimate={setup} initialEstimate={initialStateFor(setup)} colors={false} size={{columns: 120, rows: 40}} />,
  );
}

const commitment = (frame: string) => /Commit\s+\$(\d+\.\d{3})\/h/.exec(frame)?.[1];

afterEach(() => cleanup());

describe('keys typed ahead (explore)', () => {
  it('Tab, 0 and ten . in one burst, before Compare has run once: the commitment ends at 10 x $0.001', async () => {
    const app = mount();
    await waitForInput(app);
    app.stdin.write(`${KEY.tab}0..........`);
    await waitFor(() => commitment(textOf(app.lastFrame())) === '0.010', 'the commitment at $0.010/h');
  });

  it('keys behind one that changes what compare runs on wait for it, then all count in order', async () => {
    const app = mount();
    await waitForInput(app);
    // Tab opens Compare (it runs); t changes which work may go to Spot (it runs again): the keys after
    // each step from what that run shows. 0, five $0.001 steps up, one down; j: the next plan.
    app.stdin.write(`${KEY.tab}0t.....i,j`);
    await waitFor(() => commitment(textOf(app.lastFrame())) === '0.004', 'the commitment at $0.004/h');
    const frame = textOf(app.lastFrame());
    expect(frame).toMatch(/Plan\s+◂ Compute SP 1 yr Partial Upfront ▸/);
  });

  it('keys typed one by one while compare runs all count, in order; the busy marker shows meanwhile and goes', async () => {
    const app = mount();
    await waitForInput(app);
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    // One key a turn of the event loop: Tab starts compare (it runs in slices, a turn each), so the
    // keys after it arrive while it runs; t and i start it again, and the keys behind them wait.
    for (const key of [KEY.tab, '0', '.', '.', 't', '.', 'i', '.', '.', ',', 'j']) {
      app.stdin.write(key);
      await turn();
    }
    await waitFor(() => commitment(textOf(app.lastFrame())) === '0.004' && idle(app), 'the commitment at $0.004/h');
    const frame = textOf(app.lastFrame());
    expect(frame).toMatch(/Plan\s+◂ Compute SP 1 yr Partial Upfront ▸/);
    expect(frame).toMatch(/0\.002 interruptions per task-hour \(set here/);
    expect(frame).toContain('Spot for all work');
    // The marker was on screen while compare ran (the frame Tab drew, before its first slice), and is gone.
    expect(app.frames.some((f) => textOf(f).includes(BUSY))).toBe(true);
    expect(frame).not.toContain(BUSY);
  });

  it('the busy marker shows while compare re-runs after a Spot-risk key, then goes', async () => {
    const app = mount();
    await waitForInput(app);
    await press(app, KEY.tab);
    const before = app.frames.length;
    const frame = await press(app, 'i');
    expect(frame).toMatch(/0\.002 interruptions per task-hour \(set here/);
    expect(app.frames.slice(before).some((f) => textOf(f).includes(BUSY))).toBe(true);
    expect(frame).not.toContain(BUSY);
  });

  it('Esc with nothing open does not quit: the app still reads keys', async () => {
    const app = mount();
    await waitForInput(app);
    app.stdin.write(KEY.escape);
    // ink holds a lone ESC until its next turn of the event loop (an arrow's ESC [ C may be on the way):
    // the turn after it, the Esc has been handled, and an a is an a, not Alt-a.
    await new Promise((resolve) => setImmediate(resolve));
    const frame = await press(app, 'a');
    expect(frame).toMatch(/arch\s+arm64/);
    expect(app.stdin.listenerCount('readable')).toBeGreaterThan(0);
  });
});

describe('Esc typed just ahead of another key, in one read (a burst): Esc, then the key', () => {
  async function historyApp() {
    const result = await exploreHistory('2026-11-04T00:00:00Z');
    const app = renderWithHistory(result, {columns: 110, rows: 34});
    await waitForInput(app);
    return app;
  }
  const opened = (frame: string) => /^\s*task\s+option/m.test(frame);

  it.each([
    ['Tab (ink reads ESC Tab as a lone Tab)', '\t', (frame: string) => /Plan\s+◂/.test(frame)],
    ['> (ink reads ESC > as a lone >)', '>', (frame: string) => /By group \(\d+\)\s+by tasks ↓/.test(frame)],
    ['j (ink reads ESC j as Alt-j)', 'j', (frame: string) => /By group/.test(frame)],
  ])("out of a group's runs, then %s", async (_, key, after) => {
    const app = await historyApp();
    await press(app, KEY.enter);
    await waitFor(() => opened(textOf(app.lastFrame())), "the group's runs");
    app.stdin.write(`\u001B${key}`);
    await waitFor(() => after(textOf(app.lastFrame())) && !opened(textOf(app.lastFrame())), 'Esc, then the key');
  });

  it('a filter being typed: Esc closes it, then > sorts (not typed into the filter)', async () => {
    const app = await historyApp();
    app.stdin.write('/w');
    await waitFor(() => textOf(app.lastFrame()).includes('filter: w'), 'the filter');
    app.stdin.write('\u001B>');
    await waitFor(() => /by tasks ↓/.test(textOf(app.lastFrame())), 'sorted by tasks');
    expect(textOf(app.lastFrame())).not.toContain('w>');
  });
});
