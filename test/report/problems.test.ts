import {describe, expect, it} from 'vitest';
import {exitCodeOf} from '../../src/cli/exit-codes.js';
import {type Problem, ProblemError} from '../../src/model/problems.js';
import {problemText, userErrorLine} from '../../src/report/problems.js';

const CLI = {taskDefinition: null} as const;
const WEB = {taskDefinition: 'web\u001b[31m'} as const;
const NEAREST = {cpuUnits: 512, memoryMiB: 1024};

/** One of every kind (the type says none is missing), with the line the CLI prints and its exit code. */
const EXAMPLES: {readonly [K in Problem['kind']]: [Extract<Problem, {kind: K}>, string | RegExp, number]} = {
  'bad-duration': [
    {kind: 'bad-duration', text: '10 parsecs', label: '--lost-work', reason: 'not-understood'},
    '--lost-work "10 parsecs" is not understood (write e.g. 600s, 10m, 1.5h or 1h30m)',
    1,
  ],
  'bad-month': [
    {kind: 'bad-month', text: '13w'},
    'month "13w" is not understood (write hours (730h, the default) or days (30d))',
    1,
  ],
  'bad-runs': [
    {kind: 'bad-runs', text: 'often'},
    'runs "often" is not understood (write a count a month (100) or a rate: 24/day, 2/hour, 5/week)',
    1,
  ],
  'bad-count': [{kind: 'bad-count', text: '1.5'}, 'count "1.5" must be a whole number of tasks, at least 1', 1],
  'bill-not-hourly': [
    {kind: 'bill-not-hourly', granularity: 'daily'},
    'the bill is daily: compare and reconcile work hour by hour and need an hourly export (export the bill with time granularity Hourly (AWS Data Exports), or use history to read it as it is)',
    1,
  ],
  'bad-bill-table': [
    {kind: 'bad-bill-table', text: 'cur.data; DROP'},
    'bill table "cur.data; DROP" is not DATABASE.TABLE (name the Athena database and table of the CUR 2.0 export, letters, digits and underscores, e.g. cur.data)',
    1,
  ],
  'runs-without-duration': [
    {kind: 'runs-without-duration'},
    '--runs needs --duration (how long each run lasts) (e.g. --runs 24/day --duration 10m)',
    1,
  ],
  'size-not-whole': [
    {kind: 'size-not-whole', what: 'cpu', text: '0.1 vCPU'},
    'cpu "0.1 vCPU" does not come to a whole number (use whole CPU units (1024 = 1 vCPU) or MiB)',
    1,
  ],
  'size-not-understood': [
    {kind: 'size-not-understood', what: 'storage', text: '20.5'},
    'ephemeral storage "20.5" is not understood (write whole GiB, from 20 to 200 (e.g. 30))',
    1,
  ],
  'size-wrong-kind': [
    {kind: 'size-wrong-kind', what: 'memory', value: {toString: 1}},
    'memory is a mapping, not a number or text (write MiB (2048) or GB ("2 GB"))',
    1,
  ],
  'in-task-definition': [
    {
      kind: 'in-task-definition',
      name: 'web',
      where: 'td.json',
      field: 'cpu',
      problem: {kind: 'size-not-understood', what: 'cpu', text: 'lots'},
    },
    'task definition web (td.json): cpu "lots" is not understood (write CPU units (1024) or vCPU ("1 vCPU"))',
    1,
  ],
  'invalid-cpu': [
    {
      kind: 'invalid-cpu',
      subject: CLI,
      cpuUnits: 3072,
      validVcpu: [0.25, 0.5, 1, 2, 4, 8, 16],
      nearest: {cpuUnits: 4096, memoryMiB: 8192},
    },
    'task cpu 3 vCPU (3072 units) is not a Fargate size; valid vCPU: 0.25, 0.5, 1, 2, 4, 8, 16 (nearest valid size: 4 vCPU, 8 GB)',
    1,
  ],
  'windows-cpu': [
    {kind: 'windows-cpu', subject: CLI, cpuUnits: 512, nearest: {cpuUnits: 1024, memoryMiB: 2048}},
    'task cpu 0.5 vCPU is not available for Windows on Fargate; Windows tasks use 1, 2 or 4 vCPU (nearest valid size: 1 vCPU, 2 GB)',
    1,
  ],
  'invalid-memory': [
    {
      kind: 'invalid-memory',
      subject: WEB,
      cpuUnits: 256,
      memoryMiB: 3072,
      validMiB: [512, 1024, 2048],
      nearest: NEAREST,
    },
    'task definition web\\x1b[31m memory 3 GB is not valid for 0.25 vCPU; valid: 0.5, 1, 2 GB (nearest valid size: 0.5 vCPU, 1 GB)',
    1,
  ],
  'storage-range': [
    {kind: 'storage-range', subject: CLI, storageGiB: 201},
    'task ephemeral storage 201 GiB is out of range; Fargate allows 20 to 200 GiB (20 GiB is included; only what is above it is billed)',
    1,
  ],
  'windows-arm': [
    {kind: 'windows-arm', subject: CLI},
    'task asks for Windows on arm64, which Fargate does not run (Windows tasks on Fargate are x86_64 only)',
    1,
  ],
  'no-size': [
    {kind: 'no-size', subject: {taskDefinition: 'web'}},
    'task definition web has no task-level cpu and memory, and its containers reserve none (pass --cpu and --memory)',
    1,
  ],
  'size-missing': [
    {kind: 'size-missing', missing: 'memory'},
    'nothing to estimate: give a task definition FILE, --task-definition REF, or both --cpu and --memory (--memory is missing) (e.g. fargate-cost estimate --cpu 1 --memory 2)',
    2,
  ],
  'missing-rate': [
    {kind: 'missing-rate', catalogPath: 'c.json', region: 'eu-west-1', table: 'on-demand', key: 'storage'},
    'the price catalog (c.json) has no On-Demand rate for storage in eu-west-1 (run "fargate-cost prices refresh --source public --regions eu-west-1", which needs no AWS account, or pass --catalog FILE with that rate)',
    4,
  ],
  'unknown-region': [
    {
      kind: 'unknown-region',
      catalogPath: 'c.json',
      region: 'eu-mars-1',
      near: ['eu-west-1'],
      regions: ['eu-west-1', 'us-east-1'],
    },
    'region eu-mars-1 is not in the price catalog (c.json) (regions in the catalog near it: eu-west-1)',
    4,
  ],
  'invalid-catalog': [
    {kind: 'invalid-catalog', path: 'c.json', issues: ['generatedAt: required', 'regions: required'], more: 2},
    'price catalog c.json is not valid: generatedAt: required; regions: required (and 2 more) (restore it with "fargate-cost prices refresh", or drop --catalog to use the embedded snapshot)',
    1,
  ],
  'implausible-catalog': [
    {kind: 'implausible-catalog', path: 'c.json', problems: ['a', 'b', 'c', 'd']},
    'price catalog c.json has rates no price can have: a; b; c (and 1 more) (restore it with "fargate-cost prices refresh", or drop --catalog to use the embedded snapshot)',
    1,
  ],
  'future-catalog': [
    {kind: 'future-catalog', path: 'c.json', generatedAt: '2030-01-01T00:00:00Z', nowMs: Date.UTC(2026, 11, 5)},
    'price catalog c.json says it was generated at 2030-01-01T00:00:00Z, after the clock (2026-12-05T00:00:00.000Z) (check the computer\'s clock; if it is right, restore it with "fargate-cost prices refresh", or drop --catalog to use the embedded snapshot)',
    1,
  ],
  'catalog-without-regions': [
    {kind: 'catalog-without-regions', path: 'c.json'},
    'the price catalog c.json has no regions',
    4,
  ],
  'zero-rate': [
    {
      kind: 'zero-rate',
      catalogPath: 'c.json',
      region: 'us-east-1',
      key: 'linux-x86_64-vcpu',
      plan: 'compute-1y-no-upfront',
    },
    'the price catalog (c.json) has a zero rate for linux-x86_64-vcpu in us-east-1 (compute-1y-no-upfront) (fix the catalog or run "fargate-cost prices refresh")',
    4,
  ],
  'nothing-to-compare': [
    {kind: 'nothing-to-compare', reason: 'no-usage'},
    'nothing to compare: the input has no Fargate usage',
    1,
  ],
  'lookback-too-long': [
    {kind: 'lookback-too-long', days: 90, hours: 1464},
    'a 90-day look-back needs 90 days of usage; the profile covers 61.0 days (read a longer history or choose a shorter --lookback)',
    1,
  ],
  'strategy-without-services': [
    {kind: 'strategy-without-services'},
    '--strategy prices services, and the history has none (its batch tasks are priced as they ran) (read a history with service tasks, or drop --strategy)',
    2,
  ],
  'nothing-billed': [
    {kind: 'nothing-billed', records: 3, reasons: {'not-fargate': 2}},
    /^nothing to compare: the history has no billed Fargate task \(3 records read; not billed: 2 .+\) \(check the paths, --service and --from\/--to\)$/,
    1,
  ],
  'windows-on-spot': [
    {kind: 'windows-on-spot', component: 'win', strategy: null},
    'the capacity-provider strategy for win puts Windows tasks on Fargate Spot, which runs Linux tasks only (keep Windows services on FARGATE (On-Demand or a Savings Plan))',
    1,
  ],
  'nothing-to-estimate': [
    {
      kind: 'nothing-to-estimate',
      source: 'plan.json',
      excluded: [
        {name: 'aws_ecs_service.legacy', reason: {kind: 'launch-type', launchType: 'EC2'}},
        {name: 'aws_ecs_service.web\u001b[31m', reason: {kind: 'ec2-by-default', cluster: 'prod'}},
        {name: 'aws_ecs_service.new', reason: {kind: 'unknown', fields: ['desired-count'], why: 'after-apply'}},
        {name: 'aws_ecs_service.other', reason: {kind: 'no-task-set'}},
      ],
    },
    'nothing in plan.json can be priced on Fargate (aws_ecs_service.legacy: launch type EC2 is not Fargate; ' +
      'aws_ecs_service.web\\x1b[31m: no launch type or strategy, and cluster prod has no default capacity-provider strategy: ' +
      'ECS runs it on EC2, not Fargate; aws_ecs_service.new: desired count known only after apply; and 1 more) ' +
      '(give a launch type or capacity-provider strategy, or estimate a file that holds the services and their task definitions)',
    1,
  ],
  'nothing-to-rightsize': [
    {kind: 'nothing-to-rightsize', skipped: {'not-fargate': 3, 'other-type': 0}},
    'nothing to rightsize: no Fargate task samples (skipped: 3 task events not on Fargate) (give Container Insights performance log events of Type "Task" with LaunchType FARGATE, or its CloudWatch metrics)',
    1,
  ],
  'rightsized-ambiguous': [
    {kind: 'rightsized-ambiguous', component: 'web', clusters: ['prod', 'staging\u001b[31m']},
    'web has different recommended sizes in clusters prod, staging\\x1b[31m (rightsize one cluster at a time (the input of that cluster only), then compare with that result)',
    1,
  ],
  'rightsize-no-region': [
    {kind: 'rightsize-no-region', name: 'web\u001b[31m'},
    'the samples of web\\x1b[31m name no Region, and no region was given (give --region (or set AWS_REGION))',
    1,
  ],
  'no-fargate-products': [
    {kind: 'no-fargate-products', regions: ['us-east-1', 'eu-west-1']},
    'the Price List API returned no Fargate products for any of the 2 regions asked for; nothing was written (check --regions (AmazonECS region codes such as us-east-1) and AWS_ENDPOINT_URL_PRICING if you set it)',
    3,
  ],
  'bad-spot-date': [
    {kind: 'bad-spot-date', text: '2026-02-30'},
    '--spot-date "2026-02-30" is not a date YYYY-MM-DD',
    2,
  ],
  'undated-spot-feed': [
    {kind: 'undated-spot-feed', path: 'spot.json'},
    'spot.json has no usable "source:version" date in its metadata (pass --spot-date YYYY-MM-DD: the day these Spot prices were published or observed)',
    2,
  ],
};

describe('every problem the core reports, as the CLI says it', () => {
  it.each(Object.entries(EXAMPLES))('%s', (_, [problem, line, exitCode]) => {
    const error = new ProblemError(problem);
    if (typeof line === 'string') expect(userErrorLine(error)).toBe(line);
    else expect(userErrorLine(error)).toMatch(line);
    expect(exitCodeOf(error)).toBe(exitCode);
  });

  it('names the one region asked for that had no Fargate products', () => {
    expect(userErrorLine(new ProblemError({kind: 'no-fargate-products', regions: ['us-east-1']}))).toBe(
      'the Price List API returned no Fargate products for us-east-1; nothing was written (check --regions (AmazonECS region codes such as us-east-1) and AWS_ENDPOINT_URL_PRICING if you set it)',
    );
  });

  it('a value typed on the command line is a bad command line (exit 2), whatever the problem', () => {
    const error = new ProblemError({kind: 'bad-count', text: '0'});
    error.commandLine = true;
    expect(exitCodeOf(error)).toBe(2);
  });

  it('escapes and cuts what a problem quotes from the user', () => {
    const {message} = problemText({kind: 'bad-month', text: `\u001b]0;owned\u0007${'x'.repeat(200)}`});
    expect(message).not.toMatch(/[\u0000-\u001f]/);
    expect(message.length).toBeLessThan(120);
  });
});
