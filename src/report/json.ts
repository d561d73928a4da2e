import type {RateRef} from '../model/priced.js';
import {optionWords} from './text.js';
import type {Dec} from '../money/decimal.js';
import type {TaskSize} from '../model/types.js';
import type {OptionResult} from '../model/priced.js';
import type {PricedLine} from '../model/priced.js';

/**
 * The documented JSON shapes. Money, rates and quantities are exact decimal strings (never JSON
 * numbers); counts and seconds that are integers are numbers.
 */

export type DecString = string;
const str = (value: Dec | null): DecString | null => (value === null ? null : value.toString());

export function lineJson(line: PricedLine) {
  return {
    usageType: line.usageType,
    region: line.region,
    dimension: line.key,
    quantity: line.quantity.toString(),
    unit: line.unit,
    rate: line.rate.toString(),
    cost: line.cost.toString(),
    source: line.source,
    asOf: line.asOf,
    confidence: line.confidence,
    ...(line.derivation ? {derivation: line.derivation} : {}),
  };
}

export function optionJson(option: OptionResult) {
  const {label, reason} = optionWords(option);
  return {
    id: option.id,
    label,
    available: option.available,
    reason,
    monthlyCost: str(option.monthlyCost),
    hourlyCost: str(option.hourlyCost),
    savings: str(option.savings),
    savingsPercent: option.savingsRatio === null ? null : option.savingsRatio.times(100).toString(),
    commitmentPerHour: str(option.commitmentPerHour),
    upfront: str(option.upfront),
    recurringMonthlyCost: str(option.recurringMonthlyCost),
    term: option.term,
    payment: option.payment,
    lines: option.lines.map(lineJson),
  };
}

export function rateRefJson(rate: RateRef) {
  return {
    region: rate.region,
    table: rate.table,
    dimension: rate.key,
    usageType: rate.usageType,
    unit: rate.unit,
    rate: rate.rate.toString(),
    source: rate.source,
    sourceTitle: rate.sourceTitle,
    asOf: rate.asOf,
    confidence: rate.confidence,
    derivation: rate.derivation,
  };
}

export function sizeJson(size: TaskSize) {
  return {
    cpuUnits: size.cpuUnits,
    vcpu: String(size.cpuUnits / 1024),
    memoryMiB: size.memoryMiB,
    memoryGB: String(size.memoryMiB / 1024),
    storageGiB: size.storageGiB,
    arch: size.arch,
    os: size.os,
  };
}

export function stringifyJson(value: unknown): string {
  return `${JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? item.toString() : item), 2)}\n`;
}
