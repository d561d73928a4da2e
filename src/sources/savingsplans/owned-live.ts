import type {SavingsPlan} from '@aws-sdk/client-savingsplans';
import {untrusted} from '../../errors.js';
import {dec, isDecimalString} from '../../money/decimal.js';
import type {OwnedCommitment} from '../../model/owned.js';
import type {PlanId} from '../../model/types.js';
import type {AwsOptions} from '../aws/clients.js';
import {awsUserError} from '../aws/errors.js';
import {everyPage} from '../aws/service-clients.js';
import {createSavingsPlansClient} from '../pricing/clients.js';

/**
 * The Compute Savings Plans the account owns, read live with DescribeSavingsPlans (every page, by
 * `nextToken`: the SDK has no paginator for Savings Plans).
 *
 * States asked for: `active` and `queued`. An active plan applies now; a queued one is a purchase
 * scheduled to start at its `start` (AWS starts it then unless it is deleted), so it is owned
 * commitment from that hour on, and its startMs says when. Not asked for: `payment-pending` and
 * `payment-failed` (a purchase not yet, or never, in force), `queued-deleted`, `pending-return`
 * and `returned` (given back), `retired` (ended).
 *
 * Only Compute Savings Plans cover Fargate: EC2 Instance, SageMaker (and Database) plans are
 * skipped with their reason, as are plans in another currency than USD (the catalog's rates are
 * USD), with a term or payment option this tool has no rates for, or that have ended by `nowMs`.
 */

export const DESCRIBE_SAVINGS_PLANS_ACTION = 'savingsplans:DescribeSavingsPlans';
export const OWNED_PLAN_STATES = ['active', 'queued'] as const;

const TERMS: Record<number, '1y' | '3y'> = {31536000: '1y', 94608000: '3y'};
const PAYMENTS: Record<string, 'no' | 'partial' | 'all'> = {
  'No Upfront': 'no',
  'Partial Upfront': 'partial',
  'All Upfront': 'all',
};

export interface OwnedSavingsPlans {
  readonly commitments: OwnedCommitment[];
  readonly skipped: {id: string; reason: string}[];
}

export async function readOwnedSavingsPlans(options: AwsOptions, nowMs: number): Promise<OwnedSavingsPlans> {
  const {client, sdk} = await createSavingsPlansClient(options);
  let plans: SavingsPlan[];
  try {
    plans = await everyPage('the Savings Plans API (DescribeSavingsPlans)', async (nextToken) => {
      const page = await client.send(
        new sdk.DescribeSavingsPlansCommand({
          states: [...OWNED_PLAN_STATES],
          maxResults: 1000,
          ...(nextToken ? {nextToken} : {}),
        }),
      );
      return {items: page.savingsPlans ?? [], next: page.nextToken};
    });
  } catch (error) {
    throw awsUserError(error, DESCRIBE_SAVINGS_PLANS_ACTION);
  } finally {
    client.destroy();
  }
  return ownedFromSavingsPlans(plans, nowMs);
}

/** DescribeSavingsPlans' plans (SDK objects, or the JSON `aws savingsplans describe-savings-plans` prints) as owned commitments. */
export function ownedFromSavingsPlans(plans: readonly SavingsPlan[], nowMs: number): OwnedSavingsPlans {
  const commitments: OwnedCommitment[] = [];
  const skipped: {id: string; reason: string}[] = [];
  for (const plan of plans) {
    const id = plan.savingsPlanId ?? plan.savingsPlanArn ?? '(no id)';
    const read = commitmentOf(plan, nowMs);
    if (typeof read === 'string') skipped.push({id, reason: read});
    else commitments.push({...read, id});
  }
  return {commitments, skipped};
}

function commitmentOf(plan: SavingsPlan, nowMs: number): Omit<OwnedCommitment, 'id'> | string {
  const type = plan.savingsPlanType ?? '';
  if (type !== 'Compute') {
    return `a Savings Plan of type ${type ? untrusted(type, 30) : '(none)'}, not Compute: it never covers Fargate`;
  }
  if (plan.currency !== 'USD') return `its commitment is in ${untrusted(plan.currency ?? 'no currency', 10)}, not USD`;
  const commitment = plan.commitment ?? '';
  if (!isDecimalString(commitment) || dec(commitment).lte(0)) {
    return `its hourly commitment "${untrusted(commitment, 30)}" is not a positive amount`;
  }
  const term = TERMS[plan.termDurationInSeconds ?? -1];
  if (term === undefined) return `its term of ${String(plan.termDurationInSeconds)} seconds is neither 1 nor 3 years`;
  const payment = PAYMENTS[plan.paymentOption ?? ''];
  if (payment === undefined) return `its payment option "${untrusted(plan.paymentOption ?? '', 30)}" is unknown`;
  const startMs = Date.parse(plan.start ?? '');
  const endMs = Date.parse(plan.end ?? '');
  if (!Number.isFinite(startMs) || !Number.isFinite(endMs) || endMs <= startMs) {
    return `its start "${untrusted(plan.start ?? '', 30)}" and end "${untrusted(plan.end ?? '', 30)}" are not a period`;
  }
  if (endMs <= nowMs) return `it ended ${new Date(endMs).toISOString()}`;
  const id: PlanId = `compute-${term}-${payment}-upfront`;
  return {commitmentPerHour: dec(commitment), plan: id, startMs, endMs, source: 'live'};
}
