import type {Arch, Os} from './types.js';

/**
 * One observation of an ECS task, as a history source read it (a DescribeTasks entry, an
 * EventBridge "ECS Task State Change" event, a live read), normalized: timestamps as epoch
 * milliseconds, the size with task-level overrides applied. A task may be observed several times
 * (every state change is an event); `history` keeps the latest and bills each task once.
 * Fields a record did not carry are undefined.
 */
export interface TaskRecord {
  readonly taskArn: string;
  /** From the task ARN, else the cluster ARN, else the event envelope. */
  readonly region: string | undefined;
  /** Cluster name: from the task ARN (`task/<cluster>/<id>`), else the cluster ARN. */
  readonly cluster: string | undefined;
  /** `service:<name>` for service tasks, `family:<family>` for RunTask and AWS Batch. */
  readonly group: string | undefined;
  /** `family:revision`, from the task definition ARN. */
  readonly taskDefinition: string | undefined;
  /** FARGATE, EC2, EXTERNAL, MANAGED_INSTANCES. */
  readonly launchType: string | undefined;
  /** FARGATE or FARGATE_SPOT when a capacity-provider strategy placed the task. */
  readonly capacityProvider: string | undefined;
  readonly cpuUnits: number | undefined;
  readonly memoryMiB: number | undefined;
  /** Configured ephemeral storage (20 GiB when the record does not say). */
  readonly storageGiB: number;
  readonly arch: Arch;
  readonly os: Os;
  readonly lastStatus: string | undefined;
  readonly stopCode: string | undefined;
  /** Increments on every state change: the latest observation has the highest. */
  readonly version: number | undefined;
  readonly updatedAtMs: number | undefined;
  readonly pullStartedAtMs: number | undefined;
  readonly pullStoppedAtMs: number | undefined;
  readonly startedAtMs: number | undefined;
  readonly executionStoppedAtMs: number | undefined;
  readonly stoppedAtMs: number | undefined;
}

/** A record is final once the task has stopped: nothing later changes what it is billed. */
export function isFinalRecord(record: TaskRecord): boolean {
  return record.lastStatus === 'STOPPED' || record.stoppedAtMs !== undefined;
}
