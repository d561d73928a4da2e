import {untrusted} from '../errors.js';
import {dec} from '../money/decimal.js';
import {PLAN_IDS, type PlanId, type RateKey, type Resource, resourceOf} from '../model/types.js';
import type {CatalogJson, RateJson} from './schema.js';

/**
 * The dollars per unit-hour a Fargate rate can plausibly cost, by dimension: about ten times beyond
 * the cheapest Spot and the dearest On-Demand rate of any region (2026: vCPU 0.0098 to 0.080, memory
 * 0.0011 to 0.0087, storage 0.000111 to 0.000133, the Windows licence 0.046). Outside it, a rate is a
 * unit misread (per second, per month) or a typo, not a price.
 */
export const PLAUSIBLE_RATES: Record<Resource, readonly [min: string, max: string]> = {
  vcpu: ['0.001', '1'],
  'os-license': ['0.001', '1'],
  memory: ['0.0001', '0.1'],
  storage: ['0.00001', '0.01'],
};

/**
 * Checks the schema cannot express, run on every catalog read (embedded, cached, --catalog) and
 * before one is written (`prices snapshot`, `prices refresh`): a Fargate rate is never zero, never
 * outside the plausible range of its dimension, and neither Spot nor a Savings Plan costs more than
 * On-Demand for the same dimension (no such offer exists, so it means a misread source: refused,
 * not priced with a negative saving). Each problem names the region, the table and the dimension.
 */
export function catalogProblems(json: CatalogJson): string[] {
  const problems: string[] = [];
  // A derived rate inherits a bad input's problem: the observed rates' problems are listed first.
  const consequences: string[] = [];
  for (const [code, region] of Object.entries(json.regions)) {
    const onDemand = region.onDemand as Partial<Record<RateKey, RateJson>>;
    const check = (label: string, rates: Partial<Record<string, RateJson>>, compare: boolean) => {
      for (const [key, rate] of Object.entries(rates)) {
        if (!rate) continue;
        // Derived by a rule from other rates (assemble.ts's DERIVED_SOURCE), not read from a source.
        const list = rate.source === 'derived' ? consequences : problems;
        const source = untrusted(rate.source, 40);
        const price = dec(rate.price);
        const [min, max] = PLAUSIBLE_RATES[resourceOf(key as RateKey)];
        if (price.isZero()) list.push(`${code} ${label} ${key} is 0 (${source})`);
        else if (price.lt(min) || price.gt(max)) {
          list.push(
            `${code} ${label} ${key} ${untrusted(rate.price, 24)} (${source}) is not a plausible rate (${min} to ${max} per ${rate.unit.replace(/s$/, '')})`,
          );
        }
        const base = onDemand[key as RateKey];
        if (compare && base && price.gt(dec(base.price))) {
          list.push(
            `${code} ${label} ${key} ${untrusted(rate.price, 24)} (${source}) is above On-Demand ${untrusted(base.price, 24)} (${untrusted(base.source, 40)})`,
          );
        }
      }
    };
    check('On-Demand', onDemand, false);
    check('Spot', region.spot, true);
    for (const plan of PLAN_IDS) {
      const rates = region.savingsPlans[plan as PlanId];
      if (rates) check(plan, rates, true);
    }
  }
  return [...problems, ...consequences];
}

/** The first problems, for a one-line message. */
export function listProblems(problems: readonly string[], limit = 3): string {
  const more = problems.length > limit ? ` (and ${problems.length - limit} more)` : '';
  return `${problems.slice(0, limit).join('; ')}${more}`;
}
