import type {TaskDefinitionSpec} from '../../model/task.js';
import {type AwsOptions, createEcsClient, liveRegion} from '../aws/clients.js';
import {awsUserError} from '../aws/errors.js';
import {readTaskDefinitions, regionFromArn} from '../task-definition.js';

/** `--task-definition family[:revision] | ARN`: one DescribeTaskDefinition call. */
export async function describeTaskDefinition(reference: string, options: AwsOptions): Promise<TaskDefinitionSpec[]> {
  const {region, assumed} = liveRegion(options, regionFromArn(reference));
  const {client, sdk} = await createEcsClient(options, region);
  try {
    const response = await client.send(new sdk.DescribeTaskDefinitionCommand({taskDefinition: reference}));
    const specs = readTaskDefinitions({taskDefinition: response.taskDefinition ?? {}}, reference);
    if (!assumed) return specs;
    return specs.map((spec) => ({...spec, notes: [...spec.notes, {kind: 'read-in-assumed-region', region}]}));
  } catch (error) {
    throw awsUserError(
      error,
      'ecs:DescribeTaskDefinition',
      'or estimate from a file: aws ecs describe-task-definition --task-definition X > td.json',
    );
  } finally {
    client.destroy();
  }
}
