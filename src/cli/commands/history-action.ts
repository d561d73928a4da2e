import {EXIT, UserError} from '../../errors.js';
import {renderHistory} from '../../report/history.js';
import {loadCatalog} from '../../sources/catalog-file.js';
import {type HistoryInputs, loadHistory} from '../../sources/history/load.js';
import {type AwsFlags, liveAwsOptions} from '../aws.js';
import {type CliIo, styleFor, terminalWidth} from '../io.js';
import {parseRegionFlag} from '../options.js';
import type {HistoryFlags} from './history.js';

const usage = (message: string, hint?: string) =>
  new UserError(message, {exitCode: EXIT.usage, ...(hint ? {hint} : {})});

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Parses --from / --to / --as-of: ISO 8601 with a zone, a date-time without one (read as UTC, never
 * as the machine's local time), or a date (00:00 UTC). Returns epoch milliseconds.
 */
export function parseTimeFlag(text: string, flag: string): number {
  const value = text.trim();
  const hint = 'write an ISO 8601 time such as 2026-11-01T00:00:00Z, or a date (2026-11-01 = 00:00 UTC)';
  let ms = NaN;
  let parts: RegExpExecArray | null = DATE.exec(value);
  if (parts) ms = Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]));
  else if ((parts = DATE_TIME.exec(value))) ms = Date.parse(`${value.replace(' ', 'T')}${parts[8] ? '' : 'Z'}`);
  if (parts && !Number.isNaN(ms)) {
    // Date.UTC and Date.parse roll 2026-02-30 over to March: refuse dates that do not exist.
    const day = new Date(Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3])));
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
  const asOfMs = flags.asOf === undefined ? now.getTime() : parseTimeFlag(flags.asOf, '--as-of');
  const fromMs = flags.from === undefined ? undefined : parseTimeFlag(flags.from, '--from');
  const toMs = flags.to === undefined ? undefined : parseTimeFlag(flags.to, '--to');
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

export async function runHistoryCommand(paths: readonly string[], flags: HistoryFlags, io: CliIo): Promise<void> {
  if (paths.length === 0 && flags.cluster === undefined) {
    throw usage(
      'nothing to read: give history files, a directory, - for stdin, or --cluster',
      'e.g. fargate-cost history events.ndjson, or fargate-cost history --cluster prod',
    );
  }
  const {inputs, options} = await historyReadOptions(paths, flags, io);
  const top = parseTop(flags.top);
  const catalog = await loadCatalog({catalogPath: flags.catalog, env: io.env, now: io.now()});
  const result = await loadHistory(inputs, {...options, catalog, groupBy: flags.groupBy, top}, {stdin: io.stdin});
  io.stdout.write(renderHistory(result, flags.format, styleFor(io, flags.color), terminalWidth(io)));
}
