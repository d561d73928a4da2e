import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {isHourlyUnit, parsePriceList} from '../../src/catalog/price-list.js';
import {classifyUsageType} from '../../src/catalog/usage-types.js';
import {dec} from '../../src/money/decimal.js';
import {splitCsvLine} from '../../src/sources/price-snapshot.js';
import {constructedPriceList, EU_WEST_1, realGetProducts} from '../sources/pricing/fixtures.js';

describe('parsePriceList', () => {
  it('reads the real 2022 GetProducts response: 8 Fargate rates, 3 known non-Fargate products', () => {
    const parsed = parsePriceList(realGetProducts().PriceList, {source: 'api', asOf: '2026-12-01'});
    expect(parsed.entries).toHaveLength(8);
    expect(parsed.ignored).toBe(3);
    expect(parsed.regions).toEqual([{code: 'us-east-1', name: 'US East (N. Virginia)', usageTypePrefix: 'USE1'}]);
    // Without a retrieval date the offer's publication date is the as-of date (offer files).
    expect(new Set(parsed.entries.map((entry) => entry.asOf))).toEqual(new Set(['2022-11-21']));
    expect(parsed.entries.some((entry) => 'note' in entry)).toBe(false);
  });

  it('dates rates by the day they were fetched when told, and keeps the publication date as a note', () => {
    const parsed = parsePriceList(realGetProducts().PriceList, {
      source: 'api',
      asOf: '2026-12-01',
      retrievedOn: '2026-12-01',
    });
    const vcpu = parsed.entries.find((entry) => entry.key === 'linux-x86_64-vcpu');
    expect(vcpu).toEqual({
      region: 'us-east-1',
      table: 'on-demand',
      key: 'linux-x86_64-vcpu',
      price: '0.0404800000',
      usageType: 'USE1-Fargate-vCPU-Hours:perCPU',
      source: 'api',
      asOf: '2026-12-01',
      confidence: 'published',
      note: 'offer published 2022-11-21',
    });
  });

  it('accepts items as parsed objects and as String objects, as well as strings', () => {
    const strings = realGetProducts().PriceList;
    const forms = [
      strings,
      strings.map((text) => JSON.parse(text) as unknown),
      strings.map((text) => new String(text)),
    ];
    const prices = forms.map((items) =>
      parsePriceList(items, {source: 'api', asOf: '2026-12-01'}).entries.map((entry) => entry.price),
    );
    expect(prices[1]).toEqual(prices[0]);
    expect(prices[2]).toEqual(prices[0]);
  });

  it('reports unknown usage types, malformed items and non-hourly units, and prices none of them', () => {
    const [good, ...rest] = constructedPriceList(EU_WEST_1, {'linux-x86_64-vcpu': '0.0404800000'}, [
      'EU-Fargate-GPU-Hours:perGPU',
    ]);
    const perMonth = JSON.parse(good!) as {
      terms: {OnDemand: Record<string, {priceDimensions: Record<string, {unit: string}>}>};
    };
    for (const term of Object.values(perMonth.terms.OnDemand))
      for (const dimension of Object.values(term.priceDimensions)) dimension.unit = 'GB-Mo';
    const parsed = parsePriceList(
      [good, JSON.stringify(perMonth), ...rest, '{not json', JSON.stringify({product: {}})],
      {source: 'api', asOf: '2026-12-01'},
    );
    expect(parsed.entries.map((entry) => `${entry.region} ${entry.key} ${entry.price}`)).toEqual([
      'eu-west-1 linux-x86_64-vcpu 0.0404800000',
    ]);
    expect(parsed.unknownUsageTypes).toEqual(['EU-Fargate-GPU-Hours:perGPU']);
    expect(parsed.unexpectedUnits).toEqual([
      'EU-Fargate-vCPU-Hours:perCPU in eu-west-1 is priced per "GB-Mo", not per hour',
    ]);
    expect(parsed.malformed).toEqual([
      'item 4: not JSON',
      'item 5: product.attributes Invalid input: expected object, received undefined',
    ]);
    expect(parsed.regions).toEqual([{code: 'eu-west-1', name: 'EU (Ireland)', usageTypePrefix: 'EU'}]);
  });

  it("reports the product of another service in a response (the AWS CLI's get-products example, EBS) and prices nothing", () => {
    const example = JSON.parse(
      readFileSync('test/fixtures/aws-samples/pricing/get-products__cli-example__amazonec2-ebs.json', 'utf8'),
    ) as {PriceList: string[]; NextToken: string};
    const parsed = parsePriceList(example.PriceList, {source: 'api', asOf: '2026-12-01'});
    expect([parsed.entries, parsed.unknownUsageTypes, parsed.malformed]).toEqual([
      [],
      ['APS1-EBS:VolumeUsage.piops'],
      [],
    ]);
  });

  it('still reads the maintained offer file of the snapshot without findings', () => {
    const file = JSON.parse(readFileSync('data/sources/amazonecs-us-east-1-2025-08.get-products.json', 'utf8')) as {
      PriceList: string[];
    };
    const parsed = parsePriceList(file.PriceList, {source: 'aws-price-list-2025-08', asOf: '2025-08-28'});
    expect([parsed.entries.length, parsed.unknownUsageTypes, parsed.malformed, parsed.unexpectedUnits]).toEqual([
      8,
      [],
      [],
      [],
    ]);
  });
});

describe('isHourlyUnit', () => {
  it.each([
    ['hours', 'linux-x86_64-vcpu', true],
    ['Hrs', 'linux-x86_64-memory', true],
    ['GB-Hours', 'storage', true],
    ['GB-Hours', 'linux-arm64-memory', true],
    ['GB-Hours', 'linux-x86_64-vcpu', false],
    ['vCPU-Hours', 'windows-x86_64-os-license', true],
    ['vCPU-Hours', 'storage', false],
    ['GB-Mo', 'storage', false],
    ['seconds', 'linux-x86_64-vcpu', false],
  ] as const)('%s for %s: %s', (unit, key, expected) => {
    expect(isHourlyUnit(unit, key)).toBe(expected);
  });
});

describe('the AmazonECS offer file for eu-west-1 (CSV fixture) behind the snapshot', () => {
  const lines = readFileSync(
    'test/fixtures/pricing-sources/ligoj-plugin-prov-aws__AmazonECS-eu-west-1-index.csv',
    'utf8',
  ).split(/\r?\n/);
  const header = splitCsvLine(lines.find((line) => line.startsWith('SKU,'))!);
  const column = (name: string) => header.indexOf(name);
  const rows = lines
    .filter((line) => /^[A-Z0-9]{16},/.test(line))
    .map((line) => splitCsvLine(line))
    .map((fields) => ({
      usageType: fields[column('usageType')]!,
      price: fields[column('PricePerUnit')]!,
      unit: fields[column('Unit')]!,
    }));

  it('maps every usage type of the offer through the exact table: Fargate rates known, EC2 and Anywhere metering skipped', () => {
    const kinds = rows.map((row) => [row.usageType, classifyUsageType(row.usageType).kind]);
    expect(kinds.filter(([, kind]) => kind === 'unknown')).toEqual([]);
    expect(
      kinds
        .filter(([, kind]) => kind === 'on-demand')
        .map(([usageType]) => usageType)
        .sort(),
    ).toEqual([
      'EU-Fargate-ARM-GB-Hours',
      'EU-Fargate-ARM-vCPU-Hours:perCPU',
      'EU-Fargate-EphemeralStorage-GB-Hours',
      'EU-Fargate-GB-Hours',
      'EU-Fargate-Windows-GB-Hours',
      'EU-Fargate-Windows-OS-Hours:perCPU',
      'EU-Fargate-Windows-vCPU-Hours:perCPU',
      'EU-Fargate-vCPU-Hours:perCPU',
    ]);
  });

  it('is transcribed exactly into data/sources/secondary.json, every hourly unit accepted', () => {
    const secondary = JSON.parse(readFileSync('data/sources/secondary.json', 'utf8')) as {
      entries: {key: string; price: string; source: string}[];
    };
    const transcribed = secondary.entries.filter((entry) => entry.source === 'ligoj-eu-west-1-2022');
    expect(transcribed).toHaveLength(6);
    for (const entry of transcribed) {
      const row = rows.find((candidate) => {
        const kind = classifyUsageType(candidate.usageType);
        return kind.kind === 'on-demand' && kind.key === entry.key;
      })!;
      expect([
        entry.key,
        dec(row.price).eq(dec(entry.price)),
        isHourlyUnit(row.unit, entry.key as Parameters<typeof isHourlyUnit>[1]),
      ]).toEqual([entry.key, true, true]);
    }
  });
});
