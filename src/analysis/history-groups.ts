import {D, type Dec, MS_PER_HOUR} from '../money/decimal.js';
import type {HistoryComponent, SteadyStateService} from '../model/history.js';
import type {PricedClass} from '../pricing/classes.js';
import type {Pricer} from '../pricing/pricer.js';
import type {ServiceFacts} from '../model/strategy.js';
import {splitTasks} from './capacity-strategy.js';
import {addClass, classesByGroup, latestOf, newRowSum, profileOf} from './history-breakdown.js';

/** A history's ECS groups (services, and families of RunTask / Batch tasks): what compare prices as workloads. */

/** One component per ECS group, costliest first; `hours`: the profile's hours, when profiles are wanted. */
export function groupComponents(
  classes: readonly PricedClass[],
  services: readonly ServiceFacts[],
  pricer: Pricer,
  hours: {firstHourMs: number; count: number} | null,
): HistoryComponent[] {
  const servicesByName = new Map(services.map((service) => [service.name, service]));
  const components = [...classesByGroup(classes).entries()].map(([group, list]): HistoryComponent => {
    const sum = newRowSum(group, null);
    let spotMs = 0n;
    let completedRuns = 0;
    let completedMs = 0;
    let interruptions = 0;
    for (const cls of list) {
      addClass(sum, cls);
      if (cls.purchase === 'spot') spotMs += cls.totalMs;
      completedRuns += cls.completedRuns;
      completedMs += cls.completedBilledMs;
      interruptions += cls.interruptions;
    }
    const latest = latestOf(list);
    const profile = hours ? profileOf(list, hours) : null;
    const latestUnits = new Map(latest.usage.map((item) => [item.key, item.units]));
    const perTaskHour = profile
      ? profile.series.map((series) =>
          series.region === latest.region ? BigInt(latestUnits.get(series.key) ?? 0) * BigInt(MS_PER_HOUR) : 0n,
        )
      : null;
    const name = group.includes(':') ? group.slice(group.indexOf(':') + 1) : group;
    const kind = list[0]!.kind;
    return {
      key: group,
      name,
      kind,
      tasks: sum.tasks,
      running: sum.running,
      cost: pricer.money(sum.cost),
      onDemandCost: pricer.money(sum.onDemand),
      taskHours: {
        onDemand: new D((sum.taskMs - spotMs).toString()).div(MS_PER_HOUR),
        spot: new D(spotMs.toString()).div(MS_PER_HOUR),
      },
      meanRunSeconds: completedRuns > 0 ? new D(completedMs).div(completedRuns * 1000) : null,
      spotInterruptions: interruptions,
      latest: {size: latest.size, region: latest.region, taskDefinition: latest.taskDefinition ?? null},
      sizes: new Set(
        list.map(({size}) => `${size.cpuUnits}|${size.memoryMiB}|${size.storageGiB}|${size.arch}|${size.os}`),
      ).size,
      profile,
      perTaskHour,
      service: kind === 'service' ? (servicesByName.get(name) ?? null) : null,
    };
  });
  return components.sort((a, b) => b.cost.comparedTo(a.cost) || (a.key < b.key ? -1 : 1));
}

/**
 * What the services cost a month at their desired counts under their capacity-provider strategies,
 * each task of the newest size seen running the service's current task definition (else any).
 */
export function steadyState(
  services: readonly ServiceFacts[],
  classes: readonly PricedClass[],
  pricer: Pricer,
  monthHours: number,
): {readonly services: readonly SteadyStateService[]; readonly monthlyCost: Dec} | null {
  if (services.length === 0) return null;
  const byGroup = classesByGroup(classes);
  let total = 0n;
  const monthMs = BigInt(monthHours) * BigInt(MS_PER_HOUR);
  const rows = services.map((service): SteadyStateService => {
    const split = splitTasks(service.strategy, service.desiredCount);
    const base = {
      name: service.name,
      region: service.region ?? null,
      desiredCount: service.desiredCount,
      strategy: service.strategy,
      launchType: service.launchType ?? null,
      taskDefinition: service.taskDefinition ?? null,
      onDemandTasks: split.onDemand,
      spotTasks: split.spot,
    };
    const list = (byGroup.get(`service:${service.name}`) ?? []).filter(
      (cls) => service.region === undefined || cls.region === service.region,
    );
    const wanted = service.taskDefinition?.split('task-definition/')[1];
    const current = list.filter((cls) => wanted !== undefined && cls.taskDefinition === wanted);
    const pool = current.length > 0 ? current : list;
    if (pool.length === 0) return {...base, gap: {kind: 'no-task'}, size: null, monthlyCost: null};
    const chosen = latestOf(pool);
    const onDemand = pricer.priceSize(chosen.region, chosen.size, 'on-demand');
    const spot = split.spot > 0 ? pricer.priceSize(chosen.region, chosen.size, 'spot') : undefined;
    for (const pricing of [onDemand, spot]) {
      if (pricing === undefined || pricing.kind === 'priced') continue;
      const gap = pricing.kind === 'gap' ? pricing.gap : pricing.price.gap;
      return {...base, gap, size: chosen.size, monthlyCost: null};
    }
    const perMs = (pricing: typeof onDemand | undefined) => (pricing?.kind === 'priced' ? pricing.price.perMs : 0n);
    const scaled = (perMs(onDemand) * BigInt(split.onDemand) + perMs(spot) * BigInt(split.spot)) * monthMs;
    total += scaled;
    return {...base, gap: null, size: chosen.size, monthlyCost: pricer.money(scaled)};
  });
  return {services: rows, monthlyCost: pricer.money(total)};
}
