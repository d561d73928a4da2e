import {type Command, Option} from 'commander';
import {UserError} from '../errors.js';
import type {Arch, Os} from '../model/types.js';
import {FORMATS, type Format} from '../report/format.js';
import {relativeToCwd} from '../sources/shown-path.js';

/**
 * The parser of every argument and flag that names a file: an absolute path inside the working
 * directory is read, and so shown in every output, relative to it; any other path stays as given.
 */
/**
 * The flags estimate and diff share: AWS, the schedule, the options shown, the format, the catalog,
 * colour, the currency and the policies (as commander hands them over: text).
 */
export interface PricedCommandFlags {
  region?: string;
  profile?: string;
  timeout?: string;
  count?: string;
  duration?: string;
  runs?: string;
  month?: string;
  options?: string;
  format: Format;
  catalog?: string;
  color?: boolean;
  currency?: string;
  exchangeRate?: string;
  failAbove?: string;
  policyOption?: string;
}

export const inputPath = (value: string): string => relativeToCwd(value);
/** The same, for a variadic argument (commander folds each value into the ones before). */
export const inputPaths = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  relativeToCwd(value),
];

/** Options several commands share, declared once. */
export function addFormatOption(command: Command, defaultFormat: Format = 'table'): Command {
  return command.addOption(
    new Option('--format <format>', 'output format').choices([...FORMATS]).default(defaultFormat),
  );
}

export function addCatalogOption(command: Command): Command {
  return command.option(
    '--catalog <file>',
    'price catalog: a file, or embedded, cached, previous (default: the refreshed one in the cache, else the embedded snapshot)',
    inputPath,
  );
}

export function addAwsOptions(command: Command): Command {
  return command
    .option(
      '--region <region>',
      'AWS region (default: from the ARN, else AWS_REGION, AWS_DEFAULT_REGION, the profile, else us-east-1)',
    )
    .option('--profile <name>', 'AWS profile for live calls (default: AWS_PROFILE)')
    .option(TIMEOUT_FLAG, TIMEOUT_HELP);
}

export const TIMEOUT_FLAG = '--timeout <duration>';
export const TIMEOUT_HELP =
  'give up on AWS after this long, retries included: 30s, 2m (default: FARGATE_COST_TIMEOUT, else 60s)';

export function addColorOption(command: Command): Command {
  return command.option('--no-color', 'no colour even on a terminal (NO_COLOR and FORCE_COLOR=0 also work)');
}

/** The flags that read the bill through Athena (`history` and `compare`). */
export interface AthenaOptionFlags {
  athena?: string;
  workgroup?: string;
  outputLocation?: string;
  dryRun?: boolean;
}

/** Whether any of them is given (without --athena, the others are refused). */
export function athenaFlagsGiven(flags: AthenaOptionFlags): boolean {
  return (
    flags.athena !== undefined ||
    flags.dryRun === true ||
    flags.workgroup !== undefined ||
    flags.outputLocation !== undefined
  );
}

export function addAthenaOptions(command: Command): Command {
  return command
    .option('--athena <database.table>', 'query the bill (a CUR 2.0 export) in Athena: DATABASE.TABLE')
    .option('--workgroup <name>', 'the Athena workgroup to run the query in (default: primary)')
    .option('--output-location <s3uri>', "where Athena writes the query's result (default: the workgroup's)")
    .option('--dry-run', 'print the Athena query and exit, without calling AWS');
}

export function addQuietOption(command: Command): Command {
  return command.option('--quiet', 'no progress line on stderr (it is shown only when stderr is a terminal)');
}

export function parseArch(text: string): Arch {
  const value = text.trim().toLowerCase();
  if (['x86_64', 'x86', 'amd64', 'x86-64'].includes(value)) return 'x86_64';
  if (['arm64', 'arm', 'aarch64', 'graviton'].includes(value)) return 'arm64';
  throw new UserError(`architecture "${text}" is not x86_64 or arm64`, {exitCode: 2});
}

export function parseOs(text: string): Os {
  const value = text.trim().toLowerCase();
  if (value === 'linux') return 'linux';
  if (value === 'windows' || value.startsWith('windows_server')) return 'windows';
  throw new UserError(`operating system "${text}" is not linux or windows`, {exitCode: 2});
}

/** us-east-1, eu-west-1, ap-southeast-2: the shape of an AWS region code. */
export const isRegionCode = (text: string): boolean => /^[a-z]{2}(-[a-z]+)+-\d$/.test(text);

export function parseRegionFlag(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const value = text.trim().toLowerCase();
  if (!isRegionCode(value)) {
    throw new UserError(`region "${text}" is not an AWS region code`, {hint: 'e.g. us-east-1, eu-west-1', exitCode: 2});
  }
  return value;
}
