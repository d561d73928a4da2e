import {D, type Dec} from './decimal.js';

/**
 * An exact rational amount, n / d with d > 0, in bigints: what the pricer computes money in, so a
 * total is the exact sum of its parts, and a figure is rounded once, to a 50-digit Decimal, when it
 * is reported (`toDec`). Fractions are reduced when they grow, never approximated.
 */
export interface Exact {
  readonly n: bigint;
  readonly d: bigint;
}

const REDUCE_ABOVE = 1n << 256n;

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function make(n: bigint, d: bigint): Exact {
  if (d === 0n) throw new RangeError('division by zero');
  if (d < 0n) [n, d] = [-n, -d];
  if (d > REDUCE_ABOVE) {
    const g = gcd(n, d);
    if (g > 1n) [n, d] = [n / g, d / g];
  }
  return {n, d};
}

export const EXACT_ZERO: Exact = {n: 0n, d: 1n};
export const EXACT_ONE: Exact = {n: 1n, d: 1n};

/** An integer, or n / d. */
export function exact(n: bigint | number, d: bigint | number = 1n): Exact {
  return make(BigInt(n), BigInt(d));
}

/** A finite Decimal, exactly (0.04048 = 4048 / 100000). */
export function exactOf(value: Dec): Exact {
  const places = value.decimalPlaces();
  const scale = 10n ** BigInt(places);
  return make(BigInt(value.times(scale.toString()).toFixed(0)), scale);
}

export function plus(a: Exact, b: Exact): Exact {
  return a.d === b.d ? make(a.n + b.n, a.d) : make(a.n * b.d + b.n * a.d, a.d * b.d);
}

export function minus(a: Exact, b: Exact): Exact {
  return a.d === b.d ? make(a.n - b.n, a.d) : make(a.n * b.d - b.n * a.d, a.d * b.d);
}

export function times(a: Exact, b: Exact): Exact {
  return make(a.n * b.n, a.d * b.d);
}

export function div(a: Exact, b: Exact): Exact {
  if (b.n === 0n) throw new RangeError('division by zero');
  return make(a.n * b.d, a.d * b.n);
}

export function sumExact(values: Iterable<Exact>): Exact {
  let total = EXACT_ZERO;
  for (const value of values) total = plus(total, value);
  return total;
}

export function isZero(a: Exact): boolean {
  return a.n === 0n;
}

/** -1, 0 or 1. */
export function compareExact(a: Exact, b: Exact): number {
  const left = a.n * b.d;
  const right = b.n * a.d;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** The value as a 50-digit Decimal: the one rounding. */
export function toDec(a: Exact): Dec {
  if (a.d === 1n) return new D(a.n.toString());
  return new D(a.n.toString()).div(a.d.toString());
}
