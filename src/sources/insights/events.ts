import {EXIT, UserError, untrusted, untrustedValue} from '../../errors.js';
import type {TaskSample} from '../../model/rightsize.js';
import {isFargateSize} from '../../sizing/sizes.js';

/**
 * Container Insights performance log events for ECS (CloudWatch User Guide, "Container Insights
 * performance log events for Amazon ECS"): the `Type: "Task"` records, one per task a minute, read
 * into samples. Three shapes, told apart by their content: NDJSON (one event a line), a JSON array
 * of events, and `aws logs filter-log-events` output (`{"events": [{"message": "<the event as a JSON
 * string>", "timestamp": ...}]}`). Events of other Types (Container, Service, Cluster...) and tasks not
 * on Fargate (LaunchType EC2, or none) are skipped and counted, as are Task events reserving a size
 * Fargate does not offer (a Fargate task always reserves a valid size: such an event is not from a
 * Fargate task, or is corrupt); a Task event without the fields a sample needs is bad input, named by
 * its line or position.
 */

/** What was skipped, by reason. */
export type SkippedEvents = {
  /** Events whose Type is not "Task". */
  'other-type': number;
  /** Task events whose LaunchType is not FARGATE. */
  'not-fargate': number;
  /** Task events whose CpuReserved and MemoryReserved are not a size Fargate offers. */
  'not-fargate-size': number;
};

export const noSkips = (): SkippedEvents => ({'other-type': 0, 'not-fargate': 0, 'not-fargate-size': 0});

export interface ParsedEvents {
  /** The samples, unless a sink took them. */
  readonly samples: TaskSample[];
  readonly skipped: SkippedEvents;
  /** Events read (kept and skipped). */
  readonly events: number;
}

export type SampleSink = (sample: TaskSample) => void;

const bad = (message: string) =>
  new UserError(message, {
    exitCode: EXIT.input,
    hint: 'give Container Insights performance log events (NDJSON, a JSON array, or aws logs filter-log-events output)',
  });

type Fields = Record<string, unknown>;

function text(event: Fields, field: string, where: string, optional = false): string | null {
  const value = event[field];
  if (value === undefined || value === null) {
    if (optional) return null;
    throw bad(`${where}: the Task event has no ${field}`);
  }
  if (typeof value !== 'string' || value.length === 0)
    throw bad(`${where}: ${field} ${untrustedValue(value)} is not a name`);
  return value;
}

function amount(event: Fields, field: string, where: string, positive = false): number {
  const value = event[field];
  if (value === undefined || value === null) throw bad(`${where}: the Task event has no ${field}`);
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (positive && value === 0)) {
    throw bad(
      `${where}: ${field} ${untrustedValue(value)} is not ${positive ? 'a number above 0' : 'a number, 0 or more'}`,
    );
  }
  return value;
}

/** Epoch milliseconds: the event's Timestamp, or the log event's when the message has none. */
function timestampOf(event: Fields, fallback: unknown, where: string): number {
  const value = event.Timestamp ?? fallback;
  const ms = typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value;
  if (typeof ms !== 'number' || !Number.isSafeInteger(ms) || ms < 0 || ms > 8.64e15)
    throw bad(`${where}: Timestamp ${untrustedValue(value)} is not epoch milliseconds`);
  return ms;
}

/** Reads events one at a time, into a sink or a list. */
export function createEventReader(sink?: SampleSink) {
  const samples: TaskSample[] = [];
  const put: SampleSink = sink ?? ((sample) => samples.push(sample));
  const skipped = noSkips();
  let events = 0;

  /** One event, already parsed; `where` names it in a message. */
  const event = (value: unknown, where: string, fallbackTimestamp?: unknown): void => {
    if (typeof value === 'string') return message(value, where, fallbackTimestamp);
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw bad(`${where}: ${untrustedValue(value)} is not a performance log event (a JSON object)`);
    events++;
    const fields = value as Fields;
    if (fields.Type !== 'Task') {
      skipped['other-type']++;
      return;
    }
    if (fields.LaunchType !== 'FARGATE') {
      skipped['not-fargate']++;
      return;
    }
    const sample: TaskSample = {
      region: text(fields, 'Region', where, true),
      cluster: text(fields, 'ClusterName', where)!,
      service: text(fields, 'ServiceName', where, true),
      family: text(fields, 'TaskDefinitionFamily', where)!,
      taskId: text(fields, 'TaskId', where)!,
      timestampMs: timestampOf(fields, fallbackTimestamp, where),
      cpuUtilized: amount(fields, 'CpuUtilized', where),
      cpuReserved: amount(fields, 'CpuReserved', where, true),
      memoryUtilized: amount(fields, 'MemoryUtilized', where),
      memoryReserved: amount(fields, 'MemoryReserved', where, true),
      tasks: 1,
    };
    // Fargate's sizes for Linux include Windows's; the OS is not in the event.
    if (!isFargateSize({cpuUnits: sample.cpuReserved, memoryMiB: sample.memoryReserved, storageGiB: 20}, 'linux')) {
      skipped['not-fargate-size']++;
      return;
    }
    put(sample);
  };

  /** One event as JSON text (a log event's `message`, a line of NDJSON). */
  const message = (json: string, where: string, fallbackTimestamp?: unknown): void => {
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      throw bad(`${where}: ${untrusted(json.trim(), 40) || 'an empty message'} is not a JSON performance log event`);
    }
    if (typeof value === 'string')
      throw bad(`${where}: a JSON string inside a JSON string is not a performance log event`);
    event(value, where, fallbackTimestamp);
  };

  return {
    event,
    message,
    finish: (): ParsedEvents => ({samples, skipped: {...skipped}, events}),
  };
}

const isFilterLogEventsOutput = (value: unknown): value is {events: unknown[]} =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Array.isArray((value as Fields).events);

/**
 * Reads performance log events from text: NDJSON, a JSON array, one event, or `aws logs
 * filter-log-events` output; the format is told from the content. Samples go to `sink` when one is given.
 */
export function parsePerformanceEvents(input: string, origin: string, sink?: SampleSink): ParsedEvents {
  const reader = createEventReader(sink);
  const body = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const start = body.search(/\S/);
  if (start === -1) return reader.finish();
  const first = body[start];
  if (first !== '{' && first !== '[' && first !== '"')
    throw bad(`${origin} is not JSON: it starts with ${untrusted(body.slice(start, start + 20))}`);
  let whole: unknown;
  let parsed = false;
  try {
    whole = JSON.parse(body);
    parsed = true;
  } catch {
    // Not one JSON document: NDJSON, or broken.
  }
  if (parsed) {
    if (isFilterLogEventsOutput(whole)) {
      whole.events.forEach((logEvent, i) => {
        const where = `${origin} events[${i}]`;
        if (typeof logEvent !== 'object' || logEvent === null || typeof (logEvent as Fields).message !== 'string')
          throw bad(`${where}: a log event without a message string`);
        reader.message((logEvent as Fields).message as string, where, (logEvent as Fields).timestamp);
      });
    } else if (Array.isArray(whole)) {
      whole.forEach((item, i) => {
        reader.event(item, `${origin} [${i}]`);
      });
    } else {
      reader.event(whole, `${origin} line ${body.slice(0, start).split('\n').length}`);
    }
    return reader.finish();
  }
  if (first === '[') throw bad(`${origin} is not valid JSON: a JSON array that does not parse`);
  let lineNo = 0;
  let from = 0;
  while (from <= body.length) {
    let to = body.indexOf('\n', from);
    if (to === -1) to = body.length;
    lineNo++;
    const line = body.slice(from, to);
    from = to + 1;
    if (line.trim() === '') continue;
    reader.message(line, `${origin} line ${lineNo}`);
  }
  return reader.finish();
}

/**
 * Reads log events' messages (what CloudWatch Logs' FilterLogEvents returns in `events[].message`),
 * each one event as JSON text; `timestamps`, when given, stand in for a message without a Timestamp.
 */
export function parsePerformanceMessages(
  messages: Iterable<string>,
  origin: string,
  sink?: SampleSink,
  timestamps?: readonly number[],
): ParsedEvents {
  const reader = createEventReader(sink);
  let i = 0;
  for (const message of messages) {
    if (typeof message !== 'string') throw bad(`${origin} message ${i + 1}: not a string`);
    reader.message(message, `${origin} message ${i + 1}`, timestamps?.[i]);
    i++;
  }
  return reader.finish();
}
