import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {CompareCache} from '../../src/analysis/compare-cache.js';
import {applyOwned} from '../../src/analysis/owned.js';
import {costAtCommitment, costWithoutCommitment, optimizeCommitment} from '../../src/analysis/savings-plan.js';
import type {Catalog} from '../../src/catalog/catalog.js';
import {D, dec, type Dec, MS_PER_HOUR, UNIT_MS_PER_UNIT_HOUR, ZERO} from '../../src/money/decimal.js';
import type {OwnedCommitment, OwnedInput} from '../../src/model/owned.js';
import type {UsageProfile} from '../../src/model/profile.js';
import {PLAN_IDS, type PlanId, planParts, type RateKey} from '../../src/model/types.js';
import {embeddedCatalog} from '../helpers/catalog.js';
import {ARM_1_2, mergeProfiles, taskProfile} from './profiles.js';

const catalog = embeddedCatalog();
const ONE_YEAR_NO: PlanId = 'compute-1y-no-upfront';

// us-east-1, 1 vCPU / 2 GB Linux x86: On-Demand 0.04937 a task-hour, 1 yr No Upfront 0.039496 (20% off
// both, so On-Demand / SP = 1.25 exactly). Three tasks: 0.14811 On-Demand, 0.118488 at SP rates an hour.

function owned(commitments: Partial<OwnedCommitment>[], share = '1', lookaheadDays = 90): OwnedInput {
  return {
    commitments: commitments.map((c) => ({
      id: null,
      commitmentPerHour: dec('0.05'),
      plan: ONE_YEAR_NO,
      startMs: null,
      endMs: null,
      source: 'flag',
      ...c,
    })),
    share: dec(share),
    shareSource: share === '1' ? 'default' : 'flag',
    lookaheadDays,
  };
}

function sized(profile: UsageProfile, input: OwnedInput, plan: PlanId = ONE_YEAR_NO) {
  const cache = new CompareCache(catalog, 730, input);
  return cache.sized(profile, plan);
}

describe('owned Savings Plans applied first (hand-computed, 3 tasks of 1 vCPU / 2 GB always on)', () => {
  const three = taskProfile(Array.from({length: 730}, () => 3));

  it('covers 1.25 x its commitment of On-Demand an hour and leaves the rest for more commitment', () => {
    const applied = applyOwned(three, catalog, owned([{}]), false);
    // 0.05 of commitment at 1.25 covers 0.0625 of On-Demand an hour, every hour used in full.
    expect(applied.coveredOnDemand.toString()).toBe(dec('0.0625').times(730).toString());
    expect(applied.used.toString()).toBe('36.5');
    expect(applied.commitmentCost.toString()).toBe('36.5');
    const {prepared, optimum} = sized(three, owned([{}]));
    // What is left: 0.14811 - 0.0625 = 0.08561 On-Demand an hour, 0.068488 at SP rates.
    expect(prepared.eligibleOnDemandCost.toString()).toBe(dec('0.08561').times(730).toString());
    expect(optimum.exactCommitmentPerHour.toString()).toBe('0.068488');
    // Buying nothing more: 0.05 owned + 0.08561 On-Demand = 0.13561 an hour.
    expect(costWithoutCommitment(prepared).monthlyCost.toString()).toBe('98.9953');
    // With 0.068 more: 0.05 + 0.068 + what 0.000488 of SP cost leaves On-Demand (0.00061) = 0.11861 an hour.
    const best = optimum.best;
    expect(best.commitmentPerHour.toString()).toBe('0.068');
    expect(best.monthlyCost.toString()).toBe(dec('0.11861').times(730).toString());
    expect(best.coverage!.toString()).toBe(dec('0.14811').minus('0.00061').div('0.14811').toString());
  });

  it('an owned commitment that covers everything: nothing more to buy, and the plans cost what is owned', () => {
    const {prepared, optimum} = sized(three, owned([{commitmentPerHour: dec('0.2')}]));
    expect(optimum.noCommitment).toBe(true);
    expect(optimum.best.commitmentPerHour.toString()).toBe('0');
    expect(optimum.best.monthlyCost.toString()).toBe('146');
    expect(optimum.best.coverage!.toString()).toBe('1');
    expect(prepared.owned!.used.toString()).toBe(dec('0.118488').times(730).toString());
  });

  it('a share of the commitment: 0.10 at 50% is 0.05 for Fargate', () => {
    const half = sized(three, owned([{commitmentPerHour: dec('0.1')}], '0.5'));
    const whole = sized(three, owned([{}]));
    expect(half.optimum.exactCommitmentPerHour.toString()).toBe(whole.optimum.exactCommitmentPerHour.toString());
    expect(costWithoutCommitment(half.prepared).monthlyCost.toString()).toBe('98.9953');
  });

  it('the same plan owned and bought is one commitment: F(owned + more) without owned = F with owned', () => {
    const plain = new CompareCache(catalog, 730).sized(three, ONE_YEAR_NO).prepared;
    const {prepared} = sized(three, owned([{}]));
    for (const more of ['0', '0.01', '0.068', '0.2']) {
      expect(costAtCommitment(prepared, dec(more)).totalCost.toString()).toBe(
        costAtCommitment(plain, dec(more).plus('0.05')).totalCost.toString(),
      );
    }
  });

  it('a dated profile: a plan covers only the hours between its start and end', () => {
    const start = Date.UTC(2026, 10, 1);
    const day = taskProfile(
      Array.from({length: 24}, () => 3),
      undefined,
      {startMs: start},
    );
    const input = owned([{startMs: start + 6 * MS_PER_HOUR, endMs: start + 18 * MS_PER_HOUR}]);
    const applied = applyOwned(day, catalog, input, true);
    expect(applied.plans[0]!.activeHours).toBe(12);
    expect(applied.commitmentCost.toString()).toBe('0.6');
    // Undated (an estimate's model month): every hour.
    expect(applyOwned(day, catalog, input, false).plans[0]!.activeHours).toBe(24);
  });
});

/**
 * An independent, naive simulation, hour by hour, in decimals: each owned plan in turn (deepest
 * discount first) spends its commitment on what is left, highest saving first, a partial item in
 * proportion; then the plan bought spends its commitment on what the owned plans left.
 */
function naiveTotal(profile: UsageProfile, cat: Catalog, input: OwnedInput, plan: PlanId, more: Dec): Dec {
  const rank = (p: PlanId) => {
    const {term, payment} = planParts(p);
    return (term === '3y' ? 0 : 3) + {all: 0, partial: 1, no: 2}[payment];
  };
  const order = input.commitments
    .map((_, i) => i)
    .sort((a, b) => rank(input.commitments[a]!.plan) - rank(input.commitments[b]!.plan) || a - b);
  const covers = (key: RateKey) => key !== 'storage' && key !== 'windows-x86_64-os-license';
  let total = ZERO;
  for (const hour of profile.hours) {
    const left = hour.unitMs.map((u) => new D(u.toString()).div(UNIT_MS_PER_UNIT_HOUR.toString()));
    const spend = (p: PlanId, commitment: Dec) => {
      total = total.plus(commitment);
      let budget = commitment;
      const items = profile.series
        .map((series, i) => ({
          series,
          i,
          od: cat.rate(series.region, 'on-demand', series.key)?.price,
          sp: cat.rate(series.region, p, series.key)?.price,
        }))
        .filter((x) => x.series.purchase === 'on-demand' && covers(x.series.key) && x.sp && x.od)
        .sort(
          (a, b) =>
            dec(1)
              .minus(b.sp!.div(b.od!))
              .comparedTo(dec(1).minus(a.sp!.div(a.od!))) || a.i - b.i,
        );
      for (const item of items) {
        const cost = left[item.i]!.times(item.sp!);
        if (budget.gte(cost)) {
          budget = budget.minus(cost);
          left[item.i] = ZERO;
        } else {
          left[item.i] = left[item.i]!.minus(budget.div(item.sp!));
          budget = ZERO;
        }
      }
    };
    for (const j of order)
      spend(input.commitments[j]!.plan, input.commitments[j]!.commitmentPerHour.times(input.share));
    spend(plan, more);
    profile.series.forEach((series, i) => {
      const rate = cat.requireRate(series.region, series.purchase === 'spot' ? 'spot' : 'on-demand', series.key);
      total = total.plus(left[i]!.times(rate.price));
    });
  }
  return total;
}

describe('owned plans against the naive simulation (property)', () => {
  const mixed = mergeProfiles([
    taskProfile([3, 1, 0, 2, 5, 4]),
    taskProfile([0, 2, 2, 1, 0, 3], ARM_1_2),
    taskProfile([1, 1, 0, 0, 2, 1], undefined, {purchase: 'spot'}),
  ]);

  it('any owned plans of any terms, any share, any further commitment: the same total to 1e-30', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            plan: fc.constantFrom(...PLAN_IDS),
            commitment: fc.integer({min: 1, max: 400}).map((m) => dec(m).div(1000)),
          }),
          {minLength: 1, maxLength: 3},
        ),
        fc.constantFrom('1', '0.6', '0.333'),
        fc.constantFrom(...PLAN_IDS),
        fc.integer({min: 0, max: 300}).map((m) => dec(m).div(1000)),
        (plans, share, plan, more) => {
          const input = owned(
            plans.map((p) => ({plan: p.plan, commitmentPerHour: p.commitment})),
            share,
          );
          const {prepared} = sized(mixed, input, plan);
          const ours = costAtCommitment(prepared, more).totalCost;
          const naive = naiveTotal(mixed, catalog, input, plan, more);
          expect(ours.minus(naive).abs().lt('1e-30')).toBe(true);
          // And the optimum is no worse than any commitment tried.
          expect(optimizeCommitment(prepared).atExact.totalCost.lte(ours)).toBe(true);
        },
      ),
      {numRuns: 60},
    );
  });
});
