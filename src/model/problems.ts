import {UserError} from '../errors.js';
import type {Strategy} from './strategy.js';
import type {ExclusionReason} from './task-record.js';

/**
 * A user's problem the core found, as data: what is wrong and the facts that say so. The CLI turns
 * it into its one-line message and hint (report/problems.ts), speaking its own flags.
 */
export type Problem =
  | {
      readonly kind: 'nothing-billed';
      readonly records: number;
      readonly reasons: Partial<Record<ExclusionReason, number>>;
    }
  /** A strategy (--strategy, or an estimate's) that puts Windows tasks on Spot. */
  | {readonly kind: 'windows-on-spot'; readonly component: string; readonly strategy: Strategy | null};

/** Exit codes the problems map to: 1 bad input, 2 a command line that cannot be used, 4 a missing rate. */
const EXIT_CODES: Record<Problem['kind'], number> = {
  'nothing-billed': 1,
  'windows-on-spot': 1,
};

export class ProblemError extends UserError {
  constructor(readonly problem: Problem) {
    super(problem.kind, {exitCode: EXIT_CODES[problem.kind]});
  }
}
