import {FARGATE_LAUNCH_MS} from '../../billing/meter.js';
import {EXIT, UserError, untrusted} from '../../errors.js';
import type {UsageCollector} from '../../analysis/rightsize.js';
import type {UsageSample} from '../../model/rightsize.js';
import {type AwsOptions, liveRegion} from '../../sources/aws/clients.js';
import {regionFromArn} from '../../sources/task-definition.js';
import {type AwsFlags, liveAwsOptions} from '../aws.js';
import type {CliIo} from '../io.js';
import {withProgress} from '../progress.js';
import {parseServices, parseTimeFlag} from './history-action.js';

/**
 * `rightsize --cluster C`: Container Insights read live, from the performance log events (one
 * sample a task a minute) or, with `--source metrics`, from CloudWatch metrics per service (or
 * family), over a window (default the 14 days up to now), with a progress line on a terminal.
 */

const usage = (message: string, hint?: string) =>
  new UserError(message, {exitCode: EXIT.usage, ...(hint ? {hint} : {})});

const DAY_MS = 86_400_000;
/** The default window: as much as Compute Optimizer looks at by default, and 1-minute metrics are kept (15 days). */
export const DEFAULT_WINDOW_DAYS = 14;
/** CloudWatch keeps 1-minute points 15 days, 5-minute points 63 days, 1-hour points 455 days. */
const METRIC_RETENTION: readonly (readonly [days: number, periodSeconds: number])[] = [
  [15, 60],
  [63, 300],
  [455, 3600],
];

export type LiveSource = 'events' | 'metrics';

export interface LiveRightsizeFlags extends AwsFlags {
  readonly cluster: string;
  readonly source?: string | undefined;
  readonly service?: readonly string[] | undefined;
  readonly family?: readonly string[] | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly quiet?: boolean | undefined;
}

export function parseSource(text: string | undefined): LiveSource {
  if (text === undefined) return 'events';
  const value = text.trim().toLowerCase();
  if (value === 'events' || value === 'metrics') return value;
  throw usage(`--source "${untrusted(text)}" is not events or metrics`, 'e.g. --source metrics');
}

/** The window: --from and --to (default the 14 days up to now), validated. */
export function liveWindow(flags: {from?: string | undefined; to?: string | undefined}, now: Date) {
  const toMs = flags.to === undefined ? now.getTime() : parseTimeFlag(flags.to, '--to');
  const fromMs = flags.from === undefined ? toMs - DEFAULT_WINDOW_DAYS * DAY_MS : parseTimeFlag(flags.from, '--from');
  if (fromMs >= toMs)
    throw usage(
      `--from is not before --to: the window ${new Date(fromMs).toISOString()} to ${new Date(toMs).toISOString()} is empty`,
    );
  if (fromMs < FARGATE_LAUNCH_MS)
    throw usage('--from is before Fargate existed (2017-11-29)', 'give a time since 2017-11-29');
  if (fromMs > now.getTime()) throw usage('--from is in the future: Container Insights has nothing there yet');
  return {fromMs, toMs};
}

/** The metrics' period: the finest CloudWatch still keeps for the window's start. */
export function metricPeriodSeconds(fromMs: number, now: Date): number {
  const ageDays = (now.getTime() - fromMs) / DAY_MS;
  const kept = METRIC_RETENTION.find(([days]) => ageDays <= days);
  if (kept === undefined)
    throw usage(
      `--from is ${Math.floor(ageDays)} days ago: CloudWatch keeps metrics 455 days`,
      'give a later --from, or read the performance log events (--source events) if the log group keeps them',
    );
  return kept[1];
}

export interface LiveOutcome {
  readonly skipped: Record<string, number>;
  /** The region of samples that name none (metrics): the cluster's. */
  readonly region: string;
  readonly aws: AwsOptions;
}

export async function readLiveSamples(
  flags: LiveRightsizeFlags,
  io: CliIo,
  add: UsageCollector['add'],
): Promise<LiveOutcome> {
  const source = parseSource(flags.source);
  const services = parseServices(flags.service);
  const families = flags.family && flags.family.length > 0 ? [...new Set(flags.family)] : undefined;
  if (services && families) throw usage('give --service or --family, not both: a sample is named by one of them');
  const now = io.now();
  const {fromMs, toMs} = liveWindow(flags, now);
  const periodSeconds = source === 'metrics' ? metricPeriodSeconds(fromMs, now) : 60;
  const base = await liveAwsOptions(io.env, flags);
  const {region} = liveRegion(base, regionFromArn(flags.cluster));
  const {clusterName} = await import('../../sources/insights/logs-live.js');
  const cluster = clusterName(flags.cluster);
  const task = `reading Container Insights ${source === 'metrics' ? 'metrics' : 'task events'} of ${untrusted(cluster, 40)}`;
  const skipped: Record<string, number> = {};
  await withProgress(io, flags.quiet, task, async (progress) => {
    const aws: AwsOptions = {...base, onCall: progress?.awsCall};
    if (source === 'events') {
      const [{readPerformanceMessages}, {parsePerformanceMessages}] = await Promise.all([
        import('../../sources/insights/logs-live.js'),
        import('../../sources/insights/events.js'),
      ]);
      let records = 0;
      let namedService = false;
      const keep = (sample: UsageSample) => {
        if (sample.service !== null) namedService = true;
        if (families && (sample.family === null || !families.includes(sample.family))) return;
        if (services && (sample.service === null || !services.includes(sample.service))) return;
        add(sample);
      };
      await readPerformanceMessages(aws, {
        cluster: flags.cluster,
        startMs: fromMs,
        endMs: toMs,
        families,
        keep: false,
        onPage: (messages) => {
          const parsed = parsePerformanceMessages(messages, `${cluster}'s performance log events`, keep);
          for (const [reason, n] of Object.entries(parsed.skipped)) skipped[reason] = (skipped[reason] ?? 0) + n;
          records += messages.length;
          progress?.update({records});
        },
      });
      if (services && !namedService && records > 0)
        throw new UserError(
          'the Task events name no service (AWS documents none in them), so --service matches nothing',
          {
            exitCode: EXIT.input,
            hint: 'select by --family, or read --source metrics, which has a ServiceName dimension',
          },
        );
      return;
    }
    let names = services;
    if (names === undefined && families === undefined) {
      const {listServiceNames} = await import('../../sources/ecs/list-services.js');
      names = await listServiceNames(aws, flags.cluster);
      if (names.length === 0)
        throw new UserError(`the cluster ${untrusted(cluster, 80)} has no services to read metrics of`, {
          exitCode: EXIT.input,
          hint: 'name task definition families with --family, or read the task events (--source events)',
        });
    }
    const [{containerInsightsQuery, readMetricData}, {parseMetricData}] = await Promise.all([
      import('../../sources/insights/metrics-live.js'),
      import('../../sources/insights/metrics.js'),
    ]);
    const query = containerInsightsQuery({
      cluster: flags.cluster,
      ...(names ? {services: names, taskCount: true} : {families}),
      startMs: fromMs,
      endMs: toMs,
      periodSeconds,
      stats: ['Average'],
      peakMemory: true,
    });
    const data = await readMetricData(aws, query, region);
    const series = parseMetricData(data, query.MetricDataQueries, `CloudWatch metrics of ${cluster}`);
    const {addMetricGroups} = await import('./rightsize-action.js');
    const records = addMetricGroups(series, add, skipped);
    progress?.update({records});
  });
  return {skipped, region, aws: base};
}
