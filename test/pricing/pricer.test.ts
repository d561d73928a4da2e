import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {usageOf} from '../../src/billing/usage.js';
import {toDec} from '../../src/money/exact.js';
import {validSizes} from '../../src/sizing/sizes.js';
import {createPricer} from '../../src/pricing/pricer.js';
import {priceUsage} from '../../src/pricing/price.js';
import {embeddedCatalog} from '../helpers/catalog.js';

const catalog = embeddedCatalog();
const pricer = createPricer(catalog);

describe('the pricer: its scaled-integer fast path and its exact rational path agree to the last digit', () => {
  it('for any valid size, region, purchase and billed time', () => {
    const sizes = [
      ...validSizes('linux').flatMap((size) => [
        {...size, arch: 'x86_64' as const, os: 'linux' as const},
        {...size, arch: 'arm64' as const, os: 'linux' as const},
      ]),
      ...validSizes('windows').map((size) => ({...size, arch: 'x86_64' as const, os: 'windows' as const})),
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...sizes),
        // The regions with rates (the snapshot also lists regions no source priced yet, which both paths refuse).
        fc.constantFrom(...catalog.regions.filter((region) => catalog.rate(region, 'on-demand', 'linux-x86_64-vcpu'))),
        fc.constantFrom('on-demand' as const, 'spot' as const),
        fc.integer({min: 20, max: 200}),
        fc.integer({min: 1, max: 2 ** 40}),
        (size, region, purchase, storageGiB, ms) => {
          const full = {...size, storageGiB};
          const fast = pricer.priceSize(region, full, purchase);
          if (fast.kind !== 'priced') return;
          const lines = usageOf(full, ms).map((usage) => ({region, key: usage.key, unitMs: usage.unitMs}));
          const slow = priceUsage(catalog, lines, purchase);
          if (!slow.available) throw new Error(`${purchase} priced by one path only`);
          expect(pricer.money(fast.price.perMs * BigInt(ms)).toString()).toBe(toDec(slow.cost).toString());
        },
      ),
      {numRuns: 500},
    );
  });
});
