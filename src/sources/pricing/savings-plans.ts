import {EXIT, UserError} from '../../errors.js';
import type {SavingsPlanOfferingRateLike} from '../../catalog/savings-plan-rates.js';
import type {SavingsPlansHandle} from './clients.js';

/**
 * Every Compute Savings Plan rate for Fargate on ECS in one region: all terms and payment options.
 * The Savings Plans API has no paginator in the SDK, so this loops on `nextToken` by hand.
 */
export async function fetchSavingsPlanRates(
  {client, sdk}: SavingsPlansHandle,
  region: string,
): Promise<SavingsPlanOfferingRateLike[]> {
  const results: SavingsPlanOfferingRateLike[] = [];
  const tokens = new Set<string>();
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new sdk.DescribeSavingsPlansOfferingRatesCommand({
        savingsPlanTypes: ['Compute'],
        products: ['Fargate'],
        serviceCodes: ['AmazonECS'],
        filters: [{name: 'region', values: [region]}],
        maxResults: 1000,
        ...(nextToken ? {nextToken} : {}),
      }),
    );
    results.push(...(page.searchResults ?? []));
    nextToken = page.nextToken || undefined;
    if (nextToken !== undefined) {
      // A token seen before would loop forever.
      if (tokens.has(nextToken)) {
        throw new UserError('the Savings Plans API returned the same nextToken twice (a paging loop)', {
          exitCode: EXIT.aws,
        });
      }
      tokens.add(nextToken);
    }
  } while (nextToken !== undefined);
  return results;
}
