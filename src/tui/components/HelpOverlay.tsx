import {Box, Text} from 'ink';
import type {HelpSection} from '../keymap.js';
import {fit, padEnd} from '../../report/width.js';
import {paint, useTheme} from '../theme.js';

export interface HelpOverlayProps {
  readonly sections: readonly HelpSection[];
  readonly width: number;
  /** Rows it may take; what does not fit is cut at the bottom. */
  readonly maxRows: number;
}

/** Rows a section takes: a blank line, its title, its rows. */
const sectionRows = (section: HelpSection) => 2 + section.rows.length;

/** Below this a second column would be too narrow to read. */
const MIN_TWO_COLUMN_WIDTH = 100;

/**
 * The sections split into columns: one when they fit the rows (or the terminal is too narrow for
 * two), else two, the split chosen so the taller column is as short as possible.
 */
export function helpColumns(sections: readonly HelpSection[], width: number, maxRows: number): HelpSection[][] {
  const total = 1 + sections.reduce((rows, section) => rows + sectionRows(section), 0);
  if (total <= maxRows || width < MIN_TWO_COLUMN_WIDTH || sections.length < 2) return [[...sections]];
  let best = 1;
  let bestHeight = Infinity;
  for (let split = 1; split < sections.length; split++) {
    const left = sections.slice(0, split).reduce((rows, section) => rows + sectionRows(section), 0);
    const right = sections.slice(split).reduce((rows, section) => rows + sectionRows(section), 0);
    if (Math.max(left, right) < bestHeight) {
      bestHeight = Math.max(left, right);
      best = split;
    }
  }
  return [sections.slice(0, best), sections.slice(best)];
}

/** Every key of the view on screen, from the keymap; replaces the view until ? or Esc. */
export function HelpOverlay({sections, width, maxRows}: HelpOverlayProps) {
  // What does not fit maxRows is cut at the bottom by the frame.
  const theme = useTheme();
  const columns = helpColumns(sections, width, maxRows);
  const columnWidth = Math.floor((width - 2 * (columns.length - 1)) / columns.length);
  const keysWidth = Math.min(
    18,
    Math.max(...sections.flatMap((section) => section.rows.map((row) => [...row.keys].length))),
  );
  return (
    <Box flexDirection="column" width={width} flexShrink={0}>
      <Text bold {...paint(theme.accent)}>
        Keys (? or Esc to close)
      </Text>
      <Box>
        {columns.map((column, c) => (
          <Box key={c} flexDirection="column" width={columnWidth} marginLeft={c === 0 ? 0 : 2}>
            {column.map((section) => (
              <Box key={section.title} flexDirection="column" marginTop={1}>
                <Text bold>{section.title}</Text>
                {section.rows.map((row) => (
                  <Text key={row.keys + row.label} wrap="truncate-end">
                    {'  '}
                    <Text {...paint(theme.accent)}>{padEnd(row.keys, keysWidth)}</Text>
                    {'  '}
                    {fit(row.label, Math.max(10, columnWidth - keysWidth - 4))}
                  </Text>
                ))}
              </Box>
            ))}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
