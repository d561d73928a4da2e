import {mkdirSync, writeFileSync} from 'node:fs';
import {dirname} from 'node:path';
import {parquetWriteBuffer} from 'hyparquet-writer';

/** Small cost exports written by hand for the reader's tests: Parquet (hyparquet-writer) and CSV. */

export type ColumnKind = 'string' | 'double' | 'timestamp' | 'map';
export interface Column {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly data: readonly unknown[];
}

const UTF8 = {type: 'BYTE_ARRAY', converted_type: 'UTF8'} as const;

/** A Parquet file of these columns (all nullable), in row groups of `rowGroupSize`. */
export function writeParquet(
  path: string,
  columns: readonly Column[],
  options: {rowGroupSize?: number; codec?: 'SNAPPY' | 'UNCOMPRESSED'} = {},
): string {
  const schema: Record<string, unknown>[] = [{name: 'root', num_children: columns.length}];
  for (const column of columns) {
    if (column.kind === 'string') schema.push({name: column.name, ...UTF8, repetition_type: 'OPTIONAL'});
    else if (column.kind === 'double') schema.push({name: column.name, type: 'DOUBLE', repetition_type: 'OPTIONAL'});
    else if (column.kind === 'timestamp')
      schema.push({name: column.name, type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', repetition_type: 'OPTIONAL'});
    else {
      schema.push(
        {name: column.name, repetition_type: 'OPTIONAL', converted_type: 'MAP', num_children: 1},
        {name: 'key_value', repetition_type: 'REPEATED', num_children: 2},
        {name: 'key', ...UTF8, repetition_type: 'REQUIRED'},
        {name: 'value', ...UTF8, repetition_type: 'OPTIONAL'},
      );
    }
  }
  const buffer = parquetWriteBuffer({
    columnData: columns.map((column) => ({name: column.name, data: column.data as unknown[]})),
    schema: schema as never,
    rowGroupSize: options.rowGroupSize ?? 1000,
    codec: options.codec ?? 'SNAPPY',
  });
  mkdirSync(dirname(path), {recursive: true});
  writeFileSync(path, Buffer.from(buffer));
  return path;
}

/** A CSV cell, quoted when it must be. */
export function csvCell(value: string | null): string {
  if (value === null) return '';
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvText(header: readonly string[], rows: readonly (readonly (string | null)[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}
