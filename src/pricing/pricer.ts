import {usageRatesOf, type UsageRates} from '../billing/usage.js';
import type {Catalog, Rate} from '../catalog/catalog.js';
import type {RateTable} from '../model/types.js';
import {D, type Dec, MS_PER_HOUR, UNIT_MS_PER_UNIT_HOUR, unitMsToHours, ZERO} from '../money/decimal.js';
import {type Exact, exact} from '../money/exact.js';
import type {PriceGap} from '../model/priced.js';
import type {Purchase} from '../model/profile.js';
import {type RateKey, SPOT_RATE_KEYS, type TaskSize} from '../model/types.js';

/**
 * The one pricer: usage, in exact integer unit-milliseconds, to money, for every purchase option.
 *
 * Money is exact without Decimal on the way: a rate is scaled to an integer by 10^k (k = the most
 * decimals of any On-Demand or Spot rate of the catalog), so a rate times unit-milliseconds is an
 * integer, and every sum of them is too. Such a "scaled" amount is dollars x 10^k x 1024 x 3,600,000;
 * it is divided out into a 50-digit Decimal once, when a figure is reported (`money`). So a total
 * and the sum of its parts agree to about 45 decimal places, not always to the last digit.
 */

/** What a size costs a millisecond, bought one way, in scaled units. */
export interface SizePrice {
  /** At the rates the purchase pays (Spot rates for what Spot discounts, On-Demand for the rest). */
  readonly perMs: bigint;
  /** The same usage at On-Demand rates. */
  readonly onDemandPerMs: bigint;
  /** Per-millisecond units of each billed dimension. */
  readonly usage: readonly UsageRates[];
  /** The rates used: the purchase's own, and On-Demand where it differs. */
  readonly rates: readonly Rate[];
}

/** A Spot size whose Spot rates the catalog lacks: its usage is known, its cost is not. */
export interface UnpricedSpot {
  readonly gap: PriceGap & {kind: 'no-rate'; table: 'spot'};
  readonly onDemandPerMs: bigint;
  readonly usage: readonly UsageRates[];
}

export type SizePricing =
  | {readonly kind: 'priced'; readonly price: SizePrice}
  | {readonly kind: 'unpriced-spot'; readonly price: UnpricedSpot}
  | {readonly kind: 'gap'; readonly gap: PriceGap};

export interface Pricer {
  readonly catalog: Catalog;
  /** 10^k: the rates' scale. */
  readonly scale: bigint;
  /** Scaled units per dollar: 10^k x 1024 x 3,600,000. */
  readonly perDollar: bigint;
  /** A rate as a scaled integer (exact: no rate has more than k decimals). */
  scaled(rate: Rate): bigint;
  /** A size bought one way in a region: its price a millisecond, or why it has none. Cached. */
  priceSize(region: string, size: TaskSize, purchase: Purchase): SizePricing;
  /** Scaled units to dollars, exact to 50 digits. */
  money(scaled: bigint): Dec;
  /** Scaled units to dollars, exactly. */
  exact(scaled: bigint): Exact;
  /** Unit-milliseconds to unit-hours (vCPU-hours, GB-hours). */
  hours(unitMs: bigint): Dec;
  /** Milliseconds to hours. */
  taskHours(ms: bigint): Dec;
}

const spotKeys = new Set<RateKey>(SPOT_RATE_KEYS);

/** Decimals needed to hold every On-Demand and Spot rate of the catalog as an integer. */
export function rateScaleOf(catalog: Catalog): number {
  let decimals = 0;
  for (const region of Object.values(catalog.json.regions)) {
    for (const table of [region.onDemand, region.spot] as Record<string, {price: string} | undefined>[]) {
      for (const rate of Object.values(table)) {
        if (rate) decimals = Math.max(decimals, new D(rate.price).decimalPlaces());
      }
    }
  }
  return decimals;
}

/** Converting each distinct value once saves most Decimal divisions (hours of a steady workload repeat). */
function memo<T>(convert: (value: bigint) => T): (value: bigint) => T {
  const cache = new Map<bigint, T>();
  return (value) => {
    let converted = cache.get(value);
    if (converted === undefined) {
      if (cache.size > 50_000) cache.clear();
      converted = convert(value);
      cache.set(value, converted);
    }
    return converted;
  };
}

export function createPricer(catalog: Catalog): Pricer {
  const scale = 10n ** BigInt(rateScaleOf(catalog));
  const perDollar = scale * UNIT_MS_PER_UNIT_HOUR;
  const denominator = new D(perDollar.toString());
  const scaledRates = new Map<Rate, bigint>();
  const sizes = new Map<string, SizePricing>();

  const scaled = (rate: Rate): bigint => {
    let value = scaledRates.get(rate);
    if (value === undefined) {
      const product = rate.price.times(scale.toString());
      if (!product.isInteger()) throw new RangeError(`rate ${rate.price.toString()} has more decimals than the scale`);
      value = BigInt(product.toFixed(0));
      scaledRates.set(rate, value);
    }
    return value;
  };

  function price(region: string, size: TaskSize, purchase: Purchase): SizePricing {
    if (!catalog.regions.includes(region)) return {kind: 'gap', gap: {kind: 'no-region', region}};
    if (purchase === 'spot' && size.os === 'windows') return {kind: 'gap', gap: {kind: 'windows-spot', region}};
    const usage = usageRatesOf(size);
    const rates: Rate[] = [];
    let perMs = 0n;
    let onDemandPerMs = 0n;
    let missingSpot: UnpricedSpot['gap'] | undefined;
    for (const item of usage) {
      const onDemand = catalog.rate(region, 'on-demand', item.key);
      if (!onDemand) return {kind: 'gap', gap: {kind: 'no-rate', table: 'on-demand', region, key: item.key}};
      const table: RateTable = purchase === 'spot' && spotKeys.has(item.key) ? 'spot' : 'on-demand';
      const own = table === 'on-demand' ? onDemand : catalog.rate(region, table, item.key);
      const units = BigInt(item.units);
      onDemandPerMs += scaled(onDemand) * units;
      if (!own) {
        missingSpot ??= {kind: 'no-rate', table: 'spot', region, key: item.key};
        continue;
      }
      perMs += scaled(own) * units;
      rates.push(own);
      if (own !== onDemand) rates.push(onDemand);
    }
    if (missingSpot !== undefined) return {kind: 'unpriced-spot', price: {gap: missingSpot, onDemandPerMs, usage}};
    return {kind: 'priced', price: {perMs, onDemandPerMs, usage, rates}};
  }

  return {
    catalog,
    scale,
    perDollar,
    scaled,
    priceSize(region, size, purchase) {
      const id = `${region}|${purchase}|${size.cpuUnits}|${size.memoryMiB}|${size.storageGiB}|${size.arch}|${size.os}`;
      let found = sizes.get(id);
      if (found === undefined) sizes.set(id, (found = price(region, size, purchase)));
      return found;
    },
    exact: (value) => exact(value, perDollar),
    money: memo((value) => (value === 0n ? ZERO : new D(value.toString()).div(denominator))),
    hours: memo((unitMs) => (unitMs === 0n ? ZERO : unitMsToHours(unitMs))),
    taskHours: memo((ms) => (ms === 0n ? ZERO : new D(ms.toString()).div(MS_PER_HOUR))),
  };
}

export type {PriceGap};
