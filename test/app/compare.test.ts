import {describe, expect, it} from 'vitest';
import {
  type CompareComponent,
  CompareCache,
  type CompareRequest,
  compare,
  compareWithPlans,
} from '../../src/app/compare.js';
import {estimateCompareInput, type EstimateCompareRequest, historyCompareInput} from '../../src/app/compare-input.js';
import {parseStrategyItem, validateStrategy} from '../../src/sources/strategy.js';
import type {WorkloadShape} from '../../src/analysis/workload-profile.js';
import {autoscalingShape} from '../../src/cli/workload-flags.js';
import {dec, HOURS_PER_MONTH, sum} from '../../src/money/decimal.js';
import {exact} from '../../src/money/exact.js';
import {compareJson} from '../../src/report/compare.js';
import type {SizeOverrides} from '../../src/model/task.js';
import {handGivenSpec} from '../../src/sizing/resolve.js';
import {mergeProfiles, repeat, taskProfile, X86_1_2} from '../analysis/profiles.js';
import {editedCatalog, embeddedCatalog} from '../helpers/catalog.js';
import {bill, HOUR, ran, T0} from './history-fixtures.js';

const catalog = embeddedCatalog();
const now = new Date('2026-11-24T12:00:00Z');

function estimateInput(size: SizeOverrides, shape: WorkloadShape, extra: Partial<EstimateCompareRequest> = {}) {
  return estimateCompareInput({
    specs: [handGivenSpec(size)],
    overrides: size,
    region: 'us-east-1',
    environmentRegion: undefined,
    shape,
    monthHours: 730,
    catalog,
    ...extra,
  });
}

function run(input: ReturnType<typeof estimateInput>, extra: Partial<CompareRequest> = {}) {
  return compare({input, catalog, now, ...extra});
}

const ONE_VCPU: SizeOverrides = {cpuUnits: 1024, memoryMiB: 2048};
const scenario = (result: ReturnType<typeof run>, id: string) => result.scenarios.find((s) => s.id === id)!;
/** The scenario as the user reads it: labels, reasons and risk notes in words. */
const said = (result: ReturnType<typeof run>, id: string) => compareJson(result).scenarios.find((s) => s.id === id)!;

describe('compare: an always-on service (us-east-1, 1 vCPU / 2 GB)', () => {
  const result = run(estimateInput(ONE_VCPU, {kind: 'always-on', count: 1}));

  it('prices every scenario and ranks the available ones cheapest first', () => {
    expect(result.scenarios.map((s) => s.id)).toEqual([
      'spot',
      'savings-plan-compute-3y-all-upfront',
      'recommended',
      'savings-plan-compute-3y-partial-upfront',
      'savings-plan-compute-3y-no-upfront',
      'savings-plan-compute-1y-all-upfront',
      'savings-plan-compute-1y-partial-upfront',
      'savings-plan-compute-1y-no-upfront',
      'on-demand',
    ]);
    const costs = result.scenarios.map((s) => s.monthlyCost!);
    for (let i = 1; i < costs.length; i++) expect(costs[i]!.gte(costs[i - 1]!)).toBe(true);
  });

  it("All On-Demand is estimate's figure; the 1 yr No Upfront plan commits $0.039/h", () => {
    expect(scenario(result, 'on-demand').monthlyCost!.toString()).toBe('36.0401');
    const sp = scenario(result, 'savings-plan-compute-1y-no-upfront');
    expect([
      sp.commitmentPerHour!.toString(),
      sp.monthlyCost!.toString(),
      sp.savings!.toString(),
      sp.upfront!.toString(),
      sp.utilization!.toString(),
    ]).toEqual(['0.039', '28.9226', '7.1175', '0', '1']);
    const analysis = result.savingsPlans.find((p) => p.plan === 'compute-1y-no-upfront')!;
    expect(analysis.exactCommitmentPerHour.toString()).toBe('0.039496');
    expect(analysis.curve[0]!.monthlyCost.toString()).toBe('36.0401');
  });

  it('All Spot adds the expected re-run overhead: 730 x 0.01571925 x (1 + 0.001 x 60 s / 3600)', () => {
    const spot = scenario(result, 'spot');
    expect(spot.spotOverheadMonthlyCost!.toString()).toBe('0.000191250875'); // 11.4750525 x 0.06 / 3600
    expect(spot.monthlyCost!.toString()).toBe('11.475243750875');
    expect(spot.expectedInterruptionsPerMonth!.toString()).toBe('0.73');
    expect(said(result, 'spot').riskNotes.join('; ')).toMatch(/two minutes' warning; ~0.7 interruptions a month/);
  });

  it('keeps a service that is not marked --spot-tolerant off Spot in the recommendation', () => {
    expect(result.recommendation.parts).toEqual([expect.objectContaining({component: 'task', placement: 'on-demand'})]);
    expect(result.recommendation.plan).toBe('compute-3y-all-upfront');
  });

  it("shows the Spot rates' date and age, and warns that the interruption rate is a default", () => {
    expect(result.spotRisk.ratesAsOf).toBe('2026-09-28');
    expect(result.spotRisk.ratesAgeDays).toBe(57);
    expect(compareJson(result).assumptions.notes).toContain(
      'Fargate Spot rates as of 2026-09-28 (57 days old); Spot prices move',
    );
    expect(compareJson(result).assumptions.warnings.join('\n')).toMatch(
      /no measured Spot interruption rate: 0.001 per task-hour assumed/,
    );
  });

  it("the recommendation's arithmetic adds up to its monthly cost", () => {
    expect(
      sum(result.recommendation.arithmetic.map((line) => line.monthlyCost)).eq(result.recommendation.monthlyCost),
    ).toBe(true);
  });
});

describe('compare: a given commitment', () => {
  it('prices --commitment 1.25 under each plan, mostly unused', () => {
    const result = run(estimateInput(ONE_VCPU, {kind: 'always-on', count: 1}), {
      commitment: dec('1.25'),
      plans: ['compute-1y-no-upfront', 'compute-3y-all-upfront'],
    });
    const at = scenario(result, 'savings-plan-compute-1y-no-upfront-at-1.25');
    expect(said(result, 'savings-plan-compute-1y-no-upfront-at-1.25').label).toBe(
      'Compute SP 1 yr No Upfront at $1.250/h',
    );
    expect(at.monthlyCost!.toString()).toBe('912.5'); // 1.25 x 730, everything covered
    expect(at.utilization!.toString()).toBe(dec('0.039496').div('1.25').toString());
    expect(at.savings!.toString()).toBe('-876.4599');
    const allUpfront = scenario(result, 'savings-plan-compute-3y-all-upfront-at-1.25');
    expect(allUpfront.upfront!.toString()).toBe('32850'); // 1.25 x 26,280
    expect(result.scenarios.filter((s) => s.kind === 'commitment')).toHaveLength(2);
  });
});

describe('compare: capacity-provider strategies', () => {
  const strategy = validateStrategy(['FARGATE:base=2,weight=1', 'FARGATE_SPOT:weight=3'].map(parseStrategyItem));

  it('prices 10 tasks under FARGATE base 2 + 1:3 as 4 On-Demand and 6 Spot', () => {
    const input = estimateInput(ONE_VCPU, {kind: 'always-on', count: 10}, {strategy: {strategy, source: 'flag'}});
    expect(input.components[0]!.strategy!.split).toEqual({onDemand: 4, spot: 6});
    expect(input.components[0]!.spotTolerant).toBe(true); // it already runs on Spot
    const result = run(input, {plans: ['compute-1y-no-upfront']});
    const configured = scenario(result, 'as-configured');
    // 4 x 36.0401 + 6 x 11.4750525 x (1 + 0.06/3600)
    expect(configured.spotMonthlyCost!.toString()).toBe(
      dec('68.850315').plus(dec('68.850315').times('0.06').div(3600)).toString(),
    );
    expect(configured.monthlyCost!.toString()).toBe(dec('144.1604').plus(configured.spotMonthlyCost!).toString());
    expect(said(result, 'as-configured').label).toBe('Strategy as configured');
    // The Savings Plan row sizes the commitment over the 4 On-Demand tasks only.
    const sp = scenario(result, 'savings-plan-compute-1y-no-upfront');
    expect(said(result, 'savings-plan-compute-1y-no-upfront').label).toBe('Strategy + Compute SP 1 yr No Upfront');
    expect(result.savingsPlans[0]!.exactCommitmentPerHour.toString()).toBe('0.157984'); // 4 x 0.039496
    // $0.157 would leave 0.000984 x 1.25 = 0.00123 On-Demand an hour (0.15823 > 0.158): $0.158 covers all.
    expect(sp.commitmentPerHour!.toString()).toBe('0.158');
    expect(sp.monthlyCost!.minus(configured.spotMonthlyCost!).toString()).toBe('115.34'); // 0.158 x 730
  });

  it('recommends keeping one task on FARGATE (under the plan) and the rest on Spot for a tolerant service', () => {
    const input = estimateInput(ONE_VCPU, {kind: 'always-on', count: 10}, {strategy: {strategy, source: 'flag'}});
    const result = run(input, {plans: ['compute-1y-no-upfront']});
    const r = result.recommendation;
    expect(compareJson(result).recommendation.parts[0]).toMatchObject({
      placement: 'spot-with-on-demand-base',
      strategy: 'FARGATE:base=1,weight=0 FARGATE_SPOT:weight=1',
    });
    expect(r.commitmentPerHour.toString()).toBe('0.039');
    // 0.039 x 730 + 0.00062 x 730 + 9 x 11.4750525 x (1 + 0.06 / 3600)
    const spot = dec('103.2754725');
    expect(r.monthlyCost.toString()).toBe(dec('28.9226').plus(spot).plus(spot.times('0.06').div(3600)).toString());
    expect(sum(r.arithmetic.map((line) => line.monthlyCost)).eq(r.monthlyCost)).toBe(true);
    expect(r.onDemandMonthlyCost.toString()).toBe('360.401');
  });

  it('honours --on-demand-base', () => {
    const input = estimateInput(ONE_VCPU, {kind: 'always-on', count: 4}, {spotTolerant: true});
    const result = run(input, {plans: ['compute-1y-no-upfront'], onDemandBase: 2});
    const r = result.recommendation;
    expect(compareJson(result).recommendation.parts[0]!.strategy).toBe('FARGATE:base=2,weight=0 FARGATE_SPOT:weight=1');
    expect(r.commitmentPerHour.toString()).toBe('0.079'); // 2 x 0.039496 = 0.078992; 0.078 + 0.00124 > 0.079
  });
});

describe('compare: batch work and Windows', () => {
  it('puts a batch schedule on Spot, counting half a run as lost per interruption', () => {
    const input = estimateInput(ONE_VCPU, {
      kind: 'schedule',
      count: 1,
      durationMs: 3_600_000,
      runsPerMonth: exact(100),
    });
    expect(input.components[0]).toMatchObject({kind: 'batch', spotTolerant: true});
    const result = run(input);
    expect(result.spotRisk.components[0]!.risk.lostWorkSeconds.toString()).toBe('1800');
    expect(compareJson(result).recommendation.parts[0]).toMatchObject({
      placement: 'spot',
      strategy: 'FARGATE_SPOT:weight=1',
    });
    expect(result.recommendation.plan).toBeNull(); // nothing left On-Demand to commit to
    // 100 task-hours x 0.01571925 x (1 + 0.001 x 1860 s / 3600)
    expect(result.recommendation.monthlyCost.toString()).toBe(
      dec('1.571925').plus(dec('1.571925').times('1.86').div(3600)).toString(),
    );
    // A once-a-7.3-hours job never pays a commitment.
    expect(result.savingsPlans.every((p) => p.noCommitment)).toBe(true);
  });

  it('keeps Windows On-Demand: no Spot scenario, no Spot in the recommendation', () => {
    const result = run(
      estimateInput({...ONE_VCPU, os: 'windows'}, {kind: 'always-on', count: 2}, {spotTolerant: true}),
    );
    expect(said(result, 'spot')).toMatchObject({
      available: false,
      reason: 'Fargate Spot runs Linux tasks only; Windows tasks cannot use it',
    });
    expect(compareJson(result).recommendation.parts[0]).toMatchObject({
      placement: 'on-demand',
      why: 'Windows: no Fargate Spot',
    });
    expect(compareJson(result).assumptions.notes.join('\n')).toMatch(/Windows tasks cannot run on Fargate Spot/);
    // The licence is never covered: it stays in the recommendation at On-Demand rates.
    const never = compareJson(result).recommendation.arithmetic.find(
      (line) => line.label === 'On-Demand never covered',
    )!;
    expect(never.monthlyCost).toBe('67.16'); // 2 tasks x 730 h x 0.046
  });

  it('refuses a strategy that puts Windows on Spot', () => {
    const strategy = validateStrategy([parseStrategyItem('FARGATE_SPOT')]);
    expect(() =>
      estimateInput(
        {...ONE_VCPU, os: 'windows'},
        {kind: 'always-on', count: 2},
        {strategy: {strategy, source: 'flag'}},
      ),
    ).toThrow(expect.objectContaining({problem: {kind: 'windows-on-spot', component: 'task', strategy: null}}));
  });
});

describe('compare: histories', () => {
  // 61 days: 2 tasks always, plus 2 more on weekdays 08:00-18:00 for the last 30 days.
  const days = 61;
  const hours = Array.from(
    {length: days * 24},
    (_, h) => 2 + (h >= 31 * 24 && h % 24 >= 8 && h % 24 < 18 && Math.floor(h / 24) % 7 < 5 ? 2 : 0),
  );
  const start = Date.UTC(2026, 8, 1);
  const history = (extra: Partial<CompareComponent> = {}, spotHours?: number[]) => {
    const onDemand = taskProfile(hours, X86_1_2, {startMs: start});
    const profile = spotHours
      ? mergeProfiles([onDemand, taskProfile(spotHours, X86_1_2, {startMs: start, purchase: 'spot'})])
      : onDemand;
    const component: CompareComponent = {
      name: 'web',
      kind: 'service',
      os: 'linux',
      profile,
      perTaskHour: [1024n * 3_600_000n, 2048n * 3_600_000n],
      spotTolerant: false,
      typicalRunSeconds: null,
      taskHours: null,
      strategy: null,
      ...extra,
    };
    return {
      kind: 'history' as const,
      description: {kind: 'history' as const, tasks: 0, running: 0, source: 'cluster prod', services: [], batch: []},
      components: [component],
    };
  };

  it('sizes Cost Explorer-style look-backs of 7, 30 and 60 days when the history is long enough', () => {
    const result = compare({input: history(), catalog, now, plans: ['compute-1y-no-upfront']});
    const lookbacks = result.savingsPlans[0]!.lookbacks;
    expect(lookbacks.map((l) => l.days)).toEqual([7, 30, 60]);
    // The busy hours are 10 of 24 on weekdays only: never 80% of hours, so every window commits to the 2-task floor.
    expect(lookbacks.map((l) => l.exactCommitmentPerHour.toString())).toEqual(['0.078992', '0.078992', '0.078992']);
    expect(lookbacks[0]!.hourlyOnDemand.max.toString()).toBe('0.19748'); // 4 tasks x 0.04937
    expect(result.input.hours).toBe(days * 24);
    expect(scenario(result, 'savings-plan-compute-1y-no-upfront').monthlyCost!.gt(0)).toBe(true);
  });

  it('refuses a look-back longer than the history', () => {
    expect(() => compare({input: history(), catalog, now, lookbackDays: [90]})).toThrowProblem(
      /a 90-day look-back needs 90 days of usage; the profile covers 61.0 days/,
    );
  });

  it('measures the interruption rate and image pull from the history', () => {
    const spotHours = repeat([1], days * 24);
    const input = {
      ...history({taskHours: {onDemand: dec(0), spot: dec(days * 24)}}, spotHours),
      interruptions: {interruptions: 3, spotTaskHours: dec(1464)},
      imagePullSeconds: dec(45),
    };
    const result = compare({input, catalog, now, plans: ['compute-1y-no-upfront']});
    expect(result.spotRisk.parameters).toMatchObject({interruptionSource: 'history', imagePullSource: 'history'});
    expect(result.spotRisk.parameters.interruptionsPerTaskHour.toString()).toBe(dec(3).div(1464).toString());
    expect(said(result, 'as-configured').label).toBe('As measured (On-Demand + Spot)');
    expect(compareJson(result).assumptions.warnings.join('\n')).not.toMatch(/no measured Spot interruption rate/);
    expect(compareJson(result).assumptions.notes.join('\n')).toMatch(
      /interruptions per Spot task-hour measured \(3 in 1464 task-hours\)/,
    );
  });
});

describe('compare: assumptions', () => {
  it('warns when the catalog and the Spot rates are old', () => {
    const result = compare({
      input: estimateInput(ONE_VCPU, {kind: 'always-on', count: 1}),
      catalog,
      now: new Date('2027-06-01T00:00:00Z'),
    });
    expect(compareJson(result).assumptions.warnings.join('\n')).toMatch(/the price catalog is 189 days old/);
    expect(compareJson(result).assumptions.warnings.join('\n')).toMatch(
      /the Fargate Spot rates are 246 days old \(as of 2026-09-28\)/,
    );
  });

  it('prices usage without a Savings Plan rate On-Demand and says so', () => {
    const gap = editedCatalog((json) => {
      delete json.regions['us-east-1']!.savingsPlans['compute-1y-no-upfront']!['linux-x86_64-memory'];
    });
    const result = compare({
      input: estimateCompareInput({
        specs: [handGivenSpec(ONE_VCPU)],
        overrides: ONE_VCPU,
        region: 'us-east-1',
        environmentRegion: undefined,
        shape: {kind: 'always-on', count: 1},
        monthHours: 730,
        catalog: gap,
      }),
      catalog: gap,
      now,
      plans: ['compute-1y-no-upfront'],
    });
    expect(result.savingsPlans[0]!.missingRates).toEqual([{region: 'us-east-1', key: 'linux-x86_64-memory'}]);
    expect(result.savingsPlans[0]!.exactCommitmentPerHour.toString()).toBe('0.032384'); // the vCPU alone
    expect(compareJson(result).assumptions.notes.join('\n')).toMatch(
      /no rate for linux-x86_64-memory in us-east-1; that usage is priced On-Demand/,
    );
  });

  it('describes an autoscaling profile', () => {
    const result = run(estimateInput(ONE_VCPU, autoscalingShape({min: '2', max: '6', peakHours: '8-20'})));
    expect(compareJson(result).input.description).toBe(
      'task: 1 vCPU, 2 GB, Linux/x86_64, us-east-1; autoscaling from 2 tasks to 6 tasks: 6 during 8-20 UTC, 2 otherwise, every day',
    );
    // 12 of 24 hours at 6 tasks: only the 2-task floor is worth committing to at 20% off.
    expect(result.savingsPlans.find((p) => p.plan === 'compute-1y-no-upfront')!.exactCommitmentPerHour.toString()).toBe(
      '0.078992',
    );
  });
});

/**
 * Issue 5: the embedded catalog has arm64 Fargate Spot rates only in us-east-1 and eu-west-1. In
 * us-west-2, 1 vCPU / 2 GB arm64 is On-Demand 0.03238 + 2 x 0.00356 = $0.0395 an hour, and under
 * Compute SP 1 yr No Upfront 0.0255 + 2 x 0.0028 = $0.0311 an hour.
 */
describe('compare: a region without Fargate Spot rates for arm64 (us-west-2)', () => {
  const ARM: SizeOverrides = {...ONE_VCPU, arch: 'arm64'};
  const westInput = (shape: WorkloadShape, extra: Partial<EstimateCompareRequest> = {}) =>
    estimateInput(ARM, shape, {region: 'us-west-2', ...extra});
  const GAP_REASON =
    'the catalog has no Fargate Spot rate for linux-arm64-vcpu and linux-arm64-memory in us-west-2; run "fargate-cost prices refresh --source public --regions us-west-2", which needs no AWS account, or pass --catalog FILE with those rates';

  it('prices On-Demand and every Savings Plan, and shows All Fargate Spot as not available with the missing rates', () => {
    const result = run(westInput({kind: 'always-on', count: 1}));
    expect(scenario(result, 'on-demand').monthlyCost!.toString()).toBe('28.835'); // 730 x 0.0395
    expect(said(result, 'spot')).toMatchObject({
      available: false,
      reason: GAP_REASON,
      monthlyCost: null,
      savings: null,
    });
    expect(result.scenarios.filter((s) => s.available).map((s) => s.id)).toHaveLength(8); // On-Demand, six plans, the mix
    expect(result.scenarios[result.scenarios.length - 1]!.id).toBe('spot'); // the unavailable rank last
    const analysis = result.savingsPlans.find((p) => p.plan === 'compute-1y-no-upfront')!;
    expect(analysis.exactCommitmentPerHour.toString()).toBe('0.0311');
    // $0.031/h covers the memory (the higher discount) and 0.0254 of the vCPU's 0.0255: 0.0001 of
    // Savings Plan cost an hour is left, billed On-Demand at 0.03238 / 0.0255 of it.
    const sp = scenario(result, 'savings-plan-compute-1y-no-upfront');
    expect(sp.commitmentPerHour!.toString()).toBe('0.031');
    expect(sp.monthlyCost!.toDecimalPlaces(10).toString()).toBe('22.7226956863'); // 0.031 x 730 + 730 x 0.0001 x 0.03238 / 0.0255
    expect(result.spotRisk.ratesAsOf).toBeNull();
    expect(compareJson(result).assumptions.warnings).toContain(
      'the catalog has no Fargate Spot rate for linux-arm64-vcpu and linux-arm64-memory in us-west-2: 1 scenario that needs it is not available; run "fargate-cost prices refresh --source public --regions us-west-2", which needs no AWS account, or pass --catalog FILE with those rates',
    );
    // No figure carries Spot, so the default interruption rate is not worth a warning.
    expect(compareJson(result).assumptions.warnings.join('\n')).not.toMatch(/no measured Spot interruption rate/);
  });

  it('keeps a Spot-tolerant workload On-Demand in the recommendation, saying which rate is missing', () => {
    const result = run(westInput({kind: 'always-on', count: 3}, {spotTolerant: true}));
    expect(compareJson(result).recommendation.parts).toEqual([
      {
        component: 'task',
        kind: 'service',
        placement: 'on-demand',
        strategy: 'FARGATE:weight=1',
        why: 'the catalog has no Fargate Spot rate for linux-arm64-vcpu and linux-arm64-memory in us-west-2, so Spot cannot be priced; run "fargate-cost prices refresh --source public --regions us-west-2", which needs no AWS account, or pass --catalog FILE with those rates',
      },
    ]);
    expect(result.recommendation.spotMonthlyCost.toString()).toBe('0');
    // The mix is then the cheapest plan over all the usage.
    expect(result.recommendation.plan).toBe('compute-3y-all-upfront');
    expect(result.recommendation.monthlyCost.toString()).toBe(
      scenario(result, 'savings-plan-compute-3y-all-upfront').monthlyCost!.toString(),
    );
    expect(scenario(result, 'recommended').available).toBe(true);
    expect(compareJson(result).assumptions.warnings.join('\n')).toMatch(
      /1 scenario that needs it is not available, and the recommendation keeps task On-Demand; run "fargate-cost prices refresh --source public --regions us-west-2"/,
    );
  });

  it('shows a strategy that puts tasks on Spot, and the plans beside it, as not available; sizes the plans over its On-Demand tasks', () => {
    const strategy = validateStrategy(['FARGATE:base=1,weight=1', 'FARGATE_SPOT:weight=1'].map(parseStrategyItem));
    const result = run(westInput({kind: 'always-on', count: 3}, {strategy: {strategy, source: 'flag'}}), {
      plans: ['compute-1y-no-upfront'],
    });
    expect(result.input.components[0]!.strategy!.split).toEqual({onDemand: 2, spot: 1});
    expect(scenario(result, 'on-demand').monthlyCost!.toString()).toBe('86.505'); // 3 x 28.835
    expect(said(result, 'as-configured')).toMatchObject({
      available: false,
      label: 'Strategy as configured',
      reason:
        'the catalog has no Fargate Spot rate for linux-arm64-vcpu and linux-arm64-memory in us-west-2, so the strategy\'s Fargate Spot tasks cannot be priced; run "fargate-cost prices refresh --source public --regions us-west-2", which needs no AWS account, or pass --catalog FILE with those rates',
    });
    expect(said(result, 'savings-plan-compute-1y-no-upfront')).toMatchObject({
      available: false,
      label: 'Strategy + Compute SP 1 yr No Upfront',
      monthlyCost: null,
    });
    expect(said(result, 'savings-plan-compute-1y-no-upfront').reason).toMatch(
      /^the catalog has no Fargate Spot rate .*, so the strategy's Fargate Spot tasks, which the plan leaves on Spot, cannot be priced; run /,
    );
    // Spot is never covered: the commitment is the 2 On-Demand tasks' 2 x 0.0311, the same with or without a Spot rate.
    const analysis = result.savingsPlans[0]!;
    expect(analysis.exactCommitmentPerHour.toString()).toBe('0.0622');
    expect(analysis.best.commitmentPerHour.toString()).toBe('0.062');
    expect(analysis.best.monthlyCost.toDecimalPlaces(10).toString()).toBe('45.4453913725'); // 0.062 x 730 + 730 x 0.0002 x 0.03238 / 0.0255
    expect(compareJson(result).assumptions.notes).toContain(
      "the Savings Plans are sized over the On-Demand usage as configured (Spot is never covered); their monthly figures leave out the strategy's Fargate Spot tasks, for want of a Spot rate",
    );
    // The mix keeps the service On-Demand and is priced: 3 tasks under the 1-year plan at 3 x 0.0311 = $0.0933/h.
    expect(result.recommendation.parts[0]!.placement).toBe('on-demand');
    expect(compareJson(result).recommendation.notes[0]).toBe(
      'the strategy puts tasks of task on Fargate Spot, which has no rate here: the mix prices task On-Demand, so its saving is against All On-Demand, not against the strategy',
    );
    expect(result.savingsPlans[0]!.missingRates).toEqual([]);
    const recommended = scenario(result, 'recommended');
    expect(recommended.available).toBe(true);
    expect(recommended.commitmentPerHour!.toString()).toBe('0.093');
    expect(recommended.monthlyCost!.toDecimalPlaces(10).toString()).toBe('68.1680870588'); // 0.093 x 730 + 730 x 0.0003 x 0.03238 / 0.0255
  });

  it('still refuses a missing On-Demand rate: nothing could be priced', () => {
    const gap = editedCatalog((json) => {
      delete json.regions['us-west-2']!.onDemand['linux-arm64-vcpu'];
    });
    const input = estimateCompareInput({
      specs: [handGivenSpec(ARM)],
      overrides: ARM,
      region: 'us-west-2',
      environmentRegion: undefined,
      shape: {kind: 'always-on', count: 1},
      monthHours: 730,
      catalog: gap,
    });
    expect(() => compare({input, catalog: gap, now})).toThrowProblem(
      'the price catalog (test-catalog.json) has no On-Demand rate for linux-arm64-vcpu in us-west-2 (',
    );
  });
});

describe('compare: a Spot-tolerant service whose On-Demand base holds all its tasks', () => {
  it('says the base keeps every task on FARGATE, not that Spot would cost more', () => {
    const result = run(estimateInput(ONE_VCPU, {kind: 'always-on', count: 1}, {spotTolerant: true}));
    expect(compareJson(result).recommendation.parts).toEqual([
      {
        component: 'task',
        kind: 'service',
        placement: 'on-demand',
        strategy: 'FARGATE:weight=1',
        why: 'its On-Demand base of 1 task keeps all its tasks on FARGATE; lower --on-demand-base to move some to Spot',
      },
    ]);
    const two = run(estimateInput(ONE_VCPU, {kind: 'always-on', count: 2}, {spotTolerant: true}), {onDemandBase: 2});
    expect(compareJson(two).recommendation.parts[0]!.why).toBe(
      'its On-Demand base of 2 tasks keeps all its tasks on FARGATE; lower --on-demand-base to move some to Spot',
    );
  });

  it('moves it to Spot with --on-demand-base 0, and the rest above a base of 1 when it runs more tasks', () => {
    const none = run(estimateInput(ONE_VCPU, {kind: 'always-on', count: 1}, {spotTolerant: true}), {onDemandBase: 0});
    expect(compareJson(none).recommendation.parts[0]).toMatchObject({
      placement: 'spot',
      strategy: 'FARGATE_SPOT:weight=1',
      why: 'interruption-tolerant',
    });
    // 730 x 0.01571925 (1 vCPU + 2 GB at us-east-1 Spot rates) plus 0.001 x 60 s / 3600 of it.
    expect(none.recommendation.spotMonthlyCost.toString()).toBe('11.475243750875');
    const three = run(estimateInput(ONE_VCPU, {kind: 'always-on', count: 3}, {spotTolerant: true}));
    expect(compareJson(three).recommendation.parts[0]).toMatchObject({
      placement: 'spot-with-on-demand-base',
      why: 'interruption-tolerant; 1 task kept on FARGATE',
    });
  });
});

describe('compare: an estimate has no start time', () => {
  it('leaves startMs null: the profile is a model month starting at 00:00 UTC of no date', () => {
    expect(run(estimateInput(ONE_VCPU, {kind: 'always-on', count: 1})).input.startMs).toBeNull();
  });
});

describe('compare: again over the same usage, with what the first run derived from it', () => {
  // Two services (one partly on Spot, up to 3 tasks at once), a batch family on Spot, a Windows task.
  const records = [
    ...[0, 1, 2].map((i) => ran(T0 + i * HOUR, 30 * HOUR, {group: 'service:web', cpuUnits: 1024, memoryMiB: 2048})),
    ...[0, 5].map((i) =>
      ran(T0 + i * HOUR, 20 * HOUR, {group: 'service:api', capacityProvider: 'FARGATE_SPOT', cpuUnits: 512}),
    ),
    ran(T0 + 2 * HOUR, 8 * HOUR, {group: 'service:api', memoryMiB: 1024, cpuUnits: 512}),
    ...[3, 9, 15].map((i) =>
      ran(T0 + i * HOUR, 2 * HOUR, {
        group: 'family:etl',
        capacityProvider: 'FARGATE_SPOT',
        stopCode: i === 9 ? 'SpotInterruption' : undefined,
      }),
    ),
    ran(T0, 40 * HOUR, {group: 'service:win', os: 'windows', cpuUnits: 1024, memoryMiB: 2048}),
  ];
  const input = historyCompareInput(bill(records, {componentProfiles: true}));
  const variants: Partial<CompareRequest>[] = [
    {},
    {interruptionRate: dec('0.002')},
    {interruptionRate: dec(5), lostWorkSeconds: dec(7200)},
    {onDemandBase: 0},
    {onDemandBase: 2},
    {onDemandBase: 3, interruptionRate: dec('0.0001')},
    {input: {...input, components: input.components.map((c) => ({...c, spotTolerant: true}))}},
    {input: {...input, components: input.components.map((c) => ({...c, spotTolerant: false}))}, onDemandBase: 2},
    {commitment: dec('0.05'), lookbackDays: [], curvePoints: 7},
    {},
  ];

  it('gives every variant the result a compare of its own gives, the plans prepared once', () => {
    const cache = new CompareCache(catalog, HOURS_PER_MONTH);
    const first = compareWithPlans({input, catalog, now, cache});
    for (const variant of variants) {
      const request: CompareRequest = {input, catalog, now, ...variant};
      const again = compareWithPlans({...request, cache});
      expect(compareJson(again.result)).toEqual(compareJson(compare(request)));
      // The usage is the same: so are the plans' sweeps, whatever the Spot risk, base or tolerance.
      for (const [i, plan] of again.plans.entries()) expect(plan.prepared).toBe(first.plans[i]!.prepared);
    }
  });

  it('serves only the catalog and month it was made for', () => {
    const cache = new CompareCache(catalog, HOURS_PER_MONTH);
    expect(() => compareWithPlans({input, catalog, now, cache, monthHours: 720})).toThrow(
      /catalog, month length and owned plans/,
    );
  });
});
