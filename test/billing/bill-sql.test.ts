import {describe, expect, it} from 'vitest';
import {
  BILL_SQL_COLUMNS,
  billRowLine,
  billSql,
  billTableIdentifier,
  sqlTimestampMs,
} from '../../src/billing/bill-sql.js';
import {classifyLine} from '../../src/billing/bill.js';
import {ProblemError} from '../../src/model/problems.js';

describe('billTableIdentifier', () => {
  it('quotes DATABASE.TABLE', () => {
    expect(billTableIdentifier('cur_db.data_2')).toBe('"cur_db"."data_2"');
  });

  it.each(['data', 'a.b.c', 'cur.da-ta', 'cur."x"', 'cur.data; DROP TABLE x', '.data', 'cur.', 'cür.data'])(
    'refuses %j as a problem',
    (table) => {
      let thrown: unknown;
      try {
        billSql({table});
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ProblemError);
      expect((thrown as ProblemError).problem).toEqual({kind: 'bad-bill-table', text: table});
    },
  );
});

describe('billSql', () => {
  it('returns every column billRowLine reads, and no filter without a range', () => {
    const sql = billSql({table: 'cur.data'});
    for (const column of BILL_SQL_COLUMNS) expect(sql).toMatch(new RegExp(`AS ${column}\\b|^  ${column},`, 'm'));
    expect(sql).not.toContain('WHERE');
    expect(sql).toContain('FROM "cur"."data"');
  });

  it('filters the start and the billing periods of a range, the end excluded', () => {
    const sql = billSql({
      table: 'cur.data',
      fromMs: Date.parse('2026-10-31T23:00:00Z'),
      toMs: Date.parse('2027-01-01T00:00:00Z'),
    });
    expect(sql).toContain("line_item_usage_start_date >= TIMESTAMP '2026-10-31 23:00:00.000'");
    expect(sql).toContain("line_item_usage_start_date < TIMESTAMP '2027-01-01 00:00:00.000'");
    expect(sql).toContain("billing_period >= '2026-10'");
    // An end at midnight of January 1st takes nothing of January.
    expect(sql).toContain("billing_period <= '2026-12'");
  });

  it('uses no Trino-only function', () => {
    const sql = billSql({table: 'cur.data', fromMs: 0, toMs: 3_600_000});
    expect(sql).not.toMatch(/regexp_|element_at|try_cast|from_unixtime|to_unixtime|format_datetime/i);
  });
});

describe('sqlTimestampMs', () => {
  it.each([
    ['2026-11-03 10:00:00.000', Date.UTC(2026, 10, 3, 10)],
    ['2026-11-03 10:00:00', Date.UTC(2026, 10, 3, 10)],
    ['2026-11-03T10:00:00.250Z', Date.UTC(2026, 10, 3, 10, 0, 0, 250)],
    ['2026-11-03 10:00:00.000 UTC', Date.UTC(2026, 10, 3, 10)],
    ['2026-11-03 10:00:00+00', Date.UTC(2026, 10, 3, 10)],
  ])('reads %j as UTC', (text, ms) => {
    expect(sqlTimestampMs(text)).toBe(ms);
  });

  it.each(['2026-02-30 10:00:00', '2026-11-03 25:00:00', '2026-11-03', 'yesterday', '2026-11-03 10:00:00+01'])(
    'refuses %j',
    (text) => {
      expect(sqlTimestampMs(text)).toBeNaN();
    },
  );
});

describe('billRowLine', () => {
  const row = (values: Record<string, string | null>) => billRowLine((name) => values[name] ?? null);

  it('reads a row by column name, the longest line as its end', () => {
    const line = row({
      resource_id: 'arn:aws:ecs:us-east-1:1:task/c/t',
      usage_type: 'USE1-Fargate-GB-Hours',
      usage_start: '2026-11-03 10:00:00.000',
      usage_amount: '1.5000000000',
      largest_usage_amount: '1.0000000000',
      unblended_cost: '0.0066675000',
      lines: '2',
      longest_line_ms: '2700000',
    });
    expect(line).toMatchObject({
      resourceId: 'arn:aws:ecs:us-east-1:1:task/c/t',
      startMs: Date.UTC(2026, 10, 3, 10),
      endMs: Date.UTC(2026, 10, 3, 10, 45),
      usageAmount: '1.5000000000',
      largestUsageAmount: '1.0000000000',
      lines: 2,
      service: null,
    });
  });

  it('is null for a row without a line count', () => {
    expect(row({lines: null})).toBeNull();
    expect(row({lines: 'many'})).toBeNull();
  });

  it("gives a skip row's fields the rules skip for its reason", () => {
    // The representative fields billSql writes for each reason.
    expect(classifyLine(row({line_item_type: 'SavingsPlanUpfrontFee', lines: '1'})!)).toEqual({
      kind: 'skip',
      reason: 'savings-plan-fee',
    });
    expect(classifyLine(row({line_item_type: 'Usage', product_code: 'OtherService', lines: '1'})!)).toEqual({
      kind: 'skip',
      reason: 'other-service',
    });
    expect(classifyLine(row({line_item_type: 'Usage', lines: '1'})!)).toEqual({
      kind: 'skip',
      reason: 'other-usage-type',
    });
    expect(
      classifyLine(row({line_item_type: 'SavingsPlanRecurringFee', usage_type: 'ComputeSP:', lines: '1'})!),
    ).toEqual({kind: 'commitment'});
    const sql = billSql({table: 'cur.data'});
    expect(sql).toContain("WHEN 'savings-plan-fee' THEN 'SavingsPlanUpfrontFee'");
    expect(sql).toContain("WHEN 'other-service' THEN 'OtherService'");
    expect(sql).toContain("WHEN 'commitment' THEN 'ComputeSP:'");
  });
});
