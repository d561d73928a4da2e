// Writes test/fixtures/insights/: Container Insights performance log events (Type "Task") built from the
// event AWS documents (every field of its example kept; the sizes, names, times and use changed), with use
// laid out so each service's percentiles can be worked by hand (test/fixtures/insights/README.md).
// Run through `npm run fixtures:insights`. Deterministic: no clock, no randomness.
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {gzipSync} from 'node:zlib';

const root = join(import.meta.dirname, '..');
const out = join(root, 'test', 'fixtures', 'insights');
const example = JSON.parse(
  readFileSync(join(root, 'test', 'fixtures', 'aws-samples', 'insights', 'performance-event__type-task__docs-example.json'), 'utf8'),
);

const START = Date.UTC(2026, 10, 1); // 2026-11-01T00:00:00Z
const MINUTE = 60_000;
/** Each use pattern is 160 values long; 8 days of minutes (11,520) is 72 whole cycles, 2 days (2,880) 18. */
const CYCLE = 160;

function event({service, family, task, minute, cpu, cpuReserved, memory, memoryReserved}) {
  const ts = START + minute * MINUTE;
  return {
    ...example,
    TaskId: task,
    TaskDefinitionFamily: family,
    TaskDefinitionRevision: '7',
    ClusterName: 'prod',
    ...(service ? {ServiceName: service} : {}),
    AccountID: '123456789012',
    Region: 'us-east-1',
    AvailabilityZone: 'us-east-1a',
    LaunchType: 'FARGATE',
    PullStartedAt: START - 120_000,
    PullStoppedAt: START - 100_000,
    CreatedAt: START - 130_000,
    StartedAt: START - 90_000,
    Timestamp: ts,
    CpuUtilized: cpu,
    CpuReserved: cpuReserved,
    MemoryUtilized: memory,
    MemoryReserved: memoryReserved,
  };
}

const lines = [];
// web: 2 tasks, 2 vCPU / 8 GB, 8 days. CPU 120 + 0.5k, memory 2000 + 2k MiB (k = minute mod 160).
for (const task of ['0a1b2c3d4e5f40718293a4b5c6d7e8f9', '1a1b2c3d4e5f40718293a4b5c6d7e8f9']) {
  for (let minute = 0; minute < 8 * 1440; minute++) {
    const k = minute % CYCLE;
    lines.push(event({service: 'web', family: 'web', task, minute, cpu: 120 + 0.5 * k, cpuReserved: 2048, memory: 2000 + 2 * k, memoryReserved: 8192}));
  }
}
// api: 1 task, 1 vCPU / 2 GB, 8 days. CPU 50 + 0.25k, memory 600 + 2k MiB, and once (minute 5000) 1945.6 MiB: 95% of 2 GB.
for (let minute = 0; minute < 8 * 1440; minute++) {
  const k = minute % CYCLE;
  const memory = minute === 5000 ? 1945.6 : 600 + 2 * k;
  lines.push(event({service: 'api', family: 'api', task: '2a1b2c3d4e5f40718293a4b5c6d7e8f9', minute, cpu: 50 + 0.25 * k, cpuReserved: 1024, memory, memoryReserved: 2048}));
}
// nightly: a task family with no service, 4 vCPU / 8 GB, only 2 days. CPU 200 + k, memory 1000 + 3k MiB.
for (let minute = 0; minute < 2 * 1440; minute++) {
  const k = minute % CYCLE;
  lines.push(event({family: 'nightly', task: '3a1b2c3d4e5f40718293a4b5c6d7e8f9', minute, cpu: 200 + k, cpuReserved: 4096, memory: 1000 + 3 * k, memoryReserved: 8192}));
}
// AWS's example as it is (LaunchType EC2): skipped and counted. And a Type "Service" event: skipped too.
lines.push(example);
lines.push({Version: '0', Type: 'Service', ServiceName: 'web', ClusterName: 'prod', Timestamp: START, CpuUtilized: 300, CpuReserved: 4096});

mkdirSync(out, {recursive: true});
const ndjson = `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`;
writeFileSync(join(out, 'events.ndjson.gz'), gzipSync(ndjson, {level: 9}));

// The thin family's first hour as `aws logs filter-log-events` output (messages are JSON strings).
const nightly = lines.filter((line) => line.TaskDefinitionFamily === 'nightly').slice(0, 60);
const filterLogEvents = {
  events: nightly.map((line, i) => ({
    logStreamName: 'FargateTelemetry-5521',
    timestamp: line.Timestamp,
    message: JSON.stringify(line),
    ingestionTime: line.Timestamp + 4000,
    eventId: `3739091960000000000000000000000000000000000000${String(i).padStart(10, '0')}`,
  })),
  searchedLogStreams: [],
};
writeFileSync(join(out, 'filter-log-events.json'), `${JSON.stringify(filterLogEvents, null, 2)}\n`);
// CloudWatch metrics of the service web (2 tasks; ServiceName metrics sum over the tasks), 8 days at 5-minute
// Average points, as aws cloudwatch get-metric-data writes them, and the --metric-data-queries JSON that asked.
const PERIOD = 300;
const dimensions = [
  {Name: 'ClusterName', Value: 'prod'},
  {Name: 'ServiceName', Value: 'web'},
];
const metrics = ['CpuUtilized', 'CpuReserved', 'MemoryUtilized', 'MemoryReserved', 'RunningTaskCount'];
const query = metrics.map((name, i) => ({
  Id: `m${i}`,
  MetricStat: {Metric: {Namespace: 'ECS/ContainerInsights', MetricName: name, Dimensions: dimensions}, Period: PERIOD, Stat: 'Average'},
  ReturnData: true,
}));
const points = (8 * 86_400) / PERIOD; // 2,304 = 24 cycles of 96
const timestamps = Array.from({length: points}, (_, i) => new Date(START + i * PERIOD * 1000).toISOString().replace('.000Z', '+00:00'));
// Newest first, as CloudWatch returns them by default (ScanBy TimestampDescending).
const value = {
  CpuUtilized: (i) => 2 * (120 + (i % 96)),
  CpuReserved: () => 4096,
  MemoryUtilized: (i) => 2 * (2000 + 5 * (i % 96)),
  MemoryReserved: () => 16384,
  RunningTaskCount: () => 2,
};
const output = {
  MetricDataResults: metrics.map((name, i) => ({
    Id: `m${i}`,
    Label: name,
    Timestamps: [...timestamps].reverse(),
    Values: timestamps.map((_, j) => value[name](j)).reverse(),
    StatusCode: 'Complete',
  })),
  Messages: [],
};
writeFileSync(join(out, 'metrics-query.json'), `${JSON.stringify(query, null, 2)}\n`);
writeFileSync(join(out, 'metrics-output.json'), `${JSON.stringify(output)}\n`);
console.log(`wrote ${lines.length} events to test/fixtures/insights/events.ndjson.gz and 60 to filter-log-events.json`);
