import {MS_PER_HOUR} from '../money/decimal.js';
import {BILL_SCALE, type BillCoverage, type BillLine, type BillSkip, type FargateUsageType} from '../model/bill.js';
import type {Purchase} from '../model/profile.js';
import {type Arch, type Os, RATE_KEYS, type RateKey, rateKeyOf, type Resource} from '../model/types.js';
import {FingerprintSet} from './fingerprint.js';

/**
 * The bill's ledger: line items of a cost export (`model/bill.ts`) classified by the same rules
 * wherever they were read (a file here, an Athena query through `billSql`), then summed exactly in
 * integers of 10^-BILL_SCALE, per group (a service, else a cluster), clock hour, region, dimension
 * and how the usage was paid. Pure and incremental: `add()` takes lines one at a time, `finish()`
 * hands back what was summed. Memory grows with groups, hours and tasks, never with line items.
 */

/**
 * A decimal text (or a number's `String()`, exponent and all) as an integer of 10^-BILL_SCALE,
 * rounded half away from zero beyond that, as SQL's `CAST(x AS DECIMAL(38, 10))` does. Null for
 * anything that is not a finite number; the empty text is null too.
 */
export function scaledAmount(text: string | null): bigint | null {
  if (text === null) return null;
  const fast = scaledPlain(text);
  if (!Number.isNaN(fast)) return BigInt(fast);
  const match = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(text);
  if (!match) return null;
  const [, sign, whole = '', fraction = '', exponentText] = match;
  if (whole === '' && fraction === '') return null;
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 400) return null;
  // digits x 10^(exponent - fraction.length), scaled by 10^BILL_SCALE.
  const digits = BigInt(`${whole}${fraction}` || '0');
  const shift = exponent - fraction.length + BILL_SCALE;
  let value: bigint;
  if (shift >= 0) value = digits * 10n ** BigInt(shift);
  else {
    const divisor = 10n ** BigInt(-shift);
    value = digits / divisor;
    if ((digits % divisor) * 2n >= divisor) value += 1n;
  }
  return sign === '-' ? -value : value;
}

const POW10 = Array.from({length: BILL_SCALE + 1}, (_, i) => 10 ** i);
/** 2^52: sums of two integers below it in magnitude are exact in a double. */
export const EXACT_LIMIT = 2 ** 52;

/**
 * `scaledAmount`'s fast path, for the plain decimal text most amounts are (`0.0404800000`,
 * `-12.5`, a double's `String()` without an exponent): the integer of 10^-BILL_SCALE as a number,
 * rounded the same way, when it is below 2^52 in magnitude. NaN for anything else (an exponent,
 * spaces, a larger amount, not a number): `scaledAmount` reads those with its general rules.
 */
export function scaledPlain(text: string): number {
  const length = text.length;
  let i = 0;
  let c = length > 0 ? text.charCodeAt(0) : 0;
  const negative = c === 45;
  if (negative || c === 43) i = 1;
  let value = 0;
  let digits = 0;
  // Digits after the point (-1: no point yet), and whether the digits beyond BILL_SCALE round up.
  let places = -1;
  let roundUp = false;
  for (; i < length; i++) {
    c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits++;
      if (places >= BILL_SCALE) {
        // Half away from zero: the first digit beyond decides, the rest only has to be digits.
        if (places === BILL_SCALE) roundUp = c >= 53;
        places++;
        continue;
      }
      if (places >= 0) places++;
      if (value >= 9e14) return Number.NaN;
      value = value * 10 + (c - 48);
    } else if (c === 46 && places < 0) places = 0;
    else return Number.NaN;
  }
  if (digits === 0) return Number.NaN;
  const kept = places < 0 ? 0 : Math.min(places, BILL_SCALE);
  let scaled = value * POW10[BILL_SCALE - kept]!;
  if (roundUp) scaled += 1;
  if (scaled >= EXACT_LIMIT) return Number.NaN;
  return negative ? -scaled : scaled;
}

/** An integer of 10^-BILL_SCALE as decimal text, exactly. */
export function scaledText(value: bigint): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(BILL_SCALE + 1, '0');
  const whole = digits.slice(0, -BILL_SCALE);
  const fraction = digits.slice(-BILL_SCALE).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

const FARGATE_USAGE =
  /^(?:[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*?-)?(SpotUsage-)?Fargate-(?:(ARM|Windows)-)?(vCPU-Hours:perCPU|GB-Hours|OS-Hours:perCPU|EphemeralStorage-GB-Hours)$/;

/**
 * The dimension a Fargate usage type bills, whatever its region prefix (`USE1-`, `EU-`, none):
 * `Fargate-vCPU-Hours:perCPU`, `Fargate-GB-Hours`, their `ARM-` and `Windows-` forms, the Windows
 * `OS-Hours:perCPU` licence, `EphemeralStorage-GB-Hours`, and the `SpotUsage-` forms of Linux vCPU
 * and memory. Null for anything else (EC2-launch metering, ECS Anywhere, other services).
 */
export function fargateUsageTypeOf(usageType: string): FargateUsageType | null {
  const known = usageTypes.get(usageType);
  if (known !== undefined) return known;
  const found = readUsageType(usageType);
  // A bill has a few dozen usage types; the memo stops growing at a bound whatever a file holds.
  if (usageTypes.size < MAX_USAGE_TYPES) usageTypes.set(usageType, found);
  return found;
}

const usageTypes = new Map<string, FargateUsageType | null>();
const MAX_USAGE_TYPES = 4096;

function readUsageType(usageType: string): FargateUsageType | null {
  const match = FARGATE_USAGE.exec(usageType);
  if (!match) return null;
  const [, spotPrefix, variant, unit] = match;
  const spot = spotPrefix !== undefined;
  const arch: Arch = variant === 'ARM' ? 'arm64' : 'x86_64';
  const os: Os = variant === 'Windows' ? 'windows' : 'linux';
  let resource: Resource;
  if (unit === 'vCPU-Hours:perCPU') resource = 'vcpu';
  else if (unit === 'GB-Hours') resource = 'memory';
  else if (unit === 'OS-Hours:perCPU') {
    if (os !== 'windows') return null;
    resource = 'os-license';
  } else {
    if (variant !== undefined) return null;
    resource = 'storage';
  }
  // Spot is Linux vCPU and memory only.
  if (spot && (os === 'windows' || resource === 'storage' || resource === 'os-license')) return null;
  const purchase: Purchase = spot ? 'spot' : 'on-demand';
  return Object.freeze({key: rateKeyOf(resource, arch, os), resource, purchase});
}

/** `arn:aws:ecs:REGION:ACCOUNT:task/CLUSTER/ID`: the region and cluster (null when it is not a task ARN). */
export function taskArnParts(resourceId: string): {region: string; cluster: string | null} | null {
  const match = /^arn:aws[a-z-]*:ecs:([a-z0-9-]+):\d*:task\/(?:([^/]+)\/)?[^/]+$/.exec(resourceId);
  if (!match) return null;
  return {region: match[1]!, cluster: match[2] ?? null};
}

/** What one line of the bill is to the ledger. */
export type LineClass =
  | {
      readonly kind: 'usage';
      readonly usage: FargateUsageType;
      readonly coverage: BillCoverage;
    }
  /** A Savings Plan negation: cost only, it takes back a covered line's On-Demand cost. */
  | {readonly kind: 'negation'; readonly usage: FargateUsageType}
  /** A Compute Savings Plan's hourly fee: its commitment and how much of it was used. */
  | {readonly kind: 'commitment'}
  /** A credit, refund, discount or tax on Fargate usage: its cost counts, no usage. */
  | {readonly kind: 'adjustment'; readonly usage: FargateUsageType}
  | {readonly kind: 'skip'; readonly reason: BillSkip};

const FARGATE_PRODUCTS = new Set(['AmazonECS']);

/** The one set of rules, for files and for the SQL (`billSql` states the same ones). */
export function classifyLine(line: BillLine): LineClass {
  const type = line.lineItemType ?? 'Usage';
  if (type === 'SavingsPlanRecurringFee') {
    return line.usageType?.startsWith('ComputeSP:') ? {kind: 'commitment'} : {kind: 'skip', reason: 'savings-plan-fee'};
  }
  if (type === 'SavingsPlanUpfrontFee') return {kind: 'skip', reason: 'savings-plan-fee'};
  if (line.productCode !== null && !FARGATE_PRODUCTS.has(line.productCode))
    return {kind: 'skip', reason: 'other-service'};
  const usage = line.usageType === null ? null : fargateUsageTypeOf(line.usageType);
  if (usage === null) {
    // A tax, fee or credit of the whole service names no usage type: it is not Fargate's alone.
    const usageLike = type === 'Usage' || type === 'SavingsPlanCoveredUsage' || type === 'SavingsPlanNegation';
    return {kind: 'skip', reason: usageLike ? 'other-usage-type' : 'other-line-type'};
  }
  if (type === 'Usage') return {kind: 'usage', usage, coverage: usage.purchase === 'spot' ? 'spot' : 'on-demand'};
  if (type === 'SavingsPlanCoveredUsage') {
    // Savings Plans never cover Spot: a covered Spot line is not one AWS writes.
    if (usage.purchase === 'spot') return {kind: 'skip', reason: 'invalid'};
    return {kind: 'usage', usage, coverage: 'savings-plan'};
  }
  if (type === 'SavingsPlanNegation') return {kind: 'negation', usage};
  return {kind: 'adjustment', usage};
}

/** Sums of one cell, in 10^-BILL_SCALE. */
export interface BillSums {
  /** Usage quantity (vCPU-hours, GB-hours...). */
  usage: bigint;
  /** Unblended cost, negations included: what the invoice charged. */
  charged: bigint;
  /** What the usage cost: unblended for On-Demand and Spot, the Savings Plan's effective cost when covered. */
  paid: bigint;
  /** The usage at public On-Demand rates. */
  publicOnDemand: bigint;
  /** Measured usage (split cost allocation data), and of how much reserved usage it was measured. */
  actual: bigint;
  actualOf: bigint;
  lines: number;
}

export const emptySums = (): BillSums => ({
  usage: 0n,
  charged: 0n,
  paid: 0n,
  publicOnDemand: 0n,
  actual: 0n,
  actualOf: 0n,
  lines: 0,
});

export function addSums(into: BillSums, from: BillSums): void {
  into.usage += from.usage;
  into.charged += from.charged;
  into.paid += from.paid;
  into.publicOnDemand += from.publicOnDemand;
  into.actual += from.actual;
  into.actualOf += from.actualOf;
  into.lines += from.lines;
}

/** A cell of the ledger: one group's usage of one dimension in one hour and region, paid one way. */
export interface BillCell {
  readonly group: string;
  readonly hour: number;
  readonly region: string;
  readonly key: RateKey;
  readonly coverage: BillCoverage;
  readonly sums: BillSums;
}

export interface CommitmentHour {
  readonly hour: number;
  /** Commitment owed in the hour, and how much of it was used (by every service it covers). */
  total: bigint;
  used: bigint;
  /** Of the used commitment, what covered Fargate (the effective cost of covered Fargate lines). */
  fargate: bigint;
}

export interface BillLedgerState {
  readonly cells: readonly BillCell[];
  readonly commitment: readonly CommitmentHour[];
  /** Distinct tasks per group, and the largest one-line usage per group and series (a task's full hour). */
  readonly groups: readonly {
    readonly group: string;
    readonly tasks: number;
    readonly largestLine: ReadonlyMap<string, bigint>;
  }[];
  readonly lines: number;
  readonly fargateLines: number;
  readonly skipped: ReadonlyMap<BillSkip, number>;
  /** Credits, discounts, refunds and tax on Fargate usage types: cost only. */
  readonly adjustments: bigint;
  readonly adjustmentLines: number;
  readonly negationLines: number;
  readonly commitmentLines: number;
  /** Lines with no resource ID: the export was made without resources. */
  readonly withoutResource: number;
  readonly currencies: readonly string[];
  readonly accounts: number;
  /** The longest line item (end minus start): an hour for hourly exports. */
  readonly longestLineMs: number;
  readonly firstHour: number | null;
  readonly lastHour: number | null;
  /** The earliest billing period start and the latest end of any line read (Fargate or not); null when none says. */
  readonly billingPeriodStartMs: number | null;
  readonly billingPeriodEndMs: number | null;
  /** The window the ledger was made with (`--from` / `--to`); null where open. */
  readonly fromMs: number | null;
  readonly toMs: number | null;
}

export interface BillLedger {
  add(line: BillLine): void;
  finish(): BillLedgerState;
  readonly lines: number;
}

export const seriesId = (region: string, key: RateKey, purchase: Purchase) => `${region}|${key}|${purchase}`;

/** An amount as an integer of 10^-BILL_SCALE: a number below 2^52 in magnitude (exact), else a bigint. */
type Scaled = number | bigint;

function scaledOf(text: string | null): Scaled | null {
  if (text === null) return null;
  const fast = scaledPlain(text);
  if (!Number.isNaN(fast)) return fast;
  const value = scaledAmount(text);
  if (value === null) return null;
  return value < EXACT_BIGINT && value > -EXACT_BIGINT ? Number(value) : value;
}

const EXACT_BIGINT = BigInt(EXACT_LIMIT);
const big = (value: Scaled): bigint => (typeof value === 'bigint' ? value : BigInt(value));

/** The sums of a cell in a slab of doubles, SUMS slots a cell (the order of `BillSums`' amounts). */
const USAGE = 0;
const CHARGED = 1;
const PAID = 2;
const PUBLIC_ON_DEMAND = 3;
const ACTUAL = 4;
const ACTUAL_OF = 5;
const LINES = 6;
const SUMS = 7;

const RATE_KEY_INDEX = new Map<RateKey, number>(RATE_KEYS.map((key, index) => [key, index]));
const COVERAGE_INDEX: Readonly<Record<BillCoverage, number>> = {'on-demand': 0, 'savings-plan': 1, spot: 2};

/** One group's usage of one dimension in one region, paid one way: its cells by hour. */
interface Track {
  readonly group: string;
  readonly region: string;
  readonly key: RateKey;
  readonly coverage: BillCoverage;
  readonly purchase: Purchase;
  /** Where each hour's cell is in the slab, by the hour's distance from the track's first hour. */
  readonly from: number;
  readonly ahead: number[];
  readonly behind: number[];
  /** The largest one-line usage of a task (0: none yet). */
  largest: Scaled;
}

interface GroupEntry {
  readonly tasks: FingerprintSet;
  readonly tracks: Track[];
}

/**
 * `fromMs` / `toMs`: only usage in the hours from `fromMs` (inclusive) to `toMs` (exclusive) is summed.
 *
 * Sums are exact: each cell's running sums are doubles while every addend and the sum stay below 2^52
 * in magnitude (integer additions there are exact), and spill into bigints beyond. A group's distinct
 * tasks are counted by 64-bit fingerprints of their ARNs (`FingerprintSet`: 16 to 32 bytes a task).
 */
export function createBillLedger(window: {fromMs?: number | undefined; toMs?: number | undefined} = {}): BillLedger {
  // Cells in the order they were first met: where they are, and their sums in `slab`.
  const cellAt: {track: Track; hour: number}[] = [];
  let slab = new Float64Array(SUMS * 1024);
  const spilled = new Map<number, bigint>();
  const tracks = new Map<string, Map<string, (Track | undefined)[]>>();
  const commitment = new Map<number, CommitmentHour>();
  const groups = new Map<string, GroupEntry>();
  const serviceGroups = new Map<string, string>();
  const skipped = new Map<BillSkip, number>();
  const currencies = new Set<string>();
  const accounts = new Set<string>();
  let lines = 0;
  let fargateLines = 0;
  let adjustments = 0n;
  let adjustmentLines = 0;
  let negationLines = 0;
  let commitmentLines = 0;
  let withoutResource = 0;
  let longestLineMs = 0;
  let firstHour: number | null = null;
  let lastHour: number | null = null;
  let periodStart: number | null = null;
  let periodEnd: number | null = null;
  const skip = (reason: BillSkip, count: number) => skipped.set(reason, (skipped.get(reason) ?? 0) + count);

  function trackOf(
    group: string,
    region: string,
    usage: FargateUsageType,
    coverage: BillCoverage,
    hour: number,
  ): Track {
    let byRegion = tracks.get(group);
    if (!byRegion) {
      byRegion = new Map();
      tracks.set(group, byRegion);
    }
    let byKey = byRegion.get(region);
    if (!byKey) {
      byKey = [];
      byRegion.set(region, byKey);
    }
    const index = RATE_KEY_INDEX.get(usage.key)! * 3 + COVERAGE_INDEX[coverage];
    let track = byKey[index];
    if (!track) {
      track = {
        group,
        region,
        key: usage.key,
        coverage,
        purchase: usage.purchase,
        from: hour,
        ahead: [],
        behind: [],
        largest: 0,
      };
      byKey[index] = track;
    }
    return track;
  }

  /** Where a cell's sums start in the slab. */
  function cellOf(track: Track, hour: number): number {
    const offset = hour - track.from;
    const hours = offset >= 0 ? track.ahead : track.behind;
    const index = offset >= 0 ? offset : -1 - offset;
    let at = hours[index];
    if (at === undefined) {
      at = cellAt.length * SUMS;
      cellAt.push({track, hour});
      if (at + SUMS > slab.length) {
        const grown = new Float64Array(slab.length * 2);
        grown.set(slab);
        slab = grown;
      }
      hours[index] = at;
    }
    return at;
  }

  /** Adds an amount to a slot, exactly. */
  function put(slot: number, amount: Scaled): void {
    if (typeof amount === 'number') {
      const sum = slab[slot]! + amount;
      if (sum < EXACT_LIMIT && sum > -EXACT_LIMIT) {
        slab[slot] = sum;
        return;
      }
      spilled.set(slot, (spilled.get(slot) ?? 0n) + BigInt(slab[slot]!) + BigInt(amount));
      slab[slot] = 0;
    } else spilled.set(slot, (spilled.get(slot) ?? 0n) + amount);
  }

  const sumAt = (slot: number): bigint => BigInt(slab[slot]!) + (spilled.get(slot) ?? 0n);

  function groupOf(line: BillLine, arn: {cluster: string | null} | null): string {
    const service = line.service;
    if (service) {
      let group = serviceGroups.get(service);
      if (group === undefined) {
        group = `service:${service}`;
        serviceGroups.set(service, group);
      }
      return group;
    }
    if (arn?.cluster) return `cluster:${arn.cluster}`;
    // A task ARN of the old form (no cluster) ran in the default cluster; a resource ID that is no task ARN is not a task's.
    return arn ? 'cluster:default' : line.resourceId ? 'not-a-task' : 'unknown';
  }

  return {
    get lines() {
      return lines;
    },
    add(line) {
      lines += line.lines;
      const {billingPeriodStartMs: start, billingPeriodEndMs: end} = line;
      if (typeof start === 'number' && Number.isFinite(start) && (periodStart === null || start < periodStart))
        periodStart = start;
      if (typeof end === 'number' && Number.isFinite(end) && (periodEnd === null || end > periodEnd)) periodEnd = end;
      const cls = classifyLine(line);
      if (cls.kind === 'skip') {
        skip(cls.reason, line.lines);
        return;
      }
      if (!Number.isFinite(line.startMs)) {
        skip('invalid', line.lines);
        return;
      }
      const hour = Math.floor(line.startMs / MS_PER_HOUR);
      if (
        (window.fromMs !== undefined && line.startMs < window.fromMs) ||
        (window.toMs !== undefined && line.startMs >= window.toMs)
      ) {
        skip('outside-window', line.lines);
        return;
      }
      if (cls.kind === 'commitment') {
        commitmentLines += line.lines;
        const total = scaledAmount(line.totalCommitment) ?? 0n;
        const used = scaledAmount(line.usedCommitment) ?? 0n;
        let entry = commitment.get(hour);
        if (!entry) {
          entry = {hour, total: 0n, used: 0n, fargate: 0n};
          commitment.set(hour, entry);
        }
        entry.total += total;
        entry.used += used;
        return;
      }
      const unblended = scaledOf(line.unblendedCost);
      if (unblended === null) {
        skip('invalid', line.lines);
        return;
      }
      if (cls.kind === 'adjustment') {
        adjustments += big(unblended);
        adjustmentLines += line.lines;
        return;
      }
      // The task ARN's region and cluster, only when the line does not say them otherwise.
      const resourceId = line.resourceId;
      const arn = resourceId && (!line.region || !line.service) ? taskArnParts(resourceId) : null;
      const region = line.region || arn?.region || 'unknown';
      const group = groupOf(line, arn);
      if (cls.kind === 'negation') {
        negationLines += line.lines;
        put(cellOf(trackOf(group, region, cls.usage, 'savings-plan', hour), hour) + CHARGED, unblended);
        return;
      }
      const usage = scaledOf(line.usageAmount);
      if (usage === null) {
        skip('invalid', line.lines);
        return;
      }
      fargateLines += line.lines;
      if (line.currency) currencies.add(line.currency);
      if (line.account) accounts.add(line.account);
      if (!resourceId) withoutResource += line.lines;
      if (line.endMs !== null) longestLineMs = Math.max(longestLineMs, line.endMs - line.startMs);
      firstHour = firstHour === null ? hour : Math.min(firstHour, hour);
      lastHour = lastHour === null ? hour : Math.max(lastHour, hour);
      const track = trackOf(group, region, cls.usage, cls.coverage, hour);
      const at = cellOf(track, hour);
      put(at + USAGE, usage);
      put(at + CHARGED, unblended);
      slab[at + LINES]! += line.lines;
      const publicOnDemand = scaledOf(line.publicOnDemandCost);
      if (cls.coverage === 'savings-plan') {
        const effective = scaledOf(line.savingsPlanEffectiveCost) ?? 0;
        put(at + PAID, effective);
        let entry = commitment.get(hour);
        if (!entry) {
          entry = {hour, total: 0n, used: 0n, fargate: 0n};
          commitment.set(hour, entry);
        }
        entry.fargate += big(effective);
      } else put(at + PAID, unblended);
      // Without the public On-Demand column, an On-Demand line's unblended cost is its On-Demand cost.
      put(at + PUBLIC_ON_DEMAND, publicOnDemand ?? (cls.coverage === 'spot' ? 0 : unblended));
      const actual = scaledOf(line.actualUsage);
      if (actual !== null) {
        put(at + ACTUAL, actual);
        put(at + ACTUAL_OF, usage);
      }
      let groupEntry = groups.get(group);
      if (!groupEntry) {
        groupEntry = {tasks: new FingerprintSet(64), tracks: []};
        groups.set(group, groupEntry);
      }
      if (resourceId) {
        groupEntry.tasks.add(resourceId);
        const largest = scaledOf(line.largestUsageAmount ?? null) ?? usage;
        if (largest > track.largest) {
          if (track.largest === 0) groupEntry.tracks.push(track);
          track.largest = largest;
        }
      }
    },
    finish() {
      const cells: BillCell[] = cellAt.map(({track, hour}, index) => {
        const at = index * SUMS;
        return {
          group: track.group,
          hour,
          region: track.region,
          key: track.key,
          coverage: track.coverage,
          sums: {
            usage: sumAt(at + USAGE),
            charged: sumAt(at + CHARGED),
            paid: sumAt(at + PAID),
            publicOnDemand: sumAt(at + PUBLIC_ON_DEMAND),
            actual: sumAt(at + ACTUAL),
            actualOf: sumAt(at + ACTUAL_OF),
            lines: slab[at + LINES]!,
          },
        };
      });
      return {
        cells,
        commitment: [...commitment.values()].sort((a, b) => a.hour - b.hour),
        groups: [...groups].map(([group, entry]) => {
          // A series is a purchase option: On-Demand and covered usage share one.
          const largestLine = new Map<string, bigint>();
          for (const track of entry.tracks) {
            const id = seriesId(track.region, track.key, track.purchase);
            const largest = big(track.largest);
            if (largest > (largestLine.get(id) ?? 0n)) largestLine.set(id, largest);
          }
          return {group, tasks: entry.tasks.size, largestLine};
        }),
        lines,
        fargateLines,
        skipped,
        adjustments,
        adjustmentLines,
        negationLines,
        commitmentLines,
        withoutResource,
        currencies: [...currencies].sort(),
        accounts: accounts.size,
        longestLineMs,
        firstHour,
        lastHour,
        billingPeriodStartMs: periodStart,
        billingPeriodEndMs: periodEnd,
        fromMs: window.fromMs ?? null,
        toMs: window.toMs ?? null,
      };
    },
  };
}
