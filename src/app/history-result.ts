import type {Catalog} from '../catalog/catalog.js';
import type {GroupBy, HistoryResult, HistorySourceSummary} from '../model/history.js';
import type {ServiceFacts} from '../model/strategy.js';
import type {SourceNote} from '../model/notes.js';
import type {RecordBatch, TaskRecord} from '../model/task-record.js';

/** The options and inputs of `history`'s use case; its result's shapes are in model/history.ts. */

export * from '../model/history.js';
export {
  EXCLUSION_REASONS,
  type ExclusionReason,
  type GroupKind,
  SPOT_INTERRUPTION_STOP_CODES,
} from '../model/task-record.js';

export interface HistoryOptions {
  readonly catalog: Catalog;
  /** The clock, for the catalog's age only. */
  readonly now: Date;
  /** Running tasks are billed up to this instant (epoch ms). */
  readonly asOfMs: number;
  readonly fromMs?: number | undefined;
  readonly toMs?: number | undefined;
  readonly groupBy?: GroupBy;
  /** How many of the costliest task runs to keep (default 5; 0: none). */
  readonly top?: number;
  /** Bill only these services' tasks (names, as in `service:<name>`). */
  readonly services?: readonly string[] | undefined;
  /** Region for tasks whose ARNs do not name one (placeholders in documentation samples). */
  readonly fallbackRegion?: string | undefined;
  readonly monthHours?: number;
  /** Build an hourly profile per ECS group (compare needs them; history does not). */
  readonly componentProfiles?: boolean;
  /**
   * Keep every billed task run (the terminal UI drills into a group's tasks). Memory then grows
   * with the tasks, so the CLI leaves it off.
   */
  readonly keepRuns?: boolean;
  /**
   * Keep the usage of Fargate Spot tasks whose Spot rate the catalog lacks (their On-Demand rates
   * present) instead of leaving the tasks out as `no-rate`: they count in the profiles, the
   * components' usage and task-hours and the Spot statistics, not in any cost (their cost is
   * unknown), and a warning says so. For compare, which prices that usage On-Demand and under
   * Savings Plans and shows the as-measured scenario as not available.
   */
  readonly keepUnpricedSpot?: boolean;
}

export interface HistoryFinishInput {
  readonly sources?: readonly HistorySourceSummary[];
  /** DescribeServices facts of the live services, for the steady-state projection. */
  readonly services?: readonly ServiceFacts[];
  readonly notes?: readonly SourceNote[];
  readonly warnings?: readonly SourceNote[];
}

export interface HistoryAggregator {
  add(record: TaskRecord): void;
  /** A reader's batch, each record at its position in the input. */
  addBatch(batch: RecordBatch): void;
  finish(input?: HistoryFinishInput): HistoryResult;
  /** Tasks held until their final record (what bounds memory besides the cells). */
  readonly pendingCount: number;
  readonly fingerprintBytes: number;
  /** Tasks billed so far: those seen stopped (the running ones are billed by `finish`). */
  readonly billedCount: number;
}
