import {EXIT, isUserError, UserError} from '../errors.js';
import {type Problem, ProblemError} from '../model/problems.js';

/**
 * The exit code of each problem the core reports (docs/exit-codes.md; 5, a failed policy, and 6, a reconciliation
 * that differs, are the CLI's own): 4 a rate or region the
 * catalog lacks, 3 AWS answered with nothing usable, 2 a command line that cannot be used, 1 bad
 * input or data. A problem in a value typed on the command line is a bad command line whatever it
 * would be in a file.
 */
const PROBLEM_EXIT: Partial<Record<Problem['kind'], number>> = {
  'missing-rate': EXIT.missingRate,
  'unknown-region': EXIT.missingRate,
  'zero-rate': EXIT.missingRate,
  'catalog-without-regions': EXIT.missingRate,
  'strategy-without-services': EXIT.usage,
  'size-missing': EXIT.usage,
  'no-fargate-products': EXIT.aws,
  'bad-spot-date': EXIT.usage,
  'undated-spot-feed': EXIT.usage,
};

export function exitCodeOf(error: UserError): number {
  if (error instanceof ProblemError) {
    return error.commandLine ? EXIT.usage : (PROBLEM_EXIT[error.problem.kind] ?? EXIT.input);
  }
  return error.exitCode;
}

/**
 * Runs a command-line parse: a problem it finds is a bad command line (exit 2), whatever the same
 * value would be in a file (bad input, exit 1).
 */
export function commandLine<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ProblemError) {
      error.commandLine = true;
    } else if (isUserError(error) && error.exitCode === EXIT.input) {
      throw new UserError(error.message, {
        exitCode: EXIT.usage,
        ...(error.hint === undefined ? {} : {hint: error.hint}),
        cause: error,
      });
    }
    throw error;
  }
}
