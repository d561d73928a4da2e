import {describe, expect, it} from 'vitest';
import {diffCatalogs} from '../../src/catalog/diff.js';
import {embeddedCatalogJson} from '../helpers/catalog.js';

function total(catalog: ReturnType<typeof embeddedCatalogJson>): number {
  return Object.values(catalog.regions).reduce(
    (n, json) =>
      n +
      Object.keys(json.onDemand).length +
      Object.keys(json.spot).length +
      Object.values(json.savingsPlans).reduce((m, plan) => m + Object.keys(plan ?? {}).length, 0),
    0,
  );
}

function edited() {
  const b = embeddedCatalogJson();
  const usEast = b.regions['us-east-1']!;
  usEast.onDemand['linux-x86_64-vcpu']!.price = '0.0506';
  usEast.onDemand['windows-x86_64-vcpu']!.price = '0.09148';
  usEast.onDemand['linux-x86_64-memory']!.asOf = '2026-12-01';
  // 0.00356 written another way is the same price.
  usEast.onDemand['linux-arm64-memory']!.price = '0.0035600000';
  usEast.savingsPlans['compute-3y-all-upfront']!['linux-x86_64-vcpu']!.price = '0.01748736';
  delete b.regions['eu-west-1']!.spot['linux-x86_64-memory'];
  b.regions['ap-east-2'] = structuredClone(b.regions['ap-south-1']!);
  delete b.regions['me-south-1'];
  return b;
}

describe('diffCatalogs', () => {
  const a = embeddedCatalogJson();
  const diff = diffCatalogs(a, edited());

  it('lists changed, added and removed rates by region, table and dimension, with exact change and ratio', () => {
    const rows = diff.changes.filter((change) => change.region === 'us-east-1' || change.region === 'eu-west-1');
    expect(
      rows.map((change) => [
        change.region,
        change.table,
        change.key,
        change.status,
        change.change?.toString() ?? null,
        change.ratio?.times(100).toString() ?? null,
      ]),
    ).toEqual([
      ['eu-west-1', 'spot', 'linux-x86_64-memory', 'removed', null, null],
      ['us-east-1', 'on-demand', 'linux-x86_64-vcpu', 'changed', '0.01012', '25'],
      [
        'us-east-1',
        'on-demand',
        'windows-x86_64-vcpu',
        'changed',
        '0.044928',
        '96.511428080426190067021825055851520879876267399897',
      ],
      ['us-east-1', 'compute-3y-all-upfront', 'linux-x86_64-vcpu', 'changed', '-0.00194304', '-10'],
    ]);
    expect(rows[1]!.before).toMatchObject({price: '0.04048', asOf: '2025-08-28'});
    expect(rows[1]!.after).toMatchObject({price: '0.0506', asOf: '2025-08-28'});
  });

  it('counts a region added or removed with all its rates', () => {
    expect(diff.regionsAdded).toEqual(['ap-east-2']);
    expect(diff.regionsRemoved).toEqual(['me-south-1']);
    const count = (region: string, status: string) =>
      diff.changes.filter((change) => change.region === region && change.status === status).length;
    const rates = (region: string) => {
      const json = a.regions[region]!;
      return (
        Object.keys(json.onDemand).length +
        Object.keys(json.spot).length +
        Object.values(json.savingsPlans).reduce((n, plan) => n + Object.keys(plan ?? {}).length, 0)
      );
    };
    expect(count('ap-east-2', 'added')).toBe(rates('ap-south-1'));
    expect(count('me-south-1', 'removed')).toBe(rates('me-south-1'));
  });

  it('counts the rest as unchanged, noting which carry a new date', () => {
    const changedOrRemoved = diff.changes.filter((change) => change.status !== 'added').length;
    expect(diff.unchanged).toBe(total(a) - changedOrRemoved);
    expect(diff.redated).toBe(1);
  });

  it('finds nothing between a catalog and itself', () => {
    expect(diffCatalogs(a, embeddedCatalogJson())).toEqual({
      changes: [],
      unchanged: total(a),
      redated: 0,
      regionsAdded: [],
      regionsRemoved: [],
    });
  });
});
