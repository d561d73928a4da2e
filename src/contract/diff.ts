import {z} from 'zod';
import {OPTION_IDS} from '../model/types.js';
import {DIFF_FIELDS} from '../model/diff.js';
import {money, obj} from './common.js';
import {exclusionReason, workloadShape} from './estimate.js';

/**
 * Monthly cost per purchase option id (estimate's ids), US dollars as exact decimal strings; null where
 * the side has no such item or the option has no price. Only the options asked for are present.
 */
const optionCosts = obj(
  Object.fromEntries(OPTION_IDS.map((id) => [id, money.nullable().optional()])) as Record<
    (typeof OPTION_IDS)[number],
    z.ZodOptional<z.ZodNullable<typeof money>>
  >,
).meta({description: 'monthly cost per purchase option id; null on a side without the item, or without a price'});

const itemSide = obj({
  kind: z.enum(['service', 'task-definition']),
  source: z.string(),
  cpuUnits: z.number().int(),
  memoryMiB: z.number().int(),
  storageGiB: z.number().int(),
  arch: z.string(),
  os: z.string(),
  region: z.string(),
  taskCount: z.number().int(),
  strategy: z
    .string()
    .meta({description: 'ECS capacity-provider strategy, "none" for a task definition no service runs'}),
  schedule: z.string(),
}).meta({description: 'what the item is on this side'});

const excludedItem = obj({
  kind: z.enum(['service', 'task-definition']),
  name: z.string(),
  source: z.string(),
  reason: exclusionReason,
  reasonText: z.string(),
});

/** `fargate-cost diff --format json`: two inputs' items matched by name, priced before and after. */
export const diffBody = obj({
  options: z
    .array(z.enum(OPTION_IDS as [string, ...string[]]))
    .meta({description: 'the option ids of every cost object'}),
  base: obj({source: z.string(), excluded: z.array(excludedItem)}),
  head: obj({source: z.string(), excluded: z.array(excludedItem)}),
  items: z.array(
    obj({
      name: z.string().meta({description: 'the matching name: a family, a logical id, a Terraform address'}),
      status: z.enum(['added', 'removed', 'changed', 'unchanged']),
      before: optionCosts.nullable().meta({description: 'null when the base has no such item'}),
      after: optionCosts.nullable().meta({description: 'null when the head has no such item'}),
      delta: optionCosts.meta({description: 'after minus before, a missing side counting as zero'}),
      baseItem: itemSide.nullable(),
      headItem: itemSide.nullable(),
      changes: z.array(
        obj({field: z.enum(DIFF_FIELDS as [string, ...string[]]), before: z.string(), after: z.string()}),
      ),
    }),
  ),
  total: obj({before: optionCosts, after: optionCosts, delta: optionCosts}),
  ...workloadShape,
});
