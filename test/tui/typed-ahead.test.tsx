/**
 * Keys typed ahead, as a terminal hands them over when the app is busy: several in one write. Each
 * must count, in order, even when it steps from figures compare has not yet computed (the view just
 * opened, or the key before changed what compare runs on).
 */
import {cleanup, render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {App} from '../../src/tui/App.js';
import {initialStateFor} from '../../src/tui/state/estimate-select.js';
import {exampleSpecs, setupFor} from './fixtures.js';
import {KEY, press, textOf, waitFor, waitForInput} from './helpers/ink.js';

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
