import {createHash} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import {homedir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {type Catalog, type CatalogOrigin, checkedCatalog} from '../catalog/catalog.js';
import type {CatalogJson} from '../catalog/schema.js';
import {EXIT, UserError} from '../errors.js';
import {exists, parseJsonText, readText} from './files.js';
import {relativeToCwd, shownToolPath} from './shown-path.js';

/** The embedded snapshot, resolved from the package root (works from src/ under vitest and from dist/). */
export const EMBEDDED_CATALOG_PATH = fileURLToPath(new URL('../../data/catalog.json', import.meta.url));
export const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));
/**
 * The SHA-256 of the embedded snapshot whose shape the build checked with the catalog's schema
 * (scripts/verify-catalog.mjs, run by `npm run build`). A snapshot with that hash is read without the
 * schema library (only the checks that need no schema run); any other file, or no record, is checked whole.
 */
export const VERIFIED_CATALOG_HASH_PATH = fileURLToPath(new URL('../../dist/embedded-catalog.sha256', import.meta.url));

async function verifiedHash(): Promise<string | undefined> {
  try {
    return (await readFile(VERIFIED_CATALOG_HASH_PATH, 'utf8')).trim();
  } catch {
    return undefined;
  }
}

/** The per-user cache directory that `prices refresh` writes to (XDG on Linux, the platform's elsewhere). */
export function cacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env['FARGATE_COST_CACHE_DIR']) return env['FARGATE_COST_CACHE_DIR'];
  if (platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'fargate-cost');
  if (platform === 'win32') return join(env['LOCALAPPDATA'] ?? join(homedir(), 'AppData', 'Local'), 'fargate-cost');
  return join(env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'fargate-cost');
}

export function cachedCatalogPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheDir(env), 'catalog.json');
}

/**
 * Names a catalog may be given by wherever a command takes `--catalog`: `embedded` (the snapshot
 * shipped with the tool), `cached` (the last `prices refresh`), `previous` (the one that refresh
 * replaced). Anything else is a path (`./embedded` for a file of that name).
 */
export const CATALOG_KEYWORDS = ['embedded', 'cached', 'previous'] as const;

export function previousPath(path: string): string {
  return `${path}.previous`;
}

/**
 * How output names a catalog's path: the embedded snapshot and the default cache directory are the
 * tool's own choice, never shown as absolute local paths (`data/catalog.json` in a clone,
 * `~/.cache/fargate-cost/catalog.json`); a path the user gave (a file, FARGATE_COST_CACHE_DIR) is
 * relative to the working directory when inside it, else as given.
 */
export function shownCatalogPath(path: string, env: NodeJS.ProcessEnv = process.env): string {
  const toolChosen =
    path === EMBEDDED_CATALOG_PATH || (!env['FARGATE_COST_CACHE_DIR'] && path.startsWith(cacheDir(env)));
  return toolChosen ? shownToolPath(path) : relativeToCwd(path);
}

/** Where a catalog reference points, without reading it. */
export function catalogOrigin(ref: string, env: NodeJS.ProcessEnv = process.env): CatalogOrigin {
  if (ref === 'embedded') return {kind: 'embedded', path: EMBEDDED_CATALOG_PATH};
  if (ref === 'cached') return {kind: 'cache', path: cachedCatalogPath(env)};
  if (ref === 'previous') return {kind: 'file', path: previousPath(cachedCatalogPath(env))};
  return {kind: 'file', path: ref};
}

/**
 * The catalog every command prices with: `--catalog FILE|embedded|cached|previous` when given, else
 * the refreshed one in the cache directory when there is one, else the embedded snapshot.
 */
export async function loadCatalog(options: {
  catalogPath?: string | undefined;
  env?: NodeJS.ProcessEnv;
  /** The clock: a catalog generated after it is refused. */
  now: Date;
}): Promise<Catalog> {
  const env = options.env ?? process.env;
  const ref = options.catalogPath;
  let origin: CatalogOrigin;
  if (ref !== undefined) {
    origin = catalogOrigin(ref, env);
    if ((ref === 'cached' || ref === 'previous') && !(await exists(origin.path))) {
      throw new UserError(
        `there is no ${ref === 'cached' ? 'refreshed' : 'previous'} catalog yet (${shownCatalogPath(origin.path, env)})`,
        {
          hint:
            ref === 'cached'
              ? 'run "fargate-cost prices refresh" first, or name a file'
              : 'a second "fargate-cost prices refresh" keeps the one it replaces',
          exitCode: EXIT.input,
        },
      );
    }
  } else {
    const cached = cachedCatalogPath(env);
    origin = (await exists(cached)) ? {kind: 'cache', path: cached} : {kind: 'embedded', path: EMBEDDED_CATALOG_PATH};
  }
  const shown = shownCatalogPath(origin.path, env);
  const text = await readText(origin.path, shown);
  const json = parseJsonText(text, shown);
  const shownOrigin = {...origin, path: shown};
  if (origin.path === EMBEDDED_CATALOG_PATH) {
    const verified = await verifiedHash();
    if (verified !== undefined && verified === createHash('sha256').update(text).digest('hex')) {
      return checkedCatalog(json as CatalogJson, shownOrigin, options.now);
    }
  }
  const {parseCatalog} = await import('../catalog/parse.js');
  return parseCatalog(json, shownOrigin, options.now);
}
