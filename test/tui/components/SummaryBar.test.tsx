import {Readable} from 'node:stream';
import {cleanup, render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {historyCompareInput} from '../../../src/app/compare-input.js';
import {loadHistory} from '../../../src/cli/read-history.js';
import {visibleWidth} from '../../../src/report/width.js';
import {App} from '../../../src/tui/App.js';
import {initialStateFor} from '../../../src/tui/state/estimate-select.js';
import {pendingSummary, type SummaryItem, summaryLine} from '../../../src/tui/state/summary.js';
import {embeddedCatalog} from '../../helpers/catalog.js';
import {exampleSpecs, NOW, setupFor} from '../fixtures.js';
import {KEY, press, waitForInput, waitForText} from '../helpers/ink.js';

afterEach(() => cleanup());

const ITEMS: SummaryItem[] = [
  {label: 'billed', short: 'billed', value: '$12,665.10'},
  {label: 'projected', short: 'proj.', value: '$13,095.24/mo', shortValue: '$13,095.24'},
  {
    label: 'cheapest',
    short: 'best',
    value: 'As measured + SP 3y all upfront saves 39.4%',
    shortValue: 'SP 3y all 39.4%',
  },
  {label: 'Spot', short: 'Spot', value: '15.2%'},
  {label: 'SP coverage', short: 'cov.', value: '99.5%'},
];

describe('summaryLine', () => {
  it('full labels when everything fits', () => {
    expect(summaryLine(ITEMS, 200)).toBe(
      'billed $12,665.10 · projected $13,095.24/mo · cheapest As measured + SP 3y all upfront saves 39.4% · Spot 15.2% · SP coverage 99.5%',
    );
  });

  it('short labels and figures when not, then items dropped from the right, never cut', () => {
    expect(summaryLine(ITEMS, 79)).toBe('billed $12,665.10 · proj. $13,095.24 · best SP 3y all 39.4% · Spot 15.2%');
    expect(summaryLine(ITEMS, 39)).toBe('billed $12,665.10 · proj. $13,095.24');
    expect(summaryLine(ITEMS, 20)).toBe('billed $12,665.10');
    for (const width of [10, 30, 50, 79, 100])
      expect(visibleWidth(summaryLine(ITEMS, width))).toBeLessThanOrEqual(width);
  });

  it('a figure not known yet is pending, not 0', () => {
    expect(summaryLine(pendingSummary(), 79)).toBe('billed … · projected … · cheapest … · Spot … · SP coverage …');
  });
});

describe('<App>: the summary bar says what the views say', () => {
  async function mountHistory(columns: number, rows: number) {
    const result = await loadHistory(
      {paths: ['data/examples/history']},
      {
        catalog: embeddedCatalog(),
        now: NOW,
        asOfMs: Date.parse('2026-12-01T00:00:00Z'),
        top: 0,
        componentProfiles: true,
        keepRuns: true,
      },
      {stdin: Readable.from([])},
    );
    const setup = setupFor(exampleSpecs('web-service.json'));
    return render(
      <App
        estimate={setup}
        initialEstimate={initialStateFor(setup)}
        history={{result, compareInput: historyCompareInput(result)}}
        colors={false}
        size={{columns, rows}}
      />,
    );
  }
  const bar = (frame: string) => frame.split('\n')[1]!;

  it('160 x 40: billed, projected and Spot as History shows them; cheapest and coverage pending until Compare ran, then as Compare shows them', async () => {
    const app = await mountHistory(160, 40);
    await waitForInput(app);
    let frame = await waitForText(app, 'By group');

    const billed = /Billed (\$[\d,.]+)/.exec(frame)![1]!;
    const projected = /projected (\$[\d,.]+) a month/.exec(frame)![1]!;
    expect(bar(frame)).toMatch(
      new RegExp(`^billed \\${billed} · projected \\${projected}/mo · cheapest … · Spot [\\d.]+% · SP coverage …$`),
    );
    // By purchase option (g goes groups → option): the Spot row's share is the bar's.
    frame = await press(app, 'g');
    const spotShare = /^[ ›] spot\s.*?([\d.]+%)/m.exec(frame);
    expect(spotShare, frame).not.toBeNull();
    expect(bar(frame)).toContain(`Spot ${spotShare![1]}`);
    frame = await press(app, KEY.tab);
    frame = await waitForText(app, 'Compare the history');
    const coverage = /coverage ([\d.]+%)/.exec(frame)![1]!;
    // The scenario table's first row (cheapest first): its plan and its saving.
    const lines = frame.split('\n');
    const heading = lines.findIndex((line) => /^ {2}scenario/.test(line));
    const [label, , saving] = lines[heading + 1]!.trim().split(/ {2,}/);
    expect(label).toBe('As measured + Compute SP 3 yr All Upfront');
    expect(bar(frame)).toBe(
      `billed ${billed} · projected ${projected}/mo · cheapest As measured + SP 3y all upfront saves ${saving} · Spot ${spotShare![1]} · SP coverage ${coverage}`,
    );
  });

  it('80 x 24: one line within 80 columns, every item in short words', async () => {
    const app = await mountHistory(80, 24);
    await waitForInput(app);
    await waitForText(app, 'By group');
    await press(app, KEY.tab);
    const frame = await waitForText(app, 'Compare the history');
    expect(visibleWidth(bar(frame))).toBeLessThanOrEqual(79);
    const coverage = /coverage ([\d.]+%)/.exec(frame)![1]!;
    expect(bar(frame)).toMatch(
      new RegExp(
        `^billed \\$[\\d,.]+ · proj\\. \\$[\\d,.]+ · best SP 3y all [\\d.]+% · Spot [\\d.]+% · cov\\. ${coverage}$`,
      ),
    );
  });
});
