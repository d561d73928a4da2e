import {execFileSync} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, relative} from 'node:path';
import {gunzipSync} from 'node:zlib';
import {parquetReadObjects} from 'hyparquet';
import {afterAll, describe, expect, it} from 'vitest';
import {createBillLedger, scaledAmount, scaledText} from '../../src/billing/bill.js';
import type {BillLine} from '../../src/model/bill.js';
import {D as Dx, type Dec as Decimal} from '../../src/money/decimal.js';

/**
 * test/fixtures/bill: the committed outputs are what scripts/bill-fixture.mjs writes from
 * scenario.json (they cannot drift), and the ledger's sums of cur2.csv.gz are the figures worked
 * out here from the scenario's sizes, times and catalog rates, and by hand in the README.
 */

const root = join(import.meta.dirname, '../..');
const fixture = join(root, 'test/fixtures/bill');
const tmp = mkdtempSync(join(tmpdir(), 'fargate-cost-bill-fixture-'));
afterAll(() => rmSync(tmp, {recursive: true, force: true}));

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path));
    }
  };
  walk(dir);
  return out;
}

describe('the bill fixture', () => {
  it('is what the generator writes from scenario.json, byte for byte', () => {
    execFileSync(process.execPath, [join(root, 'scripts/bill-fixture.mjs'), '--out', tmp], {stdio: 'pipe'});
    const written = filesUnder(tmp);
    expect(written.length).toBeGreaterThanOrEqual(8);
    const committed = filesUnder(fixture).filter((f) => f !== 'scenario.json' && f !== 'README.md');
    expect(committed).toEqual(written);
    for (const file of written) {
      const fresh = readFileSync(join(tmp, file));
      const kept = readFileSync(join(fixture, file));
      // A .gz is compared decompressed: zlib builds may choose other (equally valid) deflate blocks.
      if (file.endsWith('.gz')) expect(gunzipSync(kept).equals(gunzipSync(fresh)), file).toBe(true);
      else expect(kept.equals(fresh), file).toBe(true);
    }
  });
});

describe('the bill fixture files', () => {
  it('hold the same rows: cur2.parquet (typed) and cur2.csv.gz (text)', async () => {
    const bytes = readFileSync(join(fixture, 'cur2.parquet'));
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const parquet = (await parquetReadObjects({file})) as Record<string, unknown>[];
    const [header, ...rows] = splitCsv(gunzipSync(readFileSync(join(fixture, 'cur2.csv.gz'))).toString('utf8'));
    expect(parquet).toHaveLength(rows.length);
    rows.forEach((row, i) => {
      header!.forEach((name, c) => {
        const value = parquet[i]![name];
        const text = row[c]!;
        if (value === null || value === undefined) expect(text, `${name} of row ${i + 1}`).toBe('');
        else if (value instanceof Date) expect(value.toISOString()).toBe(text);
        else if (typeof value === 'number') expect(scaledAmount(String(value))).toBe(scaledAmount(text));
        else if (typeof value === 'object') expect(value).toEqual(JSON.parse(text));
        else expect(value).toBe(text);
      });
    });
  });

  it('the README shows the totals the ledger sums', () => {
    const readme = readFileSync(join(fixture, 'README.md'), 'utf8');
    for (const figure of [
      '1.3279121474',
      '1.3476601474',
      '1.3525971474',
      '0.022007585',
      '0.019748',
      '25.8770833333',
      '51.7541666667',
    ])
      expect(readme).toContain(figure);
  });
});

// ------------------------------------------------------------------------------------------------
// Reading cur2.csv.gz with a tiny CSV split (the real reader lives in src/sources).

function splitCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

function cur2Lines(): BillLine[] {
  const [header, ...rows] = splitCsv(gunzipSync(readFileSync(join(fixture, 'cur2.csv.gz'))).toString('utf8'));
  return rows.map((row) => {
    const get = (name: string): string | null => {
      const at = header!.indexOf(name);
      if (at < 0) throw new Error(`no column ${name}`);
      const value = row[at]!;
      return value === '' ? null : value;
    };
    const tags = JSON.parse(get('resource_tags') ?? '{}') as Record<string, string>;
    return {
      resourceId: get('line_item_resource_id'),
      usageType: get('line_item_usage_type'),
      lineItemType: get('line_item_line_item_type'),
      productCode: get('line_item_product_code'),
      operation: get('line_item_operation'),
      startMs: Date.parse(get('line_item_usage_start_date')!),
      endMs: Date.parse(get('line_item_usage_end_date')!),
      region: get('product_region_code'),
      account: get('line_item_usage_account_id'),
      currency: get('line_item_currency_code'),
      usageAmount: get('line_item_usage_amount'),
      unblendedCost: get('line_item_unblended_cost'),
      publicOnDemandCost: get('pricing_public_on_demand_cost'),
      savingsPlanEffectiveCost: get('savings_plan_savings_plan_effective_cost'),
      totalCommitment: get('savings_plan_total_commitment_to_date'),
      usedCommitment: get('savings_plan_used_commitment'),
      actualUsage: get('split_line_item_actual_usage'),
      service: tags['aws:ecs:serviceName'] ?? null,
      lines: 1,
    };
  });
}

// ------------------------------------------------------------------------------------------------
// The expected figures, from the scenario's words: each task's billed run cut at UTC clock hours,
// size x seconds / 3600 per hour and dimension, each line rounded to 10 places half up.

interface ScenarioTask {
  name: string;
  cluster: string;
  service?: string;
  capacityProvider: string;
  arch: string;
  os: string;
  cpu: number;
  memory: number;
  storageGiB: number;
  start: string;
  stop: string;
  actualShare?: Record<string, string>;
}
interface Scenario {
  region: string;
  savingsPlanRates: string;
  tasks: ScenarioTask[];
  savingsPlan: {
    start: string;
    hourlyCommitment: string;
    covers: {task: string; hour: string; vcpuHours: string; memoryGbHours: string}[];
  };
  otherLines: {productCode: string; usageType: string; lineItemType: string}[];
}
type Rates = Record<string, {price: string}>;
interface Catalog {
  regions: Record<string, {onDemand: Rates; spot: Rates; savingsPlans: Record<string, Rates>}>;
}

const scenario = JSON.parse(readFileSync(join(fixture, 'scenario.json'), 'utf8')) as Scenario;
const catalog = JSON.parse(readFileSync(join(root, 'data/catalog.json'), 'utf8')) as Catalog;
const rates = catalog.regions[scenario.region]!;
const r10 = (d: Decimal) => scaledAmount(d.toFixed(30))!; // half away from zero at 10 places

interface Expected {
  usage: Map<string, bigint>;
  charged: bigint;
  paid: bigint;
  publicOnDemand: bigint;
  spot: bigint;
  spEffective: bigint;
  fargateLines: number;
  negations: number;
  actual: Map<string, [bigint, bigint]>;
}

function expected(): Expected {
  const out: Expected = {
    usage: new Map(),
    charged: 0n,
    paid: 0n,
    publicOnDemand: 0n,
    spot: 0n,
    spEffective: 0n,
    fargateLines: 0,
    negations: 0,
    actual: new Map(),
  };
  const add = (key: string, coverage: string, amount: bigint) =>
    out.usage.set(`${key} ${coverage}`, (out.usage.get(`${key} ${coverage}`) ?? 0n) + amount);
  for (const task of scenario.tasks) {
    const spot = task.capacityProvider === 'FARGATE_SPOT';
    const start = Date.parse(task.start) / 1000;
    const seconds = Math.max(Date.parse(task.stop) / 1000 - start, task.os === 'windows' ? 300 : 60);
    const end = start + seconds;
    const sizes: [string, Decimal][] = [
      [`${task.os}-${task.arch}-vcpu`, new Dx(task.cpu).div(1024)],
      [`${task.os}-${task.arch}-memory`, new Dx(task.memory).div(1024)],
    ];
    if (task.os === 'windows') sizes.push([`windows-${task.arch}-os-license`, new Dx(task.cpu).div(1024)]);
    if (task.storageGiB > 20) sizes.push(['storage', new Dx(task.storageGiB - 20)]);
    for (let hour = start - (start % 3600); hour < end; hour += 3600) {
      const inHour = Math.min(end, hour + 3600) - Math.max(start, hour);
      const cover = scenario.savingsPlan.covers.find((c) => c.task === task.name && Date.parse(c.hour) / 1000 === hour);
      for (const [key, size] of sizes) {
        const rate = (spot ? rates.spot : rates.onDemand)[key]!.price;
        const quantity = size.mul(inHour).div(3600);
        const covered =
          cover && key.endsWith('-vcpu')
            ? new Dx(cover.vcpuHours)
            : cover && key.endsWith('-memory')
              ? new Dx(cover.memoryGbHours)
              : new Dx(0);
        const parts: [Decimal, 'on-demand' | 'spot' | 'savings-plan'][] = [
          [quantity.minus(covered), spot ? 'spot' : 'on-demand'],
        ];
        if (!covered.isZero()) parts.push([covered, 'savings-plan']);
        for (const [q, coverage] of parts) {
          const cost = r10(q.mul(rate));
          out.fargateLines++;
          add(key, coverage, r10(q));
          out.publicOnDemand += cost;
          if (coverage === 'savings-plan') {
            const effective = r10(q.mul(rates.savingsPlans[scenario.savingsPlanRates]![key]!.price));
            out.spEffective += effective;
            out.paid += effective;
            out.negations++;
            // covered at On-Demand, then negated: nothing charged
          } else {
            out.charged += cost;
            out.paid += cost;
            if (coverage === 'spot') out.spot += cost;
          }
          const share = task.actualShare?.[key.endsWith('-vcpu') ? 'vcpu' : 'memory'];
          if (share && !key.endsWith('os-license') && key !== 'storage') {
            const [a, of] = out.actual.get(key) ?? [0n, 0n];
            out.actual.set(key, [a + r10(q.mul(share)), of + r10(q)]);
          }
        }
      }
    }
  }
  return out;
}

describe('the ledger of cur2.csv.gz', () => {
  const lines = cur2Lines();
  const ledger = createBillLedger();
  for (const line of lines) ledger.add(line);
  const state = ledger.finish();
  const want = expected();
  const sum = (
    pick: (c: (typeof state.cells)[number]) => bigint,
    where: (c: (typeof state.cells)[number]) => boolean = () => true,
  ) => state.cells.filter(where).reduce((total, cell) => total + pick(cell), 0n);

  it('counts every line: Fargate usage, negations, commitment hours and the skipped ones by reason', () => {
    const commitmentHours = (Date.parse('2026-12-01T00:00:00Z') - Date.parse(scenario.savingsPlan.start)) / 3_600_000;
    expect(commitmentHours).toBe(25);
    expect(state.lines).toBe(want.fargateLines + want.negations + commitmentHours + scenario.otherLines.length);
    expect(state.lines).toBe(100);
    expect(state.fargateLines).toBe(want.fargateLines);
    expect(state.fargateLines).toBe(70);
    // EC2 is another service; the ECS-on-EC2 metering line and the tax line are not Fargate usage types.
    expect(Object.fromEntries(state.skipped)).toEqual({'other-service': 1, 'other-usage-type': 2});
    expect(state.currencies).toEqual(['USD']);
    expect(state.accounts).toBe(1);
    expect(state.longestLineMs).toBe(3_600_000);
    expect(state.withoutResource).toBe(0);
    expect(state.groups.map((g) => [g.group, g.tasks]).sort()).toEqual([
      ['cluster:batch', 6],
      ['service:api', 1],
    ]);
  });

  it('sums usage per dimension and how it was paid as the scenario says', () => {
    const got = new Map<string, bigint>();
    for (const cell of state.cells)
      got.set(`${cell.key} ${cell.coverage}`, (got.get(`${cell.key} ${cell.coverage}`) ?? 0n) + cell.sums.usage);
    expect(Object.fromEntries([...got].map(([k, v]) => [k, scaledText(v)]))).toEqual(
      Object.fromEntries([...want.usage].map(([k, v]) => [k, scaledText(v)])),
    );
    // By hand (README): 0.25 x 5430/3600 cut at hours + 2 x 1 + 23.5 x 1.
    expect(scaledText(got.get('linux-x86_64-vcpu on-demand')!)).toBe('25.8770833333');
    expect(scaledText(got.get('linux-x86_64-memory on-demand')!)).toBe('51.7541666667');
    expect(scaledText(got.get('linux-x86_64-vcpu savings-plan')!)).toBe('0.5');
    expect(scaledText(got.get('storage on-demand')!)).toBe('30');
  });

  it('sums the money: charged net of negations, paid, public On-Demand, Spot and the Savings Plan', () => {
    const charged = sum((c) => c.sums.charged);
    const paid = sum((c) => c.sums.paid);
    const publicOnDemand = sum((c) => c.sums.publicOnDemand);
    const spot = sum(
      (c) => c.sums.paid,
      (c) => c.coverage === 'spot',
    );
    const spEffective = sum(
      (c) => c.sums.paid,
      (c) => c.coverage === 'savings-plan',
    );
    expect(scaledText(charged)).toBe(scaledText(want.charged));
    expect(scaledText(paid)).toBe(scaledText(want.paid));
    expect(scaledText(publicOnDemand)).toBe(scaledText(want.publicOnDemand));
    expect(scaledText(spot)).toBe(scaledText(want.spot));
    expect(scaledText(spEffective)).toBe(scaledText(want.spEffective));
    // The README's hand-worked totals.
    expect(scaledText(charged)).toBe('1.3279121474');
    expect(scaledText(paid)).toBe('1.3476601474');
    expect(scaledText(publicOnDemand)).toBe('1.3525971474');
    expect(scaledText(spot)).toBe('0.022007585');
    expect(scaledText(spEffective)).toBe('0.019748');
    expect(scaledText(state.adjustments)).toBe('0');
  });

  it('reads the plan: its commitment every hour it exists, used in the one hour it covered', () => {
    expect(state.commitment).toHaveLength(25);
    const total = state.commitment.reduce((t, h) => t + h.total, 0n);
    const used = state.commitment.reduce((t, h) => t + h.used, 0n);
    const fargate = state.commitment.reduce((t, h) => t + h.fargate, 0n);
    expect(scaledText(total)).toBe(new Dx(scenario.savingsPlan.hourlyCommitment).mul(25).toFixed());
    expect(scaledText(used)).toBe(scenario.savingsPlan.hourlyCommitment);
    expect(scaledText(fargate)).toBe(scaledText(want.spEffective));
    expect(state.commitment.filter((h) => h.used > 0n).map((h) => new Date(h.hour * 3_600_000).toISOString())).toEqual([
      '2026-11-29T23:00:00.000Z',
    ]);
  });

  it('carries the split cost allocation data of the service task: 30% of its vCPU, 60% of its memory', () => {
    for (const [key, [actual, of]] of want.actual) {
      const cells = state.cells.filter((c) => c.key === key && c.group === 'service:api');
      expect(scaledText(cells.reduce((t, c) => t + c.sums.actual, 0n))).toBe(scaledText(actual));
      expect(scaledText(cells.reduce((t, c) => t + c.sums.actualOf, 0n))).toBe(scaledText(of));
    }
    const api = state.cells.filter((c) => c.group === 'service:api');
    expect(scaledText(api.filter((c) => c.key === 'linux-x86_64-vcpu').reduce((t, c) => t + c.sums.actual, 0n))).toBe(
      '7.2',
    );
    expect(scaledText(api.filter((c) => c.key === 'linux-x86_64-memory').reduce((t, c) => t + c.sums.actual, 0n))).toBe(
      '28.8',
    );
  });
});
