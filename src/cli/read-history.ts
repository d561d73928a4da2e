import {stat} from 'node:fs/promises';
import {
  billHistory,
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
import {expandHistoryPaths, fileOutcome, historyFileSource, readHistoryFiles} from '../sources/history/read.js';

/**
 * Reads a history from files, directories, standard input and/or a live cluster, and bills it: the
 * readers (sources/) yield the records, the use case (app/) feeds them to the meter. What `history`
 * runs, and what `compare` and `explore` call to read a history with the same inputs and flags.
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
}

export async function loadHistory(
  inputs: HistoryInputs,
  options: LoadHistoryOptions,
  io: HistoryIo,
): Promise<HistoryResult> {
  const sources: HistorySource[] = [];
  let files = 0;
  const billing = {...options, services: inputs.services, fallbackRegion: options.region};
  if (inputs.paths.length > 0) {
    const expanded = await expandHistoryPaths(inputs.paths);
    files = expanded.files.length;
    // Large files on several cores, when the files are all there is to read.
    if (inputs.cluster === undefined && !expanded.files.includes('-')) {
      const workers = workersFor(await totalBytes(expanded.files), io.env ?? {});
      if (workers > 1) {
        const meter = meterOptionsOf(billing);
        const read = await meterInParallel(expanded, {meter, skipInvalid: options.skipInvalid ?? false, workers});
        return nothingValid(
          historyResult(read.state, billing, finishInputOf([fileOutcome(read.outcome)])),
          options.skipInvalid,
        );
      }
    }
    sources.push(historyFileSource(readHistoryFiles(expanded, {stdin: io.stdin, skipInvalid: options.skipInvalid})));
  }
  if (inputs.cluster !== undefined) {
    const {liveHistorySource} = await import('../sources/ecs/history-live.js');
    const aws: AwsOptions = options.aws ?? {region: options.region};
    sources.push(liveHistorySource({cluster: inputs.cluster, services: inputs.services, aws}, files));
  }
  return nothingValid(await billHistory(sources, billing), options.skipInvalid);
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

async function totalBytes(files: readonly string[]): Promise<number> {
  const sizes = await Promise.all(files.map((file) => stat(file).then((info) => info.size)));
  return sizes.reduce((a, b) => a + b, 0);
}
