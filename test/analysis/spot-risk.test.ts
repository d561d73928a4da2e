import {describe, expect, it} from 'vitest';
import {
  DEFAULT_INTERRUPTIONS_PER_TASK_HOUR,
  expectedInterruptions,
  expectedSpotCost,
  measuredInterruptionRate,
  riskParameters,
  spotRiskFor,
} from '../../src/analysis/spot-risk.js';
import {dec} from '../../src/money/decimal.js';

describe('Spot risk: where the figures come from', () => {
  it('uses the defaults without history or flags, and says so', () => {
    const p = riskParameters({});
    expect([
      p.interruptionsPerTaskHour.toString(),
      p.interruptionSource,
      p.imagePullSeconds.toString(),
      p.imagePullSource,
    ]).toEqual(['0.001', 'default', '60', 'default']);
    expect(p.evidence).toBeNull();
  });

  it('measures interruptions per Spot task-hour from a history', () => {
    expect(measuredInterruptionRate(3, dec(1500))!.toString()).toBe('0.002');
    expect(measuredInterruptionRate(3, dec(0))).toBeUndefined();
    const p = riskParameters({history: {interruptions: 3, spotTaskHours: dec(1500)}, measuredPullSeconds: dec('42.5')});
    expect([
      p.interruptionsPerTaskHour.toString(),
      p.interruptionSource,
      p.imagePullSeconds.toString(),
      p.imagePullSource,
    ]).toEqual(['0.002', 'history', '42.5', 'history']);
    expect(p.evidence).toEqual({interruptions: 3, spotTaskHours: dec(1500)});
  });

  it('lets --interruption-rate win over the history', () => {
    const p = riskParameters({flagRate: dec('0.01'), history: {interruptions: 3, spotTaskHours: dec(1500)}});
    expect([p.interruptionsPerTaskHour.toString(), p.interruptionSource]).toEqual(['0.01', 'flag']);
  });

  it('falls back to the default when the history has no Spot task-hours', () => {
    expect(riskParameters({history: {interruptions: 0, spotTaskHours: dec(0)}}).interruptionsPerTaskHour).toBe(
      DEFAULT_INTERRUPTIONS_PER_TASK_HOUR,
    );
  });
});

describe('Spot risk: interruption arithmetic', () => {
  const p = riskParameters({flagRate: dec('0.002')});

  it('services re-bill only the image pull: 0.002 x 60 s = 0.12 s per task-hour', () => {
    const risk = spotRiskFor(p, 'service');
    expect([
      risk.lostWorkSeconds.toString(),
      risk.overheadSeconds.toString(),
      risk.overheadSecondsPerTaskHour.toString(),
    ]).toEqual(['0', '60', '0.12']);
    // $100 of Spot: 100 x 0.12 / 3600 = 0.003333...
    expect(expectedSpotCost(dec(100), risk).overhead.toString()).toBe(dec(12).div(3600).toString());
  });

  it('batch loses half a typical run: 60 s pull + 300 s of a 10-minute job = 360 s, 0.02% of the Spot bill at 0.002/task-hour', () => {
    const risk = spotRiskFor(p, 'batch', {typicalRunSeconds: dec(600)});
    expect([risk.lostWorkSeconds.toString(), risk.overheadSeconds.toString(), risk.overheadRatio.toString()]).toEqual([
      '300',
      '360',
      '0.0002',
    ]);
    const cost = expectedSpotCost(dec('11.4750525'), risk);
    expect(cost.overhead.toString()).toBe('0.0022950105'); // 11.4750525 x 0.002 x 360 / 3600
    expect(cost.expected.toString()).toBe('11.4773475105');
  });

  it('takes --lost-work over the defaults', () => {
    const risk = spotRiskFor(p, 'batch', {typicalRunSeconds: dec(600), lostWorkSeconds: dec(1800)});
    expect([risk.lostWorkSeconds.toString(), risk.lostWorkSource, risk.overheadSeconds.toString()]).toEqual([
      '1800',
      'flag',
      '1860',
    ]);
  });

  it('counts expected interruptions over task-hours', () => {
    expect(expectedInterruptions(dec(2190), spotRiskFor(p, 'service')).toString()).toBe('4.38'); // 3 tasks x 730 h x 0.002
  });
});
