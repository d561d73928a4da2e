import {describe, expect, it} from 'vitest';
import {createUsageCollector} from '../../src/analysis/rightsize.js';
import {createBillSampler} from '../../src/analysis/rightsize-bill.js';
import {rightsize} from '../../src/app/rightsize.js';
import type {BillLine} from '../../src/model/bill.js';
import type {UsageSample} from '../../src/model/rightsize.js';
import {renderRightsizeTable} from '../../src/report/rightsize.js';
import {readBillFiles} from '../../src/sources/bill/read.js';
import {embeddedCatalog} from '../helpers/catalog.js';

/**
 * Rightsizing from the bill (split cost allocation data): one sample a task and clock hour,
 * size x actual / reserved usage, the size the task's largest hourly reservation. Rates (embedded
 * catalog, us-east-1, On-Demand): x86 vCPU 0.04048, GB 0.004445 a hour.
 */

const catalog = embeddedCatalog();
const NOW = new Date('2026-12-01T00:00:00Z');
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 1);

const VCPU = 'USE1-Fargate-vCPU-Hours:perCPU';
const GB = 'USE1-Fargate-GB-Hours';

function line(
  task: string,
  hour: number,
  usageType: string,
  reserved: string,
  actual: string | null,
  extra: Partial<BillLine> = {},
): BillLine {
  return {
    resourceId: `arn:aws:ecs:us-east-1:111122223333:task/prod/${task}`,
    usageType,
    lineItemType: 'Usage',
    productCode: 'AmazonECS',
    operation: 'FargateTask',
    startMs: T0 + hour * HOUR,
    endMs: T0 + (hour + 1) * HOUR,
    region: 'us-east-1',
    account: '111122223333',
    currency: 'USD',
    usageAmount: reserved,
    unblendedCost: '0',
    publicOnDemandCost: '0',
    savingsPlanEffectiveCost: null,
    totalCommitment: null,
    usedCommitment: null,
    actualUsage: actual,
    service: 'web',
    lines: 1,
    ...extra,
  };
}

const x86 = {os: 'linux', arch: 'x86_64'} as const;

function sample(lines: readonly BillLine[]) {
  const sampler = createBillSampler(x86);
  for (const l of lines) sampler.add(l);
  return sampler.finish();
}

describe('bill samples', () => {
  it("reads the fixture's api service (test/fixtures/bill/README.md, task 7): 24 hours at 30% of the vCPU, 60% of the memory", async () => {
    const sampler = createBillSampler(x86);
    for await (const batch of readBillFiles(['test/fixtures/bill/cur2.csv.gz'])) for (const l of batch) sampler.add(l);
    const {samples, skipped} = sampler.finish();
    // 1 vCPU / 2 GB, every hour reserved in full: 1024 x 0.3 = 307.2 units, 2048 x 0.6 = 1228.8 MiB. The
    // Savings Plan hour (23:00) is two lines for each dimension (covered 0.5 + usage 0.5 vCPU-hours, actual
    // 0.15 + 0.15): summed, the same.
    expect(samples).toHaveLength(24);
    expect(new Set(samples.map((s) => `${s.service}|${s.cluster}|${s.cpuReserved}/${s.memoryReserved}`))).toEqual(
      new Set(['api|prod|1024/2048']),
    );
    expect(new Set(samples.map((s) => `${s.cpuUtilized}/${s.memoryUtilized}/${s.tasks}`))).toEqual(
      new Set(['307.2/1228.8/1']),
    );
    // report-x86 (3 hours, no actual usage); crawler-spot-x86 (2 hours) and etl-big-disk (1): size unknown;
    // the arm64 and Windows tasks (thumbnails, crawler-spot-arm, invoice): another platform, an hour each.
    expect(skipped).toEqual({'no-actual-usage': 3, 'unknown-size': 3, 'other-platform': 3});
  });

  it('sums the lines of an hour, takes the size from the largest hour, and leaves tasks of unknown size out', () => {
    const lines = [
      // t1, 1 vCPU / 2 GB: half of hour 0 (reserved 0.5 and 1), hour 1 whole and split by a Savings Plan, hour 2 whole.
      line('t1', 0, VCPU, '0.5', '0.1'),
      line('t1', 0, GB, '1', '0.25'),
      line('t1', 1, VCPU, '0.4', '0.2', {lineItemType: 'SavingsPlanCoveredUsage'}),
      line('t1', 1, VCPU, '0', null, {lineItemType: 'SavingsPlanNegation'}),
      line('t1', 1, VCPU, '0.6', '0.3'),
      line('t1', 1, GB, '2', '1'),
      line('t1', 2, VCPU, '1', '0.25'),
      line('t1', 2, GB, '2', '0.5'),
      // t2: only two clock hours, both half: 0.5 vCPU / 1 GB would look like a size; unknown.
      line('t2', 0, VCPU, '0.5', '0.1'),
      line('t2', 0, GB, '1', '0.2'),
      line('t2', 1, VCPU, '0.5', '0.1'),
      line('t2', 1, GB, '1', '0.2'),
      // t3: 3000 CPU units (2.9296875 vCPU) is no Fargate size.
      ...[0, 1, 2].flatMap((h) => [line('t3', h, VCPU, '2.9296875', '1'), line('t3', h, GB, '8', '1')]),
    ];
    const {samples, skipped} = sample(lines);
    expect(skipped).toEqual({'unknown-size': 5, 'no-actual-usage': 0, 'other-platform': 0});
    // Hour 0: 1024 x 0.1 / 0.5 = 204.8 units, 2048 x 0.25 / 1 = 512 MiB, half a task. Hour 1: 1024 x 0.5 / 1 =
    // 512, 2048 x 1 / 2 = 1024. Hour 2: 256, 512.
    expect(
      samples.map((s) => [
        s.timestampMs - T0,
        s.cpuUtilized,
        s.memoryUtilized,
        s.cpuReserved,
        s.memoryReserved,
        s.tasks,
      ]),
    ).toEqual([
      [0, 204.8, 512, 1024, 2048, 0.5],
      [HOUR, 512, 1024, 1024, 2048, 1],
      [2 * HOUR, 256, 512, 1024, 2048, 1],
    ]);
  });
});

describe('rightsize from the bill', () => {
  /**
   * web: 2 tasks of 2 vCPU / 4 GB, 8 days (192 whole hours). Hour h, k = h mod 50: actual 0.2 + 0.002k
   * vCPU-hours of 2 reserved, 1 + 0.01k GB-hours of 4. A sample: 2048 x A / 2 = 1024 A units, 4096 x A / 4 =
   * 1024 A MiB. 192 = 3 x 50 + 42: k 42..49 occur 3 times a task, 6 in all, the highest values; 384 samples.
   * CPU p99: rank ceil(0.99 x 384) = 381, among the six k = 49 (ranks 379..384): 1024 x 0.298 = 305.152.
   * Memory max: 1024 x 1.49 = 1525.76. Required 305.152 x 1.2 = 366.1824 units (more than 0.25 vCPU) and
   * 1525.76 x 1.2 = 1830.912 MiB: 0.5 vCPU / 2 GB. 8 days, no gap: not thin; average tasks 384 / 192 = 2.
   * Now 2 x 0.04048 + 4 x 0.004445 = 0.09874 a task-hour, x 2 x 730 = 144.1604; after 0.5 x 0.04048 +
   * 2 x 0.004445 = 0.02913, x 1460 = 42.5298; saving 101.6306.
   */
  function web(): UsageSample[] {
    const lines: BillLine[] = [];
    for (const task of ['a', 'b'])
      for (let h = 0; h < 192; h++) {
        const k = h % 50;
        lines.push(
          line(task, h, VCPU, '2', (0.2 + 0.002 * k).toFixed(3)),
          line(task, h, GB, '4', (1 + 0.01 * k).toFixed(2)),
        );
      }
    return sample(lines).samples;
  }

  it('shrinks on hourly averages by the same rule, and says to confirm with Container Insights', () => {
    const collector = createUsageCollector();
    for (const s of web()) collector.add(s, 'bill-hours', HOUR, true, 'hourly-average');
    const result = rightsize({groups: collector.finish(), catalog, now: NOW});
    const [r] = result.recommendations;
    expect(r!.name).toEqual({region: 'us-east-1', cluster: 'prod', by: 'service', name: 'web'});
    expect(r!.coverage).toMatchObject({
      basis: 'bill-hours',
      memoryPeak: 'hourly-average',
      samples: 384,
      tasks: 2,
      thin: [],
    });
    expect(r!.coverage.averageTasks.toString()).toBe('2');
    expect(r!.judged).toEqual({cpu: 305.152, memory: 1525.76});
    expect([r!.required.cpu.toString(), r!.required.memory.toString()]).toEqual(['366.1824', '1830.912']);
    expect([r!.reason, r!.recommended]).toEqual(['shrink', {cpu: 512, memory: 2048}]);
    expect(r!.currentPrice.monthly.toString()).toBe('144.1604');
    expect(r!.recommendedPrice.monthly.toString()).toBe('42.5298');
    expect(r!.monthlySaving.toString()).toBe('101.6306');
    const table = renderRightsizeTable(result);
    expect(table).toContain(
      '0.5 vCPU / 2 GB holds it; but memory is judged at the highest hourly average (the bill gives an hour of use as one figure), which hides short peaks: confirm with Container Insights before shrinking',
    );
    expect(table).toContain('! web: memory is judged at the highest hourly average of the bill');
    expect(table).toContain('from the bill, one sample per task and clock hour');
  });

  it('a task without a service tag is named by its cluster', () => {
    const lines = [0, 1, 2].flatMap((h) => [
      line('t', h, VCPU, '1', '0.5', {service: null}),
      line('t', h, GB, '2', '1', {service: null}),
    ]);
    const collector = createUsageCollector();
    for (const s of sample(lines).samples) collector.add(s, 'bill-hours', HOUR, true, 'hourly-average');
    expect(collector.finish()[0]!.name).toEqual({region: 'us-east-1', cluster: 'prod', by: 'cluster', name: 'prod'});
  });
});
