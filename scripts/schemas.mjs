// Writes schema/<kind>.schema.json from the contract's zod schemas (src/contract/kinds.ts), and removes
// the file of a kind that is gone. Run through `npm run schemas` (it builds first); test/contract checks
// that the committed files are what this writes.
import {mkdirSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {OUTPUT_KINDS, schemaFileText} from '../dist/contract/index.js';

const dir = join(import.meta.dirname, '..', 'schema');
mkdirSync(dir, {recursive: true});
const kinds = Object.keys(OUTPUT_KINDS);
for (const kind of kinds) writeFileSync(join(dir, `${kind}.schema.json`), schemaFileText(kind));
for (const file of readdirSync(dir)) {
  if (!kinds.some((kind) => file === `${kind}.schema.json`)) rmSync(join(dir, file));
}
console.log(`wrote ${kinds.length} schemas to schema/: ${kinds.join(', ')}`);
