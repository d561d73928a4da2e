import {afterEach, describe, expect, it, vi} from 'vitest';
import {UserError} from '../../../src/errors.js';
import {AwsDeadlineError, createRequestHandler, endpointOf, startDeadline} from '../../../src/sources/aws/http.js';
import {startSilentServer} from '../../helpers/net.js';

type Request = Parameters<Awaited<ReturnType<typeof createRequestHandler>>['handle']>[0];

const post = (url: string): Request =>
  ({
    protocol: new URL(url).protocol,
    hostname: new URL(url).hostname,
    port: Number(new URL(url).port),
    path: '/',
    method: 'POST',
    headers: {'content-type': 'application/x-amz-json-1.1', host: new URL(url).host},
    body: '{}',
    query: {},
  }) as unknown as Request;

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('the request succeeded'),
    (error: unknown) => error,
  );
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the request handler of every AWS client', () => {
  it('stops waiting at the deadline and says for which endpoint', async () => {
    const silent = await startSilentServer();
    const handler = await createRequestHandler(startDeadline(300));
    const started = Date.now();
    const error = await failure(handler.handle(post(silent.url)));
    handler.destroy();
    await silent.close();
    expect(Date.now() - started).toBeLessThan(3000);
    expect(error).toBeInstanceOf(AwsDeadlineError);
    expect(error).toMatchObject({timeoutMs: 300, endpoint: silent.url});
    expect(endpointOf(error)).toBe(silent.url);
  });

  it('keeps the endpoint on a network failure, for the message', async () => {
    const handler = await createRequestHandler(startDeadline(5000));
    const error = await failure(handler.handle(post('http://127.0.0.1:9')));
    handler.destroy();
    expect(error).toMatchObject({code: 'ECONNREFUSED'});
    expect(endpointOf(error)).toBe('http://127.0.0.1:9');
  });

  it('refuses a proxy that is not an http(s) URL, as a bad setting (exit 2)', async () => {
    vi.stubEnv('NO_PROXY', undefined);
    vi.stubEnv('no_proxy', undefined);
    vi.stubEnv('http_proxy', undefined);
    vi.stubEnv('HTTP_PROXY', 'socks5://127.0.0.1:1080');
    const handler = await createRequestHandler(startDeadline(5000));
    const error = await failure(handler.handle(post('http://127.0.0.1:9')));
    handler.destroy();
    expect(error).toBeInstanceOf(UserError);
    expect(error).toMatchObject({
      message: 'the proxy "socks5://127.0.0.1:1080" is not an http:// or https:// URL',
      exitCode: 2,
    });
  });
});
