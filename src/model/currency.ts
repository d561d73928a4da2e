import type {Dec} from '../money/decimal.js';

/** Figures shown in another currency than US dollars: the user's rate, never one the tool looks up. */
export interface Conversion {
  /** ISO 4217 code, upper case (`KRW`). */
  readonly currency: string;
  /** Units of `currency` per US dollar; positive. */
  readonly rate: Dec;
  /** The date the user gave the rate (`2026-11-30`), or null. */
  readonly rateDate: string | null;
}
