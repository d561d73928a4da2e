import {cleanup, render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {historyCompareInput} from '../../../src/app/compare-input.js';
import {visibleWidth} from '../../../src/report/width.js';
import {App} from '../../../src/tui/App.js';
import {initialStateFor, runEstimate} from '../../../src/tui/state/estimate-select.js';
import {pendingSummary, type SummaryItem, summaryItems, summaryLine} from '../../../src/tui/state/summary.js';
import {dec, ZERO} from '../../../src/money/decimal.js';
import {formatUsd} from '../../../src/money/format.js';
import {runCli} from '../../helpers/cli.js';
import {exampleSpecs, setupFor, exploreHistory} from '../fixtures.js';
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
    const result = await exploreHistory('2026-12-01T00:00:00Z');
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

describe('the summary bar with several task definitions', () => {
  const webSetup = setupFor(exampleSpecs('web-service.json'));
  const web = runEstimate(initialStateFor(webSetup), webSetup);
  if (!web.ok) throw new Error(web.error);

  it("says the month is every task definition's total, and whose the cheapest option and the coverage are", () => {
    // web: On-Demand $36.04 a month, Fargate Spot $11.48, saving $24.57 (24.565..., 68.16%).
    const items = summaryItems({estimate: web.result, tasks: {count: 2, total: dec('96.1400525'), onScreen: 'web'}});
    expect(summaryLine(items, 200)).toBe(
      'estimated (all 2) $96.14/mo · cheapest (web) Spot saves $24.57 (68.2%) · Spot – · SP coverage (web) …',
    );
    expect(summaryLine(items, 79)).toBe('est. (all 2) $96.14/mo · best (web) Spot 68.2% · Spot – · cov. (web) …');
    // One that cannot be priced leaves no total; one task definition is the task's own month, as before.
    const none = summaryItems({estimate: web.result, tasks: {count: 3, total: null, onScreen: 'web'}});
    expect(summaryLine(none, 200)).toMatch(/^estimated \(all 3\) – · cheapest \(web\) /);
    expect(summaryLine(summaryItems({estimate: web.result}), 200)).toMatch(/^estimated \$36\.04\/mo · cheapest Spot /);
  });

  it("shows a task definition's name inert and short", () => {
    const items = summaryItems({
      estimate: web.result,
      tasks: {count: 2, total: ZERO, onScreen: 'evil\u001b]0;pwned\u0007-and-a-very-long-name'},
    });
    const line = summaryLine(items, 300);
    expect(line).not.toMatch(/\u001b|\u0007/);
    expect(line).toContain('cheapest (evil\\x1b]0;pwne…) ');
  });

  it('matches the All 2 row and `fargate-cost estimate FILE --format json` for each file, added up, to the cent', async () => {
    const files = ['web-service.json', 'worker-arm64.json'];
    let total = ZERO;
    for (const file of files) {
      const cli = await runCli(['estimate', `data/examples/${file}`, '--format', 'json']);
      expect(cli.code, cli.stderr).toBe(0);
      const onDemand = JSON.parse(cli.stdout).options.find((o: {id: string}) => o.id === 'on-demand');
      total = total.plus(dec(onDemand.monthlyCost));
    }
    // $36.04 + $60.10, by hand: $96.14.
    expect(formatUsd(total)).toBe('$96.14');
    const setup = setupFor(exampleSpecs(...files));
    const app = render(
      <App estimate={setup} initialEstimate={initialStateFor(setup)} colors={false} size={{columns: 120, rows: 40}} />,
    );
    await waitForInput(app);
    let frame = await waitForText(app, 'All 2');
    const bar = frame.split('\n')[1]!;
    expect(bar).toBe(
      `estimated (all 2) ${formatUsd(total)}/mo · cheapest (web) Spot saves $24.57 (68.2%) · Spot – · SP coverage (web) …`,
    );
    expect(frame).toContain(`= ${formatUsd(total)} a month On-Demand`);
    // The next task definition: the total stays, the rest names it (in short words: the name is longer); compare has not run on it: pending.
    frame = await press(app, 'n');
    expect(frame.split('\n')[1]).toMatch(
      /^est\. \(all 2\) \$96\.14\/mo · best \(thumbnail-worker\) Spot [\d.]+% · Spot – · cov\. \(thumbnail-worker\) …$/,
    );
    // A bigger size for it: the bar's total is the All 2 row's new one.
    frame = await press(app, ']');
    const row = /= (\$[\d,.]+) a month On-Demand/.exec(frame)![1]!;
    expect(row).not.toBe('$96.14');
    expect(frame.split('\n')[1]).toMatch(new RegExp(`^est\\. \\(all 2\\) \\${row}/mo · `));
  });
});
