import {describe, expect, it} from 'vitest';
import {readEstimateInput} from '../../src/sources/task-definition-file.js';
import type {WorkloadSet} from '../../src/model/workload-set.js';

async function setOf(path: string): Promise<WorkloadSet> {
  const input = await readEstimateInput(path);
  if (input.kind !== 'set') throw new Error(`${path} is not read as a set`);
  return input.set;
}

describe('a CloudFormation template with services', () => {
  it('reads services, task sets and the cluster default strategy, by logical id', async () => {
    const set = await setOf('test/fixtures/cloudformation/services.yaml');
    expect(set.format).toBe('cloudformation');
    const byName = Object.fromEntries(set.services.map((service) => [service.name, service]));
    expect(Object.keys(byName)).toEqual([
      'WebService',
      'WorkerService',
      'CanaryService',
      'AgentService',
      'DefaultClusterService',
      'SharedService',
    ]);
    // DesiredCount from a parameter's Default; the strategy as written.
    expect(byName['WebService']).toMatchObject({
      desiredCount: {known: true, value: 4},
      strategy: {
        known: true,
        value: [
          {provider: 'FARGATE', base: 2, weight: 1},
          {provider: 'FARGATE_SPOT', base: 0, weight: 3},
        ],
      },
      taskDefinition: {kind: 'item', name: 'WebTaskDefinition', via: 'reference'},
    });
    expect(byName['WorkerService']!.clusterDefault).toEqual({
      kind: 'strategy',
      cluster: 'prod',
      strategy: [
        {provider: 'FARGATE', base: 1, weight: 0},
        {provider: 'FARGATE_SPOT', base: 0, weight: 1},
      ],
    });
    expect(byName['CanaryService']!.taskSets).toEqual([
      {
        name: 'CanaryTaskSet',
        taskDefinition: {kind: 'item', name: 'CanaryTaskDefinition', via: 'reference'},
        launchType: {known: true, value: 'FARGATE'},
        strategy: {known: true, value: null},
        scalePercent: {known: true, value: 50},
      },
    ]);
    expect(byName['DefaultClusterService']!.clusterDefault).toEqual({kind: 'not-in-input', cluster: null});
    // Fn::ImportValue cannot be evaluated offline: unknown, not guessed.
    expect(byName['SharedService']!.taskDefinition).toEqual({kind: 'unknown', why: 'expression'});
    const agent = set.taskDefinitions.find((item) => item.name === 'AgentTaskDefinition');
    expect(agent).toMatchObject({spec: null, notFargate: 'requiresCompatibilities is EC2'});
  });

  it('leaves a template of task definitions alone to the reader it had', async () => {
    const input = await readEstimateInput('data/examples/cloudformation.yaml');
    expect(input.kind).toBe('specs');
  });

  it('reads describe-services output as a set whose task definitions are outside it', async () => {
    const set = await setOf('data/examples/services-web-mixed.json');
    expect(set.format).toBe('describe-services');
    expect(set.services[0]).toMatchObject({
      name: 'web',
      region: 'us-east-1',
      desiredCount: {known: true, value: 10},
      taskDefinition: {kind: 'outside', ref: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:14'},
    });
  });
});

describe('a template whose task size is a parameter without a Default', () => {
  it('keeps the task definition unknown (an expression), not refused, when services are read', async () => {
    const {readCloudFormationSet} = await import('../../src/sources/cloudformation.js');
    const set = readCloudFormationSet(
      {
        Parameters: {Size: {Type: 'String'}},
        Resources: {
          Task: {Type: 'AWS::ECS::TaskDefinition', Properties: {Family: 'job', Cpu: {Ref: 'Size'}, Memory: '512'}},
          Svc: {Type: 'AWS::ECS::Service', Properties: {LaunchType: 'FARGATE', TaskDefinition: {Ref: 'Task'}}},
        },
      },
      't.json',
    );
    expect(set.taskDefinitions[0]).toEqual({
      name: 'Task',
      family: 'job',
      arn: null,
      spec: null,
      unknown: ['Cpu'],
      unknownWhy: 'expression',
      notFargate: null,
    });
    expect(set.services[0]!.desiredCount).toEqual({known: true, value: 1});
  });
});
