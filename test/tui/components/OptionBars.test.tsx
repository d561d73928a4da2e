import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {OptionBars} from '../../../src/tui/components/OptionBars.js';
import {type EstimateState, estimateReducer} from '../../../src/tui/state/estimate.js';
import {initialStateFor, optionRows, runEstimate} from '../../../src/tui/state/estimate-select.js';
import {setupFor} from '../fixtures.js';
import {textOf} from '../helpers/ink.js';

const setup = setupFor();
const rowsOf = (state: EstimateState) => {
  const outcome = runEstimate(state, setup);
  if (!outcome.ok) throw new Error(outcome.error);
  return optionRows(outcome.result, outcome.result.assumptions.catalog.staleBefore);
};
const draw = (state: EstimateState, width: number) =>
  textOf(render(<OptionBars rows={rowsOf(state)} width={width} />).lastFrame()).split('\n');
const bar = (line: string) => [...line.replace(/[^█▏▎▍▌▋▊▉]/g, '')].length;

describe('<OptionBars>', () => {
  it('draws every option cheapest first with a bar scaled to the dearest', () => {
    const lines = draw(initialStateFor(setup), 98);
    expect(lines[0]).toMatch(/^option\s+monthly\s+saving$/);
    // Spot's rates are the research note's feed reading, not cross-checked: estimated, marked *.
    expect(lines[1]).toMatch(/^Fargate Spot\s+\$11\.48\* \s+68\.2% {2}█+/);
    expect(lines[8]).toMatch(/^On-Demand\s+\$36\.04 {2}\s+– {2}█{47}$/);
    // $11.48 of $36.04 over 47 cells: 15 cells (and no part cell).
    expect(lines[1]!.endsWith('█'.repeat(15))).toBe(true);
    expect(lines.at(-1)).toBe('* priced with at least one estimated rate (see Rates)');
  });

  it('bars grow with the cost', () => {
    const lines = draw(initialStateFor(setup), 98).slice(1, 9);
    const widths = lines.map(bar);
    expect([...widths].sort((a, b) => a - b)).toEqual(widths);
  });

  it('switches to short labels when full ones leave no room for a bar', () => {
    const lines = draw(initialStateFor(setup), 50);
    expect(lines[2]).toMatch(/^SP 3y all upfront\s+\$17\.30\*\s+52\.0%\s+█+/);
  });

  it('lists an option that cannot apply after the others, with its reason', () => {
    const windows = estimateReducer(initialStateFor(setup), {type: 'toggle-os'});
    const lines = draw(windows, 98);
    expect(lines.at(-2)).toBe(
      // The label column is as wide as the widest label: On-Demand's, flagged (the Windows rates are the
      // 2025-08 offer's alone, over a year old at the run).
      'Fargate Spot                      n/a: Fargate Spot runs Linux tasks only; Windows tasks cannot u…',
    );
    expect(lines.every((line) => [...line].length <= 98)).toBe(true);
  });
});
