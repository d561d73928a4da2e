import {z} from 'zod';
import {RECONCILE_STATUSES} from '../model/reconcile.js';
import {catalogInfo, decimal, isoTime, money, obj, purchase, rateKey, rateRef} from './common.js';

const count = z.number().int();

const span = obj({from: isoTime, to: isoTime}).meta({description: 'clock hours, from (inclusive) to (exclusive)'});

/** `fargate-cost reconcile --format json`: the per-second model against the bill, per task, hour and dimension. */
export const reconcileBody = obj({
  tolerance: obj({
    places: count.meta({description: 'decimal places the cost export writes each amount and cost to'}),
    perLine: decimal.meta({
      description:
        'a cell agrees when |model rounded to `places` - bill| <= its bill lines x perLine, quantity and cost',
    }),
  }),
  spans: obj({
    history: span.nullable().meta({description: 'the clock hours the model billed'}),
    bill: span.nullable().meta({description: "the clock hours of the bill's Fargate usage lines"}),
    compared: span.nullable().meta({description: 'the hours both cover: only cells in it are compared'}),
  }),
  outside: obj({history: count, bill: count}).meta({description: 'cells left out, outside the compared hours'}),
  counts: obj(
    Object.fromEntries(RECONCILE_STATUSES.map((status) => [status, count])) as Record<
      (typeof RECONCILE_STATUSES)[number],
      typeof count
    >,
  ),
  totals: obj({
    byDimension: z.array(
      obj({
        dimension: rateKey,
        purchase,
        cells: count,
        modelQuantity: decimal,
        billQuantity: decimal,
        quantityDifference: decimal,
        modelCost: money,
        billCost: money,
        costDifference: money,
      }),
    ),
    modelCost: money,
    billCost: money,
    costDifference: money.meta({description: 'bill minus model'}),
  }),
  tasks: z
    .array(obj({taskArn: z.string(), cells: count, costDifference: money}))
    .meta({description: 'tasks with a cell that is not agree, largest cost difference first'}),
  cells: z.array(
    obj({
      taskArn: z.string(),
      hour: isoTime.meta({description: "the UTC clock hour's start"}),
      dimension: rateKey,
      purchase,
      status: z.enum(RECONCILE_STATUSES),
      model: obj({quantity: decimal, cost: money, rate: money})
        .nullable()
        .meta({description: 'exact, at the catalog rate; null for bill-only'}),
      bill: obj({quantity: decimal, cost: money, lines: count, coveredLines: count})
        .nullable()
        .meta({description: 'the lines summed; null for history-only'}),
      quantityDifference: decimal.meta({description: 'bill minus model, a missing side counting as zero'}),
      costDifference: money,
      tolerance: decimal,
    }),
  ),
  history: obj({runs: count}),
  bill: obj({
    lines: count,
    usageLines: count,
    withoutResource: count,
    invalid: count,
    currencies: z.array(z.string()),
  }),
  assumptions: obj({catalog: catalogInfo, rates: z.array(rateRef)}),
});
