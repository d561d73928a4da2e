import {open, stat} from 'node:fs/promises';
import {fileError} from './files.js';
import {isItem, itemsOf} from './history/records.js';

/**
 * `explore FILE ...` takes task definitions, run histories and bills alike: each path is sorted
 * into one or the other by what it is, so a person can open a task definition, a history or a bill.
 * Cost export files (`.parquet`, `.csv`, `.csv.gz`) and folders holding them are bills, as
 * `history` reads them; a directory, NDJSON (`.ndjson`, `.jsonl`), gzip and JSON that holds tasks,
 * events or services are histories; everything else (task definitions, CloudFormation templates,
 * YAML) is a task definition and is read, and refused with the estimate's own message, as one.
 */

export interface ExploreInputs {
  readonly taskDefinitions: string[];
  readonly histories: string[];
  readonly bills: string[];
}

/** What may be a cost export: a file by its name (the reader decides), or any directory (only the reader knows). */
const MAYBE_BILL = /\.(parquet|csv|gz)$/i;

async function isBill(path: string): Promise<boolean> {
  if (!MAYBE_BILL.test(path)) {
    try {
      if (!(await stat(path)).isDirectory()) return false;
    } catch {
      // a path that is not there is refused below, as a task definition or a history would be
      return false;
    }
  }
  // The bill readers (and their Parquet library) load only when a bill may be there.
  const {isBillPath} = await import('./bill/read.js');
  return isBillPath(path);
}

const HISTORY_EXTENSION = /\.(ndjson|jsonl|gz)$/i;
const YAML_EXTENSION = /\.ya?ml$/i;
/** Enough of a file to tell NDJSON from a document: its first line. */
const HEAD_BYTES = 64 * 1024;

/** True for parsed JSON that `history` reads: tasks, events, or describe-services output. */
export function isHistoryDocument(value: unknown): boolean {
  if (isItem(value) || itemsOf(value) !== undefined) {
    // A JSON array is a history only when it holds tasks or events (an empty one says nothing).
    return !Array.isArray(value) || (value.length > 0 && value.every(isItem));
  }
  const services = typeof value === 'object' && value !== null ? (value as {services?: unknown}).services : undefined;
  return (
    Array.isArray(services) &&
    services.length > 0 &&
    services.every(
      (s) => typeof s === 'object' && s !== null && typeof (s as {serviceName?: unknown}).serviceName === 'string',
    )
  );
}

async function head(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const {bytesRead} = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.toString('utf8', 0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function isHistoryFile(path: string): Promise<boolean> {
  if (HISTORY_EXTENSION.test(path)) return true;
  if (YAML_EXTENSION.test(path)) return false;
  const info = await stat(path);
  if (info.isDirectory()) return true;
  const text = (await head(path)).replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n')).trim();
  // NDJSON: the first line is a whole JSON value.
  if (firstLine.startsWith('{') && firstLine.endsWith('}') && text.trim() !== firstLine) {
    try {
      return isItem(JSON.parse(firstLine));
    } catch {
      // not NDJSON: read as a document below
    }
  }
  if (info.size > HEAD_BYTES) {
    // Too big to be a task definition worth parsing here: a history if it says "taskArn" early.
    return /"taskArn"\s*:|"detail-type"\s*:/.test(text);
  }
  try {
    return isHistoryDocument(JSON.parse(text));
  } catch {
    return false;
  }
}

export async function classifyExploreInputs(paths: readonly string[]): Promise<ExploreInputs> {
  const taskDefinitions: string[] = [];
  const histories: string[] = [];
  const bills: string[] = [];
  for (const path of paths) {
    if (await isBill(path)) {
      bills.push(path);
      continue;
    }
    let history: boolean;
    try {
      history = await isHistoryFile(path);
    } catch (error) {
      throw fileError(error, path);
    }
    (history ? histories : taskDefinitions).push(path);
  }
  return {taskDefinitions, histories, bills};
}
