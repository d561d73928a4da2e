import {UserError} from '../errors.js';
import {dec} from '../money/decimal.js';
import {PLAN_IDS, type PlanId, type RateKey} from '../model/types.js';
import {catalogSchema, type CatalogJson, type RateJson} from './schema.js';

/**
 * Checks the schema cannot express, run on every catalog before it is written (`prices snapshot`
 * and `prices refresh` alike): a Fargate rate is never zero, and neither Spot nor a Savings Plan
 * costs more than On-Demand for the same dimension. A failure here means a source was misread
 * (a unit, a column, a region), so nothing is written.
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
        const list = rate.confidence === 'estimated' ? consequences : problems;
        const price = dec(rate.price);
        if (price.isZero()) list.push(`${code} ${label} ${key} is 0 (${rate.source})`);
        const base = onDemand[key as RateKey];
        if (compare && base && price.gt(dec(base.price))) {
          list.push(
            `${code} ${label} ${key} ${rate.price} (${rate.source}) is above On-Demand ${base.price} (${base.source})`,
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

/**
 * The last gate before a catalog is written: the schema (again, on exactly what will be written)
 * and `catalogProblems`. Throws a UserError listing the first problems; returns the checked JSON.
 */
export function validateCatalog(json: CatalogJson, what: string): CatalogJson {
  const parsed = catalogSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(`the ${what} is not valid (${issue.path.join('.')}: ${issue.message}); nothing was written`);
  }
  const problems = catalogProblems(parsed.data);
  if (problems.length > 0) {
    const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
    throw new UserError(
      `the ${what} failed validation: ${problems.slice(0, 3).join('; ')}${more}; nothing was written`,
      {
        hint: 'a source was probably misread; report it with the command you ran',
      },
    );
  }
  return parsed.data;
}
