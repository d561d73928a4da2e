import type {Dec} from '../money/decimal.js';
import type {EcsServiceRecommendation} from './compute-optimizer.js';
import type {CatalogInfo, RateRef} from './priced.js';
import type {Strategy} from './strategy.js';
import type {Arch, Os} from './types.js';

/**
 * Rightsizing: what tasks used against what they reserved, and the smallest Fargate size that holds
 * it with headroom. Utilization is measured, so it is a float; sizes and money are exact.
 */

/**
 * What a group of samples is named by: a service where the samples name one, else the task family
 * (Container Insights), or the cluster (the bill: tasks without a service tag).
 */
export type RightsizeGroupBy = 'service' | 'family' | 'cluster';

/**
 * How samples were measured: one per task and minute (performance log events), a metric's points, or
 * one per task and hour from the bill (split cost allocation data: used over reserved usage).
 */
export type SampleBasis = 'task-events' | 'metrics' | 'bill-hours';

/**
 * What memory's maximum is the maximum of: tasks' one-minute samples (task events), a metric's
 * per-period Maximum, a per-period Average (or another statistic below the peak), or hourly averages
 * (the bill). Over averages, a short peak above the judged figure (which kills a task) is not seen.
 */
export type MemoryPeak = 'task-sample' | 'period-maximum' | 'period-average' | 'hourly-average';

/** True when memory's judged figure is a maximum of averages, which hides short peaks. */
export const memoryPeakHidden = (peak: MemoryPeak): boolean => peak === 'period-average' || peak === 'hourly-average';

/**
 * One measurement: a task's use in one period (a Container Insights `Type: Task` performance log
 * event), or one point of a service's or family's metrics (then `tasks` is how many tasks it stands for).
 */
export interface UsageSample {
  readonly region: string | null;
  readonly cluster: string;
  /** The service, when the sample names one (AWS's documented Task event does not). */
  readonly service: string | null;
  readonly family: string | null;
  /** The task's id; null for a metric point. */
  readonly taskId: string | null;
  /** Epoch milliseconds. */
  readonly timestampMs: number;
  /** CPU units used (1024 = 1 vCPU) and reserved. */
  readonly cpuUtilized: number;
  readonly cpuReserved: number;
  /** MiB used and reserved. */
  readonly memoryUtilized: number;
  readonly memoryReserved: number;
  /** How many running tasks the sample stands for: 1 for a task event. */
  readonly tasks: number;
}

/** The readers' name for one task's sample. */
export type TaskSample = UsageSample;

/** One group's identity, unambiguous: a later `compare --rightsized` finds a service by it. */
export interface RightsizeName {
  readonly region: string | null;
  readonly cluster: string;
  readonly by: RightsizeGroupBy;
  /** The service or task family name. */
  readonly name: string;
}

export const CPU_PERCENTILES = ['p50', 'p90', 'p95', 'p99', 'max'] as const;
export type CpuPercentile = (typeof CPU_PERCENTILES)[number];

/** Nearest-rank percentiles of a series of samples. */
export interface Percentiles {
  readonly p50: number;
  readonly p90: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/** Why the data is too thin to shrink on. */
export type ThinReason = 'short-span' | 'gaps' | 'few-samples';

export interface SampleCoverage {
  readonly basis: SampleBasis;
  readonly samples: number;
  /** Distinct task ids (task events only; 0 for metrics). */
  readonly tasks: number;
  readonly fromMs: number;
  readonly toMs: number;
  /** What memory's maximum is the maximum of. */
  readonly memoryPeak: MemoryPeak;
  /** The sampling period: 60,000 ms for task events, the query's Period for metrics, an hour for the bill. */
  readonly periodMs: number;
  /** Periods from the first sample's to the last's, both included. */
  readonly expectedPoints: number;
  /** Periods with at least one sample. */
  readonly observedPoints: number;
  /** The longest run of periods without a sample, in milliseconds. */
  readonly longestGapMs: number;
  /** Mean running tasks over the span, a period with no sample counting as none: samples (or their tasks) / expected points. */
  readonly averageTasks: Dec;
  /** Whether the task count is measured (task events, or RunningTaskCount in the query) or taken as 1. */
  readonly tasksKnown: boolean;
  /** Why the data is too thin to shrink on; empty when it is not. */
  readonly thin: readonly ThinReason[];
}

export interface SizeMiB {
  /** CPU units (1024 = 1 vCPU). */
  readonly cpu: number;
  /** MiB. */
  readonly memory: number;
}

export type RightsizeReason =
  /** A smaller size holds the use with the headroom. */
  | 'shrink'
  /** The current size is already the smallest that holds it. */
  | 'keep'
  /** The use fits the current size but not with the full headroom, and no smaller size holds it: keep. */
  | 'tight'
  /** The use exceeds the current reservation: a larger size. */
  | 'grow'
  /** The use with headroom exceeds the largest Fargate size: the largest is recommended. */
  | 'exceeds-largest'
  /** A smaller size would do, but the data is too thin to shrink on: keep. */
  | 'thin-data';

/** A size priced a month at the purchase mix. */
export interface PricedSize {
  readonly size: SizeMiB;
  readonly arch: Arch;
  /** Per task-hour at the mix. */
  readonly hourly: Dec;
  /** hourly x average tasks x 730 h. */
  readonly monthly: Dec;
}

export interface Arm64Option {
  /** The recommended size on arm64 (Graviton), priced at the same mix. */
  readonly priced: PricedSize;
  /** Current monthly minus this. */
  readonly monthlySaving: Dec;
  /** Recommended (x86_64) monthly minus this: what arm64 adds. */
  readonly extraSaving: Dec;
}

export interface RightsizeRecommendation {
  readonly name: RightsizeName;
  readonly os: Os;
  readonly arch: Arch;
  /** The task size the latest sample reserved. */
  readonly current: SizeMiB;
  /** Whether the current reservation is a size Fargate offers (a reservation of an EC2 task may not be). */
  readonly currentIsFargateSize: boolean;
  /** Other reservations seen in the window (a task definition revised mid-window): none normally. */
  readonly otherReservations: readonly SizeMiB[];
  readonly recommended: SizeMiB;
  readonly reason: RightsizeReason;
  /** What the rule asked for: the judged figure x (1 + headroom). */
  readonly required: {readonly cpu: Dec; readonly memory: Dec};
  /** The judged figures: CPU at the chosen percentile, memory at its maximum. */
  readonly judged: {readonly cpu: number; readonly memory: number};
  readonly cpu: Percentiles;
  readonly memory: Percentiles;
  readonly coverage: SampleCoverage;
  /** The share of task-hours on FARGATE and FARGATE_SPOT: the strategy split over the average tasks, rounded (at least 1). */
  readonly mix: {readonly onDemand: Dec; readonly spot: Dec};
  readonly currentPrice: PricedSize;
  readonly recommendedPrice: PricedSize;
  /** Current monthly minus recommended monthly (negative when growing). */
  readonly monthlySaving: Dec;
  /** Null for Windows (Fargate runs Windows on x86_64 only) or tasks already on arm64. */
  readonly arm64: Arm64Option | null;
  readonly arm64Unavailable: 'windows' | 'already-arm64' | null;
  /**
   * Compute Optimizer's recommendation for the same service (same name and cluster, and region when
   * its ARN names one), when one was asked for: null when it has none for this group (or the group is
   * a task family); absent when Compute Optimizer was not asked.
   */
  readonly computeOptimizer?: ComputeOptimizerView | null;
}

/** Compute Optimizer's word on one service, beside the tool's. */
export interface ComputeOptimizerView {
  readonly serviceArn: string;
  /** Optimized, Underprovisioned, Overprovisioned (as given). */
  readonly finding: string;
  readonly findingReasonCodes: readonly string[];
  /** The size Compute Optimizer saw the service at (it may be another revision than the samples'). */
  readonly current: SizeMiB;
  /** Its best option (options[0]); null when it gives none. */
  readonly best: {
    readonly size: SizeMiB;
    /** Its estimated monthly saving, as given; null when not given. */
    readonly monthlySavings: Dec | null;
    readonly currency: string | null;
  } | null;
  readonly lookbackDays: number;
  /** How its best size compares with the tool's recommendation. */
  readonly agreement: 'same-size' | 'smaller' | 'larger' | 'other' | 'no-option';
}

/** Compute Optimizer's recommendations, as given to `rightsize`. */
export interface ComputeOptimizerInput {
  readonly source: 'live' | 'file';
  readonly recommendations: readonly EcsServiceRecommendation[];
}

/** The rule's settings, as the result states them. */
export interface RightsizeRule {
  readonly cpuPercentile: CpuPercentile;
  /** A fraction: 0.2 for 20%. */
  readonly headroom: Dec;
  readonly minimumDays: number;
  /** The largest share of expected points that may be missing (0.1 = 10%). */
  readonly maxMissingShare: Dec;
  /** The longest gap allowed, in milliseconds. */
  readonly maxGapMs: number;
}

export interface RightsizeResult {
  readonly rule: RightsizeRule;
  readonly strategy: Strategy;
  readonly hoursPerMonth: number;
  readonly storageGiB: number;
  readonly recommendations: readonly RightsizeRecommendation[];
  readonly totals: {readonly currentMonthly: Dec; readonly recommendedMonthly: Dec; readonly monthlySaving: Dec};
  /** What the readers skipped, by reason (other event types, EC2 tasks), summed over the inputs. */
  readonly skipped: Readonly<Record<string, number>>;
  readonly assumptions: {readonly catalog: CatalogInfo; readonly rates: readonly RateRef[]};
  /** When Compute Optimizer was asked: where from, and its services that match no group here. */
  readonly computeOptimizer?: {
    readonly source: 'live' | 'file';
    readonly unmatched: readonly {
      readonly serviceArn: string;
      readonly name: string;
      readonly cluster: string | null;
      readonly finding: string;
    }[];
  };
}

/** One workload's sizes, as `rightsize --format json` gives them. */
export interface RightsizedSize {
  readonly name: string;
  readonly by: RightsizeGroupBy;
  readonly cluster: string;
  readonly region: string | null;
  readonly current: {readonly cpu: number; readonly memory: number};
  readonly recommended: {readonly cpu: number; readonly memory: number};
  readonly reason: string;
}
