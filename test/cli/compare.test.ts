import {mockClient} from 'aws-sdk-client-mock';
import {DescribeTaskDefinitionCommand, ECSClient} from '@aws-sdk/client-ecs';
import {readFileSync} from 'node:fs';
import {afterEach, describe, expect, it} from 'vitest';
import {runCli} from '../helpers/cli.js';

const SPOT_SERVICE = 'test/fixtures/aws-samples/ecs/describe-services__cli-v1-epoch__fargate-spot-strategy.json';
const json = (stdout: string) => JSON.parse(stdout) as {scenarios: {id: string; rank: number | null; monthlyCost: string | null; commitmentPerHour: string | null}[]; [key: string]: unknown};

describe('fargate-cost compare: estimates', () => {
  it('ranks the scenarios for a task definition file and shows the arithmetic', async () => {
    const {code, stdout, stderr} = await runCli(['compare', '--task-definition', 'data/examples/web-service.json', '--count', '3', '--plans', 'sp-1y']);
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
    const {code, stdout} = await runCli(['compare', '--cpu', '1', '--memory', '2', '--format', 'json', '--commitment', '1.25', '--plans', 'compute-1y-no-upfront']);
    expect(code).toBe(0);
    const result = json(stdout);
    expect(result.scenarios.map((s) => [s.rank, s.id])).toEqual([
      [1, 'spot'],
      [2, 'savings-plan-compute-1y-no-upfront'],
      [3, 'recommended'],
      [4, 'on-demand'],
      [5, 'savings-plan-compute-1y-no-upfront-at-1.25'],
    ]);
    expect(result.scenarios[1]).toMatchObject({monthlyCost: '28.9226', commitmentPerHour: '0.039', upfront: '0', savings: '7.1175', utilization: '1'});
    expect(result['recommendation']).toMatchObject({plan: 'compute-1y-no-upfront', commitmentPerHour: '0.039', monthlyCost: '28.9226', onDemandMonthlyCost: '36.0401'});
    const plan = (result['savingsPlans'] as {exactCommitmentPerHour: string; best: {commitmentPerHour: string}; curve: unknown[]; atCommitment: {monthlyCost: string}}[])[0]!;
    expect([plan.exactCommitmentPerHour, plan.best.commitmentPerHour, plan.atCommitment.monthlyCost]).toEqual(['0.039496', '0.039', '912.5']);
    expect(plan.curve).toEqual([
      {commitmentPerHour: '0', monthlyCost: '36.0401', utilization: null, coverage: '0'},
      {commitmentPerHour: '0.032384', monthlyCost: '30.13002', utilization: '1', coverage: expect.any(String)},
      {commitmentPerHour: '0.039496', monthlyCost: '28.83208', utilization: '1', coverage: '1'},
    ]);
    expect(result['spotRisk']).toMatchObject({interruptionsPerTaskHour: '0.001', interruptionSource: 'default', imagePullSeconds: '60', ratesAsOf: '2026-09-28', ratesAgeDays: 57});
    expect(stdout).not.toMatch(/"(monthlyCost|upfront|savings|commitmentPerHour)": \d/);
  });

  it('prices a capacity-provider strategy given by flags', async () => {
    const {code, stdout} = await runCli([
      'compare', '--cpu', '1', '--memory', '2', '--count', '10', '--strategy', 'FARGATE:base=2,weight=1', '--strategy', 'FARGATE_SPOT:weight=3', '--plans', 'sp-1y',
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('strategy: FARGATE:base=2,weight=1 FARGATE_SPOT:weight=3 for 10 tasks: base 2 on FARGATE, then 8 tasks by weight FARGATE 1 : FARGATE_SPOT 3 -> 4 on FARGATE, 6 on FARGATE_SPOT (flag)');
    expect(stdout).toMatch(/Strategy as configured\s+\$213\.01/);
    expect(stdout).toContain('task (service): Fargate Spot above a FARGATE base, strategy FARGATE:base=1,weight=0 FARGATE_SPOT:weight=1');
  });

  it('reads the strategy and desired count from describe-services output', async () => {
    const {code, stdout} = await runCli(['compare', '--cpu', '0.5', '--memory', '1', '--services', SPOT_SERVICE, '--format', 'json']);
    expect(code).toBe(0);
    const result = json(stdout);
    expect((result['input'] as {components: unknown[]}).components[0]).toMatchObject({
      spotTolerant: true,
      strategy: {text: 'FARGATE_SPOT:weight=1', source: 'describe-services', desiredCount: 1, fargateTasks: 0, fargateSpotTasks: 1},
    });
    expect(result.scenarios.find((s) => s.id === 'as-configured')).toBeDefined();
  });

  it('prices a batch schedule, Spot in the recommendation', async () => {
    const {code, stdout} = await runCli(['compare', '--cpu', '2', '--memory', '4', '--duration', '20m', '--runs', '48/day', '--format', 'markdown']);
    expect(code).toBe(0);
    expect(stdout).toContain('**Recommendation:** Spot for tolerant work + On-Demand for the rest');
    expect(stdout).toMatch(/\| Fargate Spot \| Spot rates \| \$\d+\.\d\d \|/);
  });

  it('writes CSV', async () => {
    const {code, stdout} = await runCli(['compare', '--cpu', '1', '--memory', '2', '--os', 'windows', '--format', 'csv', '--plans', 'compute-1y-no-upfront']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe('rank,id,label,kind,available,plan,monthly_cost,savings,savings_percent,upfront,commitment_per_hour,utilization_percent,coverage_percent,spot_monthly_cost,expected_interruptions_per_month,risk_notes,reason');
    expect(lines.at(-1)).toBe(',spot,All Fargate Spot,spot,false,,,,,,,,,,,,Fargate Spot runs Linux tasks only; Windows tasks cannot use it');
  });

  it('reads a task definition live when --task-definition is not a file', async () => {
    const ecs = mockClient(ECSClient);
    ecs.on(DescribeTaskDefinitionCommand).resolves(JSON.parse(readFileSync('test/fixtures/aws-samples/ecs/describe-task-definition__cli-v2-iso-local__fargate-x86.json', 'utf8')));
    try {
      const {code, stdout} = await runCli(['compare', '--task-definition', 'prowler:1', '--region', 'us-east-1', '--format', 'json', '--plans', 'sp-1y'], {env: {AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y'}});
      expect(code).toBe(0);
      expect(json(stdout).scenarios.find((s) => s.id === 'on-demand')!.monthlyCost).toBe('21.2649');
    } finally {
      ecs.restore();
    }
  });
});

describe('fargate-cost compare: bad input', () => {
  afterEach(() => undefined);
  it.each([
    [['compare'], 2, /nothing to compare: give run-history files or --cluster, or an estimate/],
    [['compare', '--cpu', '1', '--memory', '2', '--commitment', '1.2345'], 2, /--commitment 1.2345: AWS sells hourly commitments in steps of \$0.001 \(e.g. --commitment 1.234 or 1.235\)/],
    [['compare', '--cpu', '1', '--memory', '2', '--commitment', 'lots'], 2, /--commitment "lots" is not an amount of dollars an hour/],
    [['compare', '--cpu', '1', '--memory', '2', '--strategy', 'EC2:weight=1'], 2, /capacity provider "EC2" in --strategy "EC2:weight=1" is not FARGATE or FARGATE_SPOT/],
    [['compare', '--cpu', '1', '--memory', '2', '--strategy', 'FARGATE:base=1', '--strategy', 'FARGATE_SPOT:base=1'], 2, /base to more than one provider/],
    [['compare', '--cpu', '1', '--memory', '2', '--os', 'windows', '--strategy', 'FARGATE_SPOT'], 1, /puts Windows tasks on Fargate Spot/],
    [['compare', '--cpu', '1', '--memory', '2', '--shape', '1,2'], 2, /--shape needs 24 task counts/],
    [['compare', '--cpu', '1', '--memory', '2', '--min', '1', '--max', '3', '--count', '2'], 2, /either autoscaling bounds .* or --count/],
    [['compare', '--cpu', '1', '--memory', '2', '--lookback', '30'], 2, /--lookback needs a history/],
    [['compare', '--cpu', '1', '--memory', '2', '--plans', 'spot'], 2, /--plans takes Savings Plans only, not spot/],
    [['compare', '--cpu', '1', '--memory', '2', '--interruption-rate', '-1'], 2, /--interruption-rate "-1" is not a number/],
    [['compare', '--cpu', '1', '--memory', '2', '--lost-work', 'soon'], 1, /--lost-work "soon" is not understood/],
    [['compare', '--cpu', '0.25', '--memory', '4'], 1, /not valid/],
    [['compare', '--cpu', '1', '--memory', '2', '--services', 'missing.json'], 1, /missing.json: no such file/],
    [['compare', '--cpu', '1', '--memory', '2', '--services', 'data/examples/web-service.json'], 1, /is not describe-services output/],
    [['compare', '--cpu', '1', '--memory', '2', '--services', SPOT_SERVICE, '--service', 'other'], 1, /service other is not in .* \(it describes: FargateService\)/],
    [['compare', '--task-definition', 'nope/web.json'], 1, /nope\/web.json: no such file/],
  ] as const)('%j exits %i', async (argv, exitCode, message) => {
    const {code, stdout, stderr} = await runCli(argv);
    expect(code).toBe(exitCode);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
