import type {Dec} from '../money/decimal.js';
import type {OptionResult, PricedAssumptions} from './priced.js';
import type {EstimateNote, TaskNote} from './notes.js';
import type {Strategy, TaskSplit} from './strategy.js';
import type {TaskSize} from './types.js';
import type {UnknownWhy, WorkloadFormat} from './workload-set.js';

/** What `fargate-cost estimate` finds: every task definition priced under every purchase option for a month. */

export type RegionOrigin = 'flag' | 'task definition' | 'environment' | 'default';

export interface TaskEstimate {
  readonly name: string;
  readonly source: string;
  readonly region: string;
  readonly regionOrigin: RegionOrigin;
  readonly size: TaskSize;
  readonly billedSecondsPerRun: number;
  readonly notes: readonly TaskNote[];
  readonly options: readonly OptionResult[];
}

export type EstimateAssumptions = PricedAssumptions<EstimateNote>;

/** Where a priced service's strategy came from: its own, its launch type (FARGATE), or its cluster's default. */
export type StrategyOrigin = 'strategy' | 'launch-type' | 'cluster-default';

/** A service of the input priced as it runs: its desired count split between FARGATE and FARGATE_SPOT. */
export interface ServiceEstimate {
  readonly name: string;
  /** The task set it is priced through (EXTERNAL deployment controller), or null. */
  readonly taskSet: string | null;
  readonly source: string;
  /** The task definition it runs (a name in the input). */
  readonly taskDefinition: string;
  /** How the input links it: by value, by reference, or as the only task definition of its module. */
  readonly taskDefinitionVia: 'value' | 'reference' | 'module' | 'size-flags';
  readonly region: string;
  readonly regionOrigin: RegionOrigin;
  readonly size: TaskSize;
  /** Tasks it runs: the desired count, or a task set's share of it. */
  readonly taskCount: number;
  readonly strategy: Strategy;
  readonly strategyOrigin: StrategyOrigin;
  readonly split: TaskSplit;
  readonly notes: readonly TaskNote[];
  /**
   * Each purchase option for the tasks ECS places on FARGATE; the tasks on FARGATE_SPOT are priced at
   * Spot in every row. The On-Demand row is the service as it runs with no commitment.
   */
  readonly options: readonly OptionResult[];
}

/** Why an item of the input is not priced. Words in report/text.ts. */
export type ItemExclusion =
  /** A launch type that is not Fargate (EC2, EXTERNAL). */
  | {readonly kind: 'launch-type'; readonly launchType: string}
  /** Neither a launch type nor a strategy, and a cluster without a default strategy: ECS runs it on EC2. */
  | {readonly kind: 'ec2-by-default'; readonly cluster: string}
  /** Neither a launch type nor a strategy, and its cluster (null: ECS's "default") is not in the input. */
  | {readonly kind: 'cluster-not-in-input'; readonly cluster: string | null}
  /** A strategy naming a capacity provider other than FARGATE and FARGATE_SPOT (EC2 capacity). */
  | {readonly kind: 'capacity-provider'; readonly provider: string}
  | {readonly kind: 'invalid-strategy'; readonly problem: 'repeated' | 'two-bases' | 'no-weight'}
  /** Values not known (fields: 'desired-count', 'launch-type', 'strategy', 'task-definition', 'cluster-strategy', 'scale', or a task definition's own). */
  | {readonly kind: 'unknown'; readonly fields: readonly string[]; readonly why: UnknownWhy}
  /** The service runs a task definition the input does not hold. */
  | {readonly kind: 'task-definition-outside'; readonly ref: string}
  | {readonly kind: 'no-task-definition'}
  /** EXTERNAL deployment controller and no task set in the input. */
  | {readonly kind: 'no-task-set'}
  /** The task definition it runs is itself not priced (listed with its reason). */
  | {readonly kind: 'task-definition-excluded'; readonly taskDefinition: string}
  /** A task definition Fargate cannot run (the reader's words). */
  | {readonly kind: 'not-fargate'; readonly why: string}
  /** Windows tasks placed on FARGATE_SPOT, which ECS refuses. */
  | {readonly kind: 'windows-on-spot'; readonly spotTasks: number}
  /** A task definition run only by services that are not priced. */
  | {readonly kind: 'run-by-excluded'; readonly services: readonly string[]};

export interface ExcludedItem {
  readonly kind: 'service' | 'task-definition';
  readonly name: string;
  readonly source: string;
  readonly reason: ItemExclusion;
}

/** What a set's input was: a Terraform plan or state, a template with services, describe-services output. */
export interface EstimateSetInfo {
  readonly source: string;
  readonly format: WorkloadFormat;
}

export interface EstimateResult {
  readonly kind: 'estimate';
  /** The whole input (every task definition together) under each purchase option. */
  readonly options: readonly OptionResult[];
  /** Task definitions no service runs, each priced under the workload. */
  readonly tasks: readonly TaskEstimate[];
  /** Present when the input is a set with services (a Terraform plan or state, a template, describe-services). */
  readonly set?: {
    readonly input: EstimateSetInfo;
    readonly services: readonly ServiceEstimate[];
    readonly excluded: readonly ExcludedItem[];
  };
  readonly workload: {
    readonly count: number;
    readonly durationSeconds: Dec;
    readonly runsPerMonth: Dec;
    readonly monthHours: number;
    readonly alwaysOn: boolean;
  };
  readonly assumptions: EstimateAssumptions;
}
