import {type MoneyFormat, USD_MONEY} from './money.js';

/**
 * How a report is shown, as the CLI decided: ANSI styling that switches off for NO_COLOR, pipes and dumb
 * terminals, and the currency money is shown in.
 */
export interface Style {
  readonly enabled: boolean;
  readonly money: MoneyFormat;
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  red(text: string): string;
  cyan(text: string): string;
}

const wrap = (enabled: boolean, open: number, close: number) => (text: string) =>
  enabled ? `\u001B[${open}m${text}\u001B[${close}m` : text;

export function createStyle(enabled: boolean, money: MoneyFormat = USD_MONEY): Style {
  return {
    enabled,
    money,
    bold: wrap(enabled, 1, 22),
    dim: wrap(enabled, 2, 22),
    green: wrap(enabled, 32, 39),
    yellow: wrap(enabled, 33, 39),
    red: wrap(enabled, 31, 39),
    cyan: wrap(enabled, 36, 39),
  };
}

export const PLAIN = createStyle(false);
