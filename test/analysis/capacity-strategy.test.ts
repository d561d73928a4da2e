import {readFileSync} from 'node:fs';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {spotWithOnDemandBase, splitTasks} from '../../src/analysis/capacity-strategy.js';
import {parseStrategyItem, servicesFromDescribeServices, validateStrategy} from '../../src/sources/strategy.js';
import type {Strategy} from '../../src/model/strategy.js';
import {formatStrategy} from '../../src/report/text.js';
import {UserError} from '../../src/errors.js';

const strategy = (...items: string[]): Strategy => validateStrategy(items.map(parseStrategyItem));
const fixture = (name: string) => JSON.parse(readFileSync(`test/fixtures/aws-samples/ecs/${name}`, 'utf8')) as unknown;

describe('capacity-provider strategies: parsing', () => {
  it.each([
    ['FARGATE:base=2,weight=1', {provider: 'FARGATE', base: 2, weight: 1}],
    ['FARGATE_SPOT:weight=3', {provider: 'FARGATE_SPOT', base: 0, weight: 3}],
    ['fargate_spot', {provider: 'FARGATE_SPOT', base: 0, weight: 1}],
    ['FARGATE:base=1,weight=0', {provider: 'FARGATE', base: 1, weight: 0}],
    ['fargate-spot: weight = 4', {provider: 'FARGATE_SPOT', base: 0, weight: 4}],
  ])('%s', (text, expected) => expect(parseStrategyItem(text)).toEqual(expected));

  it.each([
    ['EC2_ASG:weight=1', /is not FARGATE or FARGATE_SPOT/],
    ['FARGATE:weight=-1', /must be a whole number from 0 to 1000/],
    ['FARGATE:weight=1001', /must be a whole number from 0 to 1000/],
    ['FARGATE:base=1.5', /must be a whole number from 0 to 100000/],
    ['FARGATE:share=2', /"share=2" .* is not base=N or weight=N/],
  ])('rejects %s', (text, message) => {
    expect(() => parseStrategyItem(text)).toThrow(message);
  });

  it.each([
    [['FARGATE:base=1', 'FARGATE_SPOT:base=1'], /base to more than one provider/],
    [['FARGATE:weight=0', 'FARGATE_SPOT:weight=0'], /no provider with a weight above 0/],
    [['FARGATE', 'fargate:weight=2'], /names FARGATE twice/],
  ])('enforces the ECS rules: %j', (items, message) => {
    expect(() => strategy(...items)).toThrow(message);
  });

  it('formats a strategy as the flags that give it', () => {
    expect(formatStrategy(strategy('FARGATE:base=2,weight=1', 'FARGATE_SPOT:weight=3'))).toBe(
      'FARGATE:base=2,weight=1 FARGATE_SPOT:weight=3',
    );
    expect(formatStrategy(spotWithOnDemandBase(1))).toBe('FARGATE:base=1,weight=0 FARGATE_SPOT:weight=1');
    expect(formatStrategy(spotWithOnDemandBase(0))).toBe('FARGATE_SPOT:weight=1');
  });
});

describe('capacity-provider strategies: base then weight', () => {
  it.each([
    // [strategy, desired, FARGATE, FARGATE_SPOT, why]
    [['FARGATE:base=2,weight=1', 'FARGATE_SPOT:weight=3'], 10, 4, 6, 'base 2, then 8 split 1:3 = 2 + 6'],
    [
      ['FARGATE:base=2,weight=1', 'FARGATE_SPOT:weight=3'],
      1,
      1,
      0,
      'fewer tasks than the base: all on the base provider',
    ],
    [['FARGATE:base=2,weight=1', 'FARGATE_SPOT:weight=3'], 0, 0, 0, 'nothing desired'],
    [
      ['FARGATE:base=2,weight=1', 'FARGATE_SPOT:weight=3'],
      5,
      3,
      2,
      'base 2, then 3 by 1:3: SPOT, SPOT, then a tie (1/1 vs 3/3) to FARGATE',
    ],
    [
      ['FARGATE:weight=1', 'FARGATE_SPOT:weight=1'],
      3,
      2,
      1,
      '1:1 over 3: the extra task goes to the provider listed first',
    ],
    [['FARGATE_SPOT:weight=1', 'FARGATE:weight=1'], 3, 1, 2, 'the same weights listed the other way round'],
    [
      ['FARGATE:base=1,weight=1', 'FARGATE_SPOT:weight=4'],
      5,
      2,
      3,
      'the ECS guide example: 1 base, then 4 by 1:4 = 1 + 3',
    ],
    [['FARGATE:base=1,weight=1', 'FARGATE_SPOT:weight=4'], 6, 2, 4, '1 base, then 5 by 1:4 = 1 + 4'],
    [['FARGATE:base=2,weight=0', 'FARGATE_SPOT:weight=1'], 5, 2, 3, 'weight 0: only the base'],
    [['FARGATE:base=2,weight=0', 'FARGATE_SPOT:weight=1'], 1, 1, 0, 'weight 0, fewer tasks than the base'],
    [
      ['FARGATE_SPOT:base=3,weight=1', 'FARGATE:weight=1'],
      4,
      0,
      4,
      'a base on Spot, then a 1:1 tie to the provider listed first',
    ],
    [['FARGATE_SPOT:base=3,weight=1', 'FARGATE:weight=1'], 5, 1, 4, 'a base on Spot, then 2 by 1:1'],
  ] as const)('%j x %i = %i FARGATE + %i FARGATE_SPOT (%s)', (items, desired, onDemand, spot, _why) => {
    expect(splitTasks(strategy(...items), desired)).toEqual({onDemand, spot});
  });

  it('properties: every task is placed, scaling out never moves a task, the split is within one task of the weights', () => {
    const item = (provider: 'FARGATE' | 'FARGATE_SPOT') =>
      fc.record({
        provider: fc.constant(provider),
        base: fc.integer({min: 0, max: 5}),
        weight: fc.integer({min: 0, max: 10}),
      });
    fc.assert(
      fc.property(
        item('FARGATE'),
        item('FARGATE_SPOT'),
        fc.boolean(),
        fc.integer({min: 0, max: 200}),
        (a, b, spotFirst, desired) => {
          fc.pre(a.base === 0 || b.base === 0);
          fc.pre(a.weight > 0 || b.weight > 0);
          const s = validateStrategy(spotFirst ? [b, a] : [a, b]);
          const now = splitTasks(s, desired);
          const next = splitTasks(s, desired + 1);
          expect(now.onDemand + now.spot).toBe(desired);
          expect(next.onDemand).toBeGreaterThanOrEqual(now.onDemand);
          expect(next.spot).toBeGreaterThanOrEqual(now.spot);
          const base = Math.min(a.base + b.base, desired);
          const weighted = desired - base;
          const onDemandQuota = (weighted * a.weight) / (a.weight + b.weight);
          const onDemandWeighted = now.onDemand - Math.min(a.base, desired);
          expect(Math.abs(onDemandWeighted - onDemandQuota)).toBeLessThan(1);
        },
      ),
    );
  });
});

describe('capacity-provider strategies: describe-services output', () => {
  it('reads a FARGATE_SPOT strategy and the region from the ARN (real CLI v1 output)', () => {
    const [service] = servicesFromDescribeServices(
      fixture('describe-services__cli-v1-epoch__fargate-spot-strategy.json'),
      'spot.json',
    );
    expect(service).toMatchObject({
      name: 'FargateService',
      region: 'us-east-1',
      desiredCount: 1,
      strategy: [{provider: 'FARGATE_SPOT', base: 0, weight: 1}],
    });
    expect(splitTasks(service!.strategy, service!.desiredCount)).toEqual({onDemand: 0, spot: 1});
  });

  it('reads a launchType FARGATE service as FARGATE alone; placeholder ARNs give no region', () => {
    const [service] = servicesFromDescribeServices(
      fixture('describe-services__cli-v1-epoch__fargate-launchtype.json'),
      'lt.json',
    );
    expect(service).toMatchObject({
      name: 'fargate-service',
      region: undefined,
      desiredCount: 2,
      launchType: 'FARGATE',
      strategy: [{provider: 'FARGATE', base: 0, weight: 1}],
    });
  });

  it("refuses a file's bad strategy as bad input (exit 1), not as a bad command line (found by fuzzing)", () => {
    const service = (strategy: unknown[]) => ({
      services: [{serviceName: 'web', desiredCount: 2, capacityProviderStrategy: strategy}],
    });
    for (const [strategy, message] of [
      [
        [{capacityProvider: 'EC2', weight: 1}],
        'capacity provider "EC2" in service web in x.json is not FARGATE or FARGATE_SPOT',
      ],
      [[{capacityProvider: 'FARGATE', weight: 1}, {capacityProvider: 'FARGATE'}], 'names FARGATE twice'],
      [[{capacityProvider: 'FARGATE', weight: 0}], 'has no provider with a weight above 0'],
      [
        [
          {capacityProvider: 'FARGATE', weight: 1, base: 1},
          {capacityProvider: 'FARGATE_SPOT', weight: 1, base: 1},
        ],
        'gives a base to more than one provider',
      ],
    ] as const) {
      expect(() => servicesFromDescribeServices(service([...strategy]), 'x.json')).toThrow(
        expect.objectContaining({message: expect.stringContaining(message), exitCode: 1}),
      );
    }
    // The same mistake on the command line stays exit 2.
    expect(() => parseStrategyItem('EC2')).toThrow(expect.objectContaining({exitCode: 2}));
  });

  it('refuses counts, bases and weights past what ECS allows, which made a split take forever (found by fuzzing)', () => {
    for (const [service, path] of [
      [{serviceName: 'web', desiredCount: 1e15}, 'services.0.desiredCount'],
      [
        {serviceName: 'web', desiredCount: 1, capacityProviderStrategy: [{capacityProvider: 'FARGATE', weight: 1e9}]},
        'services.0.capacityProviderStrategy.0.weight',
      ],
      [
        {
          serviceName: 'web',
          desiredCount: 1,
          capacityProviderStrategy: [{capacityProvider: 'FARGATE', base: 100_001, weight: 1}],
        },
        'services.0.capacityProviderStrategy.0.base',
      ],
    ] as const) {
      expect(() => servicesFromDescribeServices({services: [service]}, 'x.json')).toThrow(
        `x.json is not describe-services output: ${path}: Too big`,
      );
    }
    expect(
      servicesFromDescribeServices({services: [{serviceName: 'web', desiredCount: 1_000_000}]}, 'x.json'),
    ).toHaveLength(1);
  });

  it('quotes names from the file cut and escaped', () => {
    const name = `\u001b[2J${'s'.repeat(100)}`;
    expect(() =>
      servicesFromDescribeServices({services: [{serviceName: name, desiredCount: 1, launchType: 'EC2'}]}, 'x.json'),
    ).toThrow(`service \\x1b[2J${'s'.repeat(55)}… in x.json uses launch type EC2, not Fargate`);
  });

  it('refuses other documents and EC2 services with one-line errors', () => {
    expect(() => servicesFromDescribeServices({tasks: []}, 'x.json')).toThrow(UserError);
    expect(() =>
      servicesFromDescribeServices({services: [{serviceName: 's', desiredCount: 1, launchType: 'EC2'}]}, 'x.json'),
    ).toThrow(/launch type EC2, not Fargate/);
  });
});
