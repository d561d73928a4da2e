import {z} from 'zod';
import {isDecimalString} from '../money/decimal.js';
import {ARCHITECTURES, OPERATING_SYSTEMS, OPTION_IDS, PAYMENTS, PLAN_IDS, RATE_KEYS, TERMS} from '../model/types.js';

/**
 * The building blocks of every output kind's JSON: exact decimals, money, dates, and the shapes
 * several kinds share. Each kind's schema (contract/<kind>.ts) is written once here and both types the
 * report's JSON builders and generates schema/<kind>.schema.json.
 */

/** An exact decimal as a string ("0.04048", "-3.1"): never a JSON number, so nothing is lost to floats. */
export const decimal = z.string().refine(isDecimalString).meta({
  description: 'an exact decimal number, as a string',
  pattern: '^[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?$',
});

/**
 * An amount of money in US dollars, an exact decimal string. Every field of this type is converted when
 * the user names another currency: the object holding it gains `converted`, the same fields in that
 * currency (contract/convert.ts).
 */
export const money = z.string().refine(isDecimalString).meta({
  description: 'US dollars, an exact decimal string (converted figures, when asked for, are in `converted`)',
  pattern: '^[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?$',
});

/** An ISO 8601 instant in UTC (`2026-12-01T12:00:00.000Z`). */
export const isoTime = z.iso.datetime();
/** A calendar date (`2026-11-30`). */
export const isoDate = z.iso.date();

export const optionId = z.enum(OPTION_IDS as [string, ...string[]]);
export const planId = z.enum(PLAN_IDS as [string, ...string[]]);
export const rateTable = z.enum(['on-demand', 'spot', ...PLAN_IDS] as [string, ...string[]]);
export const rateKey = z.enum(RATE_KEYS);
export const term = z.enum(TERMS);
export const payment = z.enum(PAYMENTS);
export const confidence = z.enum(['published', 'secondary', 'estimated']);
export const purchase = z.enum(['on-demand', 'spot']);

function isMoney(schema: z.ZodType): boolean {
  let inner: z.ZodType = schema;
  while (inner instanceof z.ZodNullable || inner instanceof z.ZodOptional) inner = inner.unwrap() as z.ZodType;
  return inner === money;
}

/**
 * An object of the contract. When it holds money, it gains an optional `converted`: the same money
 * fields in the currency the user asked for (present only then). The one place that rule is written.
 */
export function obj<Shape extends z.core.$ZodLooseShape>(
  shape: Shape,
): z.ZodObject<Shape & {converted: z.ZodOptional<z.ZodObject<ConvertedShape>>}> {
  const moneyKeys = Object.keys(shape).filter((key) => isMoney(shape[key] as z.ZodType));
  // No money, no `converted` (the type says it may be there: builders never set it, convert.ts does).
  if (moneyKeys.length === 0) return z.object(shape) as never;
  const converted = z
    .object(Object.fromEntries(moneyKeys.map((key) => [key, shape[key] as z.ZodType])))
    .meta({description: 'the money fields beside it, in the currency of the top-level `conversion`'});
  return z.object({...shape, converted: converted.optional()}) as never;
}

type ConvertedShape = Record<string, z.ZodType<string | null>>;

export const catalogInfo = obj({
  path: z.string(),
  kind: z.enum(['embedded', 'cache', 'file']),
  generatedAt: z.string(),
  ageDays: z.number().int(),
  stale: z.boolean(),
  staleBefore: z.string().meta({
    description:
      'a year before the run (YYYY-MM-DD): an option priced with a rate dated before it is flagged in its row',
  }),
}).meta({id: 'CatalogInfo'});

export const rateDates = obj({
  onDemand: isoDate.nullable(),
  spot: isoDate.nullable(),
  savingsPlans: isoDate.nullable(),
});

/** A later reading that found a rate unchanged: present only on a rate one confirmed. */
const confirmation = {
  confirmed: isoDate.optional().meta({
    description:
      'the newest date a later reading found this price unchanged (YYYY-MM-DD); the rate keeps its own source, date and confidence, and its age for the stale-rate flag counts from this date',
  }),
  confirmedBy: z.string().optional().meta({description: 'the source id of that reading'}),
};

export const pricedLine = obj({
  usageType: z.string(),
  region: z.string(),
  dimension: rateKey,
  quantity: decimal,
  unit: z.string(),
  rate: money,
  cost: money,
  source: z.string(),
  asOf: isoDate,
  confidence,
  derivation: z.string().optional(),
  ...confirmation,
}).meta({id: 'PricedLine'});

export const optionResult = obj({
  id: optionId,
  label: z.string(),
  available: z.boolean(),
  reason: z.string().nullable(),
  monthlyCost: money.nullable(),
  hourlyCost: money.nullable(),
  savings: money.nullable(),
  savingsPercent: decimal.nullable(),
  commitmentPerHour: money.nullable(),
  upfront: money.nullable(),
  recurringMonthlyCost: money.nullable(),
  term: term.nullable(),
  payment: payment.nullable(),
  lines: z.array(pricedLine),
}).meta({id: 'OptionResult'});

export const rateRef = obj({
  region: z.string(),
  table: rateTable,
  dimension: rateKey,
  usageType: z.string(),
  unit: z.string(),
  rate: money,
  source: z.string(),
  sourceTitle: z.string(),
  asOf: isoDate,
  confidence,
  derivation: z.string().nullable(),
  ...confirmation,
}).meta({id: 'RateRef'});

export const taskSize = obj({
  cpuUnits: z.number().int(),
  vcpu: decimal,
  memoryMiB: z.number().int(),
  memoryGB: decimal,
  storageGiB: z.number().int(),
  arch: z.enum(ARCHITECTURES),
  os: z.enum(OPERATING_SYSTEMS),
}).meta({id: 'TaskSize'});

export const strategyItem = obj({
  capacityProvider: z.enum(['FARGATE', 'FARGATE_SPOT']),
  base: z.number().int(),
  weight: z.number().int(),
}).meta({id: 'StrategyItem'});

/** The words a result's assumptions end with. */
export const sentences = z.array(z.string());

/** ISO 4217: three capital letters. */
export const currencyCode = z.string().regex(/^[A-Z]{3}$/);

/** How figures were converted, when the user named a currency: US dollars times `rate`. */
export const conversion = obj({
  currency: currencyCode,
  rate: decimal.meta({description: 'units of `currency` per US dollar, as the user gave it'}),
  rateDate: isoDate.nullable().meta({description: 'the date the user gave the rate, or null'}),
}).meta({id: 'Conversion'});
