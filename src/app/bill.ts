import {type BillLedgerState, type BillSums, addSums, emptySums, scaledText, seriesId} from '../billing/bill.js';
import {D, type Dec, HOURS_PER_MONTH, MS_PER_HOUR, ZERO} from '../money/decimal.js';
import {
  BILL_COVERAGES,
  BILL_SKIPS,
  type BillComponent,
  type BillCoverage,
  type BillDimension,
  type BillFigures,
  type BillGranularity,
  type BillHour,
  type BillResult,
  type BillRow,
  type BillSkip,
  type BillSourceSummary,
  type BillUtilisation,
} from '../model/bill.js';
import type {Purchase, UsageProfile, UsageSeries} from '../model/profile.js';
import {RATE_KEYS, type RateKey, resourceOf} from '../model/types.js';

/**
 * `fargate-cost history BILL`: what a cost export says Fargate cost, from the ledger's sums
 * (`billing/bill.ts`): totals as charged and as paid, by coverage, group, day and dimension, the
 * Savings Plans hour by hour, measured against reserved usage, the month projected, and each group's
 * hourly usage for `compare`. Pure.
 */

export interface BillOptions {
  readonly monthHours?: number | undefined;
  /** `--from` / `--to` (epoch ms); the ledger's own window when not given. */
  readonly fromMs?: number | undefined;
  readonly toMs?: number | undefined;
}

/** The window a bill is read over, and the clock hours it spans (`firstHour` to `endHour`, exclusive). */
interface BillWindow {
  readonly fromMs: number;
  readonly toMs: number;
  readonly firstHour: number;
  readonly endHour: number;
}

/**
 * The window: from `--from`, else the billing period's start, else the first usage hour; to `--to`,
 * else the period's end, else the last usage hour plus the longest line (at least an hour). A period
 * that leaves out some usage (an export that writes none, or odd lines) is widened to hold it, so
 * every hour summed is an hour of the window. Null when neither flags, period nor usage say.
 */
function windowOf(state: BillLedgerState, options: BillOptions): BillWindow | null {
  const usageFrom = state.firstHour === null ? null : state.firstHour * MS_PER_HOUR;
  const usageTo =
    state.lastHour === null ? null : state.lastHour * MS_PER_HOUR + Math.max(MS_PER_HOUR, state.longestLineMs);
  const fromFlag = options.fromMs ?? state.fromMs ?? null;
  const toFlag = options.toMs ?? state.toMs ?? null;
  const widen = (bound: number | null, usage: number | null, pick: (a: number, b: number) => number) =>
    bound === null ? usage : usage === null ? bound : pick(bound, usage);
  const fromMs = fromFlag ?? widen(state.billingPeriodStartMs, usageFrom, Math.min);
  let toMs = toFlag ?? widen(state.billingPeriodEndMs, usageTo, Math.max);
  if (fromMs === null || toMs === null) return null;
  // --from after the period's end (or --to before --from): an empty window.
  if (toMs < fromMs) toMs = fromMs;
  const firstHour = Math.floor(fromMs / MS_PER_HOUR);
  const endHour = toMs === fromMs ? firstHour : Math.ceil(toMs / MS_PER_HOUR);
  return {fromMs, toMs, firstHour, endHour};
}

const dec = (value: bigint) => new D(scaledText(value));
const DAY_MS = 86_400_000;
/** 10^-10 unit-hours to 1/1024 unit-milliseconds: x 1024 x 3,600,000 / 10^10, rounded to the nearest. */
const UNIT_MS_NUM = 36_864n;
const UNIT_MS_DEN = 100_000n;
const toUnitMs = (usage: bigint) => (usage * UNIT_MS_NUM + UNIT_MS_DEN / 2n) / UNIT_MS_DEN;

function figuresOf(sums: BillSums, byResource: Record<'vcpu' | 'memory' | 'storage', bigint>): BillFigures {
  return {
    charged: dec(sums.charged),
    paid: dec(sums.paid),
    publicOnDemand: dec(sums.publicOnDemand),
    vcpuHours: dec(byResource.vcpu),
    gbHours: dec(byResource.memory),
    storageGbHours: dec(byResource.storage),
    lines: sums.lines,
  };
}

/** Sums cells into rows by a key, with usage per resource. */
class Rows {
  private readonly rows = new Map<
    string,
    {sums: BillSums; usage: Record<'vcpu' | 'memory' | 'storage', bigint>; tasks: number | null}
  >();
  add(key: string, cell: {key: RateKey; sums: BillSums}) {
    let row = this.rows.get(key);
    if (!row) {
      row = {sums: emptySums(), usage: {vcpu: 0n, memory: 0n, storage: 0n}, tasks: null};
      this.rows.set(key, row);
    }
    addSums(row.sums, cell.sums);
    const resource = resourceOf(cell.key);
    if (resource !== 'os-license') row.usage[resource] += cell.sums.usage;
  }
  setTasks(key: string, tasks: number) {
    const row = this.rows.get(key);
    if (row) row.tasks = tasks;
  }
  build(totalPaid: bigint): BillRow[] {
    return [...this.rows].map(([key, row]) => ({
      key,
      tasks: row.tasks,
      ...figuresOf(row.sums, row.usage),
      share: totalPaid === 0n ? ZERO : dec(row.sums.paid).div(dec(totalPaid)),
    }));
  }
}

function granularityOf(longestLineMs: number): BillGranularity {
  if (longestLineMs <= MS_PER_HOUR) return 'hourly';
  if (longestLineMs <= DAY_MS + MS_PER_HOUR) return 'daily';
  return 'monthly';
}

const ratio = (part: Dec, whole: Dec) => (whole.isZero() ? null : part.div(whole));

/** Every cell summed: the totals, the breakdown rows, each hour's coverage and each group's measured use. */
function aggregate(state: BillLedgerState) {
  const total = emptySums();
  const usage = {vcpu: 0n, memory: 0n, storage: 0n};
  const paidBy: Record<BillCoverage, bigint> = {'on-demand': 0n, 'savings-plan': 0n, spot: 0n};
  const byCoverage = new Rows();
  const groups = new Rows();
  const byDay = new Rows();
  const dimensions = new Map<string, Pick<BillDimension, 'region' | 'key' | 'coverage'> & {sums: BillSums}>();
  const hours = new Map<number, {paid: bigint; publicOnDemand: bigint; covered: bigint; uncovered: bigint}>();
  const actual = new Map<string, {vcpu: [bigint, bigint]; memory: [bigint, bigint]}>();
  for (const cell of state.cells) {
    addSums(total, cell.sums);
    const resource = resourceOf(cell.key);
    if (resource !== 'os-license') usage[resource] += cell.sums.usage;
    paidBy[cell.coverage] += cell.sums.paid;
    byCoverage.add(cell.coverage, cell);
    groups.add(cell.group, cell);
    const dayMs = Math.floor((cell.hour * MS_PER_HOUR) / DAY_MS) * DAY_MS;
    byDay.add(new Date(dayMs).toISOString().slice(0, 10), cell);
    const dimensionId = `${cell.region}|${cell.key}|${cell.coverage}`;
    let dimension = dimensions.get(dimensionId);
    if (!dimension) {
      dimension = {region: cell.region, key: cell.key, coverage: cell.coverage, sums: emptySums()};
      dimensions.set(dimensionId, dimension);
    }
    addSums(dimension.sums, cell.sums);
    let hour = hours.get(cell.hour);
    if (!hour) {
      hour = {paid: 0n, publicOnDemand: 0n, covered: 0n, uncovered: 0n};
      hours.set(cell.hour, hour);
    }
    hour.paid += cell.sums.paid;
    hour.publicOnDemand += cell.sums.publicOnDemand;
    if (cell.coverage === 'savings-plan') hour.covered += cell.sums.publicOnDemand;
    else if (cell.coverage === 'on-demand') hour.uncovered += cell.sums.publicOnDemand;
    if (cell.sums.actualOf > 0n && (resource === 'vcpu' || resource === 'memory')) {
      let entry = actual.get(cell.group);
      if (!entry) {
        entry = {vcpu: [0n, 0n], memory: [0n, 0n]};
        actual.set(cell.group, entry);
      }
      entry[resource][0] += cell.sums.actual;
      entry[resource][1] += cell.sums.actualOf;
    }
  }
  for (const group of state.groups) groups.setTasks(group.group, group.tasks);

  return {total, usage, paidBy, byCoverage, groups, byDay, dimensions, hours, actual};
}

type Hours = ReturnType<typeof aggregate>['hours'];

/** Hour by hour (hourly exports only), every hour of the window: paid, covered and uncovered On-Demand cost, the plans' fees. */
function hourlyOf(
  state: BillLedgerState,
  granularity: BillGranularity,
  hours: Hours,
  window: BillWindow | null,
): BillHour[] {
  const commitment = new Map(state.commitment.map((entry) => [entry.hour, entry]));
  const hourly: BillHour[] = [];
  if (granularity === 'hourly' && window !== null && state.firstHour !== null) {
    for (let h = window.firstHour; h < window.endHour; h++) {
      const hour = hours.get(h) ?? {paid: 0n, publicOnDemand: 0n, covered: 0n, uncovered: 0n};
      const fee = commitment.get(h);
      const covered = dec(hour.covered);
      hourly.push({
        startMs: h * MS_PER_HOUR,
        paid: dec(hour.paid),
        publicOnDemand: dec(hour.publicOnDemand),
        coveredOnDemand: covered,
        uncoveredOnDemand: dec(hour.uncovered),
        coverage: ratio(covered, dec(hour.covered + hour.uncovered)),
        commitment:
          fee === undefined
            ? null
            : {
                total: dec(fee.total),
                used: dec(fee.used),
                fargate: dec(fee.fargate),
                utilization: ratio(dec(fee.used), dec(fee.total)),
              },
      });
    }
  }
  return hourly;
}

function utilisationOf(actual: ReturnType<typeof aggregate>['actual']): BillUtilisation[] {
  return [...actual]
    .map(([group, entry]) => {
      const side = ([measured, reserved]: [bigint, bigint]) =>
        reserved === 0n
          ? null
          : {actual: dec(measured), reserved: dec(reserved), ratio: ratio(dec(measured), dec(reserved))};
      return {group, vcpu: side(entry.vcpu), memory: side(entry.memory)};
    })
    .sort((a, b) => (a.group < b.group ? -1 : 1));
}

export function billResult(
  state: BillLedgerState,
  sources: readonly BillSourceSummary[],
  options: BillOptions = {},
): BillResult {
  const monthHours = options.monthHours ?? HOURS_PER_MONTH;
  const granularity = granularityOf(state.longestLineMs);
  const {total, usage, paidBy, byCoverage, groups, byDay, dimensions, hours, actual} = aggregate(state);
  const byPaid = (a: BillRow, b: BillRow) => b.paid.cmp(a.paid) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  const span = windowOf(state, options);
  const window = span && {
    fromMs: span.fromMs,
    toMs: span.toMs,
    hours: new D(span.toMs - span.fromMs).div(MS_PER_HOUR),
  };
  // Savings Plan fees of hours outside the window (after the last usage hour, when the bill states no period) are not the window's.
  const inWindow = (hour: number) => span !== null && hour >= span.firstHour && hour < span.endHour;
  const fees = state.commitment.filter((entry) => inWindow(entry.hour));

  const hourly = hourlyOf(state, granularity, hours, span);
  const utilisation = utilisationOf(actual);
  let coveredAll = 0n;
  let uncoveredAll = 0n;
  for (const hour of hours.values()) {
    coveredAll += hour.covered;
    uncoveredAll += hour.uncovered;
  }
  const commitmentTotal = fees.reduce((sum, entry) => sum + entry.total, 0n);
  const commitmentUsed = fees.reduce((sum, entry) => sum + entry.used, 0n);
  const commitmentFargate = fees.reduce((sum, entry) => sum + entry.fargate, 0n);

  const totalPaid = dec(total.paid);
  const publicOnDemand = dec(total.publicOnDemand);
  const skipped: Partial<Record<BillSkip, number>> = {};
  for (const reason of BILL_SKIPS) {
    const count = state.skipped.get(reason);
    if (count) skipped[reason] = count;
  }
  const {profile, components} = profilesOf(state, span);
  return {
    kind: 'bill',
    window,
    granularity,
    currency: state.currencies[0] ?? 'USD',
    currencies: state.currencies,
    accounts: state.accounts,
    sources,
    lines: {
      read: state.lines,
      fargate: state.fargateLines,
      skipped,
      negations: state.negationLines,
      commitments: state.commitmentLines,
      adjustments: state.adjustmentLines,
      withoutResource: state.withoutResource,
    },
    totals: {
      ...figuresOf(total, usage),
      onDemand: dec(paidBy['on-demand']),
      savingsPlan: dec(paidBy['savings-plan']),
      spot: dec(paidBy.spot),
      adjustments: dec(state.adjustments),
      savings: publicOnDemand.minus(totalPaid),
    },
    byCoverage: byCoverage
      .build(total.paid)
      .sort((a, b) => BILL_COVERAGES.indexOf(a.key as BillCoverage) - BILL_COVERAGES.indexOf(b.key as BillCoverage)),
    groups: groups.build(total.paid).sort(byPaid),
    byDay: byDay.build(total.paid).sort((a, b) => (a.key < b.key ? -1 : 1)),
    dimensions: [...dimensions.values()]
      .map(
        ({sums, ...dimension}): BillDimension => ({
          ...dimension,
          usage: dec(sums.usage),
          charged: dec(sums.charged),
          paid: dec(sums.paid),
          publicOnDemand: dec(sums.publicOnDemand),
          lines: sums.lines,
        }),
      )
      .sort(
        (a, b) =>
          (a.region < b.region ? -1 : a.region > b.region ? 1 : 0) ||
          RATE_KEYS.indexOf(a.key) - RATE_KEYS.indexOf(b.key) ||
          BILL_COVERAGES.indexOf(a.coverage) - BILL_COVERAGES.indexOf(b.coverage),
      ),
    hourly,
    savingsPlans: {
      coverage: ratio(dec(coveredAll), dec(coveredAll + uncoveredAll)),
      utilization: ratio(dec(commitmentUsed), dec(commitmentTotal)),
      commitment: dec(commitmentTotal),
      used: dec(commitmentUsed),
      fargate: dec(commitmentFargate),
    },
    utilisation,
    projection:
      window === null || window.hours.isZero() || state.fargateLines === 0
        ? null
        : {
            monthHours,
            monthlyPaid: totalPaid.div(window.hours).times(monthHours),
            monthlyPublicOnDemand: publicOnDemand.div(window.hours).times(monthHours),
          },
    profile,
    components,
  };
}

const purchaseOf = (coverage: BillCoverage): Purchase => (coverage === 'spot' ? 'spot' : 'on-demand');

function seriesOrder(a: UsageSeries, b: UsageSeries): number {
  return (
    (a.region < b.region ? -1 : a.region > b.region ? 1 : 0) ||
    RATE_KEYS.indexOf(a.key) - RATE_KEYS.indexOf(b.key) ||
    (a.purchase < b.purchase ? -1 : a.purchase > b.purchase ? 1 : 0)
  );
}

/** The bill's usage per clock hour of the window, idle hours included (the whole bill's, and each group's), as compare prices a workload. */
function profilesOf(
  state: BillLedgerState,
  window: BillWindow | null,
): {profile: UsageProfile; components: BillComponent[]} {
  if (state.firstHour === null || window === null) return {profile: {series: [], hours: []}, components: []};
  const first = window.firstHour;
  const count = window.endHour - first;
  const build = (cells: BillLedgerState['cells']) => {
    const series = new Map<string, UsageSeries>();
    for (const cell of cells) {
      const purchase = purchaseOf(cell.coverage);
      series.set(seriesId(cell.region, cell.key, purchase), {region: cell.region, key: cell.key, purchase});
    }
    const ordered = [...series.values()].sort(seriesOrder);
    const index = new Map(ordered.map((s, i) => [seriesId(s.region, s.key, s.purchase), i]));
    const grid = Array.from({length: count}, () => new Array<bigint>(ordered.length).fill(0n));
    for (const cell of cells) {
      const i = index.get(seriesId(cell.region, cell.key, purchaseOf(cell.coverage)))!;
      // The window holds every hour summed (windowOf): a row is there for each.
      const row = grid[cell.hour - first];
      if (row) row[i]! += toUnitMs(cell.sums.usage);
    }
    const profile: UsageProfile = {
      series: ordered,
      hours: grid.map((unitMs, h) => ({startMs: (first + h) * MS_PER_HOUR, unitMs})),
    };
    return profile;
  };
  const byGroup = new Map<string, BillLedgerState['cells'][number][]>();
  for (const cell of state.cells) {
    const cells = byGroup.get(cell.group) ?? [];
    cells.push(cell);
    byGroup.set(cell.group, cells);
  }
  // A group's Windows usage is a workload of its own: Fargate Spot cannot take it, and it should not keep the rest off Spot.
  const parts = state.groups.flatMap((group) => {
    const cells = byGroup.get(group.group) ?? [];
    const windows = cells.filter((cell) => cell.key.startsWith('windows-'));
    const others = cells.filter((cell) => !cell.key.startsWith('windows-'));
    if (windows.length === 0 || others.length === 0) return cells.length === 0 ? [] : [{group, cells, windows: false}];
    return [
      {group, cells: others, windows: false},
      {group, cells: windows, windows: true},
    ];
  });
  const components: BillComponent[] = parts
    .map(({group, cells, windows}) => {
      const profile = build(cells);
      const perTaskHour = profile.series.map((s) =>
        toUnitMs(group.largestLine.get(seriesId(s.region, s.key, s.purchase)) ?? 0n),
      );
      const taskHours = {onDemand: ZERO, spot: ZERO};
      for (const [i, s] of profile.series.entries()) {
        if (resourceOf(s.key) !== 'vcpu' || perTaskHour[i] === 0n) continue;
        const used = profile.hours.reduce((sum, hour) => sum + hour.unitMs[i]!, 0n);
        const hoursOfTask = new D(used.toString()).div(perTaskHour[i]!.toString());
        if (s.purchase === 'spot') taskHours.spot = taskHours.spot.plus(hoursOfTask);
        else taskHours.onDemand = taskHours.onDemand.plus(hoursOfTask);
      }
      const paid = cells.reduce((sum, cell) => sum + cell.sums.paid, 0n);
      const [kind, ...name] = group.group.split(':');
      const split = windows && parts.filter((part) => part.group === group).length > 1;
      return {
        key: split ? `${group.group}:windows` : group.group,
        name: `${name.join(':') || group.group}${split ? ' (Windows)' : ''}`,
        kind: kind === 'service' ? ('service' as const) : ('cluster' as const),
        // The group's distinct tasks are counted once, with its first part.
        tasks: split ? 0 : group.tasks,
        paid: dec(paid),
        profile,
        perTaskHour,
        taskHours,
      };
    })
    .sort((a, b) => b.paid.cmp(a.paid) || (a.key < b.key ? -1 : 1));
  return {profile: build(state.cells), components};
}
