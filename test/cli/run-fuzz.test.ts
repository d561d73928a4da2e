import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import fc from 'fast-check';
import {afterAll, afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {isUserError} from '../../src/errors.js';
import {readSpotFeed} from '../../src/sources/pricing/spot-feed-file.js';
import {EMBEDDED_CATALOG_PATH} from '../../src/sources/catalog-file.js';
import {type CliResult, runCli} from '../helpers/cli.js';
import {gzip, gzipped, type Mutation, mutate, mutation, templateMutation} from '../helpers/mutate.js';
import {startFakeAwsServer} from '../sources/pricing/fake-aws.js';
import {realGetProducts, savingsPlanRates, US_EAST_1, US_EAST_1_2022} from '../sources/pricing/fixtures.js';

/**
 * Fuzzing the readers through the CLI entry: real payloads (the AWS samples, the examples, the catalog) mutated
 * byte by byte, line by line and value by value, written to a temporary folder and read by the command that reads
 * them. Whatever the input, a run ends with a documented exit code; a failure is one line on stderr and nothing on
 * stdout, and never an internal error. A failing case prints its seed and path; replay it with
 *   FARGATE_COST_FUZZ_SEED=<seed> FARGATE_COST_FUZZ_PATH=<path> npx vitest run test/cli/run-fuzz.test.ts -t '<test>'
 * and search harder with FARGATE_COST_FUZZ_RUNS=2000 (runs of each property; add --testTimeout=0).
 */

const SAMPLES = 'test/fixtures/aws-samples';
const EXAMPLES = 'data/examples';
/** What a run on files may end with: no AWS call is made (3), and a bad command line (2) names the flag to fix. */
const EXIT_CODES = [0, 1, 2, 4];
/** The longest line an error may print: what it quotes from a file is cut (`untrusted`). */
const MAX_ERROR_CHARS = 1500;

const env = process.env;
/** Runs of a property: small enough that the file stays near 10 s on a busy two-core machine. */
const runs = (n: number) => (env['FARGATE_COST_FUZZ_RUNS'] ? Number(env['FARGATE_COST_FUZZ_RUNS']) : n);
const replay = {
  ...(env['FARGATE_COST_FUZZ_SEED'] ? {seed: Number(env['FARGATE_COST_FUZZ_SEED'])} : {}),
  ...(env['FARGATE_COST_FUZZ_PATH'] ? {path: env['FARGATE_COST_FUZZ_PATH']} : {}),
};

const read = (path: string) => readFileSync(path);
const lines = (values: readonly unknown[]) => Buffer.from(`${values.map((v) => JSON.stringify(v)).join('\n')}\n`);
const sample = (path: string) => JSON.parse(read(`${SAMPLES}/${path}`).toString('utf8')) as unknown;
// Two stopped tasks a week apart (November 2022), in the containers a history comes in.
const events = [
  sample('events/ecs-task-state-change__fixture__fargate-stopped-overrides.json'),
  sample('events/ecs-task-state-change__fixture__fargate-windows-stopped.json'),
];

/**
 * Histories, each with an as-of time a day after it: a task still running is billed hour by hour up to the as-of
 * time, and years of hours would make a run slow.
 */
const HISTORIES: Record<string, {readonly bytes: Buffer; readonly asOf: string}> = {
  'events.ndjson': {bytes: read(`${EXAMPLES}/history/events.ndjson`), asOf: '2026-11-04T00:00:00Z'},
  'describe-tasks.json': {bytes: read(`${EXAMPLES}/history/describe-tasks.json`), asOf: '2026-11-04T00:00:00Z'},
  'describe-services.json': {bytes: read(`${EXAMPLES}/history/describe-services.json`), asOf: '2026-11-04T00:00:00Z'},
  'cli-v1-spot.json': {
    bytes: read(`${SAMPLES}/ecs/describe-tasks__cli-v1-epoch__fargate-spot.json`),
    asOf: '2019-12-24T00:00:00Z',
  },
  'cli-v2-ec2.json': {
    bytes: read(`${SAMPLES}/ecs/describe-tasks__cli-v2-iso-local__ec2-running.json`),
    asOf: '2021-08-12T00:00:00Z',
  },
  'cli-v2-local.json': {
    bytes: read(`${SAMPLES}/ecs/describe-tasks__cli-v2-iso-local__fargate-running.json`),
    asOf: '2021-12-21T00:00:00Z',
  },
  'cli-v2-utc.json': {
    bytes: read(`${SAMPLES}/ecs/describe-tasks__cli-v2-iso-utc__fargate-running.json`),
    asOf: '2024-12-25T00:00:00Z',
  },
  'event-running.json': {
    bytes: read(`${SAMPLES}/events/ecs-task-state-change__awsdocs__fargate-running.json`),
    asOf: '2020-01-24T00:00:00Z',
  },
  'event-stopped.json': {
    bytes: read(`${SAMPLES}/events/ecs-task-state-change__crossfeed__fargate-stopped.json`),
    asOf: '2020-08-15T00:00:00Z',
  },
  'events.json': {bytes: Buffer.from(JSON.stringify(events, null, 2)), asOf: '2022-11-30T00:00:00Z'},
  'events-2022.ndjson': {bytes: lines(events), asOf: '2022-11-30T00:00:00Z'},
  // CloudWatch Logs filter-log-events output of archived events.
  'log-events.json': {
    bytes: Buffer.from(
      JSON.stringify({events: events.map((event, i) => ({timestamp: i, message: JSON.stringify(event)}))}, null, 2),
    ),
    asOf: '2022-11-30T00:00:00Z',
  },
};

const TASK_DEFINITIONS: Record<string, Buffer> = {
  'cdk-stack.template.json': read(`${EXAMPLES}/cdk-stack.template.json`),
  'cloudformation.yaml': read(`${EXAMPLES}/cloudformation.yaml`),
  'web-service.json': read(`${EXAMPLES}/web-service.json`),
  'windows-iis.json': read(`${EXAMPLES}/windows-iis.json`),
  'worker-arm64.json': read(`${EXAMPLES}/worker-arm64.json`),
  'describe-task-definition.json': read(`${SAMPLES}/ecs/describe-task-definition__cli-v2-iso-local__fargate-x86.json`),
  'register-input.json': read(`${SAMPLES}/ecs/register-task-definition-input__fargate-windows-2019-core.json`),
  'console-export.json': read(`${SAMPLES}/ecs/task-definition__console-json-export__fargate-x86.json`),
};

/** Sets: Terraform plans and states, a template with services and task sets. */
const SETS: Record<string, Buffer> = {
  'plan-modules.json': read('test/fixtures/terraform/plan-modules.json'),
  'state.json': read('test/fixtures/terraform/state.json'),
  'shared-sample-plan.json': read('test/fixtures/terraform/shared-sample-plan.json'),
  'services.yaml': read('test/fixtures/cloudformation/services.yaml'),
  'describe-services.json': read(`${EXAMPLES}/services-web-mixed.json`),
};

const SERVICES: Record<string, Buffer> = {
  'services-web-mixed.json': read(`${EXAMPLES}/services-web-mixed.json`),
  'describe-services.json': read(`${EXAMPLES}/history/describe-services.json`),
  'launch-type.json': read(`${SAMPLES}/ecs/describe-services__cli-v1-epoch__fargate-launchtype.json`),
  'spot-strategy.json': read(`${SAMPLES}/ecs/describe-services__cli-v1-epoch__fargate-spot-strategy.json`),
};

// The embedded catalog cut to two regions: a whole catalog is 400 kB, read on every run.
const CATALOG = read(EMBEDDED_CATALOG_PATH);
const embedded = JSON.parse(CATALOG.toString('utf8')) as {regions: Record<string, unknown>};
const MINI_CATALOG = Buffer.from(
  JSON.stringify(
    {...embedded, regions: {'us-east-1': embedded.regions['us-east-1'], 'eu-west-1': embedded.regions['eu-west-1']}},
    null,
    2,
  ),
);
const SPOT_FEED = read('test/fixtures/pricing-sources/ligoj-plugin-prov-aws__spot-fargate.json');

const root = mkdtempSync(join(tmpdir(), 'fargate-cost-fuzz-'));
const miniCatalog = join(root, 'mini-catalog.json');
writeFileSync(miniCatalog, MINI_CATALOG);
afterAll(() => rmSync(root, {recursive: true, force: true}));

/** A folder of its own for each run, removed after it. */
async function inFolder<T>(body: (dir: string) => Promise<T>): Promise<T> {
  for (const spy of spies) spy.mockClear();
  const dir = mkdtempSync(join(root, 'run-'));
  try {
    return await body(dir);
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}

/** What every run holds to, whatever it read. */
function expectWellBehaved(result: CliResult, codes: readonly number[] = EXIT_CODES): void {
  expect(result.stderr).not.toContain('internal error');
  expect(codes).toContain(result.code);
  if (result.code === 0) {
    expect(result.stderr).toBe('');
    // A figure the tool works out is never NaN, whatever the input (a name may be "NaN", so only figures are checked).
    expect(result.stdout).not.toMatch(/\$NaN|NaN%|\bNaN (days|hours|h\b)|Invalid Date/);
  } else {
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^fargate-cost: [^\n]+\n$/);
    if (result.code === 2) expect(result.stderr).toMatch(/ --[a-z]/);
    expect(result.stderr.length).toBeLessThan(MAX_ERROR_CHARS);
  }
  // The libraries print nothing of their own (the binary would make each a line on stderr).
  for (const spy of spies) expect(spy.mock.calls).toEqual([]);
}

let spies: ReturnType<typeof vi.spyOn>[] = [];
beforeEach(() => {
  spies = [
    vi.spyOn(console, 'log'),
    vi.spyOn(console, 'warn'),
    vi.spyOn(console, 'error'),
    vi.spyOn(process, 'emitWarning'),
  ];
});

const mutations = (arbitrary: fc.Arbitrary<Mutation>) => fc.array(arbitrary, {minLength: 1, maxLength: 4});
const format = fc.constantFrom('table', 'json', 'csv', 'markdown');

describe('fuzzing the readers through the CLI', () => {
  it('history FILE: JSON, NDJSON and gzip, alone, in a folder or on stdin', async () => {
    const history = fc.record({
      base: fc.constantFrom(...Object.keys(HISTORIES)),
      mutations: mutations(mutation),
      extension: fc.constantFrom('.json', '.ndjson', '.jsonl', '.json.gz', '.ndjson.gz'),
      gzip,
      how: fc.constantFrom('file', 'file', 'folder', 'stdin'),
      skipInvalid: fc.boolean(),
      format,
    });
    await fc.assert(
      fc.asyncProperty(history, (c) =>
        inFolder(async (dir) => {
          const {bytes: base, asOf} = HISTORIES[c.base]!;
          const bytes = mutate(base, c.mutations);
          const path = join(dir, `history${c.extension}`);
          writeFileSync(path, c.extension.endsWith('.gz') ? gzipped(bytes, c.gzip) : bytes);
          if (c.how === 'folder') writeFileSync(join(dir, 'events.ndjson'), HISTORIES['events-2022.ndjson']!.bytes);
          const flags = ['--as-of', asOf, '--catalog', miniCatalog, '--format', c.format];
          if (c.skipInvalid) flags.push('--skip-invalid');
          const input = c.how === 'folder' ? dir : c.how === 'stdin' ? '-' : path;
          const result = await runCli(['history', input, ...flags], {
            ...(c.how === 'stdin' ? {stdin: bytes.toString('utf8')} : {}),
          });
          expectWellBehaved(result);
        }),
      ),
      {numRuns: runs(100), ...replay},
    );
  });

  it('estimate FILE: task definitions and templates, JSON and YAML', async () => {
    const estimate = fc.record({
      base: fc.constantFrom(...Object.keys(TASK_DEFINITIONS)),
      mutations: mutations(templateMutation),
      extension: fc.constantFrom('.json', '.yaml', '.yml', '.template', ''),
      stdin: fc.boolean(),
      format,
    });
    await fc.assert(
      fc.asyncProperty(estimate, (c) =>
        inFolder(async (dir) => {
          const bytes = mutate(TASK_DEFINITIONS[c.base]!, c.mutations, {yaml: true});
          const path = join(dir, `task${c.extension}`);
          writeFileSync(path, bytes);
          const result = await runCli(
            ['estimate', c.stdin ? '-' : path, '--catalog', miniCatalog, '--format', c.format],
            c.stdin ? {stdin: bytes.toString('utf8')} : {},
          );
          expectWellBehaved(result);
        }),
      ),
      {numRuns: runs(100), ...replay},
    );
  });

  it('estimate FILE: Terraform plans and states, templates with services', async () => {
    const estimate = fc.record({
      base: fc.constantFrom(...Object.keys(SETS)),
      mutations: mutations(templateMutation),
      extension: fc.constantFrom('.json', '.yaml'),
      format,
    });
    await fc.assert(
      fc.asyncProperty(estimate, (c) =>
        inFolder(async (dir) => {
          const path = join(dir, `set${c.extension}`);
          writeFileSync(path, mutate(SETS[c.base]!, c.mutations, {yaml: true}));
          expectWellBehaved(await runCli(['estimate', path, '--catalog', miniCatalog, '--format', c.format]));
        }),
      ),
      {numRuns: runs(80), ...replay},
    );
  });

  it('compare --task-definition FILE [--services FILE]', async () => {
    const compare = fc.record({
      base: fc.constantFrom(...Object.keys(TASK_DEFINITIONS)),
      mutations: mutations(templateMutation),
      extension: fc.constantFrom('.json', '.yaml'),
      services: fc.option(
        fc.record({base: fc.constantFrom(...Object.keys(SERVICES)), mutations: fc.array(mutation, {maxLength: 3})}),
      ),
    });
    await fc.assert(
      fc.asyncProperty(compare, (c) =>
        inFolder(async (dir) => {
          const path = join(dir, `task${c.extension}`);
          writeFileSync(path, mutate(TASK_DEFINITIONS[c.base]!, c.mutations, {yaml: true}));
          const argv = ['compare', '--task-definition', path, '--catalog', miniCatalog, '--plans', 'sp-1y'];
          if (c.services) {
            const services = join(dir, 'services.json');
            writeFileSync(services, mutate(SERVICES[c.services.base]!, c.services.mutations));
            argv.push('--services', services, '--service', 'web');
          }
          expectWellBehaved(await runCli(argv));
        }),
      ),
      {numRuns: runs(40), ...replay},
    );
  });

  it('compare HISTORY --services FILE, and compare --task-definition FILE --services FILE', async () => {
    const compare = fc.record({
      base: fc.constantFrom(...Object.keys(SERVICES)),
      mutations: mutations(mutation),
      history: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(compare, (c) =>
        inFolder(async (dir) => {
          const services = join(dir, 'services.json');
          writeFileSync(services, mutate(SERVICES[c.base]!, c.mutations));
          const common = ['--services', services, '--catalog', miniCatalog, '--plans', 'sp-1y'];
          const argv = c.history
            ? ['compare', `${EXAMPLES}/history/events.ndjson`, '--as-of', '2026-11-04T00:00:00Z', ...common]
            : ['compare', '--task-definition', `${EXAMPLES}/web-service.json`, ...common];
          expectWellBehaved(await runCli(argv));
        }),
      ),
      {numRuns: runs(40), ...replay},
    );
  });

  it('prices show --catalog FILE', async () => {
    const show = fc.record({
      full: fc.oneof({weight: 7, arbitrary: fc.constant(false)}, {weight: 1, arbitrary: fc.constant(true)}),
      mutations: mutations(mutation),
      verbose: fc.boolean(),
      format,
    });
    await fc.assert(
      fc.asyncProperty(show, (c) =>
        inFolder(async (dir) => {
          const path = join(dir, 'catalog.json');
          // The whole catalog now and then: the embedded one is 400 kB.
          writeFileSync(path, mutate(c.full ? CATALOG : MINI_CATALOG, c.mutations));
          const argv = ['prices', 'show', '--catalog', path, '--format', c.format];
          if (c.verbose) argv.push('--verbose');
          expectWellBehaved(await runCli(argv));
        }),
      ),
      {numRuns: runs(60), ...replay},
    );
  });

  it('--catalog FILE priced with: estimate, compare, history', async () => {
    const priced = fc.record({
      mutations: mutations(mutation),
      command: fc.constantFrom('estimate', 'compare', 'history'),
      format,
    });
    const commands = {
      estimate: ['estimate', `${EXAMPLES}/web-service.json`],
      compare: ['compare', '--cpu', '1', '--memory', '2', '--strategy', 'FARGATE_SPOT', '--plans', 'sp-1y'],
      history: ['history', `${EXAMPLES}/history/events.ndjson`, '--as-of', '2026-11-04T00:00:00Z'],
    };
    await fc.assert(
      fc.asyncProperty(priced, (c) =>
        inFolder(async (dir) => {
          const path = join(dir, 'catalog.json');
          writeFileSync(path, mutate(MINI_CATALOG, c.mutations));
          expectWellBehaved(await runCli([...commands[c.command], '--catalog', path, '--format', c.format]));
        }),
      ),
      {numRuns: runs(40), ...replay},
    );
  });

  it('prices diff A B', async () => {
    const diff = fc.record({
      a: mutations(mutation),
      b: fc.array(mutation, {maxLength: 3}),
      swap: fc.boolean(),
      format,
    });
    await fc.assert(
      fc.asyncProperty(diff, (c) =>
        inFolder(async (dir) => {
          const a = join(dir, 'a.json');
          const b = join(dir, 'b.json');
          writeFileSync(a, mutate(MINI_CATALOG, c.a));
          writeFileSync(b, mutate(MINI_CATALOG, c.b));
          const [from, to] = c.swap ? [b, a] : [a, b];
          expectWellBehaved(await runCli(['prices', 'diff', from, to, '--format', c.format]));
        }),
      ),
      {numRuns: runs(40), ...replay},
    );
  });

  describe('prices refresh against a local fake of the pricing APIs', () => {
    // What the fake answers: read on every request, so a run can change it.
    const world = {
      priceLists: {'us-east-1': realGetProducts().PriceList as readonly string[]},
      savingsPlans: {'us-east-1': savingsPlanRates(US_EAST_1, US_EAST_1_2022)},
    };
    const PRICE_LIST = world.priceLists['us-east-1'];
    const SAVINGS_PLANS = world.savingsPlans['us-east-1'];
    let server: Awaited<ReturnType<typeof startFakeAwsServer>> | undefined;
    afterEach(async () => {
      world.priceLists['us-east-1'] = PRICE_LIST;
      world.savingsPlans['us-east-1'] = SAVINGS_PLANS;
      await server?.close();
      vi.unstubAllEnvs();
    });

    const serve = async () => {
      server = await startFakeAwsServer(world);
      // Credentials and endpoints as a user would set them; nothing can reach AWS.
      for (const [name, value] of Object.entries({
        AWS_ACCESS_KEY_ID: 'AKIDFAKE',
        AWS_SECRET_ACCESS_KEY: 'fake',
        AWS_SESSION_TOKEN: undefined,
        AWS_PROFILE: undefined,
        AWS_REGION: undefined,
        AWS_DEFAULT_REGION: undefined,
        AWS_CONFIG_FILE: '/nonexistent/config',
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_MAX_ATTEMPTS: '1',
        AWS_ENDPOINT_URL_PRICING: server.url,
        AWS_ENDPOINT_URL_SAVINGSPLANS: server.url,
      }))
        vi.stubEnv(name, value);
    };
    const refresh = ['prices', 'refresh', '--regions', 'us-east-1', '--catalog', miniCatalog, '--dry-run'];

    it('--spot-prices FILE: the Spot feed', async () => {
      await serve();
      const feed = fc.record({
        mutations: mutations(mutation),
        spotDate: fc.option(fc.constantFrom('2026-11-02', '2026-02-30')),
        format,
      });
      await fc.assert(
        fc.asyncProperty(feed, (c) =>
          inFolder(async (dir) => {
            const path = join(dir, 'fargate-spot-prices.json');
            writeFileSync(path, mutate(SPOT_FEED, c.mutations));
            const argv = [...refresh, '--spot-prices', path, '--format', c.format];
            if (c.spotDate) argv.push('--spot-date', c.spotDate);
            expectWellBehaved(await runCli(argv, {env: {FARGATE_COST_CACHE_DIR: join(dir, 'cache')}}));
          }),
        ),
        {numRuns: runs(15), ...replay},
      );
    });

    it('the pricing responses: GetProducts price list items and Savings Plans offering rates', async () => {
      await serve();
      const responses = fc.record({
        // One price list item (a JSON document in a string), the whole list, or the Savings Plan rates.
        target: fc.oneof(
          fc.nat(PRICE_LIST.length - 1).map((item) => ({kind: 'item' as const, item})),
          fc.constant({kind: 'list' as const}),
          fc.constant({kind: 'savings-plans' as const}),
        ),
        mutations: mutations(mutation),
        format,
      });
      // The fake answers JSON: a list that no longer parses is served empty, one of the wrong shape as it is.
      const jsonOf = (bytes: Buffer): unknown => {
        try {
          return JSON.parse(bytes.toString('utf8'));
        } catch {
          return undefined;
        }
      };
      await fc.assert(
        fc.asyncProperty(responses, (c) =>
          inFolder(async (dir) => {
            const {target} = c;
            world.priceLists['us-east-1'] = PRICE_LIST;
            world.savingsPlans['us-east-1'] = SAVINGS_PLANS;
            if (target.kind === 'item') {
              const items = [...PRICE_LIST];
              items[target.item] = mutate(Buffer.from(items[target.item]!), c.mutations).toString('utf8');
              world.priceLists['us-east-1'] = items;
            } else {
              const original = target.kind === 'list' ? PRICE_LIST : SAVINGS_PLANS;
              const mutated = jsonOf(mutate(Buffer.from(JSON.stringify(original, null, 2)), c.mutations));
              if (target.kind === 'list') world.priceLists['us-east-1'] = (mutated ?? []) as string[];
              else world.savingsPlans['us-east-1'] = (mutated ?? []) as typeof SAVINGS_PLANS;
            }
            const result = await runCli([...refresh, '--format', c.format], {env: {FARGATE_COST_CACHE_DIR: dir}});
            // AWS's answers are what is fuzzed: an answer the tool cannot use is AWS failing (3).
            expectWellBehaved(result, [0, 1, 3, 4]);
          }),
        ),
        {numRuns: runs(20), ...replay},
      );
    });
  });

  it('the Spot price feed reader: a result or one UserError', async () => {
    const feed = fc.record({
      mutations: mutations(mutation),
      spotDate: fc.option(fc.constantFrom('2026-11-02', '2026-02-30', '0000-00-00', '2026-1-2', '')),
    });
    await fc.assert(
      fc.asyncProperty(feed, (c) =>
        inFolder(async (dir) => {
          const path = join(dir, 'fargate-spot-prices.json');
          writeFileSync(path, mutate(SPOT_FEED, c.mutations));
          try {
            const parsed = await readSpotFeed(path, c.spotDate ?? undefined);
            expect(parsed.source.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          } catch (error) {
            if (!isUserError(error)) throw error;
            expect(EXIT_CODES).toContain(error.exitCode);
            expect(error.message.length).toBeLessThan(MAX_ERROR_CHARS);
          }
          for (const spy of spies) expect(spy.mock.calls).toEqual([]);
        }),
      ),
      {numRuns: runs(100), ...replay},
    );
  });
});
