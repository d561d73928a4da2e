// Issue 6: `fargate-cost explore`, keystroke to frame. The real app (dist/tui/App.js) is mounted with
// ink into a fake terminal (120 x 40) with the production render options and ink's frame caches kept
// across frames as run-explore keeps them (EXPLORE_BENCH_INK_CACHE=0: ink as it comes); each keystroke is timed
// from the moment it is written to stdin to the moment ink writes the new frame to stdout. Keys are
// spaced beyond one frame (17 ms) so ink's frame throttle never delays one: what is measured is the
// work (reducer, pricing with the CLI's estimate(), React, layout, output), against a 16 ms target.
// The History and Compare views are measured with a 100,000-task history loaded (the synthetic
// month the history benchmark reads), as explore loads it: every run kept, a profile per group.
// Compare runs off the input path (the header shows 'computing…' meanwhile): its keys are timed to
// the first frame without that marker, the one that shows compare's new figures, against 50 ms for
// the Spot-risk keys (i/I, w/W, t and the On-Demand base's +/-).
import {EventEmitter} from 'node:events';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Readable} from 'node:stream';
import {generate} from './history-data.mjs';
import {fmt, root} from './lib.mjs';

// As the binary runs it: explore-action sets NODE_ENV=production before React loads.
process.env.NODE_ENV ??= 'production';
const React = (await import('react')).default;
const {render} = await import('ink');
const {App} = await import(`${root}dist/tui/App.js`);
// As the binary runs it: run-explore keeps ink's frame caches across frames (EXPLORE_BENCH_INK_CACHE=0: not).
if (process.env.EXPLORE_BENCH_INK_CACHE !== '0') {
  const {keepInkCachesAcrossFrames} = await import(`${root}dist/tui/ink-frame-cache.js`);
  if (!(await keepInkCachesAcrossFrames())) throw new Error('ink frame caches not kept');
}
const {initialStateFor} = await import(`${root}dist/tui/state/estimate-select.js`);
const {loadCatalog} = await import(`${root}dist/sources/catalog-file.js`);
const {readTaskDefinitionFile} = await import(`${root}dist/sources/task-definition-file.js`);
const {loadHistory} = await import(`${root}dist/cli/read-history.js`);
const {historyCompareInput} = await import(`${root}dist/app/compare-input.js`);
const {handGivenSpec} = await import(`${root}dist/sizing/resolve.js`);

const TARGET_MS = 16;
const SPOT_RISK_TARGET_MS = 50;
/** The header's busy marker (src/tui/components/Header.tsx). */
const BUSY = 'computing…';
const KEYSTROKES = Number(process.env.EXPLORE_BENCH_KEYS ?? 300);

class FakeStdout extends EventEmitter {
  columns = 120;
  rows = 40;
  isTTY = true;
  onWrite = undefined;
  frames = 0;
  last = '';
  write(data) {
    this.frames++;
    this.last = data;
    this.onWrite?.(data);
    return true;
  }
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  data = null;
  write(data) {
    this.data = data;
    this.emit('readable');
  }
  read() {
    const data = this.data;
    this.data = null;
    return data;
  }
  setEncoding() {}
  setRawMode() {}
  ref() {}
  unref() {}
  resume() {}
  pause() {}
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/**
 * Mounts `element`, presses `prelude` (untimed; then waits for any work it started to end), then `keys`
 * in turn (cycling); returns keystroke-to-frame times in ms: to the first frame written, or with
 * `settled`, to the first frame without the busy marker (the one that shows the work's result).
 */
async function measure(element, keys, count, prelude = [], {settled = false} = {}) {
  const stdout = new FakeStdout();
  const stdin = new FakeStdin();
  const stderr = new FakeStdout();
  const instance = render(element, {stdout, stdin, stderr, exitOnCtrlC: false, patchConsole: false, maxFps: 60});
  while (stdin.listenerCount('readable') === 0) await sleep(1);
  await sleep(50);
  for (const key of prelude) {
    stdin.write(key);
    await sleep(300);
  }
  for (let waited = 0; stdout.last.includes(BUSY) && waited < 120_000; waited += 50) await sleep(50);
  const samples = [];
  let missed = 0;
  for (let i = 0; i < count; i++) {
    const key = keys[i % keys.length];
    const frame = new Promise((resolve) => {
      const timer = setTimeout(() => resolve(undefined), settled ? 5000 : 500);
      stdout.onWrite = (data) => {
        if (settled && data.includes(BUSY)) return;
        clearTimeout(timer);
        resolve(performance.now());
      };
    });
    const start = performance.now();
    stdin.write(key);
    const end = await frame;
    stdout.onWrite = undefined;
    if (end === undefined) missed++;
    else samples.push(end - start);
    await sleep(20);
  }
  instance.unmount();
  instance.cleanup();
  samples.sort((a, b) => a - b);
  return {
    median: percentile(samples, 50),
    p95: percentile(samples, 95),
    max: samples.at(-1),
    n: samples.length,
    missed,
  };
}

function report(name, r, target = TARGET_MS) {
  const verdict = r.p95 <= target ? 'within' : 'OVER';
  console.log(
    `${name.padEnd(44)} p50 ${fmt(r.median, 2).padStart(6)} ms  p95 ${fmt(r.p95, 2).padStart(6)} ms  max ${fmt(r.max, 2).padStart(6)} ms  (${r.n} keys${r.missed ? `, ${r.missed} drew nothing` : ''}; p95 ${verdict} the ${target} ms target)`,
  );
}

const env = {FARGATE_COST_CACHE_DIR: '/nonexistent/fargate-cost-bench'};
const catalog = await loadCatalog({env, now: new Date()});
const specs = await readTaskDefinitionFile(`${root}data/examples/web-service.json`);
const estimate = {
  specs,
  catalog,
  regionFlag: undefined,
  environmentRegion: undefined,
  now: new Date('2026-11-24T12:00:00Z'),
};
const app = React.createElement(App, {estimate, initialEstimate: initialStateFor(estimate), colors: true});

// Every key changes the frame and re-prices: vCPU up/down, next/previous region, arch, size steps, OS.
const estimateKeys = ['\u001B[C', '\u001B[D', 'r', 'R', 'a', 'a', ']', '[', 'o', 'o', '+', '-', 's', 'S'];
report('Estimate view (web-service.json, 120 x 40)', await measure(app, estimateKeys, KEYSTROKES));

// ---------------------------------------------------------------------------------------------
const HISTORY_TASKS = Number(process.env.EXPLORE_BENCH_TASKS ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'fargate-cost-explore-bench-'));
try {
  const path = join(dir, 'history.ndjson');
  await generate(path, HISTORY_TASKS);
  const now = new Date('2026-12-01T00:00:00Z');
  const started = performance.now();
  const result = await loadHistory(
    {paths: [path]},
    {catalog, now, asOfMs: now.getTime(), top: 0, componentProfiles: true, keepRuns: true},
    {stdin: Readable.from([])},
  );
  const compareInput = historyCompareInput(result);
  const loadMs = performance.now() - started;

  const largest = result.groups[0];
  console.log(
    `history: ${result.tasks.billed.toLocaleString('en-US')} tasks billed in ${result.groups.length} groups over ${result.profile.hours.length} hours, loaded as explore loads it in ${fmt(loadMs / 1000, 2)} s; largest group ${largest.key} (${largest.tasks.toLocaleString('en-US')} runs)`,
  );
  const spec = {...handGivenSpec({cpuUnits: 1024, memoryMiB: 2048}), name: largest.key};
  const setup = {specs: [spec], catalog, regionFlag: undefined, environmentRegion: undefined, now};
  const historyApp = () =>
    React.createElement(App, {
      estimate: setup,
      initialEstimate: initialStateFor(setup),
      history: {result, compareInput},
      colors: true,
    });
  const up = '\u001B[A';
  const down = '\u001B[B';
  const n = Math.max(30, Math.floor(KEYSTROKES / 3));
  report('History: groups, move and break down', await measure(historyApp(), [down, down, up, up, 'g', 'g', 'g'], n));
  report(
    `History: open and close the largest group`,
    await measure(historyApp(), ['\r', '\u001B'], Math.max(20, Math.floor(n / 3))),
  );
  report(
    "History: move in the largest group's runs",
    await measure(historyApp(), [down, down, '\u001B[6~', up, up, '\u001B[5~'], n, ['\r']),
  );
  report(
    'History: type a filter over its runs',
    await measure(historyApp(), ['a', '\u007F', '1', '\u007F'], n, ['\r', '/']),
  );
  report(
    'Compare (history): slider and plan',
    await measure(historyApp(), ['\u001B[C', '\u001B[C', '\u001B[D', '\u001B[D', down, up], n, ['\t'], {settled: true}),
  );
  // The Spot-risk keys re-run compare over the same usage (what it derived from the usage alone is kept).
  const spotKeys = Math.max(20, Math.floor(n / 3));
  for (const [label, keys] of [
    ['interruptions i I', ['i', 'I']],
    ['lost work w W', ['w', 'W']],
    ['Spot tolerance t', ['t']],
    ['On-Demand base f F', ['f', 'F']],
  ]) {
    report(
      `Compare (history): Spot risk, ${label}`,
      await measure(historyApp(), keys, spotKeys, ['\t'], {settled: true}),
      SPOT_RISK_TARGET_MS,
    );
  }
  if (globalThis.gc) {
    // What keeping every run costs: the heap before and after letting go of them (the views are unmounted).
    globalThis.gc();
    const withRuns = process.memoryUsage().heapUsed;
    result.runs.runs.length = 0;
    globalThis.gc();
    const without = process.memoryUsage().heapUsed;
    console.log(
      `kept runs: ${fmt((withRuns - without) / result.tasks.billed, 0)} bytes a run (${fmt((withRuns - without) / 1e6, 0)} MB for ${result.tasks.billed.toLocaleString('en-US')}; heap ${fmt(withRuns / 1e6, 0)} MB with them)`,
    );
  }
} finally {
  rmSync(dir, {recursive: true, force: true});
}
