import {z} from 'zod';
import {catalogInfo, decimal, obj, optionResult, rateDates, rateRef, sentences, taskSize} from './common.js';

const strategyOrigin = z.enum(['strategy', 'launch-type', 'cluster-default']);

/** Why an item of a set is not priced, as data (`reasonText` beside it says it in words). */
export const exclusionReason = z.discriminatedUnion('kind', [
  obj({kind: z.literal('launch-type'), launchType: z.string()}),
  obj({kind: z.literal('ec2-by-default'), cluster: z.string()}),
  obj({kind: z.literal('cluster-not-in-input'), cluster: z.string().nullable()}),
  obj({kind: z.literal('capacity-provider'), provider: z.string()}),
  obj({kind: z.literal('invalid-strategy'), problem: z.enum(['repeated', 'two-bases', 'no-weight'])}),
  obj({kind: z.literal('unknown'), fields: z.array(z.string()), why: z.enum(['after-apply', 'expression'])}),
  obj({kind: z.literal('task-definition-outside'), ref: z.string()}),
  obj({kind: z.literal('no-task-definition')}),
  obj({kind: z.literal('no-task-set')}),
  obj({kind: z.literal('task-definition-excluded'), taskDefinition: z.string()}),
  obj({kind: z.literal('not-fargate'), why: z.string()}),
  obj({kind: z.literal('windows-on-spot'), spotTasks: z.number().int()}),
  obj({kind: z.literal('run-by-excluded'), services: z.array(z.string())}),
]);

/** `fargate-cost estimate --format json`: every task definition, and all of them together, under each purchase option. */
/** The schedule and the assumptions: estimate's and diff's alike. */
export const workloadShape = {
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
};

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
  input: obj({
    source: z.string(),
    format: z.enum(['terraform-plan', 'terraform-state', 'cloudformation', 'describe-services']),
  })
    .meta({description: 'a set (a Terraform plan or state, a template with services, describe-services output)'})
    .optional(),
  services: z
    .array(
      obj({
        name: z.string(),
        taskSet: z.string().nullable(),
        source: z.string(),
        taskDefinition: z.string(),
        taskDefinitionVia: z.enum(['value', 'reference', 'module', 'size-flags']),
        region: z.string(),
        regionOrigin: z.enum(['flag', 'task definition', 'environment', 'default']),
        size: taskSize,
        taskCount: z.number().int(),
        strategy: z.array(
          obj({provider: z.enum(['FARGATE', 'FARGATE_SPOT']), base: z.number().int(), weight: z.number().int()}),
        ),
        strategyOrigin,
        split: obj({onDemand: z.number().int(), spot: z.number().int()}),
        notes: sentences,
        options: z
          .array(optionResult)
          .meta({description: 'each option for its FARGATE tasks, its FARGATE_SPOT tasks at Spot in every row'}),
      }),
    )
    .meta({description: "a set's services, each priced as it runs (its desired count split by its strategy)"})
    .optional(),
  excluded: z
    .array(
      obj({
        kind: z.enum(['service', 'task-definition']),
        name: z.string(),
        source: z.string(),
        reason: exclusionReason,
        reasonText: z.string(),
      }),
    )
    .meta({description: "a set's items that are not priced, with why"})
    .optional(),
  ...workloadShape,
});
