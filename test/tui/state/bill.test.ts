import {beforeAll, describe, expect, it} from 'vitest';
import {loadBill, openBillFiles} from '../../../src/cli/read-bill.js';
import type {BillResult} from '../../../src/model/bill.js';
import {
  billPage,
  billReducer,
  billScrollLine,
  type BillViewText,
  billViewText,
  initialBillState,
  sortBillGroups,
} from '../../../src/tui/state/bill.js';
import {dec} from '../../../src/money/decimal.js';

let result: BillResult;
beforeAll(async () => {
  result = await loadBill(await openBillFiles(['test/fixtures/bill/cur2.parquet'], undefined));
});

/** A text of `head` and `body` lines, for the page maths. */
const textOf = (head: number, body: number): BillViewText => ({
  head: Array.from({length: head}, (_, i) => ({text: `h${i}`, kind: 'text' as const})),
  body: Array.from({length: body}, (_, i) => ({text: `b${i}`, kind: 'text' as const})),
});

describe("the Bill view's page", () => {
  it('shows the whole body with no scroll line when it fits under the head', () => {
    expect(billPage(textOf(5, 10), 15, 0)).toEqual({top: 0, rows: 10, maxTop: 0, scrolls: false});
    // A top left over from a smaller terminal goes back to 0.
    expect(billPage(textOf(5, 10), 15, 4).top).toBe(0);
  });

  it('keeps a row for the scroll line when the body does not fit, and keeps top within the body', () => {
    // 20 rows less 5 of head: 15, less the scroll line: 14 lines of 30; the last first line is 16.
    expect(billPage(textOf(5, 30), 20, 3)).toEqual({top: 3, rows: 14, maxTop: 16, scrolls: true});
    expect(billPage(textOf(5, 30), 20, 99).top).toBe(16);
    // A head taller than the body's room still leaves one line.
    expect(billPage(textOf(30, 5), 10, 0)).toMatchObject({rows: 1, maxTop: 4, scrolls: true});
  });

  it('says which lines show and which way there is more', () => {
    expect(billScrollLine({top: 0, rows: 9, maxTop: 13, scrolls: true}, 22)).toBe('lines 1–9 of 22 ↓');
    expect(billScrollLine({top: 5, rows: 9, maxTop: 13, scrolls: true}, 22)).toBe('lines 6–14 of 22 ↓ ↑');
    expect(billScrollLine({top: 13, rows: 9, maxTop: 13, scrolls: true}, 22)).toBe('lines 14–22 of 22 ↑');
  });

  it('scrolls within 0 and the last first line, to either edge, and returns the same state when nothing moves', () => {
    let state = billReducer(initialBillState, {type: 'scroll', step: 1, max: 13});
    expect(state).toEqual({top: 1, sort: 'paid'});
    state = billReducer(state, {type: 'scroll', step: 8, max: 13});
    expect(state).toEqual({top: 9, sort: 'paid'});
    expect(billReducer(state, {type: 'scroll', step: 8, max: 13})).toEqual({top: 13, sort: 'paid'});
    expect(billReducer(state, {type: 'edge', to: 'first', max: 13})).toEqual({top: 0, sort: 'paid'});
    expect(billReducer(state, {type: 'edge', to: 'last', max: 13})).toEqual({top: 13, sort: 'paid'});
    expect(billReducer(initialBillState, {type: 'scroll', step: -1, max: 13})).toBe(initialBillState);
    // After a resize made the body shorter, a step up starts from the new end.
    expect(billReducer({top: 20, sort: 'paid'}, {type: 'scroll', step: -1, max: 13})).toEqual({top: 12, sort: 'paid'});
  });
});

describe("the Bill view's text", () => {
  it('puts what was read, the headline and the Savings Plans in the head, the groups first in the body', () => {
    const text = billViewText(result, 119);
    const head = text.head.map((line) => line.text);
    expect(head[0]).toMatch(/^test\/fixtures\/bill\/cur2\.parquet \(cur2, hourly\)/);
    expect(text.head.find((line) => line.kind === 'headline')?.text).toBe(
      'Paid $1.35 for Fargate (public On-Demand $1.35: $0.0049 saved, 0.4%)',
    );
    expect(head).toContain('Savings Plans');
    expect(text.body[0]).toEqual({text: 'By group (2)  by paid ↓', kind: 'title'});
    expect(text.body[1]!.kind).toBe('header');
    expect(text.body[2]!.kind).toBe('rule');
    expect(text.body[3]!.text).toMatch(/^service:api\s/);
    expect(text.body[4]!.text).toMatch(/^cluster:batch\s/);
  });

  it('cuts every line to the width', () => {
    for (const width of [40, 79, 119]) {
      const {head, body} = billViewText(result, width);
      for (const line of [...head, ...body]) expect([...line.text].length, line.text).toBeLessThanOrEqual(width);
    }
  });

  it("shows a bill's names inert: a path and a group with terminal controls in them", () => {
    const evil = 'evil\u001b]0;pwned\u0007\u001b[31mred\nline';
    const tainted: BillResult = {
      ...result,
      sources: result.sources.map((source) => ({...source, path: evil})),
      groups: result.groups.map((row, i) => (i === 0 ? {...row, key: `service:${evil}`} : row)),
      utilisation: result.utilisation.map((u) => ({...u, group: `service:${evil}`})),
    };
    const {head, body} = billViewText(tainted, 200);
    const all = [...head, ...body].map((line) => line.text).join('\n');
    expect(all).not.toMatch(/\u001b|\u0007/);
    expect(all).toContain('evil\\x1b]0;pwned\\x07\\x1b[31mred\\nline');
  });
});

describe("the Bill view's order of the groups", () => {
  // The fixture's groups (docs/explore.md's Bill view): service:api 1 task, 24 vCPU-h, $1.18 paid;
  // cluster:batch 6 tasks, 4.38 vCPU-h, $0.17 paid.
  const groupsOf = (text: ReturnType<typeof billViewText>) =>
    text.body.slice(3, 5).map((line) => line.text.split(/\s+/)[0]);

  it('> cycles paid ↓, tasks ↓, vCPU-h ↓, group ↑ and back; the title says which and the page stays where it is', () => {
    let state = billReducer(initialBillState, {type: 'scroll', step: 2, max: 13});
    const seen: [string, (string | undefined)[]][] = [];
    for (let i = 0; i < 5; i++) {
      const text = billViewText(result, 119, state.sort);
      seen.push([text.body[0]!.text, groupsOf(text)]);
      state = billReducer(state, {type: 'next-sort'});
      expect(state.top).toBe(2);
    }
    expect(seen).toEqual([
      ['By group (2)  by paid ↓', ['service:api', 'cluster:batch']],
      ['By group (2)  by tasks ↓', ['cluster:batch', 'service:api']],
      ['By group (2)  by vCPU-h ↓', ['service:api', 'cluster:batch']],
      ['By group (2)  by group ↑', ['cluster:batch', 'service:api']],
      ['By group (2)  by paid ↓', ['service:api', 'cluster:batch']],
    ]);
  });

  it('compares amounts exactly and breaks ties by name; a group that counts no tasks goes last by tasks', () => {
    const row = result.groups[0]!;
    const rows = [
      // Equal as floats (0.1 + 0.2 is 0.30000000000000004), apart as decimals.
      {...row, key: 'b', paid: dec('0.3'), vcpuHours: dec('1'), tasks: null},
      {...row, key: 'a', paid: dec('0.3'), vcpuHours: dec('1.00000000000000001'), tasks: 2},
      {...row, key: 'c', paid: dec('0.30000000000000001'), vcpuHours: dec('1'), tasks: 2},
    ];
    const keys = (sort: Parameters<typeof sortBillGroups>[1]) => sortBillGroups(rows, sort).map((r) => r.key);
    expect(keys('paid')).toEqual(['c', 'a', 'b']);
    expect(keys('tasks')).toEqual(['a', 'c', 'b']);
    expect(keys('vcpu')).toEqual(['a', 'b', 'c']);
    expect(keys('name')).toEqual(['a', 'b', 'c']);
  });
});
