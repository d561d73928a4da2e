/**
 * Key bindings as data. Every command the explore app understands is listed here once, with its
 * keys, its label and the view it belongs to; the matcher, the footer and the `?` help overlay are
 * all generated from this table, so they cannot disagree.
 */
import type {ViewId} from './state/app.js';

export type KeyName =
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'return'
  | 'escape'
  | 'tab'
  | 'backspace'
  | 'pageup'
  | 'pagedown'
  | 'home'
  | 'end';

export interface KeyBinding {
  /** A named key (arrows, Enter, Esc...), or */
  readonly name?: KeyName;
  /** the text a key types ('q', '?', '+'). */
  readonly input?: string;
  readonly ctrl?: boolean;
  readonly shift?: boolean;
}

/** The key flags ink's useInput reports (its `Key`), as far as the matcher needs them. */
export interface KeyPress {
  readonly upArrow?: boolean;
  readonly downArrow?: boolean;
  readonly leftArrow?: boolean;
  readonly rightArrow?: boolean;
  readonly pageUp?: boolean;
  readonly pageDown?: boolean;
  readonly home?: boolean;
  readonly end?: boolean;
  readonly return?: boolean;
  readonly escape?: boolean;
  readonly tab?: boolean;
  readonly backspace?: boolean;
  readonly delete?: boolean;
  readonly ctrl?: boolean;
  readonly shift?: boolean;
  readonly meta?: boolean;
}

/** A view's keys, the help overlay's (while it is open) or the ones live everywhere. */
export type Scope = 'global' | 'help' | 'page' | ViewId;

/** The views that show a command's report (Diff, Reconcile, Rightsize) share one scope: they scroll alike. */
export const REPORT_VIEWS: readonly ViewId[] = ['diff', 'reconcile', 'rightsize'];

/** The scope of a view's keys. */
export function viewScope(view: ViewId): Scope {
  return REPORT_VIEWS.includes(view) ? 'page' : view;
}

export const COMMAND_IDS = [
  'quit',
  'back',
  'help',
  'next-view',
  'previous-view',
  'field-up',
  'field-down',
  'decrease',
  'increase',
  'size-smaller',
  'size-larger',
  'toggle-arch',
  'toggle-os',
  'region-next',
  'region-previous',
  'count-up',
  'count-down',
  'schedule-next',
  'schedule-previous',
  'task-next',
  'reset',
  'row-up',
  'row-down',
  'row-page-up',
  'row-page-down',
  'row-first',
  'row-last',
  'open-row',
  'start-filter',
  'next-breakdown',
  'next-sort',
  'bill-sort',
  'scenario-sort',
  'bill-up',
  'bill-down',
  'bill-page-up',
  'bill-page-down',
  'bill-first',
  'bill-last',
  'plan-previous',
  'plan-next',
  'scenarios-page-up',
  'scenarios-page-down',
  'scenarios-first',
  'scenarios-last',
  'commit-down',
  'commit-up',
  'commit-fine-down',
  'commit-fine-up',
  'commit-best',
  'commit-zero',
  'interruptions-up',
  'interruptions-down',
  'lost-work-up',
  'lost-work-down',
  'base-up',
  'base-down',
  'toggle-tolerant',
  'page-up',
  'page-down',
  'page-page-up',
  'page-page-down',
  'page-first',
  'page-last',
  'help-down',
  'help-up',
  'help-page-down',
  'help-page-up',
] as const;
export type CommandId = (typeof COMMAND_IDS)[number];

/**
 * What a key means when more than one view binds it: moving and changing. A key bound in two views
 * has one meaning in both (test/tui/keymap.test.ts checks it); every other key is bound in one view
 * only, and does nothing in the others.
 */
export const MEANINGS = {
  up: 'up: the previous row, setting or plan; text scrolls up a line',
  down: 'down: the next row, setting or plan; text scrolls down a line',
  'page-up': 'a page up',
  'page-down': 'a page down',
  first: 'the first row, the top',
  last: 'the last row, the end',
  decrease: 'the value under the cursor down: a setting, the commitment',
  increase: 'the value under the cursor up',
  sort: "the list's next order (cost, tasks, name...): its header says which",
} as const;
export type Meaning = keyof typeof MEANINGS;

export interface Command {
  readonly id: CommandId;
  /** For a key more than one view binds: what it means in all of them. */
  readonly meaning?: Meaning;
  readonly scope: Scope;
  readonly keys: readonly KeyBinding[];
  /** What the help overlay says it does. */
  readonly label: string;
  /** Shown in the footer under this short label; commands sharing one are shown together ("↑↓ field"). */
  readonly footer?: string;
}

export const COMMANDS: readonly Command[] = [
  {
    id: 'back',
    scope: 'global',
    keys: [{name: 'escape'}],
    label: 'close help or go back (a row, a filter); never quits',
  },
  {id: 'next-view', scope: 'global', keys: [{name: 'tab'}], label: 'next view', footer: 'view'},
  {id: 'previous-view', scope: 'global', keys: [{name: 'tab', shift: true}], label: 'previous view'},
  {id: 'help', scope: 'global', keys: [{input: '?'}], label: 'show or hide this help', footer: 'help'},
  {
    id: 'help-up',
    scope: 'help',
    keys: [{name: 'up'}, {input: 'k'}],
    label: 'scroll the help up',
    footer: 'scroll',
    meaning: 'up',
  },
  {
    id: 'help-down',
    scope: 'help',
    keys: [{name: 'down'}, {input: 'j'}],
    label: 'scroll the help down',
    footer: 'scroll',
    meaning: 'down',
  },
  {id: 'help-page-up', scope: 'help', keys: [{name: 'pageup'}], label: 'scroll the help up a page', meaning: 'page-up'},
  {
    id: 'help-page-down',
    scope: 'help',
    keys: [{name: 'pagedown'}, {input: ' '}],
    label: 'scroll the help down a page',
    meaning: 'page-down',
  },
  {
    id: 'quit',
    scope: 'global',
    keys: [{input: 'q'}, {input: 'c', ctrl: true}],
    label: 'quit (the terminal is restored)',
    footer: 'quit',
  },

  {
    id: 'field-up',
    scope: 'estimate',
    keys: [{name: 'up'}, {input: 'k'}],
    label: 'previous setting',
    footer: 'setting',
    meaning: 'up',
  },
  {
    id: 'field-down',
    scope: 'estimate',
    keys: [{name: 'down'}, {input: 'j'}],
    label: 'next setting',
    footer: 'setting',
    meaning: 'down',
  },
  {
    id: 'decrease',
    scope: 'estimate',
    keys: [{name: 'left'}, {input: 'h'}],
    label: 'change the setting down (valid values only)',
    footer: 'change',
    meaning: 'decrease',
  },
  {
    id: 'increase',
    scope: 'estimate',
    keys: [{name: 'right'}, {input: 'l'}],
    label: 'change the setting up (valid values only)',
    footer: 'change',
    meaning: 'increase',
  },
  {
    id: 'size-smaller',
    scope: 'estimate',
    keys: [{input: '['}],
    label: 'next smaller valid size (CPU and memory together)',
    footer: 'size',
  },
  {
    id: 'size-larger',
    scope: 'estimate',
    keys: [{input: ']'}],
    label: 'next larger valid size (CPU and memory together)',
    footer: 'size',
  },
  {
    id: 'toggle-arch',
    scope: 'estimate',
    keys: [{input: 'a'}],
    label: 'switch architecture: x86_64 / arm64',
    footer: 'arch',
  },
  {
    id: 'toggle-os',
    scope: 'estimate',
    keys: [{input: 'o'}],
    label: 'switch OS: Linux / Windows (snaps to a Windows size)',
    footer: 'OS',
  },
  {id: 'region-next', scope: 'estimate', keys: [{input: 'r'}], label: 'next region in the catalog', footer: 'region'},
  {id: 'region-previous', scope: 'estimate', keys: [{input: 'R'}], label: 'previous region'},
  {id: 'count-up', scope: 'estimate', keys: [{input: '+'}, {input: '='}], label: 'more tasks', footer: 'tasks'},
  {id: 'count-down', scope: 'estimate', keys: [{input: '-'}], label: 'fewer tasks', footer: 'tasks'},
  {
    id: 'schedule-next',
    scope: 'estimate',
    keys: [{input: 's'}],
    label: 'next schedule preset (always on, office hours, hourly job...)',
    footer: 'schedule',
  },
  {id: 'schedule-previous', scope: 'estimate', keys: [{input: 'S'}], label: 'previous schedule preset'},
  {id: 'task-next', scope: 'estimate', keys: [{input: 'n'}], label: 'next task definition (when several are loaded)'},
  {id: 'reset', scope: 'estimate', keys: [{input: 'x'}], label: 'back to the starting settings'},

  {
    id: 'row-up',
    scope: 'history',
    keys: [{name: 'up'}, {input: 'k'}],
    label: 'previous row',
    footer: 'move',
    meaning: 'up',
  },
  {
    id: 'row-down',
    scope: 'history',
    keys: [{name: 'down'}, {input: 'j'}],
    label: 'next row',
    footer: 'move',
    meaning: 'down',
  },
  {id: 'row-page-up', scope: 'history', keys: [{name: 'pageup'}], label: 'a page up', meaning: 'page-up'},
  {
    id: 'row-page-down',
    scope: 'history',
    keys: [{name: 'pagedown'}, {input: ' '}],
    label: 'a page down',
    meaning: 'page-down',
  },
  {id: 'row-first', scope: 'history', keys: [{name: 'home'}], label: 'first row', meaning: 'first'},
  {id: 'row-last', scope: 'history', keys: [{name: 'end'}], label: 'last row', meaning: 'last'},
  {
    id: 'open-row',
    scope: 'history',
    keys: [{name: 'return'}],
    label: 'open the row: the tasks billed in it (Esc goes back)',
    footer: 'tasks',
  },
  {
    id: 'start-filter',
    scope: 'history',
    keys: [{input: '/'}],
    label: 'filter the rows by text (Enter keeps it, Esc drops it)',
    footer: 'filter',
  },
  {
    id: 'next-breakdown',
    scope: 'history',
    keys: [{input: 'g'}],
    label: 'break the cost down by group, purchase option or day',
    footer: 'by',
  },
  {
    id: 'next-sort',
    scope: 'history',
    keys: [{input: '>'}],
    label: 'sort the list by cost, tasks or name (the header says which)',
    footer: 'sort',
    meaning: 'sort',
  },

  {
    id: 'bill-up',
    scope: 'bill',
    keys: [{name: 'up'}, {input: 'k'}],
    label: 'scroll up a line',
    footer: 'scroll',
    meaning: 'up',
  },
  {
    id: 'bill-down',
    scope: 'bill',
    keys: [{name: 'down'}, {input: 'j'}],
    label: 'scroll down a line',
    footer: 'scroll',
    meaning: 'down',
  },
  {
    id: 'bill-page-up',
    scope: 'bill',
    keys: [{name: 'pageup'}],
    label: 'scroll up a page',
    footer: 'page',
    meaning: 'page-up',
  },
  {
    id: 'bill-page-down',
    scope: 'bill',
    keys: [{name: 'pagedown'}, {input: ' '}],
    label: 'scroll down a page',
    footer: 'page',
    meaning: 'page-down',
  },
  {id: 'bill-first', scope: 'bill', keys: [{name: 'home'}], label: 'the top: the groups', meaning: 'first'},
  {id: 'bill-last', scope: 'bill', keys: [{name: 'end'}], label: 'the end: the notes', meaning: 'last'},
  {
    id: 'bill-sort',
    scope: 'bill',
    keys: [{input: '>'}],
    label: 'sort the groups by paid, tasks, vCPU-h or name (the header says which)',
    footer: 'sort',
    meaning: 'sort',
  },

  {
    id: 'page-up',
    scope: 'page',
    keys: [{name: 'up'}, {input: 'k'}],
    label: 'scroll up a line',
    footer: 'scroll',
    meaning: 'up',
  },
  {
    id: 'page-down',
    scope: 'page',
    keys: [{name: 'down'}, {input: 'j'}],
    label: 'scroll down a line',
    footer: 'scroll',
    meaning: 'down',
  },
  {
    id: 'page-page-up',
    scope: 'page',
    keys: [{name: 'pageup'}],
    label: 'scroll up a page',
    footer: 'page',
    meaning: 'page-up',
  },
  {
    id: 'page-page-down',
    scope: 'page',
    keys: [{name: 'pagedown'}, {input: ' '}],
    label: 'scroll down a page',
    footer: 'page',
    meaning: 'page-down',
  },
  {id: 'page-first', scope: 'page', keys: [{name: 'home'}], label: 'the top of the report', meaning: 'first'},
  {id: 'page-last', scope: 'page', keys: [{name: 'end'}], label: 'the end: the assumptions', meaning: 'last'},

  {
    id: 'plan-previous',
    scope: 'compare',
    keys: [{name: 'up'}, {input: 'k'}],
    label: 'previous Savings Plan (term and payment)',
    footer: 'plan',
    meaning: 'up',
  },
  {
    id: 'plan-next',
    scope: 'compare',
    keys: [{name: 'down'}, {input: 'j'}],
    label: 'next Savings Plan',
    footer: 'plan',
    meaning: 'down',
  },
  {
    id: 'scenarios-page-up',
    scope: 'compare',
    keys: [{name: 'pageup'}],
    label: 'scroll the scenario table up a page (On-Demand stays at its foot)',
    meaning: 'page-up',
  },
  {
    id: 'scenarios-page-down',
    scope: 'compare',
    keys: [{name: 'pagedown'}, {input: ' '}],
    label: 'scroll the scenario table down a page (its heading says which rows: "3–4 of 9")',
    // The Spot and mix keys are on their own lines of the view: at 80 columns this hint goes before theirs.
    footer: 'scenarios',
    meaning: 'page-down',
  },
  {id: 'scenarios-first', scope: 'compare', keys: [{name: 'home'}], label: 'the first scenarios', meaning: 'first'},
  {id: 'scenarios-last', scope: 'compare', keys: [{name: 'end'}], label: 'the last scenarios', meaning: 'last'},
  {
    id: 'commit-down',
    scope: 'compare',
    keys: [{name: 'left'}, {input: 'h'}],
    label: 'lower the hourly commitment (a fortieth of the peak)',
    footer: 'commitment',
    meaning: 'decrease',
  },
  {
    id: 'commit-up',
    scope: 'compare',
    keys: [{name: 'right'}, {input: 'l'}],
    label: 'raise the hourly commitment',
    footer: 'commitment',
    meaning: 'increase',
  },
  {
    id: 'commit-fine-down',
    scope: 'compare',
    keys: [{input: ','}],
    label: 'lower the commitment by $0.001 (the step AWS sells)',
  },
  {id: 'commit-fine-up', scope: 'compare', keys: [{input: '.'}], label: 'raise the commitment by $0.001'},
  {
    id: 'commit-best',
    scope: 'compare',
    keys: [{input: 'b'}],
    label: 'the cheapest commitment (the optimum)',
    footer: 'best',
  },
  {id: 'commit-zero', scope: 'compare', keys: [{input: '0'}], label: 'no commitment'},
  {
    id: 'interruptions-up',
    scope: 'compare',
    keys: [{input: 'i'}],
    label: 'more Spot interruptions per task-hour',
    footer: 'interruptions',
  },
  {id: 'interruptions-down', scope: 'compare', keys: [{input: 'I'}], label: 'fewer Spot interruptions per task-hour'},
  {
    id: 'lost-work-up',
    scope: 'compare',
    keys: [{input: 'w'}],
    label: 'more work lost per interruption',
    footer: 'lost work',
  },
  {id: 'lost-work-down', scope: 'compare', keys: [{input: 'W'}], label: 'less work lost per interruption'},
  {
    id: 'toggle-tolerant',
    scope: 'compare',
    keys: [{input: 't'}],
    label: 'which work may move to Spot: as measured or configured, all of it, none of it',
    footer: 'tolerant',
  },
  {
    id: 'base-up',
    scope: 'compare',
    keys: [{input: 'f'}],
    label: 'more tasks kept on FARGATE in the mix (the base)',
    footer: 'base',
  },
  {id: 'base-down', scope: 'compare', keys: [{input: 'F'}], label: 'fewer tasks kept on FARGATE in the mix'},
  {
    id: 'scenario-sort',
    scope: 'compare',
    keys: [{input: '>'}],
    label: "sort the scenarios by monthly cost (compare's order), upfront or name (the header says which)",
    footer: 'sort',
    meaning: 'sort',
  },
];

const NAMED: Record<KeyName, (key: KeyPress) => boolean> = {
  up: (key) => Boolean(key.upArrow),
  down: (key) => Boolean(key.downArrow),
  left: (key) => Boolean(key.leftArrow),
  right: (key) => Boolean(key.rightArrow),
  pageup: (key) => Boolean(key.pageUp),
  pagedown: (key) => Boolean(key.pageDown),
  home: (key) => Boolean(key.home),
  end: (key) => Boolean(key.end),
  return: (key) => Boolean(key.return),
  escape: (key) => Boolean(key.escape),
  tab: (key) => Boolean(key.tab),
  // ink 6 reports the byte most terminals send for Backspace (0x7f) as `delete`.
  backspace: (key) => Boolean(key.backspace || key.delete),
};

export function matchesBinding(binding: KeyBinding, input: string, key: KeyPress): boolean {
  if (binding.name !== undefined) {
    if (!NAMED[binding.name](key)) return false;
    // Shift matters only where a binding asks for it (Tab against Shift-Tab).
    if (binding.name === 'tab' && Boolean(binding.shift) !== Boolean(key.shift)) return false;
    return Boolean(binding.ctrl) === Boolean(key.ctrl);
  }
  if (binding.input === undefined || input !== binding.input) return false;
  if (Boolean(binding.ctrl) !== Boolean(key.ctrl)) return false;
  // ink 6 sets `meta` for Escape too, but a named key never reaches here; Alt+r is not r.
  return !key.meta;
}

/** What is left of an escape sequence ink did not name (ink strips the ESC): never typed text. */
const SEQUENCE_REST = /^(?:\[[\d;?<>=]*[~A-Za-z]|O[A-Za-z])$/;

/**
 * The key presses in what ink hands over as one input. ink splits escape sequences (arrows, Esc)
 * but gives a run of typed characters as one string, as it does a paste: keys typed ahead while the
 * app was busy ("iii", "jl", "/wo" then Enter) arrive so. Each character is one key press, read as
 * a terminal sends it (Enter, Tab, Backspace, Ctrl-letter); a single key, or an escape sequence's
 * rest, passes through as it came.
 */
export function keyPresses(
  input: string,
  key: KeyPress,
  typed = false,
): {readonly input: string; readonly key: KeyPress}[] {
  const chars = [...input];
  // Esc typed ahead of a key reaches ink in one read as ESC + the key, which it reports as Alt+key.
  // No command is bound to Alt, so it is what was typed: Esc, then the key (and the rest of a burst).
  if (key.meta && !key.escape && !key.ctrl && chars.length > 0 && !SEQUENCE_REST.test(input)) {
    return [{input: '', key: {escape: true}}, ...keyPresses(input, {...key, meta: false}, true)];
  }
  if (key.meta || key.ctrl || SEQUENCE_REST.test(input)) return [{input, key}];
  // `typed`: what followed an Esc in one read, which ink did not name (a Tab comes as "\t").
  if (chars.length < 2 && !(typed && chars.length === 1)) return [{input, key}];
  return chars.map(typedKey);
}

/** One character as a terminal sends a key: Enter, Tab, Backspace, Ctrl-letter, or the character. */
function typedKey(char: string): {readonly input: string; readonly key: KeyPress} {
  const code = char.codePointAt(0)!;
  if (char === '\r') return {input: '', key: {return: true}};
  if (char === '\t') return {input: '', key: {tab: true}};
  if (code === 0x7f) return {input: '', key: {delete: true}};
  if (code === 0x08) return {input: '', key: {backspace: true}};
  if (code < 0x20) return {input: String.fromCharCode(code + 96), key: {ctrl: true}};
  return {input: char, key: {shift: char !== char.toLowerCase()}};
}

/** The command a key press means in the given scopes (earlier scopes win), or undefined. */
export function matchCommand(
  input: string,
  key: KeyPress,
  scopes: readonly Scope[],
  commands: readonly Command[] = COMMANDS,
): CommandId | undefined {
  for (const scope of scopes) {
    for (const command of commands) {
      if (command.scope !== scope) continue;
      if (command.keys.some((binding) => matchesBinding(binding, input, key))) return command.id;
    }
  }
  return undefined;
}

const NAME_LABELS: Record<KeyName, string> = {
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  home: 'Home',
  end: 'End',
  return: 'Enter',
  escape: 'Esc',
  tab: 'Tab',
  backspace: 'Backspace',
};

export function keyLabel(binding: KeyBinding): string {
  const base =
    binding.name !== undefined ? NAME_LABELS[binding.name] : binding.input === ' ' ? 'Space' : binding.input!;
  const shift = binding.shift ? 'Shift-' : '';
  return binding.ctrl ? `Ctrl-${shift}${base.toUpperCase()}` : `${shift}${base}`;
}

export interface Hint {
  readonly keys: string;
  readonly label: string;
}

/**
 * The footer: the scope's commands that have a footer label, then the global ones, commands
 * sharing a label shown as one hint with each one's first key ("↑↓ setting", "[] size").
 */
export function footerHints(scopes: readonly Scope[], commands: readonly Command[] = COMMANDS): Hint[] {
  const ordered = [...scopes.filter((scope) => scope !== 'global'), 'global' as Scope];
  const hints = new Map<string, string[]>();
  for (const scope of ordered) {
    for (const command of commands) {
      if (command.scope !== scope || command.footer === undefined) continue;
      const id = `${scope}|${command.footer}`;
      hints.set(id, [...(hints.get(id) ?? []), keyLabel(command.keys[0]!)]);
    }
  }
  return [...hints.entries()].map(([id, keys]) => ({
    keys: keys.join(keys.every((k) => k.length === 1) ? '' : '/'),
    label: id.split('|')[1]!,
  }));
}

export interface HelpSection {
  readonly title: string;
  readonly rows: readonly Hint[];
  /** A view whose keys do nothing as it is shown says so (a line each) instead of listing them. */
  readonly notes?: readonly string[];
}

/** Where the rates of a history's Estimate are listed when the view has no room for them: its footnote names it. */
export const RATES_ELSEWHERE = 'fargate-cost prices show';

/** Scopes whose view can be shown read-only, and what their help says then (in place of their keys). */
export const READ_ONLY_NOTES: Partial<Record<Scope, readonly string[]>> = {
  estimate: [
    'from a history: read-only; load task definitions to change sizes',
    `its rates: below the options given room, else ${RATES_ELSEWHERE}`,
  ],
};

const SCOPE_TITLES: Record<Scope, string> = {
  global: 'Everywhere',
  help: 'In this help',
  estimate: 'Estimate view',
  history: 'History view',
  bill: 'Bill view',
  compare: 'Compare view',
  live: 'Live view',
  page: 'Diff, Reconcile and Rightsize views',
  diff: 'Diff view',
  reconcile: 'Reconcile view',
  rightsize: 'Rightsize view',
};

/**
 * The `?` overlay: every command of the given scopes with all of its keys; a scope shown read-only
 * (`readOnly`, one with a READ_ONLY_NOTES entry) gets its note instead of keys that would do nothing.
 */
export function helpSections(
  scopes: readonly Scope[],
  commands: readonly Command[] = COMMANDS,
  readOnly: readonly Scope[] = [],
): HelpSection[] {
  return scopes
    .map((scope): HelpSection => {
      const notes = readOnly.includes(scope) ? READ_ONLY_NOTES[scope] : undefined;
      if (notes !== undefined) return {title: SCOPE_TITLES[scope], rows: [], notes};
      return {
        title: SCOPE_TITLES[scope],
        rows: commands
          .filter((command) => command.scope === scope)
          .map((command) => ({keys: command.keys.map(keyLabel).join(' '), label: command.label})),
      };
    })
    .filter((section) => section.rows.length > 0 || section.notes !== undefined);
}

/** The keys more than one view binds, with what they mean in every one: docs/explore.md's first key table. */
export function sharedKeys(commands: readonly Command[] = COMMANDS): Hint[] {
  const byKey = new Map<string, Set<Meaning | undefined>>();
  const scopes = new Map<string, Set<Scope>>();
  for (const command of commands) {
    for (const key of command.keys.map(keyLabel)) {
      byKey.set(key, (byKey.get(key) ?? new Set()).add(command.meaning));
      scopes.set(key, (scopes.get(key) ?? new Set()).add(command.scope));
    }
  }
  const rows = new Map<Meaning, string[]>();
  for (const [key, meanings] of byKey) {
    if (scopes.get(key)!.size < 2) continue;
    const [meaning] = [...meanings];
    if (meanings.size !== 1 || meaning === undefined) continue;
    rows.set(meaning, [...(rows.get(meaning) ?? []), key]);
  }
  return (Object.keys(MEANINGS) as Meaning[])
    .filter((meaning) => rows.has(meaning))
    .map((meaning) => ({keys: rows.get(meaning)!.join(' '), label: MEANINGS[meaning]}));
}

/** A word the views use, and what it means as the tool computes it. */
export interface GlossaryEntry {
  readonly term: string;
  readonly text: string;
}

/** The help's glossary (docs/explore.md has the same words: test/tui/docs-keys.test.ts). */
export const GLOSSARY: readonly GlossaryEntry[] = [
  {
    term: 'task-h',
    text: "task-hours: every task's billed time added up, in hours. Fargate bills from the image pull's start to the task's stop, by the second, at least a minute (5 on Windows): two tasks for an hour are 2 task-h.",
  },
  {
    term: 'utilization',
    text: "of a Savings Plan's commitment, the share used. Each clock hour the commitment pays for eligible usage at Savings Plan rates; what an hour does not use is lost.",
  },
  {
    term: 'coverage',
    text: 'the share of the eligible usage (at its On-Demand cost) a Savings Plan covers; the rest is billed On-Demand. Spot, storage above 20 GiB and the Windows licence are never eligible.',
  },
  {
    term: 'base',
    text: "a capacity-provider strategy's tasks placed on its provider first, before the rest is shared by weight; in Compare's mix, the tasks a Spot-tolerant service keeps on FARGATE (f/F).",
  },
  {
    term: 'steady state',
    text: 'a month of the services as configured: each at its desired count, at the size of its newest task on its current task definition, split between FARGATE and FARGATE_SPOT by its strategy, for 730 hours.',
  },
];
