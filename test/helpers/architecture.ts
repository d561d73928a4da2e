import {readdirSync, readFileSync, statSync} from 'node:fs';
import {dirname, join, relative, resolve, sep} from 'node:path';
import ts from 'typescript';

/** The layer table of docs/architecture.md, and a checker of every import against it. */

export interface LayerRule {
  readonly layers: ReadonlySet<string>;
  readonly packages: readonly string[];
}

export interface Violation {
  readonly file: string;
  readonly line: number;
  readonly specifier: string;
  readonly why: string;
}

const cells = (line: string) =>
  line
    .split('|')
    .slice(1, -1)
    .map((cell) => cell.trim().replaceAll('\\*', '*'));

/** Reads the "| layer | may import layers | may import packages |" table. */
export function parseLayerTable(markdown: string): Map<string, LayerRule> {
  const lines = markdown.split('\n');
  const header = lines.findIndex((line) =>
    /^\|\s*layer\s*\|\s*may import layers\s*\|\s*may import packages\s*\|/.test(line),
  );
  if (header === -1) throw new Error('docs/architecture.md has no layer table');
  const rules = new Map<string, LayerRule>();
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const [layer = '', layers = '', packages = ''] = cells(line);
    const list = (text: string) =>
      text
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
    rules.set(layer, {layers: new Set(list(layers)), packages: list(packages)});
  }
  return rules;
}

export function sourceFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** The layer of a file under `srcDir`: its first folder, or the file's own name for a file at the top. */
export function layerOf(srcDir: string, file: string): string {
  const parts = relative(srcDir, file).split(sep);
  return parts.length === 1 ? parts[0]!.replace(/\.(ts|tsx)$/, '') : parts[0]!;
}

function packageAllowed(specifier: string, allowed: readonly string[]): boolean {
  return allowed.some((pattern) =>
    pattern.endsWith('*')
      ? specifier.startsWith(pattern.slice(0, -1))
      : specifier === pattern || specifier.startsWith(`${pattern}/`),
  );
}

/** Every import of every file under `srcDir` (static, dynamic, type-only), checked against the rules. */
export function checkImports(srcDir: string, rules: Map<string, LayerRule>): Violation[] {
  const violations: Violation[] = [];
  for (const file of sourceFiles(srcDir)) {
    const text = readFileSync(file, 'utf8');
    const layer = layerOf(srcDir, file);
    const rule = rules.get(layer);
    const at = relative(resolve(srcDir, '..'), file);
    const info = ts.preProcessFile(text, true, true);
    const lineOf = (pos: number) => text.slice(0, pos).split('\n').length;
    for (const imported of info.importedFiles) {
      const specifier = imported.fileName;
      const line = lineOf(imported.pos);
      const violation = (why: string) => violations.push({file: at, line, specifier, why});
      if (!rule) {
        violation(`the layer "${layer}" is not in the table`);
        continue;
      }
      if (specifier.startsWith('.')) {
        const target = resolve(dirname(file), specifier);
        if (!target.startsWith(resolve(srcDir) + sep)) {
          violation('reaches outside src/');
          continue;
        }
        const targetLayer = layerOf(srcDir, target.replace(/\.js$/, '.ts'));
        if (targetLayer !== layer && !rule.layers.has(targetLayer)) violation(`${layer} may not import ${targetLayer}`);
      } else if (!packageAllowed(specifier, rule.packages)) {
        violation(`${layer} may not import the package ${specifier}`);
      }
    }
  }
  return violations;
}
