import type {Command} from 'commander';
import type {CliIo} from '../io.js';
import {addAwsOptions, addCatalogOption, addColorOption, addQuietOption, inputPath, inputPaths} from '../options.js';
import {collectList} from './history.js';
import {addOwnedOptions, type OwnedFlags} from '../owned-flags.js';

export interface ExploreFlags extends OwnedFlags {
  diff?: string[];
  rightsizeInput?: string[];
  rightsized?: string;
  cluster?: string;
  service?: string[];
  from?: string;
  to?: string;
  asOf?: string;
  skipInvalid?: boolean;
  quiet?: boolean;
  region?: string;
  profile?: string;
  timeout?: string;
  catalog?: string;
  color?: boolean;
  /** --watch: true without a value, else the interval as typed. */
  watch?: string | boolean;
}

export function registerExplore(program: Command, io: CliIo): void {
  const command = program
    .command('explore')
    .summary('an interactive terminal view: change size, region, schedule and purchase options and watch the bill')
    .description(
      'Open an interactive terminal UI over the same results as the other commands. Task definition files open the ' +
        'Estimate view; run histories (files, directories, or --cluster live) open the History view; a bill (cost ' +
        'export files or folders: CUR 2.0, legacy CUR, FOCUS) opens the Bill view; each gets a ' +
        'Compare view (Savings Plan commitment slider, Spot risk, the recommended mix). With nothing given it starts ' +
        'from 1 vCPU and 2 GB. Needs a terminal; for plain output use "fargate-cost estimate|history|compare ... --format".',
    )
    .argument(
      '[path...]',
      'task definition files (as estimate reads them) and/or run histories or a bill (as history reads them)',
      inputPaths,
    )
    .option('--cluster <name>', 'read the run history of an ECS cluster live')
    .option(
      '--watch [interval]',
      'with --cluster: a Live view of the tasks running now, refreshed every interval (default 30s; e.g. 10s, 2m; at least 5s)',
    )
    .option('--service <name>', 'history: only this service (repeatable, or comma-separated)', collectList)
    .option('--from <time>', 'history or bill: only from this time (ISO 8601, or a date = 00:00 UTC)')
    .option('--to <time>', 'history or bill: only up to this time (exclusive)')
    .option('--as-of <time>', 'history: running tasks are billed up to this time (default: now)')
    .option('--skip-invalid', 'history: count and skip malformed records instead of stopping at the first')
    .option(
      '--rightsized <file>',
      'Compare at the sizes a saved "fargate-cost rightsize --format json" recommends (a history or a bill)',
      inputPath,
    )
    .option(
      '--diff <base-and-head...>',
      'a Diff view: BASE and HEAD (or one Terraform plan) as "fargate-cost diff" reads them; put other paths before it',
    )
    .option(
      '--rightsize-input <path>',
      'a Rightsize view: performance log events or a bill with split cost allocation data, as "fargate-cost rightsize" reads them (repeatable)',
      inputPaths,
    );
  addOwnedOptions(command, false);
  addAwsOptions(command);
  addCatalogOption(command);
  addColorOption(command);
  addQuietOption(command);
  command.action(async (paths: string[], flags: ExploreFlags) => {
    const {runExploreCommand} = await import('./explore-action.js');
    await runExploreCommand(paths, flags, io);
  });
}
