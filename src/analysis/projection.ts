import type {Catalog} from '../catalog/catalog.js';
import {D, type Dec, unitMsToHours} from '../money/decimal.js';
import {OPTION_IDS, type RateKey} from '../model/types.js';
import type {PricedClass} from '../pricing/classes.js';
import {monthlyOptions, type OptionResult} from '../pricing/options.js';
import type {UsageLine} from '../pricing/price.js';

/** A measured window stretched to a month: its spend rate, and its usage priced under every purchase option. */

export interface MonthProjection {
  readonly windowHours: Dec;
  readonly hourlyCost: Dec;
  readonly monthHours: number;
  /** The window's spend rate times the month. */
  readonly monthlyCost: Dec;
  /** The window's usage scaled to a month, priced under each purchase option. */
  readonly options: readonly OptionResult[];
}

export function projectMonth(
  classes: readonly PricedClass[],
  cost: Dec,
  windowHours: Dec,
  monthHours: number,
  catalog: Catalog,
): MonthProjection {
  const factor = new D(monthHours).div(windowHours);
  const usage = new Map<string, {region: string; key: RateKey; unitMs: bigint}>();
  for (const cls of classes) {
    if (cls.unpriced !== null) continue;
    for (const item of cls.usage) {
      const id = `${cls.region}|${item.key}`;
      const line = usage.get(id) ?? {region: cls.region, key: item.key, unitMs: 0n};
      line.unitMs += BigInt(item.units) * cls.totalMs;
      usage.set(id, line);
    }
  }
  const lines: UsageLine[] = [...usage.values()].map((line) => ({
    region: line.region,
    key: line.key,
    quantity: unitMsToHours(line.unitMs).times(factor),
  }));
  return {
    windowHours,
    hourlyCost: cost.div(windowHours),
    monthHours,
    monthlyCost: cost.times(factor),
    options: monthlyOptions(catalog, lines, OPTION_IDS, monthHours),
  };
}
