import type {UserError} from '../errors.js';
import {type Problem, ProblemError} from '../model/problems.js';
import {EXCLUSION_LABELS, formatStrategy, plural} from './text.js';

/** The one-line message and hint of a problem the core found. */
export function problemText(problem: Problem): {message: string; hint?: string} {
  switch (problem.kind) {
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
