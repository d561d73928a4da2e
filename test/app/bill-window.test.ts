import {describe, expect, it} from 'vitest';
import {billResult} from '../../src/app/bill.js';
import {createBillLedger} from '../../src/billing/bill.js';
import type {BillLine} from '../../src/model/bill.js';

/** billResult's window: --from/--to, else the billing period, else the usage; everything hourly dense over it. */

const H = 3_600_000;
const T0 = Date.UTC(2026, 10, 3, 10);
const NOV = Date.UTC(2026, 10, 1);
const DEC = Date.UTC(2026, 11, 1);

const usage = (hour: number, fields: Partial<BillLine> = {}): BillLine => ({
  resourceId: 'arn:aws:ecs:us-east-1:111122223333:task/prod/abc',
  usageType: 'USE1-Fargate-vCPU-Hours:perCPU',
  lineItemType: 'Usage',
  productCode: 'AmazonECS',
  operation: 'FargateTask',
  startMs: T0 + hour * H,
  endMs: T0 + (hour + 1) * H,
  region: 'us-east-1',
  account: '111122223333',
  currency: 'USD',
  usageAmount: '1',
  unblendedCost: '0.04',
  publicOnDemandCost: '0.04',
  savingsPlanEffectiveCost: null,
  totalCommitment: null,
  usedCommitment: null,
  actualUsage: null,
  service: null,
  lines: 1,
  ...fields,
});
const fee = (hour: number, fields: Partial<BillLine> = {}) =>
  usage(hour, {
    lineItemType: 'SavingsPlanRecurringFee',
    usageType: 'ComputeSP:1yrNoUpfront',
    productCode: 'ComputeSavingsPlans',
    resourceId: null,
    unblendedCost: '0.01',
    totalCommitment: '0.01',
    usedCommitment: '0',
    ...fields,
  });

function resultOf(lines: BillLine[], window: {fromMs?: number; toMs?: number} = {}) {
  const ledger = createBillLedger(window);
  for (const line of lines) ledger.add(line);
  return billResult(ledger.finish(), [], window);
}

describe('billResult: the window', () => {
  it('without a period or flags: the first usage hour to the last plus an hour; fees past it are not shown', () => {
    // Usage in hours 0 and 2; a fee in hours 2 and 3 (the last after the usage).
    const result = resultOf([usage(0), usage(2), fee(2), fee(3)]);
    expect(result.window).toMatchObject({fromMs: T0, toMs: T0 + 3 * H});
    expect(result.window?.hours.toString()).toBe('3');
    expect(result.hourly.map((hour) => (hour.startMs - T0) / H)).toEqual([0, 1, 2]);
    expect(result.hourly.map((hour) => hour.paid.toString())).toEqual(['0.04', '0', '0.04']);
    expect(result.savingsPlans.commitment.toString()).toBe('0.01');
    expect(result.profile.hours).toHaveLength(3);
    // 0.08 paid over 3 hours, a 730-hour month.
    expect(result.projection?.monthlyPaid.toFixed(10)).toBe('19.4666666667');
  });

  it('with a billing period: every hour of it, the idle ones included, for the bill and for each group', () => {
    const period = {billingPeriodStartMs: NOV, billingPeriodEndMs: DEC};
    const result = resultOf([usage(0, period), usage(2, period), fee(3, period)]);
    expect(result.window).toMatchObject({fromMs: NOV, toMs: DEC});
    expect(result.window?.hours.toString()).toBe('720');
    expect(result.hourly).toHaveLength(720);
    expect(result.hourly[0]!.startMs).toBe(NOV);
    expect(result.hourly.at(-1)!.startMs).toBe(DEC - H);
    expect(result.profile.hours).toHaveLength(720);
    expect(result.profile.hours[0]!.startMs).toBe(NOV);
    expect(result.components.map((c) => c.profile.hours.length)).toEqual([720]);
    // Usage of hour 0 is the 58th hour of November (2 days and 10 hours in): 1 vCPU-hour, 1024 x 3,600,000 unit-ms.
    const busy = result.profile.hours.findIndex((hour) => hour.unitMs.some((ms) => ms > 0n));
    expect([busy, result.profile.hours[busy]!.unitMs]).toEqual([58, [3_686_400_000n]]);
    expect(result.projection?.monthlyPaid.toFixed(10)).toBe('0.0811111111'); // 0.08 / 720 x 730
  });

  it('a period that leaves out some usage is widened to hold it', () => {
    const result = resultOf([
      usage(0, {billingPeriodStartMs: T0 + 2 * H, billingPeriodEndMs: T0 + 3 * H}),
      usage(4, {billingPeriodStartMs: null}),
    ]);
    expect(result.window).toMatchObject({fromMs: T0, toMs: T0 + 5 * H});
    expect(result.hourly).toHaveLength(5);
    expect(result.profile.hours).toHaveLength(5);
  });

  it('--from and --to win over the period; the ledger state carries them, and options may give them', () => {
    const period = {billingPeriodStartMs: NOV, billingPeriodEndMs: DEC};
    const window = {fromMs: T0, toMs: T0 + 24 * H};
    const result = resultOf([usage(0, period), usage(30, period), fee(5, period), fee(40, period)], window);
    expect(result.window).toMatchObject(window);
    expect(result.hourly).toHaveLength(24);
    expect(result.totals.paid.toString()).toBe('0.04');
    expect(result.savingsPlans.commitment.toString()).toBe('0.01');
    // From the state alone (no options), the same window.
    const ledger = createBillLedger(window);
    ledger.add(usage(0, period));
    expect(billResult(ledger.finish(), []).window).toMatchObject(window);
  });

  it('--from past the period end is an empty window: no hours, no projection', () => {
    const fromMs = DEC + 4 * 24 * H;
    const result = resultOf([usage(0, {billingPeriodStartMs: NOV, billingPeriodEndMs: DEC})], {fromMs});
    expect(result.window).toMatchObject({fromMs, toMs: fromMs});
    expect(result.window?.hours.toString()).toBe('0');
    expect(result.hourly).toEqual([]);
    expect(result.projection).toBeNull();
    expect(result.components).toEqual([]);
  });
});
