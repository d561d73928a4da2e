import type {Dec} from '../money/decimal.js';
import type {AwsRecommendationComparison, LookbackResult, RecommendationDifference} from '../model/compare.js';
import type {AwsRecommendation} from '../model/owned.js';
import type {UsageProfile} from '../model/profile.js';
import type {CompareContext} from './compare-pricing.js';
import {costAtCommitment, type PreparedPlan} from './savings-plan.js';

/**
 * Cost Explorer's Savings Plans purchase recommendation beside the tool's optimum for the same plan,
 * and the reasons the two can differ: Cost Explorer sizes over every Compute Savings Plans-eligible
 * dollar of the account (EC2 and Lambda too), over its own look-back, with a commitment it rounds,
 * after the plans the account owns; the tool sizes over the usage it was given.
 */

const HOURLY_SPEND_TOLERANCE = '0.01';

export function compareAwsRecommendation(
  context: CompareContext,
  sizing: UsageProfile,
  aws: AwsRecommendation,
  history: boolean,
  lookbacks: readonly LookbackResult[],
  ownedPerHour: Dec | null,
): AwsRecommendationComparison {
  const {prepared, optimum} = context.cache.sized(sizing, aws.plan);
  const lookback = history ? lookbacks.find((l) => l.days === aws.lookbackDays) : undefined;
  const ours = lookback
    ? {
        commitmentPerHour: lookback.best.commitmentPerHour,
        lookbackDays: lookback.days,
        monthlySavings: lookback.best.monthlySavings,
        utilization: lookback.best.utilization,
        hourlyOnDemand: lookback.hourlyOnDemand,
      }
    : {
        commitmentPerHour: optimum.best.commitmentPerHour,
        lookbackDays: null,
        monthlySavings: optimum.best.monthlySavings,
        utilization: optimum.best.utilization,
        hourlyOnDemand: prepared.hourlyOnDemand,
      };
  const differences: RecommendationDifference[] = [
    {kind: 'scope', accountScope: aws.accountScope, accounts: aws.accounts},
  ];
  if (!history) differences.push({kind: 'lookback', aws: aws.lookbackDays, ours: null});
  else {
    const ourDays = ours.lookbackDays ?? prepared.hours / 24;
    if (ourDays !== aws.lookbackDays) differences.push({kind: 'lookback', aws: aws.lookbackDays, ours: ourDays});
  }
  const awsMean = aws.currentAverageHourlyOnDemandSpend;
  if (awsMean !== null && awsMean.minus(ours.hourlyOnDemand.mean).abs().gt(HOURLY_SPEND_TOLERANCE))
    differences.push({kind: 'hourly-spend', aws: awsMean, ours: ours.hourlyOnDemand.mean});
  if (ownedPerHour !== null) differences.push({kind: 'owned', ownedPerHour});
  differences.push({kind: 'rounding'});
  if (aws.generatedAt !== null) differences.push({kind: 'age', generatedAt: aws.generatedAt});
  return {
    source: aws.source,
    generatedAt: aws.generatedAt,
    plan: aws.plan,
    lookbackDays: aws.lookbackDays,
    accountScope: aws.accountScope,
    accounts: aws.accounts,
    aws: {
      commitmentPerHour: aws.hourlyCommitmentToPurchase,
      monthlySavings: aws.estimatedMonthlySavings,
      savingsPercentage: aws.estimatedSavingsPercentage,
      averageUtilization: aws.estimatedAverageUtilization,
      hourlyOnDemand: {
        min: aws.currentMinimumHourlyOnDemandSpend,
        mean: aws.currentAverageHourlyOnDemandSpend,
        max: aws.currentMaximumHourlyOnDemandSpend,
      },
    },
    ours,
    awsOverOurs: awsOver(prepared, aws),
    differences,
  };
}

/** Cost Explorer's commitment priced over this usage (the whole profile), when it recommends one the sweep can price. */
function awsOver(prepared: PreparedPlan, aws: AwsRecommendation): AwsRecommendationComparison['awsOverOurs'] {
  const commitment = aws.hourlyCommitmentToPurchase;
  if (commitment === null || commitment.isNegative()) return null;
  try {
    const cost = costAtCommitment(prepared, commitment);
    return {monthlyCost: cost.monthlyCost, monthlySavings: cost.monthlySavings, utilization: cost.utilization};
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}
