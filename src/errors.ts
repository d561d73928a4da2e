/**
 * An expected failure caused by the user's input or environment. The CLI prints `message` (and
 * `hint`) on one line without a stack trace and exits with `exitCode`. Any other error is a bug.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  readonly hint: string | undefined;
  readonly exitCode: number;

  constructor(message: string, options: {hint?: string; exitCode?: number; cause?: unknown} = {}) {
    super(message, options.cause === undefined ? undefined : {cause: options.cause});
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? 1;
  }
}

/** Exit codes: 1 bad input or data, 2 bad command line, 3 AWS refused or failed, 4 missing rate. */
export const EXIT = {input: 1, usage: 2, aws: 3, missingRate: 4} as const;

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/**
 * Runs a command-line parse: a UserError it throws is a bad command line (exit 2), whatever the
 * parser would say of the same value in a file (bad input, exit 1).
 */
export function commandLine<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (isUserError(error) && error.exitCode === EXIT.input) {
      throw new UserError(error.message, {
        exitCode: EXIT.usage,
        ...(error.hint === undefined ? {} : {hint: error.hint}),
        cause: error,
      });
    }
    throw error;
  }
}
