import type {Dec} from '../money/decimal.js';
import type {CatalogInfo, RateRef} from './priced.js';
import type {Purchase} from './profile.js';
import type {RateKey} from './types.js';

/**
 * What `fargate-cost reconcile` finds: the per-second model's bill of each task run, split by UTC clock
 * hour and dimension, set against what AWS billed for the same task ARN, hour and dimension (a cost
 * export's Usage and SavingsPlanCoveredUsage lines). One cell per (task ARN, clock hour, rate key,
 * purchase); memory grows with task-hours on both sides.
 */

/** How a cell's two sides compare. */
export const RECONCILE_STATUSES = ['differ', 'history-only', 'bill-only', 'agree'] as const;
export type ReconcileStatus = (typeof RECONCILE_STATUSES)[number];

/** The model's side of a cell: exact (not rounded), at the catalog's rate. */
export interface ReconcileModelSide {
  /** vCPU-hours, GB-hours, storage GB-hours above 20 GiB, or Windows licence vCPU-hours. */
  readonly quantity: Dec;
  readonly cost: Dec;
  /** The rate the cost is at (On-Demand for On-Demand usage, Spot for Spot). */
  readonly rate: Dec;
}

/** The bill's side of a cell: its lines' amounts summed, each read to 10 decimal places. */
export interface ReconcileBillSide {
  readonly quantity: Dec;
  /** Public On-Demand cost for On-Demand and Savings-Plan-covered usage (unblended when absent); unblended for Spot. */
  readonly cost: Dec;
  readonly lines: number;
  /** Of the lines, those a Savings Plan covered. */
  readonly coveredLines: number;
}

export interface ReconcileCell {
  readonly taskArn: string;
  /** The clock hour's start, epoch ms (UTC). */
  readonly hourMs: number;
  readonly key: RateKey;
  /** How the dimension is bought: Spot only for Spot vCPU and memory (storage and licences are On-Demand). */
  readonly purchase: Purchase;
  readonly status: ReconcileStatus;
  /** Null for a bill-only cell. */
  readonly model: ReconcileModelSide | null;
  /** Null for a history-only cell. */
  readonly bill: ReconcileBillSide | null;
  /** Bill minus model (a missing side counts as zero): positive when AWS billed more. */
  readonly quantityDifference: Dec;
  readonly costDifference: Dec;
  /** What the cell is allowed to differ by, after rounding the model to 10 places: lines x 1e-10. */
  readonly tolerance: Dec;
}

/** A span of clock hours, [fromMs, toMs). */
export interface HourSpan {
  readonly fromMs: number;
  readonly toMs: number;
}

/** One dimension's totals, over the cells compared. */
export interface ReconcileTotal {
  readonly key: RateKey;
  readonly purchase: Purchase;
  readonly modelQuantity: Dec;
  readonly billQuantity: Dec;
  readonly quantityDifference: Dec;
  readonly modelCost: Dec;
  readonly billCost: Dec;
  readonly costDifference: Dec;
  readonly cells: number;
}

export interface ReconcileTask {
  readonly taskArn: string;
  /** Its cells that are not `agree`. */
  readonly cells: number;
  /** Bill minus model over those cells. */
  readonly costDifference: Dec;
}

export interface ReconcileTolerance {
  /** Decimal places the cost export writes each line's amount and cost to. */
  readonly places: number;
  /** Allowed per bill line: 1e-10 (each line's rounding, up to 0.5e-10, plus the model's own, up to 0.5e-10). */
  readonly perLine: Dec;
}

export interface ReconcileResult {
  readonly kind: 'reconcile';
  readonly tolerance: ReconcileTolerance;
  readonly spans: {
    /** The clock hours the model billed (null: no run). */
    readonly history: HourSpan | null;
    /** The clock hours of the bill's Fargate usage lines (null: none). */
    readonly bill: HourSpan | null;
    /** Both: only cells in it are compared (null: the two do not overlap). */
    readonly compared: HourSpan | null;
  };
  /** Cells left out for being outside the compared span, per side. */
  readonly outside: {readonly history: number; readonly bill: number};
  /** Problem cells first (largest cost difference first), then the agreeing ones, by task and hour. */
  readonly cells: readonly ReconcileCell[];
  readonly counts: Readonly<Record<ReconcileStatus, number>>;
  readonly totals: {
    readonly byDimension: readonly ReconcileTotal[];
    readonly modelCost: Dec;
    readonly billCost: Dec;
    readonly costDifference: Dec;
  };
  /** Tasks with a cell that is not `agree`: largest cost difference first. */
  readonly tasks: readonly ReconcileTask[];
  readonly history: {
    /** Task runs the model billed. */
    readonly runs: number;
  };
  readonly bill: {
    /** Lines read, and of them the Fargate usage lines (Usage, SavingsPlanCoveredUsage) reconciled. */
    readonly lines: number;
    readonly usageLines: number;
    /** Usage lines without a resource id (an export made without resources): nothing to match them to. */
    readonly withoutResource: number;
    /** Usage lines whose amount or cost is not a number. */
    readonly invalid: number;
    readonly currencies: readonly string[];
  };
  readonly assumptions: {
    readonly catalog: CatalogInfo;
    readonly rates: readonly RateRef[];
  };
}
