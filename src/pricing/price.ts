import type {Catalog, Rate} from '../catalog/catalog.js';
import type {Dec} from '../money/decimal.js';
import {UNIT_MS_PER_UNIT_HOUR} from '../money/decimal.js';
import {EXACT_ONE, type Exact, EXACT_ZERO, exact, exactOf, plus, times, toDec} from '../money/exact.js';
import type {OptionGap, PricedLine} from '../model/priced.js';
import {
  type OptionId,
  planOf,
  type RateKey,
  type RateTable,
  SAVINGS_PLAN_RATE_KEYS,
  SPOT_RATE_KEYS,
} from '../model/types.js';

/**
 * Usage to priced lines under one purchase option, exactly: a line's cost is rate x unit-milliseconds
 * x the usage's factor / (1024 x 3,600,000), an exact rational, rounded once when reported. The
 * history's per-millisecond class prices (`pricer.ts`) are the same arithmetic on scaled integers.
 */

/** How much of one dimension was used, in exact unit-milliseconds (1/1024 unit x ms). */
export interface UsageLine {
  readonly region: string;
  readonly key: RateKey;
  readonly unitMs: bigint;
}

export type OptionPricing =
  | {
      readonly option: OptionId;
      readonly available: true;
      readonly lines: PricedLine[];
      readonly cost: Exact;
      /** What the option's own rates cost (the part a Savings Plan commitment pays for). */
      readonly discountedCost: Exact;
    }
  | {readonly option: OptionId; readonly available: false; readonly gap: OptionGap};

const spotKeys = new Set<RateKey>(SPOT_RATE_KEYS);
const savingsPlanKeys = new Set<RateKey>(SAVINGS_PLAN_RATE_KEYS);

/** Unit-milliseconds times a factor, in unit-hours: exact. */
export function unitHours(unitMs: bigint, factor: Exact = EXACT_ONE): Exact {
  return exact(unitMs * factor.n, UNIT_MS_PER_UNIT_HOUR * factor.d);
}

/** The exact cost of unit-milliseconds (times a factor) at a rate per unit-hour. */
export function costAt(rate: Dec, unitMs: bigint, factor: Exact = EXACT_ONE): Exact {
  return times(exactOf(rate), unitHours(unitMs, factor));
}

export function pricedLine(rate: Rate, unitMs: bigint, discounted: boolean, factor: Exact = EXACT_ONE): PricedLine {
  const exactCost = costAt(rate.price, unitMs, factor);
  return {
    region: rate.region,
    key: rate.key,
    table: rate.table,
    usageType: rate.usageType,
    quantity: toDec(unitHours(unitMs, factor)),
    unit: rate.unit,
    rate: rate.price,
    cost: toDec(exactCost),
    exactCost,
    source: rate.source.id,
    sourceTitle: rate.source.title,
    asOf: rate.asOf,
    confidence: rate.confidence,
    derivation: rate.derivation,
    ...(rate.confirmed !== undefined && rate.confirmedBy !== undefined
      ? {confirmed: rate.confirmed, confirmedBy: rate.confirmedBy}
      : {}),
    discounted,
  };
}

/** The rate table an option uses for a dimension, or undefined when the option does not discount it. */
export function discountTableFor(option: OptionId, key: RateKey): RateTable | undefined {
  if (option === 'spot') return spotKeys.has(key) ? 'spot' : undefined;
  const plan = planOf(option);
  if (plan) return savingsPlanKeys.has(key) ? plan : undefined;
  return undefined;
}

/**
 * Prices usage (times `factor`: runs a month, or a month over a measured window) under one purchase
 * option. On-Demand rates must exist (a missing one throws a UserError naming it). Spot and Savings
 * Plans price the dimensions they discount at their own rates and the rest (ephemeral storage, the
 * Windows licence) On-Demand; when one of their rates is missing the option is unavailable, with why.
 */
export function priceUsage(
  catalog: Catalog,
  usage: readonly UsageLine[],
  option: OptionId,
  factor: Exact = EXACT_ONE,
): OptionPricing {
  if (option === 'spot' && usage.some((line) => line.key.startsWith('windows-'))) {
    return {option, available: false, gap: {kind: 'windows-spot'}};
  }
  const lines: PricedLine[] = [];
  let cost = EXACT_ZERO;
  let discountedCost = EXACT_ZERO;
  for (const line of usage) {
    const table = discountTableFor(option, line.key);
    if (table) {
      const rate = catalog.rate(line.region, table, line.key);
      if (!rate) {
        catalog.requireRegion(line.region);
        const which = option === 'spot' ? 'spot' : 'savings-plan';
        return {option, available: false, gap: {kind: 'no-rate', table: which, key: line.key, region: line.region}};
      }
      const priced = pricedLine(rate, line.unitMs, true, factor);
      lines.push(priced);
      cost = plus(cost, priced.exactCost);
      discountedCost = plus(discountedCost, priced.exactCost);
    } else {
      const priced = pricedLine(catalog.requireRate(line.region, 'on-demand', line.key), line.unitMs, false, factor);
      lines.push(priced);
      cost = plus(cost, priced.exactCost);
    }
  }
  return {option, available: true, lines, cost, discountedCost};
}

/** Adds up usage lines of the same region and dimension. */
export function mergeUsage(lines: Iterable<UsageLine>): UsageLine[] {
  const merged = new Map<string, UsageLine>();
  for (const line of lines) {
    const id = `${line.region}|${line.key}`;
    const current = merged.get(id);
    merged.set(id, current ? {...current, unitMs: current.unitMs + line.unitMs} : line);
  }
  return [...merged.values()];
}

export type {OptionGap, PricedLine};
