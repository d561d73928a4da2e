import {homedir} from 'node:os';
import {isAbsolute, join, relative, sep} from 'node:path';

/**
 * Output names a path as the user would type it, never as an absolute local path where it can help it
 * (a Markdown report pasted into a pull request must not say where a checkout lives). These are the
 * two rules; the CLI applies the first to every path it is given, and the catalog the second to its own.
 */

/** Where `path` lies below `dir`, or undefined when it does not (`dir` itself is `.`). */
function below(dir: string, path: string): string | undefined {
  const rest = relative(dir, path);
  if (rest === '') return '.';
  if (rest === '..' || rest.startsWith(`..${sep}`) || isAbsolute(rest)) return undefined;
  return rest;
}

/**
 * A path the user gave (an argument, a flag, an environment variable): an absolute path inside the
 * working directory becomes relative to it, and reads the same file; any other path stays as given.
 */
export function relativeToCwd(path: string, cwd: string = process.cwd()): string {
  if (!isAbsolute(path)) return path;
  return below(cwd, path) ?? path;
}

/**
 * A path the tool chose itself (the embedded snapshot inside the package, the cache directory under
 * the home directory), for display only: relative to the working directory when inside it, else
 * `~/...` under the home directory, else relative to the working directory all the same (`../...`).
 */
export function shownToolPath(path: string, cwd: string = process.cwd(), home: string = homedir()): string {
  const inCwd = below(cwd, path);
  if (inCwd !== undefined) return inCwd;
  const inHome = home === '' ? undefined : below(home, path);
  if (inHome !== undefined) return inHome === '.' ? '~' : join('~', inHome);
  return relative(cwd, path) || '.';
}
