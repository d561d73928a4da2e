import {memo} from 'react';
import {Box, Text} from 'ink';
import type {Hint} from '../keymap.js';
import {fitHints} from '../layout.js';
import {fit} from '../../report/width.js';
import {paint, useTheme} from '../theme.js';

export interface FooterProps {
  readonly hints: readonly Hint[];
  readonly width: number;
  /** Shown instead of the hints until the next key: why a key did less than asked. */
  readonly notice?: string | null;
  /** The last hints kept whatever else gives way (view, help, quit). */
  readonly keep?: number;
}

/** One line: the notice when there is one, else the key hints generated from the keymap. */
function FooterView({hints, width, notice, keep = 2}: FooterProps) {
  const theme = useTheme();
  if (notice) {
    return (
      <Box width={width}>
        <Text {...paint(theme.warn)}>{fit(`! ${notice}`, width)}</Text>
      </Box>
    );
  }
  return (
    <Box width={width}>
      <Text dimColor>
        {fitHints(
          hints.map((hint) => `${hint.keys} ${hint.label}`),
          width,
          keep,
        )}
      </Text>
    </Box>
  );
}

/** Drawn again only when its props change (a key elsewhere leaves it as it was). */
export const Footer = memo(FooterView);
