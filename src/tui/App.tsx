import {Box, useApp, useStdout} from 'ink';
import {useCallback, useMemo, useReducer} from 'react';
import {EstimateView} from './components/EstimateView.js';
import {Footer} from './components/Footer.js';
import {Header} from './components/Header.js';
import {HelpOverlay} from './components/HelpOverlay.js';
import {NarrowNotice} from './components/NarrowNotice.js';
import {useEstimateView} from './hooks/use-estimate-view.js';
import {useExploreKeys} from './hooks/use-explore-keys.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {footerHints, helpSections, type Scope} from './keymap.js';
import {layoutFor} from './layout.js';
import {appReducer, initialAppState, type ViewId} from './state/app.js';
import {activeScopes} from './state/commands.js';
import type {EstimateState} from './state/estimate.js';
import type {EstimateSetup} from './state/estimate-select.js';
import {createTheme, ThemeContext} from './theme.js';

export interface ExploreAppProps {
  readonly estimate: EstimateSetup;
  /** The Estimate view's first state (initialStateFor(setup)), made before mounting so a bad file fails first. */
  readonly initialEstimate: EstimateState;
  readonly colors: boolean;
  /** The terminal's size at start; by default what stdout reports. Tests pass one. */
  readonly size?: {readonly columns?: number; readonly rows?: number};
}

/** The explore app: a header, the active view (or the help overlay), a footer; all state in reducers. */
export function App({estimate, initialEstimate, colors, size}: ExploreAppProps) {
  const {exit} = useApp();
  const {stdout} = useStdout();
  const views: ViewId[] = ['estimate'];
  const [app, dispatchApp] = useReducer(appReducer, undefined, () =>
    initialAppState(views, size ?? {columns: stdout.columns, rows: stdout.rows}),
  );
  const estimateView = useEstimateView(estimate, initialEstimate);
  const theme = useMemo(() => createTheme(colors), [colors]);
  const onResize = useCallback((next: {columns: number; rows: number}) => dispatchApp({type: 'resize', ...next}), []);
  useTerminalSize(onResize);
  useExploreKeys({app, dispatchApp, dispatchEstimate: estimateView.dispatch, quit: exit});

  const layout = layoutFor(app.columns, app.rows);
  const scopes: Scope[] = activeScopes(app);
  // Switching views means nothing with one view; its hint would only take room.
  const hints = footerHints(scopes).filter((hint) => app.views.length > 1 || hint.label !== 'view');
  const regionName = useCallback((region: string) => estimate.catalog.regionName(region), [estimate.catalog]);
  return (
    <ThemeContext.Provider value={theme}>
      <Box flexDirection="column" width={app.columns}>
        {/* The frame is as tall as its content (each view fits itself to layout.bodyRows), so the footer follows the view. */}
        <Box flexShrink={0}>
          <Header views={app.views} active={app.view} width={app.columns} />
        </Box>
        {layout.narrow ? (
          <Box flexShrink={0}>
            <NarrowNotice columns={app.columns} />
          </Box>
        ) : null}
        <Box flexDirection="column" flexShrink={0}>
          {app.help ? (
            <HelpOverlay sections={helpSections([...app.views, 'global'])} width={app.columns} maxRows={layout.bodyRows} />
          ) : (
            <EstimateView
              state={estimateView.state}
              outcome={estimateView.outcome}
              baseline={estimateView.baseline}
              layout={layout}
              regionName={regionName}
              now={estimate.now}
            />
          )}
        </Box>
        <Box flexShrink={0}>
          <Footer hints={hints} width={app.columns} notice={app.help ? null : estimateView.state.notice} />
        </Box>
      </Box>
    </ThemeContext.Provider>
  );
}
