import {createServer, type IncomingMessage} from 'node:http';
import type {AddressInfo} from 'node:net';
import {Readable} from 'node:stream';
import type {SavingsPlanOfferingRateLike} from '../../../src/catalog/savings-plan-rates.js';

/**
 * A fake of the two AWS endpoints `prices refresh` calls, answering at the wire level so the real
 * SDK clients (serializers, deserializers, paginators, retries, endpoint resolution) all run:
 * - Pricing, awsJson1.1: POST / with `X-Amz-Target: AWSPriceListService.GetProducts` (or GetAttributeValues);
 * - Savings Plans, rest-json: POST /DescribeSavingsPlansOfferingRates.
 * It serves both as a local HTTP server (for AWS_ENDPOINT_URL_*) and as a client `requestHandler`.
 */

export type FakeApi = 'GetProducts' | 'GetAttributeValues' | 'DescribeSavingsPlansOfferingRates';

export interface SeenRequest {
  readonly api: FakeApi;
  /** The region asked for (the regionCode or region filter). */
  readonly region: string | undefined;
  readonly body: any;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly host: string | undefined;
}

export interface FakeFailure {
  readonly status: number;
  readonly type: string;
  readonly message: string;
}

export interface FakeAwsOptions {
  readonly priceLists?: Record<string, readonly string[]>;
  readonly savingsPlans?: Record<string, readonly SavingsPlanOfferingRateLike[]>;
  readonly regionCodes?: readonly string[];
  /** GetProducts items per page (at most MaxResults). */
  readonly pageSize?: number;
  /** Savings Plan results per page. */
  readonly savingsPlanPageSize?: number;
  /** Fails a request when this returns a failure. */
  readonly fail?: (request: SeenRequest, attempt: number) => FakeFailure | undefined;
}

export interface FakeReply {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

const token = (offset: number) => Buffer.from(`offset=${offset}`).toString('base64');
const offsetOf = (text: string | undefined) =>
  text ? Number(Buffer.from(text, 'base64').toString('utf8').replace('offset=', '')) : 0;

export function createFakeAws(options: FakeAwsOptions) {
  const requests: SeenRequest[] = [];
  const attempts = new Map<string, number>();

  const reply = (
    api: FakeApi,
    bodyText: string,
    headers: Record<string, string | string[] | undefined>,
    host: string | undefined,
  ): FakeReply => {
    const body = bodyText ? JSON.parse(bodyText) : {};
    const region =
      api === 'GetProducts'
        ? body.Filters?.find((filter: {Field: string}) => filter.Field === 'regionCode')?.Value
        : api === 'DescribeSavingsPlansOfferingRates'
          ? body.filters?.find((filter: {name: string}) => filter.name === 'region')?.values?.[0]
          : undefined;
    const seen: SeenRequest = {api, region, body, headers, host};
    requests.push(seen);
    const key = `${api}|${region}|${body.NextToken ?? body.nextToken ?? ''}`;
    const attempt = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, attempt);
    const failure = options.fail?.(seen, attempt);
    const rest = api === 'DescribeSavingsPlansOfferingRates';
    if (failure) {
      return rest
        ? {
            status: failure.status,
            headers: {'content-type': 'application/json', 'x-amzn-errortype': failure.type},
            body: JSON.stringify({message: failure.message}),
          }
        : {
            status: failure.status,
            headers: {'content-type': 'application/x-amz-json-1.1'},
            body: JSON.stringify({__type: failure.type, message: failure.message}),
          };
    }
    if (api === 'GetProducts') {
      const items = options.priceLists?.[region] ?? [];
      const size = Math.min(options.pageSize ?? 100, body.MaxResults ?? 100);
      const offset = offsetOf(body.NextToken);
      const next = offset + size < items.length ? token(offset + size) : undefined;
      return json('application/x-amz-json-1.1', {
        FormatVersion: 'aws_v1',
        PriceList: items.slice(offset, offset + size),
        ...(next ? {NextToken: next} : {}),
      });
    }
    if (api === 'GetAttributeValues') {
      return json('application/x-amz-json-1.1', {
        AttributeValues: (options.regionCodes ?? []).map((Value) => ({Value})),
      });
    }
    const results = options.savingsPlans?.[region] ?? [];
    const size = options.savingsPlanPageSize ?? 1000;
    const offset = offsetOf(body.nextToken);
    const next = offset + size < results.length ? token(offset + size) : null;
    return json('application/json', {searchResults: results.slice(offset, offset + size), nextToken: next});
  };

  const apiOf = (path: string, target: string | undefined): FakeApi => {
    if (target === 'AWSPriceListService.GetProducts') return 'GetProducts';
    if (target === 'AWSPriceListService.GetAttributeValues') return 'GetAttributeValues';
    if (path.endsWith('/DescribeSavingsPlansOfferingRates')) return 'DescribeSavingsPlansOfferingRates';
    throw new Error(`fake AWS: unexpected request ${path} ${target}`);
  };

  return {
    requests,
    reply,
    apiOf,
    /** A client `requestHandler`: no network at all. */
    requestHandler: {
      async handle(request: {path: string; headers: Record<string, string>; body?: unknown; hostname?: string}) {
        const target = request.headers['x-amz-target'] ?? request.headers['X-Amz-Target'];
        const body =
          typeof request.body === 'string'
            ? request.body
            : request.body instanceof Uint8Array
              ? Buffer.from(request.body).toString('utf8')
              : '';
        const answer = reply(apiOf(request.path, target), body, request.headers, request.hostname);
        // The SDK recognises a response by its shape (HttpResponse.isInstance): status, headers, a body stream.
        return {
          response: {
            statusCode: answer.status,
            headers: answer.headers,
            body: Readable.from([Buffer.from(answer.body)]),
          },
        };
      },
    },
  };
}

function json(contentType: string, value: unknown): FakeReply {
  return {status: 200, headers: {'content-type': contentType}, body: JSON.stringify(value)};
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The same fake as a local HTTP server, for AWS_ENDPOINT_URL_PRICING / AWS_ENDPOINT_URL_SAVINGSPLANS. */
export async function startFakeAwsServer(options: FakeAwsOptions) {
  const fake = createFakeAws(options);
  const server = createServer((request, response) => {
    void readBody(request).then((body) => {
      try {
        const target = request.headers['x-amz-target'] as string | undefined;
        const answer = fake.reply(fake.apiOf(request.url ?? '/', target), body, request.headers, request.headers.host);
        response.writeHead(answer.status, answer.headers).end(answer.body);
      } catch (error) {
        response.writeHead(500, {'content-type': 'application/json'}).end(JSON.stringify({message: String(error)}));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: fake.requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
