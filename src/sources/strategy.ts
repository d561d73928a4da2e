import {z} from 'zod';
import {EXIT, UserError, untrusted} from '../errors.js';
import {MAX_TASK_COUNT} from '../model/schedule.js';
import type {CapacityProvider, ServiceFacts, Strategy, StrategyItem} from '../model/strategy.js';
import {known, type RawStrategy, type ServiceItem, type WorkloadSet} from '../model/workload-set.js';

/**
 * Capacity-provider strategies read from text (`--strategy FARGATE:base=2,weight=1`) and from AWS
 * payloads (`aws ecs describe-services` output, the SDK's DescribeServices), checked against the
 * rules ECS enforces.
 */

const MAX_BASE = 100_000;
const MAX_WEIGHT = 1000;

/** Where a strategy comes from decides what a bad one is: a bad command line (2), or bad input in a file (1). */
type Origin = typeof EXIT.usage | typeof EXIT.input;

function providerOf(text: string, where: string, exitCode: Origin = EXIT.usage): CapacityProvider {
  const name = text.trim().toUpperCase().replace(/-/g, '_');
  if (name === 'FARGATE' || name === 'FARGATE_SPOT') return name;
  throw new UserError(`capacity provider "${untrusted(text)}" in ${where} is not FARGATE or FARGATE_SPOT`, {
    hint: 'fargate-cost prices Fargate only; EC2 capacity providers are out of scope',
    exitCode,
  });
}

function integerIn(text: string, what: string, max: number, where: string): number {
  if (!/^\s*\d+\s*$/.test(text) || Number(text) > max) {
    throw new UserError(`${what} "${text}" in ${where} must be a whole number from 0 to ${max}`, {
      exitCode: EXIT.usage,
    });
  }
  return Number(text);
}

/** Parses one `--strategy` value: `FARGATE:base=2,weight=1`, `FARGATE_SPOT:weight=3`, `FARGATE_SPOT` (weight 1). */
export function parseStrategyItem(text: string): StrategyItem {
  const where = `--strategy "${text}"`;
  const [name = '', params] = text.split(':', 2);
  const provider = providerOf(name, where);
  let base = 0;
  let weight: number | undefined;
  for (const part of (params ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^(base|weight)\s*=\s*(.*)$/i.exec(part);
    if (!match) {
      throw new UserError(`"${part}" in ${where} is not base=N or weight=N`, {
        hint: 'e.g. --strategy FARGATE:base=2,weight=1 --strategy FARGATE_SPOT:weight=3',
        exitCode: EXIT.usage,
      });
    }
    if (match[1]!.toLowerCase() === 'base') base = integerIn(match[2]!, 'base', MAX_BASE, where);
    else weight = integerIn(match[2]!, 'weight', MAX_WEIGHT, where);
  }
  // A lone provider with no weight is meant to take the tasks: the console's default weight is 1.
  return {provider, base, weight: weight ?? 1};
}

/** Checks the rules ECS enforces on a strategy: distinct providers, one base at most, some weight. */
export function validateStrategy(
  items: readonly StrategyItem[],
  where = 'the capacity-provider strategy',
  exitCode: Origin = EXIT.usage,
): Strategy {
  if (items.length === 0) throw new UserError(`${where} is empty`, {exitCode});
  const seen = new Set<CapacityProvider>();
  for (const item of items) {
    if (seen.has(item.provider)) throw new UserError(`${where} names ${item.provider} twice`, {exitCode});
    seen.add(item.provider);
  }
  if (items.filter((item) => item.base > 0).length > 1) {
    throw new UserError(`${where} gives a base to more than one provider; ECS allows a base on one provider only`, {
      exitCode,
    });
  }
  if (!items.some((item) => item.weight > 0)) {
    throw new UserError(`${where} has no provider with a weight above 0; ECS needs at least one`, {
      hint: 'e.g. FARGATE_SPOT:weight=1',
      exitCode,
    });
  }
  return items;
}

// The bounds ECS enforces on a strategy, and the tool's on a task count: a file past them is not AWS output.
const strategyItemSchema = z.object({
  capacityProvider: z.string(),
  base: z.number().int().min(0).max(MAX_BASE).optional(),
  weight: z.number().int().min(0).max(MAX_WEIGHT).optional(),
});
const serviceSchema = z.object({
  serviceName: z.string(),
  serviceArn: z.string().optional(),
  clusterArn: z.string().optional(),
  desiredCount: z.number().int().min(0).max(MAX_TASK_COUNT),
  launchType: z.string().optional(),
  capacityProviderStrategy: z.array(strategyItemSchema).optional(),
  taskDefinition: z.string().optional(),
});
const describeServicesSchema = z.object({services: z.array(serviceSchema)});

function regionOfArn(arn: string | undefined): string | undefined {
  const region = arn?.split(':')[3];
  return region && /^[a-z]{2}(-[a-z]+)+-\d$/.test(region) ? region : undefined;
}

/**
 * Reads `aws ecs describe-services` output (or the SDK's DescribeServices response). A service with
 * `launchType: FARGATE` is FARGATE alone; an EC2 service is an error (not Fargate).
 */
export function servicesFromDescribeServices(json: unknown, path: string): ServiceFacts[] {
  const parsed = describeServicesSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(
      `${path} is not describe-services output: ${untrusted(issue.path.join('.'), 80) || '(top level)'}: ${issue.message}`,
      {
        hint: 'save it with "aws ecs describe-services --cluster C --services S --output json"',
      },
    );
  }
  return parsed.data.services.map((service): ServiceFacts => {
    const where = `service ${untrusted(service.serviceName)} in ${path}`;
    let strategy: Strategy;
    if (service.capacityProviderStrategy && service.capacityProviderStrategy.length > 0) {
      strategy = validateStrategy(
        service.capacityProviderStrategy.map((item) => ({
          provider: providerOf(item.capacityProvider, where, EXIT.input),
          base: item.base ?? 0,
          weight: item.weight ?? 0,
        })),
        `the strategy of ${where}`,
        EXIT.input,
      );
    } else if (service.launchType === undefined || service.launchType === 'FARGATE') {
      strategy = [{provider: 'FARGATE', base: 0, weight: 1}];
    } else {
      throw new UserError(`${where} uses launch type ${untrusted(service.launchType)}, not Fargate`, {
        exitCode: EXIT.input,
      });
    }
    return {
      name: service.serviceName,
      arn: service.serviceArn,
      region: regionOfArn(service.serviceArn) ?? regionOfArn(service.clusterArn),
      desiredCount: service.desiredCount,
      strategy,
      launchType: service.launchType,
      taskDefinition: service.taskDefinition,
    };
  });
}

const taskSetSchema = z.object({
  id: z.string().optional(),
  taskSetArn: z.string().optional(),
  status: z.string().optional(),
  taskDefinition: z.string().optional(),
  launchType: z.string().optional(),
  capacityProviderStrategy: z.array(strategyItemSchema).optional(),
  scale: z.object({value: z.number().min(0).max(100).optional(), unit: z.string().optional()}).optional(),
});
const setServiceSchema = serviceSchema.extend({
  deploymentController: z.object({type: z.string().optional()}).optional(),
  taskSets: z.array(taskSetSchema).optional(),
});
const setSchema = z.object({services: z.array(setServiceSchema)});

const rawStrategy = (items: readonly z.infer<typeof strategyItemSchema>[] | undefined): RawStrategy | null =>
  items && items.length > 0
    ? items.map((item) => ({provider: item.capacityProvider, base: item.base ?? 0, weight: item.weight ?? 0}))
    : null;

/**
 * `aws ecs describe-services` output as a workload set: each service by name, its task definition an
 * ARN the file does not hold (estimate names it; a diff compares it). ECS writes the strategy it
 * resolved, the cluster's default included, so a service with neither is left to its cluster.
 */
export function describeServicesSet(json: unknown, path: string): WorkloadSet {
  const parsed = setSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(
      `${path} is not describe-services output: ${untrusted(issue.path.join('.'), 80) || '(top level)'}: ${issue.message}`,
      {hint: 'save it with "aws ecs describe-services --cluster C --services S --output json"'},
    );
  }
  const services = parsed.data.services.map((service): ServiceItem => {
    const cluster = service.clusterArn?.split('/').pop() ?? null;
    return {
      name: service.serviceName,
      source: `${path}#${service.serviceName}`,
      region: regionOfArn(service.serviceArn) ?? regionOfArn(service.clusterArn),
      desiredCount: known(service.desiredCount),
      launchType: known(service.launchType ?? null),
      strategy: known(rawStrategy(service.capacityProviderStrategy)),
      deploymentController: known(service.deploymentController?.type ?? null),
      clusterDefault: {kind: 'not-in-input', cluster},
      taskDefinition: service.taskDefinition ? {kind: 'outside', ref: service.taskDefinition} : {kind: 'none'},
      taskSets: (service.taskSets ?? [])
        .filter((taskSet) => taskSet.status !== 'DRAINING')
        .map((taskSet, i) => ({
          name: taskSet.id ?? taskSet.taskSetArn ?? `task set ${i + 1}`,
          taskDefinition: taskSet.taskDefinition ? {kind: 'outside', ref: taskSet.taskDefinition} : {kind: 'none'},
          launchType: known(taskSet.launchType ?? null),
          strategy: known(rawStrategy(taskSet.capacityProviderStrategy)),
          scalePercent: known(taskSet.scale?.value ?? 100),
        })),
    };
  });
  return {source: path, format: 'describe-services', taskDefinitions: [], services};
}
