import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {Footer} from '../../../src/tui/components/Footer.js';
import {Header} from '../../../src/tui/components/Header.js';
import visibleWidth from 'string-width';
import {HelpOverlay, helpLayout} from '../../../src/tui/components/HelpOverlay.js';
import {NarrowNotice} from '../../../src/tui/components/NarrowNotice.js';
import {footerHints, GLOSSARY, helpSections} from '../../../src/tui/keymap.js';
import {textOf} from '../helpers/ink.js';

const frame = (node: Parameters<typeof render>[0]) => textOf(render(node).lastFrame());

describe('the app chrome', () => {
  it('<Header> names the app and marks the active view', () => {
    // (The active view is inverse, so it shows without colour: App.test.tsx checks the escapes.)
    expect(frame(<Header views={['estimate', 'history']} active="history" width={80} />)).toBe(
      'fargate-cost explore   Estimate    History',
    );
  });

  it('<Footer> shows the hints generated from the keymap, or a notice instead', () => {
    const hints = footerHints(['estimate', 'global']);
    expect(frame(<Footer hints={hints} width={110} />)).toBe(
      '↑↓ setting  ←→ change  [] size  a arch  o OS  r region  +- tasks  s schedule  Tab view  ? help  q quit',
    );
    // Narrow: whole hints drop, help and quit stay.
    expect(frame(<Footer hints={hints} width={40} />)).toBe('↑↓ setting  ←→ change  ? help  q quit');
    expect(frame(<Footer hints={hints} width={100} notice="Windows tasks on Fargate run on x86_64 only" />)).toBe(
      '! Windows tasks on Fargate run on x86_64 only',
    );
  });

  it('<HelpOverlay> lists every binding of the sections given', () => {
    const layout = helpLayout(helpSections(['estimate', 'global']), 100, 40);
    const text = frame(<HelpOverlay layout={layout} width={100} top={0} />);
    expect(layout.maxTop).toBe(0);
    expect(text).toContain('Keys (? or Esc to close)');
    expect(text).toContain('Estimate view');
    expect(text).toMatch(/ {2}\[ {10,}next smaller valid size/);
    expect(text).toMatch(/Esc {8,}close help or go back/);
  });

  it('<HelpOverlay> taller than the terminal scrolls, and says where it is', () => {
    const layout = helpLayout(helpSections(['compare', 'help', 'global']), 80, 21, []);
    // 20 Compare keys (4 scroll the scenario table), 4 help keys, 5 everywhere, with a gap and a title each: 35 lines, 20 on screen.
    expect([layout.height, layout.page, layout.maxTop]).toEqual([35, 20, 15]);
    const top = frame(<HelpOverlay layout={layout} width={80} top={0} />);
    expect(top).toContain('Keys (? or Esc to close; ↑↓ scroll: lines 1–20 of 35 ↓)');
    expect(top).not.toContain('quit (the terminal is restored)');
    const bottom = frame(<HelpOverlay layout={layout} width={80} top={99} />);
    expect(bottom).toContain('lines 16–35 of 35 ↑)');
    expect(bottom).toMatch(/q Ctrl-C +quit \(the terminal is restored\)/);
    expect(bottom.split('\n')).toHaveLength(21);
  });

  it('<HelpOverlay> ends with the glossary, whole and readable at 80 x 24', () => {
    // 80 x 24: 21 body rows (the header, the footer and ink's spare row take three).
    const layout = helpLayout(helpSections(['history', 'help', 'global']), 80, 21);
    const pages: string[] = [];
    for (let top = 0; top <= layout.maxTop; top += layout.page) {
      pages.push(frame(<HelpOverlay layout={layout} width={80} top={top} />));
    }
    pages.push(frame(<HelpOverlay layout={layout} width={80} top={layout.maxTop} />));
    const lines = pages.flatMap((page) => page.split('\n').slice(1));
    for (const line of lines) expect(visibleWidth(line)).toBeLessThanOrEqual(80);
    expect(lines).toContain('Words');
    const words = lines.slice(lines.lastIndexOf('Words') + 1);
    // Each word starts a line; its meaning reads whole over the lines up to the next word.
    for (const [i, entry] of GLOSSARY.entries()) {
      const first = words.findIndex((line) => line.startsWith(`  ${entry.term} `));
      expect(first, entry.term).toBeGreaterThanOrEqual(0);
      const next = GLOSSARY[i + 1];
      const end = next ? words.findIndex((line) => line.startsWith(`  ${next.term} `)) : words.length;
      const text = words
        .slice(first, end)
        .map((line, k) => (k === 0 ? line.slice(2 + entry.term.length) : line).trim())
        .join(' ');
      expect(text).toBe(entry.text);
    }
    for (const term of ['task-h', 'utilization', 'coverage', 'base', 'steady state']) {
      expect(GLOSSARY.map((entry) => entry.term)).toContain(term);
    }
  });

  it('<NarrowNotice> says how wide the terminal is and what widening gives', () => {
    expect(frame(<NarrowNotice columns={72} />)).toBe(
      '72 columns is narrow: compact layout (80 or more shows everything)',
    );
    expect(frame(<NarrowNotice columns={30} />)).toBe('30 columns is narrow: compact…');
  });
});
