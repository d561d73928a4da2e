import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {gzipSync} from 'node:zlib';
import fc from 'fast-check';
import {afterAll, describe, expect, it} from 'vitest';
import {createBillLedger, scaledAmount} from '../../../src/billing/bill.js';
import {EXIT, UserError} from '../../../src/errors.js';
import type {BillLine, BillSourceSummary} from '../../../src/model/bill.js';
import {tagOf, utcMs} from '../../../src/sources/bill/columns.js';
import {isBillPath, readBillFiles} from '../../../src/sources/bill/read.js';
import {type Column, csvText, writeParquet} from './export-files.js';

const tmp = mkdtempSync(join(tmpdir(), 'fargate-cost-bill-read-'));
afterAll(() => rmSync(tmp, {recursive: true, force: true}));

let fileCount = 0;
function file(name: string, content: string | Buffer): string {
  const dir = join(tmp, `f${++fileCount}`);
  mkdirSync(dir, {recursive: true});
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
const fresh = (name: string) => join(tmp, `f${++fileCount}`, name);

async function collect(
  paths: string[],
): Promise<{lines: BillLine[]; batches: number[]; sources: readonly BillSourceSummary[]}> {
  const source = readBillFiles(paths);
  const lines: BillLine[] = [];
  const batches: number[] = [];
  for await (const batch of source) {
    batches.push(batch.length);
    lines.push(...batch);
  }
  return {lines, batches, sources: source.sources()};
}

/** The UserError reading `paths` throws: exit 1, one line. */
async function failure(paths: string[]): Promise<UserError> {
  try {
    await collect(paths);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    const userError = error as UserError;
    expect(userError.exitCode).toBe(EXIT.input);
    expect(userError.message).not.toMatch(/[\n\r\u001b]/);
    return userError;
  }
  throw new Error(`reading ${paths.join(' ')} did not fail`);
}

const H10 = Date.UTC(2026, 10, 3, 10);
const H11 = Date.UTC(2026, 10, 3, 11);
const TASK = 'arn:aws:ecs:us-east-1:123456789012:task/prod/0123456789abcdef';

const CUR2_HEADER = [
  'bill_payer_account_id',
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
  'savings_plan_savings_plan_effective_cost',
  'savings_plan_total_commitment_to_date',
  'savings_plan_used_commitment',
  'split_line_item_actual_usage',
  'resource_tags',
];

const EMPTY_LINE: BillLine = {
  resourceId: null,
  usageType: null,
  lineItemType: null,
  productCode: null,
  operation: null,
  startMs: Number.NaN,
  endMs: null,
  region: null,
  account: null,
  currency: null,
  usageAmount: null,
  unblendedCost: null,
  publicOnDemandCost: null,
  savingsPlanEffectiveCost: null,
  totalCommitment: null,
  usedCommitment: null,
  actualUsage: null,
  service: null,
  lines: 1,
  billingPeriodStartMs: null,
  billingPeriodEndMs: null,
};

describe('CUR 2.0', () => {
  it('reads every field of a CSV line, the service from the resource tags, and ignores other columns', async () => {
    const path = file(
      'cur2.csv',
      csvText(CUR2_HEADER, [
        [
          '999999999999',
          TASK,
          'USE1-Fargate-vCPU-Hours:perCPU',
          'Usage',
          'AmazonECS',
          'FargateTask',
          '2026-11-03T10:00:00Z',
          '2026-11-03T11:00:00Z',
          'us-east-1',
          '123456789012',
          'USD',
          '0.5',
          '0.02024',
          '0.02024',
          '',
          '',
          '',
          '0.31',
          '{"user_team":"a,b","aws_ecs_service_name":"web"}',
        ],
      ]),
    );
    const {lines, sources} = await collect([path]);
    expect(lines).toEqual([
      {
        resourceId: TASK,
        usageType: 'USE1-Fargate-vCPU-Hours:perCPU',
        lineItemType: 'Usage',
        productCode: 'AmazonECS',
        operation: 'FargateTask',
        startMs: H10,
        endMs: H11,
        region: 'us-east-1',
        account: '123456789012',
        currency: 'USD',
        usageAmount: '0.5',
        unblendedCost: '0.02024',
        publicOnDemandCost: '0.02024',
        savingsPlanEffectiveCost: null,
        totalCommitment: null,
        usedCommitment: null,
        actualUsage: '0.31',
        service: 'web',
        lines: 1,
        billingPeriodStartMs: null,
        billingPeriodEndMs: null,
      },
    ]);
    expect(sources).toEqual([{path, format: 'cur2', files: 1, lines: 1, billingPeriods: []}]);
  });

  it('reads Parquet: timestamps to epoch ms, doubles as String() writes them, the tag map', async () => {
    const path = writeParquet(fresh('cur2.parquet'), [
      {name: 'line_item_resource_id', kind: 'string', data: [TASK, null]},
      {name: 'line_item_usage_type', kind: 'string', data: ['USE1-Fargate-GB-Hours', 'USE1-Fargate-GB-Hours']},
      {name: 'line_item_usage_start_date', kind: 'timestamp', data: [new Date(H10), null]},
      {name: 'line_item_usage_end_date', kind: 'timestamp', data: [new Date(H11), null]},
      {name: 'line_item_usage_amount', kind: 'double', data: [2, 1e-7]},
      {name: 'line_item_unblended_cost', kind: 'double', data: [0.0088962, null]},
      {name: 'resource_tags', kind: 'map', data: [{aws_ecs_service_name: 'api', user_team: 'x'}, null]},
    ]);
    const {lines} = await collect([path]);
    expect(lines).toEqual([
      {
        ...EMPTY_LINE,
        resourceId: TASK,
        usageType: 'USE1-Fargate-GB-Hours',
        startMs: H10,
        endMs: H11,
        usageAmount: '2',
        unblendedCost: '0.0088962',
        service: 'api',
      },
      // No start: the ledger counts the line invalid. 1e-7 is String(1e-7), which scaledAmount reads.
      {...EMPTY_LINE, usageType: 'USE1-Fargate-GB-Hours', usageAmount: '1e-7'},
    ]);
    expect(scaledAmount(lines[1]!.usageAmount)).toBe(1000n);
  });
});

describe('legacy CUR', () => {
  it('reads its slash-named columns, the tag column and space-separated dates', async () => {
    const header = [
      'identity/LineItemId',
      'lineItem/ResourceId',
      'lineItem/UsageType',
      'lineItem/LineItemType',
      'lineItem/ProductCode',
      'lineItem/UsageStartDate',
      'lineItem/UsageEndDate',
      'product/region',
      'lineItem/UsageAmount',
      'lineItem/UnblendedCost',
      'savingsPlan/TotalCommitmentToDate',
      'savingsPlan/UsedCommitment',
      'resourceTags/aws:ecs:serviceName',
    ];
    const path = file(
      'legacy.csv',
      csvText(header, [
        [
          'id1',
          TASK,
          'EU-Fargate-vCPU-Hours:perCPU',
          'Usage',
          'AmazonECS',
          '2026-11-03 10:00:00.000',
          '2026-11-03 11:00:00.000',
          'eu-west-1',
          '0.25',
          '0.0101',
          '',
          '',
          'worker',
        ],
        [
          'id2',
          '',
          'ComputeSP:1yrNoUpfront',
          'SavingsPlanRecurringFee',
          'ComputeSavingsPlans',
          '2026-11-03T10:00:00Z',
          '2026-11-03T11:00:00Z',
          '',
          '0',
          '10',
          '10',
          '7.5',
          '',
        ],
      ]),
    );
    const {lines, sources} = await collect([path]);
    expect(lines).toEqual([
      {
        ...EMPTY_LINE,
        resourceId: TASK,
        usageType: 'EU-Fargate-vCPU-Hours:perCPU',
        lineItemType: 'Usage',
        productCode: 'AmazonECS',
        startMs: H10,
        endMs: H11,
        region: 'eu-west-1',
        usageAmount: '0.25',
        unblendedCost: '0.0101',
        service: 'worker',
      },
      {
        ...EMPTY_LINE,
        usageType: 'ComputeSP:1yrNoUpfront',
        lineItemType: 'SavingsPlanRecurringFee',
        productCode: 'ComputeSavingsPlans',
        startMs: H10,
        endMs: H11,
        usageAmount: '0',
        unblendedCost: '10',
        totalCommitment: '10',
        usedCommitment: '7.5',
      },
    ]);
    expect(sources[0]!.format).toBe('cur');
  });
});

const FOCUS_COLUMNS = (rows: Record<string, unknown>[]): Column[] => {
  const kinds: Record<string, Column['kind']> = {
    ResourceId: 'string',
    x_UsageType: 'string',
    x_ServiceCode: 'string',
    x_Operation: 'string',
    ChargePeriodStart: 'timestamp',
    ChargePeriodEnd: 'timestamp',
    RegionId: 'string',
    SubAccountId: 'string',
    BillingCurrency: 'string',
    ConsumedQuantity: 'double',
    BilledCost: 'double',
    EffectiveCost: 'double',
    ListCost: 'double',
    ChargeCategory: 'string',
    ChargeFrequency: 'string',
    PricingCategory: 'string',
    CommitmentDiscountId: 'string',
    CommitmentDiscountStatus: 'string',
    Tags: 'map',
  };
  return Object.entries(kinds).map(([name, kind]) => ({name, kind, data: rows.map((row) => row[name] ?? null)}));
};

const SP = 'arn:aws:savingsplans::123456789012:savingsplan/4f3c6a1e-0000-0000-0000-000000000000';
const focusRow = (overrides: Record<string, unknown>) => ({
  ResourceId: TASK,
  x_UsageType: 'USE1-Fargate-vCPU-Hours:perCPU',
  x_ServiceCode: 'AmazonECS',
  x_Operation: 'FargateTask',
  ChargePeriodStart: new Date(H10),
  ChargePeriodEnd: new Date(H11),
  RegionId: 'us-east-1',
  SubAccountId: '123456789012',
  BillingCurrency: 'USD',
  ConsumedQuantity: 1,
  ChargeCategory: 'Usage',
  ChargeFrequency: 'Usage-Based',
  PricingCategory: 'Standard',
  ...overrides,
});

describe('FOCUS with AWS columns', () => {
  it('maps each charge onto the CUR line item type the ledger knows', async () => {
    const rows = [
      focusRow({BilledCost: 0.04048, EffectiveCost: 0.04048, ListCost: 0.04048, Tags: {'aws:ecs:serviceName': 'web'}}),
      focusRow({
        BilledCost: 0,
        EffectiveCost: 0.026,
        ListCost: 0.04048,
        PricingCategory: 'Committed',
        CommitmentDiscountId: SP,
        CommitmentDiscountStatus: 'Used',
        Tags: {aws_ecs_service_name: 'web'},
      }),
      focusRow({
        ResourceId: SP,
        x_UsageType: 'ComputeSP:1yrNoUpfront',
        x_ServiceCode: 'ComputeSavingsPlans',
        ChargeCategory: 'Purchase',
        ChargeFrequency: 'Recurring',
        CommitmentDiscountId: SP,
        BilledCost: 10,
        ConsumedQuantity: null,
      }),
      focusRow({
        ResourceId: SP,
        x_UsageType: 'ComputeSP:1yrNoUpfront',
        ChargeCategory: 'Usage',
        CommitmentDiscountId: SP,
        CommitmentDiscountStatus: 'Unused',
        BilledCost: 0,
      }),
      focusRow({ChargeCategory: 'Tax', BilledCost: 0.5}),
      focusRow({ChargeCategory: 'Credit', BilledCost: -1}),
      focusRow({ChargeCategory: 'Adjustment', BilledCost: -0.25}),
    ];
    const path = writeParquet(fresh('focus.parquet'), FOCUS_COLUMNS(rows));
    const {lines, sources} = await collect([path]);
    expect(sources[0]!.format).toBe('focus');
    expect(lines.map((line) => line.lineItemType)).toEqual([
      'Usage',
      'SavingsPlanCoveredUsage',
      'SavingsPlanRecurringFee',
      'SavingsPlanRecurringFee',
      'Tax',
      'Credit',
      'Refund',
    ]);
    expect(lines[0]).toEqual({
      ...EMPTY_LINE,
      resourceId: TASK,
      usageType: 'USE1-Fargate-vCPU-Hours:perCPU',
      lineItemType: 'Usage',
      productCode: 'AmazonECS',
      operation: 'FargateTask',
      startMs: H10,
      endMs: H11,
      region: 'us-east-1',
      account: '123456789012',
      currency: 'USD',
      usageAmount: '1',
      unblendedCost: '0.04048',
      publicOnDemandCost: '0.04048',
      // EffectiveCost only stands for the Savings Plan's cost on covered usage.
      savingsPlanEffectiveCost: null,
      service: 'web',
    });
    expect(lines[1]).toMatchObject({
      unblendedCost: '0',
      savingsPlanEffectiveCost: '0.026',
      publicOnDemandCost: '0.04048',
      service: 'web',
    });
    // FOCUS has no commitment columns: the fee's are null.
    expect(lines[2]).toMatchObject({totalCommitment: null, usedCommitment: null, usageAmount: null});
  });

  it('gives the ledger the figures the same usage gives it in CUR 2.0 (covered by a Savings Plan)', async () => {
    const focus = writeParquet(
      fresh('covered.parquet'),
      FOCUS_COLUMNS([
        focusRow({
          BilledCost: 0,
          EffectiveCost: 0.026,
          ListCost: 0.04048,
          PricingCategory: 'Committed',
          CommitmentDiscountId: SP,
          CommitmentDiscountStatus: 'Used',
        }),
      ]),
    );
    const row = (type: string, cost: string, effective: string) => [
      '',
      TASK,
      'USE1-Fargate-vCPU-Hours:perCPU',
      type,
      'AmazonECS',
      'FargateTask',
      '2026-11-03T10:00:00Z',
      '2026-11-03T11:00:00Z',
      'us-east-1',
      '123456789012',
      'USD',
      '1',
      cost,
      '0.04048',
      effective,
      '',
      '',
      '',
      '',
    ];
    const cur2 = file(
      'covered.csv',
      csvText(CUR2_HEADER, [
        row('SavingsPlanCoveredUsage', '0.04048', '0.026'),
        row('SavingsPlanNegation', '-0.04048', ''),
      ]),
    );
    for (const path of [focus, cur2]) {
      const ledger = createBillLedger();
      for (const line of (await collect([path])).lines) ledger.add(line);
      const {cells} = ledger.finish();
      expect(cells.map((cell) => [cell.coverage, cell.hour, cell.sums])).toEqual([
        [
          'savings-plan',
          H10 / 3_600_000,
          // 1 vCPU-hour: charged 0.04048 - 0.04048 (or FOCUS's 0), paid the plan's 0.026, On-Demand 0.04048.
          {
            usage: 10_000_000_000n,
            charged: 0n,
            paid: 260_000_000n,
            publicOnDemand: 404_800_000n,
            actual: 0n,
            actualOf: 0n,
            lines: 1,
          },
        ],
      ]);
    }
  });

  it('refuses FOCUS without its AWS columns, saying so', async () => {
    const path = file(
      'plain-focus.csv',
      'ChargePeriodStart,BilledCost,ConsumedQuantity,ServiceName\n2026-11-03T10:00:00Z,1,1,Amazon ECS\n',
    );
    const error = await failure([path]);
    expect(error.message).toBe(`${path} is a FOCUS export without x_UsageType`);
    expect(error.hint).toMatch(/FOCUS 1\.x with AWS columns/);
  });
});

describe('folders', () => {
  it('reads an export folder in sorted order, skips metadata/, and lists its billing periods', async () => {
    const root = join(tmp, 'export-a');
    const data = join(root, 'data');
    const cols = (id: string): Column[] => [
      {name: 'line_item_resource_id', kind: 'string', data: [id]},
      {name: 'line_item_usage_type', kind: 'string', data: ['USE1-Fargate-GB-Hours']},
      {name: 'line_item_usage_start_date', kind: 'timestamp', data: [new Date(H10)]},
      {name: 'line_item_usage_amount', kind: 'double', data: [1]},
      {name: 'line_item_unblended_cost', kind: 'double', data: [0.1]},
    ];
    writeParquet(join(data, 'BILLING_PERIOD=2026-12', 'export-a-00001.snappy.parquet'), cols('dec-1'));
    writeParquet(join(data, 'BILLING_PERIOD=2026-11', 'export-a-00002.snappy.parquet'), cols('nov-2'));
    writeParquet(join(data, 'BILLING_PERIOD=2026-11', 'export-a-00001.snappy.parquet'), cols('nov-1'));
    mkdirSync(join(root, 'metadata', 'BILLING_PERIOD=2026-11'), {recursive: true});
    writeFileSync(join(root, 'metadata', 'BILLING_PERIOD=2026-11', 'export-a-Manifest.json'), '{}');
    // A CSV under metadata/ would fail to read: it is never opened.
    writeFileSync(join(root, 'metadata', 'stray.csv'), 'not,a,cost,export\n');
    const {lines, sources} = await collect([root]);
    expect(lines.map((line) => line.resourceId)).toEqual(['nov-1', 'nov-2', 'dec-1']);
    expect(sources).toEqual([{path: root, format: 'cur2', files: 3, lines: 3, billingPeriods: ['2026-11', '2026-12']}]);
    expect(await isBillPath(root)).toBe(true);
  });

  it('says which paths are bills', async () => {
    const empty = join(tmp, 'empty-export');
    mkdirSync(join(empty, 'metadata'), {recursive: true});
    writeFileSync(join(empty, 'metadata', 'x.csv'), 'a\n');
    writeFileSync(join(empty, 'notes.txt'), 'a\n');
    expect(await isBillPath(empty)).toBe(false);
    expect(await isBillPath(join(tmp, 'no-such-path'))).toBe(false);
    expect(await isBillPath(file('a.CSV', 'x'))).toBe(true);
    expect(await isBillPath(file('a.csv.gz', 'x'))).toBe(true);
    expect(await isBillPath(file('report-00001.csv.0001.gz', 'x'))).toBe(true);
    expect(await isBillPath(file('a.parquet', 'x'))).toBe(true);
    expect(await isBillPath(file('history.ndjson.gz', 'x'))).toBe(false);
    expect(await isBillPath(file('a.json', 'x'))).toBe(false);
    const error = await failure([empty]);
    expect(error.message).toBe(`${empty} holds no cost export files (.parquet, .csv, .csv.gz)`);
  });

  it('gives one summary per path, in order, and tells the running total of lines', async () => {
    const text = csvText(
      ['line_item_usage_type', 'line_item_usage_start_date', 'line_item_usage_amount', 'line_item_unblended_cost'],
      [
        ['USE1-Fargate-GB-Hours', '2026-11-03T10:00:00Z', '1', '0.1'],
        ['USE1-Fargate-GB-Hours', '2026-11-03T11:00:00Z', '1', '0.1'],
      ],
    );
    const a = file('a.csv', text);
    const b = file('b.csv.gz', gzipSync(text));
    const totals: number[] = [];
    const source = readBillFiles([a, b], {onLines: (lines) => totals.push(lines)});
    for await (const _batch of source);
    expect(totals).toEqual([2, 4]);
    expect(source.sources().map((s) => [s.path, s.lines, s.files])).toEqual([
      [a, 2, 1],
      [b, 2, 1],
    ]);
  });

  it('refuses a folder that mixes dialects', async () => {
    const root = join(tmp, 'mixed');
    mkdirSync(root, {recursive: true});
    writeFileSync(
      join(root, 'a.csv'),
      'line_item_usage_type,line_item_usage_start_date,line_item_usage_amount,line_item_unblended_cost\n',
    );
    writeFileSync(join(root, 'b.csv'), 'x_UsageType,ChargePeriodStart,ConsumedQuantity,BilledCost\n');
    const error = await failure([root]);
    expect(error.message).toBe(
      `${root} mixes exports: ${join(root, 'a.csv')} is CUR 2.0, ${join(root, 'b.csv')} is FOCUS`,
    );
  });
});

const MINIMAL = [
  'line_item_resource_id',
  'line_item_usage_type',
  'line_item_usage_start_date',
  'line_item_usage_amount',
  'line_item_unblended_cost',
];

describe('CSV text', () => {
  it('reads gzip, quoted commas and newlines, and hostile text unchanged', async () => {
    const hostile = 'arn:aws:ecs:us-east-1:1:task/c/\u001b[31mred\u001b[0m\u202e';
    const text = csvText(MINIMAL, [
      ['task, with "comma"\nand newline', 'USE1-Fargate-GB-Hours', '2026-11-03T10:00:00', '1', '0.1'],
      [hostile, 'USE1-Fargate-GB-Hours', '2026-11-03T12:00:00+02:00', '1', '0.1'],
    ]);
    expect(text).toContain('"task, with ""comma""\nand newline"');
    for (const path of [file('quoted.csv', text), file('quoted.csv.gz', gzipSync(text))]) {
      const {lines} = await collect([path]);
      expect(lines.map((line) => [line.resourceId, line.startMs])).toEqual([
        ['task, with "comma"\nand newline', H10],
        [hostile, H10],
      ]);
    }
  });

  it('reads a byte-order mark and CRLF line ends; empty cells are null; unreadable dates are NaN', async () => {
    const text = `\ufeff${MINIMAL.join(',')}\r\n,USE1-Fargate-GB-Hours,3 Nov 2026,,\r\n,,2026-11-03T10:00:00Z,abc,\r\n`;
    const {lines} = await collect([file('bom.csv', text)]);
    expect(lines).toEqual([
      {...EMPTY_LINE, usageType: 'USE1-Fargate-GB-Hours'},
      {...EMPTY_LINE, startMs: H10, usageAmount: 'abc'},
    ]);
  });

  it('cuts the lines into batches of at most 4096, in order', async () => {
    const rows = Array.from({length: 10_000}, (_, i) => [
      `t${i}`,
      'USE1-Fargate-GB-Hours',
      '2026-11-03T10:00:00Z',
      '1',
      '0.1',
    ]);
    const {lines, batches} = await collect([file('big.csv', csvText(MINIMAL, rows))]);
    expect(batches).toEqual([4096, 4096, 1808]);
    expect(lines.map((line) => line.resourceId)).toEqual(rows.map((row) => row[0]));
  });
});

describe('files that are not cost exports', () => {
  it('names the columns a cost export has when none is there', async () => {
    const path = file('other.csv', 'name,age\nx,1\n');
    expect((await failure([path])).message).toBe(
      `${path} is not a cost export: it has no line_item_usage_type column (CUR 2.0), lineItem/UsageType (legacy CUR) or x_UsageType (FOCUS)`,
    );
    const parquet = writeParquet(fresh('other.parquet'), [{name: 'name', kind: 'string', data: ['x']}]);
    expect((await failure([parquet])).message).toMatch(/is not a cost export: it has no line_item_usage_type column/);
  });

  it('names the columns a dialect is missing', async () => {
    const path = file('no-cost.csv', 'line_item_usage_type,line_item_usage_start_date\n');
    expect((await failure([path])).message).toBe(
      `${path} is a CUR 2.0 export without line_item_usage_amount, line_item_unblended_cost`,
    );
    const legacy = file('no-type.csv', 'lineItem/UsageStartDate,lineItem/UsageAmount,lineItem/UnblendedCost\n');
    expect((await failure([legacy])).message).toBe(`${legacy} is a legacy CUR export without lineItem/UsageType`);
  });

  it('refuses an empty file, a truncated gzip, bad quoting, a ragged row and a missing file', async () => {
    const empty = file('empty.csv', '');
    expect((await failure([empty])).message).toBe(`${empty} is empty: a cost export starts with a header row`);
    const gz = gzipSync(
      csvText(
        MINIMAL,
        Array.from({length: 2000}, () => ['t', 'u', '2026-11-03T10:00:00Z', '1', '1']),
      ),
    );
    const truncated = file('cut.csv.gz', gz.subarray(0, gz.length - 40));
    expect((await failure([truncated])).message).toBe(
      `${truncated} is not a whole gzip file: it is truncated or corrupt`,
    );
    const notGzip = file('plain.csv.gz', 'line_item_usage_type\n');
    expect((await failure([notGzip])).message).toMatch(/is not a whole gzip file/);
    const quote = file('quote.csv', `${MINIMAL.join(',')}\n"unclosed,u,2026-11-03T10:00:00Z,1,1\n`);
    expect((await failure([quote])).message).toMatch(
      /^.*quote\.csv is not valid CSV \(line \d+\): a quoted field is not closed$/,
    );
    const ragged = file('ragged.csv', `${MINIMAL.join(',')}\nt,u,2026-11-03T10:00:00Z,1\n`);
    expect((await failure([ragged])).message).toMatch(
      /ragged\.csv is not valid CSV \(line 2\): a record has a different number of fields/,
    );
    const missing = join(tmp, 'missing.parquet');
    expect((await failure([missing])).message).toBe(`${missing}: no such file`);
  });

  it('refuses a file that is not Parquet, and a truncated one', async () => {
    const junk = file('junk.parquet', 'this is not parquet at all');
    expect((await failure([junk])).message).toMatch(/junk\.parquet is not a readable Parquet file/);
    const whole = writeParquet(fresh('whole.parquet'), [
      {name: 'line_item_usage_type', kind: 'string', data: ['a', 'b']},
      {name: 'line_item_usage_start_date', kind: 'timestamp', data: [new Date(H10), new Date(H10)]},
      {name: 'line_item_usage_amount', kind: 'double', data: [1, 2]},
      {name: 'line_item_unblended_cost', kind: 'double', data: [1, 2]},
    ]);
    const bytes = readFileSync(whole);
    const cut = file('cut.parquet', bytes.subarray(0, bytes.length - 10));
    expect((await failure([cut])).message).toMatch(/cut\.parquet is not a readable Parquet file/);
    // The footer whole, a column chunk overwritten: the damage shows when the row group is read.
    const damaged = Buffer.from(bytes);
    damaged.fill(0xff, 4, 60);
    const broken = file('broken.parquet', damaged);
    expect((await failure([broken])).message).toMatch(/broken\.parquet is not a readable Parquet file/);
  });

  it('escapes control characters in the file name it names', async () => {
    const path = file('bad\u001b[2Jname.csv', 'a,b\n');
    const error = await failure([path]);
    expect(error.message).toContain('bad\\x1b[2Jname.csv');
  });

  it('yields lines or throws a UserError for any mutation of a valid CSV (property)', async () => {
    const base = csvText(MINIMAL, [
      [TASK, 'USE1-Fargate-vCPU-Hours:perCPU', '2026-11-03T10:00:00Z', '0.25', '0.0101'],
      ['a,"b"\nc', 'USE1-Fargate-GB-Hours', '2026-11-03 11:00:00.000', '1e-3', '-0.5'],
    ]);
    const edit = fc.oneof(
      fc.record({
        at: fc.nat(),
        insert: fc.constantFrom('"', ',', '\n', '\r', '\u001b', '\\', ' ', 'x', '\ufeff', '\u0000'),
      }),
      fc.record({at: fc.nat(), remove: fc.integer({min: 1, max: 8})}),
      fc.record({cut: fc.nat()}),
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(edit, {maxLength: 6}), fc.boolean(), async (edits, gzip) => {
        let text = base;
        for (const e of edits) {
          if ('cut' in e) text = text.slice(0, e.cut % (text.length + 1));
          else if ('insert' in e) {
            const at = e.at % (text.length + 1);
            text = text.slice(0, at) + e.insert + text.slice(at);
          } else {
            const at = e.at % (text.length + 1);
            text = text.slice(0, at) + text.slice(at + e.remove);
          }
        }
        const path = join(tmp, `prop-${++run}.csv${gzip ? '.gz' : ''}`);
        writeFileSync(path, gzip ? gzipSync(text) : text);
        try {
          const {lines} = await collect([path]);
          for (const line of lines) {
            expect(line.lines).toBe(1);
            expect(typeof line.startMs).toBe('number');
          }
        } catch (error) {
          expect(error).toBeInstanceOf(UserError);
          expect((error as UserError).message).not.toMatch(/[\n\r\u001b]/);
        }
      }),
      {numRuns: 150},
    );
  });
});

describe('billing period', () => {
  const NOV = Date.UTC(2026, 10, 1);
  const DEC = Date.UTC(2026, 11, 1);
  it("reads each dialect's billing period columns (the fixture's November 2026) on every line", async () => {
    for (const name of ['cur2.parquet', 'cur2.csv.gz', 'cur-legacy.csv', 'focus.csv']) {
      const {lines} = await collect([join('test/fixtures/bill', name)]);
      expect(lines.length).toBeGreaterThan(90);
      for (const line of lines) {
        expect([name, line.billingPeriodStartMs, line.billingPeriodEndMs]).toEqual([name, NOV, DEC]);
      }
    }
  });

  it('is null when the columns are absent, empty or unreadable', async () => {
    const header = ['line_item_usage_type', 'line_item_usage_start_date', 'line_item_usage_amount'];
    const path = file(
      'period.csv',
      csvText(
        [...header, 'line_item_unblended_cost', 'bill_billing_period_start_date', 'bill_billing_period_end_date'],
        [
          ['USE1-Fargate-GB-Hours', '2026-11-03T10:00:00Z', '1', '1', '', 'soon'],
          ['USE1-Fargate-GB-Hours', '2026-11-03T10:00:00Z', '1', '1', '2026-11-01T00:00:00Z', '2026-12-01'],
        ],
      ),
    );
    const {lines} = await collect([path]);
    expect(lines.map((line) => [line.billingPeriodStartMs, line.billingPeriodEndMs])).toEqual([
      [null, null],
      [NOV, DEC],
    ]);
    const without = file('no-period.csv', csvText([...header, 'line_item_unblended_cost'], [['x', '', '1', '1']]));
    expect((await collect([without])).lines[0]).toMatchObject({billingPeriodStartMs: null, billingPeriodEndMs: null});
  });
});

describe('values', () => {
  it('reads the timestamps exports write, as UTC', () => {
    for (const text of [
      '2026-11-03T10:00:00Z',
      '2026-11-03T10:00:00.000Z',
      '2026-11-03 10:00:00.000',
      '2026-11-03T10:00:00',
      '2026-11-03T10:00Z',
      '2026-11-03T12:00:00+02:00',
      '2026-11-03T05:30:00-0430',
    ]) {
      expect([text, utcMs(text)]).toEqual([text, H10]);
    }
    expect(utcMs('2026-11-03')).toBe(Date.UTC(2026, 10, 3));
    expect(utcMs('2026-11-03T10:00:00.123456Z')).toBe(H10 + 123);
    for (const text of [
      '2026-11-31T00:00:00Z',
      '2026-13-01',
      '2026-11-03T24:00:00Z',
      'yesterday',
      '',
      '1793700000000',
    ]) {
      expect([text, utcMs(text)]).toEqual([text, Number.NaN]);
    }
  });

  it('finds the ECS service in a tag map however it is written', () => {
    expect(tagOf({aws_ecs_service_name: 'a'})).toBe('a');
    expect(tagOf({'aws:ecs:serviceName': 'b'})).toBe('b');
    expect(tagOf('{"resourceTags/aws:ecs:serviceName":"c"}')).toBe('c');
    expect(tagOf('{user_team=x, aws_ecs_service_name=d}')).toBe('d');
    expect(tagOf(new Map([['aws_ecs_service_name', 'e']]))).toBe('e');
    expect(tagOf([{key: 'aws_ecs_service_name', value: 'f'}])).toBe('f');
    expect(tagOf({user_team: 'x'})).toBeNull();
    expect(tagOf({aws_ecs_service_name: ''})).toBeNull();
    expect(tagOf('{"__proto__":{"aws_ecs_service_name":"g"}}')).toBeNull();
    expect(tagOf('not a map')).toBeNull();
    expect(tagOf(null)).toBeNull();
  });
});
