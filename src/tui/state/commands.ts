import type {Dec} from '../../money/decimal.js';
import type {CommandId, KeyPress, Scope} from '../keymap.js';
import type {AppAction, AppState} from './app.js';
import type {CompareAction, SliderContext} from './compare.js';
import type {EstimateAction} from './estimate.js';
import type {HistoryAction} from './history.js';

/** What a command does: actions for the reducers, or quitting. Pure, so routing is tested without a terminal. */
export interface Routed {
  readonly app?: AppAction;
  readonly estimate?: EstimateAction;
  readonly history?: HistoryAction;
  readonly compare?: CompareAction;
  readonly quit?: true;
}

/** What routing needs to know of the views on screen: how long the list is, where the slider can go. */
export interface ViewContext {
  /** The History view has a row open (its tasks listed): the row list's filter, to put back when it closes. */
  readonly historyOpened: {readonly filterBefore: string} | null;
  /** Rows of the History view's list on screen, and how many it shows at once. */
  readonly historyRows: number;
  readonly historyPage: number;
  /** The key of the row under the History view's cursor. */
  readonly historyKey: string | undefined;
  /** Where each plan's slider can go, in PLAN_IDS order (null: nothing to slide over); empty before compare ran. */
  readonly sliders: readonly (SliderContext | null)[];
  /** The Spot risk figures compare used (measured, flagged or default), to step from. */
  readonly interruptionsPerTaskHour: Dec | null;
  readonly lostWorkSeconds: Dec | null;
  /** The help overlay: the last first row it can scroll to, and how many rows it shows at once. */
  readonly help: {readonly maxTop: number; readonly page: number};
}

export const NO_VIEW_CONTEXT: ViewContext = {
  historyOpened: null,
  historyRows: 0,
  historyPage: 1,
  historyKey: undefined,
  sliders: [],
  interruptionsPerTaskHour: null,
  lostWorkSeconds: null,
  help: {maxTop: 0, page: 1},
};

/** The scopes whose keys are live: the help overlay leaves only its own (scrolling) and the global keys. */
export function activeScopes(app: AppState): Scope[] {
  return app.help ? ['help', 'global'] : [app.view, 'global'];
}

export function routeCommand(command: CommandId, app: AppState, context: ViewContext = NO_VIEW_CONTEXT): Routed {
  const rows = context.historyRows;
  switch (command) {
    case 'quit':
      return {quit: true};
    case 'back':
      // Esc steps back out of whatever is open (help, a row's tasks, the filter); with nothing open it quits.
      if (app.help) return {app: {type: 'close-help'}};
      if (app.view === 'history' && context.historyOpened)
        return {history: {type: 'close'}, app: {type: 'set-filter', text: context.historyOpened.filterBefore}};
      if (app.view === 'history' && app.filter !== '') return {app: {type: 'clear-filter'}};
      return {quit: true};
    case 'help':
      return {app: {type: 'toggle-help'}};
    case 'help-down':
    case 'help-up':
    case 'help-page-down':
    case 'help-page-up': {
      const {maxTop, page} = context.help;
      const step = command.includes('page') ? Math.max(1, page - 1) : 1;
      return {app: {type: 'scroll-help', step: command.endsWith('up') ? -step : step, max: maxTop}};
    }
    case 'next-view':
      return {app: {type: 'step-view', step: 1}};
    case 'previous-view':
      return {app: {type: 'step-view', step: -1}};
    case 'field-up':
      return {estimate: {type: 'move-field', step: -1}};
    case 'field-down':
      return {estimate: {type: 'move-field', step: 1}};
    case 'decrease':
      return {estimate: {type: 'adjust', step: -1}};
    case 'increase':
      return {estimate: {type: 'adjust', step: 1}};
    case 'size-smaller':
      return {estimate: {type: 'step-size', step: -1}};
    case 'size-larger':
      return {estimate: {type: 'step-size', step: 1}};
    case 'toggle-arch':
      return {estimate: {type: 'toggle-arch'}};
    case 'toggle-os':
      return {estimate: {type: 'toggle-os'}};
    case 'region-next':
      return {estimate: {type: 'step-region', step: 1}};
    case 'region-previous':
      return {estimate: {type: 'step-region', step: -1}};
    case 'count-up':
      return {estimate: {type: 'step-count', step: 1}};
    case 'count-down':
      return {estimate: {type: 'step-count', step: -1}};
    case 'schedule-next':
      return {estimate: {type: 'step-schedule', step: 1}};
    case 'schedule-previous':
      return {estimate: {type: 'step-schedule', step: -1}};
    case 'task-next':
      return {estimate: {type: 'step-task', step: 1}};
    case 'reset':
      return {estimate: {type: 'reset'}};

    case 'row-up':
      return {history: {type: 'move', step: -1, rows}};
    case 'row-down':
      return {history: {type: 'move', step: 1, rows}};
    case 'row-page-up':
      return {history: {type: 'move', step: -Math.max(1, context.historyPage - 1), rows}};
    case 'row-page-down':
      return {history: {type: 'move', step: Math.max(1, context.historyPage - 1), rows}};
    case 'row-first':
      return {history: {type: 'edge', to: 'first', rows}};
    case 'row-last':
      return {history: {type: 'edge', to: 'last', rows}};
    case 'open-row':
      // The runs get a filter of their own: the row list's would rarely match a task id.
      if (context.historyOpened || context.historyKey === undefined) return {};
      return {
        history: {type: 'open', key: context.historyKey, filter: app.filter},
        app: {type: 'set-filter', text: ''},
      };
    case 'start-filter':
      return {app: {type: 'start-filter'}};
    case 'next-breakdown':
      return {history: {type: 'next-breakdown'}};

    case 'plan-previous':
      return {compare: {type: 'step-plan', step: -1}};
    case 'plan-next':
      return {compare: {type: 'step-plan', step: 1}};
    case 'commit-down':
    case 'commit-up':
    case 'commit-fine-down':
    case 'commit-fine-up':
      // Without a plan to size (no eligible usage) the slider has nowhere to go.
      if (!context.sliders.some(Boolean)) return {};
      return {
        compare: {
          type: 'step-commitment',
          step: command.endsWith('up') ? 1 : -1,
          fine: command.includes('fine'),
          sliders: context.sliders,
        },
      };
    case 'commit-best':
      return {compare: {type: 'best-commitment'}};
    case 'commit-zero':
      return {compare: {type: 'zero-commitment'}};
    case 'interruptions-up':
    case 'interruptions-down':
      if (!context.interruptionsPerTaskHour) return {};
      return {
        compare: {
          type: 'step-interruptions',
          step: command === 'interruptions-up' ? 1 : -1,
          current: context.interruptionsPerTaskHour,
        },
      };
    case 'lost-work-up':
    case 'lost-work-down':
      if (!context.lostWorkSeconds) return {};
      return {
        compare: {
          type: 'step-lost-work',
          step: command === 'lost-work-up' ? 1 : -1,
          currentSeconds: context.lostWorkSeconds,
        },
      };
    case 'base-up':
      return {compare: {type: 'step-base', step: 1}};
    case 'base-down':
      return {compare: {type: 'step-base', step: -1}};
    case 'toggle-tolerant':
      return {compare: {type: 'step-tolerance'}};
  }
}

/**
 * A key while the filter line is open: Enter keeps the filter, Esc drops it, Backspace deletes a
 * character, Ctrl-C still quits, anything printable is typed.
 */
export function filterKey(input: string, key: KeyPress): Routed {
  if (key.ctrl && input === 'c') return {quit: true};
  if (key.return) return {app: {type: 'end-filter', keep: true}};
  if (key.escape) return {app: {type: 'end-filter', keep: false}};
  if (key.backspace || key.delete) return {app: {type: 'filter-backspace'}};
  if (key.ctrl || key.meta || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.tab) return {};
  return input ? {app: {type: 'filter-input', text: input}} : {};
}
