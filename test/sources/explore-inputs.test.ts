import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {classifyExploreInputs, isHistoryDocument} from '../../src/sources/explore-inputs.js';

const samples = 'test/fixtures/aws-samples';
const dir = mkdtempSync(join(tmpdir(), 'fc-explore-inputs-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe('explore sorts its paths into task definitions, histories and bills', () => {
  it.each([
    [`${samples}/ecs/describe-tasks__cli-v1-epoch__fargate-spot.json`, 'history'],
    [`${samples}/ecs/describe-tasks__cli-v2-iso-local__fargate-running.json`, 'history'],
    [`${samples}/ecs/describe-services__cli-v1-epoch__fargate-spot-strategy.json`, 'history'],
    [`${samples}/events/ecs-task-state-change__awsdocs__fargate-running.json`, 'history'],
    ['data/examples/history', 'history'],
    ['data/examples/history/events.ndjson', 'history'],
    [`${samples}/ecs/describe-task-definition__cli-v2-iso-local__fargate-x86.json`, 'task definition'],
    [`${samples}/ecs/task-definition__console-json-export__fargate-x86.json`, 'task definition'],
    [`${samples}/ecs/register-task-definition-input__fargate-windows-2019-core.json`, 'task definition'],
    ['data/examples/cdk-stack.template.json', 'task definition'],
    ['data/examples/cloudformation.yaml', 'task definition'],
    ['test/fixtures/bill/cur2.parquet', 'bill'],
    ['test/fixtures/bill/cur2.csv.gz', 'bill'],
    ['test/fixtures/bill/cur-legacy.csv', 'bill'],
    ['test/fixtures/bill/focus.csv', 'bill'],
    ['test/fixtures/bill/export', 'bill'],
    ['test/fixtures/bill/history.ndjson', 'history'],
  ])('%s is a %s', async (path, kind) => {
    const {taskDefinitions, histories, bills} = await classifyExploreInputs([path]);
    expect(kind === 'history' ? histories : kind === 'bill' ? bills : taskDefinitions).toEqual([path]);
    expect([...taskDefinitions, ...histories, ...bills]).toEqual([path]);
  });

  it('a gzip without .csv in its name is a history, not a bill', async () => {
    const gz = join(dir, 'events.ndjson.gz');
    writeFileSync(gz, '');
    expect(await classifyExploreInputs([gz])).toEqual({histories: [gz], taskDefinitions: [], bills: []});
  });

  it('reads NDJSON without an .ndjson name by its first line, and leaves broken JSON to the task definition reader', async () => {
    const lines = join(dir, 'tasks.json');
    writeFileSync(
      lines,
      '{"taskArn":"arn:aws:ecs:us-east-1:1:task/c/a"}\n{"taskArn":"arn:aws:ecs:us-east-1:1:task/c/b"}\n',
    );
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"family": ');
    expect(await classifyExploreInputs([lines, broken])).toEqual({
      histories: [lines],
      taskDefinitions: [broken],
      bills: [],
    });
  });

  it('a missing path is a one-line error naming it', async () => {
    await expect(classifyExploreInputs(['nope/missing.json'])).rejects.toThrow('nope/missing.json: no such file');
  });

  it('an empty array says nothing of its kind: not a history', () => {
    expect([
      isHistoryDocument([]),
      isHistoryDocument({tasks: []}),
      isHistoryDocument({services: []}),
      isHistoryDocument({taskDefinition: {}}),
    ]).toEqual([false, true, false, false]);
  });
});
