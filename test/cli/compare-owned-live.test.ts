import {readFileSync} from 'node:fs';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {dec} from '../../src/money/decimal.js';
import {runCli} from '../helpers/cli.js';
import {pageOf, startFakeService} from '../sources/aws/fake-service.js';

/**
 * compare with what the account owns read live: DescribeSavingsPlans (Savings Plans) and Cost
 * Explorer (the Fargate share, the purchase recommendation), each a loopback fake of the real
 * protocol built from the documented shapes, reached through AWS_ENDPOINT_URL_<SERVICE>.
 */

const SAMPLE = JSON.parse(
  readFileSync('test/fixtures/aws-samples/savingsplans/describe-savings-plans__shape.json', 'utf8'),
) as {savingsPlans: Record<string, unknown>[]};
const RECOMMENDATION = JSON.parse(
  readFileSync('test/fixtures/cost-explorer/purchase-recommendation__compute-1y-no-upfront.json', 'utf8'),
);
const now = new Date('2026-12-01T00:00:00Z');

// The documented Compute plan ($0.50/h, 1 yr No Upfront), moved to a year ending 2027-01-01; and an
// EC2 Instance plan, which never covers Fargate.
const plans = [
  {...SAMPLE.savingsPlans[0], start: '2026-01-01T00:00:00.000Z', end: '2027-01-01T00:00:00.000Z'},
  {...SAMPLE.savingsPlans[1], state: 'active', start: '2026-01-01T00:00:00.000Z', end: '2029-01-01T00:00:00.000Z'},
];

const servers: {close: () => Promise<void>}[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  vi.unstubAllEnvs();
});

async function fakes() {
  const savingsPlans = await startFakeService({
    protocol: 'rest-json',
    endpointVariable: 'SAVINGSPLANS',
    answer: (api, body) => {
      if (api !== 'DescribeSavingsPlans') return undefined;
      const page = pageOf(plans, 1, body.nextToken);
      return {savingsPlans: page.items, ...(page.next ? {nextToken: page.next} : {})};
    },
  });
  const costExplorer = await startFakeService({
    protocol: 'json',
    endpointVariable: 'COST_EXPLORER',
    answer: (api) => {
      if (api === 'GetSavingsPlansUtilization')
        return {
          Total: {
            Utilization: {
              TotalCommitment: '365',
              UsedCommitment: '300',
              UnusedCommitment: '65',
              UtilizationPercentage: '82.19',
            },
          },
          SavingsPlansUtilizationsByTime: [],
        };
      if (api === 'GetCostAndUsage')
        return {
          ResultsByTime: [
            {
              TimePeriod: {Start: '2026-11-01', End: '2026-12-01'},
              Total: {AmortizedCost: {Amount: '100', Unit: 'USD'}},
              Groups: [],
              Estimated: false,
            },
          ],
          DimensionValueAttributes: [],
        };
      if (api === 'GetSavingsPlansPurchaseRecommendation') return RECOMMENDATION;
      return undefined;
    },
  });
  servers.push(savingsPlans, costExplorer);
  // The SDK reads credentials and endpoints from the process environment.
  const env: Record<string, string | undefined> = {
    AWS_ACCESS_KEY_ID: 'AKIDFAKE',
    AWS_SECRET_ACCESS_KEY: 'fake',
    AWS_CONFIG_FILE: '/nonexistent/config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_REGION: 'us-east-1',
    AWS_RETRY_MODE: 'standard',
    AWS_ENDPOINT_URL_SAVINGSPLANS: savingsPlans.url,
    AWS_ENDPOINT_URL_COST_EXPLORER: costExplorer.url,
    AWS_PROFILE: undefined,
    AWS_SESSION_TOKEN: undefined,
    AWS_ENDPOINT_URL: undefined,
  };
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  return {savingsPlans, costExplorer, env: process.env};
}

describe('compare --owned-savings-plans live --owned-share live --aws-recommendation live', () => {
  it('applies the Compute plan at the share Cost Explorer measured, and shows Cost Explorer beside the optimum', async () => {
    const {env, costExplorer} = await fakes();
    const {code, stdout, stderr} = await runCli(
      [
        'compare',
        '--cpu',
        '1',
        '--memory',
        '2',
        '--count',
        '3',
        '--owned-savings-plans',
        'live',
        '--owned-share',
        'live',
        '--aws-recommendation',
        'live',
        '--plans',
        'sp-1y',
        '--format',
        'json',
      ],
      {env, now},
    );
    expect({code, stderr}).toEqual({code: 0, stderr: ''});
    const json = JSON.parse(stdout);
    // Others used 300 - 100 = 200 of 365: 165/365 of the commitment is available to Fargate.
    expect(json.owned.shareSource).toBe('live');
    expect(json.owned.share).toBe(dec(1).minus(dec(200).div(365)).toString());
    expect(json.owned.plans).toHaveLength(1);
    expect(json.owned.plans[0]).toMatchObject({
      id: '7c3e1f2a-5b4d-4e6f-9a8b-1c2d3e4f5a6b',
      plan: 'compute-1y-no-upfront',
      source: 'live',
      commitmentPerHour: '0.5',
    });
    // 0.5 x 165/365 = 0.226 an hour covers the 0.118488 three tasks need at SP rates: nothing more to buy.
    expect(json.owned.nothingMoreToBuy).toBe(true);
    expect(json.owned.expiring.map((p: {daysLeft: number}) => p.daysLeft)).toEqual([31]);
    // Cost Explorer asked for the plan sized, over 30 days (an estimate), its answer shown beside.
    const asked = costExplorer.calls('GetSavingsPlansPurchaseRecommendation')[0]!.body;
    expect(asked).toMatchObject({
      SavingsPlansType: 'COMPUTE_SP',
      TermInYears: 'ONE_YEAR',
      PaymentOption: 'NO_UPFRONT',
      LookbackPeriodInDays: 'THIRTY_DAYS',
    });
    expect(json.awsRecommendation.source).toBe('live');
    expect(json.awsRecommendation.differences.length).toBeGreaterThan(2);
  });

  it('a saved recommendation works offline', async () => {
    const {code, stdout} = await runCli(
      [
        'compare',
        '--cpu',
        '1',
        '--memory',
        '2',
        '--count',
        '3',
        '--plans',
        'sp-1y',
        '--aws-recommendation',
        'test/fixtures/cost-explorer/purchase-recommendation__compute-1y-no-upfront.json',
      ],
      {now},
    );
    expect(code).toBe(0);
    expect(stdout).toContain("Cost Explorer's recommendation (Compute SP 1 yr No Upfront, 30-day look-back)");
    expect(stdout).toContain('this sizes a modelled month of the configured schedule');
  });

  it('bad owned flags are one-line usage errors, before anything is read', async () => {
    for (const [flags, message] of [
      [['--owned-commitment', '0.05:2y'], 'the term is 1y or 3y'],
      [['--owned-commitment', 'lots'], 'is not an amount of dollars an hour'],
      [['--owned-commitment', '0.05:constructor'], 'the term is 1y or 3y'],
      [['--owned-commitment', '0.05:1y:toString'], 'the payment is no-upfront'],
      [['--owned-commitment', '0.05:1y:no-upfront:2027-02-30'], '2027-02-30 is not a date'],
      [['--owned-commitment', '0.05:1y:no-upfront:2026-01-15'], 'the plan has already ended'],
      [['--owned-commitment', '0.05:1y:no-upfront:2029-01-15'], 'a 1-year plan cannot end that far ahead'],
      [['--owned-share', '60%'], 'need owned plans'],
      [['--owned-commitment', '0.05', '--owned-share', '160%'], 'is not between 0% and 100%'],
      [['--owned-savings-plans', 'file.json'], 'only live is supported'],
    ] as const) {
      const {code, stdout, stderr} = await runCli(['compare', '--cpu', '1', '--memory', '2', ...flags], {now});
      expect({code, stdout}).toEqual({code: 2, stdout: ''});
      expect(stderr).toContain(message);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
