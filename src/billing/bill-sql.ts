import {ProblemError} from '../model/problems.js';
import type {BillLine} from '../model/bill.js';

/**
 * The bill as one aggregating query over a CUR 2.0 table (Athena, engine v3; DuckDB runs the same
 * text): `billSql` states `classifyLine`'s rules in SQL so that the query returns few rows, and
 * `billRowLine` reads each row back as a `BillLine` that the ledger sums to the very figures the
 * table's line items give one by one. Pure: the edges send the text and read the rows.
 *
 * What the query returns, one scan of the table:
 * - Fargate candidates (product `AmazonECS` or none, a usage type containing `Fargate-`): one row per
 *   task, usage type, line item type, product, operation, clock hour, region, account, currency and
 *   which of the amounts are null, with the amounts summed after `CAST(x AS DECIMAL(38,10))`, the
 *   largest usage, the line count, the earliest start (in the hour: a window on the start keeps the
 *   row as it keeps its lines) and the longest line. The filter is looser than the ledger's
 *   usage-type pattern on purpose: the ledger classifies each row again, by its usage type, and a
 *   row's lines share every field the rules read.
 * - Compute Savings Plan recurring fees: one row per hour, commitments summed.
 * - Everything else: one row per reason it is skipped, with its line count and fields that the
 *   rules skip for that same reason.
 * Every row carries the earliest billing period start and latest end of its line items, so the
 * ledger finds the bill's period (`bill_billing_period_start_date` / `_end_date`) as from the lines.
 * Grouping by which amounts are null keeps what the ledger does with a null amount (a line with no
 * cost or no usage is invalid; no public On-Demand cost falls back to the unblended cost; measured
 * usage counts only where measured) the same for a row as for its lines.
 *
 * The ECS service tag is not read: CUR 2.0's `resource_tags` map has no lookup that Athena and
 * DuckDB both return as a value without failing on a missing key, so `service` is null and the
 * ledger groups the query's usage by cluster, from the task ARN.
 */

/** The columns a `billSql` row has, by name (every value is text or null). */
export const BILL_SQL_COLUMNS = [
  'resource_id',
  'usage_type',
  'line_item_type',
  'product_code',
  'operation',
  'usage_start',
  'region',
  'account',
  'currency',
  'service',
  'usage_amount',
  'largest_usage_amount',
  'unblended_cost',
  'public_on_demand_cost',
  'savings_plan_effective_cost',
  'total_commitment',
  'used_commitment',
  'actual_usage',
  'lines',
  'longest_line_ms',
  'billing_period_start',
  'billing_period_end',
] as const;
export type BillSqlColumn = (typeof BILL_SQL_COLUMNS)[number];

export interface BillSqlOptions {
  /** `DATABASE.TABLE`: letters, digits and underscores in each part. */
  readonly table: string;
  /** Line items starting at or after this instant (epoch ms), and in billing periods from its month. */
  readonly fromMs?: number | undefined;
  /** Line items starting before this instant (epoch ms), and in billing periods up to its month. */
  readonly toMs?: number | undefined;
}

const NAME_PART = /^[A-Za-z0-9_]{1,255}$/;

/** `DATABASE.TABLE` quoted for SQL, each part checked: a bad name is a problem, never text in the query. */
export function billTableIdentifier(table: string): string {
  const parts = table.split('.');
  if (parts.length !== 2 || !parts.every((part) => NAME_PART.test(part))) {
    throw new ProblemError({kind: 'bad-bill-table', text: table});
  }
  return parts.map((part) => `"${part}"`).join('.');
}

function timestampLiteral(ms: number): string {
  const iso = Number.isFinite(ms) ? new Date(ms).toISOString() : '';
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2}\.\d{3})Z$/.exec(iso);
  if (!match) throw new Error(`billSql: ${ms} is not an instant of years 0 to 9999`);
  return `TIMESTAMP '${match[1]} ${match[2]}'`;
}

/** The billing period (`YYYY-MM`, UTC) an instant falls in. */
const billingPeriodOf = (ms: number) => new Date(ms).toISOString().slice(0, 7);

/** The CASE that sorts each line item, as `classifyLine` does (`fargate` rows are classified again by the ledger). */
const CLASS = `CASE
      WHEN COALESCE(line_item_line_item_type, 'Usage') = 'SavingsPlanRecurringFee'
        AND line_item_usage_type LIKE 'ComputeSP:%' THEN 'commitment'
      WHEN COALESCE(line_item_line_item_type, 'Usage') IN ('SavingsPlanRecurringFee', 'SavingsPlanUpfrontFee')
        THEN 'savings-plan-fee'
      WHEN line_item_product_code IS NOT NULL AND line_item_product_code <> 'AmazonECS' THEN 'other-service'
      WHEN line_item_usage_type LIKE '%Fargate-%' THEN 'fargate'
      WHEN COALESCE(line_item_line_item_type, 'Usage') IN ('Usage', 'SavingsPlanCoveredUsage', 'SavingsPlanNegation')
        THEN 'other-usage-type'
      ELSE 'other-line-type'
    END`;

const amount = (column: string) => `CAST(${column} AS DECIMAL(38, 10))`;
const whenFargate = (expression: string) => `CASE WHEN fc_class = 'fargate' THEN ${expression} END`;
const whenCommitment = (expression: string) => `CASE WHEN fc_class = 'commitment' THEN ${expression} END`;
const nullBit = (column: string, bit: number) => `CASE WHEN ${column} IS NULL THEN ${bit} ELSE 0 END`;
const text = (expression: string) => `CAST(${expression} AS VARCHAR)`;

/** The query: Trino SQL that DuckDB runs too (LIKE, CASE, CAST, SUM, COUNT, MAX, date_trunc, date_diff). */
export function billSql(options: BillSqlOptions): string {
  const table = billTableIdentifier(options.table);
  const filters: string[] = [];
  if (options.fromMs !== undefined) {
    filters.push(`line_item_usage_start_date >= ${timestampLiteral(options.fromMs)}`);
    filters.push(`billing_period >= '${billingPeriodOf(options.fromMs)}'`);
  }
  if (options.toMs !== undefined) {
    filters.push(`line_item_usage_start_date < ${timestampLiteral(options.toMs)}`);
    filters.push(`billing_period <= '${billingPeriodOf(options.toMs - 1)}'`);
  }
  const where = filters.length > 0 ? `\n  WHERE ${filters.join('\n    AND ')}` : '';
  return `SELECT
  resource_id,
  usage_type,
  line_item_type,
  product_code,
  operation,
  ${text('MIN(start_date)')} AS usage_start,
  region,
  account,
  currency,
  CAST(NULL AS VARCHAR) AS service,
  ${text('SUM(usage_value)')} AS usage_amount,
  ${text('MAX(usage_value)')} AS largest_usage_amount,
  ${text('SUM(unblended_value)')} AS unblended_cost,
  ${text('SUM(public_on_demand_value)')} AS public_on_demand_cost,
  ${text('SUM(effective_value)')} AS savings_plan_effective_cost,
  ${text('SUM(total_commitment_value)')} AS total_commitment,
  ${text('SUM(used_commitment_value)')} AS used_commitment,
  ${text('SUM(actual_value)')} AS actual_usage,
  ${text('COUNT(*)')} AS lines,
  ${text('MAX(line_ms)')} AS longest_line_ms,
  ${text('MIN(period_start)')} AS billing_period_start,
  ${text('MAX(period_end)')} AS billing_period_end
FROM (
  SELECT
    fc_class,
    ${whenFargate('line_item_resource_id')} AS resource_id,
    CASE fc_class
      WHEN 'fargate' THEN line_item_usage_type
      WHEN 'commitment' THEN 'ComputeSP:'
    END AS usage_type,
    CASE fc_class
      WHEN 'fargate' THEN line_item_line_item_type
      WHEN 'commitment' THEN 'SavingsPlanRecurringFee'
      WHEN 'savings-plan-fee' THEN 'SavingsPlanUpfrontFee'
      WHEN 'other-line-type' THEN 'Tax'
      ELSE 'Usage'
    END AS line_item_type,
    CASE fc_class
      WHEN 'fargate' THEN line_item_product_code
      WHEN 'other-service' THEN 'OtherService'
    END AS product_code,
    ${whenFargate('line_item_operation')} AS operation,
    CASE WHEN fc_class IN ('fargate', 'commitment') THEN date_trunc('hour', line_item_usage_start_date) END
      AS usage_hour,
    CASE WHEN fc_class IN ('fargate', 'commitment') THEN line_item_usage_start_date END AS start_date,
    ${whenFargate('product_region_code')} AS region,
    ${whenFargate('line_item_usage_account_id')} AS account,
    ${whenFargate('line_item_currency_code')} AS currency,
    ${whenFargate(
      `${nullBit('line_item_unblended_cost', 1)} + ${nullBit('line_item_usage_amount', 2)}
      + ${nullBit('pricing_public_on_demand_cost', 4)} + ${nullBit('split_line_item_actual_usage', 8)}`,
    )} AS null_amounts,
    ${whenFargate(amount('line_item_usage_amount'))} AS usage_value,
    ${whenFargate(amount('line_item_unblended_cost'))} AS unblended_value,
    ${whenFargate(amount('pricing_public_on_demand_cost'))} AS public_on_demand_value,
    ${whenFargate(amount('savings_plan_savings_plan_effective_cost'))} AS effective_value,
    ${whenFargate(amount('split_line_item_actual_usage'))} AS actual_value,
    ${whenCommitment(amount('savings_plan_total_commitment_to_date'))} AS total_commitment_value,
    ${whenCommitment(amount('savings_plan_used_commitment'))} AS used_commitment_value,
    ${whenFargate("date_diff('millisecond', line_item_usage_start_date, line_item_usage_end_date)")} AS line_ms,
    bill_billing_period_start_date AS period_start,
    bill_billing_period_end_date AS period_end
  FROM (
    SELECT
      *,
      ${CLASS} AS fc_class
    FROM ${table}${where.replace(/\n/g, '\n  ')}
  ) AS classified
) AS keyed
GROUP BY fc_class, resource_id, usage_type, line_item_type, product_code, operation, usage_hour, region, account,
  currency, null_amounts
`;
}

/**
 * A timestamp as the engines print it: `2026-11-03 10:00:00.000` (Trino), `2026-11-03 10:00:00`
 * (DuckDB), with `T`, a fraction, or a UTC zone written; read as UTC. NaN for anything else.
 */
export function sqlTimestampMs(text: string | null): number {
  if (text === null) return Number.NaN;
  const match =
    /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:\s*(?:UTC|Z|\+00(?::?00)?))?$/.exec(
      text.trim(),
    );
  if (!match) return Number.NaN;
  const [, year, month, day, hour, minute, second, fraction = ''] = match;
  const ms = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    Number(fraction.padEnd(3, '0').slice(0, 3)),
  );
  // Date.UTC rolls 2026-02-30 over into March: refuse what it had to roll.
  const back = new Date(ms);
  return back.getUTCDate() === Number(day) && back.getUTCHours() === Number(hour) ? ms : Number.NaN;
}

/**
 * One row of `billSql`'s result as a line for the ledger, each column read by name. Null when the
 * row has no line count (not a row of this query).
 */
export function billRowLine(column: (name: BillSqlColumn) => string | null): BillLine | null {
  const lines = column('lines');
  if (lines === null || !/^\d{1,15}$/.test(lines)) return null;
  const startMs = sqlTimestampMs(column('usage_start'));
  const longest = column('longest_line_ms');
  const longestMs = longest !== null && /^-?\d{1,15}$/.test(longest) ? Number(longest) : null;
  const periodOf = (name: BillSqlColumn) => {
    const ms = sqlTimestampMs(column(name));
    return Number.isFinite(ms) ? ms : null;
  };
  return {
    resourceId: column('resource_id'),
    usageType: column('usage_type'),
    lineItemType: column('line_item_type'),
    productCode: column('product_code'),
    operation: column('operation'),
    startMs,
    endMs: longestMs === null || !Number.isFinite(startMs) ? null : startMs + longestMs,
    region: column('region'),
    account: column('account'),
    currency: column('currency'),
    usageAmount: column('usage_amount'),
    unblendedCost: column('unblended_cost'),
    publicOnDemandCost: column('public_on_demand_cost'),
    savingsPlanEffectiveCost: column('savings_plan_effective_cost'),
    totalCommitment: column('total_commitment'),
    usedCommitment: column('used_commitment'),
    actualUsage: column('actual_usage'),
    service: column('service'),
    lines: Number(lines),
    largestUsageAmount: column('largest_usage_amount'),
    billingPeriodStartMs: periodOf('billing_period_start'),
    billingPeriodEndMs: periodOf('billing_period_end'),
  };
}
