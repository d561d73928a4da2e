import {describe, expect, it} from 'vitest';
import {type ReconcileRun, reconcileLines} from '../../src/app/reconcile.js';
import type {BillLine} from '../../src/model/bill.js';
import type {ReconcileCell, ReconcileResult} from '../../src/model/reconcile.js';
import type {TaskRecord} from '../../src/model/task-record.js';
import {embeddedCatalog} from '../helpers/catalog.js';
import {bill, HOUR, NOW, ran, T0} from './history-fixtures.js';

/**
 * The rates (embedded catalog, us-east-1): On-Demand Linux x86 vCPU 0.04048, GB 0.004445; Windows
 * vCPU 0.046552, GB 0.00511175, licence 0.046; storage 0.000111; Spot Linux x86 vCPU 0.01288871,
 * GB 0.00141527. Every expected figure below is worked out by hand from them.
 */

const H10 = T0 + 10 * HOUR;
const size = {cpuUnits: 1024, memoryMiB: 2048};

/** The runs the meter bills for these records (keepRuns), as `reconcile` gets them. */
function runsOf(records: readonly TaskRecord[]): ReconcileRun[] {
  const result = bill(records, {keepRuns: true, asOfMs: NOW.getTime()});
  return [...result.runs!.runs];
}

function line(
  resourceId: string,
  hourMs: number,
  usageType: string,
  usageAmount: string,
  cost: string,
  extra: Partial<BillLine> = {},
): BillLine {
  return {
    resourceId,
    usageType,
    lineItemType: 'Usage',
    productCode: 'AmazonECS',
    operation: 'FargateTask',
    startMs: hourMs,
    endMs: hourMs + HOUR,
    region: 'us-east-1',
    account: '123456789012',
    currency: 'USD',
    usageAmount,
    unblendedCost: cost,
    publicOnDemandCost: cost,
    savingsPlanEffectiveCost: null,
    totalCommitment: null,
    usedCommitment: null,
    actualUsage: null,
    service: null,
    lines: 1,
    ...extra,
  };
}

const VCPU = 'USE1-Fargate-vCPU-Hours:perCPU';
const GB = 'USE1-Fargate-GB-Hours';

function run(records: readonly TaskRecord[], lines: readonly BillLine[]): ReconcileResult {
  return reconcileLines(runsOf(records), lines, {catalog: embeddedCatalog(), now: NOW});
}

function cellOf(
  result: ReconcileResult,
  arn: string,
  hourMs: number,
  key: string,
  purchase = 'on-demand',
): ReconcileCell {
  const found = result.cells.find(
    (cell) => cell.taskArn === arn && cell.hourMs === hourMs && cell.key === key && cell.purchase === purchase,
  );
  if (!found) throw new Error(`no cell ${arn} ${hourMs} ${key} ${purchase}`);
  return found;
}

/** A 1 vCPU / 2 GB Linux task from 10:10 for 30 minutes: 0.5 vCPU-hours ($0.02024), 1 GB-hour ($0.004445). */
const halfHour = (overrides: Partial<TaskRecord> = {}) => ran(H10 + 10 * 60_000, 30 * 60_000, {...size, ...overrides});

describe('reconcile', () => {
  it('agrees when the bill is the model, quantity and cost', () => {
    const task = halfHour();
    const result = run(
      [task],
      [line(task.taskArn, H10, VCPU, '0.5', '0.02024'), line(task.taskArn, H10, GB, '1', '0.004445')],
    );
    expect(result.counts).toEqual({agree: 2, differ: 0, 'history-only': 0, 'bill-only': 0});
    const vcpu = cellOf(result, task.taskArn, H10, 'linux-x86_64-vcpu');
    expect([vcpu.model!.quantity.toString(), vcpu.model!.cost.toString()]).toEqual(['0.5', '0.02024']);
    expect(vcpu.bill).toMatchObject({lines: 1, coveredLines: 0});
    expect(result.totals.modelCost.toString()).toBe('0.024685');
    expect(result.totals.billCost.toString()).toBe('0.024685');
    expect(result.totals.costDifference.toString()).toBe('0');
    expect(result.tasks).toEqual([]);
    expect(result.tolerance.perLine.toString()).toBe('0.0000000001');
  });

  it('finds a planted quantity difference, and a planted cost difference', () => {
    const a = halfHour();
    const b = halfHour();
    const result = run(
      [a, b],
      [
        line(a.taskArn, H10, VCPU, '0.5000000002', '0.02024'),
        line(a.taskArn, H10, GB, '1', '0.004445'),
        line(b.taskArn, H10, VCPU, '0.5', '0.0202400003'),
        line(b.taskArn, H10, GB, '1', '0.004445'),
      ],
    );
    expect(result.counts).toMatchObject({agree: 2, differ: 2});
    const quantity = cellOf(result, a.taskArn, H10, 'linux-x86_64-vcpu');
    expect(quantity.status).toBe('differ');
    expect(quantity.quantityDifference.toString()).toBe('0.0000000002');
    expect(quantity.costDifference.toString()).toBe('0');
    const cost = cellOf(result, b.taskArn, H10, 'linux-x86_64-vcpu');
    expect(cost.status).toBe('differ');
    expect(cost.quantityDifference.toString()).toBe('0');
    expect(cost.costDifference.toString()).toBe('0.0000000003');
    // Largest cost difference first.
    expect(result.cells[0]!.taskArn).toBe(b.taskArn);
    expect(result.tasks.map((task) => task.taskArn)).toEqual([b.taskArn, a.taskArn]);
  });

  it('calls a task the bill lacks history-only, and one the history lacks bill-only', () => {
    const known = halfHour();
    const missing = halfHour();
    const stranger = 'arn:aws:ecs:us-east-1:123456789012:task/prod/ffff';
    const result = run(
      [known, missing],
      [
        line(known.taskArn, H10, VCPU, '0.5', '0.02024'),
        line(known.taskArn, H10, GB, '1', '0.004445'),
        line(stranger, H10, VCPU, '0.25', '0.01012'),
      ],
    );
    expect(result.counts).toEqual({agree: 2, differ: 0, 'history-only': 2, 'bill-only': 1});
    const only = cellOf(result, missing.taskArn, H10, 'linux-x86_64-memory');
    expect([only.status, only.bill, only.costDifference.toString()]).toEqual(['history-only', null, '-0.004445']);
    const extra = cellOf(result, stranger, H10, 'linux-x86_64-vcpu');
    expect([extra.status, extra.model, extra.costDifference.toString()]).toEqual(['bill-only', null, '0.01012']);
    // Model 0.02024 + 0.004445 twice; bill 0.02024 + 0.004445 + 0.01012.
    expect(result.totals.modelCost.toString()).toBe('0.04937');
    expect(result.totals.billCost.toString()).toBe('0.034805');
    expect(result.totals.costDifference.toString()).toBe('-0.014565');
    expect(result.tasks.map((task) => task.taskArn).sort()).toEqual([missing.taskArn, stranger].sort());
  });

  it('sums a Savings Plan split (Usage + covered usage) at public On-Demand cost, negations left out', () => {
    const task = halfHour();
    const result = run(
      [task],
      [
        line(task.taskArn, H10, VCPU, '0.2', '0.008096'),
        line(task.taskArn, H10, VCPU, '0.3', '0.012144', {
          lineItemType: 'SavingsPlanCoveredUsage',
          savingsPlanEffectiveCost: '0.0087',
        }),
        line(task.taskArn, H10, VCPU, '0', '-0.012144', {lineItemType: 'SavingsPlanNegation'}),
        line(task.taskArn, H10, GB, '1', '0.004445'),
      ],
    );
    const vcpu = cellOf(result, task.taskArn, H10, 'linux-x86_64-vcpu');
    expect(vcpu.status).toBe('agree');
    expect(vcpu.bill).toMatchObject({lines: 2, coveredLines: 1});
    expect(vcpu.bill!.quantity.toString()).toBe('0.5');
    expect(vcpu.bill!.cost.toString()).toBe('0.02024');
    expect(vcpu.tolerance.toString()).toBe('0.0000000002');
  });

  it('falls back to the unblended cost without the public On-Demand column', () => {
    const task = halfHour();
    const result = run(
      [task],
      [
        line(task.taskArn, H10, VCPU, '0.5', '0.02024', {publicOnDemandCost: null}),
        line(task.taskArn, H10, GB, '1', '0.004445', {publicOnDemandCost: null}),
      ],
    );
    expect(result.counts.agree).toBe(2);
  });

  it('prices Spot vCPU and memory at Spot rates against the unblended cost, storage above 20 GiB On-Demand', () => {
    // 13:00 to 14:00 on Spot, 30 GiB: 1 vCPU-hour $0.01288871, 2 GB-hours $0.00283054, 10 GB-hours of storage $0.00111.
    const task = ran(T0 + 13 * HOUR, HOUR, {...size, storageGiB: 30, capacityProvider: 'FARGATE_SPOT'});
    const hour = T0 + 13 * HOUR;
    const result = run(
      [task],
      [
        line(task.taskArn, hour, 'USE1-SpotUsage-Fargate-vCPU-Hours:perCPU', '1', '0.01288871', {
          publicOnDemandCost: '0.04048',
        }),
        line(task.taskArn, hour, 'USE1-SpotUsage-Fargate-GB-Hours', '2', '0.00283054', {publicOnDemandCost: '0.00889'}),
        line(task.taskArn, hour, 'USE1-Fargate-EphemeralStorage-GB-Hours', '10', '0.00111'),
      ],
    );
    expect(result.counts).toEqual({agree: 3, differ: 0, 'history-only': 0, 'bill-only': 0});
    const vcpu = cellOf(result, task.taskArn, hour, 'linux-x86_64-vcpu', 'spot');
    expect(vcpu.model!.rate.toString()).toBe('0.01288871');
    const storage = cellOf(result, task.taskArn, hour, 'storage', 'on-demand');
    expect([storage.model!.quantity.toString(), storage.model!.cost.toString()]).toEqual(['10', '0.00111']);
  });

  it('bills a short Windows task its five-minute minimum, licence included', () => {
    // Two minutes billed as 300 s = 1/12 hour: vCPU 0.0833333333 ($0.046552/12 = 0.0038793333),
    // memory 0.1666666667 ($0.0008519583), licence 0.0833333333 ($0.046/12 = 0.0038333333).
    const task = ran(T0 + 12 * HOUR, 120_000, {...size, os: 'windows'});
    const hour = T0 + 12 * HOUR;
    const lines = [
      line(task.taskArn, hour, 'USE1-Fargate-Windows-vCPU-Hours:perCPU', '0.0833333333', '0.0038793333'),
      line(task.taskArn, hour, 'USE1-Fargate-Windows-GB-Hours', '0.1666666667', '0.0008519583'),
      line(task.taskArn, hour, 'USE1-Fargate-Windows-OS-Hours:perCPU', '0.0833333333', '0.0038333333'),
    ];
    expect(run([task], lines).counts.agree).toBe(3);
    // Billed for the two minutes alone (0.0333333333 vCPU-hours), AWS would have differed from the model.
    const short = [line(task.taskArn, hour, 'USE1-Fargate-Windows-vCPU-Hours:perCPU', '0.0333333333', '0.0015517333')];
    expect(cellOf(run([task], short), task.taskArn, hour, 'windows-x86_64-vcpu').status).toBe('differ');
  });

  it('splits a task across an hour boundary into two cells', () => {
    // 10:45 to 11:15: a quarter hour in each (0.25 vCPU-hours, $0.01012; 0.5 GB-hours, $0.0022225).
    const task = ran(H10 + 45 * 60_000, 30 * 60_000, size);
    const lines = [H10, H10 + HOUR].flatMap((hour) => [
      line(task.taskArn, hour, VCPU, '0.25', '0.01012'),
      line(task.taskArn, hour, GB, '0.5', '0.0022225'),
    ]);
    const result = run([task], lines);
    expect(result.counts.agree).toBe(4);
    expect(result.spans.compared).toEqual({fromMs: H10, toMs: H10 + 2 * HOUR});
    // The whole half hour on the first hour's line is a difference in both hours.
    const lumped = run(
      [task],
      [line(task.taskArn, H10, VCPU, '0.5', '0.02024'), ...lines.slice(1, 2), ...lines.slice(3)],
    );
    expect(cellOf(lumped, task.taskArn, H10, 'linux-x86_64-vcpu').status).toBe('differ');
    expect(cellOf(lumped, task.taskArn, H10 + HOUR, 'linux-x86_64-vcpu').status).toBe('history-only');
  });

  describe('the tolerance: |round10(model) - bill| <= lines x 1e-10', () => {
    // 1 vCPU for 61 s: 61/3600 = 0.016944444... vCPU-hours (0.0169444444 at 10 places), cost
    // 0.04048 x 61 / 3600 = 0.00068591111... (0.0006859111).
    const task = ran(H10, 61_000, size);
    const vcpu = (lines: BillLine[]) => cellOf(run([task], lines), task.taskArn, H10, 'linux-x86_64-vcpu');

    it('agrees exactly at it, one line', () => {
      expect(vcpu([line(task.taskArn, H10, VCPU, '0.0169444445', '0.0006859111')]).status).toBe('agree');
      expect(vcpu([line(task.taskArn, H10, VCPU, '0.0169444443', '0.0006859112')]).status).toBe('agree');
    });

    it('differs just beyond it, in quantity or in cost', () => {
      expect(vcpu([line(task.taskArn, H10, VCPU, '0.0169444446', '0.0006859111')]).status).toBe('differ');
      expect(vcpu([line(task.taskArn, H10, VCPU, '0.0169444444', '0.0006859109')]).status).toBe('differ');
    });

    it('grows with the lines of the cell', () => {
      const split = (second: string) => [
        line(task.taskArn, H10, VCPU, '0.0069444444', '0.0002811111'),
        line(task.taskArn, H10, VCPU, second, '0.0004048', {lineItemType: 'SavingsPlanCoveredUsage'}),
      ];
      // Two lines: 2e-10 allowed. 0.0069444444 + 0.0100000002 is 2e-10 above 0.0169444444.
      expect(vcpu(split('0.0100000002')).status).toBe('agree');
      expect(vcpu(split('0.0100000003')).status).toBe('differ');
    });
  });

  it("compares every hour of the bill: a task the history missed is a difference, history hours outside the bill's are not", () => {
    const early = ran(T0 + 5 * HOUR, 30 * 60_000, size);
    const task = halfHour();
    const result = run(
      [early, task],
      [
        line(task.taskArn, H10, VCPU, '0.5', '0.02024'),
        line(task.taskArn, H10, GB, '1', '0.004445'),
        line('arn:aws:ecs:us-east-1:123456789012:task/prod/later', T0 + 20 * HOUR, VCPU, '1', '0.04048'),
      ],
    );
    // The history covers 05:00 to 11:00, the bill 10:00 to 21:00: the bill's hours are compared, and the
    // task at 20:00 that the history never saw is a difference; the history's 05:00 task is outside.
    expect(result.spans.compared).toEqual({fromMs: H10, toMs: T0 + 21 * HOUR});
    expect(result.outside).toEqual({history: 2, bill: 0});
    expect(result.counts).toEqual({agree: 2, differ: 0, 'history-only': 0, 'bill-only': 1});
  });

  it('leaves out other lines: other services, fees, lines without a task', () => {
    const task = halfHour();
    const result = run(
      [task],
      [
        line(task.taskArn, H10, VCPU, '0.5', '0.02024'),
        line(task.taskArn, H10, GB, '1', '0.004445'),
        line(task.taskArn, H10, 'USE1-BoxUsage:t3.micro', '1', '0.0104', {productCode: 'AmazonEC2'}),
        line(task.taskArn, H10, VCPU, '0', '0.01', {lineItemType: 'Tax'}),
        line('', H10, VCPU, '0.5', '0.02024', {resourceId: null}),
        line(task.taskArn, H10, GB, 'lots', '0.004445'),
      ],
    );
    expect(result.counts).toEqual({agree: 2, differ: 0, 'history-only': 0, 'bill-only': 0});
    expect(result.bill).toMatchObject({lines: 6, usageLines: 3, withoutResource: 1, invalid: 1});
  });
});
