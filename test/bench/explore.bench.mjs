// Issue 6: `fargate-cost explore`, keystroke to frame. The real app (dist/tui/App.js) is mounted with
// ink into a fake terminal (120 x 40) with the production render options; each keystroke is timed
// from the moment it is written to stdin to the moment ink writes the new frame to stdout. Keys are
// spaced beyond one frame (17 ms) so ink's frame throttle never delays one: what is measured is the
// work (reducer, pricing with the CLI's estimate(), React, layout, output), against a 16 ms target.
import {EventEmitter} from 'node:events';
import {fmt, root} from './lib.mjs';

// As the binary runs it: explore-action sets NODE_ENV=production before React loads.
process.env.NODE_ENV ??= 'production';
const React = (await import('react')).default;
const {render} = await import('ink');
const {App} = await import(`${root}dist/tui/App.js`);
const {initialStateFor} = await import(`${root}dist/tui/state/estimate-select.js`);
const {loadCatalog} = await import(`${root}dist/sources/catalog-file.js`);
const {readTaskDefinitionFile} = await import(`${root}dist/sources/task-definition-file.js`);

const TARGET_MS = 16;
const KEYSTROKES = Number(process.env.EXPLORE_BENCH_KEYS ?? 300);

class FakeStdout extends EventEmitter {
  columns = 120;
  rows = 40;
  isTTY = true;
  onWrite = undefined;
  frames = 0;
  write(data) {
    this.frames++;
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

/** Mounts `element`, presses `keys` in turn (cycling), returns keystroke-to-frame times in ms. */
async function measure(element, keys, count) {
  const stdout = new FakeStdout();
  const stdin = new FakeStdin();
  const stderr = new FakeStdout();
  const instance = render(element, {stdout, stdin, stderr, exitOnCtrlC: false, patchConsole: false, maxFps: 60});
  while (stdin.listenerCount('readable') === 0) await sleep(1);
  await sleep(50);
  const samples = [];
  let missed = 0;
  for (let i = 0; i < count; i++) {
    const key = keys[i % keys.length];
    const frame = new Promise((resolve) => {
      const timer = setTimeout(() => resolve(undefined), 500);
      stdout.onWrite = () => {
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
  return {median: percentile(samples, 50), p95: percentile(samples, 95), max: samples.at(-1), n: samples.length, missed};
}

function report(name, r) {
  const verdict = r.p95 <= TARGET_MS ? 'within' : 'OVER';
  console.log(`${name.padEnd(44)} median ${fmt(r.median, 2).padStart(6)} ms  p95 ${fmt(r.p95, 2).padStart(6)} ms  max ${fmt(r.max, 2).padStart(6)} ms  (${r.n} keys${r.missed ? `, ${r.missed} drew nothing` : ''}; p95 ${verdict} the ${TARGET_MS} ms target)`);
}

const env = {FARGATE_COST_CACHE_DIR: '/nonexistent/fargate-cost-bench'};
const catalog = await loadCatalog({env});
const specs = await readTaskDefinitionFile(`${root}data/examples/web-service.json`);
const estimate = {specs, catalog, regionFlag: undefined, environmentRegion: undefined, now: new Date('2026-11-24T12:00:00Z')};
const app = React.createElement(App, {estimate, initialEstimate: initialStateFor(estimate), colors: true});

// Every key changes the frame and re-prices: vCPU up/down, next/previous region, arch, size steps, OS.
const estimateKeys = ['\u001B[C', '\u001B[D', 'r', 'R', 'a', 'a', ']', '[', 'o', 'o', '+', '-', 's', 'S'];
report('Estimate view (web-service.json, 120 x 40)', await measure(app, estimateKeys, KEYSTROKES));
