import {randomBytes} from 'node:crypto';
import {access, copyFile, link, mkdir, open, readFile, rename, rm} from 'node:fs/promises';
import {dirname, basename, join} from 'node:path';
import {UserError, untrusted} from '../errors.js';
import {JsonChecker, JsonSyntaxError} from './history/json-check.js';

/** Whether something is at `path` (and can be seen). */
export async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** Reads a whole file as text; a missing or unreadable file is a UserError naming it (as `shownAs`). */
export async function readText(path: string, shownAs: string = path): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw fileError(error, shownAs);
  }
}

/** Reads a file, or standard input when `path` is "-". */
export async function readInput(path: string, stdin: NodeJS.ReadableStream): Promise<string> {
  if (path !== '-') return readText(path);
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

export function fileError(error: unknown, path: string): UserError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new UserError(`${path}: no such file`, {hint: 'check the path'});
  if (code === 'EISDIR') return new UserError(`${path} is a directory`, {hint: 'name a file'});
  if (code === 'EACCES') return new UserError(`${path}: permission denied`);
  return new UserError(`${path}: ${(error as Error).message}`);
}

/**
 * Parses JSON text, turning a syntax error into a one-line UserError with the file name and line. A leading
 * byte-order mark (Windows editors write one) is skipped, as the history reader skips it.
 */
export function parseJsonText(text: string, path: string): unknown {
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(json);
  } catch (error) {
    const hint = 'fix the file, or check that it is the JSON output of the AWS CLI';
    // The streaming check names the first wrong byte and its line, as the history reader does; JavaScript's
    // message quotes the text around it, raw.
    const checker = new JsonChecker();
    try {
      checker.feed(Buffer.from(json));
      checker.end();
    } catch (syntax) {
      if (!(syntax instanceof JsonSyntaxError)) throw syntax;
      throw new UserError(`${path} is not valid JSON (line ${syntax.line}): ${syntax.message}`, {hint});
    }
    // What the check lets pass (a number such as 01): JavaScript's own words, without the text they quote.
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message);
    const where = position ? ` (line ${json.slice(0, Number(position[1])).split('\n').length})` : '';
    const what = message.replace(/, ".*" is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '');
    throw new UserError(`${path} is not valid JSON${where}: ${untrusted(what, 120)}`, {hint});
  }
}

/** Reads a JSON file; an error names it as `shownAs` (the path output shows, when it differs from the one read). */
export async function readJson(path: string, shownAs: string = path): Promise<unknown> {
  return parseJsonText(await readText(path, shownAs), shownAs);
}

/**
 * Writes a file atomically: a temporary file in the same directory, then a rename over the target,
 * so a reader sees the old file or the new one, never half of one, and never no file at all. With
 * `keepPrevious`, the file being replaced is first kept as `<name>.previous` (a hard link, or a
 * copy where links are not possible); the target itself stays in place until the rename.
 */
export async function writeFileAtomic(
  path: string,
  text: string,
  options: {keepPrevious?: boolean} = {},
): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, {recursive: true});
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(text, 'utf8');
      // On disk before the rename: after a crash the target is the old file or the whole new one.
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.keepPrevious) await keepCopy(path, `${path}.previous`);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, {force: true});
    throw fileError(error, path);
  }
}

/** Makes `copy` hold what `path` holds now (nothing to do when there is no `path`). */
async function keepCopy(path: string, copy: string): Promise<void> {
  await rm(copy, {force: true});
  try {
    await link(path, copy);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code !== 'EPERM' && code !== 'EXDEV' && code !== 'ENOTSUP' && code !== 'EMLINK') throw error;
    await copyFile(path, copy);
  }
}
