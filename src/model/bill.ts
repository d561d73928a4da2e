import type {Dec} from '../money/decimal.js';
import type {Purchase, UsageProfile} from './profile.js';
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
  /**
   * bill_billing_period_start_date / _end_date, epoch milliseconds: the billing period the line is
   * billed in (null or absent when the export has no such column). From an aggregating query, the
   * earliest start and latest end of the line items it stands for.
   */
  readonly billingPeriodStartMs?: number | null;
  readonly billingPeriodEndMs?: number | null;
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
  'other-line-type',
  'savings-plan-fee',
  'outside-window',
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

/** Sums of billed usage and cost: the whole bill's, or a breakdown row's. Money in the bill's currency. */
export interface BillFigures {
  /** Unblended cost, Savings Plan negations included: what the invoice charged for the usage. */
  readonly charged: Dec;
  /** What the usage cost: On-Demand and Spot as charged, covered usage at its Savings Plan's effective cost. */
  readonly paid: Dec;
  /** The same usage at public On-Demand rates. */
  readonly publicOnDemand: Dec;
  readonly vcpuHours: Dec;
  readonly gbHours: Dec;
  /** Ephemeral storage above the included 20 GiB. */
  readonly storageGbHours: Dec;
  readonly lines: number;
}

/** One row of a breakdown (by group, day, coverage). */
export interface BillRow extends BillFigures {
  readonly key: string;
  /** Distinct tasks (resource IDs) in a group; null for rows that do not count tasks. */
  readonly tasks: number | null;
  /** paid / the bill's paid total (0 when that is 0). */
  readonly share: Dec;
}

/** The bill's usage of one dimension in one region, paid one way. */
export interface BillDimension {
  readonly region: string;
  readonly key: RateKey;
  readonly coverage: BillCoverage;
  /** vCPU-hours, GB-hours, or OS-licence vCPU-hours. */
  readonly usage: Dec;
  readonly charged: Dec;
  readonly paid: Dec;
  readonly publicOnDemand: Dec;
  readonly lines: number;
}

/** One clock hour of the bill: how it was paid and how the Savings Plans were applied. */
export interface BillHour {
  readonly startMs: number;
  readonly paid: Dec;
  readonly publicOnDemand: Dec;
  /** Public On-Demand cost of the usage a Savings Plan covered, and of the On-Demand usage it did not. */
  readonly coveredOnDemand: Dec;
  readonly uncoveredOnDemand: Dec;
  /** covered / (covered + uncovered) On-Demand cost; null with no On-Demand usage. */
  readonly coverage: Dec | null;
  /** The Compute Savings Plans' commitment in the hour and how much was used (all services); null when no fee line. */
  readonly commitment: {
    readonly total: Dec;
    readonly used: Dec;
    readonly fargate: Dec;
    readonly utilization: Dec | null;
  } | null;
}

/** Measured against reserved usage (split cost allocation data), for a group. */
export interface BillUtilisation {
  readonly group: string;
  readonly vcpu: {readonly actual: Dec; readonly reserved: Dec; readonly ratio: Dec | null} | null;
  readonly memory: {readonly actual: Dec; readonly reserved: Dec; readonly ratio: Dec | null} | null;
}

/** A group's measured usage, as compare prices a workload. */
export interface BillComponent {
  readonly key: string;
  readonly name: string;
  readonly kind: 'service' | 'cluster';
  readonly tasks: number;
  readonly paid: Dec;
  readonly profile: UsageProfile;
  /** The largest hour one task of the group used, per series: a full hour of one task, as far as the bill shows. */
  readonly perTaskHour: readonly bigint[];
  /** Task-hours, estimated as usage over one task's full hour (the bill has no sizes). */
  readonly taskHours: {readonly onDemand: Dec; readonly spot: Dec};
}

export const BILL_GRANULARITIES = ['hourly', 'daily', 'monthly'] as const;
export type BillGranularity = (typeof BILL_GRANULARITIES)[number];

/** What `fargate-cost history` finds in a bill. */
export interface BillResult {
  readonly kind: 'bill';
  readonly window: {readonly fromMs: number; readonly toMs: number; readonly hours: Dec} | null;
  readonly granularity: BillGranularity;
  readonly currency: string;
  readonly currencies: readonly string[];
  readonly accounts: number;
  readonly sources: readonly BillSourceSummary[];
  readonly lines: {
    readonly read: number;
    readonly fargate: number;
    readonly skipped: Partial<Record<BillSkip, number>>;
    /** Savings Plan negations (cost only) and Compute Savings Plan fee lines (the commitment). */
    readonly negations: number;
    readonly commitments: number;
    readonly adjustments: number;
    readonly withoutResource: number;
  };
  readonly totals: BillFigures & {
    readonly onDemand: Dec;
    readonly savingsPlan: Dec;
    readonly spot: Dec;
    /** Credits, discounts, refunds and tax on Fargate usage types. */
    readonly adjustments: Dec;
    /** publicOnDemand - paid. */
    readonly savings: Dec;
  };
  readonly byCoverage: readonly BillRow[];
  readonly groups: readonly BillRow[];
  readonly byDay: readonly BillRow[];
  readonly dimensions: readonly BillDimension[];
  /** Dense over the window (hourly exports only; empty otherwise). */
  readonly hourly: readonly BillHour[];
  readonly savingsPlans: {
    /** Over the window: covered / all On-Demand-priced usage, at public On-Demand cost. */
    readonly coverage: Dec | null;
    /** Over the hours with a fee line: used / total commitment. */
    readonly utilization: Dec | null;
    readonly commitment: Dec;
    readonly used: Dec;
    readonly fargate: Dec;
  };
  readonly utilisation: readonly BillUtilisation[];
  readonly projection: {
    readonly monthHours: number;
    readonly monthlyPaid: Dec;
    readonly monthlyPublicOnDemand: Dec;
  } | null;
  readonly profile: UsageProfile;
  readonly components: readonly BillComponent[];
}
