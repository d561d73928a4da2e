import {describe, expect, it} from 'vitest';
import {
  chooseSize,
  coverageOf,
  createUsageCollector,
  nearestRank,
  percentilesOf,
} from '../../src/analysis/rightsize.js';
import {DEFAULT_RULE} from '../../src/app/rightsize.js';
import {D} from '../../src/money/decimal.js';
import type {UsageSample} from '../../src/model/rightsize.js';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 1);

function sample(minute: number, extra: Partial<UsageSample> = {}): UsageSample {
  return {
    region: 'us-east-1',
    cluster: 'prod',
    service: 'web',
    family: 'web',
    taskId: 't1',
    timestampMs: T0 + minute * MINUTE,
    cpuUtilized: 100,
    cpuReserved: 1024,
    memoryUtilized: 500,
    memoryReserved: 2048,
    tasks: 1,
    ...extra,
  };
}

describe('nearest-rank percentiles', () => {
  it('are the smallest value with at least p% at or below it', () => {
    // 1..100: p50 is the 50th value, p99 the 99th.
    const values = Float64Array.from({length: 100}, (_, i) => 100 - i);
    expect(percentilesOf(values)).toEqual({p50: 50, p90: 90, p95: 95, p99: 99, max: 100});
  });
  it('round the rank up: of 10 values, p95 and p99 are the 10th', () => {
    const sorted = Float64Array.from({length: 10}, (_, i) => i + 1);
    expect(nearestRank(sorted, 95)).toBe(10);
    expect(nearestRank(sorted, 50)).toBe(5);
    expect(nearestRank(sorted, 51)).toBe(6);
  });
  it('of one value, every percentile is that value', () => {
    expect(percentilesOf(Float64Array.of(7.5))).toEqual({p50: 7.5, p90: 7.5, p95: 7.5, p99: 7.5, max: 7.5});
  });
});

describe('chooseSize', () => {
  const current = {cpu: 2048, memory: 8192};
  const base = {headroom: new D('0.2'), current, os: 'linux' as const, thin: false};

  it('takes the smallest size holding use x (1 + headroom)', () => {
    // 199 x 1.2 = 238.8 CPU units, 2318 x 1.2 = 2781.6 MiB: 0.25 vCPU tops out at 2 GB, so 0.5 vCPU / 3 GB.
    const choice = chooseSize({...base, judged: {cpu: 199, memory: 2318}});
    expect(choice).toMatchObject({recommended: {cpu: 512, memory: 3072}, reason: 'shrink'});
    expect(choice.required.cpu.toString()).toBe('238.8');
    expect(choice.required.memory.toString()).toBe('2781.6');
  });
  it('holds a size exactly at the headroom (compared exactly, not in floats)', () => {
    // 409.6 x 1.25 = 512 exactly (409.6 * 1.25 in floats is also 512, but 426.67 x 1.2 is not: see the next case).
    expect(chooseSize({...base, headroom: new D('0.25'), judged: {cpu: 409.6, memory: 819.2}}).recommended).toEqual({
      cpu: 512,
      memory: 1024,
    });
    // 0.1 + 0.2 style: 853.3333 MiB x 1.2 = 1023.99996, under 1 GB; 853.34 x 1.2 = 1024.008, over.
    expect(chooseSize({...base, judged: {cpu: 100, memory: 853.3333}}).recommended).toEqual({cpu: 256, memory: 1024});
    expect(chooseSize({...base, judged: {cpu: 100, memory: 853.34}}).recommended).toEqual({cpu: 256, memory: 2048});
    // Memory of exactly 1706.6666…: 2048 / 1.2 is not a finite decimal; 1706.6 x 1.2 = 2047.92 fits 2 GB.
    expect(chooseSize({...base, judged: {cpu: 200, memory: 1706.6}}).recommended).toEqual({cpu: 256, memory: 2048});
  });
  it('judges memory by what it is given (the maximum): one byte over a size moves to the next', () => {
    // 2560 x 1.2 = 3072 exactly: 0.5 vCPU / 3 GB. 2560.1 x 1.2 = 3072.12: 4 GB.
    expect(chooseSize({...base, judged: {cpu: 100, memory: 2560}}).recommended).toEqual({cpu: 512, memory: 3072});
    expect(chooseSize({...base, judged: {cpu: 100, memory: 2560.1}}).recommended).toEqual({cpu: 512, memory: 4096});
  });
  it('keeps the current size when it is already the smallest', () => {
    expect(chooseSize({...base, current: {cpu: 256, memory: 512}, judged: {cpu: 10, memory: 100}})).toMatchObject({
      recommended: {cpu: 256, memory: 512},
      reason: 'keep',
    });
  });
  it('keeps (tight) a size the use fits without the full headroom: never grows unless use exceeds it', () => {
    // 1945.6 MiB of 2048 (95%): x 1.2 = 2334.72 > 2048, but 1945.6 <= 2048.
    expect(
      chooseSize({...base, current: {cpu: 1024, memory: 2048}, judged: {cpu: 89.5, memory: 1945.6}}),
    ).toMatchObject({recommended: {cpu: 1024, memory: 2048}, reason: 'tight'});
  });
  it('grows when the use itself exceeds the reservation', () => {
    expect(chooseSize({...base, current: {cpu: 256, memory: 512}, judged: {cpu: 300, memory: 400}})).toMatchObject({
      recommended: {cpu: 512, memory: 1024},
      reason: 'grow',
    });
  });
  it('shows the largest size when nothing holds the use', () => {
    expect(
      chooseSize({...base, current: {cpu: 16384, memory: 122880}, judged: {cpu: 20000, memory: 1000}}),
    ).toMatchObject({recommended: {cpu: 16384, memory: 122880}, reason: 'exceeds-largest'});
  });
  it('never shrinks on thin data', () => {
    expect(chooseSize({...base, thin: true, judged: {cpu: 199, memory: 2318}})).toMatchObject({
      recommended: current,
      reason: 'thin-data',
    });
    // …but grows on it.
    expect(
      chooseSize({...base, thin: true, current: {cpu: 256, memory: 512}, judged: {cpu: 300, memory: 400}}),
    ).toMatchObject({reason: 'grow'});
  });
  it('offers Windows only its sizes (1 vCPU at least)', () => {
    expect(
      chooseSize({...base, os: 'windows', current: {cpu: 4096, memory: 8192}, judged: {cpu: 100, memory: 500}}),
    ).toMatchObject({recommended: {cpu: 1024, memory: 2048}, reason: 'shrink'});
  });
});

describe('coverage', () => {
  const rule = DEFAULT_RULE;
  const groupOf = (samples: UsageSample[]) => {
    const collector = createUsageCollector();
    for (const s of samples) collector.add(s);
    return collector.finish()[0]!;
  };

  it('7 days of minutes, none missing, is not thin; the average task count is samples / expected minutes', () => {
    const samples = [];
    for (let m = 0; m < 7 * 1440; m++) samples.push(sample(m), sample(m, {taskId: 't2'}));
    const c = coverageOf(groupOf(samples), rule);
    expect(c).toMatchObject({samples: 20160, tasks: 2, expectedPoints: 10080, observedPoints: 10080, thin: []});
    expect(c.averageTasks.toString()).toBe('2');
    expect(c.toMs - c.fromMs).toBe(7 * 86_400_000);
  });
  it('a minute short of 7 days is thin (short-span)', () => {
    const samples = Array.from({length: 7 * 1440 - 1}, (_, m) => sample(m));
    expect(coverageOf(groupOf(samples), rule).thin).toEqual(['short-span']);
  });
  it('more than 10% of the minutes missing is thin (gaps); exactly 10% is not', () => {
    // 8 days = 11,520 minutes; keep 10,368 (10% missing, spread so no gap is long).
    const keep = Array.from({length: 11520}, (_, m) => m).filter((m) => m % 10 !== 5);
    expect(keep.length).toBe(10368);
    expect(coverageOf(groupOf(keep.map((m) => sample(m))), rule).thin).toEqual([]);
    const more = keep.filter((m) => m !== 3);
    expect(coverageOf(groupOf(more.map((m) => sample(m))), rule).thin).toEqual(['gaps']);
  });
  it('one gap over 6 hours is thin, even under 10% missing', () => {
    const minutes = Array.from({length: 11520}, (_, m) => m).filter((m) => m < 1000 || m >= 1000 + 361);
    const c = coverageOf(groupOf(minutes.map((m) => sample(m))), rule);
    expect(c.longestGapMs).toBe(361 * MINUTE);
    expect(c.thin).toEqual(['gaps']);
    // 360 minutes is not over 6 hours.
    const six = Array.from({length: 11520}, (_, m) => m).filter((m) => m < 1000 || m >= 1000 + 360);
    expect(coverageOf(groupOf(six.map((m) => sample(m))), rule).thin).toEqual([]);
  });
  it('groups by service where named, else by family, and by cluster and region', () => {
    const collector = createUsageCollector();
    collector.add(sample(0));
    collector.add(sample(0, {service: null, family: 'web'}));
    collector.add(sample(0, {cluster: 'stage'}));
    collector.add(sample(0, {region: 'eu-west-1'}));
    expect(collector.finish().map((g) => [g.name.region, g.name.cluster, g.name.by, g.name.name])).toEqual([
      ['eu-west-1', 'prod', 'service', 'web'],
      ['us-east-1', 'prod', 'family', 'web'],
      ['us-east-1', 'prod', 'service', 'web'],
      ['us-east-1', 'stage', 'service', 'web'],
    ]);
  });
  it('takes the latest reservation as current and keeps the others', () => {
    const group = groupOf([sample(5, {cpuReserved: 512, memoryReserved: 1024}), sample(9), sample(1)]);
    expect(group.current).toEqual({cpu: 1024, memory: 2048});
    expect(group.otherReservations).toEqual([{cpu: 512, memory: 1024}]);
  });
});
