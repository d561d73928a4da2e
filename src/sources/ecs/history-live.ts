import {servicesFromDescribeServices} from '../strategy.js';
import type {ServiceFacts} from '../../model/strategy.js';
import type {HistorySource, SourceOutcome} from '../../model/history.js';
import type {SourceNote} from '../../model/notes.js';
import type {RecordBatch, TaskRecord} from '../../model/task-record.js';
import {positionOf} from '../history/read.js';
import {type AwsOptions, createEcsClient, liveRegion} from '../aws/clients.js';
import {awsUserError} from '../aws/errors.js';
import {recordOf} from '../history/records.js';
import {RecordError} from '../history/timestamps.js';
import {regionFromArn} from '../task-definition.js';

/**
 * Reads a cluster's tasks live: ListTasks for desired status RUNNING and STOPPED (every page),
 * DescribeTasks 100 at a time, and DescribeServices (10 at a time) for the services those tasks
 * belong to. ECS keeps a stopped task for only about an hour after it stops, so this is the
 * running tasks plus the last hour or so; a longer history has to be recorded (an EventBridge rule
 * that stores "ECS Task State Change" events, read back as NDJSON).
 */

export const DESCRIBE_TASKS_BATCH = 100;
export const DESCRIBE_SERVICES_BATCH = 10;

export interface LiveHistoryRequest {
  readonly cluster: string;
  /** Only these services' tasks (ListTasks serviceName); all of the cluster's tasks when empty. */
  readonly services?: readonly string[] | undefined;
  readonly aws: AwsOptions;
  /** Told how far the read is, after each ListTasks page and each DescribeTasks call. */
  readonly onProgress?: ((live: LiveProgress) => void) | undefined;
}

/** How far a live read is: tasks listed so far, and records read from those described. */
export interface LiveProgress {
  readonly listed: number;
  readonly records: number;
}

export interface LiveHistoryOutcome {
  readonly records: number;
  /** Tasks listed but gone by the time they were described. */
  readonly missing: number;
  /** Records that could not be read (a bug in the SDK's or our model, reported rather than fatal). */
  readonly unreadable: number;
  readonly services: ServiceFacts[];
  readonly region: string;
  /** Nothing named the region: us-east-1 was read. */
  readonly regionAssumed: boolean;
}

const OFFLINE = 'or read a saved history: aws ecs describe-tasks ... > tasks.json, or recorded EventBridge events';

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export const isFargateService = (service: {
  launchType?: string | undefined;
  capacityProviderStrategy?: {capacityProvider?: string | undefined}[] | undefined;
}) =>
  service.launchType === 'FARGATE' ||
  (service.launchType === undefined &&
    (service.capacityProviderStrategy ?? []).length > 0 &&
    (service.capacityProviderStrategy ?? []).every(
      (item) => item.capacityProvider === 'FARGATE' || item.capacityProvider === 'FARGATE_SPOT',
    ));

/** One batch of tasks described, each read as a record: 'ignored' (not a Fargate task), 'unreadable' (a field that cannot be read). */
export interface DescribedTasks {
  readonly tasks: {readonly arn: string | undefined; readonly record: TaskRecord | 'ignored' | 'unreadable'}[];
  /** Tasks ECS could not describe (its `failures`). */
  readonly missing: number;
}

/** DescribeTasks for up to 100 tasks, its failure the one-line error every live read gives. */
export async function describeTasks(
  {client, sdk}: Awaited<ReturnType<typeof createEcsClient>>,
  cluster: string,
  batch: string[],
): Promise<DescribedTasks> {
  const response = await client.send(new sdk.DescribeTasksCommand({cluster, tasks: batch})).catch((error: unknown) => {
    throw awsUserError(error, 'ecs:DescribeTasks', OFFLINE);
  });
  const tasks = (response.tasks ?? []).map((task) => {
    try {
      return {arn: task.taskArn, record: recordOf(task)};
    } catch (error) {
      if (!(error instanceof RecordError)) throw error;
      return {arn: task.taskArn, record: 'unreadable' as const};
    }
  });
  return {tasks, missing: response.failures?.length ?? 0};
}

/**
 * The live read as a history source: records in batches (one DescribeTasks call each), positioned as
 * source `sourceIndex` of the input; then its outcome: the source, the notes, the services.
 */
export function liveHistorySource(request: LiveHistoryRequest, sourceIndex: number): HistorySource {
  let outcome: LiveHistoryOutcome | undefined;
  return {
    async *[Symbol.asyncIterator]() {
      const batches: RecordBatch[] = [];
      let next = 0;
      // The SDK's pages arrive through callbacks of one async function: collected per call, yielded after it.
      outcome = await readLive(request, (records) => {
        batches.push({records, positions: records.map(() => positionOf(sourceIndex, ++next, 0))});
      });
      yield* batches;
    },
    outcome(): SourceOutcome {
      if (!outcome) throw new Error('the live read is not done');
      const notes: SourceNote[] = [];
      if (outcome.regionAssumed)
        notes.push({kind: 'live-region-assumed', region: outcome.region, cluster: request.cluster});
      notes.push({kind: 'live-retention'});
      if (outcome.missing > 0) notes.push({kind: 'gone-tasks', count: outcome.missing});
      return {
        sources: [
          {
            path: `ecs:${request.cluster} (${outcome.region})`,
            format: 'live',
            records: outcome.records,
            invalid: outcome.unreadable,
            ignored: 0,
          },
        ],
        notes,
        warnings: [],
        services: outcome.services,
      };
    },
  };
}

/** The live read, record by record (tests and callers that keep their own tally). */
export async function readLiveHistory(
  request: LiveHistoryRequest,
  onRecord: (record: TaskRecord) => void,
): Promise<LiveHistoryOutcome> {
  return readLive(request, (records) => {
    for (const record of records) onRecord(record);
  });
}

async function readLive(
  request: LiveHistoryRequest,
  onRecords: (records: TaskRecord[]) => void,
): Promise<LiveHistoryOutcome> {
  const {region, assumed} = liveRegion(request.aws, regionFromArn(request.cluster));
  const {client, sdk} = await createEcsClient(request.aws, region);
  const cluster = request.cluster;
  let records = 0;
  try {
    // 1. Every task ARN, running and recently stopped (a task that stops between the two listings is in both).
    const arns = new Set<string>();
    const filters =
      request.services && request.services.length > 0 ? request.services.map((serviceName) => ({serviceName})) : [{}];
    try {
      for (const desiredStatus of ['RUNNING', 'STOPPED'] as const) {
        for (const filter of filters) {
          for await (const page of sdk.paginateListTasks(
            {client, pageSize: 100},
            {cluster, desiredStatus, ...filter},
          )) {
            for (const arn of page.taskArns ?? []) arns.add(arn);
            request.onProgress?.({listed: arns.size, records});
          }
        }
      }
    } catch (error) {
      throw awsUserError(error, 'ecs:ListTasks', OFFLINE);
    }

    // 2. The tasks, 100 a call.
    let missing = 0;
    let unreadable = 0;
    const serviceNames = new Set(request.services ?? []);
    for (const batch of chunks([...arns], DESCRIBE_TASKS_BATCH)) {
      const described = await describeTasks({client, sdk}, cluster, batch);
      missing += described.missing;
      const read: TaskRecord[] = [];
      for (const {record} of described.tasks) {
        if (record === 'unreadable') unreadable++;
        if (record === 'unreadable' || record === 'ignored') continue;
        records++;
        if (record.group?.startsWith('service:')) serviceNames.add(record.group.slice('service:'.length));
        read.push(record);
      }
      onRecords(read);
      request.onProgress?.({listed: arns.size, records});
    }

    // 3. The services those tasks run in: desired count and capacity-provider strategy.
    const services: ServiceFacts[] = [];
    for (const batch of chunks([...serviceNames].sort(), DESCRIBE_SERVICES_BATCH)) {
      const response = await client
        .send(new sdk.DescribeServicesCommand({cluster, services: batch}))
        .catch((error: unknown) => {
          throw awsUserError(error, 'ecs:DescribeServices', OFFLINE);
        });
      const fargate = (response.services ?? []).filter(isFargateService);
      services.push(...servicesFromDescribeServices({services: fargate}, 'DescribeServices'));
    }
    return {records, missing, unreadable, services, region, regionAssumed: assumed};
  } finally {
    client.destroy();
  }
}
