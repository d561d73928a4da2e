import {readFileSync} from 'node:fs';
import {gunzipSync} from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {rightsize} from '../../src/app/rightsize.js';
import {ProblemError} from '../../src/model/problems.js';
import type {UsageSample} from '../../src/model/rightsize.js';
import {parsePerformanceEvents} from '../../src/sources/insights/events.js';
import {embeddedCatalog} from '../helpers/catalog.js';

/**
 * Rates (embedded catalog, us-east-1), and every figure below worked by hand from them: On-Demand Linux
 * x86 vCPU 0.04048, GB 0.004445; arm64 vCPU 0.03238, GB 0.00356; Spot x86 vCPU 0.01288871, GB
 * 0.00141527; Windows vCPU 0.046552, GB 0.00511175, licence 0.046 a vCPU-hour.
 */

const catalog = embeddedCatalog();
const NOW = new Date('2026-12-01T00:00:00Z');
const T0 = Date.UTC(2026, 10, 1);

function steady(days: number, extra: Partial<UsageSample> = {}, tasks = 1): UsageSample[] {
  const samples: UsageSample[] = [];
  for (let m = 0; m < days * 1440; m++) {
    for (let t = 0; t < tasks; t++) {
      samples.push({
        region: 'us-east-1',
        cluster: 'prod',
        service: 'svc',
        family: 'svc',
        taskId: `task-${t}`,
        timestampMs: T0 + m * 60_000,
        cpuUtilized: 100,
        cpuReserved: 2048,
        memoryUtilized: 500,
        memoryReserved: 4096,
        tasks: 1,
        ...extra,
      });
    }
  }
  return samples;
}

const fixture = () =>
  parsePerformanceEvents(
    gunzipSync(readFileSync('test/fixtures/insights/events.ndjson.gz')).toString('utf8'),
    'events.ndjson.gz',
  );

describe('rightsize on the fixture (test/fixtures/insights/README.md works each by hand)', () => {
  const parsed = fixture();
  const result = rightsize({samples: parsed.samples, catalog, now: NOW, skipped: parsed.skipped});
  const byName = (name: string) => result.recommendations.find((r) => r.name.name === name)!;

  it('skips the EC2 task and the Service event, and counts them', () => {
    expect(parsed.skipped).toEqual({'other-type': 1, 'not-fargate': 1, 'not-fargate-size': 0});
    expect(parsed.samples.length).toBe(2 * 11520 + 11520 + 2880);
  });
  it('web (~10% CPU, ~28% memory) shrinks from 2 vCPU / 8 GB to 0.5 vCPU / 3 GB, saving $121.0997 a month', () => {
    const web = byName('web');
    expect(web.cpu).toEqual({p50: 159.5, p90: 191.5, p95: 195.5, p99: 199, max: 199.5});
    expect(web.memory).toEqual({p50: 2158, p90: 2286, p95: 2302, p99: 2316, max: 2318});
    expect(web.recommended).toEqual({cpu: 512, memory: 3072});
    expect(web.reason).toBe('shrink');
    expect(web.coverage.averageTasks.toString()).toBe('2');
    expect(web.currentPrice.hourly.toString()).toBe('0.11652');
    expect(web.recommendedPrice.hourly.toString()).toBe('0.033575');
    expect(web.currentPrice.monthly.toString()).toBe('170.1192');
    expect(web.recommendedPrice.monthly.toString()).toBe('49.0195');
    expect(web.monthlySaving.toString()).toBe('121.0997');
    expect(web.arm64!.priced.monthly.toString()).toBe('39.2302');
    expect(web.arm64!.extraSaving.toString()).toBe('9.7893');
    expect(web.arm64!.monthlySaving.toString()).toBe('130.889');
  });
  it('api (memory peaks at 95%) keeps 1 vCPU / 2 GB: nothing smaller holds 1945.6 MiB x 1.2', () => {
    const api = byName('api');
    expect(api.memory.max).toBe(1945.6);
    expect(api.recommended).toEqual({cpu: 1024, memory: 2048});
    expect(api.reason).toBe('tight');
    expect(api.monthlySaving.toString()).toBe('0');
  });
  it('nightly (a family, 2 days) would fit 0.5 vCPU / 2 GB but keeps 4 vCPU / 8 GB on thin data', () => {
    const nightly = byName('nightly');
    expect(nightly.name.by).toBe('family');
    expect(nightly.coverage.thin).toEqual(['short-span']);
    expect(nightly.required.cpu.toString()).toBe('429.6');
    expect(nightly.required.memory.toString()).toBe('1772.4');
    expect(nightly.recommended).toEqual({cpu: 4096, memory: 8192});
    expect(nightly.reason).toBe('thin-data');
  });
  it('totals the saving', () => {
    expect(result.totals.monthlySaving.toString()).toBe('121.0997');
  });
});

describe('rightsize pricing', () => {
  it('prices the mix a strategy gives: FARGATE base 1, the rest Spot, over 2 tasks is half and half', () => {
    const parsed = fixture();
    const result = rightsize({
      samples: parsed.samples.filter((s) => s.service === 'web'),
      catalog,
      now: NOW,
      strategy: [
        {provider: 'FARGATE', base: 1, weight: 0},
        {provider: 'FARGATE_SPOT', base: 0, weight: 1},
      ],
    });
    const web = result.recommendations[0]!;
    expect(web.mix.onDemand.toString()).toBe('0.5');
    expect(web.mix.spot.toString()).toBe('0.5');
    // Current: (0.11652 + 2 x 0.01288871 + 8 x 0.00141527) / 2 = 0.07680979; x 2 tasks x 730 h.
    expect(web.currentPrice.hourly.toString()).toBe('0.07680979');
    expect(web.currentPrice.monthly.toString()).toBe('112.1422934');
    // Recommended: (0.033575 + 0.5 x 0.01288871 + 3 x 0.00141527) / 2 = 0.0221325825.
    expect(web.recommendedPrice.monthly.toString()).toBe('32.31357045');
    expect(web.monthlySaving.toString()).toBe('79.82872295');
  });
  it('Windows: its own sizes and rates, and no arm64', () => {
    const result = rightsize({samples: steady(7), catalog, now: NOW, os: 'windows'});
    const r = result.recommendations[0]!;
    expect(r.recommended).toEqual({cpu: 1024, memory: 2048});
    // 2 x 0.046552 + 4 x 0.00511175 + 2 x 0.046 = 0.205551; 0.046552 + 2 x 0.00511175 + 0.046 = 0.1027755.
    expect(r.currentPrice.hourly.toString()).toBe('0.205551');
    expect(r.recommendedPrice.hourly.toString()).toBe('0.1027755');
    expect(r.monthlySaving.toString()).toBe('75.026115');
    expect(r.arm64).toBeNull();
    expect(r.arm64Unavailable).toBe('windows');
  });
  it('arm64: tasks already on arm64 get no second recommendation, and are priced at arm64 rates', () => {
    const r = rightsize({samples: steady(7), catalog, now: NOW, arch: 'arm64'}).recommendations[0]!;
    expect(r.arm64Unavailable).toBe('already-arm64');
    // 0.25 vCPU / 1 GB on arm64: 0.25 x 0.03238 + 0.00356 = 0.011655.
    expect(r.recommended).toEqual({cpu: 256, memory: 1024});
    expect(r.recommendedPrice.hourly.toString()).toBe('0.011655');
  });
  it('a Windows strategy with Spot is a problem, named', () => {
    expect(() =>
      rightsize({
        samples: steady(7),
        catalog,
        now: NOW,
        os: 'windows',
        strategy: [{provider: 'FARGATE_SPOT', base: 0, weight: 1}],
      }),
    ).toThrow(ProblemError);
  });
  it('samples without a region take the default, and none at all is a problem', () => {
    const samples = steady(1, {region: null});
    expect(rightsize({samples, catalog, now: NOW, defaultRegion: 'eu-west-1'}).recommendations[0]!.name.region).toBe(
      'eu-west-1',
    );
    expect(() => rightsize({samples, catalog, now: NOW})).toThrow(
      expect.objectContaining({problem: {kind: 'rightsize-no-region', name: 'svc'}}),
    );
  });
  it('no samples is a problem carrying what was skipped', () => {
    expect(() => rightsize({samples: [], catalog, now: NOW, skipped: {'not-fargate': 3}})).toThrow(
      expect.objectContaining({problem: {kind: 'nothing-to-rightsize', skipped: {'not-fargate': 3}}}),
    );
  });
});
