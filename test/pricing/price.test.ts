import {describe, expect, it} from 'vitest';
import {toDec} from '../../src/money/exact.js';
import {dec, UNIT_MS_PER_UNIT_HOUR, unitMsToHours} from '../../src/money/decimal.js';
import {mergeUsage, priceUsage, type UsageLine} from '../../src/pricing/price.js';
import {editedCatalog, embeddedCatalog} from '../helpers/catalog.js';

/** A usage line of `hours` unit-hours (vCPU-hours, GB-hours). */
const line = (key: UsageLine['key'], hours: string, region = 'us-east-1'): UsageLine => ({
  region,
  key,
  unitMs: BigInt(dec(hours).times(UNIT_MS_PER_UNIT_HOUR.toString()).toFixed(0)),
});

describe('priceUsage', () => {
  const catalog = embeddedCatalog();

  it('prices On-Demand lines with their usage type, rate and provenance', () => {
    const priced = priceUsage(
      catalog,
      [line('linux-x86_64-vcpu', '730'), line('linux-x86_64-memory', '1460')],
      'on-demand',
    );
    expect(priced.available).toBe(true);
    if (!priced.available) return;
    expect(
      priced.lines.map((l) => [l.usageType, l.rate.toString(), l.cost.toString(), l.source, l.asOf, l.confidence]),
    ).toEqual([
      ['USE1-Fargate-vCPU-Hours:perCPU', '0.04048', '29.5504', 'aws-price-list-2025-08', '2025-08-28', 'published'],
      ['USE1-Fargate-GB-Hours', '0.004445', '6.4897', 'aws-price-list-2025-08', '2025-08-28', 'published'],
    ]);
    expect(toDec(priced.cost).toString()).toBe('36.0401');
  });

  it('prices Spot at Spot usage types and storage at the On-Demand rate', () => {
    const priced = priceUsage(catalog, [line('linux-x86_64-vcpu', '730'), line('storage', '21900')], 'spot');
    if (!priced.available) throw new Error(priced.gap.kind);
    expect(priced.lines.map((l) => [l.usageType, l.cost.toString(), l.discounted])).toEqual([
      ['USE1-SpotUsage-Fargate-vCPU-Hours:perCPU', '9.4087583', true],
      ['USE1-Fargate-EphemeralStorage-GB-Hours', '2.4309', false],
    ]);
    expect(toDec(priced.discountedCost).toString()).toBe('9.4087583');
  });

  it('makes Spot unavailable for Windows, with the reason', () => {
    const priced = priceUsage(catalog, [line('windows-x86_64-vcpu', '1')], 'spot');
    expect(priced).toEqual({option: 'spot', available: false, gap: {kind: 'windows-spot'}});
  });

  it('keeps the Windows licence at On-Demand under a Savings Plan', () => {
    const priced = priceUsage(
      catalog,
      [line('windows-x86_64-os-license', '1460')],
      'savings-plan-compute-1y-no-upfront',
    );
    if (!priced.available) throw new Error(priced.gap.kind);
    expect(priced.lines[0]!.cost.toString()).toBe('67.16');
    expect(toDec(priced.discountedCost).toString()).toBe('0');
  });

  it('marks an option unavailable, never zero, when its rate is missing', () => {
    const gap = editedCatalog((json) => {
      delete json.regions['ap-east-1']!.spot['linux-x86_64-vcpu'];
    });
    expect(priceUsage(gap, [line('linux-x86_64-vcpu', '1', 'ap-east-1')], 'spot')).toEqual({
      option: 'spot',
      available: false,
      gap: {kind: 'no-rate', table: 'spot', key: 'linux-x86_64-vcpu', region: 'ap-east-1'},
    });
  });

  it('throws a problem naming the missing On-Demand rate', () => {
    const price = () => priceUsage(catalog, [line('storage', '1', 'eu-central-1')], 'on-demand');
    expect(price).toThrow(
      expect.objectContaining({
        problem: expect.objectContaining({kind: 'missing-rate', region: 'eu-central-1', key: 'storage'}),
      }),
    );
    expect(price).toThrowProblem('has no On-Demand rate for storage in eu-central-1');
  });

  it('rejects a region the catalog does not have', () => {
    expect(() => priceUsage(catalog, [line('linux-x86_64-vcpu', '1', 'mars-north-1')], 'on-demand')).toThrowProblem(
      /region mars-north-1 is not in the price catalog/,
    );
  });
});

describe('mergeUsage', () => {
  it('adds the same region and dimension, keeps the rest apart', () => {
    const merged = mergeUsage([
      line('linux-x86_64-vcpu', '1.5'),
      line('linux-x86_64-vcpu', '2.25'),
      line('linux-x86_64-vcpu', '1', 'eu-west-1'),
    ]);
    expect(merged.map((l) => [l.region, unitMsToHours(l.unitMs).toString()])).toEqual([
      ['us-east-1', '3.75'],
      ['eu-west-1', '1'],
    ]);
  });
});
