import {describe, expect, it} from 'vitest';
import {parseCatalog} from '../../src/catalog/parse.js';
import type {UserError} from '../../src/errors.js';
import {userErrorText} from '../../src/report/problems.js';
import type {CatalogJson} from '../../src/catalog/schema.js';
import {embeddedCatalogJson} from '../helpers/catalog.js';

const ORIGIN = {kind: 'file', path: 'catalog.json'} as const;
const NOW = new Date('2026-11-24T12:00:00Z');
const HINT = 'restore it with "fargate-cost prices refresh", or drop --catalog to use the embedded snapshot';

const edited = (edit: (json: CatalogJson) => void) => {
  const json = embeddedCatalogJson();
  edit(json);
  return json;
};

describe('parseCatalog: a catalog is checked whenever it is read, not only when it is written', () => {
  it('reads the embedded snapshot', () => {
    expect(parseCatalog(embeddedCatalogJson(), ORIGIN, NOW).regions).toHaveLength(34);
  });

  it.each([
    [
      'a zero rate',
      (json: CatalogJson) => (json.regions['eu-west-1']!.onDemand['linux-x86_64-memory']!.price = '0.0000'),
      'eu-west-1 On-Demand linux-x86_64-memory is 0 (fgcalc-on-demand)',
    ],
    [
      'an absurd rate',
      (json: CatalogJson) => (json.regions['us-east-1']!.onDemand['linux-x86_64-vcpu']!.price = '4048'),
      'us-east-1 On-Demand linux-x86_64-vcpu 4048 (aws-price-list-2025-08) is not a plausible rate (0.001 to 1 per vCPU-Hour)',
    ],
    [
      'Spot above On-Demand',
      (json: CatalogJson) => (json.regions['us-east-1']!.spot['linux-x86_64-memory']!.price = '0.005'),
      'us-east-1 Spot linux-x86_64-memory 0.005 (spot-feed-note-2026-09-28) is above On-Demand 0.004445 (aws-price-list-2025-08)',
    ],
    [
      'a Savings Plan above On-Demand',
      (json: CatalogJson) =>
        (json.regions['us-east-1']!.savingsPlans['compute-3y-no-upfront']!['linux-x86_64-vcpu']!.price = '0.05'),
      'us-east-1 compute-3y-no-upfront linux-x86_64-vcpu 0.05 (sp-offer-note-2026-09-25) is above On-Demand 0.04048 (aws-price-list-2025-08)',
    ],
  ])('refuses %s, naming the region, the table and the dimension', (_, edit, problem) => {
    const read = () => parseCatalog(edited(edit), ORIGIN, NOW);
    expect(read).toThrowProblem(`price catalog catalog.json has rates no price can have: ${problem}`);
    expect(read).toThrowProblem(`(${HINT})`);
  });

  it('refuses a negative rate through the schema, naming where it is', () => {
    const json = edited((json) => (json.regions['us-east-1']!.onDemand.storage!.price = '-0.000111'));
    expect(() => parseCatalog(json, ORIGIN, NOW)).toThrowProblem(
      'price catalog catalog.json is not valid: regions.us-east-1.onDemand.storage.price: expected a non-negative decimal string',
    );
  });

  it('refuses a rate with whitespace through the schema: it passed, then made an internal error (found by fuzzing)', () => {
    const json = edited((json) => (json.regions['us-east-1']!.onDemand['linux-x86_64-vcpu']!.price = '0.04048 '));
    expect(() => parseCatalog(json, ORIGIN, NOW)).toThrowProblem(
      'price catalog catalog.json is not valid: regions.us-east-1.onDemand.linux-x86_64-vcpu.price: expected a non-negative decimal string',
    );
  });

  it.each([
    ['9999-99-99', 'regions.us-east-1.spot.linux-x86_64-vcpu.asOf'],
    ['2026-02-30', 'regions.us-east-1.spot.linux-x86_64-vcpu.asOf'],
  ])('refuses a rate dated %s, a day that does not exist (found by fuzzing)', (date, path) => {
    // compare said the Spot rates were "NaN days old", or read February 30 as March 2.
    const json = edited((json) => (json.regions['us-east-1']!.spot['linux-x86_64-vcpu']!.asOf = date));
    expect(() => parseCatalog(json, ORIGIN, NOW)).toThrowProblem(
      `price catalog catalog.json is not valid: ${path}: expected a date YYYY-MM-DD that exists`,
    );
    const source = edited((json) => (json.sources[0]!.date = date));
    expect(() => parseCatalog(source, ORIGIN, NOW)).toThrowProblem(
      'sources.0.date: expected a date YYYY-MM-DD that exists',
    );
  });

  it('refuses a catalog generated more than a day after the clock, and allows a clock a few hours slow', () => {
    const future = edited((json) => (json.generatedAt = '2027-03-01T00:00:00.000Z'));
    expect(() => parseCatalog(future, ORIGIN, NOW)).toThrowProblem(
      `price catalog catalog.json says it was generated at 2027-03-01T00:00:00.000Z, after the clock (2026-11-24T12:00:00.000Z) (check the computer's clock; if it is right, ${HINT})`,
    );
    const skewed = edited((json) => (json.generatedAt = '2026-11-25T06:00:00.000Z'));
    expect(parseCatalog(skewed, ORIGIN, NOW).generatedAt).toBe('2026-11-25T06:00:00.000Z');
  });

  it('escapes and cuts what the schema quotes from the file', () => {
    const json = {...embeddedCatalogJson(), ['\u001b]0;owned\u0007'.padEnd(300, 'x')]: 1};
    let message = '';
    try {
      parseCatalog(json, ORIGIN, NOW);
    } catch (error) {
      message = userErrorText(error as UserError).message;
    }
    expect(message).toMatch(/^price catalog catalog\.json is not valid: .*\\x1b\]0;owned\\x07x+…$/);
    expect(message).not.toMatch(/[\u0000-\u001f]/);
  });
});
