import type {AthenaClient, AthenaClientConfig, QueryExecutionState} from '@aws-sdk/client-athena';
import {BILL_SQL_COLUMNS, type BillSqlColumn, billRowLine} from '../../billing/bill-sql.js';
import {EXIT, UserError, untrusted} from '../../errors.js';
import type {BillLine, BillSource, BillSourceSummary} from '../../model/bill.js';
import {
  type AwsOptions,
  checkEndpointUrl,
  clientConfig,
  deadlineFor,
  liveRegion,
  quietSdkWarnings,
  watchCalls,
} from '../aws/clients.js';
import {awsUserError} from '../aws/errors.js';
import {type Deadline, startDeadline} from '../aws/http.js';

/**
 * The bill read through Athena: `billSql`'s text is started as a query, its state polled until it
 * ends, and its result read page by page, each page's rows handed on as a batch of `BillLine`s as
 * it arrives. Throttled calls (ThrottlingException, TooManyRequestsException) are retried by the
 * SDK's standard retry strategy, like every other error it deems retryable.
 */

/** How long a query may take, polling and reading included, when the command sets no timeout of its own. */
export const ATHENA_DEFAULT_TIMEOUT_MS = 30 * 60_000;
/** The first wait between two polls of the query's state; each wait is half as long again, up to the last. */
export const ATHENA_POLL_MS = 500;
const ATHENA_POLL_MAX_MS = 5_000;
/** Rows a result page holds at most (GetQueryResults' limit). */
const PAGE_ROWS = 1000;
/** How long the best-effort StopQueryExecution of an interrupted query may take. */
export const ATHENA_STOP_TIMEOUT_MS = 5_000;

export interface AthenaProgress {
  readonly queryExecutionId: string;
  readonly state: 'QUEUED' | 'RUNNING' | 'SUCCEEDED';
  /** Bytes the query scanned, as Athena last said (what it bills for). */
  readonly scannedBytes: number | null;
  /** Result rows read, and the line items they stand for. */
  readonly rows: number;
  readonly lines: number;
}

export interface AthenaBillOptions {
  /** The query: `billSql`'s text. */
  readonly sql: string;
  /** `DATABASE.TABLE` the query reads: the database is the query's context, and the source names both. */
  readonly table: string;
  readonly workgroup?: string | undefined;
  /** Where Athena writes the result (`s3://bucket/prefix/`); the workgroup's own when absent. */
  readonly outputLocation?: string | undefined;
  /** Region, profile, deadline (ATHENA_DEFAULT_TIMEOUT_MS when it sets none), test settings. */
  readonly aws?: AwsOptions | undefined;
  /** The first wait between polls (ATHENA_POLL_MS). */
  readonly pollMs?: number | undefined;
  /** Aborting stops the query (StopQueryExecution, best effort) and ends the read. */
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((progress: AthenaProgress) => void) | undefined;
}

interface AthenaHandle {
  readonly client: AthenaClient;
  readonly sdk: typeof import('@aws-sdk/client-athena');
}

async function createAthenaClient(options: AwsOptions, region: string, deadline: Deadline): Promise<AthenaHandle> {
  checkEndpointUrl('Athena');
  quietSdkWarnings();
  const [sdk, config] = await Promise.all([import('@aws-sdk/client-athena'), clientConfig(options, region, deadline)]);
  const client = new sdk.AthenaClient(config as AthenaClientConfig);
  watchCalls(client.middlewareStack, options.onCall);
  return {client, sdk};
}

const OFFLINE = 'or query the export files themselves';

/**
 * The read was interrupted (its signal aborted): what became of the query. `stopped` is whether
 * StopQueryExecution was accepted; undefined when there was nothing to stop (not started, or ended).
 */
function interrupted(queryExecutionId: string | undefined, stopped: boolean | undefined): UserError {
  const exitCode = EXIT.interrupted;
  if (queryExecutionId === undefined)
    return new UserError('the Athena query was interrupted before it started', {exitCode});
  const id = untrusted(queryExecutionId, 80);
  if (stopped === undefined) {
    return new UserError(`interrupted while reading the result of the Athena query ${id} (the query had ended)`, {
      exitCode,
    });
  }
  if (stopped) return new UserError(`stopped the Athena query ${id}`, {exitCode});
  return new UserError(`the Athena query ${id} was interrupted but could not be stopped: it runs on until it ends`, {
    hint: `stop it in the Athena console, or with aws athena stop-query-execution --query-execution-id ${id}`,
    exitCode,
  });
}

/** Waits `ms`, or less when a signal aborts first. */
function wait(ms: number, signals: readonly AbortSignal[]): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      for (const signal of signals) signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    for (const signal of signals) signal.addEventListener('abort', done, {once: true});
  });
}

/** The query's result as a bill source: nothing is sent to AWS until it is iterated. */
export function queryBill(options: AthenaBillOptions): BillSource {
  const aws: AwsOptions = {...options.aws, timeoutMs: options.aws?.timeoutMs ?? ATHENA_DEFAULT_TIMEOUT_MS};
  const database = options.table.split('.')[0] ?? options.table;
  let lines = 0;

  async function* batches(): AsyncGenerator<readonly BillLine[]> {
    const {region} = liveRegion(aws);
    const deadline = deadlineFor(aws);
    const {client, sdk} = await createAthenaClient(aws, region, deadline);
    const signals = options.signal ? [options.signal, deadline.signal] : [deadline.signal];
    let queryExecutionId: string | undefined;
    let finished = false;
    let rows = 0;
    let scannedBytes: number | null = null;
    const progress = (state: AthenaProgress['state']) =>
      options.onProgress?.({queryExecutionId: queryExecutionId!, state, scannedBytes, rows, lines});
    const checkAbort = () => {
      if (options.signal?.aborted) throw options.signal.reason;
    };
    // Polls and pages end as soon as the signal aborts; StartQueryExecution does not, so that a query
    // Athena starts always has its id here, to be stopped.
    const sendOptions = options.signal ? {abortSignal: options.signal} : {};
    let stopped: boolean | undefined;
    try {
      checkAbort();
      const started = await client
        .send(
          new sdk.StartQueryExecutionCommand({
            QueryString: options.sql,
            QueryExecutionContext: {Database: database},
            ...(options.workgroup ? {WorkGroup: options.workgroup} : {}),
            ...(options.outputLocation ? {ResultConfiguration: {OutputLocation: options.outputLocation}} : {}),
          }),
        )
        .catch((error: unknown) => {
          throw awsUserError(error, 'athena:StartQueryExecution', OFFLINE);
        });
      queryExecutionId = started.QueryExecutionId;
      if (!queryExecutionId) {
        throw new UserError('Athena started the query but gave no query execution id', {exitCode: EXIT.aws});
      }

      // Poll until the query ends.
      let delay = Math.max(1, options.pollMs ?? ATHENA_POLL_MS);
      for (;;) {
        checkAbort();
        const execution = await client
          .send(new sdk.GetQueryExecutionCommand({QueryExecutionId: queryExecutionId}), sendOptions)
          .catch((error: unknown) => {
            throw awsUserError(error, 'athena:GetQueryExecution', OFFLINE);
          });
        const status = execution.QueryExecution?.Status;
        const state: QueryExecutionState | undefined = status?.State;
        scannedBytes = execution.QueryExecution?.Statistics?.DataScannedInBytes ?? scannedBytes;
        if (state === 'SUCCEEDED') break;
        if (state === 'FAILED' || state === 'CANCELLED') {
          finished = true;
          const reason = status?.StateChangeReason ? `: ${untrusted(status.StateChangeReason, 300)}` : '';
          throw new UserError(
            `the Athena query ${untrusted(queryExecutionId, 80)} ${state === 'FAILED' ? 'failed' : 'was cancelled'} (${state})${reason}`,
            {
              hint:
                state === 'FAILED'
                  ? "check the table (DATABASE.TABLE of the CUR 2.0 export), the workgroup's result location (--output-location) and access to the export's S3 bucket"
                  : 'it was stopped in Athena (by someone, or a workgroup limit): run the command again',
              exitCode: EXIT.aws,
            },
          );
        }
        if (state !== 'QUEUED' && state !== 'RUNNING') {
          throw new UserError(
            `Athena says the query ${untrusted(queryExecutionId, 80)} is ${untrusted(String(state), 40)}, a state this tool does not know`,
            {exitCode: EXIT.aws},
          );
        }
        progress(state);
        await wait(delay, signals);
        if (deadline.signal.aborted) {
          throw new UserError(
            `the Athena query ${untrusted(queryExecutionId, 80)} did not end within ${Math.round(deadline.timeoutMs / 1000)} s`,
            {hint: 'allow more time with --timeout or FARGATE_COST_TIMEOUT', exitCode: EXIT.aws},
          );
        }
        delay = Math.min(Math.ceil(delay * 1.5), Math.max(ATHENA_POLL_MAX_MS, delay));
      }
      finished = true;
      progress('SUCCEEDED');

      // Read the result, page by page: the first row of the first page names the columns.
      let header: Map<string, number> | undefined;
      let nextToken: string | undefined;
      do {
        checkAbort();
        const page = await client
          .send(
            new sdk.GetQueryResultsCommand({
              QueryExecutionId: queryExecutionId,
              MaxResults: PAGE_ROWS,
              ...(nextToken ? {NextToken: nextToken} : {}),
            }),
            sendOptions,
          )
          .catch((error: unknown) => {
            throw awsUserError(error, 'athena:GetQueryResults', OFFLINE);
          });
        const pageRows = page.ResultSet?.Rows ?? [];
        let first = 0;
        if (header === undefined) {
          header = headerOf(pageRows[0]?.Data?.map((datum) => datum.VarCharValue ?? null) ?? []);
          first = 1;
        }
        const batch: BillLine[] = [];
        for (const row of pageRows.slice(first)) {
          const data = row.Data ?? [];
          const columns = header;
          const line = billRowLine((name) => data[columns.get(name)!]?.VarCharValue ?? null);
          if (line === null) {
            throw new UserError(`a row of the Athena query's result has no line count`, {
              hint: 'the query must be the one this tool writes (see --dry-run)',
              exitCode: EXIT.aws,
            });
          }
          rows++;
          lines += line.lines;
          batch.push(line);
        }
        if (batch.length > 0) {
          progress('SUCCEEDED');
          yield batch;
        }
        nextToken = page.NextToken;
      } while (nextToken);
    } catch (error) {
      if (!options.signal?.aborted) throw error;
      if (queryExecutionId !== undefined && !finished) {
        stopped = await stopQuery(aws, region, queryExecutionId);
      }
      throw interrupted(queryExecutionId, stopped);
    } finally {
      // Also when the reader stops iterating early: a query left running is billed for what it scans.
      if (queryExecutionId !== undefined && !finished && stopped === undefined) {
        await stopQuery(aws, region, queryExecutionId);
      }
      client.destroy();
    }
  }

  return {
    [Symbol.asyncIterator]: () => batches(),
    sources(): readonly BillSourceSummary[] {
      return [{path: `athena:${options.table}`, format: 'cur2', files: 0, lines, billingPeriods: []}];
    },
  };
}

/** The columns of a result by name; every column the query writes must be there. */
function headerOf(names: readonly (string | null)[]): Map<string, number> {
  const header = new Map<string, number>();
  names.forEach((name, index) => {
    if (name !== null) header.set(name.toLowerCase(), index);
  });
  const missing = BILL_SQL_COLUMNS.filter((column: BillSqlColumn) => !header.has(column));
  if (missing.length > 0) {
    throw new UserError(`the Athena query's result has no column ${missing.slice(0, 3).join(', ')}`, {
      hint: 'the query must be the one this tool writes (see --dry-run)',
      exitCode: EXIT.aws,
    });
  }
  return header;
}

/**
 * StopQueryExecution with a short deadline of its own (the command's may have passed): best effort.
 * Whether Athena accepted it.
 */
async function stopQuery(aws: AwsOptions, region: string, queryExecutionId: string): Promise<boolean> {
  try {
    const {client, sdk} = await createAthenaClient(
      {...aws, onCall: undefined},
      region,
      startDeadline(ATHENA_STOP_TIMEOUT_MS),
    );
    try {
      await client.send(new sdk.StopQueryExecutionCommand({QueryExecutionId: queryExecutionId}));
      return true;
    } finally {
      client.destroy();
    }
  } catch {
    // The query ends on its own; nothing more can be done here.
    return false;
  }
}
