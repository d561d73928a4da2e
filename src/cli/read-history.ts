import {stat} from 'node:fs/promises';
import {
  createHistoryAggregator,
  finishInputOf,
  type HistoryOptions,
  type HistoryResult,
  historyResult,
  meterOptionsOf,
} from '../app/history.js';
import {UserError} from '../errors.js';
import type {HistorySource} from '../model/history.js';
import type {AwsOptions} from '../sources/aws/clients.js';
import {meterInParallel, workersFor} from '../sources/history/parallel.js';
import {
  expandHistoryPaths,
  fileOutcome,
  historyFileSource,
  type ReadProgress,
  readHistoryFiles,
} from '../sources/history/read.js';
import type {LiveProgress} from '../sources/ecs/history-live.js';
import type {Progress} from './progress.js';

/**
 * Reads a history from files, directories, standard input and/or a live cluster, and bills it: the
 * readers (sources/) yield the records in batches, which go into the use case's aggregator (app/).
 * What `history` runs, and what `compare` and `explore` call to read a history with the same inputs
 * and flags. A progress line, when there is one, is kept up to date as the readers go (chunk by chunk,
 * page by page, call by call).
 */

export interface HistoryInputs {
  /** Files, directories (read recursively) and "-" for standard input. */
  readonly paths: readonly string[];
  /** Read this cluster live (name or ARN). */
  readonly cluster?: string | undefined;
  /** Only these services (names): ListTasks filter when live, a group filter for every source. */
  readonly services?: readonly string[] | undefined;
}

export interface LoadHistoryOptions extends Omit<HistoryOptions, 'services' | 'fallbackRegion'> {
  readonly skipInvalid?: boolean;
  /** --region: the region of tasks whose ARNs name none. */
  readonly region?: string | undefined;
  /** How a live read (--cluster) reaches AWS, as the CLI resolved it (--region, profile, timeout). */
  readonly aws?: AwsOptions | undefined;
}

export interface HistoryIo {
  readonly stdin: NodeJS.ReadableStream;
  /** FARGATE_COST_WORKERS: how many cores meter large history files. */
  readonly env?: NodeJS.ProcessEnv;
  /** The progress line to keep up to date (on a terminal, without --quiet). */
  readonly progress?: Progress | undefined;
}

export async function loadHistory(
  inputs: HistoryInputs,
  options: LoadHistoryOptions,
  io: HistoryIo,
): Promise<HistoryResult> {
  const {progress} = io;
  const sources: HistorySource[] = [];
  let files = 0;
  let fileRecords = 0;
  const billing = {...options, services: inputs.services, fallbackRegion: options.region};
  const aggregator = createHistoryAggregator(billing);
  if (inputs.paths.length > 0) {
    const expanded = await expandHistoryPaths(inputs.paths);
    files = expanded.files.length;
    const stdin = expanded.files.includes('-');
    // Large files on several cores, when the files are all there is to read.
    const parallel = inputs.cluster === undefined && !stdin;
    const total = parallel || progress ? await totalBytes(expanded.files.filter((file) => file !== '-')) : 0;
    // A named pipe has no size: its total is unknown, as standard input's is.
    progress?.update({records: 0, bytes: 0, totalBytes: stdin || total === 0 ? undefined : total});
    if (parallel) {
      const workers = workersFor(total, io.env ?? {});
      if (workers > 1) {
        progress?.update({task: `reading history on ${workers} cores`, billed: 0});
        const meter = meterOptionsOf(billing);
        const read = await meterInParallel(expanded, {
          meter,
          skipInvalid: options.skipInvalid ?? false,
          workers,
          onProgress: progress && ((figures) => progress.update(figures)),
        });
        await billingShown(progress);
        return nothingValid(
          historyResult(read.state, billing, finishInputOf([fileOutcome(read.outcome)])),
          options.skipInvalid,
        );
      }
    }
    const onProgress =
      progress &&
      ((read: ReadProgress) => {
        fileRecords = read.records;
        // Both as of the chunk before this one: its records are metered once it is read.
        progress.update({...read, billed: aggregator.billedCount});
      });
    sources.push(
      historyFileSource(readHistoryFiles(expanded, {stdin: io.stdin, skipInvalid: options.skipInvalid, onProgress})),
    );
  }
  if (inputs.cluster !== undefined) {
    const {liveHistorySource} = await import('../sources/ecs/history-live.js');
    const aws: AwsOptions = {...(options.aws ?? {region: options.region}), onCall: progress?.awsCall};
    const cluster = inputs.cluster;
    const onProgress =
      progress &&
      ((live: LiveProgress) =>
        progress.update({
          task: `reading cluster ${cluster}`,
          listed: live.listed,
          records: fileRecords + live.records,
          bytes: undefined,
          totalBytes: undefined,
        }));
    sources.push(liveHistorySource({cluster, services: inputs.services, aws, onProgress}, files));
  }
  for (const source of sources) {
    for await (const batch of source) aggregator.addBatch(batch);
  }
  await billingShown(progress);
  const result = aggregator.finish(finishInputOf(sources.map((source) => source.outcome())));
  return nothingValid(result, options.skipInvalid);
}

/**
 * Everything is read; what is left (pricing every run, grouping, the profiles) holds the thread for
 * a while with a large history (about 0.6 s for 100,000 tasks): the progress says so first.
 */
async function billingShown(progress: Progress | undefined): Promise<void> {
  if (!progress) return;
  progress.update({task: 'pricing the runs and grouping them'});
  await progress.shown();
}

/** With --skip-invalid, a history with malformed records and nothing else is an error, not a $0 bill. */
function nothingValid(result: HistoryResult, skipInvalid: boolean | undefined): HistoryResult {
  const {read, invalid} = result.records;
  if (skipInvalid && read === 0 && invalid > 0) {
    const first = result.assumptions.warnings.find((note) => note.kind === 'skipped-invalid');
    const example = first?.kind === 'skipped-invalid' ? `; first: ${first.examples[0]}` : '';
    throw new UserError(
      `no valid record in the history: ${invalid} malformed record${invalid === 1 ? ' was' : 's were'} skipped${example}`,
      {
        hint: 'check that the files are ECS task histories',
      },
    );
  }
  return result;
}

/** The files' size; one that cannot be read counts 0 here and is reported, by name, when it is read. */
async function totalBytes(files: readonly string[]): Promise<number> {
  const sizes = await Promise.all(
    files.map((file) =>
      stat(file).then(
        (info) => info.size,
        () => 0,
      ),
    ),
  );
  return sizes.reduce((a, b) => a + b, 0);
}
