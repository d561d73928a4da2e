import {EXIT, UserError, untrusted} from '../../errors.js';
import {type Dec, dec, isDecimalString, sum, ZERO} from '../../money/decimal.js';
import type {OwnedShareMeasurement} from '../../model/owned.js';
import {type AwsOptions, liveRegion} from '../aws/clients.js';
import {awsUserError} from '../aws/errors.js';
import {createCostExplorerClient, everyPage} from '../aws/service-clients.js';

/**
 * How much of the owned Compute Savings Plans commitment Fargate used over a period, and how much
 * every service used, read live from Cost Explorer (fargateShareOf in analysis/owned-share.ts
 * turns it into the share available to Fargate).
 *
 * - Total and used commitment: GetSavingsPlansUtilization over the period, filtered to Compute
 *   Savings Plans (SAVINGS_PLANS_TYPE ComputeSavingsPlans: the other types never cover Fargate);
 *   its Total.Utilization.TotalCommitment and UsedCommitment are commitment dollars.
 * - What Fargate used, in the same commitment dollars: GetCostAndUsage, SERVICE "Amazon Elastic
 *   Container Service" and RECORD_TYPE SavingsPlanCoveredUsage, metric AmortizedCost, summed over
 *   every page and period. The amortized cost of covered usage is its Savings Plans effective cost
 *   (the commitment it consumed, upfront fees spread in), which is what UsedCommitment adds up.
 *
 * Why not GetSavingsPlansCoverage: its SpendCoveredBySavingsPlans is the usage covered priced at
 * On-Demand rates ("all calculations consider the On-Demand equivalent of your Savings Plans usage",
 * the API reference's SavingsPlansCoverage). Converting it to commitment needs the ratio of the
 * Savings Plans rate to the On-Demand rate of that very usage, which differs by service, term and
 * payment (Fargate's Compute discount is far smaller than EC2's), so the average ratio of all
 * covered usage (UsedCommitment / OnDemandCostEquivalent) would overstate Fargate's use. The
 * effective cost needs no conversion:
 *
 *   fargateCommitment = Σ AmortizedCost(ECS, SavingsPlanCoveredUsage)
 *   share             = 1 − (usedCommitment − fargateCommitment) / totalCommitment   (clamped to [0, 1])
 *
 * A period without any Savings Plan (Cost Explorer answers DataUnavailableException) measures 0 of 0.
 */

export const UTILIZATION_ACTION = 'ce:GetSavingsPlansUtilization';
export const COST_AND_USAGE_ACTION = 'ce:GetCostAndUsage';
export const ECS_SERVICE_NAME = 'Amazon Elastic Container Service';
export const COMPUTE_SAVINGS_PLANS_TYPE = 'ComputeSavingsPlans';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface SharePeriod {
  /** YYYY-MM-DD, the first day measured. */
  readonly start: string;
  /** YYYY-MM-DD, exclusive (Cost Explorer's End). */
  readonly end: string;
}

export async function readFargateShare(options: AwsOptions, period: SharePeriod): Promise<OwnedShareMeasurement> {
  if (!DATE.test(period.start) || !DATE.test(period.end) || period.end <= period.start) {
    throw new UserError(
      `the period ${untrusted(period.start, 20)} to ${untrusted(period.end, 20)} is not two dates, the first before the last`,
      {exitCode: EXIT.usage},
    );
  }
  const {client, sdk} = await createCostExplorerClient(options, liveRegion(options).region);
  const TimePeriod = {Start: period.start, End: period.end};
  const amount = (value: string | undefined, field: string): Dec => {
    if (value === undefined || value === '') return ZERO;
    if (!isDecimalString(value)) {
      throw new UserError(`Cost Explorer's ${field} "${untrusted(value, 30)}" is not a decimal number`, {
        exitCode: EXIT.aws,
      });
    }
    return dec(value);
  };
  try {
    let totalCommitment = ZERO;
    let usedCommitment = ZERO;
    try {
      const utilization = await client.send(
        new sdk.GetSavingsPlansUtilizationCommand({
          TimePeriod,
          Filter: {Dimensions: {Key: 'SAVINGS_PLANS_TYPE', Values: [COMPUTE_SAVINGS_PLANS_TYPE]}},
        }),
      );
      totalCommitment = amount(utilization.Total?.Utilization?.TotalCommitment, 'TotalCommitment');
      usedCommitment = amount(utilization.Total?.Utilization?.UsedCommitment, 'UsedCommitment');
    } catch (error) {
      if ((error as {name?: string}).name !== 'DataUnavailableException') {
        throw awsUserError(error, UTILIZATION_ACTION);
      }
    }

    let fargateCommitment = ZERO;
    try {
      const amounts = await everyPage('Cost Explorer (GetCostAndUsage)', async (token) => {
        const page = await client.send(
          new sdk.GetCostAndUsageCommand({
            TimePeriod,
            Granularity: 'MONTHLY',
            Metrics: ['AmortizedCost'],
            Filter: {
              And: [
                {Dimensions: {Key: 'SERVICE', Values: [ECS_SERVICE_NAME]}},
                {Dimensions: {Key: 'RECORD_TYPE', Values: ['SavingsPlanCoveredUsage']}},
              ],
            },
            ...(token ? {NextPageToken: token} : {}),
          }),
        );
        return {
          items: (page.ResultsByTime ?? []).map((result) => {
            const metric = result.Total?.['AmortizedCost'];
            if (
              metric?.Unit !== undefined &&
              metric.Unit !== 'USD' &&
              metric.Amount !== undefined &&
              metric.Amount !== '0'
            ) {
              throw new UserError(`Cost Explorer's AmortizedCost is in ${untrusted(metric.Unit, 10)}, not USD`, {
                exitCode: EXIT.aws,
              });
            }
            return amount(metric?.Amount, 'AmortizedCost');
          }),
          next: page.NextPageToken,
        };
      });
      fargateCommitment = sum(amounts);
    } catch (error) {
      if ((error as {name?: string}).name !== 'DataUnavailableException') {
        throw awsUserError(error, COST_AND_USAGE_ACTION);
      }
    }
    return {start: period.start, end: period.end, totalCommitment, usedCommitment, fargateCommitment};
  } finally {
    client.destroy();
  }
}
