import {type ChildProcess, spawn} from 'node:child_process';
import {once} from 'node:events';
import {afterEach, describe, expect, it} from 'vitest';
import {QUERY_ID, startFakeAthena} from '../sources/athena/fake-athena.js';

/**
 * Ctrl-C during `history --athena`, as a user presses it: the built binary runs in a child process
 * against the fake Athena, and gets SIGINT while its query is RUNNING (once the fake has seen the
 * first GetQueryExecution, so the query has started whatever the machine's load). Every wait is for
 * something the child or the fake does, never for a length of time.
 */

const bin = 'dist/cli/main.js';

function cliEnv(url: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    FARGATE_COST_CACHE_DIR: '/nonexistent/fargate-cost-test',
    NO_COLOR: '1',
    AWS_ENDPOINT_URL_ATHENA: url,
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'secret',
    AWS_REGION: 'eu-west-1',
    AWS_CONFIG_FILE: '/nonexistent/config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
    AWS_EC2_METADATA_DISABLED: 'true',
    FARGATE_COST_ATHENA_POLL_MS: '20',
  };
  delete env['AWS_PROFILE'];
  return env;
}

interface Run {
  readonly child: ChildProcess;
  readonly ended: Promise<{code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string}>;
}

function start(args: readonly string[], url: string): Run {
  const child = spawn(process.execPath, [bin, ...args], {env: cliEnv(url), stdio: ['ignore', 'pipe', 'pipe']});
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const ended = once(child, 'close').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
    stdout,
    stderr,
  }));
  return {child, ended};
}

describe('Ctrl-C during history --athena (the built binary)', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function running(options: {holdStop?: boolean} = {}) {
    const fake = await startFakeAthena({states: ['RUNNING'], header: [], rows: [], pageSize: 1000, ...options});
    cleanup.push(fake.close);
    const run = start(['history', '--athena', 'cur.data'], fake.url);
    cleanup.push(() => {
      if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
    });
    await fake.first('GetQueryExecution');
    return {fake, run};
  }

  it('stops the running query, says so on one line, and exits 130', async () => {
    const {fake, run} = await running();
    expect(fake.calls('StopQueryExecution')).toEqual([]);
    run.child.kill('SIGINT');
    const {code, signal, stdout, stderr} = await run.ended;
    expect({code, signal, stdout, stderr}).toEqual({
      code: 130,
      signal: null,
      stdout: '',
      stderr: `fargate-cost: stopped the Athena query ${QUERY_ID}\n`,
    });
    expect(fake.calls('StopQueryExecution').map((call) => call.body)).toEqual([{QueryExecutionId: QUERY_ID}]);
  });

  it('exits 130 at once on a second Ctrl-C, while the query is being stopped', async () => {
    const {fake, run} = await running({holdStop: true});
    run.child.kill('SIGINT');
    // The fake holds StopQueryExecution unanswered: only the second Ctrl-C can end the run now.
    await fake.first('StopQueryExecution');
    run.child.kill('SIGINT');
    const {code, signal, stdout, stderr} = await run.ended;
    expect({code, signal, stdout, stderr}).toEqual({code: 130, signal: null, stdout: '', stderr: ''});
    expect(fake.calls('StopQueryExecution').map((call) => call.body)).toEqual([{QueryExecutionId: QUERY_ID}]);
  });

  it('says when the query could not be stopped, and how to stop it', async () => {
    // StopQueryExecution never answered: its own deadline ends the wait, and the run ends with 130.
    const {run} = await running({holdStop: true});
    run.child.kill('SIGINT');
    const {code, stderr} = await run.ended;
    expect(code).toBe(130);
    expect(stderr).toBe(
      `fargate-cost: the Athena query ${QUERY_ID} was interrupted but could not be stopped: it runs on until it ends ` +
        `(stop it in the Athena console, or with aws athena stop-query-execution --query-execution-id ${QUERY_ID})\n`,
    );
  }, 30_000);
});
