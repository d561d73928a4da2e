import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {EMBEDDED_CATALOG_PATH} from '../../../src/sources/catalog-file.js';
import {
  catalogOrigin,
  readCatalogRef,
  serializeCatalog,
  writeCatalogFile,
} from '../../../src/sources/pricing/catalog-store.js';
import {embeddedCatalogJson} from '../../helpers/catalog.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fc-store-'));
});
afterEach(() => {
  rmSync(dir, {recursive: true, force: true});
});

const env = () => ({FARGATE_COST_CACHE_DIR: join(dir, 'cache')});

describe('writeCatalogFile', () => {
  it('serializes exactly as the embedded snapshot is written', () => {
    expect(serializeCatalog(embeddedCatalogJson())).toBe(readFileSync(EMBEDDED_CATALOG_PATH, 'utf8'));
  });

  it('creates the directory, and keeps the replaced catalog as .previous', async () => {
    const path = join(dir, 'cache', 'catalog.json');
    const first = embeddedCatalogJson();
    expect(await writeCatalogFile(path, first, {keepPrevious: true, what: 'refreshed catalog'})).toEqual({
      path,
      previousPath: null,
    });
    const second = embeddedCatalogJson();
    second.generatedAt = '2026-12-01T00:00:00.000Z';
    expect(await writeCatalogFile(path, second, {keepPrevious: true, what: 'refreshed catalog'})).toEqual({
      path,
      previousPath: `${path}.previous`,
    });
    expect(JSON.parse(readFileSync(path, 'utf8')).generatedAt).toBe('2026-12-01T00:00:00.000Z');
    expect(JSON.parse(readFileSync(`${path}.previous`, 'utf8')).generatedAt).toBe('2026-11-24T00:00:00.000Z');
    expect(readdirSync(join(dir, 'cache')).sort()).toEqual(['catalog.json', 'catalog.json.previous']);
  });

  it('writes nothing and keeps the old file when the catalog fails validation', async () => {
    const path = join(dir, 'catalog.json');
    writeFileSync(path, 'old');
    const bad = embeddedCatalogJson();
    bad.regions['us-east-1']!.spot['linux-x86_64-vcpu']!.price = '1';
    await expect(writeCatalogFile(path, bad, {keepPrevious: true, what: 'refreshed catalog'})).rejects.toThrow(
      'the refreshed catalog failed validation: us-east-1 Spot linux-x86_64-vcpu 1 (spot-feed-note-2026-09-28) is above On-Demand 0.04048 (aws-price-list-2025-08); nothing was written',
    );
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['catalog.json']);
  });

  it('keeps the old file where it was when the final rename fails', async () => {
    const path = join(dir, 'catalog.json');
    writeFileSync(path, 'old');
    // A non-empty directory at the target makes the rename fail after the temporary file was written.
    const blocked = join(dir, 'blocked.json');
    mkdirSync(blocked);
    writeFileSync(join(blocked, 'inside'), 'x');
    await expect(
      writeCatalogFile(blocked, embeddedCatalogJson(), {keepPrevious: false, what: 'refreshed catalog'}),
    ).rejects.toThrow(/blocked\.json/);
    expect(readdirSync(dir).sort()).toEqual(['blocked.json', 'catalog.json']);
    expect(readFileSync(path, 'utf8')).toBe('old');
  });

  it('fails with a one-line error when the place cannot hold a file, leaving nothing behind', async () => {
    writeFileSync(join(dir, 'blocker'), '');
    await expect(
      writeCatalogFile(join(dir, 'blocker', 'catalog.json'), embeddedCatalogJson(), {
        keepPrevious: true,
        what: 'refreshed catalog',
      }),
    ).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['blocker']);
  });
});

const NOW = new Date('2026-11-24T12:00:00Z');

describe('readCatalogRef', () => {
  it('knows embedded, cached and previous, and reads anything else as a path', () => {
    expect(catalogOrigin('embedded', env())).toEqual({kind: 'embedded', path: EMBEDDED_CATALOG_PATH});
    expect(catalogOrigin('cached', env())).toEqual({kind: 'cache', path: join(dir, 'cache', 'catalog.json')});
    expect(catalogOrigin('previous', env())).toEqual({kind: 'file', path: join(dir, 'cache', 'catalog.json.previous')});
    expect(catalogOrigin('./embedded', env())).toEqual({kind: 'file', path: './embedded'});
  });

  it('reads the cache by keyword, and says what to do when there is none', async () => {
    await expect(readCatalogRef('previous', env(), NOW)).rejects.toThrow(
      `there is no previous catalog yet (${join(dir, 'cache', 'catalog.json.previous')})`,
    );
    mkdirSync(join(dir, 'cache'));
    writeFileSync(join(dir, 'cache', 'catalog.json'), readFileSync(EMBEDDED_CATALOG_PATH));
    const catalog = await readCatalogRef('cached', env(), NOW);
    expect(catalog.origin).toEqual({kind: 'cache', path: join(dir, 'cache', 'catalog.json')});
    // Without a reference, the default chain: the cache when there is one.
    expect((await readCatalogRef(undefined, env(), NOW)).origin.kind).toBe('cache');
  });
});
