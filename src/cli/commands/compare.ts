import type {Command} from 'commander';
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
  inputPath,
  inputPaths,
} from '../options.js';
import {collectList} from './history.js';
import {addOwnedOptions, type OwnedFlags} from '../owned-flags.js';

export interface CompareFlags extends AthenaOptionFlags, OwnedFlags {
  cluster?: string;
  service?: string[];
  services?: string;
  taskDefinition?: string;
  cpu?: string;
  memory?: string;
  storage?: string;
  arch?: string;
  os?: string;
  region?: string;
  profile?: string;
  timeout?: string;
  count?: string;
  duration?: string;
  runs?: string;
  month?: string;
  min?: string;
  max?: string;
  peakHours?: string;
  shape?: string;
  strategy?: string[];
  spotTolerant?: boolean;
  onDemandBase?: string;
  commitment?: string;
  rightsized?: string;
  plans?: string;
  lookback?: string;
  interruptionRate?: string;
  lostWork?: string;
  from?: string;
  to?: string;
  asOf?: string;
  skipInvalid?: boolean;
  quiet?: boolean;
  format: 'table' | 'json' | 'csv' | 'markdown';
  catalog?: string;
  color?: boolean;
  currency?: string;
  exchangeRate?: string;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

export function registerCompare(program: Command, io: CliIo): void {
  const command = program
    .command('compare')
    .summary('the cheapest mix of On-Demand, Fargate Spot and Compute Savings Plans, and how much to commit')
    .description(
      'Size Compute Savings Plans hour by hour over a usage profile (an estimate or a history), price Fargate Spot with its ' +
        'interruption risk and capacity-provider strategies, and recommend a mix, with the arithmetic shown.',
    )
    .argument(
      '[path...]',
      'run histories to read, as "fargate-cost history" reads them: files, directories, - for stdin',
      inputPaths,
    )
    .option('--cluster <name>', 'read the history live from this ECS cluster')
    .option(
      '--service <name>',
      'history: only this service (repeatable, or comma-separated); with --services: which service in the file',
      collectList,
    )
    .option('--services <file>', 'describe-services output: desired count and capacity-provider strategy', inputPath)
    .option('--from <time>', 'history: use only usage from this time (ISO 8601, or a date: UTC midnight)')
    .option('--to <time>', 'history: use only usage up to this time (exclusive)')
    .option('--as-of <time>', 'history: running tasks are billed up to this time (default: now)')
    .option('--skip-invalid', 'history: count and skip malformed records instead of stopping at the first')
    .option(
      '--task-definition <ref>',
      'estimate a task definition: a file (or - for stdin), or family[:revision] / ARN read live',
      inputPath,
    )
    .option('--cpu <cpu>', 'task CPU: 1024, "1 vCPU", or 0.25..16 (vCPU)')
    .option('--memory <memory>', 'task memory: 2048 (MiB), "2 GB", or 0.5..120 (GB)')
    .option('--storage <gib>', 'ephemeral storage in GiB, 20..200 (20 included)')
    .option('--arch <arch>', 'x86_64 or arm64')
    .option('--os <os>', 'linux or windows')
    .option('--count <n>', 'tasks always on (or per run, with --duration)')
    .option('--duration <d>', 'a batch schedule: length of each run (600s, 10m, 1.5h)')
    .option('--runs <r>', 'a batch schedule: runs a month, or a rate (24/day, 2/hour)')
    .option('--month <length>', 'month length: 730h (default) or 30d')
    .option('--min <n>', 'autoscaling: tasks outside the peak hours')
    .option('--max <n>', 'autoscaling: tasks during the peak hours')
    .option('--peak-hours <range>', 'autoscaling: peak hours in UTC, e.g. 9-17 (the default) or 22-6')
    .option('--shape <counts>', 'autoscaling: 24 task counts, one per UTC hour from 00:00')
    .option(
      '--strategy <item>',
      'capacity-provider strategy item, repeatable: FARGATE:base=2,weight=1 FARGATE_SPOT:weight=3',
      collect,
    )
    .option(
      '--spot-tolerant',
      'the service tolerates Spot interruptions (batch work, and services already on Spot, are assumed to)',
    )
    .option('--no-spot-tolerant', 'keep the work off Spot in the recommendation, batch work too')
    .option(
      '--on-demand-base <n>',
      'tasks of a Spot-tolerant service kept on FARGATE in the recommendation (default 1)',
    )
    .option(
      '--rightsized <file>',
      'compare at the sizes a saved "fargate-cost rightsize --format json" recommends (matched by service or family name)',
      inputPath,
    )
    .option('--commitment <usd>', 'also price this hourly commitment ($/h, in $0.001 steps) under each plan')
    .option('--plans <list>', 'Savings Plans to size: savings-plans (all six, default), sp-1y, sp-3y, or plan ids')
    .option(
      '--lookback <days>',
      'Cost Explorer-style look-backs over the last N days of a history (default 7,30,60 where long enough)',
    )
    .option(
      '--interruption-rate <r>',
      'Spot interruptions per task-hour (default: measured in the history, else 0.001)',
    )
    .option('--lost-work <d>', 'work lost per Spot interruption (default: none for services, half a run for batch)');
  addOwnedOptions(command);
  addAthenaOptions(command);
  addAwsOptions(command);
  addCatalogOption(command);
  addFormatOption(command);
  addColorOption(command);
  addCurrencyOptions(command);
  addQuietOption(command);
  command.action(async (paths: string[], flags: CompareFlags) => {
    const {runCompareCommand} = await import('./compare-action.js');
    await runCompareCommand(paths, flags, io);
  });
}
