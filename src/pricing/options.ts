import type {Catalog} from '../catalog/catalog.js';
import {D, ZERO} from '../money/decimal.js';
import {EXACT_ONE, type Exact, exact, exactOf, div, isZero, minus, times, toDec} from '../money/exact.js';
import {type OptionId, planOf, planParts, TERM_HOURS, UPFRONT_SHARE} from '../model/types.js';
import type {OptionGap, OptionResult} from '../model/priced.js';
import {priceUsage, type UsageLine} from './price.js';

function unavailable(option: OptionId, gap: OptionGap): OptionResult {
  const plan = planOf(option);
  return {
    id: option,
    available: false,
    gap,
    monthlyCost: null,
    hourlyCost: null,
    savings: null,
    savingsRatio: null,
    commitmentPerHour: null,
    upfront: null,
    recurringMonthlyCost: null,
    term: plan ? planParts(plan).term : null,
    payment: plan ? planParts(plan).payment : null,
    lines: [],
  };
}

/** Available options first, cheapest first; ties keep the catalog order. */
export function sortOptions(options: readonly OptionResult[]): OptionResult[] {
  return [...options].sort((a, b) => {
    if (a.available !== b.available) return a.available ? -1 : 1;
    if (!a.monthlyCost || !b.monthlyCost) return 0;
    return a.monthlyCost.comparedTo(b.monthlyCost);
  });
}

/**
 * Prices a month of usage (the usage times `factor`) under each option. Savings Plans are sized for
 * full coverage: the commitment is the Savings-Plan-rate cost of the usage per hour, as if spread
 * evenly over the month. Every figure is exact until it is reported.
 */
export function monthlyOptions(
  catalog: Catalog,
  usage: readonly UsageLine[],
  options: readonly OptionId[],
  monthHours: number,
  factor: Exact = EXACT_ONE,
): OptionResult[] {
  const hours = exact(monthHours);
  const onDemand = priceUsage(catalog, usage, 'on-demand', factor);
  if (!onDemand.available) throw new Error('On-Demand pricing cannot be unavailable');
  const results = options.map((option): OptionResult => {
    const priced = option === 'on-demand' ? onDemand : priceUsage(catalog, usage, option, factor);
    if (!priced.available) return unavailable(option, priced.gap);
    const plan = planOf(option);
    const savings = minus(onDemand.cost, priced.cost);
    const base = {
      id: option,
      available: true,
      gap: null,
      monthlyCost: toDec(priced.cost),
      hourlyCost: toDec(div(priced.cost, hours)),
      savings: toDec(savings),
      savingsRatio: isZero(onDemand.cost) ? ZERO : toDec(div(savings, onDemand.cost)),
      lines: priced.lines,
    };
    if (!plan) {
      return {...base, commitmentPerHour: null, upfront: null, recurringMonthlyCost: null, term: null, payment: null};
    }
    const {term, payment} = planParts(plan);
    const commitmentPerHour = div(priced.discountedCost, hours);
    const share = exactOf(new D(UPFRONT_SHARE[payment]));
    const upfront = times(times(commitmentPerHour, exact(TERM_HOURS[term])), share);
    const recurringMonthlyCost = minus(priced.cost, times(times(commitmentPerHour, hours), share));
    return {
      ...base,
      commitmentPerHour: toDec(commitmentPerHour),
      upfront: toDec(upfront),
      recurringMonthlyCost: toDec(recurringMonthlyCost),
      term,
      payment,
    };
  });
  return sortOptions(results);
}

export type {OptionResult};
