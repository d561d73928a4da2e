import {
  breakdowns,
  costliestRuns,
  GROUP_KEYS,
  hourlyRows,
  hoursOf,
  imagePull,
  keptRuns,
  profileOf,
  spotStatistics,
  windowOf,
} from '../analysis/history-breakdown.js';
import {groupComponents, steadyState} from '../analysis/history-groups.js';
import {projectMonth} from '../analysis/projection.js';
import {createMeter, type MeterState} from '../billing/meter.js';
import type {Rate} from '../catalog/catalog.js';
import {D, HOURS_PER_MONTH, MS_PER_HOUR} from '../money/decimal.js';
import type {SourceOutcome} from '../model/history.js';
import type {HistoryNote} from '../model/notes.js';
import type {ServiceFacts} from '../model/strategy.js';
import {EXCLUSION_REASONS, type ExclusionReason} from '../model/task-record.js';
import {priceClasses} from '../pricing/classes.js';
import {createPricer, type Pricer} from '../pricing/pricer.js';
import {
  catalogInfo,
  estimatedRatesNote,
  type RateRef,
  rateDates,
  rateRefOf,
  ratesUsed,
  staleCatalogNote,
} from '../pricing/rates.js';
import type {
  HistoryAggregator,
  HistoryFinishInput,
  HistoryOptions,
  HistoryProjection,
  HistoryResult,
  TaskRun,
} from './history-result.js';

/**
 * `fargate-cost history`: bills real task runs as AWS does and projects the month. The meter
 * (`billing/meter.ts`) turns the records into billed usage, the pricer (`pricing/`) puts a price on
 * each size class, and the breakdowns (`analysis/history-*.ts`) add them up. Pure and incremental:
 * `add()` takes records one at a time, `addBatch()` a reader's batch (a stream of any length, which
 * the CLI feeds from the readers), `finish()` builds the result; or `historyResult()` prices a meter
 * state read elsewhere (on several cores).
 */

export {GROUP_BY, type GroupBy} from './history-options.js';
export * from './history-result.js';
export {GROUP_KEYS};

const MS_PER_DAY = 86_400_000;
/**
 * Running tasks are billed up to the as-of time; when the history ends longer than this before it,
 * the history was probably captured earlier (a saved describe-tasks output), and that is said.
 * (Events are no clue one by one: a service task running for a week emits no event for a week.)
 */
const STALE_HISTORY_MS = MS_PER_DAY;

export function meterOptionsOf(options: HistoryOptions) {
  return {
    asOfMs: options.asOfMs,
    fromMs: options.fromMs,
    toMs: options.toMs,
    services: options.services,
    fallbackRegion: options.fallbackRegion,
    top: options.top ?? 5,
    keepRuns: options.keepRuns,
  };
}

/** The readers' outcomes as one: sources, notes and warnings in order, one entry per service (the last read wins). */
export function finishInputOf(outcomes: readonly SourceOutcome[]): HistoryFinishInput {
  const services = new Map<string, ServiceFacts>();
  for (const outcome of outcomes) {
    for (const service of outcome.services) services.set(`${service.region ?? ''}|${service.name}`, service);
  }
  return {
    sources: outcomes.flatMap((outcome) => outcome.sources),
    notes: outcomes.flatMap((outcome) => outcome.notes),
    warnings: outcomes.flatMap((outcome) => outcome.warnings),
    services: [...services.values()],
  };
}

export function createHistoryAggregator(options: HistoryOptions): HistoryAggregator {
  const meter = createMeter(meterOptionsOf(options));
  return {
    add: (record) => meter.add(record),
    addBatch: ({records, positions}) => {
      for (let i = 0; i < records.length; i++) meter.add(records[i]!, positions[i]);
    },
    finish: (input = {}) => historyResult(meter.finish(), options, input),
    get pendingCount() {
      return meter.pendingCount;
    },
    get fingerprintBytes() {
      return meter.fingerprintBytes;
    },
    get billedCount() {
      return meter.billedCount;
    },
  };
}

/** Prices a finished meter and builds the result. */
export function historyResult(
  state: MeterState,
  options: HistoryOptions,
  input: HistoryFinishInput = {},
): HistoryResult {
  const {catalog, asOfMs, fromMs, toMs} = options;
  const monthHours = options.monthHours ?? HOURS_PER_MONTH;
  const groupBy = options.groupBy ?? 'group';
  const pricer = createPricer(catalog);
  const pricing = priceClasses(state, pricer, {keepUnpricedSpot: options.keepUnpricedSpot});
  // Costs come from priced classes; usage (profiles, components, Spot statistics) from all of them.
  const classes = pricing.classes;
  const priced = classes.filter((cls) => cls.unpriced === null);

  const {total, groups, byOption, byDay} = breakdowns(priced, groupBy, pricer);

  const window = windowOf(classes, {asOfMs, fromMs, toMs});
  const hours = hoursOf(window);
  const services = input.services ?? [];
  const billed = classes.reduce((sum, cls) => sum + cls.tasks, 0);
  const totalCost = pricer.money(total.cost);
  let projection: HistoryProjection | null = null;
  if (window && billed > 0 && priced.length > 0) {
    const steady = steadyState(services, classes, pricer, monthHours);
    projection = {
      ...projectMonth(
        priced,
        pricer.exact(total.cost),
        {hours: window.hours, ms: window.toMs - window.fromMs},
        monthHours,
        catalog,
      ),
      steadyState: steady,
    };
  }

  const excluded = new Map(state.excluded);
  for (const {tasks} of pricing.gaps) excluded.set('no-rate', (excluded.get('no-rate') ?? 0) + tasks);
  const runs = keptRuns(state, classes);
  const sources = input.sources ?? [];
  const rates = usedRates(priced, projection);
  const {notes, warnings} = historyNotes({
    state,
    options,
    input,
    pricing,
    pricer,
    rates,
    running: total.running,
    window,
    projected: projection !== null,
    monthHours,
  });
  let hourly: HistoryResult['hourly'] | undefined;
  return {
    kind: 'history',
    asOfMs,
    window,
    billed: {
      cost: totalCost,
      onDemandCost: pricer.money(total.onDemand),
      vcpuHours: pricer.hours(total.cpu),
      gbHours: pricer.hours(total.memory),
      storageGbHours: pricer.hours(total.storage),
      taskHours: new D(total.taskMs.toString()).div(MS_PER_HOUR),
    },
    tasks: {
      billed,
      running: total.running,
      excluded: [...excluded.values()].reduce((a, b) => a + b, 0),
      reasons: Object.fromEntries(
        EXCLUSION_REASONS.filter((reason) => excluded.has(reason)).map((reason) => [reason, excluded.get(reason)!]),
      ) as Partial<Record<ExclusionReason, number>>,
    },
    records: {
      read: state.read,
      updates: state.updates,
      duplicates: state.duplicates,
      invalid: sources.reduce((a, s) => a + s.invalid, 0),
      ignored: sources.reduce((a, s) => a + s.ignored, 0),
    },
    groupBy,
    groups,
    byOption,
    byDay,
    top: costliestRuns(classes, Math.max(0, options.top ?? 5)).map(({stopCode, scaledCost, ...run}) => ({
      ...run,
      cost: pricer.money(scaledCost),
    })),
    projection,
    // A long window has thousands of hours and the table never shows them: built when first read.
    get hourly() {
      hourly ??= hourlyRows(classes, hours, pricer);
      return hourly;
    },
    profile: profileOf(classes, hours),
    components: groupComponents(classes, services, pricer, options.componentProfiles ? hours : null),
    runs: runs ? {runs, cost: (run: TaskRun) => pricer.money(run.scaledCost)} : null,
    spot: spotStatistics(classes),
    imagePull: imagePull(classes),
    sources,
    services,
    assumptions: {
      monthHours,
      catalog: catalogInfo(catalog, options.now),
      rateDates: rateDates(rates),
      rates,
      notes,
      warnings,
    },
  };
}

function usedRates(
  priced: readonly {readonly rates: readonly Rate[]}[],
  projection: HistoryProjection | null,
): RateRef[] {
  const used = new Map<string, RateRef>();
  for (const cls of priced)
    for (const rate of cls.rates) used.set(`${rate.region}|${rate.table}|${rate.key}`, rateRefOf(rate));
  for (const ref of ratesUsed(projection?.options ?? [])) used.set(`${ref.region}|${ref.table}|${ref.key}`, ref);
  return [...used.values()];
}

interface WordsInput {
  readonly state: MeterState;
  readonly options: HistoryOptions;
  readonly input: HistoryFinishInput;
  readonly pricing: ReturnType<typeof priceClasses>;
  readonly pricer: Pricer;
  readonly rates: readonly RateRef[];
  readonly running: number;
  readonly window: HistoryResult['window'];
  readonly projected: boolean;
  readonly monthHours: number;
}

function historyNotes(w: WordsInput): {notes: HistoryNote[]; warnings: HistoryNote[]} {
  const {options, running, window, monthHours, rates} = w;
  const {asOfMs, fromMs, toMs} = options;
  const dates = rateDates(rates);
  const notes: HistoryNote[] = [{kind: 'billing-rule'}];
  if (running > 0) notes.push({kind: 'running-billed', running, asOfMs});
  if (fromMs !== undefined || toMs !== undefined) notes.push({kind: 'window-clip'});
  notes.push({kind: 'utc'});
  if (dates.spot) notes.push({kind: 'spot-at-catalog', asOf: dates.spot});
  if (rates.some((rate) => rate.key === 'storage' || rate.key === 'windows-x86_64-os-license')) {
    notes.push({kind: 'extras-on-demand', under: 'spot-tasks'});
  }
  const windowHours = (window?.hours ?? new D(0)).toDecimalPlaces(2);
  if (w.projected) notes.push({kind: 'projection', windowHours: window!.hours, monthHours});
  notes.push(...(w.input.notes ?? []));
  const warnings: HistoryNote[] = [];
  const info = catalogInfo(options.catalog, options.now);
  const stale = staleCatalogNote(info);
  if (stale) warnings.push(stale);
  const estimated = estimatedRatesNote(rates);
  if (estimated) warnings.push(estimated);
  for (const {gap, tasks} of w.pricing.gaps) warnings.push({kind: 'not-priced', tasks, gap});
  for (const {gap, tasks, ms} of w.pricing.unpricedSpot) {
    warnings.push({kind: 'spot-not-priced', tasks, taskHours: w.pricer.taskHours(ms), gap});
  }
  const fromStarted = w.pricing.classes.reduce((sum, cls) => sum + cls.fromStartedAt, 0);
  if (fromStarted > 0) warnings.push({kind: 'billed-from-started', tasks: fromStarted});
  const unknownRegion = w.state.excluded.get('unknown-region') ?? 0;
  if (unknownRegion > 0) warnings.push({kind: 'unknown-region', tasks: unknownRegion});
  const latestSeenMs = w.state.latestSeenMs;
  if (running > 0 && asOfMs - latestSeenMs > STALE_HISTORY_MS) {
    warnings.push({
      kind: 'stale-history',
      latestSeenMs,
      days: Math.floor((asOfMs - latestSeenMs) / MS_PER_DAY),
      running,
    });
  }
  if (w.projected && window?.hours.lt(24)) warnings.push({kind: 'short-window', hours: windowHours, monthHours});
  warnings.push(...(w.input.warnings ?? []));
  return {notes, warnings};
}
