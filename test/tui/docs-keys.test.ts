import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {helpSections} from '../../src/tui/keymap.js';

describe("docs/explore.md's keys", () => {
  it('list every binding of the keymap, as the help overlay shows it', () => {
    const explore = readFileSync('docs/explore.md', 'utf8');
    for (const section of helpSections(['history', 'bill', 'page', 'compare', 'estimate', 'help', 'global'])) {
      expect(explore).toContain(`| ${section.title} | |`);
      for (const row of section.rows) {
        const keys = row.keys
          .split(' ')
          .map((key) => `\`${key}\``)
          .join(' ');
        expect(explore, `${section.title}: ${row.keys}`).toContain(`| ${keys} | ${row.label.replace(/\|/g, '\\|')} |`);
      }
    }
  });
});
