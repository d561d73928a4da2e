import type {RateKey} from './types.js';

/** How a series of usage was bought. Savings Plans cover only On-Demand usage, never Spot. */
export type Purchase = 'on-demand' | 'spot';

/** One stream of usage in a profile: a priced dimension in a region, bought one way. */
export interface UsageSeries {
  readonly region: string;
  readonly key: RateKey;
  readonly purchase: Purchase;
}

/** One clock hour (UTC) of a profile. */
export interface ProfileHour {
  /** Epoch milliseconds of the hour's start (a multiple of 3,600,000). */
  readonly startMs: number;
  /** Usage per series, aligned with `UsageProfile.series`, in 1/1024 unit x milliseconds (exact). */
  readonly unitMs: readonly bigint[];
}

/**
 * Usage per clock hour: what `history` measures from real task runs and what a schedule implies for
 * an estimate; `compare` sizes Savings Plans over it. Hours are consecutive and include idle ones,
 * so the profile's length is the window's length.
 */
export interface UsageProfile {
  readonly series: readonly UsageSeries[];
  readonly hours: readonly ProfileHour[];
}
