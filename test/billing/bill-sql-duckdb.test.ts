import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {billRowLine, billSql} from '../../src/billing/bill-sql.js';
import {type BillLedgerState, createBillLedger, scaledText} from '../../src/billing/bill.js';
import type {BillLine} from '../../src/model/bill.js';
import {type Cur2Row, cur2Table, type Duck, queryRows, rawLines} from './cur2-table.js';

/**
 * billSql run by DuckDB over a small CUR 2.0 table: its rows, read back with billRowLine, must
 * leave the ledger exactly as the table's line items fed one by one do.
 */

const ARN = (cluster: string, id: string) => `arn:aws:ecs:us-east-1:111122223333:task/${cluster}/${id}`;
const A = ARN('prod', 'aaa');
const B = ARN('pair', 'bbb');
const C = ARN('prod', 'ccc');
const W = ARN('win', 'www');
const S = ARN('batch', 'sss');
const P = ARN('prod', 'ppp');

const ROWS: readonly Cur2Row[] = [
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
function canonical(state: BillLedgerState) {
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
  };
}

function ledgerOf(lines: readonly BillLine[]) {
  const ledger = createBillLedger();
  for (const line of lines) ledger.add(line);
  return canonical(ledger.finish());
}

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

  it('filters by start and billing period, as the line items filtered one by one', async () => {
    const fromMs = Date.parse('2026-11-03T11:00:00Z');
    const toMs = Date.parse('2026-12-01T00:00:00Z');
    const sql = billSql({table: 'cur.data', fromMs, toMs});
    expect(sql).toContain("billing_period >= '2026-11'");
    expect(sql).toContain("billing_period <= '2026-11'");
    const raw = (await rawLines(duck))
      .filter(({line, billingPeriod}) => line.startMs >= fromMs && line.startMs < toMs && billingPeriod === '2026-11')
      .map((entry) => entry.line);
    const viaSql = ledgerOf(await queryLines(duck, sql));
    expect(viaSql).toEqual(ledgerOf(raw));
    // A's four lines of 11:00 and 12:00, its two invalid ones, the 13:00 line without resource, the 11:00 fee and EC2 line.
    expect(viaSql.firstHour).toBe(hourOf('2026-11-03 11:00:00'));
    expect(viaSql.lastHour).toBe(hourOf('2026-11-03 13:00:00'));
    expect(viaSql.lines).toBe(9);
  });
});
