import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {billRowLine, billSql} from '../../src/billing/bill-sql.js';
import type {BillLine} from '../../src/model/bill.js';
import {B, CUR2_ROWS as ROWS, cur2Table, type Duck, ledgerOf, queryRows, rawLines} from './cur2-table.js';

/**
 * billSql run by DuckDB over a small CUR 2.0 table: its rows, read back with billRowLine, must
 * leave the ledger exactly as the table's line items fed one by one do.
 */

async function queryLines(duck: Duck, sql: string): Promise<BillLine[]> {
  const rows = await queryRows(duck, sql);
  return rows.map((row) => {
    const line = billRowLine((name) => row[name] ?? null);
    if (line === null) throw new Error(`not a bill row: ${JSON.stringify(row)}`);
    return line;
  });
}

const HOUR = 3_600_000;
const hourOf = (text: string) => Date.parse(`${text.replace(' ', 'T')}Z`) / HOUR;

describe('billSql on DuckDB', () => {
  let duck: Duck;
  beforeAll(async () => {
    duck = await cur2Table(ROWS);
  });
  afterAll(() => {
    duck?.closeSync();
  });

  it('leaves the ledger as the line items one by one do, in fewer rows', async () => {
    const raw = (await rawLines(duck)).map((entry) => entry.line);
    expect(raw).toHaveLength(ROWS.length);
    const rows = await queryLines(duck, billSql({table: 'cur.data'}));
    const viaSql = ledgerOf(rows);
    const direct = ledgerOf(raw);
    expect(viaSql).toEqual(direct);
    expect(rows.length).toBeLessThan(raw.length);
    expect(rows.reduce((sum, row) => sum + row.lines, 0)).toBe(ROWS.length);

    // Checked by hand against ROWS, so that the two agreeing is not both being empty or wrong alike.
    expect(direct.lines).toBe(37);
    // November's rows and one in December's period: from the 1st of November to the 1st of January.
    expect([direct.billingPeriodStartMs, direct.billingPeriodEndMs]).toEqual([
      Date.UTC(2026, 10, 1),
      Date.UTC(2027, 0, 1),
    ]);
    expect(direct.skipped).toEqual([
      ['invalid', 4],
      ['other-service', 3],
      ['other-usage-type', 3],
      ['savings-plan-fee', 2],
    ]);
    expect(direct.adjustments).toBe('0.73');
    expect(direct.adjustmentLines).toBe(2);
    expect(direct.withoutResource).toBe(1);
    expect(direct.longestLineMs).toBe(HOUR);
    expect(direct.commitment).toEqual([
      {hour: hourOf('2026-11-03 10:00:00'), total: '0.06', used: '0.032384', fargate: '0.032384'},
      {hour: hourOf('2026-11-03 11:00:00'), total: '0.05', used: '0', fargate: '0'},
    ]);
    const cell = (id: string) => direct.cells.find((entry) => entry.id === id);
    const pair = `cluster:pair ${hourOf('2026-11-03 10:00:00')} us-east-1 linux-x86_64-vcpu on-demand`;
    // Task B's two lines: 0.01012 + 0.020240000000049 (read to ten places: 0.0202400000).
    expect(cell(pair)).toEqual({
      id: pair,
      usage: '0.75',
      charged: '0.03036',
      paid: '0.03036',
      publicOnDemand: '0.03036',
      actual: '0.3',
      actualOf: '0.75',
      lines: 2,
    });
    expect(cell(`cluster:prod ${hourOf('2026-11-03 10:00:00')} us-east-1 linux-x86_64-vcpu on-demand`)).toMatchObject({
      // A 0.75 + P 0.25; measured: A 0.3 of 0.75.
      usage: '1',
      charged: '0.04048',
      publicOnDemand: '0.04048',
      actual: '0.3',
      actualOf: '0.75',
      lines: 2,
    });
    expect(
      cell(`cluster:prod ${hourOf('2026-11-03 10:00:00')} us-east-1 linux-x86_64-vcpu savings-plan`),
    ).toMatchObject({
      usage: '1',
      charged: '0',
      paid: '0.032384',
      publicOnDemand: '0.04048',
    });
    // C's vCPU line has no public On-Demand cost: its unblended cost stands for it.
    expect(cell(`cluster:prod ${hourOf('2026-11-03 10:00:00')} us-east-1 linux-arm64-vcpu on-demand`)).toMatchObject({
      publicOnDemand: '0.01619',
    });
    // Spot memory without public On-Demand cost counts none.
    expect(cell(`cluster:batch ${hourOf('2026-11-03 10:00:00')} us-east-1 linux-x86_64-memory spot`)).toMatchObject({
      usage: '2',
      publicOnDemand: '0',
    });
    const prod = direct.groups.find((group) => group.group === 'cluster:prod');
    expect(prod?.tasks).toBe(3);
    expect(prod?.largestLine).toContain('us-east-1|linux-x86_64-vcpu|on-demand=1');
    // B's largest single line, though its hour sums to 0.75.
    expect(direct.groups.find((group) => group.group === 'cluster:pair')?.largestLine).toEqual([
      'us-east-1|linux-x86_64-vcpu|on-demand=0.5',
    ]);
  });

  it('keeps a task-hour written twice at its largest single line', async () => {
    const sql = billSql({table: 'cur.data'});
    const rows = await queryLines(duck, sql);
    const b = rows.find((row) => row.resourceId === B);
    expect(b).toMatchObject({usageAmount: '0.7500000000', largestUsageAmount: '0.5000000000', lines: 2});
    expect(b?.endMs !== null && b !== undefined ? b.endMs - b.startMs : null).toBe(HOUR / 2);
  });

  it('filters by start and billing period, as the line items filtered one by one, in a window not on the hour', async () => {
    const fromMs = Date.parse('2026-11-03T10:20:00Z');
    const toMs = Date.parse('2026-12-01T00:00:00Z');
    const sql = billSql({table: 'cur.data', fromMs, toMs});
    expect(sql).toContain("billing_period >= '2026-11'");
    expect(sql).toContain("billing_period <= '2026-11'");
    const raw = (await rawLines(duck))
      .filter(({line, billingPeriod}) => line.startMs >= fromMs && line.startMs < toMs && billingPeriod === '2026-11')
      .map((entry) => entry.line);
    // The ledger's own window too: a row starts at its earliest line, not at its hour.
    const viaSql = ledgerOf(await queryLines(duck, sql), {fromMs, toMs});
    expect(viaSql).toEqual(ledgerOf(raw, {fromMs, toMs}));
    expect(viaSql.skipped.find(([reason]) => reason === 'outside-window')).toBeUndefined();
    // B's line of 10:30; A's four lines of 11:00 and 12:00, its two invalid ones, the 13:00 line
    // without resource, the 11:00 fee and EC2 line.
    expect(viaSql.firstHour).toBe(hourOf('2026-11-03 10:00:00'));
    expect(viaSql.lastHour).toBe(hourOf('2026-11-03 13:00:00'));
    expect(viaSql.lines).toBe(10);
  });
});
