import {describe, expect, it} from 'vitest';
import {colorEnabled} from '../../src/cli/io.js';

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
