import {mockClient} from 'aws-sdk-client-mock';
import {DescribeTaskDefinitionCommand, ECSClient} from '@aws-sdk/client-ecs';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {D} from '../../src/money/decimal.js';
import {runCli} from '../helpers/cli.js';
import {fakeEcsPerTest, fargateService, stoppedWireTask, wireTask} from '../sources/ecs/fake-ecs.js';

const SPOT_SERVICE = 'test/fixtures/aws-samples/ecs/describe-services__cli-v1-epoch__fargate-spot-strategy.json';
const json = (stdout: string) =>
  JSON.parse(stdout) as {
    scenarios: {id: string; rank: number | null; monthlyCost: string | null; commitmentPerHour: string | null}[];
    [key: string]: unknown;
  };

describe('fargate-cost compare: estimates', () => {
  it('ranks the scenarios for a task definition file and shows the arithmetic', async () => {
    const {code, stdout, stderr} = await runCli([
      'compare',
      '--task-definition',
      'data/examples/web-service.json',
      '--count',
      '3',
      '--plans',
      'sp-1y',
    ]);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toContain('Estimate: web: 1 vCPU, 2 GB, Linux/x86_64, us-east-1; 3 tasks always on');
    expect(stdout).toMatch(/1\s+All Fargate Spot\s+\$34\.43\s+68\.2%/);
    expect(stdout).toMatch(/Compute SP 1 yr No Upfront\s+\$86\.59\s+19\.9%\s+–\s+\$0\.118\s+100\.0%\s+99\.6%/);
    expect(stdout).toMatch(/All On-Demand\s+\$108\.12/);
    expect(stdout).toContain('Recommendation: Compute SP 1 yr All Upfront at $0.108/h + On-Demand for the rest');
    expect(stdout).toMatch(/Total\s+\$78\.96/);
    expect(stdout).toMatch(/Compute SP 1 yr No Upfront\s+\$0\.118\s+0\.118488\s+\$86\.59/);
    expect(stdout).toContain('Fargate Spot rates as of 2026-09-28 (57 days old)');
    expect(stdout).toMatch(/! no measured Spot interruption rate/);
  });

  it('writes the documented JSON: scenarios ranked, money as exact decimal strings', async () => {
    const {code, stdout} = await runCli([
      'compare',
      '--cpu',
      '1',
      '--memory',
      '2',
      '--format',
      'json',
      '--commitment',
      '1.25',
      '--plans',
      'compute-1y-no-upfront',
    ]);
    expect(code).toBe(0);
    const result = json(stdout);
    expect(result.scenarios.map((s) => [s.rank, s.id])).toEqual([
      [1, 'spot'],
      [2, 'savings-plan-compute-1y-no-upfront'],
      [3, 'recommended'],
      [4, 'on-demand'],
      [5, 'savings-plan-compute-1y-no-upfront-at-1.25'],
    ]);
    expect(result.scenarios[1]).toMatchObject({
      monthlyCost: '28.9226',
      commitmentPerHour: '0.039',
      upfront: '0',
      savings: '7.1175',
      utilization: '1',
    });
    expect(result['recommendation']).toMatchObject({
      plan: 'compute-1y-no-upfront',
      commitmentPerHour: '0.039',
      monthlyCost: '28.9226',
      onDemandMonthlyCost: '36.0401',
    });
    const plan = (
      result['savingsPlans'] as {
        exactCommitmentPerHour: string;
        best: {commitmentPerHour: string};
        curve: unknown[];
        atCommitment: {monthlyCost: string};
      }[]
    )[0]!;
    expect([plan.exactCommitmentPerHour, plan.best.commitmentPerHour, plan.atCommitment.monthlyCost]).toEqual([
      '0.039496',
      '0.039',
      '912.5',
    ]);
    expect(plan.curve).toEqual([
      {commitmentPerHour: '0', monthlyCost: '36.0401', utilization: null, coverage: '0'},
      {commitmentPerHour: '0.032384', monthlyCost: '30.13002', utilization: '1', coverage: expect.any(String)},
      {commitmentPerHour: '0.039496', monthlyCost: '28.83208', utilization: '1', coverage: '1'},
    ]);
    expect(result['spotRisk']).toMatchObject({
      interruptionsPerTaskHour: '0.001',
      interruptionSource: 'default',
      imagePullSeconds: '60',
      ratesAsOf: '2026-09-28',
      ratesAgeDays: 57,
    });
    expect(stdout).not.toMatch(/"(monthlyCost|upfront|savings|commitmentPerHour)": \d/);
  });

  it('prices a capacity-provider strategy given by flags', async () => {
    const {code, stdout} = await runCli([
      'compare',
      '--cpu',
      '1',
      '--memory',
      '2',
      '--count',
      '10',
      '--strategy',
      'FARGATE:base=2,weight=1',
      '--strategy',
      'FARGATE_SPOT:weight=3',
      '--plans',
      'sp-1y',
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain(
      'strategy: FARGATE:base=2,weight=1 FARGATE_SPOT:weight=3 for 10 tasks: base 2 on FARGATE, then 8 tasks by weight FARGATE 1 : FARGATE_SPOT 3 -> 4 on FARGATE, 6 on FARGATE_SPOT (flag)',
    );
    expect(stdout).toMatch(/Strategy as configured\s+\$213\.01/);
    expect(stdout).toContain(
      'task (service): Fargate Spot above a FARGATE base, strategy FARGATE:base=1,weight=0 FARGATE_SPOT:weight=1',
    );
  });

  it("shows the strategy's split in Markdown too", async () => {
    const {code, stdout} = await runCli([
      'compare',
      '--cpu',
      '1',
      '--memory',
      '2',
      '--count',
      '10',
      '--strategy',
      'FARGATE:base=2,weight=1',
      '--strategy',
      'FARGATE_SPOT:weight=3',
      '--plans',
      'sp-1y',
      '--format',
      'markdown',
    ]);
    expect(code).toBe(0);
    // 10 tasks: base 2, then 8 shared 1:3 -> 2 + 2 on FARGATE, 6 on FARGATE_SPOT.
    expect(stdout.split('\n')[1]).toBe(
      '- strategy: FARGATE:base=2,weight=1 FARGATE_SPOT:weight=3 for 10 tasks: base 2 on FARGATE, then 8 tasks by weight FARGATE 1 : FARGATE_SPOT 3 -> 4 on FARGATE, 6 on FARGATE_SPOT (flag)',
    );
  });

  it('reads the strategy and desired count from describe-services output', async () => {
    const {code, stdout} = await runCli([
      'compare',
      '--cpu',
      '0.5',
      '--memory',
      '1',
      '--services',
      SPOT_SERVICE,
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    const result = json(stdout);
    expect((result['input'] as {components: unknown[]}).components[0]).toMatchObject({
      spotTolerant: true,
      strategy: {
        text: 'FARGATE_SPOT:weight=1',
        source: 'describe-services',
        desiredCount: 1,
        fargateTasks: 0,
        fargateSpotTasks: 1,
      },
    });
    expect(result.scenarios.find((s) => s.id === 'as-configured')).toBeDefined();
  });

  it('prices a batch schedule, Spot in the recommendation', async () => {
    const {code, stdout} = await runCli([
      'compare',
      '--cpu',
      '2',
      '--memory',
      '4',
      '--duration',
      '20m',
      '--runs',
      '48/day',
      '--format',
      'markdown',
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('**Recommendation:** Spot for tolerant work + On-Demand for the rest');
    expect(stdout).toMatch(/\| Fargate Spot \| Spot rates \| \$\d+\.\d\d \|/);
  });

  it('writes CSV', async () => {
    const {code, stdout} = await runCli([
      'compare',
      '--cpu',
      '1',
      '--memory',
      '2',
      '--os',
      'windows',
      '--format',
      'csv',
      '--plans',
      'compute-1y-no-upfront',
    ]);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'rank,id,label,kind,available,plan,monthly_cost,savings,savings_percent,upfront,commitment_per_hour,utilization_percent,coverage_percent,spot_monthly_cost,expected_interruptions_per_month,risk_notes,reason',
    );
    expect(lines.at(-1)).toBe(
      ',spot,All Fargate Spot,spot,false,,,,,,,,,,,,Fargate Spot runs Linux tasks only; Windows tasks cannot use it',
    );
  });

  it('reads a task definition live when --task-definition is not a file', async () => {
    const ecs = mockClient(ECSClient);
    ecs
      .on(DescribeTaskDefinitionCommand)
      .resolves(
        JSON.parse(
          readFileSync(
            'test/fixtures/aws-samples/ecs/describe-task-definition__cli-v2-iso-local__fargate-x86.json',
            'utf8',
          ),
        ),
      );
    try {
      const {code, stdout} = await runCli(
        ['compare', '--task-definition', 'prowler:1', '--region', 'us-east-1', '--format', 'json', '--plans', 'sp-1y'],
        {env: {AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y'}},
      );
      expect(code).toBe(0);
      expect(json(stdout).scenarios.find((s) => s.id === 'on-demand')!.monthlyCost).toBe('21.2649');
    } finally {
      ecs.restore();
    }
  });
});

const EXAMPLES = 'data/examples/history';
const AS_OF = ['--as-of', '2026-11-04T00:00:00Z'];
const tmp = mkdtempSync(join(tmpdir(), 'fargate-cost-compare-cli-'));
afterAll(() => rmSync(tmp, {recursive: true, force: true}));

interface CompareJson {
  input: {
    kind: string;
    description: string;
    hours: number;
    components: {
      name: string;
      kind: string;
      os: string;
      spotTolerant: boolean;
      strategy: {
        text: string;
        source: string;
        desiredCount: number;
        fargateTasks: number;
        fargateSpotTasks: number;
      } | null;
    }[];
  };
  scenarios: {id: string; label: string; monthlyCost: string | null; expectedInterruptionsPerMonth: string | null}[];
  recommendation: {parts: {component: string; placement: string}[]};
  savingsPlans: {
    plan: string;
    exactCommitmentPerHour: string;
    lookbacks: {days: number; exactCommitmentPerHour: string; commitmentPerHour: string}[];
  }[];
  spotRisk: {
    interruptionsPerTaskHour: string;
    interruptionSource: string;
    evidence: {interruptions: number; spotTaskHours: string} | null;
    imagePullSeconds: string;
    imagePullSource: string;
    components: {component: string; lostWorkSeconds: string}[];
  };
  assumptions: {notes: string[]; warnings: string[]};
}

async function compareJson(argv: string[], options: Parameters<typeof runCli>[1] = {}): Promise<CompareJson> {
  const result = await runCli(['compare', ...argv, '--format', 'json'], options);
  expect([result.code, result.stderr]).toEqual([0, '']);
  return JSON.parse(result.stdout) as CompareJson;
}

const byId = (result: CompareJson, id: string) => result.scenarios.find((s) => s.id === id)!;

/** A describe-tasks capture of `tasks`, 1 vCPU / 2 GB Linux x86 in us-east-1 unless overridden. */
function describeTasksFile(
  name: string,
  tasks: {id: number; group?: string; pulled: string; stopped?: string; spot?: boolean; stopCode?: string}[],
): string {
  const path = join(tmp, name);
  const json = {
    tasks: tasks.map((t) => ({
      taskArn: `arn:aws:ecs:us-east-1:123456789012:task/prod/${t.id.toString(16).padStart(32, '0')}`,
      clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/prod',
      group: t.group ?? 'service:api',
      launchType: 'FARGATE',
      capacityProviderName: t.spot ? 'FARGATE_SPOT' : 'FARGATE',
      cpu: '1024',
      memory: '2048',
      lastStatus: t.stopped ? 'STOPPED' : 'RUNNING',
      pullStartedAt: t.pulled,
      ...(t.stopped ? {stoppedAt: t.stopped} : {}),
      ...(t.stopCode ? {stopCode: t.stopCode} : {}),
    })),
  };
  writeFileSync(path, JSON.stringify(json));
  return path;
}

const BATCH_ONLY = describeTasksFile('batch.json', [
  {id: 1, group: 'family:etl', pulled: '2026-11-02T00:00:00Z', stopped: '2026-11-02T01:00:00Z'},
]);

describe('fargate-cost compare: histories', () => {
  const serve = fakeEcsPerTest();

  it('compares the README example history: a group per workload, the strategies read with it, the measured risk', async () => {
    const out = await compareJson([EXAMPLES, ...AS_OF]);
    expect(out.input).toMatchObject({
      kind: 'history',
      hours: 48,
      description:
        '14 tasks (5 running) from 3 sources: services web, legacy-api, worker; batch nightly-report, thumbnailer',
    });
    expect(out.input.components.map((c) => [c.name, c.kind, c.os, c.spotTolerant, c.strategy?.text ?? null])).toEqual([
      ['web', 'service', 'linux', false, 'FARGATE:weight=1'],
      ['legacy-api', 'service', 'windows', false, 'FARGATE:weight=1'],
      ['worker', 'service', 'linux', true, 'FARGATE_SPOT:weight=1'], // on Spot already
      ['nightly-report', 'batch', 'linux', true, null],
      ['thumbnailer', 'batch', 'linux', true, null],
    ]);
    expect(out.input.components[2]!.strategy).toMatchObject({
      source: 'describe-services',
      desiredCount: 2,
      fargateTasks: 0,
      fargateSpotTasks: 2,
    });
    // The worker's Spot task stopped with SpotInterruption: 1 interruption in its Spot task-hours;
    // the image pull is the mean of the 14 tasks' pulls, 357.024 s / 14.
    const history = JSON.parse((await runCli(['history', EXAMPLES, ...AS_OF, '--format', 'json'])).stdout);
    expect(out.spotRisk).toMatchObject({
      interruptionSource: 'history',
      evidence: {interruptions: 1, spotTaskHours: history.spot.taskHours},
      imagePullSource: 'history',
    });
    expect(out.spotRisk.interruptionsPerTaskHour).toBe(new D(1).div(history.spot.taskHours).toString());
    expect(out.spotRisk.imagePullSeconds).toBe(new D('357.024').div(14).toString());
    // Batch lost work, half a run: nightly-report (828 + 663) / 2 / 2 s, thumbnailer (60 + 60 + 75) / 3 / 2 s.
    expect(out.spotRisk.components.map((c) => [c.component, c.lostWorkSeconds])).toEqual([
      ['web', '0'],
      ['legacy-api', '0'],
      ['worker', '0'],
      ['nightly-report', '372.75'],
      ['thumbnailer', '32.5'],
    ]);
    // All On-Demand is the history's On-Demand equivalent over the 48 hours profiled, times 730.
    expect(byId(out, 'on-demand').monthlyCost).toBe(new D(history.billed.onDemandCost).times(730).div(48).toString());
    expect(byId(out, 'as-configured').label).toBe('As measured (On-Demand + Spot)');
    expect(byId(out, 'spot').monthlyCost).toBeNull(); // legacy-api runs Windows
    expect(out.recommendation.parts.map((p) => [p.component, p.placement])).toEqual([
      ['web', 'on-demand'],
      ['legacy-api', 'on-demand'],
      ['worker', 'spot'], // it already runs with no FARGATE base: none is added
      ['nightly-report', 'spot'],
      ['thumbnailer', 'spot'],
    ]);
    // Two days are too few for a look-back, and it says so.
    expect(out.savingsPlans.every((plan) => plan.lookbacks.length === 0)).toBe(true);
    expect(out.assumptions.notes).toContain(
      'look-backs: the history covers 2.0 days (48 hours), too short for the 7-day, 30-day and 60-day look-backs; read a longer history to size them',
    );
  });

  it('prints the history table: what was read, each strategy, the ranked scenarios', async () => {
    const {code, stdout, stderr} = await runCli(['compare', EXAMPLES, ...AS_OF, '--plans', 'sp-3y']);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toContain(
      'History: 14 tasks (5 running) from 3 sources: services web, legacy-api, worker; batch nightly-report, thumbnailer\n  48 hours profiled from 2026-11-02T00:00Z',
    );
    expect(stdout).toContain(
      'strategy of worker: FARGATE_SPOT:weight=1 for 2 tasks: 2 tasks by weight FARGATE_SPOT 1 -> 0 on FARGATE, 2 on FARGATE_SPOT (describe-services)',
    );
    expect(stdout).toMatch(/As measured \(On-Demand \+ Spot\)\s+\$116\.11/);
    expect(stdout).toMatch(/As measured \+ Compute SP 3 yr All Upfront\s+\$78\.81/);
    expect(stdout).toContain(
      '- 2 tasks not billed (1: EC2, external or managed-instance launch type (not Fargate); 1: stopped before its image pull started (AWS bills nothing))',
    );
    expect(stdout).not.toContain('projection:');
  });

  it('reads one service, a window, standard input and a --services file like history does', async () => {
    const worker = await compareJson([`${EXAMPLES}/events.ndjson`, ...AS_OF, '--service', 'worker']);
    expect(worker.input.components.map((c) => c.name)).toEqual(['worker']);
    // Without the describe-services file there is no strategy to show; with it, there is.
    expect(worker.input.components[0]!.strategy).toBeNull();
    const withServices = await compareJson([
      `${EXAMPLES}/events.ndjson`,
      ...AS_OF,
      '--service',
      'worker',
      '--services',
      `${EXAMPLES}/describe-services.json`,
    ]);
    expect(withServices.input.components[0]!.strategy).toMatchObject({
      text: 'FARGATE_SPOT:weight=1',
      source: 'describe-services',
    });
    const window = await compareJson([
      `${EXAMPLES}/events.ndjson`,
      ...AS_OF,
      '--from',
      '2026-11-03',
      '--to',
      '2026-11-03T12:00:00Z',
    ]);
    expect(window.input.hours).toBe(12);
    const stdin = await compareJson(['-', ...AS_OF, '--service', 'web'], {
      stdin: readFileSync(`${EXAMPLES}/events.ndjson`, 'utf8'),
    });
    expect(stdin.input.description).toMatch(/^\d+ tasks? (\(\d+ running\) )?from \(stdin\): service web$/);
  });

  it('prices the history under --strategy: the measured usage re-bought hour by hour', async () => {
    const out = await compareJson([
      EXAMPLES,
      ...AS_OF,
      '--service',
      'web',
      '--strategy',
      'FARGATE:base=1,weight=0',
      '--strategy',
      'FARGATE_SPOT:weight=1',
      '--plans',
      'sp-1y',
    ]);
    expect(out.input.components[0]!.strategy).toMatchObject({
      text: 'FARGATE:base=1,weight=0 FARGATE_SPOT:weight=1',
      source: 'flag',
      desiredCount: 2,
      fargateTasks: 1,
      fargateSpotTasks: 1,
    });
    const configured = byId(out, 'as-configured');
    expect(configured.label).toBe('Strategy as configured');
    expect(new D(configured.monthlyCost!).lt(byId(out, 'on-demand').monthlyCost!)).toBe(true);
  });

  it('sizes 7-, 30- and 60-day look-backs on a history long enough', async () => {
    // One task for 61 days, a second for the last 7: the 7-day window commits to both tasks
    // (2 x (0.032384 + 2 x 0.003556) = 0.078992 an hour); over 30 and 60 days the second runs
    // 168 of 720 (1,440) hours, under the 80% break-even of the 20% discount: one task, 0.039496.
    // In $0.001 steps: 0.079 (0.000008 unused) beats 0.078 (+0.000992 / 0.8 On-Demand); 0.039 (+0.000496 / 0.8) beats 0.040.
    const path = describeTasksFile('long.json', [
      {id: 1, pulled: '2026-09-01T00:00:00Z', stopped: '2026-11-01T00:00:00Z'},
      {id: 2, pulled: '2026-10-25T00:00:00Z', stopped: '2026-11-01T00:00:00Z'},
    ]);
    const out = await compareJson([path, '--plans', 'compute-1y-no-upfront']);
    expect(out.input.hours).toBe(61 * 24);
    expect(out.savingsPlans[0]!.lookbacks.map((l) => [l.days, l.exactCommitmentPerHour, l.commitmentPerHour])).toEqual([
      [7, '0.078992', '0.079'],
      [30, '0.039496', '0.039'],
      [60, '0.039496', '0.039'],
    ]);
    expect(out.savingsPlans[0]!.exactCommitmentPerHour).toBe('0.039496');
    const table = await runCli(['compare', path, '--plans', 'compute-1y-no-upfront', '--lookback', '7,30']);
    expect(table.stdout).toMatch(
      /Compute SP 1 yr No Upfront\s+\$0\.079\/h 100\.0% \$\d+\.\d\d\s+\$0\.039\/h 100\.0% \$\d+\.\d\d/,
    );
  });

  it('measures interruptions from Spot tasks stopped with SpotInterruption or TerminationNotice', async () => {
    // Four one-hour Spot tasks of a batch family, two of them interrupted (both stop codes): 2 / 4 = 0.5 a task-hour.
    const path = describeTasksFile('spot.json', [
      {
        id: 1,
        group: 'family:etl',
        pulled: '2026-11-02T00:00:00Z',
        stopped: '2026-11-02T01:00:00Z',
        spot: true,
        stopCode: 'SpotInterruption',
      },
      {
        id: 2,
        group: 'family:etl',
        pulled: '2026-11-02T00:00:00Z',
        stopped: '2026-11-02T01:00:00Z',
        spot: true,
        stopCode: 'TerminationNotice',
      },
      {
        id: 3,
        group: 'family:etl',
        pulled: '2026-11-02T00:00:00Z',
        stopped: '2026-11-02T01:00:00Z',
        spot: true,
        stopCode: 'EssentialContainerExited',
      },
      {id: 4, group: 'family:etl', pulled: '2026-11-02T00:00:00Z', stopped: '2026-11-02T01:00:00Z', spot: true},
    ]);
    const out = await compareJson([path, '--plans', 'sp-1y']);
    expect(out.spotRisk).toMatchObject({
      interruptionsPerTaskHour: '0.5',
      interruptionSource: 'history',
      evidence: {interruptions: 2, spotTaskHours: '4'},
    });
    // 4 Spot task-hours in the 1 hour profiled, x 730, x 0.5.
    expect(byId(out, 'as-configured').expectedInterruptionsPerMonth).toBe('1460');
    // Half of the 3600 s run is lost to an interruption, plus the default 60 s pull (no pullStoppedAt).
    expect(out.spotRisk.components).toEqual([expect.objectContaining({component: 'etl', lostWorkSeconds: '1800'})]);
    expect(out.assumptions.warnings.join('\n')).not.toContain('no measured Spot interruption rate');
  });

  it('compares the real AWS payloads: CLI v1 and v2 describe-tasks, events, describe-services', async () => {
    const out = await compareJson([
      'test/fixtures/aws-samples/ecs',
      'test/fixtures/aws-samples/events',
      '--as-of',
      '2024-12-24T06:02:51.787Z',
      '--plans',
      'sp-1y',
    ]);
    expect(out.input.components.map((c) => [c.name, c.kind, c.os]).sort()).toEqual([
      ['FargateService', 'service', 'linux'],
      ['OnlineAService', 'service', 'linux'],
      ['crossfeed-staging-worker', 'batch', 'linux'],
      ['prowler', 'batch', 'linux'],
      ['sample-fargate', 'batch', 'linux'],
      ['tdsevicetag', 'service', 'linux'],
      ['testtest', 'service', 'windows'],
    ]);
    // The Spot sample runs under describe-services' FARGATE_SPOT strategy; it was never interrupted.
    expect(out.input.components.find((c) => c.name === 'FargateService')!.strategy).toMatchObject({
      text: 'FARGATE_SPOT:weight=1',
      source: 'describe-services',
      desiredCount: 1,
    });
    expect(out.spotRisk).toMatchObject({
      interruptionsPerTaskHour: '0',
      interruptionSource: 'history',
      evidence: {interruptions: 0},
    });
    expect(out.assumptions.notes.join('\n')).toMatch(
      /the one Spot task \([\d.]+ task-hours\) was not interrupted, so the measured rate is 0/,
    );
    // The captures span 2019 to 2024: long enough for every look-back.
    expect(out.savingsPlans[0]!.lookbacks.map((l) => l.days)).toEqual([7, 30, 60]);
    // All On-Demand is the history's On-Demand equivalent over the hours profiled, times 730 (an independent sum).
    const history = JSON.parse(
      (
        await runCli([
          'history',
          'test/fixtures/aws-samples/ecs',
          'test/fixtures/aws-samples/events',
          '--as-of',
          '2024-12-24T06:02:51.787Z',
          '--format',
          'json',
        ])
      ).stdout,
    );
    expect(byId(out, 'on-demand').monthlyCost).toBe(
      new D(history.billed.onDemandCost).times(730).div(out.input.hours).toString(),
    );
  });

  it('reads a cluster live through the ECS API (a fake endpoint, AWS_ENDPOINT_URL_ECS)', async () => {
    // web: two running tasks and one stopped after 1800 s; worker: one running on Spot. The first
    // pull is at 00:00:00.25, --as-of is 01:00: one hour profiled. Running tasks are billed to 01:00:
    // 3599.75 s and 3539.75 s (web), 3419.75 s (worker, Spot).
    const fake = await serve({
      tasks: [
        wireTask(0),
        wireTask(1),
        stoppedWireTask(2),
        wireTask(3, {group: 'service:worker', capacityProviderName: 'FARGATE_SPOT'}),
      ],
      services: [
        fargateService('web', {desiredCount: 2}),
        fargateService('worker', {
          launchType: undefined,
          capacityProviderStrategy: [{capacityProvider: 'FARGATE_SPOT', weight: 1}],
          desiredCount: 3,
        }),
      ],
    });
    const out = await compareJson(
      ['--cluster', 'prod', '--region', 'us-east-1', '--as-of', '2026-11-02T01:00:00Z', '--plans', 'sp-1y'],
      {env: fake.env},
    );
    expect(fake.calls('DescribeServices')).toHaveLength(1);
    expect(out.input).toMatchObject({
      kind: 'history',
      hours: 1,
      description: '4 tasks (3 running) from ecs:prod (us-east-1): services web, worker',
    });
    expect(
      out.input.components.map((c) => [c.name, c.spotTolerant, c.strategy?.text, c.strategy?.desiredCount]),
    ).toEqual([
      ['web', false, 'FARGATE:weight=1', 2],
      ['worker', true, 'FARGATE_SPOT:weight=1', 3],
    ]);
    // (3599.75 + 3539.75 + 1800 + 3419.75) s x $0.0123425 an hour / 3600, x 730 for the one hour profiled.
    expect(byId(out, 'on-demand').monthlyCost).toBe('30.932542078125');
    // Measured: the worker's 3419.75 s at the Spot rate, $0.0039298125 an hour (no interruption: no overhead).
    expect(new D(byId(out, 'as-configured').monthlyCost!).toDecimalPlaces(30).toString()).toBe(
      '25.098769773394097222222222222222',
    );
    // Each pull took pullStoppedAt - pullStartedAt = 6.5 - 0.25 = 6.25 s.
    expect(out.spotRisk).toMatchObject({imagePullSeconds: '6.25', imagePullSource: 'history'});
    expect(out.assumptions.notes.join('\n')).toContain('ECS keeps stopped tasks for only about an hour');
  });
});

describe('fargate-cost compare: bad input', () => {
  it.each([
    [
      ['compare'],
      2,
      /nothing to compare: give run-history files, --cluster or a bill \(files or --athena\), or an estimate/,
    ],
    [
      ['compare', '--cpu', '1', '--memory', '2', '--commitment', '1.2345'],
      2,
      /--commitment 1.2345: AWS sells hourly commitments in steps of \$0.001 \(e.g. --commitment 1.234 or 1.235\)/,
    ],
    [
      ['compare', '--cpu', '1', '--memory', '2', '--commitment', 'lots'],
      2,
      /--commitment "lots" is not an amount of dollars an hour/,
    ],
    [
      ['compare', '--cpu', '1', '--memory', '2', '--strategy', 'EC2:weight=1'],
      2,
      /capacity provider "EC2" in --strategy "EC2:weight=1" is not FARGATE or FARGATE_SPOT/,
    ],
    [
      ['compare', '--cpu', '1', '--memory', '2', '--strategy', 'FARGATE:base=1', '--strategy', 'FARGATE_SPOT:base=1'],
      2,
      /base to more than one provider/,
    ],
    [
      ['compare', '--cpu', '1', '--memory', '2', '--os', 'windows', '--strategy', 'FARGATE_SPOT'],
      1,
      /puts Windows tasks on Fargate Spot/,
    ],
    [['compare', '--cpu', '1', '--memory', '2', '--shape', '1,2'], 2, /--shape needs 24 task counts/],
    [
      ['compare', '--cpu', '1', '--memory', '2', '--min', '1', '--max', '3', '--count', '2'],
      2,
      /either autoscaling bounds .* or --count/,
    ],
    [['compare', '--cpu', '1', '--memory', '2', '--lookback', '30'], 2, /--lookback needs a history/],
    [['compare', '--cpu', '1', '--memory', '2', '--plans', 'spot'], 2, /--plans takes Savings Plans only, not spot/],
    [
      ['compare', '--cpu', '1', '--memory', '2', '--interruption-rate', '-1'],
      2,
      /--interruption-rate "-1" is not a number/,
    ],
    [['compare', '--cpu', '1', '--memory', '2', '--lost-work', 'soon'], 2, /--lost-work "soon" is not understood/],
    [['compare', '--cpu', '0.25', '--memory', '4'], 1, /not valid/],
    [['compare', '--cpu', '1', '--memory', '2', '--services', 'missing.json'], 1, /missing.json: no such file/],
    [
      ['compare', '--cpu', '1', '--memory', '2', '--services', 'data/examples/web-service.json'],
      1,
      /is not describe-services output/,
    ],
    [
      ['compare', '--cpu', '1', '--memory', '2', '--services', SPOT_SERVICE, '--service', 'other'],
      1,
      /service other is not in .* \(it describes: FargateService\)/,
    ],
    [['compare', '--task-definition', 'nope/web.json'], 1, /nope\/web.json: no such file/],
    [
      ['compare', '--cpu', '1', '--memory', '2', '--from', '2026-11-01'],
      2,
      /--from needs a history \(PATH, --cluster or --athena\)/,
    ],
    [
      ['compare', '--cpu', '1', '--memory', '2', '--services', SPOT_SERVICE, '--service', 'a,b'],
      2,
      /an estimate prices one service: give one --service/,
    ],
    [['compare', EXAMPLES, '--count', '3'], 2, /--count shapes an estimate; a history's usage is measured/],
    [
      ['compare', EXAMPLES, '--cpu', '1', '--memory', '2'],
      2,
      /either a history \(PATH, --cluster or --athena\) or an estimate/,
    ],
    [['compare', EXAMPLES, '--from', 'yesterday'], 2, /--from "yesterday" is not a time/],
    [
      ['compare', EXAMPLES, ...AS_OF, '--lookback', '7'],
      1,
      /a 7-day look-back needs 7 days of usage; the profile covers 2\.0 days \(read a longer history or choose a shorter --lookback\)/,
    ],
    [
      ['compare', EXAMPLES, ...AS_OF, '--service', 'legacy-api', '--strategy', 'FARGATE_SPOT'],
      1,
      /--strategy FARGATE_SPOT:weight=1 for legacy-api puts Windows tasks on Fargate Spot/,
    ],
    // thumbnailer is a task family, not a service: none of the 13 tasks in the 21 records (updates folded) is left to bill.
    [
      ['compare', `${EXAMPLES}/events.ndjson`, ...AS_OF, '--service', 'thumbnailer'],
      1,
      /nothing to compare: the history has no billed Fargate task \(21 records read; not billed: 13 not one of the --service services\)/,
    ],
    [['compare', 'nowhere.ndjson'], 1, /nowhere.ndjson: no such file/],
    [['compare', 'data/examples/web-service.json'], 1, /data\/examples\/web-service.json is not an ECS task history/],
    [['compare', BATCH_ONLY, '--strategy', 'FARGATE_SPOT'], 2, /--strategy prices services, and the history has none/],
  ] as const)('%j exits %i', async (argv, exitCode, message) => {
    const {code, stdout, stderr} = await runCli(argv);
    expect(code).toBe(exitCode);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('fargate-cost compare: arm64 in a region without arm64 Spot rates (us-west-2)', () => {
  const GAP = 'the catalog has no Fargate Spot rate for linux-arm64-vcpu and linux-arm64-memory in us-west-2';

  it('prices the estimate, showing All Fargate Spot as not available with the missing rates (it exited 4)', async () => {
    const {code, stdout, stderr} = await runCli([
      'compare',
      '--cpu',
      '1',
      '--memory',
      '2',
      '--arch',
      'arm64',
      '--region',
      'us-west-2',
    ]);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toMatch(/All On-Demand\s+\$28\.84/); // 730 x 0.0395 = 28.835
    expect(stdout).toContain(
      `All Fargate Spot: not available (${GAP}; run "fargate-cost prices refresh --source public --regions us-west-2", which needs no AWS account, or pass --catalog FILE with those rates)`,
    );
    const out = await compareJson([
      '--cpu',
      '1',
      '--memory',
      '2',
      '--arch',
      'arm64',
      '--region',
      'us-west-2',
      '--plans',
      'sp-1y',
    ]);
    expect(byId(out, 'on-demand').monthlyCost).toBe('28.835');
    expect(out.scenarios.map((s) => [s.id, (s as {available?: boolean}).available])).toEqual([
      ['savings-plan-compute-1y-all-upfront', true],
      ['recommended', true],
      ['savings-plan-compute-1y-partial-upfront', true],
      ['savings-plan-compute-1y-no-upfront', true],
      ['on-demand', true],
      ['spot', false],
    ]);
    expect((out.input as {startMs?: unknown; startTime?: unknown}).startTime).toBeNull();
  });

  it('reads a history with arm64 Spot tasks there: their usage priced On-Demand, their as-measured cost unknown', async () => {
    const task = (id: number, group: string, provider: string) => ({
      taskArn: `arn:aws:ecs:us-west-2:123456789012:task/prod/${id.toString(16).padStart(32, '0')}`,
      clusterArn: 'arn:aws:ecs:us-west-2:123456789012:cluster/prod',
      group,
      launchType: 'FARGATE',
      capacityProviderName: provider,
      cpu: '1024',
      memory: '2048',
      attributes: [{name: 'ecs.cpu-architecture', value: 'arm64'}],
      lastStatus: 'STOPPED',
      pullStartedAt: '2026-11-02T00:00:00Z',
      stoppedAt: '2026-11-02T02:00:00Z',
    });
    const stdin = JSON.stringify({
      tasks: [task(1, 'service:worker', 'FARGATE_SPOT'), task(2, 'service:web', 'FARGATE')],
    });
    const out = await compareJson(['-', '--as-of', '2026-11-03T00:00:00Z', '--plans', 'compute-1y-no-upfront'], {
      stdin,
    });
    expect(out.input).toMatchObject({
      kind: 'history',
      hours: 2,
      description: '2 tasks from (stdin): services web, worker',
    });
    // 2 tasks x 2 h x 0.0395 over the 2 hours, x 730.
    expect(byId(out, 'on-demand').monthlyCost).toBe('57.67');
    expect((byId(out, 'as-configured') as {available?: boolean; reason?: string}).reason).toBe(
      `${GAP}, so what the measured Fargate Spot usage cost is unknown; run "fargate-cost prices refresh --source public --regions us-west-2", which needs no AWS account, or pass --catalog FILE with those rates`,
    );
    expect(out.recommendation.parts.map((part) => [part.component, part.placement])).toEqual([
      ['web', 'on-demand'],
      ['worker', 'on-demand'],
    ]);
    expect(out.assumptions.warnings.join('\n')).toContain('1 Fargate Spot task (2 task-hours) not priced');
  });
});
