import {Box, Text} from 'ink';
import type {HelpSection} from '../keymap.js';
import {fit, padEnd} from '../layout.js';
import {paint, useTheme} from '../theme.js';

export interface HelpOverlayProps {
  readonly sections: readonly HelpSection[];
  readonly width: number;
  /** Rows it may take; what does not fit is cut at the bottom. */
  readonly maxRows: number;
}

/** Every key of the views on screen, from the keymap; replaces the view until ? or Esc. */
export function HelpOverlay({sections, width, maxRows}: HelpOverlayProps) {
  const theme = useTheme();
  const keysWidth = Math.min(18, Math.max(...sections.flatMap((section) => section.rows.map((row) => [...row.keys].length))));
  // A title, then per section a blank line, its title and its rows.
  const rows = 1 + sections.reduce((total, section) => total + 2 + section.rows.length, 0);
  return (
    <Box flexDirection="column" width={width} height={Math.min(rows, maxRows)} overflowY="hidden">
      <Text bold {...paint(theme.accent)}>
        Keys (? or Esc to close)
      </Text>
      {sections.map((section) => (
        <Box key={section.title} flexDirection="column" marginTop={1}>
          <Text bold>{section.title}</Text>
          {section.rows.map((row) => (
            <Text key={row.keys + row.label}>
              {'  '}
              <Text {...paint(theme.accent)}>{padEnd(row.keys, keysWidth)}</Text>
              {'  '}
              {fit(row.label, Math.max(10, width - keysWidth - 4))}
            </Text>
          ))}
        </Box>
      ))}
    </Box>
  );
}
