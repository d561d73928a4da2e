import {availableParallelism} from 'node:os';
import {Worker} from 'node:worker_threads';
import {type MeterOptions, type MeterState, mergeMeterStates} from '../../billing/meter.js';
import {UserError} from '../../errors.js';
import type {HistorySourceSummary} from '../../model/history.js';
import {type Problem, ProblemError} from '../../model/problems.js';
import type {WorkerInput} from './meter-worker.js';
import {type HistoryFiles, type InvalidExample, MAX_EXAMPLES, type ReadHistoryOutcome} from './read.js';

/**
 * Meters history files on several cores: each worker reads every file but parses and meters only the
 * tasks whose ARNs hash to it (`partition.ts`), so the workers share no task and their meters merge
 * into exactly what one meter over the whole input gives (`mergeMeterStates`). Their tallies add up,
 * line by line counted once; a malformed record is reported as the first one in input order.
 */

export interface ParallelRead {
  readonly state: MeterState;
  readonly outcome: ReadHistoryOutcome;
}

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

/** How many workers to meter `bytes` of history files with: FARGATE_COST_WORKERS, else by size and cores. */
export function workersFor(bytes: number, env: NodeJS.ProcessEnv): number {
  const setting = env['FARGATE_COST_WORKERS'];
  if (setting !== undefined && /^\s*\d+\s*$/.test(setting)) return Math.max(1, Math.min(64, Number(setting)));
  // Starting workers costs about 50 ms each; below this, one core is as fast.
  if (bytes < 32 * 2 ** 20) return 1;
  return Math.max(1, Math.min(availableParallelism(), 8));
}

function runWorker(input: WorkerInput): Promise<WorkerMessage> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./meter-worker.js', import.meta.url), {workerData: input});
    let message: WorkerMessage | undefined;
    worker.once('message', (received: WorkerMessage) => {
      message = received;
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
  options: {readonly meter: MeterOptions; readonly skipInvalid: boolean; readonly workers: number},
): Promise<ParallelRead> {
  const count = options.workers;
  const messages = await Promise.all(
    Array.from({length: count}, (_, index) =>
      runWorker({
        files: files.files,
        found: [...files.found],
        skippedFiles: files.skippedFiles,
        skipInvalid: options.skipInvalid,
        partition: {index, count},
        meter: options.meter,
      }),
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
