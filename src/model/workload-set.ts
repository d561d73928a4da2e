import type {TaskDefinitionSpec} from './task.js';

/**
 * What one input file describes: its task definitions and the services that run them, each under a
 * stable name (a CloudFormation logical id, a Terraform address as Terraform writes it, a
 * describe-services service name). Readers in sources/ make it; estimate prices it; a diff matches
 * two of them by name. A value the input cannot give yet is unknown, and says why: it is never guessed.
 */

/** Why a value is not known: Terraform computes it at apply, or it is an expression the tool cannot evaluate offline. */
export type UnknownWhy = 'after-apply' | 'expression';

export type Known<T> = {readonly known: true; readonly value: T} | {readonly known: false; readonly why: UnknownWhy};

export const known = <T>(value: T): Known<T> => ({known: true, value});
export const unknown = <T>(why: UnknownWhy): Known<T> => ({known: false, why});

/** A capacity-provider strategy item as the input writes it: any provider name (an EC2 one is not refused here). */
export interface RawStrategyItem {
  readonly provider: string;
  readonly base: number;
  readonly weight: number;
}
export type RawStrategy = readonly RawStrategyItem[];

export type WorkloadFormat = 'terraform-plan' | 'terraform-state' | 'cloudformation' | 'describe-services';

export interface TaskDefinitionItem {
  /** The stable name: a Terraform address, a logical id. */
  readonly name: string;
  /** The family, when the input gives it. */
  readonly family: string | null;
  /** The ARN, when known (a state, the before side of a plan): how a service's `task_definition` value finds it. */
  readonly arn: string | null;
  /** The definition as read; null when a field it needs is unknown, or Fargate cannot run it. */
  readonly spec: TaskDefinitionSpec | null;
  /** Fields (as the input names them) whose value is unknown. */
  readonly unknown: readonly string[];
  readonly unknownWhy: UnknownWhy | null;
  /** Why Fargate cannot run it (words of the reader, already escaped); null when it can. */
  readonly notFargate: string | null;
}

/** Which task definition a service (or task set) runs. */
export type TaskDefinitionLink =
  /**
   * One of the set's task definitions: by its value (an ARN, a family), by following a reference, or as the
   * only task definition of the service's module instance (a reference through a local value, which
   * Terraform's JSON does not show).
   */
  | {readonly kind: 'item'; readonly name: string; readonly via: 'value' | 'reference' | 'module'}
  /** A task definition the input does not hold (an ARN of a revision registered elsewhere). */
  | {readonly kind: 'outside'; readonly ref: string}
  | {readonly kind: 'unknown'; readonly why: UnknownWhy}
  | {readonly kind: 'none'};

/** The default capacity-provider strategy of a service's cluster, as far as the input says. */
export type ClusterDefault =
  | {readonly kind: 'strategy'; readonly cluster: string; readonly strategy: RawStrategy}
  /** The cluster is in the input and has no default strategy. */
  | {readonly kind: 'none'; readonly cluster: string}
  /** The cluster is not in the input (null: no cluster named, ECS's "default"). */
  | {readonly kind: 'not-in-input'; readonly cluster: string | null}
  | {readonly kind: 'unknown'; readonly why: UnknownWhy};

/** How a service or task set is placed: its own launch type and strategy (null: not set). */
export interface Placement {
  readonly launchType: Known<string | null>;
  readonly strategy: Known<RawStrategy | null>;
}

/** A task set of a service with the EXTERNAL deployment controller: it, not the service, names the task definition. */
export interface TaskSetItem extends Placement {
  readonly name: string;
  readonly taskDefinition: TaskDefinitionLink;
  /** Percent of the service's desired count (ECS rounds the task count up). */
  readonly scalePercent: Known<number>;
}

export interface ServiceItem extends Placement {
  readonly name: string;
  /** Where it is, as messages name it: the file and the resource. */
  readonly source: string;
  /** The region its ARN (or its cluster's) names. */
  readonly region: string | undefined;
  readonly desiredCount: Known<number>;
  /** ECS, CODE_DEPLOY or EXTERNAL; null: not set (ECS). */
  readonly deploymentController: Known<string | null>;
  readonly clusterDefault: ClusterDefault;
  readonly taskDefinition: TaskDefinitionLink;
  readonly taskSets: readonly TaskSetItem[];
}

export interface WorkloadSet {
  /** The file, as messages name it. */
  readonly source: string;
  readonly format: WorkloadFormat;
  readonly taskDefinitions: readonly TaskDefinitionItem[];
  readonly services: readonly ServiceItem[];
}

/** The task definitions a set's services and task sets run, by name. */
export function taskDefinitionsRun(set: WorkloadSet): Map<string, string[]> {
  const runBy = new Map<string, string[]>();
  const add = (link: TaskDefinitionLink, service: string) => {
    if (link.kind !== 'item') return;
    const services = runBy.get(link.name) ?? [];
    if (!services.includes(service)) services.push(service);
    runBy.set(link.name, services);
  };
  for (const service of set.services) {
    add(service.taskDefinition, service.name);
    for (const taskSet of service.taskSets) add(taskSet.taskDefinition, service.name);
  }
  return runBy;
}
