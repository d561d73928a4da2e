import {parentPort, workerData} from 'node:worker_threads';
import {createMeter, type MeterOptions} from '../../billing/meter.js';
import {UserError} from '../../errors.js';
import {ProblemError} from '../../model/problems.js';
import type {Partition} from './partition.js';
import type {WorkerProgress} from './parallel.js';
import {PositionedUserError, type ReadProgress, readHistoryFiles} from './read.js';

/**
 * One core's share of a history: reads every file, parses only the lines of the tasks whose ARNs
 * hash to its partition, meters them, and posts the finished meter and what it read; asked for
 * progress, also how far it is, every PROGRESS_BYTES read and at the end.
 */

export interface WorkerInput {
  readonly files: readonly string[];
  readonly found: readonly string[];
  readonly skippedFiles: number;
  readonly skipInvalid: boolean;
  readonly partition: Partition;
  readonly meter: MeterOptions;
  /** Post progress messages. */
  readonly progress: boolean;
}

/** How often a worker says how far it is: often enough for a line redrawn ten times a second. */
const PROGRESS_BYTES = 2 ** 20;

/** A file-level problem (an empty or unreadable file) counts as at the end of its file. */
const endOfFile = (file: number) => file * 2 ** 36 + (2 ** 36 - 1);

async function main(input: WorkerInput): Promise<void> {
  const meter = createMeter(input.meter);
  let posted = -Infinity;
  let last: ReadProgress = {bytes: 0, records: 0};
  const post = (read: ReadProgress) => {
    posted = read.bytes;
    const message: WorkerProgress = {kind: 'progress', ...read, billed: meter.billedCount};
    parentPort!.postMessage(message);
  };
  const onProgress = (read: ReadProgress) => {
    last = read;
    if (read.bytes - posted >= PROGRESS_BYTES) post(read);
  };
  const reader = readHistoryFiles(
    {files: input.files, found: new Set(input.found), skippedFiles: input.skippedFiles},
    {
      stdin: process.stdin,
      skipInvalid: input.skipInvalid,
      partition: input.partition,
      onProgress: input.progress ? onProgress : undefined,
    },
  );
  try {
    for await (const {records, positions} of reader) {
      for (let i = 0; i < records.length; i++) meter.add(records[i]!, positions[i]);
    }
    if (input.progress) post(last);
    parentPort!.postMessage({kind: 'done', state: meter.finish(), outcome: reader.outcome()});
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    parentPort!.postMessage({
      kind: 'failed',
      message: error.message,
      hint: error.hint,
      exitCode: error.exitCode,
      problem: error instanceof ProblemError ? error.problem : undefined,
      position: error instanceof PositionedUserError ? error.position : endOfFile(reader.currentFile),
    });
  }
}

await main(workerData as WorkerInput);
