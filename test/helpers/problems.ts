import {type Problem, ProblemError} from '../../src/model/problems.js';

/** The problem `run` throws; fails when it returns, or throws anything else. */
export function problemOf(run: () => unknown): Problem {
  try {
    run();
  } catch (error) {
    if (error instanceof ProblemError) return error.problem;
    throw error;
  }
  throw new Error('expected a ProblemError, nothing was thrown');
}
