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

/** Why a task is not billed. The meter counts each; `no-rate` is the pricer's. */
export const EXCLUSION_REASONS = [
  'not-fargate',
  'never-started',
  'pending',
  'no-stop-time',
  'unknown-size',
  'unknown-region',
  'other-service',
  'outside-window',
  'stop-before-start',
  'invalid-size',
  'impossible-time',
  'no-rate',
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

/** A service's tasks, or a family of RunTask / AWS Batch tasks. */
export type GroupKind = 'service' | 'batch';

/** Stop codes of a Spot task stopped because AWS reclaimed the capacity (the name changed over time). */
export const SPOT_INTERRUPTION_STOP_CODES: ReadonlySet<string> = new Set(['SpotInterruption', 'TerminationNotice']);

export function kindOfGroup(group: string): GroupKind {
  return group.startsWith('service:') ? 'service' : 'batch';
}

/** `web` of `web:3`: the family of a `family:revision`. */
export function familyOf(taskDefinition: string | undefined): string | undefined {
  if (taskDefinition === undefined) return undefined;
  const colon = taskDefinition.lastIndexOf(':');
  return colon > 0 ? taskDefinition.slice(0, colon) : taskDefinition;
}

/** Records as a reader read them, each with its position: increasing through the input. */
export interface RecordBatch {
  readonly records: readonly TaskRecord[];
  readonly positions: readonly number[];
}
