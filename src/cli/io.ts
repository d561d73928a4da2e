import type {Style} from '../report/style.js';
import {createStyle} from '../report/style.js';

/** Everything a command touches outside the core, passed in so tests can run commands in-process. */
export interface CliIo {
  readonly stdout: {write(text: string): unknown; isTTY?: boolean; columns?: number};
  readonly stderr: {write(text: string): unknown; isTTY?: boolean};
  readonly stdin: NodeJS.ReadableStream & {isTTY?: boolean};
  readonly env: NodeJS.ProcessEnv;
  readonly now: () => Date;
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    now: () => new Date(),
  };
}

/**
 * A reader that goes away early (`fargate-cost prices show | head -1`) closes the pipe: the run ends
 * there, quietly and successfully, as `cat` or `grep` would. A closed stderr has no one left to tell
 * anything, so its writes are dropped and the run keeps its own exit code. Other write errors are not
 * ours to hide.
 */
export function endQuietlyOnClosedPipe(proc: Pick<NodeJS.Process, 'stdout' | 'stderr' | 'exit'>): void {
  const closed = (error: NodeJS.ErrnoException) => error.code === 'EPIPE';
  proc.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (!closed(error)) throw error;
    proc.exit(0);
  });
  proc.stderr.on('error', (error: NodeJS.ErrnoException) => {
    if (!closed(error)) throw error;
  });
}

/** Colour when writing to a terminal, unless NO_COLOR, TERM=dumb or --no-color; FORCE_COLOR forces it. */
export function styleFor(io: CliIo, colorFlag: boolean | undefined): Style {
  if (colorFlag === false) return createStyle(false);
  const env = io.env;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return createStyle(false);
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0') return createStyle(true);
  return createStyle(Boolean(io.stdout.isTTY) && env['TERM'] !== 'dumb');
}

/** The region the AWS CLI would use, for offline commands that need a default. */
export function environmentRegion(env: NodeJS.ProcessEnv): string | undefined {
  return env['AWS_REGION'] || env['AWS_DEFAULT_REGION'] || undefined;
}
