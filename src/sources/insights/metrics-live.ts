import type {MetricDataQuery, MetricDataResult} from '@aws-sdk/client-cloudwatch';
import {EXIT, UserError} from '../../errors.js';
import {type AwsOptions, liveRegion} from '../aws/clients.js';
import {awsUserError} from '../aws/errors.js';
import {createCloudWatchClient} from '../aws/service-clients.js';
import {clusterName} from './logs-live.js';

/**
 * Container Insights' metrics of a cluster's services or task families, live: GetMetricData
 * (every page by NextToken, at most 500 queries a call), the pages merged by query Id into the JSON
 * `aws cloudwatch get-metric-data` prints, timestamps as ISO 8601 text. `containerInsightsQuery`
 * builds the queries: CpuUtilized, CpuReserved (CPU units), MemoryUtilized, MemoryReserved (MiB),
 * Average and Maximum, in namespace ECS/ContainerInsights, per ClusterName and ServiceName or
 * TaskDefinitionFamily.
 */

export const GET_METRIC_DATA_ACTION = 'cloudwatch:GetMetricData';
export const INSIGHTS_NAMESPACE = 'ECS/ContainerInsights';
export const INSIGHTS_METRICS = ['CpuUtilized', 'CpuReserved', 'MemoryUtilized', 'MemoryReserved'] as const;
export const INSIGHTS_STATS = ['Average', 'Maximum'] as const;
/** GetMetricData's limit of queries in one request. */
export const MAX_QUERIES_PER_CALL = 500;

export interface MetricDataRequest {
  readonly MetricDataQueries: readonly MetricDataQuery[];
  /** ISO 8601 text (or a Date). */
  readonly StartTime: string | Date;
  /** Exclusive. */
  readonly EndTime: string | Date;
}

/** One query's data points over every page, as the AWS CLI prints them. */
export interface MergedMetricDataResult {
  readonly Id: string;
  readonly Label: string | undefined;
  readonly Timestamps: string[];
  readonly Values: number[];
  /** Complete, or PartialData when CloudWatch stopped early (the last page's word). */
  readonly StatusCode: string | undefined;
}

export interface MergedMetricData {
  readonly MetricDataResults: MergedMetricDataResult[];
}

export interface InsightsQueryRequest {
  readonly cluster: string;
  /** ServiceName dimension values; or */
  readonly services?: readonly string[] | undefined;
  /** TaskDefinitionFamily dimension values. */
  readonly families?: readonly string[] | undefined;
  readonly startMs: number;
  readonly endMs: number;
  /** A multiple of 60 (Container Insights publishes each minute). */
  readonly periodSeconds: number;
  /** The statistics asked for (default Average and Maximum); `parseMetricData` reads one. */
  readonly stats?: readonly InsightsStat[] | undefined;
  /** Also MemoryUtilized at Maximum, whatever `stats` says: memory is judged at its peak, which an Average hides. */
  readonly peakMemory?: boolean | undefined;
  /** Also RunningTaskCount (a service's metrics sum over its tasks, and `parseMetricData` divides by it). */
  readonly taskCount?: boolean | undefined;
}

export type InsightsStat = (typeof INSIGHTS_STATS)[number];

/**
 * The GetMetricData request for Container Insights' CPU and memory of the services (or families):
 * query Ids `q<target>_<metric>_<stat>` (target index, metric and stat in lower case), Labels
 * `<value> <metric> <stat>`.
 */
export function containerInsightsQuery(request: InsightsQueryRequest): MetricDataRequest {
  const byService = (request.services ?? []).length > 0;
  const dimension = byService ? 'ServiceName' : 'TaskDefinitionFamily';
  const values = byService ? request.services! : (request.families ?? []);
  const cluster = clusterName(request.cluster);
  const queries: MetricDataQuery[] = [];
  values.forEach((value, index) => {
    const metrics: readonly string[] = request.taskCount ? [...INSIGHTS_METRICS, 'RunningTaskCount'] : INSIGHTS_METRICS;
    for (const metric of metrics) {
      const stats = request.stats ?? INSIGHTS_STATS;
      const withPeak =
        request.peakMemory && metric === 'MemoryUtilized' && !stats.includes('Maximum')
          ? [...stats, 'Maximum' as const]
          : stats;
      for (const stat of withPeak) {
        queries.push({
          Id: `q${index}_${metric.toLowerCase()}_${stat.toLowerCase()}`,
          Label: `${value} ${metric} ${stat}`,
          MetricStat: {
            Metric: {
              Namespace: INSIGHTS_NAMESPACE,
              MetricName: metric,
              Dimensions: [
                {Name: 'ClusterName', Value: cluster},
                {Name: dimension, Value: value},
              ],
            },
            Period: request.periodSeconds,
            Stat: stat,
          },
          ReturnData: true,
        });
      }
    }
  });
  return {
    MetricDataQueries: queries,
    StartTime: new Date(request.startMs).toISOString(),
    EndTime: new Date(request.endMs).toISOString(),
  };
}

const asDate = (value: string | Date, name: string): Date => {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new UserError(`${name} is not a time`, {exitCode: EXIT.usage});
  return date;
};

export async function readMetricData(
  options: AwsOptions,
  query: MetricDataRequest,
  region: string = liveRegion(options).region,
): Promise<MergedMetricData> {
  const StartTime = asDate(query.StartTime, 'StartTime');
  const EndTime = asDate(query.EndTime, 'EndTime');
  const {client, sdk} = await createCloudWatchClient(options, region);
  const merged = new Map<
    string,
    {Label: string | undefined; Timestamps: string[]; Values: number[]; StatusCode: string | undefined}
  >();
  const add = (result: MetricDataResult) => {
    const id = result.Id ?? '';
    let entry = merged.get(id);
    if (!entry) {
      entry = {Label: result.Label, Timestamps: [], Values: [], StatusCode: undefined};
      merged.set(id, entry);
    }
    entry.Label ??= result.Label;
    entry.Timestamps.push(...(result.Timestamps ?? []).map((t) => t.toISOString()));
    entry.Values.push(...(result.Values ?? []));
    entry.StatusCode = result.StatusCode ?? entry.StatusCode;
  };
  try {
    for (let i = 0; i < query.MetricDataQueries.length; i += MAX_QUERIES_PER_CALL) {
      const MetricDataQueries = query.MetricDataQueries.slice(i, i + MAX_QUERIES_PER_CALL);
      for await (const page of sdk.paginateGetMetricData(
        {client},
        {MetricDataQueries, StartTime, EndTime, ScanBy: 'TimestampAscending'},
      )) {
        for (const result of page.MetricDataResults ?? []) add(result);
      }
    }
  } catch (error) {
    throw awsUserError(error, GET_METRIC_DATA_ACTION);
  } finally {
    client.destroy();
  }
  return {MetricDataResults: [...merged].map(([Id, entry]) => ({Id, ...entry}))};
}
