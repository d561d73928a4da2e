import {Readable} from 'node:stream';
import {run} from '../../src/cli/run.js';
import type {CliIo} from '../../src/cli/io.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly stdin?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly now?: Date;
  readonly isTTY?: boolean;
  /** The terminal's width, as a TTY's stdout says it. */
  readonly columns?: number;
}

/** Runs the CLI in-process, as `fargate-cost <argv>` would, capturing its output. */
export async function runCli(argv: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const stdin = Readable.from(options.stdin === undefined ? [] : [options.stdin]) as unknown as CliIo['stdin'];
  const io: CliIo = {
    stdout: {
      write: (text: string) => (stdout += text),
      isTTY: options.isTTY ?? false,
      ...(options.columns === undefined ? {} : {columns: options.columns}),
    },
    stderr: {write: (text: string) => (stderr += text)},
    stdin,
    // An empty cache dir keeps a developer's refreshed catalog out of the tests, and missing AWS files their profiles.
    env: {
      FARGATE_COST_CACHE_DIR: '/nonexistent/fargate-cost-test-cache',
      AWS_CONFIG_FILE: '/nonexistent/fargate-cost-test-aws/config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/fargate-cost-test-aws/credentials',
      ...options.env,
    },
    now: () => options.now ?? new Date('2026-11-24T12:00:00Z'),
  };
  const code = await run(argv, io);
  return {code, stdout, stderr};
}
