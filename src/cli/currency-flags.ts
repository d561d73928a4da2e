import type {Command} from 'commander';
import {isIsoDate} from '../catalog/dates.js';
import {EXIT, UserError, untrusted} from '../errors.js';
import {dec} from '../money/decimal.js';
import type {Conversion} from '../model/currency.js';

/**
 * --currency and --exchange-rate: figures shown in another currency at the user's own rate (the tool
 * looks none up). Shared by every command that prices (estimate, history, compare, and diff).
 */

export interface CurrencyFlags {
  readonly currency?: string | undefined;
  readonly exchangeRate?: string | undefined;
}

export function addCurrencyOptions(command: Command): Command {
  return command
    .option('--currency <code>', 'also show figures in this ISO 4217 currency (KRW, EUR, JPY), with --exchange-rate')
    .option(
      '--exchange-rate <rate[@date]>',
      'units of --currency per US dollar, and optionally the date of the rate: 1391.20 or 1391.20@2026-11-30',
    );
}

const usage = (message: string, hint?: string) =>
  new UserError(message, {exitCode: EXIT.usage, ...(hint === undefined ? {} : {hint})});

/** The ISO 4217 codes this Node knows (ICU's list), upper case. */
const knownCurrencies = (): ReadonlySet<string> => new Set(Intl.supportedValuesOf('currency'));

const RATE = /^(\d+(?:\.\d+)?)(?:@(.*))?$/;

/** The conversion the flags ask for, or undefined; a bad value, or one flag without the other, is a bad command line (exit 2). */
export function parseConversion(flags: CurrencyFlags, now: Date): Conversion | undefined {
  const {currency, exchangeRate} = flags;
  if (currency === undefined && exchangeRate === undefined) return undefined;
  if (exchangeRate === undefined) {
    throw usage(
      '--currency needs --exchange-rate: the tool looks up no rate',
      'e.g. --currency KRW --exchange-rate 1391.20',
    );
  }
  if (currency === undefined) {
    throw usage(
      '--exchange-rate needs --currency, the currency it converts to',
      'e.g. --currency KRW --exchange-rate 1391.20',
    );
  }
  const code = currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code) || !knownCurrencies().has(code)) {
    throw usage(`currency "${untrusted(currency)}" is not an ISO 4217 currency code`, 'e.g. KRW, EUR, JPY');
  }
  if (code === 'USD') {
    throw usage(
      '--currency USD is the currency prices are in already: there is nothing to convert',
      'drop --currency and --exchange-rate',
    );
  }
  const match = RATE.exec(exchangeRate.trim());
  const rate = match ? dec(match[1]!) : undefined;
  if (!match || rate === undefined || rate.isZero()) {
    throw usage(
      `exchange rate "${untrusted(exchangeRate)}" is not a positive number of ${code} per US dollar`,
      'e.g. 1391.20, or 1391.20@2026-11-30 with the date of the rate',
    );
  }
  const rateDate = match[2] ?? null;
  if (rateDate !== null && !isIsoDate(rateDate)) {
    throw usage(
      `exchange rate date "${untrusted(rateDate)}" is not a date that exists`,
      'YYYY-MM-DD, e.g. 1391.20@2026-11-30',
    );
  }
  // A day's allowance: the rate may be dated in a zone ahead of the clock's.
  if (rateDate !== null && Date.parse(rateDate) > now.getTime() + 86_400_000) {
    throw usage(
      `exchange rate date ${rateDate} is after today (${now.toISOString().slice(0, 10)})`,
      'give the day the rate was published or observed',
    );
  }
  return {currency: code, rate, rateDate};
}
