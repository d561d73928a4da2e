import {homedir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {EMBEDDED_CATALOG_PATH, shownCatalogPath} from '../../src/sources/catalog-file.js';
import {relativeToCwd, shownToolPath} from '../../src/sources/shown-path.js';

const cwd = '/home/dev/infra';
const home = '/home/dev';

describe('relativeToCwd: a path the user gave', () => {
  it.each([
    ['/home/dev/infra/web.json', 'web.json'],
    ['/home/dev/infra/task-defs/web.json', join('task-defs', 'web.json')],
    ['/home/dev/infra', '.'],
    ['/home/dev/infra/', '.'],
    // Outside the working directory, and relative paths: as given.
    ['/home/dev/infra-old/web.json', '/home/dev/infra-old/web.json'],
    ['/tmp/plan.json', '/tmp/plan.json'],
    ['../shared/web.json', '../shared/web.json'],
    ['data/examples/history/', 'data/examples/history/'],
    ['-', '-'],
    ['family:3', 'family:3'],
  ])('%s -> %s', (path, shown) => expect(relativeToCwd(path, cwd)).toBe(shown));
});

describe('shownToolPath: a path the tool chose, for display', () => {
  it.each([
    [
      '/home/dev/infra/node_modules/fargate-cost/data/catalog.json',
      join('node_modules', 'fargate-cost', 'data', 'catalog.json'),
    ],
    ['/home/dev/.cache/fargate-cost/catalog.json', join('~', '.cache', 'fargate-cost', 'catalog.json')],
    [
      '/usr/lib/node_modules/fargate-cost/data/catalog.json',
      join('..', '..', '..', 'usr', 'lib', 'node_modules', 'fargate-cost', 'data', 'catalog.json'),
    ],
  ])('%s -> %s', (path, shown) => expect(shownToolPath(path, cwd, home)).toBe(shown));

  it('is never absolute', () => {
    for (const path of ['/', '/home', '/home/dev', '/var/cache/x', '/home/dev/infra']) {
      expect(shownToolPath(path, cwd, home).startsWith('/')).toBe(false);
    }
  });
});

describe('shownCatalogPath', () => {
  it('names the embedded snapshot relative to the working directory', () => {
    expect(shownCatalogPath(EMBEDDED_CATALOG_PATH, {})).toBe(join('data', 'catalog.json'));
  });

  it('names the default cache under ~', () => {
    const env = {XDG_CACHE_HOME: join(homedir(), '.cache')};
    expect(shownCatalogPath(join(homedir(), '.cache', 'fargate-cost', 'catalog.json'), env)).toBe(
      join('~', '.cache', 'fargate-cost', 'catalog.json'),
    );
  });

  it('leaves a cache directory the user chose, outside the working directory, as given', () => {
    const env = {FARGATE_COST_CACHE_DIR: '/srv/fargate-cost'};
    expect(shownCatalogPath('/srv/fargate-cost/catalog.json', env)).toBe('/srv/fargate-cost/catalog.json');
  });
});
