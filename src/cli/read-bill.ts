import {basename} from 'node:path';
import {billResult} from '../app/bill.js';
import {createBillLedger} from '../billing/bill.js';
import {EXIT, escapeControls, UserError} from '../errors.js';
import type {BillResult, BillSource} from '../model/bill.js';
import {isBillFileName} from '../sources/bill/names.js';
import type {Progress} from './progress.js';

/**
 * Reads a bill (a cost export's files, or an Athena query's result) into the ledger and builds
 * `history`'s bill result. The readers load only when a bill is read: the Parquet and CSV
 * libraries cost every other command nothing.
 */

/** Whether the paths are a bill (cost export files or folders), task records, or both (refused). */
export async function pathsKind(paths: readonly string[]): Promise<'bill' | 'records'> {
  if (paths.length === 0) return 'records';
  // A named export file needs no look; a folder may hold either, and only the reader knows.
  const named = paths.map((path) => isBillFileName(basename(path)));
  let bills = named;
  if (!named.every(Boolean)) {
    const {isBillPath} = await import('../sources/bill/read.js');
    bills = await Promise.all(paths.map(async (path, i) => named[i]! || (path !== '-' && (await isBillPath(path)))));
  }
  if (bills.every(Boolean)) return 'bill';
  if (bills.some(Boolean)) {
    throw new UserError('history reads task records or a bill, not both at once', {
      exitCode: EXIT.usage,
      hint: 'set a history against its bill with fargate-cost reconcile --history FILE --bill EXPORT',
    });
  }
  return 'records';
}

export async function openBillFiles(paths: readonly string[], progress: Progress | undefined): Promise<BillSource> {
  const {readBillFiles} = await import('../sources/bill/read.js');
  return readBillFiles(paths, {onLines: (lines) => progress?.update({records: lines})});
}

export interface LoadBillOptions {
  readonly fromMs?: number | undefined;
  readonly toMs?: number | undefined;
  readonly monthHours?: number | undefined;
}

/** Every line of the source into one ledger, then the result. Refuses a bill in another currency than US dollars. */
export async function loadBill(source: BillSource, options: LoadBillOptions = {}): Promise<BillResult> {
  const ledger = createBillLedger({fromMs: options.fromMs, toMs: options.toMs});
  for await (const batch of source) for (const line of batch) ledger.add(line);
  const result = billResult(ledger.finish(), source.sources(), {
    monthHours: options.monthHours,
    fromMs: options.fromMs,
    toMs: options.toMs,
  });
  const others = result.currencies.filter((code) => code !== 'USD');
  if (others.length > 0) {
    throw new UserError(
      `the bill's line items are in ${escapeControls(result.currencies.join(' and '))}: fargate-cost reads bills in US dollars`,
      {
        exitCode: EXIT.input,
        hint: 'export the bill in USD (line_item_currency_code), or read each currency on its own',
      },
    );
  }
  return result;
}
