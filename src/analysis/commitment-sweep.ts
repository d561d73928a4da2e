import type {ProfileHour, UsageProfile, UsageSeries} from '../model/profile.js';
import {type RateKey, SAVINGS_PLAN_RATE_KEYS} from '../model/types.js';

/**
 * The exact breakpoint sweep behind the Savings Plans optimizer (see savings-plan.ts for what it
 * computes), built without a bigint operation per breakpoint.
 *
 * A year of hourly usage over eight series has ~70,000 breakpoints a plan. Sweeping them in bigints
 * (an allocation per operation, a comparator sort of bigints, five bigint prefix sums) cost ~120 ms a
 * plan. Here every per-breakpoint step runs on doubles that hold integers exactly, and bigints appear
 * only when a figure is asked for. Memory is kept to a few typed arrays a plan: on the machines this
 * was measured on, the first touch of fresh memory costs about 1 ms per 500 KB, as much as the work.
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
 *    n[r] and the usage V[r][c] those hours have already covered of each series c: integers that
 *    doubles add exactly. From the state, the uncovered On-Demand cost and the used commitment at
 *    any commitment up to the next breakpoint are a few bigint products (`valuesAt`). The state is
 *    saved every `stride` breakpoints; a query replays at most `stride` breakpoints from the last save.
 *
 * The derivation of `valuesAt`: an hour on item r (with items b < r covered and r_b = On-Demand / SP
 * rate, R_b = r_b x L, sp_b u_b the SP cost of item b, C = sum of sp_b u_b over them) has, at commitment
 * p, covered L x On-Demand cost sum R_b sp_b u_b + R_r (p - C) = R_r p + sum (R_b - R_r) sp_b u_b.
 * Summed over hours: coverRate x p + sum over rows r and series b of (R_b - R_r) sp_b V[r][b], with R = 0
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

/**
 * Usage of each series over the profile. Usage is whole unit-milliseconds, so a sum of doubles is exact
 * while it stays below 2^53 (and bigint additions, an allocation each, are slower): only a series that
 * could pass it, or that holds a value a double cannot, is summed again in bigints.
 */
function totalsOf(hours: readonly ProfileHour[], count: number): bigint[] {
  const sums = new Float64Array(count);
  const inexact = new Uint8Array(count);
  for (const hour of hours)
    for (let s = 0; s < count; s++) {
      const unitMs = Number(hour.unitMs[s] ?? 0n);
      sums[s]! += unitMs;
      if (!(unitMs >= 0 && unitMs <= Number.MAX_SAFE_INTEGER)) inexact[s] = 1;
    }
  return Array.from(sums, (sum, s) =>
    inexact[s] === 0 && sum <= Number.MAX_SAFE_INTEGER
      ? BigInt(sum)
      : hours.reduce((total, hour) => total + (hour.unitMs[s] ?? 0n), 0n),
  );
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

function buildHourTable({series, hours}: UsageProfile): HourTable {
  const totals = totalsOf(hours, series.length);
  const columnList: number[] = [];
  const columnOf = new Int32Array(series.length).fill(-1);
  for (const [s, line] of series.entries())
    if (line.purchase === 'on-demand' && discountable.has(line.key)) columnOf[s] = columnList.push(s) - 1;
  const columns = Int32Array.from(columnList);
  const limbStart = new Int32Array(columns.length + 1);
  for (const [j, s] of columnList.entries()) limbStart[j + 1] = limbStart[j]! + limbsFor(totals[s]!);
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
  const groupLimbs = limbs.slice(0, groups * width);
  return {
    series,
    totals,
    columnOf,
    limbStart,
    groups,
    multiplicity: multiplicity.slice(0, groups),
    usage: narrow ? groupLimbs : usage.slice(0, groups * columns.length),
    limbs: groupLimbs,
  };
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
  for (let shift = 0; shift < 32; shift += 11) {
    if (!radixPass(keys, ids, keys2, ids2, shift)) continue;
    [keys, keys2] = [keys2, keys];
    [ids, ids2] = [ids2, ids];
  }
  orderRuns(keys, ids);
  return [keys, ids];
}

function highWords(keys: Float64Array): Uint32Array {
  return new Uint32Array(keys.buffer, keys.byteOffset, 2 * keys.length);
}

/** Stable scatter on bits shift .. shift + 10 of the high words; false (nothing moved) when they are all alike. */
function radixPass(keys: Float64Array, ids: Int32Array, toKeys: Float64Array, toIds: Int32Array, shift: number) {
  const words = highWords(keys);
  const counts = new Int32Array(2048);
  for (let i = 0; i < keys.length; i++) counts[(words[2 * i + HIGH_WORD]! >>> shift) & 0x7ff]!++;
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
  exactPosition: (id: number) => bigint,
): {order: Int32Array; count: number} {
  const order = ids.slice();
  let count = 1;
  for (let i = 0; i < order.length; ) {
    let end = i + 1;
    while (end < order.length && keys[end]! - keys[end - 1]! <= tolerance * keys[end]!) end++;
    if (end === i + 1) {
      order[i] = ~order[i]!;
      count++;
    } else count += settleRun(order, i, end, exactPosition);
    i = end;
  }
  return {order, count};
}

/** Puts order[start .. end - 1] in exact order and marks where each new exact position starts; returns how many. */
function settleRun(order: Int32Array, start: number, end: number, exactPosition: (id: number) => bigint): number {
  const run = Array.from(order.subarray(start, end), (id) => ({id, position: exactPosition(id)}));
  run.sort((x, y) => (x.position < y.position ? -1 : x.position > y.position ? 1 : 0));
  let count = 0;
  for (const [offset, {id, position}] of run.entries()) {
    const opens = offset === 0 || position !== run[offset - 1]!.position;
    order[start + offset] = opens ? ~id : id;
    if (opens) count++;
  }
  return count;
}

/** A plan's layout and its events in breakpoint order: what moving hours along the sweep reads. */
interface Moves extends Layout {
  readonly order: Int32Array;
}

/**
 * State layout: n[row] for rows 0..K (row K = done), then V[row][limb] for rows 0..K. Applying event
 * g x K + a moves group g's hours from item a, just covered, to their next item with usage (or done),
 * with the usage they have covered so far (items without usage add 0).
 */
function applyEvent(moves: Moves, state: Float64Array, id: number): void {
  const {items: k, columns, width, column, planLimb, itemLimbEnd, multiplicity, usage, limbs} = moves;
  const g = (id / k) | 0;
  const from = id - g * k;
  let to = from + 1;
  while (to < k && usage[g * columns + column[to]!] === 0) to++;
  const m = multiplicity[g]!;
  state[from]! -= m;
  state[to]! += m;
  const fromRow = k + 1 + from * width;
  const toRow = k + 1 + to * width;
  const row = g * width;
  const covered = from === 0 ? 0 : itemLimbEnd[from - 1]!;
  for (let q = 0; q < covered; q++) state[fromRow + planLimb[q]!]! -= m * limbs[row + planLimb[q]!]!;
  for (let q = 0; q < itemLimbEnd[from]!; q++) state[toRow + planLimb[q]!]! += m * limbs[row + planLimb[q]!]!;
}

/** Applies the breakpoint whose first event is order[i]; returns the index of the next breakpoint's first event. */
function applyNext(moves: Moves, state: Float64Array, i: number): number {
  const {order} = moves;
  applyEvent(moves, state, ~order[i]!);
  for (i++; i < order.length && order[i]! >= 0; i++) applyEvent(moves, state, order[i]!);
  return i;
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
  /** A checkpoint every `stride` breakpoints: the state there, and the index in `order` to resume from. */
  private readonly stride: number;
  private readonly stateSize: number;
  private readonly states: Float64Array;
  private readonly resume: Int32Array;
  /** Per row and limb: (R_b - R_row) sp_b 2^(26 i), the covered On-Demand x L a unit of V stands for. */
  private readonly coveredWeight: readonly bigint[];
  /** Per limb: sp_b 2^(26 i), the commitment a unit of V[done] used. */
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
    const layout: Layout = {items: k, columns, width, column, planLimb, itemLimbEnd, multiplicity, usage, limbs};

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
    const {order, count: breakpoints} = breakpointsOf(keys, ids, this.tolerance, (id) =>
      this.eventPosition(layout, id),
    );
    // One object shape for every plan (built in one place), so the functions reading it stay optimized.
    this.moves = {items: k, columns, width, column, planLimb, itemLimbEnd, multiplicity, usage, limbs, order};
    this.breakpoints = breakpoints;

    // Exact cheapest and dearest hours: only groups whose approximation could be the extreme are recomputed.
    const hourOnDemand = buffers.hourOnDemand.subarray(0, table.groups);
    let low = Number.POSITIVE_INFINITY;
    let high = 0;
    for (const cost of hourOnDemand) {
      low = Math.min(low, cost);
      high = Math.max(high, cost);
    }
    let minHour: bigint | undefined;
    let maxHour = 0n;
    for (let g = 0; g < table.groups; g++) {
      if (hourOnDemand[g]! <= low * (1 + this.tolerance)) {
        const cost = this.groupOnDemand(g);
        if (minHour === undefined || cost < minHour) minHour = cost;
      }
      if (hourOnDemand[g]! >= high * (1 - this.tolerance)) {
        const cost = this.groupOnDemand(g);
        if (cost > maxHour) maxHour = cost;
      }
    }
    this.minHour = minHour ?? 0n;
    this.maxHour = maxHour;

    // The weights that turn a state into money (see the file comment).
    const rowRate = (row: number) => (row === k ? 0n : items[row]!.coverRateL);
    const limbItem = new Int32Array(width).fill(-1);
    const limbWeight: bigint[] = [];
    for (let j = 0; j < columns; j++)
      for (let c = table.limbStart[j]!; c < table.limbStart[j + 1]!; c++)
        limbWeight.push(1n << (LIMB_BITS * BigInt(c - table.limbStart[j]!)));
    for (const [a, j] of column.entries())
      for (let c = table.limbStart[j]!; c < table.limbStart[j + 1]!; c++) limbItem[c] = a;
    const coveredWeight: bigint[] = [];
    for (let row = 0; row <= k; row++)
      for (let c = 0; c < width; c++) {
        const b = limbItem[c]!;
        coveredWeight.push(
          b < 0 || b >= row ? 0n : (items[b]!.coverRateL - rowRate(row)) * items[b]!.sp * limbWeight[c]!,
        );
      }
    this.coveredWeight = coveredWeight;
    this.usedWeight = limbWeight.map((weight, c) => (limbItem[c]! < 0 ? 0n : items[limbItem[c]!]!.sp * weight));

    // The sweep: every hour with usage starts on its first item with usage. A checkpoint every `stride`
    // breakpoints (at least 512, and four states' size apart: a quarter of a double a breakpoint); a
    // query replays at most that many.
    this.stateSize = (k + 1) * (1 + width);
    this.stride = Math.max(512, 4 * this.stateSize);
    const state = new Float64Array(this.stateSize);
    for (let g = 0; g < table.groups; g++) {
      let a = 0;
      while (a < k && usage[g * columns + column[a]!] === 0) a++;
      if (a < k) state[a]! += multiplicity[g]!;
    }
    const checkpoints = checkpointsOf(this.moves, state, breakpoints, this.stride);
    this.states = checkpoints.states;
    this.resume = checkpoints.resume;
  }

  /** Commitment that covers every hour entirely (the last breakpoint), scaled. */
  get peak(): bigint {
    const {order} = this.moves;
    return order.length === 0 ? 0n : this.eventPosition(this.moves, this.idAt(order.length - 1));
  }

  /** Exact positions of all breakpoints, ascending, starting at 0. */
  positions(): bigint[] {
    const positions = [0n];
    const {order} = this.moves;
    for (let i = 0; i < order.length; i++)
      if (order[i]! < 0) positions.push(this.eventPosition(this.moves, ~order[i]!));
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
    const state = this.states.slice((low - 1) * this.stateSize, low * this.stateSize);
    let i = this.resume[low - 1]!;
    let last = i - 1;
    while (i < this.moves.order.length && this.coverRateAbove(state, limit)) {
      last = i;
      i = applyNext(this.moves, state, i);
    }
    return this.eventPosition(this.moves, this.idAt(last));
  }

  /** Uncovered On-Demand cost x L and used commitment at `position` (scaled), summed over the profile. */
  valuesAt(position: bigint): SweepValues {
    const k = this.items.length;
    const state = this.stateAt(position);
    let open = 0;
    for (let a = 0; a < k; a++) open += state[a]!;
    let covered = 0n;
    let used = 0n;
    const width = this.usedWeight.length;
    for (let row = 1; row <= k; row++)
      for (let c = 0; c < width; c++) {
        const v = state[k + 1 + row * width + c]!;
        if (v === 0) continue;
        covered += this.coveredWeight[row * width + c]! * BigInt(v);
        if (row === k) used += this.usedWeight[c]! * BigInt(v);
      }
    return {
      uncoveredL: this.eligibleOnDemand * this.l - this.coverRate(state) * position - covered,
      used: BigInt(open) * position + used,
    };
  }

  /** The state after every breakpoint at or below `position`: from the last checkpoint at or below it, forward. */
  private stateAt(position: bigint): Float64Array {
    const approx = Number(position);
    let low = 0;
    let high = this.resume.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.atOrBelow(this.idAt(this.resume[mid]! - 1), position, approx)) low = mid;
      else high = mid - 1;
    }
    const state = this.states.slice(low * this.stateSize, (low + 1) * this.stateSize);
    const {order} = this.moves;
    for (let i = this.resume[low]!; i < order.length && this.atOrBelow(~order[i]!, position, approx); )
      i = applyNext(this.moves, state, i);
    return state;
  }

  /** The event id at order[i], whether or not it starts a breakpoint. */
  private idAt(i: number): number {
    const id = this.moves.order[i]!;
    return id < 0 ? ~id : id;
  }

  /** Whether event `id` is at or below `position`: in doubles unless they are within rounding distance. */
  private atOrBelow(id: number, position: bigint, approx: number): boolean {
    const {items: k, columns, column, usage} = this.moves;
    const g = (id / k) | 0;
    let key = 0;
    for (let a = 0; a <= id - g * k; a++) {
      const unitMs = usage[g * columns + column[a]!]!;
      if (unitMs !== 0) key += this.spApprox[a]! * unitMs;
    }
    if (key < approx * (1 - this.tolerance)) return true;
    if (key > approx * (1 + this.tolerance)) return false;
    return this.eventPosition(this.moves, id) <= position;
  }

  /** sum of n[row] x R_row: the slope F loses per unit of commitment, times L. */
  private coverRate(state: Float64Array): bigint {
    let rate = 0n;
    for (let a = 0; a < this.items.length; a++)
      if (state[a] !== 0) rate += BigInt(state[a]!) * this.items[a]!.coverRateL;
    return rate;
  }

  /** coverRate(state) > limit, in doubles unless they are within rounding distance. */
  private coverRateAbove(state: Float64Array, limit: bigint): boolean {
    let rate = 0;
    for (let a = 0; a < this.items.length; a++) rate += state[a]! * this.coverRateApprox[a]!;
    const bound = Number(limit);
    if (rate > bound * (1 + this.tolerance)) return true;
    if (rate < bound * (1 - this.tolerance)) return false;
    return this.coverRate(state) > limit;
  }

  /** Exact usage of item a in group g, from its limbs (least significant first). */
  private usageOf(layout: Layout, g: number, a: number): bigint {
    if (layout.usage[g * layout.columns + layout.column[a]!] === 0) return 0n;
    let unitMs = 0n;
    for (let c = layout.itemLimbEnd[a]! - 1; c >= (a === 0 ? 0 : layout.itemLimbEnd[a - 1]!); c--)
      unitMs = (unitMs << LIMB_BITS) + BigInt(layout.limbs[g * layout.width + layout.planLimb[c]!]!);
    return unitMs;
  }

  /** Exact position of event g x K + a: group g's Savings Plan cost up to and including item a. */
  private eventPosition(layout: Layout, id: number): bigint {
    const g = Math.floor(id / layout.items);
    let position = 0n;
    for (let a = 0; a <= id - g * layout.items; a++) position += this.items[a]!.sp * this.usageOf(layout, g, a);
    return position;
  }

  private groupOnDemand(g: number): bigint {
    let cost = 0n;
    for (let a = 0; a < this.items.length; a++) cost += this.items[a]!.od * this.usageOf(this.moves, g, a);
    return cost;
  }
}
