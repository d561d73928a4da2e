import type {Command} from 'commander';
import type {CliIo} from '../io.js';
import {addAwsOptions, addCatalogOption, addColorOption} from '../options.js';

export interface ExploreFlags {
  cluster?: string;
  region?: string;
  profile?: string;
  catalog?: string;
  color?: boolean;
}

export function registerExplore(program: Command, io: CliIo): void {
  const command = program
    .command('explore')
    .summary('an interactive terminal view: change size, region, schedule and purchase options and watch the bill')
    .description(
      'Open an interactive terminal UI over the same results as the other commands: a task definition FILE opens the ' +
        'Estimate view, with nothing given it starts from 1 vCPU and 2 GB. Needs a terminal; for plain output use ' +
        '"fargate-cost estimate ... --format".',
    )
    .argument('[file...]', 'task definition files (as for estimate)')
    .option('--cluster <cluster>', 'read the run history of an ECS cluster live');
  addAwsOptions(command);
  addCatalogOption(command);
  addColorOption(command);
  command.action(async (files: string[], flags: ExploreFlags) => {
    const {runExploreCommand} = await import('./explore-action.js');
    await runExploreCommand(files, flags, io);
  });
}
