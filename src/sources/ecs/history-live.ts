import {type ServiceFacts, servicesFromDescribeServices} from '../../analysis/capacity-strategy.js';
import type {TaskRecord} from '../../model/task-record.js';
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

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const isFargateService = (service: {
  launchType?: string | undefined;
  capacityProviderStrategy?: {capacityProvider?: string | undefined}[] | undefined;
}) =>
  service.launchType === 'FARGATE' ||
  (service.launchType === undefined &&
    (service.capacityProviderStrategy ?? []).length > 0 &&
    (service.capacityProviderStrategy ?? []).every(
      (item) => item.capacityProvider === 'FARGATE' || item.capacityProvider === 'FARGATE_SPOT',
    ));

export async function readLiveHistory(
  request: LiveHistoryRequest,
  onRecord: (record: TaskRecord) => void,
): Promise<LiveHistoryOutcome> {
  const {region, assumed} = liveRegion(request.aws, regionFromArn(request.cluster));
  const {client, sdk} = await createEcsClient(request.aws, region);
  const cluster = request.cluster;
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
          }
        }
      }
    } catch (error) {
      throw awsUserError(error, 'ecs:ListTasks', OFFLINE);
    }

    // 2. The tasks, 100 a call.
    let records = 0;
    let missing = 0;
    let unreadable = 0;
    const serviceNames = new Set(request.services ?? []);
    for (const batch of chunks([...arns], DESCRIBE_TASKS_BATCH)) {
      const response = await client
        .send(new sdk.DescribeTasksCommand({cluster, tasks: batch}))
        .catch((error: unknown) => {
          throw awsUserError(error, 'ecs:DescribeTasks', OFFLINE);
        });
      missing += response.failures?.length ?? 0;
      for (const task of response.tasks ?? []) {
        let record: ReturnType<typeof recordOf>;
        try {
          record = recordOf(task);
        } catch (error) {
          if (!(error instanceof RecordError)) throw error;
          unreadable++;
          continue;
        }
        if (record === 'ignored') continue;
        records++;
        if (record.group?.startsWith('service:')) serviceNames.add(record.group.slice('service:'.length));
        onRecord(record);
      }
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
