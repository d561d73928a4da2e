import {untrusted} from '../errors.js';
import type {ItemExclusion} from '../model/estimate.js';
import type {Dec} from '../money/decimal.js';
import {toDec} from '../money/exact.js';
import {formatDuration, formatQuantity} from '../money/format.js';
import type {SteadyGap} from '../model/history.js';
import type {CatalogNote, EstimateNote, HistoryNote, RateName, SourceNote, TaskNote} from '../model/notes.js';
import type {PriceGap} from '../model/priced.js';
import type {ExclusionReason} from '../model/task-record.js';
import type {OptionGap, OptionResult} from '../model/priced.js';
import type {Workload, WorkloadShape} from '../model/schedule.js';
import type {Strategy} from '../model/strategy.js';
import {type OptionId, optionLabel, planOf, planParts, type RateTable} from '../model/types.js';
import {formatSize} from '../sizing/sizes.js';
import {refreshAdvice} from './refresh-advice.js';

/**
 * The words of every result: labels, notes, warnings and plurals, made once here from the results'
 * data, and used alike by the table, Markdown, CSV and JSON renderers and by the terminal UI.
 */

/** `2 tasks`, `1 task`. */
export const plural = (count: number, one: string, many = `${one}s`) =>
  `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;

/** `a`, `a and b`, `a, b and c`. */
export const listing = (items: readonly string[]) =>
  items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

export {optionLabel};

/** A label short enough for a narrow terminal: "SP 3y partial" for "Compute SP 3 yr Partial Upfront". */
export function shortOptionLabel(option: OptionId): string {
  if (option === 'on-demand') return 'On-Demand';
  if (option === 'spot') return 'Spot';
  const {term, payment} = planParts(planOf(option)!);
  return `SP ${term} ${{no: 'no upfront', partial: 'partial', all: 'all upfront'}[payment]}`;
}

/** A catalog's rate table: On-Demand, Fargate Spot, or a Savings Plan's name. */
export function tableLabel(table: RateTable): string {
  if (table === 'on-demand') return 'On-Demand';
  if (table === 'spot') return 'Fargate Spot';
  return optionLabel(`savings-plan-${table}` as OptionId);
}

/** Why a purchase option has no price. */
export function optionGapText(gap: OptionGap): string {
  if (gap.kind === 'windows-spot') return 'Fargate Spot runs Linux tasks only; Windows tasks cannot use it';
  const what = gap.table === 'spot' ? 'Fargate Spot' : 'Savings Plan';
  return `the catalog has no ${what} rate for ${gap.key} in ${gap.region}`;
}

/** An option's label, and why it is not available (null when it is). */
export function optionWords(option: OptionResult): {label: string; reason: string | null} {
  return {label: optionLabel(option.id), reason: option.gap === null ? null : optionGapText(option.gap)};
}

/** `1 task always on (730 hours a month)`, `2 tasks, 10m 00s a run, 730 runs a month`. */
export function describeWorkload(workload: {
  readonly count: number;
  readonly durationSeconds: Dec;
  readonly runsPerMonth: Dec;
  readonly monthHours: number;
  readonly alwaysOn: boolean;
}): string {
  const tasks = plural(workload.count, 'task');
  if (workload.alwaysOn) return `${tasks} always on (${workload.monthHours} hours a month)`;
  const runs = workload.runsPerMonth;
  const runText = runs.eq(1) ? 'once a month' : `${formatQuantity(runs, 2)} runs a month`;
  return `${tasks}, ${formatDuration(workload.durationSeconds.toNumber())} a run, ${runText}`;
}

export type {Workload};

function rateNameLabel(rate: RateName): string {
  if (rate.table === 'on-demand') return `On-Demand ${rate.key}`;
  if (rate.table === 'spot') return `Spot ${rate.key}`;
  return optionLabel(`savings-plan-${rate.table}` as OptionId);
}

export function catalogNoteText(note: CatalogNote): string {
  switch (note.kind) {
    case 'stale-catalog':
      return `${note.which ? `${note.which.label} (${note.which.path})` : 'the price catalog'} is ${note.ageDays} days old (generated ${note.generatedAt.slice(0, 10)}); run "fargate-cost prices refresh" to update it`;
    case 'estimated-rates': {
      const tables = [...new Set(note.estimated.map(rateNameLabel))];
      const shown = tables.slice(0, 4).join(', ') + (tables.length > 4 ? `, and ${tables.length - 4} more` : '');
      return `${note.estimated.length} of ${note.total} rates used are estimated, not published (${shown}); each rate's derivation is in the JSON output`;
    }
  }
}

/** Where the region came from when nothing named one. */
export const REGION_CHAIN = '(no --region, ARN, AWS_REGION, AWS_DEFAULT_REGION or profile region)';

export function taskNoteText(note: TaskNote): string {
  if (note.kind === 'read-in-assumed-region') return `read from ECS in ${note.region}, assumed ${REGION_CHAIN}`;
  return (
    `no task-level ${note.missing}: the ${note.containers} container(s) reserve ${note.cpuUnits} CPU units and ` +
    `${note.memoryMiB} MiB, priced as the smallest Fargate size that holds them (${formatSize(note.fitted)})`
  );
}

export function estimateNoteText(note: EstimateNote): string {
  switch (note.kind) {
    case 'stale-catalog':
    case 'estimated-rates':
      return catalogNoteText(note);
    case 'billed-per-run':
      return `each run is billed ${note.seconds.map((seconds) => `${seconds} s`).join(' or ')}: the duration rounded up to the second, at least 60 s (Linux) or 300 s (Windows)`;
    case 'full-coverage':
      return 'Savings Plan rows assume the commitment covers this usage every hour (usage spread evenly); use "fargate-cost compare" to size a commitment against a real or scheduled profile';
    case 'extras-on-demand':
      return note.under === 'options'
        ? 'ephemeral storage above 20 GiB and the Windows licence are billed at On-Demand rates under Spot and Savings Plans'
        : 'ephemeral storage above 20 GiB and the Windows licence are billed at On-Demand rates, Spot tasks included';
    case 'spot-observed':
      return `Fargate Spot rates were observed on ${note.asOf}; Spot prices move, and Spot tasks can be stopped with a two-minute warning ("fargate-cost compare" prices the risk)`;
    case 'region-assumed':
      return `region ${note.region} assumed for ${note.tasks.join(', ')} ${REGION_CHAIN}`;
    case 'task':
      return `${note.task}: ${taskNoteText(note.note)}`;
    case 'services-all-month':
      return note.standalone
        ? 'services run all month at their desired count; the schedule (--count, --duration, --runs) applies to the task definitions no service runs'
        : 'services run all month at their desired count';
    case 'task-placement':
      return (
        'tasks are placed as ECS places them: each base first, then the rest one whole task at a time on the ' +
        'provider furthest below its weighted share (ties to the provider listed first), so 1:1 over 3 tasks is 2 + 1'
      );
    case 'linked-by-module':
      return `${note.services.map((name) => untrusted(name)).join(', ')}: the task definition is the only one in the service's module (its configuration reaches it through a local value, which terraform show -json does not show)`;
    case 'sized-by-flags':
      return `${note.services.map((name) => untrusted(name)).join(', ')}: the task definition is not in the input; priced at the size --cpu and --memory give`;
    case 'spot-tasks-at-spot':
      return "a service's FARGATE_SPOT tasks are priced at Spot in every row; the purchase option applies to its FARGATE tasks, and its On-Demand row is the service as it runs";
  }
}

const UNKNOWN_FIELDS: Record<string, string> = {
  'desired-count': 'desired count',
  'launch-type': 'launch type',
  strategy: 'capacity-provider strategy',
  'task-definition': 'task definition',
  'cluster-strategy': "cluster's default strategy",
  scale: 'task set scale',
};

/** Why an item of a set is not priced, in words; what it quotes from the input is escaped and cut. */
export function exclusionText(reason: ItemExclusion): string {
  switch (reason.kind) {
    case 'launch-type':
      return `launch type ${untrusted(reason.launchType)} is not Fargate`;
    case 'ec2-by-default':
      return `no launch type or strategy, and cluster ${untrusted(reason.cluster)} has no default capacity-provider strategy: ECS runs it on EC2, not Fargate`;
    case 'cluster-not-in-input':
      return `no launch type or strategy: it takes the default strategy of ${reason.cluster === null ? 'the default cluster' : `cluster ${untrusted(reason.cluster)}`}, which is not in the input (without one ECS runs it on EC2)`;
    case 'capacity-provider':
      return `capacity provider ${untrusted(reason.provider)} is not FARGATE or FARGATE_SPOT (EC2 capacity)`;
    case 'invalid-strategy':
      return {
        repeated: 'its strategy names a capacity provider twice, which ECS refuses',
        'two-bases': 'its strategy gives a base to more than one provider, which ECS refuses',
        'no-weight': 'its strategy has no provider with a weight above 0, which ECS refuses',
      }[reason.problem];
    case 'unknown': {
      const fields = reason.fields.map((field) => UNKNOWN_FIELDS[field] ?? untrusted(field)).join(', ');
      return reason.why === 'after-apply'
        ? `${fields} known only after apply`
        : `${fields} given by an expression that cannot be evaluated offline`;
    }
    case 'task-definition-outside':
      return `its task definition ${untrusted(reason.ref, 100)} is not in the input`;
    case 'no-task-definition':
      return 'no task definition';
    case 'no-task-set':
      return 'EXTERNAL deployment controller and no task set in the input (its task set names the task definition)';
    case 'task-definition-excluded':
      return `its task definition ${untrusted(reason.taskDefinition)} is not priced (see it)`;
    case 'not-fargate':
      return `Fargate cannot run it: ${reason.why}`;
    case 'windows-on-spot':
      return `its strategy puts ${plural(reason.spotTasks, 'Windows task')} on FARGATE_SPOT, which runs Linux tasks only`;
    case 'run-by-excluded':
      return `run only by ${reason.services.map((service) => untrusted(service)).join(', ')}, not priced`;
  }
}

/** Why a task is not billed, as the exclusion lists say it. */
export const EXCLUSION_LABELS: Record<ExclusionReason, string> = {
  'not-fargate': 'EC2, external or managed-instance launch type (not Fargate)',
  'never-started': 'stopped before its image pull started (AWS bills nothing)',
  pending: 'no image pull started by the as-of time (still provisioning)',
  'no-stop-time': 'STOPPED without stoppedAt or executionStoppedAt',
  'unknown-size': 'no task-level cpu and memory in the record',
  'unknown-region': 'no region in its ARN (pass --region)',
  'other-service': 'not one of the --service services',
  'outside-window': 'billed entirely outside --from/--to',
  'stop-before-start': 'a stop time before its start (a clock or data error)',
  'invalid-size': 'a cpu, memory or storage Fargate does not offer',
  'impossible-time': 'a time before Fargate existed (2017-11-29) or over a year after the as-of time',
  'no-rate': 'no rate in the price catalog',
};

export const LIVE_RETENTION =
  'ECS keeps stopped tasks for only about an hour: the live read holds the running tasks and those that stopped in about the last hour; for a longer history, record "ECS Task State Change" events with an EventBridge rule and pass them as files';

/** Why a size (or a service's steady state) has no price. */
export function priceGapText(gap: PriceGap | SteadyGap): string {
  switch (gap.kind) {
    case 'no-task':
      return 'no task of the service was read, so its size is unknown';
    case 'no-region':
      return `region ${gap.region} is not in the price catalog`;
    case 'windows-spot':
      return `Windows tasks on FARGATE_SPOT in ${gap.region}: Fargate Spot runs Linux only, there is no rate`;
    case 'no-rate':
      return `the catalog has no ${gap.table === 'spot' ? 'Fargate Spot' : 'On-Demand'} rate for ${gap.key} in ${gap.region}`;
  }
}

const HOW_TO_PRICE = 'pass --catalog with those rates, or run "fargate-cost prices refresh"';

/** How to get what a gap lacks: a missing rate of a region the catalog lists names the refresh of that region. */
function howToPrice(gap: PriceGap): string {
  return gap.kind === 'no-rate' ? `${refreshAdvice([gap.region])}, or pass --catalog with those rates` : HOW_TO_PRICE;
}

export function sourceNoteText(note: SourceNote): string {
  switch (note.kind) {
    case 'skipped-invalid':
      return `${note.count} malformed record${note.count === 1 ? ' was' : 's were'} skipped (--skip-invalid); first: ${note.examples.join('; ')}`;
    case 'skipped-files': {
      const one = note.count === 1;
      return `${note.count} file${one ? '' : 's'} in the directories read ${one ? 'holds' : 'hold'} no task history and ${one ? 'was' : 'were'} skipped`;
    }
    case 'live-retention':
      return LIVE_RETENTION;
    case 'live-region-assumed':
      return `region ${note.region} assumed for the live read of ${note.cluster} ${REGION_CHAIN}`;
    case 'gone-tasks': {
      const one = note.count === 1;
      return `${note.count} listed task${one ? ' was' : 's were'} gone by the time ${one ? 'it was' : 'they were'} described`;
    }
  }
}

export function historyNoteText(note: HistoryNote): string {
  switch (note.kind) {
    case 'stale-catalog':
    case 'estimated-rates':
      return catalogNoteText(note);
    case 'skipped-invalid':
    case 'skipped-files':
    case 'live-retention':
    case 'live-region-assumed':
    case 'gone-tasks':
      return sourceNoteText(note);
    case 'billing-rule':
      return 'each task is billed from pullStartedAt to stoppedAt (else executionStoppedAt), rounded up to the second, at least 60 s (Linux) or 300 s (Windows); each region at its own rates';
    case 'running-billed': {
      const one = note.running === 1;
      return `${note.running} running task${one ? ' is' : 's are'} billed for ${one ? 'its' : 'their'} time so far, up to the as-of time ${new Date(note.asOfMs).toISOString()} (at least the minimum)`;
    }
    case 'window-clip':
      return "--from/--to keep the part of each task's billed interval inside the window; the interval starts at pullStartedAt and lasts the billed seconds, so a task's minimum counts in the minute(s) right after its pull started";
    case 'utc':
      return 'days and hours are UTC';
    case 'spot-at-catalog':
      return `Fargate Spot usage is priced at the catalog's Spot rates (observed ${note.asOf}); the Spot price when the tasks ran may have differed`;
    case 'extras-on-demand':
      return estimateNoteText(note);
    case 'projection': {
      const hours = note.windowHours.toDecimalPlaces(2);
      return `projection: the window's spend rate over ${hours.toString()} ${hours.eq(1) ? 'hour' : 'hours'} times a ${note.monthHours}-hour month; the purchase-option rows price the same usage under each option, Savings Plans at full coverage ("fargate-cost compare" sizes a commitment hour by hour)`;
    }
    case 'not-priced':
      return `${plural(note.tasks, 'task')} not priced: ${priceGapText(note.gap)} (${howToPrice(note.gap)})`;
    case 'spot-not-priced': {
      const one = note.tasks === 1;
      return `${note.tasks} Fargate Spot task${one ? '' : 's'} (${note.taskHours.toDecimalPlaces(2).toString()} task-hours) not priced: ${priceGapText(note.gap)}; ${one ? 'its' : 'their'} usage is counted, what ${one ? 'it' : 'they'} cost on Spot is unknown (${howToPrice(note.gap)})`;
    }
    case 'unknown-region':
      return `${note.tasks} task${note.tasks === 1 ? ' has' : 's have'} no region in its ARN and were not billed; pass --region to price them`;
    case 'billed-from-started':
      return `${plural(note.tasks, 'task')} without pullStartedAt ${note.tasks === 1 ? 'is' : 'are'} billed from startedAt: ${note.tasks === 1 ? 'its' : 'their'} cost is a lower bound (the image pull before the start is billed too)`;
    case 'stale-history': {
      const one = note.running === 1;
      return `the newest record is from ${new Date(note.latestSeenMs).toISOString()}, ${plural(note.days, 'day')} before the as-of time, and the ${note.running} running task${one ? ' is' : 's are'} billed up to the as-of time; if the history was captured earlier, pass --as-of with the capture time`;
    }
    case 'short-window':
      return `the window is only ${note.hours.toString()} ${note.hours.eq(1) ? 'hour' : 'hours'}: the projection stretches it to a ${note.monthHours}-hour month`;
  }
}

/** `FARGATE:base=2,weight=1 FARGATE_SPOT:weight=3`. */
export function formatStrategy(strategy: Strategy): string {
  return strategy
    .map((item) => `${item.provider}:${item.base > 0 ? `base=${item.base},` : ''}weight=${item.weight}`)
    .join(' ');
}

/** A workload shape in words. */
export function describeShape(shape: WorkloadShape): string {
  const tasks = (n: number) => `${n} task${n === 1 ? '' : 's'}`;
  switch (shape.kind) {
    case 'always-on':
      return `${tasks(shape.count)} always on`;
    case 'schedule':
      return `${tasks(shape.count)} a run, ${formatDuration(shape.durationMs / 1000)} a run, ${formatQuantity(toDec(shape.runsPerMonth), 2)} runs a month placed evenly`;
    case 'autoscaling':
      return shape.peak === null
        ? `autoscaling by the hour (UTC): ${shape.countsByHour.join(',')} tasks`
        : `autoscaling from ${tasks(shape.min)} to ${tasks(shape.max)}: ${shape.max} during ${shape.peak} UTC, ${shape.min} otherwise, every day`;
  }
}
