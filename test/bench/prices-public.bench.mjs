// Issue 16: a whole `prices refresh --source public --regions all` against a loopback server of
// realistic size: 25 regions, each with its AmazonECS offer (the Seoul fixture re-labelled) and a
// Compute Savings Plans offer of ~40 MB (set BENCH_PUBLIC_MB), almost all of it EC2 and Lambda
// rates the reader must stream past, plus the Spot feed. Reports wall time, bytes read and the
// child's peak RSS. BENCH_PUBLIC_REGIONS=5 for a quicker run.
import {spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {createServer} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {bin, fmt, root} from './lib.mjs';

const REGIONS = Number(process.env.BENCH_PUBLIC_REGIONS ?? 25);
const SP_MB = Number(process.env.BENCH_PUBLIC_MB ?? 40);
const files = `${root}test/fixtures/price-list/files`;
const ECS_VERSION = '20250828172723';
const SP_VERSION = '20260925000000';

const embedded = JSON.parse(readFileSync(`${root}data/catalog.json`, 'utf8'));
const known = Object.entries(embedded.regions).map(([code, json]) => ({code, prefix: json.usageTypePrefix}));
const extra = [
  {code: 'mx-central-1', prefix: 'MXC1'},
  {code: 'ap-south-2', prefix: 'APS5'},
  {code: 'ca-west-1', prefix: 'CAN2'},
  {code: 'il-central-1', prefix: 'ILC1'},
  {code: 'ap-southeast-5', prefix: 'APS8'},
];
const regions = [...known, ...extra.filter((r) => !known.some((k) => k.code === r.code))].slice(0, REGIONS);

const seoulEcs = readFileSync(`${files}/offers/v1.0/aws/AmazonECS/${ECS_VERSION}/ap-northeast-2/index.json`, 'utf8');
const ecsFor = ({code, prefix}) =>
  seoulEcs
    .replaceAll('APN2-', `${prefix}-`)
    .replaceAll('ap-northeast-2', code)
    .replaceAll('SEOULFIXTURE', prefix.padEnd(12, 'X').slice(0, 12));
const seoulSp = JSON.parse(
  readFileSync(`${files}/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/${SP_VERSION}/ap-northeast-2/index.json`, 'utf8'),
);

const FAMILIES = ['c5', 'c6g', 'c7i', 'm5', 'm6i', 'm7g', 'r5', 'r6g', 't3', 't4g', 'x2idn', 'i4i'];
const SIZES = ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge'];
const OSES = ['BoxUsage', 'DedicatedUsage', 'HostUsage', 'UnusedBox', 'UnusedDed'];

function ec2OrLambda(sku, prefix, i) {
  const family = FAMILIES[i % FAMILIES.length];
  const size = SIZES[Math.floor(i / FAMILIES.length) % SIZES.length];
  const os = OSES[Math.floor(i / (FAMILIES.length * SIZES.length)) % OSES.length];
  return i % 50 === 49
    ? {
        discountedSku: `LAMBDA${String(i).padStart(10, '0')}`,
        discountedUsageType: `${prefix}-Lambda-GB-Second`,
        discountedOperation: '',
        discountedServiceCode: 'AWSLambda',
        rateCode: `${sku}.LAMBDA${i}`,
        unit: 'Lambda-GB-Second',
        discountedRate: {price: '0.0000133334', currency: 'USD'},
      }
    : {
        discountedSku: `EC2SKU${String(i).padStart(10, '0')}`,
        discountedUsageType: `${prefix}-${os}:${family}.${size}`,
        discountedOperation: `RunInstances:${String(i % 100).padStart(4, '0')}`,
        discountedServiceCode: 'AmazonEC2',
        rateCode: `${sku}.EC2SKU${String(i).padStart(10, '0')}`,
        unit: 'Hrs',
        discountedRate: {price: `0.${String(100000 + (i % 89999)).slice(1)}`, currency: 'USD'},
      };
}

/**
 * The EC2 and Lambda rates of one plan (~SP_MB / plans MB), built once as buffers and served for
 * every region: the server's own work stays small, so the figures are the reader's.
 */
const perPlan = Math.floor((SP_MB * 1024 * 1024) / seoulSp.terms.savingsPlan.length / 330);
const middles = seoulSp.terms.savingsPlan.map((plan) => {
  const chunks = [];
  let batch = [];
  for (let i = 0; i < perPlan; i++) {
    batch.push(JSON.stringify(ec2OrLambda(plan.sku, 'XXX1', i)));
    if (batch.length === 800 || i === perPlan - 1) {
      chunks.push(Buffer.from(`${batch.join(',')},`));
      batch = [];
    }
  }
  return chunks;
});

/** A Compute Savings Plans region offer of about SP_MB MB, streamed in ~256 kB chunks. */
function* spFile({prefix}) {
  const plans = seoulSp.terms.savingsPlan;
  const header = {version: SP_VERSION, publicationDate: seoulSp.publicationDate, products: seoulSp.products};
  yield `${JSON.stringify(header).slice(0, -1)},"terms":{"savingsPlan":[`;
  for (const [p, plan] of plans.entries()) {
    yield `${p ? ',' : ''}{"sku":${JSON.stringify(plan.sku)},"description":${JSON.stringify(plan.description)},"effectiveDate":"2026-09-01T00:00:00Z","leaseContractLength":{"duration":1,"unit":"year"},"rates":[`;
    yield* middles[p];
    const fargate = plan.rates
      .filter((rate) => rate.discountedServiceCode === 'AmazonECS')
      .map((rate) =>
        JSON.stringify({...rate, discountedUsageType: rate.discountedUsageType.replace('APN2-', `${prefix}-`)}),
      );
    yield `${fargate.join(',')}]}`;
  }
  yield ']}}';
}

let served = 0;
const routes = new Map();
routes.set('/offers/v1.0/aws/index.json', () => [readFileSync(`${files}/offers/v1.0/aws/index.json`, 'utf8')]);
routes.set('/offers/v1.0/aws/AmazonECS/current/region_index.json', () => [
  JSON.stringify({
    formatVersion: 'v1.0',
    publicationDate: '2025-08-28T17:27:23Z',
    regions: Object.fromEntries(
      regions.map(({code}) => [
        code,
        {regionCode: code, currentVersionUrl: `/offers/v1.0/aws/AmazonECS/${ECS_VERSION}/${code}/index.json`},
      ]),
    ),
  }),
]);
routes.set('/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/current/region_index.json', () => [
  JSON.stringify({
    publicationDate: seoulSp.publicationDate,
    regions: regions.map(({code}) => ({
      regionCode: code,
      versionUrl: `/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/${SP_VERSION}/${code}/index.json`,
    })),
  }),
]);
routes.set('/fargate-spot-prices.json', () => [readFileSync(`${files}/fargate-spot-prices.json`, 'utf8')]);
for (const region of regions) {
  routes.set(`/offers/v1.0/aws/AmazonECS/${ECS_VERSION}/${region.code}/index.json`, () => [ecsFor(region)]);
  routes.set(`/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/${SP_VERSION}/${region.code}/index.json`, () =>
    spFile(region),
  );
}

const server = createServer((req, res) => {
  const route = routes.get(new URL(req.url, 'http://x').pathname);
  if (!route) return res.writeHead(404).end();
  res.writeHead(200, {'content-type': 'application/json'});
  const chunks = route()[Symbol.iterator]();
  const pump = () => {
    for (;;) {
      const next = chunks.next();
      if (next.done) return res.end();
      served += typeof next.value === 'string' ? Buffer.byteLength(next.value) : next.value.length;
      if (!res.write(next.value)) return res.once('drain', pump);
    }
  };
  pump();
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}`;
const dir = mkdtempSync(join(tmpdir(), 'fc-bench-public-'));

// The child reports its own peak RSS as it exits.
const wrapper = `process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('\\nMAXRSS_KB ' + u.maxRSS + ' CPU_US ' + (u.userCPUTime + u.systemCPUTime) + '\\n'); }); process.argv.splice(1, 0, ${JSON.stringify(bin)}); await import(${JSON.stringify(bin)});`;
const started = performance.now();
const {code, stderr, stdout} = await new Promise((resolve) => {
  const child = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      wrapper,
      'prices',
      'refresh',
      '--source',
      'public',
      '--regions',
      'all',
      '--quiet',
      '--timeout',
      '30m',
    ],
    {
      env: {
        ...process.env,
        FARGATE_COST_CACHE_DIR: dir,
        FARGATE_COST_PRICE_LIST_URL: url,
        FARGATE_COST_SPOT_FEED_URL: `${url}/fargate-spot-prices.json`,
        NO_PROXY: '127.0.0.1',
      },
    },
  );
  let err = '';
  let out = '';
  child.stderr.on('data', (d) => (err += d));
  child.stdout.on('data', (d) => (out += d));
  child.on('exit', (exitCode) => resolve({code: exitCode, stderr: err, stdout: out}));
});
const ms = performance.now() - started;
server.close();
rmSync(dir, {recursive: true, force: true});
const rss = Number(/MAXRSS_KB (\d+)/.exec(stderr)?.[1] ?? 0);
const cpu = Number(/CPU_US (\d+)/.exec(stderr)?.[1] ?? 0) / 1e6;
if (code !== 0) {
  console.error(stdout, stderr);
  process.exitCode = 1;
}
console.log(
  `prices refresh --source public --regions all (${regions.length} regions, ${fmt(served / 1024 / 1024)} MB served)  ${fmt(ms / 1000, 2)} s, ${fmt(served / 1024 / 1024 / (ms / 1000))} MB/s; CPU ${fmt(cpu, 2)} s; peak RSS ${fmt(rss / 1024)} MB`,
);
