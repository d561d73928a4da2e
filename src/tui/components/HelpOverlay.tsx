import {Box, Text} from 'ink';
import type {HelpSection} from '../keymap.js';
import {fit, padEnd, visibleWidth} from '../../report/width.js';
import {listPosition} from '../layout.js';
import {paint, useTheme} from '../theme.js';

/** A line of the help: the gap before a section, its title, or one command's keys and label. */
export type HelpLine =
  | {readonly kind: 'gap'}
  | {readonly kind: 'title'; readonly text: string}
  | {readonly kind: 'row'; readonly keys: string; readonly label: string};

/** The help laid out for a terminal: its columns of lines, and how far it scrolls. */
export interface HelpLayout {
  readonly columns: readonly (readonly HelpLine[])[];
  readonly columnWidth: number;
  readonly keysWidth: number;
  /** Lines shown at once (under the overlay's own title line). */
  readonly page: number;
  /** The last first line there is: 0 when everything fits. */
  readonly maxTop: number;
  /** Lines of the tallest column. */
  readonly height: number;
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

/** The help in `width` x `maxRows`: what does not fit scrolls (every column together). */
export function helpLayout(sections: readonly HelpSection[], width: number, maxRows: number): HelpLayout {
  const columns = helpColumns(sections, width, maxRows).map((column) =>
    column.flatMap((section): HelpLine[] => [
      {kind: 'gap'},
      {kind: 'title', text: section.title},
      ...section.rows.map((row): HelpLine => ({kind: 'row', keys: row.keys, label: row.label})),
    ]),
  );
  const height = Math.max(0, ...columns.map((column) => column.length));
  const page = Math.max(1, maxRows - 1);
  return {
    columns,
    columnWidth: Math.floor((width - 2 * (columns.length - 1)) / columns.length),
    keysWidth: Math.min(
      18,
      Math.max(...sections.flatMap((section) => section.rows.map((row) => visibleWidth(row.keys)))),
    ),
    page,
    maxTop: Math.max(0, height - page),
    height,
  };
}

export interface HelpOverlayProps {
  readonly layout: HelpLayout;
  readonly width: number;
  /** The first line shown (AppState.helpTop). */
  readonly top: number;
}

/** Every key of the view on screen, from the keymap; replaces the view until ? or Esc; scrolls when taller than the terminal. */
export function HelpOverlay({layout, width, top}: HelpOverlayProps) {
  const theme = useTheme();
  const first = Math.max(0, Math.min(layout.maxTop, top));
  const last = Math.min(layout.height, first + layout.page);
  // A cut help says where it is, as a cut list (and the Bill view) does: ↓ more below, ↑ more above.
  const position = listPosition(first, last - first, layout.height);
  const where = position
    ? `; ↑↓ scroll: lines ${position}${last < layout.height ? ' ↓' : ''}${first > 0 ? ' ↑' : ''}`
    : '';
  const labelWidth = Math.max(10, layout.columnWidth - layout.keysWidth - 4);
  return (
    <Box flexDirection="column" width={width} flexShrink={0}>
      <Text bold {...paint(theme.accent)}>
        {fit(`Keys (? or Esc to close${where})`, width - 1)}
      </Text>
      <Box>
        {layout.columns.map((column, c) => (
          <Box key={c} flexDirection="column" width={layout.columnWidth} marginLeft={c === 0 ? 0 : 2}>
            {column.slice(first, first + layout.page).map((line, i) =>
              line.kind === 'gap' ? (
                <Text key={first + i}> </Text>
              ) : line.kind === 'title' ? (
                <Text key={first + i} bold>
                  {line.text}
                </Text>
              ) : (
                <Text key={first + i} wrap="truncate-end">
                  {'  '}
                  <Text {...paint(theme.accent)}>{padEnd(line.keys, layout.keysWidth)}</Text>
                  {'  '}
                  {fit(line.label, labelWidth)}
                </Text>
              ),
            )}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
