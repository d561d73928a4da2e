import {describe, expect, it} from 'vitest';
import {validateCatalog} from '../../src/catalog/parse.js';
import {catalogProblems} from '../../src/catalog/validate.js';
import {embeddedCatalogJson} from '../helpers/catalog.js';

describe('catalogProblems', () => {
  it('finds none in the embedded snapshot', () => {
    expect(catalogProblems(embeddedCatalogJson())).toEqual([]);
  });

  it('finds a zero rate, and Spot or a Savings Plan above On-Demand', () => {
    const json = embeddedCatalogJson();
    json.regions['us-east-1']!.onDemand.storage!.price = '0.0000000000';
    json.regions['us-east-1']!.spot['linux-x86_64-vcpu']!.price = '0.05';
    json.regions['eu-west-1']!.savingsPlans['compute-1y-no-upfront']!['linux-x86_64-memory']!.price = '0.004446';
    // Observed rates' problems first, derived ones (consequences) after.
    expect(catalogProblems(json)).toEqual([
      'us-east-1 On-Demand storage is 0 (aws-price-list-2025-08)',
      'us-east-1 Spot linux-x86_64-vcpu 0.05 (spot-feed-note-2026-09-28) is above On-Demand 0.04048 (aws-price-list-2025-08)',
      'eu-west-1 compute-1y-no-upfront linux-x86_64-memory 0.004446 (derived) is above On-Demand 0.004445 (fgcalc-on-demand)',
    ]);
  });

  it.each([
    // table, key, price, problem
    [
      'onDemand',
      'linux-x86_64-vcpu',
      '40.48',
      'On-Demand linux-x86_64-vcpu 40.48 (aws-price-list-2025-08) is not a plausible rate (0.001 to 1 per vCPU-Hour)',
    ],
    [
      'onDemand',
      'linux-x86_64-memory',
      '0.0000012347',
      'On-Demand linux-x86_64-memory 0.0000012347 (aws-price-list-2025-08) is not a plausible rate (0.0001 to 0.1 per GB-Hour)',
    ],
    [
      'onDemand',
      'storage',
      '0.081',
      'On-Demand storage 0.081 (aws-price-list-2025-08) is not a plausible rate (0.00001 to 0.01 per GB-Hour)',
    ],
    [
      'onDemand',
      'windows-x86_64-os-license',
      '33.58',
      'On-Demand windows-x86_64-os-license 33.58 (aws-price-list-2025-08) is not a plausible rate (0.001 to 1 per vCPU-Hour)',
    ],
    [
      'spot',
      'linux-arm64-vcpu',
      '0.0000001',
      'Spot linux-arm64-vcpu 0.0000001 (spot-feed-note-2026-09-28) is not a plausible rate (0.001 to 1 per vCPU-Hour)',
    ],
  ] as const)('finds an implausible %s %s rate (%s): a unit misread or a typo', (table, key, price, problem) => {
    const json = embeddedCatalogJson();
    (json.regions['us-east-1']![table] as Record<string, {price: string}>)[key]!.price = price;
    expect(catalogProblems(json)[0]).toBe(`us-east-1 ${problem}`);
  });

  it('escapes and cuts what it quotes from the catalog', () => {
    const json = embeddedCatalogJson();
    const id = `\u001b[2J${'s'.repeat(60)}`;
    json.sources.push({...json.sources[0]!, id});
    json.regions['us-east-1']!.onDemand.storage = {
      ...json.regions['us-east-1']!.onDemand.storage!,
      source: id,
      price: '0',
    };
    expect(catalogProblems(json)).toEqual([`us-east-1 On-Demand storage is 0 (\\x1b[2J${'s'.repeat(35)}…)`]);
  });

  it('accepts a Savings Plan rate equal to On-Demand', () => {
    const json = embeddedCatalogJson();
    json.regions['us-east-1']!.savingsPlans['compute-1y-no-upfront']!['linux-x86_64-vcpu']!.price = '0.04048';
    expect(catalogProblems(json)).toEqual([]);
  });
});

describe('validateCatalog', () => {
  it('passes a good catalog through', () => {
    const json = embeddedCatalogJson();
    expect(validateCatalog(json, 'refreshed catalog')).toEqual(json);
  });

  it('names the first problems and says nothing was written', () => {
    const json = embeddedCatalogJson();
    for (const region of ['eu-west-1', 'eu-west-2', 'us-east-1', 'us-west-2'])
      json.regions[region]!.onDemand.storage!.price = '0';
    expect(() => validateCatalog(json, 'refreshed catalog')).toThrow(
      'the refreshed catalog failed validation: eu-west-1 On-Demand storage is 0 (ligoj-eu-west-1-2022); ' +
        'eu-west-2 On-Demand storage is 0 (storage-notes-undated); us-east-1 On-Demand storage is 0 (aws-price-list-2025-08) (and 1 more); nothing was written',
    );
  });

  it('runs the schema on what would be written', () => {
    const json = embeddedCatalogJson();
    json.regions['us-east-1']!.onDemand['linux-x86_64-vcpu']!.price = '-1';
    expect(() => validateCatalog(json, 'refreshed catalog')).toThrow(
      /^the refreshed catalog is not valid \(regions\.us-east-1\.onDemand\.linux-x86_64-vcpu\.price: .*\); nothing was written$/,
    );
  });
});
