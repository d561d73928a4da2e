import {access} from 'node:fs/promises';
import {type Catalog, type CatalogOrigin, parseCatalog} from '../../catalog/catalog.js';
import type {CatalogJson} from '../../catalog/schema.js';
import {validateCatalog} from '../../catalog/validate.js';
import {EXIT, UserError} from '../../errors.js';
import {cachedCatalogPath, EMBEDDED_CATALOG_PATH, loadCatalog} from '../catalog-file.js';
import {readJson, writeFileAtomic} from '../files.js';

/**
 * Names for catalogs the `prices` commands accept wherever they take a catalog file:
 * `embedded` (the snapshot shipped with the tool), `cached` (the last `prices refresh`), and
 * `previous` (the one that refresh replaced). Anything else is a path (`./embedded` for a file of that name).
 */
export const CATALOG_KEYWORDS = ['embedded', 'cached', 'previous'] as const;

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

export function previousPath(path: string): string {
  return `${path}.previous`;
}

/** Where a catalog reference points, without reading it. */
export function catalogOrigin(ref: string, env: NodeJS.ProcessEnv): CatalogOrigin {
  if (ref === 'embedded') return {kind: 'embedded', path: EMBEDDED_CATALOG_PATH};
  if (ref === 'cached') return {kind: 'cache', path: cachedCatalogPath(env)};
  if (ref === 'previous') return {kind: 'file', path: previousPath(cachedCatalogPath(env))};
  return {kind: 'file', path: ref};
}

/** Reads a catalog by keyword or path; without one, the catalog every command uses by default. */
export async function readCatalogRef(ref: string | undefined, env: NodeJS.ProcessEnv): Promise<Catalog> {
  if (ref === undefined) return loadCatalog({env});
  const origin = catalogOrigin(ref, env);
  if ((ref === 'cached' || ref === 'previous') && !(await exists(origin.path))) {
    throw new UserError(`there is no ${ref === 'cached' ? 'refreshed' : 'previous'} catalog yet (${origin.path})`, {
      hint: ref === 'cached' ? 'run "fargate-cost prices refresh" first, or name a file' : 'a second "fargate-cost prices refresh" keeps the one it replaces',
      exitCode: EXIT.input,
    });
  }
  return parseCatalog(await readJson(origin.path), origin);
}

/** The one serialization of a catalog: `prices snapshot` and `prices refresh` write identical shapes. */
export function serializeCatalog(json: CatalogJson): string {
  return `${JSON.stringify(json, null, 2)}\n`;
}

export interface WrittenCatalog {
  readonly path: string;
  /** Where the replaced catalog was kept, or null when there was none (or it was not kept). */
  readonly previousPath: string | null;
}

/**
 * Validates a catalog (schema and `catalogProblems`) and writes it atomically: a temporary file,
 * then a rename, so a failure at any point leaves the old file as it was. With `keepPrevious`,
 * the replaced file is kept as `<path>.previous`.
 */
export async function writeCatalogFile(path: string, json: CatalogJson, options: {keepPrevious: boolean; what: string}): Promise<WrittenCatalog> {
  validateCatalog(json, options.what);
  const replacing = options.keepPrevious && (await exists(path));
  await writeFileAtomic(path, serializeCatalog(json), {keepPrevious: options.keepPrevious});
  return {path, previousPath: replacing ? previousPath(path) : null};
}
