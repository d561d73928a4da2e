import fc from 'fast-check';
import {estimateJson} from '../../src/report/estimate.js';
import {optionWords} from '../../src/report/text.js';
import {describe, expect, it} from 'vitest';
import {estimate, type EstimateRequest} from '../../src/app/estimate.js';
import {sum} from '../../src/money/decimal.js';
import {workloadFromFlags} from '../../src/model/schedule.js';
import type {SizeOverrides} from '../../src/model/task.js';
import {OPTION_IDS, type OptionId, type TaskSize} from '../../src/model/types.js';
import {handGivenSpec} from '../../src/sizing/resolve.js';
import {validSizes} from '../../src/sizing/sizes.js';
import {editedCatalog, embeddedCatalog} from '../helpers/catalog.js';

const catalog = embeddedCatalog();
const now = new Date('2026-11-24T12:00:00Z');

function run(
  size: Partial<TaskSize> & {cpuUnits: number; memoryMiB: number},
  flags: Parameters<typeof workloadFromFlags>[0] = {},
  extra: Partial<EstimateRequest> = {},
) {
  const overrides: SizeOverrides = size;
  return estimate({
    specs: [handGivenSpec(overrides)],
    overrides,
    region: 'us-east-1',
    environmentRegion: undefined,
    workload: workloadFromFlags(flags),
    catalog,
    now,
    ...extra,
  });
}

const cost = (result: ReturnType<typeof run>, id: OptionId) =>
  result.options.find((option) => option.id === id)?.monthlyCost?.toString();
const lines = (result: ReturnType<typeof run>, id: OptionId) =>
  result.options
    .find((option) => option.id === id)!
    .lines.map((line) => [line.usageType, line.quantity.toString(), line.cost.toString()]);

describe('estimate: billing rules against hand-computed values (us-east-1)', () => {
  it("matches infracost's published figures for an always-on 1 vCPU / 2 GB task", () => {
    const result = run({cpuUnits: 1024, memoryMiB: 2048});
    expect(lines(result, 'on-demand')).toEqual([
      ['USE1-Fargate-vCPU-Hours:perCPU', '730', '29.5504'],
      ['USE1-Fargate-GB-Hours', '1460', '6.4897'],
    ]);
    expect(cost(result, 'on-demand')).toBe('36.0401');
  });

  it.each([
    // [what, size, schedule flags, expected On-Demand monthly cost, how it is computed]
    ['arm64', {cpuUnits: 2048, memoryMiB: 4096, arch: 'arm64'}, {}, '57.67', '1460 x 0.03238 + 2920 x 0.00356'],
    [
      'storage above 20 GiB',
      {cpuUnits: 1024, memoryMiB: 2048, storageGiB: 50},
      {},
      '38.471',
      '36.0401 + 30 GiB x 730 h x 0.000111',
    ],
    [
      'Windows with the licence',
      {cpuUnits: 2048, memoryMiB: 4096, os: 'windows'},
      {},
      '150.05223',
      '1460 x (0.046552 + 0.046) + 2920 x 0.00511175',
    ],
    [
      'a schedule: 3 tasks, 10 min, 24 a day',
      {cpuUnits: 1024, memoryMiB: 2048},
      {count: '3', duration: '10m', runs: '24/day'},
      '18.02005',
      '365 vCPU-h x 0.04048 + 730 GB-h x 0.004445',
    ],
    [
      'short runs billed at the 60 s minimum',
      {cpuUnits: 256, memoryMiB: 512},
      {duration: '20s', runs: '1200'},
      '0.24685',
      '5 vCPU-h x 0.04048 + 10 GB-h x 0.004445',
    ],
    [
      'durations rounded up to the second',
      {cpuUnits: 1024, memoryMiB: 2048},
      {duration: '90500ms', runs: '3600'},
      '4.49267',
      '91 s x 3600 runs',
    ],
    [
      'the Windows 5-minute minimum',
      {cpuUnits: 1024, memoryMiB: 2048, os: 'windows'},
      {duration: '61s', runs: '1200'},
      '10.27755',
      '100 vCPU-h x 0.092552 + 200 GB-h x 0.00511175',
    ],
    [
      'a 720-hour month',
      {cpuUnits: 1024, memoryMiB: 2048},
      {month: '30d'},
      '35.5464',
      '720 x 0.04048 + 1440 x 0.004445',
    ],
  ] as const)('%s', (_what, size, flags, expected, _how) => {
    expect(cost(run(size, flags), 'on-demand')).toBe(expected);
  });

  it('reports the billed seconds per run and says how they were reached', () => {
    const result = run({cpuUnits: 256, memoryMiB: 512}, {duration: '20s', runs: '1200'});
    expect(result.tasks[0]!.billedSecondsPerRun).toBe(60);
    expect(estimateJson(result).assumptions.notes[0]).toMatch(/each run is billed 60 s/);
  });

  it('prices Fargate Spot from the dated Spot rates and Savings Plans at full coverage', () => {
    const result = run({cpuUnits: 1024, memoryMiB: 2048});
    expect(cost(result, 'spot')).toBe('11.4750525');
    expect(cost(result, 'savings-plan-compute-1y-no-upfront')).toBe('28.83208');
    expect(result.assumptions.rateDates.spot).toBe('2026-09-28');
  });

  it('shows Spot as unavailable for Windows, with the reason, and keeps the other options', () => {
    const result = run({cpuUnits: 1024, memoryMiB: 2048, os: 'windows'});
    const spot = result.options.find((option) => option.id === 'spot')!;
    expect(spot.available).toBe(false);
    expect(spot.gap).toEqual({kind: 'windows-spot'});
    expect(optionWords(spot).reason).toMatch(/Linux tasks only/);
    expect(result.options.filter((option) => option.available)).toHaveLength(7);
    expect(result.options.at(-1)!.id).toBe('spot');
  });

  it('totals several task definitions, each priced in its own region', () => {
    const a = handGivenSpec({cpuUnits: 1024, memoryMiB: 2048});
    const b = {...handGivenSpec({cpuUnits: 512, memoryMiB: 1024}), name: 'b', region: 'eu-central-1'};
    const result = estimate({
      specs: [a, b],
      overrides: {},
      region: undefined,
      environmentRegion: undefined,
      workload: workloadFromFlags({}),
      catalog,
      now,
    });
    expect(result.tasks.map((task) => [task.name, task.region, task.regionOrigin])).toEqual([
      ['task', 'us-east-1', 'default'],
      ['b', 'eu-central-1', 'task definition'],
    ]);
    // eu-central-1: 365 x 0.04656 + 730 x 0.00511 = 16.9944 + 3.7303
    const total = result.options.find((option) => option.id === 'on-demand')!;
    expect(total.monthlyCost!.toString()).toBe('56.7648');
  });

  it('warns when the catalog is older than 90 days and names it', () => {
    const result = run({cpuUnits: 1024, memoryMiB: 2048}, {}, {now: new Date('2027-03-01T00:00:00Z')});
    expect(result.assumptions.catalog.ageDays).toBe(97);
    expect(estimateJson(result).assumptions.warnings[0]).toMatch(/the price catalog is 97 days old/);
  });

  it('counts estimated rates among those used', () => {
    const result = run({cpuUnits: 1024, memoryMiB: 2048});
    expect(estimateJson(result).assumptions.warnings).toContainEqual(
      // Only the 2 On-Demand rates are published (the 2025-08 offer); Spot (2) and the Savings Plan
      // rates (6 from the unchecked note, 6 derived) are estimated: data/sources/README.md.
      expect.stringMatching(/^14 of 16 rates used are estimated/),
    );
  });

  it('keeps Savings Plans available but Spot missing when a catalog lacks Spot rates', () => {
    const noSpot = editedCatalog((json) => {
      json.regions['us-east-1']!.spot = {};
    });
    const result = run({cpuUnits: 1024, memoryMiB: 2048}, {}, {catalog: noSpot});
    expect(optionWords(result.options.find((option) => option.id === 'spot')!).reason).toBe(
      'the catalog has no Fargate Spot rate for linux-x86_64-vcpu in us-east-1',
    );
  });
});

describe('estimate: properties', () => {
  const linux = validSizes('linux');
  const regionsWithSpot = catalog.regions.filter(
    (region) =>
      catalog.rate(region, 'spot', 'linux-x86_64-vcpu') && catalog.rate(region, 'spot', 'linux-x86_64-memory'),
  );
  // The regions with rates: the snapshot also lists regions Fargate runs in that no source priced yet.
  const pricedRegions = catalog.regions.filter((region) => catalog.rate(region, 'on-demand', 'linux-x86_64-vcpu'));
  const sizeArb = fc.constantFrom(...linux);
  const durationArb = fc.integer({min: 1, max: 48 * 3600});

  it('total = sum of its lines, for every option', () => {
    fc.assert(
      fc.property(
        sizeArb,
        fc.constantFrom(...pricedRegions),
        fc.integer({min: 20, max: 40}),
        (size, region, storageGiB) => {
          fc.pre(storageGiB === 20 || catalog.rate(region, 'on-demand', 'storage') !== undefined);
          const result = run({...size, storageGiB}, {}, {region});
          for (const option of result.options.filter((o) => o.available)) {
            expect(option.monthlyCost!.toString()).toBe(sum(option.lines.map((line) => line.cost)).toString());
          }
        },
      ),
      {numRuns: 60},
    );
  });

  it('cost grows with size', () => {
    fc.assert(
      fc.property(sizeArb, sizeArb, (a, b) => {
        fc.pre(a.cpuUnits <= b.cpuUnits && a.memoryMiB <= b.memoryMiB);
        expect(
          run(a)
            .options.find((o) => o.id === 'on-demand')!
            .monthlyCost!.lte(run(b).options.find((o) => o.id === 'on-demand')!.monthlyCost!),
        ).toBe(true);
      }),
      {numRuns: 80},
    );
  });

  it('cost grows with duration, and never drops below the minimum', () => {
    fc.assert(
      fc.property(
        sizeArb,
        durationArb,
        durationArb,
        fc.constantFrom<'linux' | 'windows'>('linux', 'windows'),
        (size, d1, d2, os) => {
          const fit = os === 'windows' ? validSizes('windows')[0]! : size;
          const [short, long] = d1 <= d2 ? [d1, d2] : [d2, d1];
          const price = (seconds: number) =>
            run({...fit, os}, {duration: `${seconds}s`, runs: '10'}).options.find((o) => o.id === 'on-demand')!
              .monthlyCost!;
          expect(price(short).lte(price(long))).toBe(true);
          expect(price(1).eq(price(os === 'windows' ? 300 : 60))).toBe(true);
        },
      ),
      {numRuns: 60},
    );
  });

  it('Spot costs less than On-Demand wherever the catalog has Spot rates', () => {
    fc.assert(
      fc.property(sizeArb, fc.constantFrom(...regionsWithSpot), (size, region) => {
        const result = run(size, {}, {region});
        const spot = result.options.find((o) => o.id === 'spot')!;
        expect(spot.monthlyCost!.lt(result.options.find((o) => o.id === 'on-demand')!.monthlyCost!)).toBe(true);
      }),
      {numRuns: 80},
    );
  });

  it('a 3-year plan costs less than the 1-year plan of the same payment, and every plan less than On-Demand', () => {
    fc.assert(
      fc.property(
        sizeArb,
        fc.constantFrom(...pricedRegions),
        fc.constantFrom('no', 'partial', 'all'),
        fc.constantFrom<'x86_64' | 'arm64'>('x86_64', 'arm64'),
        (size, region, payment, arch) => {
          const result = run({...size, arch}, {}, {region});
          const get = (id: string) => result.options.find((o) => o.id === id)!.monthlyCost!;
          expect(
            get(`savings-plan-compute-3y-${payment}-upfront`).lt(get(`savings-plan-compute-1y-${payment}-upfront`)),
          ).toBe(true);
          expect(get(`savings-plan-compute-1y-${payment}-upfront`).lt(get('on-demand'))).toBe(true);
        },
      ),
      {numRuns: 80},
    );
  });

  it('lists every option exactly once', () => {
    expect(
      run({cpuUnits: 256, memoryMiB: 512})
        .options.map((o) => o.id)
        .sort(),
    ).toEqual([...OPTION_IDS].sort());
  });
});
