import {spawnSync} from 'node:child_process';
import {copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';

/**
 * The GitHub Actions workflow of docs/diff.md: its fargate-cost lines, run as written in a temporary git
 * repository whose origin/main holds the base plan and whose working tree holds the pull request's.
 */
const bin = resolve('dist/cli/main.js');
const dir = mkdtempSync(join(tmpdir(), 'fargate-cost-workflow-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

const workflow = /```yaml\n([\s\S]*?)```/.exec(readFileSync('docs/diff.md', 'utf8'))![1]!;
const lines = workflow
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line.startsWith('fargate-cost '));

describe('the pull-request workflow of docs/diff.md', () => {
  const env = {
    ...process.env,
    HOME: dir,
    GIT_CONFIG_NOSYSTEM: '1',
    NO_COLOR: '1',
    FARGATE_COST_CACHE_DIR: join(dir, 'cache'),
  };
  const git = (...args: string[]) => spawnSync('git', args, {cwd: dir, encoding: 'utf8', env});
  mkdirSync(join(dir, 'infra'));
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'ci@example.com');
  git('config', 'user.name', 'ci');
  // The base: a plan before a service grows; the head: the plan of the fixtures.
  const head = readFileSync('test/fixtures/terraform/plan-modules.json', 'utf8');
  writeFileSync(join(dir, 'infra/plan.json'), head.replaceAll('"desired_count": 3', '"desired_count": 2'));
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  git('update-ref', 'refs/remotes/origin/main', 'HEAD');
  copyFileSync('test/fixtures/terraform/plan-modules.json', join(dir, 'infra/plan.json'));

  it('has one diff line, writing comment.md', () => {
    expect(lines).toEqual([
      'fargate-cost diff git:origin/main:infra/plan.json infra/plan.json --format markdown > comment.md',
    ]);
  });

  it('runs, and writes a comment the posting step finds by its marker', () => {
    const [command, target] = lines[0]!.split(' > ');
    const argv = command!.split(' ').slice(1);
    const result = spawnSync(process.execPath, [bin, ...argv, '--catalog', 'embedded'], {
      cwd: dir,
      encoding: 'utf8',
      env,
    });
    expect([result.status, result.stderr]).toEqual([0, '']);
    writeFileSync(join(dir, target!), result.stdout);
    const comment = readFileSync(join(dir, 'comment.md'), 'utf8');
    expect(comment.startsWith('<!-- fargate-cost -->\n')).toBe(true);
    expect(comment).toContain('<details>');
    expect(comment).not.toContain(dir);
  });
});
