import type {DiffChange, DiffField, DiffItem, DiffItemSide, DiffResult, OptionCosts} from '../model/diff.js';
import type {EstimateAssumptions, EstimateResult, ExcludedItem} from '../model/estimate.js';
import type {OptionResult} from '../model/priced.js';
import {ProblemError} from '../model/problems.js';
import type {Strategy} from '../model/strategy.js';
import type {TaskDefinitionSpec} from '../model/task.js';
import {OPTION_IDS, type OptionId} from '../model/types.js';
import type {WorkloadSet} from '../model/workload-set.js';
import {dec, type Dec, ZERO} from '../money/decimal.js';
import {toDec} from '../money/exact.js';
import {catalogInfo, estimatedRatesNote, rateDates, ratesUsed, staleCatalogNote} from '../pricing/rates.js';
import {addOptions, estimateSet, standaloneTaskDefinitions} from './estimate-set.js';
import {estimate, type EstimateRequest, workloadSummary} from './estimate.js';

/**
 * `fargate-cost diff BASE HEAD`: each side priced as estimate prices it (services as they run, task
 * definitions no service runs under the workload), items matched by name, and per item and in total
 * the monthly cost before, after and the change under each purchase option, with what changed. Pure.
 */

/** One side of a diff: task definitions (named by family), or a set (named by logical id or address). */
export type DiffInput =
  | {readonly kind: 'specs'; readonly source: string; readonly specs: readonly TaskDefinitionSpec[]}
  | {readonly kind: 'set'; readonly set: WorkloadSet};

export interface DiffRequest extends Omit<EstimateRequest, 'specs'> {
  readonly base: DiffInput;
  readonly head: DiffInput;
}

interface PricedItem {
  readonly side: DiffItemSide;
  readonly options: readonly OptionResult[];
}

interface PricedSide {
  readonly source: string;
  readonly items: Map<string, PricedItem>;
  readonly excluded: readonly ExcludedItem[];
  readonly result: EstimateResult | null;
}

/** `FARGATE:base=2,weight=1 FARGATE_SPOT:weight=3`, as ECS's flags write a strategy. */
function strategyText(strategy: Strategy): string {
  return strategy
    .map((item) => `${item.provider}:${item.base > 0 ? `base=${item.base},` : ''}weight=${item.weight}`)
    .join(' ');
}

function costsOf(options: readonly OptionResult[]): OptionCosts {
  return Object.fromEntries(options.map((option) => [option.id, option.available ? option.monthlyCost : null]));
}

/** Items of one name on one side (a service's task sets, two revisions of a family) become one. */
function addItem(
  items: Map<string, PricedItem>,
  name: string,
  side: DiffItemSide,
  options: readonly OptionResult[],
  ids: readonly OptionId[],
): void {
  const current = items.get(name);
  if (!current) {
    items.set(name, {side, options});
    return;
  }
  const sum = addOptions([current.options, options], ids);
  const count = Number(current.side.facts['task-count']) + Number(side.facts['task-count']);
  items.set(name, {
    side: {...current.side, facts: {...current.side.facts, 'task-count': String(count)}, costs: costsOf(sum)},
    options: sum,
  });
}

function priceSide(input: DiffInput, request: DiffRequest, ids: readonly OptionId[]): PricedSide {
  const {workload} = request;
  const schedule = workload.alwaysOn
    ? 'all month'
    : `${dec(workload.durationMs).div(1000).toString()}s x ${toDec(workload.runsPerMonth).toString()} runs a month`;
  const items = new Map<string, PricedItem>();
  const source = input.kind === 'set' ? input.set.source : input.source;
  let result: EstimateResult;
  let taskNames: readonly string[];
  if (input.kind === 'specs') {
    if (input.specs.length === 0) return {source, items, excluded: [], result: null};
    result = estimate({...request, specs: input.specs});
    taskNames = result.tasks.map((task) => task.name);
  } else {
    const {set} = input;
    if (set.services.length === 0 && set.taskDefinitions.length === 0)
      return {source, items, excluded: [], result: null};
    try {
      result = estimateSet({...request, set});
    } catch (error) {
      if (!(error instanceof ProblemError) || error.problem.kind !== 'nothing-to-estimate') throw error;
      const services = new Set(set.services.map((service) => service.name));
      const excluded = error.problem.excluded.map(
        (item): ExcludedItem => ({
          kind: services.has(item.name) ? 'service' : 'task-definition',
          name: item.name,
          source: set.source,
          reason: item.reason,
        }),
      );
      return {source, items, excluded, result: null};
    }
    const priced = new Set(result.set!.services.map((service) => service.name));
    taskNames = standaloneTaskDefinitions(set, priced).map((item) => item.name);
  }
  result.tasks.forEach((task, i) => {
    const side: DiffItemSide = {
      kind: 'task-definition',
      source: task.source,
      facts: {
        cpu: String(task.size.cpuUnits),
        memory: String(task.size.memoryMiB),
        storage: String(task.size.storageGiB),
        arch: task.size.arch,
        os: task.size.os,
        region: task.region,
        'task-count': String(workload.count),
        strategy: 'none',
        schedule,
      },
      costs: costsOf(task.options),
    };
    addItem(items, taskNames[i]!, side, task.options, ids);
  });
  for (const service of result.set?.services ?? []) {
    const side: DiffItemSide = {
      kind: 'service',
      source: service.source,
      facts: {
        cpu: String(service.size.cpuUnits),
        memory: String(service.size.memoryMiB),
        storage: String(service.size.storageGiB),
        arch: service.size.arch,
        os: service.size.os,
        region: service.region,
        'task-count': String(service.taskCount),
        strategy: strategyText(service.strategy),
        schedule: 'all month',
      },
      costs: costsOf(service.options),
    };
    addItem(items, service.name, side, service.options, ids);
  }
  return {source, items, excluded: result.set?.excluded ?? [], result};
}

function changesOf(before: DiffItemSide, after: DiffItemSide): DiffChange[] {
  const changes: DiffChange[] = [];
  if (before.kind !== after.kind) changes.push({field: 'kind', before: before.kind, after: after.kind});
  for (const field of Object.keys(before.facts) as Exclude<DiffField, 'kind'>[]) {
    if (before.facts[field] !== after.facts[field])
      changes.push({field, before: before.facts[field], after: after.facts[field]});
  }
  return changes;
}

const sameCosts = (a: OptionCosts, b: OptionCosts, ids: readonly OptionId[]) =>
  ids.every((id) => {
    const x = a[id] ?? null;
    const y = b[id] ?? null;
    return x === null || y === null ? x === y : x.eq(y);
  });

/** after - before per option, a missing side counting as nothing; null where a side has no price. */
function deltaOf(before: OptionCosts | null, after: OptionCosts | null, ids: readonly OptionId[]): OptionCosts {
  return Object.fromEntries(
    ids.map((id) => {
      const b = before === null ? ZERO : (before[id] ?? null);
      const a = after === null ? ZERO : (after[id] ?? null);
      return [id, a === null || b === null ? null : a.minus(b)];
    }),
  );
}

/** Each option summed over the sides given; null when one of them has no price for it. */
function sumCosts(sides: readonly DiffItemSide[], ids: readonly OptionId[]): OptionCosts {
  return Object.fromEntries(
    ids.map((id) => {
      let total: Dec | null = ZERO;
      for (const side of sides) {
        const cost = side.costs[id] ?? null;
        total = total === null || cost === null ? null : total.plus(cost);
      }
      return [id, total];
    }),
  );
}

function unique<T>(values: readonly T[]): T[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = JSON.stringify(value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The assumptions of both sides together: the rates either used, each note once. */
function mergedAssumptions(results: readonly EstimateResult[], request: DiffRequest): EstimateAssumptions {
  const [first] = results;
  const rates = ratesUsed(
    results.flatMap((result) => [
      ...result.options,
      ...result.tasks.flatMap((task) => task.options),
      ...(result.set?.services ?? []).flatMap((service) => service.options),
    ]),
  );
  const info = catalogInfo(request.catalog, request.now);
  return {
    ...first!.assumptions,
    rates,
    rateDates: rateDates(rates),
    notes: unique(
      results
        .flatMap((result) => result.assumptions.notes)
        .map((note) => {
          if (note.kind === 'services-all-month')
            return {...note, standalone: results.some((result) => result.tasks.length > 0)};
          if (note.kind === 'region-assumed') {
            const tasks = results.flatMap((result) =>
              result.assumptions.notes.flatMap((other) => (other.kind === 'region-assumed' ? other.tasks : [])),
            );
            return {...note, tasks: [...new Set(tasks)]};
          }
          return note;
        }),
    ),
    warnings: [staleCatalogNote(info), estimatedRatesNote(rates)].filter((note) => note !== undefined),
  };
}

export function diff(request: DiffRequest): DiffResult {
  const ids = request.options ?? OPTION_IDS;
  const base = priceSide(request.base, request, ids);
  const head = priceSide(request.head, request, ids);
  const results = [head.result, base.result].filter((result) => result !== null);
  if (results.length === 0) {
    throw new ProblemError({
      kind: 'nothing-to-estimate',
      source: head.source,
      excluded: head.excluded.map((item) => ({name: item.name, reason: item.reason})),
    });
  }
  const names = [...new Set([...base.items.keys(), ...head.items.keys()])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const items = names.map((name): DiffItem => {
    const before = base.items.get(name)?.side ?? null;
    const after = head.items.get(name)?.side ?? null;
    const changes = before && after ? changesOf(before, after) : [];
    const status =
      before === null
        ? 'added'
        : after === null
          ? 'removed'
          : changes.length > 0 || !sameCosts(before.costs, after.costs, ids)
            ? 'changed'
            : 'unchanged';
    return {name, status, before, after, delta: deltaOf(before?.costs ?? null, after?.costs ?? null, ids), changes};
  });
  const before = sumCosts(
    [...base.items.values()].map((item) => item.side),
    ids,
  );
  const after = sumCosts(
    [...head.items.values()].map((item) => item.side),
    ids,
  );
  const {workload} = request;
  return {
    kind: 'diff',
    options: ids,
    base: {source: base.source, excluded: base.excluded},
    head: {source: head.source, excluded: head.excluded},
    items,
    total: {before, after, delta: deltaOf(before, after, ids)},
    workload: workloadSummary(workload),
    assumptions: mergedAssumptions(results, request),
  };
}
