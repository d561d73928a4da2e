import {createReadStream} from 'node:fs';
import {pipeline, type Readable} from 'node:stream';
import {createGunzip} from 'node:zlib';
import {parse} from 'csv-parse';
import {EXIT, escapeControls, UserError} from '../../errors.js';
import type {BillLine} from '../../model/bill.js';
import {type Layout, layoutOf, lineOf} from './columns.js';

/**
 * A CSV cost export (plain or gzip), streamed: a record at a time through csv-parse, so memory stays
 * the same whatever the file's size. The header decides the dialect (`columns.ts`).
 */

/** Records per batch. */
export const CSV_BATCH = 4096;

/** A record longer than this is not a line item (an unclosed quote would otherwise swallow the file). */
const MAX_RECORD = 1 << 20;

export interface OpenedBillFile {
  readonly layout: Layout;
  /** The file's lines in batches; iterate once. */
  readonly batches: AsyncIterable<BillLine[]>;
  /** Lets go of the file when its lines will not be read. */
  close(): Promise<void>;
}

export function isGzipPath(path: string): boolean {
  return /\.gz$/i.test(path);
}

/** A CSV's (or its decompression's) failure as one line naming the file. */
export function csvError(error: unknown, path: string, line: number | undefined): UserError {
  const shown = escapeControls(path);
  if (error instanceof UserError) return error;
  const code = (error as {code?: unknown}).code;
  const at = line ? ` (line ${line})` : '';
  if (typeof code === 'string' && code.startsWith('Z_')) {
    return new UserError(`${shown} is not a whole gzip file: it is truncated or corrupt`, {
      exitCode: EXIT.input,
      hint: 'download the file again',
    });
  }
  const words: Record<string, string> = {
    CSV_QUOTE_NOT_CLOSED: 'a quoted field is not closed',
    CSV_INVALID_CLOSING_QUOTE: 'a closing quote is followed by more text',
    CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'a closing quote is followed by more text',
    CSV_MAX_RECORD_SIZE: `a record is longer than ${MAX_RECORD} characters`,
    CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'a record has a different number of fields than the header',
  };
  if (typeof code === 'string' && code.startsWith('CSV_')) {
    return new UserError(`${shown} is not valid CSV${at}: ${words[code] ?? 'it cannot be parsed'}`, {
      exitCode: EXIT.input,
      hint: 'check that the file is a cost export as Data Exports wrote it',
    });
  }
  if (code === 'ENOENT') return new UserError(`${shown}: no such file`, {exitCode: EXIT.input, hint: 'check the path'});
  if (code === 'EACCES') return new UserError(`${shown}: permission denied`, {exitCode: EXIT.input});
  if (code === 'EISDIR') return new UserError(`${shown} is a directory`, {exitCode: EXIT.input});
  return new UserError(`${shown} cannot be read: ${escapeControls(String((error as Error)?.message ?? error))}`, {
    exitCode: EXIT.input,
  });
}

/** Opens a CSV export and reads its header; a file without one, or not an export, is a UserError. */
export async function openCsv(path: string): Promise<OpenedBillFile> {
  const file = createReadStream(path);
  const parser = parse({
    bom: true,
    skip_empty_lines: true,
    relax_column_count: false,
    max_record_size: MAX_RECORD,
  });
  const stages: Readable[] = isGzipPath(path) ? [file, createGunzip()] : [file];
  // Errors of any stage end the parser with that error; the iteration below throws it.
  pipeline([...stages, parser] as unknown as [Readable, Readable], () => {});
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  const lineNow = () => parser.info?.lines;
  let first: IteratorResult<string[]>;
  try {
    first = await records.next();
  } catch (error) {
    throw csvError(error, path, lineNow());
  }
  if (first.done) {
    throw new UserError(`${escapeControls(path)} is empty: a cost export starts with a header row`, {
      exitCode: EXIT.input,
    });
  }
  let layout: Layout;
  try {
    layout = layoutOf(first.value, path);
  } catch (error) {
    await records.return?.();
    throw error;
  }
  async function* batches(): AsyncGenerator<BillLine[]> {
    let batch: BillLine[] = [];
    try {
      while (true) {
        let next: IteratorResult<string[]>;
        try {
          next = await records.next();
        } catch (error) {
          throw csvError(error, path, lineNow());
        }
        if (next.done) break;
        batch.push(lineOf(next.value, layout));
        if (batch.length >= CSV_BATCH) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    } finally {
      await records.return?.();
    }
  }
  return {
    layout,
    batches: batches(),
    close: async () => {
      await records.return?.();
    },
  };
}
