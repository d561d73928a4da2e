import {availableParallelism, loadavg} from 'node:os';
import {Worker} from 'node:worker_threads';
import {type MeterOptions, type MeterState, mergeMeterStates} from '../../billing/meter.js';
import {UserError} from '../../errors.js';
import type {HistorySourceSummary} from '../../model/history.js';
import {type Problem, ProblemError} from '../../model/problems.js';
import type {WorkerInput} from './meter-worker.js';
import {
  type HistoryFiles,
  type InvalidExample,
  MAX_EXAMPLES,
  type ReadHistoryOutcome,
  type ReadProgress,
} from './read.js';

/**
 * Meters history files on several cores: each worker reads every file but parses and meters only the
 * tasks whose ARNs hash to it (`partition.ts`), so the workers share no task and their meters merge
 * into exactly what one meter over the whole input gives (`mergeMeterStates`). Their tallies add up,
 * line by line counted once; a malformed record is reported as the first one in input order. Asked
 * for progress, each worker posts how far it is as it reads (every MB or so).
 */

export interface ParallelRead {
  readonly state: MeterState;
  readonly outcome: ReadHistoryOutcome;
}

/** How far the whole read is: the bytes every worker has read at least, the records and billed tasks of all. */
export interface ParallelProgress extends ReadProgress {
  readonly billed: number;
}

export type WorkerProgress = {readonly kind: 'progress'} & ParallelProgress;

type WorkerMessage =
  | {readonly kind: 'done'; readonly state: MeterState; readonly outcome: ReadHistoryOutcome}
  | {
      readonly kind: 'failed';
      readonly message: string;
      readonly hint: string | undefined;
      readonly exitCode: number;
      /** A problem the core found, rebuilt as one on this side. */
      readonly problem: Problem | undefined;
      readonly position: number;
    };

/** The machine's cores and how busy they are (the 1-minute load average; 0 where the system has none). */
export interface Machine {
  readonly cores: number;
  readonly load: number;
}

/** The fewest idle cores worth reading on in parallel. */
export const MIN_PARALLEL = 3;

const thisMachine = (): Machine => ({cores: availableParallelism(), load: loadavg()[0] ?? 0});

/**
 * How many workers to meter `bytes` of history files with: FARGATE_COST_WORKERS, else one for small
 * input, else the cores the machine has idle (its cores less its load, rounded, at most 8) when there
 * are at least MIN_PARALLEL of them: every worker reads and splits every byte, so on two cores the
 * second saves about what the split costs (200,000 tasks: 3.18 s on two, 3.29 s on one, with 80 MB
 * more), and on a busy machine workers would only take turns on the same cores.
 */
export function workersFor(bytes: number, env: NodeJS.ProcessEnv, machine: Machine = thisMachine()): number {
  const setting = env['FARGATE_COST_WORKERS'];
  if (setting !== undefined && /^\s*\d+\s*$/.test(setting)) return Math.max(1, Math.min(64, Number(setting)));
  // Starting workers costs about 50 ms each; below this, one core is as fast.
  if (bytes < 32 * 2 ** 20) return 1;
  const idle = Math.round(machine.cores - machine.load);
  return idle >= MIN_PARALLEL ? Math.min(idle, 8) : 1;
}

function runWorker(input: WorkerInput, onProgress: (progress: WorkerProgress) => void): Promise<WorkerMessage> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./meter-worker.js', import.meta.url), {workerData: input});
    let message: WorkerMessage | undefined;
    worker.on('message', (received: WorkerMessage | WorkerProgress) => {
      if (received.kind === 'progress') onProgress(received);
      else message = received;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (message) resolve(message);
      else reject(new Error(`a history worker stopped with exit code ${code}`));
    });
  });
}

function mergeSummaries(all: readonly (readonly HistorySourceSummary[])[]): HistorySourceSummary[] {
  return all[0]!.map((summary, i) => ({
    ...summary,
    records: all.reduce((sum, summaries) => sum + summaries[i]!.records, 0),
    invalid: all.reduce((sum, summaries) => sum + summaries[i]!.invalid, 0),
    ignored: all.reduce((sum, summaries) => sum + summaries[i]!.ignored, 0),
  }));
}

export async function meterInParallel(
  files: HistoryFiles,
  options: {
    readonly meter: MeterOptions;
    readonly skipInvalid: boolean;
    readonly workers: number;
    readonly onProgress?: ((progress: ParallelProgress) => void) | undefined;
  },
): Promise<ParallelRead> {
  const count = options.workers;
  const {onProgress} = options;
  // Each worker reads every byte: the read is as far as the slowest; records and tasks are each one worker's.
  const latest: ParallelProgress[] = Array.from({length: count}, () => ({bytes: 0, records: 0, billed: 0}));
  const report = (index: number, progress: WorkerProgress) => {
    latest[index] = progress;
    onProgress?.({
      bytes: Math.min(...latest.map((worker) => worker.bytes)),
      records: latest.reduce((sum, worker) => sum + worker.records, 0),
      billed: latest.reduce((sum, worker) => sum + worker.billed, 0),
    });
  };
  const messages = await Promise.all(
    Array.from({length: count}, (_, index) =>
      runWorker(
        {
          files: files.files,
          found: [...files.found],
          skippedFiles: files.skippedFiles,
          skipInvalid: options.skipInvalid,
          partition: {index, count},
          meter: options.meter,
          progress: onProgress !== undefined,
        },
        (progress) => report(index, progress),
      ),
    ),
  );
  const failures = messages.filter((m) => m.kind === 'failed');
  if (failures.length > 0) {
    const first = failures.reduce((a, b) => (b.position < a.position ? b : a));
    if (first.problem) throw new ProblemError(first.problem);
    throw new UserError(first.message, {
      exitCode: first.exitCode,
      ...(first.hint === undefined ? {} : {hint: first.hint}),
    });
  }
  const done = messages.filter((m) => m.kind === 'done');
  const examples: InvalidExample[] = done
    .flatMap((m) => m.outcome.invalidExamples)
    .sort((a, b) => a.position - b.position)
    .slice(0, MAX_EXAMPLES);
  return {
    state: done.map((m) => m.state).reduce((a, b) => mergeMeterStates(a, b, options.meter.top ?? 0)),
    outcome: {
      sources: mergeSummaries(done.map((m) => m.outcome.sources)),
      invalidExamples: examples,
      skippedFiles: done[0]!.outcome.skippedFiles,
      services: done[0]!.outcome.services,
    },
  };
}
