// `history` over NDJSON histories of EventBridge "ECS Task State Change" events: tasks per second, the
// ratio to a bare JSON.parse loop over the same file, and peak memory (200,000 and 1,000,000 tasks,
// to show memory does not grow with the number of tasks), on one core and on two (FARGATE_COST_WORKERS).
// Each measurement runs in its own process; the files are written to the OS temp directory and removed.
import {spawnSync} from 'node:child_process';
import {createReadStream, mkdtempSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import v8 from 'node:v8';
import {generate} from './history-data.mjs';
import {fmt, root} from './lib.mjs';

const self = fileURLToPath(import.meta.url);
const [mode, file, tasks] = process.argv.slice(2);

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'fargate-cost-history-bench-'));
  try {
    for (const count of (process.env.BENCH_HISTORY_TASKS ?? '200000,1000000').split(',').map(Number)) {
      const path = join(dir, `history-${count}.ndjson`);
      const started = process.hrtime.bigint();
      const lines = await generate(path, count);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const bytes = statSync(path).size;
      console.log(
        `${count.toLocaleString('en-US')} tasks: ${lines.toLocaleString('en-US')} events, ${fmt(bytes / 1e6, 0)} MB (generated in ${fmt(seconds, 1)} s)`,
      );
      const parse = run('parse', path, count);
      const history = run('history', path, count);
      const parallel = run('history-2', path, count);
      console.log(
        `  bare JSON.parse loop   ${fmt(parse.seconds, 2)} s  ${fmt(lines / parse.seconds / 1000, 0)}k lines/s  peak RSS ${fmt(parse.maxRssMB, 0)} MB  peak heap ${fmt(parse.peakHeapMB, 0)} MB  CPU ${fmt(parse.cpuSeconds, 2)} s`,
      );
      console.log(
        `  history                ${fmt(history.seconds, 2)} s  ${fmt(count / history.seconds / 1000, 0)}k tasks/s  peak RSS ${fmt(history.maxRssMB, 0)} MB  peak heap ${fmt(history.peakHeapMB, 0)} MB  CPU ${fmt(history.cpuSeconds, 2)} s  = ${fmt(history.seconds / parse.seconds, 2)} x the JSON.parse loop`,
      );
      console.log(
        `  history, 2 cores       ${fmt(parallel.seconds, 2)} s  ${fmt(count / parallel.seconds / 1000, 0)}k tasks/s  peak RSS ${fmt(parallel.maxRssMB, 0)} MB  CPU ${fmt(parallel.cpuSeconds, 2)} s  = ${fmt(parallel.seconds / parse.seconds, 2)} x the JSON.parse loop`,
      );
      if (parallel.cost !== history.cost) throw new Error(`two cores billed $${parallel.cost}, one $${history.cost}`);
      console.log(
        `  billed ${history.billed.toLocaleString('en-US')} tasks, ${history.duplicates.toLocaleString('en-US')} duplicates, $${history.cost}; fingerprints ${fmt(history.fingerprintBytes / 1e6, 1)} MB`,
      );
    }
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}

function run(workerMode, path, count) {
  const result = spawnSync(process.execPath, ['--expose-gc', self, workerMode, path, String(count)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
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
  const cpuStart = process.cpuUsage();
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
    const {loadHistory} = await import(`${root}dist/cli/read-history.js`);
    const {loadCatalog} = await import(`${root}dist/sources/catalog-file.js`);
    const {renderHistory} = await import(`${root}dist/report/history.js`);
    const catalog = await loadCatalog({
      env: {FARGATE_COST_CACHE_DIR: '/nonexistent/fargate-cost-bench'},
      now: new Date(),
    });
    const asOfMs = Date.parse('2026-12-01T00:00:00Z');
    const result = await loadHistory(
      {paths: [path]},
      {catalog, now: new Date(asOfMs), asOfMs, top: 10},
      {stdin: process.stdin, env: {FARGATE_COST_WORKERS: workerMode === 'history-2' ? '2' : '1'}},
    );
    renderHistory(result, 'table');
    if (result.tasks.billed !== count) throw new Error(`billed ${result.tasks.billed} of ${count} tasks`);
    out = {
      billed: result.tasks.billed,
      duplicates: result.records.duplicates,
      cost: result.billed.cost.toFixed(2),
      fingerprintBytes: fingerprintBytes(count),
    };
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peakHeapMB = sampler.stop();
  // CPU time of the whole process, worker threads included: steadier than wall time on a busy machine.
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  process.stdout.write(
    JSON.stringify({...out, seconds, cpuSeconds, peakHeapMB, maxRssMB: process.resourceUsage().maxRSS / 1024}),
  );
}

/** The fingerprint table's size for `count` tasks (slots double while more than half full; 8 bytes a slot). */
function fingerprintBytes(count) {
  let slots = 1 << 12;
  while (count * 2 > slots) slots *= 2;
  return slots * 8;
}

// Last, so every constant above is initialized.
if (mode === 'parse' || mode === 'history' || mode === 'history-2') {
  await worker(mode, file, Number(tasks));
} else {
  await main();
}
