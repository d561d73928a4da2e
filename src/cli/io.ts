import {WriteStream} from 'node:tty';
import {format} from 'node:util';
import {untrusted} from '../errors.js';
import type {Conversion} from '../model/currency.js';
import {moneyFormat} from '../report/money.js';
import type {Style} from '../report/style.js';
import {createStyle} from '../report/style.js';

/** Everything a command touches outside the core, passed in so tests can run commands in-process. */
export interface CliIo {
  readonly stdout: {write(text: string): unknown; isTTY?: boolean; columns?: number};
  readonly stderr: {write(text: string): unknown; isTTY?: boolean; columns?: number};
  readonly stdin: NodeJS.ReadableStream & {isTTY?: boolean};
  readonly env: NodeJS.ProcessEnv;
  readonly now: () => Date;
  /** Monotonic milliseconds, for pacing the progress line only (default: performance.now()). */
  readonly clock?: () => number;
  /** Ctrl-C, for a command that has work to undo before it ends (absent in tests run in-process). */
  readonly interrupts?: Interrupts | undefined;
}

export function processIo(interrupts?: Interrupts): CliIo {
  return {
    interrupts,
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    now: () => new Date(),
    clock: () => performance.now(),
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

/**
 * Who hears Ctrl-C while a command runs. A command with work to undo before it ends (an Athena
 * query to stop, billed by the data it scans) takes the first Ctrl-C for the time that work runs.
 */
export interface Interrupts {
  /**
   * While taken, a first Ctrl-C calls `onInterrupt` instead of ending the run, and the run has
   * `graceMs` to end on its own before it is ended with 130 anyway; a second Ctrl-C ends it at once.
   * Returns the function that gives Ctrl-C back.
   */
  take(onInterrupt: () => void, graceMs: number): () => void;
}

/**
 * Ctrl-C (SIGINT) ends the run as it would without a handler (exit 130), but first clears the line on
 * a terminal's stderr, where a progress line may be drawn: the shell's prompt comes on a clean line.
 * While a command has taken it (`Interrupts.take`), the first Ctrl-C is the command's to handle.
 * explore reads Ctrl-C as a key (raw mode), so this does not reach it.
 */
export function clearLineOnInterrupt(
  proc: Pick<NodeJS.Process, 'on' | 'exit'>,
  stderr: {write(text: string): unknown; isTTY?: boolean},
): Interrupts {
  let taker: {onInterrupt: () => void; graceMs: number} | undefined;
  let interrupted = false;
  proc.on('SIGINT', () => {
    if (stderr.isTTY) stderr.write('\r\u001B[K');
    if (taker === undefined || interrupted) {
      proc.exit(130);
      return;
    }
    interrupted = true;
    // The run ends on its own once the command has undone its work; if it does not, it is ended.
    setTimeout(() => proc.exit(130), taker.graceMs).unref();
    taker.onInterrupt();
  });
  return {
    take(onInterrupt, graceMs) {
      const mine = {onInterrupt, graceMs};
      taker = mine;
      return () => {
        if (taker === mine) taker = undefined;
      };
    },
  };
}

/**
 * Warnings of the libraries (the AWS SDK's console.warn, Node process warnings) reach the terminal
 * as one cleaned line each, once, instead of a raw block of lines between a result and its reader.
 * Process warnings replace Node's own printer (it is a 'warning' listener). On a terminal, a warning
 * first clears the line, where a progress line may be drawn (it is drawn again below).
 */
export function oneLineWarnings(
  proc: Pick<NodeJS.Process, 'on' | 'removeAllListeners'>,
  stderr: {write(text: string): unknown; isTTY?: boolean},
  target: Pick<Console, 'warn'> = console,
): void {
  const seen = new Set<string>();
  const warn = (text: string) => {
    const line = untrusted(text.replace(/\s+/g, ' ').trim(), 240);
    if (line === '' || seen.has(line)) return;
    seen.add(line);
    stderr.write(`${stderr.isTTY ? '\r\u001B[K' : ''}fargate-cost: warning: ${line}\n`);
  };
  proc.removeAllListeners('warning');
  proc.on('warning', (warning: Error) => warn(`${warning.name}: ${warning.message}`));
  target.warn = (...args: unknown[]) => warn(format(...args));
}

/**
 * Whether to colour, by Node's own rule (`tty.WriteStream#hasColors()`, which reads only the env it
 * is given): FORCE_COLOR 1, 2, 3, true or empty forces colour, even into a pipe, and any other value
 * (0, false) turns it off; without it, NO_COLOR, NODE_DISABLE_COLORS and TERM=dumb turn colour off,
 * and a terminal gets colour when its TERM has at least 16. --no-color wins over all of them.
 */
export function colorEnabled(io: Pick<CliIo, 'stdout' | 'env'>, colorFlag: boolean | undefined): boolean {
  if (colorFlag === false) return false;
  const force = io.env['FORCE_COLOR'];
  // FORCE_COLOR alone: Node would also warn that it overrides NO_COLOR, a warning meant for developers.
  if (force !== undefined) return WriteStream.prototype.hasColors(16, {FORCE_COLOR: force});
  return Boolean(io.stdout.isTTY) && WriteStream.prototype.hasColors(16, io.env);
}

/**
 * The width a table fits on a terminal: its columns, or COLUMNS where the terminal reports none (a
 * pseudo-terminal of 0×0, as `script` makes). A pipe or a file (not a terminal) gets undefined, every
 * column whole, so what a script reads does not depend on a window's size.
 */
export function terminalWidth(io: Pick<CliIo, 'stdout'> & Partial<Pick<CliIo, 'env'>>): number | undefined {
  if (!io.stdout.isTTY) return undefined;
  const columns = io.stdout.columns;
  if (columns !== undefined && columns > 0) return columns;
  const fromEnv = io.env?.['COLUMNS']?.trim() ?? '';
  return /^[1-9]\d{0,4}$/.test(fromEnv) ? Number(fromEnv) : undefined;
}

/** Colour as the terminal and flags say, and money in the currency asked for (US dollars without one). */
export function styleFor(
  io: Pick<CliIo, 'stdout' | 'env'>,
  colorFlag: boolean | undefined,
  conversion?: Conversion | undefined,
): Style {
  return createStyle(colorEnabled(io, colorFlag), moneyFormat(conversion));
}
