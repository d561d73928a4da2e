import {readFileSync} from 'node:fs';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {isUserError} from '../../../src/errors.js';
import {parsePerformanceEvents, parsePerformanceMessages} from '../../../src/sources/insights/events.js';
import {type Mutation, mutate, mutation} from '../../helpers/mutate.js';

const DOC = JSON.parse(
  readFileSync('test/fixtures/aws-samples/insights/performance-event__type-task__docs-example.json', 'utf8'),
) as Record<string, unknown>;
/** AWS's documented event, on Fargate. */
const fargate = (extra: Record<string, unknown> = {}) => ({
  ...DOC,
  LaunchType: 'FARGATE',
  CpuReserved: 256,
  MemoryReserved: 512,
  CpuUtilized: 12.5,
  MemoryUtilized: 100,
  ...extra,
});
const ndjson = (events: readonly unknown[]) => `${events.map((e) => JSON.stringify(e)).join('\n')}\n`;

describe('parsePerformanceEvents', () => {
  it("reads AWS's documented Task event: every field where a sample needs it (and skips it: it is EC2)", () => {
    const doc = parsePerformanceEvents(JSON.stringify(DOC), 'doc.json');
    expect(doc.samples).toEqual([]);
    expect(doc.skipped).toEqual({'other-type': 0, 'not-fargate': 1, 'not-fargate-size': 0});
    const [sample] = parsePerformanceEvents(JSON.stringify(fargate()), 'doc.json').samples;
    expect(sample).toEqual({
      region: 'us-west-2',
      cluster: 'MyCluster',
      service: null,
      family: 'sleep360',
      taskId: '7ac4dfba69214411b4783a3b8189c9ba',
      timestampMs: 1623963900000,
      cpuUtilized: 12.5,
      cpuReserved: 256,
      memoryUtilized: 100,
      memoryReserved: 512,
      tasks: 1,
    });
  });

  const events = [fargate(), fargate({ServiceName: 'web', Timestamp: 1623963960000}), {...DOC, Type: 'Container'}];
  const expected = (parsed: ReturnType<typeof parsePerformanceEvents>) => {
    expect(parsed.samples.map((s) => [s.service, s.timestampMs])).toEqual([
      [null, 1623963900000],
      ['web', 1623963960000],
    ]);
    expect(parsed.skipped).toEqual({'other-type': 1, 'not-fargate': 0, 'not-fargate-size': 0});
  };

  it('reads NDJSON (CRLF, blank lines and a byte-order mark too)', () => {
    expected(parsePerformanceEvents(ndjson(events), 'e.ndjson'));
    expected(parsePerformanceEvents(`\ufeff${ndjson(events).replace(/\n/g, '\r\n\r\n')}`, 'e.ndjson'));
  });
  it('reads a JSON array', () => {
    expected(parsePerformanceEvents(JSON.stringify(events, null, 2), 'e.json'));
  });
  it('reads aws logs filter-log-events output, messages as JSON strings, the log timestamp standing in', () => {
    const withoutTimestamp = {...fargate()} as Record<string, unknown>;
    delete withoutTimestamp.Timestamp;
    const output = {
      events: [
        {logStreamName: 's', timestamp: 1623963900000, message: JSON.stringify(withoutTimestamp), eventId: '1'},
        {logStreamName: 's', timestamp: 1, message: JSON.stringify(events[1]), eventId: '2'},
        {logStreamName: 's', timestamp: 1, message: JSON.stringify(events[2]), eventId: '3'},
      ],
      searchedLogStreams: [],
    };
    expected(parsePerformanceEvents(JSON.stringify(output), 'f.json'));
  });
  it('reads the fixture filter-log-events file', () => {
    const parsed = parsePerformanceEvents(
      readFileSync('test/fixtures/insights/filter-log-events.json', 'utf8'),
      'filter-log-events.json',
    );
    expect(parsed.samples.length).toBe(60);
    expect(parsed.samples[0]).toMatchObject({family: 'nightly', service: null, cpuReserved: 4096});
  });
  it('reads message strings as the live reader hands them over', () => {
    expected(
      parsePerformanceMessages(
        events.map((e) => JSON.stringify(e)),
        'logs',
      ),
    );
  });
  it('an empty input has no samples', () => {
    expect(parsePerformanceEvents('  \n', 'e').samples).toEqual([]);
  });
  it('names the line of a bad event, in one line, escaping what it quotes', () => {
    const text = ndjson([fargate(), fargate({CpuUtilized: '\u001b[31mlots'})]);
    expect(() => parsePerformanceEvents(text, 'e.ndjson')).toThrow(
      'e.ndjson line 2: CpuUtilized "\\x1b[31mlots" is not a number, 0 or more',
    );
    expect(() => parsePerformanceEvents(`${ndjson([fargate()])}{"Type":`, 'e.ndjson')).toThrow(
      /^e\.ndjson line 2: \{"Type": is not a JSON performance log event$/,
    );
    expect(() => parsePerformanceEvents(ndjson([fargate({CpuReserved: 0})]), 'e')).toThrow(/not a number above 0/);
    expect(() => parsePerformanceEvents(ndjson([fargate({ClusterName: undefined})]), 'e')).toThrow(
      'e line 1: the Task event has no ClusterName',
    );
    expect(() => parsePerformanceEvents('hello', 'e')).toThrow(/is not JSON/);
  });
  it('says a missing figure is missing, not "missing is not a number"', () => {
    expect(() => parsePerformanceEvents(ndjson([fargate({CpuUtilized: undefined})]), 'e')).toThrow(
      /^e line 1: the Task event has no CpuUtilized$/,
    );
    expect(() => parsePerformanceEvents(ndjson([fargate({MemoryReserved: null})]), 'e')).toThrow(
      /^e line 1: the Task event has no MemoryReserved$/,
    );
  });
  it('skips and counts a Task event reserving a size Fargate does not offer (not a Fargate task, or corrupt)', () => {
    const parsed = parsePerformanceEvents(
      ndjson([
        fargate({CpuReserved: 3000, MemoryReserved: 8192}),
        fargate({CpuReserved: 256, MemoryReserved: 4096}),
        fargate({CpuReserved: 1024, MemoryReserved: 2048.5}),
        fargate({CpuReserved: 16384, MemoryReserved: 122880}),
      ]),
      'e',
    );
    expect(parsed.samples.map((x) => [x.cpuReserved, x.memoryReserved])).toEqual([[16384, 122880]]);
    expect(parsed.skipped).toEqual({'other-type': 0, 'not-fargate': 0, 'not-fargate-size': 3});
  });
  it('keeps hostile names exact (the report makes them inert)', () => {
    const name = 'web\u001b]0;owned\u0007|=cmd\n# x';
    const [sample] = parsePerformanceEvents(ndjson([fargate({ServiceName: name})]), 'e').samples;
    expect(sample!.service).toBe(name);
  });

  it('never fails but with a UserError, whatever is done to the input (fast-check)', () => {
    const seed = Buffer.from(ndjson([fargate(), fargate({ServiceName: 'web'}), {...DOC, Type: 'Service'}]));
    const filterOutput = Buffer.from(
      JSON.stringify({events: [{timestamp: 1, message: JSON.stringify(fargate())}]}, null, 2),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(seed, filterOutput),
        fc.array(mutation, {minLength: 1, maxLength: 4}),
        (input: Buffer, mutations: Mutation[]) => {
          const text = mutate(input, mutations).toString('utf8');
          try {
            const parsed = parsePerformanceEvents(text, 'fuzz.ndjson');
            for (const s of parsed.samples) {
              expect(Number.isFinite(s.cpuUtilized) && s.cpuReserved >= 256 && s.memoryReserved >= 512).toBe(true);
              expect(typeof s.cluster).toBe('string');
            }
          } catch (error) {
            if (!isUserError(error)) throw error;
            expect(error.message).not.toMatch(/\n/);
          }
        },
      ),
      {numRuns: 300},
    );
  });
});
