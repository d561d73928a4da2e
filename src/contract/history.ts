import {z} from 'zod';
import {GROUP_BY} from '../model/history.js';
import {
  catalogInfo,
  decimal,
  isoTime,
  money,
  obj,
  optionResult,
  purchase,
  rateDates,
  rateRef,
  sentences,
  strategyItem,
  taskSize,
} from './common.js';

const row = obj({
  key: z.string(),
  kind: z.enum(['service', 'batch']).nullable(),
  cost: money,
  onDemandCost: money,
  tasks: z.number().int(),
  running: z.number().int(),
  taskHours: decimal,
  vcpuHours: decimal,
  gbHours: decimal,
  storageGbHours: decimal,
  share: decimal,
});

const count = z.number().int();

/** `fargate-cost history --format json`: what recorded task runs were billed, by group, option, day and hour. */
export const historyBody = obj({
  asOf: isoTime,
  window: obj({
    from: isoTime,
    to: isoTime,
    hours: decimal,
    fromFlag: isoTime.nullable(),
    toFlag: isoTime.nullable(),
  }).nullable(),
  billed: obj({
    cost: money,
    onDemandCost: money,
    taskHours: decimal,
    vcpuHours: decimal,
    gbHours: decimal,
    storageGbHours: decimal,
  }),
  tasks: obj({
    billed: count,
    running: count,
    excluded: count,
    reasons: z.record(z.string(), count).meta({description: 'tasks not billed, by reason'}),
  }),
  records: obj({read: count, updates: count, duplicates: count, invalid: count, ignored: count}),
  groupBy: z.enum(GROUP_BY),
  groups: z.array(row),
  byOption: z.array(row),
  byDay: z.array(row),
  top: z.array(
    obj({
      taskArn: z.string(),
      group: z.string(),
      taskDefinition: z.string().nullable(),
      cluster: z.string().nullable(),
      region: z.string(),
      purchase,
      size: taskSize,
      pullStartedAt: isoTime,
      stoppedAt: isoTime.nullable(),
      running: z.boolean(),
      billedSeconds: decimal,
      billedSecondsInWindow: decimal,
      cost: money,
    }),
  ),
  projection: obj({
    windowHours: decimal,
    hourlyCost: money,
    monthHours: z.number().int(),
    monthlyCost: money,
    options: z.array(optionResult),
    steadyState: obj({
      monthlyCost: money,
      services: z.array(
        obj({
          name: z.string(),
          region: z.string().nullable(),
          desiredCount: count,
          strategy: z.array(strategyItem),
          launchType: z.string().nullable(),
          taskDefinition: z.string().nullable(),
          available: z.boolean(),
          reason: z.string().nullable(),
          size: taskSize.nullable(),
          onDemandTasks: count,
          spotTasks: count,
          monthlyCost: money.nullable(),
        }),
      ),
    }).nullable(),
  }).nullable(),
  hourly: z.array(
    obj({
      start: isoTime,
      options: z.array(
        obj({
          purchase,
          cost: money,
          onDemandCost: money,
          taskHours: decimal,
          vcpuHours: decimal,
          gbHours: decimal,
        }),
      ),
    }),
  ),
  spot: obj({tasks: count, taskHours: decimal, interruptions: count}),
  imagePull: obj({tasks: count, totalSeconds: decimal, meanSeconds: decimal.nullable()}),
  sources: z.array(
    obj({
      path: z.string(),
      format: z.enum(['ndjson', 'json', 'live']),
      records: count,
      invalid: count,
      ignored: count,
    }),
  ),
  assumptions: obj({
    monthHours: z.number().int(),
    catalog: catalogInfo,
    rateDates,
    rates: z.array(rateRef),
    notes: sentences,
    warnings: sentences,
  }),
});
