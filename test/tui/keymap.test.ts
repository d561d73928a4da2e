import {describe, expect, it} from 'vitest';
import {
  COMMANDS,
  footerHints,
  helpSections,
  type KeyPress,
  keyLabel,
  keyPresses,
  MEANINGS,
  matchCommand,
  type Scope,
  sharedKeys,
} from '../../src/tui/keymap.js';

const estimate: Scope[] = ['estimate', 'global'];
const none: KeyPress = {};

describe('the keymap', () => {
  it.each([
    // [input, key flags as ink 6 reports them, command]
    ['', {upArrow: true}, 'field-up'],
    ['k', none, 'field-up'],
    ['', {downArrow: true}, 'field-down'],
    ['', {leftArrow: true}, 'decrease'],
    ['l', none, 'increase'],
    ['[', none, 'size-smaller'],
    [']', none, 'size-larger'],
    ['a', none, 'toggle-arch'],
    ['o', none, 'toggle-os'],
    ['r', none, 'region-next'],
    // ink sets shift for capitals; the input decides.
    ['R', {shift: true}, 'region-previous'],
    ['+', {shift: true}, 'count-up'],
    ['=', none, 'count-up'],
    ['-', none, 'count-down'],
    ['s', none, 'schedule-next'],
    ['x', none, 'reset'],
    ['n', none, 'task-next'],
    ['?', {shift: true}, 'help'],
    ['q', none, 'quit'],
    // Ctrl-C reaches the app when ink does not take it (exitOnCtrlC off, as in tests).
    ['c', {ctrl: true}, 'quit'],
    // ink 6 sets meta with Escape; Escape still means back.
    ['', {escape: true, meta: true}, 'back'],
    ['', {tab: true}, 'next-view'],
    ['', {tab: true, shift: true}, 'previous-view'],
  ] as const)('%j %j is %s', (input, key, command) => {
    expect(matchCommand(input, key, estimate)).toBe(command);
  });

  it.each([
    ['Alt-r is not r', 'r', {meta: true}],
    ['Ctrl-Q is not q', 'q', {ctrl: true}],
    ['c alone is nothing', 'c', none],
    ['an unbound key', 'z', none],
  ] as const)('%s', (_what, input, key) => {
    expect(matchCommand(input, key, estimate)).toBeUndefined();
  });

  it('only matches commands of the live scopes', () => {
    expect(matchCommand('a', none, ['global'])).toBeUndefined();
    expect(matchCommand('q', none, ['global'])).toBe('quit');
  });

  it('reads Esc typed ahead of keys (ink reports ESC + key as Alt+key) as Esc, then each key', () => {
    const typed = keyPresses('?a', {meta: true});
    expect(typed).toEqual([
      {input: '', key: {escape: true}},
      {input: '?', key: {shift: false}},
      {input: 'a', key: {shift: false}},
    ]);
    expect(typed.map(({input, key}) => matchCommand(input, key, ['estimate', 'global']))).toEqual([
      'back',
      'help',
      matchCommand('a', {}, ['estimate', 'global']),
    ]);
    // Esc itself, and a named key, pass through.
    expect(keyPresses('', {escape: true, meta: true})).toEqual([{input: '', key: {escape: true, meta: true}}]);
  });

  it('reads keys typed ahead, which ink hands over as one input, one by one', () => {
    const typed = (input: string) =>
      keyPresses(input, none).map(({input, key}) => matchCommand(input, key, ['compare', 'global']));
    expect(typed('iiI')).toEqual(['interruptions-up', 'interruptions-up', 'interruptions-down']);
    expect(typed('jl')).toEqual(['plan-next', 'commit-up']);
    expect(keyPresses('/wo\r', none)).toEqual([
      {input: '/', key: {shift: false}},
      {input: 'w', key: {shift: false}},
      {input: 'o', key: {shift: false}},
      {input: '', key: {return: true}},
    ]);
    expect(keyPresses('a\u0003\t\u007F', none).map((press) => press.key)).toEqual([
      {shift: false},
      {ctrl: true},
      {tab: true},
      {delete: true},
    ]);
    // One key, and what ink leaves of an escape sequence it does not name, pass through whole.
    expect(keyPresses('i', none)).toEqual([{input: 'i', key: none}]);
    expect(keyPresses('[200~', none)).toEqual([{input: '[200~', key: none}]);
    // ESC + keys in one read: Esc typed ahead (above), not one Alt chord.
    expect(keyPresses('ab', {meta: true}).map((press) => press.input)).toEqual(['', 'a', 'b']);
  });

  it('treats the Backspace byte (ink 6 reports it as delete) as backspace', () => {
    const commands = [{id: 'reset', scope: 'estimate', keys: [{name: 'backspace'}], label: 'x'}] as const;
    expect(matchCommand('', {delete: true}, estimate, commands)).toBe('reset');
    expect(matchCommand('', {backspace: true}, estimate, commands)).toBe('reset');
  });

  it('gives each key one meaning in every view: a key bound in two views moves or changes in both, as its meaning says', () => {
    const byKey = new Map<string, {scope: Scope; meaning: string | undefined}[]>();
    for (const command of COMMANDS) {
      for (const key of command.keys.map(keyLabel)) {
        byKey.set(key, [...(byKey.get(key) ?? []), {scope: command.scope, meaning: command.meaning}]);
      }
    }
    for (const [key, uses] of byKey) {
      if (new Set(uses.map((use) => use.scope)).size < 2) continue;
      const meanings = new Set(uses.map((use) => use.meaning));
      expect([...meanings], `${key}: ${JSON.stringify(uses)}`).toHaveLength(1);
      expect([...meanings][0], `${key} has no meaning across views`).toBeDefined();
    }
    // The keys the issue found meaning two things: one view each now.
    for (const key of ['b', 't', '0', '+', 'g', 'n', 'x', 'f']) {
      expect(new Set(byKey.get(key)!.map((use) => use.scope)).size, key).toBe(1);
    }
    expect(sharedKeys()).toContainEqual({keys: '↑ k', label: MEANINGS.up});
    expect(sharedKeys()).toContainEqual({keys: 'PgDn Space', label: MEANINGS['page-down']});
    // Every list that sorts sorts with the same key.
    expect(new Set(byKey.get('>')!.map((use) => use.scope))).toEqual(new Set(['history', 'bill', 'compare']));
    expect(sharedKeys()).toContainEqual({keys: '>', label: MEANINGS.sort});
  });

  it('has no key bound twice within what can be live at once', () => {
    for (const scope of ['estimate', 'history', 'bill', 'compare', 'help'] as const) {
      const keys = COMMANDS.filter((command) => command.scope === scope || command.scope === 'global').flatMap(
        (command) => command.keys.map(keyLabel),
      );
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it('generates the footer from the table, grouping commands that share a label', () => {
    expect(footerHints(estimate).map((hint) => `${hint.keys} ${hint.label}`)).toEqual([
      '↑↓ setting',
      '←→ change',
      '[] size',
      'a arch',
      'o OS',
      'r region',
      '+- tasks',
      's schedule',
      'Tab view',
      '? help',
      'q quit',
    ]);
  });

  it('generates the help overlay with every key of every command', () => {
    const sections = helpSections(['estimate', 'global']);
    expect(sections.map((section) => section.title)).toEqual(['Estimate view', 'Everywhere']);
    expect(sections[0]!.rows.length).toBe(COMMANDS.filter((command) => command.scope === 'estimate').length);
    expect(sections[1]!.rows).toContainEqual({keys: 'q Ctrl-C', label: 'quit (the terminal is restored)'});
    expect(sections[0]!.rows).toContainEqual({keys: '+ =', label: 'more tasks'});
    // A scope with no commands has no section.
    expect(
      helpSections(
        ['compare'],
        COMMANDS.filter((command) => command.scope !== 'compare'),
      ),
    ).toEqual([]);
    expect(helpSections(['history'])[0]!.rows).toContainEqual({
      keys: '/',
      label: 'filter the rows by text (Enter keeps it, Esc drops it)',
    });
  });

  it('labels keys the way people write them', () => {
    expect([
      keyLabel({name: 'escape'}),
      keyLabel({name: 'tab', shift: true}),
      keyLabel({input: 'c', ctrl: true}),
      keyLabel({input: ' '}),
    ]).toEqual(['Esc', 'Shift-Tab', 'Ctrl-C', 'Space']);
  });
});
