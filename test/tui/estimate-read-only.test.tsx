import {cleanup, render} from 'ink-testing-library';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {historyCompareInput} from '../../src/app/compare-input.js';
import type {HistoryResult} from '../../src/model/history.js';
import {App} from '../../src/tui/App.js';
import {COMMANDS, helpSections} from '../../src/tui/keymap.js';
import {initialStateFor} from '../../src/tui/state/estimate-select.js';
import {exploreHistory, handGiven, setupFor} from './fixtures.js';
import {KEY, press, waitForInput, waitForText} from './helpers/ink.js';

const AS_OF = '2026-12-01T00:00:00Z';
let history: HistoryResult;

beforeAll(async () => {
  history = await exploreHistory(AS_OF);
});
afterEach(() => cleanup());

/** What the Estimate view's setting keys are called in the help: none may show where they do nothing. */
const SETTING_LABELS = COMMANDS.filter((command) => command.scope === 'estimate').map((command) => command.label);

async function historyEstimate(columns: number, rows: number) {
  // As explore builds it from a history alone: no task definition given.
  const setup = setupFor(handGiven(), {history});
  const app = render(
    <App
      estimate={setup}
      initialEstimate={initialStateFor(setup)}
      history={{result: history, compareInput: historyCompareInput(history)}}
      colors={false}
      size={{columns, rows}}
    />,
  );
  await waitForInput(app);
  await waitForText(app, 'By group');
  const frame = await press(app, KEY.shiftTab);
  expect(frame).toContain("The history's workload");
  return {app, frame};
}

describe("a history's Estimate view is read-only, and its help and footnotes say what is there", () => {
  it('helpSections: a read-only Estimate has a note and no keys; other scopes keep theirs', () => {
    const [estimate, global] = helpSections(['estimate', 'global'], undefined, ['estimate']);
    expect(estimate!.title).toBe('Estimate view');
    expect(estimate!.rows).toEqual([]);
    expect(estimate!.notes!.join(' ')).toContain('read-only');
    expect(global!.rows.length).toBeGreaterThan(0);
    // Not read-only: every setting key, as docs/explore.md lists them.
    expect(helpSections(['estimate'])[0]!.rows.map((row) => row.label)).toEqual(SETTING_LABELS);
  });

  it.each([
    [80, 24],
    [120, 40],
  ] as const)('at %i x %i: help lists no setting key and says read-only', async (columns, rows) => {
    const {app} = await historyEstimate(columns, rows);
    const help = await press(app, '?');
    expect(help).toMatch(/^Estimate view$/m);
    expect(help).toContain('from a history: read-only; load task definitions to change sizes');
    for (const label of SETTING_LABELS) expect(help).not.toContain(label);
    // The keys that do work there are still listed.
    expect(help).toContain('show or hide this help');
  });

  it.each([
    [80, 24],
    [120, 40],
  ] as const)("at %i x %i: the estimated-rate footnote's pointer leads to something shown", async (columns, rows) => {
    const {app, frame} = await historyEstimate(columns, rows);
    const footnote = frame.split('\n').find((line) => line.startsWith('* priced with at least one estimated rate'));
    // The example history's Savings Plan rates are estimated (its catalog says so), so the footnote is there.
    expect(footnote).toBeDefined();
    if (footnote!.includes('(see Rates)')) {
      expect(frame).toMatch(/^Rates {3}\S/m);
      // The rates listed are the history's own: each source it priced with.
      for (const rate of history.assumptions.rates) expect(frame).toContain(rate.source);
    } else {
      expect(footnote).toContain('fargate-cost prices show');
      expect(frame).not.toMatch(/^Rates /m);
      const help = await press(app, '?');
      expect(help).toContain('fargate-cost prices show');
    }
    // 120 x 40 has room for the rates; 80 x 24 does not (every group and option comes first).
    if (columns >= 120) expect(footnote).toContain('(see Rates)');
    else expect(footnote).toContain('fargate-cost prices show');
  });

  it('at 120 x 40 no line of the view is cut: the assumption wraps rather than ends in …', async () => {
    const {frame} = await historyEstimate(120, 40);
    const lines = frame.split('\n');
    const body = lines.slice(
      lines.findIndex((line) => line.startsWith("The history's workload")),
      -1,
    );
    expect(body.length).toBeGreaterThan(10);
    for (const line of body) {
      expect(line).not.toMatch(/…\s*$/);
      expect([...line].length).toBeLessThanOrEqual(119);
    }
    const assumes = body.findIndex((line) => line.startsWith('Assumes '));
    expect(`${body[assumes]} ${body[assumes + 1]}`).toContain(
      'Savings Plans at full coverage (Compare sizes them hour by hour)',
    );
  });
});
