import type {Dec} from '../../money/decimal.js';
import {type CommandId, type KeyPress, type Scope, viewScope} from '../keymap.js';
import {type MouseEvent, tabAt} from '../mouse.js';
import type {AppAction, AppState, ViewId} from './app.js';
import type {BillAction} from './bill.js';
import type {CompareAction, SliderContext} from './compare.js';
import type {EstimateAction} from './estimate.js';
import {type HistoryAction, scrollOffset} from './history.js';
import type {ReportPageAction} from './report-page.js';

/** What a command does: actions for the reducers, or quitting. Pure, so routing is tested without a terminal. */
export interface Routed {
  readonly app?: AppAction;
  readonly estimate?: EstimateAction;
  readonly history?: HistoryAction;
  readonly bill?: BillAction;
  readonly compare?: CompareAction;
  /** For the report view on screen (Diff, Reconcile or Rightsize). */
  readonly page?: ReportPageAction;
  readonly quit?: true;
  /**
   * The command reads what the next frame will show (compare is about to run again): hold this key,
   * and every key after it, until that frame is drawn, then route them in order.
   */
  readonly wait?: true;
}

/** What routing needs to know of the views on screen: how long the list is, where the slider can go. */
export interface ViewContext {
  /** The History view has a row open (its tasks listed): the row list's filter, to put back when it closes. */
  readonly historyOpened: {readonly filterBefore: string} | null;
  /** Rows of the History view's list on screen, and how many it shows at once. */
  readonly historyRows: number;
  readonly historyPage: number;
  /** The key of the row under the History view's cursor. */
  readonly historyKey: string | undefined;
  /** The History cursor (in the opened row's runs when one is open), as of the last key. */
  readonly historyCursor: number;
  /** Where the History list is drawn: the terminal row of its first row (from 1), and how many of its rows are on screen. */
  readonly historyList: {readonly top: number; readonly shown: number};
  /** The plan (index in PLAN_IDS) whose row of Compare's scenario table is on terminal row `y`, as last drawn. */
  readonly comparePlanAt?: (y: number) => number | undefined;
  /**
   * Compare's scenario table as last drawn (worked out when asked): the terminal rows it takes (from 1, its heading first),
   * the last first row it can scroll to, and how many of its rows scroll on screen at once.
   */
  readonly scenarioTable?: () =>
    | {readonly top: number; readonly rows: number; readonly maxTop: number; readonly page: number}
    | undefined;
  /** The Bill view's body: the last first line it can scroll to, and how many lines it shows at once. */
  readonly bill: {readonly maxTop: number; readonly page: number};
  /** Each report view (Diff, Reconcile, Rightsize): the last first line it can scroll to, and lines shown. */
  readonly reports?: Partial<Record<ViewId, {readonly maxTop: number; readonly page: number}>>;
  /** Where each plan's slider can go, in PLAN_IDS order (null: nothing to slide over); empty before compare ran. */
  readonly sliders: readonly (SliderContext | null)[];
  /** The Spot risk figures compare used (measured, flagged or default), to step from. */
  readonly interruptionsPerTaskHour: Dec | null;
  readonly lostWorkSeconds: Dec | null;
  /** The help overlay: the last first row it can scroll to, and how many rows it shows at once. */
  readonly help: {readonly maxTop: number; readonly page: number};
  /** A frame is due that runs compare again: sliders and Spot risk figures above are of the one before. */
  readonly comparePending: boolean;
}

export const NO_VIEW_CONTEXT: ViewContext = {
  historyOpened: null,
  historyRows: 0,
  historyPage: 1,
  historyKey: undefined,
  historyCursor: 0,
  historyList: {top: 0, shown: 0},
  bill: {maxTop: 0, page: 1},
  sliders: [],
  interruptionsPerTaskHour: null,
  lostWorkSeconds: null,
  help: {maxTop: 0, page: 1},
  comparePending: false,
};

/** The scopes whose keys are live: the help overlay leaves only its own (scrolling) and the global keys. */
export function activeScopes(app: AppState): Scope[] {
  return app.help ? ['help', 'global'] : [viewScope(app.view), 'global'];
}

/** How one command routes, given the app's state and the views on screen. */
type Route = (app: AppState, context: ViewContext) => Routed;
/** A scope's commands and their routes (the keymap says which scope each command is in). */
type ScopeRoutes = Partial<Record<CommandId, Route>>;

const toApp =
  (action: AppAction): Route =>
  () => ({app: action});
const toEstimate =
  (action: EstimateAction): Route =>
  () => ({estimate: action});
const toHistory =
  (action: HistoryAction): Route =>
  () => ({history: action});
const toCompare =
  (action: CompareAction): Route =>
  () => ({compare: action});

/**
 * Esc steps back out of whatever is open (help, a row's tasks, the filter); with nothing open it does
 * nothing. It never quits: a stray Esc (or one too many) must not lose what was loaded and set; q and Ctrl-C quit.
 */
function back(app: AppState, context: ViewContext): Routed {
  if (app.help) return {app: {type: 'close-help'}};
  if (app.view === 'history' && context.historyOpened)
    return {history: {type: 'close'}, app: {type: 'set-filter', text: context.historyOpened.filterBefore}};
  if (app.view === 'history' && app.filter !== '') return {app: {type: 'clear-filter'}};
  return {};
}

const GLOBAL_ROUTES = {
  quit: () => ({quit: true}),
  back,
  help: toApp({type: 'toggle-help'}),
  'next-view': toApp({type: 'step-view', step: 1}),
  'previous-view': toApp({type: 'step-view', step: -1}),
} satisfies ScopeRoutes;

/** The help scrolls by a line, or by a page less a row so one row stays in view. */
const scrollHelp =
  (direction: 1 | -1, byPage: boolean): Route =>
  (_app, {help}) => ({
    app: {type: 'scroll-help', step: direction * (byPage ? Math.max(1, help.page - 1) : 1), max: help.maxTop},
  });

const HELP_ROUTES = {
  'help-down': scrollHelp(1, false),
  'help-up': scrollHelp(-1, false),
  'help-page-down': scrollHelp(1, true),
  'help-page-up': scrollHelp(-1, true),
} satisfies ScopeRoutes;

const ESTIMATE_ROUTES = {
  'field-up': toEstimate({type: 'move-field', step: -1}),
  'field-down': toEstimate({type: 'move-field', step: 1}),
  decrease: toEstimate({type: 'adjust', step: -1}),
  increase: toEstimate({type: 'adjust', step: 1}),
  'size-smaller': toEstimate({type: 'step-size', step: -1}),
  'size-larger': toEstimate({type: 'step-size', step: 1}),
  'toggle-arch': toEstimate({type: 'toggle-arch'}),
  'toggle-os': toEstimate({type: 'toggle-os'}),
  'region-next': toEstimate({type: 'step-region', step: 1}),
  'region-previous': toEstimate({type: 'step-region', step: -1}),
  'count-up': toEstimate({type: 'step-count', step: 1}),
  'count-down': toEstimate({type: 'step-count', step: -1}),
  'schedule-next': toEstimate({type: 'step-schedule', step: 1}),
  'schedule-previous': toEstimate({type: 'step-schedule', step: -1}),
  'task-next': toEstimate({type: 'step-task', step: 1}),
  reset: toEstimate({type: 'reset'}),
} satisfies ScopeRoutes;

/** The History cursor moves within the list on screen: by a row, or by a page less a row. */
const moveRow =
  (direction: 1 | -1, byPage: boolean): Route =>
  (_app, context) => ({
    history: {
      type: 'move',
      step: direction * (byPage ? Math.max(1, context.historyPage - 1) : 1),
      rows: context.historyRows,
    },
  });
const rowEdge =
  (to: 'first' | 'last'): Route =>
  (_app, context) => ({history: {type: 'edge', to, rows: context.historyRows}});

/** Enter lists the row's runs; they get a filter of their own: the row list's would rarely match a task id. */
function openRow(app: AppState, context: ViewContext): Routed {
  if (context.historyOpened || context.historyKey === undefined) return {};
  return {
    history: {type: 'open', key: context.historyKey, filter: app.filter},
    app: {type: 'set-filter', text: ''},
  };
}

const HISTORY_ROUTES = {
  'row-up': moveRow(-1, false),
  'row-down': moveRow(1, false),
  'row-page-up': moveRow(-1, true),
  'row-page-down': moveRow(1, true),
  'row-first': rowEdge('first'),
  'row-last': rowEdge('last'),
  'open-row': openRow,
  'start-filter': toApp({type: 'start-filter'}),
  'next-breakdown': toHistory({type: 'next-breakdown'}),
  'next-sort': toHistory({type: 'next-sort'}),
} satisfies ScopeRoutes;

/** The Bill view scrolls by a line, or by a page less a line so one line stays in view. */
const scrollBill =
  (direction: 1 | -1, byPage: boolean): Route =>
  (_app, {bill}) => ({
    bill: {type: 'scroll', step: direction * (byPage ? Math.max(1, bill.page - 1) : 1), max: bill.maxTop},
  });
const billEdge =
  (to: 'first' | 'last'): Route =>
  (_app, {bill}) => ({bill: {type: 'edge', to, max: bill.maxTop}});

const BILL_ROUTES = {
  'bill-up': scrollBill(-1, false),
  'bill-down': scrollBill(1, false),
  'bill-page-up': scrollBill(-1, true),
  'bill-page-down': scrollBill(1, true),
  'bill-first': billEdge('first'),
  'bill-last': billEdge('last'),
  'bill-sort': () => ({bill: {type: 'next-sort'}}),
} satisfies ScopeRoutes;

const NO_REPORT_PAGE = {maxTop: 0, page: 1};

/** A report view scrolls as the Bill view does: by a line, or by a page less a line. */
const scrollReport =
  (direction: 1 | -1, byPage: boolean): Route =>
  (app, {reports}) => {
    const report = reports?.[app.view] ?? NO_REPORT_PAGE;
    return {
      page: {type: 'scroll', step: direction * (byPage ? Math.max(1, report.page - 1) : 1), max: report.maxTop},
    };
  };
const reportEdge =
  (to: 'first' | 'last'): Route =>
  (app, {reports}) => ({page: {type: 'edge', to, max: (reports?.[app.view] ?? NO_REPORT_PAGE).maxTop}});

const PAGE_ROUTES = {
  'page-up': scrollReport(-1, false),
  'page-down': scrollReport(1, false),
  'page-page-up': scrollReport(-1, true),
  'page-page-down': scrollReport(1, true),
  'page-first': reportEdge('first'),
  'page-last': reportEdge('last'),
} satisfies ScopeRoutes;

/** Until compare has run on what the keys before set, there is no slider or Spot risk to step from: wait for it. */
const afterCompare =
  (route: Route): Route =>
  (app, context) =>
    context.comparePending ? {wait: true} : route(app, context);
/** Without a plan to size (no eligible usage) the slider has nowhere to go. */
const stepCommitment = (step: 1 | -1, fine: boolean): Route =>
  afterCompare((_app, {sliders}) =>
    sliders.some(Boolean) ? {compare: {type: 'step-commitment', step, fine, sliders}} : {},
  );
/** The Spot risk figures step from the ones compare used. */
const stepInterruptions = (step: 1 | -1): Route =>
  afterCompare((_app, {interruptionsPerTaskHour: current}) =>
    current ? {compare: {type: 'step-interruptions', step, current}} : {},
  );
const stepLostWork = (step: 1 | -1): Route =>
  afterCompare((_app, {lostWorkSeconds: currentSeconds}) =>
    currentSeconds ? {compare: {type: 'step-lost-work', step, currentSeconds}} : {},
  );

const NO_SCENARIO_TABLE = {maxTop: 0, page: 1};
/** The scenario table scrolls by a page: the rows that scroll on screen, so PgDn after "1–2 of 9" shows "3–4 of 9". */
const scrollScenarios =
  (direction: 1 | -1): Route =>
  (_app, context) => {
    const table = context.scenarioTable?.() ?? NO_SCENARIO_TABLE;
    return {compare: {type: 'scroll-scenarios', step: direction * Math.max(1, table.page), max: table.maxTop}};
  };
const scenariosEdge =
  (to: 'first' | 'last'): Route =>
  (_app, context) => ({
    compare: {type: 'scenarios-edge', to, max: (context.scenarioTable?.() ?? NO_SCENARIO_TABLE).maxTop},
  });

const COMPARE_ROUTES = {
  'plan-previous': toCompare({type: 'step-plan', step: -1}),
  'plan-next': toCompare({type: 'step-plan', step: 1}),
  'commit-down': stepCommitment(-1, false),
  'commit-up': stepCommitment(1, false),
  'commit-fine-down': stepCommitment(-1, true),
  'commit-fine-up': stepCommitment(1, true),
  'commit-best': toCompare({type: 'best-commitment'}),
  'commit-zero': toCompare({type: 'zero-commitment'}),
  'interruptions-up': stepInterruptions(1),
  'interruptions-down': stepInterruptions(-1),
  'lost-work-up': stepLostWork(1),
  'lost-work-down': stepLostWork(-1),
  'base-up': toCompare({type: 'step-base', step: 1}),
  'base-down': toCompare({type: 'step-base', step: -1}),
  'toggle-tolerant': toCompare({type: 'step-tolerance'}),
  'scenario-sort': toCompare({type: 'next-sort'}),
  'scenarios-page-up': scrollScenarios(-1),
  'scenarios-page-down': scrollScenarios(1),
  'scenarios-first': scenariosEdge('first'),
  'scenarios-last': scenariosEdge('last'),
} satisfies ScopeRoutes;

/** Every command's route; the type makes sure none is missing. */
const ROUTES: Readonly<Record<CommandId, Route>> = {
  ...GLOBAL_ROUTES,
  ...HELP_ROUTES,
  ...ESTIMATE_ROUTES,
  ...HISTORY_ROUTES,
  ...BILL_ROUTES,
  ...PAGE_ROUTES,
  ...COMPARE_ROUTES,
};

/** What a command does on the app's state and the views on screen. */
export function routeCommand(command: CommandId, app: AppState, context: ViewContext = NO_VIEW_CONTEXT): Routed {
  return ROUTES[command](app, context);
}

/**
 * A key while the filter line is open: Enter keeps the filter, Esc drops it, Backspace deletes a
 * character, Ctrl-C still quits, anything printable is typed.
 */
export function filterKey(input: string, key: KeyPress): Routed {
  if (key.ctrl && input === 'c') return {quit: true};
  if (key.return) return {app: {type: 'end-filter', keep: true}};
  if (key.escape) return {app: {type: 'end-filter', keep: false}};
  if (key.backspace || key.delete) return {app: {type: 'filter-backspace'}};
  if (key.ctrl || key.meta || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.tab) return {};
  return input ? {app: {type: 'filter-input', text: input}} : {};
}

/** Rows (or lines) a notch of the wheel moves. */
export const WHEEL_STEP = 3;

/**
 * A left click on a row of the History list: the cursor goes to it; on the row already under the
 * cursor it opens it, as Enter does (an opened row's runs have nothing to open). The row is found
 * as HistoryTable draws the list: from its top, scrolled by scrollOffset around the cursor.
 */
function clickHistory(y: number, app: AppState, context: ViewContext): Routed {
  const {historyRows: rows, historyList: list} = context;
  const line = y - list.top;
  if (line < 0 || line >= list.shown || rows === 0) return {};
  const index = scrollOffset(context.historyCursor, rows, context.historyPage) + line;
  if (index >= rows) return {};
  if (index === Math.min(context.historyCursor, rows - 1)) return openRow(app, context);
  return {history: {type: 'select', index, rows}};
}

/**
 * A mouse report: the wheel scrolls what is on screen (the help, the History list, the Bill view,
 * Compare's scenario table under the pointer; the other views have nothing to scroll), a left click on a tab in the header's row shows that view, one
 * on a row of the History list or of Compare's scenario table selects it. While the filter line takes
 * the keyboard the wheel and row clicks do nothing; a tab click ends it, as Tab does.
 */
export function routeMouse(event: MouseEvent, app: AppState, context: ViewContext = NO_VIEW_CONTEXT): Routed {
  if (event.kind === 'press') {
    if (event.button !== 'left') return {};
    if (event.y === 1) {
      const view = tabAt(app.views, event.x, app.columns, app.view);
      return view ? {app: {type: 'show-view', view}} : {};
    }
    if (app.help || app.filterEditing) return {};
    if (app.view === 'history') return clickHistory(event.y, app, context);
    if (app.view === 'compare') {
      const index = context.comparePlanAt?.(event.y);
      return index === undefined ? {} : {compare: {type: 'select-plan', index}};
    }
    return {};
  }
  if (event.kind !== 'wheel' || app.filterEditing) return {};
  const step = event.step * WHEEL_STEP;
  if (app.help) return {app: {type: 'scroll-help', step, max: context.help.maxTop}};
  if (app.view === 'history') return {history: {type: 'move', step, rows: context.historyRows}};
  if (app.view === 'bill') return {bill: {type: 'scroll', step, max: context.bill.maxTop}};
  const table = app.view === 'compare' ? context.scenarioTable?.() : undefined;
  // Compare: the wheel over the scenario table scrolls it a row a notch (it shows a few rows at a time).
  if (table && event.y >= table.top && event.y < table.top + table.rows)
    return {compare: {type: 'scroll-scenarios', step: event.step, max: table.maxTop}};
  return {};
}
