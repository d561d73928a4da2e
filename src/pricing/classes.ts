import type {MeteredClass, MeterState} from '../billing/meter.js';
import type {UsageRates} from '../billing/usage.js';
import type {Rate} from '../catalog/catalog.js';
import type {PriceGap, Pricer} from './pricer.js';

/** The meter's size classes, each with its price a millisecond: what every history figure is summed from. */

export interface PricedClass extends MeteredClass {
  /** Scaled cost of a millisecond (0 for unpriced Spot usage: it counts as usage, never as cost). */
  readonly perMs: bigint;
  readonly onDemandPerMs: bigint;
  readonly usage: readonly UsageRates[];
  readonly rates: readonly Rate[];
  /** The Spot rate the class lacks, when it is kept as usage only; null when priced. */
  readonly unpriced: PriceGap | null;
  /** Billed milliseconds over every hour. */
  readonly totalMs: bigint;
}

export interface ClassPricing {
  /** Priced classes and, with `keepUnpricedSpot`, Spot classes without a Spot rate (usage only). */
  readonly classes: readonly PricedClass[];
  /** Tasks left out for want of a rate, by gap (in the order the gaps were met). */
  readonly gaps: readonly {readonly gap: PriceGap; readonly tasks: number}[];
  /** With `keepUnpricedSpot`: Spot tasks kept without a price, by the rate they lack. */
  readonly unpricedSpot: readonly {readonly gap: PriceGap; readonly tasks: number; readonly ms: bigint}[];
}

const SAFE_SUM_LIMIT = 2 ** 52;

/** A class's billed milliseconds over every hour, exact (numbers while they are safe, then a bigint). */
export function totalMsOf(hourMs: ReadonlyMap<number, number>): bigint {
  let total = 0n;
  let partial = 0;
  for (const ms of hourMs.values()) {
    partial += ms;
    if (partial > SAFE_SUM_LIMIT) {
      total += BigInt(partial);
      partial = 0;
    }
  }
  return total + BigInt(partial);
}

const gapId = (gap: PriceGap) => JSON.stringify(gap);

export function priceClasses(
  state: MeterState,
  pricer: Pricer,
  options: {readonly keepUnpricedSpot?: boolean | undefined} = {},
): ClassPricing {
  const classes: PricedClass[] = [];
  const gaps = new Map<string, {gap: PriceGap; tasks: number}>();
  const unpricedSpot = new Map<string, {gap: PriceGap; tasks: number; ms: bigint}>();
  for (const metered of state.classes) {
    if (metered.tasks === 0) continue;
    const pricing = pricer.priceSize(metered.region, metered.size, metered.purchase);
    if (pricing.kind === 'priced') {
      const {perMs, onDemandPerMs, usage, rates} = pricing.price;
      classes.push({
        ...metered,
        perMs,
        onDemandPerMs,
        usage,
        rates,
        unpriced: null,
        totalMs: totalMsOf(metered.hourMs),
      });
    } else if (pricing.kind === 'unpriced-spot' && options.keepUnpricedSpot) {
      const {gap, onDemandPerMs, usage} = pricing.price;
      const totalMs = totalMsOf(metered.hourMs);
      classes.push({...metered, perMs: 0n, onDemandPerMs, usage, rates: [], unpriced: gap, totalMs});
      const entry = unpricedSpot.get(gapId(gap)) ?? {gap, tasks: 0, ms: 0n};
      entry.tasks += metered.tasks;
      entry.ms += totalMs;
      unpricedSpot.set(gapId(gap), entry);
    } else {
      const gap = pricing.kind === 'gap' ? pricing.gap : pricing.price.gap;
      const entry = gaps.get(gapId(gap)) ?? {gap, tasks: 0};
      entry.tasks += metered.tasks;
      gaps.set(gapId(gap), entry);
    }
  }
  return {classes, gaps: [...gaps.values()], unpricedSpot: [...unpricedSpot.values()]};
}
