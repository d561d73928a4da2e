import {render} from 'ink-testing-library';
import {historyCompareInput} from '../../../src/app/compare-input.js';
import type {HistoryResult} from '../../../src/app/history.js';
import type {TaskDefinitionSpec} from '../../../src/model/task.js';
import {App} from '../../../src/tui/App.js';
import {initialStateFor} from '../../../src/tui/state/estimate-select.js';
import {handGiven, setupFor} from '../fixtures.js';

/** The app as explore mounts it for a history (and task definitions, by default none), without colour. */
export function renderWithHistory(
  result: HistoryResult,
  size: {readonly columns: number; readonly rows: number},
  specs: readonly TaskDefinitionSpec[] = handGiven(),
) {
  const setup = setupFor(specs);
  return render(
    <App
      estimate={setup}
      initialEstimate={initialStateFor(setup)}
      history={{result, compareInput: historyCompareInput(result)}}
      colors={false}
      size={size}
    />,
  );
}
