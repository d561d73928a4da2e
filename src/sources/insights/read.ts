import {readFile} from 'node:fs/promises';
import {gunzipSync} from 'node:zlib';
import {EXIT, UserError} from '../../errors.js';
import {fileError} from '../files.js';
import {noSkips, parsePerformanceEvents, type SampleSink, type SkippedEvents} from './events.js';

/** Reads a file (or "-", standard input) as text, gunzipping it when it starts with gzip's magic bytes. */
export async function readMaybeGzipped(path: string, stdin: NodeJS.ReadableStream): Promise<string> {
  let bytes: Buffer;
  if (path === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    bytes = Buffer.concat(chunks);
  } else {
    try {
      bytes = await readFile(path);
    } catch (error) {
      throw fileError(error, path);
    }
  }
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch {
      throw new UserError(`${path === '-' ? 'standard input' : path} is not a readable gzip file`, {
        exitCode: EXIT.input,
        hint: 'check the download, or give it uncompressed',
      });
    }
  }
  return bytes.toString('utf8');
}

export interface ReadEventsOutcome {
  readonly skipped: SkippedEvents;
  readonly events: number;
}

/** Reads performance log event files one after another into `sink` (NDJSON, JSON arrays, filter-log-events output; .gz too). */
export async function readPerformanceEventFiles(
  paths: readonly string[],
  stdin: NodeJS.ReadableStream,
  sink: SampleSink,
): Promise<ReadEventsOutcome> {
  const skipped = noSkips();
  let events = 0;
  for (const path of paths) {
    const origin = path === '-' ? 'standard input' : path;
    const parsed = parsePerformanceEvents(await readMaybeGzipped(path, stdin), origin, sink);
    for (const reason of Object.keys(skipped) as (keyof SkippedEvents)[]) skipped[reason] += parsed.skipped[reason];
    events += parsed.events;
  }
  return {skipped, events};
}
