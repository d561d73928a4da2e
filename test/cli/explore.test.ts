import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Readable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {notInteractiveReason} from '../../src/cli/commands/explore-action.js';
import type {CliIo} from '../../src/cli/io.js';
import {run} from '../../src/cli/run.js';
import {runCli} from '../helpers/cli.js';

/** A run whose stdin and stdout claim to be terminals, to reach what comes after the terminal check. */
async function runAsTerminal(argv: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const stdin = Object.assign(Readable.from([]), {isTTY: true}) as unknown as CliIo['stdin'];
  const io: CliIo = {
    stdout: {write: (text: string) => (stdout += text), isTTY: true, columns: 100},
    stderr: {write: (text: string) => (stderr += text)},
    stdin,
    env: {FARGATE_COST_CACHE_DIR: '/nonexistent/fargate-cost-test-cache', ...env},
    now: () => new Date('2026-11-24T12:00:00Z'),
  };
  const code = await run(argv, io);
  return {code, stdout, stderr};
}

describe('fargate-cost explore', () => {
  it('is listed in the help with what it is for', async () => {
    const {stdout} = await runCli(['--help']);
    expect(stdout).toMatch(/explore \[options\] \[path\.\.\.\]\s+an interactive terminal view/);
  });

  it('piped or redirected: a one-line error pointing to the plain commands, exit 2, nothing on stdout', async () => {
    const {code, stdout, stderr} = await runCli(['explore', 'data/examples/web-service.json']);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toBe(
      'fargate-cost: explore needs an interactive terminal (stdin is not a terminal) (for plain output use "fargate-cost estimate FILE --format table|json|csv|markdown" or "fargate-cost history FILE --format ...")\n',
    );
  });

  it.each([
    ['CI is set', {CI: 'true'}],
    ['TERM is dumb', {TERM: 'dumb'}],
  ])('refuses when %s, even on a terminal', async (reason, env) => {
    const {code, stderr} = await runAsTerminal(['explore'], env);
    expect(code).toBe(2);
    expect(stderr).toContain(`explore needs an interactive terminal (${reason})`);
    expect(stderr.split('\n')).toHaveLength(2);
  });

  it('decides interactivity from both streams and the environment', () => {
    const tty = {isTTY: true} as CliIo['stdin'];
    const io = (stdinTTY: boolean, stdoutTTY: boolean, env: NodeJS.ProcessEnv = {}) =>
      notInteractiveReason({stdin: stdinTTY ? tty : ({} as CliIo['stdin']), stdout: {write: () => true, isTTY: stdoutTTY}, env});
    expect(io(true, true)).toBeUndefined();
    expect(io(true, true, {CI: 'false'})).toBeUndefined();
    expect(io(true, true, {CI: '0'})).toBeUndefined();
    expect(io(true, true, {CI: '1'})).toBe('CI is set');
    expect(io(false, true)).toBe('stdin is not a terminal');
    expect(io(true, false)).toBe('stdout is not a terminal');
  });

  it('a bad task definition fails as estimate fails, before the screen changes', async () => {
    const {code, stdout, stderr} = await runAsTerminal(['explore', 'data/examples/nope.json']);
    expect([code, stdout]).toEqual([1, '']);
    expect(stderr).toMatch(/^fargate-cost: .*data\/examples\/nope\.json.*\n$/);
  });

  it('refuses "-": stdin is the keyboard', async () => {
    const {code, stderr} = await runAsTerminal(['explore', '-']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/explore reads the keyboard from stdin, so it cannot read input from "-"/);
  });

  it('checks --region like the other commands', async () => {
    const {code, stderr} = await runAsTerminal(['explore', '--region', 'moon-1']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/region "moon-1" is not an AWS region code/);
  });

  it('a region the catalog lacks fails before the screen changes, naming the nearest', async () => {
    const {code, stdout, stderr} = await runAsTerminal(['explore', '--region', 'eu-west-9']);
    expect([code, stdout]).toEqual([4, '']);
    expect(stderr).toMatch(/region eu-west-9 is not in the price catalog/);
  });

  it('the binary, piped, fails fast without loading ink', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fc-explore-imports-'));
    const log = join(dir, 'imports.txt');
    writeFileSync(log, '');
    const result = spawnSync(process.execPath, ['--import', './test/helpers/record-imports.mjs', 'dist/cli/main.js', 'explore', 'data/examples/web-service.json'], {
      encoding: 'utf8',
      env: {...process.env, RECORD_IMPORTS: log, FARGATE_COST_CACHE_DIR: '/nonexistent/x'},
    });
    const urls = readFileSync(log, 'utf8').split('\n');
    rmSync(dir, {recursive: true, force: true});
    expect([result.status, result.stdout]).toEqual([2, '']);
    expect(result.stderr).toMatch(/^fargate-cost: explore needs an interactive terminal \(stdin is not a terminal\)/);
    expect(urls.filter((url) => url.includes('/node_modules/ink/') || url.includes('/node_modules/react/'))).toEqual([]);
    // The hook does record what the command loads (so the empty list above means something).
    expect(urls.some((url) => url.includes('/dist/cli/commands/explore-action.js'))).toBe(true);
  });
});
