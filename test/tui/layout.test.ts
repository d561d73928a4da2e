import {describe, expect, it} from 'vitest';
import {dec} from '../../src/money/decimal.js';
import {OPTION_IDS} from '../../src/model/types.js';
import {
  barText,
  fitHints,
  fitSections,
  layoutFor,
  listPosition,
  optionColumns,
  packSegments,
  shortOptionLabel,
} from '../../src/tui/layout.js';

describe('layout from the terminal size', () => {
  it.each([
    // [columns, rows, mode, narrow, settings columns, frame rows, body rows]: the body is the frame less
    // the header, the summary bar, the footer and (narrow) the notice.
    [70, 24, 'compact', true, 2, 23, 19],
    [50, 24, 'compact', true, 1, 23, 19],
    [80, 24, 'stacked', false, 2, 23, 20],
    [119, 40, 'stacked', false, 2, 39, 36],
    [120, 40, 'wide', false, 1, 39, 36],
  ] as const)('%d x %d is %s', (columns, rows, mode, narrow, settingsColumns, frameRows, bodyRows) => {
    expect(layoutFor(columns, rows)).toMatchObject({mode, narrow, settingsColumns, frameRows, bodyRows});
  });

  it('keeps the frame one row short of the terminal, and never below three rows', () => {
    expect(layoutFor(100, 30).frameRows).toBe(29);
    expect(layoutFor(100, 2).frameRows).toBe(3);
  });

  it('puts the settings beside the options only when wide', () => {
    expect(layoutFor(130, 40)).toMatchObject({settingsWidth: 46, optionsWidth: 128 - 46 - 2});
    expect(layoutFor(100, 40)).toMatchObject({settingsWidth: 98, optionsWidth: 98});
  });
});

describe('option columns', () => {
  const widest = {label: 31, shortLabel: 13, money: 8, saving: 6};
  it('full labels and a bar when there is room, short labels when not, no bar at last', () => {
    expect(optionColumns(98, widest)).toEqual({
      shortLabels: false,
      labelWidth: 31,
      moneyWidth: 8,
      savingWidth: 6,
      barWidth: 47,
    });
    expect(optionColumns(200, widest).barWidth).toBe(48);
    expect(optionColumns(50, widest)).toEqual({
      shortLabels: true,
      labelWidth: 13,
      moneyWidth: 8,
      savingWidth: 6,
      barWidth: 17,
    });
    expect(optionColumns(35, widest)).toMatchObject({shortLabels: true, barWidth: 0});
  });

  it('short labels are unique and short', () => {
    const labels = OPTION_IDS.map(shortOptionLabel);
    expect(new Set(labels).size).toBe(labels.length);
    expect(Math.max(...labels.map((label) => label.length))).toBeLessThanOrEqual(17);
    expect(shortOptionLabel('savings-plan-compute-3y-partial-upfront')).toBe('SP 3y partial');
  });
});

describe('bars', () => {
  it.each([
    ['the dearest fills the width', '36.0401', '36.0401', 10, '██████████'],
    ['half', '18.02005', '36.0401', 10, '█████'],
    ['eighths of a cell', '11.4797', '36.0401', 10, '███▏'],
    ['a sliver still shows', '0.0001', '36.0401', 10, '▏'],
    ['zero shows nothing', '0', '36.0401', 10, ''],
    ['no width, no bar', '10', '36', 0, ''],
    ['nothing to scale to', '10', '0', 10, ''],
  ] as const)('%s', (_what, value, max, width, expected) => {
    expect(barText(dec(value), dec(max), width)).toBe(expected);
  });

  it('is never longer than its width', () => {
    for (let cents = 0; cents <= 3604; cents += 37) {
      expect([...barText(dec(cents).div(100), dec('36.0401'), 20)].length).toBeLessThanOrEqual(20);
    }
  });
});

describe('text fitting', () => {
  it('drops whole hints from the end but keeps the last ones', () => {
    const hints = ['↑↓ setting', '←→ change', 'a arch', '? help', 'q quit'];
    expect(fitHints(hints, 100)).toBe('↑↓ setting  ←→ change  a arch  ? help  q quit');
    expect(fitHints(hints, 37)).toBe('↑↓ setting  ←→ change  ? help  q quit');
    expect(fitHints(hints, 36)).toBe('↑↓ setting  ? help  q quit');
    expect(fitHints(hints, 20)).toBe('? help  q quit');
    expect(fitHints(hints, 8)).toBe('? help …');
  });

  it('packs segments on rows in order, leaving out whole what finds no room', () => {
    const segments = ['0.001 interruptions (i/I)', 'lost work 30s (w/W)', 'image pull 12 s', 'rates 68 days old'];
    expect(packSegments(segments, 100, 2)).toEqual([
      '0.001 interruptions (i/I) · lost work 30s (w/W) · image pull 12 s · rates 68 days old',
    ]);
    expect(packSegments(segments, 47, 2)).toEqual([
      '0.001 interruptions (i/I) · lost work 30s (w/W)',
      'image pull 12 s · rates 68 days old',
    ]);
    // On 30 columns each takes a row; the last two find none.
    expect(packSegments(segments, 30, 2)).toEqual(['0.001 interruptions (i/I)', 'lost work 30s (w/W)']);
    // A later, shorter segment still goes where it fits; one wider than a row is cut.
    expect(packSegments(['a very long first segment', 'ok', 'x'], 10, 1)).toEqual(['a very lo…']);
    expect(packSegments(['abc', 'a long one', 'de'], 10, 1)).toEqual(['abc · de']);
  });

  it('drops optional sections, highest dropOrder first, until the rest fits', () => {
    const sections = [
      {id: 'title', rows: 1, dropOrder: 0},
      {id: 'gap', rows: 1, dropOrder: 10},
      {id: 'body', rows: 10, dropOrder: 0},
      {id: 'extra', rows: 2, dropOrder: 3},
      {id: 'more', rows: 1, dropOrder: 5},
    ];
    expect([...fitSections(15, sections)]).toEqual(['title', 'gap', 'body', 'extra', 'more']);
    expect([...fitSections(14, sections)]).toEqual(['title', 'body', 'extra', 'more']);
    expect([...fitSections(12, sections)]).toEqual(['title', 'body']);
    // Required sections stay even when they do not fit.
    expect([...fitSections(5, sections)]).toEqual(['title', 'body']);
  });
});

describe('where a cut list stands', () => {
  it('counts with thousands separators, as every other count on screen', () => {
    expect(listPosition(0, 28, 3449)).toBe('1–28 of 3,449');
    expect(listPosition(1999, 28, 100_000)).toBe('2,000–2,027 of 100,000');
    expect(listPosition(0, 40, 40)).toBe('');
  });
});
