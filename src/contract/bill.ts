import {z} from 'zod';
import {BILL_COVERAGES, BILL_FORMATS, BILL_GRANULARITIES, BILL_SKIPS} from '../model/bill.js';
import {decimal, isoTime, money, obj, rateKey} from './common.js';

const figures = {
  charged: money.meta({description: 'unblended cost, Savings Plan negations included: what the invoice charged'}),
  paid: money.meta({
    description: 'On-Demand and Spot usage as charged, covered usage at its Savings Plan effective cost',
  }),
  publicOnDemand: money.meta({description: 'the same usage at public On-Demand rates'}),
  vcpuHours: decimal,
  gbHours: decimal,
  storageGbHours: decimal.meta({description: 'ephemeral storage above the included 20 GiB'}),
  lines: z.number().int(),
};

const row = obj({key: z.string(), tasks: z.number().int().nullable(), ...figures, share: decimal});

const count = z.number().int();

/** `fargate-cost history BILL --format json`: what a cost export (CUR 2.0, legacy CUR, FOCUS) says Fargate cost. */
export const billBody = obj({
  window: obj({from: isoTime, to: isoTime, hours: decimal}).nullable(),
  granularity: z.enum(BILL_GRANULARITIES),
  billCurrency: z.string().meta({description: "the line items' currency code"}),
  accounts: count,
  sources: z.array(
    obj({
      path: z.string(),
      format: z.enum(BILL_FORMATS),
      files: count,
      lines: count,
      billingPeriods: z.array(z.string()),
    }),
  ),
  lines: obj({
    read: count,
    fargate: count,
    skipped: z.partialRecord(z.enum(BILL_SKIPS), count),
    negations: count,
    commitments: count,
    adjustments: count,
    withoutResource: count,
  }),
  totals: obj({
    ...figures,
    onDemand: money,
    savingsPlan: money,
    spot: money,
    adjustments: money.meta({description: 'credits, discounts, refunds and tax on Fargate usage types'}),
    savings: money.meta({description: 'publicOnDemand - paid'}),
  }),
  byCoverage: z.array(row),
  groups: z.array(row),
  byDay: z.array(row),
  dimensions: z.array(
    obj({
      region: z.string(),
      dimension: rateKey,
      coverage: z.enum(BILL_COVERAGES),
      usage: decimal,
      charged: money,
      paid: money,
      publicOnDemand: money,
      lines: count,
    }),
  ),
  hourly: z.array(
    obj({
      start: isoTime,
      paid: money,
      publicOnDemand: money,
      coveredOnDemand: money,
      uncoveredOnDemand: money,
      coverage: decimal.nullable(),
      commitment: obj({total: money, used: money, fargate: money, utilization: decimal.nullable()}).nullable(),
    }),
  ),
  savingsPlans: obj({
    coverage: decimal.nullable(),
    utilization: decimal.nullable(),
    commitment: money,
    used: money,
    fargate: money,
  }),
  measured: z.array(
    obj({
      group: z.string(),
      vcpu: obj({actual: decimal, reserved: decimal, ratio: decimal.nullable()}).nullable(),
      memory: obj({actual: decimal, reserved: decimal, ratio: decimal.nullable()}).nullable(),
    }),
  ),
  projection: obj({monthHours: count, monthlyPaid: money, monthlyPublicOnDemand: money}).nullable(),
  notes: z.array(z.string()),
});
