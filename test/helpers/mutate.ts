import {gzipSync} from 'node:zlib';
import fc from 'fast-check';
import YAML from 'yaml';

/**
 * Mutations of real payloads for fuzzing the readers: each is plain data (so fast-check prints a failing case
 * readably, and shrinks it), applied in order by `mutate`. Positions are fractions of the input, so a mutation
 * applies to any input. A JSON edit changes one node of the parsed document (or of one NDJSON line, or of a YAML
 * document, tags kept), and re-serializes it in the input's style; a text edit works on the bytes.
 */

export type JsonEdit =
  | {readonly op: 'replace'; readonly value: unknown}
  /** A value of the same kind as the one there: a number for a number, a time for a time, text for text. */
  | {readonly op: 'perturb'; readonly pick: number}
  | {readonly op: 'raw'; readonly text: string}
  | {readonly op: 'delete'}
  | {readonly op: 'rename'; readonly name: string}
  | {readonly op: 'duplicate'}
  | {readonly op: 'add'; readonly name: string; readonly value: unknown}
  | {readonly op: 'nest'; readonly depth: number; readonly in: 'array' | 'object'};

export type Mutation =
  | {readonly kind: 'json'; readonly line: number; readonly node: number; readonly edit: JsonEdit}
  | {readonly kind: 'flip'; readonly at: number; readonly xor: number}
  | {readonly kind: 'truncate'; readonly at: number}
  | {readonly kind: 'insert'; readonly at: number; readonly text: string}
  | {readonly kind: 'bytes'; readonly at: number; readonly bytes: readonly number[]}
  | {readonly kind: 'delete-line' | 'duplicate-line'; readonly at: number}
  | {readonly kind: 'swap-lines'; readonly at: number; readonly to: number}
  | {readonly kind: 'yaml-value'; readonly at: number; readonly text: string}
  | {readonly kind: 'yaml-line'; readonly at: number; readonly text: string}
  | {readonly kind: 'bom'}
  | {readonly kind: 'crlf'}
  | {readonly kind: 'as-yaml'};

/** How a .gz file is made of the mutated bytes. */
export type Gzip =
  | {readonly kind: 'gzip'}
  | {readonly kind: 'garbage'; readonly bytes: readonly number[]}
  | {readonly kind: 'cut'; readonly at: number}
  | {readonly kind: 'flip'; readonly at: number; readonly xor: number};

const LONG = 'x'.repeat(20_000);
const CONTROLS = '\u0000\u0007\b\t\n\r\u001b[31m\u001b]0;title\u0007\u007f\u0085\u200e\u202e\u2028\u2066';

/** Strings a reader may meet where it expects a size, a time, a name or an enum. */
const NASTY_STRINGS = [
  '',
  ' ',
  'NaN',
  'Infinity',
  '-Infinity',
  '-1',
  '-0',
  '0',
  '1e400',
  '0x100',
  '1_000',
  '9007199254740993',
  '1.5',
  '.5',
  '5.',
  '256 ',
  ' 1 vCPU',
  '0.25 vCPU',
  '2 GB',
  '-2 GB',
  '1e3 GB',
  'FARGATE',
  'FARGATE_SPOT',
  'fargate-spot',
  'EC2',
  'LINUX',
  'WINDOWS_SERVER_2019_CORE',
  'ARM64',
  'arm64',
  'us-east-1',
  'xx-nowhere-9',
  'arn:aws:ecs:us-east-1:123456789012:task/prod/0123456789abcdef',
  'arn:aws:ecs:eu-west-1:123456789012:cluster/prod',
  'arn:aws:ecs:',
  'arn:::::::::',
  'service:web',
  'family:',
  'ECS Task State Change',
  'STOPPED',
  'RUNNING',
  '2026-02-30T00:00:00Z',
  '2026-02-29T00:00:00Z',
  '2024-02-29T12:00:00.123456789Z',
  '2026-13-01T00:00:00Z',
  '2026-11-02T24:00:00Z',
  '2026-11-02T23:59:60Z',
  '2026-11-02T00:00:00',
  '2026-11-02T00:00:00+25:00',
  '2026-11-02T00:00:00-00:00',
  '2026-11-02',
  '0000-01-01T00:00:00Z',
  '1970-01-01T00:00:00Z',
  '1900-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '+275760-09-13T00:00:00Z',
  '-271821-04-20T00:00:00Z',
  '2026-11-02T00:00:00.Z',
  '2026-11-02T00:00:00.000000000000000000001+05:30',
  '1577073858.114',
  '99999999999999999999',
  'Mon, 02 Nov 2026 00:00:00 GMT',
  'ü日本語🙂',
  '\ud800',
  CONTROLS,
  LONG,
  `${LONG}\u001b[2J`,
  '{"Ref": "TaskCpu"}',
  // Terraform and CloudFormation services: addresses, references, launch types, deployment controllers.
  'EXTERNAL',
  'CODE_DEPLOY',
  '2.0',
  'module.api["a\\"b"].aws_ecs_service.this[0]',
  'aws_ecs_task_definition.web[each.key].arn',
  'module.api.task_definition_arn',
  'var.task_definition_arn',
  'local.task_definition',
  'arn:aws:ecs:us-east-1:123456789012:task-definition/api:4',
  'arn:aws:ecs:us-east-1:123456789012:service/prod/api',
  'api:4',
  'AWS::ECS::Service',
  'AWS::ECS::TaskSet',
  '__proto__',
  'toString',
];

/** Numbers where a reader expects a size, a count, a weight or a timestamp. */
const NASTY_NUMBERS = [
  0,
  -0,
  -1,
  0.5,
  1e-7,
  256,
  1024,
  1e11,
  1e11 + 1,
  8.64e15,
  8.64e15 + 1,
  1e20,
  1e308,
  -1e308,
  2 ** 53 + 2,
  1577073858.114,
  4102444800,
  -62135596800,
];

const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  {weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS)},
  {weight: 3, arbitrary: fc.constantFrom(...NASTY_NUMBERS)},
  {weight: 2, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], [{}], {toString: 1}, {valueOf: {}})},
  {weight: 2, arbitrary: fc.jsonValue({maxDepth: 3})},
  {weight: 1, arbitrary: fc.string({unit: 'binary', maxLength: 40})},
);

/** A position, as a fraction of the input (a double would favour 0 and values next to it). */
const fraction = fc.nat(999_999).map((n) => n / 1_000_000);

/** JSON text no JSON.stringify writes: numbers out of range, values JavaScript would have to guess. */
const RAW_JSON = ['1e400', '-1e400', '-0', '1.0', '1E2', '0.1e-999', '"\\ud800"', '"\\u0000"', '"\\u202e"', 'NaN'];

const keyName = fc.oneof(
  fc.constantFrom('', 'toString', 'valueOf', '__proto__', 'constructor', 'hasOwnProperty', '\u0000', 'ü', 'Ref'),
  fc.constantFrom(`k${'e'.repeat(3000)}y`, `\u001b[2J${CONTROLS}`),
  fc.string({maxLength: 12}),
);

const jsonEdit: fc.Arbitrary<JsonEdit> = fc.oneof(
  {weight: 4, arbitrary: nastyValue.map((value) => ({op: 'replace' as const, value}))},
  {weight: 4, arbitrary: fraction.map((pick) => ({op: 'perturb' as const, pick}))},
  {weight: 1, arbitrary: fc.constantFrom(...RAW_JSON).map((text) => ({op: 'raw' as const, text}))},
  {weight: 3, arbitrary: fc.constant({op: 'delete' as const})},
  {
    weight: 2,
    arbitrary: fc
      .oneof(
        keyName,
        fc.constantFrom('upper', 'lower', 'suffix').map((how) => `\u0000${how}`),
      )
      .map((name) => ({op: 'rename' as const, name})),
  },
  {weight: 1, arbitrary: fc.constant({op: 'duplicate' as const})},
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('nest' as const),
      depth: fc.integer({min: 1, max: 3000}),
      in: fc.constantFrom<'array' | 'object'>('array', 'object'),
    }),
  },
  {weight: 1, arbitrary: fc.tuple(keyName, nastyValue).map(([name, value]) => ({op: 'add' as const, name, value}))},
);

/** YAML that a template may hold where a value is: anchors, aliases, tags, merge keys, flow collections. */
const YAML_VALUES = [
  '&a [*a]',
  '&a {b: *a}',
  '*nowhere',
  '!Ref',
  '!Ref [TaskCpu]',
  '!Ref {a: 1}',
  '!GetAtt a.b.c',
  '!Sub ["$' + '{X}", {X: 1}]',
  '!If [c, 256, 512]',
  '!Foo 256',
  '!!binary aGVsbG8=',
  '!!str 256',
  '!!int 256',
  '!!float 1e3',
  '!!timestamp 2026-02-30',
  '!!set {a, b}',
  '!!omap [a: 1]',
  '!!js/function "function () {}"',
  '!<tag:yaml.org,2002:str> x',
  '2026-02-30',
  '.nan',
  '.inf',
  '-.inf',
  '0x100',
  '0o17',
  '1_024',
  '~',
  '|\n  a\n  b',
  '>-',
  '"\\x1b[31m"',
  "'unterminated",
  '[1, 2',
  '{? [a, b]: c}',
  `${'['.repeat(40)}${']'.repeat(40)}`,
  `${'['.repeat(3000)}${']'.repeat(3000)}`,
  `${'{a: '.repeat(3000)}1${'}'.repeat(3000)}`,
  `${'- '.repeat(300)}x`,
];
const YAML_LINES = [
  '---',
  '...',
  '%YAML 1.1',
  '%TAG ! tag:example.com,2000:',
  'x: &big [*big, *big]',
  'anchors: &a {Cpu: 256, Memory: 512}',
  '<<: *a',
  '<<: {Cpu: 4096}',
  '? [a, b]',
  ': value',
  'Cpu: 256',
  'Type: AWS::ECS::Service',
  'DeploymentController: {Type: EXTERNAL}',
  'TaskDefinition: !Ref Nowhere',
  'Cpu: 256',
  'Type: AWS::ECS::TaskDefinition',
  '  - item',
  '\t- tab',
  '#comment',
  'key: value # comment',
];

const byte = fc.integer({min: 1, max: 255});

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({kind: fc.constant('json' as const), line: fraction, node: fraction, edit: jsonEdit}),
  },
  {weight: 2, arbitrary: fc.record({kind: fc.constant('flip' as const), at: fraction, xor: byte})},
  {weight: 2, arbitrary: fc.record({kind: fc.constant('truncate' as const), at: fraction})},
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      at: fraction,
      text: fc.oneof(fc.constantFrom(...RAW_JSON, ',', ']', '}', '{', '[', '"', '\n', '\r\n', '\ufeff'), fc.string()),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('bytes' as const),
      at: fraction,
      bytes: fc.oneof(
        fc.constantFrom([0xff, 0xfe], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0x00], [0x1f, 0x8b]),
        fc.array(fc.integer({min: 0, max: 255}), {maxLength: 16}),
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({kind: fc.constantFrom('delete-line' as const, 'duplicate-line' as const), at: fraction}),
  },
  {weight: 1, arbitrary: fc.record({kind: fc.constant('swap-lines' as const), at: fraction, to: fraction})},
  {weight: 1, arbitrary: fc.constantFrom({kind: 'bom' as const}, {kind: 'crlf' as const})},
);

/** Mutations of task definitions and templates: the above, YAML constructs, and the JSON written as YAML. */
export const templateMutation: fc.Arbitrary<Mutation> = fc.oneof(
  {weight: 6, arbitrary: mutation},
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('yaml-value' as const),
      at: fraction,
      text: fc.constantFrom(...YAML_VALUES),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({kind: fc.constant('yaml-line' as const), at: fraction, text: fc.constantFrom(...YAML_LINES)}),
  },
  {weight: 1, arbitrary: fc.constant({kind: 'as-yaml' as const})},
);

export const gzip: fc.Arbitrary<Gzip> = fc.oneof(
  {weight: 4, arbitrary: fc.constant({kind: 'gzip' as const})},
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('garbage' as const),
      bytes: fc.array(fc.integer({min: 0, max: 255}), {maxLength: 64}),
    }),
  },
  {weight: 1, arbitrary: fc.record({kind: fc.constant('cut' as const), at: fraction})},
  {weight: 1, arbitrary: fc.record({kind: fc.constant('flip' as const), at: fraction, xor: byte})},
);

/** The bytes of a .gz file holding `bytes`, made as `how` says. */
export function gzipped(bytes: Buffer, how: Gzip): Buffer {
  if (how.kind === 'garbage') return Buffer.from([0x1f, 0x8b, ...how.bytes]);
  const zipped = gzipSync(bytes);
  if (how.kind === 'cut') return zipped.subarray(0, Math.floor(how.at * zipped.length));
  if (how.kind === 'flip') {
    const copy = Buffer.from(zipped);
    const at = Math.floor(how.at * copy.length);
    copy[at] = copy[at]! ^ how.xor;
    return copy;
  }
  return zipped;
}

const index = (at: number, length: number) => Math.min(length - 1, Math.floor(at * length));

/**
 * Applies the mutations in order. With `yaml`, a JSON edit of text that is no JSON edits it as YAML (slow on large
 * inputs: for task definitions and templates).
 */
export function mutate(input: Buffer, mutations: readonly Mutation[], options: {yaml?: boolean} = {}): Buffer {
  return mutations.reduce((bytes, m) => apply(bytes, m, options.yaml ?? false), input);
}

function apply(input: Buffer, m: Mutation, yaml: boolean): Buffer {
  const at = (length: number) => Math.floor(('at' in m ? m.at : 0) * (length + 1));
  switch (m.kind) {
    case 'flip': {
      if (input.length === 0) return input;
      const copy = Buffer.from(input);
      const i = index(m.at, copy.length);
      copy[i] = copy[i]! ^ m.xor;
      return copy;
    }
    case 'truncate':
      return input.subarray(0, at(input.length));
    case 'insert':
    case 'bytes': {
      const i = at(input.length);
      const bytes = m.kind === 'insert' ? Buffer.from(m.text) : Buffer.from(m.bytes);
      return Buffer.concat([input.subarray(0, i), bytes, input.subarray(i)]);
    }
    case 'bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), input]);
    case 'crlf':
      return Buffer.from(input.toString('latin1').replace(/\n/g, '\r\n'), 'latin1');
    case 'delete-line':
    case 'duplicate-line':
    case 'swap-lines': {
      const lines = input.toString('latin1').split('\n');
      const i = index(m.at, lines.length);
      if (m.kind === 'delete-line') lines.splice(i, 1);
      else if (m.kind === 'duplicate-line') lines.splice(i, 0, lines[i]!);
      else if (m.kind === 'swap-lines') {
        const j = index(m.to, lines.length);
        [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      }
      return Buffer.from(lines.join('\n'), 'latin1');
    }
    case 'yaml-value':
    case 'yaml-line': {
      const lines = input.toString('utf8').split('\n');
      if (m.kind === 'yaml-line') {
        const i = at(lines.length);
        const indent = /^\s*/.exec(lines[Math.min(i, lines.length - 1)] ?? '')![0];
        lines.splice(i, 0, indent + m.text);
      } else {
        const keyed = lines.flatMap((line, i) => (/^\s*(- )?[\w":]+:(\s|$)/.test(line) ? [i] : []));
        if (keyed.length === 0) return input;
        const i = keyed[index(m.at, keyed.length)]!;
        lines[i] = lines[i]!.replace(/:(\s.*)?$/, `: ${m.text}`);
      }
      return Buffer.from(lines.join('\n'));
    }
    case 'as-yaml': {
      const value = parseJson(input.toString('utf8'));
      if (value === undefined) return input;
      try {
        return Buffer.from(YAML.stringify(value.value));
      } catch {
        // Nested too deeply for the writer's recursion.
        return input;
      }
    }
    case 'json':
      return jsonMutation(input, m, yaml);
  }
}

function parseJson(text: string): {value: unknown} | undefined {
  try {
    return {value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)};
  } catch {
    return undefined;
  }
}

/** One node of the whole document, else of one line (NDJSON), else of a YAML document. */
function jsonMutation(input: Buffer, m: Mutation & {kind: 'json'}, yaml: boolean): Buffer {
  try {
    return editJson(input, m, yaml);
  } catch (error) {
    // Nesting deeper than JSON.stringify can write (several deep edits on one value): the input as it was.
    if (error instanceof RangeError) return input;
    throw error;
  }
}

function editJson(input: Buffer, m: Mutation & {kind: 'json'}, yaml: boolean): Buffer {
  const text = input.toString('utf8');
  const whole = parseJson(text);
  if (whole) return Buffer.from(serialize(editTree(whole.value, m.node, m.edit), m.edit, /\n\s/.test(text)));
  const lines = text.split('\n');
  const jsonLines = lines.flatMap((line, i) => (parseJson(line) ? [i] : []));
  if (jsonLines.length > 0) {
    const i = jsonLines[index(m.line, jsonLines.length)]!;
    lines[i] = serialize(editTree(parseJson(lines[i]!)!.value, m.node, m.edit), m.edit, false);
    return Buffer.from(lines.join('\n'));
  }
  return yaml ? yamlMutation(input, text, m) : input;
}

const RAW_MARK = '\u0000raw\u0000';

function serialize(value: unknown, edit: JsonEdit, pretty: boolean): string {
  // Deep nesting pretty-printed grows with the square of its depth: written compact.
  const json = JSON.stringify(value, null, pretty && edit.op !== 'nest' ? 2 : undefined) ?? 'null';
  return edit.op === 'raw' ? json.replace(JSON.stringify(RAW_MARK), edit.text) : json;
}

type Path = readonly (string | number)[];

/** Paths of the first nodes, depth first (the root first). */
function paths(value: unknown, limit = 5000): Path[] {
  const found: Path[] = [];
  const walk = (node: unknown, path: Path, depth: number) => {
    if (found.length >= limit) return;
    found.push(path);
    if (depth > 50 || typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      for (const [i, child] of node.entries()) walk(child, [...path, i], depth + 1);
    } else for (const [key, child] of Object.entries(node)) walk(child, [...path, key], depth + 1);
  };
  walk(value, [], 0);
  return found;
}

function renamed(name: string, how: string): string {
  if (how === '\u0000upper') return name.toUpperCase();
  if (how === '\u0000lower') return name.charAt(0).toLowerCase() + name.slice(1);
  if (how === '\u0000suffix') return `${name}_`;
  return how;
}

const TIMES = NASTY_STRINGS.filter((text) => /^[+-]?\d{4,6}-\d/.test(text) || /^\d+\.\d+$/.test(text));
const NUMERIC_TEXT = NASTY_STRINGS.filter((text) => /^[\s\d.+-]|NaN|Infinity|vCPU|GB/.test(text));
const NUMBERS_AND_TEXT = [...NASTY_NUMBERS, ...NUMERIC_TEXT, null, true, [], {}];

/** A value of the kind of `value`, picked by `pick` (a fraction). */
function sameKind(value: unknown, pick: number): unknown {
  const from = (pool: readonly unknown[]) => pool[index(pick, pool.length)];
  if (typeof value === 'number') return from(NUMBERS_AND_TEXT);
  if (typeof value === 'boolean') return from([!value, null, 'true', 0, 1]);
  if (typeof value === 'string') {
    if (/^\d{4}-\d\d-\d\dT/.test(value)) return from([...TIMES, ...NASTY_NUMBERS]);
    if (/^\d+(\.\d+)?$/.test(value) || /vCPU|GB/i.test(value)) return from(NUMBERS_AND_TEXT);
    if (value.startsWith('arn:')) {
      // The same ARN with one field changed: the region, the account, the resource.
      const fields = value.split(':');
      const i = 3 + index(pick, 3);
      fields[i] = from(['', 'us-east-1', 'xx-nowhere-9', CONTROLS, LONG, '/', 'task/', ':']) as string;
      return fields.join(':');
    }
    return from(NASTY_STRINGS);
  }
  if (Array.isArray(value)) return from([[], [null], [value], value.slice(1), [...value, ...value]]);
  if (value === null) return from([0, '', {}, []]);
  return from([{}, [value], null, 'object']);
}

/** A value wrapped in `depth` arrays or objects. */
function nested(value: unknown, edit: JsonEdit & {op: 'nest'}): unknown {
  let wrapped = value;
  for (let i = 0; i < edit.depth; i++) wrapped = edit.in === 'array' ? [wrapped] : {a: wrapped};
  return wrapped;
}

function editTree(root: unknown, node: number, edit: JsonEdit): unknown {
  const all = paths(root);
  const path = all[index(node, all.length)]!;
  if (path.length === 0) {
    if (edit.op === 'replace') return edit.value;
    if (edit.op === 'perturb') return sameKind(root, edit.pick);
    if (edit.op === 'raw') return RAW_MARK;
    if (edit.op === 'nest') return nested(root, edit);
    if (edit.op === 'add' && typeof root === 'object' && root !== null && !Array.isArray(root))
      return {...root, [edit.name]: edit.value};
    return edit.op === 'duplicate' ? [root, root] : root;
  }
  const parent = path.slice(0, -1).reduce<any>((at, key) => at[key], root);
  const key = path[path.length - 1]!;
  const target = parent[key];
  switch (edit.op) {
    case 'replace':
      parent[key] = edit.value;
      break;
    case 'perturb':
      parent[key] = sameKind(target, edit.pick);
      break;
    case 'raw':
      parent[key] = RAW_MARK;
      break;
    case 'nest':
      parent[key] = nested(target, edit);
      break;
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      break;
    case 'duplicate':
      if (Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(target));
      else parent[key] = [target, target];
      break;
    case 'rename':
      if (!Array.isArray(parent)) {
        // Rebuilt in order, so the renamed key keeps its place.
        const entries = Object.entries(parent).map(([k, v]): [string, unknown] => [
          k === key ? renamed(k, edit.name) : k,
          v,
        ]);
        for (const k of Object.keys(parent)) delete parent[k];
        for (const [k, v] of entries)
          Object.defineProperty(parent, k, {value: v, enumerable: true, writable: true, configurable: true});
      }
      break;
    case 'add':
      if (typeof target === 'object' && target !== null && !Array.isArray(target))
        Object.defineProperty(target, edit.name, {
          value: edit.value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else if (Array.isArray(target)) target.push(edit.value);
      break;
  }
  return root;
}

/** The same edit on a YAML document, its tags and anchors kept; the input unchanged when it is not YAML. */
function yamlMutation(input: Buffer, text: string, m: Mutation & {kind: 'json'}): Buffer {
  const doc = YAML.parseDocument(text, {uniqueKeys: false, logLevel: 'silent'});
  if (doc.errors.length > 0) return input;
  const edit = m.edit;
  // Keys are edited on pairs, values on nodes.
  const onPairs = edit.op === 'delete' || edit.op === 'rename' || edit.op === 'duplicate';
  let count = 0;
  const counter = () => {
    count++;
  };
  YAML.visit(doc, onPairs ? {Pair: counter} : {Node: counter});
  if (count === 0) return input;
  const target = index(m.node, count);
  let seen = 0;
  YAML.visit(
    doc,
    onPairs
      ? {
          Pair(_, pair) {
            if (seen++ !== target) return undefined;
            if (edit.op === 'delete') return YAML.visit.REMOVE;
            const key = YAML.isScalar(pair.key) ? String(pair.key.value) : 'key';
            const name = edit.op === 'rename' ? renamed(key, edit.name) : key;
            pair.key = doc.createNode(name);
            return YAML.visit.BREAK;
          },
        }
      : {
          Node(_, node) {
            if (seen++ !== target) return undefined;
            if (edit.op === 'raw') return doc.createNode(edit.text);
            if (edit.op === 'perturb')
              return doc.createNode(sameKind(YAML.isScalar(node) ? node.value : {}, edit.pick));
            // Deep nesting comes as text ('yaml-value'): nodes for it would overflow the writer's stack.
            if (edit.op === 'nest') return YAML.visit.BREAK;
            return doc.createNode((edit as {value: unknown}).value);
          },
        },
  );
  try {
    return Buffer.from(doc.toString());
  } catch {
    return input;
  }
}
