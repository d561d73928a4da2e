import {D, type Dec} from './decimal.js';

/** The only module that rounds. Money is shown ROUND_HALF_UP, as invoices do. */

/** Digits in threes with commas (`1234567` → `1,234,567`): on the text, exact at any length, without Intl's start-up. */
function group(integerDigits: string): string {
  return integerDigits.replace(/\B(?=(\d{3})+$)/g, ',');
}

/** `$1,234.57`; negative amounts as `-$3.10`. */
export function formatUsd(value: Dec, decimals = 2): string {
  return formatAmount(value, decimals, '$');
}

/** An amount behind a currency symbol, rounded half up to `decimals` places: `₩1,235`, `-€3.10`, `BHD 0.125`. */
export function formatAmount(value: Dec, decimals: number, symbol: string): string {
  const fixed = value.toDecimalPlaces(decimals, D.ROUND_HALF_UP);
  const negative = fixed.isNegative() && !fixed.isZero();
  const text = fixed.abs().toFixed(decimals);
  const [integer = '0', fraction] = text.split('.');
  return `${negative ? '-' : ''}${symbol}${group(integer)}${fraction === undefined ? '' : `.${fraction}`}`;
}

/**
 * Money that may be tiny (one short task): cents when at least a cent, otherwise enough decimals
 * for two significant digits, at most `max` decimals (`$0.00068`).
 */
export function formatUsdAdaptive(value: Dec, max = 6): string {
  const abs = value.abs();
  if (abs.isZero() || abs.gte('0.01')) return formatUsd(value, 2);
  // Digits after the point before the first significant one, plus two significant digits.
  const leadingZeros = -abs.e - 1;
  return formatUsd(value, Math.min(max, leadingZeros + 2));
}

/** A unit price as published: full precision, trailing zeros trimmed (`0.04048`). */
export function formatRate(value: Dec): string {
  return `$${value.toString()}`;
}

/** A quantity (hours, vCPU-hours) with at most `decimals` places, trailing zeros trimmed. */
export function formatQuantity(value: Dec, decimals = 4): string {
  const rounded = value.toDecimalPlaces(decimals, D.ROUND_HALF_UP);
  const [integer = '0', fraction] = rounded.abs().toFixed().split('.');
  return `${rounded.isNegative() && !rounded.isZero() ? '-' : ''}${group(integer)}${fraction ? `.${fraction}` : ''}`;
}

/** A ratio (0.2) as a percentage (`20.0%`). */
export function formatPercent(ratio: Dec, decimals = 1): string {
  return `${ratio.times(100).toDecimalPlaces(decimals, D.ROUND_HALF_UP).toFixed(decimals)}%`;
}

/** A number of seconds as `1h 02m 05s` / `4m 10s` / `59s`. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.round(totalSeconds);
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, '0')}m ${String(seconds).padStart(2, '0')}s`;
  if (minutes > 0) return `${minutes}m ${String(seconds).padStart(2, '0')}s`;
  return `${seconds}s`;
}
