import {placeTasks, taskSetCount} from '../analysis/service-placement.js';
import {splitTasks} from '../analysis/capacity-strategy.js';
import {usageOf} from '../billing/usage.js';
import type {Catalog} from '../catalog/catalog.js';
import {ZERO, type Dec} from '../money/decimal.js';
import {EXACT_ZERO, exact, type Exact, div, plus, toDec} from '../money/exact.js';
import type {EstimateResult, ExcludedItem, ItemExclusion, ServiceEstimate, TaskEstimate} from '../model/estimate.js';
import type {EstimateNote} from '../model/notes.js';
import type {OptionResult, PricedLine} from '../model/priced.js';
import {ProblemError} from '../model/problems.js';
import type {Strategy, TaskSplit} from '../model/strategy.js';
import type {SizeOverrides} from '../model/task.js';
import {OPTION_IDS, type OptionId, type TaskSize} from '../model/types.js';
import {
  type ServiceItem,
  type TaskDefinitionItem,
  type TaskDefinitionLink,
  taskDefinitionsRun,
  type WorkloadSet,
} from '../model/workload-set.js';
import {monthlyOptions, sortOptions} from '../pricing/options.js';
import {priceUsage, type UsageLine} from '../pricing/price.js';
import {resolveTask} from '../sizing/resolve.js';
import {estimate, type EstimateRequest, estimateAssumptions, regionFor, workloadSummary} from './estimate.js';

/**
 * `fargate-cost estimate` of a workload set (a Terraform plan or state, a template with services,
 * describe-services output). Each service is priced as it runs: its desired count (or its task set's
 * share) all month, split between FARGATE and FARGATE_SPOT as its strategy places them. A task
 * definition a service runs is priced through the service only; one no service runs is priced under
 * the workload, as estimate prices a task definition. What cannot be priced is listed with why. Pure.
 */

export interface EstimateSetRequest extends Omit<EstimateRequest, 'specs'> {
  readonly set: WorkloadSet;
}

type Run =
  | {
      readonly kind: 'run';
      readonly service: ServiceItem;
      readonly taskSet: string | null;
      readonly taskDefinition: TaskDefinitionItem;
      readonly via: ServiceEstimate['taskDefinitionVia'];
      readonly taskCount: number;
      readonly strategy: Strategy;
      readonly origin: ServiceEstimate['strategyOrigin'];
    }
  | {readonly kind: 'excluded'; readonly reason: ItemExclusion};

/**
 * A task definition the input does not hold, sized by the overrides when they give a whole size
 * (describe-services output names its task definitions only by ARN).
 */
function sizedByOverrides(ref: string, overrides: SizeOverrides | undefined): TaskDefinitionItem | undefined {
  if (overrides?.cpuUnits === undefined || overrides.memoryMiB === undefined) return undefined;
  return {
    name: ref,
    family: null,
    arn: ref,
    spec: {
      name: ref,
      source: ref,
      cpuUnits: undefined,
      memoryMiB: undefined,
      storageGiB: undefined,
      arch: undefined,
      os: undefined,
      region: undefined,
      containers: {cpuUnits: 0, memoryMiB: 0, count: 0},
      notes: [],
    },
    unknown: [],
    unknownWhy: null,
    notFargate: null,
  };
}

function linked(
  link: TaskDefinitionLink,
  set: WorkloadSet,
  overrides: SizeOverrides | undefined,
): TaskDefinitionItem | ItemExclusion {
  switch (link.kind) {
    case 'item': {
      const item = set.taskDefinitions.find((candidate) => candidate.name === link.name);
      if (!item) return {kind: 'no-task-definition'};
      return item.spec === null ? {kind: 'task-definition-excluded', taskDefinition: item.name} : item;
    }
    case 'outside':
      return sizedByOverrides(link.ref, overrides) ?? {kind: 'task-definition-outside', ref: link.ref};
    case 'unknown':
      return {kind: 'unknown', fields: ['task-definition'], why: link.why};
    case 'none':
      return {kind: 'no-task-definition'};
  }
}

const isItem = (value: TaskDefinitionItem | ItemExclusion): value is TaskDefinitionItem => 'name' in value;

/** How a service runs: once, or once per task set (EXTERNAL deployment controller). */
function runsOf(service: ServiceItem, set: WorkloadSet, overrides: SizeOverrides | undefined): Run[] {
  if (!service.desiredCount.known) {
    return [{kind: 'excluded', reason: {kind: 'unknown', fields: ['desired-count'], why: service.desiredCount.why}}];
  }
  const desired = service.desiredCount.value;
  const controller = service.deploymentController.known ? service.deploymentController.value : null;
  const external = controller?.toUpperCase() === 'EXTERNAL';
  if (external && service.taskSets.length === 0) return [{kind: 'excluded', reason: {kind: 'no-task-set'}}];
  const holders = external ? service.taskSets : [null];
  return holders.map((taskSet): Run => {
    const placed = placeTasks(taskSet ?? service, service.clusterDefault);
    if (placed.kind === 'excluded') return placed;
    const link = taskSet ? taskSet.taskDefinition : service.taskDefinition;
    const taskDefinition = linked(link, set, overrides);
    if (!isItem(taskDefinition)) return {kind: 'excluded', reason: taskDefinition};
    let taskCount = desired;
    if (taskSet) {
      if (!taskSet.scalePercent.known) {
        return {kind: 'excluded', reason: {kind: 'unknown', fields: ['scale'], why: taskSet.scalePercent.why}};
      }
      taskCount = taskSetCount(desired, taskSet.scalePercent.value);
    }
    return {
      kind: 'run',
      service,
      taskSet: taskSet?.name ?? null,
      taskDefinition,
      via: link.kind === 'item' ? link.via : link.kind === 'outside' ? 'size-flags' : 'value',
      taskCount,
      strategy: placed.strategy,
      origin: placed.origin,
    };
  });
}

/** A month of one task size, always on, times `tasks`. */
function monthLines(size: TaskSize, region: string, monthHours: number, tasks: number): UsageLine[] {
  return usageOf(size, BigInt(monthHours) * 3_600_000n).map((usage) => ({
    region,
    key: usage.key,
    unitMs: usage.unitMs * BigInt(tasks),
  }));
}

/** Lines of the same usage at the same rate, added up (the Spot row prices both parts at Spot). */
function mergeLines(lines: readonly PricedLine[]): PricedLine[] {
  const merged = new Map<string, PricedLine>();
  for (const line of lines) {
    const id = [line.region, line.key, line.table, line.usageType, line.rate.toString(), line.source].join('|');
    const current = merged.get(id);
    merged.set(
      id,
      current
        ? {
            ...current,
            quantity: current.quantity.plus(line.quantity),
            cost: current.cost.plus(line.cost),
            exactCost: plus(current.exactCost, line.exactCost),
          }
        : line,
    );
  }
  return [...merged.values()];
}

/**
 * A service's options: each purchase option for its FARGATE tasks, its FARGATE_SPOT tasks at Spot in
 * every row. Savings are against the On-Demand row, the service as it runs with no commitment.
 */
function serviceOptions(
  catalog: Catalog,
  size: TaskSize,
  region: string,
  split: TaskSplit,
  options: readonly OptionId[],
  monthHours: number,
): OptionResult[] {
  const onDemandLines = monthLines(size, region, monthHours, split.onDemand);
  const spotLines = monthLines(size, region, monthHours, split.spot);
  let spotCost: Exact = EXACT_ZERO;
  let spotPriced: readonly PricedLine[] = [];
  if (split.spot > 0) {
    const priced = priceUsage(catalog, spotLines, 'spot');
    // A Spot rate the catalog lacks: the service cannot be priced as it runs; say which rate.
    if (!priced.available) {
      if (priced.gap.kind === 'no-rate') catalog.requireRate(priced.gap.region, 'spot', priced.gap.key);
      throw new Error(`Spot pricing unavailable for a Linux service: ${priced.gap.kind}`);
    }
    spotCost = priced.cost;
    spotPriced = priced.lines;
  }
  const onDemand = priceUsage(catalog, onDemandLines, 'on-demand');
  if (!onDemand.available) throw new Error('On-Demand pricing cannot be unavailable');
  const asRuns = toDec(plus(onDemand.cost, spotCost));
  const spotMonthly = toDec(spotCost);
  const spotHourly = toDec(div(spotCost, exact(monthHours)));
  return sortOptions(
    monthlyOptions(catalog, onDemandLines, options, monthHours).map((option): OptionResult => {
      if (!option.available) return option;
      const monthlyCost = option.monthlyCost!.plus(spotMonthly);
      const savings = asRuns.minus(monthlyCost);
      return {
        ...option,
        monthlyCost,
        hourlyCost: option.hourlyCost!.plus(spotHourly),
        savings,
        savingsRatio: asRuns.isZero() ? ZERO : savings.div(asRuns),
        recurringMonthlyCost:
          option.recurringMonthlyCost === null ? null : option.recurringMonthlyCost.plus(spotMonthly),
        lines: mergeLines([...option.lines, ...spotPriced]),
      };
    }),
  );
}

/** The options of several items added up, option by option; an option one item lacks is unavailable in total. */
export function addOptions(parts: readonly (readonly OptionResult[])[], options: readonly OptionId[]): OptionResult[] {
  const add = (values: readonly (Dec | null)[]): Dec | null =>
    values.some((value) => value === null) ? null : values.reduce<Dec>((acc, value) => acc.plus(value!), ZERO);
  return sortOptions(
    options.map((id): OptionResult => {
      const each = parts.map((part) => part.find((option) => option.id === id)!);
      const missing = each.find((option) => !option.available);
      if (missing) return missing;
      const monthlyCost = add(each.map((option) => option.monthlyCost))!;
      const savings = add(each.map((option) => option.savings))!;
      // Each item's saving is against its own On-Demand row: that row is its cost plus its saving.
      const onDemand = monthlyCost.plus(savings);
      return {
        ...each[0]!,
        monthlyCost,
        hourlyCost: add(each.map((option) => option.hourlyCost)),
        savings,
        savingsRatio: onDemand.isZero() ? ZERO : savings.div(onDemand),
        commitmentPerHour: add(each.map((option) => option.commitmentPerHour)),
        upfront: add(each.map((option) => option.upfront)),
        recurringMonthlyCost: add(each.map((option) => option.recurringMonthlyCost)),
        lines: mergeLines(each.flatMap((option) => option.lines)),
      };
    }),
  );
}

/**
 * The task definitions of a set no service runs, in the set's order: each is priced under the workload
 * (estimate's `tasks`, in this order). Those that cannot be priced go to `excluded`, with why.
 */
export function standaloneTaskDefinitions(
  set: WorkloadSet,
  pricedServices: ReadonlySet<string>,
  excluded: ExcludedItem[] = [],
): TaskDefinitionItem[] {
  const runBy = taskDefinitionsRun(set);
  const standalone: TaskDefinitionItem[] = [];
  for (const item of set.taskDefinitions) {
    const source = item.spec?.source ?? `${set.source}#${item.name}`;
    const exclude = (reason: ItemExclusion) =>
      excluded.push({kind: 'task-definition', name: item.name, source, reason});
    if (item.notFargate !== null) exclude({kind: 'not-fargate', why: item.notFargate});
    else if (item.spec === null)
      exclude({kind: 'unknown', fields: item.unknown, why: item.unknownWhy ?? 'after-apply'});
    else if (!runBy.has(item.name)) standalone.push(item);
    else if (!runBy.get(item.name)!.some((name) => pricedServices.has(name)))
      exclude({kind: 'run-by-excluded', services: runBy.get(item.name)!});
  }
  return standalone;
}

export function estimateSet(request: EstimateSetRequest): EstimateResult {
  const {set, catalog, workload} = request;
  const options = request.options ?? OPTION_IDS;
  const excluded: ExcludedItem[] = [];
  const services: ServiceEstimate[] = [];
  const pricedServices = new Set<string>();

  for (const service of set.services) {
    for (const run of runsOf(service, set, request.overrides)) {
      if (run.kind === 'excluded') {
        excluded.push({kind: 'service', name: service.name, source: service.source, reason: run.reason});
        continue;
      }
      const task = resolveTask(run.taskDefinition.spec!, request.overrides);
      const {region, origin} = regionFor({region: service.region ?? task.region}, request);
      catalog.requireRegion(region);
      const split = splitTasks(run.strategy, run.taskCount);
      if (task.size.os === 'windows' && split.spot > 0) {
        excluded.push({
          kind: 'service',
          name: service.name,
          source: service.source,
          reason: {kind: 'windows-on-spot', spotTasks: split.spot},
        });
        continue;
      }
      pricedServices.add(service.name);
      services.push({
        name: service.name,
        taskSet: run.taskSet,
        source: service.source,
        taskDefinition: run.taskDefinition.name,
        taskDefinitionVia: run.via,
        region,
        regionOrigin: origin,
        size: task.size,
        taskCount: run.taskCount,
        strategy: run.strategy,
        strategyOrigin: run.origin,
        split,
        notes: task.notes,
        options: serviceOptions(catalog, task.size, region, split, options, workload.monthHours),
      });
    }
  }

  const standalone = standaloneTaskDefinitions(set, pricedServices, excluded);

  if (services.length === 0 && standalone.length === 0) {
    throw new ProblemError({
      kind: 'nothing-to-estimate',
      source: set.source,
      excluded: excluded.map((item) => ({name: item.name, reason: item.reason})),
    });
  }

  let tasks: readonly TaskEstimate[] = [];
  let taskTotal: readonly OptionResult[] | undefined;
  if (standalone.length > 0) {
    const result = estimate({...request, specs: standalone.map((item) => item.spec!)});
    tasks = result.tasks;
    taskTotal = result.options;
  }
  const total = addOptions([...(taskTotal ? [taskTotal] : []), ...services.map((service) => service.options)], options);
  const setNotes: EstimateNote[] = [];
  if (services.length > 0) setNotes.push({kind: 'services-all-month', standalone: tasks.length > 0});
  if (services.some((service) => service.strategy.length > 1)) setNotes.push({kind: 'task-placement'});
  if (services.some((service) => service.split.spot > 0)) setNotes.push({kind: 'spot-tasks-at-spot'});
  const byModule = services.filter((service) => service.taskDefinitionVia === 'module').map((service) => service.name);
  if (byModule.length > 0) setNotes.push({kind: 'linked-by-module', services: [...new Set(byModule)]});
  const byFlags = services
    .filter((service) => service.taskDefinitionVia === 'size-flags')
    .map((service) => service.name);
  if (byFlags.length > 0) setNotes.push({kind: 'sized-by-flags', services: [...new Set(byFlags)]});
  return {
    kind: 'estimate',
    options: total,
    tasks,
    set: {input: {source: set.source, format: set.format}, services, excluded},
    workload: workloadSummary(workload),
    assumptions: estimateAssumptions({tasks, services, total, workload, catalog, now: request.now, setNotes}),
  };
}
