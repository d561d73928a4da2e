import type {Command} from 'commander';
import {addCurrencyOptions} from '../currency-flags.js';
import type {CliIo} from '../io.js';
import {addPolicyOptions} from '../policy-flags.js';
import {
  addAwsOptions,
  addCatalogOption,
  addColorOption,
  addFormatOption,
  inputPath,
  type PricedCommandFlags,
} from '../options.js';

export interface EstimateFlags extends PricedCommandFlags {
  taskDefinition?: string;
  cpu?: string;
  memory?: string;
  storage?: string;
  arch?: string;
  os?: string;
}

export function registerEstimate(program: Command, io: CliIo): void {
  const command = program
    .command('estimate')
    .summary('what a task definition or size costs a month under every purchase option')
    .description(
      'Estimate a task definition (a file, - for stdin, or live with --task-definition) or a size given by flags, ' +
        'under a schedule, priced On-Demand, on Fargate Spot and under each Compute Savings Plan.',
    )
    .argument(
      '[file]',
      'task definition: describe-task-definition output, register input, console export, or a CloudFormation/CDK ' +
        'template; or services: terraform show -json of a plan or state, a template with services, describe-services output',
      inputPath,
    )
    .option('--task-definition <ref>', 'read it live from ECS: family, family:revision or ARN')
    .option('--cpu <cpu>', 'task CPU: 1024, "1 vCPU", or 0.25..16 (vCPU)')
    .option('--memory <memory>', 'task memory: 2048 (MiB), "2 GB", or 0.5..120 (GB)')
    .option('--storage <gib>', 'ephemeral storage in GiB, 20..200 (20 included)')
    .option('--arch <arch>', 'x86_64 or arm64')
    .option('--os <os>', 'linux or windows')
    .option('--count <n>', 'tasks running at once', undefined)
    .option('--duration <d>', 'length of each run: 600s, 10m, 1.5h (default: the whole month)')
    .option('--runs <r>', 'runs a month, or a rate: 100, 24/day, 2/hour')
    .option('--month <length>', 'month length: 730h (default) or 30d')
    .option('--options <list>', 'purchase options to show: on-demand, spot, savings-plans, sp-1y, sp-3y, or ids');
  addPolicyOptions(command, false);
  addAwsOptions(command);
  addCatalogOption(command);
  addFormatOption(command);
  addColorOption(command);
  addCurrencyOptions(command);
  command.action(async (file: string | undefined, flags: EstimateFlags) => {
    const {runEstimateCommand} = await import('./estimate-action.js');
    await runEstimateCommand(file, flags, io);
  });
}
