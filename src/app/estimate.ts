import {catalogInfo, estimatedRatesNote, rateDates, ratesUsed, staleCatalogNote} from '../pricing/rates.js';
import type {Catalog} from '../catalog/catalog.js';
import type {
  EstimateAssumptions,
  EstimateResult,
  RegionOrigin,
  ServiceEstimate,
  TaskEstimate,
} from '../model/estimate.js';
import type {OptionResult} from '../model/priced.js';
import {billableSeconds} from '../billing/billable.js';
import {usageOf} from '../billing/usage.js';
import {dec} from '../money/decimal.js';
import {type Exact, toDec} from '../money/exact.js';
import type {EstimateNote} from '../model/notes.js';
import type {Workload} from '../model/schedule.js';
import type {ResolvedTask, SizeOverrides, TaskDefinitionSpec} from '../model/task.js';
import {OPTION_IDS, type OptionId, type TaskSize} from '../model/types.js';
import {monthlyOptions} from '../pricing/options.js';
import {mergeUsage, type UsageLine} from '../pricing/price.js';
import {resolveTask} from '../sizing/resolve.js';

export interface EstimateRequest {
  readonly specs: readonly TaskDefinitionSpec[];
  readonly overrides: SizeOverrides;
  /** --region; wins over the task definition's ARN. */
  readonly region: string | undefined;
  /** AWS_REGION / AWS_DEFAULT_REGION, read by the CLI; used when nothing else names a region. */
  readonly environmentRegion: string | undefined;
  readonly workload: Workload;
  readonly options?: readonly OptionId[];
  readonly catalog: Catalog;
  readonly now: Date;
}

/**
 * Usage of one task definition under a workload: N tasks x billed milliseconds per run, exact; the
 * month's is that times the runs a month (`factor`).
 */
export function monthlyUsage(
  size: TaskSize,
  region: string,
  workload: Workload,
): {lines: UsageLine[]; factor: Exact; billedSeconds: number} {
  const billedSeconds = billableSeconds(workload.durationMs, size.os);
  const perRun = usageOf(size, billedSeconds * 1000);
  return {
    billedSeconds,
    factor: workload.runsPerMonth,
    lines: perRun.map((usage) => ({region, key: usage.key, unitMs: usage.unitMs * BigInt(workload.count)})),
  };
}

export function regionFor(
  task: Pick<ResolvedTask, 'region'>,
  request: Pick<EstimateRequest, 'region' | 'environmentRegion'>,
): {region: string; origin: RegionOrigin} {
  if (request.region) return {region: request.region, origin: 'flag'};
  if (task.region) return {region: task.region, origin: 'task definition'};
  if (request.environmentRegion) return {region: request.environmentRegion, origin: 'environment'};
  return {region: 'us-east-1', origin: 'default'};
}

/** `fargate-cost estimate`: every task definition priced under every purchase option for a month. Pure. */
export function estimate(request: EstimateRequest): EstimateResult {
  const options = request.options ?? OPTION_IDS;
  const {workload, catalog} = request;
  const tasks = request.specs.map((spec): TaskEstimate => {
    const task = resolveTask(spec, request.overrides);
    const {region, origin} = regionFor(task, request);
    catalog.requireRegion(region);
    const usage = monthlyUsage(task.size, region, workload);
    return {
      name: task.name,
      source: task.source,
      region,
      regionOrigin: origin,
      size: task.size,
      billedSecondsPerRun: usage.billedSeconds,
      notes: task.notes,
      options: monthlyOptions(catalog, mergeUsage(usage.lines), options, workload.monthHours, usage.factor),
    };
  });
  const allUsage =
    request.specs.length === 1
      ? undefined
      : mergeUsage(tasks.flatMap((task) => monthlyUsage(task.size, task.region, workload).lines));
  const total = allUsage
    ? monthlyOptions(catalog, allUsage, options, workload.monthHours, workload.runsPerMonth)
    : tasks[0]!.options;

  const assumptions = estimateAssumptions({tasks, services: [], total, workload, catalog, now: request.now});
  return {
    kind: 'estimate',
    options: total,
    tasks,
    workload: workloadSummary(workload),
    assumptions,
  };
}

/** What an estimate assumed: the month, the catalog, the rates it used and the notes on its figures. */
/** The schedule a result was priced under, as results report it (seconds and runs exact). */
export function workloadSummary(workload: Workload): EstimateResult['workload'] {
  return {
    count: workload.count,
    durationSeconds: dec(workload.durationMs).div(1000),
    runsPerMonth: toDec(workload.runsPerMonth),
    monthHours: workload.monthHours,
    alwaysOn: workload.alwaysOn,
  };
}

export function estimateAssumptions(input: {
  readonly tasks: readonly TaskEstimate[];
  readonly services: readonly ServiceEstimate[];
  readonly total: readonly OptionResult[];
  readonly workload: Workload;
  readonly catalog: Catalog;
  readonly now: Date;
  readonly setNotes?: readonly EstimateNote[];
}): EstimateAssumptions {
  const {tasks, services, total, workload, catalog} = input;
  const rates = ratesUsed([
    ...total,
    ...tasks.flatMap((task) => task.options),
    ...services.flatMap((service) => service.options),
  ]);
  const info = catalogInfo(catalog, input.now);
  const notes: EstimateNote[] = [...(input.setNotes ?? [])];
  if (!workload.alwaysOn && tasks.length > 0)
    notes.push({kind: 'billed-per-run', seconds: [...new Set(tasks.map((task) => task.billedSecondsPerRun))]});
  if (total.some((option) => option.commitmentPerHour !== null && option.available))
    notes.push({kind: 'full-coverage'});
  if (rates.some((rate) => rate.key === 'storage' || rate.key === 'windows-x86_64-os-license')) {
    notes.push({kind: 'extras-on-demand', under: 'options'});
  }
  const dates = rateDates(rates);
  if (dates.spot) notes.push({kind: 'spot-observed', asOf: dates.spot});
  const defaulted = [...services, ...tasks].filter((task) => task.regionOrigin === 'default').map((task) => task.name);
  if (defaulted.length > 0) notes.push({kind: 'region-assumed', region: 'us-east-1', tasks: defaulted});
  for (const task of [...services, ...tasks])
    for (const note of task.notes) notes.push({kind: 'task', task: task.name, note});
  const warnings = [staleCatalogNote(info), estimatedRatesNote(rates)].filter((note) => note !== undefined);
  return {monthHours: workload.monthHours, catalog: info, rateDates: dates, rates, notes, warnings};
}

export type {EstimateAssumptions, EstimateResult, RegionOrigin, TaskEstimate};
