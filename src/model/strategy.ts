/** ECS capacity-provider strategies and the services that run under them. */

export const CAPACITY_PROVIDERS = ['FARGATE', 'FARGATE_SPOT'] as const;
export type CapacityProvider = (typeof CAPACITY_PROVIDERS)[number];

export interface StrategyItem {
  readonly provider: CapacityProvider;
  readonly base: number;
  readonly weight: number;
}

export type Strategy = readonly StrategyItem[];

export interface TaskSplit {
  readonly onDemand: number;
  readonly spot: number;
}

/** A service as `DescribeServices` describes it: what compare needs to price its strategy. */
export interface ServiceFacts {
  readonly name: string;
  readonly arn: string | undefined;
  readonly region: string | undefined;
  readonly desiredCount: number;
  /** The strategy, or FARGATE alone for a service with launchType FARGATE. */
  readonly strategy: Strategy;
  readonly launchType: string | undefined;
  readonly taskDefinition: string | undefined;
}
