import {EventEmitter} from 'node:events';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {clearLineOnInterrupt, colorEnabled, oneLineWarnings, terminalWidth} from '../../src/cli/io.js';

const TERM = 'xterm-256color';

describe('colorEnabled: Node’s rule for stream.hasColors(), then --no-color', () => {
  it.each([
    // env, stdout is a terminal, --color flag (false = --no-color), colour?
    [{TERM}, true, undefined, true],
    [{TERM}, false, undefined, false],
    [{}, true, undefined, false], // a terminal without TERM: Node counts 2 colours
    [{TERM: 'dumb'}, true, undefined, false],
    [{TERM, NO_COLOR: '1'}, true, undefined, false],
    [{TERM, NO_COLOR: ''}, true, undefined, false], // Node: NO_COLOR set at all
    [{TERM, NODE_DISABLE_COLORS: '1'}, true, undefined, false],
    [{TERM, FORCE_COLOR: '0'}, true, undefined, false],
    [{TERM, FORCE_COLOR: 'false'}, true, undefined, false],
    [{TERM, FORCE_COLOR: 'no'}, true, undefined, false], // any other value turns colour off
    [{FORCE_COLOR: '1'}, false, undefined, true], // forced into a pipe
    [{FORCE_COLOR: '2'}, false, undefined, true],
    [{FORCE_COLOR: '3'}, false, undefined, true],
    [{FORCE_COLOR: 'true'}, false, undefined, true],
    [{FORCE_COLOR: ''}, false, undefined, true],
    [{FORCE_COLOR: '1', NO_COLOR: '1'}, true, undefined, true], // FORCE_COLOR wins over NO_COLOR
    [{FORCE_COLOR: '2', TERM: 'dumb'}, false, undefined, true],
    [{TERM, FORCE_COLOR: '3'}, true, false, false], // --no-color wins over everything
    [{TERM}, true, false, false],
  ] as const)('%j on a terminal: %s, flag %s: %s', (env, isTTY, flag, expected) => {
    expect(colorEnabled({env: {...env}, stdout: {write: () => true, isTTY}}, flag)).toBe(expected);
  });
});

describe('oneLineWarnings: a library warning is one cleaned line on stderr, once', () => {
  it("replaces Node's printer and console.warn", () => {
    const proc = new EventEmitter();
    const nodePrinter = vi.fn();
    proc.on('warning', nodePrinter);
    let stderr = '';
    const target = {warn: (..._: unknown[]) => undefined};
    oneLineWarnings(proc as unknown as NodeJS.Process, {write: (text: string) => (stderr += text)}, target);
    const sdk = '@aws-sdk/x - WARNING:\n    Multiple credential sources detected: \n    Both are set.\n';
    target.warn(sdk);
    target.warn(sdk);
    target.warn('%s \u001b[31mred', 'formatted');
    proc.emit('warning', Object.assign(new Error('The thing is old.\nUse the other.'), {name: 'DeprecationWarning'}));
    expect(nodePrinter).not.toHaveBeenCalled();
    expect(stderr).toBe(
      [
        'fargate-cost: warning: @aws-sdk/x - WARNING: Multiple credential sources detected: Both are set.',
        'fargate-cost: warning: formatted \\x1b[31mred',
        'fargate-cost: warning: DeprecationWarning: The thing is old. Use the other.',
        '',
      ].join('\n'),
    );
  });

  it('clears the line first on a terminal, where a progress line may be drawn', () => {
    let stderr = '\r\u001B[Kreading history: 12 records';
    const target = {warn: (..._: unknown[]) => undefined};
    oneLineWarnings(
      new EventEmitter() as unknown as NodeJS.Process,
      {write: (text) => (stderr += text), isTTY: true},
      target,
    );
    target.warn('a notice');
    expect(stderr).toBe('\r\u001B[Kreading history: 12 records\r\u001B[Kfargate-cost: warning: a notice\n');
  });
});

describe('clearLineOnInterrupt: Ctrl-C ends the run with 130, the progress line cleared first', () => {
  function fakeProcess(isTTY: boolean) {
    let handler: (() => void) | undefined;
    const state = {exits: [] as number[], stderr: ''};
    const proc = {
      on: (event: string, listener: () => void) => {
        if (event === 'SIGINT') handler = listener;
        return proc;
      },
      exit: (code: number) => {
        state.exits.push(code);
      },
    };
    const interrupts = clearLineOnInterrupt(proc as unknown as NodeJS.Process, {
      write: (text: string) => (state.stderr += text),
      isTTY,
    });
    expect(state.exits).toEqual([]);
    return {interrupts, state, sigint: () => handler!()};
  }

  function interrupted(isTTY: boolean) {
    const {state, sigint} = fakeProcess(isTTY);
    sigint();
    return {exitCode: state.exits[0], stderr: state.stderr};
  }

  it('clears the line on a terminal', () => expect(interrupted(true)).toEqual({exitCode: 130, stderr: '\r\u001B[K'}));
  it('writes nothing into a pipe or a file', () => expect(interrupted(false)).toEqual({exitCode: 130, stderr: ''}));

  describe('taken by a command with work to undo', () => {
    afterEach(() => vi.useRealTimers());

    it('hands the first Ctrl-C to the command, and ends the run at once on the second', () => {
      const {interrupts, state, sigint} = fakeProcess(true);
      let calls = 0;
      interrupts.take(() => calls++, 6000);
      sigint();
      expect([calls, state.exits]).toEqual([1, []]);
      sigint();
      expect([calls, state.exits]).toEqual([1, [130]]);
      expect(state.stderr).toBe('\r\u001B[K\r\u001B[K');
    });

    it('ends the run with 130 when the command has not ended it within the grace', () => {
      vi.useFakeTimers();
      const {interrupts, state, sigint} = fakeProcess(false);
      interrupts.take(() => undefined, 6000);
      sigint();
      vi.advanceTimersByTime(5999);
      expect(state.exits).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(state.exits).toEqual([130]);
    });

    it('gives Ctrl-C back when the work is done', () => {
      const {interrupts, state, sigint} = fakeProcess(false);
      let calls = 0;
      const release = interrupts.take(() => calls++, 6000);
      release();
      sigint();
      expect([calls, state.exits]).toEqual([0, [130]]);
    });
  });
});

describe('terminalWidth: a table fits the terminal, never a pipe', () => {
  it.each([
    [{isTTY: true, columns: 100}, {COLUMNS: '60'}, 100],
    [{isTTY: true, columns: 0}, {COLUMNS: '60'}, 60],
    [{isTTY: true}, {COLUMNS: ' 72 '}, 72],
    [{isTTY: true, columns: 0}, {COLUMNS: 'wide'}, undefined],
    [{isTTY: true, columns: 0}, {COLUMNS: '0'}, undefined],
    [{isTTY: true, columns: 0}, {}, undefined],
    [{isTTY: false, columns: 100}, {COLUMNS: '60'}, undefined],
    [{}, {COLUMNS: '60'}, undefined],
  ])('stdout %j, env %j: %s', (stdout, env, width) => {
    expect(terminalWidth({stdout: {write: () => true, ...stdout}, env})).toBe(width);
  });
});
