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

/** A column of a row group from its decoded pieces: rows `rowStart` to `rowStart + size`, in order. */
function columnOf(pieces: {rowStart: number; data: ArrayLike<unknown>}[], rowStart: number, size: number) {
  if (pieces.length === 1 && pieces[0]!.rowStart === rowStart) return pieces[0]!.data;
  // A row no piece holds stays undefined: an empty cell, as hyparquet's own rows would have it.
  const column = new Array<unknown>(size);
  for (const piece of pieces) {
    const offset = piece.rowStart - rowStart;
    for (let i = 0; i < piece.data.length && offset + i < size; i++) column[offset + i] = piece.data[i];
  }
  return column;
}

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
      // The row group's columns as hyparquet decodes them (in pieces, by page), not transposed to rows.
      const chunks = new Map<string, {rowStart: number; data: ArrayLike<unknown>}[]>();
      try {
        await hyparquet.parquetRead({
          file,
          metadata,
          columns,
          rowStart,
          rowEnd,
          compressors,
          parsers,
          onChunk: ({columnName, columnData, rowStart: from}) => {
            let pieces = chunks.get(columnName);
            if (!pieces) {
              pieces = [];
              chunks.set(columnName, pieces);
            }
            pieces.push({rowStart: from, data: columnData});
          },
        });
      } catch (error) {
        throw parquetError(error, path);
      }
      const missing = columns.find((name) => !chunks.has(name));
      if (missing !== undefined) throw parquetError(new Error(`parquet column not found: ${missing}`), path);
      const data = columns.map((name) => columnOf(chunks.get(name)!, rowStart, size));
      const rows = size;
      onRowGroup?.(rows);
      // One row array, filled in place for each line (lineOf keeps none of it).
      const row = new Array<unknown>(columns.length).fill(null);
      for (let at = 0; at < rows; at += PARQUET_BATCH) {
        const end = Math.min(rows, at + PARQUET_BATCH);
        const batch: BillLine[] = [];
        for (let index = at; index < end; index++) {
          for (let c = 0; c < data.length; c++) row[c] = data[c]![index];
          batch.push(lineOf(row, layout));
        }
        yield batch;
      }
      rowStart = rowEnd;
    }
  }
  return {layout, batches: batches(), close: async () => {}};
}
