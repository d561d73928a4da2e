/**
 * Cost export files by their names, with nothing else loaded: the CLI asks before it loads a reader.
 */

export const PARQUET_NAME = /\.parquet$/i;

/** An export file by its name: `.parquet`, `.csv`, `.csv.gz`, or a `.gz` with `.csv` in its name. */
export function isBillFileName(name: string): boolean {
  if (PARQUET_NAME.test(name) || /\.csv$/i.test(name)) return true;
  return /\.gz$/i.test(name) && /\.csv/i.test(name);
}
