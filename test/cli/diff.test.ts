import {spawnSync} from 'node:child_process';
import {copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {runCli} from '../helpers/cli.js';

const BASE = 'test/fixtures/diff/base.yaml';
const HEAD = 'test/fixtures/diff/head.yaml';
const bin = resolve('dist/cli/main.js');
const dir = mkdtempSync(join(tmpdir(), 'fargate-cost-diff-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe('fargate-cost diff', () => {
  it('prints the whole report, then fails a policy with exit 5 and one stderr line', async () => {
    const {code, stdout, stderr} = await runCli(['diff', BASE, HEAD, '--catalog', 'embedded', '--fail-above', '100']);
    expect(code).toBe(5);
    expect(stdout).toContain('Assumptions');
    expect(stderr).toBe(
      'fargate-cost: policy --fail-above 100 failed: the On-Demand monthly total $143.02 is above $100.00\n',
    );
  });

  it('passes a policy the change keeps, in the option named', async () => {
    const args = ['diff', BASE, HEAD, '--catalog', 'embedded', '--policy-option', 'spot', '--fail-on-increase', '50%'];
    expect(await runCli([...args])).toMatchObject({code: 5});
    const ok = await runCli(['diff', BASE, HEAD, '--catalog', 'embedded', '--fail-on-increase', '62']);
    expect([ok.code, ok.stderr]).toEqual([0, '']);
  });

  it('fails estimate --fail-above with exit 5 too', async () => {
    const {code, stderr} = await runCli([
      'estimate',
      'data/examples/web-service.json',
      '--catalog',
      'embedded',
      '--fail-above',
      '10',
    ]);
    expect(code).toBe(5);
    expect(stderr.split('\n')).toHaveLength(2);
  });

  it('refuses a bad policy value or option as a bad command line', async () => {
    expect((await runCli(['diff', BASE, HEAD, '--fail-above', 'lots'])).code).toBe(2);
    expect((await runCli(['diff', BASE, HEAD, '--policy-option', 'cheap'])).code).toBe(2);
    expect((await runCli(['diff', BASE, HEAD, '--options', 'spot', '--fail-above', '1'])).code).toBe(2);
  });

  it('needs a Terraform plan when given one input', async () => {
    const {code, stderr} = await runCli(['diff', BASE, '--catalog', 'embedded']);
    expect(code).toBe(2);
    expect(stderr.split('\n')).toHaveLength(2);
    expect(stderr).toContain('diff with one input needs a Terraform plan');
  });

  it('says a Terraform state given alone has no before and after, and diffs it beside a plan', async () => {
    const state = 'test/fixtures/terraform/state.json';
    const alone = await runCli(['diff', state, '--catalog', 'embedded']);
    expect([alone.code, alone.stdout]).toEqual([2, '']);
    expect(alone.stderr).toBe(
      `fargate-cost: ${state} is a Terraform state, not a plan: it has no before and after to compare (give it as BASE or HEAD beside another input (fargate-cost diff state.json plan.json), or diff a plan alone)\n`,
    );
    const beside = await runCli(['diff', state, 'test/fixtures/terraform/plan-modules.json', '--catalog', 'embedded']);
    expect([beside.code, beside.stderr]).toEqual([0, '']);
  });

  it('keeps a Markdown table whole whatever a name holds', async () => {
    const template = (name: string) =>
      JSON.stringify({
        Resources: {
          [name]: {
            Type: 'AWS::ECS::TaskDefinition',
            Properties: {
              Family: 'x',
              Cpu: '256',
              Memory: '512',
              RequiresCompatibilities: ['FARGATE'],
              ContainerDefinitions: [{Name: 'a', Image: 'a'}],
            },
          },
          Svc: {
            Type: 'AWS::ECS::Service',
            Properties: {DesiredCount: 1, LaunchType: 'FARGATE', TaskDefinition: {Ref: name}},
          },
        },
      });
    const path = join(dir, 'odd.json');
    writeFileSync(path, template('Odd'));
    const evil = join(dir, 'evil.json');
    writeFileSync(evil, template('Evil').replace('"Svc"', '"S|v\\nc<b>"'));
    const {code, stdout} = await runCli(['diff', path, evil, '--catalog', 'embedded', '--format', 'markdown']);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('<!-- fargate-cost -->');
    expect(stdout).toContain('| S\\|v\\\\nc\\<b> | added | - | $9.01 | +$9.01 |');
    expect(stdout).not.toMatch(/[^\\]<b>/);
  });
});

describe('git:REF:PATH inputs', () => {
  const repo = join(dir, 'repo');
  const git = (...args: string[]) =>
    spawnSync('git', args, {cwd: repo, encoding: 'utf8', env: {...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: dir}});
  mkdirSync(join(repo, 'infra'), {recursive: true});
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 't@example.com');
  git('config', 'user.name', 't');
  copyFileSync(BASE, join(repo, 'infra/app.yaml'));
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  copyFileSync(HEAD, join(repo, 'infra/app.yaml'));
  const run = (...args: string[]) => {
    const result = spawnSync(process.execPath, [bin, ...args], {
      cwd: repo,
      encoding: 'utf8',
      env: {...process.env, FARGATE_COST_CACHE_DIR: '/nonexistent/fargate-cost-test', NO_COLOR: '1', HOME: dir},
    });
    return {code: result.status, stdout: result.stdout, stderr: result.stderr};
  };

  it('reads the base at a ref', () => {
    const {code, stdout, stderr} = run(
      'diff',
      'git:main:infra/app.yaml',
      'infra/app.yaml',
      '--format',
      'json',
      '--catalog',
      'embedded',
    );
    expect([code, stderr]).toEqual([0, '']);
    const result = JSON.parse(stdout);
    expect(result.base.source).toBe('git:main:infra/app.yaml');
    expect(result.items.map((i: {status: string}) => i.status)).toEqual(['unchanged', 'removed', 'changed', 'added']);
  });

  it('says a bad ref on one line', () => {
    const {code, stderr} = run('diff', 'git:nope:infra/app.yaml', 'infra/app.yaml', '--catalog', 'embedded');
    expect(code).toBe(1);
    expect(stderr).toMatch(/^fargate-cost: git:nope:infra\/app\.yaml: git cannot show it: .*\n$/);
  });
});
