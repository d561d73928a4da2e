import type {Command} from 'commander';
import type {CliIo} from '../io.js';
import {
  addAwsOptions,
  addCatalogOption,
  addColorOption,
  addFormatOption,
  addQuietOption,
  inputPath,
  inputPaths,
} from '../options.js';

export interface ReconcileFlags {
  history?: string[];
  bill?: string[];
  cluster?: string;
  region?: string;
  profile?: string;
  timeout?: string;
  asOf?: string;
  top?: string;
  skipInvalid?: boolean;
  output?: string;
  quiet?: boolean;
  format: 'table' | 'json' | 'csv' | 'markdown';
  catalog?: string;
  color?: boolean;
}

export function registerReconcile(program: Command, io: CliIo): void {
  const command = program
    .command('reconcile')
    .summary('the per-second model against the real bill, task by task and hour by hour')
    .description(
      'Bill task runs as history does (describe-tasks output, JSON or NDJSON tasks, recorded "ECS Task State Change" ' +
        'events, or live with --cluster) and set each task, UTC clock hour and dimension against what a cost export ' +
        '(CUR 2.0, legacy CUR or FOCUS, files or export folders) billed for the same task ARN: quantity and cost, ' +
        'within the 10 decimal places the export writes. Exit 6 when any cell differs.',
    )
    .option(
      '--history <path...>',
      'history files, directories (read recursively) or - for stdin: .json, .ndjson, .jsonl, optionally .gz',
      inputPaths,
    )
    .option('--bill <path...>', 'cost export files (.csv, .csv.gz, .parquet) or export folders', inputPaths)
    .option('--cluster <name>', 'read the history live: running tasks and those stopped in about the last hour')
    .option('--as-of <time>', 'running tasks are billed up to this time (default: now)')
    .option('--top <n>', 'how many differing cells to list (default 20; JSON and CSV have them all)')
    .option('--skip-invalid', 'count and skip malformed history records instead of stopping at the first')
    .option('--output <file>', 'write the report to this file instead of standard output', inputPath);
  addAwsOptions(command);
  addCatalogOption(command);
  addFormatOption(command);
  addColorOption(command);
  addQuietOption(command);
  command.action(async (flags: ReconcileFlags) => {
    const {runReconcileCommand} = await import('./reconcile-action.js');
    await runReconcileCommand(flags, io);
  });
}
