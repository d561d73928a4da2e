#!/usr/bin/env node
// Part of `npm run build`: checks the embedded snapshot (data/catalog.json) with the catalog's schema
// and its plausibility rules, and records its SHA-256 in dist/embedded-catalog.sha256. A command that
// reads the snapshot with that hash skips the schema library at start (src/sources/catalog-file.ts);
// a snapshot edited after the build no longer matches, and is checked whole when read.
import {createHash} from 'node:crypto';
import {readFileSync, rmSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const record = `${root}dist/embedded-catalog.sha256`;
rmSync(record, {force: true});
const text = readFileSync(`${root}data/catalog.json`, 'utf8');
const {parseCatalog} = await import(`${root}dist/catalog/parse.js`);
const {isUserError} = await import(`${root}dist/errors.js`);
const {userErrorLine} = await import(`${root}dist/report/problems.js`);
try {
  parseCatalog(JSON.parse(text), {kind: 'embedded', path: 'data/catalog.json'}, new Date());
} catch (error) {
  console.error(`verify-catalog: data/catalog.json: ${isUserError(error) ? userErrorLine(error) : error}`);
  process.exit(1);
}
writeFileSync(record, `${createHash('sha256').update(text).digest('hex')}\n`);
