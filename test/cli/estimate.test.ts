import {mockClient} from 'aws-sdk-client-mock';
import {DescribeTaskDefinitionCommand, ECSClient} from '@aws-sdk/client-ecs';
import {readFileSync} from 'node:fs';
import {afterEach, describe, expect, it} from 'vitest';
import {runCli} from '../helpers/cli.js';

describe('fargate-cost estimate', () => {
  it('prices a task definition file under every option, with assumptions', async () => {
    const {code, stdout, stderr} = await runCli(['estimate', 'data/examples/web-service.json']);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toContain('web (data/examples/web-service.json)');
    expect(stdout).toContain('1 vCPU, 2 GB, Linux/x86_64, us-east-1; 1 task always on (730 hours a month)');
    expect(stdout).toMatch(/On-Demand\s+\$36\.04\s+\$0\.0494/);
    expect(stdout).toMatch(/USE1-Fargate-vCPU-Hours:perCPU\s+730 vCPU-Hours\s+\$0\.04048\s+\$29\.55/);
    expect(stdout).toMatch(/prices: embedded snapshot .*data\/catalog\.json \(generated 2026-11-24, 0 days old\)/);
  });

  it('writes the documented JSON, money as exact decimal strings', async () => {
    const {code, stdout} = await runCli(['estimate', '--cpu', '1', '--memory', '2', '--format', 'json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    const onDemand = result.options.find((option: {id: string}) => option.id === 'on-demand');
    expect(onDemand).toMatchObject({available: true, monthlyCost: '36.0401', hourlyCost: '0.04937'});
    expect(onDemand.lines[0]).toEqual({
      usageType: 'USE1-Fargate-vCPU-Hours:perCPU',
      region: 'us-east-1',
      dimension: 'linux-x86_64-vcpu',
      quantity: '730',
      unit: 'vCPU-Hours',
      rate: '0.04048',
      cost: '29.5504',
      source: 'aws-price-list-2025-08',
      asOf: '2025-08-28',
      confidence: 'published',
      // fgcalc's author read the same 0.04048 from the Price List API on 2026-09-29 (data/sources/README.md).
      confirmed: '2026-09-29',
      confirmedBy: 'fgcalc-on-demand',
    });
    expect(result.tasks[0].size).toEqual({
      cpuUnits: 1024,
      vcpu: '1',
      memoryMiB: 2048,
      memoryGB: '2',
      storageGiB: 20,
      arch: 'x86_64',
      os: 'linux',
    });
    expect(result.assumptions.catalog).toMatchObject({kind: 'embedded', ageDays: 0, stale: false});
    // No money leaves as a JSON number.
    expect(stdout).not.toMatch(/"(monthlyCost|cost|rate|quantity)": \d/);
  });

  it('lets flags override the file', async () => {
    const {stdout} = await runCli([
      'estimate',
      'data/examples/web-service.json',
      '--arch',
      'arm64',
      '--region',
      'eu-west-1',
      '--format',
      'json',
    ]);
    const task = JSON.parse(stdout).tasks[0];
    expect([task.size.arch, task.region, task.regionOrigin]).toEqual(['arm64', 'eu-west-1', 'flag']);
  });

  it('takes the region from AWS_REGION when nothing else names one', async () => {
    const {stdout} = await runCli(['estimate', '--cpu', '1', '--memory', '2', '--format', 'json'], {
      env: {AWS_REGION: 'eu-west-2'},
    });
    expect(JSON.parse(stdout).tasks[0]).toMatchObject({region: 'eu-west-2', regionOrigin: 'environment'});
  });

  it('reads a task definition from stdin', async () => {
    const {code, stdout} = await runCli(['estimate', '-', '--format', 'csv', '--options', 'on-demand'], {
      stdin: readFileSync(
        'test/fixtures/aws-samples/ecs/describe-task-definition__cli-v2-iso-local__fargate-x86.json',
        'utf8',
      ),
    });
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toEqual([
      'task,region,option,available,monthly_cost,hourly_cost,savings,savings_percent,commitment_per_hour,upfront,reason',
      'prowler,us-east-1,on-demand,true,21.264900,0.029130,0.000000,0.000000,,,',
    ]);
  });

  it('estimates each task definition of a template and their total', async () => {
    const {stdout} = await runCli([
      'estimate',
      'data/examples/cdk-stack.template.json',
      '--options',
      'on-demand',
      '--format',
      'markdown',
    ]);
    expect(stdout).toContain('**orders-api**: 0.5 vCPU, 1 GB, Linux/arm64, us-east-1');
    expect(stdout).toContain('**nightly-report**: 4 vCPU, 16 GB, Linux/x86_64, 100 GiB storage, us-east-1');
    // orders-api 365 x 0.03238 + 730 x 0.00356 = 14.4175; nightly-report 2920 x 0.04048 + 11680 x 0.004445
    // + 80 GiB x 730 h x 0.000111 = 176.6016; together 191.0191.
    // The arm64 and storage rates are the 2025-08 offer's, which no later reading confirmed (only the
    // x86 pair was, on 2026-09-29): over a year old at the run's 2026-11-24, so the row says so.
    expect(stdout).toContain('| On-Demand: 2025-08 rate, refresh | $191.02 |');
  });

  it('shows unavailable options with their reason', async () => {
    const {stdout} = await runCli(['estimate', 'data/examples/windows-iis.json']);
    expect(stdout).toContain(
      'Fargate Spot: not available (Fargate Spot runs Linux tasks only; Windows tasks cannot use it)',
    );
  });

  it('takes catalog keywords in --catalog, like every command', async () => {
    const embedded = await runCli([
      'estimate',
      '--cpu',
      '1',
      '--memory',
      '2',
      '--catalog',
      'embedded',
      '--format',
      'json',
    ]);
    expect(JSON.parse(embedded.stdout).assumptions.catalog.kind).toBe('embedded');
    const cached = await runCli(['estimate', '--cpu', '1', '--memory', '2', '--catalog', 'cached']);
    expect(cached.code).toBe(1);
    expect(cached.stderr).toBe(
      'fargate-cost: there is no refreshed catalog yet (/nonexistent/fargate-cost-test-cache/catalog.json) (run "fargate-cost prices refresh" first, or name a file)\n',
    );
  });

  it('colours only on a terminal, never with NO_COLOR, FORCE_COLOR=0 or --no-color; FORCE_COLOR=1 colours a pipe', async () => {
    const argv = ['estimate', '--cpu', '1', '--memory', '2'];
    const term = {TERM: 'xterm-256color'};
    const tty = await runCli(argv, {isTTY: true, env: term});
    expect(tty.stdout).toContain('\u001B[1m');
    for (const env of [{NO_COLOR: '1'}, {FORCE_COLOR: '0'}, {TERM: 'dumb'}]) {
      const plain = await runCli(argv, {isTTY: true, env: {...term, ...env}});
      expect(plain.stdout, JSON.stringify(env)).not.toContain('\u001B[');
    }
    expect((await runCli([...argv, '--no-color'], {isTTY: true, env: term})).stdout).not.toContain('\u001B[');
    expect((await runCli(argv, {env: {FORCE_COLOR: '1'}})).stdout).toContain('\u001B[1m');
  });
});

describe('bad input: one line, what is wrong and how to fix it, a non-zero exit, nothing on stdout', () => {
  // 1: the input (a file, or a size Fargate does not offer); 2: a command line that cannot be used.
  it.each([
    [['estimate', '--cpu', 'lots', '--memory', '2'], 2, 'fargate-cost: cpu "lots" is not understood'],
    [
      ['estimate', '--cpu', '1', '--memory', '2', '--count', '-1'],
      2,
      'fargate-cost: count "-1" must be a whole number of tasks, at least 1',
    ],
    [['estimate', '--cpu', '1', '--memory', '2', '--month', '13x'], 2, 'fargate-cost: month "13x" is not understood'],
    [
      ['estimate', '--cpu', '0.25', '--memory', '3'],
      1,
      'fargate-cost: task memory 3 GB is not valid for 0.25 vCPU; valid: 0.5, 1, 2 GB (nearest valid size: 0.5 vCPU, 3 GB)',
    ],
    [
      ['estimate', '--cpu', '3', '--memory', '8'],
      1,
      'fargate-cost: task cpu 3 vCPU (3072 units) is not a Fargate size; valid vCPU: 0.25, 0.5, 1, 2, 4, 8, 16 (nearest valid size: 4 vCPU, 8 GB)',
    ],
    [
      ['estimate', '--cpu', '1'],
      2,
      'fargate-cost: nothing to estimate: give a task definition FILE, --task-definition REF, or both --cpu and --memory (--memory is missing) (e.g. fargate-cost estimate --cpu 1 --memory 2)',
    ],
    [['estimate', 'no-such-file.json'], 1, 'fargate-cost: no-such-file.json: no such file (check the path)'],
    [['estimate', 'data/examples'], 1, 'fargate-cost: data/examples is a directory (name a file)'],
    [
      // A real region the catalog does not list (data/sources/README.md: not among the Fargate rows read).
      ['estimate', '--cpu', '1', '--memory', '2', '--region', 'ap-east-2'],
      4,
      'fargate-cost: region ap-east-2 is not in the price catalog',
    ],
    [
      // A region the catalog lists (Fargate runs there) without rates: the line names the refresh.
      ['estimate', '--cpu', '1', '--memory', '2', '--region', 'ap-southeast-7'],
      4,
      'lists ap-southeast-7 but has no On-Demand rates for it yet (run "fargate-cost prices refresh --source public --regions ap-southeast-7", which needs no AWS account',
    ],
    [
      ['estimate', '--cpu', '1', '--memory', '2', '--region', 'Virginia'],
      2,
      'fargate-cost: region "Virginia" is not an AWS region code (e.g. us-east-1, eu-west-1)',
    ],
    [
      ['estimate', '--cpu', '1', '--memory', '2', '--storage', '50', '--region', 'eu-central-1'],
      4,
      'fargate-cost: the price catalog',
    ],
    [
      ['estimate', '--cpu', '1', '--memory', '2', '--storage', '300'],
      1,
      'fargate-cost: task ephemeral storage 300 GiB is out of range; Fargate allows 20 to 200 GiB',
    ],
    [
      ['estimate', '--cpu', '1', '--memory', '2', '--runs', '10/day'],
      2,
      'fargate-cost: --runs needs --duration (how long each run lasts) (e.g. --runs 24/day --duration 10m)',
    ],
    [
      ['estimate', '--cpu', '1', '--memory', '2', '--duration', 'soon'],
      2,
      'fargate-cost: duration "soon" is not understood (write e.g. 600s, 10m, 1.5h or 1h30m)',
    ],
    [
      ['estimate', '--cpu', '1', '--memory', '2', '--arch', 'sparc'],
      2,
      'fargate-cost: architecture "sparc" is not x86_64 or arm64',
    ],
    [
      ['estimate', '--cpu', '1', '--memory', '2', '--options', 'reserved'],
      2,
      'fargate-cost: unknown purchase option "reserved"',
    ],
    [
      ['estimate', '--cpu', '1', '--memory', '2', '--format', 'xml'],
      2,
      "fargate-cost: option '--format <format>' argument 'xml' is invalid. Allowed choices are table, json, csv, markdown.",
    ],
    [['estimate', '--frobnicate'], 2, "fargate-cost: unknown option '--frobnicate'"],
    [
      ['estimate', 'a.json', '--task-definition', 'web:3'],
      2,
      'fargate-cost: give either a task definition FILE or --task-definition, not both',
    ],
    [
      [
        'estimate',
        '--cpu',
        '1',
        '--memory',
        '2',
        '--catalog',
        'test/fixtures/aws-samples/ecs/describe-tasks__cli-v1-epoch__fargate-spot.json',
      ],
      1,
      'fargate-cost: price catalog test/fixtures/aws-samples/ecs/describe-tasks__cli-v1-epoch__fargate-spot.json is not valid',
    ],
    [
      ['estimate', 'test/fixtures/aws-samples/ecs/describe-tasks__cli-v1-epoch__fargate-spot.json'],
      1,
      'is not a task definition',
    ],
    [
      ['estimate', '-'],
      1,
      'fargate-cost: stdin is empty: there is no task definition in it (pipe one in, e.g. aws ecs describe-task-definition --task-definition web | fargate-cost estimate -)',
    ],
    [
      ['estimate', 'data/examples/history/events.ndjson'],
      1,
      'fargate-cost: data/examples/history/events.ndjson is not valid JSON (line 2)',
    ],
  ])('%j exits %i', async (argv, exitCode, message) => {
    const {code, stdout, stderr} = await runCli(argv);
    expect(code).toBe(exitCode);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    ['Cpu: 256\n      Cpu: 1024', 'fargate-cost: stdin: the key "Cpu" appears twice in one mapping (line 6, column 7)'],
    ['Cpu: !!js/function "f"', 'fargate-cost: stdin: unknown YAML tag !!js/function (line 5, column 12)'],
  ])('reads YAML strictly: %j is one line, exit 1', async (properties, message) => {
    const yaml = `Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ${properties}\n      Memory: 512\n`;
    const {code, stdout, stderr} = await runCli(['estimate', '-'], {stdin: yaml});
    expect([code, stdout]).toEqual([1, '']);
    expect(stderr.startsWith(`${message} (`)).toBe(true);
    expect(stderr.split('\n')).toEqual([expect.stringMatching(/\)$/), '']);
  });
});

describe('--task-definition reads ECS live', () => {
  const ecs = mockClient(ECSClient);
  afterEach(() => ecs.reset());
  const env = {AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test'};

  it('prices the described task definition in the region of its ARN', async () => {
    const sample = JSON.parse(
      readFileSync(
        'test/fixtures/aws-samples/ecs/describe-task-definition__cli-v2-iso-local__fargate-x86.json',
        'utf8',
      ),
    );
    ecs
      .on(DescribeTaskDefinitionCommand, {
        taskDefinition: 'arn:aws:ecs:eu-west-1:121169888995:task-definition/prowler:5',
      })
      .resolves(sample);
    const {code, stdout} = await runCli(
      [
        'estimate',
        '--task-definition',
        'arn:aws:ecs:eu-west-1:121169888995:task-definition/prowler:5',
        '--format',
        'json',
      ],
      {env},
    );
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.tasks[0]).toMatchObject({
      name: 'prowler',
      region: 'us-east-1',
      size: {cpuUnits: 512, memoryMiB: 2048},
    });
    expect(ecs.commandCalls(DescribeTaskDefinitionCommand)).toHaveLength(1);
  });

  it('reads ECS in the configured region, and says when it had to assume us-east-1', async () => {
    const sample = JSON.parse(
      readFileSync(
        'test/fixtures/aws-samples/ecs/describe-task-definition__cli-v2-iso-local__fargate-x86.json',
        'utf8',
      ),
    );
    ecs.on(DescribeTaskDefinitionCommand).resolves(sample);
    const note =
      'prowler: read from ECS in us-east-1, assumed (no --region, ARN, AWS_REGION, AWS_DEFAULT_REGION or profile region)';
    const argv = ['estimate', '--task-definition', 'prowler:5', '--format', 'json'];
    for (const [extra, region, assumed] of [
      [{}, 'us-east-1', true],
      [{AWS_DEFAULT_REGION: 'eu-west-1'}, 'eu-west-1', false],
    ] as const) {
      ecs.resetHistory();
      const {code, stdout} = await runCli(argv, {env: {...env, ...extra}});
      expect(code).toBe(0);
      expect(JSON.parse(stdout).assumptions.notes.includes(note)).toBe(assumed);
      const client = ecs.call(0).thisValue as ECSClient;
      expect(await client.config.region()).toBe(region);
    }
  });

  it('turns AccessDenied into a message naming the IAM action', async () => {
    ecs
      .on(DescribeTaskDefinitionCommand)
      .rejects(
        Object.assign(
          new Error('User: arn:aws:iam::1:user/x is not authorized to perform: ecs:DescribeTaskDefinition'),
          {name: 'AccessDeniedException', $metadata: {httpStatusCode: 400}},
        ),
      );
    const {code, stderr} = await runCli(['estimate', '--task-definition', 'web:3', '--region', 'us-east-1'], {env});
    expect(code).toBe(3);
    expect(stderr).toMatch(
      /^fargate-cost: AWS denied ecs:DescribeTaskDefinition: .* \(grant the IAM action ecs:DescribeTaskDefinition to these credentials; or estimate from a file/,
    );
  });

  it('explains a task definition ECS does not know', async () => {
    ecs.on(DescribeTaskDefinitionCommand).rejects(
      Object.assign(new Error('Unable to describe task definition.'), {
        name: 'ClientException',
        $metadata: {httpStatusCode: 400},
      }),
    );
    const {code, stderr} = await runCli(['estimate', '--task-definition', 'nope:1', '--region', 'us-east-1'], {env});
    expect(code).toBe(3);
    expect(stderr).toBe('fargate-cost: AWS refused ecs:DescribeTaskDefinition: Unable to describe task definition.\n');
  });
});
