import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {ConfiguredRetryStrategy} from '@smithy/core/retry';
import {afterEach, vi} from 'vitest';
import type {AwsOptions} from '../../../src/sources/aws/clients.js';

/**
 * A loopback fake of one AWS JSON service, answering at the wire level so the real SDK client runs
 * (serializer, deserializer, retries, endpoint resolution through AWS_ENDPOINT_URL_<SERVICE>):
 * - `json` (awsJson1.0 / 1.1): POST / with `X-Amz-Target: <prefix>.<Operation>`, errors as `{__type, message}`;
 * - `rest-json` (Savings Plans): POST /<Operation>, errors named by the `x-amzn-errortype` header.
 * `answer` answers a parsed request body with a response body (built from the
 * documented shapes in /work/shared/aws-samples); `fail` may answer an error instead.
 */

export interface SeenRequest {
  readonly api: string;
  readonly body: any;
  readonly headers: Record<string, string | string[] | undefined>;
}

export interface FakeFailure {
  readonly status: number;
  readonly type: string;
  readonly message: string;
}

export interface FakeServiceOptions {
  readonly protocol: 'json' | 'rest-json';
  /** AWS_ENDPOINT_URL_<this>: COST_EXPLORER, SAVINGSPLANS, CLOUDWATCH_LOGS, CLOUDWATCH, COMPUTE_OPTIMIZER. */
  readonly endpointVariable: string;
  /** The response body of operation `api` to a request body; undefined when the fake has no such operation. */
  readonly answer: (api: string, body: any) => unknown;
  /** `attempt` counts requests of the same operation with the same body (a retry repeats both). */
  readonly fail?: ((request: SeenRequest, attempt: number) => FakeFailure | undefined) | undefined;
}

/** A page of `items` from an opaque token (base64 of the offset), and the next token when more remain. */
export function pageOf<T>(items: readonly T[], size: number, token: string | undefined): {items: T[]; next?: string} {
  const offset = token ? Number(Buffer.from(token, 'base64').toString('utf8').replace('offset=', '')) : 0;
  const next = offset + size < items.length ? Buffer.from(`offset=${offset + size}`).toString('base64') : undefined;
  return {items: items.slice(offset, offset + size), ...(next ? {next} : {})};
}

/** The throttling error services answer (HTTP 400 for JSON services, as AWS sends it). */
export const THROTTLED: FakeFailure = {status: 400, type: 'ThrottlingException', message: 'Rate exceeded'};

/** AccessDeniedException as AWS words it for `action`. */
export function denied(action: string): FakeFailure {
  return {
    status: 400,
    type: 'AccessDeniedException',
    message: `User: arn:aws:iam::123456789012:user/ci is not authorized to perform: ${action}`,
  };
}

export async function startFakeService(options: FakeServiceOptions) {
  const requests: SeenRequest[] = [];
  const attempts = new Map<string, number>();
  const contentType = options.protocol === 'json' ? 'application/x-amz-json-1.1' : 'application/json';
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        const target = String(request.headers['x-amz-target'] ?? '');
        const api = options.protocol === 'json' ? target.split('.').pop()! : (request.url ?? '/').slice(1);
        const text = Buffer.concat(chunks).toString('utf8');
        const body = text ? JSON.parse(text) : {};
        const seen: SeenRequest = {api, body, headers: request.headers};
        requests.push(seen);
        const key = JSON.stringify([api, body]);
        const attempt = (attempts.get(key) ?? 0) + 1;
        attempts.set(key, attempt);
        const failure = options.fail?.(seen, attempt);
        if (failure) {
          if (options.protocol === 'json') {
            response
              .writeHead(failure.status, {'content-type': contentType})
              .end(JSON.stringify({__type: failure.type, message: failure.message}));
          } else {
            response
              .writeHead(failure.status, {'content-type': contentType, 'x-amzn-errortype': failure.type})
              .end(JSON.stringify({message: failure.message}));
          }
          return;
        }
        const answered = options.answer(api, body);
        if (answered === undefined) throw new Error(`fake: unexpected ${api}`);
        response.writeHead(200, {'content-type': contentType}).end(JSON.stringify(answered));
      } catch (error) {
        response.writeHead(500, {'content-type': 'application/json'}).end(JSON.stringify({message: String(error)}));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    calls: (api: string) => requests.filter((seen) => seen.api === api),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * For a describe block: `serve(options)` starts the fake and points the environment at it, with
 * credentials and a region and nothing that could reach AWS; after each test the server stops and
 * the environment is restored.
 */
export function fakeServicePerTest() {
  let server: Awaited<ReturnType<typeof startFakeService>> | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
    vi.unstubAllEnvs();
  });
  return async (options: FakeServiceOptions) => {
    server = await startFakeService(options);
    const env: Record<string, string | undefined> = {
      AWS_ACCESS_KEY_ID: 'AKIDFAKE',
      AWS_SECRET_ACCESS_KEY: 'fake',
      AWS_SESSION_TOKEN: undefined,
      AWS_PROFILE: undefined,
      AWS_CONFIG_FILE: '/nonexistent/config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL: undefined,
      [`AWS_ENDPOINT_URL_${options.endpointVariable}`]: server.url,
    };
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    return server;
  };
}

/** Options for a reader under test: three attempts, no wait between them (the SDK's retry strategy still runs). */
export function fastRetries(extra: Partial<AwsOptions> = {}): AwsOptions {
  return {region: 'us-east-1', ...extra, clientConfig: {retryStrategy: new ConfiguredRetryStrategy(3, () => 0)}};
}
