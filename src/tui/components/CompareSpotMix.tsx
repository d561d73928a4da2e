import {Text} from 'ink';
import type {CompareResult, Recommendation, RecommendationPart, SpotRiskSummary} from '../../model/compare.js';
import {formatDuration, formatUsd, formatUsdAdaptive} from '../../money/format.js';
import {partStrategy, placementWhy, recommendationLabel} from '../../report/compare-text.js';
import {fit, padEnd} from '../../report/width.js';
import {packSegments} from '../layout.js';
import type {CompareViewState} from '../state/compare.js';
import {paint, useTheme} from '../theme.js';
import {SECTION_LABEL_WIDTH} from './RateSources.js';

const INDENT = ' '.repeat(SECTION_LABEL_WIDTH);

/** The work an interruption loses: a service's and a batch job's, where there are any. */
function lostWorkText(risk: SpotRiskSummary): string {
  const serviceRisks = risk.components.filter((c) => c.risk.kind === 'service');
  const batch = risk.components.filter((c) => c.risk.kind === 'batch');
  return [
    serviceRisks.length > 0
      ? `services ${formatDuration(Number(serviceRisks[0]!.risk.lostWorkSeconds.toFixed(0)))}`
      : null,
    batch.length > 0
      ? `batch ${formatDuration(Number(batch[0]!.risk.lostWorkSeconds.toFixed(0)))}${batch[0]!.risk.lostWorkSource === 'default' ? ' (half a run)' : ''}`
      : null,
  ]
    .filter(Boolean)
    .join(', ');
}

/**
 * The Spot section's lines. What the keys set comes first, so a narrow terminal still shows it;
 * then what it costs and how old the rates are.
 */
export function spotLines(result: CompareResult, width: number): string[] {
  const risk = result.spotRisk;
  const recommendation = result.recommendation;
  const rateSource = {history: 'measured', flag: 'set here', default: 'default'}[risk.parameters.interruptionSource];
  return packSegments(
    [
      ...(risk.windows && result.input.components.every((c) => c.os === 'windows')
        ? ['Windows tasks cannot run on Fargate Spot']
        : [
            `${risk.parameters.interruptionsPerTaskHour.toDecimalPlaces(6).toString()} interruptions per task-hour (${rateSource}, i/I)`,
            `lost work ${lostWorkText(risk)} (w/W)`,
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
}

/** The mix's settings (f/F and t) on one row, or in fewer words on two when one is too narrow. */
export function mixSettingLines(state: CompareViewState, width: number): string[] {
  const tolerance = `Spot for ${state.spotTolerant === null ? 'batch work and services already on Spot' : state.spotTolerant ? 'all work (--spot-tolerant)' : 'no work (--no-spot-tolerant)'} (t)`;
  const baseText = (short: boolean) =>
    state.onDemandBase === null
      ? short
        ? 'Spot-tolerant services keep 1 task on FARGATE (0 if all on Spot) (f/F)'
        : 'a Spot-tolerant service keeps 1 task on FARGATE (none if all on Spot already) (f/F)'
      : `${short ? 'Spot-tolerant services keep' : 'a Spot-tolerant service keeps'} ${state.onDemandBase} task${state.onDemandBase === 1 ? '' : 's'} on FARGATE (f/F)`;
  const settingsWide = packSegments([baseText(false), tolerance], width - SECTION_LABEL_WIDTH, 1);
  return settingsWide.length === 1 && settingsWide[0]!.endsWith('(t)')
    ? settingsWide
    : packSegments([baseText(true), tolerance], width - SECTION_LABEL_WIDTH, 2);
}

/** Where the mix places a workload, how, and why. */
function partText(part: RecommendationPart): string {
  const placement =
    part.placement === 'on-demand'
      ? 'On-Demand'
      : part.placement === 'spot'
        ? 'Fargate Spot'
        : 'Spot with an On-Demand base';
  return `${part.component}: ${placement}${part.strategy ? ` (${partStrategy(part)})` : ''}: ${placementWhy(part)}`;
}

/** The Spot section: the risk inputs (i/I, w/W), what Spot costs in the mix, the rates' age. */
export function SpotRows({lines}: {readonly lines: readonly string[]}) {
  return (
    <>
      {lines.map((line, i) => (
        <Text key={`spot-${i}`} wrap="truncate-end" dimColor={i > 0}>
          <Text bold>{padEnd(i === 0 ? 'Spot' : '', SECTION_LABEL_WIDTH)}</Text>
          {line}
        </Text>
      ))}
    </>
  );
}

export interface MixRowsProps {
  readonly recommendation: Recommendation;
  /** The mix's settings, from mixSettingLines. */
  readonly settings: readonly string[];
  /** The workloads listed, and how many more there are than rows for them. */
  readonly parts: readonly RecommendationPart[];
  readonly moreParts: number;
  readonly width: number;
}

/** The recommended mix: its cost against all On-Demand, its settings, then each workload's placement. */
export function MixRows({recommendation, settings, parts, moreParts, width}: MixRowsProps) {
  const theme = useTheme();
  return (
    <>
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
      {settings.map((line) => (
        <Text key={line} dimColor wrap="truncate-end">
          {`${INDENT}${line}`}
        </Text>
      ))}
      {parts.map((part) => (
        <Text key={part.component} dimColor wrap="truncate-end">
          {fit(`${INDENT}${partText(part)}`, width)}
        </Text>
      ))}
      {moreParts > 0 ? (
        <Text dimColor wrap="truncate-end">
          {fit(
            `${INDENT}and ${moreParts} more workload${moreParts === 1 ? '' : 's'} (a taller terminal lists them; "fargate-cost compare" prints all)`,
            width,
          )}
        </Text>
      ) : null}
    </>
  );
}
