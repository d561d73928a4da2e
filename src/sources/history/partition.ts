/**
 * Which of `count` readers owns a task: the one its ARN hashes to. Every record of a task goes to
 * the same reader, so meters over the partitions share no task and merge exactly.
 *
 * A line of NDJSON is assigned without parsing it when it names one task: the value of its
 * `"taskArn"` keys, all equal and written without escapes (an ECS task or event names its task in
 * the task and in each container). A line that names none, several, or an escaped one is read by
 * every reader, each keeping the records of its own tasks (`arnOwner` on the parsed ARN, which
 * hashes the same UTF-8 bytes).
 */

export interface Partition {
  readonly index: number;
  readonly count: number;
}

const KEY = Buffer.from('"taskArn"');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

/** FNV-1a over bytes: fast, and well spread over ARNs that differ in their last characters. */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  return hash >>> 0;
}

const isSpace = (byte: number | undefined) => byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;

/** The reader that owns a line's task, or -1 when every reader must read the line. */
export function lineOwner(line: Buffer, count: number): number {
  let at = line.indexOf(KEY);
  if (at === -1) return -1;
  let first = -1;
  let firstEnd = -1;
  while (at !== -1) {
    let i = at + KEY.length;
    while (isSpace(line[i])) i++;
    if (line[i] !== COLON) return -1;
    i++;
    while (isSpace(line[i])) i++;
    if (line[i] !== QUOTE) return -1;
    const start = i + 1;
    const end = line.indexOf(QUOTE, start);
    if (end === -1) return -1;
    const backslash = line.indexOf(BACKSLASH, start);
    if (backslash !== -1 && backslash < end) return -1;
    if (first === -1) {
      first = start;
      firstEnd = end;
    } else if (end - start !== firstEnd - first || line.compare(line, start, end, first, firstEnd) !== 0) {
      return -1;
    }
    at = line.indexOf(KEY, end + 1);
  }
  return hashBytes(line, first, firstEnd) % count;
}

/** The reader that owns a parsed task ARN. */
export function arnOwner(taskArn: string, count: number): number {
  const bytes = Buffer.from(taskArn, 'utf8');
  return hashBytes(bytes, 0, bytes.length) % count;
}
