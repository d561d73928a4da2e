import {writeFile} from 'node:fs/promises';
import {createReconcileBill, reconcile} from '../../app/reconcile.js';
import {EXIT, UserError} from '../../errors.js';
import type {BillSource} from '../../model/bill.js';
import type {HourSpan} from '../../model/reconcile.js';
import {differingCells, reconcileHeadline, renderReconcile} from '../../report/reconcile.js';
import {loadCatalog} from '../../sources/catalog-file.js';
import {fileError} from '../../sources/files.js';
import {type CliIo, styleFor, terminalWidth} from '../io.js';
import {jsonMeta} from '../json-meta.js';
import {withProgress} from '../progress.js';
import {loadHistory} from '../read-history.js';
import {historyReadOptions, parseTop} from './history-action.js';
import type {ReconcileFlags} from './reconcile.js';

const usage = (message: string, hint?: string) =>
  new UserError(message, {exitCode: EXIT.usage, ...(hint ? {hint} : {})});

/** How the bill's paths are read: the cost-export reader (sources/bill), or a test's. */
export type OpenBill = (paths: readonly string[]) => BillSource | Promise<BillSource>;

const openBillFiles: OpenBill = async (paths) => {
  const {readBillFiles} = await import('../../sources/bill/read.js');
  return readBillFiles(paths);
};

const hourText = (span: HourSpan | null) =>
  span === null
    ? 'no hour'
    : `${new Date(span.fromMs).toISOString().slice(0, 13)}:00 to ${new Date(span.toMs).toISOString().slice(0, 13)}:00`;

/**
 * `fargate-cost reconcile`: reads the history as `history` does (its runs kept), sums the bill's usage
 * lines as they stream, reconciles, prints; exit 6 with one stderr line when any cell differs.
 */
export async function runReconcileCommand(
  flags: ReconcileFlags,
  io: CliIo,
  openBill: OpenBill = openBillFiles,
): Promise<void> {
  const historyPaths = flags.history ?? [];
  if (historyPaths.length === 0 && flags.cluster === undefined) {
    throw usage(
      'reconcile needs a history: give --history PATH... or --cluster',
      'e.g. fargate-cost reconcile --history events.ndjson --bill cur2.csv.gz',
    );
  }
  const billPaths = flags.bill ?? [];
  if (billPaths.length === 0) {
    throw usage(
      'reconcile needs a bill: give --bill PATH... (a cost export file or folder)',
      'e.g. --bill cur2.csv.gz',
    );
  }
  if (historyPaths.includes('-') && billPaths.includes('-')) throw usage('only one of --history and --bill can be -');
  const top = flags.top === undefined ? 20 : parseTop(flags.top);
  const {inputs, options} = await historyReadOptions(historyPaths, flags, io);
  const catalog = await loadCatalog({catalogPath: flags.catalog, env: io.env, now: io.now()});
  const history = await withProgress(io, flags.quiet, 'reading history', (progress) =>
    loadHistory(inputs, {...options, catalog, top: 0, keepRuns: true}, {stdin: io.stdin, env: io.env, progress}),
  );
  const bill = createReconcileBill();
  const source = await openBill(billPaths);
  for await (const batch of source) for (const line of batch) bill.add(line);
  const result = reconcile({runs: history.runs?.runs ?? [], bill: bill.finish(), catalog, now: io.now()});
  if (result.spans.compared === null) {
    throw new UserError(
      `the history (${hourText(result.spans.history)}) and the bill (${hourText(result.spans.bill)}) share no clock hour: nothing to reconcile`,
      {exitCode: EXIT.input, hint: 'give the bill of the period the history covers, and --as-of for a saved history'},
    );
  }
  const toFile = flags.output !== undefined;
  const style = styleFor(io, toFile ? false : flags.color);
  const text = renderReconcile(
    result,
    flags.format,
    style,
    toFile ? undefined : terminalWidth(io),
    await jsonMeta(io),
    top,
  );
  if (toFile)
    await writeFile(flags.output!, text, 'utf8').catch((error: unknown) =>
      Promise.reject(fileError(error, flags.output!)),
    );
  else io.stdout.write(text);
  if (result.bill.invalid > 0) {
    throw new UserError(
      `reconcile: ${result.bill.invalid} usage line${result.bill.invalid === 1 ? '' : 's'} of the bill could not be read (a date, amount or cost that is not one): nothing can be said of ${result.bill.invalid === 1 ? 'it' : 'them'}`,
      {exitCode: EXIT.reconcile, hint: 'fix or re-download the export; the report lists what could be compared'},
    );
  }
  if (differingCells(result) > 0) {
    throw new UserError(
      `reconcile: ${reconcileHeadline(result)}; see the ${toFile ? `report in ${flags.output}` : 'table'}`,
      {
        exitCode: EXIT.reconcile,
      },
    );
  }
}
