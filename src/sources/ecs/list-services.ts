import {EXIT, UserError, untrusted} from '../../errors.js';
import {type AwsOptions, createEcsClient, liveRegion} from '../aws/clients.js';
import {awsUserError} from '../aws/errors.js';
import {clusterName} from '../insights/logs-live.js';
import {regionFromArn} from '../task-definition.js';

/**
 * A cluster's services, live: ECS ListServices, every page (the SDK's paginator, by nextToken), the
 * names taken from the ARNs (`arn:aws:ecs:<region>:<account>:service/<cluster>/<name>`), sorted.
 */

export const LIST_SERVICES_ACTION = 'ecs:ListServices';

export async function listServiceNames(options: AwsOptions, cluster: string): Promise<string[]> {
  const {region} = liveRegion(options, regionFromArn(cluster));
  const {client, sdk} = await createEcsClient(options, region);
  const names = new Set<string>();
  try {
    for await (const page of sdk.paginateListServices({client, pageSize: 100}, {cluster, maxResults: 100})) {
      for (const arn of page.serviceArns ?? []) names.add(arn.slice(arn.lastIndexOf('/') + 1));
    }
  } catch (error) {
    if ((error as {name?: string}).name === 'ClusterNotFoundException') {
      throw new UserError(`ECS has no cluster ${untrusted(clusterName(cluster), 80)} in ${region}`, {
        hint: 'check the name with "aws ecs list-clusters", or pass --region',
        exitCode: EXIT.aws,
        cause: error,
      });
    }
    throw awsUserError(error, LIST_SERVICES_ACTION);
  } finally {
    client.destroy();
  }
  return [...names].sort();
}
