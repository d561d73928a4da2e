import {access} from 'node:fs/promises';
import {homedir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {type Catalog, type CatalogOrigin, parseCatalog} from '../catalog/catalog.js';
import {readJson} from './files.js';

/** The embedded snapshot, resolved from the package root (works from src/ under vitest and from dist/). */
export const EMBEDDED_CATALOG_PATH = fileURLToPath(new URL('../../data/catalog.json', import.meta.url));
export const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

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

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * The catalog every command prices with: `--catalog FILE` when given, else the refreshed one in the
 * cache directory when there is one, else the embedded snapshot.
 */
export async function loadCatalog(options: {catalogPath?: string | undefined; env?: NodeJS.ProcessEnv} = {}): Promise<Catalog> {
  let origin: CatalogOrigin;
  if (options.catalogPath) {
    origin = {kind: 'file', path: options.catalogPath};
  } else {
    const cached = cachedCatalogPath(options.env);
    origin = (await exists(cached)) ? {kind: 'cache', path: cached} : {kind: 'embedded', path: EMBEDDED_CATALOG_PATH};
  }
  return parseCatalog(await readJson(origin.path), origin);
}
