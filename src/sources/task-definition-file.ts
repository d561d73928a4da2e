import type {TaskDefinitionSpec} from '../model/task.js';
import type {YAMLError} from 'yaml';
import {UserError, untrusted} from '../errors.js';
import {parseJsonText, readInput} from './files.js';
import {parseGitInput, readGitFile} from './git.js';
import type {WorkloadSet} from '../model/workload-set.js';
import {hasServices, readCloudFormationSet} from './cloudformation.js';
import {isObject, type Json, readTaskDefinitions} from './task-definition.js';
import {isTerraformJson, readTerraform, readTerraformPlanSides} from './terraform.js';

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
  const lineCounter = new YAML.LineCounter();
  const doc = YAML.parseDocument(text, {customTags: customTags as never, uniqueKeys: true, lineCounter});
  // Errors first, then warnings: an unknown tag is only a warning to the yaml package, which would
  // read `!!js/function` as a string and print a YAMLWarning on its own.
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) throw yamlError(problem, text, path, YAML);
  // A list or a mapping as a key (`? [a, b]`) has no JSON form: the yaml package would make it text and print a warning.
  let collectionKey: number | undefined;
  YAML.visit(doc, {
    Pair(_, pair) {
      if (!YAML.isCollection(pair.key)) return undefined;
      collectionKey = pair.key.range?.[0] ?? 0;
      return YAML.visit.BREAK;
    },
  });
  if (collectionKey !== undefined) {
    const {line, col} = lineCounter.linePos(collectionKey);
    throw new UserError(`${path}: a key is a list or a mapping (line ${line}, column ${col})`, {
      hint: 'task definitions and templates have text keys only',
    });
  }
  try {
    return doc.toJS();
  } catch (error) {
    // Aliases that would expand without end ("billion laughs") stop here.
    throw new UserError(`${path} is not valid YAML: ${untrusted((error as Error).message.split('\n')[0]!, 120)}`, {
      hint: 'estimate reads a task definition or a template, as JSON or YAML: check that this is one',
    });
  }
}

/** One line naming the file, the place and what is wrong; what it quotes from the file is escaped and cut. */
function yamlError(problem: YAMLError, text: string, path: string, YAML: typeof import('yaml')): UserError {
  const at = problem.linePos ? ` (line ${problem.linePos[0].line}, column ${problem.linePos[0].col})` : '';
  if (problem.code === 'DUPLICATE_KEY') {
    // The error points at the second key's first character; the key is the scalar that starts there.
    let key = '';
    YAML.visit(YAML.parseDocument(text, {uniqueKeys: false}), {
      Pair(_, pair) {
        if (!YAML.isScalar(pair.key) || pair.key.range?.[0] !== problem.pos[0]) return undefined;
        key = String(pair.key.value);
        return YAML.visit.BREAK;
      },
    });
    return new UserError(`${path}: the key "${untrusted(key, 40)}" appears twice in one mapping${at}`, {
      hint: 'YAML keys must be unique; keep one of them',
    });
  }
  if (problem.code === 'TAG_RESOLVE_FAILED') {
    return new UserError(`${path}: unknown YAML tag ${untrusted(text.slice(...problem.pos), 40)}${at}`, {
      hint: `only YAML's standard tags and CloudFormation's short forms (!Ref, !Sub, !GetAtt, ...) are read`,
    });
  }
  const what = problem.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return new UserError(`${path} is not valid YAML: ${untrusted(what, 120)}${at}`, {
    hint: 'estimate reads a task definition or a template, as JSON or YAML: check that this is one',
  });
}

/** Reads and parses an input file (JSON, or YAML), refusing an empty one. */
async function readDocument(path: string, stdin: NodeJS.ReadableStream): Promise<{document: unknown; name: string}> {
  const git = parseGitInput(path);
  const text = git ? await readGitFile(git) : await readInput(path, stdin);
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
  return {document, name};
}

/** Reads a task definition file (JSON, or a YAML CloudFormation template). */
export async function readTaskDefinitionFile(
  path: string,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<TaskDefinitionSpec[]> {
  const {document, name} = await readDocument(path, stdin);
  return readTaskDefinitions(document, name);
}

/** What estimate reads from a file: task definitions, or a set with services. */
export type EstimateInput =
  | {readonly kind: 'specs'; readonly specs: TaskDefinitionSpec[]}
  | {readonly kind: 'set'; readonly set: WorkloadSet};

/**
 * Reads what estimate prices: `terraform show -json` output (a plan or a state), a template with
 * services, describe-services output (each a set), or task definitions as before.
 */
export async function readEstimateInput(
  path: string,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<EstimateInput> {
  const {document, name} = await readDocument(path, stdin);
  if (isTerraformJson(document)) return {kind: 'set', set: readTerraform(document, name)};
  if (hasServices(document)) return {kind: 'set', set: readCloudFormationSet(document as Json, name)};
  if (isObject(document) && Array.isArray(document['services']) && !('Resources' in document)) {
    // Its reader's schema library loads only for such a file.
    const {describeServicesSet} = await import('./strategy.js');
    return {kind: 'set', set: describeServicesSet(document, name)};
  }
  return {kind: 'specs', specs: readTaskDefinitions(document, name)};
}

/** A plan's two sides (what `diff plan.json` compares), from a file. */
export async function readTerraformPlanFile(
  path: string,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<{before: WorkloadSet; after: WorkloadSet}> {
  const {document, name} = await readDocument(path, stdin);
  return readTerraformPlanSides(document, name);
}
