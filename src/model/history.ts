import type {Dec} from '../money/decimal.js';
import type {HistoryNote, SourceNote} from './notes.js';
import type {OptionResult, PriceGap, PricedAssumptions} from './priced.js';
import type {Purchase, UsageProfile} from './profile.js';
import type {Strategy, ServiceFacts} from './strategy.js';
import type {ExclusionReason, GroupKind, RecordBatch} from './task-record.js';
import type {TaskSize} from './types.js';

/** Choices of `history --group-by`. */
export const GROUP_BY = [
  'group',
  'service',
  'family',
  'cluster',
  'option',
  'day',
  'region',
  'task-definition',
] as const;
export type GroupBy = (typeof GROUP_BY)[number];

/** Why a service's steady state has no price. */
export type SteadyGap = {readonly kind: 'no-task'} | PriceGap;

/** What `fargate-cost history` finds: bills by group, option, day and hour, the projection, the ECS groups. */

/** Where the records came from, as the reader saw it. */
export interface HistorySourceSummary {
  readonly path: string;
  readonly format: 'ndjson' | 'json' | 'live';
  readonly records: number;
  readonly invalid: number;
  readonly ignored: number;
}

/** Billed usage and its cost: the whole history's, or a breakdown row's. */
export interface BilledTotals {
  readonly cost: Dec;
  /** The same usage at On-Demand rates (Spot's saving is the difference). */
  readonly onDemandCost: Dec;
  readonly vcpuHours: Dec;
  readonly gbHours: Dec;
  /** Ephemeral storage above the included 20 GiB, GB-hours. */
  readonly storageGbHours: Dec;
  readonly taskHours: Dec;
}

/** One row of a breakdown (by group, purchase option, day...). */
export interface HistoryRow extends BilledTotals {
  readonly key: string;
  /** For --group-by group and service: a service or a batch family (RunTask, AWS Batch). */
  readonly kind: GroupKind | null;
  /** Tasks billed (for days: tasks whose billed interval starts that day). */
  readonly tasks: number;
  readonly running: number;
  /** cost / billed total (0 when the total is 0). */
  readonly share: Dec;
}

export interface TopTask {
  readonly taskArn: string;
  readonly group: string;
  readonly taskDefinition: string | null;
  readonly cluster: string | null;
  readonly region: string;
  readonly purchase: Purchase;
  readonly size: TaskSize;
  readonly pullStartedAtMs: number;
  readonly stoppedAtMs: number | null;
  readonly running: boolean;
  /** Milliseconds billed for the whole run: whole seconds once stopped (the minimum applied), the time so far while running. */
  readonly billedMs: number;
  /** Milliseconds of the billed interval inside the window. */
  readonly billedMsInWindow: number;
  readonly cost: Dec;
}

/** A billed task run kept with `keepRuns`; its cost is converted to a Decimal only when asked. */
export interface TaskRun extends Omit<TopTask, 'cost'> {
  readonly stopCode: string | null;
  /** The exact cost, scaled: compare and sort runs by it, print `TaskRuns.cost(run)`. */
  readonly scaledCost: bigint;
}

export interface TaskRuns {
  readonly runs: readonly TaskRun[];
  /** A run's cost (of its billed time inside the window), exact. */
  readonly cost: (run: TaskRun) => Dec;
}

export interface HourOption {
  readonly purchase: Purchase;
  readonly cost: Dec;
  readonly onDemandCost: Dec;
  readonly taskHours: Dec;
  readonly vcpuHours: Dec;
  readonly gbHours: Dec;
}

export interface HourRow {
  readonly startMs: number;
  readonly options: readonly HourOption[];
}

export interface SteadyStateService {
  readonly name: string;
  readonly region: string | null;
  readonly desiredCount: number;
  readonly strategy: Strategy;
  readonly launchType: string | null;
  readonly taskDefinition: string | null;
  /** Why it has no price; null when priced. */
  readonly gap: SteadyGap | null;
  /** The task size priced (of the newest task seen running the service's task definition). */
  readonly size: TaskSize | null;
  readonly onDemandTasks: number;
  readonly spotTasks: number;
  readonly monthlyCost: Dec | null;
}

export interface HistoryProjection {
  readonly windowHours: Dec;
  readonly hourlyCost: Dec;
  readonly monthHours: number;
  /** The window's spend rate times the month. */
  readonly monthlyCost: Dec;
  /** The window's usage scaled to a month, priced under each purchase option. */
  readonly options: readonly OptionResult[];
  readonly steadyState: {readonly services: readonly SteadyStateService[]; readonly monthlyCost: Dec} | null;
}

/** One ECS group (a service, or a family of RunTask / Batch tasks): what compare prices as a workload. */
export interface HistoryComponent {
  readonly key: string;
  readonly name: string;
  readonly kind: GroupKind;
  readonly tasks: number;
  readonly running: number;
  /** Of the priced tasks (Spot usage kept with `keepUnpricedSpot` adds nothing: its cost is unknown). */
  readonly cost: Dec;
  readonly onDemandCost: Dec;
  readonly taskHours: {readonly onDemand: Dec; readonly spot: Dec};
  /** Mean billed seconds of the group's completed runs (unclipped), null when none completed. */
  readonly meanRunSeconds: Dec | null;
  readonly spotInterruptions: number;
  /** The newest task's size, region and task definition. */
  readonly latest: {readonly size: TaskSize; readonly region: string; readonly taskDefinition: string | null};
  readonly sizes: number;
  /** Hourly usage over the result's hours (only with `componentProfiles`). */
  readonly profile: UsageProfile | null;
  /** Usage one task of the latest size adds in a full hour, aligned with `profile.series`. */
  readonly perTaskHour: readonly bigint[] | null;
  readonly service: ServiceFacts | null;
}

export type HistoryAssumptions = PricedAssumptions<HistoryNote>;

export interface HistoryResult {
  readonly kind: 'history';
  readonly asOfMs: number;
  /** The span the spend rate is measured over; null when nothing was billed and no window was given. */
  readonly window: {
    readonly fromMs: number;
    readonly toMs: number;
    readonly hours: Dec;
    readonly fromFlagMs: number | null;
    readonly toFlagMs: number | null;
  } | null;
  readonly billed: BilledTotals;
  readonly tasks: {
    readonly billed: number;
    readonly running: number;
    readonly excluded: number;
    readonly reasons: Partial<Record<ExclusionReason, number>>;
  };
  readonly records: {
    readonly read: number;
    readonly updates: number;
    readonly duplicates: number;
    readonly invalid: number;
    readonly ignored: number;
  };
  readonly groupBy: GroupBy;
  readonly groups: readonly HistoryRow[];
  readonly byOption: readonly HistoryRow[];
  readonly byDay: readonly HistoryRow[];
  readonly top: readonly TopTask[];
  readonly projection: HistoryProjection | null;
  readonly hourly: readonly HourRow[];
  /** Usage per UTC clock hour over the window, dense, by region, dimension and purchase. */
  readonly profile: UsageProfile;
  readonly components: readonly HistoryComponent[];
  /** Every billed run, with `keepRuns`; null otherwise. */
  readonly runs: TaskRuns | null;
  readonly spot: {
    readonly tasks: number;
    readonly taskHours: Dec;
    readonly unitMs: bigint;
    readonly interruptions: number;
  };
  readonly imagePull: {readonly tasks: number; readonly totalMs: number; readonly meanSeconds: Dec | null};
  readonly sources: readonly HistorySourceSummary[];
  readonly services: readonly ServiceFacts[];
  readonly assumptions: HistoryAssumptions;
}

/** What a history reader saw, once its records are read. */
export interface SourceOutcome {
  readonly sources: readonly HistorySourceSummary[];
  readonly notes: readonly SourceNote[];
  readonly warnings: readonly SourceNote[];
  /** Services described among the inputs (describe-services output, a live read). */
  readonly services: readonly ServiceFacts[];
}

/** A history reader: iterate it for the records, then ask what it saw. */
export interface HistorySource extends AsyncIterable<RecordBatch> {
  outcome(): SourceOutcome;
}
