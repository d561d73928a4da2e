import {Box, Text} from 'ink';
import {GLOSSARY, type GlossaryEntry, type HelpSection} from '../keymap.js';
import {fit, padEnd, visibleWidth, wrapLines} from '../../report/width.js';
import {listPosition} from '../layout.js';
import {paint, useTheme} from '../theme.js';

/** A line of the help: the gap before a section, its title, or one command's keys and label. */
export type HelpLine =
  | {readonly kind: 'gap'}
  | {readonly kind: 'title'; readonly text: string}
  | {readonly kind: 'note'; readonly text: string}
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

/** A note's indent, as a row's keys have. */
const NOTE_INDENT = 2;

/** Below this a second column would be too narrow to read. */
const MIN_TWO_COLUMN_WIDTH = 100;

/** A section's lines: a blank line, its title, its rows; or its notes (a read-only view's), wrapped to the column. */
function sectionLines(section: HelpSection, columnWidth: number): HelpLine[] {
  return [
    {kind: 'gap'},
    {kind: 'title', text: section.title},
    ...(section.notes ?? []).flatMap((note) =>
      wrapLines(note, Math.max(10, columnWidth - NOTE_INDENT - 1)).map((text): HelpLine => ({kind: 'note', text})),
    ),
    ...section.rows.map((row): HelpLine => ({kind: 'row', keys: row.keys, label: row.label})),
  ];
}

/** The glossary's lines: each word beside its meaning, wrapped to `labelWidth` under it. */
function glossaryLines(glossary: readonly GlossaryEntry[], labelWidth: number): HelpLine[] {
  if (glossary.length === 0) return [];
  return [
    {kind: 'gap'},
    {kind: 'title', text: 'Words'},
    ...glossary.flatMap((entry) =>
      wrapLines(entry.text, labelWidth).map(
        (line, i): HelpLine => ({kind: 'row', keys: i === 0 ? entry.term : '', label: line}),
      ),
    ),
  ];
}

/**
 * Blocks of lines (a section each) split into columns: one when they fit the rows (or the terminal
 * is too narrow for two), else two, the split chosen so the taller column is as short as possible.
 */
export function helpColumns<T>(blocks: readonly (readonly T[])[], maxRows: number): T[][] {
  const total = 1 + blocks.reduce((rows, block) => rows + block.length, 0);
  if (total <= maxRows || blocks.length < 2) return [blocks.flat()];
  let best = 1;
  let bestHeight = Infinity;
  for (let split = 1; split < blocks.length; split++) {
    const left = blocks.slice(0, split).reduce((rows, block) => rows + block.length, 0);
    const right = blocks.slice(split).reduce((rows, block) => rows + block.length, 0);
    if (Math.max(left, right) < bestHeight) {
      bestHeight = Math.max(left, right);
      best = split;
    }
  }
  return [blocks.slice(0, best).flat(), blocks.slice(best).flat()];
}

/**
 * The help in `width` x `maxRows`: the sections' keys, then the glossary (its meanings wrapped to
 * the column); what does not fit scrolls (every column together).
 */
export function helpLayout(
  sections: readonly HelpSection[],
  width: number,
  maxRows: number,
  glossary: readonly GlossaryEntry[] = GLOSSARY,
): HelpLayout {
  const keysWidth = Math.min(
    18,
    Math.max(
      ...sections.flatMap((section) => section.rows.map((row) => visibleWidth(row.keys))),
      ...glossary.map((entry) => visibleWidth(entry.term)),
    ),
  );
  const widthOf = (count: number) => Math.floor((width - 2 * (count - 1)) / count);
  const labelWidthOf = (columnWidth: number) => Math.max(10, columnWidth - keysWidth - 4);
  const blocksFor = (columnWidth: number) =>
    [
      ...sections.map((section) => sectionLines(section, columnWidth)),
      glossaryLines(glossary, labelWidthOf(columnWidth)),
    ].filter((block) => block.length > 0);
  const one = blocksFor(width);
  const fitsOne = 1 + one.reduce((rows, block) => rows + block.length, 0) <= maxRows;
  const columns = fitsOne || width < MIN_TWO_COLUMN_WIDTH ? [one.flat()] : helpColumns(blocksFor(widthOf(2)), maxRows);
  const height = Math.max(0, ...columns.map((column) => column.length));
  const page = Math.max(1, maxRows - 1);
  return {
    columns,
    columnWidth: widthOf(columns.length),
    keysWidth,
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

/** Every key of the view on screen, from the keymap, and the words the views use; replaces the view until ? or Esc; scrolls when taller than the terminal. */
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
              ) : line.kind === 'note' ? (
                <Text key={first + i} wrap="truncate-end">
                  {' '.repeat(NOTE_INDENT)}
                  {fit(line.text, layout.columnWidth - NOTE_INDENT - 1)}
                </Text>
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
