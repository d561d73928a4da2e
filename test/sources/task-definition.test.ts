import {readFileSync} from 'node:fs';
import {taskNoteText} from '../../src/report/text.js';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {resolveTask} from '../../src/sizing/resolve.js';
import {readTaskDefinitions} from '../../src/sources/task-definition.js';
import {readTaskDefinitionFile} from '../../src/sources/task-definition-file.js';

const samples = 'test/fixtures/aws-samples/ecs';
const load = (name: string) => JSON.parse(readFileSync(join(samples, name), 'utf8')) as unknown;
const pick = (spec: ReturnType<typeof readTaskDefinitions>[number]) => [
  spec.name,
  spec.cpuUnits,
  spec.memoryMiB,
  spec.storageGiB,
  spec.arch,
  spec.os,
  spec.region,
];

describe('every task definition sample in aws-samples parses', () => {
  it.each([
    [
      'describe-task-definition__cli-v2-iso-local__fargate-x86.json',
      ['prowler', 512, 2048, undefined, undefined, undefined, 'us-east-1'],
    ],
    [
      'task-definition__console-json-export__fargate-x86.json',
      ['hiringcandidate-command', 1024, 2048, undefined, 'x86_64', 'linux', 'sa-east-1'],
    ],
    [
      'register-task-definition-input__fargate-windows-2019-core.json',
      ['windows-simple-iis-2019-core', 2048, 4096, undefined, undefined, 'windows', undefined],
    ],
  ])('%s', (file, expected) => {
    const specs = readTaskDefinitions(load(file), file);
    expect(specs.map(pick)).toEqual([expected]);
    expect(() => resolveTask(specs[0]!)).not.toThrow();
  });
});

describe('shapes and fields', () => {
  it('reads "1 vCPU" / "2 GB" strings as registration accepts them, and ephemeral storage', () => {
    const [spec] = readTaskDefinitions(
      {family: 'f', cpu: '1 vCPU', memory: '3 GB', ephemeralStorage: {sizeInGiB: 64}, containerDefinitions: []},
      'x.json',
    );
    expect([spec!.cpuUnits, spec!.memoryMiB, spec!.storageGiB]).toEqual([1024, 3072, 64]);
  });

  it('derives the size from the containers when the task level has none, and says so', () => {
    const [spec] = readTaskDefinitions(
      {
        family: 'sidecars',
        containerDefinitions: [
          {name: 'a', cpu: 256, memory: 700},
          {name: 'b', cpu: 128, memoryReservation: 300},
        ],
      },
      'x.json',
    );
    const task = resolveTask(spec!);
    expect([task.size.cpuUnits, task.size.memoryMiB]).toEqual([512, 1024]);
    expect(taskNoteText(task.notes[0]!)).toBe(
      'no task-level cpu or memory: the 2 container(s) reserve 384 CPU units and 1000 MiB, priced as the smallest Fargate size that holds them (0.5 vCPU, 1 GB)',
    );
  });
});

describe('CloudFormation templates', () => {
  const template = JSON.parse(readFileSync('data/examples/cdk-stack.template.json', 'utf8')) as unknown;

  it('reads each task definition resource with its logical id, skipping other resources', () => {
    expect(
      readTaskDefinitions(template, 'stack.json').map((spec) => [
        spec.name,
        spec.source,
        spec.cpuUnits,
        spec.memoryMiB,
        spec.arch,
        spec.storageGiB,
      ]),
    ).toEqual([
      ['orders-api', 'stack.json#ApiTaskDef4A2B1C7D', 512, 1024, 'arm64', undefined],
      ['nightly-report', 'stack.json#ReportJobTaskDefE91F03AA', 4096, 16384, undefined, 100],
    ]);
  });

  it('resolves Ref to a parameter Default in YAML short form', async () => {
    const specs = await readTaskDefinitionFile('data/examples/cloudformation.yaml');
    expect(specs.map((spec) => [spec.name, spec.cpuUnits, spec.memoryMiB])).toEqual([
      ['ConsumerTaskDefinition', 1024, 3072],
    ]);
  });

  it('refuses an expression it cannot evaluate offline, naming the property and the flag', () => {
    const cfn = {
      Resources: {
        T: {Type: 'AWS::ECS::TaskDefinition', Properties: {Cpu: {'Fn::If': ['Big', '2048', '1024']}, Memory: '4096'}},
      },
    };
    expect(() => readTaskDefinitions(cfn, 't.json')).toThrow(
      't.json#T: Cpu is a CloudFormation expression (Fn::If) that cannot be evaluated offline',
    );
  });

  it('refuses a Ref without a Default', () => {
    const cfn = {
      Parameters: {C: {Type: 'String'}},
      Resources: {T: {Type: 'AWS::ECS::TaskDefinition', Properties: {Cpu: {Ref: 'C'}, Memory: '4096'}}},
    };
    expect(() => readTaskDefinitions(cfn, 't.json')).toThrow(/Cpu is \{"Ref": "C"\}, which has no Default/);
  });

  it('says when a template has no task definition', () => {
    expect(() => readTaskDefinitions({Resources: {B: {Type: 'AWS::S3::Bucket'}}}, 't.json')).toThrow(
      /without an AWS::ECS::TaskDefinition/,
    );
  });
});

describe('task definitions that cannot run on Fargate are rejected with the reason', () => {
  it.each([
    [{family: 'ec2', cpu: '256', memory: '512', requiresCompatibilities: ['EC2']}, 'requiresCompatibilities is EC2'],
    [
      {family: 'bridge', cpu: '256', memory: '512', networkMode: 'bridge'},
      'networkMode is bridge; Fargate requires awsvpc',
    ],
    [{family: 'old', cpu: '256', memory: '512', compatibilities: ['EC2']}, 'ECS lists its compatibilities as EC2 only'],
    [
      {family: 'gpu', cpu: '256', memory: '512', inferenceAccelerators: [{deviceName: 'd', deviceType: 'eia2.medium'}]},
      'it uses inference accelerators',
    ],
    [
      {family: 'host', cpu: '256', memory: '512', volumes: [{name: 'v', host: {sourcePath: '/var/run'}}]},
      'a volume bind-mounts a host sourcePath',
    ],
  ])('%o', (definition, reason) => {
    expect(() => readTaskDefinitions(definition, 'td.json')).toThrow(
      `task definition ${definition.family} (td.json) cannot run on Fargate: ${reason}`,
    );
  });

  it('rejects Windows on arm64', () => {
    const [spec] = readTaskDefinitions(
      {
        family: 'w',
        cpu: '1024',
        memory: '2048',
        runtimePlatform: {cpuArchitecture: 'ARM64', operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE'},
      },
      'td.json',
    );
    expect(() => resolveTask(spec!)).toThrowProblem(
      'task definition w asks for Windows on arm64, which Fargate does not run',
    );
  });

  it('rejects sizes Fargate does not offer, with the nearest valid one', () => {
    const [spec] = readTaskDefinitions({family: 'big', cpu: '256', memory: '4096'}, 'td.json');
    expect(() => resolveTask(spec!)).toThrowProblem(
      'task definition big memory 4 GB is not valid for 0.25 vCPU; valid: 0.5, 1, 2 GB (nearest valid size: 0.5 vCPU, 4 GB)',
    );
  });

  it('lets flags override the file before validating', () => {
    const [spec] = readTaskDefinitions({family: 'big', cpu: '256', memory: '4096'}, 'td.json');
    expect(resolveTask(spec!, {cpuUnits: 1024}).size.cpuUnits).toBe(1024);
  });
});

describe('values of the wrong kind are refused by what they are (found by fuzzing)', () => {
  const base = {family: 'x', cpu: '256', memory: '512'};
  it.each([
    // String() of a mapping with a "toString" key threw a TypeError: an internal error.
    [{...base, compatibilities: [{toString: 1}]}, 'ECS lists its compatibilities as a mapping only'],
    [{...base, requiresCompatibilities: [{toString: 1}, 'EC2']}, 'requiresCompatibilities is a mapping, EC2'],
    [{...base, cpu: {toString: 1}}, 'cpu is a mapping, not a number or text'],
    // A list was read as its text: [1] as 1 CPU unit.
    [{...base, cpu: [1]}, 'cpu is a list, not a number or text'],
    [{...base, memory: true}, 'memory is true, not a number or text'],
    [{...base, ephemeralStorage: {sizeInGiB: null}}, 'ephemeral storage is null, not a number or text'],
    [{...base, containerDefinitions: [{cpu: {a: 1}}]}, 'cpu is a mapping, not a number or text'],
    [{...base, runtimePlatform: {cpuArchitecture: {toString: 1}}}, 'cpuArchitecture is a mapping, not X86_64 or ARM64'],
    [
      {...base, runtimePlatform: {operatingSystemFamily: 7}},
      'operatingSystemFamily is 7, not LINUX or WINDOWS_SERVER_*',
    ],
  ])('%j', (definition, message) => {
    expect(() => resolveTask(readTaskDefinitions(definition, 'td.json')[0]!)).toThrowProblem(message);
  });

  it('refuses a Ref to something other than a parameter name', () => {
    const cfn = {
      Parameters: {C: {Type: 'String', Default: '256'}},
      Resources: {T: {Type: 'AWS::ECS::TaskDefinition', Properties: {Cpu: {Ref: {toString: 1}}, Memory: '512'}}},
    };
    expect(() => readTaskDefinitions(cfn, 't.json')).toThrow(
      't.json#T: Cpu is {"Ref": a mapping}, which has no Default',
    );
    const inherited = {...cfn, Resources: {T: {...cfn.Resources.T, Properties: {Cpu: {Ref: '__proto__'}}}}};
    expect(() => readTaskDefinitions(inherited, 't.json')).toThrow('Cpu is {"Ref": "__proto__"}, which has no Default');
  });

  it('cuts and escapes what it quotes: a family, a logical id, a network mode, a size', () => {
    const long = `\u001b[2J${'f'.repeat(100)}`;
    const cut = `\\x1b[2J${'f'.repeat(55)}…`;
    expect(() => readTaskDefinitions({family: long, cpu: '256', memory: '512', networkMode: long}, 'td.json')).toThrow(
      `task definition ${cut} (td.json) cannot run on Fargate: networkMode is ${cut}; Fargate requires awsvpc`,
    );
    expect(() => readTaskDefinitions({family: 'x', cpu: long, memory: '512'}, 'td.json')).toThrowProblem(
      `cpu "${cut}" is not`,
    );
    const template = {Resources: {[long]: {Type: 'AWS::ECS::TaskDefinition', Properties: {Cpu: {'Fn::Sub': 'x'}}}}};
    expect(() => readTaskDefinitions(template, 't.json')).toThrow(`t.json#${cut}: Cpu is a CloudFormation expression`);
    // The spec keeps where it came from exactly: JSON output is exact.
    const [spec] = readTaskDefinitions({Resources: {[long]: {...template.Resources[long], Properties: {}}}}, 't.json');
    expect(spec!.source).toBe(`t.json#${long}`);
  });
});

describe('not a task definition', () => {
  it.each([
    [[], 'is not a task definition: expected a mapping (a JSON object)'],
    [{tasks: []}, 'is not a task definition: it has no taskDefinition, containerDefinitions, cpu or family'],
  ])('%o', (document, message) => expect(() => readTaskDefinitions(document, 'x.json')).toThrow(`x.json ${message}`));

  it('names the line of a JSON syntax error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fc-td-'));
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{\n  "family": "x",\n  "cpu": 256,,\n}\n');
    try {
      await expect(readTaskDefinitionFile(file)).rejects.toThrow(/broken.json is not valid JSON \(line 3\)/);
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });
});

describe('YAML is read strictly: one line naming the file for duplicate keys and unknown tags', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, {recursive: true, force: true});
  });
  const yamlFile = (text: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'fc-yaml-'));
    dirs.push(dir);
    const path = join(dir, 'stack.yaml');
    writeFileSync(path, text);
    return path;
  };
  const template = (properties: string) =>
    ['Resources:', '  Task:', '    Type: AWS::ECS::TaskDefinition', '    Properties:', properties, ''].join('\n');

  it('refuses a key given twice, naming it, the file and the place', async () => {
    const path = yamlFile(template('      Cpu: 256\n      Memory: 512\n      Cpu: 1024'));
    await expect(readTaskDefinitionFile(path)).rejects.toThrow(
      `${path}: the key "Cpu" appears twice in one mapping (line 7, column 7)`,
    );
  });

  it('refuses a key given twice deeper down (a container definition)', async () => {
    const path = yamlFile(
      template('      Cpu: 256\n      Memory: 512\n      ContainerDefinitions:\n        - Name: a\n          Name: b'),
    );
    await expect(readTaskDefinitionFile(path)).rejects.toThrow(
      `${path}: the key "Name" appears twice in one mapping (line 9, column 11)`,
    );
  });

  it('refuses an unknown tag such as !!js/function without printing a YAMLWarning', async () => {
    const emitWarning = vi.spyOn(process, 'emitWarning');
    const path = yamlFile(template('      Cpu: !!js/function "function () { return 1 }"\n      Memory: 512'));
    const failure = readTaskDefinitionFile(path);
    await expect(failure).rejects.toThrow(`${path}: unknown YAML tag !!js/function (line 5, column 12)`);
    await expect(failure).rejects.toMatchObject({
      hint: "only YAML's standard tags and CloudFormation's short forms (!Ref, !Sub, !GetAtt, ...) are read",
      exitCode: 1,
    });
    const unknownLocal = yamlFile(template('      Cpu: !Frobnicate 256\n      Memory: 512'));
    await expect(readTaskDefinitionFile(unknownLocal)).rejects.toThrow(
      'unknown YAML tag !Frobnicate (line 5, column 12)',
    );
    expect(emitWarning).not.toHaveBeenCalled();
  });

  it('escapes and cuts what it quotes from the file', async () => {
    const key = `\u001b[2J${'k'.repeat(80)}`;
    const path = yamlFile(template(`      "${key}": 1\n      "${key}": 2`));
    await expect(readTaskDefinitionFile(path)).rejects.toThrow(
      `${path}: the key "\\x1b[2J${'k'.repeat(35)}…" appears twice in one mapping (line 6, column 7)`,
    );
  });

  it('refuses a list or a mapping as a key, which has no JSON form, without printing a warning', async () => {
    // The yaml package made such a key text and printed a process warning: a second line on stderr.
    const emitWarning = vi.spyOn(process, 'emitWarning');
    const path = yamlFile(template('      ? [Cpu, Memory]\n      : 256'));
    await expect(readTaskDefinitionFile(path)).rejects.toThrow(
      `${path}: a key is a list or a mapping (line 5, column 9)`,
    );
    expect(emitWarning).not.toHaveBeenCalled();
  });

  it('stops aliases that expand without end', async () => {
    const rows = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const [name, prev] of [
      ['b', 'a'],
      ['c', 'b'],
      ['d', 'c'],
      ['e', 'd'],
      ['f', 'e'],
    ])
      rows.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    const path = yamlFile(rows.join('\n'));
    await expect(readTaskDefinitionFile(path)).rejects.toThrow(`${path} is not valid YAML: Excessive alias count`);
  });

  it("keeps reading CloudFormation's short forms: !Ref, !Sub, !GetAtt, !Join, !If, !FindInMap, !Select", async () => {
    const path = yamlFile(
      [
        'Parameters:',
        '  Size: {Type: String, Default: "2048"}',
        'Conditions:',
        '  Prod: !Equals [!Ref Env, prod]',
        'Resources:',
        '  Web:',
        '    Type: AWS::ECS::TaskDefinition',
        '    Properties:',
        '      Family: !Join ["-", [!Ref AWS::StackName, web]]',
        '      Cpu: "1024"',
        '      Memory: !Ref Size',
        '      ExecutionRoleArn: !GetAtt Role.Arn',
        '      TaskRoleArn: !If [Prod, !GetAtt TaskRole.Arn, !Ref AWS::NoValue]',
        '      ContainerDefinitions:',
        '        - Name: web',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's own ${} substitution
        '          Image: !Sub "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/web"',
        '          Environment:',
        '            - {Name: ZONE, Value: !Select [0, !GetAZs ""]}',
        '            - {Name: TIER, Value: !FindInMap [Tiers, !Ref Env, name]}',
        '',
      ].join('\n'),
    );
    const specs = await readTaskDefinitionFile(path);
    expect(specs.map((spec) => [spec.name, spec.cpuUnits, spec.memoryMiB])).toEqual([['Web', 1024, 2048]]);
  });
});
