import {EXIT, escapeControls, UserError} from '../../errors.js';
import type {BillLine} from '../../model/bill.js';
import {layoutOf, lineOf, projectedLayout, columnsRead} from './columns.js';
import type {OpenedBillFile} from './csv.js';

/**
 * A Parquet cost export, read one row group at a time and only the columns the bill needs (hyparquet
 * over a file-backed buffer: a row group's column chunks are read from disk when their turn comes).
 * Memory is bounded by the largest row group, never by the file. hyparquet and its codecs load on
 * first use, so commands that read no Parquet do not load them.
 */

/** Lines per batch handed on (a row group is cut into batches of this size). */
export const PARQUET_BATCH = 4096;

/** What a Parquet read held: told after each row group is decoded (for tests and progress). */
export type RowGroupListener = (rows: number) => void;

function parquetError(error: unknown, path: string): UserError {
  if (error instanceof UserError) return error;
  const shown = escapeControls(path);
  const code = (error as {code?: unknown}).code;
  if (code === 'ENOENT') return new UserError(`${shown}: no such file`, {exitCode: EXIT.input, hint: 'check the path'});
  if (code === 'EACCES') return new UserError(`${shown}: permission denied`, {exitCode: EXIT.input});
  const message = escapeControls(String((error as Error)?.message ?? error)).slice(0, 160);
  return new UserError(`${shown} is not a readable Parquet file (truncated or corrupt?): ${message}`, {
    exitCode: EXIT.input,
    hint: 'download the file again, or check that it is a cost export',
  });
}

/** Timestamps as epoch milliseconds whatever their unit, instead of Dates. */
const parsers = {
  timestampFromMilliseconds: (millis: bigint) => Number(millis),
  timestampFromMicroseconds: (micros: bigint) => Number(micros / 1000n),
  timestampFromNanoseconds: (nanos: bigint) => Number(nanos / 1_000_000n),
  dateFromDays: (days: number) => days * 86_400_000,
};

export async function openParquet(path: string, onRowGroup?: RowGroupListener): Promise<OpenedBillFile> {
  const [hyparquet, {compressors}] = await Promise.all([import('hyparquet'), import('hyparquet-compressors')]);
  let file: Awaited<ReturnType<typeof hyparquet.asyncBufferFromFile>>;
  let metadata: Awaited<ReturnType<typeof hyparquet.parquetMetadataAsync>>;
  let header: string[];
  try {
    file = await hyparquet.asyncBufferFromFile(path);
    metadata = await hyparquet.parquetMetadataAsync(file);
    header = hyparquet.parquetSchema(metadata).children.map((child) => child.element.name);
  } catch (error) {
    throw parquetError(error, path);
  }
  const fileLayout = layoutOf(header, path);
  const columns = columnsRead(header, fileLayout);
  const layout = projectedLayout(header, fileLayout);
  const groups = metadata.row_groups.map((group) => Number(group.num_rows));

  async function* batches(): AsyncGenerator<BillLine[]> {
    let rowStart = 0;
    for (const size of groups) {
      const rowEnd = rowStart + size;
      let rows: unknown[][] = [];
      try {
        await hyparquet.parquetRead({
          file,
          metadata,
          columns,
          rowStart,
          rowEnd,
          compressors,
          parsers,
          rowFormat: 'array',
          onComplete: (read: unknown[][]) => {
            rows = read;
          },
        });
      } catch (error) {
        throw parquetError(error, path);
      }
      onRowGroup?.(rows.length);
      for (let at = 0; at < rows.length; at += PARQUET_BATCH) {
        const end = Math.min(rows.length, at + PARQUET_BATCH);
        const batch: BillLine[] = [];
        for (let index = at; index < end; index++) batch.push(lineOf(rows[index]!, layout));
        yield batch;
      }
      rows = [];
      rowStart = rowEnd;
    }
  }
  return {layout, batches: batches(), close: async () => {}};
}
