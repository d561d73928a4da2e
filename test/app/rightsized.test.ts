import {describe, expect, it} from 'vitest';
import {compare} from '../../src/app/compare.js';
import {estimateCompareInput} from '../../src/app/compare-input.js';
import {applyRightsizing, type RightsizedSize} from '../../src/app/rightsized.js';
import {ProblemError} from '../../src/model/problems.js';
import type {SizeOverrides} from '../../src/model/task.js';
import {handGivenSpec} from '../../src/sizing/resolve.js';
import {parseRightsized} from '../../src/sources/rightsized-file.js';
import {runCli} from '../helpers/cli.js';
import {embeddedCatalog} from '../helpers/catalog.js';

const catalog = embeddedCatalog();
const now = new Date('2026-12-01T00:00:00Z');

function input(size: SizeOverrides, count: number) {
  return estimateCompareInput({
    specs: [handGivenSpec(size)],
    overrides: size,
    region: 'us-east-1',
    environmentRegion: undefined,
    shape: {kind: 'always-on', count},
    monthHours: 730,
    catalog,
  });
}

const size = (
  name: string,
  current: [number, number],
  recommended: [number, number],
  cluster = 'prod',
): RightsizedSize => ({
  name,
  by: 'service',
  cluster,
  region: 'us-east-1',
  current: {cpu: current[0], memory: current[1]},
  recommended: {cpu: recommended[0], memory: recommended[1]},
  reason: 'shrink',
});

describe('compare --rightsized', () => {
  const big = input({cpuUnits: 2048, memoryMiB: 8192}, 2);
  const name = big.components[0]!.name;

  it('prices the workload at the recommended size: 2 tasks of 0.5 vCPU / 3 GB', () => {
    const {input: resized, applied, unmatched} = applyRightsizing(big, [size(name, [2048, 8192], [512, 3072])]);
    expect(applied.map((a) => a.component)).toEqual([name]);
    expect(unmatched).toEqual([]);
    const onDemand = (i: typeof big) =>
      compare({input: i, catalog, now}).scenarios.find((s) => s.kind === 'on-demand')!;
    // 2 x (0.5 x 0.04048 + 3 x 0.004445) = 0.06715 an hour, 730 hours: what rightsize's "after" says for web.
    expect(onDemand(resized).monthlyCost!.toString()).toBe('49.0195');
    // Before: 2 x (2 x 0.04048 + 8 x 0.004445) = 0.23304 an hour.
    expect(onDemand(big).monthlyCost!.toString()).toBe('170.1192');
    expect(resized.notes?.at(-1)).toMatchObject({kind: 'rightsized', approximate: false});
  });

  it("resizes from the input's own size when rightsize judged another, and says so", () => {
    const {applied, input: resized} = applyRightsizing(big, [size(name, [1024, 2048], [512, 3072])]);
    expect(applied[0]!.from).toEqual({cpu: 2048, memory: 8192});
    // Judged on another size: the samples may be another workload's, so it is a warning, not a note.
    const warning = resized.warnings?.at(-1);
    expect(warning).toMatchObject({kind: 'rightsized', sizes: [{judged: {cpu: 1024, memory: 2048}}]});
    expect(resized.rightsized).toBe(true);
  });

  it('a name in two clusters at different sizes is ambiguous; entries no workload matches are listed', () => {
    expect(() =>
      applyRightsizing(big, [size(name, [2048, 8192], [512, 3072]), size(name, [2048, 8192], [1024, 2048], 'staging')]),
    ).toThrow(ProblemError);
    expect(applyRightsizing(big, [size('other', [1024, 2048], [512, 1024])]).unmatched).toEqual(['other']);
  });

  it('reads only rightsize JSON: anything else is a one-line error naming the file', () => {
    expect(() => parseRightsized({kind: 'compare'}, 'x.json')).toThrow(
      /x\.json is not fargate-cost rightsize JSON output/,
    );
  });

  it('the CLI: rightsize --format json, then compare --rightsized', async () => {
    const saved = await runCli(['rightsize', 'test/fixtures/insights/events.ndjson.gz', '--format', 'json'], {now});
    expect(saved.code).toBe(0);
    const {writeFileSync, mkdtempSync} = await import('node:fs');
    const {join} = await import('node:path');
    const {tmpdir} = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'rightsized-')), 'rightsized.json');
    writeFileSync(file, saved.stdout);
    const {code, stdout} = await runCli(
      ['compare', 'data/examples/history', '--as-of', '2026-12-01T00:00:00Z', '--plans', 'sp-1y', '--rightsized', file],
      {now},
    );
    expect(code).toBe(0);
    expect(stdout).toContain('rightsized (--rightsized): web 1 vCPU, 2 GB -> 0.5 vCPU, 3 GB');
    const bad = await runCli(
      ['compare', '--cpu', '1', '--memory', '2', '--rightsized', 'data/examples/web-service.json'],
      {now},
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});
