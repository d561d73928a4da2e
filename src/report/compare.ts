import type {CompareResult, PlanAnalysis, Scenario, StrategyFacts} from '../model/compare.js';
import type {BodyOf} from '../contract/index.js';
import {scenarioOption, staleLabel, staleNote, staleScenarioMonth} from './stale.js';
import {
  arithmeticWords,
  compareNoteText,
  describeCompareInput,
  partStrategy,
  placementWhy,
  planLabel,
  recommendationLabel,
  scenarioGapText,
  scenarioLabel,
  scenarioRiskNotes,
} from './compare-text.js';
import {formatStrategy} from './text.js';
import {awsRecommendationJson, awsRecommendationLines, ownedJson, ownedLines} from './compare-owned.js';

type Basis = CompareResult['input']['basis'];
import type {CommitmentCost, CurvePoint} from '../analysis/savings-plan.js';
import {D, dec, type Dec} from '../money/decimal.js';
import {formatPercent} from '../money/format.js';
import {planParts} from '../model/types.js';
import type {Format} from './format.js';
import {currencyLines, markdownAssumptions, withCurrencyColumn} from './estimate.js';
import {converted, type MoneyFormat, showAdaptive, showAmount, USD_MONEY} from './money.js';
import {rateRefJson, jsonDocument, type JsonMeta, stringifyJson} from './json.js';
import {createStyle, type Style, PLAIN} from './style.js';
import {inertData, inertMarkdown} from './inert.js';
import {wrapText} from './width.js';
import {
  type Cell,
  type Column,
  csvFigure,
  csvMoney,
  painted,
  renderCsv,
  renderMarkdownTable,
  renderTable,
} from './table.js';

const str = (value: Dec | null): string | null => (value === null ? null : value.toString());
const percentString = (ratio: Dec | null): string | null => (ratio === null ? null : ratio.times(100).toString());
const dash = '–';
const hoursProfiled = (hours: number) => `${hours} hour${hours === 1 ? '' : 's'} profiled`;

function commitmentJson(cost: CommitmentCost) {
  return {
    commitmentPerHour: cost.commitmentPerHour.toString(),
    monthlyCost: cost.monthlyCost.toString(),
    monthlySavings: cost.monthlySavings.toString(),
    upfront: cost.upfront.toString(),
    recurringMonthlyCost: cost.recurringMonthlyCost.toString(),
    utilization: str(cost.utilization),
    coverage: str(cost.coverage),
    hours: cost.hours,
    totalCost: cost.totalCost.toString(),
    commitmentCost: cost.commitmentCost.toString(),
    usedCommitment: cost.usedCommitment.toString(),
    unusedCommitment: cost.unusedCommitment.toString(),
    coveredOnDemandCost: cost.coveredOnDemandCost.toString(),
    uncoveredOnDemandCost: cost.uncoveredOnDemandCost.toString(),
    fixedCost: cost.fixedCost.toString(),
  };
}

const curveJson = (point: CurvePoint) => ({
  commitmentPerHour: point.commitmentPerHour.toString(),
  monthlyCost: point.monthlyCost.toString(),
  utilization: str(point.utilization),
  coverage: str(point.coverage),
});

function strategyJson(facts: StrategyFacts | null) {
  if (facts === null) return null;
  return {
    strategy: facts.strategy.map((item) => ({capacityProvider: item.provider, base: item.base, weight: item.weight})),
    text: formatStrategy(facts.strategy),
    source: facts.source,
    desiredCount: facts.desiredCount,
    fargateTasks: facts.split.onDemand,
    fargateSpotTasks: facts.split.spot,
  };
}

function scenarioJson(scenario: Scenario, rank: number | null, basis: Basis) {
  return {
    rank,
    id: scenario.id,
    label: scenarioLabel(scenario, basis),
    kind: scenario.kind,
    available: scenario.available,
    reason: scenario.gap === null ? null : scenarioGapText(scenario.gap),
    plan: scenario.plan,
    monthlyCost: str(scenario.monthlyCost),
    upfront: str(scenario.upfront),
    savings: str(scenario.savings),
    savingsPercent: percentString(scenario.savingsRatio),
    commitmentPerHour: str(scenario.commitmentPerHour),
    utilization: str(scenario.utilization),
    coverage: str(scenario.coverage),
    spotMonthlyCost: str(scenario.spotMonthlyCost),
    spotOverheadMonthlyCost: str(scenario.spotOverheadMonthlyCost),
    expectedInterruptionsPerMonth: str(scenario.expectedInterruptionsPerMonth),
    riskNotes: scenarioRiskNotes(scenario),
  };
}

function planJson(analysis: PlanAnalysis) {
  const {term, payment} = planParts(analysis.plan);
  return {
    plan: analysis.plan,
    label: planLabel(analysis.plan),
    term,
    payment,
    covered: analysis.covered.map((c) => ({
      region: c.region,
      dimension: c.key,
      onDemandRate: c.onDemandRate.toString(),
      savingsPlanRate: c.savingsPlanRate.toString(),
      savingsPercent: c.savingsRatio.times(100).toString(),
    })),
    missingRates: analysis.missingRates.map((m) => ({region: m.region, dimension: m.key})),
    hourlyOnDemand: {
      min: analysis.hourlyOnDemand.min.toString(),
      mean: analysis.hourlyOnDemand.mean.toString(),
      max: analysis.hourlyOnDemand.max.toString(),
    },
    peakCommitmentPerHour: analysis.peakCommitmentPerHour.toString(),
    exactCommitmentPerHour: analysis.exactCommitmentPerHour.toString(),
    noCommitment: analysis.noCommitment,
    best: commitmentJson(analysis.best),
    atCommitment: analysis.atCommitment === null ? null : commitmentJson(analysis.atCommitment),
    curve: analysis.curve.map(curveJson),
    lookbacks: analysis.lookbacks.map((lookback) => ({
      days: lookback.days,
      exactCommitmentPerHour: lookback.exactCommitmentPerHour.toString(),
      hourlyOnDemand: {
        min: lookback.hourlyOnDemand.min.toString(),
        mean: lookback.hourlyOnDemand.mean.toString(),
        max: lookback.hourlyOnDemand.max.toString(),
      },
      ...commitmentJson(lookback.best),
    })),
  };
}

/** The documented JSON result (docs/compare.md). */
export function compareJson(result: CompareResult): BodyOf<'compare'> {
  let rank = 0;
  const r = result.recommendation;
  const risk = result.spotRisk;
  return {
    input: {
      kind: result.input.kind,
      description: describeCompareInput(result.input.description),
      rightsized: result.input.rightsized,
      hours: result.input.hours,
      startMs: result.input.startMs,
      monthHours: result.input.monthHours,
      components: result.input.components.map((c) => ({...c, strategy: strategyJson(c.strategy)})),
      startTime: result.input.startMs === null ? null : new Date(result.input.startMs).toISOString(),
    },
    scenarios: result.scenarios.map((scenario) =>
      scenarioJson(scenario, scenario.available ? ++rank : null, result.input.basis),
    ),
    recommendation: {
      plan: r.plan,
      label: recommendationLabel(r),
      commitmentPerHour: r.commitmentPerHour.toString(),
      upfront: r.upfront.toString(),
      monthlyCost: r.monthlyCost.toString(),
      onDemandMonthlyCost: r.onDemandMonthlyCost.toString(),
      savings: r.savings.toString(),
      savingsPercent: r.savingsRatio.times(100).toString(),
      utilization: str(r.utilization),
      coverage: str(r.coverage),
      spotMonthlyCost: r.spotMonthlyCost.toString(),
      spotOverheadMonthlyCost: r.spotOverheadMonthlyCost.toString(),
      expectedInterruptionsPerMonth: str(r.expectedInterruptionsPerMonth),
      parts: r.parts.map((part) => ({
        component: part.component,
        kind: part.kind,
        placement: part.placement,
        strategy: partStrategy(part),
        why: placementWhy(part),
      })),
      arithmetic: r.arithmetic.map((line) => ({
        ...arithmeticWords(line),
        monthlyCost: line.monthlyCost.toString(),
      })),
      notes: r.notes.map((note) => compareNoteText(note)),
    },
    savingsPlans: result.savingsPlans.map(planJson),
    spotRisk: {
      interruptionsPerTaskHour: risk.parameters.interruptionsPerTaskHour.toString(),
      interruptionSource: risk.parameters.interruptionSource,
      evidence: risk.parameters.evidence && {
        interruptions: risk.parameters.evidence.interruptions,
        spotTaskHours: risk.parameters.evidence.spotTaskHours.toString(),
      },
      imagePullSeconds: risk.parameters.imagePullSeconds.toString(),
      imagePullSource: risk.parameters.imagePullSource,
      ratesAsOf: risk.ratesAsOf,
      ratesAgeDays: risk.ratesAgeDays,
      windows: risk.windows,
      components: risk.components.map(({component, risk: c}) => ({
        component,
        kind: c.kind,
        lostWorkSeconds: c.lostWorkSeconds.toString(),
        lostWorkSource: c.lostWorkSource,
        overheadSeconds: c.overheadSeconds.toString(),
        overheadRatio: c.overheadRatio.toString(),
      })),
    },
    owned: ownedJson(result.owned),
    awsRecommendation: awsRecommendationJson(result.awsRecommendation),
    assumptions: {
      ...result.assumptions,
      rates: result.assumptions.rates.map(rateRefJson),
      notes: result.assumptions.notes.map((note) => compareNoteText(note)),
      warnings: result.assumptions.warnings.map((note) => compareNoteText(note)),
    },
  };
}

/** "saves $X (Y%)", or "costs $X (Y%) more" when negative. */
function savesText(savings: Dec, ratio: Dec, style: Style): string {
  return savings.isNegative()
    ? `costs ${showAmount(style.money, savings.negated())} (${formatPercent(ratio.negated())}) more`
    : `saves ${showAmount(style.money, savings)} (${formatPercent(ratio)})`;
}

/** On a narrow terminal coverage, utilization, upfront, the rank and the commitment give way before the scenario is cut. */
const scenarioColumns: Column[] = [
  {header: '#', align: 'right', drop: 4},
  {header: 'scenario', shrink: {order: 6, min: 24}},
  {header: 'monthly', align: 'right'},
  {header: 'saving', align: 'right', drop: 7},
  {header: 'upfront', align: 'right', drop: 3},
  {header: 'commit/h', align: 'right', drop: 5},
  {header: 'util.', align: 'right', drop: 2},
  {header: 'coverage', align: 'right', drop: 1},
];

function scenarioRow(scenario: Scenario, rank: number, result: CompareResult, style: Style): Cell[] {
  const saving =
    scenario.savingsRatio === null || scenario.kind === 'on-demand' ? dash : formatPercent(scenario.savingsRatio);
  const name = scenarioLabel(scenario, result.input.basis, false, style.money);
  const {rates, catalog} = result.assumptions;
  const stale = staleScenarioMonth(scenario, rates, catalog.staleBefore);
  const label =
    stale !== undefined
      ? painted(staleLabel(name, scenarioOption(scenario), stale), style.yellow)
      : scenario.kind === 'recommended'
        ? painted(name, style.bold)
        : name;
  return [
    String(rank),
    label,
    showAmount(style.money, scenario.monthlyCost!),
    saving,
    scenario.upfront === null || scenario.upfront.isZero() ? dash : showAmount(style.money, scenario.upfront),
    scenario.commitmentPerHour === null ? dash : showAmount(style.money, scenario.commitmentPerHour, 3),
    scenario.utilization === null ? dash : formatPercent(scenario.utilization),
    scenario.coverage === null ? dash : formatPercent(scenario.coverage),
  ];
}

function available(result: CompareResult): Scenario[] {
  return result.scenarios.filter((scenario) => scenario.available);
}

/** Eight-level bars of the cost curve, lowest cost lowest bar. */
export function sparkline(values: readonly Dec[]): string {
  const bars = '▁▂▃▄▅▆▇█';
  if (values.length === 0) return '';
  const low = D.min(...values);
  const high = D.max(...values);
  const span = high.minus(low);
  return values
    .map((value) =>
      span.isZero()
        ? bars[0]
        : bars[Number(value.minus(low).div(span).times(7).toDecimalPlaces(0, D.ROUND_HALF_UP).toFixed(0))],
    )
    .join('');
}

/**
 * The monthly cost at `width` evenly spaced commitments from 0 to the curve's end. F is linear
 * between breakpoints, so interpolating between the curve's points is exact when the curve holds
 * every breakpoint (and a close drawing when it was downsampled).
 */
export function resample(curve: readonly CurvePoint[], width: number): {commitmentPerHour: Dec; monthlyCost: Dec}[] {
  const end = curve[curve.length - 1]!.commitmentPerHour;
  let j = 0;
  return Array.from({length: width}, (_, i) => {
    const x = end.times(i).div(width - 1);
    while (j < curve.length - 2 && curve[j + 1]!.commitmentPerHour.lt(x)) j++;
    const a = curve[j]!;
    const b = curve[Math.min(j + 1, curve.length - 1)]!;
    const span = b.commitmentPerHour.minus(a.commitmentPerHour);
    const monthlyCost = span.isZero()
      ? a.monthlyCost
      : a.monthlyCost.plus(b.monthlyCost.minus(a.monthlyCost).times(x.minus(a.commitmentPerHour)).div(span));
    return {commitmentPerHour: x, monthlyCost};
  });
}

function strategyLine(facts: StrategyFacts): string {
  const base = facts.strategy.find((item) => item.base > 0);
  const baseTasks = base ? Math.min(base.base, facts.desiredCount) : 0;
  const weighted = facts.desiredCount - baseTasks;
  const weights = facts.strategy.filter((item) => item.weight > 0);
  const parts = [
    base ? `base ${baseTasks} on ${base.provider}` : null,
    weighted > 0
      ? `${weighted} task${weighted === 1 ? '' : 's'} by weight ${weights.map((item) => `${item.provider} ${item.weight}`).join(' : ')}`
      : null,
  ].filter(Boolean);
  return `${formatStrategy(facts.strategy)} for ${facts.desiredCount} task${facts.desiredCount === 1 ? '' : 's'}: ${parts.join(', then ')} -> ${facts.split.onDemand} on FARGATE, ${facts.split.spot} on FARGATE_SPOT (${facts.source})`;
}

export function compareAssumptionLines(result: CompareResult, style: Style): string[] {
  const a = result.assumptions;
  const catalogKind = {embedded: 'embedded snapshot', cache: 'refreshed catalog', file: 'catalog'}[a.catalog.kind];
  return [
    style.bold('Assumptions'),
    `- prices: ${catalogKind} ${a.catalog.path} (generated ${a.catalog.generatedAt.slice(0, 10)}, ${a.catalog.ageDays} days old)`,
    ...a.notes.map((note) => `- ${compareNoteText(note, style.money)}`),
    ...currencyLines(style),
    ...a.warnings.map((warning) => style.yellow(`! ${compareNoteText(warning, style.money)}`)),
  ];
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');

function recommendationLines(result: CompareResult, style: Style, width?: number): string[] {
  const r = result.recommendation;
  const out = [
    `${style.bold('Recommendation:')} ${recommendationLabel(r, style.money)}`,
    `  ${style.green(showAmount(style.money, r.monthlyCost))} a month against ${showAmount(style.money, r.onDemandMonthlyCost)} all On-Demand: ${savesText(r.savings, r.savingsRatio, style)}` +
      (r.upfront.isZero() ? '' : `; ${showAmount(style.money, r.upfront)} upfront`),
  ];
  for (const part of r.parts) {
    const where = {
      'on-demand': 'On-Demand',
      spot: 'Fargate Spot',
      'spot-with-on-demand-base': 'Fargate Spot above a FARGATE base',
    }[part.placement];
    out.push(
      `  - ${part.component} (${part.kind}): ${where}${part.strategy ? `, strategy ${partStrategy(part)}` : ''} (${placementWhy(part)})`,
    );
  }
  const rows = r.arithmetic.map((line) => {
    const {label, formula} = arithmeticWords(line, style.money);
    return [label, formula, showAdaptive(style.money, line.monthlyCost)];
  });
  rows.push(['Total', '', showAmount(style.money, r.monthlyCost)]);
  const columns: Column[] = [
    {header: 'how it adds up', shrink: {order: 3, min: 16}},
    {header: '', shrink: {order: 1, min: 20}, drop: 2},
    {header: 'monthly', align: 'right'},
  ];
  out.push(indent(renderTable(columns, rows, style, width === undefined ? undefined : width - 2)));
  for (const note of r.notes) out.push(style.dim(`  ${compareNoteText(note, style.money)}`));
  return out;
}

function plansTable(result: CompareResult, style: Style, width?: number): string {
  const rows = result.savingsPlans.map((analysis) => [
    planLabel(analysis.plan),
    showAmount(style.money, analysis.best.commitmentPerHour, 3),
    converted(style.money, analysis.exactCommitmentPerHour).toDecimalPlaces(6, D.ROUND_HALF_UP).toString(),
    showAmount(style.money, analysis.best.monthlyCost),
    showAmount(style.money, analysis.best.monthlySavings),
    analysis.best.utilization === null ? dash : formatPercent(analysis.best.utilization),
    analysis.best.coverage === null ? dash : formatPercent(analysis.best.coverage),
    analysis.best.upfront.isZero() ? dash : showAmount(style.money, analysis.best.upfront),
    analysis.covered.length === 0
      ? dash
      : [...new Set(analysis.covered.map((c) => formatPercent(dec(1).minus(c.savingsRatio), 1)))].join('/'),
  ]);
  return renderTable(
    [
      {header: 'plan', shrink: {order: 7, min: 16}},
      {header: 'commit/h', align: 'right'},
      {header: 'exact', align: 'right', drop: 1},
      {header: 'monthly', align: 'right'},
      {header: result.owned ? 'vs owned' : 'saving', align: 'right', drop: 6},
      {header: 'util.', align: 'right', drop: 4},
      {header: 'coverage', align: 'right', drop: 3},
      {header: 'upfront', align: 'right', drop: 5},
      {header: 'break-even', align: 'right', drop: 2},
    ],
    rows,
    style,
    width,
  );
}

function curveLines(result: CompareResult, style: Style, width?: number): string[] {
  const plan =
    result.savingsPlans.find((analysis) => analysis.plan === result.recommendation.plan) ?? result.savingsPlans[0];
  if (!plan || plan.curve.length < 2) return [];
  const last = plan.curve[plan.curve.length - 1]!;
  const end = `${showAmount(style.money, last.commitmentPerHour, 3)}/h`;
  const zero = `${style.money.symbol}0/h`;
  // 48 bars, fewer when a terminal is narrower than the line.
  const bars = width === undefined ? 48 : Math.max(8, Math.min(48, width - `  ${zero}  `.length - end.length));
  const points = resample(plan.curve, bars);
  return [
    style.bold(`Monthly cost against commitment (${planLabel(plan.plan)})`),
    `  ${zero} ${sparkline(points.map((point) => point.monthlyCost))} ${end}`,
    style.dim(
      `  ${showAmount(style.money, plan.curve[0]!.monthlyCost)} with no commitment; lowest ${showAmount(style.money, plan.best.monthlyCost)} at ${showAmount(style.money, plan.best.commitmentPerHour, 3)}/h ` +
        `(exact optimum ${style.money.symbol}${converted(style.money, plan.exactCommitmentPerHour).toDecimalPlaces(6, D.ROUND_HALF_UP).toString()}/h); ${showAmount(style.money, last.monthlyCost)} when the peak hour is covered`,
    ),
  ];
}

function lookbackLines(result: CompareResult, style: Style, width?: number): string[] {
  const days = result.savingsPlans[0]?.lookbacks.map((lookback) => lookback.days) ?? [];
  if (days.length === 0) return [];
  const rows = result.savingsPlans.map((analysis) => [
    planLabel(analysis.plan),
    ...analysis.lookbacks.map(
      (lookback) =>
        `${showAmount(style.money, lookback.best.commitmentPerHour, 3)}/h ${lookback.best.utilization === null ? '' : formatPercent(lookback.best.utilization)} ${showAmount(style.money, lookback.best.monthlySavings)}`,
    ),
  ]);
  return [
    style.bold('Look-backs (Cost Explorer style): commitment, utilization, monthly saving over the last N days'),
    renderTable(
      [
        {header: 'plan', shrink: {order: 1, min: 16}},
        // The longest look-backs give way first.
        ...days.map((d, i) => ({
          header: `${d} days`,
          align: 'right' as const,
          ...(i > 0 ? {drop: days.length - i + 1} : {}),
        })),
      ],
      rows,
      style,
      width,
    ),
    '',
  ];
}

function riskLines(result: CompareResult, style: Style): string[] {
  const ranked = available(result);
  const lines = ranked.flatMap((scenario, i) =>
    scenarioRiskNotes(scenario, style.money).length === 0
      ? []
      : [
          `  ${i + 1}. ${scenarioLabel(scenario, result.input.basis, false, style.money)}: ${scenarioRiskNotes(scenario, style.money).join('; ')}`,
        ],
  );
  const missing = result.scenarios
    .filter((s) => !s.available)
    .map((s) =>
      style.dim(
        `  ${scenarioLabel(s, result.input.basis, false, style.money)}: not available (${scenarioGapText(s.gap!)})`,
      ),
    );
  if (lines.length === 0 && missing.length === 0) return [];
  return [style.bold('Risk notes'), ...lines, ...missing, ''];
}

/** The terminal table; `width`: a terminal's, which the tables fit and the lines wrap to. */
export function renderCompareTable(raw: CompareResult, style: Style = PLAIN, width?: number): string {
  const result = inertData(raw);
  const out: string[] = [];
  const hours = result.input.hours;
  out.push(
    style.bold(
      `${result.input.kind === 'history' ? 'History' : 'Estimate'}${result.input.rightsized ? ' at rightsized sizes' : ''}`,
    ) + `: ${describeCompareInput(result.input.description)}`,
  );
  out.push(
    style.dim(
      `  ${hoursProfiled(hours)}${result.input.kind === 'history' && result.input.startMs !== null ? ` from ${new Date(result.input.startMs).toISOString().slice(0, 16)}Z` : ''}; figures per ${result.input.monthHours}-hour month`,
    ),
  );
  const named = result.input.components.length > 1;
  for (const c of result.input.components)
    if (c.strategy) out.push(`  strategy${named ? ` of ${c.name}` : ''}: ${strategyLine(c.strategy)}`);
  out.push('');
  out.push(
    renderTable(
      scenarioColumns,
      available(result).map((scenario, i) => scenarioRow(scenario, i + 1, result, style)),
      style,
      width,
    ),
    '',
  );
  out.push(...riskLines(result, style));
  out.push(...ownedLines(result.owned, style));
  out.push(...recommendationLines(result, style, width), '');
  out.push(...awsRecommendationLines(result.awsRecommendation, style));
  out.push(
    style.bold(
      result.owned
        ? 'Savings Plans: the cheapest commitment to buy on top of the owned plans (AWS sells $0.001 steps)'
        : 'Savings Plans: the cheapest commitment for each plan (AWS sells $0.001 steps)',
    ),
    plansTable(result, style, width),
  );
  out.push(
    style.dim(
      `  exact = the optimum of the piecewise-linear cost; break-even = share of hours a slice of usage must run to be worth committing${result.owned ? '; vs owned = the saving against buying nothing more (the owned plans alone)' : ''}`,
    ),
    '',
  );
  out.push(...curveLines(result, style, width), '');
  out.push(...lookbackLines(result, style, width));
  out.push(...compareAssumptionLines(result, style));
  return `${wrapText(out.join('\n'), width)}\n`;
}

export function renderCompareCsv(result: CompareResult, money: MoneyFormat = USD_MONEY): string {
  let rank = 0;
  const style = createStyle(false, money);
  return renderCsv(
    ...withCurrencyColumn(
      money,
      [
        'rank',
        'id',
        'label',
        'kind',
        'available',
        'plan',
        'monthly_cost',
        'savings',
        'savings_percent',
        'upfront',
        'commitment_per_hour',
        'utilization_percent',
        'coverage_percent',
        'spot_monthly_cost',
        'expected_interruptions_per_month',
        'risk_notes',
        'reason',
      ],
      result.scenarios.map((s) => [
        s.available ? String(++rank) : '',
        s.id,
        scenarioLabel(s, result.input.basis, false, style.money),
        s.kind,
        String(s.available),
        s.plan ?? '',
        csvMoney(money, s.monthlyCost),
        csvMoney(money, s.savings),
        csvFigure(s.savingsRatio?.times(100)),
        csvMoney(money, s.upfront),
        csvMoney(money, s.commitmentPerHour),
        csvFigure(s.utilization?.times(100)),
        csvFigure(s.coverage?.times(100)),
        csvMoney(money, s.spotMonthlyCost),
        csvFigure(s.expectedInterruptionsPerMonth),
        [
          ...scenarioRiskNotes(s, style.money),
          ...staleNote(staleScenarioMonth(s, result.assumptions.rates, result.assumptions.catalog.staleBefore)),
        ].join('; '),
        s.gap === null ? '' : scenarioGapText(s.gap),
      ]),
    ),
  );
}

export function renderCompareMarkdown(raw: CompareResult, money: MoneyFormat = USD_MONEY): string {
  const result = inertData(raw, inertMarkdown);
  const style = createStyle(false, money);
  const r = result.recommendation;
  const out = [
    `**${result.input.kind === 'history' ? 'History' : 'Estimate'}${result.input.rightsized ? ' at rightsized sizes' : ''}**: ${describeCompareInput(result.input.description)} (${hoursProfiled(result.input.hours)}; per ${result.input.monthHours}-hour month)`,
    ...result.input.components.flatMap((c) =>
      c.strategy
        ? [`- strategy${result.input.components.length > 1 ? ` of ${c.name}` : ''}: ${strategyLine(c.strategy)}`]
        : [],
    ),
    '',
    renderMarkdownTable(
      scenarioColumns,
      available(result).map((scenario, i) => scenarioRow(scenario, i + 1, result, style)),
    ),
    '',
    `**Recommendation:** ${recommendationLabel(r, style.money)}: ${showAmount(style.money, r.monthlyCost)} a month against ${showAmount(style.money, r.onDemandMonthlyCost)} all On-Demand, saves ${showAmount(style.money, r.savings)} (${formatPercent(r.savingsRatio)})${r.upfront.isZero() ? '' : `, ${showAmount(style.money, r.upfront)} upfront`}.`,
    '',
    renderMarkdownTable(
      [{header: 'how it adds up'}, {header: 'formula'}, {header: 'monthly', align: 'right'}],
      [
        ...r.arithmetic.map((line) => {
          const {label, formula} = arithmeticWords(line, style.money);
          return [label, formula, showAmount(style.money, line.monthlyCost)];
        }),
        ['**Total**', '', `**${showAmount(style.money, r.monthlyCost)}**`],
      ],
    ),
    '',
    ...[...ownedLines(result.owned, style), ...awsRecommendationLines(result.awsRecommendation, style)].map((line) =>
      line.startsWith('  - ') ? line.slice(2) : line.startsWith('  ') ? `- ${line.slice(2)}` : line,
    ),
    ...markdownAssumptions(compareAssumptionLines(result, style)),
  ];
  return `${out.join('\n')}\n`;
}

export function renderCompare(
  result: CompareResult,
  format: Format,
  style: Style = PLAIN,
  width?: number,
  meta?: JsonMeta,
): string {
  switch (format) {
    case 'json':
      return stringifyJson(jsonDocument('compare', compareJson(result), meta));
    case 'csv':
      return renderCompareCsv(result, style.money);
    case 'markdown':
      return renderCompareMarkdown(result, style.money);
    case 'table':
      return renderCompareTable(result, style, width);
  }
}
