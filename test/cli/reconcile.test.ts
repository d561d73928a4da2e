import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Readable} from 'node:stream';
import {afterAll, describe, expect, it} from 'vitest';
import {type OpenBill, runReconcileCommand} from '../../src/cli/commands/reconcile-action.js';
import type {ReconcileFlags} from '../../src/cli/commands/reconcile.js';
import type {CliIo} from '../../src/cli/io.js';
import {isUserError} from '../../src/errors.js';
import type {BillLine, BillSource} from '../../src/model/bill.js';
import {runCli} from '../helpers/cli.js';
import {schemaErrors} from '../helpers/schema.js';

/**
 * The reconcile action end to end but for the bill file reader (sources/bill), which a test's bill
 * source stands in for: a history file read as `history` reads it, the bill's lines streamed in
 * batches, the report, the exit code and the one stderr line. The rates are the embedded catalog's
 * (us-east-1 On-Demand Linux x86: vCPU 0.04048, GB 0.004445).
 */

const dir = mkdtempSync(join(tmpdir(), 'fargate-cost-reconcile-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

const ARN_A = 'arn:aws:ecs:us-east-1:123456789012:task/prod/aaaa';
const ARN_B = 'arn:aws:ecs:us-east-1:123456789012:task/prod/bbbb';

/** Two 1 vCPU / 2 GB tasks from 10:10 to 10:40: each 0.5 vCPU-hours ($0.02024) and 1 GB-hour ($0.004445). */
function historyFile(): string {
  const task = (taskArn: string) =>
    JSON.stringify({
      taskArn,
      clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/prod',
      launchType: 'FARGATE',
      cpu: '1024',
      memory: '2048',
      lastStatus: 'STOPPED',
      group: 'service:web',
      taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:1',
      pullStartedAt: '2026-11-02T10:10:00Z',
      stoppedAt: '2026-11-02T10:40:00Z',
    });
  const path = join(dir, 'history.ndjson');
  writeFileSync(path, `${task(ARN_A)}\n${task(ARN_B)}\n`);
  return path;
}

const HOUR = Date.parse('2026-11-02T10:00:00Z');

function line(resourceId: string, usageType: string, usageAmount: string, cost: string): BillLine {
  return {
    resourceId,
    usageType,
    lineItemType: 'Usage',
    productCode: 'AmazonECS',
    operation: 'FargateTask',
    startMs: HOUR,
    endMs: HOUR + 3_600_000,
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
  };
}

const exact = [
  line(ARN_A, 'USE1-Fargate-vCPU-Hours:perCPU', '0.5', '0.02024'),
  line(ARN_A, 'USE1-Fargate-GB-Hours', '1', '0.004445'),
  line(ARN_B, 'USE1-Fargate-vCPU-Hours:perCPU', '0.5', '0.02024'),
  line(ARN_B, 'USE1-Fargate-GB-Hours', '1', '0.004445'),
];

/** A bill source of these lines, in batches of two, that remembers the paths it was opened with. */
function billOf(lines: readonly BillLine[], opened: string[][] = []): OpenBill {
  return (paths) => {
    opened.push([...paths]);
    const source: BillSource = {
      async *[Symbol.asyncIterator]() {
        for (let i = 0; i < lines.length; i += 2) yield lines.slice(i, i + 2);
      },
      sources: () => [],
    };
    return source;
  };
}

async function reconcileWith(
  lines: readonly BillLine[],
  flags: Partial<ReconcileFlags> = {},
): Promise<{code: number; stdout: string; stderr: string; opened: string[][]}> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: {write: (text: string) => (stdout += text), isTTY: false},
    stderr: {write: (text: string) => (stderr += text), isTTY: false},
    stdin: Readable.from([]) as unknown as CliIo['stdin'],
    env: {FARGATE_COST_CACHE_DIR: '/nonexistent/fargate-cost-test-cache'},
    now: () => new Date('2026-11-24T12:00:00Z'),
  };
  const opened: string[][] = [];
  const all: ReconcileFlags = {
    history: [historyFile()],
    bill: ['cur2.csv.gz'],
    asOf: '2026-11-04T00:00:00Z',
    catalog: 'embedded',
    format: 'table',
    ...flags,
  };
  try {
    await runReconcileCommand(all, io, billOf(lines, opened));
    return {code: 0, stdout, stderr, opened};
  } catch (error) {
    if (!isUserError(error)) throw error;
    return {code: error.exitCode, stdout, stderr: `${error.message}\n`, opened};
  }
}

describe('reconcile (the action, with a bill source standing in for the files)', () => {
  it('exits 0 when every cell agrees, and reads the bill paths given', async () => {
    const {code, stdout, opened} = await reconcileWith(exact);
    expect(code).toBe(0);
    expect(opened).toEqual([['cur2.csv.gz']]);
    expect(stdout).toContain('fargate-cost reconcile: all 4 cells agree');
    // Model and bill total: 2 x (0.02024 + 0.004445).
    expect(stdout).toMatch(/total\s+4\s+\$0\.04937\s+\$0\.04937\s+\$0\s/);
  });

  it('exits 6 when a cell differs, with one line naming the count of cells and tasks', async () => {
    const planted = [...exact];
    planted[2] = line(ARN_B, 'USE1-Fargate-vCPU-Hours:perCPU', '0.5', '0.0203');
    const {code, stdout, stderr} = await reconcileWith(planted);
    expect(code).toBe(6);
    expect(stderr).toBe('reconcile: 1 of 4 cells differ (1 task); see the table\n');
    // The differing cell is listed with both costs and the difference (0.0203 - 0.02024).
    // (The table names a task by its cluster and id: the part of its ARN after `task/`.)
    const row = stdout.split('\n').find((text) => text.startsWith('prod/bbbb '));
    expect(row).toMatch(/differ\s+0\.5\s+0\.5\s+0\s+\$0\.02024\s+\$0\.0203\s+\+\$0\.00006$/);
  });

  it('counts a task the bill lacks as a difference too', async () => {
    const {code, stderr} = await reconcileWith(exact.slice(0, 2));
    expect(code).toBe(6);
    expect(stderr).toBe('reconcile: 2 of 4 cells differ (1 task); see the table\n');
  });

  it('writes JSON that fits the reconcile schema', async () => {
    const {code, stdout} = await reconcileWith(exact.slice(0, 3), {format: 'json'});
    expect(code).toBe(6);
    const json = JSON.parse(stdout);
    expect(schemaErrors(json)).toEqual([]);
    expect(json.kind).toBe('reconcile');
    expect(json.counts).toEqual({differ: 0, 'history-only': 1, 'bill-only': 0, agree: 3});
    expect(json.cells[0]).toMatchObject({taskArn: ARN_B, dimension: 'linux-x86_64-memory', status: 'history-only'});
  });

  it('writes one CSV row per cell, and --output writes the report to a file', async () => {
    const output = join(dir, 'report.csv');
    const {code, stdout} = await reconcileWith(exact, {format: 'csv', output});
    expect([code, stdout]).toEqual([0, '']);
    const rows = readFileSync(output, 'utf8').trim().split('\n');
    expect(rows).toHaveLength(5);
    expect(rows[1]).toBe(
      `${ARN_A},2026-11-02T10:00:00.000Z,linux-x86_64-vcpu,on-demand,agree,0.5,0.5,0,0.02024,0.02024,0,0.04048,1,0,0.0000000001`,
    );
  });

  it('refuses a history and a bill that share no hour, and a missing side', async () => {
    const later = exact.map((item) => ({...item, startMs: item.startMs + 24 * 3_600_000}));
    const {code, stderr} = await reconcileWith(later);
    expect(code).toBe(1);
    expect(stderr).toContain('share no clock hour');
    expect((await reconcileWith(exact, {bill: []})).code).toBe(2);
    expect((await reconcileWith(exact, {history: []})).code).toBe(2);
  });
});

describe('fargate-cost reconcile (a CUR 2.0 CSV file)', () => {
  const header = [
    'line_item_resource_id',
    'line_item_usage_type',
    'line_item_line_item_type',
    'line_item_product_code',
    'line_item_operation',
    'line_item_usage_start_date',
    'line_item_usage_end_date',
    'product_region_code',
    'line_item_usage_account_id',
    'line_item_currency_code',
    'line_item_usage_amount',
    'line_item_unblended_cost',
    'pricing_public_on_demand_cost',
  ];
  const csv = (name: string, lines: readonly BillLine[]) => {
    const rows = lines.map((item) =>
      [
        item.resourceId,
        item.usageType,
        item.lineItemType,
        item.productCode,
        item.operation,
        '2026-11-02T10:00:00Z',
        '2026-11-02T11:00:00Z',
        item.region,
        item.account,
        item.currency,
        item.usageAmount,
        item.unblendedCost,
        item.publicOnDemandCost,
      ].join(','),
    );
    const path = join(dir, name);
    writeFileSync(path, `${header.join(',')}\n${rows.join('\n')}\n`);
    return path;
  };
  const argv = (bill: string) => [
    'reconcile',
    '--history',
    historyFile(),
    '--bill',
    bill,
    '--as-of',
    '2026-11-04T00:00:00Z',
    '--catalog',
    'embedded',
  ];

  it('exits 0 when the bill is the model', async () => {
    const {code, stdout, stderr} = await runCli(argv(csv('exact.csv', exact)));
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toContain('all 4 cells agree');
  });

  it('exits 6 with one stderr line when a cell differs', async () => {
    const planted = [...exact];
    planted[1] = line(ARN_A, 'USE1-Fargate-GB-Hours', '1.0000000002', '0.004445');
    const {code, stdout, stderr} = await runCli(argv(csv('planted.csv', planted)));
    expect(code).toBe(6);
    expect(stdout).toContain('Cells that differ');
    expect(stderr).toBe('fargate-cost: reconcile: 1 of 4 cells differ (1 task); see the table\n');
  });
});
