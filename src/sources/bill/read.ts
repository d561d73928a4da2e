import {readdir, stat} from 'node:fs/promises';
import {basename, join} from 'node:path';
import {EXIT, escapeControls, UserError} from '../../errors.js';
import type {BillFormat, BillLine, BillSource, BillSourceSummary} from '../../model/bill.js';
import {csvError, type OpenedBillFile, openCsv} from './csv.js';
import {isBillFileName, PARQUET_NAME} from './names.js';
import {openParquet, type RowGroupListener} from './parquet.js';

/**
 * Reads cost exports from files and folders: Parquet and CSV (plain or gzip), the formats Data
 * Exports writes, in the CUR 2.0, legacy CUR or FOCUS 1.x with AWS columns dialect. A folder is
 * an export's layout (`<export>/data/BILLING_PERIOD=2026-11/<export>-00001.snappy.parquet`, with
 * `metadata/` folders skipped): every export file below it, in sorted order. Lines come in batches,
 * in file order; memory stays bounded whatever the size (`csv.ts`, `parquet.ts`).
 */

export interface ReadBillOptions {
  /** Told the running total of lines read, after each batch. */
  readonly onLines?: (lines: number) => void;
  /** Told the rows each Parquet row group held when decoded (the most the reader holds at once). */
  readonly onRowGroup?: RowGroupListener;
}

export {isBillFileName};

/** Folders of an export that hold no line items (manifests). */
const SKIPPED_DIRECTORIES = new Set(['metadata']);

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Export files under a folder, depth first, each folder's entries in sorted order. */
async function* walk(directory: string): AsyncGenerator<string> {
  const entries = await readdir(directory, {withFileTypes: true});
  entries.sort((a, b) => byCodePoint(a.name, b.name));
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name.toLowerCase())) yield* walk(path);
    } else if ((entry.isFile() || entry.isSymbolicLink()) && isBillFileName(entry.name)) yield path;
  }
}

/** True for an export file, or a folder with one anywhere below it (outside `metadata/`). */
export async function isBillPath(path: string): Promise<boolean> {
  try {
    const info = await stat(path);
    if (info.isFile()) return isBillFileName(basename(path));
    if (!info.isDirectory()) return false;
    for await (const _file of walk(path)) return true;
    return false;
  } catch {
    return false;
  }
}

/** The billing periods (`BILLING_PERIOD=2026-11`) a list of files' paths name, sorted. */
function billingPeriodsOf(files: readonly string[]): string[] {
  const periods = new Set<string>();
  for (const file of files) {
    for (const match of file.matchAll(/(?:^|[\\/])BILLING_PERIOD=(\d{4}-\d{2})(?=[\\/]|$)/gi)) periods.add(match[1]!);
  }
  return [...periods].sort();
}

async function filesOf(path: string): Promise<{files: string[]; folder: boolean}> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (error) {
    throw csvError(error, path, undefined);
  }
  if (!info.isDirectory()) return {files: [path], folder: false};
  const files: string[] = [];
  try {
    for await (const file of walk(path)) files.push(file);
  } catch (error) {
    throw csvError(error, path, undefined);
  }
  if (files.length === 0) {
    throw new UserError(`${escapeControls(path)} holds no cost export files (.parquet, .csv, .csv.gz)`, {
      exitCode: EXIT.input,
      hint: "name an export's folder or one of its files",
    });
  }
  return {files, folder: true};
}

function openFile(file: string, options: ReadBillOptions): Promise<OpenedBillFile> {
  return PARQUET_NAME.test(file) ? openParquet(file, options.onRowGroup) : openCsv(file);
}

const FORMAT_NAME: Readonly<Record<BillFormat, string>> = {cur2: 'CUR 2.0', cur: 'legacy CUR', focus: 'FOCUS'};

/**
 * Reads `paths` (files or export folders). Iterate once for the lines; `sources()` then says what
 * each path was. Any file problem is a UserError naming the file.
 */
export function readBillFiles(paths: readonly string[], options: ReadBillOptions = {}): BillSource {
  const summaries: BillSourceSummary[] = [];
  let total = 0;
  async function* lines(): AsyncGenerator<readonly BillLine[]> {
    for (const path of paths) {
      const {files, folder} = await filesOf(path);
      let format: BillFormat | null = null;
      let firstFile = '';
      let count = 0;
      for (const file of files) {
        const opened = await openFile(file, options);
        if (format === null) {
          format = opened.layout.format;
          firstFile = file;
        } else if (format !== opened.layout.format) {
          await opened.close();
          throw new UserError(
            `${escapeControls(path)} mixes exports: ${escapeControls(firstFile)} is ${FORMAT_NAME[format]}, ${escapeControls(file)} is ${FORMAT_NAME[opened.layout.format]}`,
            {exitCode: EXIT.input, hint: 'give each export on its own'},
          );
        }
        for await (const batch of opened.batches) {
          count += batch.length;
          total += batch.length;
          options.onLines?.(total);
          yield batch;
        }
      }
      summaries.push({
        path,
        format: format ?? 'cur2',
        files: files.length,
        lines: count,
        billingPeriods: folder ? billingPeriodsOf(files.map((file) => file.slice(path.length))) : [],
      });
    }
  }
  return {
    [Symbol.asyncIterator]: () => lines(),
    sources: () => summaries,
  };
}
