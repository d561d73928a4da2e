import type {Dec} from '../money/decimal.js';
import type {StrategyFacts, WorkloadKind} from '../model/compare.js';
import type {CompareDescription, CompareNote} from '../model/notes.js';
import type {UsageProfile} from '../model/profile.js';
import type {Os} from '../model/types.js';

/** What compare takes: workloads with their hourly usage, from an estimate or a history. */

/** One workload in a comparison: a service or a batch family, with its own hourly usage. */
export interface CompareComponent {
  readonly name: string;
  readonly kind: WorkloadKind;
  readonly os: Os;
  /** Usage as configured (estimate) or as measured (history), On-Demand and Spot series. */
  readonly profile: UsageProfile;
  /** Usage one task adds in a full hour, aligned with `profile.series`; null when the task size is unknown. */
  readonly perTaskHour: readonly bigint[] | null;
  /** The user (or the kind: batch) says it can run on Spot. */
  readonly spotTolerant: boolean;
  /** Batch: how long a run lasts (half of it is lost to an interruption by default). */
  readonly typicalRunSeconds: Dec | null;
  /** Task-hours in the profile, when known: expected interruptions are counted per task-hour. */
  readonly taskHours: {readonly onDemand: Dec; readonly spot: Dec} | null;
  /** The capacity-provider strategy priced for it, with its task split. */
  readonly strategy: StrategyFacts | null;
  /** Tasks the recommendation keeps on FARGATE when the request sets none (default 1; 0 for a service that already runs without a FARGATE base). */
  readonly onDemandBase?: number | undefined;
}

export interface CompareInput {
  readonly kind: 'estimate' | 'history';
  /** What was compared. */
  readonly description: CompareDescription;
  readonly components: readonly CompareComponent[];
  /** History: Spot tasks stopped by an interruption, and the Spot task-hours they were among. */
  readonly interruptions?: {readonly interruptions: number; readonly spotTaskHours: Dec} | undefined;
  /** History: mean image pull time of the tasks measured. */
  readonly imagePullSeconds?: Dec | undefined;
  readonly notes?: readonly CompareNote[];
  /** compare --rightsized: some workloads are priced at recommended sizes, not as measured or configured. */
  readonly rightsized?: boolean | undefined;
  /** What the reader warns about (a history's skipped records, running tasks billed to a late as-of time). */
  readonly warnings?: readonly CompareNote[];
}
