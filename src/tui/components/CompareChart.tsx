import {Text} from 'ink';
import {useMemo} from 'react';
import type {CurvePoint} from '../../model/compare.js';
import {D, ZERO} from '../../money/decimal.js';
import {formatUsd} from '../../money/format.js';
import {padEnd, padStart, visibleWidth} from '../../report/width.js';
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

/** Under the chart: $0/h at the left, the slider's end at the right, in as many words as fit. */
function axisLine(chartWidth: number, end: string): string {
  const right = [
    `cost a month by commitment; every hour covered at ${end}/h`,
    `every hour covered at ${end}/h`,
    `${end}/h`,
  ].find((text) => visibleWidth(text) + 5 <= chartWidth);
  return right ? `$0/h${padStart(right, chartWidth - 4)}` : '$0/h';
}

/** The cost a month by commitment, with the optimum (▲) and the slider (●) marked under it, and its axis. */
export function CompareChart({curve, monthHours, slider, width, height}: CompareChartProps) {
  const theme = useTheme();
  // The y labels take what the curve's top needs ("$1,495.85 ┤"): the cost is convex in the commitment, so its top is at an end.
  const top = useMemo(
    () => curveSamples(curve, monthHours, 2).reduce((high, end) => D.max(high, end.monthlyCost), ZERO),
    [curve, monthHours],
  );
  const labelWidth = Math.max(Y_LABEL_WIDTH, formatUsd(top).length + 2);
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
  return (
    <>
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
    </>
  );
}
