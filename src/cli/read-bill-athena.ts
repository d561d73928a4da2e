import {billSql} from '../billing/bill-sql.js';
import {EXIT, UserError, untrusted} from '../errors.js';
import type {BillLine, BillResult, BillSource, BillSourceSummary} from '../model/bill.js';
import {
  type AthenaProgress,
  ATHENA_DEFAULT_TIMEOUT_MS,
  ATHENA_STOP_TIMEOUT_MS,
  queryBill,
} from '../sources/athena/bill-query.js';
import {type AwsFlags, liveAwsOptions} from './aws.js';
import {parseTimeFlag} from './commands/history-action.js';
import {commandLine} from './exit-codes.js';
import type {CliIo} from './io.js';
import {type LoadBillOptions, loadBill} from './read-bill.js';
import {type Progress, withProgress} from './progress.js';

/**
 * `history --athena DATABASE.TABLE` (and `compare --athena`): the bill of an organisation, queried where it lies (a CUR 2.0
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
  readonly quiet?: boolean | undefined;
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

/**
 * How long the run waits, after a first Ctrl-C, for the query to be stopped (StopQueryExecution has
 * ATHENA_STOP_TIMEOUT_MS) before it ends anyway; a second Ctrl-C ends it at once.
 */
export const ATHENA_INTERRUPT_GRACE_MS = ATHENA_STOP_TIMEOUT_MS + 5_000;

/**
 * The bill read through Athena into a result, with a progress line, or null without --athena. While
 * the query runs, a first Ctrl-C stops it (StopQueryExecution) and the command exits 130 saying so:
 * left running, the query would go on scanning, and Athena bills by the data scanned.
 */
export async function readAthenaBill(
  flags: AthenaFlags,
  io: Pick<CliIo, 'env' | 'stderr' | 'clock' | 'interrupts'>,
  options: LoadBillOptions,
): Promise<BillResult | null> {
  const controller = new AbortController();
  let queryExecutionId: string | undefined;
  let shown: Progress | undefined;
  const source = athenaBillSource(
    flags,
    io,
    (progress) => {
      queryExecutionId = progress.queryExecutionId;
      shown?.update({records: progress.lines});
    },
    controller.signal,
  );
  if (source === null) return null;
  const release = io.interrupts?.take(() => controller.abort(), ATHENA_INTERRUPT_GRACE_MS);
  try {
    const bill = await withProgress(io, flags.quiet, 'querying Athena', (progress) => {
      shown = progress;
      return loadBill(source, options);
    });
    if (controller.signal.aborted) {
      // Ctrl-C came as the last page was read: the query had ended, and the run ends as asked.
      const which = queryExecutionId === undefined ? '' : ` ${untrusted(queryExecutionId, 80)}`;
      throw new UserError(`interrupted after the Athena query${which} had ended`, {exitCode: EXIT.interrupted});
    }
    return bill;
  } finally {
    release?.();
  }
}
