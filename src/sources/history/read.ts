import {createReadStream, type Stats} from 'node:fs';
import {readdir, stat} from 'node:fs/promises';
import {join} from 'node:path';
import {createGunzip} from 'node:zlib';
import type {HistorySourceSummary} from '../../model/history.js';
import {type ServiceFacts, servicesFromDescribeServices} from '../../analysis/capacity-strategy.js';
import {EXIT, UserError} from '../../errors.js';
import type {TaskRecord} from '../../model/task-record.js';
import {fileError, parseJsonText} from '../files.js';
import {isItem, itemsOf, recordOf} from './records.js';
import {RecordError} from './timestamps.js';

/**
 * Reads run histories from files, directories and standard input, and hands every task record to
 * `onRecord` as it is read. The shape is detected per file:
 * - NDJSON (a task, an event, or a container of them per line) streams line by line in constant
 *   memory; `.ndjson` and `.jsonl` files are always read so;
 * - anything else whose first line is not a JSON value on its own (pretty-printed describe-tasks
 *   output, a JSON array) is read whole and parsed once.
 * `.gz` files are decompressed on the fly. A malformed record is an error naming the file and line
 * (or the item), unless `skipInvalid`, which counts it and keeps the first few locations.
 */

export interface ReadHistoryOptions {
  readonly stdin: NodeJS.ReadableStream;
  readonly skipInvalid?: boolean;
  readonly onRecord: (record: TaskRecord) => void;
  /** describe-services output among the inputs: the services' desired counts and strategies. */
  readonly onServices?: (services: ServiceFacts[]) => void;
}

export interface ReadHistoryOutcome {
  readonly sources: HistorySourceSummary[];
  /** Where the first skipped records were (at most 3). */
  readonly invalidExamples: string[];
  /** Files in the directories read that are not histories (by extension, or JSON of another kind). */
  readonly skippedFiles: number;
}

const HISTORY_FILE = /\.(json|ndjson|jsonl)(\.gz)?$/i;
const LINES_FILE = /\.(ndjson|jsonl)(\.gz)?$/i;
const CHUNK_BYTES = 1 << 20;
const MAX_EXAMPLES = 3;
const STDIN_LABEL = '(stdin)';
const HISTORY_SHAPES =
  'expected describe-tasks output ({"tasks": [...]}), a JSON array of tasks or events, CloudWatch Logs filter-log-events output, or NDJSON with one task or EventBridge event per line';
const SKIP_HINT = 'fix or delete that record, or pass --skip-invalid to count and skip malformed records';

interface Counter {
  records: number;
  invalid: number;
  ignored: number;
}

/** Files a path names: itself, "-", or the history files under a directory (sorted, recursive). */
export async function expandHistoryPaths(
  paths: readonly string[],
): Promise<{files: string[]; skippedFiles: number; found: Set<string>}> {
  const files: string[] = [];
  const found = new Set<string>();
  let skippedFiles = 0;
  const walk = async (dir: string): Promise<void> => {
    const entries = (await readdir(dir, {withFileTypes: true})).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (HISTORY_FILE.test(entry.name)) {
        files.push(path);
        found.add(path);
      } else skippedFiles++;
    }
  };
  let stdinSeen = false;
  for (const path of paths) {
    if (path === '-') {
      if (stdinSeen) throw new UserError('standard input ("-") is named twice', {exitCode: EXIT.usage});
      stdinSeen = true;
      files.push('-');
      continue;
    }
    let info: Stats;
    try {
      info = await stat(path);
    } catch (error) {
      throw fileError(error, path);
    }
    if (!info.isDirectory()) {
      files.push(path);
      continue;
    }
    const before = files.length;
    try {
      await walk(path);
    } catch (error) {
      throw fileError(error, path);
    }
    if (files.length === before) {
      throw new UserError(`${path} holds no history files`, {
        hint: 'history files end in .json, .ndjson or .jsonl (optionally .gz)',
      });
    }
  }
  return {files, skippedFiles, found};
}

export async function readHistoryPaths(
  paths: readonly string[],
  options: ReadHistoryOptions,
): Promise<ReadHistoryOutcome> {
  const expanded = await expandHistoryPaths(paths);
  let skippedFiles = expanded.skippedFiles;
  const sources: HistorySourceSummary[] = [];
  const invalidExamples: string[] = [];
  for (const path of expanded.files) {
    const label = path === '-' ? STDIN_LABEL : path;
    const stream = path === '-' ? options.stdin : createReadStream(path, {highWaterMark: CHUNK_BYTES});
    const input = /\.gz$/i.test(path) ? stream.pipe(createGunzip()) : stream;
    // A file found in a directory may be some other AWS output (a task definition): skipped, not fatal.
    const reader = new SourceReader(label, LINES_FILE.test(path), expanded.found.has(path), options, invalidExamples);
    try {
      await reader.read(input);
    } catch (error) {
      if (error instanceof UserError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR')
        throw new UserError(`${label} is not a valid gzip file`, {hint: 'decompress it, or drop the .gz extension'});
      throw fileError(error, label);
    }
    if (reader.skipped) skippedFiles++;
    else sources.push(reader.summary());
  }
  return {sources, invalidExamples, skippedFiles};
}

/** The Fargate services of describe-services output, or undefined for anything else. */
function describedServices(value: unknown): unknown[] | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const services = (value as {services?: unknown}).services;
  if (
    !Array.isArray(services) ||
    !services.every(
      (s) => typeof s === 'object' && s !== null && typeof (s as {serviceName?: unknown}).serviceName === 'string',
    )
  )
    return undefined;
  return services.filter((s) => {
    const service = s as {launchType?: string; capacityProviderStrategy?: {capacityProvider?: string}[]};
    const strategy = service.capacityProviderStrategy ?? [];
    if (strategy.length > 0)
      return strategy.every((item) => item.capacityProvider === 'FARGATE' || item.capacityProvider === 'FARGATE_SPOT');
    return service.launchType === undefined || service.launchType === 'FARGATE';
  });
}

class SourceReader {
  private mode: 'unknown' | 'lines' | 'document';
  private readonly counter: Counter = {records: 0, invalid: 0, ignored: 0};
  private line = 0;
  /** Whether anything but blank lines was read: an empty input named on its own is a mistake. */
  private content = false;
  skipped = false;

  constructor(
    private readonly path: string,
    forceLines: boolean,
    private readonly foundInDirectory: boolean,
    private readonly options: ReadHistoryOptions,
    private readonly examples: string[],
  ) {
    this.mode = forceLines ? 'lines' : 'unknown';
  }

  summary(): HistorySourceSummary {
    return {path: this.path, format: this.mode === 'document' ? 'json' : 'ndjson', ...this.counter};
  }

  async read(stream: AsyncIterable<unknown>): Promise<void> {
    // While the shape is unknown the raw chunks are kept, so a whole document can be parsed from its start.
    let head: Buffer[] | undefined = this.mode === 'unknown' ? [] : undefined;
    let document: Buffer[] | undefined;
    // The start of a line that continues in the next chunk(s).
    let carry: Buffer[] = [];
    for await (const raw of stream) {
      const chunk = typeof raw === 'string' ? Buffer.from(raw) : (raw as Buffer);
      if (document) {
        document.push(chunk);
        continue;
      }
      head?.push(chunk);
      let start = 0;
      let newline = chunk.indexOf(10);
      while (newline !== -1) {
        const text =
          carry.length > 0
            ? Buffer.concat([...carry, chunk.subarray(start, newline)]).toString('utf8')
            : chunk.toString('utf8', start, newline);
        carry = [];
        this.handleLine(text);
        if (this.mode === 'document') break;
        start = newline + 1;
        newline = chunk.indexOf(10, start);
      }
      if (this.mode === 'document') {
        document = head!;
        head = undefined;
        continue;
      }
      if (this.mode === 'lines') head = undefined;
      if (start < chunk.length) carry.push(start === 0 ? chunk : chunk.subarray(start));
    }
    if (document) {
      this.readDocument(Buffer.concat(document).toString('utf8'));
      return;
    }
    if (carry.length > 0) {
      this.handleLine(Buffer.concat(carry).toString('utf8'));
      if (this.mode === 'document') this.readDocument(Buffer.concat(head!).toString('utf8'));
    }
    // An empty file among many in a directory is an hour without events; named alone, it is a mistake.
    if (!this.content && !this.foundInDirectory) {
      throw new UserError(`${this.path} is empty: there is no task history in it`, {
        hint:
          this.path === STDIN_LABEL
            ? 'pipe a history in, e.g. aws ecs describe-tasks --cluster C --tasks ID ... | fargate-cost history -'
            : HISTORY_SHAPES,
      });
    }
  }

  private handleLine(raw: string): void {
    this.line++;
    const text = raw.trim();
    if (text === '') return;
    this.content = true;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      if (this.mode === 'unknown' && !(text.startsWith('{') && text.endsWith('}'))) {
        // `{` or `[` alone: a pretty-printed document, read whole.
        this.mode = 'document';
        return;
      }
      this.mode = 'lines';
      this.invalid(`${this.path}:${this.line}`, `not valid JSON (${(error as Error).message})`);
      return;
    }
    this.mode = 'lines';
    if (isItem(value)) this.item(value, `${this.path}:${this.line}`);
    else this.container(value, `${this.path}:${this.line}`);
  }

  private readDocument(text: string): void {
    this.container(parseJsonText(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, this.path), this.path);
  }

  private container(value: unknown, where: string): void {
    if (isItem(value)) return this.item(value, where);
    const services = describedServices(value);
    if (services) {
      this.options.onServices?.(servicesFromDescribeServices({services}, where));
      return;
    }
    const found = itemsOf(value);
    if (!found) {
      if (this.mode === 'lines')
        return this.invalid(where, 'not an ECS task, an "ECS Task State Change" event, or a list of them');
      if (this.foundInDirectory) {
        this.skipped = true;
        return;
      }
      throw new UserError(`${where} is not an ECS task history`, {hint: HISTORY_SHAPES});
    }
    found.items.forEach((item, i) => {
      this.item(item, `${where} (${found.label(i)})`);
    });
  }

  private item(value: unknown, where: string): void {
    try {
      if (value instanceof RecordError) throw value;
      const record = recordOf(value);
      if (record === 'ignored') {
        this.counter.ignored++;
        return;
      }
      this.counter.records++;
      this.options.onRecord(record);
    } catch (error) {
      if (!(error instanceof RecordError)) throw error;
      this.invalid(where, error.message);
    }
  }

  private invalid(where: string, message: string): void {
    if (!this.options.skipInvalid) throw new UserError(`${where}: ${message}`, {hint: SKIP_HINT});
    this.counter.invalid++;
    if (this.examples.length < MAX_EXAMPLES) this.examples.push(`${where}: ${message}`);
  }
}
