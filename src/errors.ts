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

/**
 * Exit codes: 1 bad input or data, 2 bad command line, 3 AWS refused or failed, 4 missing rate, 5 a failed
 * policy, 6 a reconciliation that found differences (the model and the bill disagree), 130 interrupted
 * (Ctrl-C), as a shell reports a run SIGINT ended.
 */
export const EXIT = {input: 1, usage: 2, aws: 3, missingRate: 4, policy: 5, reconcile: 6, interrupted: 130} as const;

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/**
 * What a terminal would act on rather than show: C0 and C1 controls (newline and ESC among them),
 * DEL, and the Unicode marks that reorder or break lines.
 */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every control character written as an escape (`\x1b`, `\n`, `\u202e`): one visible line. */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, (char) => {
    if (char === '\n') return '\\n';
    if (char === '\r') return '\\r';
    if (char === '\t') return '\\t';
    const code = char.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * Text from a file, a catalog or AWS, fit to quote in a message: cut to `max` characters (an
 * ellipsis says so), then its control characters escaped.
 */
export function untrusted(text: string, max = 60): string {
  const chars = [...text];
  return escapeControls(chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text);
}

/**
 * A value read from a file (JSON or YAML), fit to quote in a message: text quoted, cut and escaped as
 * `untrusted` does, a number or literal as written, a list or a mapping named (never converted: a mapping
 * with a `toString` key cannot be).
 */
export function untrustedValue(value: unknown, max = 60): string {
  if (typeof value === 'string') return `"${untrusted(value, max)}"`;
  if (value === null || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value === undefined) return 'missing';
  // YAML's !!set, !!binary and !!omap come as a Set, bytes and a Map.
  if (Array.isArray(value) || value instanceof Set) return 'a list';
  if (ArrayBuffer.isView(value)) return 'binary data';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid date' : value.toISOString();
  return 'a mapping';
}
