import {fit} from '../report/width.js';
import type {CliIo} from './io.js';

/**
 * The progress line of long work (reading history files, a live cluster, `prices refresh`): one line
 * on stderr, first drawn PROGRESS_DELAY_MS after the work starts (quicker work shows nothing), redrawn in
 * place at most every PROGRESS_INTERVAL_MS and cleared when the work ends or fails. Only on a terminal, and not with --quiet: a pipe or a log file gets nothing.
 */

/** What the line shows: running totals, each left out until something reports it. */
export interface ProgressFigures {
  /** What is being done: "reading history", "reading cluster prod", "refreshing prices". */
  readonly task: string;
  readonly records?: number | undefined;
  readonly bytes?: number | undefined;
  /** The size of the files being read, when known (not for standard input). */
  readonly totalBytes?: number | undefined;
  /** Tasks billed so far (those seen stopped; running ones are billed at the end). */
  readonly billed?: number | undefined;
  /** Tasks a live read has listed (ListTasks). */
  readonly listed?: number | undefined;
  readonly regions?: number | undefined;
  readonly totalRegions?: number | undefined;
  readonly calls?: number | undefined;
  readonly retries?: number | undefined;
}

export interface Progress {
  /** Sets figures; the line is redrawn now if it is old enough, else once the interval has passed. */
  update(figures: Partial<ProgressFigures>): void;
  /** Counts an AWS call, or a retry of one (the listener the AWS clients take). */
  awsCall(kind: 'call' | 'retry'): void;
  /** Clears the line for good. */
  end(): void;
  /**
   * Before work that holds the thread for a while (billing what was read): resolves once what was
   * reported is on screen, so the words say what is being done while nothing else can be drawn.
   */
  shown(): Promise<void>;
}

/** ink draws at most once every 17 ms (maxFps 60): a little more, and the loading screen has drawn the last report. */
export const LOADING_FRAME_MS = 25;

export const PROGRESS_INTERVAL_MS = 100;
/** Work that ends sooner shows no line at all: a line drawn and cleared at once is only a flash. */
export const PROGRESS_DELAY_MS = 250;
const CLEAR_LINE = '\r\u001B[K';

const plural = (count: number, one: string, many = `${one}s`) =>
  `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;

const UNITS = [
  [1e9, 'GB'],
  [1e6, 'MB'],
  [1e3, 'kB'],
] as const;

/** Bytes in the unit of `scale` (the total, when there is one): "45.2 of 497.0 MB", "812 B". */
function sizes(bytes: number, total?: number): string {
  const scale = total ?? bytes;
  const unit = UNITS.find(([size]) => scale >= size);
  const show = (n: number) => (unit ? (n / unit[0]).toFixed(1) : n.toLocaleString('en-US'));
  const name = unit ? unit[1] : 'B';
  return total === undefined ? `${show(bytes)} ${name}` : `${show(bytes)} of ${show(total)} ${name}`;
}

/** The line's text: "reading history: 12,000 records, 4.5 of 10.0 MB (45%), 11,000 tasks billed". */
export function progressText(figures: ProgressFigures): string {
  const {records, bytes, totalBytes, billed, listed, regions, totalRegions, calls, retries} = figures;
  const parts: string[] = [];
  if (listed !== undefined) parts.push(`${plural(listed, 'task')} listed`);
  if (records !== undefined) parts.push(plural(records, 'record'));
  if (bytes !== undefined) {
    const percent = totalBytes ? ` (${Math.min(100, Math.floor((bytes * 100) / totalBytes))}%)` : '';
    parts.push(`${sizes(bytes, totalBytes)}${percent}`);
  }
  if (billed !== undefined) parts.push(`${plural(billed, 'task')} billed`);
  if (totalRegions !== undefined)
    parts.push(`${(regions ?? 0).toLocaleString('en-US')} of ${plural(totalRegions, 'region')}`);
  if (calls !== undefined) parts.push(plural(calls, 'AWS call'));
  if (retries) parts.push(plural(retries, 'retry', 'retries'));
  return parts.length === 0 ? `${figures.task}...` : `${figures.task}: ${parts.join(', ')}`;
}

/**
 * The progress line of a command, or undefined when there is to be none: stderr is not a terminal,
 * or --quiet. Its clock (monotonic milliseconds) is the CliIo's, so tests drive the throttling.
 */
export function createProgress(
  io: Pick<CliIo, 'stderr' | 'clock'>,
  quiet: boolean | undefined,
  task: string,
): Progress | undefined {
  if (quiet || !io.stderr.isTTY) return undefined;
  const clock = io.clock ?? (() => performance.now());
  const figures: {-readonly [K in keyof ProgressFigures]: ProgressFigures[K]} = {task};
  // As if drawn so that the first draw comes PROGRESS_DELAY_MS after the start.
  let drawnAt = clock() - PROGRESS_INTERVAL_MS + PROGRESS_DELAY_MS;
  let shown = '';
  let timer: NodeJS.Timeout | undefined;
  let ended = false;

  const draw = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    drawnAt = clock();
    const columns = io.stderr.columns;
    // One character short of the width: a line that fills it would wrap, and \r would then clear only its end.
    const text = fit(progressText(figures), columns !== undefined && columns > 1 ? columns - 1 : Infinity);
    if (text === shown) return;
    shown = text;
    io.stderr.write(CLEAR_LINE + text);
  };

  const progress: Progress = {
    update(changes) {
      if (ended) return;
      Object.assign(figures, changes);
      const since = clock() - drawnAt;
      if (since >= PROGRESS_INTERVAL_MS) draw();
      else if (timer === undefined) {
        // What changed within the interval is drawn at its end, even if nothing else comes (a retry's wait).
        timer = setTimeout(draw, PROGRESS_INTERVAL_MS - since);
        timer.unref();
      }
    },
    awsCall(kind) {
      if (kind === 'call') progress.update({calls: (figures.calls ?? 0) + 1});
      else progress.update({retries: (figures.retries ?? 0) + 1});
    },
    end() {
      if (ended) return;
      ended = true;
      if (timer !== undefined) clearTimeout(timer);
      if (shown !== '') io.stderr.write(CLEAR_LINE);
    },
    shown() {
      // Only a line already on screen is brought up to date: work that ends soon still shows none.
      if (!ended && timer !== undefined && shown !== '') draw();
      return Promise.resolve();
    },
  };
  return progress;
}

/** Runs `work` with a progress line (or none), and clears the line however the work ends. */
export async function withProgress<T>(
  io: Pick<CliIo, 'stderr' | 'clock'>,
  quiet: boolean | undefined,
  task: string,
  work: (progress: Progress | undefined) => Promise<T>,
): Promise<T> {
  const progress = createProgress(io, quiet, task);
  try {
    return await work(progress);
  } finally {
    progress?.end();
  }
}

/**
 * A Progress that hands each new text of the line to `show` instead of drawing it on stderr:
 * explore's loading screen shows the same words the commands' progress line does. No delay and no
 * throttle: the screen is redrawn at most once a frame whatever is reported.
 */
export function reportProgress(task: string, show: (text: string) => void): Progress {
  const figures: {-readonly [K in keyof ProgressFigures]: ProgressFigures[K]} = {task};
  let shown = '';
  let ended = false;
  const progress: Progress = {
    update(changes) {
      if (ended) return;
      Object.assign(figures, changes);
      const text = progressText(figures);
      if (text === shown) return;
      shown = text;
      show(text);
    },
    awsCall(kind) {
      if (kind === 'call') progress.update({calls: (figures.calls ?? 0) + 1});
      else progress.update({retries: (figures.retries ?? 0) + 1});
    },
    end() {
      ended = true;
    },
    shown: () => new Promise((resolve) => setTimeout(resolve, LOADING_FRAME_MS)),
  };
  progress.update({});
  return progress;
}
