import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../helpers/cli.js';

// Issue 12: no absolute local path in any output format; paths are relative to the working directory.
const cwd = process.cwd();
const here = (path: string) => join(cwd, path);
const AS_OF = '2026-11-04T00:00:00Z';
const FORMATS = ['table', 'json', 'csv', 'markdown'] as const;

const CASES: readonly {name: string; argv: readonly string[]; shows: string}[] = [
  {
    name: 'estimate',
    argv: ['estimate', here('data/examples/web-service.json')],
    shows: 'data/examples/web-service.json',
  },
  {
    name: 'history',
    argv: ['history', here('data/examples/history'), '--as-of', AS_OF],
    shows: 'data/examples/history/events.ndjson',
  },
  {
    name: 'compare',
    argv: ['compare', '--task-definition', here('data/examples/web-service.json'), '--count', '2', '--plans', 'sp-1y'],
    shows: 'data/catalog.json',
  },
  {
    name: 'prices show',
    argv: ['prices', 'show', '--region', 'us-east-1', '--catalog', here('data/catalog.json')],
    shows: 'data/catalog.json',
  },
  {name: 'prices diff', argv: ['prices', 'diff', 'embedded', here('data/catalog.json')], shows: 'data/catalog.json'},
];

describe('paths in output are relative to the working directory', () => {
  for (const {name, argv, shows} of CASES) {
    for (const format of FORMATS) {
      it(`${name}, an absolute path typed, --format ${format}`, async () => {
        const {code, stdout, stderr} = await runCli([...argv, '--format', format]);
        expect({code, stderr}).toEqual({code: 0, stderr: ''});
        expect(stdout).not.toContain(cwd);
        // The JSON holds every path the result has; the other formats show some of them.
        if (format === 'json') expect(stdout).toContain(shows);
      });
    }
  }

  it('names the embedded catalog by its place in the checkout', async () => {
    const {stdout} = await runCli([
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
    expect(JSON.parse(stdout).assumptions.catalog.path).toBe('data/catalog.json');
  });

  it('names a file relative to the working directory in an error line', async () => {
    const {code, stderr} = await runCli(['estimate', here('data/examples/no-such-file.json')]);
    expect(code).not.toBe(0);
    expect(stderr).toContain('data/examples/no-such-file.json');
    expect(stderr).not.toContain(cwd);
  });

  it('names the record of a history file relative to the working directory', async () => {
    const {code, stderr} = await runCli(['history', here('data/examples/web-service.json'), '--as-of', AS_OF]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^fargate-cost: data\/examples\/web-service\.json/);
  });

  it('leaves a path outside the working directory as given', async () => {
    const {stderr} = await runCli(['estimate', '/nonexistent/fargate-cost/web.json']);
    expect(stderr).toContain('/nonexistent/fargate-cost/web.json');
  });
});
