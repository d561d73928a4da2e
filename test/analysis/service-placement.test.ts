import {describe, expect, it} from 'vitest';
import {placeTasks, taskSetCount} from '../../src/analysis/service-placement.js';
import {type ClusterDefault, known, type Placement, unknown} from '../../src/model/workload-set.js';

const NONE: ClusterDefault = {kind: 'none', cluster: 'prod'};
const place = (launchType: string | null, strategy: Placement['strategy']): Placement => ({
  launchType: known(launchType),
  strategy,
});

describe('how ECS decides where a service runs', () => {
  it.each([
    [
      'a strategy wins',
      place(null, known([{provider: 'FARGATE_SPOT', base: 0, weight: 1}])),
      NONE,
      {kind: 'fargate', origin: 'strategy'},
    ],
    [
      'launch type FARGATE: all on FARGATE',
      place('FARGATE', known(null)),
      NONE,
      {kind: 'fargate', origin: 'launch-type', strategy: [{provider: 'FARGATE', base: 0, weight: 1}]},
    ],
    [
      'launch type EC2 is not Fargate',
      place('EC2', known(null)),
      NONE,
      {kind: 'excluded', reason: {kind: 'launch-type', launchType: 'EC2'}},
    ],
    [
      'EXTERNAL is not Fargate',
      place('EXTERNAL', known(null)),
      NONE,
      {kind: 'excluded', reason: {kind: 'launch-type', launchType: 'EXTERNAL'}},
    ],
    [
      'neither: the cluster default',
      place(null, known([])),
      {kind: 'strategy', cluster: 'prod', strategy: [{provider: 'FARGATE', base: 0, weight: 1}]},
      {kind: 'fargate', origin: 'cluster-default'},
    ],
    [
      'neither, no default: EC2',
      place(null, known(null)),
      NONE,
      {kind: 'excluded', reason: {kind: 'ec2-by-default', cluster: 'prod'}},
    ],
    [
      'neither, cluster not in the input',
      place('', known(null)),
      {kind: 'not-in-input', cluster: null},
      {kind: 'excluded', reason: {kind: 'cluster-not-in-input', cluster: null}},
    ],
    [
      'an EC2 capacity provider',
      place(null, known([{provider: 'my-asg', base: 0, weight: 1}])),
      NONE,
      {kind: 'excluded', reason: {kind: 'capacity-provider', provider: 'my-asg'}},
    ],
    [
      'a strategy unknown until apply',
      place(null, unknown('after-apply')),
      NONE,
      {kind: 'excluded', reason: {kind: 'unknown', fields: ['strategy'], why: 'after-apply'}},
    ],
    [
      'two bases',
      place(
        null,
        known([
          {provider: 'FARGATE', base: 1, weight: 1},
          {provider: 'FARGATE_SPOT', base: 1, weight: 1},
        ]),
      ),
      NONE,
      {kind: 'excluded', reason: {kind: 'invalid-strategy', problem: 'two-bases'}},
    ],
    [
      'no weight over two providers',
      place(
        null,
        known([
          {provider: 'FARGATE', base: 1, weight: 0},
          {provider: 'FARGATE_SPOT', base: 0, weight: 0},
        ]),
      ),
      NONE,
      {kind: 'excluded', reason: {kind: 'invalid-strategy', problem: 'no-weight'}},
    ],
  ])('%s', (_, placement, clusterDefault, expected) => {
    expect(placeTasks(placement, clusterDefault as ClusterDefault)).toMatchObject(expected);
  });

  it('a lone provider with weight 0 takes every task (ECS needs a weight only across providers)', () => {
    expect(placeTasks(place(null, known([{provider: 'FARGATE_SPOT', base: 0, weight: 0}])), NONE)).toEqual({
      kind: 'fargate',
      origin: 'strategy',
      strategy: [{provider: 'FARGATE_SPOT', base: 0, weight: 1}],
    });
  });
});

describe('a task set runs its scale of the desired count, rounded up', () => {
  it.each([
    [3, 50, 2], // 1.5 -> 2
    [3, 100, 3],
    [10, 33.3, 4], // 3.33 -> 4
    [4, 25, 1],
    [0, 100, 0],
    [7, 0, 0],
  ])('%i tasks at %d%% -> %i', (desired, percent, expected) => {
    expect(taskSetCount(desired, percent)).toBe(expected);
  });
});
