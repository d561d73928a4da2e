import {readdirSync, readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';

/** The pure core: everything comes in as arguments (DESIGN.md, "Rules that keep it easy to change"). */
const CORE = ['money', 'model', 'sizing', 'catalog', 'billing', 'pricing', 'analysis', 'app'];
const PURE_UI = ['tui/state'];

const FORBIDDEN: [RegExp, string][] = [
  [
    /from ['"](node:)?(fs|fs\/promises|child_process|http|https|net|os|readline|worker_threads)['"]/,
    'file, process or network I/O',
  ],
  [/import\(['"](node:)?(fs|fs\/promises|child_process|http|https|net|os)['"]\)/, 'file, process or network I/O'],
  [/['"]@aws-sdk\//, 'the AWS SDK'],
  [/from ['"](ink|react|ink-testing-library|@inkjs\/ui)['"]/, 'ink or React'],
  [/from ['"]\.\.\/(sources|cli|report|tui)\//, 'an edge module'],
  [/\bprocess\.(env|argv|stdout|stderr|stdin|exit|cwd)\b/, 'the process environment'],
  [/\bDate\.now\(\)|new Date\(\)/, 'the clock'],
  [/\bMath\.random\(\)/, 'randomness'],
  [/\bparseFloat\(|\.toNumber\(\)/, 'a JavaScript number holding money'],
];

function files(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

describe('architecture', () => {
  const core = [...CORE, ...PURE_UI].flatMap((dir) => files(join('src', dir)));

  it('finds the core', () => expect(core.length).toBeGreaterThan(20));

  it.each(FORBIDDEN)('the pure core never reaches for %s (%s)', (pattern) => {
    const offenders = core.flatMap((path) =>
      readFileSync(path, 'utf8')
        .split('\n')
        .map((line, i) => ({line, at: `${path}:${i + 1}`}))
        .filter(({line}) => !line.trim().startsWith('//') && !line.trim().startsWith('*') && pattern.test(line))
        .map(({at, line}) => `${at}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });

  it('loads the AWS SDK only through dynamic import', () => {
    const staticSdk = files('src').filter((path) =>
      /^import (?!type)[^;]*from ['"]@aws-sdk\//m.test(readFileSync(path, 'utf8')),
    );
    expect(staticSdk).toEqual([]);
  });

  it('loads ink only from the terminal UI', () => {
    const outside = files('src')
      .filter((path) => !path.startsWith(join('src', 'tui')))
      .filter((path) => /^import (?!type)[^;]*from ['"](ink|react|@inkjs\/ui)['"]/m.test(readFileSync(path, 'utf8')));
    expect(outside).toEqual([]);
  });
});
