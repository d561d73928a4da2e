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
  /** Whether stderr is a terminal (where the progress line of long work is drawn), and its width. */
  readonly stderrTTY?: boolean;
  readonly stderrColumns?: number;
  /** The monotonic clock that paces the progress line (default: the real one). */
  readonly clock?: () => number;
  /** Run the built CLI (dist/) in-process: what starts worker threads needs their built files. */
  readonly built?: boolean;
}

const BUILT_RUN: string = '../../dist/cli/run.js';

/** A clock a second further on at each reading: every progress update is drawn. */
export function steppingClock(stepMs = 1000): () => number {
  let ms = 0;
  return () => (ms += stepMs);
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
    stderr: {
      write: (text: string) => (stderr += text),
      isTTY: options.stderrTTY ?? false,
      ...(options.stderrColumns === undefined ? {} : {columns: options.stderrColumns}),
    },
    stdin,
    // An empty cache dir keeps a developer's refreshed catalog out of the tests, and missing AWS files their profiles.
    env: {
      FARGATE_COST_CACHE_DIR: '/nonexistent/fargate-cost-test-cache',
      AWS_CONFIG_FILE: '/nonexistent/fargate-cost-test-aws/config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/fargate-cost-test-aws/credentials',
      ...options.env,
    },
    now: () => options.now ?? new Date('2026-11-24T12:00:00Z'),
    ...(options.clock === undefined ? {} : {clock: options.clock}),
  };
  const runner: typeof run = options.built ? (await import(BUILT_RUN)).run : run;
  const code = await runner(argv, io);
  return {code, stdout, stderr};
}
