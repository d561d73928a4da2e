import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {runCli} from '../helpers/cli.js';
import {schemaErrors} from '../helpers/schema.js';

const EVENTS = 'test/fixtures/insights/events.ndjson.gz';
const dir = mkdtempSync(join(tmpdir(), 'fargate-cost-rightsize-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

const T0 = Date.UTC(2026, 10, 1);
/** 8 days of minutes of one Fargate task of a hostile service name. */
function hostileFile(name: string): string {
  const lines: string[] = [];
  for (let m = 0; m < 8 * 1440; m++) {
    lines.push(
      JSON.stringify({
        Type: 'Task',
        TaskId: 't',
        TaskDefinitionFamily: name,
        ServiceName: name,
        ClusterName: `c${name}`,
        Region: 'us-east-1',
        LaunchType: 'FARGATE',
        Timestamp: T0 + m * 60_000,
        CpuUtilized: 10,
        CpuReserved: 1024,
        MemoryUtilized: 100,
        MemoryReserved: 2048,
      }),
    );
  }
  const path = join(dir, 'hostile.ndjson');
  writeFileSync(path, lines.join('\n'));
  return path;
}

describe('fargate-cost rightsize', () => {
  it('JSON names each recommendation unambiguously and matches the schema', async () => {
    const run = await runCli(['rightsize', EVENTS, '--format', 'json']);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(schemaErrors(json)).toEqual([]);
    expect(json.kind).toBe('rightsize');
    const web = json.recommendations.find((r: {name: string}) => r.name === 'web');
    expect(web).toMatchObject({
      by: 'service',
      cluster: 'prod',
      region: 'us-east-1',
      current: {cpu: 2048, memory: 8192},
      recommended: {cpu: 512, memory: 3072},
      monthlySaving: '121.0997',
      reason: {code: 'shrink'},
    });
    expect(json.skipped).toEqual({'other-type': 1, 'not-fargate': 1, 'not-fargate-size': 0});
  });
  it('reads standard input', async () => {
    const run = await runCli(['rightsize', '-', '--format', 'csv'], {
      stdin: `${JSON.stringify({Type: 'Task', TaskId: 't', TaskDefinitionFamily: 'f', ClusterName: 'c', Region: 'us-east-1', LaunchType: 'FARGATE', Timestamp: T0, CpuUtilized: 1, CpuReserved: 256, MemoryUtilized: 1, MemoryReserved: 512})}\n`,
    });
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[1]).toMatch(/^f,family,c,us-east-1,256,512,256,512,keep,/);
  });
  it('exit codes: 2 for a bad command line, 1 for bad input, one line on stderr', async () => {
    const cases: [string[], number, RegExp][] = [
      [['rightsize'], 2, /rightsize needs samples/],
      [['rightsize', EVENTS, '--headroom', 'lots'], 2, /--headroom "lots" is not a percentage/],
      [['rightsize', EVENTS, '--cpu-percentile', 'p42'], 2, /--cpu-percentile "p42"/],
      [['rightsize', EVENTS, '--os', 'windows', '--arch', 'arm64'], 2, /x86_64 only/],
      [['rightsize', EVENTS, '--os', 'windows', '--strategy', 'FARGATE_SPOT'], 2, /Linux tasks only/],
      [['rightsize', '--metrics', 'x.json'], 2, /go together/],
      [['rightsize', join(dir, 'missing.ndjson')], 1, /no such file/],
    ];
    writeFileSync(join(dir, 'bad.ndjson'), '{"Type":"Task","LaunchType":"FARGATE"}\n');
    cases.push([['rightsize', join(dir, 'bad.ndjson')], 1, /line 1: the Task event has no ClusterName/]);
    writeFileSync(join(dir, 'ec2.ndjson'), '{"Type":"Task","LaunchType":"EC2"}\n');
    cases.push([
      ['rightsize', join(dir, 'ec2.ndjson')],
      1,
      /nothing to rightsize: no Fargate task samples \(skipped: 1 task event not on Fargate\)/,
    ]);
    // A reservation Fargate does not offer (3000 CPU units): not a Fargate task's, or corrupt: skipped and counted.
    const odd = (taskId: string, cpu: number) =>
      JSON.stringify({
        Type: 'Task',
        TaskId: taskId,
        TaskDefinitionFamily: 'f',
        ClusterName: 'c',
        Region: 'us-east-1',
        LaunchType: 'FARGATE',
        Timestamp: T0,
        CpuUtilized: 1,
        CpuReserved: cpu,
        MemoryUtilized: 1,
        MemoryReserved: 8192,
      });
    writeFileSync(join(dir, 'odd.ndjson'), `${odd('a', 3000)}\n${odd('b', 3000)}\n`);
    cases.push([
      ['rightsize', join(dir, 'odd.ndjson')],
      1,
      /nothing to rightsize: no Fargate task samples \(skipped: 2 samples reserving a size Fargate does not offer\)/,
    ]);
    writeFileSync(join(dir, 'no-cpu.ndjson'), `${odd('a', 1024).replace('"CpuUtilized":1,', '')}\n`);
    cases.push([['rightsize', join(dir, 'no-cpu.ndjson')], 1, /line 1: the Task event has no CpuUtilized \(give/]);
    // A bill: FOCUS has no split_line_item_actual_usage; a bill with events is refused.
    cases.push([
      ['rightsize', 'test/fixtures/bill/focus.csv'],
      1,
      /the bill has no split_line_item_actual_usage: it was exported without split cost allocation data/,
    ]);
    cases.push([
      ['rightsize', 'test/fixtures/bill/cur2.parquet', EVENTS],
      2,
      /rightsize reads performance log events or a bill, not both at once/,
    ]);
    for (const [argv, code, message] of cases) {
      const run = await runCli(argv);
      expect([argv.join(' '), run.code]).toEqual([argv.join(' '), code]);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stdout).toBe('');
    }
  });
  it('makes hostile names inert in the table, Markdown and CSV, and keeps them exact in JSON', async () => {
    const name = 'web\u001b[31m|=cmd()\n| x';
    const path = hostileFile(name);
    for (const format of ['table', 'markdown', 'csv']) {
      const run = await runCli(['rightsize', path, '--format', format]);
      expect(run.code).toBe(0);
      expect(run.stdout).not.toContain('\u001b');
      expect(run.stdout).not.toContain('web\u001b');
      expect(run.stdout).toContain('\\x1b');
      expect(run.stdout).not.toMatch(/web[^\n]*\n\| x/);
    }
    const md = await runCli(['rightsize', path, '--format', 'markdown']);
    // In a cell: the control escaped, the escape's backslash and the Markdown escaped, the pipes escaped.
    expect(md.stdout).toContain('| web\\\\x1b\\[31m\\|=cmd()\\\\n\\| x |');
    const csv = await runCli(['rightsize', path, '--format', 'csv']);
    expect(csv.stdout.split('\n')[1]).toMatch(/^web\\x1b\[31m\|=cmd\(\)\\n\| x,service,/);
    const json = JSON.parse((await runCli(['rightsize', path, '--format', 'json'])).stdout);
    expect(json.recommendations[0].name).toBe(name);
  });
});
