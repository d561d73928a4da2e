import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {gunzipSync} from 'node:zlib';
import {DuckDBInstance} from '@duckdb/node-api';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {BILL_SQL_COLUMNS, billSql} from '../../src/billing/bill-sql.js';
import {queryRows} from '../billing/cur2-table.js';
import {runCli} from '../helpers/cli.js';
import {startFakeAthena} from '../sources/athena/fake-athena.js';

const dir = mkdtempSync(join(tmpdir(), 'fargate-cost-compare-athena-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

/**
 * `compare --athena DATABASE.TABLE` sizes Savings Plans from the bill read through Athena. The fake
 * Athena answers with what billSql gives over the fixture export (test/fixtures/bill/cur2.parquet, run
 * by DuckDB as the table `cur.data`), so the command must come to what `compare` of the file does.
 */

const FIXTURE = 'test/fixtures/bill/cur2.parquet';
const NOW = new Date('2026-12-01T12:00:00Z');

let rows: (string | null)[][] = [];

beforeAll(async () => {
  const instance = await DuckDBInstance.create(':memory:');
  const duck = await instance.connect();
  try {
    await duck.run('CREATE SCHEMA cur');
    await duck.run(`CREATE VIEW cur.data AS SELECT *, '2026-11' AS billing_period FROM read_parquet('${FIXTURE}')`);
    const result = await queryRows(duck, billSql({table: 'cur.data'}));
    rows = result.map((row) => BILL_SQL_COLUMNS.map((column) => row[column] ?? null));
  } finally {
    duck.closeSync();
  }
});

describe('fargate-cost compare --athena', () => {
  let close: (() => Promise<void>) | undefined;
  const saved = {...process.env};
  afterEach(async () => {
    await close?.();
    close = undefined;
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
  });

  async function serve() {
    const fake = await startFakeAthena({
      states: ['QUEUED', 'RUNNING', 'SUCCEEDED'],
      header: [...BILL_SQL_COLUMNS],
      rows,
      pageSize: 7,
    });
    close = fake.close;
    const env = {
      AWS_ENDPOINT_URL_ATHENA: fake.url,
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_REGION: 'eu-west-1',
      FARGATE_COST_ATHENA_POLL_MS: '1',
    };
    // The SDK reads the endpoint from the process's environment.
    Object.assign(process.env, env);
    return {fake, env};
  }

  it('prices the plans as compare of the export file does', async () => {
    expect(rows.length).toBeGreaterThan(7);
    const {fake, env} = await serve();
    const viaAthena = await runCli(
      ['compare', '--athena', 'cur.data', '--workgroup', 'finops', '--format', 'json', '--plans', 'sp-1y'],
      {env, now: NOW},
    );
    expect([viaAthena.code, viaAthena.stderr]).toEqual([0, '']);
    // Athena does not read the ECS service tag (docs/bill.md#athena): its groups are clusters. The same
    // export without its tags, read from a file, is the same workloads: the whole result agrees, figure for
    // figure, but for the source's name.
    const untagged = join(dir, 'untagged.csv');
    const csv = gunzipSync(readFileSync('test/fixtures/bill/cur2.csv.gz')).toString('utf8');
    writeFileSync(untagged, csv.replace(/,"\{[^"]*(?:""[^"]*)*\}"$/gm, ',{}'));
    const fromFile = await runCli(['compare', untagged, '--format', 'json', '--plans', 'sp-1y'], {now: NOW});
    expect([fromFile.code, fromFile.stderr]).toEqual([0, '']);
    expect(JSON.parse(viaAthena.stdout).scenarios.length).toBeGreaterThan(3);
    expect(JSON.parse(viaAthena.stdout).input.description).toContain('batch prod');
    expect(viaAthena.stdout).toBe(fromFile.stdout.replaceAll(untagged, 'athena:cur.data'));

    const [start] = fake.calls('StartQueryExecution');
    expect(start?.body).toMatchObject({QueryExecutionContext: {Database: 'cur'}, WorkGroup: 'finops'});
    expect(fake.calls('GetQueryResults').length).toBeGreaterThan(1);
  });

  it('prints the query with --dry-run, without calling AWS', async () => {
    const {fake, env} = await serve();
    const {code, stdout, stderr} = await runCli(
      ['compare', '--athena', 'cur.data', '--from', '2026-11-01', '--to', '2026-12-01', '--dry-run'],
      {env, now: NOW},
    );
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toBe(billSql({table: 'cur.data', fromMs: Date.UTC(2026, 10, 1), toMs: Date.UTC(2026, 11, 1)}));
    expect(fake.requests).toEqual([]);
  });

  it.each([
    [['--athena', 'cur.data', 'history.ndjson'], /^fargate-cost: --athena reads the bill from Athena: give no paths/],
    [['--athena', 'cur.data', '--cluster', 'prod'], /^fargate-cost: --athena reads the bill from Athena/],
    [['--dry-run', '--cpu', '1', '--memory', '2'], /^fargate-cost: --dry-run is for --athena/],
    [['--workgroup', 'finops', 'history.ndjson'], /^fargate-cost: --workgroup is for --athena/],
    [['--athena', 'cur.data', '--cpu', '1', '--memory', '2'], /either a history \(PATH, --cluster or --athena\)/],
    [['--athena', 'cur.data', '--count', '3'], /^fargate-cost: --count shapes an estimate/],
    [['--athena', 'cur.data', '--strategy', 'FARGATE_SPOT:weight=1'], /^fargate-cost: --strategy re-buys/],
    [['--athena', 'cur', '--dry-run'], /^fargate-cost: bill table "cur" is not DATABASE\.TABLE/],
  ])('refuses compare %j (exit 2), calling nothing', async (args, expected) => {
    const {fake, env} = await serve();
    const {code, stdout, stderr} = await runCli(['compare', ...args], {env, now: NOW});
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(expected);
    expect(fake.requests).toEqual([]);
  });
});
