import {randomBytes} from 'node:crypto';
import {mkdir, readFile, rename, rm, writeFile} from 'node:fs/promises';
import {dirname, basename, join} from 'node:path';
import {UserError} from '../errors.js';

/** Reads a whole file as text; a missing or unreadable file is a UserError naming it. */
export async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw fileError(error, path);
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

/** Parses JSON text, turning a syntax error into a one-line UserError with the file name and line. */
export function parseJsonText(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    let where = '';
    if (position) {
      const offset = Number(position[1]);
      const line = text.slice(0, offset).split('\n').length;
      where = ` (line ${line})`;
    }
    throw new UserError(`${path} is not valid JSON${where}: ${message.replace(/^.*?: /, '')}`, {hint: 'fix the file, or check that it is the JSON output of the AWS CLI'});
  }
}

export async function readJson(path: string): Promise<unknown> {
  return parseJsonText(await readText(path), path);
}

/**
 * Writes a file atomically: a temporary file in the same directory, then a rename, so a reader
 * sees the old file or the new one, never half of one. With `keepPrevious`, the file being
 * replaced is kept as `<name>.previous`.
 */
export async function writeFileAtomic(path: string, text: string, options: {keepPrevious?: boolean} = {}): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, {recursive: true});
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, text, {encoding: 'utf8', flag: 'wx'});
    if (options.keepPrevious) {
      try {
        await rename(path, `${path}.previous`);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, {force: true});
    throw fileError(error, path);
  }
}
