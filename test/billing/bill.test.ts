import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {
  classifyLine,
  createBillLedger,
  fargateUsageTypeOf,
  scaledAmount,
  scaledPlain,
  scaledText,
  taskArnParts,
} from '../../src/billing/bill.js';
import {D} from '../../src/money/decimal.js';
import type {BillLine} from '../../src/model/bill.js';

/** An amount to ten places, half away from zero, by decimal.js: a reference the ledger's parsers share nothing with. */
const reference = (text: string) => BigInt(new D(text).toDecimalPlaces(10, D.ROUND_HALF_UP).times(1e10).toFixed(0));

describe('scaledPlain (the fast path)', () => {
  it('agrees with decimal.js on doubles as String() writes them, and on long decimal text', () => {
    fc.assert(
      fc.property(fc.double({min: -1e6, max: 1e6, noNaN: true}), (value) => {
        const text = String(value);
        const fast = scaledPlain(text);
        if (Number.isNaN(fast)) expect(/e/i.test(text) || Math.abs(value) >= 2 ** 52 / 1e10).toBe(true);
        else expect(BigInt(fast)).toBe(reference(text));
        expect(scaledAmount(text)).toBe(reference(text));
      }),
      {numRuns: 2000},
    );
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.stringMatching(/^[0-9]{1,5}$/),
        fc.stringMatching(/^[0-9]{0,16}$/),
        (negative, whole, fraction) => {
          const text = `${negative ? '-' : ''}${whole}.${fraction}`;
          expect(BigInt(scaledPlain(text))).toBe(reference(text));
        },
      ),
      {numRuns: 2000},
    );
  });
  it('rounds half away from zero at the eleventh place', () => {
    expect(scaledPlain('0.00000000005')).toBe(1);
    expect(scaledPlain('0.000000000049999')).toBe(0);
    expect(scaledPlain('-0.00000000015')).toBe(-2);
    expect(scaledPlain('0.99999999995')).toBe(10_000_000_000);
  });
  it('leaves to the general rules what is not plain decimal text below 2^52 units', () => {
    for (const text of ['', '-', '.', '1e3', ' 1', '1 ', '1.2.3', 'NaN', '--1', '+-1', '450359.9627370496', '1x']) {
      expect(Number.isNaN(scaledPlain(text)), text).toBe(true);
    }
    expect(scaledAmount('450359.9627370496')).toBe(4_503_599_627_370_496n);
  });
});

describe('the ledger sums exactly beyond what a double holds', () => {
  it('sums amounts whose total passes 2^52 units, and a single line above it', () => {
    const ledger = createBillLedger();
    const line = (unblendedCost: string): BillLine => ({
      resourceId: 'arn:aws:ecs:us-east-1:123456789012:task/prod/0123456789abcdef0123456789abcdef',
      usageType: 'USE1-Fargate-vCPU-Hours:perCPU',
      lineItemType: 'Usage',
      productCode: 'AmazonECS',
      operation: 'FargateTask',
      startMs: Date.parse('2026-11-03T10:00:00Z'),
      endMs: Date.parse('2026-11-03T11:00:00Z'),
      region: 'us-east-1',
      account: '123456789012',
      currency: 'USD',
      usageAmount: '0.0000000001',
      unblendedCost,
      publicOnDemandCost: null,
      savingsPlanEffectiveCost: null,
      totalCommitment: null,
      usedCommitment: null,
      actualUsage: null,
      service: 'web',
      lines: 1,
    });
    // 300,000.0000000001 x 3 = 900,000.0000000003 (2^52 units is 450,359.9627370496).
    for (let i = 0; i < 3; i++) ledger.add(line('300000.0000000001'));
    ledger.add(line('1000000000.0000000007'));
    const [cell, ...others] = ledger.finish().cells;
    expect(others).toEqual([]);
    expect(scaledText(cell!.sums.charged)).toBe('1000900000.000000001');
    expect(scaledText(cell!.sums.paid)).toBe('1000900000.000000001');
    expect(scaledText(cell!.sums.publicOnDemand)).toBe('1000900000.000000001');
    expect(cell!.sums.usage).toBe(4n);
    expect(cell!.sums.lines).toBe(4);
  });
});

describe('scaledAmount', () => {
  it('reads decimal text to ten places, exactly', () => {
    expect(scaledAmount('0.0404800000')).toBe(404_800_000n);
    expect(scaledAmount('12')).toBe(120_000_000_000n);
    expect(scaledAmount('-0.5')).toBe(-5_000_000_000n);
    expect(scaledAmount('.25')).toBe(2_500_000_000n);
  });
  it('reads a number written with an exponent, as String() writes small doubles', () => {
    expect(scaledAmount(String(6.944444e-7))).toBe(6944n);
    expect(scaledAmount('1e3')).toBe(10_000_000_000_000n);
  });
  it('rounds half away from zero beyond ten places, as CAST(x AS DECIMAL(38, 10))', () => {
    expect(scaledAmount('0.00000000005')).toBe(1n);
    expect(scaledAmount('0.000000000049999')).toBe(0n);
    expect(scaledAmount('-0.00000000005')).toBe(-1n);
    expect(scaledAmount('0.00069444444444')).toBe(6_944_444n);
  });
  it('refuses what is not a number', () => {
    for (const text of ['', ' ', 'abc', '1.2.3', 'NaN', 'Infinity', '1e', '--1', '1e999']) {
      expect(scaledAmount(text)).toBeNull();
    }
    expect(scaledAmount(null)).toBeNull();
  });
  it('round-trips through scaledText for any ten-place decimal', () => {
    fc.assert(
      fc.property(fc.bigInt({min: -(10n ** 20n), max: 10n ** 20n}), (value) => {
        const text = scaledText(value);
        expect(scaledAmount(text)).toBe(value);
        expect(new D(text).times(1e10).toFixed(0)).toBe(value.toString());
      }),
    );
  });
});

describe('fargateUsageTypeOf', () => {
  it('reads every Fargate usage type, with any region prefix or none', () => {
    expect(fargateUsageTypeOf('USE1-Fargate-vCPU-Hours:perCPU')).toEqual({
      key: 'linux-x86_64-vcpu',
      resource: 'vcpu',
      purchase: 'on-demand',
    });
    expect(fargateUsageTypeOf('EU-Fargate-GB-Hours')?.key).toBe('linux-x86_64-memory');
    expect(fargateUsageTypeOf('Fargate-GB-Hours')?.key).toBe('linux-x86_64-memory');
    expect(fargateUsageTypeOf('APN2-Fargate-ARM-vCPU-Hours:perCPU')?.key).toBe('linux-arm64-vcpu');
    expect(fargateUsageTypeOf('USE1-Fargate-ARM-GB-Hours')?.key).toBe('linux-arm64-memory');
    expect(fargateUsageTypeOf('USE1-Fargate-Windows-vCPU-Hours:perCPU')?.key).toBe('windows-x86_64-vcpu');
    expect(fargateUsageTypeOf('USE1-Fargate-Windows-GB-Hours')?.key).toBe('windows-x86_64-memory');
    expect(fargateUsageTypeOf('USE1-Fargate-Windows-OS-Hours:perCPU')?.key).toBe('windows-x86_64-os-license');
    expect(fargateUsageTypeOf('USW2-Fargate-EphemeralStorage-GB-Hours')?.key).toBe('storage');
    expect(fargateUsageTypeOf('USW2-SpotUsage-Fargate-vCPU-Hours:perCPU')).toEqual({
      key: 'linux-x86_64-vcpu',
      resource: 'vcpu',
      purchase: 'spot',
    });
    expect(fargateUsageTypeOf('EUC1-SpotUsage-Fargate-ARM-GB-Hours')).toMatchObject({
      key: 'linux-arm64-memory',
      purchase: 'spot',
    });
  });
  it('refuses what is not Fargate, and combinations AWS does not bill', () => {
    for (const type of [
      'USE1-ECS-EC2-vCPU-Hours',
      'USE1-ECS-Anywhere-Instance-hours',
      'BoxUsage:m5.large',
      'USE1-Fargate-OS-Hours:perCPU',
      'USE1-Fargate-ARM-EphemeralStorage-GB-Hours',
      'USE1-SpotUsage-Fargate-Windows-vCPU-Hours:perCPU',
      'USE1-SpotUsage-Fargate-EphemeralStorage-GB-Hours',
      'USE1-Fargate-vCPU-Hours:perCPU-extra',
      'ComputeSP:1yrNoUpfront',
    ]) {
      expect(fargateUsageTypeOf(type), type).toBeNull();
    }
  });
});

describe('taskArnParts', () => {
  it('reads the region and cluster of a task ARN', () => {
    expect(taskArnParts('arn:aws:ecs:us-east-1:111122223333:task/prod/0123abcd')).toEqual({
      region: 'us-east-1',
      cluster: 'prod',
    });
    expect(taskArnParts('arn:aws:ecs:eu-west-1:111122223333:task/0123abcd')).toEqual({
      region: 'eu-west-1',
      cluster: null,
    });
    expect(taskArnParts('i-0123456789')).toBeNull();
  });
});

const line = (fields: Partial<BillLine>): BillLine => ({
  resourceId: 'arn:aws:ecs:us-east-1:111122223333:task/prod/abc',
  usageType: 'USE1-Fargate-vCPU-Hours:perCPU',
  lineItemType: 'Usage',
  productCode: 'AmazonECS',
  operation: 'FargateTask',
  startMs: Date.UTC(2026, 10, 3, 10),
  endMs: Date.UTC(2026, 10, 3, 11),
  region: 'us-east-1',
  account: '111122223333',
  currency: 'USD',
  usageAmount: '1',
  unblendedCost: '0.04048',
  publicOnDemandCost: '0.04048',
  savingsPlanEffectiveCost: null,
  totalCommitment: null,
  usedCommitment: null,
  actualUsage: null,
  service: null,
  lines: 1,
  ...fields,
});

describe('classifyLine', () => {
  it('sorts usage by how it was paid, and skips the rest with a reason', () => {
    expect(classifyLine(line({}))).toMatchObject({kind: 'usage', coverage: 'on-demand'});
    expect(classifyLine(line({usageType: 'USE1-SpotUsage-Fargate-GB-Hours'}))).toMatchObject({
      kind: 'usage',
      coverage: 'spot',
    });
    expect(classifyLine(line({lineItemType: 'SavingsPlanCoveredUsage'}))).toMatchObject({
      kind: 'usage',
      coverage: 'savings-plan',
    });
    expect(classifyLine(line({lineItemType: 'SavingsPlanNegation'}))).toMatchObject({kind: 'negation'});
    expect(classifyLine(line({lineItemType: 'Credit'}))).toMatchObject({kind: 'adjustment'});
    expect(classifyLine(line({lineItemType: 'SavingsPlanRecurringFee', usageType: 'ComputeSP:1yrNoUpfront'}))).toEqual({
      kind: 'commitment',
    });
    expect(classifyLine(line({lineItemType: 'SavingsPlanUpfrontFee'}))).toEqual({
      kind: 'skip',
      reason: 'savings-plan-fee',
    });
    expect(classifyLine(line({productCode: 'AmazonEC2', usageType: 'BoxUsage:m5.large'}))).toEqual({
      kind: 'skip',
      reason: 'other-service',
    });
    expect(classifyLine(line({usageType: 'USE1-ECS-EC2-vCPU-Hours'}))).toEqual({
      kind: 'skip',
      reason: 'other-usage-type',
    });
    expect(classifyLine(line({productCode: 'AmazonEKS'}))).toEqual({kind: 'skip', reason: 'other-service'});
  });
});

describe('createBillLedger: billing period and window', () => {
  const OCT = Date.UTC(2026, 9, 1);
  const NOV = Date.UTC(2026, 10, 1);
  const DEC = Date.UTC(2026, 11, 1);
  it('keeps the earliest period start and latest end of any line, Fargate, skipped or outside the window', () => {
    const ledger = createBillLedger({fromMs: Date.UTC(2026, 10, 3), toMs: Date.UTC(2026, 10, 4)});
    ledger.add(line({billingPeriodStartMs: NOV, billingPeriodEndMs: DEC}));
    // Another service's line, in October's period: skipped, its period still counts.
    ledger.add(line({productCode: 'AmazonEC2', billingPeriodStartMs: OCT, billingPeriodEndMs: NOV}));
    // Outside --from/--to: not summed, its period counts.
    ledger.add(line({startMs: Date.UTC(2026, 10, 20), billingPeriodStartMs: NOV, billingPeriodEndMs: DEC}));
    ledger.add(line({billingPeriodStartMs: null, billingPeriodEndMs: Number.NaN}));
    const state = ledger.finish();
    expect([state.billingPeriodStartMs, state.billingPeriodEndMs]).toEqual([OCT, DEC]);
    expect([state.fromMs, state.toMs]).toEqual([Date.UTC(2026, 10, 3), Date.UTC(2026, 10, 4)]);
    expect(state.skipped.get('outside-window')).toBe(1);
  });

  it('has no period when no line states one, and an open window without --from/--to', () => {
    const ledger = createBillLedger();
    ledger.add(line({}));
    const state = ledger.finish();
    expect([state.billingPeriodStartMs, state.billingPeriodEndMs, state.fromMs, state.toMs]).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });
});
