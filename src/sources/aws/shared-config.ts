import {homedir} from 'node:os';
import {join} from 'node:path';
import {exists} from '../files.js';

/** A profile of the AWS shared configuration files, as the AWS CLI and the SDK would pick it. */
export interface AwsProfile {
  /** --profile, else AWS_PROFILE, else "default". */
  readonly name: string;
  /** Named by --profile or AWS_PROFILE (not the "default" fallback). */
  readonly explicit: boolean;
  /** The profile has a section in either file. */
  readonly found: boolean;
  /** Its `region` setting (the config file's, else the credentials file's), as written. */
  readonly region: string | undefined;
  /** The files read: AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/config and ~/.aws/credentials. */
  readonly configFile: string;
  readonly credentialsFile: string;
}

const expand = (path: string) => (path.startsWith('~/') ? join(homedir(), path.slice(2)) : path);

/**
 * Reads the profile from the shared configuration files with the SDK's own loader (the same parser,
 * the same `[profile x]` rules), loaded only when one of the files exists: most runs that need no
 * AWS have neither, and pay nothing.
 */
export async function readAwsProfile(env: NodeJS.ProcessEnv, profileFlag: string | undefined): Promise<AwsProfile> {
  const name = profileFlag || env['AWS_PROFILE'] || 'default';
  const configFile = env['AWS_CONFIG_FILE'] || '~/.aws/config';
  const credentialsFile = env['AWS_SHARED_CREDENTIALS_FILE'] || '~/.aws/credentials';
  const profile = {name, explicit: Boolean(profileFlag || env['AWS_PROFILE'])};
  if (!(await exists(expand(configFile))) && !(await exists(expand(credentialsFile)))) {
    return {...profile, found: false, region: undefined, configFile, credentialsFile};
  }
  const {loadSharedConfigFiles} = await import('@smithy/shared-ini-file-loader');
  const files = await loadSharedConfigFiles({filepath: credentialsFile, configFilepath: configFile, ignoreCache: true});
  const config = files.configFile[name];
  const credentials = files.credentialsFile[name];
  return {
    ...profile,
    found: config !== undefined || credentials !== undefined,
    region: config?.['region'] || credentials?.['region'] || undefined,
    configFile,
    credentialsFile,
  };
}
