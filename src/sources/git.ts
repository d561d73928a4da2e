import {execFile} from 'node:child_process';
import {UserError, untrusted} from '../errors.js';

/**
 * `git:REF:PATH` inputs: a file as it is at a git ref (`git:origin/main:infra/plan.json`), read with
 * `git show REF:PATH` in the working directory's repository, so a pull request's base needs no checkout.
 */

export interface GitInput {
  readonly ref: string;
  readonly path: string;
}

/** The ref and path of a `git:REF:PATH` input, or undefined for any other input. */
export function parseGitInput(input: string): GitInput | undefined {
  if (!input.startsWith('git:')) return undefined;
  const rest = input.slice('git:'.length);
  const colon = rest.indexOf(':');
  if (colon <= 0 || colon === rest.length - 1) {
    throw new UserError(`${untrusted(input)}: a git input is git:REF:PATH`, {
      hint: 'for example git:origin/main:infra/plan.json',
      exitCode: 2,
    });
  }
  return {ref: rest.slice(0, colon), path: rest.slice(colon + 1)};
}

/** The file's text at the ref; a ref or path git does not know is a one-line error. */
export function readGitFile(input: GitInput, cwd: string = process.cwd()): Promise<string> {
  const shown = `git:${input.ref}:${input.path}`;
  if (input.ref.startsWith('-')) {
    return Promise.reject(new UserError(`${untrusted(shown)}: a ref cannot start with "-"`, {exitCode: 2}));
  }
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['show', '--no-textconv', `${input.ref}:${input.path}`],
      {cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024},
      (error, stdout, stderr) => {
        if (!error) {
          resolve(stdout);
          return;
        }
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          reject(new UserError(`${untrusted(shown)}: git is not installed or not on PATH`));
          return;
        }
        const why = String(stderr).trim().split('\n')[0] ?? '';
        reject(
          new UserError(`${untrusted(shown)}: git cannot show it: ${untrusted(why.replace(/^fatal: /, ''), 160)}`, {
            hint: 'check the ref (git fetch it first in CI) and the path, relative to the repository root',
          }),
        );
      },
    );
  });
}
