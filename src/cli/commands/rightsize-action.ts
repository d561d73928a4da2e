import {basename} from 'node:path';
import {rightsize} from '../../app/rightsize.js';
import {createUsageCollector, type UsageCollector} from '../../analysis/rightsize.js';
import {EXIT, UserError, untrusted} from '../../errors.js';
import {D, type Dec} from '../../money/decimal.js';
import {type ComputeOptimizerInput, CPU_PERCENTILES, type CpuPercentile} from '../../model/rightsize.js';
import type {Strategy} from '../../model/strategy.js';
import type {Arch, Os} from '../../model/types.js';
import {renderRightsize} from '../../report/rightsize.js';
import {loadCatalog} from '../../sources/catalog-file.js';
import type {ParsedMetricData} from '../../sources/insights/metrics.js';
import {readPerformanceEventFiles} from '../../sources/insights/read.js';
import {parseStrategyItem, validateStrategy} from '../../sources/strategy.js';
import {environmentRegion} from '../aws.js';
import {type CliIo, styleFor, terminalWidth} from '../io.js';
import {jsonMeta} from '../json-meta.js';
import {parseArch, parseOs, parseRegionFlag} from '../options.js';
import type {RightsizeFlags} from './rightsize.js';

const usage = (message: string, hint?: string) =>
  new UserError(message, {exitCode: EXIT.usage, ...(hint ? {hint} : {})});

/** `--cpu-percentile p99`: one of p50, p90, p95, p99, max. */
export function parseCpuPercentile(text: string | undefined): CpuPercentile {
  if (text === undefined) return 'p99';
  const value = text.trim().toLowerCase();
  if ((CPU_PERCENTILES as readonly string[]).includes(value)) return value as CpuPercentile;
  throw usage(`--cpu-percentile "${untrusted(text)}" is not one of ${CPU_PERCENTILES.join(', ')}`);
}

/** `--headroom 20%` (or `20`): a percentage from 0 to 1000, as a fraction. */
export function parseHeadroom(text: string | undefined): Dec {
  if (text === undefined) return new D('0.2');
  const match = /^\s*(\d{1,4}(\.\d{1,4})?)\s*%?\s*$/.exec(text);
  if (!match || new D(match[1]!).gt(1000))
    throw usage(`--headroom "${untrusted(text)}" is not a percentage from 0% to 1000%`, 'e.g. --headroom 20%');
  return new D(match[1]!).div(100);
}

function parseStrategyFlags(items: readonly string[] | undefined): Strategy | undefined {
  if (items === undefined || items.length === 0) return undefined;
  return validateStrategy(items.map(parseStrategyItem), 'the --strategy flags');
}

/** `--compute-optimizer live` (GetECSServiceRecommendations, every page) or a saved get-ecs-service-recommendations file. */
async function readComputeOptimizer(flags: RightsizeFlags, io: CliIo, source: string): Promise<ComputeOptimizerInput> {
  if (source.trim() === '')
    throw usage(
      '--compute-optimizer needs live or a file',
      'e.g. --compute-optimizer live, or --compute-optimizer co.json',
    );
  if (source === 'live') {
    const [{readEcsServiceRecommendations}, {liveAwsOptions}, {withProgress}, {regionFromArn}] = await Promise.all([
      import('../../sources/compute-optimizer/ecs-live.js'),
      import('../aws.js'),
      import('../progress.js'),
      import('../../sources/task-definition.js'),
    ]);
    const base = await liveAwsOptions(io.env, flags);
    // A cluster ARN's region, as the live read of the cluster takes it.
    const options = {...base, region: base.region ?? regionFromArn(flags.cluster)};
    const recommendations = await withProgress(io, flags.quiet, 'reading Compute Optimizer', (progress) =>
      readEcsServiceRecommendations({...options, onCall: progress?.awsCall}),
    );
    return {source: 'live', recommendations};
  }
  const {readEcsServiceRecommendationsFile} = await import('../../sources/compute-optimizer/ecs-parse.js');
  return {source: 'file', recommendations: await readEcsServiceRecommendationsFile(source)};
}

/** Metric groups into the collector, memory's statistic with them; points not at a Fargate size counted. */
export function addMetricGroups(
  series: ParsedMetricData,
  add: UsageCollector['add'],
  skipped: Record<string, number>,
): number {
  let records = 0;
  for (const group of series.groups) {
    const peak = group.memoryStat === 'Maximum' ? 'period-maximum' : 'period-average';
    for (const sample of group.samples) {
      add(sample, 'metrics', group.periodMs, group.tasksKnown, peak);
      records++;
    }
  }
  if (series.notFargateSize > 0)
    skipped['not-fargate-size'] = (skipped['not-fargate-size'] ?? 0) + series.notFargateSize;
  return records;
}

/** Whether the paths are a cost export (files or folders) rather than performance log events; both at once is refused. */
export async function billPaths(paths: readonly string[]): Promise<boolean> {
  const {isBillFileName} = await import('../../sources/bill/names.js');
  const named = paths.map((path) => isBillFileName(basename(path)));
  let bills = named;
  if (!named.every(Boolean)) {
    const {isBillPath} = await import('../../sources/bill/read.js');
    bills = await Promise.all(paths.map(async (path, i) => named[i]! || (path !== '-' && (await isBillPath(path)))));
  }
  if (bills.every(Boolean)) return true;
  if (bills.some(Boolean))
    throw usage(
      'rightsize reads performance log events or a bill, not both at once',
      'give the cost export alone (fargate-cost rightsize EXPORT), or the events alone',
    );
  return false;
}

/** A CUR 2.0 export with split cost allocation data, as one sample a task-hour (analysis/rightsize-bill.ts). */
export async function readBillSamples(paths: readonly string[], os: Os, arch: Arch) {
  const [{readBillFiles}, {createBillSampler}] = await Promise.all([
    import('../../sources/bill/read.js'),
    import('../../analysis/rightsize-bill.js'),
  ]);
  const sampler = createBillSampler({os, arch});
  for await (const batch of readBillFiles(paths)) for (const line of batch) sampler.add(line);
  const outcome = sampler.finish();
  if (outcome.samples.length === 0 && outcome.actualLines === 0 && outcome.taskHours > 0)
    throw new UserError(
      'the bill has no split_line_item_actual_usage: it was exported without split cost allocation data',
      {
        exitCode: EXIT.input,
        hint: 'turn on split cost allocation data for ECS (Billing preferences) and export CUR 2.0 with INCLUDE_SPLIT_COST_ALLOCATION_DATA; or give Container Insights',
      },
    );
  return outcome;
}

/**
 * `fargate-cost rightsize`: reads the samples into a collector as they are parsed (a month of minutes
 * for hundreds of services stays in typed arrays), sizes, prices and prints.
 */
export async function runRightsizeCommand(paths: string[], flags: RightsizeFlags, io: CliIo): Promise<void> {
  const cpuPercentile = parseCpuPercentile(flags.cpuPercentile);
  const headroom = parseHeadroom(flags.headroom);
  const strategy = parseStrategyFlags(flags.strategy);
  const os = flags.os === undefined ? 'linux' : parseOs(flags.os);
  const arch = flags.arch === undefined ? 'x86_64' : parseArch(flags.arch);
  if (os === 'windows' && arch === 'arm64') throw usage('Fargate runs Windows tasks on x86_64 only: drop --arch arm64');
  if (os === 'windows' && strategy?.some((item) => item.provider === 'FARGATE_SPOT'))
    throw usage('Fargate Spot runs Linux tasks only: drop FARGATE_SPOT from --strategy for Windows tasks');
  const region = parseRegionFlag(flags.region);
  if ((flags.metrics === undefined) !== (flags.query === undefined))
    throw usage('--metrics and --query go together: the output of get-metric-data and the query that made it');
  const live = flags.cluster !== undefined;
  if (live && (paths.length > 0 || flags.metrics !== undefined))
    throw usage('--cluster reads Container Insights live: give it without files or --metrics');
  if (!live) {
    const stray = [
      flags.source !== undefined && '--source',
      flags.service !== undefined && '--service',
      flags.family !== undefined && '--family',
      flags.from !== undefined && '--from',
      flags.to !== undefined && '--to',
    ].find((flag): flag is string => typeof flag === 'string');
    if (stray) throw usage(`${stray} goes with --cluster (a live read): files bring their own samples`);
  }
  if (!live && paths.length === 0 && flags.metrics === undefined)
    throw usage(
      'rightsize needs samples: give performance log event files, --metrics with --query, or --cluster to read live',
      'e.g. fargate-cost rightsize events.ndjson, or fargate-cost rightsize --cluster prod',
    );
  if (paths.filter((path) => path === '-').length > 1) throw usage('standard input (-) can be read only once');

  const collector = createUsageCollector();
  const skipped: Record<string, number> = {};
  let liveRegion: string | undefined;
  if (live) {
    const {readLiveSamples} = await import('./rightsize-live.js');
    const outcome = await readLiveSamples({...flags, cluster: flags.cluster!}, io, collector.add);
    Object.assign(skipped, outcome.skipped);
    liveRegion = outcome.region;
  }
  const bill = paths.length > 0 && (await billPaths(paths));
  if (bill) {
    if (flags.metrics !== undefined)
      throw usage('rightsize reads a bill or Container Insights, not both at once: give the bill alone');
    const outcome = await readBillSamples(paths, os, arch);
    for (const sample of outcome.samples) collector.add(sample, 'bill-hours', 3_600_000, true, 'hourly-average');
    for (const [reason, n] of Object.entries(outcome.skipped)) skipped[reason] = (skipped[reason] ?? 0) + n;
  } else if (paths.length > 0) {
    const outcome = await readPerformanceEventFiles(paths, io.stdin, (sample) => collector.add(sample));
    for (const [reason, n] of Object.entries(outcome.skipped)) skipped[reason] = (skipped[reason] ?? 0) + n;
  }
  if (flags.metrics !== undefined) {
    const {readMetricDataFiles} = await import('../../sources/insights/metrics-file.js');
    const series = await readMetricDataFiles(flags.metrics, flags.query!);
    addMetricGroups(series, collector.add, skipped);
  }
  const computeOptimizer =
    flags.computeOptimizer === undefined ? undefined : await readComputeOptimizer(flags, io, flags.computeOptimizer);
  const [catalog, configured] = await Promise.all([
    loadCatalog({catalogPath: flags.catalog, env: io.env, now: io.now()}),
    region === undefined && liveRegion === undefined ? environmentRegion(io.env, flags.profile) : undefined,
  ]);
  const defaultRegion = region ?? liveRegion ?? configured;
  const result = rightsize({
    groups: collector.finish(),
    catalog,
    now: io.now(),
    cpuPercentile,
    headroom,
    os,
    arch,
    ...(strategy ? {strategy} : {}),
    ...(defaultRegion === undefined ? {} : {defaultRegion}),
    skipped,
    ...(computeOptimizer ? {computeOptimizer} : {}),
  });
  io.stdout.write(
    renderRightsize(result, flags.format, styleFor(io, flags.color), terminalWidth(io), await jsonMeta(io)),
  );
}
