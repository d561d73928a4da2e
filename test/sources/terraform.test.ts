import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {UserError} from '../../src/errors.js';
import type {ServiceItem, WorkloadSet} from '../../src/model/workload-set.js';
import {readTerraform, readTerraformPlanSides} from '../../src/sources/terraform.js';

const FIXTURES = 'test/fixtures/terraform';
const load = (name: string) => JSON.parse(readFileSync(`${FIXTURES}/${name}`, 'utf8')) as Record<string, unknown>;
const service = (set: WorkloadSet, name: string): ServiceItem => {
  const found = set.services.find((item) => item.name === name);
  if (!found) throw new Error(`no service ${name} in ${set.services.map((item) => item.name).join(', ')}`);
  return found;
};
const sizes = (set: WorkloadSet) =>
  Object.fromEntries(set.taskDefinitions.map((item) => [item.name, [item.spec?.cpuUnits, item.spec?.memoryMiB]]));

const API = 'module.api.aws_ecs_service.this[0]';
const IMAGES = 'module.workers["images"].aws_ecs_service.this';
const REPORTS = 'module.workers["reports"].aws_ecs_service.this';
const CANARY = 'module.canary.aws_ecs_service.this[0]';
const DEFAULT_STRATEGY = [
  {provider: 'FARGATE', base: 1, weight: 1},
  {provider: 'FARGATE_SPOT', base: 0, weight: 4},
];

describe('terraform show -json of a plan (modules, count and for_each, unknowns, a task set)', () => {
  const set = readTerraform(load('plan-modules.json'), 'plan.json');

  it('names every item by its address, as Terraform writes it', () => {
    expect(set.format).toBe('terraform-plan');
    expect(set.taskDefinitions.map((item) => item.name)).toEqual([
      'module.api.aws_ecs_task_definition.this[0]',
      'module.workers["images"].aws_ecs_task_definition.this',
      'module.workers["reports"].aws_ecs_task_definition.this',
      'aws_ecs_task_definition.migrate',
      'module.canary.aws_ecs_task_definition.this[0]',
    ]);
    expect(set.services.map((item) => item.name)).toEqual([API, IMAGES, REPORTS, 'aws_ecs_service.legacy', CANARY]);
  });

  it('reads the planned sizes (after), arm64 from runtime_platform', () => {
    expect(sizes(set)).toMatchObject({
      'module.api.aws_ecs_task_definition.this[0]': [512, 1024],
      'module.workers["images"].aws_ecs_task_definition.this': [1024, 2048],
      'aws_ecs_task_definition.migrate': [256, 512],
    });
    const images = set.taskDefinitions.find((item) => item.family === 'images');
    expect(images?.spec).toMatchObject({arch: 'arm64', os: 'linux', region: 'us-east-1'});
  });

  it('follows the configuration to the new revision whose ARN is known after apply', () => {
    expect(service(set, API).taskDefinition).toEqual({
      kind: 'item',
      name: 'module.api.aws_ecs_task_definition.this[0]',
      via: 'reference',
    });
    // for_each: the reference names no key; the service's own module instance holds the one it means.
    expect(service(set, IMAGES).taskDefinition).toEqual({
      kind: 'item',
      name: 'module.workers["images"].aws_ecs_task_definition.this',
      via: 'reference',
    });
    expect(service(set, 'aws_ecs_service.legacy').taskDefinition).toEqual({
      kind: 'outside',
      ref: 'arn:aws:ecs:us-east-1:123456789012:task-definition/legacy:9',
    });
  });

  it('keeps what is unknown until apply unknown, and what the configuration leaves out as not set', () => {
    expect(service(set, REPORTS).desiredCount).toEqual({known: false, why: 'after-apply'});
    expect(service(set, API).desiredCount).toEqual({known: true, value: 3});
    // launch_type is optional and computed: unknown in the plan, but the configuration does not set it.
    expect(service(set, IMAGES).launchType).toEqual({known: true, value: null});
    expect(service(set, IMAGES).strategy).toEqual({known: true, value: []});
  });

  it("finds a cluster's default strategy in aws_ecs_cluster_capacity_providers", () => {
    expect(service(set, IMAGES).clusterDefault).toEqual({
      kind: 'strategy',
      cluster: 'prod',
      strategy: DEFAULT_STRATEGY,
    });
  });

  it('gives an EXTERNAL service its task set, linked through a local value to its module instance', () => {
    const canary = service(set, CANARY);
    expect(canary.deploymentController).toEqual({known: true, value: 'EXTERNAL'});
    expect(canary.taskSets).toEqual([
      {
        name: 'module.canary.aws_ecs_task_set.this[0]',
        taskDefinition: {kind: 'item', name: 'module.canary.aws_ecs_task_definition.this[0]', via: 'module'},
        launchType: {known: true, value: 'FARGATE'},
        strategy: {known: true, value: []},
        scalePercent: {known: true, value: 50},
      },
    ]);
  });

  it('exposes before and after as two sets: what diff plan.json compares', () => {
    const {before, after} = readTerraformPlanSides(load('plan-modules.json'), 'plan.json');
    expect(after).toEqual(set);
    // Before: only what exists, linked by the ARN its values hold.
    expect(before.services.map((item) => item.name)).toEqual([API, 'aws_ecs_service.legacy']);
    expect(service(before, API).desiredCount).toEqual({known: true, value: 2});
    expect(service(before, API).taskDefinition).toEqual({
      kind: 'item',
      name: 'module.api.aws_ecs_task_definition.this[0]',
      via: 'value',
    });
    expect(sizes(before)).toEqual({'module.api.aws_ecs_task_definition.this[0]': [256, 512]});
  });
});

describe('terraform show -json of a state', () => {
  const set = readTerraform(load('state.json'), 'state.json');

  it('reads values.root_module and its child modules, linked by ARN and by family:revision', () => {
    expect(set.format).toBe('terraform-state');
    expect(service(set, API).taskDefinition).toMatchObject({
      name: 'module.api.aws_ecs_task_definition.this[0]',
      via: 'value',
    });
    expect(service(set, IMAGES).taskDefinition).toMatchObject({
      name: 'module.workers["images"].aws_ecs_task_definition.this',
      via: 'value',
    });
    expect(service(set, IMAGES).clusterDefault).toMatchObject({kind: 'strategy', cluster: 'prod'});
    expect(service(set, API).region).toBe('us-east-1');
  });
});

describe('the shared sample plan (a service in a module, its task definition passed in as a variable)', () => {
  it('follows var.task_definition_arn to the module call, then to the root resource', () => {
    const set = readTerraform(load('shared-sample-plan.json'), 'sample.json');
    expect(service(set, 'module.svc.aws_ecs_service.this').taskDefinition).toEqual({
      kind: 'item',
      name: 'aws_ecs_task_definition.app',
      via: 'reference',
    });
    expect(sizes(set)).toEqual({'aws_ecs_task_definition.app': [1024, 2048]});
    expect(set.taskDefinitions[0]!.spec).toMatchObject({arch: 'arm64', storageGiB: 30});
  });
});

/** A plan of its own: a new cluster (its name and ARN unknown) and services on it. */
function newClusterPlan(serviceAfter: Record<string, unknown>, serviceUnknown: Record<string, unknown>) {
  const strategy = [{base: 0, capacity_provider: 'FARGATE_SPOT', weight: 1}];
  return {
    format_version: '1.2',
    resource_changes: [
      {
        address: 'aws_ecs_cluster.new',
        mode: 'managed',
        type: 'aws_ecs_cluster',
        name: 'new',
        change: {actions: ['create'], before: null, after: {name: 'jobs'}, after_unknown: {arn: true, id: true}},
      },
      {
        address: 'aws_ecs_cluster_capacity_providers.new',
        mode: 'managed',
        type: 'aws_ecs_cluster_capacity_providers',
        name: 'new',
        change: {
          actions: ['create'],
          before: null,
          after: {default_capacity_provider_strategy: strategy},
          after_unknown: {cluster_name: true},
        },
      },
      {
        address: 'aws_ecs_service.jobs',
        mode: 'managed',
        type: 'aws_ecs_service',
        name: 'jobs',
        change: {actions: ['create'], before: null, after: serviceAfter, after_unknown: serviceUnknown},
      },
    ],
    configuration: {
      root_module: {
        resources: [
          {
            address: 'aws_ecs_cluster_capacity_providers.new',
            mode: 'managed',
            type: 'aws_ecs_cluster_capacity_providers',
            name: 'new',
            expressions: {cluster_name: {references: ['aws_ecs_cluster.new.name', 'aws_ecs_cluster.new']}},
          },
          {
            address: 'aws_ecs_service.jobs',
            mode: 'managed',
            type: 'aws_ecs_service',
            name: 'jobs',
            expressions: {
              cluster: {references: ['aws_ecs_cluster.new.id', 'aws_ecs_cluster.new']},
              task_definition: {references: ['var.task_definition']},
            },
          },
        ],
      },
    },
  };
}

describe('references the plan cannot resolve and clusters it creates', () => {
  it('matches a new cluster and its capacity providers through references, when both ARNs are unknown', () => {
    const set = readTerraform(newClusterPlan({desired_count: 1}, {cluster: true, task_definition: true}), 'p.json');
    expect(set.services[0]!.clusterDefault).toEqual({
      kind: 'strategy',
      cluster: 'jobs',
      strategy: [{provider: 'FARGATE_SPOT', base: 0, weight: 1}],
    });
    // A root variable comes from outside the plan: the link is unknown, not guessed.
    expect(set.services[0]!.taskDefinition).toEqual({kind: 'unknown', why: 'after-apply'});
  });

  it('says the default strategy is unknown when the service names no cluster it can find', () => {
    const plan = newClusterPlan({desired_count: 1}, {cluster: true});
    plan.configuration.root_module.resources[1]!.expressions['cluster'] = {references: ['var.cluster']};
    expect(readTerraform(plan, 'p.json').services[0]!.clusterDefault).toEqual({kind: 'unknown', why: 'after-apply'});
  });

  it('a service without a cluster is on the "default" cluster, which the input does not hold', () => {
    const set = readTerraform(newClusterPlan({desired_count: 1, cluster: null}, {}), 'p.json');
    expect(set.services[0]!.clusterDefault).toEqual({kind: 'not-in-input', cluster: null});
  });
});

describe('bad Terraform JSON is refused by name', () => {
  const message = (document: unknown) => {
    try {
      readTerraform(document, 'plan.json');
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
      return (error as UserError).message;
    }
    throw new Error('no error');
  };
  const withService = (after: Record<string, unknown>) => ({
    format_version: '1.2',
    resource_changes: [
      {
        address: 'aws_ecs_service.web',
        mode: 'managed',
        type: 'aws_ecs_service',
        name: 'web',
        change: {actions: ['create'], before: null, after, after_unknown: {}},
      },
    ],
  });

  it.each([
    [
      {format_version: '2.0', values: {}},
      'plan.json: format_version "2.0" of terraform show -json is not one this tool reads (1.x)',
    ],
    [
      withService({desired_count: 'three'}),
      'plan.json: aws_ecs_service.web: desired_count is "three", not a whole number from 0 to 1000000',
    ],
    [
      withService({desired_count: 1, capacity_provider_strategy: [{capacity_provider: 'FARGATE', weight: -1}]}),
      'plan.json: aws_ecs_service.web: capacity_provider_strategy[0]: weight is -1, not a whole number from 0 to 1000',
    ],
    [
      withService({desired_count: 1, capacity_provider_strategy: 'FARGATE'}),
      'plan.json: aws_ecs_service.web: capacity_provider_strategy is "FARGATE", not a list of blocks',
    ],
  ])('%#', (document, expected) => {
    expect(message(document)).toBe(expected);
  });

  it('names container_definitions that are not JSON text', () => {
    const plan = load('plan-modules.json');
    const changes = plan['resource_changes'] as {address: string; change: {after: Record<string, unknown>}}[];
    changes.find((change) => change.address === 'aws_ecs_task_definition.migrate')!.change.after[
      'container_definitions'
    ] = '[{"name": ';
    expect(message(plan)).toBe(
      'plan.json: aws_ecs_task_definition.migrate: container_definitions is not valid JSON text',
    );
  });
});

describe('references through module outputs, and a size unknown until apply', () => {
  const td = (address: string, after: Record<string, unknown>, afterUnknown: Record<string, unknown>) => ({
    address,
    mode: 'managed',
    type: 'aws_ecs_task_definition',
    name: address.split('.').pop(),
    change: {actions: ['create'], before: null, after, after_unknown: afterUnknown},
  });
  const plan = {
    format_version: '1.2',
    resource_changes: [
      td('module.td.aws_ecs_task_definition.this', {family: 'web', cpu: '1024', memory: '2048'}, {arn: true}),
      td('aws_ecs_task_definition.sized_later', {family: 'later'}, {arn: true, cpu: true, memory: true}),
      {
        address: 'aws_ecs_service.web',
        mode: 'managed',
        type: 'aws_ecs_service',
        name: 'web',
        change: {actions: ['create'], before: null, after: {desired_count: 2}, after_unknown: {task_definition: true}},
      },
    ],
    configuration: {
      root_module: {
        resources: [
          {
            address: 'aws_ecs_service.web',
            mode: 'managed',
            type: 'aws_ecs_service',
            name: 'web',
            expressions: {task_definition: {references: ['module.td.arn', 'module.td']}},
          },
        ],
        module_calls: {
          td: {
            source: './td',
            module: {
              outputs: {
                arn: {expression: {references: ['aws_ecs_task_definition.this.arn', 'aws_ecs_task_definition.this']}},
              },
              resources: [],
            },
          },
        },
      },
    },
  };
  const set = readTerraform(plan, 'p.json');

  it("follows a module's output to the task definition inside it", () => {
    expect(set.services[0]!.taskDefinition).toEqual({
      kind: 'item',
      name: 'module.td.aws_ecs_task_definition.this',
      via: 'reference',
    });
  });

  it('keeps a task definition whose size is known only after apply unpriced, naming the fields', () => {
    expect(set.taskDefinitions[1]).toMatchObject({
      name: 'aws_ecs_task_definition.sized_later',
      spec: null,
      unknown: ['cpu', 'memory'],
      unknownWhy: 'after-apply',
    });
  });
});
