import type {TaskNote} from './notes.js';
import type {Arch, Os, TaskSize} from './types.js';

/**
 * A task definition as read from a file or ECS, before flags are applied and the size validated.
 * Fields a source did not give are undefined.
 */
export interface TaskDefinitionSpec {
  /** Family, or the CloudFormation logical id. */
  readonly name: string;
  /** Where it came from: a file path (with the resource for templates) or an ARN. */
  readonly source: string;
  readonly cpuUnits: number | undefined;
  readonly memoryMiB: number | undefined;
  readonly storageGiB: number | undefined;
  readonly arch: Arch | undefined;
  readonly os: Os | undefined;
  /** Region named by the task definition's ARN, when it has one. */
  readonly region: string | undefined;
  /** Sums of the container-level reservations, used when the task level has none. */
  readonly containers: {readonly cpuUnits: number; readonly memoryMiB: number; readonly count: number};
  readonly notes: readonly TaskNote[];
}

export interface SizeOverrides {
  readonly cpuUnits?: number | undefined;
  readonly memoryMiB?: number | undefined;
  readonly storageGiB?: number | undefined;
  readonly arch?: Arch | undefined;
  readonly os?: Os | undefined;
}

/** A task ready to price: a valid Fargate size, and what was assumed to get it. */
export interface ResolvedTask {
  readonly name: string;
  readonly source: string;
  readonly size: TaskSize;
  readonly region: string | undefined;
  readonly notes: readonly TaskNote[];
}
