import {
  createHistoryAggregator,
  type HistoryOptions,
  type HistoryResult,
  type HistorySourceSummary,
} from '../../app/history.js';
import type {ServiceFacts} from '../../analysis/capacity-strategy.js';
import type {SourceNote} from '../../model/notes.js';
import type {AwsOptions} from '../aws/clients.js';
import {readHistoryPaths} from './read.js';

/**
 * Reads a history from files, directories, standard input and/or a live cluster, streaming every
 * record into the pure aggregator, and returns the priced result. What `history` runs, and what
 * `compare` calls to read a history with the same inputs and flags.
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
}

export async function loadHistory(
  inputs: HistoryInputs,
  options: LoadHistoryOptions,
  io: HistoryIo,
): Promise<HistoryResult> {
  const aggregator = createHistoryAggregator({...options, services: inputs.services, fallbackRegion: options.region});
  const sources: HistorySourceSummary[] = [];
  const notes: SourceNote[] = [];
  const warnings: SourceNote[] = [];
  const services: ServiceFacts[] = [];

  if (inputs.paths.length > 0) {
    const outcome = await readHistoryPaths(inputs.paths, {
      stdin: io.stdin,
      skipInvalid: options.skipInvalid ?? false,
      onRecord: (record) => aggregator.add(record),
      onServices: (found) => services.push(...found),
    });
    sources.push(...outcome.sources);
    const invalid = outcome.sources.reduce((total, source) => total + source.invalid, 0);
    if (invalid > 0) {
      warnings.push({kind: 'skipped-invalid', count: invalid, examples: outcome.invalidExamples});
    }
    if (outcome.skippedFiles > 0) notes.push({kind: 'skipped-files', count: outcome.skippedFiles});
  }

  if (inputs.cluster !== undefined) {
    const {readLiveHistory} = await import('../ecs/history-live.js');
    const aws: AwsOptions = options.aws ?? {region: options.region};
    const live = await readLiveHistory({cluster: inputs.cluster, services: inputs.services, aws}, (record) =>
      aggregator.add(record),
    );
    if (live.regionAssumed) notes.push({kind: 'live-region-assumed', region: live.region, cluster: inputs.cluster});
    sources.push({
      path: `ecs:${inputs.cluster} (${live.region})`,
      format: 'live',
      records: live.records,
      invalid: live.unreadable,
      ignored: 0,
    });
    services.push(...live.services);
    notes.push({kind: 'live-retention'});
    if (live.missing > 0) notes.push({kind: 'gone-tasks', count: live.missing});
  }

  return aggregator.finish({sources, services: latestPerService(services), notes, warnings});
}

/** One entry per service (name and region): the last read wins, so a live read overrides a file. */
function latestPerService(services: readonly ServiceFacts[]): ServiceFacts[] {
  const byKey = new Map<string, ServiceFacts>();
  for (const service of services) byKey.set(`${service.region ?? ''}|${service.name}`, service);
  return [...byKey.values()];
}
