import {describe, expect, it} from 'vitest';
import {dec, UNIT_MS_PER_UNIT_HOUR} from '../../src/money/decimal.js';
import {OPTION_IDS} from '../../src/model/types.js';
import {parseOptionList} from '../../src/cli/workload-flags.js';
import {monthlyOptions} from '../../src/pricing/options.js';
import {embeddedCatalog} from '../helpers/catalog.js';

const hours = (value: string) => BigInt(dec(value).times(UNIT_MS_PER_UNIT_HOUR.toString()).toFixed(0));
const usage = [
  {region: 'us-east-1', key: 'linux-x86_64-vcpu' as const, unitMs: hours('730')},
  {region: 'us-east-1', key: 'linux-x86_64-memory' as const, unitMs: hours('1460')},
];

describe('monthlyOptions', () => {
  const options = monthlyOptions(embeddedCatalog(), usage, OPTION_IDS, 730);
  const byId = Object.fromEntries(options.map((option) => [option.id, option]));

  it('sorts cheapest first', () => {
    const costs = options.map((option) => option.monthlyCost!);
    for (let i = 1; i < costs.length; i++) expect(costs[i - 1]!.lte(costs[i]!)).toBe(true);
    expect(options.at(-1)!.id).toBe('on-demand');
  });

  it('prices a 1 yr No Upfront plan at full coverage, hand-computed', () => {
    const sp = byId['savings-plan-compute-1y-no-upfront']!;
    // 730 x 0.032384 + 1460 x 0.003556
    expect(sp.monthlyCost!.toString()).toBe('28.83208');
    expect(sp.commitmentPerHour!.toString()).toBe('0.039496');
    expect(sp.upfront!.toString()).toBe('0');
    expect(sp.recurringMonthlyCost!.toString()).toBe('28.83208');
    expect(sp.savings!.toString()).toBe('7.20802');
    expect(sp.savingsRatio!.toString()).toBe('0.2');
  });

  it('puts the whole term up front for All Upfront', () => {
    const sp = byId['savings-plan-compute-3y-all-upfront']!;
    // vCPU 730 x 0.0194304 + memory 1460 x 0.0021336 (estimated at the vCPU discount, 48%)
    expect(sp.monthlyCost!.toString()).toBe('17.299248');
    expect(sp.commitmentPerHour!.toString()).toBe('0.0236976');
    expect(sp.upfront!.toString()).toBe('622.772928');
    expect(sp.recurringMonthlyCost!.toString()).toBe('0');
  });

  it('pays half up front for Partial Upfront', () => {
    const sp = byId['savings-plan-compute-1y-partial-upfront']!;
    expect(sp.upfront!.toString()).toBe(sp.commitmentPerHour!.times(8760).div(2).toString());
    expect(sp.recurringMonthlyCost!.plus(sp.commitmentPerHour!.times(365)).toString()).toBe(sp.monthlyCost!.toString());
  });

  it('gives hourly = monthly / month hours', () => {
    expect(byId['on-demand']!.hourlyCost!.toString()).toBe('0.04937');
  });
});

describe('parseOptionList', () => {
  it.each([
    ['on-demand,spot', ['on-demand', 'spot']],
    [
      'sp-3y',
      [
        'savings-plan-compute-3y-no-upfront',
        'savings-plan-compute-3y-partial-upfront',
        'savings-plan-compute-3y-all-upfront',
      ],
    ],
    ['spot, compute-1y-all-upfront', ['spot', 'savings-plan-compute-1y-all-upfront']],
    ['savings-plans', OPTION_IDS.slice(2)],
    ['all', OPTION_IDS],
  ])('%s', (text, expected) => expect(parseOptionList(text)).toEqual(expected));
  it('rejects unknown names with the valid ones', () => {
    expect(() => parseOptionList('reserved')).toThrow(
      expect.objectContaining({message: 'unknown purchase option "reserved"', exitCode: 2}),
    );
  });
});
