import type {ECSServiceRecommendation} from '@aws-sdk/client-compute-optimizer';
import {EXIT, UserError} from '../../errors.js';
import type {EcsServiceRecommendation} from '../../model/compute-optimizer.js';
import {type AwsOptions, liveRegion} from '../aws/clients.js';
import {awsUserError} from '../aws/errors.js';
import {createComputeOptimizerClient, everyPage} from '../aws/service-clients.js';
import {regionFromArn} from '../task-definition.js';
import {parseEcsServiceRecommendations} from './ecs-parse.js';

/**
 * Compute Optimizer's rightsizing of ECS services on Fargate, live: GetECSServiceRecommendations
 * for the services named (all of the region's when none), every page by `nextToken` (the SDK has no
 * paginator for it). The region is --region's, else the first ARN's, else the configured one.
 * An account that has not opted in to Compute Optimizer gets a message saying how to.
 */

export const ECS_RECOMMENDATIONS_ACTION = 'compute-optimizer:GetECSServiceRecommendations';

export interface EcsRecommendationsRequest {
  /** At most as many as Compute Optimizer takes in one call: the CLI names a few services, not hundreds. */
  readonly serviceArns?: readonly string[] | undefined;
}

export async function readEcsServiceRecommendations(
  options: AwsOptions,
  request: EcsRecommendationsRequest = {},
): Promise<EcsServiceRecommendation[]> {
  const arns = request.serviceArns ?? [];
  const {region} = liveRegion(options, regionFromArn(arns[0]));
  const {client, sdk} = await createComputeOptimizerClient(options, region);
  let recommendations: ECSServiceRecommendation[];
  try {
    recommendations = await everyPage('Compute Optimizer (GetECSServiceRecommendations)', async (nextToken) => {
      const page = await client.send(
        new sdk.GetECSServiceRecommendationsCommand({
          ...(arns.length > 0 ? {serviceArns: [...arns]} : {}),
          ...(nextToken ? {nextToken} : {}),
        }),
      );
      return {items: page.ecsServiceRecommendations ?? [], next: page.nextToken};
    });
  } catch (error) {
    if ((error as {name?: string}).name === 'OptInRequiredException') {
      throw new UserError(`Compute Optimizer is not enabled for this account (${region})`, {
        hint: 'opt in with "aws compute-optimizer update-enrollment-status --status Active"; ECS service recommendations follow after about a day of metrics',
        exitCode: EXIT.aws,
        cause: error,
      });
    }
    throw awsUserError(error, ECS_RECOMMENDATIONS_ACTION);
  } finally {
    client.destroy();
  }
  return parseEcsServiceRecommendations(
    {ecsServiceRecommendations: recommendations},
    `Compute Optimizer's ${ECS_RECOMMENDATIONS_ACTION}`,
    'live',
  );
}
