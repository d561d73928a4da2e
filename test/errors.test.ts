import {describe, expect, it} from 'vitest';
import {escapeControls, untrusted} from '../src/errors.js';

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
