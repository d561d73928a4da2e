import {EXIT, UserError, untrusted} from '../../errors.js';
import {type AwsOptions, liveRegion} from '../aws/clients.js';
import {awsUserError} from '../aws/errors.js';
import {createLogsClient} from '../aws/service-clients.js';
import {regionFromArn} from '../task-definition.js';

/**
 * Container Insights' performance log events of a cluster's tasks, live: FilterLogEvents on the
 * log group `/aws/ecs/containerinsights/<cluster>/performance` with the pattern
 * `{ $.Type = "Task" }`, between two times, every page (the SDK's paginator, by nextToken);
 * throttling is retried by the SDK's retry strategy. The messages are returned as written (JSON
 * text, untrusted): parsing them is the caller's.
 */

export const FILTER_LOG_EVENTS_ACTION = 'logs:FilterLogEvents';
export const TASK_EVENTS_PATTERN = '{ $.Type = "Task" }';

export interface PerformanceMessagesRequest {
  /** The cluster's name or ARN (its region is used when --region says none). */
  readonly cluster: string;
  readonly startMs: number;
  /** Exclusive. */
  readonly endMs: number;
  /** Told of each page's messages as it arrives (progress, or a caller that parses page by page). */
  readonly onPage?: ((messages: readonly string[]) => void) | undefined;
  /** Only Task events of these task definition families (the filter pattern says so; none: every family). */
  readonly families?: readonly string[] | undefined;
  /** Whether to return the messages too (default true); false when `onPage` consumes them, so weeks of events are not held. */
  readonly keep?: boolean | undefined;
}

const MAX_PATTERN_LENGTH = 1024;

/** A JSON string for a filter pattern: quotes and backslashes escaped. */
const patternString = (value: string) => `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/** `{ $.Type = "Task" }`, or with the families: `{ $.Type = "Task" && ($.TaskDefinitionFamily = "a" || ...) }`. */
export function taskEventsPattern(families: readonly string[] = []): string {
  if (families.length === 0) return TASK_EVENTS_PATTERN;
  const any = families.map((family) => `$.TaskDefinitionFamily = ${patternString(family)}`).join(' || ');
  const pattern = `{ $.Type = "Task" && (${any}) }`;
  // A filter pattern is at most 1,024 characters: past that, every Task event (the caller filters too).
  return pattern.length <= MAX_PATTERN_LENGTH ? pattern : TASK_EVENTS_PATTERN;
}

/** The cluster's name, from a name or a `arn:aws:ecs:<region>:<account>:cluster/<name>` ARN. */
export function clusterName(cluster: string): string {
  const match = /^arn:[^:]+:ecs:[^:]*:[^:]*:cluster\/(.+)$/.exec(cluster);
  return match ? match[1]! : cluster;
}

export function performanceLogGroup(cluster: string): string {
  return `/aws/ecs/containerinsights/${clusterName(cluster)}/performance`;
}

export async function readPerformanceMessages(
  options: AwsOptions,
  request: PerformanceMessagesRequest,
): Promise<string[]> {
  const {region} = liveRegion(options, regionFromArn(request.cluster));
  const name = clusterName(request.cluster);
  const logGroupName = performanceLogGroup(request.cluster);
  const {client, sdk} = await createLogsClient(options, region);
  const messages: string[] = [];
  try {
    for await (const page of sdk.paginateFilterLogEvents(
      {client, pageSize: 10_000},
      {
        logGroupName,
        filterPattern: taskEventsPattern(request.families),
        startTime: request.startMs,
        endTime: request.endMs - 1,
      },
    )) {
      const texts = (page.events ?? []).map((event) => event.message ?? '');
      if (request.keep !== false) messages.push(...texts);
      request.onPage?.(texts);
    }
  } catch (error) {
    if ((error as {name?: string}).name === 'ResourceNotFoundException') {
      throw new UserError(
        `Container Insights is not enabled for the cluster ${untrusted(name, 80)} in ${region} (no log group ${untrusted(logGroupName, 120)})`,
        {
          hint: `enable it with "aws ecs update-cluster-settings --cluster ${untrusted(name, 80)} --settings name=containerInsights,value=enabled --region ${region}"; tasks are measured from then on`,
          exitCode: EXIT.aws,
          cause: error,
        },
      );
    }
    throw awsUserError(error, FILTER_LOG_EVENTS_ACTION);
  } finally {
    client.destroy();
  }
  return messages;
}
