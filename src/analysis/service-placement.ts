import type {ItemExclusion, StrategyOrigin} from '../model/estimate.js';
import {CAPACITY_PROVIDERS, type CapacityProvider, type Strategy} from '../model/strategy.js';
import type {ClusterDefault, Placement, RawStrategy} from '../model/workload-set.js';

/**
 * How ECS decides where a service's (or a task set's) tasks run:
 * - a capacity-provider strategy, when it has one;
 * - else its launch type: FARGATE runs every task on FARGATE; EC2 and EXTERNAL are not Fargate;
 * - else its cluster's default capacity-provider strategy;
 * - else the EC2 launch type (ECS's default), which is not Fargate either.
 * Only FARGATE and FARGATE_SPOT are Fargate: a strategy naming any other capacity provider runs on EC2.
 */

export type Placed =
  | {readonly kind: 'fargate'; readonly strategy: Strategy; readonly origin: StrategyOrigin}
  | {readonly kind: 'excluded'; readonly reason: ItemExclusion};

const isFargateProvider = (name: string): name is CapacityProvider =>
  (CAPACITY_PROVIDERS as readonly string[]).includes(name);

/** A strategy as ECS would run it on Fargate, or why it cannot be. */
export function fargateStrategy(raw: RawStrategy, origin: StrategyOrigin): Placed {
  const other = raw.find((item) => !isFargateProvider(item.provider));
  if (other) return {kind: 'excluded', reason: {kind: 'capacity-provider', provider: other.provider}};
  const providers = new Set(raw.map((item) => item.provider));
  if (providers.size !== raw.length) return {kind: 'excluded', reason: {kind: 'invalid-strategy', problem: 'repeated'}};
  if (raw.filter((item) => item.base > 0).length > 1) {
    return {kind: 'excluded', reason: {kind: 'invalid-strategy', problem: 'two-bases'}};
  }
  // ECS needs a weight above 0 only when a strategy has more than one provider: a lone provider takes every task.
  const strategy: Strategy = raw.map((item) => ({
    provider: item.provider as CapacityProvider,
    base: item.base,
    weight: raw.length === 1 ? Math.max(item.weight, 1) : item.weight,
  }));
  if (!strategy.some((item) => item.weight > 0)) {
    return {kind: 'excluded', reason: {kind: 'invalid-strategy', problem: 'no-weight'}};
  }
  return {kind: 'fargate', strategy, origin};
}

/** Where ECS runs the tasks of a service or task set (see the file comment). */
export function placeTasks(placement: Placement, clusterDefault: ClusterDefault): Placed {
  const {launchType, strategy} = placement;
  if (!strategy.known) return {kind: 'excluded', reason: {kind: 'unknown', fields: ['strategy'], why: strategy.why}};
  if (strategy.value !== null && strategy.value.length > 0) return fargateStrategy(strategy.value, 'strategy');
  if (!launchType.known) {
    return {kind: 'excluded', reason: {kind: 'unknown', fields: ['launch-type'], why: launchType.why}};
  }
  const type = launchType.value?.toUpperCase() ?? '';
  if (type === 'FARGATE')
    return {kind: 'fargate', strategy: [{provider: 'FARGATE', base: 0, weight: 1}], origin: 'launch-type'};
  if (type !== '') return {kind: 'excluded', reason: {kind: 'launch-type', launchType: launchType.value!}};
  switch (clusterDefault.kind) {
    case 'strategy':
      return clusterDefault.strategy.length > 0
        ? fargateStrategy(clusterDefault.strategy, 'cluster-default')
        : {kind: 'excluded', reason: {kind: 'ec2-by-default', cluster: clusterDefault.cluster}};
    case 'none':
      return {kind: 'excluded', reason: {kind: 'ec2-by-default', cluster: clusterDefault.cluster}};
    case 'not-in-input':
      return {kind: 'excluded', reason: {kind: 'cluster-not-in-input', cluster: clusterDefault.cluster}};
    case 'unknown':
      return {kind: 'excluded', reason: {kind: 'unknown', fields: ['cluster-strategy'], why: clusterDefault.why}};
  }
}

/**
 * Tasks a task set runs: its scale (a percent of the service's desired count), rounded up as ECS
 * rounds `computedDesiredCount`. Exact: percent is read as the decimal the input wrote.
 */
export function taskSetCount(desiredCount: number, scalePercent: number): number {
  // desired x percent / 100, rounded up, in integers: percent has at most a few decimals in practice,
  // so scale it to an integer numerator first.
  const [whole = '0', fraction = ''] = String(scalePercent).split('.');
  if (/e/i.test(String(scalePercent))) return Math.ceil((desiredCount * scalePercent) / 100);
  const denominator = 100n * 10n ** BigInt(fraction.length);
  const numerator = BigInt(desiredCount) * BigInt(`${whole}${fraction}`);
  return Number((numerator + denominator - 1n) / denominator);
}
