import type {CloudWatchClient, CloudWatchClientConfig} from '@aws-sdk/client-cloudwatch';
import type {CloudWatchLogsClient, CloudWatchLogsClientConfig} from '@aws-sdk/client-cloudwatch-logs';
import type {ComputeOptimizerClient, ComputeOptimizerClientConfig} from '@aws-sdk/client-compute-optimizer';
import type {CostExplorerClient, CostExplorerClientConfig} from '@aws-sdk/client-cost-explorer';
import {EXIT, UserError} from '../../errors.js';
import {type AwsOptions, checkEndpointUrl, clientConfig, deadlineFor, quietSdkWarnings, watchCalls} from './clients.js';
import type {Deadline} from './http.js';

/**
 * The clients of issue 14's readers (Cost Explorer, CloudWatch Logs, CloudWatch, Compute Optimizer),
 * each SDK loaded on first use only, as createEcsClient loads ECS's. Each checks the endpoint
 * override the SDK will read (AWS_ENDPOINT_URL_COST_EXPLORER, _CLOUDWATCH_LOGS, _CLOUDWATCH,
 * _COMPUTE_OPTIMIZER) before the SDK fails on it deep inside.
 */

export interface Handle<C, S> {
  readonly client: C;
  readonly sdk: S;
}

export async function createCostExplorerClient(
  options: AwsOptions,
  region: string,
  deadline: Deadline = deadlineFor(options),
): Promise<Handle<CostExplorerClient, typeof import('@aws-sdk/client-cost-explorer')>> {
  checkEndpointUrl('Cost Explorer');
  quietSdkWarnings();
  const [sdk, config] = await Promise.all([
    import('@aws-sdk/client-cost-explorer'),
    clientConfig(options, region, deadline),
  ]);
  const client = new sdk.CostExplorerClient(config as CostExplorerClientConfig);
  watchCalls(client.middlewareStack, options.onCall);
  return {client, sdk};
}

export async function createLogsClient(
  options: AwsOptions,
  region: string,
  deadline: Deadline = deadlineFor(options),
): Promise<Handle<CloudWatchLogsClient, typeof import('@aws-sdk/client-cloudwatch-logs')>> {
  checkEndpointUrl('CloudWatch Logs');
  quietSdkWarnings();
  const [sdk, config] = await Promise.all([
    import('@aws-sdk/client-cloudwatch-logs'),
    clientConfig(options, region, deadline),
  ]);
  const client = new sdk.CloudWatchLogsClient(config as CloudWatchLogsClientConfig);
  watchCalls(client.middlewareStack, options.onCall);
  return {client, sdk};
}

export async function createCloudWatchClient(
  options: AwsOptions,
  region: string,
  deadline: Deadline = deadlineFor(options),
): Promise<Handle<CloudWatchClient, typeof import('@aws-sdk/client-cloudwatch')>> {
  checkEndpointUrl('CloudWatch');
  quietSdkWarnings();
  const [sdk, config] = await Promise.all([
    import('@aws-sdk/client-cloudwatch'),
    clientConfig(options, region, deadline),
  ]);
  const client = new sdk.CloudWatchClient(config as CloudWatchClientConfig);
  watchCalls(client.middlewareStack, options.onCall);
  return {client, sdk};
}

export async function createComputeOptimizerClient(
  options: AwsOptions,
  region: string,
  deadline: Deadline = deadlineFor(options),
): Promise<Handle<ComputeOptimizerClient, typeof import('@aws-sdk/client-compute-optimizer')>> {
  checkEndpointUrl('Compute Optimizer');
  quietSdkWarnings();
  const [sdk, config] = await Promise.all([
    import('@aws-sdk/client-compute-optimizer'),
    clientConfig(options, region, deadline),
  ]);
  const client = new sdk.ComputeOptimizerClient(config as ComputeOptimizerClientConfig);
  watchCalls(client.middlewareStack, options.onCall);
  return {client, sdk};
}

/**
 * Loops a hand-paged API (no SDK paginator) until its token runs out; a token seen twice would loop
 * forever and is refused. `fetch` returns the page's items and its next token ('' or null is none).
 */
export async function everyPage<T>(
  what: string,
  fetch: (token: string | undefined) => Promise<{items: readonly T[]; next: string | null | undefined}>,
  onPage?: (items: readonly T[]) => void,
): Promise<T[]> {
  const all: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    const {items, next} = await fetch(token);
    all.push(...items);
    onPage?.(items);
    token = next || undefined;
    if (token !== undefined) {
      if (seen.has(token)) {
        throw new UserError(`${what} returned the same page token twice (a paging loop)`, {exitCode: EXIT.aws});
      }
      seen.add(token);
    }
  } while (token !== undefined);
  return all;
}
