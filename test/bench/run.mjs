#!/usr/bin/env node
// `npm run bench [-- name ...]`: runs every test/bench/*.bench.mjs (or the named ones) one after
// another, each in its own process so one benchmark's heap does not disturb the next.
import {spawnSync} from 'node:child_process';
import {readdirSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((name) => name.endsWith('.bench.mjs'))
  .filter((name) => wanted.length === 0 || wanted.some((w) => name.includes(w)))
  .sort();
let failed = 0;
for (const file of files) {
  console.log(`\n## ${file.replace('.bench.mjs', '')}`);
  const result = spawnSync(process.execPath, ['--expose-gc', join(here, file)], {stdio: 'inherit'});
  if (result.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
