import type {TaskRecord} from '../../model/task-record.js';
import {isFinalRecord} from '../../model/task-record.js';
import {type AwsOptions, createEcsClient, liveRegion} from '../aws/clients.js';
import {awsUserError} from '../aws/errors.js';
import {regionFromArn} from '../task-definition.js';
import {chunks, DESCRIBE_TASKS_BATCH, describeTasks} from './history-live.js';

/**
 * A cluster watched live (`explore --cluster C --watch`): each `refresh()` lists the running and the
 * recently stopped tasks (ListTasks, every page) and describes only what it does not know yet:
 *
 * - a task never described;
 * - a task not yet final (still starting, or stopping: desired STOPPED, not yet STOPPED);
 * - a task it knew running that is now listed stopped, or listed no more.
 *
 * A task it described running, with a start time, and still listed running is not described again:
 * nothing in its record changes until it stops, and then it is listed stopped. A stopped task, once
 * read, is final. So the first refresh reads what `history --cluster` reads; the next ones cost the
 * two listings plus a DescribeTasks call per 100 tasks that started or stopped.
 *
 * Every refresh makes its own client (and so its own deadline: --timeout bounds one refresh). The
 * SDK retries throttling as it is configured to (AWS_MAX_ATTEMPTS, AWS_RETRY_MODE); what is left
 * fails the refresh, and the caller keeps what it showed (see `isThrottledError`).
 */

export interface LiveWatchRequest {
  readonly cluster: string;
  /** Only these services' tasks; all of the cluster's when empty. */
  readonly services?: readonly string[] | undefined;
  readonly aws: AwsOptions;
}

/** What one refresh read, and what the watch knows after it. */
export interface LiveWatchRead {
  /** The latest record of every task the watch has seen (running or stopped), in the order first seen. */
  readonly records: readonly TaskRecord[];
  readonly region: string;
  readonly regionAssumed: boolean;
  /** Task ARNs listed by this refresh (running and stopped). */
  readonly listed: number;
  /** Tasks this refresh described. */
  readonly described: number;
  /** Tasks this refresh asked for that ECS no longer had (their last record is kept). */
  readonly missing: number;
  /** Tasks whose records could not be read, over the whole watch. */
  readonly unreadable: number;
}

export interface LiveWatch {
  /** The region read: --region, else the cluster ARN's, else the configured one, else us-east-1. */
  readonly region: string;
  refresh(): Promise<LiveWatchRead>;
}

const OFFLINE = 'the watch keeps what it showed and tries again at the next refresh';

/** A running task whose record will not change until it stops: started, and said so. */
const steady = (record: TaskRecord) =>
  record.lastStatus === 'RUNNING' && (record.pullStartedAtMs !== undefined || record.startedAtMs !== undefined);

export function createLiveWatch(request: LiveWatchRequest): LiveWatch {
  const known = new Map<string, TaskRecord>();
  /** Tasks not billed as Fargate (EC2, external) or unreadable: never described again. */
  const skipped = new Set<string>();
  let unreadable = 0;
  const {region, assumed} = liveRegion(request.aws, regionFromArn(request.cluster));
  const cluster = request.cluster;
  const filters =
    request.services && request.services.length > 0 ? request.services.map((serviceName) => ({serviceName})) : [{}];

  return {
    region,
    async refresh() {
      const {client, sdk} = await createEcsClient(request.aws, region);
      try {
        const listed = {RUNNING: new Set<string>(), STOPPED: new Set<string>()};
        try {
          for (const desiredStatus of ['RUNNING', 'STOPPED'] as const) {
            for (const filter of filters) {
              for await (const page of sdk.paginateListTasks(
                {client, pageSize: 100},
                {cluster, desiredStatus, ...filter},
              )) {
                for (const arn of page.taskArns ?? []) listed[desiredStatus].add(arn);
              }
            }
          }
        } catch (error) {
          throw awsUserError(error, 'ecs:ListTasks', OFFLINE);
        }

        const wanted = new Set<string>();
        for (const arn of listed.RUNNING) {
          const record = known.get(arn);
          if (!skipped.has(arn) && (record === undefined || !steady(record))) wanted.add(arn);
        }
        for (const arn of listed.STOPPED) {
          const record = known.get(arn);
          if (!skipped.has(arn) && (record === undefined || !isFinalRecord(record))) wanted.add(arn);
        }
        // Known running, listed no more: stopped more than ECS's hour ago (a watch left asleep), or gone.
        for (const [arn, record] of known) {
          if (!isFinalRecord(record) && !listed.RUNNING.has(arn) && !listed.STOPPED.has(arn)) wanted.add(arn);
        }

        let missing = 0;
        for (const batch of chunks([...wanted], DESCRIBE_TASKS_BATCH)) {
          const described = await describeTasks({client, sdk}, cluster, batch);
          missing += described.missing;
          for (const {arn, record} of described.tasks) {
            if (record === 'unreadable') unreadable++;
            if (record === 'unreadable' || record === 'ignored') {
              if (arn !== undefined) skipped.add(arn);
              continue;
            }
            const before = known.get(record.taskArn);
            // A stale answer never replaces a newer record (ECS counts a task's changes in `version`).
            if (before?.version !== undefined && record.version !== undefined && record.version < before.version)
              continue;
            known.set(record.taskArn, record);
          }
        }
        return {
          records: [...known.values()],
          region,
          regionAssumed: assumed,
          listed: listed.RUNNING.size + listed.STOPPED.size,
          described: wanted.size,
          missing,
          unreadable,
        };
      } finally {
        client.destroy();
      }
    },
  };
}
