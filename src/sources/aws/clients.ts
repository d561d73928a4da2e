import type {ECSClient, ECSClientConfig} from '@aws-sdk/client-ecs';

/** Options every live command shares; the SDK's default chain covers the rest (AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL_*). */
export interface AwsOptions {
  readonly region?: string | undefined;
  readonly profile?: string | undefined;
  /** Tests inject a fake requestHandler or credentials here; users never do. */
  readonly clientConfig?: Record<string, unknown>;
}

/** The SDK's Node 20 deprecation notice is for maintainers, not for the people running this tool. */
export function quietSdkWarnings(env: NodeJS.ProcessEnv = process.env): void {
  env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
}

export function baseConfig(options: AwsOptions): Record<string, unknown> {
  return {
    ...(options.region ? {region: options.region} : {}),
    ...(options.profile ? {profile: options.profile} : {}),
    ...options.clientConfig,
  };
}

/** Loads the ECS SDK on first use only: offline commands never pay for it. */
export async function createEcsClient(
  options: AwsOptions,
): Promise<{client: ECSClient; sdk: typeof import('@aws-sdk/client-ecs')}> {
  quietSdkWarnings();
  const sdk = await import('@aws-sdk/client-ecs');
  return {client: new sdk.ECSClient(baseConfig(options) as ECSClientConfig), sdk};
}
