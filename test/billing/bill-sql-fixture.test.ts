import {DuckDBInstance} from '@duckdb/node-api';
import {describe, expect, it} from 'vitest';
import {billResult} from '../../src/app/bill.js';
import {createBillLedger} from '../../src/billing/bill.js';
import {billRowLine, billSql} from '../../src/billing/bill-sql.js';
import type {BillLine} from '../../src/model/bill.js';
import {billJson} from '../../src/report/bill.js';
import {readBillFiles} from '../../src/sources/bill/read.js';
import {canonical, queryRows} from './cur2-table.js';

/**
 * The Athena path and the local path agree on the fixture export: billSql run by DuckDB over
 * test/fixtures/bill/cur2.parquet (as the table `cur.data`, partitioned by billing_period) leaves the
 * ledger exactly as the file reader's lines do. The one thing the SQL does not read is the service
 * tag (no map lookup both engines share), so the local lines are compared without it.
 */

const FIXTURE = 'test/fixtures/bill/cur2.parquet';

async function localLines(): Promise<BillLine[]> {
  const lines: BillLine[] = [];
  for await (const batch of readBillFiles([FIXTURE])) lines.push(...batch);
  return lines;
}

async function athenaLines(): Promise<BillLine[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const duck = await instance.connect();
  try {
    await duck.run('CREATE SCHEMA cur');
    await duck.run(`CREATE VIEW cur.data AS SELECT *, '2026-11' AS billing_period FROM read_parquet('${FIXTURE}')`);
    const rows = await queryRows(
      duck,
      billSql({table: 'cur.data', fromMs: Date.UTC(2026, 10, 1), toMs: Date.UTC(2026, 11, 1)}),
    );
    return rows.map((row) => billRowLine((name) => row[name] ?? null)!);
  } finally {
    duck.closeSync();
  }
}

const ledgerOf = (lines: readonly BillLine[]) => {
  const ledger = createBillLedger();
  for (const line of lines) ledger.add(line);
  return ledger.finish();
};

describe('the Athena path on the fixture export', () => {
  it('gives exactly the local reader’s ledger and bill', async () => {
    const local = (await localLines()).map((line) => ({...line, service: null}));
    const viaSql = await athenaLines();
    expect(viaSql.length).toBeLessThanOrEqual(local.length);
    expect(viaSql.reduce((sum, line) => sum + line.lines, 0)).toBe(local.length);
    const a = ledgerOf(viaSql);
    const b = ledgerOf(local);
    expect(canonical(a)).toEqual(canonical(b));
    expect([a.billingPeriodStartMs, a.billingPeriodEndMs]).toEqual([Date.UTC(2026, 10, 1), Date.UTC(2026, 11, 1)]);
    const source = [{path: 'x', format: 'cur2' as const, files: 1, lines: 100, billingPeriods: []}];
    expect(billJson(billResult(a, source))).toEqual(billJson(billResult(b, source)));
    // The fixture's own figures (test/fixtures/bill/README.md), so agreeing is not both being wrong alike.
    const totals = billJson(billResult(a, source)).totals;
    expect(totals.charged).toBe('1.3279121474');
    expect(totals.paid).toBe('1.3476601474');
    expect(totals.publicOnDemand).toBe('1.3525971474');
  });
});
