import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Readable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {notInteractiveReason, prepareExploreInputs, readExploreInputs} from '../../src/cli/commands/explore-action.js';
import type {ExploreFlags} from '../../src/cli/commands/explore.js';
import {isUserError} from '../../src/errors.js';
import {userErrorText} from '../../src/report/problems.js';
import type {CliIo} from '../../src/cli/io.js';
import {run} from '../../src/cli/run.js';
import {runCli} from '../helpers/cli.js';
import {fakeEcsPerTest, fargateService, wireTask} from '../sources/ecs/fake-ecs.js';

/** A developer's own AWS profiles stay out of the tests. */
const NO_AWS_FILES = {
  AWS_CONFIG_FILE: '/nonexistent/aws/config',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws/credentials',
};

/** A run whose stdin and stdout claim to be terminals, to reach what comes after the terminal check. */
async function runAsTerminal(argv: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const stdin = Object.assign(Readable.from([]), {isTTY: true}) as unknown as CliIo['stdin'];
  const io: CliIo = {
    stdout: {write: (text: string) => (stdout += text), isTTY: true, columns: 100},
    stderr: {write: (text: string) => (stderr += text)},
    stdin,
    env: {FARGATE_COST_CACHE_DIR: '/nonexistent/fargate-cost-test-cache', ...NO_AWS_FILES, ...env},
    now: () => new Date('2026-11-24T12:00:00Z'),
  };
  const code = await run(argv, io);
  return {code, stdout, stderr};
}

describe('fargate-cost explore', () => {
  it('is listed in the help with what it is for', async () => {
    const {stdout} = await runCli(['--help']);
    expect(stdout).toMatch(/explore \[options\] \[path\.\.\.\]\s+an interactive terminal view/);
  });

  it('piped or redirected: a one-line error pointing to the plain commands, exit 2, nothing on stdout', async () => {
    const {code, stdout, stderr} = await runCli(['explore', 'data/examples/web-service.json']);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toBe(
      'fargate-cost: explore needs an interactive terminal (stdin is not a terminal) (for plain output use "fargate-cost estimate FILE --format table|json|csv|markdown", or "fargate-cost history PATH --format ..." and "fargate-cost compare PATH --format ...")\n',
    );
  });

  it('a bill, piped: the same one-line refusal, exit 2, before the bill is read', async () => {
    const {code, stdout, stderr} = await runCli(['explore', 'test/fixtures/bill/cur2.parquet']);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(/^fargate-cost: explore needs an interactive terminal \(stdin is not a terminal\)/);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it.each([
    ['CI is set', {CI: 'true'}],
    ['TERM is dumb', {TERM: 'dumb'}],
  ])('refuses when %s, even on a terminal', async (reason, env) => {
    const {code, stderr} = await runAsTerminal(['explore'], env);
    expect(code).toBe(2);
    expect(stderr).toContain(`explore needs an interactive terminal (${reason})`);
    expect(stderr.split('\n')).toHaveLength(2);
  });

  it('decides interactivity from both streams and the environment', () => {
    const tty = {isTTY: true} as CliIo['stdin'];
    const io = (stdinTTY: boolean, stdoutTTY: boolean, env: NodeJS.ProcessEnv = {}) =>
      notInteractiveReason({
        stdin: stdinTTY ? tty : ({} as CliIo['stdin']),
        stdout: {write: () => true, isTTY: stdoutTTY},
        env,
      });
    expect(io(true, true)).toBeUndefined();
    expect(io(true, true, {CI: 'false'})).toBeUndefined();
    expect(io(true, true, {CI: '0'})).toBeUndefined();
    expect(io(true, true, {CI: '1'})).toBe('CI is set');
    expect(io(false, true)).toBe('stdin is not a terminal');
    expect(io(true, false)).toBe('stdout is not a terminal');
  });

  it('a bad task definition fails as estimate fails, before the screen changes', async () => {
    const {code, stdout, stderr} = await runAsTerminal(['explore', 'data/examples/nope.json']);
    expect([code, stdout]).toEqual([1, '']);
    expect(stderr).toMatch(/^fargate-cost: .*data\/examples\/nope\.json.*\n$/);
  });

  it('refuses "-": stdin is the keyboard', async () => {
    const {code, stderr} = await runAsTerminal(['explore', '-']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/explore reads the keyboard from stdin, so it cannot read input from "-"/);
  });

  it('checks --region like the other commands', async () => {
    const {code, stderr} = await runAsTerminal(['explore', '--region', 'moon-1']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/region "moon-1" is not an AWS region code/);
  });

  it('a region the catalog lacks fails before the screen changes, naming the nearest', async () => {
    const {code, stdout, stderr} = await runAsTerminal(['explore', '--region', 'eu-west-9']);
    expect([code, stdout]).toEqual([4, '']);
    expect(stderr).toMatch(/region eu-west-9 is not in the price catalog/);
  });

  it('the binary, piped, fails fast without loading ink', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fc-explore-imports-'));
    const log = join(dir, 'imports.txt');
    writeFileSync(log, '');
    const result = spawnSync(
      process.execPath,
      [
        '--import',
        './test/helpers/record-imports.mjs',
        'dist/cli/main.js',
        'explore',
        'data/examples/web-service.json',
      ],
      {
        encoding: 'utf8',
        env: {...process.env, RECORD_IMPORTS: log, FARGATE_COST_CACHE_DIR: '/nonexistent/x'},
      },
    );
    const urls = readFileSync(log, 'utf8').split('\n');
    rmSync(dir, {recursive: true, force: true});
    expect([result.status, result.stdout]).toEqual([2, '']);
    expect(result.stderr).toMatch(/^fargate-cost: explore needs an interactive terminal \(stdin is not a terminal\)/);
    expect(urls.filter((url) => url.includes('/node_modules/ink/') || url.includes('/node_modules/react/'))).toEqual(
      [],
    );
    // The hook does record what the command loads (so the empty list above means something).
    expect(urls.some((url) => url.includes('/dist/cli/commands/explore-action.js'))).toBe(true);
  });
});

/** An io for reading explore's inputs (no terminal needed: nothing is drawn). */
function readerIo(env: NodeJS.ProcessEnv = {}): CliIo {
  return {
    stdout: {write: () => true, isTTY: true},
    stderr: {write: () => true},
    stdin: Object.assign(Readable.from([]), {isTTY: true}) as unknown as CliIo['stdin'],
    env: {FARGATE_COST_CACHE_DIR: '/nonexistent/fargate-cost-test-cache', ...NO_AWS_FILES, ...env},
    now: () => new Date('2026-11-24T12:00:00Z'),
  };
}

describe('what explore opens with', () => {
  it('a history opens the History view, and the Estimate view starts from its costliest workload', async () => {
    const read = await readExploreInputs(['data/examples/history'], {asOf: '2026-11-04T00:00:00Z'}, readerIo());
    expect(read.history?.result.tasks).toMatchObject({billed: 14, running: 5});
    // Every run is kept for the History view to list; compare's input is the history's.
    expect(read.history?.result.runs?.runs).toHaveLength(14);
    expect('error' in read.history!.compareInput).toBe(false);
    const top = read.history!.result.components[0]!;
    expect(read.estimate.specs.map((spec) => [spec.name, spec.cpuUnits, spec.memoryMiB, spec.region])).toEqual([
      [top.name, top.latest.size.cpuUnits, top.latest.size.memoryMiB, top.latest.region],
    ]);
  });

  it('--rightsized: Compare of the history prices its workloads at the recommended sizes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'explore-rightsized-'));
    const file = join(dir, 'rightsized.json');
    writeFileSync(
      file,
      JSON.stringify({
        kind: 'rightsize',
        recommendations: [
          {
            name: 'web',
            by: 'service',
            cluster: 'prod',
            region: null,
            current: {cpu: 1024, memory: 2048},
            recommended: {cpu: 512, memory: 1024},
            reason: {code: 'shrink'},
          },
        ],
      }),
    );
    const read = await readExploreInputs(
      ['data/examples/history'],
      {asOf: '2026-11-04T00:00:00Z', rightsized: file},
      readerIo(),
    );
    const input = read.history!.compareInput;
    if ('error' in input) throw new Error(input.error);
    expect(input.notes?.at(-1)).toMatchObject({
      kind: 'rightsized',
      sizes: [{component: 'web', to: {cpu: 512, memory: 1024}}],
    });
  });

  it('shows the history being read on a terminal`s stderr, and clears it before the screen is drawn', async () => {
    let stderr = '';
    let ms = 0;
    const io: CliIo = {
      ...readerIo(),
      stderr: {write: (text: string) => (stderr += text), isTTY: true},
      clock: () => (ms += 1000),
    };
    const flags = {asOf: '2026-11-04T00:00:00Z'};
    await readExploreInputs(['data/examples/history'], flags, io);
    const drawn = stderr.split('\r\u001B[K');
    expect(drawn.at(-3)).toMatch(/^reading history: \d+ records, 54\.0 of 54\.0 kB \(100%\), \d+ tasks billed$/);
    expect(drawn.at(-2)).toMatch(/^pricing the runs and grouping them: \d+ records, 54\.0 of 54\.0 kB \(100%\)/);
    expect(drawn.at(-1)).toBe('');
    stderr = '';
    await readExploreInputs(['data/examples/history'], {...flags, quiet: true}, io);
    expect(stderr).toBe('');
  });

  it('task definitions and a history together: both, each read as its command reads it', async () => {
    const read = await readExploreInputs(
      ['data/examples/web-service.json', 'data/examples/history/events.ndjson'],
      {asOf: '2026-11-04T00:00:00Z'},
      readerIo(),
    );
    expect(read.estimate.specs.map((spec) => spec.name)).toEqual(['web']);
    expect(read.history?.result.sources.map((source) => source.path)).toEqual(['data/examples/history/events.ndjson']);
  });

  it('a bill opens the Bill view with compare of the bill; the Estimate view starts from 1 vCPU and 2 GB', async () => {
    const read = await readExploreInputs(['test/fixtures/bill/cur2.parquet'], {}, readerIo());
    expect(read.history).toBeUndefined();
    // The fixture's figures, worked by hand in test/fixtures/bill/README.md.
    expect(read.bill?.result.totals.paid.toString()).toBe('1.3476601474');
    expect(read.bill?.result.groups.map((row) => [row.key, row.tasks])).toEqual([
      ['service:api', 1],
      ['cluster:batch', 6],
    ]);
    expect('error' in read.bill!.compareInput).toBe(false);
    expect(read.estimate.specs.map((spec) => [spec.cpuUnits, spec.memoryMiB])).toEqual([[1024, 2048]]);
  });

  it("a bill's export folder reads as history reads it, and --from/--to cut its window", async () => {
    const folder = await readExploreInputs(['test/fixtures/bill/export'], {}, readerIo());
    expect(folder.bill?.result.totals.paid.toString()).toBe('1.3476601474');
    // From 2026-11-29: api-service's day alone, 23 On-Demand hours at 0.04937 and one hour
    // half-covered: 23 × 0.04937 + 0.016192 + 0.003556 + 0.02024 + 0.004445 = 1.179943.
    const day = await readExploreInputs(['test/fixtures/bill/cur2.csv.gz'], {from: '2026-11-29'}, readerIo());
    expect(day.bill?.result.totals.paid.toString()).toBe('1.179943');
    expect(day.bill?.result.totals.vcpuHours.toString()).toBe('24');
  });

  it.each([
    [
      ['explore', 'test/fixtures/bill/cur2.parquet', 'data/examples/history', '--to', '2026-11-03'],
      2,
      'with a history and a bill, explore reconciles the whole of both: --from, --to and --service do not apply',
    ],
    [
      ['explore', 'test/fixtures/bill/cur2.parquet', '--service', 'web'],
      2,
      '--service, --as-of and --skip-invalid apply to a task history, not a bill',
    ],
  ])('%j exits %i with one line, before the screen changes', async (argv, exitCode, message) => {
    const {code, stdout, stderr} = await runAsTerminal(argv);
    expect([code, stdout]).toEqual([exitCode, '']);
    expect(stderr).toContain(message);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it.each([
    [['explore', '--service', 'web'], 2, '--service, --from, --to, --as-of and --skip-invalid apply to a history'],
    [['explore', 'data/examples/history', '--as-of', 'yesterday'], 2, '--as-of "yesterday" is not a time'],
  ])('%j exits %i with one line, before the screen changes', async (argv, exitCode, message) => {
    const {code, stdout, stderr} = await runAsTerminal(argv);
    expect([code, stdout]).toEqual([exitCode, '']);
    expect(stderr).toContain(message);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

/**
 * What only reading finds wrong fails once the app has mounted (its loading screen is up): the load
 * rejects with the error the command prints, exit code and all. The command line passed the checks
 * made before mounting. The tmux test sees the line printed and the terminal restored.
 */
async function loadFailure(paths: string[], flags: ExploreFlags, env: NodeJS.ProcessEnv = {}) {
  const prepared = await prepareExploreInputs(paths, flags, readerIo(env));
  const error = await prepared
    .load((_task, work) => work(undefined))
    .then(
      () => undefined,
      (failure: unknown) => failure,
    );
  if (!isUserError(error)) throw new Error(`expected a UserError, got ${String(error)}`);
  return {exitCode: error.exitCode, line: userErrorText(error).message};
}

describe('what explore finds wrong only by reading', () => {
  it('a bill with no Fargate usage in --from/--to: exit 1, one line', async () => {
    const failure = await loadFailure(['test/fixtures/bill/cur2.parquet'], {from: '2027-01-01', to: '2027-02-01'});
    expect(failure).toEqual({exitCode: 1, line: 'the bill has no Fargate usage (100 line items read)'});
  });

  it('a history with no billed Fargate task: exit 1, one line', async () => {
    const failure = await loadFailure(
      ['test/fixtures/aws-samples/ecs/describe-tasks__cli-v2-iso-local__ec2-running.json'],
      {},
    );
    expect(failure).toEqual({
      exitCode: 1,
      line: 'the history has no billed Fargate task (1 record read; not billed: 1 EC2, external or managed-instance launch type (not Fargate))',
    });
  });
});

describe('explore --cluster (through AWS_ENDPOINT_URL_ECS to a local fake)', () => {
  const serve = fakeEcsPerTest();

  it('reads the cluster live, as history --cluster does, with the services for the steady state', async () => {
    const server = await serve({
      tasks: Array.from({length: 120}, (_, i) => wireTask(i)),
      pageSize: 50,
      services: [fargateService('web', {desiredCount: 2})],
    });
    const read = await readExploreInputs([], {cluster: 'prod', asOf: '2026-11-02T06:00:00Z'}, readerIo(server.env));
    expect(read.history?.result.sources).toEqual([
      {path: 'ecs:prod (us-east-1)', format: 'live', records: 120, invalid: 0, ignored: 0},
    ]);
    expect(read.history?.result.projection?.steadyState?.services.map((s) => s.name)).toEqual(['web']);
    expect(server.calls('DescribeTasks').map((call) => call.body.tasks.length)).toEqual([100, 20]);
  });

  it('names the IAM action AWS denied, on one line, exit 3 (once the loading screen is up)', async () => {
    const {env} = await serve({
      tasks: [wireTask(0)],
      fail: (request) =>
        request.api === 'ListTasks'
          ? {status: 400, type: 'AccessDeniedException', message: 'not authorized to perform: ecs:ListTasks'}
          : undefined,
    });
    const failure = await loadFailure([], {cluster: 'prod'}, env);
    expect(failure.exitCode).toBe(3);
    expect(failure.line).toMatch(/^AWS denied ecs:ListTasks/);
  });
});
