import {describe, expect, it} from 'vitest';
import {type AppAction, appReducer, type AppState, initialAppState} from '../../../src/tui/state/app.js';

const run = (state: AppState, ...actions: AppAction[]) => actions.reduce(appReducer, state);
const three = () => initialAppState(['estimate', 'history', 'compare'], {columns: 120, rows: 40});

describe('the explore app reducer', () => {
  it('starts on the first view, help closed, at the terminal size (80x24 when it reports none)', () => {
    expect(three()).toEqual({
      views: ['estimate', 'history', 'compare'],
      view: 'estimate',
      help: false,
      helpTop: 0,
      columns: 120,
      rows: 40,
      filter: '',
      filterEditing: false,
    });
    expect(initialAppState(['estimate'], {columns: undefined, rows: 0})).toMatchObject({columns: 80, rows: 24});
    expect(() => initialAppState([])).toThrow();
  });

  it('steps through the views both ways, wrapping, and only to views there are', () => {
    expect(run(three(), {type: 'step-view', step: 1}).view).toBe('history');
    expect(run(three(), {type: 'step-view', step: -1}).view).toBe('compare');
    const one = initialAppState(['estimate']);
    expect(run(one, {type: 'step-view', step: 1})).toBe(one);
    expect(run(one, {type: 'show-view', view: 'history'})).toBe(one);
    expect(run(three(), {type: 'show-view', view: 'compare'}).view).toBe('compare');
  });

  it('opens and closes help', () => {
    expect(run(three(), {type: 'toggle-help'}).help).toBe(true);
    expect(run(three(), {type: 'toggle-help'}, {type: 'toggle-help'}).help).toBe(false);
    expect(run(three(), {type: 'toggle-help'}, {type: 'close-help'}).help).toBe(false);
    expect(run(three(), {type: 'close-help'})).toEqual(three());
  });

  it('scrolls the help within its lines, and opens it at the top again', () => {
    const open = run(three(), {type: 'toggle-help'});
    expect(run(open, {type: 'scroll-help', step: 4, max: 10}).helpTop).toBe(4);
    expect(run(open, {type: 'scroll-help', step: 40, max: 10}).helpTop).toBe(10);
    expect(run(open, {type: 'scroll-help', step: -1, max: 10})).toBe(open);
    const scrolled = run(open, {type: 'scroll-help', step: 3, max: 10});
    expect(run(scrolled, {type: 'toggle-help'}, {type: 'toggle-help'}).helpTop).toBe(0);
    expect(run(scrolled, {type: 'close-help'}).helpTop).toBe(0);
  });

  it('follows the terminal size, ignoring a zero a non-terminal may report', () => {
    expect(run(three(), {type: 'resize', columns: 70, rows: 20})).toMatchObject({columns: 70, rows: 20});
    expect(run(three(), {type: 'resize', columns: 0, rows: 30})).toMatchObject({columns: 120, rows: 30});
    const state = three();
    expect(run(state, {type: 'resize', columns: 120, rows: 40})).toBe(state);
  });

  it('edits the filter: printable text only, backspace by character, Enter keeps, Esc drops', () => {
    const typing = run(
      three(),
      {type: 'start-filter'},
      {type: 'filter-input', text: 'we'},
      {type: 'filter-input', text: 'b\u001B[A'},
      {type: 'filter-input', text: 'é'},
    );
    expect([typing.filter, typing.filterEditing]).toEqual(['web[Aé', true]);
    expect(run(typing, {type: 'filter-backspace'}).filter).toBe('web[A');
    expect(run(typing, {type: 'end-filter', keep: true})).toMatchObject({filter: 'web[Aé', filterEditing: false});
    expect(run(typing, {type: 'end-filter', keep: false})).toMatchObject({filter: '', filterEditing: false});
    expect(run(typing, {type: 'clear-filter'}).filter).toBe('');
    expect(run(three(), {type: 'filter-backspace'})).toEqual(three());
  });
});
