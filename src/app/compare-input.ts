import {estimatedRatesWarning, staleCatalogWarning} from './assumptions.js';
import type {CompareComponent, CompareInput, StrategyFacts} from './compare.js';
import type {RegionOrigin} from './estimate.js';
import {EXCLUSION_LABELS, type ExclusionReason, type HistoryComponent, type HistoryResult} from './history-result.js';
import {formatStrategy, splitTasks, type Strategy} from '../analysis/capacity-strategy.js';
import {assertSpotPossible, profileTotals, splitByStrategy} from '../analysis/usage-profile.js';
import {describeShape, type WorkloadShape, workloadProfile} from '../analysis/workload-profile.js';
import type {Catalog} from '../catalog/catalog.js';
import {EXIT, UserError} from '../errors.js';
import {D, dec, type Dec, ZERO} from '../money/decimal.js';
import {toDec} from '../money/exact.js';
import type {ResolvedTask, SizeOverrides, TaskDefinitionSpec} from '../model/task.js';
import {formatSize} from '../sizing/sizes.js';
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
  const notes: string[] = [];
  const descriptions: string[] = [];
  const components = request.specs.map((spec): CompareComponent => {
    const task = resolveTask(spec, request.overrides);
    const {region, origin} = regionFor(task, request);
    request.catalog.requireRegion(region);
    if (origin === 'default') notes.push(`region us-east-1 assumed for ${task.name} (no --region, ARN or AWS_REGION)`);
    for (const note of task.notes) notes.push(`${task.name}: ${note}`);
    const strategy = request.strategy?.strategy;
    const built = workloadProfile({
      size: task.size,
      region,
      shape,
      monthHours: request.monthHours,
      ...(strategy ? {split: (tasks: number) => splitTasks(strategy, tasks)} : {}),
    });
    assertSpotPossible(built.profile, `the capacity-provider strategy for ${task.name}`);
    const desiredCount = shape.kind === 'autoscaling' ? shape.max : shape.count;
    const platform = `${task.size.os === 'linux' ? 'Linux' : 'Windows'}/${task.size.arch}`;
    descriptions.push(
      `${task.name}: ${formatSize(task.size)}, ${platform}${task.size.storageGiB > 20 ? `, ${task.size.storageGiB} GiB storage` : ''}, ${region}`,
    );
    if (built.runs !== null && shape.kind === 'schedule' && !dec(built.runs).eq(toDec(shape.runsPerMonth))) {
      notes.push(
        `${toDec(shape.runsPerMonth).toDecimalPlaces(2).toString()} runs a month (as estimate counts them) placed as ${built.runs} whole runs in the ${request.monthHours}-hour profile; the monthly figures here are for those`,
      );
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
  notes.push(`usage profile: ${describeShape(shape)}, over a ${request.monthHours}-hour month starting 00:00 UTC`);
  return {kind: 'estimate', description: `${descriptions.join('; ')}; ${describeShape(shape)}`, components, notes};
}

export interface HistoryCompareOptions {
  /** --spot-tolerant (true) / --no-spot-tolerant (false); undefined: batch work, and services already on Spot, are tolerant. */
  readonly spotTolerant?: boolean | undefined;
  /** --strategy: what each service's measured usage would cost under this capacity-provider strategy. */
  readonly strategy?: Strategy | undefined;
}

const seconds = (value: Dec) => value.toDecimalPlaces(1).toString();
const sumBig = (values: readonly bigint[]) => values.reduce((a, b) => a + b, 0n);
const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

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
    const reasons = Object.entries(result.tasks.reasons).map(
      ([reason, count]) => `${count} ${EXCLUSION_LABELS[reason as ExclusionReason]}`,
    );
    throw new UserError(
      `nothing to compare: the history has no billed Fargate task (${plural(result.records.read, 'record')} read${reasons.length > 0 ? `; not billed: ${reasons.join(', ')}` : ''})`,
      {hint: 'check the paths, --service and --from/--to', exitCode: EXIT.input},
    );
  }
  const hours = result.profile.hours.length;
  const notes: string[] = [];
  const duplicated = new Set(result.components.map((c) => c.name).filter((name, i, all) => all.indexOf(name) !== i));
  const strategy = options.strategy;
  if (strategy && !result.components.some((c) => c.kind === 'service')) {
    throw new UserError(
      '--strategy prices services, and the history has none (its batch tasks are priced as they ran)',
      {
        hint: 'read a history with service tasks, or drop --strategy',
        exitCode: EXIT.usage,
      },
    );
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
      assertSpotPossible(profile, `--strategy ${formatStrategy(strategy)} for ${name}`);
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
      if (!c.service)
        notes.push(
          `${name}: no describe-services output read, so the strategy's split is shown for ${plural(desiredCount, 'task')} (the mean running)`,
        );
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
    if (c.sizes > 1) {
      notes.push(
        `${name} ran ${c.sizes} task sizes; a task's hourly usage (for a FARGATE base and Spot task-hours) is the newest: ${formatSize(c.latest.size)}`,
      );
    }
    if (c.kind === 'batch') {
      notes.push(
        c.meanRunSeconds === null
          ? `${name}: no run completed in the history, so an interruption loses no work by default (pass --lost-work)`
          : `${name}: a run lasts ${seconds(c.meanRunSeconds)} s on average (the mean of its completed runs); an interruption loses half of one by default`,
      );
    }
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
    const which = spot.tasks === 1 ? 'the one Spot task' : `none of the ${spot.tasks} Spot tasks`;
    notes.push(
      `${which} (${spot.taskHours.toDecimalPlaces(1).toString()} task-hours) was ${spot.tasks === 1 ? 'not ' : ''}interrupted, so the measured rate is 0; a longer history or --interruption-rate gives a safer figure`,
    );
  }
  if (strategy)
    notes.push(
      `--strategy ${formatStrategy(strategy)}: each service's measured usage re-bought hour by hour, the base first, the rest by weight (fractions of a task allowed)`,
    );

  // What the history itself says about the billing, without its own projection and Spot-price notes (compare has its own).
  const own = ['projection:', 'Fargate Spot usage is priced at'];
  notes.push(...result.assumptions.notes.filter((note) => !own.some((prefix) => note.startsWith(prefix))));
  const excluded = Object.entries(result.tasks.reasons).map(
    ([reason, count]) => `${count}: ${EXCLUSION_LABELS[reason as ExclusionReason]}`,
  );
  if (excluded.length > 0) notes.push(`${plural(result.tasks.excluded, 'task')} not billed (${excluded.join('; ')})`);
  const catalogWarnings = new Set([
    staleCatalogWarning(result.assumptions.catalog),
    estimatedRatesWarning(result.assumptions.rates),
  ]);
  const warnings = result.assumptions.warnings.filter((warning) => !catalogWarnings.has(warning));

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

function describeHistory(result: HistoryResult, components: readonly CompareComponent[]): string {
  const source = result.sources.length === 1 ? result.sources[0]!.path : `${result.sources.length} sources`;
  const running = result.tasks.running > 0 ? ` (${result.tasks.running} running)` : '';
  const list = (kind: CompareComponent['kind']) => components.filter((c) => c.kind === kind).map((c) => c.name);
  const groups = [
    list('service').length > 0
      ? `${list('service').length === 1 ? 'service' : 'services'} ${list('service').join(', ')}`
      : null,
    list('batch').length > 0 ? `batch ${list('batch').join(', ')}` : null,
  ].filter((text): text is string => text !== null);
  return `${plural(result.tasks.billed, 'task')}${running} from ${source}: ${groups.join('; ')}`;
}
