import type {Catalog} from '../../catalog/catalog.js';
import type {CatalogJson} from '../../catalog/schema.js';
import {validateCatalog} from '../../catalog/parse.js';
import {loadCatalog, previousPath} from '../catalog-file.js';
import {exists, writeFileAtomic} from '../files.js';

export {CATALOG_KEYWORDS, catalogOrigin, previousPath} from '../catalog-file.js';

/** Reads a catalog by keyword or path; without one, the catalog every command uses by default. */
export async function readCatalogRef(ref: string | undefined, env: NodeJS.ProcessEnv, now: Date): Promise<Catalog> {
  return loadCatalog({catalogPath: ref, env, now});
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
export async function writeCatalogFile(
  path: string,
  json: CatalogJson,
  options: {keepPrevious: boolean; what: string},
): Promise<WrittenCatalog> {
  validateCatalog(json, options.what);
  const replacing = options.keepPrevious && (await exists(path));
  await writeFileAtomic(path, serializeCatalog(json), {keepPrevious: options.keepPrevious});
  return {path, previousPath: replacing ? previousPath(path) : null};
}
