// Issue 14: `rightsize` at scale. (1) 200 services x 30 days of one-minute task samples (8.64 million),
// generated in memory (no files), gathered and sized: time and peak memory. (2) Parsing a realistic
// NDJSON file of performance log events (AWS's documented event shape, every field), in memory.
// BENCH_RIGHTSIZE_SERVICES and BENCH_RIGHTSIZE_DAYS change (1); BENCH_RIGHTSIZE_EVENTS (2).
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {fmt, root} from './lib.mjs';

const {createUsageCollector} = await import(join(root, 'dist/analysis/rightsize.js'));
const {rightsize} = await import(join(root, 'dist/app/rightsize.js'));
const {parsePerformanceEvents} = await import(join(root, 'dist/sources/insights/events.js'));
const {loadCatalog} = await import(join(root, 'dist/sources/catalog-file.js'));

const services = Number(process.env.BENCH_RIGHTSIZE_SERVICES ?? 200);
const days = Number(process.env.BENCH_RIGHTSIZE_DAYS ?? 30);
const now = new Date('2026-12-01T00:00:00Z');
const catalog = await loadCatalog({catalogPath: 'embedded', env: {FARGATE_COST_CACHE_DIR: '/nonexistent'}, now});
const T0 = Date.UTC(2026, 10, 1);
const rssMB = () => process.resourceUsage().maxRSS / 1024;

const baseRss = rssMB();
const start = performance.now();
const collector = createUsageCollector();
let n = 0;
for (let s = 0; s < services; s++) {
  const service = `svc-${s}`;
  for (let m = 0; m < days * 1440; m++) {
    collector.add({
      region: 'us-east-1',
      cluster: 'prod',
      service,
      family: service,
      taskId: `${service}-task`,
      timestampMs: T0 + m * 60_000,
      cpuUtilized: 100 + ((m * 7 + s) % 400) / 3,
      cpuReserved: 2048,
      memoryUtilized: 1000 + ((m * 13 + s) % 1500),
      memoryReserved: 8192,
      tasks: 1,
    });
    n++;
  }
}
const gathered = performance.now();
const result = rightsize({groups: collector.finish(), catalog, now});
const done = performance.now();
console.log(
  `gather ${fmt(n / 1e6, 2)}M samples (${services} services x ${days} days of minutes)  ${fmt((gathered - start) / 1000, 2)} s  ${fmt(n / ((gathered - start) / 1000) / 1e6, 1)}M samples/s`,
);
console.log(
  `size and price ${result.recommendations.length} services                        ${fmt((done - gathered) / 1000, 2)} s  total ${fmt((done - start) / 1000, 2)} s  peak RSS ${fmt(rssMB(), 0)} MB (${fmt(rssMB() - baseRss, 0)} MB over the start)`,
);

// (2) A realistic file: AWS's documented event, every field, one line a task-minute.
const example = JSON.parse(
  readFileSync(
    join(root, 'test/fixtures/aws-samples/insights/performance-event__type-task__docs-example.json'),
    'utf8',
  ),
);
const events = Number(process.env.BENCH_RIGHTSIZE_EVENTS ?? 100_000);
const lines = [];
for (let i = 0; i < events; i++) {
  lines.push(
    JSON.stringify({
      ...example,
      TaskId: `task-${i % 20}`,
      ServiceName: `svc-${i % 20}`,
      LaunchType: 'FARGATE',
      Timestamp: T0 + Math.floor(i / 20) * 60_000,
      CpuUtilized: (i % 997) / 3,
      CpuReserved: 1024,
      MemoryUtilized: 500 + (i % 1000),
      MemoryReserved: 2048,
    }),
  );
}
const text = `${lines.join('\n')}\n`;
const parseCollector = createUsageCollector();
const parseStart = performance.now();
const parsed = parsePerformanceEvents(text, 'bench.ndjson', (sample) => parseCollector.add(sample));
const parseSeconds = (performance.now() - parseStart) / 1000;
const bare = performance.now();
for (const line of lines) JSON.parse(line);
const bareSeconds = (performance.now() - bare) / 1000;
console.log(
  `parse ${fmt(parsed.events / 1000, 0)}k events (${fmt(text.length / 1e6, 0)} MB NDJSON)       ${fmt(parseSeconds, 2)} s  ${fmt(parsed.events / parseSeconds / 1000, 0)}k events/s  = ${fmt(parseSeconds / bareSeconds, 2)} x a bare JSON.parse loop`,
);
