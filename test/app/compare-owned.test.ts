import {describe, expect, it} from 'vitest';
import {compare, type CompareRequest} from '../../src/app/compare.js';
import {estimateCompareInput} from '../../src/app/compare-input.js';
import {dec} from '../../src/money/decimal.js';
import type {OwnedCommitment, OwnedInput} from '../../src/model/owned.js';
import type {SizeOverrides} from '../../src/model/task.js';
import {compareJson} from '../../src/report/compare.js';
import {handGivenSpec} from '../../src/sizing/resolve.js';
import {embeddedCatalog} from '../helpers/catalog.js';

const catalog = embeddedCatalog();
const now = new Date('2026-12-01T00:00:00Z');
const DAY = 86_400_000;
const ONE_VCPU: SizeOverrides = {cpuUnits: 1024, memoryMiB: 2048};

// 3 tasks of 1 vCPU / 2 GB always on in us-east-1: 0.14811 On-Demand an hour (108.1203 a month),
// 0.118488 at 1 yr No Upfront rates (20% off: On-Demand / SP = 1.25).
function run(commitments: Partial<OwnedCommitment>[], extra: Partial<CompareRequest> = {}, share = '1') {
  const input = estimateCompareInput({
    specs: [handGivenSpec(ONE_VCPU)],
    overrides: ONE_VCPU,
    region: 'us-east-1',
    environmentRegion: undefined,
    shape: {kind: 'always-on', count: 3},
    monthHours: 730,
    catalog,
  });
  const owned: OwnedInput = {
    commitments: commitments.map((c) => ({
      id: null,
      commitmentPerHour: dec('0.05'),
      plan: 'compute-1y-no-upfront',
      startMs: null,
      endMs: null,
      source: 'flag',
      ...c,
    })),
    share: dec(share),
    shareSource: share === '1' ? 'default' : 'flag',
    lookaheadDays: 90,
  };
  return compare({input, catalog, now, plans: ['compute-1y-no-upfront'], owned, ...extra});
}

describe('compare with owned Savings Plans', () => {
  it('sizes only the additional commitment; the owned scenario buys nothing more', () => {
    const result = run([{}]);
    const plan = result.scenarios.find((s) => s.id === 'savings-plan-compute-1y-no-upfront')!;
    // Owned 0.05 covers 0.0625 On-Demand an hour; 0.08561 is left, 0.068488 at SP rates.
    expect(plan.commitmentPerHour!.toString()).toBe('0.068');
    // More pays off: the owned plans do not stand in for all of it.
    expect(plan.ownedCovers).toBe(false);
    const owned = result.scenarios.find((s) => s.kind === 'owned')!;
    expect(owned.monthlyCost!.toString()).toBe('98.9953');
    // All On-Demand is the list price the savings are against, not a choice any more.
    const onDemand = result.scenarios.find((s) => s.kind === 'on-demand')!;
    expect(onDemand.available).toBe(false);
    expect(onDemand.gap).toEqual({kind: 'owned-plans'});
    expect(owned.savings!.toString()).toBe('9.125');
    expect(result.scenarios.some((s) => s.kind === 'as-configured')).toBe(false);
    expect(result.owned!.monthlyCost.toString()).toBe('36.5');
    expect(result.owned!.utilization!.toString()).toBe('1');
    expect(result.owned!.nothingMoreToBuy).toBe(false);
  });

  it('an owned commitment that covers everything: nothing more to buy', () => {
    const result = run([{commitmentPerHour: dec('0.2')}]);
    expect(result.owned!.nothingMoreToBuy).toBe(true);
    expect(result.scenarios.find((s) => s.kind === 'savings-plan')!.ownedCovers).toBe(true);
    expect(result.recommendation.plan).toBe(null);
    // The recommendation still pays the owned plan: 0.2 x 730.
    expect(result.recommendation.monthlyCost.toString()).toBe('146');
    expect(result.recommendation.arithmetic[0]).toMatchObject({kind: 'owned'});
    expect(result.owned!.utilization!.toString()).toBe(dec('0.118488').div('0.2').toString());
    const json = compareJson(result);
    expect(json.owned!.nothingMoreToBuy).toBe(true);
    expect(json.scenarios.find((s) => s.id === 'savings-plan-compute-1y-no-upfront')!.commitmentPerHour).toBe('0');
  });

  it('an owned plan that expires next month is listed with what not renewing costs; a later one is not', () => {
    const result = run([
      {id: 'sp-soon', endMs: now.getTime() + 31 * DAY},
      {id: 'sp-later', endMs: now.getTime() + 400 * DAY, commitmentPerHour: dec('0.01')},
    ]);
    expect(result.owned!.expiring.map((p) => p.id)).toEqual(['sp-soon']);
    const soon = result.owned!.expiring[0]!;
    expect(soon.daysLeft).toBe(31);
    // It covers 0.0625 of On-Demand for 0.05 an hour: 0.0125 x 730 more a month without it.
    expect(soon.monthlyCostOfNotRenewing.toString()).toBe('9.125');
  });

  it('an under-used owned plan: not renewing it saves money', () => {
    const result = run([{id: 'sp-big', commitmentPerHour: dec('0.3'), endMs: now.getTime() + 10 * DAY}]);
    // It covers all 0.14811 of On-Demand for 0.3 an hour: not renewing saves (0.3 - 0.14811) x 730.
    expect(result.owned!.expiring[0]!.monthlyCostOfNotRenewing.toString()).toBe(
      dec('0.14811').minus('0.3').times(730).toString(),
    );
  });

  it('all on Spot still pays for the owned plans, unused', () => {
    const without = compare({...baseRequest(), plans: ['compute-1y-no-upfront']});
    const result = run([{}]);
    const spot = (r: typeof result) => r.scenarios.find((s) => s.kind === 'spot')!.monthlyCost!;
    expect(spot(result).minus(spot(without)).toString()).toBe('36.5');
  });
});

function baseRequest() {
  const input = estimateCompareInput({
    specs: [handGivenSpec(ONE_VCPU)],
    overrides: ONE_VCPU,
    region: 'us-east-1',
    environmentRegion: undefined,
    shape: {kind: 'always-on', count: 3},
    monthHours: 730,
    catalog,
  });
  return {input, catalog, now};
}

describe('owned plans that have ended, or that Fargate barely uses', () => {
  it('a plan that ended before now is not applied, and a warning says so', () => {
    const result = run([{id: 'sp-old', endMs: now.getTime() - DAY}, {id: 'sp-live'}]);
    expect(result.owned!.plans.map((p) => p.id)).toEqual(['sp-live']);
    expect(result.assumptions.warnings).toContainEqual({
      kind: 'owned-ended',
      plans: [{id: 'sp-old', endMs: now.getTime() - DAY}],
    });
  });

  it('only ended plans: sized as if none is owned', () => {
    const result = run([{id: 'sp-old', endMs: now.getTime() - DAY}]);
    expect(result.owned).toBe(null);
    expect(result.scenarios.find((s) => s.kind === 'on-demand')!.available).toBe(true);
  });

  it('at the default 100% share, a plan Fargate uses under half of says to give --owned-share', () => {
    const result = run([{commitmentPerHour: dec('5')}]);
    // 0.118488 of 5 an hour used.
    expect(result.owned!.utilization!.toString()).toBe(dec('0.118488').div(5).toString());
    expect(result.assumptions.warnings.some((w) => w.kind === 'owned-underused')).toBe(true);
    expect(
      run([{commitmentPerHour: dec('5')}], {}, '0.1').assumptions.warnings.some((w) => w.kind === 'owned-underused'),
    ).toBe(false);
  });

  it('an owned plan Fargate cannot use (no share) covers nothing: All On-Demand stays a choice', () => {
    const result = run([{}], {}, '0');
    expect(result.owned!.coverage!.toString()).toBe('0');
    expect(result.owned!.nothingMoreToBuy).toBe(false);
    expect(result.scenarios.find((s) => s.kind === 'on-demand')!.available).toBe(true);
  });
});
