import type {Dec} from '../money/decimal.js';

/**
 * Compute Optimizer's rightsizing of an ECS service on Fargate (GetECSServiceRecommendations), as
 * read: the service's size now and the sizes it recommends, best first.
 */

export interface EcsSize {
  /** CPU units (1024 = 1 vCPU). */
  readonly cpu: number;
  /** MiB. */
  readonly memory: number;
}

export interface EcsRecommendationOption extends EcsSize {
  readonly savingsOpportunity: {
    /** Estimated monthly savings of this option, exactly as given; null when not given. */
    readonly monthlySavings: Dec | null;
    readonly currency: string | null;
    /** 0..100, as given; null when not given. */
    readonly percentage: Dec | null;
  };
}

export interface EcsServiceRecommendation {
  readonly serviceArn: string;
  /** The service's name (the ARN's last part), and its cluster when the ARN names one. */
  readonly name: string;
  readonly cluster: string | null;
  /** Optimized, Underprovisioned or Overprovisioned. */
  readonly finding: string;
  /** CPUOverprovisioned, MemoryUnderprovisioned, ... */
  readonly findingReasonCodes: readonly string[];
  readonly current: EcsSize;
  /** The recommended sizes, best first: options[0] is the recommendation. Empty when none. */
  readonly options: readonly EcsRecommendationOption[];
  /** The days of metrics the recommendation looked at. */
  readonly lookbackDays: number;
}
