import {describe, expect, it} from 'vitest';
import {createStyle} from '../../src/report/style.js';
import {painted, renderCsv, renderMarkdownTable, renderTable} from '../../src/report/table.js';

const EVIL = '\u001b]0;evil\u0007\u001b[31mred\nline|pipe\u202e';
const SHOWN = '\\x1b]0;evil\\x07\\x1b[31mred\\nline|pipe\\u202e';
/** Controls a terminal would act on; the tables' own line breaks aside. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('renderTable', () => {
  it('shows a control in a cell escaped, on the row it belongs to, and pads by what shows', () => {
    const text = renderTable(
      [{header: 'service'}, {header: 'cost', align: 'right'}],
      [
        [EVIL, '$1.00'],
        ['web', '$10.00'],
      ],
    );
    expect(text).not.toMatch(CONTROL);
    expect(text.split('\n')).toEqual([
      `service${' '.repeat(SHOWN.length - 7)}    cost`,
      `${'─'.repeat(SHOWN.length)}  ──────`,
      `${SHOWN}   $1.00`,
      `web${' '.repeat(SHOWN.length - 3)}  $10.00`,
    ]);
  });

  it('paints a painted cell after cleaning it, and pads outside the colour', () => {
    const style = createStyle(true);
    const text = renderTable(
      [{header: 'scenario'}, {header: 'monthly', align: 'right'}],
      [[painted('mix\u001b[0m', style.bold), '$1.00']],
      style,
    );
    const row = text.split('\n')[2];
    expect(row).toBe('\u001b[1mmix\\x1b[0m\u001b[22m    $1.00');
  });
});

describe('renderMarkdownTable', () => {
  it('keeps a row on one line and a name in one column', () => {
    const text = renderMarkdownTable([{header: 'service'}, {header: 'cost', align: 'right'}], [[EVIL, '$1.00']]);
    expect(text).not.toMatch(CONTROL);
    const lines = text.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('| \\x1b]0;evil\\x07\\x1b[31mred\\nline\\|pipe\\u202e | $1.00 |');
    // As GitHub and markdown-it split a row: at each pipe no backslash escapes.
    const columns = (line: string) => line.split(/(?<!\\)\|/).length;
    expect(columns(lines[2]!)).toBe(columns(lines[0]!));
  });

  it('shows a painted cell as its text', () => {
    expect(renderMarkdownTable([{header: 'a'}], [[painted('x', (text) => `<${text}>`)]])).toContain('| x |');
  });
});

describe('renderCsv', () => {
  it('writes controls as escapes, so a field never spans lines', () => {
    const text = renderCsv(['service', 'cost'], [[EVIL, '1']]);
    expect(text).not.toMatch(CONTROL);
    expect(text).toBe(`service,cost\n${SHOWN},1\n`);
  });

  it('quotes fields with commas or quotes (RFC 4180)', () => {
    expect(renderCsv(['a', 'b'], [['x, y', 'say "hi"']])).toBe('a,b\n"x, y","say ""hi"""\n');
  });
});
