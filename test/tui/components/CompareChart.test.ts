import {describe, expect, it} from 'vitest';
import type {CurvePoint} from '../../../src/model/compare.js';
import {dec} from '../../../src/money/decimal.js';
import {curveTop, monthlyLabels} from '../../../src/tui/components/CompareChart.js';

const point = (commitment: string, monthly: string): CurvePoint => ({
  commitmentPerHour: dec(commitment),
  monthlyCost: dec(monthly),
  utilization: null,
  coverage: null,
});

describe("the cost curve's y labels", () => {
  it('tops with the no-commitment cost plus the Spot re-runs when that end is the dearer', () => {
    // $100 with no commitment, $90 at the peak ($1/h): the $0 end is the top; + $0.255 of re-runs = $100.255.
    const top = curveTop([point('0', '100'), point('1', '90')], 730, dec('0.255'));
    expect(top.cost.toString()).toBe('100.255');
    expect(top.at).toBeNull();
    expect(monthlyLabels(3, top.cost, dec('89.5'), top.at)).toEqual(['$100.26', 'a month', '▲ $89.50']);
  });

  it("says where the top is when the slider's end is the dearer", () => {
    // $150 at the peak of $1.0004/h; the slider ends at $1.001/h, $0.0006 x 730 = $0.438 more: $150.438 + $1 re-runs.
    const top = curveTop([point('0', '100'), point('1.0004', '150')], 730, dec('1'));
    expect(top.cost.toString()).toBe('151.438');
    expect(top.at?.toString()).toBe('1.001');
    expect(monthlyLabels(2, top.cost, dec('99'), top.at)).toEqual(['$151.44 at $1.001/h', '▲ $99.00']);
  });
});
