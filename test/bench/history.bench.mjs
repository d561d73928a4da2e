// Issue 3: `history` over a one-million-task NDJSON history of EventBridge "ECS Task State Change"
// events: tasks per second, the ratio to a bare JSON.parse loop over the same file, and peak memory
// (for 100,000 and 1,000,000 tasks, to show memory does not grow with the number of tasks).
// Each measurement runs in its own process; the files are written to the OS temp directory and removed.
import {spawnSync} from 'node:child_process';
import {createReadStream, createWriteStream, mkdtempSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import v8 from 'node:v8';
import {fmt, root} from './lib.mjs';

const self = fileURLToPath(import.meta.url);
const [mode, file, tasks] = process.argv.slice(2);

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'fargate-cost-history-bench-'));
  try {
    for (const count of [100_000, 1_000_000]) {
      const path = join(dir, `history-${count}.ndjson`);
      const started = process.hrtime.bigint();
      const lines = await generate(path, count);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const bytes = statSync(path).size;
      console.log(`${count.toLocaleString('en-US')} tasks: ${lines.toLocaleString('en-US')} events, ${fmt(bytes / 1e6, 0)} MB (generated in ${fmt(seconds, 1)} s)`);
      const parse = run('parse', path, count);
      const history = run('history', path, count);
      console.log(`  bare JSON.parse loop   ${fmt(parse.seconds, 2)} s  ${fmt(lines / parse.seconds / 1000, 0)}k lines/s  peak RSS ${fmt(parse.maxRssMB, 0)} MB  peak heap ${fmt(parse.peakHeapMB, 0)} MB`);
      console.log(
        `  history                ${fmt(history.seconds, 2)} s  ${fmt(count / history.seconds / 1000, 0)}k tasks/s  peak RSS ${fmt(history.maxRssMB, 0)} MB  peak heap ${fmt(history.peakHeapMB, 0)} MB  = ${fmt(history.seconds / parse.seconds, 2)} x the JSON.parse loop`,
      );
      console.log(`  billed ${history.billed.toLocaleString('en-US')} tasks, ${history.duplicates.toLocaleString('en-US')} duplicates, $${history.cost}; fingerprints ${fmt(history.fingerprintBytes / 1e6, 1)} MB`);
    }
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}

function run(workerMode, path, count) {
  const result = spawnSync(process.execPath, ['--expose-gc', self, workerMode, path, String(count)], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit']});
  if (result.status !== 0) throw new Error(`${workerMode} worker exited ${result.status}`);
  return JSON.parse(result.stdout);
}

/** Samples the heap while a stream is read (the event loop turns between chunks). */
function heapSampler() {
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, v8.getHeapStatistics().used_heap_size);
  };
  const timer = setInterval(sample, 20);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak / 1e6;
    },
  };
}

async function worker(workerMode, path, count) {
  globalThis.gc?.();
  const sampler = heapSampler();
  const started = process.hrtime.bigint();
  let out;
  if (workerMode === 'parse') {
    let lines = 0;
    let carry = '';
    for await (const chunk of createReadStream(path, {highWaterMark: 1 << 20})) {
      let start = 0;
      let newline = chunk.indexOf(10);
      while (newline !== -1) {
        const text = carry + chunk.toString('utf8', start, newline);
        carry = '';
        if (text.length > 0) {
          JSON.parse(text);
          lines++;
        }
        start = newline + 1;
        newline = chunk.indexOf(10, start);
      }
      carry += chunk.toString('utf8', start);
    }
    out = {lines};
  } else {
    const {loadHistory} = await import(`${root}dist/sources/history/load.js`);
    const {loadCatalog} = await import(`${root}dist/sources/catalog-file.js`);
    const {renderHistory} = await import(`${root}dist/report/history.js`);
    const catalog = await loadCatalog({env: {FARGATE_COST_CACHE_DIR: '/nonexistent/fargate-cost-bench'}});
    const asOfMs = Date.parse('2026-12-01T00:00:00Z');
    const result = await loadHistory({paths: [path]}, {catalog, now: new Date(asOfMs), asOfMs, top: 10}, {stdin: process.stdin});
    renderHistory(result, 'table');
    if (result.tasks.billed !== count) throw new Error(`billed ${result.tasks.billed} of ${count} tasks`);
    out = {billed: result.tasks.billed, duplicates: result.records.duplicates, cost: result.billed.cost.toFixed(2), fingerprintBytes: fingerprintBytes(count)};
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peakHeapMB = sampler.stop();
  process.stdout.write(JSON.stringify({...out, seconds, peakHeapMB, maxRssMB: process.resourceUsage().maxRSS / 1024}));
}

/** The fingerprint table's size for `count` tasks (slots double while more than half full; 8 bytes a slot). */
function fingerprintBytes(count) {
  let slots = 1 << 12;
  while (count * 2 > slots) slots *= 2;
  return slots * 8;
}

// ---------------------------------------------------------------------------------------------
// A month of a cluster: 40 services and 20 batch families, assorted sizes, 15% on Fargate Spot
// (some interrupted), some arm64, some Windows, some with extra storage; every task has a STOPPED
// event, 3% also an earlier RUNNING one, 0.5% a duplicate STOPPED one (events are delivered at
// least once). Deterministic: the same file every run.

const SIZES = [
  [256, 512],
  [512, 1024],
  [1024, 2048],
  [2048, 4096],
  [4096, 8192],
];

function lcg(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const iso = (ms) => new Date(ms).toISOString();

function eventLine(i, rnd, status) {
  const service = i % 3 !== 0;
  const groupName = service ? `svc-${i % 40}` : `batch-${i % 20}`;
  const group = service ? `service:${groupName}` : `family:${groupName}`;
  const [cpu, memory] = SIZES[(i >>> 3) % SIZES.length];
  const windows = i % 97 === 0 && cpu >= 1024;
  const spot = !windows && i % 7 === 0;
  const arch = !windows && i % 5 === 0 ? 'arm64' : 'x86_64';
  const storage = i % 11 === 0 ? 50 : 20;
  const id = (i * 2654435761 >>> 0).toString(16).padStart(8, '0') + i.toString(16).padStart(24, '0');
  const taskArn = `arn:aws:ecs:us-east-1:123456789012:task/prod/${id}`;
  const start = Date.parse('2026-11-01T00:00:00Z') + Math.floor((i / 1_000_000) * 29 * 86_400_000);
  const created = start - 9000 - Math.floor(rnd() * 4000);
  const pulled = start + Math.floor(rnd() * 900);
  const pullStopped = pulled + 3000 + Math.floor(rnd() * 30_000);
  const started = pullStopped + 1500;
  const length = service ? 1_800_000 + Math.floor(rnd() * 36_000_000) : 20_000 + Math.floor(rnd() * 1_200_000);
  const stopped = started + length;
  const stopCode = spot && i % 61 === 0 ? 'SpotInterruption' : service ? 'ServiceSchedulerInitiated' : 'EssentialContainerExited';
  const stoppedFields =
    status === 'STOPPED'
      ? `"stoppingAt":"${iso(stopped - 25_000)}","executionStoppedAt":"${iso(stopped - 12_000)}","stoppedAt":"${iso(stopped)}","stoppedReason":"Essential container in task exited","stopCode":"${stopCode}",`
      : '';
  const time = iso(status === 'STOPPED' ? stopped : started);
  return (
    `{"version":"0","id":"${id.slice(0, 8)}-14de-560e-a4ac-${id.slice(20)}","detail-type":"ECS Task State Change","source":"aws.ecs","account":"123456789012","time":"${time}","region":"us-east-1","resources":["${taskArn}"],` +
    `"detail":{"attachments":[{"id":"5ff58204-1180-48ab-a62e-${id.slice(0, 12)}","type":"eni","status":"${status === 'STOPPED' ? 'DELETED' : 'ATTACHED'}","details":[{"name":"subnetId","value":"subnet-04ba0f3d6e8907049"},{"name":"networkInterfaceId","value":"eni-0${id.slice(0, 16)}"},{"name":"macAddress","value":"0a:93:85:a9:79:97"},{"name":"privateIPv4Address","value":"10.0.${i % 250}.${i % 200}"}]}],` +
    `"attributes":[{"name":"ecs.cpu-architecture","value":"${arch}"}],"availabilityZone":"us-east-1b",${spot ? '"capacityProviderName":"FARGATE_SPOT",' : '"capacityProviderName":"FARGATE",'}"clusterArn":"arn:aws:ecs:us-east-1:123456789012:cluster/prod",` +
    `"containers":[{"containerArn":"arn:aws:ecs:us-east-1:123456789012:container/prod/${id}/75d926f3-c850-4722-a143-639f02ff4756",${status === 'STOPPED' ? '"exitCode":0,' : ''}"lastStatus":"${status}","name":"main","image":"123456789012.dkr.ecr.us-east-1.amazonaws.com/${groupName}:latest","imageDigest":"sha256:080467614c0d7d5a5b092023b762931095308ae1dec8e54481fbd951f9784391","runtimeId":"${id}-3935363592","taskArn":"${taskArn}","networkInterfaces":[{"attachmentId":"5ff58204-1180-48ab-a62e-0a65a17cc4ef","privateIpv4Address":"10.0.3.61"}],"cpu":"0"}],` +
    `"createdAt":"${iso(created)}","launchType":"FARGATE","cpu":"${cpu}","memory":"${memory}","desiredStatus":"${status === 'STOPPED' ? 'STOPPED' : 'RUNNING'}","group":"${group}","lastStatus":"${status}",` +
    `"overrides":{"containerOverrides":[{"environment":[],"name":"main"}]},"connectivity":"CONNECTED","connectivityAt":"${iso(created + 5000)}","pullStartedAt":"${iso(pulled)}","startedAt":"${iso(started)}",${stoppedFields}"pullStoppedAt":"${iso(pullStopped)}",` +
    `"ephemeralStorage":{"sizeInGiB":${storage}},"platformFamily":"${windows ? 'Windows-Server-2019-Core' : 'Linux'}","platformVersion":"${windows ? '1.0.0' : '1.4.0'}","updatedAt":"${time}","taskArn":"${taskArn}","taskDefinitionArn":"arn:aws:ecs:us-east-1:123456789012:task-definition/${groupName}:${1 + (i % 4)}","version":${status === 'STOPPED' ? 5 : 3}}}\n`
  );
}

async function generate(path, count) {
  const out = createWriteStream(path);
  let lines = 0;
  let buffer = '';
  const flush = async () => {
    if (!out.write(buffer)) await new Promise((resolve) => out.once('drain', resolve));
    buffer = '';
  };
  for (let i = 0; i < count; i++) {
    // Each task's events are drawn from its own seed, so RUNNING and STOPPED agree.
    const seed = i * 2654435761;
    if (i % 33 === 0) {
      buffer += eventLine(i, lcg(seed), 'RUNNING');
      lines++;
    }
    buffer += eventLine(i, lcg(seed), 'STOPPED');
    lines++;
    if (i % 200 === 0) {
      buffer += eventLine(i, lcg(seed), 'STOPPED');
      lines++;
    }
    if (buffer.length > 1 << 20) await flush();
  }
  await flush();
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
  return lines;
}

// Last, so every constant above is initialized.
if (mode === 'parse' || mode === 'history') {
  await worker(mode, file, Number(tasks));
} else {
  await main();
}
