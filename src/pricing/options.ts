import type {Catalog} from '../catalog/catalog.js';
import {UserError} from '../errors.js';
import {D, ZERO} from '../money/decimal.js';
import {EXACT_ONE, type Exact, exact, exactOf, div, isZero, minus, times, toDec} from '../money/exact.js';
import {OPTION_IDS, type OptionId, PLAN_IDS, planOf, planParts, TERM_HOURS, UPFRONT_SHARE} from '../model/types.js';
import type {OptionGap, OptionResult} from '../model/priced.js';
import {priceUsage, type UsageLine} from './price.js';

/** Expands `--options`: ids, `savings-plans` / `sp` (all six), `sp-1y`, `sp-3y`, or plan ids. */
export function parseOptionList(text: string): OptionId[] {
  const chosen = new Set<OptionId>();
  for (const raw of text
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter(Boolean)) {
    const plans = (filter: (plan: string) => boolean) =>
      PLAN_IDS.filter(filter).map((plan) => `savings-plan-${plan}` as OptionId);
    let matched: OptionId[] = [];
    if (raw === 'all') matched = [...OPTION_IDS];
    else if (raw === 'od' || raw === 'ondemand') matched = ['on-demand'];
    else if (raw === 'sp' || raw === 'savings-plans' || raw === 'savings-plan') matched = plans(() => true);
    else if (/^sp-(1y|3y)$/.test(raw)) matched = plans((plan) => plan.startsWith(`compute-${raw.slice(3)}`));
    else if ((OPTION_IDS as readonly string[]).includes(raw)) matched = [raw as OptionId];
    else if ((PLAN_IDS as readonly string[]).includes(raw)) matched = [`savings-plan-${raw}` as OptionId];
    if (matched.length === 0) {
      throw new UserError(`unknown purchase option "${raw}"`, {
        hint: 'use on-demand, spot, savings-plans, sp-1y, sp-3y or an id such as savings-plan-compute-1y-no-upfront',
        exitCode: 2,
      });
    }
    for (const option of matched) chosen.add(option);
  }
  if (chosen.size === 0)
    throw new UserError('--options is empty', {hint: 'e.g. --options on-demand,spot', exitCode: 2});
  return OPTION_IDS.filter((option) => chosen.has(option));
}

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
