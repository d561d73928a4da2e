import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {BILL_SQL_COLUMNS, billSql} from '../../../src/billing/bill-sql.js';
import {isUserError} from '../../../src/errors.js';
import type {BillLine} from '../../../src/model/bill.js';
import {userErrorLine} from '../../../src/report/problems.js';
import {type AthenaBillOptions, type AthenaProgress, queryBill} from '../../../src/sources/athena/bill-query.js';
import {CUR2_ROWS, cur2Table, type Duck, ledgerOf, queryRows, rawLines} from '../../billing/cur2-table.js';
import {type FakeAthenaOptions, QUERY_ID, startFakeAthena} from './fake-athena.js';

/**
 * queryBill against a loopback Athena: the real SDK client starts the query, polls it, reads its
 * result page by page. The result served is billSql's, run by DuckDB over the CUR 2.0 fixture.
 */

const ENV = {
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'secret',
  AWS_REGION: 'eu-west-1',
  AWS_MAX_ATTEMPTS: '3',
};
const saved: Record<string, string | undefined> = {};

let duck: Duck;
let header: string[];
let rows: (string | null)[][];
const SQL = billSql({table: 'cur.data'});

beforeAll(async () => {
  duck = await cur2Table(CUR2_ROWS);
  const result = await queryRows(duck, SQL);
  header = [...BILL_SQL_COLUMNS];
  rows = result.map((row) => header.map((column) => row[column] ?? null));
});
afterAll(() => duck?.closeSync());

let fake: Awaited<ReturnType<typeof startFakeAthena>> | undefined;

beforeEach(() => {
  for (const [name, value] of Object.entries(ENV)) {
    saved[name] = process.env[name];
    process.env[name] = value;
  }
});
afterEach(async () => {
  for (const name of [...Object.keys(ENV), 'AWS_ENDPOINT_URL_ATHENA']) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  await fake?.close();
  fake = undefined;
});

async function serve(options: Partial<FakeAthenaOptions>) {
  fake = await startFakeAthena({states: ['SUCCEEDED'], header, rows, pageSize: 1000, ...options});
  saved['AWS_ENDPOINT_URL_ATHENA'] = process.env['AWS_ENDPOINT_URL_ATHENA'];
  process.env['AWS_ENDPOINT_URL_ATHENA'] = fake.url;
  return fake;
}

async function readAll(options: Partial<AthenaBillOptions> = {}) {
  const progress: AthenaProgress[] = [];
  const source = queryBill({
    sql: SQL,
    table: 'cur.data',
    workgroup: 'finops',
    outputLocation: 's3://results-bucket/fargate-cost/',
    pollMs: 1,
    onProgress: (entry) => progress.push(entry),
    ...options,
  });
  const batches: (readonly BillLine[])[] = [];
  for await (const batch of source) batches.push(batch);
  return {batches, progress, source};
}

async function failure(promise: Promise<unknown>): Promise<{line: string; exitCode: number}> {
  try {
    await promise;
  } catch (error) {
    if (!isUserError(error)) throw error;
    return {line: userErrorLine(error), exitCode: error.exitCode};
  }
  throw new Error('expected a user error');
}

describe('queryBill', () => {
  it('starts the query, polls it through QUEUED and RUNNING, reads three pages, and the ledger matches the line items', async () => {
    const athena = await serve({states: ['QUEUED', 'RUNNING', 'RUNNING', 'SUCCEEDED'], pageSize: 12});
    // Three pages: the header and 11 rows, then 12 rows, then the rest.
    expect(rows.length).toBeGreaterThan(24);
    expect(rows.length).toBeLessThanOrEqual(35);
    const {batches, progress, source} = await readAll();

    const [start] = athena.calls('StartQueryExecution');
    expect(start?.body).toMatchObject({
      QueryString: SQL,
      QueryExecutionContext: {Database: 'cur'},
      WorkGroup: 'finops',
      ResultConfiguration: {OutputLocation: 's3://results-bucket/fargate-cost/'},
    });
    expect(athena.calls('GetQueryExecution')).toHaveLength(4);
    const pages = athena.calls('GetQueryResults');
    expect(pages.map((page) => page.body.NextToken ?? null)).toEqual([
      null,
      Buffer.from('12').toString('base64'),
      Buffer.from('24').toString('base64'),
    ]);
    expect(batches.map((batch) => batch.length)).toEqual([11, 12, rows.length - 23]);
    expect(athena.calls('StopQueryExecution')).toHaveLength(0);

    const viaAthena = ledgerOf(batches.flat());
    expect(viaAthena).toEqual(ledgerOf((await rawLines(duck)).map((entry) => entry.line)));
    expect(viaAthena.lines).toBe(CUR2_ROWS.length);
    expect(source.sources()).toEqual([
      {path: 'athena:cur.data', format: 'cur2', files: 0, lines: CUR2_ROWS.length, billingPeriods: []},
    ]);
    expect(progress.map((entry) => entry.state)).toEqual([
      'QUEUED',
      'RUNNING',
      'RUNNING',
      'SUCCEEDED',
      'SUCCEEDED',
      'SUCCEEDED',
      'SUCCEEDED',
    ]);
    expect(progress.at(-1)).toEqual({
      queryExecutionId: QUERY_ID,
      state: 'SUCCEEDED',
      scannedBytes: 203089,
      rows: rows.length,
      lines: CUR2_ROWS.length,
    });
  });

  it('reads an hour as Trino prints it', async () => {
    const hourColumn = header.indexOf('usage_start');
    const trino = rows.map((row) =>
      row.map((value, index) => (index === hourColumn && value ? `${value}.000` : value)),
    );
    await serve({rows: trino});
    const {batches} = await readAll();
    expect(ledgerOf(batches.flat())).toEqual(ledgerOf((await rawLines(duck)).map((entry) => entry.line)));
  });

  it('retries a throttled call', async () => {
    const athena = await serve({
      pageSize: 12,
      fail: (request, attempt) =>
        request.api === 'GetQueryResults' && attempt === 2
          ? {status: 400, type: 'ThrottlingException', message: 'Rate exceeded'}
          : undefined,
    });
    const {batches} = await readAll();
    expect(batches.flat()).toHaveLength(rows.length);
    // The second page was asked twice.
    expect(athena.calls('GetQueryResults').map((page) => page.body.NextToken ?? null)).toEqual([
      null,
      Buffer.from('12').toString('base64'),
      Buffer.from('12').toString('base64'),
      Buffer.from('24').toString('base64'),
    ]);
  });

  it('retries TooManyRequestsException when starting, and says so when it persists', async () => {
    const athena = await serve({
      fail: (request) =>
        request.api === 'StartQueryExecution'
          ? {status: 400, type: 'TooManyRequestsException', message: 'too many queries'}
          : undefined,
    });
    const {line, exitCode} = await failure(readAll());
    expect(athena.calls('StartQueryExecution')).toHaveLength(3);
    expect(line).toMatch(/^AWS throttled athena:StartQueryExecution after 3 attempts: too many queries/);
    expect(exitCode).toBe(3);
  });

  it("says a failed query failed, with Athena's reason, exit 3", async () => {
    await serve({
      states: ['QUEUED', 'FAILED'],
      stateChangeReason: "TABLE_NOT_FOUND: line 1:8: Table 'awsdatacatalog.cur.data' does not exist\u001b[31m",
    });
    const {line, exitCode} = await failure(readAll());
    expect(line).toMatch(
      new RegExp(
        `^the Athena query ${QUERY_ID} failed \\(FAILED\\): TABLE_NOT_FOUND: line 1:8: Table 'awsdatacatalog\\.cur\\.data' does not exist\\\\x1b\\[31m \\(check the table`,
      ),
    );
    expect(exitCode).toBe(3);
    expect(fake?.calls('GetQueryResults')).toHaveLength(0);
    expect(fake?.calls('StopQueryExecution')).toHaveLength(0);
  });

  it('says a cancelled query was cancelled', async () => {
    await serve({states: ['RUNNING', 'CANCELLED'], stateChangeReason: 'Query cancelled by user'});
    const {line, exitCode} = await failure(readAll());
    expect(line).toMatch(
      new RegExp(
        `^the Athena query ${QUERY_ID} was cancelled \\(CANCELLED\\): Query cancelled by user \\(it was stopped`,
      ),
    );
    expect(exitCode).toBe(3);
  });

  it('stops the query when the read is abandoned before it ends', async () => {
    const athena = await serve({states: ['RUNNING']});
    const controller = new AbortController();
    const {line, exitCode} = await failure(
      readAll({
        signal: controller.signal,
        onProgress: (entry) => {
          if (entry.state === 'RUNNING') controller.abort();
        },
      }),
    );
    expect(line).toBe(`stopped the Athena query ${QUERY_ID}`);
    expect(exitCode).toBe(130);
    expect(athena.calls('StopQueryExecution').map((call) => call.body)).toEqual([{QueryExecutionId: QUERY_ID}]);
  });

  it('refuses a result without the columns it reads', async () => {
    await serve({header: ['resource_id', 'usage_start'], rows: [['x', null]]});
    const {line, exitCode} = await failure(readAll());
    expect(line).toMatch(/^the Athena query's result has no column usage_type, line_item_type, product_code/);
    expect(exitCode).toBe(3);
  });

  it('sends nothing before it is iterated', async () => {
    const athena = await serve({});
    queryBill({sql: SQL, table: 'cur.data'});
    expect(athena.requests).toHaveLength(0);
  });
});
