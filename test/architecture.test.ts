import ts from 'typescript';
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {checkImports, layerOf, parseLayerTable, sourceFiles} from './helpers/architecture.js';

/** The layer table is docs/architecture.md's; this test holds the code to it. */
const rules = parseLayerTable(readFileSync('docs/architecture.md', 'utf8'));

/** The pure core: everything comes in as arguments (DESIGN.md, "Rules that keep it easy to change"). */
const CORE = ['money', 'model', 'contract', 'sizing', 'catalog', 'billing', 'pricing', 'analysis', 'app'];
const PURE_UI = ['tui/state'];

const PURITY: [RegExp, string][] = [
  [/\bprocess\.(env|argv|stdout|stderr|stdin|exit|cwd)\b/, 'the process environment'],
  [/\bDate\.now\(\)|new Date\(\)/, 'the clock'],
  [/\bMath\.random\(\)/, 'randomness'],
  [/\bparseFloat\(|\.toNumber\(\)/, 'a JavaScript number holding money'],
];

describe('architecture: the layer table of docs/architecture.md', () => {
  it('names every folder of src/', () => {
    const layers = new Set(sourceFiles('src').map((file) => layerOf('src', file)));
    expect([...layers].filter((layer) => !rules.has(layer))).toEqual([]);
  });

  it('holds every import of every file, at every depth', () => {
    const violations = checkImports('src', rules).map((v) => `${v.file}:${v.line} ${v.specifier}: ${v.why}`);
    expect(violations).toEqual([]);
  });

  describe('the check itself', () => {
    const root = mkdtempSync(join(tmpdir(), 'fargate-cost-architecture-'));
    afterAll(() => rmSync(root, {recursive: true, force: true}));
    const plant = (path: string, text: string) => {
      const file = join(root, 'src', path);
      mkdirSync(dirname(file), {recursive: true});
      writeFileSync(file, text);
    };
    plant('app/history.ts', 'export const x = 1;\n');
    plant('billing/meter.ts', "import {Decimal} from '../money/decimal.js';\n");
    plant('money/decimal.ts', "export {Decimal} from 'decimal.js';\n");
    // Three folders deep, a type-only import, a dynamic import: each must be seen.
    plant('billing/deep/er/planted.ts', "import type {x} from '../../../app/history.js';\nexport type Y = typeof x;\n");
    plant('model/planted.ts', "const fs = await import('node:fs');\nexport {fs};\n");

    it('fails on a forbidden import planted at any depth, and passes what the table allows', () => {
      const found = checkImports(join(root, 'src'), rules).map((v) => `${v.file}:${v.line} ${v.why}`);
      expect(found).toEqual([
        'src/billing/deep/er/planted.ts:1 billing may not import app',
        'src/model/planted.ts:1 model may not import the package node:fs',
      ]);
    });
  });
});

describe('architecture: purity', () => {
  const core = [...CORE, ...PURE_UI].flatMap((dir) => sourceFiles(join('src', dir)));

  it('finds the core', () => expect(core.length).toBeGreaterThan(20));

  it.each(PURITY)('the pure core never reaches for %s (%s)', (pattern) => {
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
    const staticSdk = sourceFiles('src').filter((path) =>
      /^import (?!type)[^;]*from ['"]@aws-sdk\//m.test(readFileSync(path, 'utf8')),
    );
    expect(staticSdk).toEqual([]);
  });

  it('loads ink only from the terminal UI', () => {
    const outside = sourceFiles('src')
      .filter((path) => !path.startsWith(join('src', 'tui')))
      .filter((path) => /^import (?!type)[^;]*from ['"](ink|react)['"]/m.test(readFileSync(path, 'utf8')));
    expect(outside).toEqual([]);
  });
});

describe('architecture: the core speaks no flags', () => {
  // cli/ speaks flags and exit codes; the core's errors carry data (model/problems.ts) and report/ words them.
  const core = CORE.flatMap((dir) => sourceFiles(join('src', dir)));

  it('no string in the core names a --flag, and no code sets an exit code', () => {
    const offenders: string[] = [];
    for (const path of core) {
      const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node): void => {
        const at = () => `${path}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
        if (
          (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateLiteralToken(node)) &&
          /(^|[\s"'`(])--[a-z]/.test(node.text)
        ) {
          offenders.push(`${at()}: ${node.text}`);
        }
        if (ts.isIdentifier(node) && (node.text === 'exitCode' || node.text === 'EXIT'))
          offenders.push(`${at()}: ${node.text}`);
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(offenders).toEqual([]);
  });
});
