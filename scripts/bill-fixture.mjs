#!/usr/bin/env node
// `npm run fixtures:bill` (or `node scripts/bill-fixture.mjs [--out DIR]`): turns
// test/fixtures/bill/scenario.json into a small AWS cost export whose every figure can be checked by
// hand, and the task history of the same tasks. Deterministic: a re-run writes the same bytes.
//
// Writes, under test/fixtures/bill (or DIR):
//   cur2.parquet, cur2.csv.gz                 CUR 2.0 (Data Exports) line items, snake_case columns
//   export/fargate-cost/data/BILLING_PERIOD=2026-11/fargate-cost-00001.snappy.parquet
//   export/fargate-cost/metadata/BILLING_PERIOD=2026-11/fargate-cost-Manifest.json
//   cur-legacy.csv                            the same lines with legacy CUR headers (lineItem/UsageType)
//   focus.csv                                 the same charges as FOCUS 1.2 with AWS columns
//   history.ndjson                            EventBridge "ECS Task State Change" events of the tasks
//   lines.md                                  every line item with its arithmetic (README.md links it)
//
// Rules (README.md says them in words): one line item per task, UTC clock hour and usage type; a task
// bills from start to stop rounded up to the second, at least 60 s on Linux and 300 s on Windows;
// usage = size x seconds in the hour / 3600, written to 10 decimal places (half up); cost =
// round10(exact usage x rate), the rates read from data/catalog.json.
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {gzipSync} from 'node:zlib';
import Decimal from 'decimal.js';
import {ByteWriter, parquetWrite} from 'hyparquet-writer';

const D = Decimal.clone({precision: 60, rounding: Decimal.ROUND_HALF_UP});
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const HOUR = 3_600_000;

/** Decimal text to 10 places, half up, trailing zeros dropped. */
export function text10(value) {
  const fixed = new D(value).toDecimalPlaces(10, D.ROUND_HALF_UP).toFixed(10);
  const trimmed = fixed.replace(/\.?0+$/, '');
  return trimmed === '-0' ? '0' : trimmed;
}

const ms = (iso) => {
  const t = Date.parse(iso);
  if (!Number.isFinite(t) || t % 1000 !== 0) throw new Error(`not a time on whole seconds: ${iso}`);
  return t;
};
const iso = (t) => new Date(t).toISOString().replace('.000Z', 'Z');
const isoMs = (t) => new Date(t).toISOString();

// ---------------------------------------------------------------------------------------------
// The line items
// ---------------------------------------------------------------------------------------------

const DIMENSIONS = ['vcpu', 'memory', 'os-license', 'storage'];

/** The size a task reserves of a dimension (vCPU, GB, GB above the 20 included), or null. */
function sizeOf(task, dimension) {
  if (dimension === 'vcpu') return new D(task.cpu).div(1024);
  if (dimension === 'memory') return new D(task.memory).div(1024);
  if (dimension === 'os-license') return task.os === 'windows' ? new D(task.cpu).div(1024) : null;
  const extra = (task.storageGiB ?? 20) - 20;
  return extra > 0 ? new D(extra) : null;
}

const rateKey = (task, dimension) => (dimension === 'storage' ? 'storage' : `${task.os}-${task.arch}-${dimension}`);
const isSpot = (task) => task.capacityProvider === 'FARGATE_SPOT';

/** Billed seconds: stop - start rounded up to the second, at least the minimum (1 min Linux, 5 Windows). */
export function billedSeconds(task) {
  const seconds = Math.ceil((ms(task.stop) - ms(task.start)) / 1000);
  return Math.max(seconds, task.os === 'windows' ? 300 : 60);
}

/** [hourStart, seconds in that hour] for each UTC clock hour the billed run touches. */
export function clockHours(task) {
  const start = ms(task.start);
  const end = start + billedSeconds(task) * 1000;
  const out = [];
  for (let hour = Math.floor(start / HOUR) * HOUR; hour < end; hour += HOUR) {
    const from = Math.max(start, hour);
    const to = Math.min(end, hour + HOUR);
    if (to > from) out.push([hour, (to - from) / 1000]);
  }
  return out;
}

function rateOf(catalog, scenario, table, key) {
  const region = catalog.regions[scenario.region];
  const rates = table === 'savingsPlan' ? region.savingsPlans[scenario.savingsPlanRates] : region[table];
  const rate = rates?.[key];
  if (!rate) throw new Error(`data/catalog.json has no ${table} rate ${key} in ${scenario.region}`);
  return rate;
}

function periodOf(scenario) {
  const start = Date.parse(`${scenario.billingPeriod}-01T00:00:00Z`);
  const date = new Date(start);
  const end = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
  return {start, end};
}

const taskArn = (scenario, task) =>
  `arn:aws:ecs:${scenario.region}:${scenario.account}:task/${task.cluster}/${task.id}`;

const UNIT = {vcpu: 'vCPU-Hours', memory: 'GB-Hours', 'os-license': 'vCPU-Hours', storage: 'GB-Hours'};
const WHAT = {vcpu: 'vCPU', memory: 'GB', 'os-license': 'vCPU (Windows licence)', storage: 'GB of storage above 20'};

/**
 * Every line item of the scenario, as records holding the CUR 2.0 columns (amounts as decimal
 * text, times as epoch ms), each with `work`: how its figures were reached, for lines.md.
 */
export function buildLines(scenario, catalog) {
  const period = periodOf(scenario);
  const lines = [];
  const base = {
    bill_billing_period_start_date: period.start,
    bill_billing_period_end_date: period.end,
    bill_payer_account_id: scenario.account,
    line_item_usage_account_id: scenario.account,
    line_item_currency_code: 'USD',
    product_region_code: scenario.region,
    line_item_unblended_rate: null,
    line_item_unblended_cost: null,
    line_item_usage_amount: null,
    line_item_line_item_description: null,
    pricing_public_on_demand_rate: null,
    pricing_public_on_demand_cost: null,
    pricing_term: null,
    pricing_unit: null,
    savings_plan_savings_plan_a_r_n: null,
    savings_plan_savings_plan_rate: null,
    savings_plan_savings_plan_effective_cost: null,
    savings_plan_total_commitment_to_date: null,
    savings_plan_used_commitment: null,
    split_line_item_actual_usage: null,
    resource_tags: {},
  };
  const plan = scenario.savingsPlan;
  const covers = new Map((plan?.covers ?? []).map((c) => [`${c.task}|${ms(c.hour)}`, c]));
  const regionName = catalog.regions[scenario.region].name;

  for (const task of scenario.tasks) {
    const arn = taskArn(scenario, task);
    const tags = {'aws:ecs:clusterName': task.cluster};
    if (task.service) tags['aws:ecs:serviceName'] = task.service;
    for (const [hour, seconds] of clockHours(task)) {
      const cover = covers.get(`${task.name}|${hour}`);
      for (const dimension of DIMENSIONS) {
        const size = sizeOf(task, dimension);
        if (size === null) continue;
        const key = rateKey(task, dimension);
        const spot = isSpot(task);
        const rate = rateOf(catalog, scenario, spot ? 'spot' : 'onDemand', key);
        const exact = size.mul(seconds).div(3600);
        const share = task.actualShare?.[dimension];
        const common = {
          ...base,
          line_item_usage_start_date: hour,
          line_item_usage_end_date: hour + HOUR,
          line_item_product_code: 'AmazonECS',
          line_item_usage_type: rate.usageType,
          line_item_operation: 'FargateTask',
          line_item_resource_id: arn,
          line_item_unblended_rate: rate.price,
          pricing_public_on_demand_rate: rate.price,
          pricing_term: spot ? 'Spot' : 'OnDemand',
          pricing_unit: UNIT[dimension],
          resource_tags: tags,
        };
        const usageLine = (quantity, lineItemType, extra, work) => {
          const cost = text10(quantity.mul(rate.price));
          lines.push({
            ...common,
            line_item_line_item_type: lineItemType,
            line_item_usage_amount: text10(quantity),
            line_item_unblended_cost: cost,
            pricing_public_on_demand_cost: cost,
            line_item_line_item_description: `$${rate.price} per ${UNIT[dimension]} for ${spot ? 'Fargate Spot' : 'Fargate'} in ${regionName}`,
            split_line_item_actual_usage: share === undefined ? null : text10(quantity.mul(share)),
            ...extra,
            work: {task: task.name, hour, seconds, dimension, size: size.toString(), rate: rate.price, ...work},
          });
        };
        const coveredQuantity =
          cover && dimension === 'vcpu'
            ? new D(cover.vcpuHours)
            : cover && dimension === 'memory'
              ? new D(cover.memoryGbHours)
              : null;
        if (coveredQuantity === null) {
          usageLine(exact, 'Usage', {}, {});
          continue;
        }
        if (spot) throw new Error('a Savings Plan cannot cover Spot usage');
        const spRate = rateOf(catalog, scenario, 'savingsPlan', key).price;
        usageLine(
          coveredQuantity,
          'SavingsPlanCoveredUsage',
          {
            savings_plan_savings_plan_a_r_n: plan.arn,
            savings_plan_savings_plan_rate: spRate,
            savings_plan_savings_plan_effective_cost: text10(coveredQuantity.mul(spRate)),
            line_item_line_item_description: `${rate.usageType} covered by ${plan.arn}`,
          },
          {part: 'covered', spRate},
        );
        lines.push({
          ...common,
          line_item_line_item_type: 'SavingsPlanNegation',
          line_item_usage_amount: '0',
          line_item_unblended_cost: text10(coveredQuantity.mul(rate.price).neg()),
          pricing_public_on_demand_rate: null,
          pricing_term: null,
          savings_plan_savings_plan_a_r_n: plan.arn,
          line_item_line_item_description: `SavingsPlanNegation used by ${plan.arn}`,
          work: {task: task.name, hour, seconds, dimension, size: size.toString(), rate: rate.price, part: 'negation', covered: coveredQuantity.toString()},
        });
        usageLine(exact.minus(coveredQuantity), 'Usage', {}, {part: 'rest', covered: coveredQuantity.toString()});
      }
    }
  }

  if (plan) {
    const used = new Map();
    for (const line of lines)
      if (line.line_item_line_item_type === 'SavingsPlanCoveredUsage') {
        const hour = line.line_item_usage_start_date;
        used.set(hour, (used.get(hour) ?? new D(0)).plus(line.savings_plan_savings_plan_effective_cost));
      }
    for (let hour = ms(plan.start); hour < period.end; hour += HOUR) {
      const usedHere = used.get(hour) ?? new D(0);
      if (usedHere.gt(plan.hourlyCommitment)) throw new Error(`the plan is over-used at ${iso(hour)}`);
      lines.push({
        ...base,
        line_item_line_item_type: 'SavingsPlanRecurringFee',
        line_item_usage_start_date: hour,
        line_item_usage_end_date: hour + HOUR,
        line_item_product_code: 'ComputeSavingsPlans',
        line_item_usage_type: plan.usageType,
        line_item_operation: '',
        line_item_resource_id: plan.arn,
        line_item_usage_amount: '1',
        line_item_unblended_rate: plan.hourlyCommitment,
        line_item_unblended_cost: text10(plan.hourlyCommitment),
        line_item_line_item_description: `1 year No Upfront Compute Savings Plan, ${plan.hourlyCommitment} USD an hour`,
        pricing_term: 'Savings Plan',
        pricing_unit: 'Hrs',
        savings_plan_savings_plan_a_r_n: plan.arn,
        savings_plan_total_commitment_to_date: text10(plan.hourlyCommitment),
        savings_plan_used_commitment: text10(usedHere),
        work: {fee: true, hour},
      });
    }
  }

  for (const other of scenario.otherLines ?? []) {
    const cost = other.cost ?? text10(new D(other.usageAmount).mul(other.rate));
    lines.push({
      ...base,
      line_item_line_item_type: other.lineItemType,
      line_item_usage_start_date: ms(other.start),
      line_item_usage_end_date: ms(other.end),
      line_item_product_code: other.productCode,
      line_item_usage_type: other.usageType,
      line_item_operation: other.operation,
      line_item_resource_id: other.resourceId,
      line_item_usage_amount: other.usageAmount,
      line_item_unblended_rate: other.rate ?? null,
      line_item_unblended_cost: cost,
      line_item_line_item_description: other.description,
      pricing_public_on_demand_rate: other.lineItemType === 'Usage' ? other.rate : null,
      pricing_public_on_demand_cost: other.lineItemType === 'Usage' ? cost : null,
      pricing_term: other.lineItemType === 'Usage' ? 'OnDemand' : null,
      pricing_unit: other.unit || null,
      work: {other: other.kind},
    });
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Formats
// ---------------------------------------------------------------------------------------------

/** CUR 2.0 columns written, with their dictionary type. */
export const CUR2_COLUMNS = [
  ['bill_billing_period_start_date', 'timestamp'],
  ['bill_billing_period_end_date', 'timestamp'],
  ['bill_payer_account_id', 'string'],
  ['line_item_usage_account_id', 'string'],
  ['line_item_line_item_type', 'string'],
  ['line_item_usage_start_date', 'timestamp'],
  ['line_item_usage_end_date', 'timestamp'],
  ['line_item_product_code', 'string'],
  ['line_item_usage_type', 'string'],
  ['line_item_operation', 'string'],
  ['line_item_resource_id', 'string'],
  ['line_item_usage_amount', 'double'],
  ['line_item_currency_code', 'string'],
  ['line_item_unblended_rate', 'string'],
  ['line_item_unblended_cost', 'double'],
  ['line_item_line_item_description', 'string'],
  ['pricing_public_on_demand_rate', 'string'],
  ['pricing_public_on_demand_cost', 'double'],
  ['pricing_term', 'string'],
  ['pricing_unit', 'string'],
  ['product_region_code', 'string'],
  ['savings_plan_savings_plan_a_r_n', 'string'],
  ['savings_plan_savings_plan_rate', 'double'],
  ['savings_plan_savings_plan_effective_cost', 'double'],
  ['savings_plan_total_commitment_to_date', 'double'],
  ['savings_plan_used_commitment', 'double'],
  ['split_line_item_actual_usage', 'double'],
  ['resource_tags', 'map<string,string>'],
];

const LEGACY_NAMES = {
  bill_billing_period_start_date: 'bill/BillingPeriodStartDate',
  bill_billing_period_end_date: 'bill/BillingPeriodEndDate',
  bill_payer_account_id: 'bill/PayerAccountId',
  line_item_usage_account_id: 'lineItem/UsageAccountId',
  line_item_line_item_type: 'lineItem/LineItemType',
  line_item_usage_start_date: 'lineItem/UsageStartDate',
  line_item_usage_end_date: 'lineItem/UsageEndDate',
  line_item_product_code: 'lineItem/ProductCode',
  line_item_usage_type: 'lineItem/UsageType',
  line_item_operation: 'lineItem/Operation',
  line_item_resource_id: 'lineItem/ResourceId',
  line_item_usage_amount: 'lineItem/UsageAmount',
  line_item_currency_code: 'lineItem/CurrencyCode',
  line_item_unblended_rate: 'lineItem/UnblendedRate',
  line_item_unblended_cost: 'lineItem/UnblendedCost',
  line_item_line_item_description: 'lineItem/LineItemDescription',
  pricing_public_on_demand_rate: 'pricing/publicOnDemandRate',
  pricing_public_on_demand_cost: 'pricing/publicOnDemandCost',
  pricing_term: 'pricing/term',
  pricing_unit: 'pricing/unit',
  product_region_code: 'product/region',
  savings_plan_savings_plan_a_r_n: 'savingsPlan/SavingsPlanARN',
  savings_plan_savings_plan_rate: 'savingsPlan/SavingsPlanRate',
  savings_plan_savings_plan_effective_cost: 'savingsPlan/SavingsPlanEffectiveCost',
  savings_plan_total_commitment_to_date: 'savingsPlan/TotalCommitmentToDate',
  savings_plan_used_commitment: 'savingsPlan/UsedCommitment',
  split_line_item_actual_usage: 'splitLineItem/ActualUsage',
};
const LEGACY_TAGS = ['aws:ecs:clusterName', 'aws:ecs:serviceName'];

/** One CSV field: quoted only when it holds a comma, a quote or a line break (RFC 4180). */
export function csvField(value) {
  const s = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
const csv = (rows) => `${rows.map((row) => row.map(csvField).join(',')).join('\n')}\n`;

/** Tags as CUR 2.0 CSV writes a map column: a JSON object, keys in order. */
const tagsJson = (tags) => JSON.stringify(Object.fromEntries(Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : 1))));

export function cur2Csv(lines) {
  const rows = [CUR2_COLUMNS.map(([name]) => name)];
  for (const line of lines)
    rows.push(
      CUR2_COLUMNS.map(([name, type]) => {
        const value = line[name];
        if (value === null || value === undefined) return '';
        if (type === 'timestamp') return isoMs(value);
        if (type.startsWith('map')) return tagsJson(value);
        return value;
      }),
    );
  return csv(rows);
}

export function legacyCsv(lines) {
  const names = CUR2_COLUMNS.filter(([name]) => LEGACY_NAMES[name]).map(([name]) => name);
  const timestamps = new Set(CUR2_COLUMNS.filter(([, type]) => type === 'timestamp').map(([name]) => name));
  const rows = [[...names.map((n) => LEGACY_NAMES[n]), ...LEGACY_TAGS.map((t) => `resourceTags/${t}`)]];
  for (const line of lines)
    rows.push([
      ...names.map((name) => {
        const value = line[name];
        if (value === null || value === undefined) return '';
        return timestamps.has(name) ? iso(value) : value;
      }),
      ...LEGACY_TAGS.map((t) => line.resource_tags[t] ?? ''),
    ]);
  return csv(rows);
}

export const FOCUS_COLUMNS = [
  'BilledCost',
  'BillingAccountId',
  'BillingCurrency',
  'BillingPeriodEnd',
  'BillingPeriodStart',
  'ChargeCategory',
  'ChargeClass',
  'ChargeDescription',
  'ChargeFrequency',
  'ChargePeriodEnd',
  'ChargePeriodStart',
  'CommitmentDiscountCategory',
  'CommitmentDiscountId',
  'CommitmentDiscountStatus',
  'CommitmentDiscountType',
  'ConsumedQuantity',
  'ConsumedUnit',
  'EffectiveCost',
  'ListCost',
  'ListUnitPrice',
  'PricingCategory',
  'PricingQuantity',
  'PricingUnit',
  'RegionId',
  'ResourceId',
  'ServiceName',
  'SubAccountId',
  'Tags',
  'x_Operation',
  'x_ServiceCode',
  'x_UsageType',
];

const SERVICE_NAMES = {
  AmazonECS: 'Amazon Elastic Container Service',
  AmazonEC2: 'Amazon Elastic Compute Cloud',
  ComputeSavingsPlans: 'Savings Plans for AWS Compute usage',
};

/**
 * FOCUS 1.2 rows. A Savings Plan negation has no row of its own: the covered row's BilledCost is
 * already 0 (its On-Demand cost is taken back), its EffectiveCost the plan's rate.
 */
export function focusCsv(lines) {
  const rows = [FOCUS_COLUMNS];
  for (const line of lines) {
    const type = line.line_item_line_item_type;
    if (type === 'SavingsPlanNegation') continue;
    const covered = type === 'SavingsPlanCoveredUsage';
    const fee = type === 'SavingsPlanRecurringFee';
    const spot = line.pricing_term === 'Spot';
    const unblended = line.line_item_unblended_cost;
    const r = {
      BilledCost: covered ? '0' : unblended,
      BillingAccountId: line.bill_payer_account_id,
      BillingCurrency: line.line_item_currency_code,
      BillingPeriodEnd: isoMs(line.bill_billing_period_end_date),
      BillingPeriodStart: isoMs(line.bill_billing_period_start_date),
      ChargeCategory: type === 'Tax' ? 'Tax' : fee ? 'Purchase' : 'Usage',
      ChargeClass: '',
      ChargeDescription: line.line_item_line_item_description,
      ChargeFrequency: fee ? 'Recurring' : type === 'Tax' ? 'Recurring' : 'Usage-Based',
      ChargePeriodEnd: isoMs(line.line_item_usage_end_date),
      ChargePeriodStart: isoMs(line.line_item_usage_start_date),
      CommitmentDiscountCategory: covered || fee ? 'Spend' : '',
      CommitmentDiscountId: covered || fee ? line.savings_plan_savings_plan_a_r_n : '',
      CommitmentDiscountStatus: covered ? 'Used' : '',
      CommitmentDiscountType: covered || fee ? 'Compute Savings Plan' : '',
      ConsumedQuantity: fee || type === 'Tax' ? '' : line.line_item_usage_amount,
      ConsumedUnit: fee || type === 'Tax' ? '' : line.pricing_unit,
      EffectiveCost: covered
        ? line.savings_plan_savings_plan_effective_cost
        : fee
          ? text10(new D(line.savings_plan_total_commitment_to_date).minus(line.savings_plan_used_commitment))
          : unblended,
      ListCost: line.pricing_public_on_demand_cost ?? (fee ? '0' : unblended),
      ListUnitPrice: line.pricing_public_on_demand_rate ?? '',
      PricingCategory: covered ? 'Committed' : spot ? 'Dynamic' : type === 'Usage' ? 'Standard' : '',
      PricingQuantity: fee || type === 'Tax' ? '' : line.line_item_usage_amount,
      PricingUnit: line.pricing_unit ?? '',
      RegionId: line.product_region_code,
      ResourceId: line.line_item_resource_id,
      ServiceName: SERVICE_NAMES[line.line_item_product_code] ?? line.line_item_product_code,
      SubAccountId: line.line_item_usage_account_id,
      Tags: tagsJson(line.resource_tags),
      x_Operation: line.line_item_operation,
      x_ServiceCode: line.line_item_product_code,
      x_UsageType: line.line_item_usage_type,
    };
    rows.push(FOCUS_COLUMNS.map((c) => r[c] ?? ''));
  }
  return csv(rows);
}

/** The Parquet schema of CUR2_COLUMNS: timestamps (ms), doubles, strings, resource_tags a map<string,string>. */
export function cur2Schema(columns = CUR2_COLUMNS) {
  const schema = [{name: 'schema', num_children: columns.length}];
  for (const [name, type] of columns) {
    if (type === 'timestamp')
      schema.push({name, type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', repetition_type: 'OPTIONAL'});
    else if (type === 'double') schema.push({name, type: 'DOUBLE', repetition_type: 'OPTIONAL'});
    else if (type === 'string')
      schema.push({name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL'});
    else
      schema.push(
        {name, repetition_type: 'OPTIONAL', converted_type: 'MAP', num_children: 1},
        {name: 'key_value', repetition_type: 'REPEATED', num_children: 2},
        {name: 'key', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED'},
        {name: 'value', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL'},
      );
  }
  return schema;
}

/** The lines as Parquet (SNAPPY), CUR 2.0 types. */
export function cur2Parquet(lines) {
  const columnData = CUR2_COLUMNS.map(([name, type]) => ({
    name,
    data: lines.map((l) => {
      const value = l[name];
      if (value === null || value === undefined) return null;
      if (type === 'timestamp') return new Date(value);
      if (type === 'double') return Number(value);
      if (type === 'string') return value;
      return Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
    }),
  }));
  const writer = new ByteWriter();
  parquetWrite({
    writer,
    columnData,
    schema: cur2Schema(),
    codec: 'SNAPPY',
    rowGroupSize: 1000,
    createdBy: 'fargate-cost bill-fixture',
  });
  return new Uint8Array(writer.getBuffer());
}

/** gzip with a fixed header (no time, OS "unknown"), as deterministic as the zlib in use. */
export function gzip(textOrBytes) {
  const out = gzipSync(typeof textOrBytes === 'string' ? Buffer.from(textOrBytes) : textOrBytes, {level: 9});
  out[9] = 255;
  return out;
}

// ---------------------------------------------------------------------------------------------
// The history: EventBridge "ECS Task State Change" events
// ---------------------------------------------------------------------------------------------

/** A uuid-shaped id from a label, deterministically (no randomness, no clock). */
function idOf(label) {
  let h = 0x811c9dc5;
  const parts = [];
  for (let round = 0; round < 4; round++) {
    for (const ch of `${round}:${label}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    parts.push(h.toString(16).padStart(8, '0'));
  }
  const hex = parts.join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function taskEvent(scenario, task, status) {
  const start = ms(task.start);
  const stop = ms(task.stop);
  const arn = taskArn(scenario, task);
  const running = status === 'RUNNING';
  const updated = running ? ms(task.runningUpdateAt) : stop;
  const detail = {
    attachments: [],
    attributes: [{name: 'ecs.cpu-architecture', value: task.arch}],
    availabilityZone: `${scenario.region}a`,
    capacityProviderName: task.capacityProvider,
    clusterArn: `arn:aws:ecs:${scenario.region}:${scenario.account}:cluster/${task.cluster}`,
    connectivity: 'CONNECTED',
    connectivityAt: iso(start - 5000),
    containers: [
      {
        containerArn: `arn:aws:ecs:${scenario.region}:${scenario.account}:container/${task.cluster}/${task.id}/${idOf(`${task.id}/main`)}`,
        lastStatus: status,
        name: 'main',
        taskArn: arn,
        cpu: '0',
        ...(running ? {} : {exitCode: 0}),
      },
    ],
    cpu: String(task.cpu),
    createdAt: iso(start - 10000),
    desiredStatus: running ? 'RUNNING' : 'STOPPED',
    enableExecuteCommand: false,
    ephemeralStorage: {sizeInGiB: task.storageGiB ?? 20},
    group: task.group,
    launchType: 'FARGATE',
    lastStatus: status,
    memory: String(task.memory),
    overrides: {containerOverrides: [{name: 'main'}]},
    platformFamily: task.platformFamily ?? 'Linux',
    platformVersion: '1.4.0',
    pullStartedAt: iso(start),
    pullStoppedAt: iso(start + 4000),
    startedAt: iso(start + 6000),
    ...(task.service ? {startedBy: `ecs-svc/${task.service}`} : {}),
    ...(running
      ? {}
      : {
          stoppingAt: iso(stop - 4000),
          executionStoppedAt: iso(stop - 2000),
          stoppedAt: iso(stop),
          stopCode: 'EssentialContainerExited',
          stoppedReason: 'Essential container in task exited',
        }),
    taskArn: arn,
    taskDefinitionArn: `arn:aws:ecs:${scenario.region}:${scenario.account}:task-definition/${task.taskDefinition}`,
    updatedAt: iso(updated),
    version: running ? 2 : 4,
  };
  return {
    version: '0',
    id: idOf(`${task.id}/${status}`),
    'detail-type': 'ECS Task State Change',
    source: 'aws.ecs',
    account: scenario.account,
    time: iso(updated),
    region: scenario.region,
    resources: [arn],
    detail,
  };
}

export function historyNdjson(scenario) {
  const events = [];
  for (const task of scenario.tasks) {
    if (task.runningUpdateAt) events.push(taskEvent(scenario, task, 'RUNNING'));
    events.push(taskEvent(scenario, task, 'STOPPED'));
  }
  events.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  return `${events.map((e) => JSON.stringify(e)).join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// lines.md: every line with its arithmetic
// ---------------------------------------------------------------------------------------------

export function linesMarkdown(lines) {
  const out = [
    '# Every line item of cur2.parquet / cur2.csv.gz, with its arithmetic',
    '',
    'Written by `scripts/bill-fixture.mjs` from `scenario.json` (see README.md). Usage = size × seconds',
    'in the hour / 3600, written to 10 places; cost = (exact usage) × rate, rounded half up to 10 places.',
    '"…" marks a figure that goes on (the exact product, before rounding).',
    '',
    '| # | type | hour (UTC) | task | usage type | usage | rate | unblended | other |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  lines.forEach((line, i) => {
    const w = line.work;
    const hour = iso(line.line_item_usage_start_date).slice(0, 16).replace('T', ' ');
    let usage = line.line_item_usage_amount ?? '';
    let cost = line.line_item_unblended_cost ?? '';
    let other = '';
    if (w.dimension) {
      const exact = new D(w.size).mul(w.seconds).div(3600);
      const exactText = (d) => {
        const t = d.toDecimalPlaces(14, D.ROUND_DOWN).toFixed();
        return d.eq(t) ? t : `${t}…`;
      };
      if (w.part === 'covered') {
        usage = `${line.line_item_usage_amount} (covered)`;
        cost = `${usage.split(' ')[0]} × ${w.rate} = ${line.line_item_unblended_cost}`;
        other = `SP effective ${line.line_item_usage_amount} × ${w.spRate} = ${line.savings_plan_savings_plan_effective_cost}`;
      } else if (w.part === 'negation') {
        usage = '0';
        cost = `−(${w.covered} × ${w.rate}) = ${line.line_item_unblended_cost}`;
      } else {
        const q = w.part === 'rest' ? exact.minus(w.covered) : exact;
        usage = `${w.size} × ${w.seconds}/3600${w.part === 'rest' ? ` − ${w.covered}` : ''} = ${exactText(q)} → ${line.line_item_usage_amount}`;
        cost = `${exactText(q.mul(w.rate))} → ${line.line_item_unblended_cost}`;
      }
      if (line.split_line_item_actual_usage !== null) other += `${other ? '; ' : ''}actual ${line.split_line_item_actual_usage}`;
    } else if (w.fee) {
      other = `commitment ${line.savings_plan_total_commitment_to_date}, used ${line.savings_plan_used_commitment}`;
    }
    const rate = w.dimension ? w.rate : (line.line_item_unblended_rate ?? '');
    out.push(
      `| ${i + 1} | ${line.line_item_line_item_type} | ${hour} | ${w.task ?? w.other ?? (w.fee ? 'savings plan' : '')} | ${line.line_item_usage_type || '(none)'} | ${usage} | ${rate} | ${cost} | ${other} |`,
    );
  });
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------

export function manifest(scenario, dataFile) {
  const period = periodOf(scenario);
  return `${JSON.stringify(
    {
      executionId: idOf(`${scenario.exportName}/${scenario.billingPeriod}`),
      exportArn: `arn:aws:bcm-data-exports:us-east-1:${scenario.account}:export/${scenario.exportName}-${idOf(scenario.exportName)}`,
      exportName: scenario.exportName,
      billingPeriod: {start: isoMs(period.start), end: isoMs(period.end)},
      columns: CUR2_COLUMNS.map(([name, type]) => ({name, type})),
      dataFiles: [`s3://fargate-cost-exports/${dataFile}`],
    },
    null,
    2,
  )}\n`;
}

/** Writes every output under `outDir`; returns the relative paths written. */
export function writeFixture(outDir, {scenarioPath = join(root, 'test/fixtures/bill/scenario.json')} = {}) {
  const scenario = JSON.parse(readFileSync(scenarioPath, 'utf8'));
  const catalog = JSON.parse(readFileSync(join(root, scenario.catalog), 'utf8'));
  const lines = buildLines(scenario, catalog);
  const parquet = cur2Parquet(lines);
  const name = scenario.exportName;
  const partition = `BILLING_PERIOD=${scenario.billingPeriod}`;
  const dataFile = `export/${name}/data/${partition}/${name}-00001.snappy.parquet`;
  const files = {
    'cur2.parquet': parquet,
    'cur2.csv.gz': gzip(cur2Csv(lines)),
    [dataFile]: parquet,
    [`export/${name}/metadata/${partition}/${name}-Manifest.json`]: manifest(scenario, `${name}/data/${partition}/${name}-00001.snappy.parquet`),
    'cur-legacy.csv': legacyCsv(lines),
    'focus.csv': focusCsv(lines),
    'history.ndjson': historyNdjson(scenario),
    'lines.md': linesMarkdown(lines),
  };
  for (const [path, content] of Object.entries(files)) {
    const full = join(outDir, path);
    mkdirSync(dirname(full), {recursive: true});
    writeFileSync(full, content);
  }
  return Object.keys(files);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--out');
  const outDir = at > 0 ? resolve(process.argv[at + 1]) : join(root, 'test/fixtures/bill');
  const written = writeFixture(outDir);
  console.log(`wrote ${written.length} files under ${outDir}`);
}
