import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';

/**
 * A fake of the Athena endpoint (awsJson1.1, `X-Amz-Target: AmazonAthena.<Operation>`) on loopback,
 * reached through AWS_ENDPOINT_URL_ATHENA so the real SDK client runs: serializer, deserializer,
 * retries. One query: GetQueryExecution answers the scripted states in turn (the last one again
 * when they run out), GetQueryResults serves the result in pages with the header row first.
 */

export type AthenaApi = 'StartQueryExecution' | 'GetQueryExecution' | 'GetQueryResults' | 'StopQueryExecution';

export interface SeenAthenaRequest {
  readonly api: AthenaApi;
  readonly body: any;
}

export interface AthenaFailure {
  readonly status: number;
  readonly type: string;
  readonly message: string;
}

export interface FakeAthenaOptions {
  /** GetQueryExecution's states, one per call. */
  readonly states: readonly string[];
  readonly stateChangeReason?: string;
  /** The result: the header row, then the rows (null is a NULL value). */
  readonly header: readonly string[];
  readonly rows: readonly (readonly (string | null)[])[];
  /** Rows per page (the header counts on the first page, as Athena counts it). */
  readonly pageSize: number;
  /** Fails a request when this returns a failure (`attempt` counts calls of that API). */
  readonly fail?: (request: SeenAthenaRequest, attempt: number) => AthenaFailure | undefined;
  /** StopQueryExecution is seen but never answered: Athena not reachable when the query is stopped. */
  readonly holdStop?: boolean;
}

export const QUERY_ID = 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111';

export async function startFakeAthena(options: FakeAthenaOptions) {
  const requests: SeenAthenaRequest[] = [];
  const waiting: {api: AthenaApi; resolve: () => void}[] = [];
  const attempts = new Map<AthenaApi, number>();
  let polls = 0;
  const all = [options.header, ...options.rows];

  const answer = (api: AthenaApi, body: any): {status: number; body: unknown} => {
    const seen = {api, body};
    requests.push(seen);
    const attempt = (attempts.get(api) ?? 0) + 1;
    attempts.set(api, attempt);
    const failure = options.fail?.(seen, attempt);
    if (failure) return {status: failure.status, body: {__type: failure.type, message: failure.message}};
    if (api === 'StartQueryExecution') return {status: 200, body: {QueryExecutionId: QUERY_ID}};
    if (api === 'StopQueryExecution') return {status: 200, body: {}};
    if (body.QueryExecutionId !== QUERY_ID) {
      return {status: 400, body: {__type: 'InvalidRequestException', message: 'no such query'}};
    }
    if (api === 'GetQueryExecution') {
      const state = options.states[Math.min(polls, options.states.length - 1)]!;
      polls++;
      return {
        status: 200,
        body: {
          QueryExecution: {
            QueryExecutionId: QUERY_ID,
            Status: {
              State: state,
              ...(options.stateChangeReason ? {StateChangeReason: options.stateChangeReason} : {}),
              SubmissionDateTime: 1593469842.665,
            },
            Statistics: {DataScannedInBytes: 203089},
          },
        },
      };
    }
    const offset = body.NextToken ? Number(Buffer.from(body.NextToken, 'base64').toString('utf8')) : 0;
    const size = Math.min(options.pageSize, body.MaxResults ?? 1000);
    const page = all.slice(offset, offset + size);
    const next = offset + size < all.length ? Buffer.from(String(offset + size)).toString('base64') : undefined;
    return {
      status: 200,
      body: {
        ResultSet: {
          Rows: page.map((row) => ({Data: row.map((value) => (value === null ? {} : {VarCharValue: value}))})),
          ResultSetMetadata: {
            ColumnInfo: options.header.map((name) => ({Name: name, Label: name, Type: 'varchar'})),
          },
        },
        UpdateCount: 0,
        ...(next ? {NextToken: next} : {}),
      },
    };
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const target = String(request.headers['x-amz-target'] ?? '');
      const api = target.replace(/^AmazonAthena\./, '') as AthenaApi;
      const text = Buffer.concat(chunks).toString('utf8');
      const parsed = text ? JSON.parse(text) : {};
      for (const waiter of waiting.splice(0)) {
        if (waiter.api === api) waiter.resolve();
        else waiting.push(waiter);
      }
      if (api === 'StopQueryExecution' && options.holdStop) {
        requests.push({api, body: parsed});
        return;
      }
      const {status, body} = answer(api, parsed);
      response.writeHead(status, {'content-type': 'application/x-amz-json-1.1'});
      response.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    calls: (api: AthenaApi) => requests.filter((seen) => seen.api === api),
    /** The first request of `api` (now, if it has come already). */
    first: (api: AthenaApi) =>
      new Promise<void>((resolve) => {
        if (requests.some((seen) => seen.api === api)) resolve();
        else waiting.push({api, resolve});
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
