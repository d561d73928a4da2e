import DecimalJs from 'decimal.js';

// At run time decimal.mjs's default export is the class itself; TypeScript, reading CommonJS
// typings, sees the module object with the class under `.Decimal`. Accept both.
const Decimal = ((DecimalJs as {Decimal?: unknown}).Decimal ?? DecimalJs) as typeof DecimalJs.Decimal;
type Decimal = DecimalJs.Decimal;

/**
 * The one Decimal constructor of the project. 50 significant digits keeps every intermediate
 * (rates with 10 decimals times resource-milliseconds, divided once into hours) exact to far
 * below a millionth of a cent; rounding happens only in `format.ts`.
 */
export const D = Decimal.clone({precision: 50, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -30, toExpPos: 40});
export type Dec = Decimal;

export const ZERO = new D(0);
export const ONE = new D(1);

/** Parses a decimal from a string (or a safe integer); rejects anything that is not a finite decimal. */
export function dec(value: string | number | bigint | Decimal): Decimal {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new TypeError(`refusing to build money from a non-integer JavaScript number: ${value}`);
  }
  const d = new D(typeof value === 'bigint' ? value.toString() : value);
  if (!d.isFinite()) throw new TypeError(`not a finite decimal: ${String(value)}`);
  return d;
}

const DECIMAL_STRING = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * True when `text` is a plain decimal literal ("0.04048", "1e-3"), exactly: `dec` takes what this accepts, so
 * surrounding whitespace (which `dec` refuses) is no decimal either.
 */
export function isDecimalString(text: string): boolean {
  return DECIMAL_STRING.test(text);
}

export function sum(values: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const value of values) total = total.plus(value);
  return total;
}

/** Hours in a month, as infracost and the AWS Pricing Calculator use. */
export const HOURS_PER_MONTH = 730;
export const MS_PER_SECOND = 1000;
export const MS_PER_HOUR = 3_600_000;
/** CPU units per vCPU and MiB per GB: usage is accumulated in 1/1024 of a unit. */
export const UNITS_PER_WHOLE = 1024;
/** Divisor from unit-milliseconds (1/1024 unit x ms) to unit-hours. */
export const UNIT_MS_PER_UNIT_HOUR = BigInt(UNITS_PER_WHOLE * MS_PER_HOUR);

/** Converts an exact count of unit-milliseconds (1/1024 unit x ms) into unit-hours. */
export function unitMsToHours(unitMs: bigint): Decimal {
  return new D(unitMs.toString()).div(UNIT_MS_PER_UNIT_HOUR.toString());
}

export {Decimal};
