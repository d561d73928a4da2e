import type {Command} from 'commander';
import {addCurrencyOptions} from '../currency-flags.js';
import type {CliIo} from '../io.js';
import {addAwsOptions, addCatalogOption, addColorOption, addFormatOption, type PricedCommandFlags} from '../options.js';
import {addPolicyOptions} from '../policy-flags.js';

export interface DiffFlags extends PricedCommandFlags {
  failOnIncrease?: string;
}

export function registerDiff(program: Command, io: CliIo): void {
  const command = program
    .command('diff')
    .summary('what a change costs: two inputs priced, item by item, before and after')
    .description(
      'Price BASE and HEAD as estimate prices them (task definitions, templates, Terraform plans or states, ' +
        'describe-services output; git:REF:PATH reads a file at a git ref, ecs:FAMILY[:REV] reads one live) and show, ' +
        'per item matched by name and in total, the monthly cost before and after under each purchase option, and what ' +
        'changed. With one Terraform plan, diff its before and after.',
    )
    .argument('<base>', 'the input before the change, or a Terraform plan alone')
    .argument('[head]', 'the input after the change')
    .option('--count <n>', 'tasks running at once (task definitions no service runs)')
    .option('--duration <d>', 'length of each run: 600s, 10m, 1.5h (default: the whole month)')
    .option('--runs <r>', 'runs a month, or a rate: 100, 24/day, 2/hour')
    .option('--month <length>', 'month length: 730h (default) or 30d')
    .option('--options <list>', 'purchase options to show: on-demand, spot, savings-plans, sp-1y, sp-3y, or ids');
  addPolicyOptions(command, true);
  addAwsOptions(command);
  addCatalogOption(command);
  addFormatOption(command);
  addColorOption(command);
  addCurrencyOptions(command);
  command.action(async (base: string, head: string | undefined, flags: DiffFlags) => {
    const {runDiffCommand} = await import('./diff-action.js');
    await runDiffCommand(base, head, flags, io);
  });
}
