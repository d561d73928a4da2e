import {readFileSync} from 'node:fs';
import {buildCatalog, type Catalog} from '../../src/catalog/catalog.js';
import {parseCatalog} from '../../src/catalog/parse.js';
import type {CatalogJson} from '../../src/catalog/schema.js';
import {EMBEDDED_CATALOG_PATH} from '../../src/sources/catalog-file.js';

let embedded: Catalog | undefined;

/** The embedded snapshot, validated once per test file. */
export function embeddedCatalog(): Catalog {
  embedded ??= parseCatalog(
    JSON.parse(readFileSync(EMBEDDED_CATALOG_PATH, 'utf8')),
    {kind: 'embedded', path: EMBEDDED_CATALOG_PATH},
    new Date('2026-11-24T12:00:00Z'),
  );
  return embedded;
}

export function embeddedCatalogJson(): CatalogJson {
  return JSON.parse(readFileSync(EMBEDDED_CATALOG_PATH, 'utf8')) as CatalogJson;
}

/** A catalog edited for a test (e.g. a rate removed), validated like any other. */
export function editedCatalog(edit: (json: CatalogJson) => void): Catalog {
  const json = embeddedCatalogJson();
  edit(json);
  return buildCatalog(json, {kind: 'file', path: 'test-catalog.json'});
}
