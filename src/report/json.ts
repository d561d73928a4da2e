import type {BodyOf} from '../contract/index.js';
import {KIND_VERSIONS, type OutputKind} from '../contract/versions.js';
import type {Conversion} from '../model/currency.js';
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
    ...(line.confirmed !== undefined && line.confirmedBy !== undefined
      ? {confirmed: line.confirmed, confirmedBy: line.confirmedBy}
      : {}),
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
    ...(rate.confirmed !== undefined && rate.confirmedBy !== undefined
      ? {confirmed: rate.confirmed, confirmedBy: rate.confirmedBy}
      : {}),
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

/** What every JSON output carries besides its result, given by the CLI: the tool's version, its clock, the conversion asked for. */
export interface JsonMeta {
  readonly version: string;
  /** ISO time of the run (the CLI's clock). */
  readonly generatedAt: string;
  readonly conversion?: Conversion | undefined;
  /** With a conversion: adds the converted figures to a body (contract/convert.ts, loaded only then). */
  readonly convert?: (<T>(kind: OutputKind, body: T, rate: Dec) => T) | undefined;
}

/**
 * A whole JSON output: the envelope (kind, schemaVersion, version, currency, generatedAt, and the
 * conversion when one was asked for), then the body; with a conversion, money objects gain `converted`.
 */
export function jsonDocument<K extends OutputKind>(kind: K, body: BodyOf<K>, meta: JsonMeta | undefined) {
  if (meta === undefined) throw new Error(`${kind} JSON needs its envelope: the version and the time of the run`);
  const {schemaVersion, convertible} = KIND_VERSIONS[kind];
  const conversion = convertible ? meta.conversion : undefined;
  if (conversion && !meta.convert) throw new Error(`${kind} JSON with a conversion needs its converter`);
  return {
    kind,
    schemaVersion,
    version: meta.version,
    currency: 'USD' as const,
    generatedAt: meta.generatedAt,
    ...(conversion
      ? {
          conversion: {currency: conversion.currency, rate: conversion.rate.toString(), rateDate: conversion.rateDate},
          ...meta.convert!(kind, body, conversion.rate),
        }
      : body),
  };
}

export function stringifyJson(value: unknown): string {
  return `${JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? item.toString() : item), 2)}\n`;
}
