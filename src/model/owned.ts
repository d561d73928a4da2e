import type {Dec} from '../money/decimal.js';
import type {PlanId} from './types.js';

/**
 * Compute Savings Plans the account already owns, and what Cost Explorer recommends buying: what
 * compare applies before it sizes more commitment, and what it shows beside its own optimum.
 */

/** One owned Compute Savings Plan (or a stated commitment). */
export interface OwnedCommitment {
  /** The plan's id (read live), or null for a commitment stated on the command line. */
  readonly id: string | null;
  /** The plan's whole hourly commitment, in USD; the share available to Fargate is applied separately. */
  readonly commitmentPerHour: Dec;
  /** Its term and payment option, whose rates it applies at. */
  readonly plan: PlanId;
  /** When it started and ends (epoch ms); null when not stated (then it covers every hour compared). */
  readonly startMs: number | null;
  readonly endMs: number | null;
  readonly source: 'flag' | 'live';
}

/** Where the share of the owned commitment available to Fargate came from. */
export type OwnedShareSource = 'default' | 'flag' | 'live';

/** The share as Cost Explorer's figures give it: what other services used is not available to Fargate. */
export interface OwnedShareMeasurement {
  /** The period measured, YYYY-MM-DD, end exclusive. */
  readonly start: string;
  readonly end: string;
  /** The owned plans' total commitment over the period (USD). */
  readonly totalCommitment: Dec;
  /** Commitment used by every service. */
  readonly usedCommitment: Dec;
  /** Commitment used by Fargate (ECS). */
  readonly fargateCommitment: Dec;
}

export interface OwnedInput {
  readonly commitments: readonly OwnedCommitment[];
  /** Share of the owned commitment available to Fargate, 0..1. */
  readonly share: Dec;
  readonly shareSource: OwnedShareSource;
  readonly shareMeasurement?: OwnedShareMeasurement | undefined;
  /** Owned plans that end within this many days of now are listed with the cost of not renewing them. */
  readonly lookaheadDays: number;
}

/** Cost Explorer's GetSavingsPlansPurchaseRecommendation for Compute Savings Plans, as read. */
export interface AwsRecommendation {
  readonly source: 'live' | 'file';
  /** When Cost Explorer generated it (ISO 8601), when the response says. */
  readonly generatedAt: string | null;
  readonly plan: PlanId;
  readonly lookbackDays: number;
  /** PAYER or LINKED, when said. */
  readonly accountScope: string | null;
  /** Accounts the recommendation details cover. */
  readonly accounts: number;
  /** Null when Cost Explorer recommends buying nothing. */
  readonly hourlyCommitmentToPurchase: Dec | null;
  readonly estimatedMonthlySavings: Dec | null;
  /** 0..100, as Cost Explorer gives it. */
  readonly estimatedSavingsPercentage: Dec | null;
  /** 0..100. */
  readonly estimatedAverageUtilization: Dec | null;
  readonly currentAverageHourlyOnDemandSpend: Dec | null;
  readonly currentMinimumHourlyOnDemandSpend: Dec | null;
  readonly currentMaximumHourlyOnDemandSpend: Dec | null;
  readonly currency: string;
}
