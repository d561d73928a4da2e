import {useInput} from 'ink';
import type {Dispatch} from 'react';
import {matchCommand} from '../keymap.js';
import type {AppAction, AppState} from '../state/app.js';
import {activeScopes, routeCommand} from '../state/commands.js';
import type {EstimateAction} from '../state/estimate.js';

export interface ExploreKeyTargets {
  readonly app: AppState;
  readonly dispatchApp: Dispatch<AppAction>;
  readonly dispatchEstimate: Dispatch<EstimateAction>;
  readonly quit: () => void;
}

/** Binds the keyboard to the reducers through the keymap; holds no logic of its own. */
export function useExploreKeys({app, dispatchApp, dispatchEstimate, quit}: ExploreKeyTargets): void {
  useInput((input, key) => {
    const command = matchCommand(input, key, activeScopes(app));
    if (command === undefined) return;
    const routed = routeCommand(command, app);
    if (routed.quit) quit();
    if (routed.app) dispatchApp(routed.app);
    if (routed.estimate) dispatchEstimate(routed.estimate);
  });
}
