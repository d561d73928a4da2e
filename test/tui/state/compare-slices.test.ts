/**
 * Compare in the terminal UI runs in slices over a cache kept across its runs (the Spot-risk keys
 * re-use what compare derived from the usage alone, and the Spot cost of each group of workloads
 * with one risk). What it shows must be exactly what `fargate-cost compare` computes with the same
 * flags, from scratch: every figure, as strings.
 */
import {Readable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {CompareCache, compare} from '../../../src/app/compare.js';
import {historyCompareInput} from '../../../src/app/compare-input.js';
import {loadHistory} from '../../../src/cli/read-history.js';
import {dec} from '../../../src/money/decimal.js';
import {
  type CompareAction,
  type CompareOutcome,
  type CompareViewState,
  compareReducer,
  initialCompareState,
  inputWithTolerance,
  runCompareInSlices,
} from '../../../src/tui/state/compare.js';
import {embeddedCatalog} from '../../helpers/catalog.js';
import {NOW} from '../fixtures.js';

const asStrings = (value: unknown) => JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? `${v}n` : v), 1);

function finish(slices: Generator<void, CompareOutcome, void>): CompareOutcome {
  for (;;) {
    const step = slices.next();
    if (step.done) return step.value;
  }
}

describe('Compare in slices, over a cache kept across keys', () => {
  it('shows what compare computes with the same flags, key after key (i, w, t, base, back)', async () => {
    const catalog = embeddedCatalog();
    const history = await loadHistory(
      {paths: ['data/examples/history']},
      {catalog, now: NOW, asOfMs: Date.parse('2026-12-01T00:00:00Z'), top: 0, componentProfiles: true, keepRuns: true},
      {stdin: Readable.from([])},
    );
    const input = historyCompareInput(history);
    const setup = {catalog, now: NOW, monthHours: 730};
    const cache = new CompareCache(catalog, 730, null);
    const actions: CompareAction[] = [
      {type: 'step-interruptions', step: 1, current: dec('0.001')},
      {type: 'step-interruptions', step: 1, current: dec('0.001')},
      {type: 'step-lost-work', step: 1, currentSeconds: dec(0)},
      {type: 'step-lost-work', step: 1, currentSeconds: dec(0)},
      {type: 'step-tolerance'},
      {type: 'step-base', step: 1},
      {type: 'step-base', step: 1},
      {type: 'step-tolerance'},
      {type: 'step-interruptions', step: -1, current: dec('0.001')},
      {type: 'step-base', step: -1},
      {type: 'step-tolerance'},
    ];
    let state: CompareViewState = initialCompareState();
    const states = [state];
    for (const action of actions) {
      state = compareReducer(state, action);
      states.push(state);
    }
    let spotPriced = 0;
    for (const s of states) {
      const shown = finish(runCompareInSlices(input, s, setup, cache));
      if (!shown.ok) throw new Error(shown.error);
      // compare as the CLI runs it: a fresh cache, the flags the view's settings stand for.
      const expected = compare({
        input: inputWithTolerance(input, s.spotTolerant),
        catalog,
        now: NOW,
        monthHours: 730,
        interruptionRate: s.interruptionRate === null ? undefined : dec(s.interruptionRate),
        lostWorkSeconds: s.lostWork === null ? undefined : dec(s.lostWork),
        ...(s.onDemandBase === null ? {} : {onDemandBase: s.onDemandBase}),
        lookbackDays: [],
      });
      expect(asStrings(shown.result)).toBe(asStrings(expected));
      if (!expected.recommendation.spotOverheadMonthlyCost.isZero()) spotPriced++;
    }
    // The runs priced Spot's re-run overhead (the figure the risk groups sum), not only zeros.
    expect(spotPriced).toBeGreaterThan(3);
  });
});
