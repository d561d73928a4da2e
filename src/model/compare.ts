import type {Dec} from '../money/decimal.js';
import type {CompareDescription, CompareNote} from './notes.js';
import type {CatalogInfo, RateGap, RateRef} from './priced.js';
import type {Strategy, TaskSplit} from './strategy.js';
import type {Os, PlanId, RateKey} from './types.js';

/** What `fargate-cost compare` finds: scenarios, the recommended mix, each plan's analysis, Spot's risk. */

/** What a commitment costs over the profile, and per month. */
export interface CommitmentCost {
  readonly plan: PlanId;
  readonly commitmentPerHour: Dec;
  readonly hours: number;
  /** Over the whole profile: commitment + uncovered On-Demand + fixed lines (+ owned plans' commitment, when owned). */
  readonly totalCost: Dec;
  readonly commitmentCost: Dec;
  readonly uncoveredOnDemandCost: Dec;
  readonly coveredOnDemandCost: Dec;
  readonly fixedCost: Dec;
  readonly usedCommitment: Dec;
  readonly unusedCommitment: Dec;
  /** used / commitment; null without a commitment. */
  readonly utilization: Dec | null;
  /** covered On-Demand-equivalent / eligible On-Demand-equivalent; null without eligible usage. */
  readonly coverage: Dec | null;
  /** Amortized: the commitment at commitmentPerHour x monthHours, the rest scaled by monthHours / hours. */
  readonly monthlyCost: Dec;
  /** What this commitment saves a month against none (everything eligible On-Demand, or left by owned plans On-Demand). */
  readonly monthlySavings: Dec;
  /** Paid at purchase: commitment x term hours x the payment option's upfront share. */
  readonly upfront: Dec;
  /** Billed each month besides the upfront payment. */
  readonly recurringMonthlyCost: Dec;
}

export interface CurvePoint {
  readonly commitmentPerHour: Dec;
  readonly monthlyCost: Dec;
  readonly utilization: Dec | null;
  readonly coverage: Dec | null;
}

/** Eligible On-Demand spend per hour: the lowest, the mean and the highest hour (Cost Explorer's figures). */
export interface HourlySpend {
  readonly min: Dec;
  readonly mean: Dec;
  readonly max: Dec;
}

export type RiskSource = 'history' | 'flag' | 'default';

export type WorkloadKind = 'service' | 'batch';

export interface SpotRiskParameters {
  readonly interruptionsPerTaskHour: Dec;
  readonly interruptionSource: RiskSource;
  /** Measured interruptions and Spot task-hours, when the rate comes from the history. */
  readonly evidence: {readonly interruptions: number; readonly spotTaskHours: Dec} | null;
  readonly imagePullSeconds: Dec;
  readonly imagePullSource: RiskSource;
}

export interface SpotRisk {
  readonly kind: WorkloadKind;
  readonly interruptionsPerTaskHour: Dec;
  readonly imagePullSeconds: Dec;
  readonly lostWorkSeconds: Dec;
  readonly lostWorkSource: RiskSource;
  readonly overheadSeconds: Dec;
  /** interruptions per task-hour x overhead seconds: kept whole so costs divide by 3600 only once. */
  readonly overheadSecondsPerTaskHour: Dec;
  /** interruptions per task-hour x overhead hours: the share added to the Spot bill. */
  readonly overheadRatio: Dec;
}

export interface StrategyFacts {
  readonly strategy: Strategy;
  readonly source: 'flag' | 'describe-services' | 'history';
  readonly desiredCount: number;
  readonly split: TaskSplit;
}

export type ScenarioKind =
  | 'on-demand'
  | 'as-configured'
  | 'owned'
  | 'spot'
  | 'savings-plan'
  | 'commitment'
  | 'recommended';

/** Which Spot usage a missing Spot rate leaves without a price. */
export type SpotSubject =
  /** Everything moved to Spot. */
  | 'all-spot'
  /** What the Spot usage a history measured cost. */
  | 'measured-cost'
  /** The Spot usage kept as configured: a strategy's Spot tasks, a history re-bought under --strategy, or as measured. */
  | 'strategy'
  | 'under-strategy'
  | 'measured';

/** Why a scenario has no price. */
export type ScenarioGap =
  | {readonly kind: 'windows-spot'}
  /** Owned Savings Plans cover On-Demand usage whatever is bought: all On-Demand is a list price, not a choice. */
  | {readonly kind: 'owned-plans'}
  | {
      readonly kind: 'spot-rates';
      readonly gaps: readonly RateGap[];
      readonly subject: SpotSubject;
      /** The Spot usage a plan leaves on Spot. */
      readonly beside: 'plan' | null;
    };

export interface Scenario {
  readonly id: string;
  readonly kind: ScenarioKind;
  readonly available: boolean;
  readonly gap: ScenarioGap | null;
  readonly plan: PlanId | null;
  /** Plan scenarios: the Spot usage as measured (or configured) stays on Spot beside the plan. */
  readonly withSpot: boolean;
  /** A plan's best commitment is none: usage too spiky or too low (or, after owned plans, already covered). */
  readonly noCommitment: boolean;
  /** No commitment pays off because owned Savings Plans already cover what one would (not because usage is spiky). */
  readonly ownedCovers: boolean;
  /** Amortized: upfront payments spread over the term. */
  readonly monthlyCost: Dec | null;
  /** Against all On-Demand; negative when dearer. */
  readonly savings: Dec | null;
  readonly savingsRatio: Dec | null;
  readonly upfront: Dec | null;
  readonly commitmentPerHour: Dec | null;
  readonly utilization: Dec | null;
  readonly coverage: Dec | null;
  /** Expected Spot cost a month, re-run overhead included. */
  readonly spotMonthlyCost: Dec | null;
  readonly spotOverheadMonthlyCost: Dec | null;
  readonly expectedInterruptionsPerMonth: Dec | null;
}

export interface LookbackResult {
  readonly days: number;
  readonly hours: number;
  readonly exactCommitmentPerHour: Dec;
  readonly best: CommitmentCost;
  readonly hourlyOnDemand: HourlySpend;
}

export interface PlanAnalysis {
  readonly plan: PlanId;
  readonly covered: readonly {
    readonly region: string;
    readonly key: RateKey;
    readonly savingsRatio: Dec;
    readonly onDemandRate: Dec;
    readonly savingsPlanRate: Dec;
  }[];
  readonly missingRates: readonly {readonly region: string; readonly key: RateKey}[];
  readonly hourlyOnDemand: HourlySpend;
  readonly peakCommitmentPerHour: Dec;
  readonly exactCommitmentPerHour: Dec;
  readonly noCommitment: boolean;
  readonly best: CommitmentCost;
  readonly atCommitment: CommitmentCost | null;
  readonly curve: readonly CurvePoint[];
  readonly lookbacks: readonly LookbackResult[];
}

/** Why the recommendation places a workload where it does. */
export type PlacementReason =
  | {readonly kind: 'windows'}
  | {readonly kind: 'not-tolerant'}
  | {readonly kind: 'base-holds-all'; readonly base: number}
  | {readonly kind: 'spot-rates'; readonly gaps: readonly RateGap[]}
  | {readonly kind: 'spot-dearer'}
  | {readonly kind: 'batch'}
  | {readonly kind: 'tolerant'; readonly base: number; readonly alreadyNoBase: boolean};

export interface RecommendationPart {
  readonly component: string;
  readonly kind: WorkloadKind;
  readonly placement: 'on-demand' | 'spot' | 'spot-with-on-demand-base';
  readonly strategy: Strategy | null;
  readonly why: PlacementReason;
}

/** One line of how the recommendation's monthly cost adds up. */
export type ArithmeticLine =
  | {
      readonly kind: 'commitment';
      readonly plan: PlanId;
      readonly perHour: Dec;
      readonly monthHours: number;
      readonly monthlyCost: Dec;
    }
  | {readonly kind: 'uncovered'; readonly eligible: Dec; readonly monthlyCost: Dec}
  /** Owned Savings Plans: their Fargate commitment a month, paid whatever else is bought. */
  | {readonly kind: 'owned'; readonly perHour: Dec; readonly monthlyCost: Dec}
  | {readonly kind: 'no-commitment'; readonly monthlyCost: Dec}
  | {readonly kind: 'never-covered'; readonly monthlyCost: Dec}
  | {readonly kind: 'spot'; readonly monthlyCost: Dec}
  | {readonly kind: 'spot-overhead'; readonly monthlyCost: Dec};

export interface Recommendation {
  readonly plan: PlanId | null;
  readonly commitmentPerHour: Dec;
  readonly upfront: Dec;
  readonly monthlyCost: Dec;
  readonly onDemandMonthlyCost: Dec;
  readonly savings: Dec;
  readonly savingsRatio: Dec;
  readonly utilization: Dec | null;
  readonly coverage: Dec | null;
  readonly parts: readonly RecommendationPart[];
  readonly arithmetic: readonly ArithmeticLine[];
  /** Expected Spot cost a month with its re-run overhead, and the interruptions expected (null when task-hours are unknown). */
  readonly spotMonthlyCost: Dec;
  readonly spotOverheadMonthlyCost: Dec;
  readonly expectedInterruptionsPerMonth: Dec | null;
  readonly notes: readonly CompareNote[];
}

export interface SpotRiskSummary {
  readonly parameters: SpotRiskParameters;
  readonly components: readonly {readonly component: string; readonly risk: SpotRisk}[];
  readonly ratesAsOf: string | null;
  readonly ratesAgeDays: number | null;
  readonly windows: boolean;
}

export interface CompareResult {
  readonly kind: 'compare';
  readonly input: {
    readonly kind: 'estimate' | 'history';
    /** Whether the Spot usage is as configured (an estimate, or a history under --strategy) or as measured. */
    readonly basis: 'configured' | 'measured';
    readonly description: CompareDescription;
    /** Some workloads are priced at rightsize's recommended sizes (compare --rightsized). */
    readonly rightsized: boolean;
    readonly hours: number;
    readonly startMs: number | null;
    readonly monthHours: number;
    readonly components: readonly {
      readonly name: string;
      readonly kind: WorkloadKind;
      readonly os: Os;
      readonly spotTolerant: boolean;
      readonly strategy: StrategyFacts | null;
    }[];
  };
  /** Ranked: available scenarios cheapest first. */
  readonly scenarios: readonly Scenario[];
  readonly recommendation: Recommendation;
  readonly savingsPlans: readonly PlanAnalysis[];
  readonly spotRisk: SpotRiskSummary;
  /** Owned Savings Plans applied before any commitment was sized (`commitmentPerHour` is then the additional one); null when none were given. */
  readonly owned: OwnedSummary | null;
  /** Cost Explorer's recommendation, beside the tool's, when one was read. */
  readonly awsRecommendation: AwsRecommendationComparison | null;
  readonly assumptions: {
    readonly monthHours: number;
    readonly catalog: CatalogInfo;
    readonly rates: readonly RateRef[];
    readonly notes: readonly CompareNote[];
    readonly warnings: readonly CompareNote[];
  };
}

/** One owned commitment, as compare assumed it. */
export interface OwnedPlanSummary {
  readonly id: string | null;
  readonly plan: PlanId;
  readonly source: 'flag' | 'live';
  /** The plan's whole commitment, and the share of it available to Fargate (USD an hour). */
  readonly commitmentPerHour: Dec;
  readonly fargateCommitmentPerHour: Dec;
  readonly startMs: number | null;
  readonly endMs: number | null;
  /** Hours of the profile it covered. */
  readonly activeHours: number;
  /** Its Fargate commitment a month, and what of it Fargate used (scaled from the profile). */
  readonly monthlyCost: Dec;
  readonly monthlyUsed: Dec;
  readonly utilization: Dec | null;
}

/** An owned plan ending within the look-ahead: what the month costs more without it (negative: it costs more than it saves). */
export interface ExpiringPlan {
  readonly index: number;
  readonly id: string | null;
  readonly plan: PlanId;
  readonly endMs: number;
  readonly daysLeft: number;
  readonly monthlyCostOfNotRenewing: Dec;
}

export interface OwnedSummary {
  readonly share: Dec;
  readonly shareSource: 'default' | 'flag' | 'live';
  readonly shareMeasurement: {
    readonly start: string;
    readonly end: string;
    readonly totalCommitment: Dec;
    readonly usedCommitment: Dec;
    readonly fargateCommitment: Dec;
  } | null;
  readonly plans: readonly OwnedPlanSummary[];
  /** Fargate's share of the commitment a month, what it used, its utilization and the eligible usage it covered. */
  readonly monthlyCost: Dec;
  readonly monthlyUsed: Dec;
  readonly utilization: Dec | null;
  readonly coverage: Dec | null;
  /** No plan's best additional commitment is above zero: the owned plans already cover what is worth covering. */
  readonly nothingMoreToBuy: boolean;
  readonly lookaheadDays: number;
  readonly expiring: readonly ExpiringPlan[];
}

/** Why the tool's optimum and Cost Explorer's may differ. */
export type RecommendationDifference =
  | {readonly kind: 'scope'; readonly accountScope: string | null; readonly accounts: number}
  /** ours: days of history sized over, or null for an estimate's modelled month. */
  | {readonly kind: 'lookback'; readonly aws: number; readonly ours: number | null}
  | {readonly kind: 'rounding'}
  | {readonly kind: 'owned'; readonly ownedPerHour: Dec}
  | {readonly kind: 'hourly-spend'; readonly aws: Dec; readonly ours: Dec}
  | {readonly kind: 'age'; readonly generatedAt: string};

export interface AwsRecommendationComparison {
  readonly source: 'live' | 'file';
  readonly generatedAt: string | null;
  readonly plan: PlanId;
  readonly lookbackDays: number;
  readonly accountScope: string | null;
  readonly accounts: number;
  readonly aws: {
    readonly commitmentPerHour: Dec | null;
    readonly monthlySavings: Dec | null;
    readonly savingsPercentage: Dec | null;
    readonly averageUtilization: Dec | null;
    readonly hourlyOnDemand: {readonly min: Dec | null; readonly mean: Dec | null; readonly max: Dec | null};
  };
  /** The tool's best commitment for the same plan, over the same look-back when the profile holds it. */
  readonly ours: {
    readonly commitmentPerHour: Dec;
    readonly lookbackDays: number | null;
    readonly monthlySavings: Dec;
    readonly utilization: Dec | null;
    readonly hourlyOnDemand: HourlySpend;
  } | null;
  /** What Cost Explorer's commitment would cost and save over this usage, when it recommends one. */
  readonly awsOverOurs: {
    readonly monthlyCost: Dec;
    readonly monthlySavings: Dec;
    readonly utilization: Dec | null;
  } | null;
  readonly differences: readonly RecommendationDifference[];
}
