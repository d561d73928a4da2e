import {MS_PER_HOUR} from '../money/decimal.js';
import {BILL_SCALE, type BillCoverage, type BillLine, type BillSkip, type FargateUsageType} from '../model/bill.js';
import type {Purchase} from '../model/profile.js';
import {type Arch, type Os, type RateKey, rateKeyOf, type Resource} from '../model/types.js';

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
  return {key: rateKeyOf(resource, arch, os), resource, purchase};
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

/** The group a line's usage belongs to: its service (from the tags), else its cluster (from the task ARN). */
export function groupOfLine(line: BillLine): string {
  if (line.service) return `service:${line.service}`;
  const arn = line.resourceId ? taskArnParts(line.resourceId) : null;
  if (arn?.cluster) return `cluster:${arn.cluster}`;
  return line.resourceId ? 'cluster:default' : 'unknown';
}

/** `fromMs` / `toMs`: only usage in the hours from `fromMs` (inclusive) to `toMs` (exclusive) is summed. */
export function createBillLedger(window: {fromMs?: number | undefined; toMs?: number | undefined} = {}): BillLedger {
  const cells = new Map<string, BillCell>();
  const commitment = new Map<number, CommitmentHour>();
  const groups = new Map<string, {tasks: Set<string>; largestLine: Map<string, bigint>}>();
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

  function cellOf(group: string, hour: number, region: string, key: RateKey, coverage: BillCoverage): BillSums {
    const id = `${group}\t${hour}\t${region}\t${key}\t${coverage}`;
    let cell = cells.get(id);
    if (!cell) {
      cell = {group, hour, region, key, coverage, sums: emptySums()};
      cells.set(id, cell);
    }
    return cell.sums;
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
      const unblended = scaledAmount(line.unblendedCost);
      if (unblended === null) {
        skip('invalid', line.lines);
        return;
      }
      if (cls.kind === 'adjustment') {
        adjustments += unblended;
        adjustmentLines += line.lines;
        return;
      }
      const arn = line.resourceId ? taskArnParts(line.resourceId) : null;
      const region = line.region || arn?.region || 'unknown';
      const group = groupOfLine(line);
      if (cls.kind === 'negation') {
        negationLines += line.lines;
        cellOf(group, hour, region, cls.usage.key, 'savings-plan').charged += unblended;
        return;
      }
      const usage = scaledAmount(line.usageAmount);
      if (usage === null) {
        skip('invalid', line.lines);
        return;
      }
      fargateLines += line.lines;
      if (line.currency) currencies.add(line.currency);
      if (line.account) accounts.add(line.account);
      if (!line.resourceId) withoutResource += line.lines;
      if (line.endMs !== null) longestLineMs = Math.max(longestLineMs, line.endMs - line.startMs);
      firstHour = firstHour === null ? hour : Math.min(firstHour, hour);
      lastHour = lastHour === null ? hour : Math.max(lastHour, hour);
      const sums = cellOf(group, hour, region, cls.usage.key, cls.coverage);
      sums.usage += usage;
      sums.charged += unblended;
      sums.lines += line.lines;
      const effective = scaledAmount(line.savingsPlanEffectiveCost);
      const publicOnDemand = scaledAmount(line.publicOnDemandCost);
      if (cls.coverage === 'savings-plan') {
        sums.paid += effective ?? 0n;
        let entry = commitment.get(hour);
        if (!entry) {
          entry = {hour, total: 0n, used: 0n, fargate: 0n};
          commitment.set(hour, entry);
        }
        entry.fargate += effective ?? 0n;
      } else sums.paid += unblended;
      // Without the public On-Demand column, an On-Demand line's unblended cost is its On-Demand cost.
      sums.publicOnDemand += publicOnDemand ?? (cls.coverage === 'spot' ? 0n : unblended);
      const actual = scaledAmount(line.actualUsage);
      if (actual !== null) {
        sums.actual += actual;
        sums.actualOf += usage;
      }
      let groupEntry = groups.get(group);
      if (!groupEntry) {
        groupEntry = {tasks: new Set(), largestLine: new Map()};
        groups.set(group, groupEntry);
      }
      if (line.resourceId) groupEntry.tasks.add(line.resourceId);
      if (line.resourceId) {
        const id = seriesId(region, cls.usage.key, cls.usage.purchase);
        const largest = scaledAmount(line.largestUsageAmount ?? null) ?? usage;
        if (largest > (groupEntry.largestLine.get(id) ?? 0n)) groupEntry.largestLine.set(id, largest);
      }
    },
    finish() {
      return {
        cells: [...cells.values()],
        commitment: [...commitment.values()].sort((a, b) => a.hour - b.hour),
        groups: [...groups].map(([group, entry]) => ({
          group,
          tasks: entry.tasks.size,
          largestLine: entry.largestLine,
        })),
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
