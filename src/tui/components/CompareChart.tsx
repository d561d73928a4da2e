import {Text} from 'ink';
import {useMemo} from 'react';
import type {CurvePoint} from '../../model/compare.js';
import {ZERO} from '../../money/decimal.js';
import {formatUsd} from '../../money/format.js';
import {padStart} from '../../report/width.js';
import type {Dec} from '../../money/decimal.js';
import {type AxisLabel, axisLabels} from '../state/trend.js';
import {columnOf, curveLines, curveSamples, markerLine, type SliderReading, sliderMax} from '../state/compare.js';
import {paint, useTheme} from '../theme.js';

export interface CompareChartProps {
  /** The plan's cost curve, from no commitment to the peak; empty when nothing is eligible. */
  readonly curve: readonly CurvePoint[];
  readonly monthHours: number;
  /**
   * Spot's expected re-runs a month (`spotOverheadOf`): added to every point, as compare adds it to every
   * plan scenario, so the labels are the Commit line's and the scenario rows' figures.
   */
  readonly spotOverhead: Dec;
  readonly slider: SliderReading | null;
  readonly width: number;
  /** Rows for the curve itself (the markers and the axis take one more each). */
  readonly height: number;
}

const Y_LABEL_WIDTH = 10;

/**
 * The x axis under the chart (commitment, $/h): the slider's value under ●, the optimum's under ▲
 * (the same figures as the Commit line), $0 at the left and the slider's end at the right, as many as fit.
 */
export function commitmentAxis(
  chartWidth: number,
  end: Dec,
  slider: Pick<SliderReading, 'best' | 'at'> | null,
): string {
  const labels: AxisLabel[] = [];
  if (slider) {
    const at = slider.at.commitmentPerHour;
    const best = slider.best.commitmentPerHour;
    labels.push({column: columnOf(at, end, chartWidth), text: formatUsd(at, 3), align: 'centre'});
    if (!best.eq(at)) labels.push({column: columnOf(best, end, chartWidth), text: formatUsd(best, 3), align: 'centre'});
  }
  labels.push({column: 0, text: '$0', align: 'left'});
  labels.push({column: chartWidth - 1, text: formatUsd(end, 3), align: 'right'});
  return axisLabels(chartWidth, labels);
}

/**
 * The y labels, top row first: the dearest cost drawn, "a month" between, the optimum's (▲) cost at the
 * bottom. The top is the cost with no commitment (the $0 end: the As measured row's figure) unless the
 * slider's end costs more: then it says so, "at $0.170/h" (the axis's right label).
 */
export function monthlyLabels(height: number, high: Dec, low: Dec, highAt: Dec | null = null): string[] {
  return Array.from({length: height}, (_, i) => {
    if (i === 0) return highAt === null ? formatUsd(high) : `${formatUsd(high)} at ${formatUsd(highAt, 3)}/h`;
    if (i === height - 1) return `▲ ${formatUsd(low)}`;
    return i === 1 ? 'a month' : '';
  });
}

/**
 * The curve's ends (at no commitment and at the slider's end) with the Spot re-runs added, and which is
 * the dearer: the top of the chart. Exact: each end is a point of the plan's curve (the $0 end its first).
 */
export function curveTop(
  curve: readonly CurvePoint[],
  monthHours: number,
  spotOverhead: Dec,
): {readonly cost: Dec; readonly at: Dec | null} {
  const [none, end] = curveSamples(curve, monthHours, 2);
  if (!none || !end) return {cost: ZERO, at: null};
  const noneCost = none.monthlyCost.plus(spotOverhead);
  const endCost = end.monthlyCost.plus(spotOverhead);
  return endCost.gt(noneCost) ? {cost: endCost, at: end.commitmentPerHour} : {cost: noneCost, at: null};
}

/**
 * Rows the chart draws: the curve's `height`, the markers (with a slider) and the axis; none when
 * there is no curve to draw (nothing eligible, or a curve that ends at no commitment).
 */
export function chartRows(curve: readonly CurvePoint[], slider: SliderReading | null, height: number): number {
  const last = curve[curve.length - 1];
  if (!last || sliderMax(last.commitmentPerHour).isZero()) return 0;
  return Math.max(0, height) + (slider ? 1 : 0) + 1;
}

/** The cost a month by commitment, with the optimum (▲) and the slider (●) marked under it, and its axis. */
export function CompareChart({curve, monthHours, spotOverhead, slider, width, height}: CompareChartProps) {
  const theme = useTheme();
  // The cost is convex in the commitment, so the dearest point drawn is at an end.
  const top = useMemo(() => curveTop(curve, monthHours, spotOverhead), [curve, monthHours, spotOverhead]);
  // The optimum's cost as its scenario row and the Commit line show it: the plan's, plus Spot's re-runs.
  const low = slider ? slider.best.monthlyCost.plus(spotOverhead) : null;
  // The y labels take what the widest needs ("$1,495.85 ┤").
  const labelWidth = Math.max(
    Y_LABEL_WIDTH,
    ...monthlyLabels(2, top.cost, low ?? top.cost, top.at).map((label) => label.length + 2),
  );
  const chartWidth = Math.max(10, width - labelWidth - 1);
  // The curve depends on the plan and the width only: the slider moving does not redraw it.
  const samples = useMemo(
    () =>
      curveSamples(curve, monthHours, chartWidth).map((sample) => ({
        commitmentPerHour: sample.commitmentPerHour,
        monthlyCost: sample.monthlyCost.plus(spotOverhead),
      })),
    [curve, monthHours, chartWidth, spotOverhead],
  );
  // From the cheapest commitment AWS sells (no column is below it) to the dearer end.
  const chart = curveLines(samples, height, low ? {low, high: top.cost} : undefined);
  const end = slider ? sliderMax(slider.peak) : ZERO;
  const markers =
    slider && samples.length > 0
      ? markerLine(
          chartWidth,
          columnOf(slider.best.commitmentPerHour, end, chartWidth),
          columnOf(slider.at.commitmentPerHour, end, chartWidth),
        )
      : '';
  const yLabels = monthlyLabels(chart.lines.length, chart.high, chart.low, top.at);
  return (
    <>
      {chart.lines.map((line, i) => (
        <Text key={`chart-${i}`} wrap="truncate-end">
          <Text dimColor>{padStart(yLabels[i]!, labelWidth - 2)}</Text>
          <Text dimColor>{' ┤'}</Text>
          <Text {...paint(theme.bar)}>{line}</Text>
        </Text>
      ))}
      {markers ? (
        <Text wrap="truncate-end">
          <Text dimColor>{padStart(chart.lines.length < 3 ? 'a month ↑' : '', labelWidth)}</Text>
          <Text bold {...paint(theme.accent)}>
            {markers}
          </Text>
        </Text>
      ) : null}
      {samples.length > 0 ? (
        <Text dimColor wrap="truncate-end">
          {padStart('commit/h ', labelWidth)}
          {commitmentAxis(chartWidth, end, slider)}
        </Text>
      ) : null}
    </>
  );
}
