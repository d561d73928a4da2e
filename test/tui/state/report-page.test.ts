import {describe, expect, it} from 'vitest';
import {initialAppState} from '../../../src/tui/state/app.js';
import {activeScopes, NO_VIEW_CONTEXT, routeCommand} from '../../../src/tui/state/commands.js';
import {reportPage, reportPageReducer, reportScrollLine, reportText} from '../../../src/tui/state/report-page.js';

const REPORT = [
  'fargate-cost diff a -> b',
  'On-Demand monthly: $1.00 -> $2.00 (+$1.00)',
  '',
  'item  before',
  '────  ──────',
  'web    $1.00',
  '',
  'Assumptions',
  '- a month is 730 hours',
  '! 1 rate is estimated',
  '',
].join('\n');

describe('a report as a view', () => {
  it('keeps what comes before the first blank line on top and scrolls the rest, each line by its kind', () => {
    const text = reportText(REPORT, 80);
    expect(text.head).toEqual([
      {text: 'fargate-cost diff a -> b', kind: 'headline'},
      {text: 'On-Demand monthly: $1.00 -> $2.00 (+$1.00)', kind: 'text'},
    ]);
    expect(text.body.map((line) => line.kind)).toEqual(['header', 'rule', 'text', 'text', 'title', 'note', 'warning']);
  });

  it('cuts a line to the width by display width', () => {
    expect(reportText('名前名前名前\n\nbody', 6).head[0]!.text).toBe('名前…');
  });

  it('pages the body under the head, saying where it stands', () => {
    const text = reportText(REPORT, 80);
    // 2 head rows, 5 body rows of room: 4 lines and the line saying where.
    const page = reportPage(text, 7, 0);
    expect(page).toEqual({top: 0, rows: 4, maxTop: 3, scrolls: true});
    expect(reportScrollLine(page, text.body.length)).toBe('lines 1–4 of 7');
    expect(reportPage(text, 7, 99).top).toBe(3);
    expect(reportPage(text, 20, 5)).toEqual({top: 0, rows: 7, maxTop: 0, scrolls: false});
  });

  it('scrolls within the body', () => {
    let state = reportPageReducer({top: 0}, {type: 'scroll', step: 1, max: 3});
    expect(state.top).toBe(1);
    state = reportPageReducer(state, {type: 'scroll', step: 10, max: 3});
    expect(state.top).toBe(3);
    expect(reportPageReducer(state, {type: 'edge', to: 'first', max: 3}).top).toBe(0);
    expect(reportPageReducer({top: 0}, {type: 'edge', to: 'last', max: 3}).top).toBe(3);
    expect(reportPageReducer({top: 0}, {type: 'scroll', step: -1, max: 3})).toEqual({top: 0});
  });
});

describe('the report views` keys', () => {
  it('scroll the view on screen by its own extent', () => {
    const app = {...initialAppState(['reconcile', 'diff', 'estimate']), view: 'diff' as const};
    expect(activeScopes(app)).toEqual(['page', 'global']);
    const context = {reports: {diff: {maxTop: 30, page: 10}, reconcile: {maxTop: 5, page: 3}}};
    expect(routeCommand('page-page-down', app, {...NO_VIEW_CONTEXT, ...context})).toEqual({
      page: {type: 'scroll', step: 9, max: 30},
    });
    expect(routeCommand('page-last', app, {...NO_VIEW_CONTEXT, ...context})).toEqual({
      page: {type: 'edge', to: 'last', max: 30},
    });
  });
});
