import type {Command} from 'commander';
import type {CliIo} from '../io.js';
import {addCatalogOption, addColorOption, addFormatOption, inputPath, inputPaths} from '../options.js';

export interface RightsizeFlags {
  metrics?: string;
  query?: string;
  cpuPercentile?: string;
  headroom?: string;
  strategy?: string[];
  os?: string;
  arch?: string;
  region?: string;
  profile?: string;
  format: 'table' | 'json' | 'csv' | 'markdown';
  catalog?: string;
  color?: boolean;
}

export function registerRightsize(program: Command, io: CliIo): void {
  const command = program
    .command('rightsize')
    .summary('the smallest Fargate size each service needs, from Container Insights, and what it saves')
    .description(
      'Read what tasks used against what they reserved (Container Insights performance log events of Type "Task": ' +
        'NDJSON, a JSON array or aws logs filter-log-events output, optionally .gz; or saved CloudWatch ' +
        'get-metric-data output with --metrics and --query) and recommend per service (or task family) the ' +
        'smallest valid Fargate size holding CPU at a percentile and memory at its maximum, with headroom, priced ' +
        'a month at the current purchase mix, and on arm64. Thin data (under 7 days, or gaps) never shrinks a size.',
    )
    .argument('[paths...]', 'performance log event files, or - for standard input', inputPaths)
    .option('--metrics <file>', 'aws cloudwatch get-metric-data output (ECS/ContainerInsights)', inputPath)
    .option('--query <file>', 'the --metric-data-queries JSON that produced --metrics', inputPath)
    .option('--cpu-percentile <p>', 'the CPU figure judged: p50, p90, p95, p99 or max (default p99)')
    .option('--headroom <percent>', 'headroom over the judged use, e.g. 20% (the default) or 35%')
    .option(
      '--strategy <item>',
      'the purchase mix as capacity-provider strategy items, repeatable: --strategy FARGATE:base=1 --strategy FARGATE_SPOT:weight=3 (default: FARGATE alone, On-Demand)',
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .option('--os <os>', "the tasks' operating system: linux (default) or windows (no arm64, no Spot)")
    .option('--arch <arch>', "the tasks' current architecture: x86_64 (default) or arm64")
    .option(
      '--region <region>',
      'the region of samples that name none (default: AWS_REGION, AWS_DEFAULT_REGION, the profile)',
    )
    .option('--profile <name>', 'AWS profile whose region to use for samples that name none');
  addCatalogOption(command);
  addFormatOption(command);
  addColorOption(command);
  command.action(async (paths: string[], flags: RightsizeFlags) => {
    const {runRightsizeCommand} = await import('./rightsize-action.js');
    await runRightsizeCommand(paths, flags, io);
  });
}
