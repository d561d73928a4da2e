import {Box, Text} from 'ink';
import {barText, optionColumns, shortOptionLabel} from '../layout.js';
import {staleLabel} from '../../report/stale.js';
import {fit, padEnd, padStart, visibleWidth} from '../../report/width.js';
import {dearest, type OptionRow} from '../state/estimate-select.js';
import {paint, useTheme} from '../theme.js';

export interface OptionBarsProps {
  readonly rows: readonly OptionRow[];
  readonly width: number;
  /** The "option monthly saving" heading; left out when rows are short. */
  readonly header?: boolean;
  /** The workload does not run every hour: Savings Plan rows need the caveat that they assume it does. */
  readonly partTime?: boolean;
  /** Where the footnote on estimated rates sends the reader: the Rates lines the view shows, or elsewhere when it has none. */
  readonly ratesAt?: string;
}

const widestOf = (texts: readonly string[]) => Math.max(0, ...texts.map((text) => visibleWidth(text)));

/**
 * Every purchase option's monthly cost with a bar scaled to the dearest, cheapest first (the
 * order estimate() returns), and options that cannot apply with the reason.
 */
export function OptionBars({rows, width, header = true, partTime = false, ratesAt = ' (see Rates)'}: OptionBarsProps) {
  const theme = useTheme();
  const max = dearest(rows);
  const available = rows.filter((row) => row.available);
  const money = (row: OptionRow) => `${row.monthly}${row.estimated ? '*' : ' '}`;
  // A rate over a year old is flagged in the row itself ("Spot: 2021-01 rate, refresh").
  const fullLabel = (row: OptionRow) => staleLabel(row.label, row.id, row.staleMonth);
  const shortLabel = (row: OptionRow) =>
    row.staleMonth ? staleLabel(row.label, row.id, row.staleMonth) : shortOptionLabel(row.id);
  const columns = optionColumns(width, {
    label: widestOf(rows.map(fullLabel)),
    shortLabel: widestOf(rows.map(shortLabel)),
    money: Math.max(8, widestOf(available.map(money))),
    saving: Math.max(6, widestOf(available.map((row) => row.saving))),
  });
  const label = (row: OptionRow) => padEnd(columns.shortLabels ? shortLabel(row) : fullLabel(row), columns.labelWidth);
  const restWidth = width - columns.labelWidth - 2;
  return (
    <Box flexDirection="column" width={width}>
      {header ? (
        <Text dimColor wrap="truncate-end">
          {padEnd('option', columns.labelWidth)}
          {'  '}
          {padStart('monthly', columns.moneyWidth)}
          {'  '}
          {padStart('saving', columns.savingWidth)}
        </Text>
      ) : null}
      {available.map((row) => (
        <Text key={row.id} wrap="truncate-end">
          <Text bold={row.cheapest} {...paint(row.cheapest ? theme.good : undefined)}>
            {label(row)}
          </Text>
          {'  '}
          <Text bold={row.cheapest}>{padStart(money(row), columns.moneyWidth)}</Text>
          {'  '}
          <Text {...paint(row.cheapest ? theme.good : undefined)}>{padStart(row.saving, columns.savingWidth)}</Text>
          {columns.barWidth > 0 ? '  ' : ''}
          <Text {...paint(row.cheapest ? theme.good : theme.bar)}>
            {row.monthlyCost ? barText(row.monthlyCost, max, columns.barWidth) : ''}
          </Text>
        </Text>
      ))}
      {rows
        .filter((row) => !row.available)
        .map((row) => (
          <Text key={row.id} dimColor wrap="truncate-end">
            {label(row)}
            {'  '}
            {fit(`n/a: ${row.reason ?? 'not available'}`, Math.max(0, restWidth))}
          </Text>
        ))}
      {available.some((row) => row.estimated) ? (
        <Text dimColor wrap="truncate-end">
          {fit(`* priced with at least one estimated rate${ratesAt}`, width)}
        </Text>
      ) : null}
      {partTime ? (
        <Text dimColor wrap="truncate-end">
          {fit(
            'Savings Plan rows assume the commitment is used every hour; Compare (Tab) sizes one hour by hour',
            width,
          )}
        </Text>
      ) : null}
    </Box>
  );
}
