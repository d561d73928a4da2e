import {readFileSync} from 'node:fs';
import {createServer, request as httpRequest, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {join} from 'node:path';

/**
 * A loopback stand-in for pricing.us-east-1.amazonaws.com and the Spot feed's CloudFront host:
 * serves the built files of test/fixtures/price-list/files/ (see its README) by path, so the real
 * HTTP, proxy, streaming and parsing code of `prices refresh --source public` runs. Tests point
 * FARGATE_COST_PRICE_LIST_URL and FARGATE_COST_SPOT_FEED_URL at it.
 */

export const FIXTURE_FILES = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'price-list', 'files');
export const SPOT_FEED_PATH = '/fargate-spot-prices.json';
export const ECS_FILE = (region: string) => `/offers/v1.0/aws/AmazonECS/20250828172723/${region}/index.json`;
export const SP_FILE = (region: string) =>
  `/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/20260925000000/${region}/index.json`;

export function fixtureText(path: string): string {
  return readFileSync(join(FIXTURE_FILES, path), 'utf8');
}

export interface FakePriceListOptions {
  /** A body in place of the fixture file at a path, or an HTTP status to answer with. */
  readonly files?: Record<string, string | {status: number}>;
  /** Answers this status to the first `times` requests of a path, then serves it. */
  readonly failFirst?: {path: string; status: number; times: number};
  /** Generated bodies (the benchmark's large files): written in chunks, never held as one string. */
  readonly generated?: Record<string, () => Iterable<string>>;
}

export interface FakePriceList {
  readonly url: string;
  /** Every path asked for, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

export async function startFakePriceList(options: FakePriceListOptions = {}): Promise<FakePriceList> {
  const requests: string[] = [];
  const failures = new Map<string, number>();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    requests.push(path);
    const fail = options.failFirst;
    if (fail && fail.path === path && (failures.get(path) ?? 0) < fail.times) {
      failures.set(path, (failures.get(path) ?? 0) + 1);
      res.writeHead(fail.status, {'content-type': 'text/plain'}).end('Service Unavailable');
      return;
    }
    const generated = options.generated?.[path];
    if (generated) {
      res.writeHead(200, {'content-type': 'application/json'});
      const chunks = generated()[Symbol.iterator]();
      const pump = () => {
        for (;;) {
          const next = chunks.next();
          if (next.done) {
            res.end();
            return;
          }
          if (!res.write(next.value)) {
            res.once('drain', pump);
            return;
          }
        }
      };
      pump();
      return;
    }
    const override = options.files?.[path];
    if (override !== undefined && typeof override !== 'string') {
      res.writeHead(override.status).end();
      return;
    }
    let body: string;
    try {
      body = override ?? fixtureText(path);
    } catch {
      res.writeHead(404, {'content-type': 'application/xml'}).end('<Error><Code>NoSuchKey</Code></Error>');
      return;
    }
    res.writeHead(200, {'content-type': 'application/json'}).end(body);
  });
  return listen(server, requests);
}

async function listen(server: Server, requests: string[]): Promise<FakePriceList> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback forward proxy for plain http targets (absolute-URI requests): counts what it carries. */
export async function startForwardProxy(): Promise<FakePriceList> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const target = new URL(req.url ?? '');
    const upstream = httpRequest(
      target,
      {method: req.method, headers: {...req.headers, host: target.host}},
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  return listen(server, requests);
}
