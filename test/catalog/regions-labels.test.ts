import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {embeddedCatalogJson} from '../helpers/catalog.js';
import {runCli} from '../helpers/cli.js';
import {staleBefore} from '../../src/pricing/rates.js';
import {staleLabel, staleMonth} from '../../src/report/stale.js';

// The Fargate regions of AWS's "Supported Regions for Amazon ECS on AWS Fargate" (Linux) as read
// 2026-12-06 (China left out: CNY, another partition), typed here by hand from the page.
const AWS_LISTED = [
  'us-east-2',
  'us-east-1',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'ca-west-1',
  'mx-central-1',
  'af-south-1',
  'ap-east-1',
  'ap-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-7',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'sa-east-1',
  'us-gov-east-1',
  'us-gov-west-1',
];

describe('the embedded snapshot: every Fargate region', () => {
  const catalog = embeddedCatalogJson();

  it('lists every region AWS lists for Fargate, with its billing prefix', () => {
    expect(Object.keys(catalog.regions).sort()).toEqual([...AWS_LISTED].sort());
    // From AWS's "Region billing codes" page: ca-west-1 is CAN2 (not CAW1), ap-south-2 APS5, ap-southeast-7 APS9.
    expect(catalog.regions['ca-west-1']!.usageTypePrefix).toBe('CAN2');
    expect(catalog.regions['ap-south-2']!.usageTypePrefix).toBe('APS5');
    expect(catalog.regions['ap-southeast-7']!.usageTypePrefix).toBe('APS9');
    expect(catalog.regions['mx-central-1']!.usageTypePrefix).toBe('MXC1');
  });

  it('says where each region and prefix came from', () => {
    const sources = JSON.parse(readFileSync('data/sources/secondary.json', 'utf8')) as {
      regions: {code: string; listedBy: string; prefixFrom: string}[];
      regionSources: Record<string, string>;
    };
    for (const region of sources.regions) {
      expect(sources.regionSources[region.listedBy]).toBeDefined();
      expect(sources.regionSources[region.prefixFrom]).toBeDefined();
    }
  });

  it('prices a region it has no rates for with one line naming the public refresh, exit 4', async () => {
    const {code, stdout, stderr} = await runCli([
      'estimate',
      '--cpu',
      '1',
      '--memory',
      '2',
      '--region',
      'mx-central-1',
    ]);
    expect([code, stdout]).toEqual([4, '']);
    expect(stderr).toBe(
      'fargate-cost: the price catalog (data/catalog.json) lists mx-central-1 but has no On-Demand rates for it yet (run "fargate-cost prices refresh --source public --regions mx-central-1", which needs no AWS account, or pass --catalog FILE with its rates)\n',
    );
  });

  it('names the refresh for a missing ephemeral-storage rate, exit 4', async () => {
    const {code, stderr} = await runCli([
      'estimate',
      '--cpu',
      '1',
      '--memory',
      '2',
      '--region',
      'ap-northeast-2',
      '--storage',
      '50',
    ]);
    expect(code).toBe(4);
    expect(stderr).toContain('has no On-Demand rate for storage in ap-northeast-2');
    expect(stderr).toContain('"fargate-cost prices refresh --source public --regions ap-northeast-2"');
  });

  it('prices show says what to run for a region without rates', async () => {
    const {code, stdout} = await runCli(['prices', 'show', '--region', 'ap-south-2']);
    expect(code).toBe(0);
    expect(stdout).toContain(
      'no rates for ap-south-2 in this catalog yet: run "fargate-cost prices refresh --source public --regions ap-south-2"',
    );
  });
});

describe('honest labels', () => {
  const catalog = embeddedCatalogJson();
  const sources = new Map(catalog.sources.map((source) => [source.id, source]));
  const rates = Object.values(catalog.regions).flatMap((region) => [
    ...Object.values(region.onDemand),
    ...Object.values(region.spot),
    ...Object.values(region.savingsPlans).flatMap((plan) => Object.values(plan ?? {})),
  ]);

  it('labels secondary only rates from a table copied from AWS with a known copy date', () => {
    const secondary = new Set(rates.filter((rate) => rate!.confidence === 'secondary').map((rate) => rate!.source));
    // fgcalc: "extracted from the official AWS Fargate documentation", committed 2021-01-14, re-checked 2026-09-29.
    expect([...secondary].sort()).toEqual(['fgcalc-on-demand', 'fgcalc-spot-2021-01']);
    for (const id of secondary) expect(sources.get(id)!.confidence).toBe('secondary');
  });

  it('labels every derived rate and every unchecked note estimated, saying how', () => {
    for (const rate of rates) {
      if (rate!.source === 'derived' || /note|ligoj/.test(rate!.source)) {
        expect(rate!.confidence).toBe('estimated');
        expect(rate!.derivation).toBeTruthy();
      }
    }
    // The 52% 3-year All Upfront could not be cross-checked (data/sources/README.md): estimated.
    const threeYearAll = catalog.regions['us-east-1']!.savingsPlans['compute-3y-all-upfront']!['linux-x86_64-vcpu']!;
    expect(threeYearAll).toMatchObject({price: '0.0194304', confidence: 'estimated'});
  });
});

describe('a rate over a year old is flagged in its row', () => {
  it('flags the 2021 Spot rate at a 2026 clock, not at a 2021-06 clock', () => {
    const spot2021 = '2021-01-14';
    expect(staleBefore(new Date('2026-12-01T12:00:00Z'))).toBe('2025-12-01');
    expect(staleMonth([spot2021], staleBefore(new Date('2026-12-01T12:00:00Z')))).toBe('2021-01');
    expect(staleMonth([spot2021], staleBefore(new Date('2021-06-01T00:00:00Z')))).toBeUndefined();
    expect(staleLabel('Fargate Spot', 'spot', '2021-01')).toBe('Spot: 2021-01 rate, refresh');
    expect(staleLabel('Fargate Spot', 'spot', undefined)).toBe('Fargate Spot');
  });

  it('estimate shows the flag in the Spot row of ap-northeast-2 (2021 Spot rates)', async () => {
    const argv = ['estimate', '--cpu', '1', '--memory', '2', '--region', 'ap-northeast-2'];
    const late = await runCli(argv, {now: new Date('2026-12-01T12:00:00Z')});
    expect(late.stdout).toMatch(/^Spot: 2021-01 rate, refresh +\$/m);
    const compare = await runCli(['compare', ...argv.slice(1)], {now: new Date('2026-12-01T12:00:00Z')});
    expect(compare.stdout).toMatch(/^1 {2}Spot: 2021-01 rate, refresh +\$/m);
  });
});
