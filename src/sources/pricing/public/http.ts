import type {IncomingMessage} from 'node:http';
import type {Readable} from 'node:stream';
import {EXIT, UserError, untrusted} from '../../../errors.js';
import {CONNECT_TIMEOUT_MS, type Deadline, proxyUrl, READ_TIMEOUT_MS} from '../../aws/http.js';

/**
 * Plain HTTP(S) GETs of AWS's public price files: no credentials, no SDK. Each request goes through
 * the proxy the environment names for its URL (HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY, read by
 * proxy-from-env as for the AWS calls), with a connect and a read timeout, the command's deadline,
 * and up to three attempts when the server answers 5xx or 429 or the connection fails before an
 * answer. Bodies are streamed (gzip asked for and undone), never held whole.
 */

export const ATTEMPTS = 3;
const BACKOFF_MS = 250;

export interface GetOptions {
  readonly deadline: Deadline;
  /** Told of each request sent (retries included): progress counts them. */
  readonly onRequest?: ((kind: 'call' | 'retry') => void) | undefined;
  /** For tests: no waiting between attempts. */
  readonly backoffMs?: number;
}

/** One line naming the URL; `what` says what was being fetched. */
export function fetchError(what: string, url: string, reason: string, cause?: unknown): UserError {
  return new UserError(`could not fetch ${what} (${untrusted(url, 200)}): ${reason}; nothing was written`, {
    hint: 'check the network and the proxy (HTTPS_PROXY, NO_PROXY), or FARGATE_COST_PRICE_LIST_URL / FARGATE_COST_SPOT_FEED_URL',
    exitCode: EXIT.aws,
    ...(cause === undefined ? {} : {cause}),
  });
}

const agents = new Map<string, Promise<import('node:http').Agent>>();

async function agentFor(url: URL): Promise<import('node:http').Agent> {
  const {getProxyForUrl} = await import('proxy-from-env');
  const proxy = getProxyForUrl(url.href);
  const key = `${url.protocol}${proxy}`;
  if (!proxy) {
    // Our own pool (not the global agent), destroyed when the fetch ends: idle keep-alive sockets
    // would otherwise hold the process for the server's keep-alive time.
    let direct = agents.get(key);
    if (!direct) {
      direct = (url.protocol === 'https:' ? import('node:https') : import('node:http')).then(
        (module) => new module.Agent({keepAlive: true}),
      );
      agents.set(key, direct);
    }
    return direct;
  }
  let agent = agents.get(key);
  if (!agent) {
    agent = proxyAgent(url.protocol, proxy);
    agents.set(key, agent);
    // A failed agent (a bad proxy URL) is not kept: the next request says so again.
    agent.catch(() => agents.delete(key));
  }
  return agent;
}

async function proxyAgent(protocol: string, proxy: string): Promise<import('node:http').Agent> {
  const url = proxyUrl(proxy);
  if (protocol === 'https:') {
    const {HttpsProxyAgent} = await import('https-proxy-agent');
    return new HttpsProxyAgent(url, {keepAlive: true});
  }
  const {HttpProxyAgent} = await import('http-proxy-agent');
  return new HttpProxyAgent(url, {keepAlive: true});
}

class Retryable extends Error {}

/** Drops every proxy agent's idle connections: the process may end. */
export async function closeAgents(): Promise<void> {
  const all = [...agents.values()];
  agents.clear();
  for (const agent of await Promise.allSettled(all)) if (agent.status === 'fulfilled') agent.value.destroy();
}

function once(url: URL, options: GetOptions, agent: import('node:http').Agent): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const started = async () => {
      const {request} = url.protocol === 'https:' ? await import('node:https') : await import('node:http');
      const req = request(url, {
        method: 'GET',
        headers: {'accept-encoding': 'gzip', 'user-agent': 'fargate-cost'},
        agent,
        signal: options.deadline.signal,
        timeout: Math.min(CONNECT_TIMEOUT_MS, options.deadline.timeoutMs),
      });
      req.on('timeout', () => req.destroy(new Retryable(`no answer within ${CONNECT_TIMEOUT_MS} ms`)));
      req.on('error', (error) => reject(error));
      req.on('response', (response) => {
        // From here on, a silence is a read timeout on the body.
        req.setTimeout(Math.min(READ_TIMEOUT_MS, options.deadline.timeoutMs));
        resolve(response);
      });
      req.end();
    };
    started().catch(reject);
  });
}

/**
 * GETs `url` and resolves with the (decompressed) body stream once a 2xx answer has arrived. Throws
 * a one-line UserError for anything else: 4xx at once, 5xx/429 and connection failures after the
 * last attempt, the deadline when it passes.
 */
export async function getStream(rawUrl: string, what: string, options: GetOptions): Promise<Readable> {
  const url = new URL(rawUrl);
  const agent = await agentFor(url);
  let last = '';
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    if (attempt > 1) await sleep((options.backoffMs ?? BACKOFF_MS) * 2 ** (attempt - 2), options.deadline.signal);
    options.onRequest?.(attempt === 1 ? 'call' : 'retry');
    let response: IncomingMessage;
    try {
      response = await once(url, options, agent);
    } catch (error) {
      if (options.deadline.signal.aborted)
        throw fetchError(what, rawUrl, `no answer within ${options.deadline.timeoutMs} ms (--timeout)`, error);
      last = error instanceof Error ? error.message : String(error);
      continue;
    }
    const status = response.statusCode ?? 0;
    if (status >= 200 && status < 300) {
      if ((response.headers['content-encoding'] ?? '').toLowerCase() === 'gzip') {
        const {createGunzip} = await import('node:zlib');
        const gunzip = createGunzip();
        response.on('error', (error) => gunzip.destroy(error));
        return response.pipe(gunzip);
      }
      return response;
    }
    response.resume();
    last = `HTTP ${status}`;
    if (status !== 429 && status < 500) throw fetchError(what, rawUrl, last);
  }
  throw fetchError(what, rawUrl, `${untrusted(last, 120)} after ${ATTEMPTS} attempts`);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      {once: true},
    );
  });
}
