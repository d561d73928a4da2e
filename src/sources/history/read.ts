import {createReadStream, type ReadStream, type Stats} from 'node:fs';
import {Readable} from 'node:stream';
import {readdir, stat} from 'node:fs/promises';
import {join} from 'node:path';
import {createGunzip} from 'node:zlib';
import {EXIT, UserError} from '../../errors.js';
import type {HistorySource, HistorySourceSummary, SourceOutcome} from '../../model/history.js';
import type {ServiceFacts} from '../../model/strategy.js';
import type {RecordBatch, TaskRecord} from '../../model/task-record.js';
import {fileError, parseJsonText} from '../files.js';
import {servicesFromDescribeServices} from '../strategy.js';
import {arnOwner, lineOwner, type Partition} from './partition.js';
import {JsonChecker, JsonSyntaxError} from './json-check.js';
import {isItem, itemsOf, recordOf} from './records.js';
import {RecordError} from './timestamps.js';

/**
 * Reads run histories from files, directories and standard input, yielding task records in
 * batches, in input order, each with its position (`positionOf`). The shape is detected per file:
 * - NDJSON (a task, an event, or a container of them per line) streams line by line in constant
 *   memory; `.ndjson` and `.jsonl` files are always read so;
 * - anything else whose first line is not a JSON value on its own (pretty-printed describe-tasks
 *   output, a JSON array) is read whole and parsed once.
 * `.gz` files are decompressed on the fly. A malformed record is an error naming the file and line
 * (or the item), unless `skipInvalid`, which counts it and keeps the first few locations.
 *
 * With a `partition`, the reader yields only the tasks whose ARNs hash to it (`partition.ts`), and
 * skips the lines of other tasks without parsing them: several readers over the same input, one per
 * core, see every task exactly once, and together count every line once.
 */

export interface ReadHistoryOptions {
  readonly stdin: NodeJS.ReadableStream;
  readonly skipInvalid?: boolean | undefined;
  readonly partition?: Partition | undefined;
  /** Told how far the read is: as each chunk (up to 1 MB) comes, and as each file ends. */
  readonly onProgress?: ((read: ReadProgress) => void) | undefined;
}

/** How far a read is: running totals over all its files. */
export interface ReadProgress {
  /** Bytes read from the files (compressed, for .gz) and from standard input. */
  readonly bytes: number;
  /** Task records read (this partition's, with a partition). */
  readonly records: number;
}

export interface InvalidExample {
  readonly position: number;
  readonly text: string;
}

export interface ReadHistoryOutcome {
  readonly sources: HistorySourceSummary[];
  /** Where the first skipped records were (at most 3). */
  readonly invalidExamples: InvalidExample[];
  /** Files in the directories read that are not histories (by extension, or JSON of another kind). */
  readonly skippedFiles: number;
  /** describe-services output among the inputs: the services' desired counts and strategies. */
  readonly services: ServiceFacts[];
}

/** A reader: iterate it for the records, then ask what it saw. */
export interface HistoryReader extends AsyncIterable<RecordBatch> {
  outcome(): ReadHistoryOutcome;
  /** The index of the file being read (or last read). */
  readonly currentFile: number;
}

export interface HistoryFiles {
  readonly files: readonly string[];
  readonly skippedFiles: number;
  /** The files found in a directory (a file there that holds no history is skipped, not an error). */
  readonly found: ReadonlySet<string>;
}

const HISTORY_FILE = /\.(json|ndjson|jsonl)(\.gz)?$/i;
const LINES_FILE = /\.(ndjson|jsonl)(\.gz)?$/i;
const CHUNK_BYTES = 1 << 20;
/** Longer than any ECS task or event on one line (a page of 100 tasks is well under 1 MB). */
const MAX_LINE_BYTES = 16 * 2 ** 20;
export const MAX_EXAMPLES = 3;
/**
 * With --skip-invalid, a file whose first GARBAGE_LINES non-blank lines hold no ECS task or event (nor
 * anything a history holds: another event, an empty page, describe-services output) is not a history:
 * it is refused (or skipped, found in a directory) there, not read to its end line by line.
 */
export const GARBAGE_LINES = 1000;
const STDIN_LABEL = '(stdin)';
const HISTORY_SHAPES =
  'expected describe-tasks output ({"tasks": [...]}), a JSON array of tasks or events, CloudWatch Logs filter-log-events output, or NDJSON with one task or EventBridge event per line';
const SKIP_HINT = 'fix or delete that record, or pass --skip-invalid to count and skip malformed records';

/**
 * A record's position: its file, its line, its item on the line (a document's items count as lines).
 * Exact integers below 2^53: up to 2^16 files, 2^28 lines, 255 items a line (more share the last).
 */
export function positionOf(file: number, line: number, item: number): number {
  return file * 2 ** 36 + line * 256 + Math.min(item, 255);
}

/** Files a path names: itself, "-", or the history files under a directory (sorted, recursive). */
export async function expandHistoryPaths(paths: readonly string[]): Promise<HistoryFiles> {
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

/** Reads the files in order. */
export function readHistoryFiles(expanded: HistoryFiles, options: ReadHistoryOptions): HistoryReader {
  const sources: HistorySourceSummary[] = [];
  const invalidExamples: InvalidExample[] = [];
  const services: ServiceFacts[] = [];
  let skippedFiles = expanded.skippedFiles;
  let currentFile = 0;
  const onProgress = options.onProgress;
  let doneBytes = 0;
  let doneRecords = 0;
  return {
    get currentFile() {
      return currentFile;
    },
    async *[Symbol.asyncIterator]() {
      for (const [index, path] of expanded.files.entries()) {
        currentFile = index;
        const label = path === '-' ? STDIN_LABEL : path;
        const stream = path === '-' ? options.stdin : createReadStream(path, {highWaterMark: CHUNK_BYTES});
        const input = /\.gz$/i.test(path) ? stream.pipe(createGunzip()) : stream;
        // A file's bytes as read from disk (compressed, for .gz: its size is the total); standard input's as parsed.
        const bytesRead = () => (path === '-' ? reader.bytes : (stream as ReadStream).bytesRead);
        const report =
          onProgress && (() => onProgress({bytes: doneBytes + bytesRead(), records: doneRecords + reader.records}));
        const reader = new SourceReader(
          label,
          index,
          LINES_FILE.test(path),
          expanded.found.has(path),
          options,
          {examples: invalidExamples, services},
          report,
        );
        const done = () => {
          doneBytes += bytesRead();
          doneRecords += reader.records;
          onProgress?.({bytes: doneBytes, records: doneRecords});
        };
        try {
          yield* reader.read(input);
        } catch (error) {
          if (error instanceof SkipFile) {
            skippedFiles++;
            stream instanceof Readable ? stream.destroy() : undefined;
            done();
            continue;
          }
          if (error instanceof UserError) throw error;
          const code = (error as NodeJS.ErrnoException | undefined)?.code;
          if (typeof code === 'string' && code.startsWith('Z_')) {
            throw new UserError(`${label} is not a valid gzip file`, {
              hint: 'decompress it, or drop the .gz extension',
            });
          }
          // The file system's errors (ENOENT, EISDIR, EACCES, EIO...) are the file's; anything else is a bug.
          if (typeof code === 'string' && code.startsWith('E')) throw fileError(error, label);
          throw error;
        }
        if (reader.skipped) skippedFiles++;
        else sources.push(reader.summary());
        done();
      }
    },
    outcome: () => ({sources, invalidExamples, skippedFiles, services}),
  };
}

/** What the files' reading saw, as the result's sources, notes and warnings. */
export function fileOutcome(outcome: ReadHistoryOutcome): SourceOutcome {
  const invalid = outcome.sources.reduce((total, source) => total + source.invalid, 0);
  const examples = outcome.invalidExamples.map((example) => example.text);
  return {
    sources: outcome.sources,
    notes: outcome.skippedFiles > 0 ? [{kind: 'skipped-files', count: outcome.skippedFiles}] : [],
    warnings: invalid > 0 ? [{kind: 'skipped-invalid', count: invalid, examples}] : [],
    services: outcome.services,
  };
}

/** The reader as a history source. */
export function historyFileSource(reader: HistoryReader): HistorySource {
  return {[Symbol.asyncIterator]: () => reader[Symbol.asyncIterator](), outcome: () => fileOutcome(reader.outcome())};
}

/** Reads paths whole, handing each record to `onRecord`: for tests and small inputs. */
export async function readHistoryPaths(
  paths: readonly string[],
  options: ReadHistoryOptions & {readonly onRecord: (record: TaskRecord, position: number) => void},
): Promise<ReadHistoryOutcome> {
  const reader = readHistoryFiles(await expandHistoryPaths(paths), options);
  for await (const batch of reader) {
    for (let i = 0; i < batch.records.length; i++) options.onRecord(batch.records[i]!, batch.positions[i]!);
  }
  return reader.outcome();
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
  // Services known to run elsewhere (EC2) are left out; a malformed one is kept, for the schema to refuse by name.
  const elsewhere = (item: unknown) => {
    const provider =
      typeof item === 'object' && item !== null ? (item as {capacityProvider?: unknown}).capacityProvider : undefined;
    return typeof provider === 'string' && provider !== 'FARGATE' && provider !== 'FARGATE_SPOT';
  };
  return services.filter((s) => {
    const {launchType, capacityProviderStrategy: strategy} = s as {
      launchType?: unknown;
      capacityProviderStrategy?: unknown;
    };
    if (Array.isArray(strategy) && strategy.length > 0) return !strategy.some(elsewhere);
    return typeof launchType !== 'string' || launchType === 'FARGATE';
  });
}

interface Counter {
  records: number;
  invalid: number;
  ignored: number;
}

/** What one file's reading adds to the whole read's outcome. */
interface Shared {
  readonly examples: InvalidExample[];
  readonly services: ServiceFacts[];
}

class SourceReader {
  private mode: 'unknown' | 'lines' | 'document';
  private readonly counter: Counter = {records: 0, invalid: 0, ignored: 0};
  private line = 0;
  /** The item of the current line (or document), for positions. */
  private item = 0;
  /** Whether anything but blank lines was read: an empty input named on its own is a mistake. */
  private content = false;
  /** The current line is read by every partition: only partition 0 counts what is not a task. */
  private sharedLine = false;
  /** Skipping the rest of a line already counted as too long. */
  private discarding = false;
  /** The first byte that is not whitespace was seen (and could start JSON). */
  private started = false;
  /** Lines in lines mode that hold history, and that do not, until one does (the garbage check). */
  private historyLines = 0;
  private otherLines = 0;
  /** How many invalid examples there were before this file: a skipped file takes its own back. */
  private readonly examplesBefore: number;
  private batch: {records: TaskRecord[]; positions: number[]} = {records: [], positions: []};
  private inputBytes = 0;
  skipped = false;

  constructor(
    private readonly path: string,
    private readonly fileIndex: number,
    forceLines: boolean,
    private readonly foundInDirectory: boolean,
    private readonly options: ReadHistoryOptions,
    private readonly shared: Shared,
    /** Called as each chunk comes (progress). */
    private readonly onChunk: (() => void) | undefined,
  ) {
    this.mode = forceLines ? 'lines' : 'unknown';
    this.examplesBefore = shared.examples.length;
  }

  get records(): number {
    return this.counter.records;
  }

  /** The bytes of input read so far. */
  get bytes(): number {
    return this.inputBytes;
  }

  summary(): HistorySourceSummary {
    return {path: this.path, format: this.mode === 'document' ? 'json' : 'ndjson', ...this.counter};
  }

  /** Counts what is not a task only once across partitions. */
  private get countsShared(): boolean {
    return !this.sharedLine || (this.options.partition?.index ?? 0) === 0;
  }

  private take(): RecordBatch | undefined {
    if (this.batch.records.length === 0) return undefined;
    const batch = this.batch;
    this.batch = {records: [], positions: []};
    return batch;
  }

  async *read(stream: AsyncIterable<unknown>): AsyncGenerator<RecordBatch> {
    // While the shape is unknown the raw chunks are kept, so a whole document can be parsed from its start.
    let head: Buffer[] | undefined = this.mode === 'unknown' ? [] : undefined;
    let document: Buffer[] | undefined;
    // A document's syntax is checked as it comes, so a file that is not JSON is refused early.
    let checker: JsonChecker | undefined;
    // The start of a line that continues in the next chunk(s), and its length.
    let carry: Buffer[] = [];
    let carried = 0;
    for await (const raw of stream) {
      const chunk = typeof raw === 'string' ? Buffer.from(raw) : (raw as Buffer);
      this.inputBytes += chunk.length;
      this.onChunk?.();
      if (!this.started) this.checkStart(chunk);
      if (document) {
        this.check(checker!, chunk);
        document.push(chunk);
        continue;
      }
      head?.push(chunk);
      let start = 0;
      let newline = chunk.indexOf(10);
      while (newline !== -1) {
        const line =
          carry.length > 0 ? Buffer.concat([...carry, chunk.subarray(start, newline)]) : chunk.subarray(start, newline);
        carry = [];
        carried = 0;
        this.handleLine(line);
        if (this.mode === 'document') break;
        start = newline + 1;
        newline = chunk.indexOf(10, start);
      }
      if (this.mode === 'unknown' && carried + chunk.length - start > MAX_LINE_BYTES) this.mode = 'document';
      if (this.mode === 'document') {
        document = head!;
        head = undefined;
        checker = new JsonChecker();
        for (const part of document) this.check(checker, part);
        continue;
      }
      if (this.mode === 'lines') head = undefined;
      if (start < chunk.length) {
        carry.push(start === 0 ? chunk : chunk.subarray(start));
        carried += chunk.length - start;
        // A line longer than any history record: not NDJSON; refused (or counted) without holding it.
        if (carried > MAX_LINE_BYTES) {
          this.tooLong();
          carry = [];
          carried = 0;
          this.discarding = true;
        }
      }
      const batch = this.take();
      if (batch) yield batch;
    }
    if (document) {
      this.checkEnd(checker!);
      this.readDocument(Buffer.concat(document).toString('utf8'));
    } else if (carry.length > 0) {
      this.handleLine(Buffer.concat(carry));
      if (this.mode === 'document') {
        const whole = new JsonChecker();
        for (const part of head!) this.check(whole, part);
        this.checkEnd(whole);
        this.readDocument(Buffer.concat(head!).toString('utf8'));
      }
    }
    const batch = this.take();
    if (batch) yield batch;
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

  /** A file whose first byte cannot start JSON (binary data, text) is refused at once. */
  private checkStart(chunk: Buffer): void {
    // Whitespace, and a byte-order mark (its bytes may come in separate chunks).
    let i = 0;
    while (i < chunk.length && [0x20, 0x09, 0x0a, 0x0d, 0xef, 0xbb, 0xbf].includes(chunk[i]!)) i++;
    if (i === chunk.length) return;
    this.started = true;
    if (chunk[i] === 0x7b || chunk[i] === 0x5b) return;
    this.content = true;
    if (this.foundInDirectory) {
      this.skipped = true;
      throw new SkipFile();
    }
    throw new UserError(`${this.path} is not JSON: it does not start with { or [`, {hint: HISTORY_SHAPES});
  }

  private check(checker: JsonChecker, chunk: Buffer): void {
    try {
      checker.feed(chunk);
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      throw new UserError(`${this.path} is not valid JSON (line ${error.line}): ${error.message}`, {
        hint: 'fix the file, or check that it is the JSON output of the AWS CLI',
      });
    }
  }

  private checkEnd(checker: JsonChecker): void {
    try {
      checker.end();
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      throw new UserError(`${this.path} is not valid JSON (line ${error.line}): ${error.message}`, {
        hint: 'fix the file, or check that it is the JSON output of the AWS CLI',
      });
    }
  }

  /** A line over MAX_LINE_BYTES: an invalid record (refused, or counted with skipInvalid). */
  private tooLong(): void {
    this.line++;
    this.content = true;
    this.invalid(
      `${this.path}:${this.line}`,
      `a line longer than ${MAX_LINE_BYTES / 2 ** 20} MB: not an NDJSON record`,
    );
    this.line--;
  }

  private handleLine(bytes: Buffer): void {
    if (this.discarding) {
      // The rest of a line already counted as too long.
      this.discarding = false;
      this.line++;
      return;
    }
    this.line++;
    this.item = 0;
    const partition = this.options.partition;
    this.sharedLine = false;
    if (partition && this.mode === 'lines') {
      // Another partition's task: not parsed here (it counts there).
      const owner = lineOwner(bytes, partition.count);
      if (owner !== -1 && owner !== partition.index) {
        this.content = true;
        // Every partition judges the same first lines, so each reaches the same verdict on the file.
        if (this.judging) this.judge(holdsHistory(bytes.toString('utf8').trim()));
        return;
      }
      this.sharedLine = owner === -1;
    }
    const text = bytes.toString('utf8').trim();
    if (text === '') return;
    this.content = true;
    if (partition && this.mode === 'unknown') this.sharedLine = true;
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
      if (this.judging) this.judge(false);
      return;
    }
    this.mode = 'lines';
    if (this.judging) this.judge(isHistory(value));
    if (isItem(value)) this.readItem(value, `${this.path}:${this.line}`);
    else this.container(value, `${this.path}:${this.line}`);
  }

  /** Whether the garbage check is still open: with --skip-invalid, until a line holds history or too many do not. */
  private get judging(): boolean {
    return this.options.skipInvalid === true && this.historyLines === 0;
  }

  /**
   * Counts a non-blank line of the first ones as holding history or not (every partition judges every
   * line alike, whichever it parses for records); the GARBAGE_LINES-th that does not ends the file.
   */
  private judge(history: boolean | undefined): void {
    if (history === undefined) return;
    if (history) {
      this.historyLines++;
      return;
    }
    if (++this.otherLines < GARBAGE_LINES) return;
    if (this.foundInDirectory) {
      // Its malformed records are not the history's: a file skipped is counted as one, not line by line.
      this.shared.examples.length = Math.min(this.shared.examples.length, this.examplesBefore);
      this.skipped = true;
      throw new SkipFile();
    }
    throw new UserError(
      `${this.path}: none of its first ${GARBAGE_LINES.toLocaleString('en-US')} lines holds an ECS task or event: it is not a task history`,
      {hint: HISTORY_SHAPES},
    );
  }

  private readDocument(text: string): void {
    // A document is read whole by every partition; each keeps its own tasks.
    this.line = 0;
    this.sharedLine = this.options.partition !== undefined;
    this.container(parseJsonText(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, this.path), this.path);
  }

  private container(value: unknown, where: string): void {
    if (isItem(value)) return this.readItem(value, where);
    const services = describedServices(value);
    if (services) {
      if (this.countsShared) this.shared.services.push(...servicesFromDescribeServices({services}, where));
      return;
    }
    const found = itemsOf(value);
    if (!found) {
      if (this.mode === 'lines') {
        return this.invalid(where, 'not an ECS task, an "ECS Task State Change" event, or a list of them');
      }
      if (this.foundInDirectory) {
        this.skipped = true;
        return;
      }
      throw new UserError(`${where} is not an ECS task history`, {hint: HISTORY_SHAPES});
    }
    // A document's items are numbered as lines are, so positions keep growing through it.
    const document = this.mode === 'document';
    found.items.forEach((item, i) => {
      if (document) this.line = i + 1;
      this.readItem(item, `${where} (${found.label(i)})`);
    });
  }

  private readItem(value: unknown, where: string): void {
    const position = positionOf(this.fileIndex, this.line, this.item++);
    try {
      if (value instanceof RecordError) throw value;
      const record = recordOf(value);
      if (record === 'ignored') {
        if (this.countsShared) this.counter.ignored++;
        return;
      }
      const partition = this.options.partition;
      if (partition && this.sharedLine && arnOwner(record.taskArn, partition.count) !== partition.index) return;
      this.counter.records++;
      this.batch.records.push(record);
      this.batch.positions.push(position);
    } catch (error) {
      if (!(error instanceof RecordError)) throw error;
      this.invalid(where, error.message, position);
    }
  }

  private invalid(where: string, message: string, position = positionOf(this.fileIndex, this.line, 0)): void {
    if (!this.countsShared) return;
    if (!this.options.skipInvalid) {
      throw new PositionedUserError(`${where}: ${message}`, {hint: SKIP_HINT}, position);
    }
    this.counter.invalid++;
    if (this.shared.examples.length < MAX_EXAMPLES) this.shared.examples.push({position, text: `${where}: ${message}`});
  }
}

/** Whether a line holds history (undefined: blank, which counts neither way). */
function holdsHistory(text: string): boolean | undefined {
  if (text === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  return isHistory(value);
}

/**
 * Whether a value is what a history holds: a task or an event (of ECS or not: another event is
 * ignored, not malformed), describe-services output, or a container of them (an empty page counts).
 */
function isHistory(value: unknown): boolean {
  if (isItem(value)) return isHistoryItem(value);
  if (describedServices(value)) return true;
  const found = itemsOf(value);
  return found !== undefined && (found.items.length === 0 || found.items.some(isHistoryItem));
}

function isHistoryItem(item: unknown): boolean {
  if (item instanceof RecordError) return false;
  try {
    recordOf(item);
    return true;
  } catch (error) {
    if (error instanceof RecordError) return false;
    throw error;
  }
}

/** Stops reading a file found in a directory that is not a history. */
class SkipFile extends Error {}

/** A malformed record's error, with where it is in the input (partitions report the first one). */
export class PositionedUserError extends UserError {
  constructor(
    message: string,
    options: {hint?: string},
    readonly position: number,
  ) {
    super(message, options);
  }
}
