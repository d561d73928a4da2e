import {Box, useApp, useStdout} from 'ink';
import {useCallback, useMemo, useRef} from 'react';
import type {CompareInput} from '../app/compare.js';
import type {HistoryResult} from '../model/history.js';
import {HOURS_PER_MONTH} from '../money/decimal.js';
import {CompareView} from './components/CompareView.js';
import {EstimateView} from './components/EstimateView.js';
import {Footer} from './components/Footer.js';
import {Header} from './components/Header.js';
import {HelpOverlay, helpLayout} from './components/HelpOverlay.js';
import {HistoryView, historyListRows} from './components/HistoryView.js';
import {NarrowNotice} from './components/NarrowNotice.js';
import {useCompareView} from './hooks/use-compare-view.js';
import {useEstimateView} from './hooks/use-estimate-view.js';
import {useExploreKeys} from './hooks/use-explore-keys.js';
import {useHistoryView} from './hooks/use-history-view.js';
import {useLatestReducer} from './hooks/use-latest-reducer.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {footerHints, type Hint, helpSections, type Scope} from './keymap.js';
import {layoutFor} from './layout.js';
import {appReducer, initialAppState, type ViewId} from './state/app.js';
import {activeScopes, type ViewContext} from './state/commands.js';
import {estimateCompareInputOf} from './state/compare.js';
import {breakdownRows} from './state/history.js';
import type {EstimateState} from './state/estimate.js';
import {type EstimateSetup, pricingKey} from './state/estimate-select.js';
import {createTheme, ThemeContext} from './theme.js';

/** A history loaded before the app started (files or a live cluster), with its input for compare. */
export interface ExploreHistory {
  readonly result: HistoryResult;
  /** historyCompareInput(result), or why the history cannot be compared. */
  readonly compareInput: CompareInput | {readonly error: string};
}

export interface ExploreAppProps {
  readonly estimate: EstimateSetup;
  /** The Estimate view's first state (initialStateFor(setup)), made before mounting so a bad file fails first. */
  readonly initialEstimate: EstimateState;
  readonly history?: ExploreHistory | undefined;
  readonly colors: boolean;
  /** The terminal's size at start; by default what stdout reports. Tests pass one. */
  readonly size?: {readonly columns?: number; readonly rows?: number};
}

const FILTER_HINTS: readonly Hint[] = [
  {keys: 'type', label: 'to filter'},
  {keys: 'Backspace', label: 'delete'},
  {keys: 'Enter', label: 'keep'},
  {keys: 'Esc', label: 'drop'},
];

/**
 * The footer's hints for what is on screen: no view switching with one view; in a History row's
 * runs, Esc goes back and the row keys (open, break down) do nothing.
 */
export function viewHints(hints: readonly Hint[], views: number, runsOpen: boolean): Hint[] {
  const shown = hints.filter(
    (hint) => (views > 1 || hint.label !== 'view') && !(runsOpen && (hint.label === 'tasks' || hint.label === 'by')),
  );
  return runsOpen ? [...shown.slice(0, -3), {keys: 'Esc', label: 'back'}, ...shown.slice(-3)] : shown;
}

/** The explore app: a header, the active view (or the help overlay), a footer; all state in reducers. */
export function App({estimate, initialEstimate, history, colors, size}: ExploreAppProps) {
  const {exit} = useApp();
  const {stdout} = useStdout();
  const views: ViewId[] = useMemo(
    () => (history ? ['history', 'compare', 'estimate'] : ['estimate', 'compare']),
    [history],
  );
  const [app, dispatchApp, latestApp] = useLatestReducer(appReducer, () =>
    initialAppState(views, size ?? {columns: stdout.columns, rows: stdout.rows}),
  );
  const layout = layoutFor(app.columns, app.rows);

  const estimateView = useEstimateView(estimate, initialEstimate);
  const historyView = useHistoryView(history?.result, app.filter);
  // Compare follows the history when there is one, else the task on the Estimate view.
  const estimateKey = pricingKey(estimateView.state);
  const estimateState = estimateView.state;
  const compareInput = useCallback(
    () => history?.compareInput ?? estimateCompareInputOf(estimateState, estimate, HOURS_PER_MONTH),
    [history, estimateState, estimate],
  );
  const compareSetup = useMemo(
    () => ({catalog: estimate.catalog, now: estimate.now, monthHours: HOURS_PER_MONTH}),
    [estimate],
  );
  const compareView = useCompareView(
    compareInput,
    history ? history.compareInput : `${estimateKey}`,
    compareSetup,
    app.view === 'compare' && !app.help,
  );

  const theme = useMemo(() => createTheme(colors), [colors]);
  const onResize = useCallback(
    (next: {columns: number; rows: number}) => dispatchApp({type: 'resize', ...next}),
    [dispatchApp],
  );
  useTerminalSize(onResize);

  const help = useMemo(
    () => helpLayout(helpSections([app.view, 'help', 'global']), app.columns, layout.bodyRows),
    [app.view, app.columns, layout.bodyRows],
  );
  const compareOutcome = compareView.outcome;
  const risk = compareOutcome?.ok ? compareOutcome.result.spotRisk : null;
  const rendered = {
    historyRows: historyView.cursorRows,
    historyPage: historyListRows(layout),
    sliders: compareView.sliders,
    interruptionsPerTaskHour: risk ? risk.parameters.interruptionsPerTaskHour : null,
    // The work lost per interruption steps from the largest in use (a batch job's half run, not a service's none).
    lostWorkSeconds:
      risk && risk.components.length > 0
        ? risk.components.map((c) => c.risk.lostWorkSeconds).reduce((a, b) => (b.gt(a) ? b : a))
        : null,
    help: {maxTop: help.maxTop, page: help.page},
  };
  const renderedRef = useRef(rendered);
  renderedRef.current = rendered;
  const historyLatest = historyView.latest;
  const result = history?.result;
  const context = useCallback((): ViewContext => {
    const view = historyLatest.current;
    if (!result || view.opened) return {...renderedRef.current, historyOpened: view.opened, historyKey: undefined};
    // The rows as of the last key, not the last frame: "/wo" then Enter typed fast opens the row the filter left.
    const rows = breakdownRows(result, view.breakdown, latestApp.current.filter);
    return {
      ...renderedRef.current,
      historyRows: rows.length,
      historyOpened: null,
      historyKey: rows[Math.max(0, Math.min(view.cursor, rows.length - 1))]?.key,
    };
  }, [historyLatest, latestApp, result]);
  useExploreKeys({
    app: latestApp,
    context,
    dispatchApp,
    dispatchEstimate: estimateView.dispatch,
    dispatchHistory: historyView.dispatch,
    dispatchCompare: compareView.dispatch,
    quit: exit,
  });

  const scopes: Scope[] = activeScopes(app);
  // Switching views means nothing with one view; its hint would only take room.
  const hints = app.filterEditing
    ? FILTER_HINTS
    : viewHints(
        footerHints(scopes),
        app.views.length,
        app.view === 'history' && historyView.state.opened !== null && !app.help,
      );
  const regionName = useCallback((region: string) => estimate.catalog.regionName(region), [estimate.catalog]);
  const notice = app.help || app.view !== 'estimate' ? null : estimateView.state.notice;
  const compareSource = history ? 'the history' : 'the Estimate view';

  let body: React.ReactNode;
  if (app.help) {
    body = <HelpOverlay layout={help} width={app.columns} top={app.helpTop} />;
  } else if (app.view === 'history' && history) {
    body = (
      <HistoryView
        result={history.result}
        state={historyView.state}
        rows={historyView.rows}
        runs={historyView.runs}
        openedRow={historyView.openedRow}
        spark={historyView.spark}
        filter={app.filter}
        filterEditing={app.filterEditing}
        layout={layout}
      />
    );
  } else if (app.view === 'compare' && compareOutcome) {
    body = (
      <CompareView
        state={compareView.state}
        outcome={compareOutcome}
        plan={compareView.plan}
        slider={compareView.slider}
        source={compareSource}
        layout={layout}
      />
    );
  } else {
    body = (
      <EstimateView
        state={estimateView.state}
        outcome={estimateView.outcome}
        baseline={estimateView.baseline}
        layout={layout}
        regionName={regionName}
        now={estimate.now}
      />
    );
  }

  return (
    <ThemeContext.Provider value={theme}>
      <Box flexDirection="column" width={app.columns}>
        {/* Header, body and footer fill exactly layout.frameRows: ink must never draw as many rows as the terminal has. */}
        <Box flexShrink={0}>
          <Header views={app.views} active={app.view} width={app.columns} />
        </Box>
        {layout.narrow ? (
          <Box flexShrink={0}>
            <NarrowNotice columns={app.columns} />
          </Box>
        ) : null}
        {/* Each view fits itself to bodyRows; what still does not fit is cut at the bottom, never squeezed. */}
        <Box flexDirection="column" height={layout.bodyRows} overflowY="hidden" flexShrink={0}>
          {body}
        </Box>
        <Box flexShrink={0}>
          <Footer
            hints={hints}
            width={app.columns}
            notice={notice}
            keep={app.views.length > 1 && !app.filterEditing ? 3 : 2}
          />
        </Box>
      </Box>
    </ThemeContext.Provider>
  );
}
