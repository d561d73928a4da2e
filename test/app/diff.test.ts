import {describe, expect, it} from 'vitest';
import {type DiffInput, diff} from '../../src/app/diff.js';
import {checkPolicy} from '../../src/app/policy.js';
import {D, type Dec} from '../../src/money/decimal.js';
import {alwaysOn} from '../../src/model/schedule.js';
import {readEstimateInput, readTerraformPlanFile} from '../../src/sources/task-definition-file.js';
import {embeddedCatalog, embeddedCatalogJson} from '../helpers/catalog.js';

const NOW = new Date('2026-12-01T12:00:00Z');
const catalog = embeddedCatalog();
const rates = embeddedCatalogJson().regions['us-east-1']!;
const rate = (table: 'onDemand' | 'spot', key: string): Dec =>
  new D((rates[table] as Record<string, {price: string}>)[key]!.price);
/** A month (730 h) of `tasks` tasks of `vcpu` and `gb` at a table's Linux x86_64 rates, by hand. */
const month = (table: 'onDemand' | 'spot', tasks: number, vcpu: string, gb: string) =>
  new D(tasks)
    .times(730)
    .times(
      new D(vcpu).times(rate(table, 'linux-x86_64-vcpu')).plus(new D(gb).times(rate(table, 'linux-x86_64-memory'))),
    );
const common = {
  overrides: {},
  region: undefined,
  environmentRegion: undefined,
  workload: alwaysOn(),
  catalog,
  now: NOW,
};

async function side(path: string): Promise<DiffInput> {
  const input = await readEstimateInput(path);
  return input.kind === 'set' ? input : {kind: 'specs', source: path, specs: input.specs};
}

describe('diff of two templates', async () => {
  const result = diff({
    ...common,
    base: await side('test/fixtures/diff/base.yaml'),
    head: await side('test/fixtures/diff/head.yaml'),
  });
  const item = (name: string) => result.items.find((candidate) => candidate.name === name)!;

  it('matches items by logical id: added, removed, changed, unchanged', () => {
    expect(result.items.map((i) => [i.name, i.status])).toEqual([
      ['CronTaskDefinition', 'unchanged'],
      ['ReportTaskDefinition', 'removed'],
      ['WebService', 'changed'],
      ['WorkerService', 'added'],
    ]);
  });

  it('prices each side as it runs, exactly: 2 On-Demand tasks before, 3 On-Demand and 1 Spot after', () => {
    const before = month('onDemand', 2, '0.5', '1');
    const after = month('onDemand', 3, '1', '2').plus(month('spot', 1, '1', '2'));
    const web = item('WebService');
    expect(web.before!.costs['on-demand']!.toString()).toBe(before.toString());
    expect(web.after!.costs['on-demand']!.toString()).toBe(after.toString());
    expect(web.delta['on-demand']!.toString()).toBe(after.minus(before).toString());
    expect(web.delta.spot!.toString()).toBe(
      month('spot', 4, '1', '2')
        .minus(month('spot', 2, '0.5', '1'))
        .toString(),
    );
  });

  it('says what changed', () => {
    expect(item('WebService').changes).toEqual([
      {field: 'cpu', before: '512', after: '1024'},
      {field: 'memory', before: '1024', after: '2048'},
      {field: 'task-count', before: '2', after: '4'},
      {field: 'strategy', before: 'FARGATE:weight=1', after: 'FARGATE:base=1,weight=1 FARGATE_SPOT:weight=1'},
    ]);
    expect(item('CronTaskDefinition').changes).toEqual([]);
  });

  it('counts a missing side as nothing, and totals each side', () => {
    const report = item('ReportTaskDefinition');
    expect(report.after).toBeNull();
    expect(report.delta['on-demand']!.toString()).toBe(month('onDemand', 1, '1', '2').neg().toString());
    for (const id of result.options) {
      const before = result.items.reduce((sum, i) => sum.plus(i.before?.costs[id] ?? 0), new D(0));
      const after = result.items.reduce((sum, i) => sum.plus(i.after?.costs[id] ?? 0), new D(0));
      expect(result.total.before[id]!.toString()).toBe(before.toString());
      expect(result.total.after[id]!.toString()).toBe(after.toString());
      expect(result.total.delta[id]!.toString()).toBe(after.minus(before).toString());
    }
  });
});

describe('diff of one Terraform plan', async () => {
  const {before, after} = await readTerraformPlanFile('test/fixtures/terraform/plan-modules.json');
  const result = diff({...common, base: {kind: 'set', set: before}, head: {kind: 'set', set: after}});

  it('diffs its before and after, by address', () => {
    const api = result.items.find((i) => i.name === 'module.api.aws_ecs_service.this[0]')!;
    expect(api.status).toBe('changed');
    expect(api.changes).toContainEqual({field: 'task-count', before: '2', after: '3'});
    expect(api.changes).toContainEqual({field: 'cpu', before: '256', after: '512'});
    expect(result.items.find((i) => i.name === 'aws_ecs_task_definition.migrate')!.status).toBe('added');
    expect(result.head.excluded.map((e) => e.name)).toContain('module.workers["reports"].aws_ecs_service.this');
  });
});

describe('policies', () => {
  const d = (text: string) => new D(text);
  it('fails above a limit, not at it', () => {
    expect(
      checkPolicy({option: 'on-demand', above: d('100')}, {before: null, after: d('100'), hasBase: false}),
    ).toEqual([]);
    expect(
      checkPolicy({option: 'on-demand', above: d('100')}, {before: null, after: d('100.01'), hasBase: false}),
    ).toEqual([{kind: 'above', option: 'on-demand', total: d('100.01'), limit: d('100')}]);
  });
  it('fails an increase above an amount or a percentage; from nothing, any increase is above every percentage', () => {
    const limit = {kind: 'percent', percent: d('10')} as const;
    expect(checkPolicy({option: 'spot', increase: limit}, {before: d('100'), after: d('110'), hasBase: true})).toEqual(
      [],
    );
    expect(
      checkPolicy({option: 'spot', increase: limit}, {before: d('100'), after: d('110.01'), hasBase: true}),
    ).toHaveLength(1);
    expect(checkPolicy({option: 'spot', increase: limit}, {before: d('0'), after: d('1'), hasBase: true})).toHaveLength(
      1,
    );
    const amount = {kind: 'amount', amount: d('50')} as const;
    expect(checkPolicy({option: 'spot', increase: amount}, {before: d('10'), after: d('60'), hasBase: true})).toEqual(
      [],
    );
    expect(
      checkPolicy({option: 'spot', increase: amount}, {before: d('10'), after: d('61'), hasBase: true}),
    ).toHaveLength(1);
  });
  it('fails when the option has no price', () => {
    expect(checkPolicy({option: 'spot', above: d('1')}, {before: null, after: null, hasBase: false})).toEqual([
      {kind: 'no-price', option: 'spot', policy: 'above'},
    ]);
  });
});
