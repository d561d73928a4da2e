import {Box, Text, useApp, useStdout} from 'ink';
import {useCallback, useEffect, useRef, useState} from 'react';
import {App, type ExploreAppProps, type ExploreBill, type ExploreHistory} from './App.js';
import type {OwnedInput} from '../model/owned.js';
import type {ExploreLive} from './state/live.js';
import {fit} from '../report/width.js';
import {Footer} from './components/Footer.js';
import {Header} from './components/Header.js';
import {SummaryBar} from './components/SummaryBar.js';
import type {TypedKey} from './hooks/use-explore-keys.js';
import {useLatestReducer} from './hooks/use-latest-reducer.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {matchCommand} from './keymap.js';
import {useKeyPresses} from './hooks/use-key-presses.js';
import {layoutFor} from './layout.js';
import {parseMouse, tabAt, X10_BYTES, X10_PREFIX} from './mouse.js';
import {appReducer, initialAppState, VIEW_LABELS, type ViewId, viewsFor} from './state/app.js';
import {NO_VIEW_CONTEXT, routeCommand} from './state/commands.js';
import type {EstimateState} from './state/estimate.js';
import type {EstimateSetup} from './state/estimate-select.js';
import {pendingSummary} from './state/summary.js';
import {createTheme, ThemeContext} from './theme.js';

/** What the app shows, once read: the Estimate view's setup, and the history or bill. */
export interface ExploreLoaded {
  readonly estimate: EstimateSetup;
  readonly initialEstimate: EstimateState;
  readonly history?: ExploreHistory | undefined;
  readonly bill?: ExploreBill | undefined;
  /** The other commands' results, for the Diff, Reconcile and Rightsize views. */
  readonly views?: Pick<ExploreAppProps, 'diff' | 'reconcile' | 'rightsize'>;
}

export interface ExploreLoaderProps {
  /** What is being read: the views follow from it before anything is read. */
  readonly reads: 'history' | 'bill' | null;
  /** Reads it, reporting what it has read so far (the words of the commands' progress line). */
  readonly load: (report: (text: string) => void) => Promise<ExploreLoaded>;
  readonly owned?: OwnedInput | undefined;
  /** A cluster watched live (--watch): its Live view comes first, during the load too. */
  readonly live?: ExploreLive | undefined;
  readonly colors: boolean;
  /** The terminal's size at start; by default what stdout reports. Tests pass one. */
  readonly size?: {readonly columns?: number; readonly rows?: number};
}

/** Keys typed during the load that are kept for the app: the last this many (a key held down cannot grow memory). */
export const KEPT_KEYS = 256;

const LOADING_HINTS = [
  {keys: 'Tab', label: 'view'},
  {keys: 'q', label: 'quit'},
];

/**
 * The explore app from its first frame: the tab bar and a loading screen with what has been read so
 * far while the history or bill is read, then the app. The views' tabs answer during the load (the
 * view shows "loading…" until its data is there: Tab, Shift-Tab, a digit, a click on a tab); q and
 * Ctrl-C quit. Every other key typed meanwhile (Esc included) is kept, with the view it was typed on,
 * and the app routes them in order once it has mounted, as if they had been typed then (see
 * useExploreKeys). A load that fails ends the app with its error, which the command prints as it
 * always has.
 */
export function ExploreLoader({reads, load, owned, live, colors, size}: ExploreLoaderProps) {
  const {exit} = useApp();
  const {stdout} = useStdout();
  const [loaded, setLoaded] = useState<ExploreLoaded | null>(null);
  const [progress, setProgress] = useState('');
  // As of the last key, not the last frame: a key typed right after a Tab is kept with the view it chose.
  const [app, dispatchApp, latestApp] = useLatestReducer(appReducer, () =>
    initialAppState(
      live ? ['live', ...viewsFor(reads)] : viewsFor(reads),
      size ?? {columns: stdout.columns, rows: stdout.rows},
    ),
  );
  // Keys typed during the load, for the app; and a legacy mouse report's bytes still to drop (see X10_PREFIX).
  const kept = useRef<TypedKey[]>([]);
  const x10 = useRef(0);
  useEffect(() => {
    let live = true;
    load((text) => {
      if (live) setProgress(text);
    }).then(
      (read) => {
        if (live) setLoaded(read);
      },
      (error: unknown) => exit(error instanceof Error ? error : new Error(String(error))),
    );
    return () => {
      live = false;
    };
  }, [load, exit]);
  const onResize = useCallback(
    (next: {columns: number; rows: number}) => dispatchApp({type: 'resize', ...next}),
    [dispatchApp],
  );
  useTerminalSize(onResize);
  useKeyPresses(
    (presses) => {
      for (const press of presses) {
        if (x10.current > 0 && press.input.length === 1) {
          x10.current -= 1;
          continue;
        }
        if (press.input === X10_PREFIX) {
          x10.current = X10_BYTES;
          continue;
        }
        const state = latestApp.current;
        // The mouse: a click on a tab shows its view; anything else is of the loading screen, not kept.
        const mouse = parseMouse(press.input);
        if (mouse) {
          const view =
            mouse.kind === 'press' &&
            mouse.button === 'left' &&
            mouse.y === 1 &&
            tabAt(state.views, mouse.x, state.columns, state.view);
          if (view) dispatchApp({type: 'show-view', view});
          continue;
        }
        const command = matchCommand(press.input, press.key, ['global']);
        const action = command === undefined ? undefined : routeCommand(command, state, NO_VIEW_CONTEXT);
        if (action?.quit) exit();
        else if (action?.app?.type === 'step-view' || action?.app?.type === 'show-view') dispatchApp(action.app);
        else {
          // The view it was typed on; null: the first, which the app may only know once read (Diff, say).
          const view = state.view === state.views[0] ? null : state.view;
          kept.current.push({...press, view});
          if (kept.current.length > KEPT_KEYS) kept.current.shift();
        }
      }
    },
    {isActive: loaded === null},
  );
  if (loaded) {
    return (
      <App
        estimate={loaded.estimate}
        initialEstimate={loaded.initialEstimate}
        history={loaded.history}
        bill={loaded.bill}
        {...loaded.views}
        owned={owned}
        live={live}
        colors={colors}
        size={{columns: app.columns, rows: app.rows}}
        // A view chosen during the load; else the app opens on its own first view (Diff, say, known only once read).
        initialView={app.view === app.views[0] ? undefined : app.view}
        typedAhead={kept.current}
      />
    );
  }
  return (
    <ThemeContext.Provider value={createTheme(colors)}>
      <LoadingScreen
        reads={reads}
        view={app.view}
        views={app.views}
        progress={progress}
        columns={app.columns}
        rows={app.rows}
      />
    </ThemeContext.Provider>
  );
}

interface LoadingScreenProps {
  readonly reads: 'history' | 'bill' | null;
  readonly view: ViewId;
  readonly views: readonly ViewId[];
  readonly progress: string;
  readonly columns: number;
  readonly rows: number;
}

/** The frame the app draws, with what has been read so far in the body. */
function LoadingScreen({reads, view, views, progress, columns, rows}: LoadingScreenProps) {
  const layout = layoutFor(columns, rows);
  const width = columns - 1;
  return (
    <Box flexDirection="column" width={columns}>
      <Box flexShrink={0}>
        <Header views={views} active={view} width={columns} />
      </Box>
      <Box flexShrink={0}>
        <SummaryBar items={pendingSummary()} width={columns} />
      </Box>
      <Box flexDirection="column" height={layout.bodyRows} overflowY="hidden" flexShrink={0}>
        <Text bold>{fit(`Reading the ${reads ?? 'inputs'}…`, width)}</Text>
        <Text>{fit(progress, width)}</Text>
        <Text> </Text>
        <Text dimColor>{fit(`${VIEW_LABELS[view]}: loading…`, width)}</Text>
      </Box>
      <Box flexShrink={0}>
        <Footer hints={LOADING_HINTS} width={columns} />
      </Box>
    </Box>
  );
}
