import type {BodyOf} from '../contract/index.js';
import {D, type Dec} from '../money/decimal.js';
import {
  type ComputeOptimizerView,
  type MemoryPeak,
  memoryPeakHidden,
  type Percentiles,
  type RightsizeReason,
  type RightsizeRecommendation,
  type RightsizeResult,
  type RightsizeRule,
  type SampleBasis,
  type SizeMiB,
  type ThinReason,
} from '../model/rightsize.js';
import {markdownAssumptions} from './estimate.js';
import type {Format} from './format.js';
import {inertData, inertMarkdown} from './inert.js';
import {jsonDocument, type JsonMeta, rateRefJson, stringifyJson} from './json.js';
import {showAmount, USD_MONEY} from './money.js';
import {skipPhrase} from './problems.js';
import {createStyle, PLAIN, type Style} from './style.js';
import {type Cell, type Column, painted, renderCsv, renderMarkdownTable, renderTable} from './table.js';
import {formatStrategy, plural} from './text.js';
import {wrapText} from './width.js';

/**
 * `fargate-cost rightsize`: per service (or task family), the size it has, the size its use needs
 * and what the change saves a month; then the use itself against the reservation, and the rule.
 */

const iso = (ms: number) => new Date(ms).toISOString();
const dollars = (value: Dec) => showAmount(USD_MONEY, value);
const signedDollars = (value: Dec) => {
  const text = dollars(value);
  return value.isNegative() && !text.startsWith('-') ? `-${text}` : text;
};
const gb = (mib: number) => `${+(mib / 1024).toFixed(3)} GB`;
const vcpu = (units: number) => `${+(units / 1024).toFixed(4)} vCPU`;
/** `0.25 vCPU / 0.5 GB`. */
export const sizeText = (size: SizeMiB) => `${vcpu(size.cpu)} / ${gb(size.memory)}`;
const percent = (fraction: Dec) => `${fraction.times(100).toDecimalPlaces(2).toString()}%`;
const ratio4 = (value: number, of: number) => Number((value / of).toFixed(4));
/** A figure of use: at most one decimal place (utilization is a measurement). */
const use = (value: number) => String(Number(value.toFixed(1)));
const share = (value: number, of: number) => `${use(value)} (${Math.round((value / of) * 100)}%)`;

/** The rule, in words: what the report states and JSON carries. */
export function ruleText(rule: RightsizeRule): string {
  const factor = new D(1).plus(rule.headroom).toString();
  return (
    `the smallest Fargate size holding CPU at its ${rule.cpuPercentile} and memory at its maximum, each x ${factor} ` +
    `(${percent(rule.headroom)} headroom); never larger than the current size unless the use itself exceeds it (grow); ` +
    `never smaller on thin data (less than ${rule.minimumDays} days of samples, more than ${percent(rule.maxMissingShare)} ` +
    `of the expected points missing, or a gap over ${rule.maxGapMs / 3_600_000} h)`
  );
}

const THIN_WORDS: Record<ThinReason, string> = {
  'short-span': 'less than the minimum days',
  gaps: 'too many missing points',
  'few-samples': 'too few samples',
};

export const REASON_WORDS: Record<RightsizeReason, string> = {
  shrink: 'shrink',
  keep: 'keep',
  tight: 'keep (tight)',
  grow: 'grow',
  'exceeds-largest': 'grow (largest)',
  'thin-data': 'keep (thin data)',
};

/** Why this size, in one sentence. */
export function reasonText(r: RightsizeRecommendation, rule: RightsizeRule): string {
  const needs = `needs ${r.required.cpu.toDecimalPlaces(1).toString()} CPU units (${rule.cpuPercentile} ${use(r.judged.cpu)} + ${percent(rule.headroom)}) and ${r.required.memory.toDecimalPlaces(1).toString()} MiB (max ${use(r.judged.memory)} + ${percent(rule.headroom)})`;
  const c = r.coverage;
  switch (r.reason) {
    case 'shrink':
      return `${needs}: ${sizeText(r.recommended)} holds it${memoryHidden(r) ? `; but ${PEAK_WORDS[c.memoryPeak]}, which hides short peaks: ${CONFIRM[c.basis]} before shrinking` : ''}`;
    case 'keep':
      return `${needs}: no smaller size holds it`;
    case 'tight':
      return `${needs}: the use fits ${sizeText(r.current)} with less headroom, and no smaller size holds it; kept, not grown`;
    case 'grow':
      return `the use exceeds the reservation; ${needs}: ${sizeText(r.recommended)}`;
    case 'exceeds-largest':
      return `the use exceeds the reservation; ${needs}, more than the largest Fargate size: the largest is shown`;
    case 'thin-data':
      return `${needs}, which a smaller size would hold, but the data is thin (${c.thin.map((t) => THIN_WORDS[t]).join(', ')}: ${spanDays(c.toMs - c.fromMs)} ${spanDays(c.toMs - c.fromMs) === '1' ? 'day' : 'days'}, ${missingShare(c)} missing): kept`;
  }
}

/** What memory's maximum was the maximum of, where that hides peaks. */
const PEAK_WORDS: Record<MemoryPeak, string> = {
  'task-sample': "memory's maximum is of one-minute task samples",
  'period-maximum': "memory's maximum is of per-period Maximums",
  'period-average': 'memory is judged at the highest per-period average (not Maximum)',
  'hourly-average': 'memory is judged at the highest hourly average (the bill gives an hour of use as one figure)',
};
const CONFIRM: Record<SampleBasis, string> = {
  'task-events': 'confirm with Container Insights',
  metrics: 'query MemoryUtilized at Maximum (or read the task events)',
  'bill-hours': 'confirm with Container Insights',
};
const memoryHidden = (r: RightsizeRecommendation) => memoryPeakHidden(r.coverage.memoryPeak);

const spanDays = (ms: number) => String(Number((ms / 86_400_000).toFixed(2)));
const missingShare = (c: RightsizeRecommendation['coverage']) =>
  `${Number((((c.expectedPoints - c.observedPoints) / c.expectedPoints) * 100).toFixed(1))}%`;

const nameText = (r: RightsizeRecommendation) =>
  r.name.by === 'service' ? r.name.name : `${r.name.by}:${r.name.name}`;

const ARM64_ASSUMPTION =
  'assumes the image is multi-arch (linux/arm64 too): fargate-cost cannot check it; set runtimePlatform.cpuArchitecture ARM64';

function percentilesJson(p: Percentiles) {
  return {p50: p.p50, p90: p.p90, p95: p.p95, p99: p.p99, max: p.max};
}
function ratiosJson(p: Percentiles, of: number) {
  return {
    p50: ratio4(p.p50, of),
    p90: ratio4(p.p90, of),
    p95: ratio4(p.p95, of),
    p99: ratio4(p.p99, of),
    max: ratio4(p.max, of),
  };
}

export function rightsizeJson(result: RightsizeResult): BodyOf<'rightsize'> {
  const rule = result.rule;
  return {
    rule: {
      cpuPercentile: rule.cpuPercentile,
      memory: 'max',
      headroom: rule.headroom.toString(),
      minimumDays: rule.minimumDays,
      maxMissingShare: rule.maxMissingShare.toString(),
      maxGapMinutes: rule.maxGapMs / 60_000,
      text: ruleText(rule),
    },
    strategy: result.strategy.map((item) => ({...item})),
    hoursPerMonth: result.hoursPerMonth,
    storageGiB: result.storageGiB,
    recommendations: result.recommendations.map((r) => ({
      name: r.name.name,
      by: r.name.by,
      cluster: r.name.cluster,
      region: r.name.region ?? '',
      os: r.os,
      arch: r.arch,
      current: {...r.current},
      currentIsFargateSize: r.currentIsFargateSize,
      otherReservations: r.otherReservations.map((size) => ({...size})),
      recommended: {...r.recommended},
      reason: {code: r.reason, text: reasonText(r, rule)},
      judged: {...r.judged},
      required: {cpu: r.required.cpu.toString(), memory: r.required.memory.toString()},
      cpu: {reserved: r.current.cpu, used: percentilesJson(r.cpu), ratio: ratiosJson(r.cpu, r.current.cpu)},
      memory: {
        reserved: r.current.memory,
        used: percentilesJson(r.memory),
        ratio: ratiosJson(r.memory, r.current.memory),
      },
      samples: {
        basis: r.coverage.basis,
        memoryPeak: r.coverage.memoryPeak,
        count: r.coverage.samples,
        tasks: r.coverage.tasks,
        from: iso(r.coverage.fromMs),
        to: iso(r.coverage.toMs),
        periodSeconds: r.coverage.periodMs / 1000,
        expectedPoints: r.coverage.expectedPoints,
        observedPoints: r.coverage.observedPoints,
        longestGapMinutes: r.coverage.longestGapMs / 60_000,
        averageTasks: r.coverage.averageTasks.toString(),
        tasksKnown: r.coverage.tasksKnown,
        thin: [...r.coverage.thin],
      },
      mix: {onDemand: r.mix.onDemand.toString(), spot: r.mix.spot.toString()},
      currentHourly: r.currentPrice.hourly.toString(),
      recommendedHourly: r.recommendedPrice.hourly.toString(),
      currentMonthly: r.currentPrice.monthly.toString(),
      recommendedMonthly: r.recommendedPrice.monthly.toString(),
      monthlySaving: r.monthlySaving.toString(),
      arm64:
        r.arm64 === null
          ? null
          : {
              recommended: {...r.arm64.priced.size},
              hourly: r.arm64.priced.hourly.toString(),
              monthly: r.arm64.priced.monthly.toString(),
              monthlySaving: r.arm64.monthlySaving.toString(),
              extraSaving: r.arm64.extraSaving.toString(),
              assumption: ARM64_ASSUMPTION,
            },
      arm64Unavailable: r.arm64Unavailable,
      ...(r.computeOptimizer === undefined ? {} : {computeOptimizer: computeOptimizerJson(r.computeOptimizer)}),
    })),
    totals: {
      currentMonthly: result.totals.currentMonthly.toString(),
      recommendedMonthly: result.totals.recommendedMonthly.toString(),
      monthlySaving: result.totals.monthlySaving.toString(),
    },
    skipped: {...result.skipped},
    assumptions: {catalog: {...result.assumptions.catalog}, rates: result.assumptions.rates.map(rateRefJson)},
    ...(result.computeOptimizer === undefined
      ? {}
      : {
          computeOptimizer: {
            source: result.computeOptimizer.source,
            unmatched: result.computeOptimizer.unmatched.map((u) => ({...u})),
            differences: [...CO_DIFFERENCES],
          },
        }),
  };
}

function computeOptimizerJson(view: ComputeOptimizerView | null) {
  if (view === null) return null;
  return {
    serviceArn: view.serviceArn,
    finding: view.finding,
    findingReasonCodes: [...view.findingReasonCodes],
    current: {...view.current},
    best:
      view.best === null
        ? null
        : {
            recommended: {...view.best.size},
            monthlySavings: view.best.monthlySavings === null ? null : view.best.monthlySavings.toString(),
            currency: view.best.currency,
          },
    lookbackDays: view.lookbackDays,
    agreement: view.agreement,
  };
}

/** Why Compute Optimizer's recommendation and this one can differ (from its documentation: the metrics it reads, its preferences). */
export const CO_DIFFERENCES: readonly string[] = [
  "Compute Optimizer reads the service's CloudWatch CPUUtilization and MemoryUtilization over its lookback period (14 days by default; 32 or 93 with a recommendation preference); this reads the samples given, over their own span",
  'it recommends per service, from the service-level metrics; this groups task events by service, or by task family where they name none (families get no Compute Optimizer match)',
  "it applies its own threshold and headroom (preferences: CPU at P90, P95 or P99.5, headroom 0%, 20% or 30%); this judges CPU at the rule's percentile and memory at its maximum, plus the headroom above",
  "its saving is at public On-Demand rates, or after discounts when its savings estimation mode says so, for the tasks it saw; this prices the catalog's rates at the purchase mix x the average running tasks x the hours of a month",
  'it may have seen another task definition revision or task count: its current size is shown beside',
];

const AGREEMENT_WORDS: Record<ComputeOptimizerView['agreement'], string> = {
  'same-size': 'same size',
  smaller: 'smaller than ours',
  larger: 'larger than ours',
  other: 'other shape',
  'no-option': 'no option',
};

const coColumns: Column[] = [
  {header: 'service', shrink: {order: 1, min: 12}},
  {header: 'cluster', shrink: {order: 2, min: 8}},
  {header: 'ours'},
  {header: 'CO finding'},
  {header: 'CO best'},
  {header: 'vs ours'},
  {header: 'CO saving', align: 'right'},
  {header: 'our saving', align: 'right'},
];

function coMoney(value: Dec | null, currency: string | null): string {
  if (value === null) return 'n/a';
  if (currency !== null && currency !== 'USD') return `${value.toString()} ${currency}`;
  return dollars(value);
}

function coRows(result: RightsizeResult): string[][] {
  return result.recommendations
    .filter((r) => r.computeOptimizer)
    .map((r) => {
      const co = r.computeOptimizer!;
      const seenAt = co.current.cpu !== r.current.cpu || co.current.memory !== r.current.memory;
      return [
        nameText(r),
        r.name.cluster,
        sizeText(r.recommended),
        seenAt ? `${co.finding} (at ${sizeText(co.current)})` : co.finding,
        co.best === null ? 'none' : sizeText(co.best.size),
        AGREEMENT_WORDS[co.agreement],
        co.best === null ? 'n/a' : coMoney(co.best.monthlySavings, co.best.currency),
        signedDollars(r.monthlySaving),
      ];
    });
}

/** Compute Optimizer's section: its rows, why the two can differ, and its services not matched. */
function coLines(result: RightsizeResult): {rows: string[][]; notes: string[]} | undefined {
  const co = result.computeOptimizer;
  if (co === undefined) return undefined;
  const rows = coRows(result);
  const unmatchedGroups = result.recommendations.filter((r) => r.computeOptimizer === null).map(nameText);
  const notes = [
    `Compute Optimizer (${co.source === 'live' ? 'GetECSServiceRecommendations, live' : 'a saved get-ecs-service-recommendations file'}): ${rows.length} of ${plural(result.recommendations.length, 'service or family', 'services or families')} matched by service name, cluster and region`,
  ];
  if (unmatchedGroups.length > 0)
    notes.push(`- no Compute Optimizer recommendation for: ${unmatchedGroups.join(', ')}`);
  if (co.unmatched.length > 0)
    notes.push(
      `- Compute Optimizer services with no samples here: ${co.unmatched.map((u) => `${u.name}${u.cluster === null ? '' : ` (${u.cluster})`}: ${u.finding}`).join(', ')}`,
    );
  notes.push('Why they can differ', ...CO_DIFFERENCES.map((line) => `- ${line}`));
  return {rows, notes};
}

const recommendationColumns: Column[] = [
  {header: 'service / family', shrink: {order: 1, min: 12}},
  {header: 'cluster', shrink: {order: 2, min: 8}},
  {header: 'current'},
  {header: 'recommended'},
  {header: 'why'},
  {header: 'now / month', align: 'right'},
  {header: 'after / month', align: 'right'},
  {header: 'saving', align: 'right'},
  {header: 'arm64: + saving', align: 'right'},
];

function reasonCell(r: RightsizeRecommendation, style: Style): Cell {
  const words = REASON_WORDS[r.reason];
  if (r.reason === 'shrink') return painted(words, style.green);
  if (r.reason === 'grow' || r.reason === 'exceeds-largest') return painted(words, style.red);
  if (r.reason === 'thin-data' || r.reason === 'tight') return painted(words, style.yellow);
  return words;
}

function arm64Cell(r: RightsizeRecommendation): string {
  if (r.arm64 !== null) return signedDollars(r.arm64.extraSaving);
  return r.arm64Unavailable === 'windows' ? 'n/a (Windows)' : 'n/a (already arm64)';
}

function recommendationRows(result: RightsizeResult, style: Style, totalLabel = 'total'): Cell[][] {
  const rows: Cell[][] = result.recommendations.map((r) => [
    nameText(r),
    r.name.cluster,
    sizeText(r.current),
    sizeText(r.recommended),
    reasonCell(r, style),
    dollars(r.currentPrice.monthly),
    dollars(r.recommendedPrice.monthly),
    signedDollars(r.monthlySaving),
    arm64Cell(r),
  ]);
  const arm64Extra = result.recommendations.reduce(
    (sum, r) => (r.arm64 ? sum.plus(r.arm64.extraSaving) : sum),
    new D(0),
  );
  rows.push([
    totalLabel,
    '',
    '',
    '',
    '',
    dollars(result.totals.currentMonthly),
    dollars(result.totals.recommendedMonthly),
    signedDollars(result.totals.monthlySaving),
    signedDollars(arm64Extra),
  ]);
  return rows;
}

const useColumns: Column[] = [
  {header: 'service / family', shrink: {order: 1, min: 12}},
  {header: 'CPU p50', align: 'right'},
  {header: 'p90', align: 'right'},
  {header: 'p95', align: 'right'},
  {header: 'p99', align: 'right'},
  {header: 'max', align: 'right'},
  {header: 'memory p50', align: 'right'},
  {header: 'p95', align: 'right'},
  {header: 'p99', align: 'right'},
  {header: 'max', align: 'right'},
  {header: 'samples', align: 'right'},
  {header: 'days', align: 'right'},
  {header: 'missing', align: 'right'},
  {header: 'tasks', align: 'right'},
];

function useRows(result: RightsizeResult): string[][] {
  return result.recommendations.map((r) => {
    const c = r.coverage;
    return [
      nameText(r),
      share(r.cpu.p50, r.current.cpu),
      share(r.cpu.p90, r.current.cpu),
      share(r.cpu.p95, r.current.cpu),
      share(r.cpu.p99, r.current.cpu),
      share(r.cpu.max, r.current.cpu),
      share(r.memory.p50, r.current.memory),
      share(r.memory.p95, r.current.memory),
      share(r.memory.p99, r.current.memory),
      share(r.memory.max, r.current.memory),
      String(c.samples),
      spanDays(c.toMs - c.fromMs),
      missingShare(c),
      c.tasksKnown ? c.averageTasks.toDecimalPlaces(2).toString() : '1 (assumed)',
    ];
  });
}

function mixText(result: RightsizeResult): string {
  const onlyOnDemand = result.strategy.every((item) => item.provider === 'FARGATE');
  return onlyOnDemand
    ? 'On-Demand (FARGATE alone)'
    : `the strategy ${formatStrategy(result.strategy)}, split over each service's average tasks (rounded, at least 1)`;
}

function noteLines(result: RightsizeResult): string[] {
  return result.recommendations.map(
    (r) => `- ${nameText(r)} (${r.name.cluster}): ${REASON_WORDS[r.reason]}: ${reasonText(r, result.rule)}`,
  );
}

function assumptionLines(result: RightsizeResult): string[] {
  const a = result.assumptions;
  const catalogKind = {embedded: 'embedded snapshot', cache: 'refreshed catalog', file: 'catalog'}[a.catalog.kind];
  const lines = [
    'Assumptions',
    `- rule: ${ruleText(result.rule)}`,
    result.recommendations.some((r) => r.coverage.basis === 'bill-hours')
      ? `- percentiles are nearest-rank over the samples: from the bill, one sample per task and clock hour, its split_line_item_actual_usage over its reserved usage x the task's size (the largest hour it reserved): an hour's average, which hides spikes`
      : `- percentiles are nearest-rank over the samples: with task events, one sample per task a minute; with metrics, one per metric point (a statistic over the service's tasks, so a percentile of per-period figures, not of tasks)`,
    `- the saving prices each size per task-hour (${result.storageGiB} GiB storage, none billed) at ${mixText(result)}, times the average running tasks over the samples' span (a period without a sample counts as none) x ${result.hoursPerMonth} h`,
    `- arm64 (Graviton): the recommended size at arm64 rates; ${ARM64_ASSUMPTION}; Windows runs on x86_64 only`,
    `- prices: ${catalogKind} ${a.catalog.path} (generated ${a.catalog.generatedAt.slice(0, 10)}, ${a.catalog.ageDays} days old)`,
  ];
  const skipped = Object.entries(result.skipped).filter(([, n]) => n > 0);
  if (skipped.length > 0) lines.push(`- skipped: ${skipped.map(([reason, n]) => skipPhrase(reason, n)).join(', ')}`);
  for (const r of result.recommendations) {
    if (!r.currentIsFargateSize)
      lines.push(`! ${nameText(r)}: the current reservation ${sizeText(r.current)} is not a Fargate size`);
    if (r.otherReservations.length > 0)
      lines.push(
        `! ${nameText(r)}: the reservation changed in the window (also ${r.otherReservations.map(sizeText).join(', ')}); the latest is taken as current`,
      );
    if (!r.coverage.tasksKnown) lines.push(`! ${nameText(r)}: the metrics give no RunningTaskCount: priced as 1 task`);
    if (memoryHidden(r))
      lines.push(
        r.coverage.memoryPeak === 'hourly-average'
          ? `! ${nameText(r)}: memory is judged at the highest hourly average of the bill: a peak within an hour is not seen, and a task whose memory peaks above its size is killed; a weak guard: confirm with Container Insights before shrinking`
          : `! ${nameText(r)}: memory is judged at the highest per-period average: a short peak above it (which kills a task) is not seen; query MemoryUtilized with the Maximum statistic`,
      );
  }
  if (a.catalog.stale) lines.push(`! the price catalog is ${a.catalog.ageDays} days old: rates may have changed since`);
  return lines;
}

function headline(result: RightsizeResult): string {
  const n = result.recommendations.length;
  const shrink = result.recommendations.filter((r) => r.reason === 'shrink').length;
  const grow = result.recommendations.filter((r) => r.reason === 'grow' || r.reason === 'exceeds-largest').length;
  const saving = result.totals.monthlySaving;
  const money = saving.isZero()
    ? 'no saving'
    : saving.isNegative()
      ? `costs ${dollars(saving.negated())} more a month`
      : `saves ${dollars(saving)} a month`;
  return `${plural(n, 'service or family', 'services or families')}: ${shrink} to shrink, ${grow} to grow; ${money}`;
}

function coTable(result: RightsizeResult, style: Style, width?: number): string[] {
  const co = coLines(result);
  if (co === undefined) return [];
  const [first, ...rest] = co.notes;
  const why = rest.indexOf('Why they can differ');
  return [
    style.bold("Compute Optimizer's recommendation beside this one"),
    ...(co.rows.length > 0 ? [renderTable(coColumns, co.rows, style, width)] : []),
    first!,
    ...rest.slice(0, why),
    '',
    style.bold(rest[why]!),
    ...rest.slice(why + 1),
    '',
  ];
}

function coMarkdown(result: RightsizeResult): string[] {
  const co = coLines(result);
  if (co === undefined) return [];
  const [first, ...rest] = co.notes;
  const why = rest.indexOf('Why they can differ');
  return [
    "#### Compute Optimizer's recommendation beside this one",
    '',
    ...(co.rows.length > 0 ? [renderMarkdownTable(coColumns, co.rows), ''] : []),
    first!,
    '',
    ...(why > 0 ? [...rest.slice(0, why), ''] : []),
    '##### Why they can differ',
    '',
    ...rest.slice(why + 1),
    '',
  ];
}

export function renderRightsizeTable(raw: RightsizeResult, style: Style = PLAIN, width?: number): string {
  const result = inertData(raw);
  const assumptions = assumptionLines(result);
  const out = [
    `${style.bold('fargate-cost rightsize')}: ${headline(result)}`,
    '',
    style.bold('Recommended sizes'),
    renderTable(recommendationColumns, recommendationRows(result, style), style, width),
    '',
    style.bold('Use against the reservation (CPU units, MiB; share of the current size)'),
    renderTable(useColumns, useRows(result), style, width),
    '',
    style.bold('Why'),
    ...noteLines(result),
    '',
    ...coTable(result, style, width),
    style.bold(assumptions[0]!),
    ...assumptions.slice(1).map((line) => (line.startsWith('! ') ? style.yellow(line) : line)),
  ];
  return `${wrapText(out.join('\n'), width)}\n`;
}

export function renderRightsizeMarkdown(raw: RightsizeResult): string {
  const result = inertData(raw, inertMarkdown);
  const plain = createStyle(false);
  return `${[
    `### Fargate rightsize: ${headline(result)}`,
    '',
    renderMarkdownTable(recommendationColumns, recommendationRows(result, plain, '**total**')),
    '',
    '#### Use against the reservation (CPU units, MiB; share of the current size)',
    '',
    renderMarkdownTable(useColumns, useRows(result)),
    '',
    '#### Why',
    '',
    ...noteLines(result),
    '',
    ...coMarkdown(result),
    '<details><summary>Assumptions</summary>',
    '',
    ...markdownAssumptions(assumptionLines(result)),
    '',
    '</details>',
  ].join('\n')}\n`;
}

function coCsv(view: ComputeOptimizerView | null): string[] {
  if (view === null) return ['', '', '', '', ''];
  return [
    view.finding,
    view.best ? String(view.best.size.cpu) : '',
    view.best ? String(view.best.size.memory) : '',
    view.best?.monthlySavings ? view.best.monthlySavings.toString() : '',
    view.best?.currency ?? '',
  ];
}

/** One row per service or family. */
export function renderRightsizeCsv(result: RightsizeResult): string {
  const header = [
    'name',
    'by',
    'cluster',
    'region',
    'current_cpu',
    'current_memory',
    'recommended_cpu',
    'recommended_memory',
    'reason',
    'cpu_p50',
    'cpu_p90',
    'cpu_p95',
    'cpu_p99',
    'cpu_max',
    'memory_p50',
    'memory_p90',
    'memory_p95',
    'memory_p99',
    'memory_max',
    'samples',
    'from',
    'to',
    'average_tasks',
    'current_monthly',
    'recommended_monthly',
    'monthly_saving',
    'arm64_monthly',
    'arm64_extra_saving',
  ];
  const co = result.computeOptimizer !== undefined;
  if (co) header.push('co_finding', 'co_cpu', 'co_memory', 'co_monthly_savings', 'co_currency');
  const rows = result.recommendations.map((r) => [
    r.name.name,
    r.name.by,
    r.name.cluster,
    r.name.region ?? '',
    String(r.current.cpu),
    String(r.current.memory),
    String(r.recommended.cpu),
    String(r.recommended.memory),
    r.reason,
    String(r.cpu.p50),
    String(r.cpu.p90),
    String(r.cpu.p95),
    String(r.cpu.p99),
    String(r.cpu.max),
    String(r.memory.p50),
    String(r.memory.p90),
    String(r.memory.p95),
    String(r.memory.p99),
    String(r.memory.max),
    String(r.coverage.samples),
    iso(r.coverage.fromMs),
    iso(r.coverage.toMs),
    r.coverage.averageTasks.toDecimalPlaces(6).toString(),
    r.currentPrice.monthly.toDecimalPlaces(6).toString(),
    r.recommendedPrice.monthly.toDecimalPlaces(6).toString(),
    r.monthlySaving.toDecimalPlaces(6).toString(),
    r.arm64 ? r.arm64.priced.monthly.toDecimalPlaces(6).toString() : '',
    r.arm64 ? r.arm64.extraSaving.toDecimalPlaces(6).toString() : '',
    ...(co ? coCsv(r.computeOptimizer ?? null) : []),
  ]);
  return renderCsv(header, rows);
}

export function renderRightsize(
  result: RightsizeResult,
  format: Format,
  style: Style = PLAIN,
  width?: number,
  meta?: JsonMeta,
): string {
  switch (format) {
    case 'json':
      return stringifyJson(jsonDocument('rightsize', rightsizeJson(result), meta));
    case 'csv':
      return renderRightsizeCsv(result);
    case 'markdown':
      return renderRightsizeMarkdown(result);
    case 'table':
      return renderRightsizeTable(result, style, width);
  }
}
