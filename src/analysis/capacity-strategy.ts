import type {CapacityProvider, Strategy, TaskSplit} from '../model/strategy.js';

/**
 * ECS capacity-provider strategies for Fargate: `base` tasks on one provider first, the rest shared
 * out by `weight`.
 *
 * AWS documents only that the base is satisfied first and that weights then set "the relative
 * percentage" of the remaining tasks. How a split that does not divide evenly is rounded is not
 * documented; we place the tasks beyond the base one at a time on the provider furthest below its
 * weighted share, i.e. the provider with the highest weight / (tasks it has + 1) (the D'Hondt or
 * Jefferson sequence), ties going to the provider listed first. This never moves a running task when
 * a service scales out by one, which is how the scheduler behaves, and gives 1:1 over 3 tasks as 2 + 1
 * and 1:4 over 4 tasks as 1 + 3. A provider with weight 0 gets its base and nothing more.
 */

/** How many of `desired` tasks each provider runs under a strategy (see the file comment for rounding). */
export function splitTasks(strategy: Strategy, desired: number): TaskSplit {
  if (!Number.isInteger(desired) || desired < 0)
    throw new RangeError(`desired count must be a whole number, got ${desired}`);
  const counts = strategy.map(() => 0);
  let left = desired;
  strategy.forEach((item, i) => {
    const base = Math.min(item.base, left);
    counts[i]! += base;
    left -= base;
  });
  const weighted = strategy.map(() => 0);
  for (; left > 0; left--) {
    let best = -1;
    strategy.forEach((item, i) => {
      if (item.weight === 0) return;
      // weight_i / (n_i + 1) > weight_best / (n_best + 1), compared without division.
      if (best === -1 || item.weight * (weighted[best]! + 1) > strategy[best]!.weight * (weighted[i]! + 1)) best = i;
    });
    weighted[best]!++;
  }
  const total = (provider: CapacityProvider) =>
    strategy.reduce((acc, item, i) => acc + (item.provider === provider ? counts[i]! + weighted[i]! : 0), 0);
  return {onDemand: total('FARGATE'), spot: total('FARGATE_SPOT')};
}

/** The strategy that keeps `base` tasks on FARGATE and runs every other task on FARGATE_SPOT. */
export function spotWithOnDemandBase(base: number): Strategy {
  return base > 0
    ? [
        {provider: 'FARGATE', base, weight: 0},
        {provider: 'FARGATE_SPOT', base: 0, weight: 1},
      ]
    : [{provider: 'FARGATE_SPOT', base: 0, weight: 1}];
}
