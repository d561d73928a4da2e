import {billSql} from '../billing/bill-sql.js';
import {EXIT, UserError, untrusted} from '../errors.js';
import type {BillLine, BillSource, BillSourceSummary} from '../model/bill.js';
import {type AthenaProgress, ATHENA_DEFAULT_TIMEOUT_MS, queryBill} from '../sources/athena/bill-query.js';
import {type AwsFlags, liveAwsOptions} from './aws.js';
import {parseTimeFlag} from './commands/history-action.js';
import {commandLine} from './exit-codes.js';
import type {CliIo} from './io.js';

/**
 * `history --athena DATABASE.TABLE`: the bill of an organisation, queried where it lies (a CUR 2.0
 * export in S3, a table in Athena) rather than downloaded. The flags are read here; the query is
 * `billSql`'s, run by `queryBill`.
 */

export interface AthenaFlags extends AwsFlags {
  readonly athena?: string | undefined;
  readonly workgroup?: string | undefined;
  readonly outputLocation?: string | undefined;
  readonly dryRun?: boolean | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

/** Overrides the first wait between polls of the query (milliseconds; tests use 1). */
export const ATHENA_POLL_ENV = 'FARGATE_COST_ATHENA_POLL_MS';

const usage = (message: string, hint?: string) =>
  new UserError(message, {exitCode: EXIT.usage, ...(hint ? {hint} : {})});

const WORKGROUP = /^[A-Za-z0-9._-]{1,128}$/;
const S3_URI = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](?:\/\S*)?$/;

/** The query the flags ask for, checked: null without --athena (and then no other Athena flag). */
function athenaQuery(flags: AthenaFlags): {sql: string; table: string} | null {
  if (flags.athena === undefined) {
    const stray = flags.dryRun
      ? '--dry-run'
      : flags.workgroup !== undefined
        ? '--workgroup'
        : flags.outputLocation !== undefined
          ? '--output-location'
          : undefined;
    if (stray) throw usage(`${stray} is for --athena`, 'e.g. fargate-cost history --athena cur.data --dry-run');
    return null;
  }
  if (flags.workgroup !== undefined && !WORKGROUP.test(flags.workgroup)) {
    throw usage(
      `--workgroup "${untrusted(flags.workgroup)}" is not an Athena workgroup name`,
      'letters, digits, periods, hyphens and underscores, up to 128',
    );
  }
  if (flags.outputLocation !== undefined && !S3_URI.test(flags.outputLocation)) {
    throw usage(
      `--output-location "${untrusted(flags.outputLocation)}" is not an S3 URI`,
      'e.g. s3://my-athena-results/fargate-cost/',
    );
  }
  const fromMs = flags.from === undefined ? undefined : parseTimeFlag(flags.from, '--from');
  const toMs = flags.to === undefined ? undefined : parseTimeFlag(flags.to, '--to');
  if (fromMs !== undefined && toMs !== undefined && fromMs >= toMs) {
    throw usage(`--from ${flags.from} is not before --to ${flags.to}`);
  }
  const table = flags.athena;
  const sql = commandLine(() => billSql({table, fromMs, toMs}));
  return {sql, table};
}

/**
 * --dry-run: prints the query on stdout and says the command is done (true), without calling AWS.
 * False when there is no dry run to make.
 */
export function athenaDryRun(flags: AthenaFlags, io: Pick<CliIo, 'stdout'>): boolean {
  const query = athenaQuery(flags);
  if (query === null || !flags.dryRun) return false;
  io.stdout.write(query.sql);
  return true;
}

function pollMsOf(env: NodeJS.ProcessEnv): number | undefined {
  const text = env[ATHENA_POLL_ENV];
  if (text === undefined || text === '') return undefined;
  if (!/^\d{1,6}$/.test(text) || Number(text) < 1) {
    throw usage(`${ATHENA_POLL_ENV} "${untrusted(text)}" is not a number of milliseconds`, 'e.g. 500');
  }
  return Number(text);
}

/**
 * The bill read through Athena, or null without --athena. Flags are checked now; AWS is reached
 * when the source is iterated. Without --timeout or FARGATE_COST_TIMEOUT the query may take
 * ATHENA_DEFAULT_TIMEOUT_MS (an Athena query is slower than an API call).
 */
export function athenaBillSource(
  flags: AthenaFlags,
  io: Pick<CliIo, 'env'>,
  onProgress?: (progress: AthenaProgress) => void,
  signal?: AbortSignal,
): BillSource | null {
  const query = athenaQuery(flags);
  if (query === null) return null;
  const pollMs = pollMsOf(io.env);
  let inner: BillSource | undefined;
  return {
    async *[Symbol.asyncIterator](): AsyncGenerator<readonly BillLine[]> {
      const aws = await liveAwsOptions(io.env, flags);
      const timeoutMs =
        flags.timeout === undefined && !io.env['FARGATE_COST_TIMEOUT'] ? ATHENA_DEFAULT_TIMEOUT_MS : aws.timeoutMs;
      inner = queryBill({
        ...query,
        workgroup: flags.workgroup,
        outputLocation: flags.outputLocation,
        aws: {...aws, timeoutMs},
        pollMs,
        signal,
        onProgress,
      });
      yield* inner;
    },
    sources(): readonly BillSourceSummary[] {
      return (
        inner?.sources() ?? [{path: `athena:${query.table}`, format: 'cur2', files: 0, lines: 0, billingPeriods: []}]
      );
    },
  };
}
