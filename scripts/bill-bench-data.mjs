#!/usr/bin/env node
// A large synthetic CUR 2.0 export for benchmarks: `writeBenchCur(path, rows)` writes `rows` line
// items (Fargate vCPU and memory lines of many tasks, hour by hour, with some Spot, arm64, Savings
// Plan coverage, split cost allocation data, and 1% other services) to one Parquet file, in row
// groups, with the columns and types of test/fixtures/bill/cur2.parquet. Deterministic: the same
// file every run. `node scripts/bill-bench-data.mjs OUT.parquet [ROWS]` writes one (default 1,000,000).
//
// The figures are plausible, not exact: amounts are doubles rounded to 10 places with floats. Use
// test/fixtures/bill for figures checked by hand.
import {existsSync, mkdirSync, renameSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {fileWriter, ParquetWriter} from 'hyparquet-writer';
import {CUR2_COLUMNS, cur2Schema} from './bill-fixture.mjs';

const HOUR = 3_600_000;
const PERIOD_START = Date.parse('2026-11-01T00:00:00Z');
const PERIOD_END = Date.parse('2026-12-01T00:00:00Z');
const ACCOUNT = '123456789012';
const PLAN = 'arn:aws:savingsplans::123456789012:savingsplan/00000000-0000-4000-8000-000000000001';
const SIZES = [
  [0.25, 0.5],
  [0.5, 1],
  [1, 2],
  [2, 4],
  [4, 8],
];
const RATES = {
  'x86_64-vcpu': ['USE1-Fargate-vCPU-Hours:perCPU', 0.04048, 'USE1-SpotUsage-Fargate-vCPU-Hours:perCPU', 0.01288871],
  'x86_64-memory': ['USE1-Fargate-GB-Hours', 0.004445, 'USE1-SpotUsage-Fargate-GB-Hours', 0.00141527],
  'arm64-vcpu': ['USE1-Fargate-ARM-vCPU-Hours:perCPU', 0.03238, 'USE1-SpotUsage-Fargate-ARM-vCPU-Hours:perCPU', 0.01030969],
  'arm64-memory': ['USE1-Fargate-ARM-GB-Hours', 0.00356, 'USE1-SpotUsage-Fargate-ARM-GB-Hours', 0.00113349],
};
const round10 = (x) => Math.round(x * 1e10) / 1e10;
// Shared Date objects: one per hour of the month, not four per row.
const HOURS = Array.from({length: 721}, (_, h) => new Date(PERIOD_START + h * HOUR));
const START = HOURS[0];
const END = HOURS[720];
const TAGS_BATCH = [['aws:ecs:clusterName', 'batch']];
const TAGS_SERVICE = Array.from({length: 40}, (_, s) => [
  ['aws:ecs:clusterName', 'prod'],
  ['aws:ecs:serviceName', `svc-${s}`],
]);
const NO_TAGS = [];

function lcg(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Row `i` of the synthetic export, written into the column arrays at `at`. */
function fillRow(columns, at, i, rnd) {
  const set = (name, value) => {
    columns[name][at] = value;
  };
  set('bill_billing_period_start_date', START);
  set('bill_billing_period_end_date', END);
  set('bill_payer_account_id', ACCOUNT);
  set('line_item_usage_account_id', ACCOUNT);
  set('line_item_currency_code', 'USD');
  set('product_region_code', 'us-east-1');
  const task = i >>> 1;
  const hour = Math.floor(task / 97) % 720;
  set('line_item_usage_start_date', HOURS[hour]);
  set('line_item_usage_end_date', HOURS[hour + 1]);
  if (i % 100 === 99) {
    set('line_item_line_item_type', 'Usage');
    set('line_item_product_code', 'AmazonEC2');
    set('line_item_usage_type', 'BoxUsage:m5.large');
    set('line_item_operation', 'RunInstances');
    set('line_item_resource_id', `i-${(i >>> 0).toString(16).padStart(17, '0')}`);
    set('line_item_usage_amount', 1);
    set('line_item_unblended_rate', '0.096');
    set('line_item_unblended_cost', 0.096);
    set('pricing_public_on_demand_rate', '0.096');
    set('pricing_public_on_demand_cost', 0.096);
    set('resource_tags', NO_TAGS);
    return;
  }
  const memory = i % 2 === 1;
  const arch = task % 5 === 0 ? 'arm64' : 'x86_64';
  const spot = task % 7 === 0;
  const covered = !spot && task % 13 === 0;
  const [vcpu, gb] = SIZES[(task >>> 3) % SIZES.length];
  const seconds = task % 4 === 0 ? 60 + Math.floor(rnd() * 3540) : 3600;
  const quantity = ((memory ? gb : vcpu) * seconds) / 3600;
  const [odType, odRate, spotType, spotRate] = RATES[`${arch}-${memory ? 'memory' : 'vcpu'}`];
  const rate = spot ? spotRate : odRate;
  const cost = round10(quantity * rate);
  const service = task % 3 !== 0;
  const cluster = service ? 'prod' : 'batch';
  const id = ((task * 2654435761) >>> 0).toString(16).padStart(8, '0') + task.toString(16).padStart(24, '0');
  set('line_item_line_item_type', covered ? 'SavingsPlanCoveredUsage' : 'Usage');
  set('line_item_product_code', 'AmazonECS');
  set('line_item_usage_type', spot ? spotType : odType);
  set('line_item_operation', 'FargateTask');
  set('line_item_resource_id', `arn:aws:ecs:us-east-1:${ACCOUNT}:task/${cluster}/${id}`);
  set('line_item_usage_amount', round10(quantity));
  set('line_item_unblended_rate', String(rate));
  set('line_item_unblended_cost', cost);
  set('pricing_public_on_demand_rate', String(rate));
  set('pricing_public_on_demand_cost', cost);
  set('pricing_term', spot ? 'Spot' : 'OnDemand');
  set('pricing_unit', memory ? 'GB-Hours' : 'vCPU-Hours');
  if (covered) {
    set('savings_plan_savings_plan_a_r_n', PLAN);
    set('savings_plan_savings_plan_rate', round10(rate * 0.8));
    set('savings_plan_savings_plan_effective_cost', round10(quantity * rate * 0.8));
  }
  if (service) set('split_line_item_actual_usage', round10(quantity * (memory ? 0.6 : 0.3)));
  set('resource_tags', service ? TAGS_SERVICE[task % 40] : TAGS_BATCH);
}

/**
 * Writes `rows` synthetic CUR 2.0 line items to `path` as Parquet (SNAPPY), `rowGroupSize` rows a
 * row group, one group in memory at a time. Returns the row count.
 */
export function writeBenchCur(path, rows = 1_000_000, {rowGroupSize = 25000} = {}) {
  const writer = new ParquetWriter({
    writer: fileWriter(path),
    schema: cur2Schema(),
    codec: 'SNAPPY',
    statistics: false,
    createdBy: 'fargate-cost bill-bench-data',
  });
  const rnd = lcg(13);
  for (let first = 0; first < rows; first += rowGroupSize) {
    const size = Math.min(rowGroupSize, rows - first);
    const columns = Object.fromEntries(CUR2_COLUMNS.map(([name]) => [name, new Array(size).fill(null)]));
    for (let at = 0; at < size; at++) fillRow(columns, at, first + at, rnd);
    writer.write({
      columnData: CUR2_COLUMNS.map(([name]) => ({name, data: columns[name]})),
      rowGroupSize: size,
    });
  }
  writer.finish();
  return rows;
}

/**
 * The path of a synthetic export of `rows` line items in the system's temporary folder, written
 * the first time it is asked for (about 30 s a million rows on a laptop) and reused after.
 */
export function cachedBenchCur(rows = 1_000_000) {
  const dir = join(tmpdir(), 'fargate-cost-bench');
  const path = join(dir, `cur2-${rows}.parquet`);
  if (!existsSync(path)) {
    mkdirSync(dir, {recursive: true});
    const partial = `${path}.${process.pid}.partial`;
    writeBenchCur(partial, rows);
    renameSync(partial, path);
  }
  return path;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [out, count] = process.argv.slice(2);
  if (!out) {
    console.error('usage: node scripts/bill-bench-data.mjs OUT.parquet [ROWS]');
    process.exit(2);
  }
  const started = performance.now();
  const rows = writeBenchCur(resolve(out), count ? Number(count) : undefined);
  console.log(`wrote ${rows} line items to ${out} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
