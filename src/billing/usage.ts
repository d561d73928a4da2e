import {INCLUDED_STORAGE_GIB, type RateKey, type Resource, rateKeyOf, type TaskSize} from '../model/types.js';
import {UNITS_PER_WHOLE} from '../money/decimal.js';

/**
 * Usage of one dimension as an exact integer: 1/1024 of a unit (a CPU unit, a MiB, 1/1024 GiB)
 * times milliseconds. Summing these and dividing once gives exact unit-hours.
 */
export interface UnitUsage {
  readonly key: RateKey;
  readonly resource: Resource;
  readonly unitMs: bigint;
}

/** Per-millisecond usage rates of a task size (1/1024 units): what one millisecond of the task consumes. */
export interface UsageRates {
  readonly key: RateKey;
  readonly resource: Resource;
  /** 1/1024 units per millisecond of run time. */
  readonly units: number;
}

/**
 * The billed dimensions of a task size: vCPU and memory always, the Windows licence per vCPU, and
 * ephemeral storage above the included 20 GiB.
 */
export function usageRatesOf(size: TaskSize): UsageRates[] {
  const rates: UsageRates[] = [
    {key: rateKeyOf('vcpu', size.arch, size.os), resource: 'vcpu', units: size.cpuUnits},
    {key: rateKeyOf('memory', size.arch, size.os), resource: 'memory', units: size.memoryMiB},
  ];
  if (size.os === 'windows')
    rates.push({key: rateKeyOf('os-license', size.arch, size.os), resource: 'os-license', units: size.cpuUnits});
  const extraGiB = size.storageGiB - INCLUDED_STORAGE_GIB;
  if (extraGiB > 0) rates.push({key: 'storage', resource: 'storage', units: extraGiB * UNITS_PER_WHOLE});
  return rates;
}

/** Exact usage of a task size over `billedMs` milliseconds. */
export function usageOf(size: TaskSize, billedMs: number | bigint): UnitUsage[] {
  const ms = BigInt(billedMs);
  return usageRatesOf(size).map((rate) => ({key: rate.key, resource: rate.resource, unitMs: BigInt(rate.units) * ms}));
}
