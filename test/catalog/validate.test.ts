import {describe, expect, it} from 'vitest';
import {catalogProblems, validateCatalog} from '../../src/catalog/validate.js';
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
