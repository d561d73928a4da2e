import {Box, Text} from 'ink';
import {useMemo} from 'react';
import type {CompareResult, CurvePoint, Scenario} from '../../model/compare.js';
import {
  compareNoteText,
  describeCompareInput,
  partStrategy,
  placementWhy,
  recommendationLabel,
  scenarioLabel,
} from '../../report/compare-text.js';
import {D, type Dec, ZERO} from '../../money/decimal.js';
import {formatDuration, formatPercent, formatUsd, formatUsdAdaptive} from '../../money/format.js';
import {optionLabel, type OptionId, PLAN_IDS} from '../../model/types.js';
import {type Layout, packSegments} from '../layout.js';
import {fit, padEnd, padStart, wrapLines} from '../../report/width.js';
import type {AnalysedPlan} from '../../analysis/compare-plans.js';
import {
  columnOf,
  type CompareOutcome,
  type CompareViewState,
  curveLines,
  curveSamples,
  markerLine,
  type SliderReading,
  sliderMax,
} from '../state/compare.js';
import {paint, useTheme} from '../theme.js';
import {SECTION_LABEL_WIDTH} from './RateSources.js';

export interface CompareViewProps {
  readonly state: CompareViewState;
  /** compareWithPlans() on the view's input, or why it could not run. */
  readonly outcome: CompareOutcome;
  /** The plan on screen, from the outcome. */
  readonly plan: AnalysedPlan | null;
  readonly slider: SliderReading | null;
  /** What the comparison is of: "the history" or "the Estimate view's task". */
  readonly source: string;
  readonly layout: Layout;
}

const Y_LABEL_WIDTH = 10;
const NO_CURVE: readonly CurvePoint[] = [];
const percent = (ratio: Dec | null) => (ratio === null ? '–' : formatPercent(ratio));

function planName(index: number): string {
  return optionLabel(`savings-plan-${PLAN_IDS[index]!}` as OptionId);
}

function scenarioCells(scenario: Scenario, basis: CompareResult['input']['basis'], short: boolean): string[] {
  return [
    scenarioLabel(scenario, basis, short),
    scenario.monthlyCost ? formatUsd(scenario.monthlyCost) : '–',
    scenario.savingsRatio && scenario.kind !== 'on-demand' ? formatPercent(scenario.savingsRatio) : '–',
    scenario.upfront && !scenario.upfront.isZero() ? formatUsd(scenario.upfront) : '–',
    scenario.commitmentPerHour ? formatUsd(scenario.commitmentPerHour, 3) : '–',
    percent(scenario.utilization),
  ];
}

/** Under the chart: $0/h at the left, the slider's end at the right, in as many words as fit. */
function axisLine(chartWidth: number, end: string): string {
  const right = [
    `cost a month by commitment; every hour covered at ${end}/h`,
    `every hour covered at ${end}/h`,
    `${end}/h`,
  ].find((text) => [...text].length + 5 <= chartWidth);
  return right ? `$0/h${padStart(right, chartWidth - 4)}` : '$0/h';
}

/** The Compare view: a plan, its commitment on a slider over the cost curve, the ranked scenarios, Spot risk and the mix. */
export function CompareView({state, outcome, plan, slider, source, layout}: CompareViewProps) {
  const theme = useTheme();
  const width = layout.columns - 1;
  // Compare's curve for the plan, from no commitment to the peak (none when nothing is eligible).
  const curve = slider && plan ? plan.analysis.curve : NO_CURVE;
  const monthHours = outcome.ok ? outcome.result.input.monthHours : 0;
  // The y labels take what the curve's top needs ("$1,495.85 ┤"): the cost is convex in the commitment, so its top is at an end.
  const top = useMemo(
    () => curveSamples(curve, monthHours, 2).reduce((high, end) => D.max(high, end.monthlyCost), ZERO),
    [curve, monthHours],
  );
  const labelWidth = Math.max(Y_LABEL_WIDTH, formatUsd(top).length + 2);
  const chartWidth = Math.max(10, width - labelWidth - 1);
  // The curve depends on the plan and the width only: the slider moving does not redraw it.
  const samples = useMemo(() => curveSamples(curve, monthHours, chartWidth), [curve, monthHours, chartWidth]);
  if (!outcome.ok) {
    return (
      <Box flexDirection="column" width={layout.columns}>
        <Text bold>{fit(`Compare ${source}`, width)}</Text>
        <Text {...paint(theme.bad)}>{wrapLines(`cannot compare this: ${outcome.error}`, width).join('\n')}</Text>
      </Box>
    );
  }
  const result = outcome.result;
  const onDemand = result.scenarios.find((s) => s.id === 'on-demand')?.monthlyCost ?? ZERO;
  // Spot re-runs expected on top of what the plan costs (compare adds them to every plan scenario).
  const overhead = result.scenarios.find((s) => s.kind === 'as-configured')?.spotOverheadMonthlyCost ?? ZERO;
  const recommendation = result.recommendation;
  const risk = result.spotRisk;

  const serviceRisks = risk.components.filter((c) => c.risk.kind === 'service');
  const batch = risk.components.filter((c) => c.risk.kind === 'batch');
  const lostWork = [
    serviceRisks.length > 0
      ? `services ${formatDuration(Number(serviceRisks[0]!.risk.lostWorkSeconds.toFixed(0)))}`
      : null,
    batch.length > 0
      ? `batch ${formatDuration(Number(batch[0]!.risk.lostWorkSeconds.toFixed(0)))}${batch[0]!.risk.lostWorkSource === 'default' ? ' (half a run)' : ''}`
      : null,
  ]
    .filter(Boolean)
    .join(', ');
  const rateSource = {history: 'measured', flag: 'set here', default: 'default'}[risk.parameters.interruptionSource];
  // What the keys set comes first, so a narrow terminal still shows it; then what it costs and how old the rates are.
  const spotRows = packSegments(
    [
      ...(risk.windows && result.input.components.every((c) => c.os === 'windows')
        ? ['Windows tasks cannot run on Fargate Spot']
        : [
            `${risk.parameters.interruptionsPerTaskHour.toDecimalPlaces(6).toString()} interruptions per task-hour (${rateSource}, i/I)`,
            `lost work ${lostWork} (w/W)`,
            `image pull ${risk.parameters.imagePullSeconds.toDecimalPlaces(1).toString()} s (${risk.parameters.imagePullSource === 'history' ? 'measured' : 'default'})`,
          ]),
      recommendation.spotMonthlyCost.isZero()
        ? 'the mix uses no Spot'
        : `Spot in the mix ${formatUsd(recommendation.spotMonthlyCost)} a month, ${formatUsdAdaptive(recommendation.spotOverheadMonthlyCost)} of it expected re-runs`,
      ...(risk.ratesAsOf ? [`Spot rates of ${risk.ratesAsOf} (${risk.ratesAgeDays} days old)`] : []),
    ],
    width - SECTION_LABEL_WIDTH,
    2,
  );
  // The mix's settings (+/- and t) on one row, or in fewer words on two when one is too narrow.
  const tolerance = `Spot for ${state.spotTolerant === null ? 'batch work and services already on Spot' : state.spotTolerant ? 'all work (--spot-tolerant)' : 'no work (--no-spot-tolerant)'} (t)`;
  const baseText = (short: boolean) =>
    state.onDemandBase === null
      ? short
        ? 'Spot-tolerant services keep 1 task on FARGATE (0 if all on Spot) (+/-)'
        : 'a Spot-tolerant service keeps 1 task on FARGATE (none if all on Spot already) (+/-)'
      : `${short ? 'Spot-tolerant services keep' : 'a Spot-tolerant service keeps'} ${state.onDemandBase} task${state.onDemandBase === 1 ? '' : 's'} on FARGATE (+/-)`;
  const settingsWide = packSegments([baseText(false), tolerance], width - SECTION_LABEL_WIDTH, 1);
  const settingsRows =
    settingsWide.length === 1 && settingsWide[0]!.endsWith('(t)')
      ? settingsWide
      : packSegments([baseText(true), tolerance], width - SECTION_LABEL_WIDTH, 2);

  // Rows: title, plan, commitment, reading, chart + markers + axis, scenarios, Spot, mix (1 + settings + parts).
  // The mix lists its workloads while rows allow (at most 6): the rest are counted on one line.
  const partRoom = Math.max(1, Math.min(6, layout.bodyRows - 20));
  const mixParts =
    recommendation.parts.length <= partRoom ? recommendation.parts : recommendation.parts.slice(0, partRoom - 1);
  const moreParts = recommendation.parts.length - mixParts.length;
  const notes = result.assumptions.notes.filter((note) => note.kind === 'runs-placed').map(compareNoteText);
  const fixedRows =
    4 + 2 + spotRows.length + 1 + settingsRows.length + mixParts.length + (moreParts > 0 ? 1 : 0) + notes.length;
  const spare = Math.max(0, layout.bodyRows - fixedRows);
  const chartHeight = Math.max(2, Math.min(8, Math.floor(spare * 0.45)));
  // The scenario table's heading and its rows.
  const scenarioRows = Math.max(2, spare - chartHeight);

  // From the cheapest commitment AWS sells (no column is below it) to the dearer end.
  const chart = curveLines(samples, chartHeight, slider ? {low: slider.best.monthlyCost, high: top} : undefined);
  const end = slider ? sliderMax(slider.peak) : ZERO;
  const markers =
    slider && samples.length > 0
      ? markerLine(
          chartWidth,
          columnOf(slider.best.commitmentPerHour, end, chartWidth),
          columnOf(slider.at.commitmentPerHour, end, chartWidth),
        )
      : '';

  const at = slider?.at;
  const commitLine = slider
    ? slider.atBest
      ? `${formatUsd(slider.at.commitmentPerHour, 3)}/h  ◆ the optimum${slider.noCommitment ? ': no commitment pays off (usage too spiky or too low)' : ` (exactly $${slider.exact.toDecimalPlaces(6).toString()}/h; AWS sells $0.001 steps)`}`
      : `${formatUsd(slider.at.commitmentPerHour, 3)}/h  ● yours; ▲ the optimum is ${formatUsd(slider.best.commitmentPerHour, 3)}/h (b)`
    : 'nothing here a Compute Savings Plan covers (Spot, storage and the Windows licence never are)';
  const monthly = at ? at.monthlyCost.plus(overhead) : null;
  const reading =
    at && monthly
      ? [
          `monthly ${formatUsd(monthly)}`,
          monthly.gt(onDemand)
            ? `costs ${formatUsd(monthly.minus(onDemand))} more than On-Demand`
            : `saves ${formatUsd(onDemand.minus(monthly))} (${onDemand.isZero() ? '–' : formatPercent(onDemand.minus(monthly).div(onDemand))}) vs On-Demand`,
          `utilization ${percent(at.utilization)}`,
          `coverage ${percent(at.coverage)}`,
          `upfront ${formatUsd(at.upfront)}`,
        ].join(' · ')
      : '';

  const scenarios = result.scenarios.filter((s) => s.available && s.kind !== 'commitment');
  const shownCount = Math.min(scenarios.length, scenarioRows - 1);
  const headers = ['scenario (cheapest first)', 'monthly', 'saving', 'upfront', 'commit/h', 'util.'];
  const fullCells = scenarios.map((scenario) => scenarioCells(scenario, result.input.basis, false));
  const restWidth = headers
    .slice(1)
    .reduce(
      (total, header, i) => total + 2 + Math.max(header.length, ...fullCells.map((cells) => [...cells[i + 1]!].length)),
      0,
    );
  // Full labels when they fit, else short ones, so plans stay apart in the first column.
  const short = Math.max(...fullCells.map((cells) => [...cells[0]!].length)) + restWidth > width;
  const cells = short ? scenarios.map((scenario) => scenarioCells(scenario, result.input.basis, true)) : fullCells;
  const widths = headers.map((header, i) => Math.max(header.length, ...cells.map((row) => [...row[i]!].length)));
  widths[0] = Math.max(16, Math.min(widths[0]!, width - 2 - widths.slice(1).reduce((a, b) => a + b + 2, 0)));
  // A table cut short says how much of it is shown, in as many words as fit.
  if (shownCount < scenarios.length) {
    const counted = [
      `scenario (cheapest ${shownCount} of ${scenarios.length})`,
      `${shownCount} of ${scenarios.length}, cheapest first`,
    ];
    headers[0] = counted.find((text) => [...text].length <= widths[0]!) ?? `${shownCount} of ${scenarios.length}`;
  }
  const row = (texts: readonly string[]) =>
    texts
      .map((text, i) => (i === 0 ? padEnd(fit(text, widths[0]!), widths[0]!) : padStart(text, widths[i]!)))
      .join('  ');
  const shownScenarios = scenarios.slice(0, shownCount);

  return (
    <Box flexDirection="column" width={layout.columns} flexShrink={0}>
      <Text wrap="truncate-end">
        <Text bold>{fit(`Compare ${source}: `, width)}</Text>
        <Text dimColor>
          {fit(describeCompareInput(result.input.description), Math.max(0, width - source.length - 10))}
        </Text>
      </Text>
      {notes.map((note) => (
        <Text key={note} dimColor wrap="truncate-end">
          {fit(`${' '.repeat(SECTION_LABEL_WIDTH)}${note}`, width)}
        </Text>
      ))}
      <Text wrap="truncate-end">
        <Text bold>{padEnd('Plan', SECTION_LABEL_WIDTH)}</Text>
        <Text bold {...paint(theme.accent)}>{`◂ ${planName(state.planIndex)} ▸`}</Text>
        <Text dimColor>{`  ${state.planIndex + 1} of ${PLAN_IDS.length} (↑↓)`}</Text>
      </Text>
      <Text wrap="truncate-end">
        <Text bold>{padEnd('Commit', SECTION_LABEL_WIDTH)}</Text>
        {fit(commitLine, width - SECTION_LABEL_WIDTH)}
      </Text>
      <Text wrap="truncate-end" {...paint(theme.good)}>
        {fit(`${' '.repeat(SECTION_LABEL_WIDTH)}${reading}`, width)}
      </Text>
      {chart.lines.map((line, i) => (
        <Text key={`chart-${i}`} wrap="truncate-end">
          <Text dimColor>
            {padStart(
              i === 0 ? formatUsd(chart.high) : i === chart.lines.length - 1 ? formatUsd(chart.low) : '',
              labelWidth - 2,
            )}
          </Text>
          <Text dimColor>{' ┤'}</Text>
          <Text {...paint(theme.bar)}>{line}</Text>
        </Text>
      ))}
      {markers ? (
        <Text wrap="truncate-end">
          {padEnd('', labelWidth)}
          <Text bold {...paint(theme.accent)}>
            {markers}
          </Text>
        </Text>
      ) : null}
      {samples.length > 0 ? (
        <Text dimColor wrap="truncate-end">
          {padEnd('', labelWidth)}
          {axisLine(chartWidth, formatUsd(end, 3))}
        </Text>
      ) : null}
      <Text dimColor wrap="truncate-end">
        {row(headers)}
      </Text>
      {shownScenarios.map((scenario) => {
        const recommended = scenario.kind === 'recommended';
        return (
          <Text
            key={scenario.id}
            wrap="truncate-end"
            bold={recommended}
            {...paint(recommended ? theme.good : undefined)}
          >
            {row(scenarioCells(scenario, result.input.basis, short))}
          </Text>
        );
      })}
      {spotRows.map((line, i) => (
        <Text key={`spot-${i}`} wrap="truncate-end" dimColor={i > 0}>
          <Text bold>{padEnd(i === 0 ? 'Spot' : '', SECTION_LABEL_WIDTH)}</Text>
          {line}
        </Text>
      ))}
      <Text wrap="truncate-end">
        <Text bold>{padEnd('Mix', SECTION_LABEL_WIDTH)}</Text>
        <Text bold {...paint(theme.good)}>
          {fit(`${formatUsd(recommendation.monthlyCost)} a month`, 20)}
        </Text>
        {fit(
          ` against ${formatUsd(recommendation.onDemandMonthlyCost)} all On-Demand: ${recommendationLabel(recommendation)}`,
          width - SECTION_LABEL_WIDTH - 20,
        )}
      </Text>
      {settingsRows.map((line) => (
        <Text key={line} dimColor wrap="truncate-end">
          {`${' '.repeat(SECTION_LABEL_WIDTH)}${line}`}
        </Text>
      ))}
      {mixParts.map((part) => (
        <Text key={part.component} dimColor wrap="truncate-end">
          {fit(
            `${' '.repeat(SECTION_LABEL_WIDTH)}${part.component}: ${part.placement === 'on-demand' ? 'On-Demand' : part.placement === 'spot' ? 'Fargate Spot' : 'Spot with an On-Demand base'}${part.strategy ? ` (${partStrategy(part)})` : ''}: ${placementWhy(part)}`,
            width,
          )}
        </Text>
      ))}
      {moreParts > 0 ? (
        <Text dimColor wrap="truncate-end">
          {fit(
            `${' '.repeat(SECTION_LABEL_WIDTH)}and ${moreParts} more workload${moreParts === 1 ? '' : 's'} (a taller terminal lists them; "fargate-cost compare" prints all)`,
            width,
          )}
        </Text>
      ) : null}
    </Box>
  );
}
