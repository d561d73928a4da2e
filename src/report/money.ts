import {D, type Dec} from '../money/decimal.js';
import {formatAmount} from '../money/format.js';
import type {Conversion} from '../model/currency.js';

/**
 * How the tables, CSV and Markdown show money: in US dollars, or converted at the user's rate. Results
 * stay in US dollars; the conversion is one exact Decimal multiplication here, rounded only to print.
 */
export interface MoneyFormat {
  /** ISO 4217 code of what is shown. */
  readonly code: string;
  /** The conversion, or null for US dollars as priced. */
  readonly conversion: Conversion | null;
  /** Minor digits of the currency (USD 2, KRW 0, BHD 3): what amounts are rounded to. */
  readonly digits: number;
  /** What goes before an amount: `$`, `₩`, `BHD ` */
  readonly symbol: string;
}

export const USD_MONEY: MoneyFormat = {code: 'USD', conversion: null, digits: 2, symbol: '$'};

/** The format of a conversion: its minor digits and symbol as Intl knows them for the code (en-US). */
export function moneyFormat(conversion: Conversion | undefined): MoneyFormat {
  if (conversion === undefined) return USD_MONEY;
  const format = new Intl.NumberFormat('en-US', {style: 'currency', currency: conversion.currency});
  const symbol = format.formatToParts(0).find((part) => part.type === 'currency')?.value ?? conversion.currency;
  return {
    code: conversion.currency,
    conversion,
    digits: format.resolvedOptions().maximumFractionDigits ?? 2,
    // A symbol of letters (BHD, CHF) reads as a word: a space before the number.
    symbol: /\p{L}$/u.test(symbol) ? `${symbol} ` : symbol,
  };
}

export const converted = (money: MoneyFormat, usd: Dec): Dec =>
  money.conversion === null ? usd : usd.times(money.conversion.rate);

/**
 * An amount: `usdDecimals` are the places a US-dollar figure is shown with (2 for a month's cost, 4 for
 * an hour's); another currency gets as many more or fewer as its minor digits differ from the cent's.
 */
export function showAmount(money: MoneyFormat, usd: Dec, usdDecimals = 2): string {
  return formatAmount(converted(money, usd), Math.max(0, money.digits + usdDecimals - 2), money.symbol);
}

/** Money that may be tiny: whole minor units when at least one, else two significant digits (at most `usdMax` - 2 more places). */
export function showAdaptive(money: MoneyFormat, usd: Dec, usdMax = 6): string {
  const value = converted(money, usd);
  const abs = value.abs();
  const minorUnit = new D(10).pow(-money.digits);
  if (abs.isZero() || abs.gte(minorUnit)) return formatAmount(value, money.digits, money.symbol);
  const leadingZeros = -abs.e - 1;
  return formatAmount(value, Math.min(money.digits + usdMax - 2, leadingZeros + 2), money.symbol);
}

/** A unit price at full precision (`$0.04048`, `₩56.315776`). */
export function showRate(money: MoneyFormat, usd: Dec): string {
  return `${money.symbol}${converted(money, usd).toString()}`;
}

/** The assumption line of a conversion: the rate, its date, and that JSON keeps US dollars. */
export function conversionLine(money: MoneyFormat): string | null {
  const c = money.conversion;
  if (c === null) return null;
  const when = c.rateDate === null ? 'undated' : `of ${c.rateDate}`;
  return `figures in ${c.currency} at ${c.rate.toString()} ${c.currency} per US dollar (your rate, ${when}); priced in USD, converted exactly, rounded only when shown; JSON keeps USD beside the converted figures`;
}
