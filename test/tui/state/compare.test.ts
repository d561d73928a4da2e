import {describe, expect, it} from 'vitest';
import {costAtCommitment, costWithoutCommitment} from '../../../src/analysis/savings-plan.js';
import {historyCompareInput} from '../../../src/app/compare-input.js';
import type {CompareInput} from '../../../src/app/compare.js';
import {dec} from '../../../src/money/decimal.js';
import {PLAN_IDS} from '../../../src/model/types.js';
import {
  coarseStep,
  columnOf,
  compareReducer,
  curveLines,
  curveSamples,
  estimateCompareInputOf,
  initialCompareState,
  markerLine,
  planOfState,
  readSlider,
  runCompare,
  compareKey,
  scenarioSortLabel,
  selectedPlan,
  sliderMax,
  sortScenarios,
} from '../../../src/tui/state/compare.js';
import {scenarioLabel} from '../../../src/report/compare-text.js';
import type {Scenario} from '../../../src/model/compare.js';
import {estimateReducer} from '../../../src/tui/state/estimate.js';
import {initialStateFor} from '../../../src/tui/state/estimate-select.js';
import {bill, HOUR, ran, T0} from '../../app/history-fixtures.js';
import {runCli} from '../../helpers/cli.js';
import {embeddedCatalog} from '../../helpers/catalog.js';
import {NOW, setupFor} from '../fixtures.js';

const setup = {catalog: embeddedCatalog(), now: NOW, monthHours: 730};
const slider = {best: dec('0.048'), peak: dec('0.1')};
/** The same slider on every plan. */
const sliders = PLAN_IDS.map(() => slider);

function estimateInput(): CompareInput {
  const input = estimateCompareInputOf(initialStateFor(setupFor()), setupFor(), 730);
  if ('error' in input) throw new Error(input.error);
  return input;
}

describe('the Compare view state', () => {
  it('starts on the 1-year No Upfront plan at its optimum; another plan keeps a chosen commitment, or follows its own optimum', () => {
    const state = initialCompareState();
    expect([planOfState(state), state.commitment]).toEqual(['compute-1y-no-upfront', null]);
    expect(compareReducer(state, {type: 'step-plan', step: 1}).commitment).toBeNull();
    const moved = compareReducer(state, {type: 'step-commitment', step: 1, fine: true, sliders});
    expect(moved.commitment).toBe('0.049');
    const next = compareReducer(moved, {type: 'step-plan', step: 1});
    expect([planOfState(next), next.commitment]).toEqual([
      PLAN_IDS[PLAN_IDS.indexOf('compute-1y-no-upfront') + 1],
      '0.049',
    ]);
    // At either end of the plan list a step does nothing.
    const last = {...state, planIndex: PLAN_IDS.length - 1};
    expect(compareReducer(last, {type: 'step-plan', step: 1})).toBe(last);
  });

  it('selects a plan by its index (a click on its scenario row), keeping a chosen commitment; an index out of range does nothing', () => {
    const moved = compareReducer(initialCompareState(), {type: 'step-commitment', step: 1, fine: true, sliders});
    const chosen = compareReducer(moved, {type: 'select-plan', index: PLAN_IDS.indexOf('compute-3y-all-upfront')});
    expect([planOfState(chosen), chosen.commitment]).toEqual(['compute-3y-all-upfront', '0.049']);
    for (const index of [-1, PLAN_IDS.length, 1.5])
      expect(compareReducer(moved, {type: 'select-plan', index})).toBe(moved);
  });

  it('steps the commitment in fortieths of the peak, landing on multiples, and $0.001 fine, within 0 and the peak', () => {
    // 0.1 / 40 = 0.0025 -> 0.003 (in whole $0.001).
    expect(coarseStep(dec('0.1')).toString()).toBe('0.003');
    expect(coarseStep(dec('0.02')).toString()).toBe('0.001');
    const state = initialCompareState();
    const up = compareReducer(state, {type: 'step-commitment', step: 1, fine: false, sliders});
    expect(up.commitment).toBe('0.051');
    expect(compareReducer(up, {type: 'step-commitment', step: -1, fine: false, sliders}).commitment).toBe('0.048');
    expect(compareReducer(state, {type: 'step-commitment', step: -1, fine: false, sliders}).commitment).toBe('0.045');
    const zero = compareReducer(state, {type: 'zero-commitment'});
    expect(zero.commitment).toBe('0.000');
    expect(compareReducer(zero, {type: 'step-commitment', step: -1, fine: true, sliders})).toBe(zero);
    const top = {...state, commitment: '0.100'};
    expect(compareReducer(top, {type: 'step-commitment', step: 1, fine: false, sliders})).toBe(top);
    expect(compareReducer(top, {type: 'best-commitment'}).commitment).toBeNull();
    // The peak 0.0994 is bought as 0.100: the slider's end is a commitment AWS sells.
    expect(sliderMax(dec('0.0994')).toString()).toBe('0.1');
  });

  it('steps the slider of the plan in the state, and Spot risk from the rate set, though no frame shows them yet', () => {
    // ↓ then → typed ahead: the second key is routed on the frame of the first plan.
    const state = compareReducer(initialCompareState(), {type: 'step-plan', step: 1});
    const perPlan = PLAN_IDS.map((_, i) => ({best: dec('0.040').plus(dec('0.001').times(i)), peak: dec('0.1')}));
    const moved = compareReducer(state, {type: 'step-commitment', step: 1, fine: true, sliders: perPlan});
    expect(moved.commitment).toBe(perPlan[state.planIndex]!.best.plus('0.001').toFixed(3));
    // A plan with nothing to slide over does not move.
    expect(
      compareReducer(state, {type: 'step-commitment', step: 1, fine: true, sliders: PLAN_IDS.map(() => null)}),
    ).toBe(state);
    // i i typed ahead: both step from what the first set, not from the measured rate still on screen.
    let risk = initialCompareState();
    for (let i = 0; i < 2; i++)
      risk = compareReducer(risk, {type: 'step-interruptions', step: 1, current: dec('0.010418')});
    expect(risk.interruptionRate).toBe('0.05');
    for (let i = 0; i < 2; i++)
      risk = compareReducer(risk, {type: 'step-lost-work', step: 1, currentSeconds: dec(373)});
    expect(risk.lostWork).toBe('900');
  });

  it('steps Spot risk from the figure in use, measured ones between rungs included', () => {
    const state = initialCompareState();
    expect(compareReducer(state, {type: 'step-interruptions', step: 1, current: dec('0.001')}).interruptionRate).toBe(
      '0.002',
    );
    expect(
      compareReducer(state, {type: 'step-interruptions', step: 1, current: dec('0.010418')}).interruptionRate,
    ).toBe('0.02');
    expect(
      compareReducer(state, {type: 'step-interruptions', step: -1, current: dec('0.010418')}).interruptionRate,
    ).toBe('0.01');
    expect(compareReducer(state, {type: 'step-interruptions', step: -1, current: dec(0)}).interruptionRate).toBe('0');
    expect(compareReducer(state, {type: 'step-lost-work', step: 1, currentSeconds: dec(373)}).lostWork).toBe('600');
    expect(compareReducer(state, {type: 'step-base', step: -1}).onDemandBase).toBe(0);
    // t: as the input says -> all work may use Spot -> none -> as the input says.
    const all = compareReducer(state, {type: 'step-tolerance'});
    const none = compareReducer(all, {type: 'step-tolerance'});
    expect([all.spotTolerant, none.spotTolerant, compareReducer(none, {type: 'step-tolerance'}).spotTolerant]).toEqual([
      true,
      false,
      null,
    ]);
  });
});

describe('the Compare view on the core', () => {
  it("prices the Estimate view's task exactly as fargate-cost compare does from the same flags", async () => {
    const outcome = runCompare(estimateInput(), initialCompareState(), setup);
    if (!outcome.ok) throw new Error(outcome.error);
    const fromCli = await runCli([
      'compare',
      '--cpu',
      '1',
      '--memory',
      '2',
      '--region',
      'us-east-1',
      '--format',
      'json',
    ]);
    const json = JSON.parse(fromCli.stdout);
    const byId = (scenarios: {id: string; monthlyCost: string | null}[]) =>
      Object.fromEntries(scenarios.map((s) => [s.id, s.monthlyCost]));
    expect(
      byId(outcome.result.scenarios.map((s) => ({id: s.id, monthlyCost: s.monthlyCost?.toString() ?? null}))),
    ).toEqual(byId(json.scenarios));
    // The slider's optimum and the chart's curve are the JSON's, plan by plan.
    const plans = (analyses: {plan: string; best: {monthlyCost: string}; curve: {monthlyCost: string}[]}[]) =>
      analyses.map((a) => [a.plan, a.best.monthlyCost, a.curve.map((point) => point.monthlyCost)]);
    expect(
      plans(
        outcome.plans.map(({analysis}) => ({
          plan: analysis.plan,
          best: {monthlyCost: analysis.best.monthlyCost.toString()},
          curve: analysis.curve.map((point) => ({monthlyCost: point.monthlyCost.toString()})),
        })),
      ),
    ).toEqual(plans(json.savingsPlans));
  });

  it('follows the Estimate view: two tasks double the All On-Demand cost', () => {
    const setupWeb = setupFor();
    const two = estimateReducer(initialStateFor(setupWeb), {type: 'step-count', step: 1});
    const input = estimateCompareInputOf(two, setupWeb, 730);
    if ('error' in input) throw new Error(input.error);
    const one = runCompare(estimateInput(), initialCompareState(), setup);
    const doubled = runCompare(input, initialCompareState(), setup);
    if (!one.ok || !doubled.ok) throw new Error('compare failed');
    const onDemand = (outcome: typeof one) =>
      outcome.ok && outcome.result.scenarios.find((s) => s.id === 'on-demand')!.monthlyCost!.toString();
    // 1 vCPU, 2 GB always on: 730 x (0.04048 + 2 x 0.004445) = $36.0401 a month.
    expect([onDemand(one), onDemand(doubled)]).toEqual(['36.0401', '72.0802']);
  });

  it('the slider reads the plan compare sized: the same optimum, exact costs at any commitment', () => {
    const outcome = runCompare(estimateInput(), initialCompareState(), setup);
    if (!outcome.ok) throw new Error(outcome.error);
    expect(outcome.plans.map((plan) => plan.analysis.plan)).toEqual(PLAN_IDS);
    for (const plan of PLAN_IDS) {
      const sized = selectedPlan(outcome, plan)!;
      const reading = readSlider(sized, null);
      const analysis = outcome.result.savingsPlans.find((a) => a.plan === plan)!;
      expect(sized.analysis).toBe(analysis);
      expect(reading.best.commitmentPerHour.toString()).toBe(analysis.best.commitmentPerHour.toString());
      expect(reading.at.monthlyCost.toString()).toBe(analysis.best.monthlyCost.toString());
      expect(reading.atBest).toBe(true);
      const moved = readSlider(sized, '0.010');
      expect(moved.at.monthlyCost.toString()).toBe(
        costAtCommitment(sized.prepared, dec('0.010')).monthlyCost.toString(),
      );
      expect(moved.atBest).toBe(false);
    }
  });

  it("samples compare's curve exactly from no commitment to the slider's end, and no sample beats the optimum", () => {
    const outcome = runCompare(estimateInput(), initialCompareState(), setup);
    if (!outcome.ok) throw new Error(outcome.error);
    const {analysis, prepared} = selectedPlan(outcome, 'compute-3y-all-upfront')!;
    const samples = curveSamples(analysis.curve, 730, 30);
    expect(samples).toHaveLength(30);
    expect(samples[0]!.monthlyCost.toString()).toBe(costWithoutCommitment(prepared).monthlyCost.toString());
    expect(samples[29]!.commitmentPerHour.toString()).toBe(sliderMax(prepared.peakCommitment).toString());
    // An always-on task has few breakpoints: compare's curve holds them all, so every sample is exact.
    expect(analysis.curve.length).toBeLessThan(60);
    for (const sample of samples) {
      expect(sample.monthlyCost.toString()).toBe(
        costAtCommitment(prepared, sample.commitmentPerHour).monthlyCost.toString(),
      );
      expect(sample.monthlyCost.gte(analysis.best.monthlyCost)).toBe(true);
    }
  });

  it("measures Spot risk from a history, and prices the view's own interruption rate", () => {
    const history = bill(
      [
        ran(T0, 4 * HOUR, {capacityProvider: 'FARGATE_SPOT', group: 'family:batch', stopCode: 'SpotInterruption'}),
        ran(T0, 4 * HOUR, {capacityProvider: 'FARGATE_SPOT', group: 'family:batch'}),
      ],
      {componentProfiles: true},
    );
    const input = historyCompareInput(history);
    const measured = runCompare(input, initialCompareState(), setup);
    if (!measured.ok) throw new Error(measured.error);
    // 1 interruption in 8 Spot task-hours.
    expect([
      measured.result.spotRisk.parameters.interruptionsPerTaskHour.toString(),
      measured.result.spotRisk.parameters.interruptionSource,
    ]).toEqual(['0.125', 'history']);
    const set = runCompare(input, {...initialCompareState(), interruptionRate: '0.001'}, setup);
    if (!set.ok) throw new Error(set.error);
    expect([
      set.result.spotRisk.parameters.interruptionsPerTaskHour.toString(),
      set.result.spotRisk.parameters.interruptionSource,
    ]).toEqual(['0.001', 'flag']);
  });

  it('a Windows task gets no Spot scenario, with the reason', () => {
    const windows = estimateReducer(initialStateFor(setupFor()), {type: 'toggle-os'});
    const input = estimateCompareInputOf(windows, setupFor(), 730);
    if ('error' in input) throw new Error(input.error);
    const outcome = runCompare(input, initialCompareState(), setup);
    if (!outcome.ok) throw new Error(outcome.error);
    expect(outcome.result.scenarios.find((s) => s.id === 'spot')).toMatchObject({
      available: false,
      gap: {kind: 'windows-spot'},
    });
  });

  it('a region without the rates says so in the view instead of ending it', () => {
    const setupWeb = setupFor();
    let state = initialStateFor(setupWeb);
    // Step through the regions until one lacks a rate compare needs (arm64 Spot outside the two observed regions).
    state = estimateReducer(state, {type: 'toggle-arch'});
    const outcomes = setupWeb.catalog.regions.map((region) => {
      const input = estimateCompareInputOf({...state, settings: [{...state.settings[0]!, region}]}, setupWeb, 730);
      return 'error' in input
        ? {ok: false as const, error: input.error}
        : runCompare(input, initialCompareState(), setup);
    });
    expect(outcomes.filter((outcome) => outcome.ok).length).toBeGreaterThan(0);
    setupWeb.catalog.regions.forEach((region, i) => {
      const outcome = outcomes[i]!;
      if (!outcome.ok) expect(outcome.error).toContain(region);
    });
  });
});

describe("the scenario table's order", () => {
  it('> cycles monthly ↑, upfront ↑, name ↑ and back, and runs nothing again (not in the compare key)', () => {
    let state = initialCompareState();
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      seen.push(scenarioSortLabel(state.scenarioSort));
      const next = compareReducer(state, {type: 'next-sort'});
      expect(compareKey(next)).toBe(compareKey(state));
      expect(next.planIndex).toBe(state.planIndex);
      state = next;
    }
    expect(seen).toEqual(['by monthly ↑', 'by upfront ↑', 'by name ↑', 'by monthly ↑']);
  });

  it("orders the web task's scenarios as compare ranks them, by cash up front, by name (hand-checked against `compare --cpu 1 --memory 2`)", () => {
    const outcome = runCompare(estimateInput(), initialCompareState(), setup);
    if (!outcome.ok) throw new Error(outcome.error);
    const shown = outcome.result.scenarios.filter((s) => s.available && s.kind !== 'commitment');
    const name = (s: Scenario) => scenarioLabel(s, outcome.result.input.basis, false);
    const labels = (sort: Parameters<typeof sortScenarios>[1]) => sortScenarios(shown, sort, name).map(name);
    // compare's own table, row for row: SP 3 yr All Upfront before the recommended mix at the same $17.52.
    expect(labels('monthly')).toEqual([
      'All Fargate Spot',
      'Compute SP 3 yr All Upfront',
      'Recommended mix',
      'Compute SP 3 yr Partial Upfront',
      'Compute SP 3 yr No Upfront',
      'Compute SP 1 yr All Upfront',
      'Compute SP 1 yr Partial Upfront',
      'Compute SP 1 yr No Upfront',
      'All On-Demand',
    ]);
    // Nothing up front first ($11.48, $19.91, $28.92, $36.04), then $166.44, $315.36, $328.50, $630.72 (two, by name).
    expect(labels('upfront')).toEqual([
      'All Fargate Spot',
      'Compute SP 3 yr No Upfront',
      'Compute SP 1 yr No Upfront',
      'All On-Demand',
      'Compute SP 1 yr Partial Upfront',
      'Compute SP 1 yr All Upfront',
      'Compute SP 3 yr Partial Upfront',
      'Compute SP 3 yr All Upfront',
      'Recommended mix',
    ]);
    expect(labels('name')).toEqual([
      'All Fargate Spot',
      'All On-Demand',
      'Compute SP 1 yr All Upfront',
      'Compute SP 1 yr No Upfront',
      'Compute SP 1 yr Partial Upfront',
      'Compute SP 3 yr All Upfront',
      'Compute SP 3 yr No Upfront',
      'Compute SP 3 yr Partial Upfront',
      'Recommended mix',
    ]);
  });

  it('compares upfront amounts exactly, then the monthly cost, then the name', () => {
    const outcome = runCompare(estimateInput(), initialCompareState(), setup);
    if (!outcome.ok) throw new Error(outcome.error);
    const base = outcome.result.scenarios.find((s) => s.kind === 'on-demand')!;
    const at = (id: string, upfront: string, monthly: string): Scenario => ({
      ...base,
      id,
      kind: 'savings-plan',
      plan: id as Scenario['plan'],
      upfront: dec(upfront),
      monthlyCost: dec(monthly),
    });
    const rows = [
      at('compute-3y-all-upfront', '0.30000000000000001', '1'),
      at('compute-1y-no-upfront', '0.3', '2'),
      at('compute-1y-all-upfront', '0.3', '2'),
      at('compute-3y-no-upfront', '0.3', '1.99999999999999999'),
    ];
    const name = (s: Scenario) => scenarioLabel(s, outcome.result.input.basis, false);
    expect(sortScenarios(rows, 'upfront', name).map((s) => s.id)).toEqual([
      'compute-3y-no-upfront',
      'compute-1y-all-upfront',
      'compute-1y-no-upfront',
      'compute-3y-all-upfront',
    ]);
  });
});

describe('drawing the curve', () => {
  it('draws column bars scaled between just below the cheapest point and the dearest', () => {
    const samples = ['10', '8', '6', '8', '10'].map((cost, i) => ({commitmentPerHour: dec(i), monthlyCost: dec(cost)}));
    const {lines, low, high} = curveLines(samples, 2);
    expect([low.toString(), high.toString()]).toEqual(['6', '10']);
    // The floor is 6 - 0.12 x 4 = 5.52; 16 eighths over 4.48: 10 -> 16, 8 -> 8.86 -> 9, 6 -> 1.71 -> 2.
    expect(lines).toEqual(['█▁ ▁█', '██▂██']);
    expect(curveLines([], 3).lines).toEqual([]);
  });

  it('marks the optimum and the slider under the curve', () => {
    expect(markerLine(7, 2, 5)).toBe('  ▲  ● ');
    expect(markerLine(5, 1, 1)).toBe(' ◆   ');
    expect([
      columnOf(dec('0.05'), dec('0.1'), 11),
      columnOf(dec('0.2'), dec('0.1'), 11),
      columnOf(dec(0), dec(0), 11),
    ]).toEqual([5, 10, 0]);
  });
});

describe("the scenario table's scroll", () => {
  const scroll = (scenarioTop: number, step: number, max: number) =>
    compareReducer({...initialCompareState(), scenarioTop}, {type: 'scroll-scenarios', step, max}).scenarioTop;

  it('starts at the top and pages within 0 and the last first row', () => {
    expect(initialCompareState().scenarioTop).toBe(0);
    expect(scroll(0, 2, 7)).toBe(2);
    expect(scroll(2, 2, 7)).toBe(4);
    expect(scroll(6, 2, 7)).toBe(7);
    expect(scroll(7, 2, 7)).toBe(7);
    expect(scroll(1, -2, 7)).toBe(0);
    expect(scroll(0, -2, 7)).toBe(0);
    // Nothing to scroll: a table that shows every row.
    expect(scroll(0, 2, 0)).toBe(0);
  });

  it('steps from where the table is drawn when a new result left the offset past its end', () => {
    // The table clamps 6 to 3 when it draws (fewer scenarios); PgUp moves from 3, not from 6.
    expect(scroll(6, -2, 3)).toBe(1);
    expect(scroll(6, 2, 3)).toBe(3);
  });

  it('Home and End go to the ends; > sorts from the top; the plan and compare key stay', () => {
    const state = {...initialCompareState(), scenarioTop: 4};
    expect(compareReducer(state, {type: 'scenarios-edge', to: 'first', max: 7}).scenarioTop).toBe(0);
    const end = compareReducer(state, {type: 'scenarios-edge', to: 'last', max: 7});
    expect(end.scenarioTop).toBe(7);
    expect(end.planIndex).toBe(state.planIndex);
    expect(compareKey(end)).toBe(compareKey(state));
    expect(compareReducer(state, {type: 'next-sort'}).scenarioTop).toBe(0);
    // Already there: the same state (no frame to draw).
    expect(compareReducer(end, {type: 'scenarios-edge', to: 'last', max: 7})).toBe(end);
  });
});
