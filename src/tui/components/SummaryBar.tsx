import {memo} from 'react';
import {Box, Text} from 'ink';
import {type SummaryItem, summaryLine} from '../state/summary.js';

export interface SummaryBarProps {
  readonly items: readonly SummaryItem[];
  readonly width: number;
}

/**
 * One line under the header on every view: this month, the projected month, the cheapest option
 * and its saving, the Spot share, Savings Plan coverage ("…" while not known yet). One column short
 * of the width, as every line of the app: a full line would wrap on some terminals.
 */
function SummaryBarView({items, width}: SummaryBarProps) {
  return (
    <Box width={width}>
      <Text dimColor wrap="truncate-end">
        {summaryLine(items, Math.max(1, width - 1))}
      </Text>
    </Box>
  );
}

/** Drawn again only when its props change (a key elsewhere leaves it as it was). */
export const SummaryBar = memo(SummaryBarView);
