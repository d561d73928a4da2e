import {untrusted, untrustedValue, type UserError} from '../errors.js';
import {type Problem, ProblemError, type Subject} from '../model/problems.js';
import {refreshAdvice} from './refresh-advice.js';
import {formatCpu, formatMemory, formatSize} from '../sizing/sizes.js';
import {EXCLUSION_LABELS, exclusionText, formatStrategy, plural, tableLabel} from './text.js';

/** The one-line message and hint of every problem the core reports, in the words the CLI speaks. */

export interface ProblemText {
  readonly message: string;
  readonly hint?: string | undefined;
}

const subjectOf = (subject: Subject) =>
  subject.taskDefinition === null ? 'task' : `task definition ${untrusted(subject.taskDefinition)}`;

function listGb(values: readonly number[]): string {
  // Long 1 GB runs read better as a range.
  const gb = values.map((value) => value / 1024);
  if (gb.length > 4) {
    const step = gb[1]! - gb[0]!;
    return `${gb[0]} to ${gb[gb.length - 1]} GB in ${step} GB steps`;
  }
  return `${gb.join(', ')} GB`;
}

const RESTORE = 'restore it with "fargate-cost prices refresh", or drop --catalog to use the embedded snapshot';
const SIZE_NAMES = {cpu: 'cpu', memory: 'memory', storage: 'ephemeral storage'} as const;
const SIZE_HINTS = {
  cpu: 'write CPU units (1024) or vCPU ("1 vCPU")',
  memory: 'write MiB (2048) or GB ("2 GB")',
  storage: 'write whole GiB, from 20 to 200 (e.g. 30)',
} as const;
const DURATION_HINT = 'write e.g. 600s, 10m, 1.5h or 1h30m';

/** What the rightsize readers skip, by code. */
const SKIP_WORDS: Readonly<Record<string, readonly [one: string, many: string]>> = {
  'other-type': ['event of another Type', 'events of other Types'],
  'not-fargate': ['task event not on Fargate', 'task events not on Fargate'],
  'not-fargate-size': [
    'sample reserving a size Fargate does not offer',
    'samples reserving a size Fargate does not offer',
  ],
  'unknown-size': [
    'bill task-hour of a task whose size is unknown (billed in under 3 clock hours, or not a Fargate size)',
    'bill task-hours of tasks whose size is unknown (billed in under 3 clock hours, or not a Fargate size)',
  ],
  'other-platform': [
    'bill task-hour on another OS or architecture than --os and --arch',
    'bill task-hours on another OS or architecture than --os and --arch',
  ],
  'no-actual-usage': [
    'bill task-hour without split_line_item_actual_usage',
    'bill task-hours without split_line_item_actual_usage',
  ],
};

/** `1 event of another Type`, `2 events of other Types`: what rightsize skipped, counted. */
export function skipPhrase(reason: string, count: number): string {
  const words = SKIP_WORDS[reason];
  if (words === undefined) return `${count} ${untrusted(reason)}`;
  return `${count} ${count === 1 ? words[0] : words[1]}`;
}

type Texts = {readonly [K in Problem['kind']]: (problem: Extract<Problem, {kind: K}>) => ProblemText};

/** The words of each kind of problem, in the order model/problems.ts lists them. */
const TEXTS: Texts = {
  'bad-duration': (problem) => {
    const text = `${problem.label} "${untrusted(problem.text)}"`;
    const says = {
      'not-understood': 'is not understood',
      'finer-than-ms': 'is finer than a millisecond',
      'not-positive': 'must be longer than zero',
    }[problem.reason];
    return {message: `${text} ${says}`, hint: DURATION_HINT};
  },
  'bad-month': (problem) => ({
    message: `month "${untrusted(problem.text)}" is not understood`,
    hint: 'write hours (730h, the default) or days (30d)',
  }),
  'bad-runs': (problem) => ({
    message: `runs "${untrusted(problem.text)}" is not understood`,
    hint: 'write a count a month (100) or a rate: 24/day, 2/hour, 5/week',
  }),
  'bad-count': (problem) => ({
    message: `count "${untrusted(problem.text)}" must be a whole number of tasks, at least 1`,
  }),
  'bill-not-hourly': (problem) => ({
    message: `the bill is ${problem.granularity}: compare and reconcile work hour by hour and need an hourly export`,
    hint: 'export the bill with time granularity Hourly (AWS Data Exports), or use history to read it as it is',
  }),
  'bad-bill-table': (problem) => ({
    message: `bill table "${untrusted(problem.text)}" is not DATABASE.TABLE`,
    hint: 'name the Athena database and table of the CUR 2.0 export, letters, digits and underscores, e.g. cur.data',
  }),
  'runs-without-duration': () => ({
    message: '--runs needs --duration (how long each run lasts)',
    hint: 'e.g. --runs 24/day --duration 10m',
  }),
  'size-not-whole': (problem) => ({
    message: `${problem.what} "${untrusted(problem.text)}" does not come to a whole number`,
    hint: 'use whole CPU units (1024 = 1 vCPU) or MiB',
  }),
  'size-not-understood': (problem) => ({
    message: `${SIZE_NAMES[problem.what]} "${untrusted(problem.text)}" is not understood`,
    hint: SIZE_HINTS[problem.what],
  }),
  'size-wrong-kind': (problem) => ({
    message: `${SIZE_NAMES[problem.what]} is ${untrustedValue(problem.value)}, not a number or text`,
    hint: SIZE_HINTS[problem.what],
  }),
  'in-task-definition': (problem) => {
    const inner = problemText(problem.problem);
    return {
      message: `task definition ${untrusted(problem.name)} (${problem.where}): ${inner.message}`,
      hint: inner.hint ?? `fix ${problem.field}`,
    };
  },
  'invalid-cpu': (problem) => ({
    message: `${subjectOf(problem.subject)} cpu ${formatCpu(problem.cpuUnits)} (${problem.cpuUnits} units) is not a Fargate size; valid vCPU: ${problem.validVcpu.join(', ')}`,
    hint: `nearest valid size: ${formatSize(problem.nearest)}`,
  }),
  'windows-cpu': (problem) => ({
    message: `${subjectOf(problem.subject)} cpu ${formatCpu(problem.cpuUnits)} is not available for Windows on Fargate; Windows tasks use 1, 2 or 4 vCPU`,
    hint: `nearest valid size: ${formatSize(problem.nearest)}`,
  }),
  'invalid-memory': (problem) => ({
    message: `${subjectOf(problem.subject)} memory ${formatMemory(problem.memoryMiB)} is not valid for ${formatCpu(problem.cpuUnits)}; valid: ${listGb(problem.validMiB)}`,
    hint: `nearest valid size: ${formatSize(problem.nearest)}`,
  }),
  'storage-range': (problem) => ({
    message: `${subjectOf(problem.subject)} ephemeral storage ${problem.storageGiB} GiB is out of range; Fargate allows 20 to 200 GiB`,
    hint: '20 GiB is included; only what is above it is billed',
  }),
  'windows-arm': (problem) => ({
    message: `${subjectOf(problem.subject)} asks for Windows on arm64, which Fargate does not run`,
    hint: 'Windows tasks on Fargate are x86_64 only',
  }),
  'no-size': (problem) => ({
    message: `${subjectOf(problem.subject)} has no task-level cpu and memory, and its containers reserve none`,
    hint: 'pass --cpu and --memory',
  }),
  'size-missing': (problem) => ({
    message: `nothing to estimate: give a task definition FILE, --task-definition REF, or both --cpu and --memory (--${problem.missing} is missing)`,
    hint: 'e.g. fargate-cost estimate --cpu 1 --memory 2',
  }),
  'missing-rate': (problem) => ({
    message: problem.unpriced
      ? `the price catalog (${problem.catalogPath}) lists ${problem.region} but has no On-Demand rates for it yet`
      : `the price catalog (${problem.catalogPath}) has no ${tableLabel(problem.table)} rate for ${problem.key} in ${problem.region}`,
    hint: `${refreshAdvice([problem.region])}, or pass --catalog FILE with ${problem.unpriced ? 'its rates' : 'that rate'}`,
  }),
  'unknown-region': (problem) => ({
    message: `region ${untrusted(problem.region)} is not in the price catalog (${problem.catalogPath})`,
    hint:
      problem.near.length > 0
        ? `regions in the catalog near it: ${problem.near.join(', ')}`
        : `the catalog covers: ${problem.regions.join(', ')}`,
  }),
  'invalid-catalog': (problem) => {
    const more = problem.more > 0 ? ` (and ${problem.more} more)` : '';
    return {
      message: `price catalog ${problem.path} is not valid: ${problem.issues.join('; ')}${more}`,
      hint: RESTORE,
    };
  },
  'implausible-catalog': (problem) => {
    const more = problem.problems.length > 3 ? ` (and ${problem.problems.length - 3} more)` : '';
    return {
      message: `price catalog ${problem.path} has rates no price can have: ${problem.problems.slice(0, 3).join('; ')}${more}`,
      hint: RESTORE,
    };
  },
  'future-catalog': (problem) => ({
    message: `price catalog ${problem.path} says it was generated at ${untrusted(problem.generatedAt)}, after the clock (${new Date(problem.nowMs).toISOString()})`,
    hint: `check the computer's clock; if it is right, ${RESTORE}`,
  }),
  'catalog-without-regions': (problem) => ({message: `the price catalog ${problem.path} has no regions`}),
  'zero-rate': (problem) => ({
    message: `the price catalog (${problem.catalogPath}) has a zero rate for ${problem.key} in ${problem.region} (${problem.plan})`,
    hint: 'fix the catalog or run "fargate-cost prices refresh"',
  }),
  'nothing-to-compare': (problem) => ({
    message: {
      'no-usage': 'nothing to compare: the input has no Fargate usage',
      'no-hours': 'nothing to compare: the usage profile has no hours',
      'no-plan-hours': 'the usage profile has no hours to size a Savings Plan over',
    }[problem.reason],
  }),
  'lookback-too-long': (problem) => ({
    message: `a ${problem.days}-day look-back needs ${problem.days} days of usage; the profile covers ${(problem.hours / 24).toFixed(1)} days`,
    hint: 'read a longer history or choose a shorter --lookback',
  }),
  'strategy-without-services': () => ({
    message: '--strategy prices services, and the history has none (its batch tasks are priced as they ran)',
    hint: 'read a history with service tasks, or drop --strategy',
  }),
  'nothing-billed': (problem) => {
    const reasons = Object.entries(problem.reasons).map(
      ([reason, count]) => `${count} ${EXCLUSION_LABELS[reason as keyof typeof EXCLUSION_LABELS]}`,
    );
    return {
      message: `nothing to compare: the history has no billed Fargate task (${plural(problem.records, 'record')} read${reasons.length > 0 ? `; not billed: ${reasons.join(', ')}` : ''})`,
      hint: 'check the paths, --service and --from/--to',
    };
  },
  'windows-on-spot': (problem) => {
    const what = problem.strategy
      ? `--strategy ${formatStrategy(problem.strategy)} for ${problem.component}`
      : `the capacity-provider strategy for ${problem.component}`;
    return {
      message: `${what} puts Windows tasks on Fargate Spot, which runs Linux tasks only`,
      hint: 'keep Windows services on FARGATE (On-Demand or a Savings Plan)',
    };
  },
  'nothing-to-estimate': ({source, excluded}) => {
    const shown = excluded.slice(0, 3).map((item) => `${untrusted(item.name)}: ${exclusionText(item.reason)}`);
    const more = excluded.length > 3 ? `; and ${excluded.length - 3} more` : '';
    return {
      message: `nothing in ${source} can be priced on Fargate${shown.length > 0 ? ` (${shown.join('; ')}${more})` : ': it has no task definition or service'}`,
      hint: excluded.some((item) => item.reason.kind === 'task-definition-outside')
        ? 'give the task size with --cpu and --memory, or estimate a file that holds the services and their task definitions'
        : 'give a launch type or capacity-provider strategy, or estimate a file that holds the services and their task definitions',
    };
  },
  'nothing-to-rightsize': (problem) => {
    const skipped = Object.entries(problem.skipped).filter(([, count]) => count > 0);
    return {
      message:
        skipped.length === 0
          ? 'nothing to rightsize: the input has no Fargate task samples'
          : `nothing to rightsize: no Fargate task samples (skipped: ${skipped.map(([reason, count]) => skipPhrase(reason, count)).join(', ')})`,
      hint: 'give Container Insights performance log events of Type "Task" with LaunchType FARGATE, or its CloudWatch metrics',
    };
  },
  'rightsized-ambiguous': (problem) => ({
    message: `${untrusted(problem.component)} has different recommended sizes in clusters ${problem.clusters.map((c) => untrusted(c)).join(', ')}`,
    hint: 'rightsize one cluster at a time (the input of that cluster only), then compare with that result',
  }),
  'rightsize-no-region': (problem) => ({
    message: `the samples of ${untrusted(problem.name)} name no Region, and no region was given`,
    hint: 'give --region (or set AWS_REGION)',
  }),
  'no-fargate-products': ({regions}) => ({
    message: `the Price List API returned no Fargate products for ${regions.length === 1 ? regions[0] : `any of the ${regions.length} regions asked for`}; nothing was written`,
    hint: 'check --regions (AmazonECS region codes such as us-east-1) and AWS_ENDPOINT_URL_PRICING if you set it',
  }),
  'bad-spot-date': (problem) => ({message: `--spot-date "${untrusted(problem.text)}" is not a date YYYY-MM-DD`}),
  'undated-spot-feed': (problem) => ({
    message: `${problem.path} has no usable "source:version" date in its metadata`,
    hint: 'pass --spot-date YYYY-MM-DD: the day these Spot prices were published or observed',
  }),
};

export function problemText(problem: Problem): ProblemText {
  return (TEXTS[problem.kind] as (problem: Problem) => ProblemText)(problem);
}

/** The one-line message and hint of any user error: a problem the core found, or an edge's own message. */
export function userErrorText(error: UserError): {message: string; hint: string | undefined} {
  if (error instanceof ProblemError) {
    const {message, hint} = problemText(error.problem);
    return {message, hint};
  }
  return {message: error.message, hint: error.hint};
}

/** A user error as one line: its message, and its hint in brackets. */
export function userErrorLine(error: UserError): string {
  const {message, hint} = userErrorText(error);
  return hint ? `${message} (${hint})` : message;
}
