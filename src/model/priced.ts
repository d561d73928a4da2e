import type {Dec} from '../money/decimal.js';
import type {Exact} from '../money/exact.js';
import type {Confidence, OptionId, Payment, RateKey, RateTable, Term} from './types.js';

/** What every result says about prices: priced lines, purchase options, the rates used and the catalog. */

export interface PricedLine {
  readonly region: string;
  readonly key: RateKey;
  readonly table: RateTable;
  readonly usageType: string;
  /** Unit-hours (vCPU-hours, GB-hours), the factor applied. */
  readonly quantity: Dec;
  readonly unit: string;
  readonly rate: Dec;
  readonly cost: Dec;
  readonly exactCost: Exact;
  readonly source: string;
  readonly sourceTitle: string;
  readonly asOf: string;
  readonly confidence: Confidence;
  readonly derivation: string | undefined;
  /** The newest date a later reading (source id `confirmedBy`) found the rate unchanged (its age counts from it). */
  readonly confirmed?: string | undefined;
  readonly confirmedBy?: string | undefined;
  /** Priced at the option's own rate (Spot, Savings Plan) rather than On-Demand. */
  readonly discounted: boolean;
}

/** Why a size, bought one way in a region, has no price. */
export type PriceGap =
  | {readonly kind: 'no-region'; readonly region: string}
  | {readonly kind: 'windows-spot'; readonly region: string}
  | {readonly kind: 'no-rate'; readonly table: 'on-demand' | 'spot'; readonly region: string; readonly key: RateKey};

/** A rate the catalog lacks: a region and a dimension. */
export interface RateGap {
  readonly region: string;
  readonly key: RateKey;
}

/** Why an option has no price for some usage. */
export type OptionGap =
  | {readonly kind: 'windows-spot'}
  | {readonly kind: 'no-rate'; readonly table: 'spot' | 'savings-plan'; readonly key: RateKey; readonly region: string};

/** One purchase option's price for a month of usage: the same shape in every command's result. */
export interface OptionResult {
  readonly id: OptionId;
  readonly available: boolean;
  /** Why the option has no price; null when available. */
  readonly gap: OptionGap | null;
  /** Amortized: what the month costs, upfront payments spread over the term. */
  readonly monthlyCost: Dec | null;
  readonly hourlyCost: Dec | null;
  /** Against On-Demand; negative when dearer. */
  readonly savings: Dec | null;
  /** savings / On-Demand cost (0.52 = 52%). */
  readonly savingsRatio: Dec | null;
  /** Savings Plans only: the hourly commitment that covers this usage. */
  readonly commitmentPerHour: Dec | null;
  /** Savings Plans only: paid at purchase for the whole term. */
  readonly upfront: Dec | null;
  /** Savings Plans only: what is billed each month besides the upfront payment. */
  readonly recurringMonthlyCost: Dec | null;
  readonly term: Term | null;
  readonly payment: Payment | null;
  readonly lines: readonly PricedLine[];
}

/** A rate a result used, with its provenance: listed once in every result's assumptions. */
export interface RateRef {
  readonly region: string;
  readonly table: RateTable;
  readonly key: RateKey;
  readonly usageType: string;
  readonly unit: string;
  readonly rate: Dec;
  readonly source: string;
  readonly sourceTitle: string;
  readonly asOf: string;
  readonly confidence: Confidence;
  readonly derivation: string | null;
  /** The newest date a later reading (source id `confirmedBy`) found the rate unchanged; absent when none did. */
  readonly confirmed?: string | undefined;
  readonly confirmedBy?: string | undefined;
}

/** The oldest as-of date of the rates used, per kind. */
export interface RateDates {
  readonly onDemand: string | null;
  readonly spot: string | null;
  readonly savingsPlans: string | null;
}

/** The catalog a result was priced with. */
export interface CatalogInfo {
  readonly path: string;
  readonly kind: 'embedded' | 'cache' | 'file';
  readonly generatedAt: string;
  readonly ageDays: number;
  readonly stale: boolean;
  /** YYYY-MM-DD a year before the run's clock (or as-of): a rate dated before it is flagged where it is used. */
  readonly staleBefore: string;
}

/** What a result assumed: the month, the catalog and the rates it priced with, and its notes and warnings. */
export interface PricedAssumptions<Note> {
  readonly monthHours: number;
  readonly catalog: CatalogInfo;
  readonly rateDates: RateDates;
  readonly rates: readonly RateRef[];
  readonly notes: readonly Note[];
  readonly warnings: readonly Note[];
}
