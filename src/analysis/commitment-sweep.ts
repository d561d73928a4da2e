import type {ProfileHour, UsageProfile, UsageSeries} from '../model/profile.js';
import {type RateKey, SAVINGS_PLAN_RATE_KEYS} from '../model/types.js';

/**
 * The exact breakpoint sweep behind the Savings Plans optimizer (see savings-plan.ts for what it
 * computes), built without a bigint operation per breakpoint.
 *
 * A year of hourly usage over eight series has ~70,000 breakpoints a plan. Sweeping them in bigints
 * (an allocation per operation, a comparator sort of bigints, five bigint prefix sums) cost ~120 ms a
 * plan. Here every per-breakpoint step runs on doubles that hold integers exactly (or are only sort
 * hints, settled exactly where they could mislead), and bigints appear only when a figure is asked
 * for. Memory is kept to a few typed arrays a plan: on the machine this was measured on, the first
 * touch of fresh memory cost about 1 ms per 500 KB, as much as the work done in it.
 *
 * 1. Hour table (once per profile, shared by the six plans): identical hours are grouped with their
 *    multiplicity, and each group's usage of every discountable series is kept as doubles. Usage is
 *    exact there: a series whose total reaches 2^53 is split into 26-bit limbs (`limbsFor`), so every
 *    sum of usage the sweep forms stays below 2^53.
 * 2. Events: each group's cumulative Savings Plan cost after each of its items with usage, as a
 *    double. These are only approximations (within a relative `tolerance` of the exact integer), used
 *    as sort keys. Event id = group x K + item, so an id says which hour group moves on from which item.
 * 3. Order: a radix sort of the approximations, then every run of approximations that lie within
 *    rounding distance of each other is recomputed in bigints and ordered exactly, so the order and
 *    which events share a breakpoint are exact.
 * 4. State: at a breakpoint, per row r (an item being covered, or "done"), the number of hours on it
 *    n[r] and the usage V[r][b] those hours have already covered of each item b < r: integers that
 *    doubles add exactly (kept cumulatively, see `applyEvent`). From the state, the uncovered
 *    On-Demand cost and the used commitment at any commitment up to the next breakpoint are a few
 *    bigint products (`valuesAt`). The state is saved every `stride` breakpoints (a checkpoint); a
 *    query replays at most `stride` breakpoints from the one before.
 *
 * The derivation of `valuesAt`: an hour on item r (with items b < r covered and r_b = On-Demand / SP
 * rate, R_b = r_b x L, sp_b u_b the SP cost of item b, C = sum of sp_b u_b over them) has, at commitment
 * p, covered L x On-Demand cost sum R_b sp_b u_b + R_r (p - C) = R_r p + sum (R_b - R_r) sp_b u_b.
 * Summed over hours: coverRate x p + sum over rows r and items b of (R_b - R_r) sp_b V[r][b], with R = 0
 * for "done". An hour uses min(p, its total) of commitment: open hours x p + sum sp_b V[done][b].
 */

/** An item the plan covers, in coverage order, in the scaled units of savings-plan.ts. */
export interface SweepItem {
  /** Index into `UsageProfile.series`. */
  readonly seriesIndex: number;
  /** Savings Plan rate per unit-millisecond, scaled. */
  readonly sp: bigint;
  /** On-Demand rate per unit-millisecond, scaled. */
  readonly od: bigint;
  /** r x L: On-Demand / Savings Plan rate times the common denominator L. */
  readonly coverRateL: bigint;
}

const discountable = new Set<RateKey>(SAVINGS_PLAN_RATE_KEYS);
const TWO_53 = 2 ** 53;
const TWO_53_BIG = 2n ** 53n;
/** Limb width for usage beyond 2^53: small enough that a low limb summed over any profile stays below 2^53. */
const LIMB_BITS = 26n;
const LIMB_MASK = (1n << LIMB_BITS) - 1n;

// The hot loops below live in small functions of typed arrays: V8 optimizes a small function after a
// few thousand iterations, while one large function is recompiled each time it reaches code it has
// not run yet, which made the first plans several times slower than the later ones.

/** Usage of a profile's discountable series, grouped by identical hours. */
interface HourTable {
  readonly series: readonly UsageSeries[];
  /** Usage of each series over the whole profile. */
  readonly totals: readonly bigint[];
  /** Per series: its column (On-Demand usage of a key Savings Plans discount), or -1. */
  readonly columnOf: Int32Array;
  /** The limbs of column j are limbStart[j] .. limbStart[j + 1] - 1, limb i worth 2^(26 i). */
  readonly limbStart: Int32Array;
  readonly groups: number;
  /** Hours in each group. */
  readonly multiplicity: Float64Array;
  /** Usage per group and column: the nearest double (exact for a column in one limb). */
  readonly usage: Float64Array;
  /** Usage per group and limb: exact integers. */
  readonly limbs: Float64Array;
}

/** Limbs for a column: one while its total is below 2^53, else enough 26-bit limbs that the top one sums below 2^53. */
function limbsFor(total: bigint): number {
  let count = 1;
  while (total >> (LIMB_BITS * BigInt(count - 1)) >= TWO_53_BIG) count++;
  return count;
}

function mix(hash: number, value: number): number {
  // Low and high 32 bits of an integer below 2^53.
  hash = Math.imul(hash ^ (value >>> 0), 0x9e3779b1);
  hash = Math.imul(hash ^ ((value / 4294967296) >>> 0), 0x85ebca6b);
  return hash ^ (hash >>> 15);
}

/** Writes an hour's limbs into `row`; returns their hash. */
function readLimbs(unitMs: readonly bigint[], columns: Int32Array, limbStart: Int32Array, row: Float64Array): number {
  let hash = 0;
  for (let j = 0; j < columns.length; j++) {
    const value = unitMs[columns[j]!] ?? 0n;
    const first = limbStart[j]!;
    const count = limbStart[j + 1]! - first;
    if (count === 1) row[first] = Number(value);
    else
      for (let i = 0; i < count; i++) {
        const limb = value >> (LIMB_BITS * BigInt(i));
        row[first + i] = Number(i === count - 1 ? limb : limb & LIMB_MASK);
      }
    for (let i = first; i < first + count; i++) {
      if (row[i]! < 0) throw new RangeError(`usage cannot be negative: ${value} unit-milliseconds`);
      hash = mix(hash, row[i]!);
    }
  }
  return hash;
}

function sameLimbs(limbs: Float64Array, offset: number, row: Float64Array): boolean {
  for (let i = 0; i < row.length; i++) if (limbs[offset + i] !== row[i]) return false;
  return true;
}

type Groups = Pick<HourTable, 'groups' | 'multiplicity' | 'usage' | 'limbs'>;

/** Groups identical hours by the limbs of their discountable usage. */
function groupHours(hours: readonly ProfileHour[], columns: Int32Array, limbStart: Int32Array): Groups {
  const width = limbStart[columns.length]!;
  const row = new Float64Array(width);
  const limbs = new Float64Array(hours.length * width);
  // With every column in one limb (usage below 2^53), the limbs are the usage: one array serves both.
  const narrow = width === columns.length;
  const usage = narrow ? limbs : new Float64Array(hours.length * columns.length);
  const multiplicity = new Float64Array(hours.length);
  // Open addressing on the hash of the exact limbs; a slot holds group + 1.
  const mask = (1 << Math.ceil(Math.log2(2 * hours.length + 1))) - 1;
  const slots = new Int32Array(mask + 1);
  let groups = 0;
  for (const hour of hours) {
    let slot = readLimbs(hour.unitMs, columns, limbStart, row) & mask;
    while (slots[slot] !== 0 && !sameLimbs(limbs, (slots[slot]! - 1) * width, row)) slot = (slot + 1) & mask;
    if (slots[slot] !== 0) multiplicity[slots[slot]! - 1]!++;
    else {
      limbs.set(row, groups * width);
      if (!narrow)
        for (let j = 0; j < columns.length; j++)
          usage[groups * columns.length + j] = Number(hour.unitMs[columns[j]!] ?? 0n);
      multiplicity[groups] = 1;
      slots[slot] = ++groups;
    }
  }
  // Trimmed to the groups (when hours repeat; a copy touches fresh memory, so not otherwise).
  const trim = <T extends Float64Array>(values: T, length: number) =>
    length === values.length ? values : (values.slice(0, length) as T);
  const groupLimbs = trim(limbs, groups * width);
  return {
    groups,
    multiplicity: trim(multiplicity, groups),
    usage: narrow ? groupLimbs : trim(usage, groups * columns.length),
    limbs: groupLimbs,
  };
}

/**
 * Each column's total from hours grouped one limb a column, or undefined when a column's usage does not
 * fit: its total (or a value) reaches 2^53. Below that, doubles hold every value and every partial sum
 * exactly (and a product or sum that reaches it still compares above it).
 */
function narrowTotals({groups, multiplicity, limbs}: Groups, columns: number): bigint[] | undefined {
  const sums = new Float64Array(columns);
  for (let g = 0; g < groups; g++)
    for (let j = 0; j < columns; j++) sums[j]! += multiplicity[g]! * limbs[g * columns + j]!;
  return sums.every((sum) => sum <= Number.MAX_SAFE_INTEGER) ? Array.from(sums, (sum) => BigInt(sum)) : undefined;
}

/**
 * Usage over the profile of the series listed in `wanted`. Usage is whole unit-milliseconds, so a sum of
 * doubles is exact while it stays below 2^53 (and bigint additions, an allocation each, are slower):
 * only a series that could pass it, or that holds a value a double cannot, is summed again in bigints.
 */
function seriesTotals(hours: readonly ProfileHour[], wanted: readonly number[]): bigint[] {
  const sums = new Float64Array(wanted.length);
  const inexact = new Uint8Array(wanted.length);
  for (const hour of hours)
    for (let i = 0; i < wanted.length; i++) {
      const unitMs = Number(hour.unitMs[wanted[i]!] ?? 0n);
      sums[i]! += unitMs;
      if (!(unitMs >= 0 && unitMs <= Number.MAX_SAFE_INTEGER)) inexact[i] = 1;
    }
  return Array.from(sums, (sum, i) =>
    inexact[i] === 0 && sum <= Number.MAX_SAFE_INTEGER
      ? BigInt(sum)
      : hours.reduce((total, hour) => total + (hour.unitMs[wanted[i]!] ?? 0n), 0n),
  );
}

function buildHourTable({series, hours}: UsageProfile): HourTable {
  const columnList: number[] = [];
  const others: number[] = [];
  const columnOf = new Int32Array(series.length).fill(-1);
  for (const [s, line] of series.entries())
    if (line.purchase === 'on-demand' && discountable.has(line.key)) columnOf[s] = columnList.push(s) - 1;
    else others.push(s);
  const columns = Int32Array.from(columnList);
  // Usually every column's usage is below 2^53 and one limb holds it: read the hours once that way, and
  // only when a total turns out to reach 2^53, again in as many limbs as its exact total needs.
  const limbStart = Int32Array.from({length: columns.length + 1}, (_, j) => j);
  let grouped = groupHours(hours, columns, limbStart);
  let columnTotals = narrowTotals(grouped, columns.length);
  if (!columnTotals) {
    columnTotals = seriesTotals(hours, columnList);
    for (const [j, total] of columnTotals.entries()) limbStart[j + 1] = limbStart[j]! + limbsFor(total);
    grouped = groupHours(hours, columns, limbStart);
  }
  const totals: bigint[] = new Array(series.length);
  for (const [j, s] of columnList.entries()) totals[s] = columnTotals[j]!;
  for (const [i, total] of seriesTotals(hours, others).entries()) totals[others[i]!] = total;
  return {series, totals, columnOf, limbStart, ...grouped};
}

/**
 * Hour tables by profile: the six plans (and the TUI's slider) prepare the same profile, and the table
 * does not depend on the plan. Profiles are immutable values (readonly all the way down), so a table
 * built for one stays right; keyed weakly, it lives as long as the profile's hours.
 */
const hourTables = new WeakMap<readonly ProfileHour[], HourTable>();

function hourTableOf(profile: UsageProfile): HourTable {
  const cached = hourTables.get(profile.hours);
  if (cached?.series === profile.series) return cached;
  const table = buildHourTable(profile);
  hourTables.set(profile.hours, table);
  return table;
}

/** Usage of each series over the whole profile (exact). */
export function profileSeriesTotals(profile: UsageProfile): readonly bigint[] {
  return hourTableOf(profile).totals;
}

/**
 * Buffers for what building a sweep needs only while it runs (sort keys, the radix sort's second
 * copy), reused from plan to plan so their memory is touched once; they grow to the largest sweep.
 * Sweeps are built synchronously, one at a time.
 */
const scratch = {
  keys: new Float64Array(0),
  ids: new Int32Array(0),
  keys2: new Float64Array(0),
  ids2: new Int32Array(0),
  hourOnDemand: new Float64Array(0),
};

function scratchFor(events: number, groups: number): typeof scratch {
  if (scratch.keys.length < events) {
    const size = Math.max(events, 2 * scratch.keys.length);
    scratch.keys = new Float64Array(size);
    scratch.ids = new Int32Array(size);
    scratch.keys2 = new Float64Array(size);
    scratch.ids2 = new Int32Array(size);
  }
  if (scratch.hourOnDemand.length < groups)
    scratch.hourOnDemand = new Float64Array(Math.max(groups, 2 * scratch.hourOnDemand.length));
  return scratch;
}

/** A plan's view of the hour table: items in coverage order and where their usage is. */
interface Layout {
  readonly items: number;
  /** Columns and limb width of the hour table. */
  readonly columns: number;
  readonly width: number;
  /** Per item: its column in the hour table. */
  readonly column: Int32Array;
  /** Limb columns of the items in coverage order: items 0..a-1 have limbs planLimb[0 .. itemLimbEnd[a - 1] - 1]. */
  readonly planLimb: Int32Array;
  readonly itemLimbEnd: Int32Array;
  /** Where row r's V starts in a state (rows 1..K; see `applyEvent`). */
  readonly rowStart: Int32Array;
  readonly multiplicity: Float64Array;
  readonly usage: Float64Array;
  readonly limbs: Float64Array;
}

/**
 * Writes the events (ids g x K + a of the items a with usage in group g) and their approximate
 * positions into `ids` and `keys`, and each group's approximate hourly On-Demand cost; returns the count.
 */
function eventsOf(
  layout: Layout,
  spApprox: Float64Array,
  odApprox: Float64Array,
  groups: number,
  ids: Int32Array,
  keys: Float64Array,
  hourOnDemand: Float64Array,
): number {
  const {items: k, columns, column, usage} = layout;
  let count = 0;
  for (let g = 0; g < groups; g++) {
    let position = 0;
    let onDemand = 0;
    for (let a = 0; a < k; a++) {
      const unitMs = usage[g * columns + column[a]!]!;
      if (unitMs === 0) continue;
      position += spApprox[a]! * unitMs;
      onDemand += odApprox[a]! * unitMs;
      ids[count] = g * k + a;
      keys[count++] = position;
    }
    hourOnDemand[g] = onDemand;
  }
  return count;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** Index of a double's high 32-bit word (sign, exponent, top 20 bits of the mantissa) within its two. */
const HIGH_WORD = LITTLE_ENDIAN ? 1 : 0;
const RADIX_MIN = 512;
/** Runs of equal high words up to this long are ordered by insertion, longer ones by a comparator sort. */
const INSERTION_MAX = 16;

/**
 * Sorts `ids` by `keys` (non-negative doubles, moved along). The bit pattern of a non-negative double
 * orders like the number, so a least-significant-digit radix sort of the high 32 bits (three linear
 * passes of 11-bit digits, whose 2,048 buckets stay in cache) orders the keys to a millionth, instead
 * of a comparator sort's n log n calls; the few runs of equal high words are then ordered by the whole
 * key. `keys2` and `ids2` are the radix sort's second copy; returns whichever pair holds the result.
 */
function sortByKey(
  keys: Float64Array,
  ids: Int32Array,
  keys2: Float64Array,
  ids2: Int32Array,
): [Float64Array, Int32Array] {
  if (keys.length < RADIX_MIN) {
    orderLongRun(keys, ids, 0, keys.length);
    return [keys, ids];
  }
  const counts = digitCounts(highWords(keys));
  for (let digit = 0; digit < 3; digit++) {
    if (!radixPass(keys, ids, keys2, ids2, counts.subarray(digit << 11, (digit + 1) << 11), 11 * digit)) continue;
    [keys, keys2] = [keys2, keys];
    [ids, ids2] = [ids2, ids];
  }
  orderRuns(keys, ids);
  return [keys, ids];
}

function highWords(keys: Float64Array): Uint32Array {
  return new Uint32Array(keys.buffer, keys.byteOffset, 2 * keys.length);
}

/** Histograms of the three 11-bit digits of the high words (a digit's counts do not depend on the order). */
function digitCounts(words: Uint32Array): Int32Array {
  const counts = new Int32Array(3 << 11);
  for (let i = HIGH_WORD; i < words.length; i += 2) {
    const word = words[i]!;
    counts[word & 0x7ff]!++;
    counts[2048 + ((word >>> 11) & 0x7ff)]!++;
    counts[4096 + (word >>> 22)]!++;
  }
  return counts;
}

/** Stable scatter on bits shift .. shift + 10 of the high words; false (nothing moved) when they are all alike. */
function radixPass(
  keys: Float64Array,
  ids: Int32Array,
  toKeys: Float64Array,
  toIds: Int32Array,
  counts: Int32Array,
  shift: number,
): boolean {
  const words = highWords(keys);
  if (counts[(words[HIGH_WORD]! >>> shift) & 0x7ff] === keys.length) return false;
  let offset = 0;
  for (let v = 0; v < 2048; v++) {
    const n = counts[v]!;
    counts[v] = offset;
    offset += n;
  }
  for (let i = 0; i < keys.length; i++) {
    const at = counts[(words[2 * i + HIGH_WORD]! >>> shift) & 0x7ff]!++;
    toKeys[at] = keys[i]!;
    toIds[at] = ids[i]!;
  }
  return true;
}

/** Orders each run of keys with equal high words by the whole key. */
function orderRuns(keys: Float64Array, ids: Int32Array): void {
  const words = highWords(keys);
  for (let i = 0; i < keys.length; ) {
    let end = i + 1;
    while (end < keys.length && words[2 * end + HIGH_WORD] === words[2 * i + HIGH_WORD]) end++;
    if (end - i > INSERTION_MAX) orderLongRun(keys, ids, i, end);
    else
      for (let j = i + 1; j < end; j++) {
        const key = keys[j]!;
        const id = ids[j]!;
        let at = j;
        for (; at > i && keys[at - 1]! > key; at--) {
          keys[at] = keys[at - 1]!;
          ids[at] = ids[at - 1]!;
        }
        keys[at] = key;
        ids[at] = id;
      }
    i = end;
  }
}

function orderLongRun(keys: Float64Array, ids: Int32Array, start: number, end: number): void {
  const run = Array.from({length: end - start}, (_, i) => ({key: keys[start + i]!, id: ids[start + i]!}));
  run.sort((x, y) => x.key - y.key);
  for (const [i, {key, id}] of run.entries()) {
    keys[start + i] = key;
    ids[start + i] = id;
  }
}

/**
 * Splits the sorted events into breakpoints, returning them in `order` (a fresh copy of `ids`), where
 * the first event of each breakpoint is stored as ~id (negative). Keys further apart than `tolerance`
 * (relative) are in the right order and at different exact positions; a run of keys each within
 * `tolerance` of the previous one is settled exactly (`settleRun`).
 */
function breakpointsOf(
  keys: Float64Array,
  ids: Int32Array,
  tolerance: number,
  items: readonly SweepItem[],
  layout: Layout,
): {order: Int32Array; count: number} {
  const order = ids.slice();
  let count = 1;
  for (let i = 0; i < order.length; ) {
    let end = i + 1;
    while (end < order.length && keys[end]! - keys[end - 1]! <= tolerance * keys[end]!) end++;
    if (end === i + 1) {
      order[i] = ~order[i]!;
      count++;
    } else count += settleRun(order, i, end, items, layout);
    i = end;
  }
  return {order, count};
}

/** Puts order[start .. end - 1] in exact order and marks where each new exact position starts; returns how many. */
function settleRun(order: Int32Array, start: number, end: number, items: readonly SweepItem[], layout: Layout): number {
  const run = Array.from(order.subarray(start, end), (id) => ({id, position: eventPosition(items, layout, id)}));
  run.sort((x, y) => (x.position < y.position ? -1 : x.position > y.position ? 1 : 0));
  let count = 0;
  for (const [offset, {id, position}] of run.entries()) {
    const opens = offset === 0 || position !== run[offset - 1]!.position;
    order[start + offset] = opens ? ~id : id;
    if (opens) count++;
  }
  return count;
}

/** Exact usage of item a in group g, from its limbs (least significant first). */
function usageOf(layout: Layout, g: number, a: number): bigint {
  if (layout.usage[g * layout.columns + layout.column[a]!] === 0) return 0n;
  let unitMs = 0n;
  for (let c = layout.itemLimbEnd[a]! - 1; c >= (a === 0 ? 0 : layout.itemLimbEnd[a - 1]!); c--)
    unitMs = (unitMs << LIMB_BITS) + BigInt(layout.limbs[g * layout.width + layout.planLimb[c]!]!);
  return unitMs;
}

/** Exact position of event g x K + a: group g's Savings Plan cost up to and including item a. */
function eventPosition(items: readonly SweepItem[], layout: Layout, id: number): bigint {
  const g = Math.floor(id / layout.items);
  let position = 0n;
  for (let a = 0; a <= id - g * layout.items; a++) position += items[a]!.sp * usageOf(layout, g, a);
  return position;
}

/** Exact eligible On-Demand cost of one hour of group g. */
function groupOnDemand(items: readonly SweepItem[], layout: Layout, g: number): bigint {
  let cost = 0n;
  for (let a = 0; a < items.length; a++) cost += items[a]!.od * usageOf(layout, g, a);
  return cost;
}

/**
 * The groups whose approximate hourly cost could be the lowest, and those that could be the highest
 * (within `tolerance` of the approximate extremes); the first list is never empty.
 */
function extremeGroups(hourOnDemand: Float64Array, tolerance: number): [number[], number[]] {
  let low = Number.POSITIVE_INFINITY;
  let high = 0;
  for (let g = 0; g < hourOnDemand.length; g++) {
    low = Math.min(low, hourOnDemand[g]!);
    high = Math.max(high, hourOnDemand[g]!);
  }
  const cheapest: number[] = [];
  const dearest: number[] = [];
  for (let g = 0; g < hourOnDemand.length; g++) {
    if (hourOnDemand[g]! <= low * (1 + tolerance)) cheapest.push(g);
    if (hourOnDemand[g]! >= high * (1 - tolerance)) dearest.push(g);
  }
  return [cheapest, dearest];
}

/** A plan's layout and its events in breakpoint order: what moving hours along the sweep reads. */
interface Moves extends Layout {
  readonly order: Int32Array;
}

/**
 * State layout, cumulative over rows (row r = covering item r, row K = done): N[r] for rows 0..K, the
 * hours at row r or beyond; then for rows 1..K, P[r][q], their usage of the q-th limb of the items
 * before r. So the hours on row r are N[r] - N[r + 1] and their usage P[r] - P[r + 1] (`valuesAt`).
 * Applying event g x K + a moves group g's hours from item a, just covered, to their next item with
 * usage (or done): they reach the rows after a up to that one, with their usage up to item a (items
 * without usage add 0). Usually that is one row; moving them off row a as well would take twice the work.
 */
function applyEvent(moves: Moves, state: Float64Array, id: number): void {
  const {items: k, columns, width, column, planLimb, itemLimbEnd, rowStart, multiplicity, usage, limbs} = moves;
  const g = (id / k) | 0;
  const from = id - g * k;
  let to = from + 1;
  while (to < k && usage[g * columns + column[to]!] === 0) to++;
  const m = multiplicity[g]!;
  const row = g * width;
  const covered = itemLimbEnd[from]!;
  for (let r = from + 1; r <= to; r++) {
    state[r]! += m;
    const start = rowStart[r]!;
    for (let q = 0; q < covered; q++) state[start + q]! += m * limbs[row + planLimb[q]!]!;
  }
}

/** Applies the breakpoint whose first event is order[i]; returns the index of the next breakpoint's first event. */
function applyNext(moves: Moves, state: Float64Array, i: number): number {
  const {order} = moves;
  applyEvent(moves, state, ~order[i]!);
  for (i++; i < order.length && order[i]! >= 0; i++) applyEvent(moves, state, order[i]!);
  return i;
}

/** The state at 0: every hour with usage on its first item with usage (having covered none). */
function initialState(layout: Layout, groups: number, size: number): Float64Array {
  const {items: k, columns, column, usage, multiplicity} = layout;
  const state = new Float64Array(size);
  for (let g = 0; g < groups; g++) {
    let a = 0;
    while (a < k && usage[g * columns + column[a]!] === 0) a++;
    if (a < k) for (let r = 0; r <= a; r++) state[r]! += multiplicity[g]!;
  }
  return state;
}

/** The state at every `stride`-th breakpoint, from the state at 0, and where in `order` each one resumes. */
function checkpointsOf(
  moves: Moves,
  state: Float64Array,
  breakpoints: number,
  stride: number,
): {states: Float64Array; resume: Int32Array} {
  const size = state.length;
  const saved = Math.floor((breakpoints - 1) / stride) + 1;
  const states = new Float64Array(saved * size);
  const resume = new Int32Array(saved);
  states.set(state, 0);
  for (let i = 0, b = 1; i < moves.order.length; b++) {
    i = applyNext(moves, state, i);
    if (b % stride === 0) {
      states.set(state, (b / stride) * size);
      resume[b / stride] = i;
    }
  }
  return {states, resume};
}

/** Index of the last value <= bound (or < bound when `strict`) in a non-decreasing array; -1 when none. */
function lastAtMost(values: Float64Array, bound: number, strict: boolean): number {
  let low = -1;
  let high = values.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (strict ? values[mid]! < bound : values[mid]! <= bound) low = mid;
    else high = mid - 1;
  }
  return low;
}

export interface SweepOptions {
  readonly scale: bigint;
  readonly l: bigint;
}

/** Values at a commitment, in scaled units (uncovered On-Demand cost also times L). */
export interface SweepValues {
  readonly uncoveredL: bigint;
  readonly used: bigint;
}

/** The sorted breakpoints of F for one plan over one profile, and the exact state along them. */
export class CommitmentSweep {
  /** Units per dollar: 10^E x UNIT_MS_PER_UNIT_HOUR. */
  readonly scale: bigint;
  readonly l: bigint;
  /** Eligible On-Demand cost over the profile, scaled. */
  readonly eligibleOnDemand: bigint;
  /** Eligible On-Demand cost of the cheapest and the dearest hour, scaled. */
  readonly minHour: bigint;
  readonly maxHour: bigint;
  /** Distinct breakpoints, counting 0. */
  readonly breakpoints: number;

  private readonly items: readonly SweepItem[];
  private readonly moves: Moves;
  /** Relative error bound of every approximation (event positions, hourly costs, cover rates). */
  private readonly tolerance: number;
  private readonly spApprox: Float64Array;
  private readonly coverRateApprox: Float64Array;
  /**
   * A checkpoint every `stride` breakpoints: the state there, the index in `order` to resume from, and
   * its approximate position (non-decreasing, within `tolerance` of the exact one).
   */
  private readonly stride: number;
  private readonly stateSize: number;
  private readonly states: Float64Array;
  private readonly resume: Int32Array;
  private readonly checkpointApprox: Float64Array;
  /** The state a query works on (queries run one at a time). */
  private readonly state: Float64Array;
  /** Per V entry of a state: (R_b - R_row) sp_b 2^(26 i), the covered On-Demand x L a unit of it stands for. */
  private readonly coveredWeight: readonly bigint[];
  /** Per limb of V[done]: sp_b 2^(26 i), the commitment a unit of it used. */
  private readonly usedWeight: readonly bigint[];

  constructor(profile: UsageProfile, items: readonly SweepItem[], {scale, l}: SweepOptions) {
    this.scale = scale;
    this.l = l;
    this.items = items;
    const table = hourTableOf(profile);
    const k = items.length;
    const columns = table.limbStart.length - 1;
    const width = table.limbStart[columns]!;
    const column = Int32Array.from(items, (item) => table.columnOf[item.seriesIndex]!);
    if (column.some((j) => j < 0)) throw new Error('a covered series must be discountable On-Demand usage');
    this.eligibleOnDemand = items.reduce((acc, item) => acc + item.od * table.totals[item.seriesIndex]!, 0n);
    // Each approximation is a sum of at most K products of two rounded factors, rounded: its relative
    // error is below (K + 2) x 2^-53. Comparisons allow four times (K + 4) x 2^-53.
    this.tolerance = (4 * (k + 4)) / TWO_53;
    this.spApprox = Float64Array.from(items, (item) => Number(item.sp));
    this.coverRateApprox = Float64Array.from(items, (item) => Number(item.coverRateL));
    const planLimbs: number[] = [];
    const itemLimbEnd = new Int32Array(k);
    for (const [a, j] of column.entries()) {
      for (let c = table.limbStart[j]!; c < table.limbStart[j + 1]!; c++) planLimbs.push(c);
      itemLimbEnd[a] = planLimbs.length;
    }
    const {multiplicity, usage, limbs} = table;
    const planLimb = Int32Array.from(planLimbs);
    const rowStart = new Int32Array(k + 1).fill(k + 1);
    for (let row = 1; row <= k; row++) rowStart[row] = rowStart[row - 1]! + (row === 1 ? 0 : itemLimbEnd[row - 2]!);
    this.stateSize = k === 0 ? 1 : rowStart[k]! + itemLimbEnd[k - 1]!;
    const layout: Layout = {
      items: k,
      columns,
      width,
      column,
      planLimb,
      itemLimbEnd,
      rowStart,
      multiplicity,
      usage,
      limbs,
    };

    const buffers = scratchFor(table.groups * k, table.groups);
    const count = eventsOf(
      layout,
      this.spApprox,
      Float64Array.from(items, (item) => Number(item.od)),
      table.groups,
      buffers.ids,
      buffers.keys,
      buffers.hourOnDemand,
    );
    const [keys, ids] = sortByKey(
      buffers.keys.subarray(0, count),
      buffers.ids.subarray(0, count),
      buffers.keys2.subarray(0, count),
      buffers.ids2.subarray(0, count),
    );
    const {order, count: breakpoints} = breakpointsOf(keys, ids, this.tolerance, items, layout);
    // One object shape for every plan (built in one place), so the functions reading it stay optimized.
    this.moves = {items: k, columns, width, column, planLimb, itemLimbEnd, rowStart, multiplicity, usage, limbs, order};
    this.breakpoints = breakpoints;

    // Exact cheapest and dearest hours: only groups whose approximation could be the extreme are recomputed.
    const [cheapest, dearest] = extremeGroups(buffers.hourOnDemand.subarray(0, table.groups), this.tolerance);
    this.minHour = cheapest
      .map((g) => groupOnDemand(items, layout, g))
      .reduce((low, cost) => (cost < low ? cost : low));
    this.maxHour = dearest
      .map((g) => groupOnDemand(items, layout, g))
      .reduce((high, cost) => (cost > high ? cost : high), 0n);

    // The weights that turn a state into money (see the file comment), per V entry and per limb of V[done].
    const slotItem = new Int32Array(planLimb.length);
    const slotWeight = planLimbs.map(() => 0n);
    for (const [a, j] of column.entries())
      for (let c = table.limbStart[j]!; c < table.limbStart[j + 1]!; c++) {
        const q = (a === 0 ? 0 : itemLimbEnd[a - 1]!) + c - table.limbStart[j]!;
        slotItem[q] = a;
        slotWeight[q] = items[a]!.sp << (LIMB_BITS * BigInt(c - table.limbStart[j]!));
      }
    const rowRate = (row: number) => (row === k ? 0n : items[row]!.coverRateL);
    const coveredWeight: bigint[] = [];
    for (let row = 1; row <= k; row++)
      for (let q = 0; q < itemLimbEnd[row - 1]!; q++)
        coveredWeight.push((items[slotItem[q]!]!.coverRateL - rowRate(row)) * slotWeight[q]!);
    this.coveredWeight = coveredWeight;
    this.usedWeight = slotWeight;

    // The sweep: every hour with usage starts on its first item with usage. A checkpoint every `stride`
    // breakpoints (at least 64, and a state's size apart: about a double a breakpoint); a query replays
    // at most that many.
    this.stride = Math.max(64, this.stateSize);
    const state = initialState(this.moves, table.groups, this.stateSize);
    const checkpoints = checkpointsOf(this.moves, state, breakpoints, this.stride);
    this.states = checkpoints.states;
    this.resume = checkpoints.resume;
    this.checkpointApprox = new Float64Array(this.resume.length);
    for (let c = 1; c < this.resume.length; c++)
      this.checkpointApprox[c] = Math.max(
        this.checkpointApprox[c - 1]!,
        this.approxPosition(this.idAt(this.resume[c]! - 1)),
      );
    this.state = state;
  }

  /** Commitment that covers every hour entirely (the last breakpoint), scaled. */
  get peak(): bigint {
    const {order} = this.moves;
    return order.length === 0 ? 0n : eventPosition(this.items, this.moves, this.idAt(order.length - 1));
  }

  /** Exact positions of all breakpoints, ascending, starting at 0. */
  positions(): bigint[] {
    const positions = [0n];
    const {order} = this.moves;
    for (let i = 0; i < order.length; i++)
      if (order[i]! < 0) positions.push(eventPosition(this.items, this.moves, ~order[i]!));
    return positions;
  }

  /** The smallest exact minimizer of F: the first breakpoint whose cover rate (the slope's negative part) is <= hours x L. */
  exactOptimum(hours: number): bigint {
    const limit = BigInt(hours) * this.l;
    // The cover rate never increases along the sweep (items are covered in falling r order): bisect the checkpoints.
    let low = 0;
    let high = this.resume.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.coverRateAbove(this.states.subarray(mid * this.stateSize), limit)) low = mid + 1;
      else high = mid;
    }
    if (low === 0) return 0n;
    const state = this.load(low - 1);
    let i = this.resume[low - 1]!;
    let last = i - 1;
    while (i < this.moves.order.length && this.coverRateAbove(state, limit)) {
      last = i;
      i = applyNext(this.moves, state, i);
    }
    return eventPosition(this.items, this.moves, this.idAt(last));
  }

  /** Uncovered On-Demand cost x L and used commitment at `position` (scaled), summed over the profile. */
  valuesAt(position: bigint): SweepValues {
    const k = this.items.length;
    const state = this.stateAt(position);
    const {rowStart, itemLimbEnd} = this.moves;
    // Differences of integers below 2^53: exact.
    let covered = 0n;
    let used = 0n;
    for (let r = 1; r <= k; r++)
      for (let q = 0; q < itemLimbEnd[r - 1]!; q++) {
        const v = state[rowStart[r]! + q]! - (r < k ? state[rowStart[r + 1]! + q]! : 0);
        if (v === 0) continue;
        const usage = BigInt(v);
        covered += this.coveredWeight[rowStart[r]! + q - k - 1]! * usage;
        if (r === k) used += this.usedWeight[q]! * usage;
      }
    return {
      uncoveredL: this.eligibleOnDemand * this.l - this.coverRate(state) * position - covered,
      used: BigInt(state[0]! - state[k]!) * position + used,
    };
  }

  /** The state after every breakpoint at or below `position`: from the last checkpoint at or below it, forward. */
  private stateAt(position: bigint): Float64Array {
    const approx = Number(position);
    // Checkpoints surely at or below `position` by their approximations, then the few within rounding distance exactly.
    let low = Math.max(0, lastAtMost(this.checkpointApprox, approx * (1 - this.tolerance), true));
    let high = lastAtMost(this.checkpointApprox, approx * (1 + this.tolerance), false);
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (eventPosition(this.items, this.moves, this.idAt(this.resume[mid]! - 1)) <= position) low = mid;
      else high = mid - 1;
    }
    const state = this.load(low);
    const {order} = this.moves;
    for (let i = this.resume[low]!; i < order.length && this.atOrBelow(~order[i]!, position, approx); )
      i = applyNext(this.moves, state, i);
    return state;
  }

  /** Checkpoint c's state, copied into the query state. */
  private load(c: number): Float64Array {
    const {state, states, stateSize} = this;
    for (let i = 0; i < stateSize; i++) state[i] = states[c * stateSize + i]!;
    return state;
  }

  /** The event id at order[i], whether or not it starts a breakpoint. */
  private idAt(i: number): number {
    const id = this.moves.order[i]!;
    return id < 0 ? ~id : id;
  }

  /** Whether event `id` is at or below `position`: in doubles unless they are within rounding distance. */
  private atOrBelow(id: number, position: bigint, approx: number): boolean {
    const key = this.approxPosition(id);
    if (key < approx * (1 - this.tolerance)) return true;
    if (key > approx * (1 + this.tolerance)) return false;
    return eventPosition(this.items, this.moves, id) <= position;
  }

  /** Event `id`'s position computed as its sort key was (within `tolerance` of the exact one). */
  private approxPosition(id: number): number {
    const {items: k, columns, column, usage} = this.moves;
    const g = (id / k) | 0;
    let key = 0;
    for (let a = 0; a <= id - g * k; a++) {
      const unitMs = usage[g * columns + column[a]!]!;
      if (unitMs !== 0) key += this.spApprox[a]! * unitMs;
    }
    return key;
  }

  /** sum of n[row] x R_row (n[row] = N[row] - N[row + 1]): the slope F loses per unit of commitment, times L. */
  private coverRate(state: Float64Array): bigint {
    let rate = 0n;
    for (let a = 0; a < this.items.length; a++) {
      const hours = state[a]! - state[a + 1]!;
      if (hours !== 0) rate += BigInt(hours) * this.items[a]!.coverRateL;
    }
    return rate;
  }

  /** coverRate(state) > limit, in doubles unless they are within rounding distance. */
  private coverRateAbove(state: Float64Array, limit: bigint): boolean {
    let rate = 0;
    for (let a = 0; a < this.items.length; a++) rate += (state[a]! - state[a + 1]!) * this.coverRateApprox[a]!;
    const bound = Number(limit);
    if (rate > bound * (1 + this.tolerance)) return true;
    if (rate < bound * (1 - this.tolerance)) return false;
    return this.coverRate(state) > limit;
  }
}
