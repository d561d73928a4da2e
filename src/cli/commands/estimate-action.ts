import {estimate} from '../../app/estimate.js';
import {estimateSet} from '../../app/estimate-set.js';
import {jsonMeta} from '../json-meta.js';
import {parseConversion} from '../currency-flags.js';
import {UserError} from '../../errors.js';
import {commandLine} from '../exit-codes.js';
import {workloadFromFlags} from '../../model/schedule.js';
import type {SizeOverrides, TaskDefinitionSpec} from '../../model/task.js';
import {parseOptionList} from '../workload-flags.js';
import {checkPolicy} from '../../app/policy.js';
import {enforcePolicy, parsePolicy} from '../policy-flags.js';
import {renderEstimate} from '../../report/estimate.js';
import {loadCatalog} from '../../sources/catalog-file.js';
import {type EstimateInput, readEstimateInput, readTaskDefinitionFile} from '../../sources/task-definition-file.js';
import {parseCpu, parseMemory, parseStorage} from '../../sizing/parse.js';
import {handGivenSpec} from '../../sizing/resolve.js';
import {environmentRegion, liveAwsOptions} from '../aws.js';
import {type CliIo, styleFor, terminalWidth} from '../io.js';
import {parseArch, parseOs, parseRegionFlag} from '../options.js';
import type {EstimateFlags} from './estimate.js';

/** The size flags, parsed; a value that cannot be used is a bad command line (exit 2). */
export function sizeOverrides(flags: Pick<EstimateFlags, 'cpu' | 'memory' | 'storage' | 'arch' | 'os'>): SizeOverrides {
  return commandLine(() => ({
    cpuUnits: flags.cpu === undefined ? undefined : parseCpu(flags.cpu, 'flag'),
    memoryMiB: flags.memory === undefined ? undefined : parseMemory(flags.memory, 'flag'),
    storageGiB: flags.storage === undefined ? undefined : parseStorage(flags.storage),
    arch: flags.arch === undefined ? undefined : parseArch(flags.arch),
    os: flags.os === undefined ? undefined : parseOs(flags.os),
  }));
}

export async function readSpecs(
  file: string | undefined,
  flags: EstimateFlags,
  overrides: SizeOverrides,
  io: CliIo,
): Promise<TaskDefinitionSpec[]> {
  if (file !== undefined && flags.taskDefinition !== undefined) {
    throw new UserError('give either a task definition FILE or --task-definition, not both', {exitCode: 2});
  }
  if (file !== undefined) return readTaskDefinitionFile(file, io.stdin);
  if (flags.taskDefinition !== undefined) {
    const {describeTaskDefinition} = await import('../../sources/ecs/task-definition-live.js');
    return describeTaskDefinition(flags.taskDefinition, await liveAwsOptions(io.env, flags));
  }
  // Nothing to estimate is a command line missing its subject.
  return [commandLine(() => handGivenSpec(overrides))];
}

/** A file may hold a set (a Terraform plan or state, a template with services, describe-services output). */
async function readInput(
  file: string | undefined,
  flags: EstimateFlags,
  overrides: SizeOverrides,
  io: CliIo,
): Promise<EstimateInput> {
  if (file !== undefined && flags.taskDefinition === undefined) return readEstimateInput(file, io.stdin);
  return {kind: 'specs', specs: await readSpecs(file, flags, overrides, io)};
}

export async function runEstimateCommand(file: string | undefined, flags: EstimateFlags, io: CliIo): Promise<void> {
  const conversion = parseConversion(flags, io.now());
  const overrides = sizeOverrides(flags);
  const workload = commandLine(() => workloadFromFlags(flags));
  const options = flags.options === undefined ? undefined : commandLine(() => parseOptionList(flags.options!));
  const policy = parsePolicy(flags, options);
  const region = parseRegionFlag(flags.region);
  const [catalog, input, configured] = await Promise.all([
    loadCatalog({catalogPath: flags.catalog, env: io.env, now: io.now()}),
    readInput(file, flags, overrides, io),
    region === undefined ? environmentRegion(io.env, flags.profile) : undefined,
  ]);
  const common = {
    overrides,
    region,
    environmentRegion: configured,
    workload,
    ...(options ? {options} : {}),
    catalog,
    now: io.now(),
  };
  const result =
    input.kind === 'set' ? estimateSet({...common, set: input.set}) : estimate({...common, specs: input.specs});
  io.stdout.write(
    renderEstimate(
      result,
      flags.format,
      styleFor(io, flags.color, conversion),
      terminalWidth(io),
      await jsonMeta(io, conversion),
    ),
  );
  if (policy) {
    const total = result.options.find((option) => option.id === policy.option);
    enforcePolicy(
      checkPolicy(policy, {before: null, after: total?.available ? total.monthlyCost : null, hasBase: false}),
    );
  }
}
