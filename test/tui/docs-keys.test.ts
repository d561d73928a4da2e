import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {GLOSSARY, type Hint, helpSections, sharedKeys} from '../../src/tui/keymap.js';

const cell = (text: string) => text.replace(/\|/g, '\\|');
const keys = (labels: string) =>
  labels
    .split(' ')
    .map((key) => `\`${key}\``)
    .join(' ');
const table = (title: string, rows: readonly Hint[], keyed = true) =>
  [
    `| ${title} | |`,
    '| --- | --- |',
    ...rows.map((row) => `| ${keyed ? keys(row.keys) : row.keys} | ${cell(row.label)} |`),
  ].join('\n');

/** docs/explore.md's key tables and glossary, as the keymap and the help overlay have them. */
function expectedKeyDocs(): string {
  return [
    table('Keys in more than one view', sharedKeys()),
    ...helpSections(['history', 'bill', 'page', 'compare', 'estimate', 'help', 'global']).map((section) =>
      table(section.title, section.rows),
    ),
    table(
      'Words (also in `?`)',
      GLOSSARY.map((entry) => ({keys: `**${entry.term}**`, label: entry.text})),
      false,
    ),
  ].join('\n\n');
}

describe("docs/explore.md's keys", () => {
  it("are the keymap's, table for table, and the help's glossary: neither can drift from src/tui/keymap.ts", () => {
    const explore = readFileSync('docs/explore.md', 'utf8');
    const start = explore.indexOf('<!-- keys: generated from src/tui/keymap.ts -->\n');
    const end = explore.indexOf('\n<!-- end of keys -->');
    expect(start, 'the keys block markers').toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start);
    const block = explore.slice(explore.indexOf('\n', start) + 1, end);
    // To update: paste what this test expects between the markers.
    expect(block).toBe(expectedKeyDocs());
  });
});
