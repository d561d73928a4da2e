import {EXIT, escapeControls, UserError} from '../../errors.js';
import type {BillFormat, BillLine} from '../../model/bill.js';

/**
 * The columns of a cost export the bill reads, in the three dialects Data Exports and the legacy CUR
 * write (`docs/bill.md`, "Columns read", lists them): which dialect a header is, where each field
 * is in a row, and a row's cells (text from a CSV, typed values from Parquet) as a `BillLine`.
 */

/** A field of a row, before it becomes a line: the BillLine fields, the tags, and FOCUS's charge columns. */
type Field =
  | 'resourceId'
  | 'usageType'
  | 'lineItemType'
  | 'productCode'
  | 'operation'
  | 'start'
  | 'end'
  | 'periodStart'
  | 'periodEnd'
  | 'region'
  | 'account'
  | 'currency'
  | 'usageAmount'
  | 'unblendedCost'
  | 'publicOnDemandCost'
  | 'savingsPlanEffectiveCost'
  | 'totalCommitment'
  | 'usedCommitment'
  | 'actualUsage'
  /** A map of tags (a Parquet map, JSON-like text in a CSV). */
  | 'tags'
  /** The ECS service tag as a column of its own. */
  | 'serviceTag'
  | 'chargeCategory'
  | 'chargeFrequency'
  | 'pricingCategory'
  | 'commitmentId'
  | 'commitmentStatus';

type Names = Partial<Record<Field, readonly string[]>>;

/** Each dialect's columns per field, the first present one read; names compare without case. */
export const DIALECT_COLUMNS: Readonly<Record<BillFormat, Names>> = {
  cur2: {
    resourceId: ['line_item_resource_id'],
    usageType: ['line_item_usage_type'],
    lineItemType: ['line_item_line_item_type'],
    productCode: ['line_item_product_code'],
    operation: ['line_item_operation'],
    start: ['line_item_usage_start_date'],
    end: ['line_item_usage_end_date'],
    periodStart: ['bill_billing_period_start_date'],
    periodEnd: ['bill_billing_period_end_date'],
    region: ['product_region_code', 'product_region'],
    account: ['line_item_usage_account_id'],
    currency: ['line_item_currency_code'],
    usageAmount: ['line_item_usage_amount'],
    unblendedCost: ['line_item_unblended_cost'],
    publicOnDemandCost: ['pricing_public_on_demand_cost'],
    savingsPlanEffectiveCost: ['savings_plan_savings_plan_effective_cost'],
    totalCommitment: ['savings_plan_total_commitment_to_date'],
    usedCommitment: ['savings_plan_used_commitment'],
    actualUsage: ['split_line_item_actual_usage'],
    tags: ['resource_tags', 'tags'],
    // The legacy CUR written as Parquet (and Athena's view of it) names the tag so.
    serviceTag: ['resource_tags_aws_ecs_service_name'],
  },
  cur: {
    resourceId: ['lineItem/ResourceId'],
    usageType: ['lineItem/UsageType'],
    lineItemType: ['lineItem/LineItemType'],
    productCode: ['lineItem/ProductCode'],
    operation: ['lineItem/Operation'],
    start: ['lineItem/UsageStartDate'],
    end: ['lineItem/UsageEndDate'],
    periodStart: ['bill/BillingPeriodStartDate'],
    periodEnd: ['bill/BillingPeriodEndDate'],
    region: ['product/regionCode', 'product/region'],
    account: ['lineItem/UsageAccountId'],
    currency: ['lineItem/CurrencyCode'],
    usageAmount: ['lineItem/UsageAmount'],
    unblendedCost: ['lineItem/UnblendedCost'],
    publicOnDemandCost: ['pricing/publicOnDemandCost'],
    savingsPlanEffectiveCost: ['savingsPlan/SavingsPlanEffectiveCost'],
    totalCommitment: ['savingsPlan/TotalCommitmentToDate'],
    usedCommitment: ['savingsPlan/UsedCommitment'],
    actualUsage: ['splitLineItem/ActualUsage'],
    serviceTag: ['resourceTags/aws:ecs:serviceName'],
  },
  focus: {
    resourceId: ['ResourceId'],
    usageType: ['x_UsageType'],
    productCode: ['x_ServiceCode'],
    operation: ['x_Operation'],
    start: ['ChargePeriodStart'],
    end: ['ChargePeriodEnd'],
    periodStart: ['BillingPeriodStart'],
    periodEnd: ['BillingPeriodEnd'],
    region: ['RegionId', 'Region'],
    account: ['SubAccountId'],
    currency: ['BillingCurrency'],
    usageAmount: ['ConsumedQuantity'],
    unblendedCost: ['BilledCost'],
    publicOnDemandCost: ['ListCost'],
    savingsPlanEffectiveCost: ['EffectiveCost'],
    tags: ['Tags'],
    // FOCUS 1.0's preview called the category ChargeType.
    chargeCategory: ['ChargeCategory', 'ChargeType'],
    chargeFrequency: ['ChargeFrequency'],
    pricingCategory: ['PricingCategory'],
    commitmentId: ['CommitmentDiscountId'],
    commitmentStatus: ['CommitmentDiscountStatus'],
  },
};

const REQUIRED: readonly Field[] = ['usageType', 'start', 'usageAmount', 'unblendedCost'];
const DIALECT_NAME: Readonly<Record<BillFormat, string>> = {cur2: 'CUR 2.0', cur: 'legacy CUR', focus: 'FOCUS'};

/** Where each field is in a row (-1: absent), for one header. */
export interface Layout {
  readonly format: BillFormat;
  readonly at: Readonly<Record<Field, number>>;
}

/** The keys the ECS service tag has in a tag map: as AWS names it, and as CUR 2.0 and Athena rename it. */
const SERVICE_TAG_KEYS = [
  'aws_ecs_service_name',
  'aws:ecs:serviceName',
  'resourceTags/aws:ecs:serviceName',
  'resourceTags/aws_ecs_service_name',
];

function indexOf(lowered: ReadonlyMap<string, number>, names: readonly string[] | undefined): number {
  for (const name of names ?? []) {
    const at = lowered.get(name.toLowerCase());
    if (at !== undefined) return at;
  }
  return -1;
}

/**
 * The dialect of a header (a CSV's first row, a Parquet file's top-level columns) and where each
 * field is. A header of no dialect, or without a column every line needs, is a UserError naming `path`.
 */
export function layoutOf(header: readonly string[], path: string): Layout {
  const lowered = new Map<string, number>();
  header.forEach((name, index) => {
    const key = name.trim().toLowerCase();
    if (!lowered.has(key)) lowered.set(key, index);
  });
  const formats = Object.keys(DIALECT_COLUMNS) as BillFormat[];
  // A dialect is known by its usage type column, else (to say what is missing) by any column of its own.
  const format =
    formats.find((f) => indexOf(lowered, DIALECT_COLUMNS[f].usageType) >= 0) ??
    formats.find((f) => Object.values(DIALECT_COLUMNS[f]).some((names) => indexOf(lowered, names) >= 0));
  const shown = escapeControls(path);
  if (format === undefined) {
    throw new UserError(
      `${shown} is not a cost export: it has no line_item_usage_type column (CUR 2.0), lineItem/UsageType (legacy CUR) or x_UsageType (FOCUS)`,
      {exitCode: EXIT.input, hint: 'give a CUR 2.0, legacy CUR or FOCUS 1.x with AWS columns export (Parquet or CSV)'},
    );
  }
  const columns = DIALECT_COLUMNS[format];
  const at = {} as Record<Field, number>;
  for (const field of Object.keys(DIALECT_COLUMNS.cur2).concat(Object.keys(DIALECT_COLUMNS.focus)) as Field[]) {
    at[field] = indexOf(lowered, columns[field]);
  }
  const missing = REQUIRED.filter((field) => at[field] < 0).map((field) => columns[field]?.[0] ?? field);
  if (missing.length > 0) {
    const hint =
      format === 'focus' && at.usageType < 0
        ? 'FOCUS without AWS columns has no usage type: export "FOCUS 1.x with AWS columns" or CUR 2.0'
        : 'export the table with these columns (Data Exports: CUR 2.0 with resource IDs)';
    throw new UserError(`${shown} is a ${DIALECT_NAME[format]} export without ${missing.join(', ')}`, {
      exitCode: EXIT.input,
      hint,
    });
  }
  return {format, at};
}

/** The columns a layout reads, by the header's names, for a columnar reader to ask only for them. */
export function columnsRead(header: readonly string[], layout: Layout): string[] {
  return [...new Set(Object.values(layout.at).filter((index) => index >= 0))]
    .sort((a, b) => a - b)
    .map((index) => header[index]!);
}

/** A layout over the columns `columnsRead` gave, in that order (a Parquet row holds only those). */
export function projectedLayout(header: readonly string[], layout: Layout): Layout {
  const kept = columnsRead(header, layout);
  const position = new Map(kept.map((name, index) => [name, index]));
  const at = {} as Record<Field, number>;
  for (const [field, index] of Object.entries(layout.at) as [Field, number][]) {
    at[field] = index < 0 ? -1 : position.get(header[index]!)!;
  }
  return {format: layout.format, at};
}

const decoder = new TextDecoder();

/** A cell as text: null for an empty or absent cell; numbers as `String()` writes them. */
export function textOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return textOf(decoder.decode(value));
  return null;
}

const DATE_TIME =
  /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?\s*$/i;

/**
 * A timestamp as the exports write it (`2026-11-03T10:00:00Z`, `2026-11-03T10:00:00.000Z`,
 * `2026-11-03 10:00:00.000`, a date alone), epoch milliseconds; no zone is UTC. NaN when not one.
 */
export function utcMs(text: string): number {
  const match = DATE_TIME.exec(text);
  if (!match) return Number.NaN;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return Number.NaN;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, Number(fraction.padEnd(3, '0').slice(0, 3)));
  // Date.UTC rolls 31 November over to 1 December: such a day is not one.
  if (new Date(ms).getUTCDate() !== day) return Number.NaN;
  let offset = 0;
  if (zone && zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '');
    const sign = digits.startsWith('-') ? -1 : 1;
    const zh = Number(digits.slice(1, 3));
    const zm = Number(digits.slice(3, 5) || '0');
    if (zh > 23 || zm > 59) return Number.NaN;
    offset = sign * (zh * 60 + zm) * 60_000;
  }
  return ms - offset;
}

/** A timestamp cell (text, a Date, or epoch milliseconds from Parquet) as epoch ms; null when empty. */
export function timeOf(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : Number.NaN;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string') return utcMs(value);
  return Number.NaN;
}

/** The value of the first of `keys` in a tag map: a Parquet map (an object), JSON text, or `{k=v, k2=v2}`. */
export function tagOf(value: unknown, keys: readonly string[] = SERVICE_TAG_KEYS): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') return null;
    if (text.startsWith('{')) {
      try {
        return tagOf(JSON.parse(text) as unknown, keys);
      } catch {
        // Not JSON: Athena and Hive write a map as {key=value, key2=value2}.
        const body = text.replace(/^\{|\}$/g, '');
        const entries = body.split(/,\s*/).map((pair) => {
          const at = pair.indexOf('=');
          return at < 0 ? ([pair, ''] as const) : ([pair.slice(0, at).trim(), pair.slice(at + 1)] as const);
        });
        return tagOf(Object.fromEntries(entries), keys);
      }
    }
    return null;
  }
  if (value instanceof Map) return tagOf(Object.fromEntries(value), keys);
  if (Array.isArray(value)) {
    // A list of {key, value} entries.
    const entries = value.flatMap((entry: unknown) => {
      if (typeof entry !== 'object' || entry === null) return [];
      const {key, value: v} = entry as {key?: unknown; value?: unknown};
      return typeof key === 'string' ? [[key, v] as const] : [];
    });
    return tagOf(Object.fromEntries(entries), keys);
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of keys) {
      if (Object.hasOwn(record, key)) {
        const found = textOf(record[key]);
        if (found !== null) return found;
      }
    }
  }
  return null;
}

/**
 * A FOCUS row's charge as the CUR's line item type, so the ledger's rules apply unchanged: usage
 * a Savings Plan covered is `SavingsPlanCoveredUsage`, a Savings Plan's purchase its fee, a
 * commitment's unused part its recurring fee, tax, credits and adjustments the CUR's names.
 */
export function focusLineItemType(row: {
  category: string | null;
  frequency: string | null;
  pricing: string | null;
  commitmentId: string | null;
  commitmentStatus: string | null;
  usageType: string | null;
}): string {
  const category = (row.category ?? 'Usage').toLowerCase();
  const reserved = row.commitmentId?.includes(':reserved-instances') ?? false;
  if (category === 'usage') {
    if (row.commitmentStatus?.toLowerCase() === 'unused') return reserved ? 'RIFee' : 'SavingsPlanRecurringFee';
    if (row.commitmentId !== null || row.pricing?.toLowerCase() === 'committed')
      return reserved ? 'DiscountedUsage' : 'SavingsPlanCoveredUsage';
    return 'Usage';
  }
  if (category === 'purchase') {
    if (reserved) return 'RIFee';
    const savingsPlan = row.commitmentId !== null || /SP:/.test(row.usageType ?? '');
    if (!savingsPlan) return 'Fee';
    return row.frequency?.toLowerCase() === 'one-time' ? 'SavingsPlanUpfrontFee' : 'SavingsPlanRecurringFee';
  }
  if (category === 'tax') return 'Tax';
  if (category === 'credit') return 'Credit';
  // The CUR has no "Adjustment": Refund is its nearest, and the ledger counts both as an adjustment.
  if (category === 'adjustment') return 'Refund';
  return row.category ?? 'Usage';
}

/** The cell at `index` of a row (-1: a column the file does not have). */
const cellAt = (row: readonly unknown[], index: number): unknown => (index < 0 ? null : row[index]);

/** One row's cells (by the layout's positions) as a line item. */
export function lineOf(row: readonly unknown[], layout: Layout): BillLine {
  const {at} = layout;
  const start = timeOf(cellAt(row, at.start));
  const end = timeOf(cellAt(row, at.end));
  const usageType = textOf(cellAt(row, at.usageType));
  const service = textOf(cellAt(row, at.serviceTag)) ?? tagOf(cellAt(row, at.tags));
  let lineItemType = textOf(cellAt(row, at.lineItemType));
  let savingsPlanEffectiveCost = textOf(cellAt(row, at.savingsPlanEffectiveCost));
  // A period that cannot be read is as good as none: it only bounds the window.
  const periodOf = (index: number) => {
    const ms = timeOf(cellAt(row, index));
    return ms === null || !Number.isFinite(ms) ? null : ms;
  };
  if (layout.format === 'focus') {
    lineItemType = focusLineItemType({
      category: textOf(cellAt(row, at.chargeCategory)),
      frequency: textOf(cellAt(row, at.chargeFrequency)),
      pricing: textOf(cellAt(row, at.pricingCategory)),
      commitmentId: textOf(cellAt(row, at.commitmentId)),
      commitmentStatus: textOf(cellAt(row, at.commitmentStatus)),
      usageType,
    });
    // EffectiveCost is every row's amortised cost; the CUR has the Savings Plan's only on covered lines.
    if (lineItemType !== 'SavingsPlanCoveredUsage') savingsPlanEffectiveCost = null;
  }
  return {
    resourceId: textOf(cellAt(row, at.resourceId)),
    usageType,
    lineItemType,
    productCode: textOf(cellAt(row, at.productCode)),
    operation: textOf(cellAt(row, at.operation)),
    // An end that cannot be read makes the line unreadable as a start that cannot: the ledger counts it invalid.
    startMs: start === null || Number.isNaN(end ?? 0) ? Number.NaN : start,
    endMs: end === null || Number.isNaN(end) ? null : end,
    region: textOf(cellAt(row, at.region)),
    account: textOf(cellAt(row, at.account)),
    currency: textOf(cellAt(row, at.currency)),
    usageAmount: textOf(cellAt(row, at.usageAmount)),
    unblendedCost: textOf(cellAt(row, at.unblendedCost)),
    publicOnDemandCost: textOf(cellAt(row, at.publicOnDemandCost)),
    savingsPlanEffectiveCost,
    totalCommitment: textOf(cellAt(row, at.totalCommitment)),
    usedCommitment: textOf(cellAt(row, at.usedCommitment)),
    actualUsage: textOf(cellAt(row, at.actualUsage)),
    service,
    lines: 1,
    billingPeriodStartMs: periodOf(at.periodStart),
    billingPeriodEndMs: periodOf(at.periodEnd),
  };
}
