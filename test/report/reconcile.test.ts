import {describe, expect, it} from 'vitest';
import {reconcileLines} from '../../src/app/reconcile.js';
import type {BillLine} from '../../src/model/bill.js';
import {renderReconcileCsv, renderReconcileMarkdown, renderReconcileTable} from '../../src/report/reconcile.js';
import {embeddedCatalog} from '../helpers/catalog.js';

const HOUR = Date.parse('2026-11-02T10:00:00Z');
const HOSTILE = 'arn:aws:ecs:us-east-1:1:task/prod/\u001b]0;owned\u0007|*x*\n=cmd';

const line: BillLine = {
  resourceId: HOSTILE,
  usageType: 'USE1-Fargate-vCPU-Hours:perCPU',
  lineItemType: 'Usage',
  productCode: 'AmazonECS',
  operation: 'FargateTask',
  startMs: HOUR,
  endMs: HOUR + 3_600_000,
  region: 'us-east-1',
  account: '1',
  currency: 'USD',
  usageAmount: '0.5',
  unblendedCost: '0.02024',
  publicOnDemandCost: '0.02024',
  savingsPlanEffectiveCost: null,
  totalCommitment: null,
  usedCommitment: null,
  actualUsage: null,
  service: null,
  lines: 1,
};

/** A bill-only cell whose task ARN (from the bill file: untrusted) holds a terminal escape, a pipe, emphasis and a newline. */
const result = reconcileLines(
  [
    {
      taskArn: 'arn:aws:ecs:us-east-1:1:task/prod/known',
      region: 'us-east-1',
      purchase: 'on-demand',
      size: {cpuUnits: 1024, memoryMiB: 2048, storageGiB: 20, arch: 'x86_64', os: 'linux'},
      pullStartedAtMs: HOUR,
      billedMs: 60_000,
    },
  ],
  [line],
  {catalog: embeddedCatalog(), now: new Date('2026-11-24T12:00:00Z')},
);

describe('the reconcile report', () => {
  it('lists the bill-only cell with its untrusted ARN inert in the table', () => {
    expect(result.counts['bill-only']).toBe(1);
    const text = renderReconcileTable(result);
    expect(text).not.toContain('\u001b');
    expect(text).toContain('\\x1b]0;owned\\x07|*x*\\n=cmd');
  });

  it('keeps a Markdown row whole and CSV free of a formula', () => {
    const markdown = renderReconcileMarkdown(result);
    // Inert (controls escaped), then Markdown-escaped: the backslashes, the bracket, the pipe and the stars.
    expect(markdown).toContain('\\\\x1b\\]0;owned\\\\x07\\|\\*x\\*\\\\n=cmd');
    expect(markdown).not.toContain('\u001b');
    const csv = renderReconcileCsv(result);
    expect(csv.split('\n').filter((row) => row.includes('owned'))).toHaveLength(1);
    expect(csv).not.toContain('\u001b');
  });

  it('lists at most --top cells, and says how many there are', () => {
    // known: 60 s of 1 vCPU and 2 GB (history only, twice), the hostile task (bill only): 3 cells off.
    const text = renderReconcileTable(result, undefined, undefined, 1);
    expect(text).toContain('1 of 3, largest cost difference first');
    expect(text.split('\n').filter((row) => row.startsWith('prod/'))).toHaveLength(1);
  });

  it('at 77 columns (explore at 80) lays both tables out to fit, a row to a line, never wrapped', () => {
    const text = renderReconcileTable(result, undefined, 77);
    const lines = text.trimEnd().split('\n');
    for (const row of lines) expect([...row].length, row).toBeLessThanOrEqual(77);
    // The cells: task (cluster/id), hour, dimension, status and the cost difference; a line each.
    const header = lines.findIndex((row) => row.startsWith('task '));
    expect(lines[header]).toMatch(/^task\s+hour \(UTC\)\s+dimension\s+status\s+difference$/);
    const cells = lines.slice(header + 2, lines.indexOf('', header));
    expect(cells).toHaveLength(3);
    for (const row of cells)
      expect(row).toMatch(/^prod\/\S*\s+2026-11-02 10:00\s+\S+\s+(history only|bill only)\s+[-+]\$[\d.]+$/);
  });
});
