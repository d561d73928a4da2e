import type {Catalog, Rate} from '../catalog/catalog.js';
import type {RateTable} from '../catalog/usage-types.js';
import {type Dec, sum} from '../money/decimal.js';
import {
  type Confidence,
  type OptionId,
  planOf,
  type RateKey,
  SAVINGS_PLAN_RATE_KEYS,
  SPOT_RATE_KEYS,
} from '../model/types.js';

/** How much of one dimension was used, in unit-hours (vCPU-hours, GB-hours). */
export interface UsageLine {
  readonly region: string;
  readonly key: RateKey;
  readonly quantity: Dec;
}

export interface PricedLine {
  readonly region: string;
  readonly key: RateKey;
  readonly table: RateTable;
  readonly usageType: string;
  readonly quantity: Dec;
  readonly unit: string;
  readonly rate: Dec;
  readonly cost: Dec;
  readonly source: string;
  readonly sourceTitle: string;
  readonly asOf: string;
  readonly confidence: Confidence;
  readonly derivation: string | undefined;
  /** Priced at the option's own rate (Spot, Savings Plan) rather than On-Demand. */
  readonly discounted: boolean;
}

export type OptionPricing =
  | {
      readonly option: OptionId;
      readonly available: true;
      readonly lines: PricedLine[];
      readonly cost: Dec;
      readonly discountedCost: Dec;
    }
  | {readonly option: OptionId; readonly available: false; readonly reason: string};

const spotKeys = new Set<RateKey>(SPOT_RATE_KEYS);
const savingsPlanKeys = new Set<RateKey>(SAVINGS_PLAN_RATE_KEYS);

export function pricedLine(rate: Rate, quantity: Dec, discounted: boolean): PricedLine {
  return {
    region: rate.region,
    key: rate.key,
    table: rate.table,
    usageType: rate.usageType,
    quantity,
    unit: rate.unit,
    rate: rate.price,
    cost: rate.price.times(quantity),
    source: rate.source.id,
    sourceTitle: rate.source.title,
    asOf: rate.asOf,
    confidence: rate.confidence,
    derivation: rate.derivation,
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
 * Prices usage under one purchase option. On-Demand rates must exist (a missing one throws a
 * UserError naming it). Spot and Savings Plans price the dimensions they discount at their own
 * rates and the rest (ephemeral storage, the Windows licence) On-Demand; when one of their rates is
 * missing the option is unavailable, with the reason.
 */
export function priceUsage(catalog: Catalog, usage: readonly UsageLine[], option: OptionId): OptionPricing {
  if (option === 'spot') {
    const windows = usage.find((line) => line.key.startsWith('windows-'));
    if (windows)
      return {option, available: false, reason: 'Fargate Spot runs Linux tasks only; Windows tasks cannot use it'};
  }
  const lines: PricedLine[] = [];
  for (const line of usage) {
    const table = discountTableFor(option, line.key);
    if (table) {
      const rate = catalog.rate(line.region, table, line.key);
      if (!rate) {
        catalog.requireRegion(line.region);
        const what = option === 'spot' ? 'Fargate Spot' : 'Savings Plan';
        return {option, available: false, reason: `the catalog has no ${what} rate for ${line.key} in ${line.region}`};
      }
      lines.push(pricedLine(rate, line.quantity, true));
    } else {
      lines.push(pricedLine(catalog.requireRate(line.region, 'on-demand', line.key), line.quantity, false));
    }
  }
  return {
    option,
    available: true,
    lines,
    cost: sum(lines.map((line) => line.cost)),
    discountedCost: sum(lines.filter((line) => line.discounted).map((line) => line.cost)),
  };
}

/** Adds up usage lines of the same region and dimension. */
export function mergeUsage(lines: Iterable<UsageLine>): UsageLine[] {
  const merged = new Map<string, UsageLine>();
  for (const line of lines) {
    const id = `${line.region}|${line.key}`;
    const current = merged.get(id);
    merged.set(id, current ? {...current, quantity: current.quantity.plus(line.quantity)} : line);
  }
  return [...merged.values()];
}
