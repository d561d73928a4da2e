import {render} from 'ink';
import type {OwnedInput} from '../model/owned.js';
import {type ExploreLoaded, ExploreLoader} from './Loader.js';
import {keepInkCachesAcrossFrames} from './ink-frame-cache.js';
import {DISABLE_MOUSE, ENABLE_MOUSE} from './mouse.js';
import type {ExploreLive} from './state/live.js';

export interface ExploreRun {
  /** What is read in the background (the views follow from it), or null: nothing to read. */
  readonly reads: 'history' | 'bill' | null;
  /** Reads it while the loading screen shows what it reports; a rejection ends the app with its error. */
  readonly load: (report: (text: string) => void) => Promise<ExploreLoaded>;
  readonly owned?: OwnedInput | undefined;
  readonly live?: ExploreLive | undefined;
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
 * Mounts the explore app at once (the loading screen while the history or bill is read) in the
 * terminal's alternate screen (as less and htop do, so quitting leaves the shell's scrollback as it
 * was) with mouse reporting on, and resolves when it quits. ink restores raw mode and the cursor on
 * unmount; leaving the alternate screen and turning the mouse off are ours, on every way out, a crash
 * included, and while the process is suspended (SIGTSTP).
 */
export async function runExplore(run: ExploreRun): Promise<void> {
  await keepInkCachesAcrossFrames();
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    run.stdout.write(DISABLE_MOUSE + SHOW_CURSOR + LEAVE_ALTERNATE_SCREEN);
  };
  const raw = (on: boolean) => {
    if (run.stdin.isTTY) run.stdin.setRawMode(on);
  };
  // Suspended (kill -TSTP, a job control stop): the shell gets its terminal back as it was; on SIGCONT
  // the app takes it again (the screen is drawn anew at the next change).
  const suspend = () => {
    run.stdout.write(DISABLE_MOUSE + SHOW_CURSOR + LEAVE_ALTERNATE_SCREEN);
    raw(false);
    process.kill(process.pid, 'SIGSTOP');
  };
  const resume = () => {
    if (restored) return;
    raw(true);
    run.stdout.write(ENTER_ALTERNATE_SCREEN + CURSOR_HOME + ENABLE_MOUSE);
  };
  // The alternate screen keeps the cursor where the shell left it: draw from the top-left corner.
  run.stdout.write(ENTER_ALTERNATE_SCREEN + CURSOR_HOME + ENABLE_MOUSE);
  process.once('exit', restore);
  process.on('SIGTSTP', suspend);
  process.on('SIGCONT', resume);
  try {
    const instance = render(
      <ExploreLoader reads={run.reads} load={run.load} owned={run.owned} live={run.live} colors={run.colors} />,
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
    process.off('SIGTSTP', suspend);
    process.off('SIGCONT', resume);
  }
}
