import type {TaskDefinitionSpec} from '../model/task.js';
import {UserError} from '../errors.js';
import {parseJsonText, readInput} from './files.js';
import {readTaskDefinitions} from './task-definition.js';

/** CloudFormation's short-form YAML tags, read as the long form (`!Ref X` becomes `{"Ref": "X"}`). */
const CFN_TAGS = [
  'Ref',
  'Condition',
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAtt',
  'GetAZs',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Transform',
  'And',
  'Equals',
  'If',
  'Not',
  'Or',
  'ToJsonString',
  'Length',
];

async function parseYaml(text: string, path: string): Promise<unknown> {
  // Loaded only for YAML files, so JSON-only runs never pay for it.
  const YAML = await import('yaml');
  const customTags = CFN_TAGS.flatMap((name) => {
    const key = name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
    const wrap = (value: unknown) => ({
      [key]: name === 'GetAtt' && typeof value === 'string' ? value.split('.') : value,
    });
    return (['scalar', 'seq', 'map'] as const).map((collection) => ({
      tag: `!${name}`,
      ...(collection === 'scalar' ? {} : {collection}),
      resolve: (value: unknown) =>
        wrap(
          typeof value === 'object' && value !== null && 'toJSON' in value
            ? (value as {toJSON: () => unknown}).toJSON()
            : value,
        ),
    }));
  });
  try {
    return YAML.parse(text, {customTags: customTags as never, uniqueKeys: false});
  } catch (error) {
    throw new UserError(`${path} is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
}

/** Reads a task definition file (JSON, or a YAML CloudFormation template). */
export async function readTaskDefinitionFile(
  path: string,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<TaskDefinitionSpec[]> {
  const text = await readInput(path, stdin);
  const name = path === '-' ? 'stdin' : path;
  if (text.trim() === '') {
    throw new UserError(`${name} is empty: there is no task definition in it`, {
      hint:
        path === '-'
          ? 'pipe one in, e.g. aws ecs describe-task-definition --task-definition web | fargate-cost estimate -'
          : 'pass describe-task-definition output, a task definition, or a CloudFormation template',
    });
  }
  const document =
    /\.ya?ml$/i.test(path) || (!text.trimStart().startsWith('{') && !text.trimStart().startsWith('['))
      ? await parseYaml(text, name)
      : parseJsonText(text, name);
  return readTaskDefinitions(document, name);
}
