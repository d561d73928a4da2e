import type {AwsRecommendationComparison, OwnedSummary, RecommendationDifference} from '../model/compare.js';
import type {Dec} from '../money/decimal.js';
import {formatPercent} from '../money/format.js';
import {planLabel} from './compare-text.js';
import {type MoneyFormat, showAmount, USD_MONEY} from './money.js';
import type {Style} from './style.js';

/** Owned Savings Plans and Cost Explorer's recommendation: JSON and words, for every format and the terminal UI. */

const str = (value: Dec | null): string | null => (value === null ? null : value.toString());
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function ownedJson(owned: OwnedSummary | null) {
  if (owned === null) return null;
  return {
    share: owned.share.toString(),
    shareSource: owned.shareSource,
    shareMeasurement: owned.shareMeasurement && {
      start: owned.shareMeasurement.start,
      end: owned.shareMeasurement.end,
      totalCommitment: owned.shareMeasurement.totalCommitment.toString(),
      usedCommitment: owned.shareMeasurement.usedCommitment.toString(),
      fargateCommitment: owned.shareMeasurement.fargateCommitment.toString(),
    },
    plans: owned.plans.map((plan) => ({
      id: plan.id,
      plan: plan.plan,
      label: planLabel(plan.plan),
      source: plan.source,
      commitmentPerHour: plan.commitmentPerHour.toString(),
      fargateCommitmentPerHour: plan.fargateCommitmentPerHour.toString(),
      start: iso(plan.startMs),
      end: iso(plan.endMs),
      activeHours: plan.activeHours,
      monthlyCost: plan.monthlyCost.toString(),
      monthlyUsed: plan.monthlyUsed.toString(),
      utilization: str(plan.utilization),
    })),
    fargateCommitmentPerHour: owned.plans
      .reduce((total, plan) => total.plus(plan.fargateCommitmentPerHour), owned.share.times(0))
      .toString(),
    monthlyCost: owned.monthlyCost.toString(),
    monthlyUsed: owned.monthlyUsed.toString(),
    utilization: str(owned.utilization),
    coverage: str(owned.coverage),
    nothingMoreToBuy: owned.nothingMoreToBuy,
    lookaheadDays: owned.lookaheadDays,
    expiring: owned.expiring.map((plan) => ({
      id: plan.id,
      plan: plan.plan,
      end: new Date(plan.endMs).toISOString(),
      daysLeft: plan.daysLeft,
      monthlyCostOfNotRenewing: plan.monthlyCostOfNotRenewing.toString(),
    })),
  };
}

export function differenceText(difference: RecommendationDifference, money: MoneyFormat = USD_MONEY): string {
  switch (difference.kind) {
    case 'scope': {
      const scope = difference.accountScope === null ? '' : ` (${difference.accountScope.toLowerCase()} scope)`;
      return `Cost Explorer sizes over every Compute Savings Plans-eligible dollar of the account${scope}, EC2 and Lambda included; this sizes over the Fargate usage given`;
    }
    case 'lookback':
      return difference.ours === null
        ? `Cost Explorer looked back ${difference.aws} days at what ran; this sizes a modelled month of the configured schedule`
        : `Cost Explorer looked back ${difference.aws} days; this looked at ${Number.isInteger(difference.ours) ? difference.ours : difference.ours.toFixed(1)} days`;
    case 'hourly-spend':
      return `Cost Explorer saw ${showAmount(money, difference.aws, 3)}/h of eligible On-Demand spend on average; this usage has ${showAmount(money, difference.ours, 3)}/h`;
    case 'owned':
      return `Cost Explorer counts the plans the account owns in full; this assumed ${showAmount(money, difference.ownedPerHour, 3)}/h of them for Fargate`;
    case 'rounding':
      return 'Cost Explorer rounds its commitment and its estimates; this gives the exact optimum and the best $0.001 step';
    case 'age':
      return `Cost Explorer generated its recommendation at ${difference.generatedAt}; usage since then is not in it`;
  }
}

export function awsRecommendationJson(comparison: AwsRecommendationComparison | null) {
  if (comparison === null) return null;
  const aws = comparison.aws;
  return {
    source: comparison.source,
    generatedAt: comparison.generatedAt,
    plan: comparison.plan,
    lookbackDays: comparison.lookbackDays,
    accountScope: comparison.accountScope,
    accounts: comparison.accounts,
    aws: {
      commitmentPerHour: str(aws.commitmentPerHour),
      monthlySavings: str(aws.monthlySavings),
      savingsPercent: str(aws.savingsPercentage),
      averageUtilizationPercent: str(aws.averageUtilization),
      hourlyOnDemand: {
        min: str(aws.hourlyOnDemand.min),
        mean: str(aws.hourlyOnDemand.mean),
        max: str(aws.hourlyOnDemand.max),
      },
    },
    ours: comparison.ours && {
      commitmentPerHour: comparison.ours.commitmentPerHour.toString(),
      lookbackDays: comparison.ours.lookbackDays,
      monthlySavings: comparison.ours.monthlySavings.toString(),
      utilization: str(comparison.ours.utilization),
      hourlyOnDemand: {
        min: comparison.ours.hourlyOnDemand.min.toString(),
        mean: comparison.ours.hourlyOnDemand.mean.toString(),
        max: comparison.ours.hourlyOnDemand.max.toString(),
      },
    },
    awsOverThisUsage: comparison.awsOverOurs && {
      monthlyCost: comparison.awsOverOurs.monthlyCost.toString(),
      monthlySavings: comparison.awsOverOurs.monthlySavings.toString(),
      utilization: str(comparison.awsOverOurs.utilization),
    },
    differences: comparison.differences.map((d) => differenceText(d)),
  };
}

/** The owned plans section of the text and Markdown reports. */
export function ownedLines(owned: OwnedSummary | null, style: Style): string[] {
  if (owned === null) return [];
  const money = style.money;
  const share =
    owned.shareSource === 'default'
      ? '100% of it assumed available to Fargate (--owned-share says otherwise)'
      : `${formatPercent(owned.share)} of it available to Fargate (${owned.shareSource === 'live' ? 'from Cost Explorer' : '--owned-share'})`;
  const out = [style.bold('Owned Savings Plans, applied first, hour by hour'), `  ${share}`];
  for (const plan of owned.plans) {
    const from = plan.startMs === null ? '' : ` from ${day(plan.startMs)}`;
    const until = plan.endMs === null ? '' : ` until ${day(plan.endMs - 1)}`;
    const dates = from || until ? `,${from}${until}` : '';
    const used = plan.utilization === null ? '' : `, ${formatPercent(plan.utilization)} used by Fargate`;
    out.push(
      `  ${plan.id ?? 'stated'}: ${planLabel(plan.plan)} ${showAmount(money, plan.commitmentPerHour, 3)}/h` +
        ` (Fargate ${showAmount(money, plan.fargateCommitmentPerHour, 3)}/h)${dates}${used}`,
    );
  }
  const coverage = owned.coverage === null ? '' : `, covering ${formatPercent(owned.coverage)} of eligible usage`;
  out.push(
    `  ${showAmount(money, owned.monthlyCost)} a month of owned commitment${coverage}; the Savings Plan rows below are what to buy on top`,
  );
  if (owned.nothingMoreToBuy)
    out.push(
      `  ${style.bold('Nothing more to buy')}: the owned plans already cover what a commitment would pay off on`,
    );
  for (const plan of owned.expiring) {
    const cost = plan.monthlyCostOfNotRenewing;
    const effect = cost.isNegative()
      ? `not renewing it saves ${showAmount(money, cost.negated())} a month (it is under-used)`
      : `not renewing it costs ${showAmount(money, cost)} a month more`;
    out.push(
      `  ${plan.id ?? 'stated plan'} ends after ${day(plan.endMs - 1)} (in ${plan.daysLeft === 1 ? '1 day' : `${plan.daysLeft} days`}): ${effect}`,
    );
  }
  out.push('');
  return out;
}

/** Cost Explorer's recommendation beside this one's. */
export function awsRecommendationLines(comparison: AwsRecommendationComparison | null, style: Style): string[] {
  if (comparison === null) return [];
  const money = style.money;
  const aws = comparison.aws;
  const ours = comparison.ours;
  const out = [
    style.bold(
      `Cost Explorer's recommendation (${planLabel(comparison.plan)}, ${comparison.lookbackDays}-day look-back)`,
    ),
  ];
  out.push(
    aws.commitmentPerHour === null
      ? '  Cost Explorer: buy nothing'
      : `  Cost Explorer: ${showAmount(money, aws.commitmentPerHour, 3)}/h` +
          (aws.monthlySavings === null
            ? ''
            : `, saves ${showAmount(money, aws.monthlySavings)} a month on its estimate`),
  );
  if (ours)
    out.push(
      `  This tool:     ${showAmount(money, ours.commitmentPerHour, 3)}/h, saves ${showAmount(money, ours.monthlySavings)} a month` +
        (ours.lookbackDays === null ? ' (over the whole usage)' : ` (last ${ours.lookbackDays} days)`),
    );
  if (comparison.awsOverOurs)
    out.push(
      `  Cost Explorer's commitment over this usage: ${showAmount(money, comparison.awsOverOurs.monthlyCost)} a month, saves ${showAmount(money, comparison.awsOverOurs.monthlySavings)}`,
    );
  out.push('  Why they can differ:');
  for (const difference of comparison.differences) out.push(`  - ${differenceText(difference, money)}`);
  out.push('');
  return out;
}
