import {spawn, spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {once} from 'node:events';
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';

// The built binary, as a user runs it (npm install builds it through `prepare`).
const bin = 'dist/cli/main.js';

function fargateCost(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: {...process.env, FARGATE_COST_CACHE_DIR: '/nonexistent/fargate-cost-test', NO_COLOR: '1', ...env},
  });
  return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

describe('the fargate-cost binary', () => {
  it('is built (run npm run build)', () => expect(existsSync(bin)).toBe(true));

  it('estimates a README example', () => {
    const {code, stdout, stderr} = fargateCost(['estimate', 'data/examples/web-service.json']);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toMatch(/On-Demand\s+\$36\.04/);
  });

  it('prints bad input on one line, exits non-zero, no stack trace', () => {
    const {code, stdout, stderr} = fargateCost(['estimate', '--cpu', '0.25', '--memory', '3']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'fargate-cost: task memory 3 GB is not valid for 0.25 vCPU; valid: 0.5, 1, 2 GB (nearest valid size: 0.5 vCPU, 3 GB)\n',
    );
  });

  it('lets no SDK warning onto the terminal: a failing live read is one line, exit 3', () => {
    // The test setup silences the SDK's Node version notice for the whole run; the binary must do it itself.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      FARGATE_COST_CACHE_DIR: '/nonexistent/fargate-cost-test',
      AWS_ACCESS_KEY_ID: 'AKIDFAKE',
      AWS_SECRET_ACCESS_KEY: 'fake',
      AWS_CONFIG_FILE: '/nonexistent/config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_MAX_ATTEMPTS: '1',
      AWS_ENDPOINT_URL_ECS: 'http://127.0.0.1:9',
    };
    delete env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'];
    delete env['AWS_PROFILE'];
    const result = spawnSync(process.execPath, [bin, 'history', '--cluster', 'prod', '--region', 'us-east-1'], {
      encoding: 'utf8',
      env,
    });
    expect([result.status, result.stdout]).toEqual([3, '']);
    expect(result.stderr).toMatch(
      /^fargate-cost: could not reach AWS for ecs:ListTasks at http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED[^\n]*\n$/,
    );
  });

  it("turns the SDK's own multi-line warnings into one line each", () => {
    // AWS_PROFILE and static keys both set: the SDK warns, over nine lines, that it picks the profile.
    const dir = mkdtempSync(join(tmpdir(), 'fc-warn-'));
    writeFileSync(join(dir, 'config'), '[profile dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = dev\n');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      FARGATE_COST_CACHE_DIR: '/nonexistent/fargate-cost-test',
      AWS_PROFILE: 'dev',
      AWS_ACCESS_KEY_ID: 'AKIDFAKE',
      AWS_SECRET_ACCESS_KEY: 'fake',
      AWS_CONFIG_FILE: join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_MAX_ATTEMPTS: '1',
      AWS_ENDPOINT_URL_ECS: 'http://127.0.0.1:9',
    };
    const result = spawnSync(process.execPath, [bin, 'history', '--cluster', 'prod'], {encoding: 'utf8', env});
    rmSync(dir, {recursive: true, force: true});
    expect([result.status, result.stdout]).toEqual([3, '']);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^fargate-cost: warning: @aws-sdk\/credential-provider-node - defaultProvider::fromEnv WARNING: Multiple credential sources detected: Both AWS_PROFILE and the pair/,
    );
    expect(lines[1]).toMatch(/^fargate-cost: could not reach AWS for ecs:ListTasks at http:\/\/127\.0\.0\.1:9 /);
  });

  it('has --help and --version', () => {
    expect(fargateCost(['--help']).stdout).toMatch(/Usage: fargate-cost/);
    expect(fargateCost(['--version'])).toMatchObject({code: 0, stdout: '0.1.0\n'});
  });

  it('does not load the AWS SDK or ink for an offline command, but does load the SDK for a live one', () => {
    const loaded = (args: string[]) => {
      const dir = mkdtempSync(join(tmpdir(), 'fc-imports-'));
      const log = join(dir, 'imports.txt');
      writeFileSync(log, '');
      spawnSync(process.execPath, ['--import', './test/helpers/record-imports.mjs', bin, ...args], {
        encoding: 'utf8',
        env: {
          ...process.env,
          RECORD_IMPORTS: log,
          FARGATE_COST_CACHE_DIR: '/nonexistent/x',
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_ACCESS_KEY_ID: '',
          AWS_PROFILE: undefined,
          AWS_CONFIG_FILE: '/nonexistent/config',
          AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
          AWS_ENDPOINT_URL_ECS: 'http://127.0.0.1:9',
        },
      });
      const urls = readFileSync(log, 'utf8').split('\n');
      rmSync(dir, {recursive: true, force: true});
      // The SDK, its HTTP handler and the proxy agent come with a live call; ink with explore.
      return urls.filter((url) =>
        /\/node_modules\/(@aws-sdk\/|@smithy\/node-http-handler\/|https?-proxy-agent\/|proxy-from-env\/|ink\/)/.test(
          url,
        ),
      );
    };
    expect(loaded(['estimate', '--cpu', '1', '--memory', '2'])).toEqual([]);
    expect(loaded(['history', 'data/examples/history', '--as-of', '2026-11-04T00:00:00Z', '--format', 'json'])).toEqual(
      [],
    );
    expect(loaded(['prices', 'show', '--region', 'us-east-1'])).toEqual([]);
    expect(loaded(['prices', 'diff', 'embedded', 'embedded'])).toEqual([]);
    // The hook does see the SDK when a command needs it (so the empty lists above mean something).
    expect(
      loaded(['estimate', '--task-definition', 'web:1', '--region', 'us-east-1']).some((url) =>
        url.includes('@aws-sdk/client-ecs'),
      ),
    ).toBe(true);
    const live = loaded(['history', '--cluster', 'prod', '--region', 'us-east-1']);
    expect(live.some((url) => url.includes('@aws-sdk/client-ecs'))).toBe(true);
    expect(live.some((url) => url.includes('/node_modules/proxy-from-env/'))).toBe(true);
  });

  it('reads the embedded snapshot its build checked without loading the schema library; a changed file is checked whole', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fc-zod-'));
    const zodLoaded = (args: string[]) => {
      const log = join(dir, 'imports.txt');
      writeFileSync(log, '');
      const result = spawnSync(process.execPath, ['--import', './test/helpers/record-imports.mjs', bin, ...args], {
        encoding: 'utf8',
        env: {...process.env, RECORD_IMPORTS: log, FARGATE_COST_CACHE_DIR: '/nonexistent/x'},
      });
      const zod = readFileSync(log, 'utf8').includes('/node_modules/zod/');
      return {code: result.status, stderr: result.stderr, zod};
    };
    try {
      const text = readFileSync('data/catalog.json', 'utf8');
      expect(readFileSync('dist/embedded-catalog.sha256', 'utf8').trim()).toBe(
        createHash('sha256').update(text).digest('hex'),
      );
      expect(zodLoaded(['estimate', '--cpu', '1', '--memory', '2'])).toEqual({code: 0, stderr: '', zod: false});
      expect(zodLoaded(['diff', 'test/fixtures/diff/base.yaml', 'test/fixtures/diff/head.yaml']).zod).toBe(false);
      // Any other file is checked with the schema: a date that does not exist is refused.
      const edited = join(dir, 'catalog.json');
      writeFileSync(edited, text.replace(/"generatedAt": "[^"]+"/, '"generatedAt": "2026-02-30T00:00:00.000Z"'));
      const other = zodLoaded(['estimate', '--cpu', '1', '--memory', '2', '--catalog', edited]);
      expect(other).toMatchObject({code: 1, zod: true});
      expect(other.stderr).toMatch(/is not valid: generatedAt/);
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });
});

/**
 * Runs the binary with its stdout on a pipe whose reader goes away after `keep` bytes (0: before
 * the binary writes anything, so every write meets a closed pipe).
 */
async function withReaderGone(args: string[], keep: number) {
  const child = spawn(process.execPath, [bin, ...args], {
    env: {...process.env, FARGATE_COST_CACHE_DIR: '/nonexistent/fargate-cost-test', NO_COLOR: '1'},
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  let read = 0;
  if (keep === 0) child.stdout.destroy();
  else
    child.stdout.on('data', (chunk: Buffer) => {
      read += chunk.length;
      if (read >= keep) child.stdout.destroy();
    });
  const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
  if (!child.stderr.closed) await once(child.stderr, 'close');
  return {code, signal, stderr};
}

describe('a reader that goes away (fargate-cost ... | head)', () => {
  const AS_OF = ['--as-of', '2026-11-04T00:00:00Z'];
  const COMMANDS: string[][] = [
    ['estimate', 'data/examples/web-service.json'],
    ['history', 'data/examples/history', ...AS_OF, '--format', 'json'],
    ['history', 'data/examples/history', ...AS_OF, '--format', 'csv'],
    ['compare', 'data/examples/history', ...AS_OF, '--format', 'markdown'],
    ['prices', 'show'],
    ['prices', 'diff', 'embedded', 'embedded'],
    ['--help'],
  ];

  it.each(COMMANDS.map((args) => [args.join(' '), args] as const))(
    'ends "%s" quietly, exit 0, when the pipe is closed before it writes',
    async (_, args) => {
      expect(await withReaderGone([...args], 0)).toEqual({code: 0, signal: null, stderr: ''});
    },
  );

  it.each(['json', 'csv'])(
    'ends a long history --format %s quietly, exit 0, when the reader leaves after 100 bytes',
    async (format) => {
      // 3,000 services: about 1.5 MB of JSON or 0.8 MB of CSV, far more than a pipe holds.
      const dir = mkdtempSync(join(tmpdir(), 'fc-pipe-'));
      const task = (JSON.parse(readFileSync('data/examples/history/describe-tasks.json', 'utf8')) as {tasks: any[]})
        .tasks[0];
      const lines = Array.from({length: 3000}, (_, i) =>
        JSON.stringify({
          ...task,
          taskArn: `${task.taskArn.slice(0, -8)}${i.toString(16).padStart(8, '0')}`,
          group: `service:svc-${i}`,
        }),
      );
      writeFileSync(join(dir, 'tasks.ndjson'), `${lines.join('\n')}\n`);
      try {
        expect(await withReaderGone(['history', join(dir, 'tasks.ndjson'), ...AS_OF, '--format', format], 100)).toEqual(
          {code: 0, signal: null, stderr: ''},
        );
      } finally {
        rmSync(dir, {recursive: true, force: true});
      }
    },
  );

  it('as in a shell: prices show | head -1', () => {
    const result = spawnSync(
      'bash',
      ['-c', `"${process.execPath}" ${bin} prices show | head -1; exit "\${PIPESTATUS[0]}"`],
      {
        encoding: 'utf8',
        env: {...process.env, FARGATE_COST_CACHE_DIR: '/nonexistent/fargate-cost-test', NO_COLOR: '1'},
      },
    );
    expect([result.status, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toMatch(/^Price catalog: embedded snapshot .*\n$/);
  });
});
