import {DuckDBInstance} from '@duckdb/node-api';
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
}

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
  ['billing_period', 'VARCHAR', (row) => row.billingPeriod ?? (row.start ? row.start.slice(0, 7) : '2026-11')],
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
    `SELECT *, epoch_ms(line_item_usage_start_date) AS start_ms, epoch_ms(line_item_usage_end_date) AS end_ms FROM cur.data`,
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
    },
  }));
}
