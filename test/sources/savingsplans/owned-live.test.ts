import {readFileSync} from 'node:fs';
import {describe, expect, it, vi} from 'vitest';
import {isUserError, type UserError} from '../../../src/errors.js';
import {readOwnedSavingsPlans} from '../../../src/sources/savingsplans/owned-live.js';
import {denied, fakeServicePerTest, fastRetries, pageOf, THROTTLED, type FakeFailure} from '../aws/fake-service.js';

/** The documented DescribeSavingsPlans shape: a 1y No Upfront Compute plan and a retired 3y EC2 Instance plan. */
const SAMPLE = JSON.parse(
  readFileSync('test/fixtures/aws-samples/savingsplans/describe-savings-plans__shape.json', 'utf8'),
) as {savingsPlans: Record<string, unknown>[]};
const [COMPUTE, EC2_INSTANCE] = SAMPLE.savingsPlans as [Record<string, unknown>, Record<string, unknown>];

const NOW = Date.parse('2024-06-01T00:00:00Z');

function plan(index: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const id = `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
  return {
    ...COMPUTE,
    savingsPlanId: id,
    savingsPlanArn: `arn:aws:savingsplans::123456789012:savingsplan/${id}`,
    ...overrides,
  };
}

async function caught(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isUserError(error)) throw new Error(`expected a user error, got ${String(error)}`);
  return error;
}

describe('readOwnedSavingsPlans', () => {
  const serve = fakeServicePerTest();
  const start = (
    plans: Record<string, unknown>[],
    pageSize = 1000,
    fail?: (r: any, a: number) => FakeFailure | undefined,
  ) =>
    serve({
      protocol: 'rest-json',
      endpointVariable: 'SAVINGSPLANS',
      fail,
      answer: (api, body) => {
        if (api === 'DescribeSavingsPlans') {
          const states: string[] = body.states ?? [];
          const page = pageOf(
            plans.filter((p) => states.includes(p['state'] as string)),
            Math.min(pageSize, body.maxResults ?? 1000),
            body.nextToken,
          );
          return {savingsPlans: page.items, ...(page.next ? {nextToken: page.next} : {})};
        }
        return undefined;
      },
    });

  it('reads the documented Compute plan exactly, and asks only for active and queued plans', async () => {
    const fake = await start([COMPUTE, {...EC2_INSTANCE, state: 'active'}]);
    const {commitments, skipped} = await readOwnedSavingsPlans(fastRetries(), NOW);
    expect(fake.calls('DescribeSavingsPlans').map((call) => call.body)).toEqual([
      {states: ['active', 'queued'], maxResults: 1000},
    ]);
    expect(commitments).toHaveLength(1);
    const [owned] = commitments;
    expect(owned!.id).toBe('7c3e1f2a-5b4d-4e6f-9a8b-1c2d3e4f5a6b');
    expect(owned!.commitmentPerHour.toString()).toBe('0.5');
    expect(owned!.plan).toBe('compute-1y-no-upfront');
    expect(owned!.startMs).toBe(Date.UTC(2024, 0, 1));
    expect(owned!.endMs).toBe(Date.UTC(2025, 0, 1));
    expect(owned!.source).toBe('live');
    expect(skipped).toEqual([
      {
        id: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
        reason: 'a Savings Plan of type EC2Instance, not Compute: it never covers Fargate',
      },
    ]);
  });

  it('reads every page, and maps terms and payment options', async () => {
    const terms = [
      [31_536_000, 'No Upfront', 'compute-1y-no-upfront'],
      [31_536_000, 'Partial Upfront', 'compute-1y-partial-upfront'],
      [31_536_000, 'All Upfront', 'compute-1y-all-upfront'],
      [94_608_000, 'No Upfront', 'compute-3y-no-upfront'],
      [94_608_000, 'Partial Upfront', 'compute-3y-partial-upfront'],
      [94_608_000, 'All Upfront', 'compute-3y-all-upfront'],
    ] as const;
    const plans = terms.map(([seconds, payment], i) =>
      plan(i, {
        termDurationInSeconds: seconds,
        paymentOption: payment,
        commitment: `1.0${i + 1}`,
        end: '2027-01-01T00:00:00.000Z',
      }),
    );
    // A queued purchase starts later: it is owned from its start.
    plans.push(plan(9, {state: 'queued', start: '2024-07-01T00:00:00.000Z', end: '2025-07-01T00:00:00.000Z'}));
    const fake = await start(plans, 3);
    const {commitments, skipped} = await readOwnedSavingsPlans(fastRetries(), NOW);
    expect(fake.calls('DescribeSavingsPlans')).toHaveLength(3);
    expect(fake.calls('DescribeSavingsPlans')[1]!.body.nextToken).toBe(Buffer.from('offset=3').toString('base64'));
    expect(commitments.map((c) => [c.plan, c.commitmentPerHour.toString()])).toEqual([
      ...terms.map(([, , id], i) => [id, `1.0${i + 1}`]),
      ['compute-1y-no-upfront', '0.5'],
    ]);
    expect(commitments.at(-1)!.startMs).toBe(Date.UTC(2024, 6, 1));
    expect(skipped).toEqual([]);
  });

  it('skips, with the reason, plans it cannot apply to Fargate', async () => {
    await start([
      plan(1, {savingsPlanType: 'SageMaker'}),
      plan(2, {currency: 'CNY'}),
      plan(3, {commitment: '-1'}),
      plan(4, {commitment: '1e\u001b[31m'}),
      plan(5, {termDurationInSeconds: 86_400}),
      plan(6, {paymentOption: 'Later'}),
      plan(7, {end: '2024-05-01T00:00:00.000Z'}),
      plan(8, {start: 'soon'}),
    ]);
    const {commitments, skipped} = await readOwnedSavingsPlans(fastRetries(), NOW);
    expect(commitments).toEqual([]);
    expect(skipped.map((s) => [s.id.slice(-1), s.reason])).toEqual([
      ['1', 'a Savings Plan of type SageMaker, not Compute: it never covers Fargate'],
      ['2', 'its commitment is in CNY, not USD'],
      ['3', 'its hourly commitment "-1" is not a positive amount'],
      ['4', 'its hourly commitment "1e\\x1b[31m" is not a positive amount'],
      ['5', 'its term of 86400 seconds is neither 1 nor 3 years'],
      ['6', 'its payment option "Later" is unknown'],
      ['7', 'it ended 2024-05-01T00:00:00.000Z'],
      ['8', 'its start "soon" and end "2025-01-01T00:00:00.000Z" are not a period'],
    ]);
  });

  it('retries a throttled call', async () => {
    const fake = await start([COMPUTE], 1000, (_request, attempt) =>
      attempt === 1 ? {...THROTTLED, status: 429} : undefined,
    );
    const {commitments} = await readOwnedSavingsPlans(fastRetries(), NOW);
    expect(commitments).toHaveLength(1);
    expect(fake.calls('DescribeSavingsPlans')).toHaveLength(2);
  });

  it('says which IAM action is denied, exit 3', async () => {
    await start([COMPUTE], 1000, () => denied('savingsplans:DescribeSavingsPlans'));
    const error = await caught(readOwnedSavingsPlans(fastRetries(), NOW));
    expect(error.message).toBe(
      'AWS denied savingsplans:DescribeSavingsPlans: User: arn:aws:iam::123456789012:user/ci is not authorized to perform: savingsplans:DescribeSavingsPlans',
    );
    expect(error.hint).toContain('grant the IAM action savingsplans:DescribeSavingsPlans');
    expect(error.exitCode).toBe(3);
  });

  it('gives up on throttling after the retries', async () => {
    await start([COMPUTE], 1000, () => THROTTLED);
    const error = await caught(readOwnedSavingsPlans(fastRetries(), NOW));
    expect(error.message).toBe('AWS throttled savingsplans:DescribeSavingsPlans after 3 attempts: Rate exceeded');
  });

  it('refuses an endpoint URL that is not one, before any call', async () => {
    const fake = await start([COMPUTE]);
    vi.stubEnv('AWS_ENDPOINT_URL_SAVINGSPLANS', 'not a url');
    const error = await caught(readOwnedSavingsPlans(fastRetries(), NOW));
    expect(error.message).toBe('AWS_ENDPOINT_URL_SAVINGSPLANS "not a url" is not an http or https URL');
    expect(error.exitCode).toBe(2);
    expect(fake.requests).toHaveLength(0);
  });
});
