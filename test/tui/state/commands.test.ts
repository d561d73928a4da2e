import {describe, expect, it} from 'vitest';
import {dec} from '../../../src/money/decimal.js';
import {COMMAND_IDS, COMMANDS} from '../../../src/tui/keymap.js';
import {initialAppState} from '../../../src/tui/state/app.js';
import {
  activeScopes,
  filterKey,
  NO_VIEW_CONTEXT,
  routeCommand,
  type ViewContext,
} from '../../../src/tui/state/commands.js';

const app = initialAppState(['estimate', 'history', 'compare']);
const history = {...app, view: 'history' as const};
const context: ViewContext = {
  historyOpened: null,
  historyRows: 12,
  historyPage: 5,
  historyKey: 'service:web',
  historyCursor: 0,
  historyList: {top: 10, shown: 5},
  bill: {maxTop: 30, page: 8},
  sliders: [null, {best: dec('0.048'), peak: dec('0.1')}],
  interruptionsPerTaskHour: dec('0.001'),
  lostWorkSeconds: dec(0),
  help: {maxTop: 10, page: 20},
  comparePending: false,
};

describe('routing commands to reducer actions', () => {
  it('routes every command the keymap has to something, given views to act on', () => {
    expect(new Set(COMMANDS.map((command) => command.id))).toEqual(new Set(COMMAND_IDS));
    for (const id of COMMAND_IDS) {
      // Esc needs something open to step back from: the help, here.
      const routed = routeCommand(id, id === 'back' ? {...app, help: true} : app, context);
      expect(
        Boolean(routed.quit) ||
          [routed.app, routed.estimate, routed.history, routed.bill, routed.compare, routed.page].some(
            (action) => action !== undefined,
          ),
        id,
      ).toBe(true);
    }
  });

  it('Esc closes help when it is open and otherwise does nothing: it never quits; q always quits', () => {
    expect(routeCommand('back', {...app, help: true})).toEqual({app: {type: 'close-help'}});
    expect(routeCommand('back', app)).toEqual({});
    expect(routeCommand('back', {...app, view: 'compare'}, context)).toEqual({});
    expect(routeCommand('quit', {...app, help: true})).toEqual({quit: true});
  });

  it('in the History view Esc steps back: out of a row (its filter put back), then out of the filter, then stops', () => {
    expect(routeCommand('back', history, {...context, historyOpened: {filterBefore: 'web'}})).toEqual({
      history: {type: 'close'},
      app: {type: 'set-filter', text: 'web'},
    });
    expect(routeCommand('back', {...history, filter: 'web'}, context)).toEqual({app: {type: 'clear-filter'}});
    expect(routeCommand('back', history, context)).toEqual({});
  });

  it('Enter opens the row under the cursor with a filter of its own, and does nothing on an open row or an empty list', () => {
    expect(routeCommand('open-row', {...history, filter: 'web'}, context)).toEqual({
      history: {type: 'open', key: 'service:web', filter: 'web'},
      app: {type: 'set-filter', text: ''},
    });
    expect(routeCommand('open-row', history, {...context, historyOpened: {filterBefore: ''}})).toEqual({});
    expect(routeCommand('open-row', history, {...context, historyKey: undefined})).toEqual({});
  });

  it('moves the History cursor by rows and pages within the list on screen', () => {
    expect(routeCommand('row-down', history, context)).toEqual({history: {type: 'move', step: 1, rows: 12}});
    // A page keeps one row of the last page in view.
    expect(routeCommand('row-page-down', history, context)).toEqual({history: {type: 'move', step: 4, rows: 12}});
    expect(routeCommand('row-page-up', history, context)).toEqual({history: {type: 'move', step: -4, rows: 12}});
    expect(routeCommand('row-last', history, context)).toEqual({history: {type: 'edge', to: 'last', rows: 12}});
  });

  it("gives the Compare reducer what it steps from: every plan's slider, the risk figures in use", () => {
    expect(routeCommand('commit-up', app, context)).toEqual({
      compare: {type: 'step-commitment', step: 1, fine: false, sliders: context.sliders},
    });
    expect(routeCommand('commit-fine-down', app, context)).toEqual({
      compare: {type: 'step-commitment', step: -1, fine: true, sliders: context.sliders},
    });
    expect(routeCommand('interruptions-down', app, context)).toEqual({
      compare: {type: 'step-interruptions', step: -1, current: dec('0.001')},
    });
    expect(routeCommand('toggle-tolerant', app, context)).toEqual({compare: {type: 'step-tolerance'}});
    // Nothing a Savings Plan covers: the slider has nowhere to go.
    expect(routeCommand('commit-up', app, NO_VIEW_CONTEXT)).toEqual({});
  });

  it('holds a key that steps from what compare shows while compare is due to run again; keys that need no figures go on', () => {
    const due = {...context, comparePending: true};
    for (const id of [
      'commit-up',
      'commit-down',
      'commit-fine-up',
      'commit-fine-down',
      'interruptions-up',
      'interruptions-down',
      'lost-work-up',
      'lost-work-down',
    ] as const) {
      expect(routeCommand(id, app, due), id).toEqual({wait: true});
    }
    expect(routeCommand('toggle-tolerant', app, due)).toEqual({compare: {type: 'step-tolerance'}});
    expect(routeCommand('plan-next', app, due)).toEqual({compare: {type: 'step-plan', step: 1}});
    expect(routeCommand('commit-best', app, due)).toEqual({compare: {type: 'best-commitment'}});
  });

  it('maps the Estimate keys to their actions', () => {
    expect(routeCommand('increase', app)).toEqual({estimate: {type: 'adjust', step: 1}});
    expect(routeCommand('field-up', app)).toEqual({estimate: {type: 'move-field', step: -1}});
    expect(routeCommand('size-larger', app)).toEqual({estimate: {type: 'step-size', step: 1}});
    expect(routeCommand('previous-view', app)).toEqual({app: {type: 'step-view', step: -1}});
  });

  it('with help open only its own keys and the global ones are live; they scroll it by a line or a page', () => {
    expect(activeScopes(app)).toEqual(['estimate', 'global']);
    expect(activeScopes({...app, help: true})).toEqual(['help', 'global']);
    const open = {...app, help: true};
    expect(routeCommand('help-down', open, context)).toEqual({app: {type: 'scroll-help', step: 1, max: 10}});
    expect(routeCommand('help-page-up', open, context)).toEqual({app: {type: 'scroll-help', step: -19, max: 10}});
    expect(activeScopes({...app, view: 'history'})).toEqual(['history', 'global']);
  });

  it('scrolls the Bill view by a line, a page less a line, or to an edge, within its body', () => {
    const bill = {...initialAppState(['bill', 'compare', 'estimate']), view: 'bill' as const};
    expect(activeScopes(bill)).toEqual(['bill', 'global']);
    expect(routeCommand('bill-down', bill, context)).toEqual({bill: {type: 'scroll', step: 1, max: 30}});
    expect(routeCommand('bill-up', bill, context)).toEqual({bill: {type: 'scroll', step: -1, max: 30}});
    expect(routeCommand('bill-page-down', bill, context)).toEqual({bill: {type: 'scroll', step: 7, max: 30}});
    expect(routeCommand('bill-page-up', bill, context)).toEqual({bill: {type: 'scroll', step: -7, max: 30}});
    expect(routeCommand('bill-last', bill, context)).toEqual({bill: {type: 'edge', to: 'last', max: 30}});
    // Nothing is open in the Bill view: Esc does nothing (it does not quit).
    expect(routeCommand('back', bill, context)).toEqual({});
  });

  it('while the filter line is open, keys type into it', () => {
    expect(filterKey('w', {})).toEqual({app: {type: 'filter-input', text: 'w'}});
    // q types a q: it does not quit while typing.
    expect(filterKey('q', {})).toEqual({app: {type: 'filter-input', text: 'q'}});
    expect(filterKey('', {return: true})).toEqual({app: {type: 'end-filter', keep: true}});
    expect(filterKey('', {escape: true, meta: true})).toEqual({app: {type: 'end-filter', keep: false}});
    expect(filterKey('', {delete: true})).toEqual({app: {type: 'filter-backspace'}});
    expect(filterKey('c', {ctrl: true})).toEqual({quit: true});
    expect(filterKey('', {upArrow: true})).toEqual({});
  });
});
