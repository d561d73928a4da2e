// Issue 2: offline `estimate` start-up against a bare Node start, and the engine's throughput.
import {fmt, root, timeCommand, bin} from './lib.mjs';

const cacheEnv = {FARGATE_COST_CACHE_DIR: '/nonexistent/fargate-cost-bench'};
const bare = timeCommand(['-e', '']);
const estimate = timeCommand([bin, 'estimate', 'data/examples/web-service.json'], {env: cacheEnv});
const json = timeCommand([bin, 'estimate', '--cpu', '1', '--memory', '2', '--format', 'json'], {env: cacheEnv});
console.log(`node -e ''                                   ${fmt(bare)} ms (median of 15)`);
console.log(
  `estimate data/examples/web-service.json      ${fmt(estimate)} ms  = ${fmt(estimate / bare, 2)} x bare node`,
);
console.log(`estimate --cpu 1 --memory 2 --format json    ${fmt(json)} ms  = ${fmt(json / bare, 2)} x bare node`);

// Engine: bill and price one million task runs of assorted sizes, exactly.
const {billableSeconds} = await import(`${root}dist/billing/billable.js`);
const {usageOf} = await import(`${root}dist/billing/usage.js`);
const {validSizes} = await import(`${root}dist/sizing/sizes.js`);
const {loadCatalog} = await import(`${root}dist/sources/catalog-file.js`);
const {D, UNIT_MS_PER_UNIT_HOUR} = await import(`${root}dist/money/decimal.js`);
const catalog = await loadCatalog({env: cacheEnv, now: new Date()});
const sizes = validSizes('linux').map((s) => ({...s, storageGiB: 20, arch: 'x86_64', os: 'linux'}));
const runs = 1_000_000;
const totals = new Map();
const start = process.hrtime.bigint();
for (let i = 0; i < runs; i++) {
  const size = sizes[i % sizes.length];
  const billed = billableSeconds(((i * 7919) % 7_200_000) + 1, 'linux');
  for (const usage of usageOf(size, billed * 1000)) totals.set(usage.key, (totals.get(usage.key) ?? 0n) + usage.unitMs);
}
let cost = new D(0);
for (const [key, unitMs] of totals) {
  const rate = catalog.requireRate('us-east-1', 'on-demand', key);
  cost = cost.plus(rate.price.times(unitMs.toString()).div(UNIT_MS_PER_UNIT_HOUR.toString()));
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(
  `engine: ${runs.toLocaleString('en-US')} runs billed and priced in ${fmt(seconds, 2)} s = ${fmt(runs / seconds / 1e6, 2)} M runs/s (total $${cost.toFixed(2)})`,
);
