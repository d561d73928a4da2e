import type {Purchase} from './profile.js';
import type {RateKey, Resource} from './types.js';

/**
 * The bill: line items of an AWS cost export (Data Exports CUR 2.0, the legacy CUR, FOCUS 1.x with
 * AWS columns), as a reader or an Athena query found them, their columns normalised. The core reads
 * nothing else of an export: `docs/bill.md` lists the columns each format maps to these fields.
 */

/** Which export a file is: CUR 2.0 (snake_case), the legacy CUR (`lineItem/UsageType`), or FOCUS 1.x. */
export const BILL_FORMATS = ['cur2', 'cur', 'focus'] as const;
export type BillFormat = (typeof BILL_FORMATS)[number];

/**
 * One line item (from a file), or the sum of several with the same key (from an aggregating query).
 * Amounts are decimal text as the export wrote it (a Parquet double is written with `String()`);
 * the core reads each to `BILL_SCALE` places, as the SQL does. Absent columns are null.
 */
export interface BillLine {
  /** line_item_resource_id: the task ARN for Fargate usage. */
  readonly resourceId: string | null;
  /** line_item_usage_type, e.g. `USE1-Fargate-vCPU-Hours:perCPU`. */
  readonly usageType: string | null;
  /**
   * line_item_line_item_type: `Usage`, `SavingsPlanCoveredUsage`, `SavingsPlanNegation`,
   * `SavingsPlanRecurringFee`, `Tax`, `Credit`... (FOCUS rows are mapped to these by the reader).
   */
  readonly lineItemType: string | null;
  /** line_item_product_code (`AmazonECS`). */
  readonly productCode: string | null;
  /** line_item_operation (`FargateTask`). */
  readonly operation: string | null;
  /** line_item_usage_start_date, epoch milliseconds. */
  readonly startMs: number;
  /** line_item_usage_end_date, epoch milliseconds (null when absent). */
  readonly endMs: number | null;
  /** product_region_code. */
  readonly region: string | null;
  /** line_item_usage_account_id. */
  readonly account: string | null;
  /** line_item_currency_code. */
  readonly currency: string | null;
  /** line_item_usage_amount: vCPU-hours, GB-hours... (what was reserved, for Fargate). */
  readonly usageAmount: string | null;
  /** line_item_unblended_cost. */
  readonly unblendedCost: string | null;
  /** pricing_public_on_demand_cost. */
  readonly publicOnDemandCost: string | null;
  /** savings_plan_savings_plan_effective_cost. */
  readonly savingsPlanEffectiveCost: string | null;
  /** savings_plan_total_commitment_to_date (recurring-fee lines). */
  readonly totalCommitment: string | null;
  /** savings_plan_used_commitment (recurring-fee lines). */
  readonly usedCommitment: string | null;
  /** split_line_item_actual_usage: vCPU or memory measured, split cost allocation data. */
  readonly actualUsage: string | null;
  /** The ECS service, from the resource tags (`aws:ecs:serviceName`) when the export has them. */
  readonly service: string | null;
  /** How many line items this stands for: 1 from a file, more from an aggregating query. */
  readonly lines: number;
  /**
   * From an aggregating query, the largest usage amount of the line items summed here (the ledger's
   * largest one-line usage); absent or null for a single line item, whose own usage it is.
   */
  readonly largestUsageAmount?: string | null;
}

/** Decimal places each amount is read to: the CUR writes at most ten. */
export const BILL_SCALE = 10;

/** A Fargate usage line's dimension, from its usage type. */
export interface FargateUsageType {
  readonly key: RateKey;
  readonly resource: Resource;
  readonly purchase: Purchase;
}

/** How a Fargate usage line was paid for. */
export const BILL_COVERAGES = ['on-demand', 'savings-plan', 'spot'] as const;
export type BillCoverage = (typeof BILL_COVERAGES)[number];

/** Why a line item is not Fargate usage (counted, then skipped). */
export const BILL_SKIPS = [
  'other-service',
  'other-usage-type',
  'no-task',
  'other-line-type',
  'savings-plan-fee',
  'invalid',
] as const;
export type BillSkip = (typeof BILL_SKIPS)[number];

/** What a bill reader read: one entry per path given (a file, or an export's folder). */
export interface BillSourceSummary {
  readonly path: string;
  readonly format: BillFormat;
  /** Files read under the path (1 for a file). */
  readonly files: number;
  /** Line items read (every line, Fargate or not). */
  readonly lines: number;
  /** Billing periods seen in the folder layout (`BILLING_PERIOD=2026-11`), in order; empty for a file. */
  readonly billingPeriods: readonly string[];
}

/** A bill reader: iterate it for batches of lines, then ask what it read. */
export interface BillSource extends AsyncIterable<readonly BillLine[]> {
  sources(): readonly BillSourceSummary[];
}
