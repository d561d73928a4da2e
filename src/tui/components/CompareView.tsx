import {Box, Text} from 'ink';
import type {CompareResult, CurvePoint, Scenario} from '../../model/compare.js';
import {compareNoteText, describeCompareInput} from '../../report/compare-text.js';
import {type Dec, ZERO} from '../../money/decimal.js';
import {formatPercent, formatUsd} from '../../money/format.js';
import {optionLabel, type OptionId, PLAN_IDS} from '../../model/types.js';
import {type Layout, packSegments} from '../layout.js';
import {fit, padEnd, wrapLines} from '../../report/width.js';
import type {AnalysedPlan} from '../../analysis/compare-plans.js';
import {type CompareOutcome, type CompareViewState, type SliderReading, spotOverheadOf} from '../state/compare.js';
import {paint, useTheme} from '../theme.js';
import {MixRows, mixSettingLines, SpotRows, spotLines} from './CompareSpotMix.js';
import {SECTION_LABEL_WIDTH} from './RateSources.js';
import {CompareChart, chartRows} from './CompareChart.js';
import {percent, ScenarioTable, type ShownScenarios, shownScenarios} from './ScenarioTable.js';

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

const NO_CURVE: readonly CurvePoint[] = [];
const INDENT = ' '.repeat(SECTION_LABEL_WIDTH);

function planName(index: number): string {
  return optionLabel(`savings-plan-${PLAN_IDS[index]!}` as OptionId);
}

/** The commitment on the slider, against the optimum (or why there is nothing to commit to). */
function commitText(slider: SliderReading | null, result: CompareResult): string {
  if (!slider) return 'nothing here a Compute Savings Plan covers (Spot, storage and the Windows licence never are)';
  const owned = result.owned;
  if (owned) {
    const perHour = owned.plans.reduce((total, p) => total.plus(p.fargateCommitmentPerHour), ZERO);
    const more = slider.atBest && slider.noCommitment ? 'nothing more to buy: the owned plans cover it' : null;
    return `${formatUsd(slider.at.commitmentPerHour, 3)}/h on top of ${formatUsd(perHour, 3)}/h owned  ${more ?? (slider.atBest ? '◆ the optimum' : `● yours; ▲ the optimum is ${formatUsd(slider.best.commitmentPerHour, 3)}/h (b)`)}`;
  }
  return slider.atBest
    ? `${formatUsd(slider.at.commitmentPerHour, 3)}/h  ◆ the optimum${slider.noCommitment ? ': no commitment pays off (usage too spiky or too low)' : ` (exactly $${slider.exact.toDecimalPlaces(6).toString()}/h; AWS sells $0.001 steps)`}`
    : `${formatUsd(slider.at.commitmentPerHour, 3)}/h  ● yours; ▲ the optimum is ${formatUsd(slider.best.commitmentPerHour, 3)}/h (b)`;
}

/**
 * What the commitment on the slider costs a month (with Spot's expected re-runs) and how well it is
 * used: monthly, saving, utilization, coverage and upfront, every figure always on screen. Full labels
 * on one line when they fit, else on two; short labels ("util.", "cov.") only when a line cannot
 * hold the full ones.
 */
export function readingLines(slider: SliderReading | null, result: CompareResult, width: number): string[] {
  if (!slider) return [INDENT];
  const at = slider.at;
  const onDemand = result.scenarios.find((s) => s.id === 'on-demand')?.monthlyCost ?? ZERO;
  // Spot re-runs expected on top of what the plan costs (compare adds them to every plan scenario).
  const monthly: Dec = at.monthlyCost.plus(spotOverheadOf(result));
  const ratio = onDemand.isZero() ? '–' : formatPercent(onDemand.minus(monthly).div(onDemand));
  const segments = (short: boolean) => [
    short ? `${formatUsd(monthly)}/mo` : `monthly ${formatUsd(monthly)}`,
    monthly.gt(onDemand)
      ? `costs ${formatUsd(monthly.minus(onDemand))} more${short ? '' : ' than On-Demand'}`
      : `saves ${formatUsd(onDemand.minus(monthly))} (${ratio})${short ? '' : ' vs On-Demand'}`,
    `${short ? 'util.' : 'utilization'} ${percent(at.utilization)}`,
    `${short ? 'cov.' : 'coverage'} ${percent(at.coverage)}`,
    `upfront ${formatUsd(at.upfront)}`,
  ];
  const room = width - SECTION_LABEL_WIDTH;
  for (const short of [false, true]) {
    for (const rows of [1, 2]) {
      const all = segments(short);
      const lines = packSegments(all, room, rows);
      // Every figure on screen, none cut: the lines hold every segment whole.
      if (lines.join(' · ') === all.join(' · ')) return lines.map((line) => `${INDENT}${line}`);
    }
  }
  return packSegments(segments(true), room, 2).map((line) => `${INDENT}${line}`);
}

/**
 * The view's rows, shared out. Rows: title, plan, commitment, reading, chart + markers + axis,
 * scenarios, Spot, mix (1 + settings + parts). The mix lists its workloads while rows allow (at
 * most 6): the rest are counted on one line. What is left goes to the chart and the scenario table.
 */
function compareRows(
  result: CompareResult,
  state: CompareViewState,
  width: number,
  bodyRows: number,
  readingRows: number,
) {
  const spot = spotLines(result, width);
  const settings = mixSettingLines(state, width);
  const allParts = result.recommendation.parts;
  const partRoom = Math.max(1, Math.min(6, bodyRows - 20));
  const parts = allParts.length <= partRoom ? allParts : allParts.slice(0, partRoom - 1);
  const moreParts = allParts.length - parts.length;
  const notes = result.assumptions.notes
    .filter((note) => note.kind === 'runs-placed')
    .map((note) => compareNoteText(note));
  // Title, plan, commitment and the reading; the chart's markers and axis; Spot; the mix.
  const fixedRows =
    3 + readingRows + 2 + spot.length + 1 + settings.length + parts.length + (moreParts > 0 ? 1 : 0) + notes.length;
  const spare = Math.max(0, bodyRows - fixedRows);
  const chartHeight = Math.max(2, Math.min(8, Math.floor(spare * 0.45)));
  // The scenario table's heading and its rows.
  const scenarioRows = Math.max(2, spare - chartHeight);
  return {spot, settings, parts, moreParts, notes, chartHeight, scenarioRows};
}

/** The plan a scenario row stands for: its index in PLAN_IDS, or undefined (On-Demand, Spot, a mix without a plan). */
function planIndexOf(scenario: Scenario): number | undefined {
  const index = scenario.plan === null ? -1 : PLAN_IDS.indexOf(scenario.plan);
  return index < 0 ? undefined : index;
}

/**
 * The scenario table of the Compare view as drawn with these props, or null (compare failed): the
 * body line (from 0) of its heading, counted as CompareView draws the rows above it (title, notes,
 * plan, commitment, reading, chart), and its rows as ScenarioTable lists them.
 */
export function scenarioTableOf({
  state,
  outcome,
  plan,
  slider,
  layout,
}: Omit<CompareViewProps, 'source'>): (ShownScenarios & {readonly heading: number}) | null {
  if (!outcome.ok) return null;
  const result = outcome.result;
  const width = layout.columns - 1;
  const reading = readingLines(slider, result, width);
  const rows = compareRows(result, state, width, layout.bodyRows, reading.length);
  const curve = slider && plan ? plan.analysis.curve : NO_CURVE;
  const heading = 1 + rows.notes.length + 2 + reading.length + chartRows(curve, slider, rows.chartHeight);
  return {heading, ...shownScenarios(result, rows.scenarioRows, width, state.scenarioSort, state.scenarioTop)};
}

/**
 * The plan whose row of the scenario table is on body line `line` (from 0) of the Compare view as
 * drawn with these props, or undefined: the table's rows as scenarioTableOf finds them, scrolled as drawn.
 */
export function comparePlanAtLine(props: Omit<CompareViewProps, 'source'>, line: number): number | undefined {
  if (line < 0 || line >= props.layout.bodyRows) return undefined;
  const table = scenarioTableOf(props);
  if (!table) return undefined;
  const scenario = [...table.cheapest, ...(table.pinned ? [table.pinned] : [])][line - table.heading - 1];
  return scenario ? planIndexOf(scenario) : undefined;
}

/** What is compared, and the notes on how its runs were placed. */
function CompareTitle({
  source,
  result,
  notes,
  width,
}: {
  readonly source: string;
  readonly result: CompareResult;
  readonly notes: readonly string[];
  readonly width: number;
}) {
  return (
    <>
      <Text wrap="truncate-end">
        <Text bold>{fit(`Compare ${source}: `, width)}</Text>
        <Text dimColor>
          {fit(describeCompareInput(result.input.description), Math.max(0, width - source.length - 10))}
        </Text>
      </Text>
      {notes.map((note) => (
        <Text key={note} dimColor wrap="truncate-end">
          {fit(`${INDENT}${note}`, width)}
        </Text>
      ))}
    </>
  );
}

/** The plan (↑↓), the commitment on the slider and what it costs there. */
function CommitmentRows({
  planIndex,
  slider,
  result,
  reading,
  width,
}: {
  readonly planIndex: number;
  readonly slider: SliderReading | null;
  readonly result: CompareResult;
  readonly reading: readonly string[];
  readonly width: number;
}) {
  const theme = useTheme();
  return (
    <>
      <Text wrap="truncate-end">
        <Text bold>{padEnd('Plan', SECTION_LABEL_WIDTH)}</Text>
        <Text bold {...paint(theme.accent)}>{`◂ ${planName(planIndex)} ▸`}</Text>
        <Text dimColor>{`  ${planIndex + 1} of ${PLAN_IDS.length} (↑↓)`}</Text>
      </Text>
      <Text wrap="truncate-end">
        <Text bold>{padEnd('Commit', SECTION_LABEL_WIDTH)}</Text>
        {fit(commitText(slider, result), width - SECTION_LABEL_WIDTH)}
      </Text>
      {reading.map((line, i) => (
        <Text key={`reading-${i}`} wrap="truncate-end" {...paint(theme.good)}>
          {fit(line, width)}
        </Text>
      ))}
    </>
  );
}

/** The Compare view: a plan, its commitment on a slider over the cost curve, the ranked scenarios, Spot risk and the mix. */
export function CompareView({state, outcome, plan, slider, source, layout}: CompareViewProps) {
  const theme = useTheme();
  const width = layout.columns - 1;
  if (!outcome.ok) {
    return (
      <Box flexDirection="column" width={layout.columns}>
        <Text bold>{fit(`Compare ${source}`, width)}</Text>
        <Text {...paint(theme.bad)}>{wrapLines(`cannot compare this: ${outcome.error}`, width).join('\n')}</Text>
      </Box>
    );
  }
  const result = outcome.result;
  const reading = readingLines(slider, result, width);
  const rows = compareRows(result, state, width, layout.bodyRows, reading.length);
  return (
    <Box flexDirection="column" width={layout.columns} flexShrink={0}>
      <CompareTitle source={source} result={result} notes={rows.notes} width={width} />
      <CommitmentRows planIndex={state.planIndex} slider={slider} result={result} reading={reading} width={width} />
      <CompareChart
        // Compare's curve for the plan, from no commitment to the peak (none when nothing is eligible).
        curve={slider && plan ? plan.analysis.curve : NO_CURVE}
        monthHours={result.input.monthHours}
        spotOverhead={spotOverheadOf(result)}
        slider={slider}
        width={width}
        height={rows.chartHeight}
      />
      <ScenarioTable
        result={result}
        width={width}
        rows={rows.scenarioRows}
        sort={state.scenarioSort}
        offset={state.scenarioTop}
      />
      <SpotRows lines={rows.spot} />
      <MixRows
        recommendation={result.recommendation}
        settings={rows.settings}
        parts={rows.parts}
        moreParts={rows.moreParts}
        width={width}
      />
    </Box>
  );
}
