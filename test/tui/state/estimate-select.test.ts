import {describe, expect, it} from 'vitest';
import type {RateRef} from '../../../src/model/priced.js';
import {estimate} from '../../../src/app/estimate.js';
import {dec} from '../../../src/money/decimal.js';
import {workloadFromFlags} from '../../../src/model/schedule.js';
import {type EstimateAction, estimateReducer, type EstimateState} from '../../../src/tui/state/estimate.js';
import {
  ageInDays,
  baselineState,
  changeLine,
  dearest,
  equivalentCommand,
  estimateRequestOf,
  initialStateFor,
  optionRows,
  pricingKey,
  rateGroups,
  runEstimate,
  savingLine,
  settingRows,
  workloadOf,
} from '../../../src/tui/state/estimate-select.js';
import {runCli} from '../../helpers/cli.js';
import {embeddedCatalog} from '../../helpers/catalog.js';
import {exampleSpecs, handGiven, NOW, setupFor} from '../fixtures.js';

const setup = setupFor();
const web = () => initialStateFor(setup);
const run = (state: EstimateState, ...actions: EstimateAction[]) => actions.reduce(estimateReducer, state);
const priced = (state: EstimateState, s = setup) => {
  const outcome = runEstimate(state, s);
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.result;
};
const rowsOf = (result: ReturnType<typeof priced>) => optionRows(result, result.assumptions.catalog.staleBefore);
const monthly = (state: EstimateState, id = 'on-demand', s = setup) =>
  priced(state, s)
    .options.find((option) => option.id === id)
    ?.monthlyCost?.toString();
const right = {type: 'adjust', step: 1} as const;
const down = {type: 'move-field', step: 1} as const;

describe('pricing the Estimate view with the CLI’s estimate()', () => {
  it('prices the starting point exactly as `fargate-cost estimate data/examples/web-service.json`', () => {
    // 730 vCPU-h x $0.04048 + 1460 GB-h x $0.004445, the README's figure.
    expect(monthly(web())).toBe('36.0401');
    expect(priced(web())).toEqual(
      estimate({
        specs: setup.specs,
        overrides: {},
        region: undefined,
        environmentRegion: undefined,
        workload: workloadFromFlags({}),
        catalog: setup.catalog,
        now: NOW,
      }),
    );
  });

  it.each<[string, EstimateAction[], string, string]>([
    // [what, actions, On-Demand monthly cost, how]
    ['2 vCPU, 6 GB', [right, down, right, right], '78.5699', '1460 x 0.04048 + 4380 x 0.004445'],
    ['arm64', [{type: 'toggle-arch'}], '28.835', '730 x 0.03238 + 1460 x 0.00356'],
    ['Windows', [{type: 'toggle-os'}], '75.026115', '730 x (0.046552 + 0.046) + 1460 x 0.00511175'],
    [
      '3 tasks',
      [
        {type: 'step-count', step: 1},
        {type: 'step-count', step: 1},
      ],
      '108.1203',
      '3 x 36.0401',
    ],
    [
      'every minute, 30 s runs billed 60 s',
      [{type: 'step-schedule', step: -1}],
      '36.0401',
      '43800 runs x 60 s = 730 h',
    ],
  ])('%s', (_what, actions, expected) => {
    expect(monthly(run(web(), ...actions))).toBe(expected);
  });

  it.each<[string, EstimateAction[]]>([
    ['the starting point', []],
    ['a larger size in another region', [right, right, {type: 'step-region', step: 1}]],
    ['arm64 with storage', [{type: 'toggle-arch'}, down, down, down, down, right, right, right]],
    [
      'Windows, 5 tasks, hourly jobs',
      [
        {type: 'toggle-os'},
        {type: 'step-count', step: 1},
        {type: 'step-count', step: 1},
        {type: 'step-count', step: 1},
        {type: 'step-count', step: 1},
        {type: 'step-schedule', step: 1},
        {type: 'step-schedule', step: 1},
        {type: 'step-schedule', step: 1},
      ],
    ],
  ])('prints a command that gives the same numbers: %s', async (_what, actions) => {
    const state = run(web(), ...actions);
    const command = equivalentCommand(state);
    expect(command).toMatch(/^fargate-cost estimate /);
    const cli = await runCli([...command.split(' ').slice(1), '--format', 'json']);
    expect([cli.code, cli.stderr]).toEqual([0, '']);
    const fromCli = JSON.parse(cli.stdout).options.map((option: {id: string; monthlyCost: string | null}) => [
      option.id,
      option.monthlyCost,
    ]);
    const fromView = priced(state).options.map((option) => [option.id, option.monthlyCost?.toString() ?? null]);
    expect(fromView).toEqual(fromCli);
  });

  it('office hours: 10 h once a day is 730/24 runs, a repeating decimal kept exact until printed', () => {
    const result = priced(run(web(), {type: 'step-schedule', step: 1}));
    const onDemand = result.options.find((option) => option.id === 'on-demand')!.monthlyCost!;
    // 730 / 24 x 10 h x (0.04048 + 2 x 0.004445) = 15.01670833...
    expect(onDemand.toDecimalPlaces(20).toString()).toBe('15.01670833333333333333');
    expect(onDemand.times(24).toDecimalPlaces(20).toString()).toBe('360.401');
  });

  it('equivalentCommand leaves out defaults and writes the schedule as the CLI reads it', () => {
    expect(equivalentCommand(web())).toBe('fargate-cost estimate --cpu 1 --memory 2 --region us-east-1');
    const state = run(
      web(),
      {type: 'toggle-os'},
      {type: 'step-count', step: 1},
      {type: 'step-schedule', step: 1},
      {type: 'step-schedule', step: 1},
      {type: 'step-schedule', step: 1},
    );
    expect(equivalentCommand(state)).toBe(
      'fargate-cost estimate --cpu 1 --memory 2 --os windows --region us-east-1 --count 2 --duration 10m --runs 24/day',
    );
    expect(workloadOf(state)).toEqual(workloadFromFlags({count: '2', duration: '10m', runs: '24/day'}));
  });

  it('hands estimate() every setting as an override, and the region explicitly', () => {
    const request = estimateRequestOf(run(web(), {type: 'toggle-arch'}, {type: 'step-region', step: 1}), setup);
    expect(request.overrides).toEqual({cpuUnits: 1024, memoryMiB: 2048, storageGiB: 20, arch: 'arm64', os: 'linux'});
    expect(request.region).toBe('us-east-2');
    // The starting region goes back to estimate() unresolved, as the CLI would pass it.
    expect(estimateRequestOf(web(), setup).region).toBeUndefined();
    expect(estimateRequestOf(web(), setupFor(handGiven(), {regionFlag: 'eu-west-1'})).region).toBe('eu-west-1');
    expect(request.specs).toEqual(setup.specs);
  });

  it('shows what cannot be priced instead of failing: storage in a region without a storage rate', () => {
    const state = run({...web(), field: 'storage'}, right);
    const inCapeTown = {...state, settings: state.settings.map((settings) => ({...settings, region: 'af-south-1'}))};
    const outcome = runEstimate(inCapeTown, setup);
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? '' : outcome.error).toMatch(
      /^the price catalog \(.*catalog\.json\) has no On-Demand rate for storage in af-south-1 \(run "fargate-cost prices refresh --source public --regions af-south-1", which needs no AWS account/,
    );
  });

  it('marks options a region cannot offer with the reason: arm64 Spot in Cape Town', () => {
    const state = run(web(), {type: 'toggle-arch'});
    const inCapeTown = {...state, settings: state.settings.map((settings) => ({...settings, region: 'af-south-1'}))};
    const spot = rowsOf(priced(inCapeTown)).find((row) => row.id === 'spot')!;
    expect(spot).toMatchObject({
      available: false,
      monthly: 'n/a',
      reason: 'the catalog has no Fargate Spot rate for linux-arm64-vcpu in af-south-1',
    });
  });

  it('re-prices only for changes that matter: moving the cursor keeps the key', () => {
    expect(pricingKey(run(web(), down, down))).toBe(pricingKey(web()));
    expect(pricingKey(run(web(), right))).not.toBe(pricingKey(web()));
  });
});

describe('what the Estimate view shows', () => {
  it('option rows: cheapest first, money rounded only here, estimated rates marked, cheapest flagged', () => {
    const rows = rowsOf(priced(web()));
    expect(rows.map((row) => [row.label, row.monthly, row.saving, row.estimated, row.cheapest])).toEqual([
      // Spot and the Savings Plan rates come from notes nobody cross-checked: estimated (data/sources/README.md).
      ['Fargate Spot', '$11.48', '68.2%', true, true],
      ['Compute SP 3 yr All Upfront', '$17.30', '52.0%', true, false],
      ['Compute SP 3 yr Partial Upfront', '$18.56', '48.5%', true, false],
      ['Compute SP 3 yr No Upfront', '$19.82', '45.0%', true, false],
      ['Compute SP 1 yr All Upfront', '$26.31', '27.0%', true, false],
      ['Compute SP 1 yr Partial Upfront', '$27.57', '23.5%', true, false],
      ['Compute SP 1 yr No Upfront', '$28.83', '20.0%', true, false],
      ['On-Demand', '$36.04', '–', false, false],
    ]);
    expect(dearest(rows).toString()).toBe('36.0401');
  });

  it('the saving line names the cheapest option and its exact saving, rounded once', () => {
    const result = priced(web());
    const spot = result.options.find((option) => option.id === 'spot')!;
    expect(spot.savings!.toString()).toBe(dec('36.0401').minus(spot.monthlyCost!).toString());
    expect(savingLine(result)).toBe(`Fargate Spot saves $24.57 a month (68.2%) against On-Demand`);
  });

  it('the change line compares On-Demand with the starting point', () => {
    const start = priced(web());
    expect(changeLine(start, start)).toBe('On-Demand $36.04 a month, as at the start');
    const bigger = priced(run(web(), right, down, right, right));
    expect(changeLine(bigger, priced(baselineState(run(web(), right))))).toBe(
      'On-Demand $78.57 a month: +$42.53 (+118.0%) against the start ($36.04)',
    );
    const smaller = priced(run(web(), {type: 'toggle-arch'}));
    // $28.835 rounds half up; the change is exact (-7.2051) before it is rounded.
    expect(changeLine(smaller, start)).toBe('On-Demand $28.84 a month: -$7.21 (-20.0%) against the start ($36.04)');
  });

  it('setting rows say the value and what it means', () => {
    const rows = (state: EstimateState, billed?: number) =>
      settingRows(state, (region) => embeddedCatalog().regionName(region), billed).map((row) => [
        row.label,
        row.value,
        row.detail,
      ]);
    expect(rows(web())).toEqual([
      ['vCPU', '1 vCPU', '1024 units'],
      ['memory', '2 GB', '2–8 GB'],
      ['arch', 'x86_64', ''],
      ['OS', 'Linux', ''],
      ['storage', '20 GiB', 'included'],
      ['region', 'us-east-1', 'US East (N. Virginia)'],
      ['tasks', '1', 'task at once'],
      ['schedule', 'always on', '730 h a month'],
    ]);
    const everyMinute = run(web(), {type: 'step-schedule', step: -1});
    expect(rows(everyMinute, 60).slice(-3)).toEqual([
      ['schedule', 'every minute', ''],
      ['run length', '30s', 'billed 60 s'],
      ['runs a day', '1440', '43,800 a month'],
    ]);
    const office = run(web(), {type: 'step-schedule', step: 1});
    expect(rows(office, 36000)[8]).toEqual(['run length', '10h', 'billed per second']);
    const several = initialStateFor(setupFor(exampleSpecs('web-service.json', 'worker-arm64.json')));
    expect(rows(several)[0]).toEqual(['task def', 'web', '1 of 2']);
    expect(rows(run(web(), {type: 'toggle-os'}))[3]).toEqual(['OS', 'Windows', 'licence fee per vCPU']);
  });

  it('groups the rates used by kind, source and date, with their age', () => {
    const groups = rateGroups(priced(web()).assumptions.rates, NOW);
    expect(
      groups.map((group) => [group.kind, group.source, group.asOf, group.ageDays, group.confidence, group.count]),
    ).toEqual([
      ['On-Demand', 'aws-price-list-2025-08', '2025-08-28', 453, 'published', 2],
      ['Fargate Spot', 'spot-feed-note-2026-09-28', '2026-09-28', 57, 'estimated', 2],
      ['Savings Plans', 'derived', '2026-09-25', 60, 'estimated', 6],
      ['Savings Plans', 'sp-offer-note-2026-09-25', '2026-09-25', 60, 'estimated', 6],
    ]);
  });

  it('ages are whole days, never negative', () => {
    expect(ageInDays('2026-11-24', NOW)).toBe(0);
    expect(ageInDays('2026-11-23', NOW)).toBe(1);
    expect(ageInDays('2026-12-01', NOW)).toBe(0);
    expect(ageInDays('2026-11-24T00:00:00.000Z', new Date('2026-11-26T23:59:00Z'))).toBe(2);
    const rate = {
      table: 'on-demand',
      source: 's',
      sourceTitle: 't',
      asOf: '2026-01-01',
      confidence: 'published',
    } as RateRef;
    expect(rateGroups([rate], NOW)[0]!.ageDays).toBe(327);
  });

  it('a hand-given size prices like `estimate --cpu 1 --memory 2`', () => {
    expect(monthly(initialStateFor(setupFor(handGiven())), 'on-demand', setupFor(handGiven()))).toBe('36.0401');
  });
});
