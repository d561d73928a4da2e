import type {CompareComponent, CompareInput} from '../analysis/compare-types.js';
import {splitTasks} from '../analysis/capacity-strategy.js';
import {assertSpotPossible, profileTotals, splitByStrategy} from '../analysis/usage-profile.js';
import {workloadProfile} from '../analysis/workload-profile.js';
import type {Catalog} from '../catalog/catalog.js';
import {D, dec, ZERO} from '../money/decimal.js';
import {toDec} from '../money/exact.js';
import type {StrategyFacts} from '../model/compare.js';
import type {RegionOrigin} from '../model/estimate.js';
import type {BillResult} from '../model/bill.js';
import type {HistoryComponent, HistoryResult} from '../model/history.js';
import type {CompareDescription, CompareNote} from '../model/notes.js';
import {ProblemError} from '../model/problems.js';
import type {WorkloadShape} from '../model/schedule.js';
import type {Strategy} from '../model/strategy.js';
import type {ResolvedTask, SizeOverrides, TaskDefinitionSpec} from '../model/task.js';
import {resolveTask} from '../sizing/resolve.js';

/** Builds `compare`'s input from an estimate (task definitions or a size under a workload shape) or from a history. Pure. */

export interface EstimateCompareRequest {
  readonly specs: readonly TaskDefinitionSpec[];
  readonly overrides: SizeOverrides;
  readonly region: string | undefined;
  readonly environmentRegion: string | undefined;
  readonly shape: WorkloadShape;
  readonly monthHours: number;
  /** A capacity-provider strategy to run the tasks under (--strategy or describe-services). */
  readonly strategy?: {readonly strategy: Strategy; readonly source: StrategyFacts['source']} | undefined;
  /** --spot-tolerant; undefined = batch work is tolerant, services are not. */
  readonly spotTolerant?: boolean | undefined;
  readonly catalog: Catalog;
}

function regionFor(task: ResolvedTask, request: EstimateCompareRequest): {region: string; origin: RegionOrigin} {
  if (request.region) return {region: request.region, origin: 'flag'};
  if (task.region) return {region: task.region, origin: 'task definition'};
  if (request.environmentRegion) return {region: request.environmentRegion, origin: 'environment'};
  return {region: 'us-east-1', origin: 'default'};
}

export function estimateCompareInput(request: EstimateCompareRequest): CompareInput {
  const {shape} = request;
  const kind = shape.kind === 'schedule' ? 'batch' : 'service';
  const notes: CompareNote[] = [];
  const described: (CompareDescription & {kind: 'estimate'})['tasks'][number][] = [];
  const components = request.specs.map((spec): CompareComponent => {
    const task = resolveTask(spec, request.overrides);
    const {region, origin} = regionFor(task, request);
    request.catalog.requireRegion(region);
    if (origin === 'default') notes.push({kind: 'region-assumed', region, tasks: [task.name]});
    for (const note of task.notes) notes.push({kind: 'task', task: task.name, note});
    const strategy = request.strategy?.strategy;
    const built = workloadProfile({
      size: task.size,
      region,
      shape,
      monthHours: request.monthHours,
      ...(strategy ? {split: (tasks: number) => splitTasks(strategy, tasks)} : {}),
    });
    assertSpotPossible(built.profile, {component: task.name, strategy: null});
    const desiredCount = shape.kind === 'autoscaling' ? shape.max : shape.count;
    described.push({name: task.name, size: task.size, region});
    if (built.runs !== null && shape.kind === 'schedule' && !dec(built.runs).eq(toDec(shape.runsPerMonth))) {
      notes.push({
        kind: 'runs-placed',
        runsPerMonth: toDec(shape.runsPerMonth),
        runs: built.runs,
        monthHours: request.monthHours,
      });
    }
    return {
      name: task.name,
      kind,
      os: task.size.os,
      profile: built.profile,
      perTaskHour: built.perTaskHour,
      // Batch work tolerates interruptions; a service does when the user says so or already runs on Spot.
      spotTolerant: request.spotTolerant ?? (kind === 'batch' || built.spotTaskHours.gt(0)),
      typicalRunSeconds: shape.kind === 'schedule' ? dec(shape.durationMs).div(1000) : null,
      taskHours: {onDemand: built.onDemandTaskHours, spot: built.spotTaskHours},
      strategy:
        strategy && request.strategy
          ? {strategy, source: request.strategy.source, desiredCount, split: splitTasks(strategy, desiredCount)}
          : null,
    };
  });
  notes.push({kind: 'usage-profile', shape, monthHours: request.monthHours});
  return {kind: 'estimate', description: {kind: 'estimate', tasks: described, shape}, components, notes};
}

export interface HistoryCompareOptions {
  /** --spot-tolerant (true) / --no-spot-tolerant (false); undefined: batch work, and services already on Spot, are tolerant. */
  readonly spotTolerant?: boolean | undefined;
  /** --strategy: what each service's measured usage would cost under this capacity-provider strategy. */
  readonly strategy?: Strategy | undefined;
}

const sumBig = (values: readonly bigint[]) => values.reduce((a, b) => a + b, 0n);

/** A service is on Spot when some of its measured usage was, or its describe-services strategy puts tasks there. */
function onSpot(component: HistoryComponent): boolean {
  return (
    component.taskHours.spot.gt(0) ||
    (component.service?.strategy.some(
      (item) => item.provider === 'FARGATE_SPOT' && (item.weight > 0 || item.base > 0),
    ) ??
      false)
  );
}

/** The mean number of tasks running over the profile, as a whole number (at least 1): the desired count when none is known. */
function meanTasks(component: HistoryComponent, hours: number): number {
  const mean = component.taskHours.onDemand.plus(component.taskHours.spot).div(hours);
  return Math.max(1, Number(mean.toDecimalPlaces(0, D.ROUND_HALF_UP).toFixed(0)));
}

/**
 * Builds `compare`'s input from a history billed with `componentProfiles: true`: one component per
 * ECS group (a service, or a family of RunTask / AWS Batch tasks) with its measured hourly usage,
 * the Spot interruptions measured among its Spot tasks, and its mean image pull. Pure.
 */
export function historyCompareInput(result: HistoryResult, options: HistoryCompareOptions = {}): CompareInput {
  if (result.components.length === 0) {
    throw new ProblemError({kind: 'nothing-billed', records: result.records.read, reasons: result.tasks.reasons});
  }
  const hours = result.profile.hours.length;
  const notes: CompareNote[] = [];
  const duplicated = new Set(result.components.map((c) => c.name).filter((name, i, all) => all.indexOf(name) !== i));
  const strategy = options.strategy;
  if (strategy && !result.components.some((c) => c.kind === 'service')) {
    throw new ProblemError({kind: 'strategy-without-services'});
  }

  const components = result.components.map((c): CompareComponent => {
    if (c.profile === null || c.perTaskHour === null)
      throw new RangeError('historyCompareInput needs a history billed with componentProfiles: true');
    const name = duplicated.has(c.name) ? c.key : c.name;
    let profile = c.profile;
    let perTaskHour = c.perTaskHour;
    let taskHours = c.taskHours;
    let facts: StrategyFacts | null = null;
    if (c.kind === 'service' && strategy) {
      // What if the service had run under --strategy: its measured usage re-bought hour by hour.
      profile = splitByStrategy(c.profile, c.perTaskHour, strategy);
      assertSpotPossible(profile, {strategy, component: name});
      const perTask = new Map(
        c.profile.series.map((series, i) => [`${series.region}|${series.key}`, c.perTaskHour![i]!]),
      );
      perTaskHour = profile.series.map((series) => perTask.get(`${series.region}|${series.key}`) ?? 0n);
      // Spot task-hours: the measured task-hours times the Spot share of the task's vCPU usage.
      const totals = profileTotals(profile);
      const vcpu = (purchase: string) =>
        sumBig(
          profile.series.map((series, i) =>
            series.key.endsWith('-vcpu') && series.purchase === purchase ? totals[i]! : 0n,
          ),
        );
      const all = c.taskHours.onDemand.plus(c.taskHours.spot);
      const vcpuAll = vcpu('on-demand') + vcpu('spot');
      const spot = vcpuAll === 0n ? ZERO : all.times(vcpu('spot').toString()).div(vcpuAll.toString());
      taskHours = {onDemand: all.minus(spot), spot};
      const desiredCount = c.service?.desiredCount ?? meanTasks(c, hours);
      facts = {strategy, source: 'flag', desiredCount, split: splitTasks(strategy, desiredCount)};
      if (!c.service) notes.push({kind: 'split-for-mean', component: name, desiredCount});
    } else if (c.service) {
      facts = {
        strategy: c.service.strategy,
        source: 'describe-services',
        desiredCount: c.service.desiredCount,
        split: splitTasks(c.service.strategy, c.service.desiredCount),
      };
    }
    const windows =
      c.latest.size.os === 'windows' || profile.series.some((series) => series.key.startsWith('windows-'));
    if (c.sizes > 1) notes.push({kind: 'several-sizes', component: name, sizes: c.sizes, latest: c.latest.size});
    if (c.kind === 'batch') notes.push({kind: 'batch-run', component: name, meanRunSeconds: c.meanRunSeconds});
    // A service that already runs with no FARGATE base (all its tasks on Spot) is not given one by default.
    const noBase = c.kind === 'service' && taskHours.onDemand.isZero() && taskHours.spot.gt(0);
    return {
      ...(noBase ? {onDemandBase: 0} : {}),
      name,
      kind: c.kind,
      os: windows ? 'windows' : 'linux',
      profile,
      perTaskHour,
      spotTolerant: options.spotTolerant ?? (c.kind === 'batch' || onSpot(c) || taskHours.spot.gt(0)),
      typicalRunSeconds: c.kind === 'batch' ? c.meanRunSeconds : null,
      taskHours,
      strategy: facts,
    };
  });

  // Interruptions: Spot tasks stopped with SpotInterruption or TerminationNotice, over the Spot task-hours they were among.
  const spot = result.spot;
  if (spot.tasks > 0 && spot.interruptions === 0) {
    notes.push({kind: 'no-interruptions', spotTasks: spot.tasks, taskHours: spot.taskHours});
  }
  if (strategy) notes.push({kind: 'strategy-rebought', strategy});

  // What the history itself says about the billing, without its own projection and Spot-price notes (compare has its own).
  notes.push(
    ...result.assumptions.notes.filter((note) => note.kind !== 'projection' && note.kind !== 'spot-at-catalog'),
  );
  if (Object.keys(result.tasks.reasons).length > 0) {
    notes.push({kind: 'not-billed', tasks: result.tasks.excluded, reasons: result.tasks.reasons});
  }
  // Compare says what the catalog's rates are itself.
  const warnings = result.assumptions.warnings.filter(
    (note) => note.kind !== 'stale-catalog' && note.kind !== 'estimated-rates',
  );

  return {
    kind: 'history',
    description: describeHistory(result, components),
    components,
    interruptions: spot.taskHours.gt(0)
      ? {interruptions: spot.interruptions, spotTaskHours: spot.taskHours}
      : undefined,
    imagePullSeconds: result.imagePull.meanSeconds ?? undefined,
    notes,
    warnings,
  };
}

function describeHistory(result: HistoryResult, components: readonly CompareComponent[]): CompareDescription {
  const names = (kind: CompareComponent['kind']) => components.filter((c) => c.kind === kind).map((c) => c.name);
  return {
    kind: 'history',
    tasks: result.tasks.billed,
    running: result.tasks.running,
    source: result.sources.length === 1 ? result.sources[0]!.path : result.sources.length,
    services: names('service'),
    batch: names('batch'),
  };
}

/**
 * Builds `compare`'s input from a bill (`history BILL`): one component per group of the bill (a
 * service, from its tags, else a cluster) with its hourly usage as billed. Savings Plans the bill
 * shows as covering usage are ignored here: compare sizes a commitment from nothing, over the usage
 * priced On-Demand. Pure.
 */
export function billCompareInput(
  result: BillResult,
  options: Pick<HistoryCompareOptions, 'spotTolerant'> = {},
): CompareInput {
  if (result.granularity !== 'hourly')
    throw new ProblemError({kind: 'bill-not-hourly', granularity: result.granularity});
  if (result.components.length === 0) {
    throw new ProblemError({kind: 'nothing-billed', records: result.lines.read, reasons: {}});
  }
  const components = result.components.map((c): CompareComponent => {
    const windows = c.profile.series.some((series) => series.key.startsWith('windows-'));
    const spot = c.taskHours.spot.gt(0);
    return {
      ...(spot && c.taskHours.onDemand.isZero() ? {onDemandBase: 0} : {}),
      name: c.name,
      // A service (from its tag) is one; a cluster's untagged tasks are priced as batch work, as RunTask's are.
      kind: c.kind === 'service' ? 'service' : 'batch',
      os: windows ? 'windows' : 'linux',
      profile: c.profile,
      perTaskHour: c.perTaskHour,
      spotTolerant: options.spotTolerant ?? (c.kind !== 'service' || spot),
      typicalRunSeconds: null,
      taskHours: c.taskHours,
      strategy: null,
    };
  });
  return {
    kind: 'history',
    description: {
      kind: 'history',
      tasks: result.components.reduce((sum, c) => sum + c.tasks, 0),
      running: 0,
      source: result.sources.length === 1 ? result.sources[0]!.path : result.sources.length,
      services: result.components.filter((c) => c.kind === 'service').map((c) => c.name),
      batch: result.components.filter((c) => c.kind !== 'service').map((c) => c.name),
    },
    components,
    notes: [],
    warnings: [],
  };
}
