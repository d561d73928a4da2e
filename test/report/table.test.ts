import {describe, expect, it} from 'vitest';
import {createStyle} from '../../src/report/style.js';
import {D} from '../../src/money/decimal.js';
import {csvFigure, painted, renderCsv, renderMarkdownTable, renderTable} from '../../src/report/table.js';

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

describe('renderCsv for spreadsheets', () => {
  it.each([
    // OWASP's formula starts: a single quote before, and the field quoted.
    ["=cmd|' /C calc'!A0", `"'=cmd|' /C calc'!A0"`],
    ['=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"`],
    ['+1+1', `"'+1+1"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1:A2)', `"'@SUM(A1:A2)"`],
    // A tab or carriage return is escaped first, so it no longer starts the field.
    ['\t=1', '\\t=1'],
    ['\r=1', '\\r=1'],
    // Plain numbers, negative ones too, are left to be read as numbers.
    ['-0.5', '-0.5'],
    ['-12', '-12'],
    ['0.000206', '0.000206'],
    // A formula sign later in a field does nothing.
    ['service:=cmd', 'service:=cmd'],
    ['a-b', 'a-b'],
  ])('%j → %s', (text, field) => {
    expect(renderCsv(['x'], [[text]])).toBe(`x\n${field}\n`);
  });
});

describe('csvFigure', () => {
  it.each([
    ['0.0002057083333333333333', '0.000206'],
    ['17.299248', '17.299248'],
    ['630.72', '630.720000'],
    ['0', '0.000000'],
    // Half up, as invoices round, negative amounts away from zero.
    ['1.0000005', '1.000001'],
    ['-1.0000005', '-1.000001'],
    ['-0.0000004', '0.000000'],
    ['68.160320032408345148875835527648369455134697184525', '68.160320'],
  ])('%s → %s', (value, text) => expect(csvFigure(new D(value))).toBe(text));

  it('is empty for no figure', () => {
    expect(csvFigure(null)).toBe('');
    expect(csvFigure(undefined)).toBe('');
  });
});
