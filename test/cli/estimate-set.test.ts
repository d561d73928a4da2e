import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {runCli} from '../helpers/cli.js';

const PLAN = 'test/fixtures/terraform/plan-modules.json';
const dir = mkdtempSync(join(tmpdir(), 'fargate-cost-set-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe('fargate-cost estimate of a set (Terraform, a template with services, describe-services)', () => {
  it('prices a plan: services as they run, the rest once, what it cannot price listed', async () => {
    const {code, stdout, stderr} = await runCli(['estimate', PLAN, '--catalog', 'embedded']);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toContain(`${PLAN} (Terraform plan)`);
    expect(stdout).toMatch(/module\.api\.aws_ecs_service\.this\[0\]\s+module\.api\.aws_ecs_task_definition\.this\[0\]/);
    expect(stdout).toContain('- service aws_ecs_service.legacy: launch type EC2 is not Fargate');
    expect(stdout).toContain(
      '- service module.workers["reports"].aws_ecs_service.this: desired count known only after apply',
    );
    expect(stdout).toContain('Task definitions no service runs\naws_ecs_task_definition.migrate');
    expect(stdout).toContain('All 4 priced items');
  });

  it('writes the set in JSON: services with their split and strategy, items not priced with why', async () => {
    const {code, stdout} = await runCli(['estimate', PLAN, '--catalog', 'embedded', '--format', 'json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.input).toEqual({source: PLAN, format: 'terraform-plan'});
    expect(result.services[0]).toMatchObject({
      name: 'module.api.aws_ecs_service.this[0]',
      taskSet: null,
      taskDefinition: 'module.api.aws_ecs_task_definition.this[0]',
      taskCount: 3,
      split: {onDemand: 1, spot: 2},
      strategyOrigin: 'strategy',
      strategy: [
        {provider: 'FARGATE', base: 1, weight: 1},
        {provider: 'FARGATE_SPOT', base: 0, weight: 3},
      ],
    });
    expect(result.services[2]).toMatchObject({taskSet: 'module.canary.aws_ecs_task_set.this[0]', taskCount: 2});
    expect(result.excluded[1]).toEqual({
      kind: 'service',
      name: 'aws_ecs_service.legacy',
      source: `${PLAN}#aws_ecs_service.legacy`,
      reason: {kind: 'launch-type', launchType: 'EC2'},
      reasonText: 'launch type EC2 is not Fargate',
    });
    expect(result.tasks.map((task: {name: string}) => task.name)).toEqual(['aws_ecs_task_definition.migrate']);
  });

  it('converts a set into another currency: the services table, and converted figures beside the USD ones', async () => {
    const argv = ['estimate', 'test/fixtures/terraform/state.json', '--catalog', 'embedded'];
    const rate = ['--currency', 'KRW', '--exchange-rate', '1391.20@2026-11-20'];
    const usd = JSON.parse((await runCli([...argv, '--format', 'json'])).stdout);
    const krw = JSON.parse((await runCli([...argv, ...rate, '--format', 'json'])).stdout);
    const onDemand = (result: {services: {options: {id: string}[]}[]}) =>
      result.services[0]!.options.find((option) => option.id === 'on-demand') as unknown as {
        monthlyCost: string;
        converted?: {monthlyCost: string};
      };
    expect(onDemand(krw).monthlyCost).toBe(onDemand(usd).monthlyCost);
    const {D} = await import('../../src/money/decimal.js');
    expect(onDemand(krw).converted?.monthlyCost).toBe(new D(onDemand(usd).monthlyCost).times('1391.20').toString());
    const {stdout} = await runCli([...argv, ...rate]);
    expect(stdout).toMatch(/module\.api\.aws_ecs_service\.this\[0\].*₩/);
  });

  it('reads a plan from stdin', async () => {
    const {readFileSync} = await import('node:fs');
    const {code, stdout} = await runCli(['estimate', '-', '--catalog', 'embedded', '--format', 'csv'], {
      stdin: readFileSync(PLAN, 'utf8'),
    });
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe(
      'item,kind,region,tasks,fargate_tasks,fargate_spot_tasks,option,available,monthly_cost,hourly_cost,savings,savings_percent,commitment_per_hour,upfront,reason',
    );
    expect(stdout).toContain('aws_ecs_service.legacy,service,,,,,,false,,,,,,,launch type EC2 is not Fargate');
  });

  it('says in one line when nothing in a file can be priced (exit 1)', async () => {
    const {code, stdout, stderr} = await runCli(['estimate', 'data/examples/services-web-mixed.json']);
    expect([code, stdout]).toEqual([1, '']);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(
      'nothing in data/examples/services-web-mixed.json can be priced on Fargate (web: its task definition arn:aws:ecs:us-east-1:123456789012:task-definition/web:14 is not in the input)',
    );
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stderr).toContain('(give the task size with --cpu and --memory, or estimate a file that holds');
    const sized = await runCli(['estimate', 'data/examples/services-web-mixed.json', '--cpu', '1', '--memory', '2']);
    expect([sized.code, sized.stderr]).toEqual([0, '']);
    expect(sized.stdout).toContain(
      '- web: the task definition is not in the input; priced at the size --cpu and --memory give',
    );
  });

  it.each([
    [
      {format_version: '2.0', values: {}},
      'format_version "2.0" of terraform show -json is not one this tool reads (1.x)',
    ],
    [
      {
        format_version: '1.0',
        values: {
          root_module: {
            resources: [
              {
                address: 'aws_ecs_service.web',
                mode: 'managed',
                type: 'aws_ecs_service',
                name: 'web',
                values: {desired_count: 1.5},
              },
            ],
          },
        },
      },
      'aws_ecs_service.web: desired_count is 1.5, not a whole number from 0 to 1000000',
    ],
  ])('refuses bad Terraform JSON in one line, exit 1 (%#)', async (document, expected) => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify(document));
    const {code, stdout, stderr} = await runCli(['estimate', path]);
    expect([code, stdout]).toEqual([1, '']);
    expect(stderr).toContain(expected);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('names from a set are untrusted text', () => {
  const hostile = 'Web\u001b]0;pwned\u0007|x\n*y*';
  const template = {
    Resources: {
      [hostile]: {
        Type: 'AWS::ECS::TaskDefinition',
        Properties: {Cpu: '256', Memory: '512', RequiresCompatibilities: ['FARGATE']},
      },
      '=HYPERLINK("http://x")': {
        Type: 'AWS::ECS::Service',
        Properties: {LaunchType: 'FARGATE', DesiredCount: 2, TaskDefinition: {Ref: hostile}},
      },
      'Ec2|Service\u202e': {Type: 'AWS::ECS::Service', Properties: {LaunchType: 'EC2\u001b[31m'}},
    },
  };
  const path = join(dir, 'hostile.json');
  writeFileSync(path, JSON.stringify(template));

  it('the table shows controls escaped', async () => {
    const {code, stdout} = await runCli(['estimate', path, '--catalog', 'embedded']);
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/[\u001b\u0007\u202e]/);
    expect(stdout).toContain('launch type EC2\\x1b[31m is not Fargate');
  });

  it('Markdown cells and lines cannot break the table', async () => {
    const {code, stdout} = await runCli(['estimate', path, '--catalog', 'embedded', '--format', 'markdown']);
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/[\u001b\u0007\u202e]/);
    const rows = stdout.split('\n').filter((line) => line.startsWith('| '));
    const cells = (line: string) => line.split(/(?<!\\)\|/).length;
    for (const row of rows.filter((line) => line.includes('HYPERLINK') || line.includes('service |'))) {
      expect(cells(row)).toBe(cells(rows[0]!));
    }
    // A bullet is no table: its pipe stays; the control is written as an escape, its backslash escaped for Markdown.
    expect(stdout).toContain('- service Ec2|Service\\\\u202e: launch type EC2\\\\x1b\\[31m is not Fargate');
  });

  it('CSV fields that would start a formula are guarded', async () => {
    const {code, stdout} = await runCli(['estimate', path, '--catalog', 'embedded', '--format', 'csv']);
    expect(code).toBe(0);
    expect(stdout).toContain(`"'=HYPERLINK(""http://x"")",service`);
    expect(stdout).not.toMatch(/^=/m);
  });
});
