import {describe, expect, it} from 'vitest';
import {D} from '../../src/money/decimal.js';
import {inert, inertData, inertMarkdown} from '../../src/report/inert.js';

describe('inert', () => {
  it.each([
    ['web', 'web'],
    ['\u001b]0;evil\u0007title', '\\x1b]0;evil\\x07title'],
    ['\u001b[31mred\u001b[0m', '\\x1b[31mred\\x1b[0m'],
    ['two\nlines', 'two\\nlines'],
    ['csi\u009b2J del\u007f', 'csi\\x9b2J del\\x7f'],
    ['abc\u202edcba', 'abc\\u202edcba'],
    ['x86_64 | *bold*', 'x86_64 | *bold*'],
  ])('%j → %j', (text, shown) => expect(inert(text)).toBe(shown));
});

describe('inertMarkdown', () => {
  it.each([
    // Names as ECS allows them are unchanged: an underscore inside a word starts no emphasis.
    ['linux-x86_64-vcpu', 'linux-x86_64-vcpu'],
    ['FARGATE_SPOT web-1', 'FARGATE_SPOT web-1'],
    ['*bold* _em_ `code` ~~gone~~', '\\*bold\\* \\_em\\_ \\`code\\` \\~\\~gone\\~\\~'],
    ['[click](https://evil.example) ![x](y)', '\\[click\\](https://evil.example) !\\[x\\](y)'],
    ['<img src=x onerror=alert(1)>', '\\<img src=x onerror=alert(1)>'],
    // An entity would bring the control back once rendered.
    ['&#x202e;reversed', '\\&#x202e;reversed'],
    ['a\\b', 'a\\\\b'],
    // Controls first, then their escapes' backslashes shown as written.
    ['\u001b[31m\nx', '\\\\x1b\\[31m\\\\nx'],
    // Pipes are the table's to escape (renderMarkdownTable).
    ['a|b', 'a|b'],
  ])('%j → %j', (text, shown) => expect(inertMarkdown(text)).toBe(shown));
});

describe('inertData', () => {
  it('cleans every string at any depth and keeps numbers, Decimals and functions', () => {
    const cost = new D('0.1');
    const price = () => cost;
    const value = {
      name: 'web\u001b[2J',
      count: 3,
      cost,
      price,
      nested: {rows: [{key: 'a\nb', share: cost}, {key: 'clean'}], none: null, yes: true},
    };
    const cleaned = inertData(value);
    expect(cleaned).toEqual({
      name: 'web\\x1b[2J',
      count: 3,
      cost,
      price,
      nested: {rows: [{key: 'a\\nb', share: cost}, {key: 'clean'}], none: null, yes: true},
    });
    expect(cleaned.cost).toBe(cost);
    expect(cleaned.price).toBe(price);
    // The input is not changed, and what was clean is shared, not copied.
    expect(value.name).toBe('web\u001b[2J');
    expect(cleaned.nested.rows[1]).toBe(value.nested.rows[1]);
  });

  it('returns clean data as the same object', () => {
    const value = {a: ['x', {b: 'y'}], c: new D(1)};
    expect(inertData(value)).toBe(value);
  });

  it('cleans with the function given', () => {
    expect(inertData({title: '*x*'}, inertMarkdown)).toEqual({title: '\\*x\\*'});
  });
});
