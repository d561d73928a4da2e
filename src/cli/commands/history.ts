import {type Command, Option} from 'commander';
import {GROUP_BY, type GroupBy} from '../../model/history.js';
import {addCurrencyOptions} from '../currency-flags.js';
import type {CliIo} from '../io.js';
import {
  type AthenaOptionFlags,
  addAthenaOptions,
  addAwsOptions,
  addCatalogOption,
  addColorOption,
  addFormatOption,
  addQuietOption,
  inputPaths,
} from '../options.js';

export interface HistoryFlags extends AthenaOptionFlags {
  cluster?: string;
  service?: string[];
  region?: string;
  profile?: string;
  timeout?: string;
  from?: string;
  to?: string;
  asOf?: string;
  groupBy: GroupBy;
  top?: string;
  skipInvalid?: boolean;
  quiet?: boolean;
  format: 'table' | 'json' | 'csv' | 'markdown';
  catalog?: string;
  color?: boolean;
  currency?: string;
  exchangeRate?: string;
}

/** A repeatable flag whose values may also be comma-separated: `--service web,api --service worker`. */
export const collectList = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  ...value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];

export function registerHistory(program: Command, io: CliIo): void {
  const command = program
    .command('history')
    .summary('what AWS billed for real task runs, grouped, with the month projected')
    .description(
      'Bill real ECS task runs as AWS does (image pull to stop, rounded up to the second, the OS minimum) from ' +
        'describe-tasks output, JSON or NDJSON tasks, recorded EventBridge "ECS Task State Change" events, or live ' +
        'with --cluster; group the cost by service, family, cluster, purchase option or day, and project the month.',
    )
    .argument(
      '[path...]',
      'history files, directories (read recursively) or - for stdin: .json, .ndjson, .jsonl, optionally .gz',
      inputPaths,
    )
    .option('--cluster <name>', 'read the cluster live: running tasks and those stopped in about the last hour')
    .option('--service <name>', 'only this service (repeatable, or comma-separated)', collectList)
    .option('--from <time>', 'bill only from this time: ISO 8601 (2026-11-01T00:00:00Z) or a date (UTC midnight)')
    .option('--to <time>', 'bill only up to this time (exclusive)')
    .option('--as-of <time>', 'running tasks are billed up to this time (default: now)')
    .addOption(new Option('--group-by <dimension>', 'how to group the cost').choices([...GROUP_BY]).default('group'))
    .option('--top <n>', 'how many of the costliest task runs to list (default 5; 0 for none)')
    .option('--skip-invalid', 'count and skip malformed records instead of stopping at the first');
  addAthenaOptions(command);
  addAwsOptions(command);
  addCatalogOption(command);
  addFormatOption(command);
  addColorOption(command);
  addCurrencyOptions(command);
  addQuietOption(command);
  command.action(async (paths: string[], flags: HistoryFlags) => {
    const {runHistoryCommand} = await import('./history-action.js');
    await runHistoryCommand(paths, flags, io);
  });
}
