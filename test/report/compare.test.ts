import {describe, expect, it} from 'vitest';
import {plural} from '../../src/report/text.js';
import {compare} from '../../src/app/compare.js';
import {dec} from '../../src/money/decimal.js';
import {compareJson, renderCompare, resample, sparkline} from '../../src/report/compare.js';
import {taskProfile, X86_1_2} from '../analysis/profiles.js';
import {embeddedCatalog} from '../helpers/catalog.js';

const catalog = embeddedCatalog();
const now = new Date('2026-11-24T12:00:00Z');

// 20 days: 1 task always, a second one 12 hours a day.
const hours = Array.from({length: 20 * 24}, (_, h) => (h % 24 < 12 ? 2 : 1));
const result = compare({
  input: {
    kind: 'history',
    description: {kind: 'history', tasks: 40, running: 0, source: 'cluster prod', services: ['web'], batch: []},
    components: [
      {
        name: 'web',
        kind: 'service',
        os: 'linux',
        profile: taskProfile(hours, X86_1_2, {startMs: Date.UTC(2026, 8, 1)}),
        perTaskHour: [1024n * 3_600_000n, 2048n * 3_600_000n],
        spotTolerant: false,
        typicalRunSeconds: null,
        taskHours: null,
        strategy: null,
      },
    ],
  },
  catalog,
  now,
  plans: ['compute-1y-no-upfront', 'compute-3y-no-upfront'],
});

describe('compare report', () => {
  it('draws the cost curve by exact interpolation between breakpoints', () => {
    const curve = result.savingsPlans[0]!.curve;
    const points = resample(curve, 5);
    expect(points.map((p) => p.commitmentPerHour.toString())).toEqual([
      '0',
      '0.019748',
      '0.039496',
      '0.059244',
      '0.078992',
    ]);
    // F is linear between 0 and one task's 0.039496: halfway is the mean of the two ends.
    expect(points[1]!.monthlyCost.toString()).toBe(
      curve[0]!.monthlyCost.plus(points[2]!.monthlyCost).div(2).toString(),
    );
    expect(sparkline([dec(3), dec(1), dec(2)])).toBe('█▁▅');
    expect(sparkline([dec(1), dec(1)])).toBe('▁▁');
  });

  it('renders a history with its look-backs and window', () => {
    const table = renderCompare(result, 'table');
    expect(table).toContain('History: 40 tasks from cluster prod: service web');
    expect(table).toContain('480 hours profiled from 2026-09-01T00:00Z; figures per 730-hour month');
    expect(table).toMatch(/Look-backs \(Cost Explorer style\)/);
    expect(table).toMatch(/plan\s+7 days/);
    expect(table).not.toContain('30 days'); // 20 days of history: only the 7-day look-back fits
    expect(table).toMatch(/Compute SP 1 yr No Upfront\s+\$0\.039\/h 100\.0% \$/);
  });

  it('documents every scenario in JSON with money as strings and a rank', () => {
    const doc = compareJson(result);
    expect(doc.scenarios.map((s) => s.rank)).toEqual(doc.scenarios.map((_, i) => i + 1));
    expect(doc.input.startTime).toBe('2026-09-01T00:00:00.000Z');
    expect(doc.savingsPlans[0]!.lookbacks.map((l) => l.days)).toEqual([7]);
    expect(JSON.stringify(doc)).not.toMatch(
      /"(monthlyCost|upfront|savings|commitmentPerHour|utilization|coverage)":\d/,
    );
  });

  it('renders Markdown and CSV from the same result', () => {
    expect(renderCompare(result, 'markdown')).toMatch(/^\*\*History\*\*: 40 tasks from cluster prod/);
    expect(renderCompare(result, 'markdown')).toContain('| **Total** |  | **');
    const csv = renderCompare(result, 'csv').trim().split('\n');
    expect(csv).toHaveLength(result.scenarios.length + 1);
    expect(csv[1]).toMatch(/^1,/);
  });
});

describe('compare report: an estimate, and a one-hour profile', () => {
  const component = (hoursOfUsage: number[], startMs: number) => ({
    name: 'web',
    kind: 'service' as const,
    os: 'linux' as const,
    profile: taskProfile(hoursOfUsage, X86_1_2, {startMs}),
    perTaskHour: [1024n * 3_600_000n, 2048n * 3_600_000n],
    spotTolerant: false,
    typicalRunSeconds: null,
    taskHours: null,
    strategy: null,
  });

  it('gives an estimate no start time in JSON (its month is a model, not a date)', () => {
    const estimate = compare({
      input: {
        kind: 'estimate',
        description: {kind: 'estimate', tasks: [], shape: {kind: 'always-on', count: 1}},
        components: [component([1, 1], 0)],
      },
      catalog,
      now,
      plans: ['compute-1y-no-upfront'],
    });
    const doc = compareJson(estimate);
    expect([doc.input.startMs, doc.input.startTime]).toEqual([null, null]);
    expect(JSON.stringify(doc)).not.toContain('1970');
  });

  it('says "1 hour", not "1 hours"', () => {
    const history = compare({
      input: {
        kind: 'history',
        description: {kind: 'history', tasks: 1, running: 0, source: 'one hour', services: ['web'], batch: []},
        components: [component([1], Date.UTC(2026, 8, 1))],
      },
      catalog,
      now,
      plans: ['compute-1y-no-upfront'],
    });
    expect(renderCompare(history, 'table')).toContain(
      '  1 hour profiled from 2026-09-01T00:00Z; figures per 730-hour month',
    );
    expect(renderCompare(history, 'markdown')).toContain('(1 hour profiled; per 730-hour month)');
    expect(compareJson(history).assumptions.notes).toContain(
      "monthly figures are the profile's 1 hour scaled to 730 hours; a commitment costs its hourly rate x 730 a month, upfront payments amortized over the term",
    );
    expect(compareJson(history).assumptions.notes.join('\n')).toContain(
      'the history covers 0.0 days (1 hour), too short for the 7-day, 30-day and 60-day look-backs',
    );
  });
});

describe('counts in words', () => {
  it('have thousands separators: "100,000 tasks", not "100000 tasks"', () => {
    expect(plural(100_000, 'task')).toBe('100,000 tasks');
    expect(plural(1, 'task')).toBe('1 task');
    expect(plural(2, 'retry', 'retries')).toBe('2 retries');
  });
});
