import {EXIT, UserError, untrusted} from '../errors.js';
import {commandLine} from './exit-codes.js';
import {parseDuration} from '../model/schedule.js';
import {type AwsOptions, DEFAULT_TIMEOUT_MS} from '../sources/aws/clients.js';
import {type AwsProfile, readAwsProfile} from '../sources/aws/shared-config.js';
import {isRegionCode, parseRegionFlag} from './options.js';

/** The AWS flags of the commands that can read AWS live. */
export interface AwsFlags {
  readonly region?: string | undefined;
  readonly profile?: string | undefined;
  /** A duration (30s, 2m); read when a call is about to be made. */
  readonly timeout?: string | undefined;
}

const MAX_TIMEOUT_MS = 86_400_000;

function parseTimeout(text: string, what: string): number {
  const ms = commandLine(() => parseDuration(text, what));
  if (ms > MAX_TIMEOUT_MS) throw new UserError(`${what} "${text}" is longer than a day`, {exitCode: EXIT.usage});
  return ms;
}

/** How long all of a command's AWS calls may take, retries included: --timeout, else FARGATE_COST_TIMEOUT, else 60 s. */
export function awsTimeoutMs(env: NodeJS.ProcessEnv, flag: string | undefined): number {
  if (flag !== undefined) return parseTimeout(flag, '--timeout');
  const fromEnv = env['FARGATE_COST_TIMEOUT'];
  return fromEnv ? parseTimeout(fromEnv, 'FARGATE_COST_TIMEOUT') : DEFAULT_TIMEOUT_MS;
}

function profileRegion(profile: AwsProfile): string | undefined {
  if (profile.region === undefined) return undefined;
  if (isRegionCode(profile.region)) return profile.region;
  throw new UserError(
    `AWS profile ${untrusted(profile.name)} has region "${untrusted(profile.region)}", not a region code`,
    {
      hint: `fix it in ${profile.configFile}, or pass --region`,
    },
  );
}

/**
 * The region the AWS CLI would use when neither the command line nor the input names one:
 * AWS_REGION, then AWS_DEFAULT_REGION, then the `region` of the profile (--profile, else
 * AWS_PROFILE, else default) in the shared config files (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE,
 * read only when neither variable is set). Undefined when none does: us-east-1 is then assumed, and
 * the result says so.
 */
export async function environmentRegion(
  env: NodeJS.ProcessEnv,
  profileFlag: string | undefined,
): Promise<string | undefined> {
  const fromEnv = env['AWS_REGION'] || env['AWS_DEFAULT_REGION'];
  if (fromEnv) return fromEnv;
  return profileRegion(await readAwsProfile(env, profileFlag));
}

/**
 * How a live read reaches AWS: --region, the configured region, the profile, the deadline. A profile
 * named by --profile or AWS_PROFILE that neither file has is refused here, by name: the SDK would
 * only say it found no credentials. Exit 3 as for every other AWS configuration that cannot reach
 * AWS (no credentials, expired ones), wherever the name came from.
 */
export async function liveAwsOptions(env: NodeJS.ProcessEnv, flags: AwsFlags): Promise<AwsOptions> {
  const timeoutMs = awsTimeoutMs(env, flags.timeout);
  const profile = await readAwsProfile(env, flags.profile);
  if (profile.explicit && !profile.found) {
    const from = flags.profile ? '--profile' : 'AWS_PROFILE';
    throw new UserError(
      `AWS profile ${untrusted(profile.name)} (${from}) is in neither ${profile.configFile} nor ${profile.credentialsFile}`,
      {
        hint: 'check the name with "aws configure list-profiles", or create it with "aws configure --profile NAME"',
        exitCode: EXIT.aws,
      },
    );
  }
  return {
    region: parseRegionFlag(flags.region),
    configuredRegion: env['AWS_REGION'] || env['AWS_DEFAULT_REGION'] || profileRegion(profile),
    profile: flags.profile,
    timeoutMs,
  };
}
