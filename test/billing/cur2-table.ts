import {DuckDBInstance} from '@duckdb/node-api';
import {type BillLedgerState, createBillLedger, scaledText} from '../../src/billing/bill.js';
import type {BillLine} from '../../src/model/bill.js';

/**
 * A small CUR 2.0 table built in DuckDB (the columns the bill reads, typed as the CUR 2.0 Parquet
 * export types them: strings, doubles, timestamps), as `cur.data`. Each row is a line item.
 */

export interface Cur2Row {
  readonly resource?: string | null;
  readonly usageType: string | null;
  readonly type?: string | null;
  readonly product?: string | null;
  readonly operation?: string | null;
  /** `2026-11-03 10:15:00` (UTC) or null. */
  readonly start: string | null;
  readonly end?: string | null;
  readonly region?: string | null;
  readonly account?: string | null;
  readonly currency?: string | null;
  readonly usage?: number | null;
  readonly cost?: number | null;
  readonly publicOnDemand?: number | null;
  readonly effective?: number | null;
  readonly totalCommitment?: number | null;
  readonly usedCommitment?: number | null;
  readonly actual?: number | null;
  readonly billingPeriod?: string;
  /** bill_billing_period_start_date / _end_date: by default the month of billingPeriod. */
  readonly periodStart?: string | null;
  readonly periodEnd?: string | null;
}

const periodOfRow = (row: Cur2Row) => row.billingPeriod ?? (row.start ? row.start.slice(0, 7) : '2026-11');
const nextMonth = (period: string) => {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 7);
};

const COLUMNS: readonly [string, string, (row: Cur2Row) => string | number | null | undefined][] = [
  ['line_item_resource_id', 'VARCHAR', (row) => row.resource],
  ['line_item_usage_type', 'VARCHAR', (row) => row.usageType],
  ['line_item_line_item_type', 'VARCHAR', (row) => (row.type === undefined ? 'Usage' : row.type)],
  ['line_item_product_code', 'VARCHAR', (row) => (row.product === undefined ? 'AmazonECS' : row.product)],
  ['line_item_operation', 'VARCHAR', (row) => (row.operation === undefined ? 'FargateTask' : row.operation)],
  ['line_item_usage_start_date', 'TIMESTAMP', (row) => row.start],
  ['line_item_usage_end_date', 'TIMESTAMP', (row) => row.end],
  ['product_region_code', 'VARCHAR', (row) => (row.region === undefined ? 'us-east-1' : row.region)],
  ['line_item_usage_account_id', 'VARCHAR', (row) => (row.account === undefined ? '111122223333' : row.account)],
  ['line_item_currency_code', 'VARCHAR', (row) => (row.currency === undefined ? 'USD' : row.currency)],
  ['line_item_usage_amount', 'DOUBLE', (row) => row.usage],
  ['line_item_unblended_cost', 'DOUBLE', (row) => row.cost],
  ['pricing_public_on_demand_cost', 'DOUBLE', (row) => row.publicOnDemand],
  ['savings_plan_savings_plan_effective_cost', 'DOUBLE', (row) => row.effective],
  ['savings_plan_total_commitment_to_date', 'DOUBLE', (row) => row.totalCommitment],
  ['savings_plan_used_commitment', 'DOUBLE', (row) => row.usedCommitment],
  ['split_line_item_actual_usage', 'DOUBLE', (row) => row.actual],
  ['billing_period', 'VARCHAR', periodOfRow],
  [
    'bill_billing_period_start_date',
    'TIMESTAMP',
    (row) => (row.periodStart === undefined ? `${periodOfRow(row)}-01 00:00:00` : row.periodStart),
  ],
  [
    'bill_billing_period_end_date',
    'TIMESTAMP',
    (row) => (row.periodEnd === undefined ? `${nextMonth(periodOfRow(row))}-01 00:00:00` : row.periodEnd),
  ],
];

function literal(value: string | number | null | undefined, type: string): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') return `CAST(${String(value)} AS DOUBLE)`;
  const quoted = `'${value.replace(/'/g, "''")}'`;
  return type === 'TIMESTAMP' ? `TIMESTAMP ${quoted}` : quoted;
}

export type Duck = Awaited<ReturnType<DuckDBInstance['connect']>>;

/** An in-memory DuckDB with `cur.data` holding `rows`. */
export async function cur2Table(rows: readonly Cur2Row[]): Promise<Duck> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run('CREATE SCHEMA cur');
  await connection.run(`CREATE TABLE cur.data (${COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ')})`);
  const values = rows.map((row) => `(${COLUMNS.map(([, type, get]) => literal(get(row), type)).join(', ')})`);
  await connection.run(`INSERT INTO cur.data VALUES ${values.join(',\n')}`);
  return connection;
}

/** Rows of a query as objects of text (or null), every value as DuckDB's JS value turned to text. */
export async function queryRows(connection: Duck, sql: string): Promise<Record<string, string | null>[]> {
  const reader = await connection.runAndReadAll(sql);
  return reader
    .getRowObjects()
    .map((row) =>
      Object.fromEntries(Object.entries(row).map(([key, value]) => [key, value === null ? null : String(value)])),
    );
}

const amountText = (value: string | null) => value;

/**
 * The table's line items one by one, as a file reader gives them: doubles with `String()`,
 * timestamps as epoch ms. `billing_period` comes along for filters.
 */
export async function rawLines(connection: Duck): Promise<{line: BillLine; billingPeriod: string}[]> {
  const rows = await queryRows(
    connection,
    `SELECT *, epoch_ms(line_item_usage_start_date) AS start_ms, epoch_ms(line_item_usage_end_date) AS end_ms,
      epoch_ms(bill_billing_period_start_date) AS period_start_ms, epoch_ms(bill_billing_period_end_date) AS period_end_ms
    FROM cur.data`,
  );
  return rows.map((row) => ({
    billingPeriod: row['billing_period']!,
    line: {
      resourceId: row['line_item_resource_id'] ?? null,
      usageType: row['line_item_usage_type'] ?? null,
      lineItemType: row['line_item_line_item_type'] ?? null,
      productCode: row['line_item_product_code'] ?? null,
      operation: row['line_item_operation'] ?? null,
      startMs: row['start_ms'] === null ? Number.NaN : Number(row['start_ms']),
      endMs: row['end_ms'] === null ? null : Number(row['end_ms']),
      region: row['product_region_code'] ?? null,
      account: row['line_item_usage_account_id'] ?? null,
      currency: row['line_item_currency_code'] ?? null,
      usageAmount: amountText(row['line_item_usage_amount'] ?? null),
      unblendedCost: amountText(row['line_item_unblended_cost'] ?? null),
      publicOnDemandCost: amountText(row['pricing_public_on_demand_cost'] ?? null),
      savingsPlanEffectiveCost: amountText(row['savings_plan_savings_plan_effective_cost'] ?? null),
      totalCommitment: amountText(row['savings_plan_total_commitment_to_date'] ?? null),
      usedCommitment: amountText(row['savings_plan_used_commitment'] ?? null),
      actualUsage: amountText(row['split_line_item_actual_usage'] ?? null),
      service: null,
      lines: 1,
      billingPeriodStartMs: row['period_start_ms'] === null ? null : Number(row['period_start_ms']),
      billingPeriodEndMs: row['period_end_ms'] === null ? null : Number(row['period_end_ms']),
    },
  }));
}

const ARN = (cluster: string, id: string) => `arn:aws:ecs:us-east-1:111122223333:task/${cluster}/${id}`;
const A = ARN('prod', 'aaa');
export const B = ARN('pair', 'bbb');
const C = ARN('prod', 'ccc');
const W = ARN('win', 'www');
const S = ARN('batch', 'sss');
const P = ARN('prod', 'ppp');

/** Line items covering every rule of the ledger. */
export const CUR2_ROWS: readonly Cur2Row[] = [
  // x86 task A in three hours (10:15 to 12:30), measured usage in two of them.
  {
    resource: A,
    usageType: 'USE1-Fargate-vCPU-Hours:perCPU',
    start: '2026-11-03 10:15:00',
    end: '2026-11-03 11:00:00',
    usage: 0.75,
    cost: 0.03036,
    publicOnDemand: 0.03036,
    actual: 0.3,
  },
  {
    resource: A,
    usageType: 'USE1-Fargate-GB-Hours',
    start: '2026-11-03 10:15:00',
    end: '2026-11-03 11:00:00',
    usage: 1.5,
    cost: 0.0066675,
    publicOnDemand: 0.0066675,
    actual: 0.9,
  },
  {
    resource: A,
    usageType: 'USE1-Fargate-vCPU-Hours:perCPU',
    start: '2026-11-03 11:00:00',
    end: '2026-11-03 12:00:00',
    usage: 1,
    cost: 0.04048,
    publicOnDemand: 0.04048,
    actual: 0.5,
  },
  {
    resource: A,
    usageType: 'USE1-Fargate-GB-Hours',
    start: '2026-11-03 11:00:00',
    end: '2026-11-03 12:00:00',
    usage: 2,
    cost: 0.00889,
    publicOnDemand: 0.00889,
  },
  {
    resource: A,
    usageType: 'USE1-Fargate-EphemeralStorage-GB-Hours',
    start: '2026-11-03 11:00:00',
    end: '2026-11-03 12:00:00',
    usage: 10,
    cost: 0.00111,
    publicOnDemand: 0.00111,
  },
  {
    resource: A,
    usageType: 'USE1-Fargate-vCPU-Hours:perCPU',
    start: '2026-11-03 12:00:00',
    end: '2026-11-03 12:30:00',
    usage: 0.5,
    cost: 0.02024,
    publicOnDemand: 0.02024,
  },
  // Task B: two lines of one hour and usage type (one task-hour written twice), one with more than ten places.
  {
    resource: B,
    usageType: 'USE1-Fargate-vCPU-Hours:perCPU',
    start: '2026-11-03 10:00:00',
    end: '2026-11-03 10:15:00',
    usage: 0.25,
    cost: 0.01012,
    publicOnDemand: 0.01012,
    actual: 0.1,
  },
  {
    resource: B,
    usageType: 'USE1-Fargate-vCPU-Hours:perCPU',
    start: '2026-11-03 10:30:00',
    end: '2026-11-03 11:00:00',
    usage: 0.5,
    cost: 0.020240000000049,
    publicOnDemand: 0.02024,
    actual: 0.2,
  },
  // arm64 task C, no public On-Demand column value.
  {
    resource: C,
    usageType: 'USE1-Fargate-ARM-vCPU-Hours:perCPU',
    start: '2026-11-03 10:00:00',
    end: '2026-11-03 11:00:00',
    usage: 0.5,
    cost: 0.01619,
    publicOnDemand: null,
  },
  {
    resource: C,
    usageType: 'USE1-Fargate-ARM-GB-Hours',
    start: '2026-11-03 10:00:00',
    end: '2026-11-03 11:00:00',
    usage: 1,
    cost: 0.00356,
    publicOnDemand: 0.00356,
  },
  // Windows task W with its OS licence.
  {
    resource: W,
    usageType: 'USE1-Fargate-Windows-vCPU-Hours:perCPU',
    start: '2026-11-03 10:00:00',
    end: '2026-11-03 11:00:00',
    usage: 1,
    cost: 0.09148,
    publicOnDemand: 0.09148,
  },
  {
    resource: W,
    usageType: 'USE1-Fargate-Windows-GB-Hours',
    start: '2026-11-03 10:00:00',
    end: '2026-11-03 11:00:00',
    usage: 2,
    cost: 0.0201,
    publicOnDemand: 0.0201,
  },
  {
    resource: W,
    usageType: 'USE1-Fargate-Windows-OS-Hours:perCPU',
    start: '2026-11-03 10:00:00',
    end: '2026-11-03 11:00:00',
    usage: 1,
    cost: 0.046,
    publicOnDemand: 0.046,
  },
  // Spot task S, one line without public On-Demand cost.
  {
    resource: S,
    usageType: 'USE1-SpotUsage-Fargate-vCPU-Hours:perCPU',
    start: '2026-11-03 10:00:00',
    end: '2026-11-03 11:00:00',
    usage: 1,
    cost: 0.01254,
    publicOnDemand: 0.04048,
  },
  {
    resource: S,
    usageType: 'USE1-SpotUsage-Fargate-GB-Hours',
    start: '2026-11-03 10:00:00',
    end: '2026-11-03 11:00:00',
    usage: 2,
    cost: 0.00275,
    publicOnDemand: null,
  },
  // Task P's hour 10: covered by a Savings Plan, its negation, and the rest of the hour On-Demand.
  {
    resource: P,
    usageType: 'USE1-Fargate-vCPU-Hours:perCPU',
    type: 'SavingsPlanCoveredUsage',
    start: '2026-11-03 10:00:00',
    end: '2026-11-03 11:00:00',
    usage: 1,
    cost: 0.04048,
    publicOnDemand: 0.04048,
    effective: 0.032384,
  },
  {
    resource: P,
    usageType: 'USE1-Fargate-vCPU-Hours:perCPU',
    type: 'SavingsPlanNegation',
    start: '2026-11-03 10:00:00',
    end: '2026-11-03 11:00:00',
    usage: 0,
    cost: -0.04048,
  },
  {
    resource: P,
    usageType: 'USE1-Fargate-vCPU-Hours:perCPU',
    start: '2026-11-03 10:00:00',
    end: '2026-11-03 11:00:00',
    usage: 0.25,
    cost: 0.01012,
    publicOnDemand: 0.01012,
  },
  // The Compute Savings Plan's fee in two hours; an EC2 Instance SP's fee and an upfront fee are skipped.
  {
    usageType: 'ComputeSP:1yrNoUpfront',
    type: 'SavingsPlanRecurringFee',
    product: 'ComputeSavingsPlans',
    operation: null,
    start: '2026-11-03 10:00:00',
    end: '2026-11-03 11:00:00',
    cost: 0.05,
    totalCommitment: 0.05,
    usedCommitment: 0.032384,
  },
  {
    usageType: 'ComputeSP:3yrAllUpfront',
    type: 'SavingsPlanRecurringFee',
    product: 'ComputeSavingsPlans',
    operation: null,
    start: '2026-11-03 10:00:00',
    end: '2026-11-03 11:00:00',
    cost: 0,
    totalCommitment: 0.01,
    usedCommitment: null,
  },
  {
    usageType: 'ComputeSP:1yrNoUpfront',
    type: 'SavingsPlanRecurringFee',
    product: 'ComputeSavingsPlans',
    operation: null,
    start: '2026-11-03 11:00:00',
    end: '2026-11-03 12:00:00',
    cost: 0.05,
    totalCommitment: 0.05,
    usedCommitment: 0,
  },
  {
    usageType: 'EC2SP:t3.1yrNoUpfront',
    type: 'SavingsPlanRecurringFee',
    product: 'ComputeSavingsPlans',
    operation: null,
    start: '2026-11-03 10:00:00',
    cost: 0.1,
    totalCommitment: 0.1,
    usedCommitment: 0.1,
  },
  {
    usageType: 'ComputeSP:1yrAllUpfront',
    type: 'SavingsPlanUpfrontFee',
    product: 'ComputeSavingsPlans',
    operation: null,
    start: '2026-11-01 00:00:00',
    cost: 100,
  },
  // Not Fargate: EC2, ECS on EC2, a Fargate-looking usage type the rules refuse, an unusable line.
  {
    resource: 'i-0abc',
    usageType: 'BoxUsage:m5.large',
    product: 'AmazonEC2',
    operation: 'RunInstances',
    start: '2026-11-03 10:00:00',
    usage: 1,
    cost: 0.096,
  },
  {
    resource: 'i-0abd',
    usageType: 'BoxUsage:m5.large',
    product: 'AmazonEC2',
    operation: 'RunInstances',
    start: '2026-11-03 11:00:00',
    usage: 1,
    cost: 0.096,
  },
  {resource: A, usageType: 'USE1-ECS-EC2-vCPU-Hours', start: '2026-11-03 10:00:00', usage: 1, cost: 0},
  {
    resource: A,
    usageType: 'USE1-Fargate-Windows-EphemeralStorage-GB-Hours',
    start: '2026-11-03 10:00:00',
    usage: 1,
    cost: 0.0001,
  },
  {resource: A, usageType: null, start: '2026-11-03 10:00:00', usage: 1, cost: 0.0001},
  // Covered Spot (AWS never writes it), no cost, no usage, no start: invalid.
  {
    resource: S,
    usageType: 'USE1-SpotUsage-Fargate-vCPU-Hours:perCPU',
    type: 'SavingsPlanCoveredUsage',
    start: '2026-11-03 10:00:00',
    usage: 1,
    cost: 0.01,
  },
  {resource: A, usageType: 'USE1-Fargate-GB-Hours', start: '2026-11-03 12:00:00', usage: 1, cost: null},
  {resource: A, usageType: 'USE1-Fargate-GB-Hours', start: '2026-11-03 12:00:00', usage: null, cost: 0.004445},
  {resource: A, usageType: 'USE1-Fargate-GB-Hours', start: null, usage: 1, cost: 0.004445, billingPeriod: '2026-11'},
  // Tax and a credit on Fargate usage: cost only. Tax without a usage type is skipped.
  {
    resource: null,
    usageType: 'USE1-Fargate-vCPU-Hours:perCPU',
    type: 'Tax',
    operation: null,
    start: '2026-11-01 00:00:00',
    usage: 0,
    cost: 1.23,
  },
  {
    resource: null,
    usageType: 'USE1-Fargate-GB-Hours',
    type: 'Credit',
    start: '2026-11-01 00:00:00',
    usage: 0,
    cost: -0.5,
  },
  {
    resource: null,
    usageType: null,
    type: 'Tax',
    product: 'AWSSupportBusiness',
    start: '2026-11-01 00:00:00',
    cost: 0.7,
  },
  // Without a resource ID, and in the next billing period.
  {
    resource: null,
    usageType: 'USE1-Fargate-vCPU-Hours:perCPU',
    start: '2026-11-03 13:00:00',
    end: '2026-11-03 14:00:00',
    usage: 2,
    cost: 0.08096,
    publicOnDemand: 0.08096,
  },
  {
    resource: A,
    usageType: 'USE1-Fargate-vCPU-Hours:perCPU',
    start: '2026-12-01 00:00:00',
    end: '2026-12-01 01:00:00',
    usage: 1,
    cost: 0.04048,
    publicOnDemand: 0.04048,
  },
];

/** A ledger's finished state as plain data, in a fixed order, every amount as exact decimal text. */
export function canonical(state: BillLedgerState) {
  return {
    cells: state.cells
      .map((cell) => ({
        id: `${cell.group} ${cell.hour} ${cell.region} ${cell.key} ${cell.coverage}`,
        usage: scaledText(cell.sums.usage),
        charged: scaledText(cell.sums.charged),
        paid: scaledText(cell.sums.paid),
        publicOnDemand: scaledText(cell.sums.publicOnDemand),
        actual: scaledText(cell.sums.actual),
        actualOf: scaledText(cell.sums.actualOf),
        lines: cell.sums.lines,
      }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    commitment: state.commitment.map((hour) => ({
      hour: hour.hour,
      total: scaledText(hour.total),
      used: scaledText(hour.used),
      fargate: scaledText(hour.fargate),
    })),
    groups: state.groups
      .map((group) => ({
        group: group.group,
        tasks: group.tasks,
        largestLine: [...group.largestLine].map(([id, value]) => `${id}=${scaledText(value)}`).sort(),
      }))
      .sort((a, b) => a.group.localeCompare(b.group)),
    lines: state.lines,
    fargateLines: state.fargateLines,
    skipped: [...state.skipped].filter(([, count]) => count > 0).sort(),
    adjustments: scaledText(state.adjustments),
    adjustmentLines: state.adjustmentLines,
    withoutResource: state.withoutResource,
    currencies: state.currencies,
    accounts: state.accounts,
    longestLineMs: state.longestLineMs,
    firstHour: state.firstHour,
    lastHour: state.lastHour,
    billingPeriodStartMs: state.billingPeriodStartMs,
    billingPeriodEndMs: state.billingPeriodEndMs,
    fromMs: state.fromMs,
    toMs: state.toMs,
  };
}

export function ledgerOf(lines: readonly BillLine[], window: {fromMs?: number; toMs?: number} = {}) {
  const ledger = createBillLedger(window);
  for (const line of lines) ledger.add(line);
  return canonical(ledger.finish());
}
