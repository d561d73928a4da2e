import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {scaledAmount, scaledText} from '../../../src/billing/bill.js';
import {PARQUET_BATCH} from '../../../src/sources/bill/parquet.js';
import {readBillFiles} from '../../../src/sources/bill/read.js';
import {writeParquet} from './export-files.js';

const tmp = mkdtempSync(join(tmpdir(), 'fargate-cost-bill-memory-'));
afterAll(() => rmSync(tmp, {recursive: true, force: true}));

const ROWS = 200_000;
const GROUP = 50_000;

describe('reading a large Parquet export', () => {
  const path = join(tmp, 'large.parquet');
  const amounts = [0.25, 0.5, 0.75, 1];
  writeParquet(
    path,
    [
      {name: 'line_item_resource_id', kind: 'string', data: Array.from({length: ROWS}, (_, i) => `task-${i % 500}`)},
      {name: 'line_item_usage_type', kind: 'string', data: new Array(ROWS).fill('USE1-Fargate-GB-Hours')},
      {
        name: 'line_item_usage_start_date',
        kind: 'timestamp',
        data: Array.from({length: ROWS}, (_, i) => new Date(Date.UTC(2026, 10, 1) + (i % 720) * 3_600_000)),
      },
      {name: 'line_item_usage_amount', kind: 'double', data: Array.from({length: ROWS}, (_, i) => amounts[i % 4]!)},
      {name: 'line_item_unblended_cost', kind: 'double', data: new Array(ROWS).fill(0.001)},
      // A column the bill does not read: never asked for.
      {name: 'product', kind: 'map', data: new Array(ROWS).fill({product_name: 'Amazon ECS'})},
    ],
    {rowGroupSize: GROUP},
  );

  it('decodes one row group at a time, and hands it all on before decoding the next', async () => {
    const events: ({group: number} | {batch: number})[] = [];
    const source = readBillFiles([path], {onRowGroup: (rows) => events.push({group: rows})});
    let usage = 0n;
    let lines = 0;
    for await (const batch of source) {
      events.push({batch: batch.length});
      lines += batch.length;
      for (const line of batch) usage += scaledAmount(line.usageAmount)!;
    }
    // Each decode held one row group's rows, and the batches between two decodes are that group's.
    const held: number[] = [];
    let handedOn = 0;
    for (const event of events) {
      if ('group' in event) {
        if (held.length > 0) expect(handedOn).toBe(held.at(-1));
        held.push(event.group);
        handedOn = 0;
      } else {
        expect(event.batch).toBeLessThanOrEqual(PARQUET_BATCH);
        handedOn += event.batch;
      }
    }
    expect(handedOn).toBe(GROUP);
    expect(held).toEqual([GROUP, GROUP, GROUP, GROUP]);
    expect(lines).toBe(ROWS);
    // 50,000 rounds of 0.25 + 0.5 + 0.75 + 1 = 2.5: nothing lost or read twice.
    expect(scaledText(usage)).toBe('125000');
    expect(source.sources()).toEqual([{path, format: 'cur2', files: 1, lines: ROWS, billingPeriods: []}]);
  });

  it('decodes nothing ahead of what is asked for', async () => {
    let decoded = 0;
    const iterator = readBillFiles([path], {onRowGroup: () => decoded++})[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.done).toBe(false);
    expect(decoded).toBe(1);
    await iterator.return?.();
    expect(decoded).toBe(1);
  });
});
