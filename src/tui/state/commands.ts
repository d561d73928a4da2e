import type {CommandId, Scope} from '../keymap.js';
import type {AppAction, AppState} from './app.js';
import type {EstimateAction} from './estimate.js';

/** What a command does: actions for the reducers, or quitting. Pure, so routing is tested without a terminal. */
export interface Routed {
  readonly app?: AppAction;
  readonly estimate?: EstimateAction;
  readonly quit?: true;
}

/** The scopes whose keys are live: the help overlay leaves only the global keys. */
export function activeScopes(app: AppState): Scope[] {
  return app.help ? ['global'] : [app.view, 'global'];
}

export function routeCommand(command: CommandId, app: AppState): Routed {
  switch (command) {
    case 'quit':
      return {quit: true};
    case 'back':
      // Esc steps back out of whatever is open; with nothing open it quits, as the issue asks.
      return app.help ? {app: {type: 'close-help'}} : {quit: true};
    case 'help':
      return {app: {type: 'toggle-help'}};
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
  }
}
