import {type DiffInput, diff} from '../../app/diff.js';
import {checkPolicy} from '../../app/policy.js';
import {UserError} from '../../errors.js';
import {workloadFromFlags} from '../../model/schedule.js';
import {renderDiff, summaryOptionOf} from '../../report/diff.js';
import {loadCatalog} from '../../sources/catalog-file.js';
import {readEstimateInput, readTerraformPlanFile} from '../../sources/task-definition-file.js';
import {environmentRegion, liveAwsOptions} from '../aws.js';
import {parseConversion} from '../currency-flags.js';
import {commandLine} from '../exit-codes.js';
import {type CliIo, styleFor, terminalWidth} from '../io.js';
import {jsonMeta} from '../json-meta.js';
import {parseRegionFlag} from '../options.js';
import {enforcePolicy, parsePolicy} from '../policy-flags.js';
import {parseOptionList} from '../workload-flags.js';
import type {DiffFlags} from './diff.js';

const ECS_INPUT = /^ecs:(.+)$/;

/** One side: a file (or git:REF:PATH) as estimate reads it, or ecs:FAMILY[:REV] read live. */
async function readSide(input: string, flags: DiffFlags, io: CliIo): Promise<DiffInput> {
  const live = ECS_INPUT.exec(input);
  if (live) {
    const {describeTaskDefinition} = await import('../../sources/ecs/task-definition-live.js');
    const specs = await describeTaskDefinition(live[1]!, await liveAwsOptions(io.env, flags));
    return {kind: 'specs', source: input, specs};
  }
  const read = await readEstimateInput(input, io.stdin);
  return read.kind === 'set' ? read : {kind: 'specs', source: input === '-' ? 'stdin' : input, specs: read.specs};
}

export async function readSides(base: string, head: string | undefined, flags: DiffFlags, io: CliIo) {
  if (base === '-' && head === '-') {
    throw new UserError('only one of BASE and HEAD can be - (standard input)', {exitCode: 2});
  }
  if (head !== undefined) return Promise.all([readSide(base, flags, io), readSide(head, flags, io)]);
  // One input: a Terraform plan, its before and after.
  const sides = await readTerraformPlanFile(base, io.stdin).catch((error: unknown) => {
    if (error instanceof UserError && /is not terraform show -json output|not a Terraform/i.test(error.message)) {
      throw new UserError(`${base}: diff with one input needs a Terraform plan (terraform show -json)`, {
        exitCode: 2,
        hint: 'give BASE and HEAD, or one plan: terraform show -json tfplan > plan.json',
      });
    }
    throw error;
  });
  return [
    {kind: 'set', set: sides.before},
    {kind: 'set', set: sides.after},
  ] as const satisfies readonly DiffInput[];
}

export async function runDiffCommand(
  base: string,
  head: string | undefined,
  flags: DiffFlags,
  io: CliIo,
): Promise<void> {
  const conversion = parseConversion(flags, io.now());
  const workload = commandLine(() => workloadFromFlags(flags));
  const options = flags.options === undefined ? undefined : commandLine(() => parseOptionList(flags.options!));
  const policy = parsePolicy(flags, options);
  const region = parseRegionFlag(flags.region);
  const [catalog, [baseInput, headInput], configured] = await Promise.all([
    loadCatalog({catalogPath: flags.catalog, env: io.env, now: io.now()}),
    readSides(base, head, flags, io),
    region === undefined ? environmentRegion(io.env, flags.profile) : undefined,
  ]);
  const result = diff({
    base: baseInput,
    head: headInput,
    overrides: {},
    region,
    environmentRegion: configured,
    workload,
    ...(options ? {options} : {}),
    catalog,
    now: io.now(),
  });
  const style = styleFor(io, flags.color, conversion);
  io.stdout.write(
    renderDiff(result, flags.format, style, terminalWidth(io), await jsonMeta(io, conversion), policy?.option),
  );
  if (policy) {
    const option = summaryOptionOf(result, policy.option);
    enforcePolicy(
      checkPolicy(policy, {before: result.total.before[option], after: result.total.after[option], hasBase: true}),
    );
  }
}
