import {untrusted} from '../../errors.js';

/**
 * ECS timestamps in every shape a history holds them:
 * - a number: epoch seconds with a fraction, as the wire and AWS CLI v1 print them (`1577073858.114`);
 *   numbers above 1e11 are epoch milliseconds (Step Functions output);
 * - an ISO 8601 string with a zone: AWS CLI v2 (`2021-12-20T12:13:20.226000-05:00`, local offsets,
 *   the fraction dropped when zero) and EventBridge events (`2022-11-23T16:36:31.21Z`, 0 to 3 digits);
 * - a `Date`, from the SDK.
 * A string without a zone is refused: JavaScript would read it in the machine's local time.
 */

/** A record that cannot be read; the reader adds the file and line. */
export class RecordError extends Error {
  override readonly name = 'RecordError';
}

const EPOCH_MS_THRESHOLD = 1e11;

function hasZone(text: string): boolean {
  const last = text.charCodeAt(text.length - 1);
  if (last === 90 /* Z */ || last === 122 /* z */) return true;
  const sign5 = text.charCodeAt(text.length - 5);
  const sign6 = text.charCodeAt(text.length - 6);
  // +hh:mm or +hhmm (43 '+', 45 '-')
  return sign6 === 43 || sign6 === 45 || sign5 === 43 || sign5 === 45;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True for a day that exists in the proleptic Gregorian calendar. */
function calendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]!) return false;
  return month !== 2 || day !== 29 || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0));
}

/**
 * The common shapes (`YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|+HHMM)`) parsed by hand: several
 * times faster than Date.parse, which a history calls millions of times. The fraction is cut to
 * the millisecond, as Date.parse does. Undefined for anything else (Date.parse then decides).
 */
export function parseIsoFast(s: string): number | undefined {
  const n = s.length;
  if (
    n < 20 ||
    s.charCodeAt(4) !== 45 ||
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(10) !== 84 ||
    s.charCodeAt(13) !== 58 ||
    s.charCodeAt(16) !== 58
  )
    return undefined;
  let bad = false;
  const two = (i: number) => {
    const a = s.charCodeAt(i) - 48;
    const b = s.charCodeAt(i + 1) - 48;
    if (a < 0 || a > 9 || b < 0 || b > 9) bad = true;
    return a * 10 + b;
  };
  const year = two(0) * 100 + two(2);
  const month = two(5);
  const day = two(8);
  const hour = two(11);
  const minute = two(14);
  const second = two(17);
  if (bad || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  if (
    day > DAYS_IN_MONTH[month - 1]! ||
    (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)))
  )
    return undefined;
  let i = 19;
  let ms = 0;
  if (s.charCodeAt(i) === 46 /* . */) {
    let digits = 0;
    for (i++; i < n; i++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      if (digits < 3) ms = ms * 10 + d;
      digits++;
    }
    if (digits === 0) return undefined;
    for (let k = digits; k < 3; k++) ms *= 10;
  }
  let offsetMinutes: number;
  const zone = s.charCodeAt(i);
  if ((zone === 90 || zone === 122) && i === n - 1) offsetMinutes = 0;
  else if ((zone === 43 || zone === 45) && (n - i === 6 ? s.charCodeAt(i + 3) === 58 : n - i === 5)) {
    const hh = two(i + 1);
    const mm = two(n - 2);
    if (bad || hh > 23 || mm > 59) return undefined;
    offsetMinutes = (zone === 45 ? -1 : 1) * (hh * 60 + mm);
  } else return undefined;
  return ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute - offsetMinutes) * 60_000 + second * 1000 + ms;
}

/** Epoch milliseconds of a timestamp, undefined when absent; a RecordError naming the field when unreadable. */
export function timestampMs(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') {
    const fast = parseIsoFast(value);
    if (fast !== undefined) return fast;
    // Date.parse rolls 2026-02-30 over into March: a day that does not exist is an error, never a date.
    const date = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
    if (date && !calendarDate(Number(date[1]), Number(date[2]), Number(date[3]))) {
      throw new RecordError(`${field} "${untrusted(value)}" is not a date: ${date[0]} does not exist`);
    }
    if (value.length >= 17 && value.charCodeAt(10) === 84 /* T */ && hasZone(value)) {
      const ms = Date.parse(value);
      if (!Number.isNaN(ms)) return ms;
    } else if (/^\d+(\.\d+)?$/.test(value)) {
      return timestampMs(Number(value), field);
    }
    throw new RecordError(
      `${field} "${untrusted(value)}" is not a timestamp (expected ISO 8601 with a zone, or epoch seconds)`,
    );
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) throw new RecordError(`${field} ${value} is not a timestamp`);
    return value > EPOCH_MS_THRESHOLD ? Math.round(value) : Math.round(value * 1000);
  }
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new RecordError(`${field} is an invalid date`);
    return ms;
  }
  throw new RecordError(`${field} has type ${typeof value}, not a timestamp`);
}
