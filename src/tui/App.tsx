import {Box, Text, useApp, useStdout} from 'ink';
import {fit} from '../report/width.js';
import {useCallback, useMemo, useRef} from 'react';
import type {OwnedInput} from '../model/owned.js';
import type {CompareInput} from '../app/compare.js';
import type {BillResult} from '../model/bill.js';
import type {HistoryResult} from '../model/history.js';
import type {DiffResult} from '../model/diff.js';
import type {ReconcileResult} from '../model/reconcile.js';
import type {RightsizeResult} from '../model/rightsize.js';
import {DiffView} from './components/DiffView.js';
import {ReconcileView} from './components/ReconcileView.js';
import {reportWidth} from './components/ReportPage.js';
import {RightsizeView} from './components/RightsizeView.js';
import {useReportView} from './hooks/use-report-view.js';
import {diffViewText} from './state/diff.js';
import {reconcileViewText} from './state/reconcile.js';
import {rightsizeViewText} from './state/rightsize.js';
import {BillView} from './components/BillView.js';
import {CompareView} from './components/CompareView.js';
import {EstimateView} from './components/EstimateView.js';
import {Footer} from './components/Footer.js';
import {Header} from './components/Header.js';
import {type HelpLayout, HelpOverlay, helpLayout} from './components/HelpOverlay.js';
import {HISTORY_LIST_TOP, HistoryView, historyListRows} from './components/HistoryView.js';
import {comparePlanAtLine, scenarioTableOf} from './components/CompareView.js';
import {LiveView} from './components/LiveView.js';
import {NarrowNotice} from './components/NarrowNotice.js';
import {SummaryBar} from './components/SummaryBar.js';
import {useBillView} from './hooks/use-bill-view.js';
import {useEstimateView} from './hooks/use-estimate-view.js';
import {useExploreCompare} from './hooks/use-explore-compare.js';
import {type TypedKey, useExploreKeys} from './hooks/use-explore-keys.js';
import {useHistoryView} from './hooks/use-history-view.js';
import {useLatestReducer} from './hooks/use-latest-reducer.js';
import {useLiveWatch} from './hooks/use-live-watch.js';
import {useSummary} from './hooks/use-summary.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {useViewContext} from './hooks/use-view-context.js';
import {footerHints, type Hint, helpSections, viewScope} from './keymap.js';
import {bodyTop, type Layout, layoutFor} from './layout.js';
import {type AppState, appReducer, initialAppState, type ViewId} from './state/app.js';
import {activeScopes} from './state/commands.js';
import type {EstimateState} from './state/estimate.js';
import type {EstimateSetup} from './state/estimate-select.js';
import type {ExploreLive, LiveState} from './state/live.js';
import type {SummaryItem} from './state/summary.js';
import {createTheme, ThemeContext} from './theme.js';
import type {ReportPageAction} from './state/report-page.js';

/** A history loaded before the app started (files or a live cluster), with its input for compare. */
export interface ExploreHistory {
  readonly result: HistoryResult;
  /** historyCompareInput(result), or why the history cannot be compared. */
  readonly compareInput: CompareInput | {readonly error: string};
}

/** A bill read before the app started (cost export files or folders), with its input for compare. */
export interface ExploreBill {
  readonly result: BillResult;
  /** billCompareInput(result), or why the bill cannot be compared. */
  readonly compareInput: CompareInput | {readonly error: string};
}

export interface ExploreAppProps {
  readonly estimate: EstimateSetup;
  /** The Estimate view's first state (initialStateFor(setup)), made before mounting so a bad file fails first. */
  readonly initialEstimate: EstimateState;
  readonly history?: ExploreHistory | undefined;
  readonly bill?: ExploreBill | undefined;
  /** `explore --diff BASE HEAD`: what `fargate-cost diff` computes for them (the Diff view). */
  readonly diff?: DiffResult | undefined;
  /** A history and a bill given together: what `fargate-cost reconcile` computes (the Reconcile view). */
  readonly reconcile?: ReconcileResult | {readonly error: string} | undefined;
  /** `--rightsize-input`, or a bill with split cost allocation data: what `fargate-cost rightsize` computes. */
  readonly rightsize?: RightsizeResult | undefined;
  /** Savings Plans already owned: Compare sizes what to buy on top of them. */
  readonly owned?: OwnedInput | undefined;
  /** A cluster watched live (--watch): the Live view comes first. */
  readonly live?: ExploreLive | undefined;
  readonly colors: boolean;
  /** The terminal's size at start; by default what stdout reports. Tests pass one. */
  readonly size?: {readonly columns?: number; readonly rows?: number};
  /** The view to open on (the tab chosen while loading); by default the first. */
  readonly initialView?: ViewId | undefined;
  /** Keys typed while loading, each with the view it was typed on: routed in order once mounted, then initialView is shown. */
  readonly typedAhead?: readonly TypedKey[] | undefined;
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

/** The footer's hints: the filter line's own while it is open, else the live keys for what is on screen. */
function hintsFor(app: AppState, historyOpened: boolean, estimateReadOnly: boolean): readonly Hint[] {
  if (app.filterEditing) return FILTER_HINTS;
  // The Estimate of a history describes it: its setting keys change nothing there, so none is offered.
  const scopes = activeScopes(app).filter((scope) => !(estimateReadOnly && scope === 'estimate'));
  // Switching views means nothing with one view; its hint would only take room.
  return viewHints(footerHints(scopes), app.views.length, app.view === 'history' && historyOpened && !app.help);
}

interface ExploreFrameProps {
  readonly app: AppState;
  readonly layout: Layout;
  readonly hints: readonly Hint[];
  readonly notice: string | null;
  /** Work runs off the input path (compare): the header's busy marker. */
  readonly busy: boolean;
  readonly summary: readonly SummaryItem[];
  /** The view on screen, or the help. */
  readonly children: React.ReactNode;
}

/** The screen: the header, a notice on a narrow terminal, the body, the footer. */
function ExploreFrame({app, layout, hints, notice, busy, summary, children}: ExploreFrameProps) {
  return (
    <Box flexDirection="column" width={app.columns}>
      {/* Header, body and footer fill exactly layout.frameRows: ink must never draw as many rows as the terminal has. */}
      <Box flexShrink={0}>
        <Header views={app.views} active={app.view} width={app.columns} busy={busy} />
      </Box>
      <Box flexShrink={0}>
        <SummaryBar items={summary} width={app.columns} />
      </Box>
      {layout.narrow ? (
        <Box flexShrink={0}>
          <NarrowNotice columns={app.columns} />
        </Box>
      ) : null}
      {/* Each view fits itself to bodyRows; what still does not fit is cut at the bottom, never squeezed. */}
      <Box flexDirection="column" height={layout.bodyRows} overflowY="hidden" flexShrink={0}>
        {children}
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
  );
}

interface ActiveViewProps {
  readonly app: AppState;
  readonly layout: Layout;
  readonly help: HelpLayout;
  readonly estimate: EstimateSetup;
  readonly history: ExploreHistory | undefined;
  readonly estimateView: ReturnType<typeof useEstimateView>;
  readonly historyView: ReturnType<typeof useHistoryView>;
  readonly billView: ReturnType<typeof useBillView> | null;
  readonly compareView: ReturnType<typeof useExploreCompare>;
  readonly live: ExploreLive | undefined;
  readonly liveState: LiveState | null;
  readonly reports: Partial<Record<ViewId, ReturnType<typeof useReportView>>>;
}

/** The body: the help overlay when it is open, else the view on screen (Estimate until compare has run). */
function ActiveView({
  app,
  layout,
  help,
  estimate,
  history,
  estimateView,
  historyView,
  billView,
  compareView,
  live,
  liveState,
  reports,
}: ActiveViewProps) {
  const regionName = useCallback((region: string) => estimate.catalog.regionName(region), [estimate.catalog]);
  const source = billView ? 'the bill' : history ? 'the history' : 'the Estimate view';
  if (app.help) return <HelpOverlay layout={help} width={app.columns} top={app.helpTop} />;
  if (app.view === 'live' && live && liveState) {
    return <LiveView state={liveState} cluster={live.cluster} region={live.region} layout={layout} />;
  }
  if (app.view === 'history' && history) {
    return (
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
  }
  if (app.view === 'bill' && billView) {
    return <BillView text={billView.text} page={billView.page} layout={layout} />;
  }
  const report = reports[app.view];
  if (report) {
    const View = app.view === 'diff' ? DiffView : app.view === 'reconcile' ? ReconcileView : RightsizeView;
    return <View text={report.text} page={report.page} layout={layout} />;
  }
  if (app.view === 'compare' && !compareView.outcome) {
    // The first run of compare (the header's marker turns meanwhile).
    return <Text dimColor>{fit(`Comparing ${source}…`, app.columns)}</Text>;
  }
  if (app.view === 'compare' && compareView.outcome) {
    return (
      <CompareView
        state={compareView.state}
        outcome={compareView.outcome}
        plan={compareView.plan}
        slider={compareView.slider}
        source={source}
        layout={layout}
      />
    );
  }
  return (
    <EstimateView
      state={estimateView.state}
      outcome={estimateView.outcome}
      baseline={estimateView.baseline}
      layout={layout}
      regionName={regionName}
      now={estimate.now}
      setup={estimate}
      totals={estimateView.totals}
    />
  );
}

/** The explore app: a header, the active view (or the help overlay), a footer; all state in reducers. */
/** The views there is something to show in: diff's and reconcile's results first, then what was read, rightsize's, then compare and estimate. */
export function exploreViews(given: {
  readonly history?: unknown;
  readonly bill?: unknown;
  readonly diff?: unknown;
  readonly reconcile?: unknown;
  readonly rightsize?: unknown;
}): ViewId[] {
  const views: ViewId[] = [];
  if (given.reconcile) views.push('reconcile');
  if (given.diff) views.push('diff');
  if (given.history) views.push('history');
  if (given.bill) views.push('bill');
  // After the bill it may come from (split cost allocation data): the Bill view stays what a bill opens on.
  if (given.rightsize) views.push('rightsize');
  views.push(...((given.history || given.bill ? ['compare', 'estimate'] : ['estimate', 'compare']) as ViewId[]));
  return views;
}

/** A reconcile that could not run (no clock hour in common) says why, as its headline. */
function reconcileText(result: ReconcileResult | {readonly error: string}, width: number) {
  return 'error' in result
    ? {head: [{text: result.error, kind: 'headline' as const}], body: []}
    : reconcileViewText(result, width);
}

export function App({
  estimate,
  initialEstimate,
  history,
  bill,
  diff,
  reconcile,
  rightsize,
  owned,
  live,
  colors,
  size,
  initialView,
  typedAhead,
}: ExploreAppProps) {
  const {exit} = useApp();
  const {stdout} = useStdout();
  // What was read comes first: a bill, or a history (explore refuses both at once), then compare of it.
  const views: ViewId[] = useMemo(() => {
    const read = exploreViews({history, bill, diff, reconcile, rightsize});
    // A watched cluster's Live view first; what was loaded stays a Tab away.
    return live ? ['live', ...read] : read;
  }, [history, bill, diff, reconcile, rightsize, live]);
  const [app, dispatchApp, latestApp] = useLatestReducer(appReducer, () => {
    const state = initialAppState(views, size ?? {columns: stdout.columns, rows: stdout.rows});
    return initialView && views.includes(initialView) ? {...state, view: initialView} : state;
  });
  const layout = layoutFor(app.columns, app.rows);

  const estimateView = useEstimateView(estimate, initialEstimate);
  const liveState = useLiveWatch(live, estimate.catalog);
  const historyView = useHistoryView(history?.result, app.filter);
  const billView = useBillView(bill?.result, app.columns - 1, layout.bodyRows);
  const width = reportWidth(app.columns);
  const diffView = useReportView(diff, diffViewText, width, layout.bodyRows);
  const reconcileView = useReportView(reconcile, reconcileText, width, layout.bodyRows);
  const rightsizeView = useReportView(rightsize, rightsizeViewText, width, layout.bodyRows);
  const reports: ActiveViewProps['reports'] = {
    ...(diff ? {diff: diffView} : {}),
    ...(reconcile ? {reconcile: reconcileView} : {}),
    ...(rightsize ? {rightsize: rightsizeView} : {}),
  };
  const {dispatch: dispatchDiff} = diffView;
  const {dispatch: dispatchReconcile} = reconcileView;
  const {dispatch: dispatchRightsize} = rightsizeView;
  const dispatchPage = useCallback(
    (action: ReportPageAction) => {
      const view = latestApp.current.view;
      (view === 'diff' ? dispatchDiff : view === 'reconcile' ? dispatchReconcile : dispatchRightsize)(action);
    },
    [latestApp, dispatchDiff, dispatchReconcile, dispatchRightsize],
  );
  // Compare follows the bill or the history when there is one, else the task on the Estimate view.
  const compareView = useExploreCompare(
    estimate,
    estimateView.state,
    bill?.compareInput ?? history?.compareInput,
    app.view === 'compare' && !app.help,
    owned,
  );

  const summary = useSummary(history?.result, bill?.result, estimateView, compareView);
  const theme = useMemo(() => createTheme(colors), [colors]);
  const onResize = useCallback(
    (next: {columns: number; rows: number}) => dispatchApp({type: 'resize', ...next}),
    [dispatchApp],
  );
  useTerminalSize(onResize);

  const estimateReadOnly = estimate.history !== undefined;
  const help = useMemo(
    () =>
      helpLayout(
        // The Estimate of a history is read-only: its help says so instead of listing setting keys that do nothing.
        helpSections([viewScope(app.view), 'help', 'global'], undefined, estimateReadOnly ? ['estimate'] : []),
        app.columns,
        layout.bodyRows,
      ),
    [app.view, app.columns, layout.bodyRows, estimateReadOnly],
  );
  // A click on Compare's scenario table is read against the frame last drawn, with its props.
  const compareDrawn = {
    state: compareView.state,
    outcome: compareView.outcome,
    plan: compareView.plan,
    slider: compareView.slider,
    layout,
  };
  const compareDrawnRef = useRef(compareDrawn);
  compareDrawnRef.current = compareDrawn;
  const comparePlanAt = useCallback((y: number) => {
    const {outcome, ...drawn} = compareDrawnRef.current;
    return outcome ? comparePlanAtLine({...drawn, outcome}, y - bodyTop(drawn.layout)) : undefined;
  }, []);
  // The scenario table as last drawn: where it is (for the wheel) and how far it scrolls (PgDn/PgUp, Home/End).
  const scenarioTable = useCallback(() => {
    const {outcome, ...drawn} = compareDrawnRef.current;
    const table = outcome ? scenarioTableOf({...drawn, outcome}) : null;
    return table
      ? {
          top: bodyTop(drawn.layout) + table.heading,
          rows: 1 + table.cheapest.length + (table.pinned ? 1 : 0),
          maxTop: table.maxTop,
          page: table.page,
        }
      : undefined;
  }, []);
  const context = useViewContext({
    app: latestApp,
    historyResult: history?.result,
    historyView,
    historyPage: historyListRows(layout),
    historyList: {
      top: bodyTop(layout) + HISTORY_LIST_TOP,
      // The body is cut at bodyRows: a short terminal shows fewer of the list's rows, or none.
      shown: Math.max(0, Math.min(historyListRows(layout), layout.bodyRows - HISTORY_LIST_TOP)),
    },
    comparePlanAt,
    scenarioTable,
    compareView,
    bill: {maxTop: billView.page.maxTop, page: billView.page.rows},
    reports: Object.fromEntries(
      Object.entries(reports).map(([view, report]) => [view, {maxTop: report.page.maxTop, page: report.page.rows}]),
    ),
    help,
  });
  // After the keys typed during the load, the view the load ended on (with a key that matches nothing).
  const replayed = useMemo(
    () => (typedAhead?.length ? [...typedAhead, {input: '', key: {}, view: initialView ?? null}] : []),
    [typedAhead, initialView],
  );
  useExploreKeys({
    app: latestApp,
    context,
    dispatchApp,
    dispatchEstimate: estimateView.dispatch,
    dispatchHistory: historyView.dispatch,
    dispatchBill: billView.dispatch,
    dispatchCompare: compareView.dispatch,
    dispatchPage,
    quit: exit,
    typedAhead: replayed,
  });

  return (
    <ThemeContext.Provider value={theme}>
      <ExploreFrame
        app={app}
        layout={layout}
        hints={hintsFor(app, historyView.state.opened !== null, estimateReadOnly)}
        notice={app.help || app.view !== 'estimate' ? null : estimateView.state.notice}
        busy={compareView.busy}
        summary={summary}
      >
        <ActiveView
          app={app}
          layout={layout}
          help={help}
          estimate={estimate}
          history={history}
          estimateView={estimateView}
          historyView={historyView}
          billView={bill ? billView : null}
          compareView={compareView}
          live={live}
          liveState={liveState}
          reports={reports}
        />
      </ExploreFrame>
    </ThemeContext.Provider>
  );
}
