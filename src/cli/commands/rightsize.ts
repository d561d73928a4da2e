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
import {collectList} from './history.js';

export interface RightsizeFlags {
  metrics?: string;
  query?: string;
  cpuPercentile?: string;
  headroom?: string;
  strategy?: string[];
  os?: string;
  arch?: string;
  cluster?: string;
  service?: string[];
  family?: string[];
  from?: string;
  to?: string;
  source?: string;
  computeOptimizer?: string;
  region?: string;
  profile?: string;
  timeout?: string;
  quiet?: boolean;
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
        'get-metric-data output with --metrics and --query; or a CUR 2.0 export with split cost allocation data, ' +
        'one sample a task-hour) and recommend per service (or task family) the ' +
        'smallest valid Fargate size holding CPU at a percentile and memory at its maximum, with headroom, priced ' +
        'a month at the current purchase mix, and on arm64. Thin data (under 7 days, or gaps) never shrinks a size. ' +
        'With --cluster, reads Container Insights live (the performance log events, or --source metrics); ' +
        "--compute-optimizer sets Compute Optimizer's recommendation beside each service's.",
    )
    .argument(
      '[paths...]',
      'performance log event files (or - for standard input), or a CUR 2.0 export with split cost allocation data',
      inputPaths,
    )
    .option('--cluster <name>', "read the cluster's Container Insights live (name or ARN) instead of files")
    .option(
      '--source <source>',
      'with --cluster: events (the performance log events, one a task a minute; the default) or metrics (CloudWatch metrics)',
    )
    .option('--service <name>', 'with --cluster: only these services (repeatable, or comma-separated)', collectList)
    .option(
      '--family <name>',
      'with --cluster: only these task definition families (repeatable, or comma-separated)',
      collectList,
    )
    .option('--from <time>', 'with --cluster: from this time, ISO 8601 or a date (default: 14 days before --to)')
    .option('--to <time>', 'with --cluster: up to this time, exclusive (default: now)')
    .option(
      '--compute-optimizer <source>',
      "live (GetECSServiceRecommendations) or a saved get-ecs-service-recommendations JSON file: Compute Optimizer's size beside each service's",
    )
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
    .option('--arch <arch>', "the tasks' current architecture: x86_64 (default) or arm64");
  addAwsOptions(command);
  addCatalogOption(command);
  addFormatOption(command);
  addColorOption(command);
  addQuietOption(command);
  command.action(async (paths: string[], flags: RightsizeFlags) => {
    const {runRightsizeCommand} = await import('./rightsize-action.js');
    await runRightsizeCommand(paths, flags, io);
  });
}
