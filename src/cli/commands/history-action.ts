import {FARGATE_LAUNCH_MS} from '../../billing/meter.js';
import {jsonMeta} from '../json-meta.js';
import {parseConversion} from '../currency-flags.js';
import {EXIT, UserError} from '../../errors.js';
import type {BillResult} from '../../model/bill.js';
import {renderBill} from '../../report/bill.js';
import {renderHistory} from '../../report/history.js';
import {loadBill, openBillFiles, pathsKind} from '../read-bill.js';
import {loadCatalog} from '../../sources/catalog-file.js';
import {type HistoryInputs, loadHistory} from '../read-history.js';
import {type AwsFlags, liveAwsOptions} from '../aws.js';
import {type CliIo, styleFor, terminalWidth} from '../io.js';
import {athenaFlagsGiven, parseRegionFlag} from '../options.js';
import {withProgress} from '../progress.js';
import type {HistoryFlags} from './history.js';

const usage = (message: string, hint?: string) =>
  new UserError(message, {exitCode: EXIT.usage, ...(hint ? {hint} : {})});

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Midnight UTC of a day; Date.UTC alone reads years 0 to 99 as 1900 to 1999. */
function utcDay(year: number, month: number, day: number): number {
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return date.getTime();
}

/**
 * Parses --from / --to / --as-of: ISO 8601 with a zone, a date-time without one (read as UTC, never
 * as the machine's local time), or a date (00:00 UTC). Returns epoch milliseconds.
 */
export function parseTimeFlag(text: string, flag: string): number {
  const value = text.trim();
  const hint = 'write an ISO 8601 time such as 2026-11-01T00:00:00Z, or a date (2026-11-01 = 00:00 UTC)';
  let ms = NaN;
  let parts: RegExpExecArray | null = DATE.exec(value);
  if (parts) ms = utcDay(Number(parts[1]), Number(parts[2]), Number(parts[3]));
  else if ((parts = DATE_TIME.exec(value))) ms = Date.parse(`${value.replace(' ', 'T')}${parts[8] ? '' : 'Z'}`);
  if (parts && !Number.isNaN(ms)) {
    // Date.UTC and Date.parse roll 2026-02-30 over to March: refuse dates that do not exist.
    const day = new Date(utcDay(Number(parts[1]), Number(parts[2]), Number(parts[3])));
    if (
      day.getUTCMonth() === Number(parts[2]) - 1 &&
      day.getUTCDate() === Number(parts[3]) &&
      Number(parts[4] ?? 0) < 24 &&
      Number(parts[5] ?? 0) < 60
    )
      return ms;
  }
  throw usage(`${flag} "${text}" is not a time`, hint);
}

const DAY_MS = 86_400_000;

/**
 * A time flag a history can use: not before Fargate existed, and --as-of not in the future (the
 * running tasks would be billed up to it, hour by hour). Refused before any memory is spent.
 */
function boundedTime(text: string, flag: string, now: Date): number {
  const ms = parseTimeFlag(text, flag);
  const years = (span: number) => (span / (365.25 * DAY_MS)).toFixed(1);
  if (ms < FARGATE_LAUNCH_MS) {
    throw usage(
      `${flag} ${text} is before Fargate existed (2017-11-29): the window would cover ${years(now.getTime() - ms)} years`,
      'give a time since 2017-11-29',
    );
  }
  if (flag === '--as-of' && ms > now.getTime() + DAY_MS) {
    throw usage(
      `--as-of ${text} is in the future: running tasks would be billed for ${years(ms - now.getTime())} years that have not happened`,
      'give the time the history was captured, or leave --as-of out to bill up to now',
    );
  }
  return ms;
}

/** `--service web`, `--service web,api`, or a service ARN (its last segment). */
export function parseServices(values: readonly string[] | undefined): string[] | undefined {
  if (!values || values.length === 0) return undefined;
  return [
    ...new Set(values.map((value) => (value.startsWith('arn:') ? value.slice(value.lastIndexOf('/') + 1) : value))),
  ];
}

export function parseTop(text: string | undefined): number {
  if (text === undefined) return 5;
  if (!/^\s*\d+\s*$/.test(text) || Number(text) > 1000)
    throw usage(`--top "${text}" must be a whole number from 0 to 1000`);
  return Number(text);
}

/** The flags `history` and `compare` share to read a history. */
export interface HistoryReadFlags extends AwsFlags {
  readonly cluster?: string | undefined;
  readonly service?: readonly string[] | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly asOf?: string | undefined;
  readonly skipInvalid?: boolean | undefined;
}

/**
 * What to read and how, from the shared history flags: `loadHistory`'s inputs and options (less the
 * catalog and what is the command's own), with how to reach AWS when a cluster is read live.
 */
export async function historyReadOptions(
  paths: readonly string[],
  flags: HistoryReadFlags,
  io: Pick<CliIo, 'env' | 'now'>,
) {
  const now = io.now();
  const asOfMs = flags.asOf === undefined ? now.getTime() : boundedTime(flags.asOf, '--as-of', now);
  const fromMs = flags.from === undefined ? undefined : boundedTime(flags.from, '--from', now);
  const toMs = flags.to === undefined ? undefined : boundedTime(flags.to, '--to', now);
  if (fromMs !== undefined && toMs !== undefined && fromMs >= toMs)
    throw usage(`--from ${flags.from} is not before --to ${flags.to}`);
  const inputs: HistoryInputs = {paths, cluster: flags.cluster, services: parseServices(flags.service)};
  const options = {
    now,
    asOfMs,
    fromMs,
    toMs,
    skipInvalid: flags.skipInvalid ?? false,
    region: parseRegionFlag(flags.region),
    aws: flags.cluster === undefined ? undefined : await liveAwsOptions(io.env, flags),
  };
  return {inputs, options};
}

/** Flags of a task history that a bill has no use for: refused, not ignored. */
function refuseRecordFlags(flags: HistoryFlags): void {
  const stray = [
    flags.groupBy !== 'group' && '--group-by',
    flags.top !== undefined && '--top',
    flags.asOf !== undefined && '--as-of',
    flags.service !== undefined && '--service',
    flags.skipInvalid && '--skip-invalid',
  ].find((flag): flag is string => typeof flag === 'string');
  if (stray) {
    throw usage(
      `${stray} applies to task records, not to a bill`,
      'a bill is grouped by service (its aws:ecs:serviceName tag) or cluster; --from and --to window it',
    );
  }
}

export async function runHistoryCommand(paths: readonly string[], flags: HistoryFlags, io: CliIo): Promise<void> {
  const conversion = parseConversion(flags, io.now());
  const writeBill = async (bill: BillResult) => {
    const meta = await jsonMeta(io, conversion);
    io.stdout.write(renderBill(bill, flags.format, styleFor(io, flags.color, conversion), terminalWidth(io), meta));
  };
  if (athenaFlagsGiven(flags)) {
    const {athenaDryRun, readAthenaBill} = await import('../read-bill-athena.js');
    if (paths.length > 0 || flags.cluster !== undefined) {
      throw usage(
        '--athena reads the bill from Athena: give no paths or --cluster with it',
        'read files with fargate-cost history EXPORT, or the table with fargate-cost history --athena DATABASE.TABLE',
      );
    }
    refuseRecordFlags(flags);
    if (athenaDryRun(flags, io)) return;
    const {options} = await historyReadOptions([], flags, io);
    const bill = (await readAthenaBill(flags, io, {fromMs: options.fromMs, toMs: options.toMs}))!;
    return writeBill(bill);
  }
  if (paths.length === 0 && flags.cluster === undefined) {
    throw usage(
      'nothing to read: give history files, a directory, - for stdin, or --cluster',
      'e.g. fargate-cost history events.ndjson, or fargate-cost history --cluster prod',
    );
  }
  const {inputs, options} = await historyReadOptions(paths, flags, io);
  const top = parseTop(flags.top);
  if (flags.cluster === undefined && (await pathsKind(paths)) === 'bill') {
    refuseRecordFlags(flags);
    const bill = await withProgress(io, flags.quiet, 'reading bill', async (progress) =>
      loadBill(await openBillFiles(paths, progress), {fromMs: options.fromMs, toMs: options.toMs}),
    );
    return writeBill(bill);
  }
  const catalog = await loadCatalog({catalogPath: flags.catalog, env: io.env, now: io.now()});
  const result = await withProgress(io, flags.quiet, 'reading history', (progress) =>
    loadHistory(inputs, {...options, catalog, groupBy: flags.groupBy, top}, {stdin: io.stdin, env: io.env, progress}),
  );
  io.stdout.write(
    renderHistory(
      result,
      flags.format,
      styleFor(io, flags.color, conversion),
      terminalWidth(io),
      await jsonMeta(io, conversion),
    ),
  );
}
