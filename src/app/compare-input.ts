import type {CompareComponent, CompareInput, StrategyFacts} from './compare.js';
import type {RegionOrigin} from './estimate.js';
import {splitTasks, type Strategy} from '../analysis/capacity-strategy.js';
import {assertSpotPossible} from '../analysis/usage-profile.js';
import {describeShape, type WorkloadShape, workloadProfile} from '../analysis/workload-profile.js';
import type {Catalog} from '../catalog/catalog.js';
import {dec} from '../money/decimal.js';
import type {ResolvedTask, SizeOverrides, TaskDefinitionSpec} from '../model/task.js';
import {formatSize} from '../sizing/sizes.js';
import {resolveTask} from '../sizing/resolve.js';

/** Builds `compare`'s input from an estimate: task definitions (or a size) under a workload shape. Pure. */

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
    descriptions.push(`${task.name}: ${formatSize(task.size)}, ${platform}${task.size.storageGiB > 20 ? `, ${task.size.storageGiB} GiB storage` : ''}, ${region}`);
    if (built.runs !== null && shape.kind === 'schedule' && !dec(built.runs).eq(shape.runsPerMonth)) {
      notes.push(`${shape.runsPerMonth.toString()} runs a month rounded to ${built.runs} whole runs in the ${request.monthHours}-hour profile`);
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
      strategy: strategy && request.strategy ? {strategy, source: request.strategy.source, desiredCount, split: splitTasks(strategy, desiredCount)} : null,
    };
  });
  notes.push(`usage profile: ${describeShape(shape)}, over a ${request.monthHours}-hour month starting 00:00 UTC`);
  return {kind: 'estimate', description: `${descriptions.join('; ')}; ${describeShape(shape)}`, components, notes};
}
