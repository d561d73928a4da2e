import {isFinalRecord, type TaskRecord} from '../model/task-record.js';
import {FingerprintSet} from './fingerprint.js';

/**
 * Task records to runs: a task is observed many times (every state change is an event, a task may
 * be in two saved outputs), and is billed once, from its first final (stopped) record, with what that
 * record lacks taken from the newest earlier observation. A task never seen stopped is running: it
 * is billed when the input ends (`pending()`).
 *
 * Memory: the tasks still pending, plus 16 to 32 bytes a billed task (a 64-bit fingerprint of its ARN).
 */

export interface PendingTask {
  readonly record: TaskRecord;
  /** Position of the task's first record in the input: where a running task's bill takes its place. */
  readonly position: number;
}

export interface Deduper {
  /**
   * Takes a record at `position` (increasing through the input); returns the record to bill now (a
   * task's first final record, completed from its earlier observation), or undefined.
   */
  add(record: TaskRecord, position: number): TaskRecord | undefined;
  /** Tasks never seen stopped, in the order they first appeared. */
  pending(): IterableIterator<PendingTask>;
  readonly updates: number;
  readonly duplicates: number;
  readonly pendingCount: number;
  readonly fingerprintBytes: number;
}

function newer(candidate: TaskRecord, current: TaskRecord): boolean {
  if (candidate.version !== undefined && current.version !== undefined && candidate.version !== current.version) {
    return candidate.version > current.version;
  }
  if (
    candidate.updatedAtMs !== undefined &&
    current.updatedAtMs !== undefined &&
    candidate.updatedAtMs !== current.updatedAtMs
  ) {
    return candidate.updatedAtMs > current.updatedAtMs;
  }
  // Same version or no ordering information: the later observation wins.
  return true;
}

/** The final record, with anything it lacks taken from the task's earlier observation. */
function completed(final: TaskRecord, earlier: TaskRecord): TaskRecord {
  const out: Record<string, unknown> = {...earlier};
  for (const [key, value] of Object.entries(final)) if (value !== undefined) out[key] = value;
  return out as unknown as TaskRecord;
}

export function createDeduper(): Deduper {
  const pending = new Map<string, {record: TaskRecord; position: number}>();
  const finalized = new FingerprintSet();
  let updates = 0;
  let duplicates = 0;

  return {
    add(record, position) {
      const arn = record.taskArn;
      if (!isFinalRecord(record)) {
        if (finalized.has(arn)) {
          // A state older than the one already billed (events can arrive out of order).
          updates++;
          return undefined;
        }
        const current = pending.get(arn);
        if (current === undefined) pending.set(arn, {record, position});
        else {
          updates++;
          if (newer(record, current.record)) current.record = record;
        }
        return undefined;
      }
      if (!finalized.add(arn)) {
        duplicates++;
        return undefined;
      }
      const earlier = pending.get(arn);
      if (earlier === undefined) return record;
      pending.delete(arn);
      updates++;
      return completed(record, earlier.record);
    },
    pending: () => pending.values(),
    get updates() {
      return updates;
    },
    get duplicates() {
      return duplicates;
    },
    get pendingCount() {
      return pending.size;
    },
    get fingerprintBytes() {
      return finalized.bytes;
    },
  };
}
