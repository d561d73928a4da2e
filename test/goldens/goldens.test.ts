import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {embeddedCatalogJson} from '../helpers/catalog.js';
import {runCli} from '../helpers/cli.js';
import {schemaErrors} from '../helpers/schema.js';

/**
 * Golden outputs: every command in every format on the example data, compared byte for byte with the
 * files beside this test. The clock, the as-of time and the catalog are fixed, and the only
 * machine-specific text (a temporary directory outside the checkout, named by an absolute path on the
 * command line) is replaced by a placeholder. No output names the checkout by its absolute path: paths
 * are relative to the working directory, the embedded catalog's too.
 *
 * After a deliberate change of output, regenerate them with `npm run goldens` and review the diff.
 */

const NOW = new Date('2026-12-01T12:00:00Z');
const AS_OF = '2026-11-04T00:00:00Z';
const FORMATS = ['table', 'json', 'csv', 'markdown'] as const;

const dir = mkdtempSync(join(tmpdir(), 'fargate-cost-goldens-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

/** A second catalog for `prices diff`: a day newer, three rates moved, one Spot rate gone. */
function changedCatalog(): string {
  const json = embeddedCatalogJson();
  json.generatedAt = '2026-11-25T00:00:00.000Z';
  json.regions['us-east-1']!.onDemand['windows-x86_64-vcpu'] = {...json.regions['us-east-1']!.onDemand['windows-x86_64-vcpu']!, price: '0.09148', asOf: '2026-11-25'};
  json.regions['eu-west-1']!.onDemand['linux-x86_64-vcpu']!.price = '0.0506';
  json.regions['eu-west-1']!.onDemand['windows-x86_64-vcpu']!.price = '0.05819';
  delete json.regions['eu-west-1']!.spot['linux-x86_64-memory'];
  const path = join(dir, 'changed.json');
  writeFileSync(path, JSON.stringify(json));
  return path;
}
const changed = changedCatalog();

/** name: the golden's file stem; argv: the command line, less --format and --catalog; formats: all unless given. */
const CASES: readonly {name: string; argv: readonly string[]; formats?: readonly (typeof FORMATS)[number][]}[] = [
  {name: 'estimate-web', argv: ['estimate', 'data/examples/web-service.json']},
  {name: 'estimate-schedule', argv: ['estimate', '--cpu', '0.25', '--memory', '0.5', '--duration', '45s', '--runs', '300/day', '--options', 'on-demand,spot,sp-1y']},
  {name: 'estimate-cdk', argv: ['estimate', 'data/examples/cdk-stack.template.json', '--options', 'on-demand,spot,sp-3y']},
  {name: 'estimate-template-count', argv: ['estimate', 'data/examples/cloudformation.yaml', '--count', '2']},
  {name: 'estimate-windows-batch', argv: ['estimate', 'data/examples/windows-iis.json', '--duration', '10m', '--runs', '24/day']},
  {
    name: 'estimate-web-krw',
    argv: ['estimate', 'data/examples/web-service.json', '--currency', 'KRW', '--exchange-rate', '1391.20@2026-11-30'],
    formats: ['table', 'json'],
  },
  {name: 'estimate-arm64-storage', argv: ['estimate', '--cpu', '2', '--memory', '4', '--arch', 'arm64', '--storage', '50', '--region', 'eu-west-1']},
  {name: 'estimate-terraform-plan', argv: ['estimate', 'test/fixtures/terraform/plan-modules.json']},
  {name: 'estimate-terraform-state', argv: ['estimate', 'test/fixtures/terraform/state.json', '--options', 'on-demand,spot,sp-1y']},
  {name: 'estimate-cloudformation-services', argv: ['estimate', 'test/fixtures/cloudformation/services.yaml', '--options', 'on-demand,spot,sp-3y']},
  {name: 'history-dir', argv: ['history', 'data/examples/history/', '--as-of', AS_OF]},
  {name: 'history-events-day', argv: ['history', 'data/examples/history/events.ndjson', '--as-of', AS_OF, '--group-by', 'day', '--top', '3']},
  {name: 'history-window-option', argv: ['history', 'data/examples/history/', '--as-of', AS_OF, '--from', '2026-11-02T06:00:00Z', '--to', '2026-11-03', '--group-by', 'option']},
  {name: 'history-describe-tasks-family', argv: ['history', 'data/examples/history/describe-tasks.json', '--as-of', AS_OF, '--group-by', 'family']},
  {name: 'history-bill', argv: ['history', 'test/fixtures/bill/cur2.parquet']},
  {name: 'history-bill-export-window', argv: ['history', 'test/fixtures/bill/export/', '--from', '2026-11-03', '--to', '2026-11-07'], formats: ['table', 'json']},
  {name: 'history-bill-focus', argv: ['history', 'test/fixtures/bill/focus.csv'], formats: ['table']},
  {name: 'compare-bill', argv: ['compare', 'test/fixtures/bill/cur2.csv.gz']},
  {name: 'compare-autoscaling', argv: ['compare', '--task-definition', 'data/examples/web-service.json', '--min', '2', '--max', '6', '--peak-hours', '8-20', '--spot-tolerant']},
  {name: 'compare-history', argv: ['compare', 'data/examples/history', '--as-of', AS_OF, '--plans', 'sp-1y']},
  {name: 'compare-strategy', argv: ['compare', '--cpu', '1', '--memory', '2', '--count', '10', '--strategy', 'FARGATE:base=2,weight=1', '--strategy', 'FARGATE_SPOT:weight=3', '--plans', 'sp-1y']},
  {name: 'compare-batch-commitment', argv: ['compare', '--task-definition', 'data/examples/worker-arm64.json', '--duration', '15m', '--runs', '24/day', '--commitment', '0.01']},
  {
    name: 'compare-owned',
    argv: [
      'compare',
      'data/examples/history',
      '--as-of',
      AS_OF,
      '--plans',
      'sp-1y',
      '--owned-commitment',
      '0.01:3y:all-upfront',
      '--owned-commitment',
      '0.02:1y:no-upfront:2026-12-20',
      '--owned-share',
      '80%',
    ],
  },
  {name: 'compare-windows', argv: ['compare', '--task-definition', 'data/examples/windows-iis.json', '--count', '2', '--plans', 'sp-3y']},
  {name: 'diff-templates', argv: ['diff', 'test/fixtures/diff/base.yaml', 'test/fixtures/diff/head.yaml']},
  {name: 'diff-terraform-plan', argv: ['diff', 'test/fixtures/terraform/plan-modules.json', '--options', 'on-demand,spot,sp-1y']},
  {name: 'diff-task-definitions', argv: ['diff', 'data/examples/web-service.json', 'data/examples/worker-arm64.json', '--duration', '10m', '--runs', '24/day']},
  {name: 'reconcile-cur2', argv: ['reconcile', '--history', 'test/fixtures/bill/history.ndjson', '--bill', 'test/fixtures/bill/cur2.csv.gz', '--as-of', '2026-12-01T00:00:00Z']},
  {name: 'rightsize-events', argv: ['rightsize', 'test/fixtures/insights/events.ndjson.gz']},
  {name: 'rightsize-compute-optimizer', argv: ['rightsize', 'test/fixtures/insights/events.ndjson.gz', '--compute-optimizer', 'test/fixtures/insights/compute-optimizer.json']},
  {name: 'rightsize-bill', argv: ['rightsize', 'test/fixtures/bill/cur2.parquet']},
  {name: 'rightsize-metrics', argv: ['rightsize', '--metrics', 'test/fixtures/insights/metrics-output.json', '--query', 'test/fixtures/insights/metrics-query.json', '--region', 'us-east-1', '--cpu-percentile', 'max', '--headroom', '25%']},
  {name: 'prices-show', argv: ['prices', 'show', '--region', 'us-east-1,eu-west-1']},
  {name: 'prices-show-verbose', argv: ['prices', 'show', '--region', 'ap-south-1', '--verbose']},
  {name: 'prices-diff', argv: ['prices', 'diff', 'embedded', changed]},
];

const EXTENSION = {table: 'txt', json: 'json', csv: 'csv', markdown: 'md'} as const;

function portable(text: string): string {
  return text.replaceAll(dir, '<tmp>');
}

describe('golden outputs', () => {
  for (const {name, argv, formats = FORMATS} of CASES) {
    for (const format of formats) {
      it(`${name} --format ${format}`, async () => {
        const {code, stdout, stderr} = await runCli([...argv, '--catalog', 'embedded', '--format', format], {now: NOW});
        expect({code, stderr}).toEqual({code: 0, stderr: ''});
        expect(stdout).not.toContain(process.cwd());
        await expect(portable(stdout)).toMatchFileSnapshot(`./${name}.${EXTENSION[format]}`);
        if (format === 'json') expect(schemaErrors(JSON.parse(stdout))).toEqual([]);
      });
    }
  }
});
