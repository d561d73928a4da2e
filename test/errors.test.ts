import {describe, expect, it} from 'vitest';
import {escapeControls, untrusted, untrustedValue} from '../src/errors.js';

describe('escapeControls', () => {
  it.each([
    ['plain text, 1 vCPU', 'plain text, 1 vCPU'],
    ['two\nlines\r\tand a tab', 'two\\nlines\\r\\tand a tab'],
    ['\u001b[31mred\u001b[0m', '\\x1b[31mred\\x1b[0m'],
    ['bell\u0007 del\u007f c1\u009b', 'bell\\x07 del\\x7f c1\\x9b'],
    ['abc\u202edcba\u2028x', 'abc\\u202edcba\\u2028x'],
    ['isolate\u2066x\u2069 mark\u061c\u200f', 'isolate\\u2066x\\u2069 mark\\u061c\\u200f'],
    ['déjà vu – “quoted” 価格', 'déjà vu – “quoted” 価格'],
  ])('%j → %j', (text, escaped) => expect(escapeControls(text)).toBe(escaped));
});

describe('untrusted', () => {
  it('cuts long text with an ellipsis, then escapes it', () => {
    expect(untrusted('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(untrusted('short', 10)).toBe('short');
    expect(untrusted('\u001b]0;pwned\u0007', 60)).toBe('\\x1b]0;pwned\\x07');
  });
});

describe('untrustedValue', () => {
  it.each([
    ['text', '"text"'],
    ['x'.repeat(100), `"${'x'.repeat(59)}…"`],
    ['\u001b[2J', '"\\x1b[2J"'],
    [256, '256'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [null, 'null'],
    [true, 'true'],
    [undefined, 'missing'],
    [[1], 'a list'],
    [{toString: 1}, 'a mapping'],
    [Object.create(null), 'a mapping'],
    [new Set(['a']), 'a list'],
    [new Uint8Array([1]), 'binary data'],
    [new Map([['a', 1]]), 'a mapping'],
    [new Date('2026-11-02T00:00:00Z'), '2026-11-02T00:00:00.000Z'],
  ])('%j → %s', (value, shown) => expect(untrustedValue(value)).toBe(shown));
});
