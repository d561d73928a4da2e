import {readFileSync} from 'node:fs';
import fc from 'fast-check';
import {describe, expect, it, vi} from 'vitest';
import {parseJsonText} from '../../../src/sources/files.js';
import {isUserError, type UserError} from '../../../src/errors.js';
import type {AwsRecommendation} from '../../../src/model/owned.js';
import {
  parseAwsRecommendation,
  readAwsRecommendation,
  readAwsRecommendationFile,
} from '../../../src/sources/cost-explorer/recommendation.js';
import {mutate, mutation} from '../../helpers/mutate.js';
import {denied, type FakeFailure, fakeServicePerTest, fastRetries, pageOf, THROTTLED} from '../aws/fake-service.js';

const ONE = 'test/fixtures/cost-explorer/purchase-recommendation__compute-1y-no-upfront.json';
const NOTHING = 'test/fixtures/cost-explorer/purchase-recommendation__nothing.json';
const SAMPLE = JSON.parse(readFileSync(ONE, 'utf8')) as any;

async function caught(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isUserError(error)) throw new Error(`expected a user error, got ${String(error)}`);
  return error;
}

/** The figures as strings, for exact comparison. */
function figures(r: AwsRecommendation) {
  const text = (d: {toString(): string} | null) => (d === null ? null : d.toString());
  return {
    ...r,
    hourlyCommitmentToPurchase: text(r.hourlyCommitmentToPurchase),
    estimatedMonthlySavings: text(r.estimatedMonthlySavings),
    estimatedSavingsPercentage: text(r.estimatedSavingsPercentage),
    estimatedAverageUtilization: text(r.estimatedAverageUtilization),
    currentAverageHourlyOnDemandSpend: text(r.currentAverageHourlyOnDemandSpend),
    currentMinimumHourlyOnDemandSpend: text(r.currentMinimumHourlyOnDemandSpend),
    currentMaximumHourlyOnDemandSpend: text(r.currentMaximumHourlyOnDemandSpend),
  };
}

describe('a saved recommendation', () => {
  it('reads the documented shape exactly', async () => {
    expect(figures(await readAwsRecommendationFile(ONE))).toEqual({
      source: 'file',
      generatedAt: '2024-05-01T09:12:41Z',
      plan: 'compute-1y-no-upfront',
      lookbackDays: 30,
      accountScope: 'PAYER',
      accounts: 1,
      hourlyCommitmentToPurchase: '0.412',
      estimatedMonthlySavings: '152.17',
      estimatedSavingsPercentage: '33.6',
      estimatedAverageUtilization: '99.1',
      currentAverageHourlyOnDemandSpend: '0.62',
      currentMinimumHourlyOnDemandSpend: '0.52',
      currentMaximumHourlyOnDemandSpend: '0.71',
      currency: 'USD',
    });
  });

  it('reads a recommendation of nothing as a null commitment', async () => {
    const r = figures(await readAwsRecommendationFile(NOTHING));
    expect(r).toMatchObject({
      plan: 'compute-3y-all-upfront',
      lookbackDays: 7,
      accountScope: 'LINKED',
      accounts: 0,
      hourlyCommitmentToPurchase: null,
      estimatedMonthlySavings: null,
      estimatedAverageUtilization: null,
      currentAverageHourlyOnDemandSpend: null,
    });
    // Without any summary or details at all, the same.
    const bare = structuredClone(SAMPLE);
    delete bare.SavingsPlansPurchaseRecommendation.SavingsPlansPurchaseRecommendationSummary;
    bare.SavingsPlansPurchaseRecommendation.SavingsPlansPurchaseRecommendationDetails = [];
    expect(parseAwsRecommendation(bare, 'file', 'bare.json').hourlyCommitmentToPurchase).toBeNull();
  });

  it('refuses another plan type, a figure that is no decimal, a wrong shape: one line, exit 1', () => {
    const other = structuredClone(SAMPLE);
    other.SavingsPlansPurchaseRecommendation.SavingsPlansType = 'EC2_INSTANCE_SP';
    expect(() => parseAwsRecommendation(other, 'file', 'r.json')).toThrowProblem(
      'r.json is not get-savings-plans-purchase-recommendation output: it recommends EC2_INSTANCE_SP Savings Plans, not Compute Savings Plans (COMPUTE_SP) (save it with "aws ce get-savings-plans-purchase-recommendation',
    );
    const float = structuredClone(SAMPLE);
    float.SavingsPlansPurchaseRecommendation.SavingsPlansPurchaseRecommendationSummary.HourlyCommitmentToPurchase =
      '0.4\u001b[2J';
    expect(() => parseAwsRecommendation(float, 'file', 'r.json')).toThrowProblem(
      'r.json is not get-savings-plans-purchase-recommendation output: SavingsPlansPurchaseRecommendationSummary.HourlyCommitmentToPurchase "0.4\\x1b[2J" is not a decimal number',
    );
    const number = structuredClone(SAMPLE);
    number.SavingsPlansPurchaseRecommendation.SavingsPlansPurchaseRecommendationDetails[0].UpfrontCost = 0;
    number.SavingsPlansPurchaseRecommendation.SavingsPlansPurchaseRecommendationDetails[0].HourlyCommitmentToPurchase = 0.412;
    expect(() => parseAwsRecommendation(number, 'file', 'r.json')).toThrowProblem(
      'SavingsPlansPurchaseRecommendationDetails.0.HourlyCommitmentToPurchase: Invalid input: expected string, received number',
    );
    expect(() => parseAwsRecommendation([], 'file', 'r.json')).toThrowProblem('(top level)');
    // A name every object has is no term either (the property test found "toString").
    for (const name of ['toString', 'constructor', '__proto__']) {
      const inherited = structuredClone(SAMPLE);
      inherited.SavingsPlansPurchaseRecommendation.TermInYears = name;
      expect(() => parseAwsRecommendation(inherited, 'file', 'r.json')).toThrowProblem(
        `TermInYears "${name}" is unknown`,
      );
      const payment = structuredClone(SAMPLE);
      payment.SavingsPlansPurchaseRecommendation.PaymentOption = name;
      expect(() => parseAwsRecommendation(payment, 'file', 'r.json')).toThrowProblem(
        `PaymentOption "${name}" is unknown`,
      );
    }
    const term = structuredClone(SAMPLE);
    term.SavingsPlansPurchaseRecommendation.TermInYears = 'FIVE_YEARS';
    expect(() => parseAwsRecommendation(term, 'file', 'r.json')).toThrowProblem('TermInYears "FIVE_YEARS" is unknown');
    try {
      parseAwsRecommendation(term, 'file', 'r.json');
    } catch (error) {
      expect((error as UserError).exitCode).toBe(1);
    }
  });

  it('never fails but with a one-line user error, however the file is mutated', () => {
    // The file's text as readAwsRecommendationFile parses it (readJson = readText + parseJsonText), in
    // memory: 300 files written and read would make the test's time depend on the machine's load.
    const base = readFileSync(ONE);
    fc.assert(
      fc.property(fc.array(mutation, {minLength: 1, maxLength: 4}), (mutations) => {
        const text = mutate(base, mutations).toString('utf8');
        try {
          const r = parseAwsRecommendation(parseJsonText(text, 'r.json'), 'file', 'r.json');
          expect([
            'compute-1y-no-upfront',
            'compute-1y-partial-upfront',
            'compute-1y-all-upfront',
            'compute-3y-no-upfront',
            'compute-3y-partial-upfront',
            'compute-3y-all-upfront',
          ]).toContain(r.plan);
        } catch (error) {
          if (!isUserError(error)) throw error;
          expect(error.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
        }
      }),
      {numRuns: 300},
    );
  });
});

describe('readAwsRecommendation (live)', () => {
  const serve = fakeServicePerTest();
  const TWO_ACCOUNTS = [
    {
      ...SAMPLE.SavingsPlansPurchaseRecommendation.SavingsPlansPurchaseRecommendationDetails[0],
      AccountId: '111111111111',
      HourlyCommitmentToPurchase: '0.4',
      EstimatedAverageUtilization: '90',
    },
    {
      ...SAMPLE.SavingsPlansPurchaseRecommendation.SavingsPlansPurchaseRecommendationDetails[0],
      AccountId: '222222222222',
      HourlyCommitmentToPurchase: '0.1',
      EstimatedAverageUtilization: '100',
      CurrentAverageHourlyOnDemandSpend: '0.2',
    },
  ];
  const start = (details: unknown[], fail?: (request: any, attempt: number) => FakeFailure | undefined, pageSize = 1) =>
    serve({
      protocol: 'json',
      endpointVariable: 'COST_EXPLORER',
      fail,
      answer: (api, body) => {
        if (api !== 'GetSavingsPlansPurchaseRecommendation') return undefined;
        const page = pageOf(details, pageSize, body.NextPageToken);
        return {
          Metadata: SAMPLE.Metadata,
          SavingsPlansPurchaseRecommendation: {
            ...SAMPLE.SavingsPlansPurchaseRecommendation,
            AccountScope: body.AccountScope ?? 'PAYER',
            TermInYears: body.TermInYears,
            PaymentOption: body.PaymentOption,
            LookbackPeriodInDays: body.LookbackPeriodInDays,
            SavingsPlansPurchaseRecommendationSummary: {
              ...SAMPLE.SavingsPlansPurchaseRecommendation.SavingsPlansPurchaseRecommendationSummary,
              HourlyCommitmentToPurchase: '0.5',
            },
            SavingsPlansPurchaseRecommendationDetails: page.items,
          },
          ...(page.next ? {NextPageToken: page.next} : {}),
        };
      },
    });

  it('asks for Compute Savings Plans of the plan and lookback, and merges every page', async () => {
    const fake = await start(TWO_ACCOUNTS);
    const r = figures(
      await readAwsRecommendation(fastRetries(), {
        plan: 'compute-3y-partial-upfront',
        lookbackDays: 60,
        accountScope: 'LINKED',
      }),
    );
    const calls = fake.calls('GetSavingsPlansPurchaseRecommendation');
    expect(calls.map((call) => call.body)).toEqual([
      {
        SavingsPlansType: 'COMPUTE_SP',
        TermInYears: 'THREE_YEARS',
        PaymentOption: 'PARTIAL_UPFRONT',
        LookbackPeriodInDays: 'SIXTY_DAYS',
        AccountScope: 'LINKED',
      },
      {
        SavingsPlansType: 'COMPUTE_SP',
        TermInYears: 'THREE_YEARS',
        PaymentOption: 'PARTIAL_UPFRONT',
        LookbackPeriodInDays: 'SIXTY_DAYS',
        AccountScope: 'LINKED',
        NextPageToken: Buffer.from('offset=1').toString('base64'),
      },
    ]);
    expect(r).toMatchObject({
      source: 'live',
      plan: 'compute-3y-partial-upfront',
      lookbackDays: 60,
      accounts: 2,
      hourlyCommitmentToPurchase: '0.5',
      // (90 x 0.4 + 100 x 0.1) / 0.5 = 92; 0.62 + 0.2 an hour on average; no minimum or maximum of the sum.
      estimatedAverageUtilization: '92',
      currentAverageHourlyOnDemandSpend: '0.82',
      currentMinimumHourlyOnDemandSpend: null,
      currentMaximumHourlyOnDemandSpend: null,
    });
  });

  it('retries a throttled page', async () => {
    const fake = await start(TWO_ACCOUNTS, (request, attempt) =>
      request.body.NextPageToken && attempt === 1 ? THROTTLED : undefined,
    );
    const r = await readAwsRecommendation(fastRetries(), {plan: 'compute-1y-no-upfront', lookbackDays: 30});
    expect(r.accounts).toBe(2);
    expect(fake.requests).toHaveLength(3);
  });

  it('says which IAM action is denied, exit 3', async () => {
    await start(TWO_ACCOUNTS, () => denied('ce:GetSavingsPlansPurchaseRecommendation'));
    const error = await caught(readAwsRecommendation(fastRetries(), {plan: 'compute-1y-no-upfront', lookbackDays: 7}));
    expect(error.message).toMatch(/^AWS denied ce:GetSavingsPlansPurchaseRecommendation: User: /);
    expect(error.hint).toContain('grant the IAM action ce:GetSavingsPlansPurchaseRecommendation');
    expect(error.exitCode).toBe(3);
  });

  it('refuses a bad endpoint URL before any call', async () => {
    const fake = await start(TWO_ACCOUNTS);
    vi.stubEnv('AWS_ENDPOINT_URL_COST_EXPLORER', 'ftp://example.com');
    const error = await caught(readAwsRecommendation(fastRetries(), {plan: 'compute-1y-no-upfront', lookbackDays: 7}));
    expect(error.message).toBe('AWS_ENDPOINT_URL_COST_EXPLORER "ftp://example.com" is not an http or https URL');
    expect(fake.requests).toHaveLength(0);
  });
});
