import {cleanup, render} from 'ink-testing-library';
// Measured as the terminal (and ink) measures, independently of the code under test.
import visibleWidth from 'string-width';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {HistoryResult} from '../../../src/app/history.js';
import type {HistoryRow} from '../../../src/model/history.js';
import {D, ZERO} from '../../../src/money/decimal.js';
import {HistoryTable} from '../../../src/tui/components/HistoryTable.js';
import {breakdownRows, filterRuns, initialHistoryState, runsOf} from '../../../src/tui/state/history.js';
import {exploreHistory} from '../fixtures.js';
import {textOf} from '../helpers/ink.js';

let result: HistoryResult;

beforeAll(async () => {
  result = await exploreHistory('2026-11-04T00:00:00Z');
});
afterEach(() => cleanup());

/** A breakdown row costing `cost` dollars, `share` of the billed total. */
function row(key: string, cost: string, share: string): HistoryRow {
  return {
    key,
    kind: null,
    tasks: 1,
    running: 0,
    cost: new D(cost),
    onDemandCost: new D(cost),
    vcpuHours: ZERO,
    gbHours: ZERO,
    storageGbHours: ZERO,
    taskHours: ZERO,
    share: new D(share),
  };
}

function table(rows: readonly HistoryRow[], cursor = 0, listRows = 10, width = 80): string[] {
  const {lastFrame} = render(
    <HistoryTable
      result={result}
      state={{...initialHistoryState(), cursor}}
      rows={rows}
      runs={null}
      openedRow={undefined}
      filter=""
      filterEditing={false}
      width={width}
      listRows={listRows}
    />,
  );
  return textOf(lastFrame()).split('\n');
}

const cells = (line: string) => {
  const bar = line.match(/[█▏▎▍▌▋▊▉]+$/)?.[0] ?? '';
  // A full cell is 8 eighths; a partial block is its index in ▏▎▍▌▋▊▉ plus one.
  return [...bar].reduce((total, c) => total + (c === '█' ? 8 : '▏▎▍▌▋▊▉'.indexOf(c) + 1), 0) / 8;
};

describe('<HistoryTable> share bars', () => {
  it('draws each row in proportion to the billed total: four services at 25% each draw a quarter of the bar', () => {
    const lines = table([
      row('api', '25', '0.25'),
      row('web', '25', '0.25'),
      row('jobs', '25', '0.25'),
      row('db', '25', '0.25'),
    ]);
    const rows = lines.filter((line) => /^[› ] (api|web|jobs|db) /.test(line));
    expect(rows).toHaveLength(4);
    // At 80 columns the bar is 24 cells wide: a quarter is 6 cells.
    for (const line of rows) expect(cells(line)).toBe(6);
  });

  it('a 3% row draws 3% of the bar, not a full one, even when it is the largest on screen', () => {
    const lines = table([row('tiny', '3', '0.03')]);
    const line = lines.find((l) => l.includes('tiny'))!;
    // 3% of 24 cells is 0.72 cells: 5.76 eighths, drawn as 6 eighths (▊).
    expect(line.endsWith('  ▊')).toBe(true);
  });

  it('a row at 100% draws the full 24 cells', () => {
    const line = table([row('all', '40', '1')]).find((l) => l.includes('all'))!;
    expect(line.endsWith(` ${'█'.repeat(24)}`)).toBe(true);
  });
});

describe('<HistoryTable> a cut list says where it stands', () => {
  const forty = Array.from({length: 40}, (_, i) => row(`svc-${String(i + 1).padStart(2, '0')}`, '1', '0.025'));

  it('every row on screen: no position, no marks', () => {
    const lines = table(forty.slice(0, 5), 0, 10);
    expect(lines[0]).toBe('By group (5)  by cost ↓');
    expect(lines.filter((line) => /^[↑↓]/.test(line))).toEqual([]);
  });

  it('at the top: "1–10 of 40" and ↓ on the last row, none above', () => {
    const lines = table(forty, 0, 10);
    expect(lines[0]).toBe('By group (40)  1–10 of 40  by cost ↓');
    expect(lines[2]!.startsWith('› svc-01 ')).toBe(true);
    expect(lines[11]!.startsWith('↓ svc-10 ')).toBe(true);
    expect(lines.filter((line) => line.startsWith('↑'))).toEqual([]);
  });

  it('in the middle: "12–30 of 40", ↑ on the first row and ↓ on the last', () => {
    // 19 rows with the cursor on row 21 (index 20): the cursor sits in the middle, rows 12 to 30 show.
    const lines = table(forty, 20, 19);
    expect(lines[0]).toBe('By group (40)  12–30 of 40  by cost ↓');
    expect(lines[2]!.startsWith('↑ svc-12 ')).toBe(true);
    expect(lines[11]!.startsWith('› svc-21 ')).toBe(true);
    expect(lines[20]!.startsWith('↓ svc-30 ')).toBe(true);
  });

  it('at the bottom: "31–40 of 40" and ↑ only', () => {
    const lines = table(forty, 39, 10);
    expect(lines[0]).toBe('By group (40)  31–40 of 40  by cost ↓');
    expect(lines[2]!.startsWith('↑ svc-31 ')).toBe(true);
    expect(lines[11]!.startsWith('› svc-40 ')).toBe(true);
    expect(lines.filter((line) => line.startsWith('↓'))).toEqual([]);
  });
});

describe('<HistoryTable> with wide characters', () => {
  it('a CJK or emoji service name takes two columns a character: the figures line up under their headings', () => {
    const lines = table([
      row('service:決済サービス', '30', '0.5'),
      row('service:web 🚀', '20', '0.25'),
      row('service:api', '10', '0.25'),
    ]);
    const heading = lines[1]!;
    const rows = lines.filter((line) => line.includes('service:'));
    expect(rows).toHaveLength(3);
    // The share column ends where its heading ends, counted in columns the terminal shows.
    const shareEnd = visibleWidth(heading.slice(0, heading.indexOf('share') + 'share'.length));
    for (const line of rows) {
      const end = line.indexOf('%') + 1;
      expect(visibleWidth(line.slice(0, end))).toBe(shareEnd);
    }
    // And no line is wider than the 80 columns it was given.
    for (const line of lines) expect(visibleWidth(line)).toBeLessThanOrEqual(80);
  });
});

describe('<HistoryTable> order and filter', () => {
  it("says the list's order beside its title, the name order as its column's", () => {
    const rows = breakdownRows(result, 'groups', '', 'name');
    const lines = textOf(
      render(
        <HistoryTable
          result={result}
          state={{...initialHistoryState(), sort: {...initialHistoryState().sort, groups: 'name'}}}
          rows={rows}
          runs={null}
          openedRow={undefined}
          filter=""
          filterEditing={false}
          width={100}
          listRows={10}
        />,
      ).lastFrame(),
    ).split('\n');
    expect(lines[0]).toBe('By group (5)  by group ↑');
    // A to Z: family: before service:.
    expect(lines.slice(2, 7).map((line) => line.slice(2).split(' ')[0])).toEqual([
      'family:nightly-report',
      'family:thumbnailer',
      'service:legacy-api',
      'service:web',
      'service:worker',
    ]);
  });

  it("a filter on a row's runs says how many it kept and what they cost together", () => {
    const opened = {breakdown: 'groups', key: 'service:web', filterBefore: ''} as const;
    const runs = filterRuns(runsOf(result, opened), 'running');
    const openedRow = breakdownRows(result, 'groups', '').find((row) => row.key === 'service:web');
    const title = textOf(
      render(
        <HistoryTable
          result={result}
          state={{...initialHistoryState(), opened}}
          rows={[]}
          runs={runs}
          openedRow={openedRow}
          filter="running"
          filterEditing={false}
          width={100}
          listRows={10}
        />,
      ).lastFrame(),
    ).split('\n')[0];
    // The two running web tasks: billed 9h 59m 50s and 9h 59m 48s (71,978 s) at 1 vCPU, 2 GB in us-east-1,
    // $0.04048 + 2 x $0.004445 = $0.04937 an hour: $0.98710..., shown as $0.99.
    expect(title).toContain('by cost ↓  filter: running → 2 runs, $0.99  (Esc goes back)');
  });
});
