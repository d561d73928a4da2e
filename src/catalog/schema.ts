import {z} from 'zod';
import {isIsoDate} from './dates.js';
import {isDecimalString} from '../money/decimal.js';
import {PLAN_IDS, RATE_KEYS, SAVINGS_PLAN_RATE_KEYS, SPOT_RATE_KEYS} from '../model/types.js';

export const CATALOG_SCHEMA_ID = 'fargate-cost/catalog@1';

export {isIsoDate};

// A date that does not exist made ages of "NaN days", or rolled over into the next month.
const isoDate = z.string().refine(isIsoDate, 'expected a date YYYY-MM-DD that exists');
const decimalString = z
  .string()
  .refine(
    (text) => isDecimalString(text) && !text.startsWith('-'),
    'expected a non-negative decimal string such as "0.04048"',
  );

export const confidenceSchema = z.enum(['published', 'secondary', 'estimated']);

export const rateSchema = z
  .object({
    usageType: z.string().min(1),
    unit: z.enum(['vCPU-Hours', 'GB-Hours']),
    price: decimalString,
    source: z.string().min(1),
    asOf: isoDate,
    confidence: confidenceSchema,
    /** How an estimated rate was derived; required when confidence is `estimated`. */
    derivation: z.string().min(1).optional(),
    note: z.string().min(1).optional(),
    /**
     * The newest date a later reading (`confirmedBy`, a source id) found the same price: the rate keeps its
     * own source, date and label, but was seen valid then (a stale-rate flag counts from it).
     */
    confirmed: isoDate.optional(),
    confirmedBy: z.string().min(1).optional(),
  })
  .strict()
  .refine((rate) => rate.confidence !== 'estimated' || rate.derivation !== undefined, {
    message: 'an estimated rate must say how it was derived (derivation)',
    path: ['derivation'],
  })
  .refine((rate) => (rate.confirmed === undefined) === (rate.confirmedBy === undefined), {
    message: 'a confirmed rate names the source that confirmed it (confirmed and confirmedBy together)',
    path: ['confirmedBy'],
  })
  .refine((rate) => rate.confirmed === undefined || rate.confirmed > rate.asOf, {
    message: 'a confirmation is later than the rate it confirms (confirmed after asOf)',
    path: ['confirmed'],
  });

const partialRecord = <K extends string>(keys: readonly [K, ...K[]]) => z.partialRecord(z.enum(keys), rateSchema);

export const regionSchema = z
  .object({
    name: z.string().min(1),
    usageTypePrefix: z.string().min(1),
    onDemand: partialRecord(RATE_KEYS),
    spot: partialRecord(SPOT_RATE_KEYS),
    savingsPlans: z.partialRecord(z.enum(PLAN_IDS as [string, ...string[]]), partialRecord(SAVINGS_PLAN_RATE_KEYS)),
  })
  .strict();

export const sourceSchema = z
  .object({
    id: z.string().min(1),
    title: z.string().min(1),
    origin: z.string().min(1),
    date: isoDate,
    confidence: confidenceSchema,
  })
  .strict();

export const catalogSchema = z
  .object({
    schema: z.literal(CATALOG_SCHEMA_ID),
    currency: z.literal('USD'),
    generatedAt: z.iso.datetime(),
    generatedBy: z.string().min(1),
    sources: z.array(sourceSchema).min(1),
    regions: z.record(
      z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'expected an AWS region code such as us-east-1'),
      regionSchema,
    ),
  })
  .strict()
  .superRefine((catalog, ctx) => {
    const ids = new Set(catalog.sources.map((source) => source.id));
    for (const [code, region] of Object.entries(catalog.regions)) {
      // A region Fargate runs in but no source priced yet is listed with no On-Demand rate (pricing
      // there names the refresh); one with any On-Demand rate has the Linux/x86 pair.
      const empty = Object.keys(region.onDemand).length === 0;
      for (const key of ['linux-x86_64-vcpu', 'linux-x86_64-memory'] as const) {
        if (!empty && !region.onDemand[key]) {
          ctx.addIssue({
            code: 'custom',
            path: ['regions', code, 'onDemand', key],
            message: `region ${code} has no On-Demand ${key} rate`,
          });
        }
      }
      type Sourced = {source: string; confirmedBy?: string | undefined};
      const tables: [string, Record<string, Sourced | undefined>][] = [
        ['onDemand', region.onDemand],
        ['spot', region.spot],
        ...Object.entries(region.savingsPlans).map(([plan, rates]): [string, Record<string, Sourced | undefined>] => [
          `savingsPlans.${plan}`,
          rates ?? {},
        ]),
      ];
      for (const [table, rates] of tables) {
        for (const [key, rate] of Object.entries(rates)) {
          if (rate && !ids.has(rate.source)) {
            ctx.addIssue({
              code: 'custom',
              path: ['regions', code, ...table.split('.'), key, 'source'],
              message: `unknown source "${rate.source}"`,
            });
          }
          if (rate?.confirmedBy !== undefined && !ids.has(rate.confirmedBy)) {
            ctx.addIssue({
              code: 'custom',
              path: ['regions', code, ...table.split('.'), key, 'confirmedBy'],
              message: `unknown source "${rate.confirmedBy}"`,
            });
          }
        }
      }
    }
  });

export type CatalogJson = z.infer<typeof catalogSchema>;
export type RateJson = z.infer<typeof rateSchema>;
export type RegionJson = z.infer<typeof regionSchema>;
export type SourceJson = z.infer<typeof sourceSchema>;
