import type {TaskDefinitionSpec} from '../../model/task.js';
import {awsUserError} from '../aws/errors.js';
import {type AwsOptions, createEcsClient} from '../aws/clients.js';
import {readTaskDefinitions, regionFromArn} from '../task-definition.js';

/** `--task-definition family[:revision] | ARN`: one DescribeTaskDefinition call. */
export async function describeTaskDefinition(reference: string, options: AwsOptions): Promise<TaskDefinitionSpec[]> {
  const region = options.region ?? regionFromArn(reference);
  const {client, sdk} = await createEcsClient({...options, region});
  try {
    const response = await client.send(new sdk.DescribeTaskDefinitionCommand({taskDefinition: reference}));
    return readTaskDefinitions({taskDefinition: response.taskDefinition ?? {}}, reference);
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
