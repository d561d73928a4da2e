// Issue 5: the Savings Plans optimizer on one year of hourly usage (8,760 hours) for all six plans,
// the per-call cost of what the terminal UI's commitment slider needs, and the whole compare.
import {fmt, root} from './lib.mjs';

const {prepareSavingsPlan, optimizeCommitment, costAtCommitment, costCurve} = await import(
  `${root}dist/analysis/savings-plan.js`
);
const {compare} = await import(`${root}dist/app/compare.js`);
const {loadCatalog} = await import(`${root}dist/sources/catalog-file.js`);
const {PLAN_IDS} = await import(`${root}dist/model/types.js`);
const {dec} = await import(`${root}dist/money/decimal.js`);

const catalog = await loadCatalog({env: {FARGATE_COST_CACHE_DIR: '/nonexistent/fargate-cost-bench'}, now: new Date()});
const HOURS = 8760;
const MS_PER_HOUR = 3_600_000;

// A busy account: four services in two regions (x86 and arm64, 1-4 vCPU), each with a daily and a
// weekly cycle and deterministic noise, plus a storage line and a Spot worker, so every hour has
// 10 series and the sweep has ~70,000 breakpoints per plan.
const services = [
  {region: 'us-east-1', arch: 'x86_64', cpu: 1024, mem: 2048, floor: 6, peak: 20},
  {region: 'us-east-1', arch: 'arm64', cpu: 2048, mem: 4096, floor: 3, peak: 9},
  {region: 'eu-west-1', arch: 'x86_64', cpu: 4096, mem: 8192, floor: 1, peak: 4},
  {region: 'eu-west-1', arch: 'arm64', cpu: 512, mem: 1024, floor: 10, peak: 40},
];
const series = [];
for (const s of services) {
  series.push({region: s.region, key: `linux-${s.arch}-vcpu`, purchase: 'on-demand'});
  series.push({region: s.region, key: `linux-${s.arch}-memory`, purchase: 'on-demand'});
}
series.push({region: 'us-east-1', key: 'storage', purchase: 'on-demand'});
series.push({region: 'us-east-1', key: 'linux-x86_64-vcpu', purchase: 'spot'});
let seed = 42;
const noise = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const hours = Array.from({length: HOURS}, (_, h) => {
  const hourOfDay = h % 24;
  const weekday = Math.floor(h / 24) % 7 < 5;
  const unitMs = [];
  for (const s of services) {
    const busy = weekday && hourOfDay >= 8 && hourOfDay < 20 ? 1 : 0.2;
    const tasks = Math.round(s.floor + (s.peak - s.floor) * busy * (0.7 + 0.3 * noise()));
    // Whole tasks for most of the hour, plus a partial one (a scale-in mid-hour).
    const ms = BigInt(tasks) * BigInt(MS_PER_HOUR) + BigInt(Math.floor(noise() * MS_PER_HOUR));
    unitMs.push(BigInt(s.cpu) * ms, BigInt(s.mem) * ms);
  }
  unitMs.push(10n * 1024n * BigInt(MS_PER_HOUR)); // 10 GiB of extra storage
  unitMs.push(BigInt(Math.floor(noise() * 8)) * 1024n * BigInt(MS_PER_HOUR));
  return {startMs: Date.UTC(2025, 0, 1) + h * MS_PER_HOUR, unitMs};
});
const profile = {series, hours};

const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
// Warm-up (JIT), then measure RUNS times. Each run gets a fresh copy of the profile, so the work done
// once per profile and shared by the plans (grouping identical hours) is counted in every run, and
// starts after a collection (npm run bench exposes gc), so garbage from building the profile is not.
optimizeCommitment(prepareSavingsPlan(profile, catalog, 'compute-1y-no-upfront'));
const RUNS = 7;
const runs = [];
for (let run = 0; run < RUNS; run++) {
  const fresh = {series, hours: [...hours]};
  globalThis.gc?.();
  const perPlan = [];
  const totalStart = process.hrtime.bigint();
  for (const plan of PLAN_IDS) {
    const start = process.hrtime.bigint();
    const prepared = prepareSavingsPlan(fresh, catalog, plan);
    const prepareMs = ms(start);
    const optimum = optimizeCommitment(prepared);
    perPlan.push({
      plan,
      prepareMs,
      totalMs: ms(start),
      breakpoints: prepared.sweep.breakpoints,
      commitment: optimum.best.commitmentPerHour.toString(),
      monthly: optimum.best.monthlyCost.toFixed(2),
    });
  }
  runs.push({totalMs: ms(totalStart), perPlan});
}
console.log(
  `optimizer on ${HOURS.toLocaleString('en-US')} hours x ${series.length} series (prepare = sort the breakpoints; optimize = sweep + two purchasable steps), median of ${RUNS} runs:`,
);
for (const [i, p] of runs[0].perPlan.entries()) {
  const total = median(runs.map((r) => r.perPlan[i].totalMs));
  const prepare = median(runs.map((r) => r.perPlan[i].prepareMs));
  console.log(
    `  ${p.plan.padEnd(27)} ${fmt(total).padStart(7)} ms (prepare ${fmt(prepare)} ms, ${p.breakpoints.toLocaleString('en-US')} distinct breakpoints) -> $${p.commitment}/h, $${p.monthly}/month`,
  );
}
const totals = runs.map((r) => r.totalMs);
console.log(
  `  all six plans (prepare + optimize) ${fmt(median(totals)).padStart(7)} ms median (first run ${fmt(totals[0])} ms, fastest ${fmt(Math.min(...totals))} ms)`,
);

// The TUI's commitment slider: cost at one commitment on a prepared plan, and a 200-point curve.
const prepared = prepareSavingsPlan(profile, catalog, 'compute-3y-all-upfront');
const calls = 20_000;
let start = process.hrtime.bigint();
for (let i = 0; i < calls; i++) costAtCommitment(prepared, dec(i % 4000).div(1000));
const sliderUs = (ms(start) * 1000) / calls;
start = process.hrtime.bigint();
costCurve(prepared, 200);
const curveMs = ms(start);
console.log(
  `costAtCommitment on a prepared plan: ${fmt(sliderUs, 1)} µs a call; a 200-point curve: ${fmt(curveMs)} ms`,
);

// The whole application function: six plans, three look-backs each, the recommendation, the curves.
const component = {
  name: 'account',
  kind: 'service',
  os: 'linux',
  profile,
  perTaskHour: null,
  spotTolerant: false,
  typicalRunSeconds: null,
  taskHours: null,
  strategy: null,
};
start = process.hrtime.bigint();
compare({
  input: {kind: 'history', description: 'bench', components: [component]},
  catalog,
  now: new Date('2026-11-24T00:00:00Z'),
});
console.log(`compare() on the year (6 plans, look-backs 7/30/60, recommendation): ${fmt(ms(start))} ms`);

// Issue 14: the same compare with two owned plans of other terms (3 yr All Upfront, 1 yr Partial):
// they are applied hour by hour first, and the residual usage kept exact in a finer unit (owned.ts).
const owned = {
  commitments: [
    {
      id: null,
      commitmentPerHour: dec('0.35'),
      plan: 'compute-3y-all-upfront',
      startMs: null,
      endMs: null,
      source: 'flag',
    },
    {
      id: null,
      commitmentPerHour: dec('0.2'),
      plan: 'compute-1y-partial-upfront',
      startMs: null,
      endMs: Date.UTC(2025, 6, 1),
      source: 'flag',
    },
  ],
  share: dec('0.6'),
  shareSource: 'flag',
  lookaheadDays: 90,
};
const ownedRuns = [];
const plainRuns = [];
for (let run = 0; run < 3; run++) {
  for (const [list, extra] of [
    [plainRuns, {}],
    [ownedRuns, {owned}],
  ]) {
    globalThis.gc?.();
    start = process.hrtime.bigint();
    compare({
      input: {
        kind: 'history',
        description: 'bench',
        components: [{...component, profile: {series, hours: [...hours]}}],
      },
      catalog,
      now: new Date('2025-06-01T00:00:00Z'),
      ...extra,
    });
    list.push(ms(start));
  }
}
console.log(
  `compare() with two owned plans of other terms: ${fmt(median(ownedRuns))} ms median, against ${fmt(median(plainRuns))} ms without (x${fmt(median(ownedRuns) / median(plainRuns), 2)})`,
);
