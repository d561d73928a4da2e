import {describe, expect, it, vi} from 'vitest';
import {fargateShareOf} from '../../../src/analysis/owned-share.js';
import {isUserError, type UserError} from '../../../src/errors.js';
import {readFargateShare} from '../../../src/sources/cost-explorer/share-live.js';
import {denied, type FakeFailure, fakeServicePerTest, fastRetries, pageOf, THROTTLED} from '../aws/fake-service.js';

/**
 * Response shapes from the Cost Explorer API reference (GetSavingsPlansUtilization: Total
 * {Utilization, Savings, AmortizedCommitment}; GetCostAndUsage: ResultsByTime [{TimePeriod, Total
 * {<metric>: {Amount, Unit}}, Groups, Estimated}], NextPageToken); every amount is a string.
 */
const UTILIZATION = {
  Total: {
    Utilization: {
      TotalCommitment: '730.0000000000',
      UsedCommitment: '600.0000000000',
      UnusedCommitment: '130.0000000000',
      UtilizationPercentage: '82.1917808219',
    },
    Savings: {NetSavings: '310.12', OnDemandCostEquivalent: '1040.12'},
    AmortizedCommitment: {
      AmortizedRecurringCommitment: '730.0000000000',
      AmortizedUpfrontCommitment: '0',
      TotalAmortizedCommitment: '730.0000000000',
    },
  },
  SavingsPlansUtilizationsByTime: [],
};

const month = (start: string, end: string, amount: string) => ({
  TimePeriod: {Start: start, End: end},
  Total: {AmortizedCost: {Amount: amount, Unit: 'USD'}},
  Groups: [],
  Estimated: false,
});
const MONTHS = [month('2026-08-01', '2026-09-01', '70.25'), month('2026-09-01', '2026-10-01', '129.75')];

async function caught(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isUserError(error)) throw new Error(`expected a user error, got ${String(error)}`);
  return error;
}

describe('readFargateShare', () => {
  const serve = fakeServicePerTest();
  const start = (
    fail?: (request: any, attempt: number) => FakeFailure | undefined,
    utilization: unknown = UTILIZATION,
    months = MONTHS,
  ) =>
    serve({
      protocol: 'json',
      endpointVariable: 'COST_EXPLORER',
      fail,
      answer: (api, body) => {
        if (api === 'GetSavingsPlansUtilization') return utilization;
        if (api === 'GetCostAndUsage') {
          const page = pageOf(months, 1, body.NextPageToken);
          return {
            ResultsByTime: page.items,
            DimensionValueAttributes: [],
            ...(page.next ? {NextPageToken: page.next} : {}),
          };
        }
        return undefined;
      },
    });
  const period = {start: '2026-08-01', end: '2026-10-01'};

  it("measures Compute commitment and Fargate's covered usage at its effective cost, over every page", async () => {
    const fake = await start();
    const m = await readFargateShare(fastRetries(), period);
    expect(fake.calls('GetSavingsPlansUtilization').map((call) => call.body)).toEqual([
      {
        TimePeriod: {Start: '2026-08-01', End: '2026-10-01'},
        Filter: {Dimensions: {Key: 'SAVINGS_PLANS_TYPE', Values: ['ComputeSavingsPlans']}},
      },
    ]);
    const usage = fake.calls('GetCostAndUsage');
    expect(usage).toHaveLength(2);
    expect(usage[0]!.body).toEqual({
      TimePeriod: {Start: '2026-08-01', End: '2026-10-01'},
      Granularity: 'MONTHLY',
      Metrics: ['AmortizedCost'],
      Filter: {
        And: [
          {Dimensions: {Key: 'SERVICE', Values: ['Amazon Elastic Container Service']}},
          {Dimensions: {Key: 'RECORD_TYPE', Values: ['SavingsPlanCoveredUsage']}},
        ],
      },
    });
    expect([m.start, m.end]).toEqual(['2026-08-01', '2026-10-01']);
    expect(m.totalCommitment.toString()).toBe('730');
    expect(m.usedCommitment.toString()).toBe('600');
    // 70.25 + 129.75
    expect(m.fargateCommitment.toString()).toBe('200');
    // Others used 400 of 730: 330/730 is Fargate's to use.
    expect(fargateShareOf(m).times(730).toString()).toBe('330');
  });

  it('measures 0 of 0 when Cost Explorer has no Savings Plans data', async () => {
    await start((request) =>
      request.api === 'GetSavingsPlansUtilization'
        ? {status: 400, type: 'DataUnavailableException', message: 'Data is not available.'}
        : undefined,
    );
    const m = await readFargateShare(fastRetries(), period);
    expect([m.totalCommitment.toString(), m.usedCommitment.toString(), m.fargateCommitment.toString()]).toEqual([
      '0',
      '0',
      '200',
    ]);
  });

  it('retries throttled calls', async () => {
    const fake = await start((_request, attempt) => (attempt === 1 ? THROTTLED : undefined));
    const m = await readFargateShare(fastRetries(), period);
    expect(m.fargateCommitment.toString()).toBe('200');
    expect(fake.calls('GetSavingsPlansUtilization')).toHaveLength(2);
    expect(fake.calls('GetCostAndUsage')).toHaveLength(4);
  });

  it.each([
    ['GetSavingsPlansUtilization', 'ce:GetSavingsPlansUtilization'],
    ['GetCostAndUsage', 'ce:GetCostAndUsage'],
  ])('says which IAM action is denied when %s is', async (api, action) => {
    await start((request) => (request.api === api ? denied(action) : undefined));
    const error = await caught(readFargateShare(fastRetries(), period));
    expect(error.message).toMatch(new RegExp(`^AWS denied ${action}: `));
    expect(error.hint).toContain(`grant the IAM action ${action}`);
    expect(error.exitCode).toBe(3);
  });

  it('refuses an amount that is no decimal, and a period that is none', async () => {
    await start(undefined, {Total: {Utilization: {TotalCommitment: 'lots', UsedCommitment: '1'}}});
    expect((await caught(readFargateShare(fastRetries(), period))).message).toBe(
      'Cost Explorer\'s TotalCommitment "lots" is not a decimal number',
    );
    expect((await caught(readFargateShare(fastRetries(), {start: '2026-10-01', end: '2026-08-01'}))).exitCode).toBe(2);
  });

  it('refuses a bad endpoint URL before any call', async () => {
    const fake = await start();
    vi.stubEnv('AWS_ENDPOINT_URL_COST_EXPLORER', 'http://');
    const error = await caught(readFargateShare(fastRetries(), period));
    expect(error.message).toBe('AWS_ENDPOINT_URL_COST_EXPLORER "http://" is not an http or https URL');
    expect(fake.requests).toHaveLength(0);
  });
});
