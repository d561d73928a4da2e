import {readFileSync} from 'node:fs';
import {Readable} from 'node:stream';
import {loadHistory} from '../../src/cli/read-history.js';
import type {HistoryResult} from '../../src/model/history.js';
import type {TaskDefinitionSpec} from '../../src/model/task.js';
import {readTaskDefinitions} from '../../src/sources/task-definition.js';
import {handGivenSpec} from '../../src/sizing/resolve.js';
import type {EstimateSetup} from '../../src/tui/state/estimate-select.js';
import {embeddedCatalog} from '../helpers/catalog.js';

/** The clock every explore test runs at: the embedded catalog's generation day. */
export const NOW = new Date('2026-11-24T12:00:00Z');

/** Task definitions from the README's example files, read as the CLI reads them. */
export function exampleSpecs(...files: string[]): TaskDefinitionSpec[] {
  return files.flatMap((file) =>
    readTaskDefinitions(JSON.parse(readFileSync(`data/examples/${file}`, 'utf8')), `data/examples/${file}`),
  );
}

export function setupFor(
  specs: readonly TaskDefinitionSpec[] = exampleSpecs('web-service.json'),
  extra: Partial<EstimateSetup> = {},
): EstimateSetup {
  return {specs, catalog: embeddedCatalog(), regionFlag: undefined, environmentRegion: undefined, now: NOW, ...extra};
}

/** What explore starts from with no file. */
export function handGiven(): TaskDefinitionSpec[] {
  return [handGivenSpec({cpuUnits: 1024, memoryMiB: 2048})];
}

/** A history read as explore reads it (every run kept, a profile per group), running tasks billed up to `asOf`. */
export function exploreHistory(asOf: string, path = 'data/examples/history'): Promise<HistoryResult> {
  return loadHistory(
    {paths: [path]},
    {catalog: embeddedCatalog(), now: NOW, asOfMs: Date.parse(asOf), top: 0, componentProfiles: true, keepRuns: true},
    {stdin: Readable.from([])},
  );
}
