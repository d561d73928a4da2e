import {
  chooseSize,
  coverageOf,
  createUsageCollector,
  percentilesOf,
  pick,
  type UsageGroup,
} from '../analysis/rightsize.js';
import {splitTasks} from '../analysis/capacity-strategy.js';
import type {Catalog} from '../catalog/catalog.js';
import {D, type Dec, HOURS_PER_MONTH, ZERO} from '../money/decimal.js';
import type {RateRef} from '../model/priced.js';
import {ProblemError} from '../model/problems.js';
import type {Purchase} from '../model/profile.js';
import type {EcsServiceRecommendation} from '../model/compute-optimizer.js';
import type {
  Arm64Option,
  ComputeOptimizerInput,
  ComputeOptimizerView,
  CpuPercentile,
  PricedSize,
  RightsizeRecommendation,
  RightsizeResult,
  RightsizeRule,
  SizeMiB,
  UsageSample,
} from '../model/rightsize.js';
import type {Strategy} from '../model/strategy.js';
import type {Arch, Os} from '../model/types.js';
import {createPricer, type Pricer} from '../pricing/pricer.js';
import {catalogInfo, rateRefOf} from '../pricing/rates.js';
import {isFargateSize} from '../sizing/sizes.js';

/** `fargate-cost rightsize`: each service's (or family's) use against its size, the smallest size that holds it, and what that saves. */

export interface RightsizeRequest {
  /** Samples as the readers give them; or `groups`, already gathered (a collector's, for large inputs). */
  readonly samples?: Iterable<UsageSample>;
  readonly groups?: readonly UsageGroup[];
  readonly catalog: Catalog;
  readonly now: Date;
  readonly cpuPercentile?: CpuPercentile;
  /** A fraction: 0.2 for 20% (the default). */
  readonly headroom?: Dec;
  readonly os?: Os;
  /** The tasks' current architecture (x86_64 unless told). */
  readonly arch?: Arch;
  /** The purchase mix (default: FARGATE alone, On-Demand). */
  readonly strategy?: Strategy;
  /** The region of samples that name none. */
  readonly defaultRegion?: string;
  readonly minimumDays?: number;
  readonly maxMissingShare?: Dec;
  readonly maxGapMs?: number;
  /** What the readers skipped, by reason, carried into the result. */
  readonly skipped?: Readonly<Record<string, number>>;
  /** Compute Optimizer's recommendations, to set beside the tool's service by service. */
  readonly computeOptimizer?: ComputeOptimizerInput;
}

export const DEFAULT_RULE: RightsizeRule = {
  cpuPercentile: 'p99',
  headroom: new D('0.2'),
  minimumDays: 7,
  maxMissingShare: new D('0.1'),
  maxGapMs: 6 * 3_600_000,
};

/** Included ephemeral storage: Container Insights does not say what a task configured, and only storage above 20 GiB is billed. */
const STORAGE_GIB = 20;
const MS_PER_HOUR = 3_600_000n;

export function rightsize(request: RightsizeRequest): RightsizeResult {
  const rule: RightsizeRule = {
    cpuPercentile: request.cpuPercentile ?? DEFAULT_RULE.cpuPercentile,
    headroom: request.headroom ?? DEFAULT_RULE.headroom,
    minimumDays: request.minimumDays ?? DEFAULT_RULE.minimumDays,
    maxMissingShare: request.maxMissingShare ?? DEFAULT_RULE.maxMissingShare,
    maxGapMs: request.maxGapMs ?? DEFAULT_RULE.maxGapMs,
  };
  let groups = request.groups;
  if (groups === undefined) {
    const collector = createUsageCollector();
    for (const sample of request.samples ?? []) collector.add(sample);
    groups = collector.finish();
  }
  const skipped = request.skipped ?? {};
  if (groups.length === 0) throw new ProblemError({kind: 'nothing-to-rightsize', skipped});
  const os = request.os ?? 'linux';
  const arch = request.arch ?? 'x86_64';
  const strategy: Strategy = request.strategy ?? [{provider: 'FARGATE', base: 0, weight: 1}];
  const pricer = createPricer(request.catalog);
  const rates = new Map<string, RateRef>();

  const co = request.computeOptimizer;
  const matched = new Set<EcsServiceRecommendation>();
  const recommendations = groups.map((group): RightsizeRecommendation => {
    const region = group.name.region ?? request.defaultRegion;
    if (region === undefined) throw new ProblemError({kind: 'rightsize-no-region', name: group.name.name});
    const name = {...group.name, region};
    const cpu = percentilesOf(group.cpu);
    const memory = percentilesOf(group.memory);
    const coverage = coverageOf(group, rule);
    const judged = {cpu: pick(cpu, rule.cpuPercentile), memory: memory.max};
    const choice = chooseSize({
      judged,
      headroom: rule.headroom,
      current: group.current,
      os,
      thin: coverage.thin.length > 0,
    });
    const tasks = Math.max(1, Number(coverage.averageTasks.toDecimalPlaces(0, D.ROUND_HALF_UP).toFixed(0)));
    const split = splitTasks(strategy, tasks);
    const mix = {onDemand: new D(split.onDemand).div(tasks), spot: new D(split.spot).div(tasks)};
    const price = (size: SizeMiB, sizeArch: Arch): PricedSize => {
      const hourly = [
        ['on-demand', mix.onDemand],
        ['spot', mix.spot],
      ].reduce((sum, [purchase, share]) => {
        if ((share as Dec).isZero()) return sum;
        return sum.plus(
          hourlyOf(pricer, region, size, sizeArch, os, purchase as Purchase, group.name.name, strategy, rates).times(
            share as Dec,
          ),
        );
      }, ZERO);
      return {size, arch: sizeArch, hourly, monthly: hourly.times(coverage.averageTasks).times(HOURS_PER_MONTH)};
    };
    const currentPrice = price(group.current, arch);
    const recommendedPrice = price(choice.recommended, arch);
    let arm64: Arm64Option | null = null;
    const arm64Unavailable = os === 'windows' ? 'windows' : arch === 'arm64' ? 'already-arm64' : null;
    if (arm64Unavailable === null) {
      const priced = price(choice.recommended, 'arm64');
      arm64 = {
        priced,
        monthlySaving: currentPrice.monthly.minus(priced.monthly),
        extraSaving: recommendedPrice.monthly.minus(priced.monthly),
      };
    }
    return {
      name,
      os,
      arch,
      current: group.current,
      currentIsFargateSize: isFargateSize(
        {cpuUnits: group.current.cpu, memoryMiB: group.current.memory, storageGiB: STORAGE_GIB},
        os,
      ),
      otherReservations: group.otherReservations,
      recommended: choice.recommended,
      reason: choice.reason,
      required: choice.required,
      judged,
      cpu,
      memory,
      coverage,
      mix,
      currentPrice,
      recommendedPrice,
      monthlySaving: currentPrice.monthly.minus(recommendedPrice.monthly),
      arm64,
      arm64Unavailable,
      ...(co === undefined ? {} : {computeOptimizer: viewOf(co, name, choice.recommended, matched)}),
    };
  });
  const sum = (of: (r: RightsizeRecommendation) => Dec) => recommendations.reduce((acc, r) => acc.plus(of(r)), ZERO);
  return {
    rule,
    strategy,
    hoursPerMonth: HOURS_PER_MONTH,
    storageGiB: STORAGE_GIB,
    recommendations,
    totals: {
      currentMonthly: sum((r) => r.currentPrice.monthly),
      recommendedMonthly: sum((r) => r.recommendedPrice.monthly),
      monthlySaving: sum((r) => r.monthlySaving),
    },
    skipped,
    assumptions: {
      catalog: catalogInfo(request.catalog, request.now),
      rates: [...rates.values()].sort((a, b) => (a.region + a.table + a.key < b.region + b.table + b.key ? -1 : 1)),
    },
    ...(co === undefined
      ? {}
      : {
          computeOptimizer: {
            source: co.source,
            unmatched: co.recommendations
              .filter((r) => !matched.has(r))
              .map((r) => ({serviceArn: r.serviceArn, name: r.name, cluster: r.cluster, finding: r.finding})),
          },
        }),
  };
}

/** The region of an ARN (`arn:aws:ecs:<region>:...`), or null. */
const arnRegion = (arn: string): string | null => {
  const parts = arn.split(':');
  return parts[0] === 'arn' && parts.length > 3 && parts[3] !== '' ? parts[3]! : null;
};

/**
 * Compute Optimizer's recommendation of the same service: the same service name and cluster, and the
 * same region when its ARN names one. Task families have none (Compute Optimizer recommends per service).
 */
function viewOf(
  co: ComputeOptimizerInput,
  name: RightsizeRecommendation['name'],
  ours: SizeMiB,
  matched: Set<EcsServiceRecommendation>,
): ComputeOptimizerView | null {
  if (name.by !== 'service') return null;
  const found = co.recommendations.find(
    (r) =>
      r.name === name.name &&
      r.cluster === name.cluster &&
      (arnRegion(r.serviceArn) === null || arnRegion(r.serviceArn) === name.region),
  );
  if (found === undefined) return null;
  matched.add(found);
  const option = found.options[0];
  const best =
    option === undefined
      ? null
      : {
          size: {cpu: option.cpu, memory: option.memory},
          monthlySavings: option.savingsOpportunity.monthlySavings,
          currency: option.savingsOpportunity.currency,
        };
  let agreement: ComputeOptimizerView['agreement'] = 'no-option';
  if (best !== null) {
    const {cpu, memory} = best.size;
    if (cpu === ours.cpu && memory === ours.memory) agreement = 'same-size';
    else if (cpu <= ours.cpu && memory <= ours.memory) agreement = 'smaller';
    else if (cpu >= ours.cpu && memory >= ours.memory) agreement = 'larger';
    else agreement = 'other';
  }
  return {
    serviceArn: found.serviceArn,
    finding: found.finding,
    findingReasonCodes: found.findingReasonCodes,
    current: {...found.current},
    best,
    lookbackDays: found.lookbackDays,
    agreement,
  };
}

/** One task-hour of a size bought one way; a gap in the catalog is the catalog's problem, named. */
function hourlyOf(
  pricer: Pricer,
  region: string,
  size: SizeMiB,
  arch: Arch,
  os: Os,
  purchase: Purchase,
  component: string,
  strategy: Strategy,
  rates: Map<string, RateRef>,
): Dec {
  const pricing = pricer.priceSize(
    region,
    {cpuUnits: size.cpu, memoryMiB: size.memory, storageGiB: STORAGE_GIB, arch, os},
    purchase,
  );
  if (pricing.kind === 'gap' && pricing.gap.kind === 'windows-spot') {
    throw new ProblemError({kind: 'windows-on-spot', component, strategy});
  }
  if (pricing.kind !== 'priced') {
    const gap = pricing.kind === 'gap' ? pricing.gap : pricing.price.gap;
    pricer.catalog.requireRegion(region);
    if (gap.kind === 'no-rate') pricer.catalog.requireRate(gap.region, gap.table, gap.key);
    throw new Error(`unpriced size in ${region}: ${gap.kind}`);
  }
  for (const rate of pricing.price.rates) {
    const ref = rateRefOf(rate);
    rates.set(`${ref.region}|${ref.table}|${ref.key}`, ref);
  }
  return pricer.money(pricing.price.perMs * MS_PER_HOUR);
}
