// Issue 4: the `prices` commands. Offline start-up of show/diff, the pure refresh of all 22
// regions, and a whole `prices refresh` against a local fake of the two AWS endpoints.
import {spawn} from 'node:child_process';
import {readFileSync, mkdtempSync, rmSync} from 'node:fs';
import {createServer} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {bin, fmt, root, timeCommand} from './lib.mjs';

const cacheEnv = {FARGATE_COST_CACHE_DIR: '/nonexistent/fargate-cost-bench'};
const bare = timeCommand(['-e', '']);
const show = timeCommand([bin, 'prices', 'show'], {env: cacheEnv});
const showJson = timeCommand([bin, 'prices', 'show', '--format', 'json'], {env: cacheEnv});
const diff = timeCommand([bin, 'prices', 'diff', 'embedded', 'embedded'], {env: cacheEnv});
console.log(`node -e ''                                   ${fmt(bare)} ms (median of 15)`);
console.log(`prices show (22 regions, 999 rates)          ${fmt(show)} ms  = ${fmt(show / bare, 2)} x bare node`);
console.log(
  `prices show --format json                    ${fmt(showJson)} ms  = ${fmt(showJson / bare, 2)} x bare node`,
);
console.log(`prices diff embedded embedded                ${fmt(diff)} ms  = ${fmt(diff / bare, 2)} x bare node`);

// Every region answers with the real us-east-1 items re-labelled, and 36 Savings Plan rates.
const real = JSON.parse(
  readFileSync(`${root}test/fixtures/aws-samples/pricing/get-products__amazonecs-us-east-1__2022-11-25.json`, 'utf8'),
).PriceList;
const embedded = JSON.parse(readFileSync(`${root}data/catalog.json`, 'utf8'));
const regions = Object.entries(embedded.regions).map(([code, json]) => ({code, prefix: json.usageTypePrefix}));
const plans = [
  ['No Upfront', 31536000, '0.8'],
  ['Partial Upfront', 31536000, '0.77'],
  ['All Upfront', 31536000, '0.73'],
  ['No Upfront', 94608000, '0.55'],
  ['Partial Upfront', 94608000, '0.52'],
  ['All Upfront', 94608000, '0.48'],
];
const od = [
  ['Fargate-vCPU-Hours:perCPU', '0.04048'],
  ['Fargate-GB-Hours', '0.004445'],
  ['Fargate-ARM-vCPU-Hours:perCPU', '0.03238'],
  ['Fargate-ARM-GB-Hours', '0.00356'],
  ['Fargate-Windows-vCPU-Hours:perCPU', '0.09148'],
  ['Fargate-Windows-GB-Hours', '0.01005'],
];
const {D} = await import(`${root}dist/money/decimal.js`);
const fetched = regions.map(({code, prefix}) => ({
  region: code,
  priceList: real.map((text) => text.replaceAll('USE1-', `${prefix}-`).replaceAll('"us-east-1"', `"${code}"`)),
  savingsPlanRates: plans.flatMap(([paymentOption, durationSeconds, ratio]) =>
    od.map(([suffix, price]) => ({
      savingsPlanOffering: {paymentOption, durationSeconds, planType: 'Compute', currency: 'USD'},
      rate: new D(price).times(ratio).toString(),
      unit: 'Hrs',
      usageType: `${prefix}-${suffix}`,
      properties: [{name: 'region', value: code}],
    })),
  ),
}));

const {refreshCatalog} = await import(`${root}dist/catalog/refresh.js`);
const {validateCatalog} = await import(`${root}dist/catalog/validate.js`);
const rounds = 20;
const start = process.hrtime.bigint();
for (let i = 0; i < rounds; i++) {
  const result = refreshCatalog({
    base: embedded,
    fetched,
    retrievedOn: '2026-12-01',
    generatedAt: '2026-12-01T00:00:00.000Z',
    generatedBy: 'bench',
    pricingEndpointRegion: 'us-east-1',
  });
  validateCatalog(result.catalog, 'refreshed catalog');
}
const pure = Number(process.hrtime.bigint() - start) / 1e6 / rounds;
console.log(`refreshCatalog + validateCatalog, 22 regions ${fmt(pure)} ms a refresh (mean of ${rounds})`);

// The whole command: real SDK clients, 22 x (GetProducts + DescribeSavingsPlansOfferingRates) over HTTP.
const server = createServer((req, res) => {
  let body = '';
  req
    .on('data', (chunk) => (body += chunk))
    .on('end', () => {
      const input = JSON.parse(body || '{}');
      if (req.headers['x-amz-target'] === 'AWSPriceListService.GetProducts') {
        const code = input.Filters.find((filter) => filter.Field === 'regionCode').Value;
        res
          .writeHead(200, {'content-type': 'application/x-amz-json-1.1'})
          .end(JSON.stringify({FormatVersion: 'aws_v1', PriceList: fetched.find((f) => f.region === code).priceList}));
      } else {
        const code = input.filters[0].values[0];
        res
          .writeHead(200, {'content-type': 'application/json'})
          .end(
            JSON.stringify({searchResults: fetched.find((f) => f.region === code).savingsPlanRates, nextToken: null}),
          );
      }
    });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}`;
const dir = mkdtempSync(join(tmpdir(), 'fc-bench-'));
const env = {
  ...process.env,
  FARGATE_COST_CACHE_DIR: dir,
  AWS_ENDPOINT_URL_PRICING: url,
  AWS_ENDPOINT_URL_SAVINGSPLANS: url,
  AWS_ACCESS_KEY_ID: 'AKIDBENCH',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};
const runOnce = () =>
  new Promise((resolve, reject) => {
    const t = process.hrtime.bigint();
    const child = spawn(process.execPath, [bin, 'prices', 'refresh', '--catalog', 'embedded'], {
      cwd: root,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) =>
      code === 0
        ? resolve(Number(process.hrtime.bigint() - t) / 1e6)
        : reject(new Error(`refresh exited ${code}: ${stderr}`)),
    );
  });
await runOnce();
const samples = [];
for (let i = 0; i < 7; i++) samples.push(await runOnce());
samples.sort((a, b) => a - b);
console.log(`prices refresh, 22 regions via a local fake  ${fmt(samples[3])} ms (median of 7, 44 requests)`);
server.close();
rmSync(dir, {recursive: true, force: true});
