import type {GetSavingsPlansPurchaseRecommendationCommandOutput} from '@aws-sdk/client-cost-explorer';
import {z} from 'zod';
import {EXIT, UserError, untrusted} from '../../errors.js';
import {type Dec, dec, isDecimalString, sum} from '../../money/decimal.js';
import type {AwsRecommendation} from '../../model/owned.js';
import type {PlanId} from '../../model/types.js';
import {type AwsOptions, liveRegion} from '../aws/clients.js';
import {awsUserError} from '../aws/errors.js';
import {createCostExplorerClient} from '../aws/service-clients.js';
import {readJson} from '../files.js';

/**
 * Cost Explorer's Compute Savings Plans purchase recommendation: read live
 * (GetSavingsPlansPurchaseRecommendation, SavingsPlansType COMPUTE_SP, every page by NextPageToken),
 * or from a saved `aws ce get-savings-plans-purchase-recommendation` output. Both go through one
 * parser: the shape is checked (zod), every figure is a decimal string read exactly.
 *
 * The figures: the summary's HourlyCommitmentToPurchase, EstimatedMonthlySavingsAmount and
 * EstimatedSavingsPercentage; from the details (one per account): the average utilization,
 * weighted by each account's hourly commitment, and the current On-Demand spend per hour: the
 * average is the sum of the accounts' averages, the minimum and maximum are an account's own only
 * when there is one account (the minimum of a sum is not the sum of the minimums). A response that
 * recommends nothing (no summary, no details, a count or commitment of 0) has a null commitment and
 * null estimates.
 */

export const PURCHASE_RECOMMENDATION_ACTION = 'ce:GetSavingsPlansPurchaseRecommendation';
export type LookbackDays = 7 | 30 | 60;

const TERMS = {ONE_YEAR: '1y', THREE_YEARS: '3y'} as const;
const PAYMENTS = {NO_UPFRONT: 'no', PARTIAL_UPFRONT: 'partial', ALL_UPFRONT: 'all'} as const;
const LOOKBACKS = {SEVEN_DAYS: 7, THIRTY_DAYS: 30, SIXTY_DAYS: 60} as const;

/** A table's own entry for an untrusted key ("toString" is no term): undefined when it has none. */
function ownValue<T extends object>(table: T, key: string | undefined): T[keyof T] | undefined {
  return key !== undefined && Object.hasOwn(table, key) ? table[key as keyof T] : undefined;
}

const HINT =
  'save it with "aws ce get-savings-plans-purchase-recommendation --savings-plans-type COMPUTE_SP --term-in-years ONE_YEAR --payment-option NO_UPFRONT --lookback-period-in-days THIRTY_DAYS --output json"';

const amount = z.string().max(64).optional();
const detailSchema = z.object({
  AccountId: z.string().max(64).optional(),
  CurrencyCode: z.string().max(16).optional(),
  HourlyCommitmentToPurchase: amount,
  EstimatedAverageUtilization: amount,
  CurrentMinimumHourlyOnDemandSpend: amount,
  CurrentMaximumHourlyOnDemandSpend: amount,
  CurrentAverageHourlyOnDemandSpend: amount,
});
const summarySchema = z.object({
  CurrencyCode: z.string().max(16).optional(),
  HourlyCommitmentToPurchase: amount,
  EstimatedMonthlySavingsAmount: amount,
  EstimatedSavingsPercentage: amount,
  TotalRecommendationCount: amount,
});
const responseSchema = z.object({
  Metadata: z.object({GenerationTimestamp: z.string().max(64).optional()}).optional(),
  SavingsPlansPurchaseRecommendation: z
    .object({
      AccountScope: z.string().max(16).optional(),
      SavingsPlansType: z.string().max(32).optional(),
      TermInYears: z.string().max(32).optional(),
      PaymentOption: z.string().max(32).optional(),
      LookbackPeriodInDays: z.string().max(32).optional(),
      SavingsPlansPurchaseRecommendationDetails: z.array(detailSchema).optional(),
      SavingsPlansPurchaseRecommendationSummary: summarySchema.optional(),
    })
    .optional(),
});

type Response = z.infer<typeof responseSchema>;

/** What was asked, when the response does not echo it (a live read of a response recommending nothing). */
export interface AskedRecommendation {
  readonly plan: PlanId;
  readonly lookbackDays: LookbackDays;
}

/**
 * A GetSavingsPlansPurchaseRecommendation response (the SDK's output, or the JSON the AWS CLI
 * prints) as an AwsRecommendation. `origin` names it in messages (a path, or the API). Anything but
 * the documented shape is a one-line UserError: exit 1 from a file, 3 from AWS.
 */
export function parseAwsRecommendation(
  json: unknown,
  source: 'live' | 'file',
  origin: string,
  asked?: AskedRecommendation,
): AwsRecommendation {
  const exitCode = source === 'file' ? EXIT.input : EXIT.aws;
  const what = source === 'file' ? `${origin} is not get-savings-plans-purchase-recommendation output` : origin;
  const fail = (message: string): never => {
    throw new UserError(`${what}: ${message}`, source === 'file' ? {hint: HINT, exitCode} : {exitCode});
  };
  const parsed = responseSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    return fail(untrusted(`${path}: ${issue.message}`, 160));
  }
  const response: Response = parsed.data;
  const recommendation = response.SavingsPlansPurchaseRecommendation ?? {};
  const decimal = (value: string | undefined, field: string): Dec | null => {
    if (value === undefined || value === '') return null;
    if (!isDecimalString(value)) return fail(`${field} "${untrusted(value, 30)}" is not a decimal number`);
    return dec(value);
  };

  const type = recommendation.SavingsPlansType;
  if (type !== undefined && type !== 'COMPUTE_SP') {
    fail(`it recommends ${untrusted(type, 32)} Savings Plans, not Compute Savings Plans (COMPUTE_SP)`);
  }
  const plan = planOf(recommendation.TermInYears, recommendation.PaymentOption, asked, fail);
  const lookbackText = recommendation.LookbackPeriodInDays;
  let lookbackDays: number;
  if (lookbackText === undefined) {
    if (asked === undefined) return fail('it says no LookbackPeriodInDays');
    lookbackDays = asked.lookbackDays;
  } else {
    const days = ownValue(LOOKBACKS, lookbackText);
    if (days === undefined) return fail(`LookbackPeriodInDays "${untrusted(lookbackText, 32)}" is unknown`);
    lookbackDays = days;
  }

  const details = recommendation.SavingsPlansPurchaseRecommendationDetails ?? [];
  const summary = recommendation.SavingsPlansPurchaseRecommendationSummary;
  const currencies = new Set(
    [summary?.CurrencyCode, ...details.map((detail) => detail.CurrencyCode)].filter(
      (code): code is string => code !== undefined && code !== '',
    ),
  );
  if (currencies.size > 1) fail(`it mixes currencies (${[...currencies].map((c) => untrusted(c, 8)).join(', ')})`);
  const currency = [...currencies][0] ?? 'USD';

  const at = (i: number, field: string) => `SavingsPlansPurchaseRecommendationDetails.${i}.${field}`;
  const rows = details.map((detail, i) => ({
    commitment: decimal(detail.HourlyCommitmentToPurchase, at(i, 'HourlyCommitmentToPurchase')),
    utilization: decimal(detail.EstimatedAverageUtilization, at(i, 'EstimatedAverageUtilization')),
    minimum: decimal(detail.CurrentMinimumHourlyOnDemandSpend, at(i, 'CurrentMinimumHourlyOnDemandSpend')),
    maximum: decimal(detail.CurrentMaximumHourlyOnDemandSpend, at(i, 'CurrentMaximumHourlyOnDemandSpend')),
    average: decimal(detail.CurrentAverageHourlyOnDemandSpend, at(i, 'CurrentAverageHourlyOnDemandSpend')),
  }));
  const inSummary = (field: keyof z.infer<typeof summarySchema>) =>
    decimal(summary?.[field], `SavingsPlansPurchaseRecommendationSummary.${field}`);
  const count = inSummary('TotalRecommendationCount');
  const summaryCommitment = inSummary('HourlyCommitmentToPurchase');
  const detailCommitments = rows.map((row) => row.commitment).filter((value): value is Dec => value !== null);
  const commitment = summaryCommitment ?? (detailCommitments.length > 0 ? sum(detailCommitments) : null);
  const recommendsNothing = commitment === null || commitment.lte(0) || count?.isZero() === true;

  const every = <K extends keyof (typeof rows)[number]>(key: K): Dec[] | null => {
    const values = rows.map((row) => row[key]);
    return values.length > 0 && values.every((value) => value !== null) ? (values as Dec[]) : null;
  };
  const averages = every('average');
  const utilization = (() => {
    const utilizations = every('utilization');
    const commitments = every('commitment');
    if (utilizations === null || commitments === null) return null;
    if (rows.length === 1) return utilizations[0]!;
    const total = sum(commitments);
    if (total.isZero()) return null;
    return sum(utilizations.map((value, i) => value.times(commitments[i]!))).div(total);
  })();
  const single = rows.length === 1 ? rows[0]! : undefined;

  return {
    source,
    generatedAt: response.Metadata?.GenerationTimestamp || null,
    plan,
    lookbackDays,
    accountScope: recommendation.AccountScope || null,
    accounts: new Set(details.map((detail, i) => detail.AccountId ?? `#${i}`)).size,
    hourlyCommitmentToPurchase: recommendsNothing ? null : commitment,
    estimatedMonthlySavings: recommendsNothing ? null : inSummary('EstimatedMonthlySavingsAmount'),
    estimatedSavingsPercentage: recommendsNothing ? null : inSummary('EstimatedSavingsPercentage'),
    estimatedAverageUtilization: recommendsNothing ? null : utilization,
    currentAverageHourlyOnDemandSpend: averages === null ? null : sum(averages),
    currentMinimumHourlyOnDemandSpend: single?.minimum ?? null,
    currentMaximumHourlyOnDemandSpend: single?.maximum ?? null,
    currency,
  };
}

function planOf(
  term: string | undefined,
  payment: string | undefined,
  asked: AskedRecommendation | undefined,
  fail: (message: string) => never,
): PlanId {
  if (term === undefined && payment === undefined && asked !== undefined) return asked.plan;
  const t = ownValue(TERMS, term);
  if (t === undefined)
    return fail(`TermInYears ${term === undefined ? 'is missing' : `"${untrusted(term, 32)}" is unknown`}`);
  const p = ownValue(PAYMENTS, payment);
  if (p === undefined) {
    return fail(`PaymentOption ${payment === undefined ? 'is missing' : `"${untrusted(payment, 32)}" is unknown`}`);
  }
  return `compute-${t}-${p}-upfront`;
}

/** A saved `aws ce get-savings-plans-purchase-recommendation --output json`. */
export async function readAwsRecommendationFile(path: string, shownAs: string = path): Promise<AwsRecommendation> {
  return parseAwsRecommendation(await readJson(path, shownAs), 'file', shownAs);
}

export interface RecommendationRequest {
  readonly plan: PlanId;
  readonly lookbackDays: LookbackDays;
  /** PAYER (the organization's, from its management account) or LINKED (this account's); Cost Explorer's default when absent. */
  readonly accountScope?: 'PAYER' | 'LINKED' | undefined;
}

const TERM_OF = {'1y': 'ONE_YEAR', '3y': 'THREE_YEARS'} as const;
const PAYMENT_OF = {no: 'NO_UPFRONT', partial: 'PARTIAL_UPFRONT', all: 'ALL_UPFRONT'} as const;
const LOOKBACK_OF = {7: 'SEVEN_DAYS', 30: 'THIRTY_DAYS', 60: 'SIXTY_DAYS'} as const;

/** The recommendation, live: every page's details, the first page's metadata and summary. */
export async function readAwsRecommendation(
  options: AwsOptions,
  request: RecommendationRequest,
): Promise<AwsRecommendation> {
  const [, term, payment] = /^compute-(1y|3y)-(no|partial|all)-upfront$/.exec(request.plan) as unknown as [
    string,
    '1y' | '3y',
    'no' | 'partial' | 'all',
  ];
  const {client, sdk} = await createCostExplorerClient(options, liveRegion(options).region);
  const pages: GetSavingsPlansPurchaseRecommendationCommandOutput[] = [];
  try {
    const seen = new Set<string>();
    let token: string | undefined;
    do {
      const page = await client.send(
        new sdk.GetSavingsPlansPurchaseRecommendationCommand({
          SavingsPlansType: 'COMPUTE_SP',
          TermInYears: TERM_OF[term],
          PaymentOption: PAYMENT_OF[payment],
          LookbackPeriodInDays: LOOKBACK_OF[request.lookbackDays],
          ...(request.accountScope ? {AccountScope: request.accountScope} : {}),
          ...(token ? {NextPageToken: token} : {}),
        }),
      );
      pages.push(page);
      token = page.NextPageToken || undefined;
      if (token !== undefined) {
        if (seen.has(token)) {
          throw new UserError('Cost Explorer returned the same NextPageToken twice (a paging loop)', {
            exitCode: EXIT.aws,
          });
        }
        seen.add(token);
      }
    } while (token !== undefined);
  } catch (error) {
    throw awsUserError(error, PURCHASE_RECOMMENDATION_ACTION);
  } finally {
    client.destroy();
  }
  const first = pages[0]!;
  const merged = {
    ...first,
    SavingsPlansPurchaseRecommendation: first.SavingsPlansPurchaseRecommendation && {
      ...first.SavingsPlansPurchaseRecommendation,
      SavingsPlansPurchaseRecommendationDetails: pages.flatMap(
        (page) => page.SavingsPlansPurchaseRecommendation?.SavingsPlansPurchaseRecommendationDetails ?? [],
      ),
    },
  };
  return parseAwsRecommendation(merged, 'live', `Cost Explorer's ${PURCHASE_RECOMMENDATION_ACTION}`, {
    plan: request.plan,
    lookbackDays: request.lookbackDays,
  });
}
