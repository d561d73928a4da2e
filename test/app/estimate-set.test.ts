import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {estimate} from '../../src/app/estimate.js';
import {estimateSet} from '../../src/app/estimate-set.js';
import {D, type Dec} from '../../src/money/decimal.js';
import type {EstimateResult} from '../../src/model/estimate.js';
import {ProblemError} from '../../src/model/problems.js';
import {alwaysOn} from '../../src/model/schedule.js';
import type {OptionId} from '../../src/model/types.js';
import {describeServicesSet} from '../../src/sources/strategy.js';
import {readTerraform} from '../../src/sources/terraform.js';
import {embeddedCatalog, embeddedCatalogJson} from '../helpers/catalog.js';

const NOW = new Date('2026-12-01T12:00:00Z');
const catalog = embeddedCatalog();
const rates = embeddedCatalogJson().regions['us-east-1']!;
const rate = (table: 'onDemand' | 'spot', key: string): Dec =>
  new D((rates[table] as Record<string, {price: string}>)[key]!.price);
const plan = () =>
  readTerraform(JSON.parse(readFileSync('test/fixtures/terraform/plan-modules.json', 'utf8')), 'plan.json');
const common = {
  overrides: {},
  region: undefined,
  environmentRegion: undefined,
  workload: alwaysOn(),
  catalog,
  now: NOW,
};
const monthly = (options: EstimateResult['options'], id: OptionId) =>
  options.find((option) => option.id === id)!.monthlyCost!;

/** A month (730 h) of `tasks` tasks of `vcpu` and `gb` at a table's Linux x86_64 rates, by hand. */
const month = (table: 'onDemand' | 'spot', tasks: number, vcpu: string, gb: string) =>
  new D(tasks)
    .times(730)
    .times(
      new D(vcpu).times(rate(table, 'linux-x86_64-vcpu')).plus(new D(gb).times(rate(table, 'linux-x86_64-memory'))),
    );

describe('estimate of a Terraform plan', () => {
  const result = estimateSet({...common, set: plan()});
  const api = result.set!.services.find((service) => service.name === 'module.api.aws_ecs_service.this[0]')!;

  it('splits 3 tasks under FARGATE base 1 weight 1, FARGATE_SPOT weight 3: 1 On-Demand, 2 Spot', () => {
    expect([api.taskCount, api.split]).toEqual([3, {onDemand: 1, spot: 2}]);
    expect(api.taskDefinition).toBe('module.api.aws_ecs_task_definition.this[0]');
  });

  it('prices a service as it runs: its FARGATE task On-Demand, its two FARGATE_SPOT tasks at Spot', () => {
    // 0.5 vCPU, 1 GB: 1 x 730 h On-Demand + 2 x 730 h Spot.
    const expected = month('onDemand', 1, '0.5', '1').plus(month('spot', 2, '0.5', '1'));
    expect(monthly(api.options, 'on-demand').toString()).toBe(expected.toString());
    // All three on Spot in the Spot row.
    expect(monthly(api.options, 'spot').toString()).toBe(month('spot', 3, '0.5', '1').toString());
  });

  it('applies a Savings Plan to the FARGATE task only: the plan row of one such task alone, plus the Spot tasks', () => {
    const one = estimate({...common, specs: [plan().taskDefinitions[0]!.spec!]});
    const spotPart = month('spot', 2, '0.5', '1');
    for (const id of ['savings-plan-compute-1y-no-upfront', 'savings-plan-compute-3y-all-upfront'] as const) {
      expect(monthly(api.options, id).toString()).toBe(monthly(one.options, id).plus(spotPart).toString());
    }
  });

  it('prices a task definition a service runs through the service only, and one no service runs once', () => {
    expect(result.tasks.map((task) => task.name)).toEqual(['aws_ecs_task_definition.migrate']);
    expect(result.set!.services.map((service) => [service.name, service.taskCount, service.split])).toEqual([
      ['module.api.aws_ecs_service.this[0]', 3, {onDemand: 1, spot: 2}],
      // The cluster's default: FARGATE base 1 weight 1, FARGATE_SPOT weight 4 over 2 tasks.
      ['module.workers["images"].aws_ecs_service.this', 2, {onDemand: 1, spot: 1}],
      // Its task set at 50% of 3, rounded up.
      ['module.canary.aws_ecs_service.this[0]', 2, {onDemand: 2, spot: 0}],
    ]);
    const items = [...result.set!.services.map((s) => s.options), ...result.tasks.map((t) => t.options)];
    for (const id of ['on-demand', 'spot', 'savings-plan-compute-1y-partial-upfront'] as const) {
      const sum = items.reduce((acc, options) => acc.plus(monthly(options, id)), new D(0));
      expect(monthly(result.options, id).toString()).toBe(sum.toString());
    }
  });

  it('lists what it cannot price, with why', () => {
    expect(result.set!.excluded).toEqual([
      {
        kind: 'service',
        name: 'module.workers["reports"].aws_ecs_service.this',
        source: 'plan.json#module.workers["reports"].aws_ecs_service.this',
        reason: {kind: 'unknown', fields: ['desired-count'], why: 'after-apply'},
      },
      {
        kind: 'service',
        name: 'aws_ecs_service.legacy',
        source: 'plan.json#aws_ecs_service.legacy',
        reason: {kind: 'launch-type', launchType: 'EC2'},
      },
      {
        kind: 'task-definition',
        name: 'module.workers["reports"].aws_ecs_task_definition.this',
        source: 'plan.json#module.workers["reports"].aws_ecs_task_definition.this',
        reason: {kind: 'run-by-excluded', services: ['module.workers["reports"].aws_ecs_service.this']},
      },
    ]);
  });

  it('refuses Windows tasks that a strategy puts on FARGATE_SPOT', () => {
    const set = plan();
    const windows = {
      ...set,
      taskDefinitions: set.taskDefinitions.map((item) =>
        item.spec
          ? {
              ...item,
              spec: {...item.spec, os: 'windows' as const, arch: 'x86_64' as const, cpuUnits: 1024, memoryMiB: 2048},
            }
          : item,
      ),
    };
    const excluded = estimateSet({...common, set: windows}).set!.excluded;
    expect(excluded.find((item) => item.name === 'module.api.aws_ecs_service.this[0]')?.reason).toEqual({
      kind: 'windows-on-spot',
      spotTasks: 2,
    });
  });
});

describe('a set with nothing to price', () => {
  it('is a problem naming each item and why', () => {
    const set = describeServicesSet(
      JSON.parse(readFileSync('data/examples/services-web-mixed.json', 'utf8')),
      's.json',
    );
    expect(() => estimateSet({...common, set})).toThrow(ProblemError);
    try {
      estimateSet({...common, set});
    } catch (error) {
      expect((error as ProblemError).problem).toEqual({
        kind: 'nothing-to-estimate',
        source: 's.json',
        excluded: [
          {
            name: 'web',
            reason: {kind: 'task-definition-outside', ref: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:14'},
          },
        ],
      });
    }
  });

  it('prices a service whose task definition is not in the input at the size the command line gives', () => {
    const set = describeServicesSet(
      JSON.parse(readFileSync('data/examples/services-web-mixed.json', 'utf8')),
      's.json',
    );
    const result = estimateSet({...common, set, overrides: {cpuUnits: 1024, memoryMiB: 2048}});
    const [web] = result.set!.services;
    // 10 tasks, FARGATE base 2 then weights 1:3: 4 on FARGATE, 6 on FARGATE_SPOT.
    expect(web).toMatchObject({taskDefinitionVia: 'size-flags', split: {onDemand: 4, spot: 6}});
    expect(web!.size).toMatchObject({cpuUnits: 1024, memoryMiB: 2048});
    expect(monthly(result.options, 'on-demand').toString()).toBe(
      month('onDemand', 4, '1', '2')
        .plus(month('spot', 6, '1', '2'))
        .toString(),
    );
    expect(result.assumptions.notes).toContainEqual({kind: 'sized-by-flags', services: ['web']});
    // A size half given is no size: the service stays unpriced.
    expect(() => estimateSet({...common, set, overrides: {cpuUnits: 1024}})).toThrow(ProblemError);
  });
});
