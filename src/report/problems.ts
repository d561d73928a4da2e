import {untrusted, type UserError} from '../errors.js';
import {type Problem, ProblemError, type Subject} from '../model/problems.js';
import {formatCpu, formatMemory, formatSize} from '../sizing/sizes.js';
import {EXCLUSION_LABELS, formatStrategy, plural, tableLabel} from './text.js';

/** The one-line message and hint of every problem the core reports, in the words the CLI speaks. */

export interface ProblemText {
  readonly message: string;
  readonly hint?: string | undefined;
}

const subjectOf = (subject: Subject) =>
  subject.taskDefinition === null ? 'task' : `task definition ${untrusted(subject.taskDefinition)}`;

const listGb = (memoryMiB: readonly number[]) => `${memoryMiB.map((mib) => mib / 1024).join(', ')} GB`;

const RESTORE = 'restore it with "fargate-cost prices refresh", or drop --catalog to use the embedded snapshot';
const DURATION_HINT = 'write e.g. 600s, 10m, 1.5h or 1h30m';

export function problemText(problem: Problem): ProblemText {
  switch (problem.kind) {
    case 'bad-duration': {
      const text = `${problem.label} "${untrusted(problem.text)}"`;
      const says = {
        'not-understood': 'is not understood',
        'finer-than-ms': 'is finer than a millisecond',
        'not-positive': 'must be longer than zero',
      }[problem.reason];
      return {message: `${text} ${says}`, hint: DURATION_HINT};
    }
    case 'bad-month':
      return {
        message: `month "${untrusted(problem.text)}" is not understood`,
        hint: 'write hours (730h, the default) or days (30d)',
      };
    case 'bad-runs':
      return {
        message: `runs "${untrusted(problem.text)}" is not understood`,
        hint: 'write a count a month (100) or a rate: 24/day, 2/hour, 5/week',
      };
    case 'bad-count':
      return {message: `count "${untrusted(problem.text)}" must be a whole number of tasks, at least 1`};
    case 'runs-without-duration':
      return {message: '--runs needs --duration (how long each run lasts)', hint: 'e.g. --runs 24/day --duration 10m'};
    case 'size-not-whole':
      return {
        message: `${problem.what} "${untrusted(problem.text)}" does not come to a whole number`,
        hint: 'use whole CPU units (1024 = 1 vCPU) or MiB',
      };
    case 'size-not-understood':
      return {
        message: `${problem.what === 'storage' ? 'ephemeral storage' : problem.what} "${untrusted(problem.text)}" is not understood`,
        hint: {
          cpu: 'write CPU units (1024) or vCPU ("1 vCPU")',
          memory: 'write MiB (2048) or GB ("2 GB")',
          storage: 'write whole GiB, from 20 to 200 (e.g. 30)',
        }[problem.what],
      };
    case 'invalid-cpu':
      return {
        message: `${subjectOf(problem.subject)} cpu ${formatCpu(problem.cpuUnits)} (${problem.cpuUnits} units) is not a Fargate size; valid vCPU: ${problem.validVcpu.join(', ')}`,
        hint: `nearest valid size: ${formatSize(problem.nearest)}`,
      };
    case 'windows-cpu':
      return {
        message: `${subjectOf(problem.subject)} cpu ${formatCpu(problem.cpuUnits)} is not available for Windows on Fargate; Windows tasks use 1, 2 or 4 vCPU`,
        hint: `nearest valid size: ${formatSize(problem.nearest)}`,
      };
    case 'invalid-memory':
      return {
        message: `${subjectOf(problem.subject)} memory ${formatMemory(problem.memoryMiB)} is not valid for ${formatCpu(problem.cpuUnits)}; valid: ${listGb(problem.validMiB)}`,
        hint: `nearest valid size: ${formatSize(problem.nearest)}`,
      };
    case 'storage-range':
      return {
        message: `${subjectOf(problem.subject)} ephemeral storage ${problem.storageGiB} GiB is out of range; Fargate allows 20 to 200 GiB`,
        hint: '20 GiB is included; only what is above it is billed',
      };
    case 'windows-arm':
      return {
        message: `${subjectOf(problem.subject)} asks for Windows on arm64, which Fargate does not run`,
        hint: 'Windows tasks on Fargate are x86_64 only',
      };
    case 'no-size':
      return {
        message: `${subjectOf(problem.subject)} has no task-level cpu and memory, and its containers reserve none`,
        hint: 'pass --cpu and --memory',
      };
    case 'missing-rate':
      return {
        message: `the price catalog (${problem.catalogPath}) has no ${tableLabel(problem.table)} rate for ${problem.key} in ${problem.region}`,
        hint: `run "fargate-cost prices refresh --regions ${problem.region}" with AWS credentials, or pass --catalog FILE with that rate`,
      };
    case 'unknown-region':
      return {
        message: `region ${untrusted(problem.region)} is not in the price catalog (${problem.catalogPath})`,
        hint:
          problem.near.length > 0
            ? `regions in the catalog near it: ${problem.near.join(', ')}`
            : `the catalog covers: ${problem.regions.join(', ')}`,
      };
    case 'invalid-catalog': {
      const more = problem.more > 0 ? ` (and ${problem.more} more)` : '';
      return {
        message: `price catalog ${problem.path} is not valid: ${problem.issues.join('; ')}${more}`,
        hint: RESTORE,
      };
    }
    case 'implausible-catalog': {
      const more = problem.problems.length > 3 ? ` (and ${problem.problems.length - 3} more)` : '';
      return {
        message: `price catalog ${problem.path} has rates no price can have: ${problem.problems.slice(0, 3).join('; ')}${more}`,
        hint: RESTORE,
      };
    }
    case 'future-catalog':
      return {
        message: `price catalog ${problem.path} says it was generated at ${untrusted(problem.generatedAt)}, after the clock (${new Date(problem.nowMs).toISOString()})`,
        hint: `check the computer's clock; if it is right, ${RESTORE}`,
      };
    case 'catalog-without-regions':
      return {message: `the price catalog ${problem.path} has no regions`};
    case 'zero-rate':
      return {
        message: `the price catalog (${problem.catalogPath}) has a zero rate for ${problem.key} in ${problem.region}`,
        hint: 'fix the catalog or run "fargate-cost prices refresh"',
      };
    case 'nothing-to-compare':
      return {
        message:
          problem.reason === 'no-usage'
            ? 'nothing to compare: the input has no Fargate usage'
            : 'nothing to compare: the usage profile has no hours',
      };
    case 'lookback-too-long':
      return {
        message: `a ${problem.days}-day look-back needs ${problem.days} days of usage; the profile covers ${(problem.hours / 24).toFixed(1)} days`,
        hint: 'read a longer history or choose a shorter --lookback',
      };
    case 'strategy-without-services':
      return {
        message: '--strategy prices services, and the history has none (its batch tasks are priced as they ran)',
        hint: 'read a history with service tasks, or drop --strategy',
      };
    case 'nothing-billed': {
      const reasons = Object.entries(problem.reasons).map(
        ([reason, count]) => `${count} ${EXCLUSION_LABELS[reason as keyof typeof EXCLUSION_LABELS]}`,
      );
      return {
        message: `nothing to compare: the history has no billed Fargate task (${plural(problem.records, 'record')} read${reasons.length > 0 ? `; not billed: ${reasons.join(', ')}` : ''})`,
        hint: 'check the paths, --service and --from/--to',
      };
    }
    case 'windows-on-spot': {
      const what = problem.strategy
        ? `--strategy ${formatStrategy(problem.strategy)} for ${problem.component}`
        : `the capacity-provider strategy for ${problem.component}`;
      return {
        message: `${what} puts Windows tasks on Fargate Spot, which runs Linux tasks only`,
        hint: 'keep Windows services on FARGATE (On-Demand or a Savings Plan)',
      };
    }
    case 'no-fargate-products': {
      const {regions} = problem;
      return {
        message: `the Price List API returned no Fargate products for ${regions.length === 1 ? regions[0] : `any of the ${regions.length} regions asked for`}; nothing was written`,
        hint: 'check --regions (AmazonECS region codes such as us-east-1) and AWS_ENDPOINT_URL_PRICING if you set it',
      };
    }
    case 'bad-spot-date':
      return {message: `--spot-date "${problem.text}" is not a date YYYY-MM-DD`};
    case 'undated-spot-feed':
      return {
        message: `${problem.path} has no usable "source:version" date in its metadata`,
        hint: 'pass --spot-date YYYY-MM-DD: the day these Spot prices were published or observed',
      };
  }
}

/** The one-line message and hint of any user error: a problem the core found, or an edge's own message. */
export function userErrorText(error: UserError): {message: string; hint: string | undefined} {
  if (error instanceof ProblemError) {
    const {message, hint} = problemText(error.problem);
    return {message, hint};
  }
  return {message: error.message, hint: error.hint};
}
