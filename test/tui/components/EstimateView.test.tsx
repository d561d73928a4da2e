import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {EstimateView} from '../../../src/tui/components/EstimateView.js';
import {RateSources} from '../../../src/tui/components/RateSources.js';
import {layoutFor} from '../../../src/tui/layout.js';
import type {EstimateState} from '../../../src/tui/state/estimate.js';
import {
  type EstimateOutcome,
  initialStateFor,
  rateGroups,
  runEstimate,
} from '../../../src/tui/state/estimate-select.js';
import {NOW, setupFor} from '../fixtures.js';
import {textOf} from '../helpers/ink.js';

const setup = setupFor();
const state = initialStateFor(setup);
const outcome = runEstimate(state, setup);
const result = outcome.ok ? outcome.result : undefined;

function view(columns: number, rows: number, s: EstimateState = state, o: EstimateOutcome = outcome) {
  return textOf(
    render(
      <EstimateView
        state={s}
        outcome={o}
        baseline={result}
        layout={layoutFor(columns, rows)}
        regionName={(region) => setup.catalog.regionName(region)}
        now={NOW}
      />,
    ).lastFrame(),
  );
}

describe('<EstimateView>', () => {
  it('wide: settings beside the options, then the rates and the command', () => {
    const lines = view(130, 40).split('\n');
    expect(lines[0]).toBe('web (data/examples/web-service.json)  1 task always on (730 hours a month)');
    expect(lines[1]).toMatch(/^› vCPU\s+◂ 1 vCPU\s+▸ 1024 units\s+option\s+monthly\s+saving$/);
    expect(lines[2]).toMatch(/^ {2}memory\s+2 GB\s+2–8 GB\s+Fargate Spot\s+\$11\.48/);
    expect(lines.find((line) => line.startsWith('Same as'))).toBe(
      'Same as fargate-cost estimate --cpu 1 --memory 2 --region us-east-1',
    );
  });

  it('gives way from the least important part when rows run short', () => {
    const tall = view(100, 40);
    expect(tall).toContain('option ');
    expect(tall).toContain('Same as');
    const short = view(100, 23).split('\n');
    expect(short.some((line) => line.startsWith('Same as'))).toBe(false);
    expect(short.some((line) => line.startsWith('option'))).toBe(false);
    expect(short.some((line) => line.startsWith('Catalog'))).toBe(true);
    expect(short.length).toBeLessThanOrEqual(layoutFor(100, 23).bodyRows);
  });

  it('shows why it cannot price, in place of the options', () => {
    const text = view(100, 40, state, {
      ok: false,
      error: 'the price catalog (x.json) has no On-Demand rate for storage in af-south-1',
    });
    expect(text).toContain(
      'cannot price this: the price catalog (x.json) has no On-Demand rate for storage in af-south-1',
    );
    expect(text).not.toContain('Rates');
  });

  it('<RateSources> warns about a stale catalog and says how to refresh it', () => {
    const groups = rateGroups(result!.assumptions.rates, NOW);
    const catalog = {...result!.assumptions.catalog, ageDays: 120, stale: true, path: 'data/catalog.json'};
    const text = textOf(
      render(<RateSources groups={groups} catalog={catalog} width={200} compact={false} />).lastFrame(),
    );
    expect(text.split('\n')[0]).toMatch(
      /^Rates {3}On-Demand {6}aws-price-list-2025-08 {5}2025-08-28 \(453 d\) {2}published$/,
    );
    expect(text).toContain(
      'Catalog embedded snapshot, generated 2026-11-24, 120 days old; stale: run "fargate-cost prices refresh" (data/catalog.json)',
    );
  });
});
