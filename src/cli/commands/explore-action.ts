import {UserError} from '../../errors.js';
import type {TaskDefinitionSpec} from '../../model/task.js';
import {loadCatalog} from '../../sources/catalog-file.js';
import {readTaskDefinitionFile} from '../../sources/task-definition-file.js';
import {handGivenSpec} from '../../sizing/resolve.js';
import {type CliIo, environmentRegion} from '../io.js';
import {parseRegionFlag} from '../options.js';
import type {ExploreFlags} from './explore.js';

/** What explore starts from when given nothing: the size the README's examples use. */
export const DEFAULT_SIZE = {cpuUnits: 1024, memoryMiB: 2048} as const;

/**
 * Why this run cannot be interactive, or undefined when it can. Mounting ink's input on a pipe
 * throws, and CI or a dumb terminal cannot show it; the plain commands print the same results.
 */
export function notInteractiveReason(io: Pick<CliIo, 'stdin' | 'stdout' | 'env'>): string | undefined {
  const ci = io.env['CI'];
  if (ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false') return 'CI is set';
  if (io.env['TERM'] === 'dumb') return 'TERM is dumb';
  if (!io.stdin.isTTY) return 'stdin is not a terminal';
  if (!io.stdout.isTTY) return 'stdout is not a terminal';
  return undefined;
}

async function readSpecs(files: readonly string[], io: CliIo): Promise<TaskDefinitionSpec[]> {
  if (files.length === 0) return [handGivenSpec(DEFAULT_SIZE)];
  if (files.includes('-')) {
    // stdin is the keyboard here; a file piped in would leave nothing to type with.
    throw new UserError('explore reads the keyboard from stdin, so it cannot read a task definition from "-"', {
      hint: 'save it to a file first, or use "fargate-cost estimate - --format table"',
      exitCode: 2,
    });
  }
  const specs = await Promise.all(files.map((file) => readTaskDefinitionFile(file, io.stdin)));
  return specs.flat();
}

export async function runExploreCommand(files: string[], flags: ExploreFlags, io: CliIo): Promise<void> {
  const reason = notInteractiveReason(io);
  if (reason !== undefined) {
    throw new UserError(`explore needs an interactive terminal (${reason})`, {
      hint: 'for plain output use "fargate-cost estimate FILE --format table|json|csv|markdown" or "fargate-cost history FILE --format ..."',
      exitCode: 2,
    });
  }
  if (flags.cluster !== undefined) {
    throw new UserError('explore --cluster is not available yet: the History view is still being built', {
      hint: 'use "fargate-cost estimate FILE" meanwhile',
      exitCode: 2,
    });
  }
  const regionFlag = parseRegionFlag(flags.region);
  const [catalog, specs] = await Promise.all([loadCatalog({catalogPath: flags.catalog, env: io.env}), readSpecs(files, io)]);
  const estimate = {specs, catalog, regionFlag, environmentRegion: environmentRegion(io.env), now: io.now()};
  // Resolving every task definition (sizes, regions) can fail on bad input: it happens before ink loads.
  const {initialStateFor} = await import('../../tui/state/estimate-select.js');
  const initialEstimate = initialStateFor(estimate);
  const [{runExplore}, {colorsFor}] = await Promise.all([import('../../tui/run-explore.js'), import('../../tui/theme.js')]);
  await runExplore({
    estimate,
    initialEstimate,
    colors: colorsFor(io.env, flags.color),
    stdin: io.stdin as NodeJS.ReadStream,
    stdout: io.stdout as NodeJS.WriteStream,
    stderr: io.stderr as NodeJS.WriteStream,
  });
}
