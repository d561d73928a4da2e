import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {embeddedCatalogJson} from '../helpers/catalog.js';
import {runCli} from '../helpers/cli.js';

/**
 * On a terminal the tables fit its width: columns give way or are cut, the cost stays, and lines
 * of text wrap. Piped, every command prints every column whole, whatever the width.
 */

const AS_OF = ['--as-of', '2026-11-04T00:00:00Z'];
const tmp = mkdtempSync(join(tmpdir(), 'fargate-cost-width-'));
afterAll(() => rmSync(tmp, {recursive: true, force: true}));

function changedCatalog(): string {
  const json = embeddedCatalogJson();
  json.regions['us-east-1']!.onDemand['windows-x86_64-vcpu'] = {
    ...json.regions['us-east-1']!.onDemand['windows-x86_64-vcpu']!,
    price: '0.09148',
    asOf: '2026-11-20',
  };
  const path = join(tmp, 'changed.json');
  writeFileSync(path, JSON.stringify(json));
  return path;
}
const changed = changedCatalog();

/** A command, and a row of its main table that must keep its cost: the row's label and the cost. */
const CASES: readonly {name: string; argv: readonly string[]; row: string; cost: string}[] = [
  {name: 'estimate', argv: ['estimate', 'data/examples/web-service.json'], row: 'On-Demand ', cost: '$36.04'},
  {
    name: 'estimate of several task definitions',
    argv: ['estimate', 'data/examples/cdk-stack.template.json'],
    // Its arm64 and storage rates are the 2025-08 offer's alone, over a year old: the row says so.
    row: 'On-Demand: 2025-08 rate, refresh ',
    cost: '$14.42',
  },
  {name: 'history', argv: ['history', 'data/examples/history', ...AS_OF], row: 'service:web ', cost: '$4.74'},
  {
    name: 'history by day with its top runs',
    argv: ['history', 'data/examples/history/events.ndjson', ...AS_OF, '--group-by', 'day', '--top', '3'],
    row: '2026-11-02 ',
    cost: '$2.70',
  },
  {
    name: 'compare',
    argv: ['compare', 'data/examples/history', ...AS_OF, '--plans', 'sp-1y'],
    // Its Windows, arm64 and storage rates are the 2025-08 offer's alone, over a year old: the row says so.
    row: 'On-Demand: 2025-08 rate, refresh ',
    cost: '$135.76',
  },
  {
    name: 'compare an autoscaling estimate',
    argv: [
      'compare',
      '--task-definition',
      'data/examples/web-service.json',
      '--min',
      '2',
      '--max',
      '6',
      '--peak-hours',
      '8-20',
    ],
    row: 'All On-Demand ',
    cost: '$143.57',
  },
  {name: 'prices show', argv: ['prices', 'show', '--region', 'us-east-1'], row: 'linux-x86_64-vcpu ', cost: '$0.04048'},
  {
    name: 'prices show --verbose',
    argv: ['prices', 'show', '--region', 'ap-south-1', '--verbose'],
    row: 'windows-x86_64-vcpu ',
    cost: '$0.048944',
  },
  {name: 'prices diff', argv: ['prices', 'diff', 'embedded', changed], row: 'On-Demand ', cost: '$0.09148'},
];

const longest = (text: string) => Math.max(...text.split('\n').map((line) => [...line].length));

describe('tables on a terminal fit its width', () => {
  for (const {name, argv, row, cost} of CASES) {
    for (const columns of [60, 80]) {
      it(`${name} at ${columns} columns: no line longer, the cost kept`, async () => {
        const {code, stdout, stderr} = await runCli([...argv, '--catalog', 'embedded'], {isTTY: true, columns});
        expect({code, stderr}).toEqual({code: 0, stderr: ''});
        expect(longest(stdout)).toBeLessThanOrEqual(columns);
        // The row by its label (a rank may come first), in a table: with a dollar figure.
        const line = stdout
          .split('\n')
          .find((text) => text.replace(/^\d+ +/, '').startsWith(row) && text.includes('$'));
        expect(line, `a row starting ${JSON.stringify(row)}`).toBeDefined();
        expect(line).toContain(cost);
      });
    }
  }

  it('wraps with the colours on, measuring what shows', async () => {
    const {stdout} = await runCli(['history', 'data/examples/history', ...AS_OF, '--catalog', 'embedded'], {
      isTTY: true,
      columns: 60,
      env: {FORCE_COLOR: '1'},
    });
    expect(stdout).toContain('\u001b[1m');
    expect(longest(stdout.replace(/\u001b\[[0-9;]*m/g, ''))).toBeLessThanOrEqual(60);
  });
});

describe('piped output keeps every column whole', () => {
  it.each(CASES.map(({name, argv}) => [name, argv] as const))('%s', async (_name, argv) => {
    const piped = await runCli([...argv, '--catalog', 'embedded'], {isTTY: false, columns: 60});
    const unknown = await runCli([...argv, '--catalog', 'embedded']);
    expect(piped.stdout).toBe(unknown.stdout);
    expect(longest(piped.stdout)).toBeGreaterThan(80);
  });

  it('a terminal that does not say its width gets full width too', async () => {
    const argv = ['estimate', 'data/examples/web-service.json', '--catalog', 'embedded'];
    const terminal = await runCli(argv, {isTTY: true});
    const piped = await runCli(argv);
    expect(terminal.stdout).toBe(piped.stdout);
  });
});
