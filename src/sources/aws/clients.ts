import type {ECSClient, ECSClientConfig} from '@aws-sdk/client-ecs';
import type {MiddlewareStack} from '@smithy/types';
import {EXIT, UserError, untrusted} from '../../errors.js';
import {VERSION} from '../../version.js';
import {createRequestHandler, type Deadline, startDeadline} from './http.js';

/** How long all of a command's AWS calls may take, retries included, unless --timeout or FARGATE_COST_TIMEOUT says. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Options every live command shares, resolved by the CLI. The SDK's default chain covers the rest
 * (credentials, AWS_ENDPOINT_URL_*, AWS_MAX_ATTEMPTS).
 */
export interface AwsOptions {
  /** --region: wins over everything, an ARN's region included. */
  readonly region?: string | undefined;
  /**
   * The region when neither --region nor an ARN names one, as the AWS CLI finds it: AWS_REGION,
   * AWS_DEFAULT_REGION, the profile's. Without it, us-east-1 is assumed (and the result says so).
   */
  readonly configuredRegion?: string | undefined;
  readonly profile?: string | undefined;
  /** The deadline of all the command's AWS calls, retries included (default DEFAULT_TIMEOUT_MS). */
  readonly timeoutMs?: number | undefined;
  /** Tests inject a fake requestHandler or credentials here; users never do. */
  readonly clientConfig?: Record<string, unknown>;
  /** Told of every call as its first attempt starts, and of every retry (a progress line counts them). */
  readonly onCall?: AwsCallListener | undefined;
}

export type AwsCallListener = (kind: 'call' | 'retry') => void;

/**
 * Counts a client's calls and retries for `listener`. The SDK retries inside `send` (the retry step
 * wraps the deserialize step), so a middleware of the deserialize step runs once per attempt, and
 * the context it is given is the same for every attempt of one call.
 */
export function watchCalls<I extends object, O extends object>(
  stack: MiddlewareStack<I, O>,
  listener: AwsCallListener | undefined,
): void {
  if (listener === undefined) return;
  const attempts = new WeakMap<object, number>();
  stack.add(
    (next, context) => (args) => {
      const attempt = (attempts.get(context) ?? 0) + 1;
      attempts.set(context, attempt);
      listener(attempt === 1 ? 'call' : 'retry');
      return next(args);
    },
    {step: 'deserialize', name: 'fargateCostCallCounter'},
  );
}

/** The region a live call goes to, and whether it was assumed (nothing named one). */
export function liveRegion(options: AwsOptions, arnRegion?: string): {region: string; assumed: boolean} {
  const region = options.region ?? arnRegion ?? options.configuredRegion;
  return region === undefined ? {region: 'us-east-1', assumed: true} : {region, assumed: false};
}

/** The SDK's Node 20 deprecation notice is for maintainers, not for the people running this tool. */
export function quietSdkWarnings(env: NodeJS.ProcessEnv = process.env): void {
  env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
}

/**
 * The endpoint overrides the SDK will read for a service (AWS_ENDPOINT_URL_<SERVICE>, else
 * AWS_ENDPOINT_URL), checked before it does: it would fail deep inside with a bare "Invalid URL".
 */
export function checkEndpointUrl(serviceId: string, env: NodeJS.ProcessEnv = process.env): void {
  const specific = `AWS_ENDPOINT_URL_${serviceId.toUpperCase().replace(/ /g, '_')}`;
  const name = env[specific] ? specific : env['AWS_ENDPOINT_URL'] ? 'AWS_ENDPOINT_URL' : undefined;
  if (name === undefined) return;
  const value = env[name]!;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '') {
    throw new UserError(`${name} "${untrusted(value)}" is not an http or https URL`, {
      hint: 'e.g. https://ecs.us-east-1.amazonaws.com or http://localhost:4566; unset it to reach AWS itself',
      exitCode: EXIT.usage,
    });
  }
}

/**
 * The configuration every client gets: the region, the profile, the request handler with its
 * timeouts, deadline and proxy, and `fargate-cost/<version>` in the user agent (next to any app id
 * of the user's own, AWS_SDK_UA_APP_ID). Test settings come last.
 */
export async function clientConfig(
  options: AwsOptions,
  region: string,
  deadline: Deadline,
): Promise<Record<string, unknown>> {
  return {
    region,
    ...(options.profile ? {profile: options.profile} : {}),
    requestHandler: await createRequestHandler(deadline),
    customUserAgent: [['fargate-cost', VERSION]],
    ...options.clientConfig,
  };
}

/** A deadline starting now, from the options' timeout. */
export function deadlineFor(options: AwsOptions): Deadline {
  return startDeadline(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
}

/** Loads the ECS SDK on first use only: offline commands never pay for it. */
export async function createEcsClient(
  options: AwsOptions,
  region: string,
): Promise<{client: ECSClient; sdk: typeof import('@aws-sdk/client-ecs')}> {
  checkEndpointUrl('ECS');
  quietSdkWarnings();
  const [sdk, config] = await Promise.all([
    import('@aws-sdk/client-ecs'),
    clientConfig(options, region, deadlineFor(options)),
  ]);
  const client = new sdk.ECSClient(config as ECSClientConfig);
  watchCalls(client.middlewareStack, options.onCall);
  return {client, sdk};
}
