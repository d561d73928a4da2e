import {z} from 'zod';
import {catalogInfo, decimal, obj, optionResult, rateDates, rateRef, sentences, taskSize} from './common.js';

/** `fargate-cost estimate --format json`: every task definition, and all of them together, under each purchase option. */
export const estimateBody = obj({
  options: z
    .array(optionResult)
    .meta({description: 'the whole input (every task definition together) under each purchase option'}),
  tasks: z.array(
    obj({
      name: z.string(),
      source: z.string(),
      region: z.string(),
      regionOrigin: z.enum(['flag', 'task definition', 'environment', 'default']),
      size: taskSize,
      billedSecondsPerRun: z.number().int(),
      notes: sentences,
      options: z.array(optionResult),
    }),
  ),
  workload: obj({
    count: z.number().int(),
    durationSeconds: decimal,
    runsPerMonth: decimal,
    monthHours: z.number().int(),
    alwaysOn: z.boolean(),
  }),
  assumptions: obj({
    monthHours: z.number().int(),
    schedule: z.string(),
    catalog: catalogInfo,
    rateDates,
    rates: z.array(rateRef),
    notes: sentences,
    warnings: sentences,
  }),
});
