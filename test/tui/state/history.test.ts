import {describe, expect, it} from 'vitest';
import {D, dec, ZERO} from '../../../src/money/decimal.js';
import type {HistoryRow} from '../../../src/model/history.js';
import {
  breakdownRows,
  filterRuns,
  groupHourlyVcpu,
  historyReducer,
  hourlyCosts,
  initialHistoryState,
  runRow,
  runsOf,
  scrollOffset,
  type ShownRun,
  sortLabel,
  sortRows,
  sortRuns,
  sparkline,
  taskId,
} from '../../../src/tui/state/history.js';
import {bill, HOUR, ran, running, T0} from '../../app/history-fixtures.js';

const spot = {capacityProvider: 'FARGATE_SPOT'} as const;

/** Three groups over three hours; one Spot run interrupted. */
function history() {
  return bill(
    [
      ran(T0, HOUR, {group: 'service:web', cpuUnits: 1024, memoryMiB: 2048}),
      ran(T0 + HOUR, HOUR, {
        group: 'service:web',
        cpuUnits: 1024,
        memoryMiB: 2048,
        stopCode: 'EssentialContainerExited',
      }),
      ran(T0, 30 * 60_000, {group: 'service:worker', ...spot, stopCode: 'SpotInterruption'}),
      running(T0 + 2 * HOUR, {group: 'family:report', taskDefinition: 'report:7'}),
    ],
    {keepRuns: true, componentProfiles: true, asOfMs: T0 + 3 * HOUR},
  );
}

describe('the History view state', () => {
  it('moves the cursor within the rows on screen, and keeps a cursor per level', () => {
    let state = initialHistoryState();
    state = historyReducer(state, {type: 'move', step: 1, rows: 3});
    state = historyReducer(state, {type: 'move', step: 5, rows: 3});
    expect(state.cursor).toBe(2);
    expect(historyReducer(state, {type: 'move', step: 1, rows: 3})).toBe(state);
    state = historyReducer(state, {type: 'open', key: 'service:web', filter: 'we'});
    expect(state.opened).toEqual({breakdown: 'groups', key: 'service:web', filterBefore: 'we'});
    state = historyReducer(state, {type: 'edge', to: 'last', rows: 2});
    expect([state.cursor, state.taskCursor]).toEqual([2, 1]);
    // Changing the breakdown waits until the row is closed.
    expect(historyReducer(state, {type: 'next-breakdown'})).toBe(state);
    state = historyReducer(state, {type: 'close'});
    expect([state.opened, state.cursor]).toEqual([null, 2]);
    state = historyReducer(state, {type: 'next-breakdown'});
    expect([state.breakdown, state.cursor]).toEqual(['option', 0]);
    expect(historyReducer(historyReducer(state, {type: 'next-breakdown'}), {type: 'next-breakdown'}).breakdown).toBe(
      'groups',
    );
  });

  it('a cursor past a list that a filter shortened moves from the list end', () => {
    const state = {...initialHistoryState(), cursor: 9};
    expect(historyReducer(state, {type: 'move', step: -1, rows: 3}).cursor).toBe(1);
    expect(historyReducer(state, {type: 'move', step: 1, rows: 0})).toBe(state);
  });

  it('shows the core breakdowns, filtered by text', () => {
    const result = history();
    // web $0.09874, report (running an hour) $0.0123425, worker (half an hour on Spot) $0.00196490625.
    expect(breakdownRows(result, 'groups', '').map((row) => row.key)).toEqual([
      'service:web',
      'family:report',
      'service:worker',
    ]);
    expect(breakdownRows(result, 'groups', 'WOR').map((row) => row.key)).toEqual(['service:worker']);
    // The kind column counts too.
    expect(breakdownRows(result, 'groups', 'batch').map((row) => row.key)).toEqual(['family:report']);
    expect(breakdownRows(result, 'option', '').map((row) => row.key)).toEqual(['on-demand', 'spot']);
    expect(breakdownRows(result, 'day', '').map((row) => row.key)).toEqual(['2026-11-02']);
  });

  it("lists a row's runs costliest first, whatever the breakdown", () => {
    const result = history();
    const web = runsOf(result, {breakdown: 'groups', key: 'service:web', filterBefore: ''});
    expect(web.map(({run}) => run.pullStartedAtMs)).toEqual([T0, T0 + HOUR]);
    expect(web.map(({shown, run}) => shown === run)).toEqual([true, true]);
    expect(runsOf(result, {breakdown: 'option', key: 'spot', filterBefore: ''}).map(({run}) => run.group)).toEqual([
      'service:worker',
    ]);
    // A day lists every run billed in it: here all four.
    expect(runsOf(result, {breakdown: 'day', key: '2026-11-02', filterBefore: ''})).toHaveLength(4);
    expect(runsOf(result, {breakdown: 'day', key: '2026-11-03', filterBefore: ''})).toHaveLength(0);
  });

  it("a day's runs count their time on that day, so they add up to the day's row", () => {
    // A run from 22:00 to 02:00: two hours on each day.
    const result = bill([ran(T0 - 2 * HOUR, 4 * HOUR, {cpuUnits: 1024, memoryMiB: 2048})], {keepRuns: true});
    for (const row of result.byDay) {
      const [part] = runsOf(result, {breakdown: 'day', key: row.key, filterBefore: ''});
      expect(part!.shownMs).toBe(2 * HOUR);
      // 2 hours of 1 vCPU, 2 GB: 2 x 0.04937.
      expect(result.runs!.cost(part!.shown).toString()).toBe('0.09874');
      expect(result.runs!.cost(part!.shown).toString()).toBe(row.cost.toString());
    }
    expect(result.byDay.map((row) => row.key)).toEqual(['2026-11-01', '2026-11-02']);
  });

  it('filters runs by task id, option, stop code, task definition or "running"', () => {
    const runs = runsOf(history(), {breakdown: 'day', key: '2026-11-02', filterBefore: ''});
    expect(filterRuns(runs, 'spotint').map(({run}) => run.group)).toEqual(['service:worker']);
    expect(filterRuns(runs, 'running').map(({run}) => run.group)).toEqual(['family:report']);
    expect(filterRuns(runs, 'report:7')).toHaveLength(1);
    expect(filterRuns(runs, '1 vCPU, 2 GB').map(({run}) => run.group)).toEqual(['service:web', 'service:web']);
    expect(filterRuns(runs, taskId(runs[0]!.run.taskArn))).toEqual([runs[0]]);
    expect(filterRuns(runs, '')).toBe(runs);
  });

  it('draws a run as a row: id, option, size, start, billed time, stop code, exact cost', () => {
    const result = history();
    const first = runsOf(result, {breakdown: 'groups', key: 'service:web', filterBefore: ''})[0]!.run;
    // 1 vCPU and 2 GB for an hour: 0.04048 + 2 x 0.004445 = $0.04937, shown to the cent.
    expect(result.runs!.cost(first).toString()).toBe('0.04937');
    expect(runRow(first, result.runs!.cost(first))).toEqual({
      id: taskId(first.taskArn),
      option: 'on-demand',
      size: '1 vCPU, 2 GB',
      started: '11-02 00:00:00',
      billed: '1h 00m 00s',
      counted: '1h 00m 00s',
      stop: '–',
      cost: '$0.05',
    });
    const report = runsOf(result, {breakdown: 'groups', key: 'family:report', filterBefore: ''})[0]!.run;
    expect(runRow(report, result.runs!.cost(report))).toMatchObject({billed: '1h 00m 00s', stop: 'running'});
  });

  it('keeps the cursor in the middle of a long list', () => {
    expect([
      scrollOffset(0, 100, 10),
      scrollOffset(7, 100, 10),
      scrollOffset(99, 100, 10),
      scrollOffset(3, 5, 10),
    ]).toEqual([0, 2, 90, 0]);
  });

  it('draws a sparkline scaled to its largest cell, gaps for idle hours, several hours a cell when long', () => {
    // Levels 0..7 of the largest: 1/4 -> 1.75 -> 2 (▃), 2/4 -> 3.5 -> 4 (▅).
    expect(sparkline(['0', '1', '2', '4'].map(dec), 10)).toEqual({line: ' ▃▅█', max: dec(4), hoursPerCell: 1});
    const long = sparkline(
      Array.from({length: 48}, (_, i) => dec(i < 24 ? 1 : 0)),
      24,
    );
    expect([long.line, long.hoursPerCell, long.max.toString()]).toEqual(['████████████            ', 2, '2']);
    expect(sparkline([], 10).line).toBe('');
  });

  it('feeds the sparkline the hourly cost, or the vCPU-hours of the opened group', () => {
    const result = history();
    const costs = hourlyCosts(result);
    expect(costs).toHaveLength(3);
    // Hour 1: web (1 vCPU, 2 GB) all hour, worker (0.25 vCPU, 0.5 GB at the Spot rates 0.01288871 and 0.00141527) half of it.
    expect(costs[0]!.toString()).toBe(
      new D('0.04937').plus(new D('0.25').times('0.01288871').plus(new D('0.5').times('0.00141527')).div(2)).toString(),
    );
    expect(groupHourlyVcpu(result, 'service:web')!.map(String)).toEqual(['1', '1', '0']);
    expect(groupHourlyVcpu(result, 'service:nope')).toBeNull();
  });
});

/** A breakdown row with only what sorting reads set. */
const sortable = (key: string, cost: string, tasks: number): HistoryRow => ({
  key,
  kind: null,
  tasks,
  running: 0,
  cost: new D(cost),
  onDemandCost: new D(cost),
  vcpuHours: ZERO,
  gbHours: ZERO,
  storageGbHours: ZERO,
  taskHours: ZERO,
  share: ZERO,
});

describe('sorting the History lists', () => {
  it('one key cycles the list on screen through cost, tasks and name; each list keeps its own order', () => {
    let state = {...initialHistoryState(), cursor: 2};
    expect(state.sort).toEqual({groups: 'cost', option: 'cost', day: 'name', runs: 'cost'});
    state = historyReducer(state, {type: 'next-sort'});
    expect([state.sort.groups, state.cursor]).toEqual(['tasks', 0]);
    state = historyReducer(state, {type: 'next-sort'});
    expect(state.sort.groups).toBe('name');
    state = historyReducer(state, {type: 'next-sort'});
    expect(state.sort.groups).toBe('cost');
    state = historyReducer(historyReducer(state, {type: 'next-breakdown'}), {type: 'next-breakdown'});
    state = historyReducer(state, {type: 'next-sort'});
    expect(state.sort).toEqual({groups: 'cost', option: 'cost', day: 'cost', runs: 'cost'});
    // An opened row: its runs take the order, the rows keep theirs.
    state = historyReducer(state, {type: 'open', key: '2026-11-02', filter: ''});
    state = historyReducer({...state, taskCursor: 3}, {type: 'next-sort'});
    expect([state.sort.runs, state.sort.day, state.taskCursor]).toEqual(['tasks', 'cost', 0]);
  });

  it('labels each order as the header shows it', () => {
    expect(sortLabel('groups', 'cost')).toBe('cost ↓');
    expect(sortLabel('groups', 'tasks')).toBe('tasks ↓');
    expect(sortLabel('groups', 'name')).toBe('group ↑');
    expect(sortLabel('day', 'name')).toBe('date ↑');
    expect(sortLabel('runs', 'tasks')).toBe('billed time ↓');
    expect(sortLabel('runs', 'name')).toBe('task id ↑');
  });

  it('compares costs as exact decimals, keeps ties in the order given, and names by code unit', () => {
    // As floats 0.1 and 0.10000000000000000001 are one number: only an exact compare orders them.
    const rows = [
      sortable('b', '0.1', 3),
      sortable('a', '0.10000000000000000001', 1),
      sortable('C', '0.1', 3),
      sortable('é', '2', 1),
    ];
    expect(sortRows(rows, 'cost').map((row) => row.key)).toEqual(['é', 'a', 'b', 'C']);
    // Ties (3 tasks; 1 task) keep the order given.
    expect(sortRows(rows, 'tasks').map((row) => row.key)).toEqual(['b', 'C', 'a', 'é']);
    // Upper case before lower case, accented letters after z: the same on every machine.
    expect(sortRows(rows, 'name').map((row) => row.key)).toEqual(['C', 'a', 'b', 'é']);
    // The input is left as it was.
    expect(rows.map((row) => row.key)).toEqual(['b', 'a', 'C', 'é']);
  });

  it('sorts the rows before the filter selects from them', () => {
    const result = history();
    expect(breakdownRows(result, 'groups', '', 'name').map((row) => row.key)).toEqual([
      'family:report',
      'service:web',
      'service:worker',
    ]);
    expect(breakdownRows(result, 'groups', 'service', 'tasks').map((row) => row.key)).toEqual([
      'service:web',
      'service:worker',
    ]);
  });

  it("orders a row's runs by billed time or task id, ties in runsOf's order", () => {
    const run = (arn: string, shownMs: number) => ({run: {taskArn: arn}, shownMs}) as unknown as ShownRun;
    const runs = [run('arn:task/c/zz', 1000), run('arn:task/c/aa', 5000), run('arn:task/c/mm', 1000)];
    expect(sortRuns(runs, 'cost')).toBe(runs);
    expect(sortRuns(runs, 'tasks').map(({run}) => taskId(run.taskArn))).toEqual(['aa', 'zz', 'mm']);
    expect(sortRuns(runs, 'name').map(({run}) => taskId(run.taskArn))).toEqual(['aa', 'mm', 'zz']);
  });
});

describe('a click selects a row (historyReducer select)', () => {
  it('moves the cursor, or the run cursor in an opened row, to the row clicked, within the list', () => {
    const state = initialHistoryState();
    expect(historyReducer(state, {type: 'select', index: 3, rows: 5}).cursor).toBe(3);
    expect(historyReducer(state, {type: 'select', index: 9, rows: 5}).cursor).toBe(4);
    expect(historyReducer(state, {type: 'select', index: 3, rows: 0})).toBe(state);
    const opened = historyReducer(state, {type: 'open', key: 'service:web', filter: ''});
    const next = historyReducer(opened, {type: 'select', index: 2, rows: 4});
    expect([next.taskCursor, next.cursor]).toEqual([2, 0]);
  });
});
