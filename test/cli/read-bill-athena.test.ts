import {afterEach, describe, expect, it} from 'vitest';
import {billSql} from '../../src/billing/bill-sql.js';
import {exitCodeOf} from '../../src/cli/exit-codes.js';
import {type AthenaFlags, athenaBillSource, athenaDryRun} from '../../src/cli/read-bill-athena.js';
import {isUserError} from '../../src/errors.js';
import {userErrorLine} from '../../src/report/problems.js';
import {startFakeAthena} from '../sources/athena/fake-athena.js';

function output() {
  let text = '';
  return {io: {stdout: {write: (chunk: string) => (text += chunk)}}, text: () => text};
}

function refusal(run: () => unknown): {line: string; exitCode: number} {
  try {
    run();
  } catch (error) {
    if (!isUserError(error)) throw error;
    return {line: userErrorLine(error), exitCode: exitCodeOf(error)};
  }
  throw new Error('expected a user error');
}

describe('athenaDryRun', () => {
  it('prints the query of the window, and says the command is done', () => {
    const {io, text} = output();
    const flags: AthenaFlags = {athena: 'cur.data', dryRun: true, from: '2026-11-01', to: '2026-12-01'};
    expect(athenaDryRun(flags, io)).toBe(true);
    expect(text()).toBe(billSql({table: 'cur.data', fromMs: Date.UTC(2026, 10, 1), toMs: Date.UTC(2026, 11, 1)}));
    expect(text()).toContain("billing_period <= '2026-11'");
  });

  it('does nothing without --dry-run or without --athena', () => {
    const {io, text} = output();
    expect(athenaDryRun({athena: 'cur.data'}, io)).toBe(false);
    expect(athenaDryRun({}, io)).toBe(false);
    expect(text()).toBe('');
  });

  it.each([
    [{dryRun: true}, /^--dry-run is for --athena/],
    [{workgroup: 'finops'}, /^--workgroup is for --athena/],
    [{athena: 'data', dryRun: true}, /^bill table "data" is not DATABASE\.TABLE/],
    [{athena: 'cur.data', workgroup: 'fin ops'}, /^--workgroup "fin ops" is not an Athena workgroup name/],
    [
      {athena: 'cur.data', outputLocation: 'https://bucket/x'},
      /^--output-location "https:\/\/bucket\/x" is not an S3 URI/,
    ],
    [{athena: 'cur.data', from: '2026-12-01', to: '2026-11-01'}, /^--from 2026-12-01 is not before --to 2026-11-01/],
    [{athena: 'cur.data', from: 'yesterday'}, /^--from "yesterday" is not a time/],
  ] as [AthenaFlags, RegExp][])('refuses %j as a bad command line (exit 2)', (flags, expected) => {
    const {line, exitCode} = refusal(() => athenaDryRun({...flags}, output().io));
    expect(line).toMatch(expected);
    expect(exitCode).toBe(2);
  });
});

describe('athenaBillSource', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('is null without --athena', () => {
    expect(athenaBillSource({}, {env: {}})).toBeNull();
  });

  it('queries Athena with the flags, polling as FARGATE_COST_ATHENA_POLL_MS says', async () => {
    const fake = await startFakeAthena({
      states: ['QUEUED', 'RUNNING', 'SUCCEEDED'],
      header: [
        'resource_id',
        'usage_type',
        'line_item_type',
        'product_code',
        'operation',
        'usage_start',
        'region',
        'account',
        'currency',
        'service',
        'usage_amount',
        'largest_usage_amount',
        'unblended_cost',
        'public_on_demand_cost',
        'savings_plan_effective_cost',
        'total_commitment',
        'used_commitment',
        'actual_usage',
        'lines',
        'longest_line_ms',
        'billing_period_start',
        'billing_period_end',
      ],
      rows: [
        [
          null,
          null,
          'Usage',
          'OtherService',
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          '7',
          null,
          '2026-11-01 00:00:00.000',
          '2026-12-01 00:00:00.000',
        ],
      ],
      pageSize: 1000,
    });
    close = fake.close;
    const env = {
      AWS_ENDPOINT_URL_ATHENA: fake.url,
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_REGION: 'eu-west-1',
      FARGATE_COST_ATHENA_POLL_MS: '1',
    };
    const saved = {...process.env};
    Object.assign(process.env, env);
    try {
      const source = athenaBillSource(
        {athena: 'cur.data', workgroup: 'finops', outputLocation: 's3://results/x/', from: '2026-11-01'},
        {env},
      );
      const lines = [];
      for await (const batch of source!) lines.push(...batch);
      expect(lines).toEqual([
        expect.objectContaining({
          productCode: 'OtherService',
          lines: 7,
          billingPeriodStartMs: Date.UTC(2026, 10, 1),
          billingPeriodEndMs: Date.UTC(2026, 11, 1),
        }),
      ]);
      expect(source!.sources()).toEqual([
        {path: 'athena:cur.data', format: 'cur2', files: 0, lines: 7, billingPeriods: []},
      ]);
    } finally {
      for (const name of Object.keys(env)) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
    }
    const [start] = fake.calls('StartQueryExecution');
    expect(start?.body).toMatchObject({
      QueryExecutionContext: {Database: 'cur'},
      WorkGroup: 'finops',
      ResultConfiguration: {OutputLocation: 's3://results/x/'},
    });
    expect(start?.body.QueryString).toBe(billSql({table: 'cur.data', fromMs: Date.UTC(2026, 10, 1)}));
    expect(fake.calls('GetQueryExecution')).toHaveLength(3);
  });

  it('refuses a poll delay that is not a number', () => {
    const {line, exitCode} = refusal(() =>
      athenaBillSource({athena: 'cur.data'}, {env: {FARGATE_COST_ATHENA_POLL_MS: 'soon'}}),
    );
    expect(line).toMatch(/^FARGATE_COST_ATHENA_POLL_MS "soon" is not a number of milliseconds/);
    expect(exitCode).toBe(2);
  });
});
