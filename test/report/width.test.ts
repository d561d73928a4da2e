import fc from 'fast-check';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {
  fit,
  fitTable,
  ONE_COLUMN_MARKS,
  padEnd,
  padStart,
  visibleWidth,
  wrapLine,
  wrapLines,
  wrapText,
} from '../../src/report/width.js';

describe('text fitting', () => {
  it('cuts with an ellipsis and pads by characters', () => {
    expect(fit('us-east-1 US East (N. Virginia)', 12)).toBe('us-east-1 U…');
    expect(fit('short', 12)).toBe('short');
    expect(fit('x', 0)).toBe('');
    expect(padEnd('◂ 1', 5)).toBe('◂ 1  ');
    expect(padStart('$1', 4)).toBe('  $1');
    expect(padStart('toolong', 3)).toBe('toolong');
  });

  it('fits text as it shows: a control from an input is written as an escape and counted as such', () => {
    expect(fit('web\u001b]0;evil\u0007', 40)).toBe('web\\x1b]0;evil\\x07');
    expect(fit('a\nb\u202ec', 5)).toBe('a\\nb…');
    expect(padEnd('\u001b[31m', 8)).toBe('\\x1b[31m');
    expect(padStart('x\ty', 5)).toBe(' x\\ty');
  });

  it('counts display width: a CJK character or an emoji takes two columns, a combining mark none', () => {
    // 決済 (payment) is two wide characters: four columns.
    expect(visibleWidth('決済-api')).toBe(8);
    expect(visibleWidth('web 🚀')).toBe(6);
    expect(visibleWidth('cafe\u0301')).toBe(4);
    expect(padEnd('決済', 6)).toBe('決済  ');
    expect(padStart('決済', 6)).toBe('  決済');
    // Cut between characters: 決済サービス is 12 columns; in 7, three wide characters and the ellipsis.
    expect(fit('決済サービス', 7)).toBe('決済サ…');
    // In 6, a third wide character would straddle the edge: two, the ellipsis, one column short.
    expect(fit('決済サービス', 6)).toBe('決済…');
    expect(padEnd(fit('決済サービス', 6), 6)).toBe('決済… ');
    // An emoji joined of several code points is one cluster, never cut inside.
    expect(fit('👩‍💻👩‍💻👩‍💻', 4)).toBe('👩‍💻…');
    expect(fit('決済', 4)).toBe('決済');
  });

  it("counts the tool's own marks one column each, as string-width does, whatever surrounds them", () => {
    for (const mark of ONE_COLUMN_MARKS) {
      expect(mark.length).toBe(1);
      expect(stringWidth(mark)).toBe(1);
    }
    // Text of ASCII and the marks takes the fast way; a combining mark or a wide character after a mark does not.
    const alphabet = [...ONE_COLUMN_MARKS, 'a', ' ', '$', '~', '\u0301', '決', '🚀', '\u200b'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), {maxLength: 12}), (chars) => {
        const text = chars.join('');
        expect(visibleWidth(text)).toBe(stringWidth(text));
        expect(visibleWidth(fit(text, 5))).toBeLessThanOrEqual(5);
      }),
    );
    expect(visibleWidth('…\u0301')).toBe(1);
    expect(fit('ab…cd', 3)).toBe('ab…');
  });

  it('wraps and breaks words by display width', () => {
    // In 6 columns a cut word keeps two wide characters (4) and the ellipsis: a third would make 7.
    expect(wrapLines('決済 サービス', 6)).toEqual(['決済', 'サー…']);
    expect(wrapLine('決済サービスです', 6)).toEqual(['決済サ', '  ービ', '  スで', '  す']);
    expect(fitTable([{header: 'name'}], [['決済']], 10)[0]!.width).toBe(4);
  });

  it('word-wraps plain text, cutting a word wider than the width', () => {
    expect(wrapLines('cannot price this: the catalog has no rate', 16)).toEqual([
      'cannot price',
      'this: the',
      'catalog has no',
      'rate',
    ]);
    expect(wrapLines('a verylongwordindeed', 8)).toEqual(['a', 'verylon…']);
  });
});

describe('fitTable', () => {
  const rows = [['service:checkout-api', '12', '31.50', '$4.74', '62.1%']];
  const specs = [
    {header: 'group', shrink: {order: 1, min: 10}},
    {header: 'tasks', align: 'right' as const, drop: 3},
    {header: 'task-h', align: 'right' as const, drop: 2},
    {header: 'cost', align: 'right' as const},
    {header: 'share', align: 'right' as const, drop: 4},
  ];
  const shown = (width: number) => fitTable(specs, rows, width).map((column) => `${column.header}:${column.width}`);

  it('keeps the natural widths when the table fits', () => {
    expect(shown(80)).toEqual(['group:20', 'tasks:5', 'task-h:6', 'cost:5', 'share:5']);
  });

  it('takes the steps in order: a shrink only as far as needed, then drops, the shrunk column growing back', () => {
    // 20+5+6+5+5 and 4 gaps of 2: 49.
    expect(shown(45)).toEqual(['group:16', 'tasks:5', 'task-h:6', 'cost:5', 'share:5']);
    expect(shown(38)).toEqual(['group:17', 'tasks:5', 'cost:5', 'share:5']);
    expect(shown(26)).toEqual(['group:12', 'cost:5', 'share:5']);
    // Nothing left to give: as narrow as it can be, the cost kept.
    expect(shown(10)).toEqual(['group:10', 'cost:5']);
  });

  it('takes a drop before a shrink of a higher order', () => {
    const dropFirst = [{header: 'label', shrink: {order: 2, min: 4}}, {header: 'extra', drop: 1}, {header: 'cost'}];
    const fitted = fitTable(dropFirst, [['Compute SP 1 yr', 'xxxxx', '$1.00']], 22);
    expect(fitted.map((column) => `${column.header}:${column.width}`)).toEqual(['label:15', 'cost:5']);
  });

  it('measures cells as they show', () => {
    const fitted = fitTable([{header: 'k'}], [['a\u001b[31mb']], 80);
    expect(fitted[0]!.width).toBe('a\\x1b[31mb'.length);
  });
});

describe('wrapping lines for a terminal', () => {
  it('leaves a line that fits', () => {
    expect(wrapLine('- a month is 730 hours', 40)).toEqual(['- a month is 730 hours']);
  });

  it('wraps at spaces, hanging under the indent and the list marker', () => {
    expect(wrapLine('- prices: embedded snapshot /work/data/catalog.json (generated 2026-11-24)', 30)).toEqual([
      '- prices: embedded snapshot',
      '  /work/data/catalog.json',
      '  (generated 2026-11-24)',
    ]);
    expect(wrapLine('  1. All Fargate Spot: tasks can be stopped with a warning', 30)).toEqual([
      '  1. All Fargate Spot: tasks',
      '     can be stopped with a',
      '     warning',
    ]);
    // A line at the margin hangs two in.
    expect(wrapLine('window 2026-11-03 13:01:52Z to 2026-11-03 13:06:52Z', 30)).toEqual([
      'window 2026-11-03 13:01:52Z to',
      '  2026-11-03 13:06:52Z',
    ]);
  });

  it('breaks a word wider than the line', () => {
    expect(wrapLine('- /a/very/long/path/to/a/catalog.json', 16)).toEqual([
      '- /a/very/long/p',
      '  ath/to/a/catal',
      '  og.json',
    ]);
    expect(wrapLine('    - at /a/very/long/path/to/a/catalog.json', 18)).toEqual([
      '    - at /a/very/l',
      '      ong/path/to/',
      '      a/catalog.js',
      '      on',
    ]);
  });

  it('counts colour escapes as nothing and keeps them', () => {
    const line = `\u001b[33m! ${'word '.repeat(10).trim()}\u001b[39m`;
    const lines = wrapLine(line, 20);
    expect(lines.map(visibleWidth).every((width) => width <= 20)).toBe(true);
    expect(lines.map((text, i) => (i === 0 ? text : text.slice(2))).join(' ')).toBe(line);
  });

  it('wraps every line of a text, or none without a width', () => {
    const text = 'short\nthis line is rather long for the width';
    expect(wrapText(text, undefined)).toBe(text);
    expect(wrapText(text, 20)).toBe('short\nthis line is rather\n  long for the width');
  });
});
