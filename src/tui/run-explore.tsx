import {render} from 'ink';
import {App, type ExploreAppProps, type ExploreBill, type ExploreHistory} from './App.js';
import type {OwnedInput} from '../model/owned.js';
import type {EstimateState} from './state/estimate.js';
import type {EstimateSetup} from './state/estimate-select.js';

export interface ExploreRun {
  readonly estimate: EstimateSetup;
  /** initialStateFor(estimate), made by the caller before ink loads, so bad input fails first. */
  readonly initialEstimate: EstimateState;
  readonly history?: ExploreHistory | undefined;
  readonly bill?: ExploreBill | undefined;
  readonly owned?: OwnedInput | undefined;
  /** The other commands' results, for the Diff, Reconcile and Rightsize views. */
  readonly diff?: ExploreAppProps['diff'];
  readonly reconcile?: ExploreAppProps['reconcile'];
  readonly rightsize?: ExploreAppProps['rightsize'];
  readonly colors: boolean;
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
}

const ENTER_ALTERNATE_SCREEN = '\u001B[?1049h';
const LEAVE_ALTERNATE_SCREEN = '\u001B[?1049l';
const SHOW_CURSOR = '\u001B[?25h';
const CURSOR_HOME = '\u001B[H';

/**
 * Mounts the explore app in the terminal's alternate screen (as less and htop do, so quitting
 * leaves the shell's scrollback as it was) and resolves when it quits. ink restores raw mode and
 * the cursor on unmount; leaving the alternate screen is ours, on every way out, a crash included.
 */
export async function runExplore(run: ExploreRun): Promise<void> {
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    run.stdout.write(SHOW_CURSOR + LEAVE_ALTERNATE_SCREEN);
  };
  // The alternate screen keeps the cursor where the shell left it: draw from the top-left corner.
  run.stdout.write(ENTER_ALTERNATE_SCREEN + CURSOR_HOME);
  process.once('exit', restore);
  try {
    const instance = render(
      <App
        estimate={run.estimate}
        initialEstimate={run.initialEstimate}
        history={run.history}
        bill={run.bill}
        diff={run.diff}
        reconcile={run.reconcile}
        rightsize={run.rightsize}
        owned={run.owned}
        colors={run.colors}
      />,
      {
        stdin: run.stdin,
        stdout: run.stdout,
        stderr: run.stderr,
        exitOnCtrlC: true,
        // A keystroke should reach the screen within a frame at 60 Hz, not ink's default 30.
        maxFps: 60,
      },
    );
    await instance.waitUntilExit();
  } finally {
    restore();
    process.off('exit', restore);
  }
}
