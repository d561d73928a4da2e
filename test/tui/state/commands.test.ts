import {describe, expect, it} from 'vitest';
import {COMMAND_IDS, COMMANDS} from '../../../src/tui/keymap.js';
import {initialAppState} from '../../../src/tui/state/app.js';
import {activeScopes, routeCommand} from '../../../src/tui/state/commands.js';

const app = initialAppState(['estimate', 'history']);

describe('routing commands to reducer actions', () => {
  it('routes every command the keymap has to something', () => {
    expect(new Set(COMMANDS.map((command) => command.id))).toEqual(new Set(COMMAND_IDS));
    for (const id of COMMAND_IDS) {
      const routed = routeCommand(id, app);
      expect(Boolean(routed.quit) || routed.app !== undefined || routed.estimate !== undefined).toBe(true);
    }
  });

  it('Esc closes help when it is open and quits otherwise; q always quits', () => {
    expect(routeCommand('back', {...app, help: true})).toEqual({app: {type: 'close-help'}});
    expect(routeCommand('back', app)).toEqual({quit: true});
    expect(routeCommand('quit', {...app, help: true})).toEqual({quit: true});
  });

  it('maps the Estimate keys to their actions', () => {
    expect(routeCommand('increase', app)).toEqual({estimate: {type: 'adjust', step: 1}});
    expect(routeCommand('field-up', app)).toEqual({estimate: {type: 'move-field', step: -1}});
    expect(routeCommand('size-larger', app)).toEqual({estimate: {type: 'step-size', step: 1}});
    expect(routeCommand('previous-view', app)).toEqual({app: {type: 'step-view', step: -1}});
  });

  it('with help open only the global keys are live', () => {
    expect(activeScopes(app)).toEqual(['estimate', 'global']);
    expect(activeScopes({...app, help: true})).toEqual(['global']);
    expect(activeScopes({...app, view: 'history'})).toEqual(['history', 'global']);
  });
});
