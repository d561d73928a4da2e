import {z} from 'zod';
import {catalogInfo, confidence, decimal, isoDate, money, obj, rateKey, rateTable} from './common.js';

/** The `prices` commands speak of rates in US dollars: they are never converted. */

const tableDates = obj({onDemand: isoDate.nullable(), spot: isoDate.nullable(), savingsPlans: isoDate.nullable()});

const source = obj({
  id: z.string(),
  title: z.string(),
  origin: z.string(),
  date: isoDate,
  confidence,
});

/** `fargate-cost prices show --format json`: the catalog's rates, per region, with their sources and ages. */
export const pricesShowBody = obj({
  catalog: obj({...catalogInfo.shape, generatedBy: z.string(), regionCount: z.number().int()}),
  oldestAsOf: tableDates,
  counts: obj({rates: z.number().int(), estimated: z.number().int()}),
  regions: z.array(
    obj({
      code: z.string(),
      name: z.string(),
      usageTypePrefix: z.string(),
      oldestAsOf: tableDates,
      rates: z.array(
        obj({
          table: rateTable,
          tableLabel: z.string(),
          dimension: rateKey,
          usageType: z.string(),
          unit: z.string(),
          rate: money,
          source: z.string(),
          asOf: isoDate,
          ageDays: z.number().int(),
          confidence,
          derivation: z.string().nullable(),
          note: z.string().nullable(),
          confirmed: isoDate.nullable().meta({
            description:
              'the newest date a later reading found this price unchanged; the rate keeps its own source, date and confidence',
          }),
          confirmedBy: z.string().nullable().meta({description: 'the source id of that reading'}),
        }),
      ),
    }),
  ),
  sources: z.array(source),
  warnings: z.array(z.string()),
});

const changeSide = obj({rate: money, usageType: z.string(), source: z.string(), asOf: isoDate, confidence});

/** `fargate-cost prices diff --format json`: every rate that changed between two catalogs. */
export const pricesDiffBody = obj({
  from: catalogInfo,
  to: catalogInfo,
  summary: obj({
    changed: z.number().int(),
    added: z.number().int(),
    removed: z.number().int(),
    unchanged: z.number().int(),
    redated: z.number().int(),
    regionsAdded: z.array(z.string()),
    regionsRemoved: z.array(z.string()),
  }),
  changes: z.array(
    obj({
      region: z.string(),
      table: rateTable,
      dimension: rateKey,
      status: z.enum(['changed', 'added', 'removed']),
      before: changeSide.nullable(),
      after: changeSide.nullable(),
      change: money.nullable(),
      percent: decimal.nullable(),
    }),
  ),
  warnings: z.array(z.string()),
});

/** `fargate-cost prices refresh --format json`: what the refreshed catalog came from, region by region. */
export const pricesRefreshBody = obj({
  written: z.string().nullable(),
  previousKept: z.string().nullable(),
  base: catalogInfo,
  catalogGeneratedAt: z.string().meta({description: "the refreshed catalog's own generatedAt"}),
  retrievedOn: isoDate,
  source: z.enum(['api', 'public']).meta({
    description:
      'api: the Price List and Savings Plans APIs (credentials); public: the public offer files of AWS and the Fargate Spot feed',
  }),
  pricingEndpointRegion: z
    .string()
    .meta({description: 'the Pricing API endpoint region (api), or the host the offer files came from (public)'}),
  sources: z.array(source),
  regions: z.array(
    obj({
      code: z.string(),
      name: z.string(),
      status: z.enum(['refreshed', 'added', 'no-products', 'not-fetched', 'left-out']),
      onDemandRates: z.number().int(),
      savingsPlanRates: z.number().int(),
      spot: obj({
        count: z.number().int(),
        fromFeed: z.number().int(),
        fromBase: z.number().int(),
        oldestAsOf: isoDate.nullable(),
      }),
      kept: z.array(obj({table: rateTable, dimension: rateKey, rate: money, source: z.string(), asOf: isoDate})),
      estimated: z.number().int(),
    }),
  ),
  unknownUsageTypes: z.array(obj({region: z.string(), api: z.string(), usageType: z.string()})),
  anomalies: z.array(obj({region: z.string(), api: z.string(), message: z.string()})),
  changes: obj({
    changed: z.number().int(),
    added: z.number().int(),
    removed: z.number().int(),
    unchanged: z.number().int(),
  }),
  warnings: z.array(z.string()),
});
