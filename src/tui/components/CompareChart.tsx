import {Text} from 'ink';
import {useMemo} from 'react';
import type {CurvePoint} from '../../model/compare.js';
import {D, ZERO} from '../../money/decimal.js';
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

/** The y labels, top row first: the dearest cost drawn, "a month" between, the optimum's (▲) cost at the bottom. */
export function monthlyLabels(height: number, high: Dec, low: Dec): string[] {
  return Array.from({length: height}, (_, i) => {
    if (i === 0) return formatUsd(high);
    if (i === height - 1) return `▲ ${formatUsd(low)}`;
    return i === 1 ? 'a month' : '';
  });
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
export function CompareChart({curve, monthHours, slider, width, height}: CompareChartProps) {
  const theme = useTheme();
  // The y labels take what the curve's top needs ("$1,495.85 ┤"): the cost is convex in the commitment, so its top is at an end.
  const top = useMemo(
    () => curveSamples(curve, monthHours, 2).reduce((high, end) => D.max(high, end.monthlyCost), ZERO),
    [curve, monthHours],
  );
  const labelWidth = Math.max(Y_LABEL_WIDTH, formatUsd(top).length + 4);
  const chartWidth = Math.max(10, width - labelWidth - 1);
  // The curve depends on the plan and the width only: the slider moving does not redraw it.
  const samples = useMemo(() => curveSamples(curve, monthHours, chartWidth), [curve, monthHours, chartWidth]);
  // From the cheapest commitment AWS sells (no column is below it) to the dearer end.
  const chart = curveLines(samples, height, slider ? {low: slider.best.monthlyCost, high: top} : undefined);
  const end = slider ? sliderMax(slider.peak) : ZERO;
  const markers =
    slider && samples.length > 0
      ? markerLine(
          chartWidth,
          columnOf(slider.best.commitmentPerHour, end, chartWidth),
          columnOf(slider.at.commitmentPerHour, end, chartWidth),
        )
      : '';
  const yLabels = monthlyLabels(chart.lines.length, chart.high, chart.low);
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
