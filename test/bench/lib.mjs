// Helpers shared by the benchmarks. They run against the built dist/ (npm run bench builds first).
import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const bin = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

/** Median wall time in ms of running a command `runs` times (after one warm-up). */
export function timeCommand(args, {runs = 15, env = {}} = {}) {
  const once = () => {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, {
      cwd: root,
      env: {...process.env, ...env},
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  once();
  const samples = Array.from({length: runs}, once).sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

export function fmt(n, digits = 1) {
  return n.toLocaleString('en-US', {maximumFractionDigits: digits, minimumFractionDigits: digits});
}
