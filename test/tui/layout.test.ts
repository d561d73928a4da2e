import {describe, expect, it} from 'vitest';
import {dec} from '../../src/money/decimal.js';
import {OPTION_IDS} from '../../src/model/types.js';
import {
  barText,
  fitHints,
  fitSections,
  HIDDEN_AFTER,
  HIDDEN_BEFORE,
  headerLayout,
  layoutFor,
  listPosition,
  optionColumns,
  packSegments,
  shortOptionLabel,
} from '../../src/tui/layout.js';
import {tabAt} from '../../src/tui/mouse.js';
import {SHORT_VIEW_LABELS, VIEW_LABELS, type ViewId} from '../../src/tui/state/app.js';

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

describe('the header with six tabs (a history and its bill), 30 to 120 columns', () => {
  const views: ViewId[] = ['reconcile', 'history', 'bill', 'rightsize', 'compare', 'estimate'];
  const widths = Array.from({length: 91}, (_, i) => 30 + i);

  it.each(views)(
    '%s open: one line narrower than the terminal, the active tab whole, every shown tab clickable',
    (active) => {
      for (const width of widths) {
        const layout = headerLayout(views, width, active);
        const at = `${active} at ${width}`;
        // Less than the width (ink would wrap a line as wide as the terminal's last column).
        expect(layout.used, at).toBeLessThan(width);
        const shown = layout.tabs.map((tab) => tab.view);
        expect(shown, at).toContain(active);
        // The shown tabs are a run of the tab order, a mark on each side where some are hidden.
        const first = views.indexOf(shown[0]!);
        expect(shown, at).toEqual(views.slice(first, first + shown.length));
        expect(layout.before, at).toBe(first > 0 ? HIDDEN_BEFORE : '');
        expect(layout.after, at).toBe(first + shown.length < views.length ? HIDDEN_AFTER : '');
        let previous = (layout.title?.length ?? 0) + layout.before.length;
        for (const tab of layout.tabs) {
          // The active tab whole; the others whole or short, never cut.
          if (tab.view === active) expect(tab.label, at).toBe(VIEW_LABELS[tab.view]);
          else expect([VIEW_LABELS[tab.view], SHORT_VIEW_LABELS[tab.view]], at).toContain(tab.label);
          expect(tab.to - tab.from + 1, at).toBe(tab.label.length + 2);
          expect(tab.from, at).toBeGreaterThan(previous);
          previous = tab.to;
          for (const x of [tab.from, Math.floor((tab.from + tab.to) / 2), tab.to])
            expect(tabAt(views, x, width, active), `${at}, column ${x}`).toBe(tab.view);
        }
        expect(previous + layout.after.length, at).toBe(layout.used);
        // Nothing else on the row opens a tab, hidden ones included.
        for (let x = 1; x <= width; x++) {
          const under = tabAt(views, x, width, active);
          if (under !== undefined) expect(shown, `${at}, column ${x}`).toContain(under);
          else
            expect(
              layout.tabs.some((tab) => x >= tab.from && x <= tab.to),
              `${at}, column ${x}`,
            ).toBe(false);
        }
      }
    },
  );

  it('gives way in order: title, gaps, short labels, then tabs around the active one', () => {
    const row = (width: number, active: ViewId) => {
      const layout = headerLayout(views, width, active);
      return [
        layout.title ?? '',
        layout.before,
        ...layout.tabs.map((tab, i) => `${layout.title !== null || i > 0 ? layout.gap : ''} ${tab.label} `),
        layout.after,
      ].join('');
    };
    // Worked by hand: the padded labels take 11+9+6+11+9+10 = 56 columns; "fargate-cost" 12.
    expect(row(80, 'reconcile')).toBe('fargate-cost  Reconcile   History   Bill   Rightsize   Compare   Estimate ');
    // 56 + 5 gaps = 61 does not fit 60; short labels (11+6+6+7+6+5 = 41) with gaps of one do.
    expect(row(60, 'reconcile')).toBe(' Reconcile   Hist   Bill   Right   Comp   Est ');
    expect(row(55, 'history')).toBe(' Recon   History   Bill   Right   Comp   Est ');
    // At 40, 41 columns without gaps are too many: Estimate gives way behind ›.
    expect(row(40, 'reconcile')).toBe(' Reconcile  Hist  Bill  Right  Comp ›');
    expect(row(40, 'bill')).toBe(' Recon  Hist  Bill  Right  Comp  Est ');
    expect(row(40, 'estimate')).toBe('‹ Hist  Bill  Right  Comp  Estimate ');
    expect(row(30, 'bill')).toBe('‹ Hist  Bill  Right  Comp ›');
  });
});
