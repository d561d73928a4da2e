// Refusing garbage: `history` over 200 MB files that are not task histories (random bytes, text, one
// line without an end, NDJSON-looking lines that are not JSON, with and without --skip-invalid, JSON lines
// that hold no task), on one
// core and on two. Each run is the real CLI in its own process; its peak RSS (worker threads included)
// must stay under 150 MB, and it must end with exit 1 and one line on stderr. BENCH_GARBAGE_MB sets the size.
import {spawnSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {bin, fmt} from './lib.mjs';

const LIMIT_MB = 150;
const self = fileURLToPath(import.meta.url);

if (process.argv[2] === 'cli') {
  // The CLI in this process, its peak RSS written where the parent reads it.
  const out = process.argv[3];
  process.on('exit', () => writeSync(openSync(out, 'w'), String(process.resourceUsage().maxRSS / 1024)));
  process.argv = [process.argv[0], bin, ...process.argv.slice(4)];
  await import(pathToFileURL(bin).href);
} else {
  await main();
}

function write(path, mb, chunk) {
  const fd = openSync(path, 'w');
  try {
    // Each chunk is a MiB.
    for (let written = 0; written < mb; written++) writeSync(fd, chunk());
  } finally {
    closeSync(fd);
  }
}

function repeat(text) {
  const block = Buffer.from(text.repeat(Math.ceil(2 ** 20 / text.length))).subarray(0, 2 ** 20);
  return () => block;
}

async function main() {
  const mb = Number(process.env.BENCH_GARBAGE_MB ?? 200);
  const dir = mkdtempSync(join(tmpdir(), 'fargate-cost-garbage-bench-'));
  try {
    const random = () => randomBytes(2 ** 20);
    const files = [
      ['random bytes', 'random.bin', random, []],
      ['text lines', 'lines.txt', repeat('lorem ipsum dolor sit amet, consectetur adipiscing elit\n'), []],
      ['one line, no end', 'oneline.ndjson', repeat('{"abcdefghij'), []],
      ['JSON-like lines', 'junk.ndjson', repeat('{"taskArn": "arn:aws:ecs:us-east-1:1:task/c/x"} trailing\n'), []],
      [
        'JSON-like lines, --skip-invalid',
        'junk.ndjson',
        repeat('{"taskArn": "arn:aws:ecs:us-east-1:1:task/c/x"} trailing\n'),
        ['--skip-invalid'],
      ],
      [
        'JSON lines, no tasks, --skip-invalid',
        'other.ndjson',
        repeat('{"id": 1, "items": [1, 2, 3]}\n'),
        ['--skip-invalid'],
      ],
    ];
    console.log(`${mb} MB files; peak RSS must stay under ${LIMIT_MB} MB`);
    let failed = 0;
    for (const [label, name, chunk, flags] of files) {
      const path = join(dir, name);
      write(path, mb, chunk);
      for (const workers of ['1', '2']) {
        const rssFile = join(dir, 'rss');
        const started = process.hrtime.bigint();
        const result = spawnSync(
          process.execPath,
          [self, 'cli', rssFile, 'history', path, '--as-of', '2026-12-01', ...flags],
          {encoding: 'utf8', env: {...process.env, FARGATE_COST_WORKERS: workers}},
        );
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const rss = Number(readFileSync(rssFile, 'utf8'));
        const lines = result.stderr.trim().split('\n');
        const ok = result.status === 1 && lines.length === 1 && result.stdout === '' && rss < LIMIT_MB;
        if (!ok) failed++;
        console.log(
          `  ${`${label}, ${workers === '1' ? '1 core' : '2 cores'}`.padEnd(46)} ${fmt(seconds, 2)} s  peak RSS ${fmt(rss, 0)} MB  exit ${result.status}${ok ? '' : `  FAILED: ${lines[0]}`}`,
        );
      }
      rmSync(path, {force: true});
    }
    if (failed > 0) process.exitCode = 1;
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}
