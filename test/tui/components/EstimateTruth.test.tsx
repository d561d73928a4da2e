import {cleanup, render} from 'ink-testing-library';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {historyCompareInput} from '../../../src/app/compare-input.js';
import type {HistoryResult} from '../../../src/model/history.js';
import {D} from '../../../src/money/decimal.js';
import {formatUsd} from '../../../src/money/format.js';
import {App} from '../../../src/tui/App.js';
import {initialStateFor} from '../../../src/tui/state/estimate-select.js';
import {runCli} from '../../helpers/cli.js';
import {exampleSpecs, handGiven, NOW, setupFor, exploreHistory} from '../fixtures.js';
import {KEY, press, textOf, waitForInput, waitForText} from '../helpers/ink.js';

const AS_OF = '2026-11-24T00:00:00Z';
let history: HistoryResult;

beforeAll(async () => {
  history = await exploreHistory(AS_OF);
});
afterEach(() => cleanup());

const SIZES = [
  [80, 24],
  [120, 40],
] as const;

describe('the Estimate view of a history describes its workload and prices what history projects', () => {
  it.each(SIZES)(
    'at %i x %i: each group, and the Projection figures of `fargate-cost history`',
    async (columns, rows) => {
      const cli = await runCli(['history', 'data/examples/history', '--as-of', AS_OF], {now: NOW});
      if (!/as run/.test(cli.stdout)) throw new Error(cli.stdout.slice(0, 300) + cli.stderr);
      const asRun = cli.stdout.match(/as run: .* -> (\$[\d,.]+) a month/)![1]!;
      const onDemand = cli.stdout.match(/^On-Demand +(\$[\d,.]+)/m)![1]!;
      const sp3 = cli.stdout.match(/^Compute SP 3 yr All Upfront +(\$[\d,.]+)/m)![1]!;
      // As explore builds it: the history, no task definition given.
      const setup = setupFor(handGiven(), {history});
      const app = render(
        <App
          estimate={setup}
          initialEstimate={initialStateFor(setup)}
          history={{result: history, compareInput: historyCompareInput(history)}}
          colors={false}
          size={{columns, rows}}
        />,
      );
      await waitForInput(app);
      await waitForText(app, 'By group');
      const frame = await press(app, KEY.shiftTab);
      expect(frame).toContain(`The history's workload: 5 groups, ${asRun} a month as run`);
      // The row carries the stale-rate flag where the history's rates are over a year old, as the CLI's does.
      expect(frame).toMatch(new RegExp(`^On-Demand(: \\d{4}-\\d{2} rate, refresh)? +\\${onDemand} `, 'm'));
      expect(frame).toMatch(new RegExp(`^Compute SP 3 yr All Upfront +\\${sp3.replace('.', '\\.')}`, 'm'));
      for (const name of ['legacy-api', 'web', 'worker', 'nightly-report', 'thumbnailer']) {
        expect(frame).toMatch(new RegExp(`^${name} `, 'm'));
      }
      // The one task of legacy-api the CLI lists runs at 2 vCPU, 4 GB Windows; worker's two tasks ran from the first hour on.
      expect(frame).toMatch(/^worker +\$[\d.]+ · tasks avg [\d.]+ peak 2 · always on/m);
      expect(frame).not.toContain('1 task always on');
      expect(frame).toMatch(/^Assumes the [\d,]+ h of usage scaled to a 730-hour month/m);
      // Read-only: the footer offers no setting keys, only what works there.
      const footer = frame.trimEnd().split('\n').at(-1)!;
      expect(footer).toContain('Tab view');
      expect(footer).not.toMatch(/change|setting|size/);
      if (columns >= 120) expect(frame).toMatch(/^legacy-api .*2 vCPU, 4 GB Windows/m);
      for (const line of frame.split('\n')) expect([...line].length).toBeLessThanOrEqual(columns);
    },
  );

  it('the groups as run add up to the projection, exactly', async () => {
    const {historyEstimate} = await import('../../../src/tui/state/estimate-history.js');
    const estimate = historyEstimate(history)!;
    const sum = estimate.groups.reduce((total, group) => total.plus(group.monthly), new D(0));
    expect(formatUsd(sum)).toBe(formatUsd(history.projection!.monthlyCost));
    // Every size share of a group adds up to 1.
    for (const group of estimate.groups) {
      expect(group.sizes.reduce((total, size) => total.plus(size.share), new D(0)).toFixed(10)).toBe('1.0000000000');
    }
  });
});

describe('several task definitions: each one and the total, as `estimate` prices each file', () => {
  it.each(SIZES)('at %i x %i', async (columns, rows) => {
    const files = ['web-service.json', 'worker-arm64.json'];
    const exact = await Promise.all(
      files.map(async (file) => {
        const cli = await runCli(['estimate', `data/examples/${file}`, '--format', 'json'], {now: NOW});
        const json = JSON.parse(cli.stdout) as {options: {id: string; monthlyCost: string}[]};
        return new D(json.options.find((option) => option.id === 'on-demand')!.monthlyCost);
      }),
    );
    const setup = setupFor(exampleSpecs(...files));
    const app = render(
      <App estimate={setup} initialEstimate={initialStateFor(setup)} colors={false} size={{columns, rows}} />,
    );
    await waitForInput(app);
    const frame = await waitForText(app, 'All 2');
    const names = setup.specs.map((spec) => spec.name);
    const line = frame.split('\n').find((text) => text.startsWith('All 2'))!;
    const expected = `${names[0]} ${formatUsd(exact[0]!)} + ${names[1]} ${formatUsd(exact[1]!)} = ${formatUsd(exact[0]!.plus(exact[1]!))} a month On-Demand`;
    const shown = line.slice('All 2'.length).trim();
    if (columns >= 120) expect(shown).toBe(expected);
    else expect(expected.startsWith(shown.replace(/…$/, ''))).toBe(true);
    for (const text of textOf(app.lastFrame()).split('\n')) expect([...text].length).toBeLessThanOrEqual(columns);
  });
});
