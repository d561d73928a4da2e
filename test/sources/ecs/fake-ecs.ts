import {readFileSync} from 'node:fs';
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {Readable} from 'node:stream';
import {afterEach, vi} from 'vitest';

/**
 * A fake of the ECS endpoint `history --cluster` calls (awsJson1.1, `X-Amz-Target:
 * AmazonEC2ContainerServiceV20141113.<Operation>`), answering at the wire level so the real SDK
 * client runs: serializers, the epoch-seconds deserializer, paginators and retries. Its limits are
 * ECS's: DescribeTasks takes at most 100 tasks, DescribeServices at most 10 services.
 */

export type EcsApi = 'ListTasks' | 'DescribeTasks' | 'DescribeServices';

export interface SeenEcsRequest {
  readonly api: EcsApi;
  readonly body: any;
  /** The HTTP headers, when it came over HTTP (user-agent, authorization). */
  readonly headers?: Record<string, string | string[] | undefined>;
}

export interface EcsFailure {
  readonly status: number;
  readonly type: string;
  readonly message: string;
}

export interface FakeEcsOptions {
  /** Tasks in wire format (epoch seconds), keyed by nothing: their taskArn and desiredStatus say where they list. */
  readonly tasks: readonly Record<string, unknown>[];
  readonly services?: readonly Record<string, unknown>[];
  /** ListTasks results per page (at most maxResults). */
  readonly pageSize?: number;
  /** Task ARNs that ListTasks lists but DescribeTasks no longer finds. */
  readonly gone?: readonly string[];
  readonly fail?: (request: SeenEcsRequest, attempt: number) => EcsFailure | undefined;
}

/** The real CLI v1 (wire format) sample, as the template of generated tasks. */
export const WIRE_TASK = (
  JSON.parse(readFileSync('test/fixtures/aws-samples/ecs/describe-tasks__cli-v1-epoch__fargate-spot.json', 'utf8')) as {
    tasks: Record<string, unknown>[];
  }
).tasks[0]!;

/** A wire-format task of a service: `index` spreads the ARNs and times. */
export function wireTask(index: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const id = index.toString(16).padStart(32, '0');
  const pulled = 1_793_577_600 + index * 60; // 2026-11-02T00:00:00Z + index minutes, epoch seconds
  return {
    ...WIRE_TASK,
    taskArn: `arn:aws:ecs:us-east-1:123456789012:task/prod/${id}`,
    clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/prod',
    group: 'service:web',
    capacityProviderName: 'FARGATE',
    createdAt: pulled - 9.5,
    pullStartedAt: pulled + 0.25,
    pullStoppedAt: pulled + 6.5,
    startedAt: pulled + 8.125,
    desiredStatus: 'RUNNING',
    lastStatus: 'RUNNING',
    ...overrides,
  };
}

export function stoppedWireTask(index: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const task = wireTask(index, overrides);
  const pulled = task['pullStartedAt'] as number;
  return {
    ...task,
    desiredStatus: 'STOPPED',
    lastStatus: 'STOPPED',
    stoppingAt: pulled + 1790,
    executionStoppedAt: pulled + 1795.5,
    stoppedAt: pulled + 1800,
    stopCode: 'EssentialContainerExited',
    ...overrides,
  };
}

export function fargateService(name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    serviceArn: `arn:aws:ecs:us-east-1:123456789012:service/prod/${name}`,
    serviceName: name,
    clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/prod',
    status: 'ACTIVE',
    desiredCount: 2,
    runningCount: 2,
    pendingCount: 0,
    launchType: 'FARGATE',
    taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/sample-fargate:1',
    createdAt: 1_577_073_850.109,
    ...overrides,
  };
}

const token = (offset: number) => Buffer.from(`offset=${offset}`).toString('base64');
const offsetOf = (text: string | undefined) =>
  text ? Number(Buffer.from(text, 'base64').toString('utf8').replace('offset=', '')) : 0;

export function createFakeEcs(options: FakeEcsOptions) {
  const requests: SeenEcsRequest[] = [];
  const attempts = new Map<string, number>();
  const gone = new Set(options.gone ?? []);
  // What the cluster holds: `setTasks` changes it between calls (a task starts, one stops).
  let tasks = options.tasks;
  let byArn = new Map(tasks.map((task) => [task['taskArn'] as string, task]));
  const setTasks = (next: readonly Record<string, unknown>[]) => {
    tasks = next;
    byArn = new Map(tasks.map((task) => [task['taskArn'] as string, task]));
  };

  const error = (status: number, type: string, message: string) => ({status, body: {__type: type, message}});

  const answer = (api: EcsApi, body: any, headers?: SeenEcsRequest['headers']): {status: number; body: unknown} => {
    const seen = {api, body, ...(headers ? {headers} : {})};
    requests.push(seen);
    const key = JSON.stringify([api, body]);
    const attempt = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, attempt);
    const failure = options.fail?.(seen, attempt);
    if (failure) return error(failure.status, failure.type, failure.message);
    if (api === 'ListTasks') {
      const listed = tasks
        .filter((task) => (task['desiredStatus'] ?? 'RUNNING') === (body.desiredStatus ?? 'RUNNING'))
        .filter((task) => body.serviceName === undefined || task['group'] === `service:${body.serviceName}`)
        .map((task) => task['taskArn'] as string);
      const size = Math.min(options.pageSize ?? 100, body.maxResults ?? 100);
      const offset = offsetOf(body.nextToken);
      const next = offset + size < listed.length ? token(offset + size) : undefined;
      return {status: 200, body: {taskArns: listed.slice(offset, offset + size), ...(next ? {nextToken: next} : {})}};
    }
    if (api === 'DescribeTasks') {
      const arns: string[] = body.tasks ?? [];
      if (arns.length > 100) return error(400, 'InvalidParameterException', 'Tasks cannot be longer than 100.');
      const found = arns.filter((arn) => byArn.has(arn) && !gone.has(arn));
      return {
        status: 200,
        body: {
          tasks: found.map((arn) => byArn.get(arn)),
          failures: arns.filter((arn) => !found.includes(arn)).map((arn) => ({arn, reason: 'MISSING'})),
        },
      };
    }
    const names: string[] = body.services ?? [];
    if (names.length > 10) return error(400, 'InvalidParameterException', 'services can have at most 10 items.');
    const services = (options.services ?? []).filter((service) => names.includes(service['serviceName'] as string));
    return {
      status: 200,
      body: {
        services,
        failures: names
          .filter((name) => !services.some((s) => s['serviceName'] === name))
          .map((name) => ({arn: name, reason: 'MISSING'})),
      },
    };
  };

  /** One request, from its X-Amz-Target header and body text, to a status and a JSON body text. */
  const reply = (target: string, text: string, headers?: SeenEcsRequest['headers']): {status: number; body: string} => {
    const api = target.split('.').pop() as EcsApi;
    if (!['ListTasks', 'DescribeTasks', 'DescribeServices'].includes(api))
      throw new Error(`fake ECS: unexpected ${target}`);
    const answered = answer(api, JSON.parse(text || '{}'), headers);
    return {status: answered.status, body: JSON.stringify(answered.body)};
  };

  return {
    requests,
    reply,
    setTasks,
    calls: (api: EcsApi) => requests.filter((request) => request.api === api),
    requestHandler: {
      async handle(request: {headers: Record<string, string>; body?: unknown}) {
        const target = request.headers['x-amz-target'] ?? request.headers['X-Amz-Target'] ?? '';
        const text =
          typeof request.body === 'string'
            ? request.body
            : request.body instanceof Uint8Array
              ? Buffer.from(request.body).toString('utf8')
              : '{}';
        const answered = reply(target, text);
        return {
          response: {
            statusCode: answered.status,
            headers: {'content-type': 'application/x-amz-json-1.1'},
            body: Readable.from([Buffer.from(answered.body)]),
          },
        };
      },
    },
  };
}

/** The same fake as a local HTTP server, for AWS_ENDPOINT_URL_ECS: the CLI's own client and configuration run. */
export async function startFakeEcsServer(options: FakeEcsOptions) {
  const fake = createFakeEcs(options);
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        const answered = fake.reply(
          String(request.headers['x-amz-target'] ?? ''),
          Buffer.concat(chunks).toString('utf8'),
          request.headers,
        );
        response.writeHead(answered.status, {'content-type': 'application/x-amz-json-1.1'}).end(answered.body);
      } catch (error) {
        response.writeHead(500, {'content-type': 'application/json'}).end(JSON.stringify({message: String(error)}));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    /** What the user's environment holds to reach it (fakeEcsEnvironment): pass it to runCli as its env. */
    env: fakeEcsEnvironment(url),
    requests: fake.requests,
    calls: fake.calls,
    /** What the cluster holds from the next call on. */
    setTasks: fake.setTasks,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The environment a user would set to reach `url` as ECS, with credentials and a region and nothing
 * that could reach AWS (no profile, no instance metadata): pass each pair to `vi.stubEnv`.
 */
export function fakeEcsEnvironment(url: string): Record<string, string | undefined> {
  return {
    AWS_ACCESS_KEY_ID: 'AKIDFAKE',
    AWS_SECRET_ACCESS_KEY: 'fake',
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_CONFIG_FILE: '/nonexistent/config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_REGION: 'us-east-1',
    AWS_MAX_ATTEMPTS: '2',
    AWS_ENDPOINT_URL_ECS: url,
  };
}

/**
 * For a describe block: the returned `serve(options)` starts a fake ECS endpoint and points the
 * environment at it (fakeEcsEnvironment); after each test the server stops and the environment is restored.
 */
export function fakeEcsPerTest(): (options: FakeEcsOptions) => Promise<Awaited<ReturnType<typeof startFakeEcsServer>>> {
  let server: Awaited<ReturnType<typeof startFakeEcsServer>> | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
    vi.unstubAllEnvs();
  });
  return async (options) => {
    server = await startFakeEcsServer(options);
    for (const [name, value] of Object.entries(fakeEcsEnvironment(server.url))) vi.stubEnv(name, value);
    return server;
  };
}
