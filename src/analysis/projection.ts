import type {Catalog} from '../catalog/catalog.js';
import type {Dec} from '../money/decimal.js';
import {MS_PER_HOUR} from '../money/decimal.js';
import {type Exact, exact, times, toDec, div} from '../money/exact.js';
import {OPTION_IDS} from '../model/types.js';
import type {PricedClass} from '../pricing/classes.js';
import {monthlyOptions, type OptionResult} from '../pricing/options.js';
import {mergeUsage, type UsageLine} from '../pricing/price.js';

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

/** `cost`: what the window cost, exact; `windowMs`: the window's length. */
export function projectMonth(
  classes: readonly PricedClass[],
  cost: Exact,
  window: {readonly hours: Dec; readonly ms: number},
  monthHours: number,
  catalog: Catalog,
): MonthProjection {
  const factor = exact(BigInt(monthHours) * BigInt(MS_PER_HOUR), BigInt(window.ms));
  const lines: UsageLine[] = mergeUsage(
    classes
      .filter((cls) => cls.unpriced === null)
      .flatMap((cls) =>
        cls.usage.map((item) => ({region: cls.region, key: item.key, unitMs: BigInt(item.units) * cls.totalMs})),
      ),
  );
  return {
    windowHours: window.hours,
    hourlyCost: toDec(div(cost, exact(BigInt(window.ms), BigInt(MS_PER_HOUR)))),
    monthHours,
    monthlyCost: toDec(times(cost, factor)),
    options: monthlyOptions(catalog, lines, OPTION_IDS, monthHours, factor),
  };
}
