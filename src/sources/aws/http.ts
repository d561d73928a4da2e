import type {NodeHttpHandler} from '@smithy/node-http-handler';
import {EXIT, UserError, untrusted} from '../../errors.js';

/**
 * The HTTP side of every AWS call: timeouts, one deadline for the whole command, proxies. What it
 * loads, it loads with the SDK, never for an offline command.
 */

/** Per attempt: how long a connection (TCP and TLS) may take, and how long an answer may go silent. */
export const CONNECT_TIMEOUT_MS = 10_000;
export const READ_TIMEOUT_MS = 30_000;

/** All of a command's AWS calls, retries included, end by this time. */
export interface Deadline {
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
}

export function startDeadline(timeoutMs: number): Deadline {
  // AbortSignal.timeout's timer does not keep the process alive.
  return {timeoutMs, signal: AbortSignal.timeout(timeoutMs)};
}

/** The deadline passed while a call was waiting: which endpoint it was waiting for. */
export class AwsDeadlineError extends Error {
  override readonly name = 'AwsDeadlineError';
  constructor(
    readonly timeoutMs: number,
    readonly endpoint: string,
  ) {
    super(`no answer from ${endpoint} within ${timeoutMs} ms`);
  }
}

const ENDPOINT = Symbol('fargate-cost endpoint');

/** The endpoint a failed request was sent to (scheme, host, port), when the request got that far. */
export function endpointOf(error: unknown): string | undefined {
  if (error instanceof AwsDeadlineError) return error.endpoint;
  return typeof error === 'object' && error !== null ? (error as {[ENDPOINT]?: string})[ENDPOINT] : undefined;
}

type Request = Parameters<NodeHttpHandler['handle']>[0];

const endpoint = (request: Request) =>
  `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ''}`;

/**
 * Node's HTTP handler for the SDK with a connect and a read timeout on every attempt, the deadline
 * on every request, and the proxy the environment names for the request's URL (HTTPS_PROXY,
 * HTTP_PROXY, ALL_PROXY, either case, and NO_PROXY, read by proxy-from-env as curl reads them): a
 * CONNECT tunnel to an https endpoint (https-proxy-agent), an absolute-URI request to an http one
 * (http-proxy-agent). The agent is chosen before the request is made, as http-proxy-agent needs: it
 * rewrites the request line, which a request body written first would already have sent. A failure
 * keeps the endpoint it was sent to, for the message.
 */
export async function createRequestHandler(deadline: Deadline): Promise<NodeHttpHandler> {
  const [{NodeHttpHandler}, {getProxyForUrl}] = await Promise.all([
    import('@smithy/node-http-handler'),
    import('proxy-from-env'),
  ]);
  const timeouts = {
    connectionTimeout: Math.min(CONNECT_TIMEOUT_MS, deadline.timeoutMs),
    socketTimeout: Math.min(READ_TIMEOUT_MS, deadline.timeoutMs),
  };

  /** One handler (and its connection pool) per proxy. */
  const proxied = new Map<string, Promise<NodeHttpHandler>>();
  const through = (proxy: string) => {
    let handler = proxied.get(proxy);
    if (!handler) {
      handler = proxyHandler(proxy, (agents) => new NodeHttpHandler({...timeouts, ...agents}));
      proxied.set(proxy, handler);
    }
    return handler;
  };

  class AwsHttpHandler extends NodeHttpHandler {
    override async handle(request: Request, options: Parameters<NodeHttpHandler['handle']>[1] = {}) {
      const withDeadline = {...options, abortSignal: deadline.signal};
      try {
        const proxy = getProxyForUrl(`${endpoint(request)}${request.path}`);
        return await (proxy
          ? (await through(proxy)).handle(request, withDeadline)
          : super.handle(request, withDeadline));
      } catch (error) {
        if (deadline.signal.aborted) throw new AwsDeadlineError(deadline.timeoutMs, endpoint(request));
        if (typeof error === 'object' && error !== null) Object.assign(error, {[ENDPOINT]: endpoint(request)});
        throw error;
      }
    }

    override destroy(): void {
      super.destroy();
      for (const handler of proxied.values())
        void handler.then(
          (h) => h.destroy(),
          () => undefined,
        );
    }
  }

  return new AwsHttpHandler(timeouts);
}

/** The proxy the environment names, as a URL; anything but http(s) is a one-line usage error. */
export function proxyUrl(proxy: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(proxy);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new UserError(`the proxy "${untrusted(proxy)}" is not an http:// or https:// URL`, {
      hint: 'check HTTPS_PROXY, HTTP_PROXY and ALL_PROXY (or their lower-case forms)',
      exitCode: EXIT.usage,
    });
  }
  return url;
}

async function proxyHandler(
  proxy: string,
  create: (agents: {httpAgent: import('node:http').Agent; httpsAgent: import('node:https').Agent}) => NodeHttpHandler,
): Promise<NodeHttpHandler> {
  const url = proxyUrl(proxy);
  const [{HttpProxyAgent}, {HttpsProxyAgent}] = await Promise.all([
    import('http-proxy-agent'),
    import('https-proxy-agent'),
  ]);
  const pool = {keepAlive: true, maxSockets: 50};
  return create({httpAgent: new HttpProxyAgent(url, pool), httpsAgent: new HttpsProxyAgent(url, pool)});
}
