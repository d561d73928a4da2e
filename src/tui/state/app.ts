/** The explore app's own state: which view is on screen, the help overlay, the terminal's size, the filter. */

export const VIEW_IDS = ['estimate', 'history', 'bill', 'compare', 'live', 'diff', 'reconcile', 'rightsize'] as const;
export type ViewId = (typeof VIEW_IDS)[number];

export const VIEW_LABELS: Record<ViewId, string> = {
  estimate: 'Estimate',
  history: 'History',
  bill: 'Bill',
  compare: 'Compare',
  live: 'Live',
  diff: 'Diff',
  reconcile: 'Reconcile',
  rightsize: 'Rightsize',
};

/** The tab labels a narrow header shows for the views that are not active: short, still recognisable. */
export const SHORT_VIEW_LABELS: Record<ViewId, string> = {
  estimate: 'Est',
  history: 'Hist',
  bill: 'Bill',
  compare: 'Comp',
  live: 'Live',
  diff: 'Diff',
  reconcile: 'Recon',
  rightsize: 'Right',
};

export interface AppState {
  /** The views there is something to show in, in tab order. */
  readonly views: readonly ViewId[];
  readonly view: ViewId;
  readonly help: boolean;
  /** The first row of the help shown (it scrolls when taller than the terminal). */
  readonly helpTop: number;
  readonly columns: number;
  readonly rows: number;
  /** Text the History view filters by. */
  readonly filter: string;
  /** True while the filter line takes the keyboard. */
  readonly filterEditing: boolean;
}

export type AppAction =
  | {readonly type: 'step-view'; readonly step: 1 | -1}
  | {readonly type: 'show-view'; readonly view: ViewId}
  | {readonly type: 'toggle-help'}
  | {readonly type: 'close-help'}
  /** `max`: the last first row there is (the help's rows less those on screen). */
  | {readonly type: 'scroll-help'; readonly step: number; readonly max: number}
  | {readonly type: 'resize'; readonly columns: number; readonly rows: number}
  | {readonly type: 'start-filter'}
  | {readonly type: 'filter-input'; readonly text: string}
  | {readonly type: 'filter-backspace'}
  /** Enter keeps the filter, Esc drops it; either gives the keyboard back. */
  | {readonly type: 'end-filter'; readonly keep: boolean}
  | {readonly type: 'clear-filter'}
  /** Opening a History row starts its own filter; closing it puts the row list's back. */
  | {readonly type: 'set-filter'; readonly text: string};

/** The views, in tab order: what was read comes first (a bill, or a history), then compare of it. */
export function viewsFor(reads: 'history' | 'bill' | null): ViewId[] {
  return reads === 'bill'
    ? ['bill', 'compare', 'estimate']
    : reads === 'history'
      ? ['history', 'compare', 'estimate']
      : ['estimate', 'compare'];
}

/** Terminals report nothing useful when they are not terminals; the smallest common one is 80x24. */
export const FALLBACK_COLUMNS = 80;
export const FALLBACK_ROWS = 24;

export function initialAppState(
  views: readonly ViewId[],
  size: {columns?: number | undefined; rows?: number | undefined} = {},
): AppState {
  if (views.length === 0) throw new Error('explore needs at least one view');
  return {
    views,
    view: views[0]!,
    help: false,
    helpTop: 0,
    columns: size.columns || FALLBACK_COLUMNS,
    rows: size.rows || FALLBACK_ROWS,
    filter: '',
    filterEditing: false,
  };
}

// Control characters would move the terminal's cursor; a pasted newline ends nothing here.
// eslint-disable-next-line no-control-regex
const printable = (text: string) => text.replace(/[\u0000-\u001F\u007F]/g, '');

export function appReducer(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    case 'step-view': {
      const index = state.views.indexOf(state.view);
      const count = state.views.length;
      const view = state.views[(((index + action.step) % count) + count) % count]!;
      return view === state.view ? state : {...state, view, filterEditing: false};
    }
    case 'show-view':
      return state.views.includes(action.view)
        ? {...state, view: action.view, help: false, filterEditing: false}
        : state;
    case 'toggle-help':
      return {...state, help: !state.help, helpTop: 0};
    case 'close-help':
      return state.help ? {...state, help: false, helpTop: 0} : state;
    case 'scroll-help': {
      const helpTop = Math.max(0, Math.min(action.max, state.helpTop + action.step));
      return helpTop === state.helpTop ? state : {...state, helpTop};
    }
    case 'resize': {
      const columns = action.columns || state.columns;
      const rows = action.rows || state.rows;
      return columns === state.columns && rows === state.rows ? state : {...state, columns, rows};
    }
    case 'start-filter':
      return {...state, filterEditing: true, help: false};
    case 'filter-input': {
      const text = printable(action.text);
      return text ? {...state, filter: state.filter + text} : state;
    }
    case 'filter-backspace':
      return state.filter ? {...state, filter: [...state.filter].slice(0, -1).join('')} : state;
    case 'end-filter':
      return {...state, filterEditing: false, filter: action.keep ? state.filter : ''};
    case 'clear-filter':
      return state.filter ? {...state, filter: ''} : state;
    case 'set-filter':
      return state.filter === action.text ? state : {...state, filter: printable(action.text)};
  }
}
