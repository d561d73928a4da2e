import {copyFileSync, mkdirSync, mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {CommanderError, type Command} from 'commander';
import {readExploreInputs} from '../../src/cli/commands/explore-action.js';
import type {ExploreFlags} from '../../src/cli/commands/explore.js';
import type {CliIo} from '../../src/cli/io.js';
import {buildProgram} from '../../src/cli/program.js';
import {EMBEDDED_CATALOG_PATH} from '../../src/sources/catalog-file.js';
import {type CliResult, runCli} from './cli.js';

/**
 * The command examples of the documentation and of --help, and how the tests run them: every one
 * runs offline on the example data, except those marked as needing AWS, which must parse.
 */
export interface Example {
  /** `README.md:17`: where the example is. */
  readonly where: string;
  /** The command line as written. */
  readonly line: string;
  /** Its arguments after `fargate-cost`. */
  readonly argv: readonly string[];
  /** What `printf '...' |` feeds it. */
  readonly stdin?: string;
  /** The exit code the text shows (`$ echo $?`), else 0. */
  readonly code: number;
  /** The first line of output the text shows, when it shows one. */
  readonly firstLine?: string;
  readonly needsAws: boolean;
}

/** The marker of an example that calls AWS: a trailing `# needs AWS` comment. */
const NEEDS_AWS = /#\s*needs AWS\b/i;

/** Splits a command line as a POSIX shell does for the quoting used in the docs: '...', "..." and \. */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      word = (word ?? '') + text.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      const end = text.indexOf('"', i + 1);
      word = (word ?? '') + text.slice(i + 1, end).replace(/\\(["\\$`])/g, '$1');
      i = end;
    } else if (c === '\\') {
      word = (word ?? '') + (text[i + 1] ?? '');
      i++;
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** `printf 'X' | fargate-cost ...`, `npm install && npx fargate-cost ...`: the fargate-cost part, and its stdin. */
function parseLine(text: string): {argv: string[]; stdin?: string} | undefined {
  const command = text.replace(/\s+#\s.*$/, '').trim();
  const piped = /^printf\s+'([^']*)'\s*\|\s*(.*)$/.exec(command);
  const rest = piped ? piped[2]! : command;
  const match = /^(?:.*&&\s*)?(?:npx\s+)?fargate-cost(?:\s+(.*))?$/.exec(rest);
  if (!match) return undefined;
  const argv = shellWords(match[1] ?? '');
  return piped ? {argv, stdin: piped[1]!.replace(/\\n/g, '\n')} : {argv};
}

/**
 * Every fargate-cost command line of a Markdown file: the `$ ` lines of `console` blocks (with the
 * output and `$ echo $?` below them) and the lines of `sh` blocks.
 */
export function markdownExamples(markdown: string, file: string): Example[] {
  const examples: Example[] = [];
  const lines = markdown.split('\n');
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    const opening = /^\s*```(\w*)/.exec(text);
    if (opening) {
      fence = fence === undefined ? opening[1]! : undefined;
      continue;
    }
    if (fence !== 'console' && fence !== 'sh') continue;
    const start = i;
    let line = fence === 'console' ? (text.startsWith('$ ') ? text.slice(2) : undefined) : text.trim();
    if (line === undefined || line === '' || line.startsWith('#')) continue;
    while (line.endsWith('\\') && i + 1 < lines.length) line = `${line.slice(0, -1).trimEnd()} ${lines[++i]!.trim()}`;
    const parsed = parseLine(line);
    if (!parsed) continue;
    let code = 0;
    let firstLine: string | undefined;
    if (fence === 'console') {
      const next = lines[i + 1];
      if (next !== undefined && !next.startsWith('$ ') && !next.startsWith('```')) firstLine = next;
      for (let j = i + 1; j < lines.length && !lines[j]!.startsWith('```'); j++) {
        if (lines[j]!.startsWith('$ ') && lines[j] !== '$ echo $?') break;
        if (lines[j] === '$ echo $?') code = Number(lines[j + 1]);
      }
    }
    examples.push({
      where: `${file}:${start + 1}`,
      line,
      ...parsed,
      code,
      ...(firstLine === undefined ? {} : {firstLine}),
      needsAws: NEEDS_AWS.test(line),
    });
  }
  return examples;
}

/** A cache directory holding a refreshed and a previous catalog (the embedded snapshot), for `cached` and `previous`. */
export function exampleCacheDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fargate-cost-examples-'));
  mkdirSync(join(dir, 'cache'));
  copyFileSync(EMBEDDED_CATALOG_PATH, join(dir, 'cache', 'catalog.json'));
  copyFileSync(EMBEDDED_CATALOG_PATH, join(dir, 'cache', 'catalog.json.previous'));
  mkdirSync(join(dir, 'out'));
  mkdirSync(join(dir, 'empty'));
  return dir;
}

function quietIo(): {io: CliIo; result: () => {stdout: string; stderr: string}} {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: {write: (text: string) => (stdout += text), isTTY: false},
    stderr: {write: (text: string) => (stderr += text), isTTY: false},
    stdin: process.stdin,
    env: {FARGATE_COST_CACHE_DIR: '/nonexistent/fargate-cost-test-cache'},
    now: () => new Date('2026-12-01T12:00:00Z'),
  };
  return {io, result: () => ({stdout, stderr})};
}

/**
 * Parses a command line as the CLI does, with every command's work replaced: by nothing (an
 * example that calls AWS), or for explore, which needs a terminal, by reading everything it would show.
 */
async function parseOnly(argv: readonly string[], explore: boolean, cacheDir: string): Promise<CliResult> {
  const {io, result} = quietIo();
  const ioWithCache = {...io, env: {FARGATE_COST_CACHE_DIR: cacheFor(argv, cacheDir)}};
  const program = buildProgram(ioWithCache);
  const stub = (command: Command) => {
    command.action(async () => {});
    command.commands.forEach(stub);
  };
  program.commands.forEach(stub);
  if (explore) {
    program.commands
      .find((command) => command.name() === 'explore')!
      .action(async (paths: string[], flags: ExploreFlags) => {
        await readExploreInputs(paths, flags, ioWithCache);
      });
  }
  try {
    await program.parseAsync([...argv], {from: 'user'});
    return {code: 0, ...result()};
  } catch (error) {
    if (error instanceof CommanderError) return {code: error.exitCode === 0 ? 0 : 2, ...result()};
    return {code: 1, stdout: result().stdout, stderr: `${result().stderr}${String(error)}`};
  }
}

/**
 * The cache directory an example sees: one holding a refreshed and a previous catalog when it names
 * them, else an empty one (the embedded snapshot is then the catalog, as in a fresh install).
 */
function cacheFor(argv: readonly string[], cacheDir: string): string {
  return join(cacheDir, argv.includes('cached') || argv.includes('previous') ? 'cache' : 'empty');
}

/** Runs an example offline (or only parses it, when it needs AWS), writing nothing outside `cacheDir`. */
export async function runExample(example: Example, cacheDir: string): Promise<CliResult> {
  const argv = [...example.argv];
  // A file the example writes goes to the temporary directory (the last --out wins).
  const out = argv.indexOf('--out');
  if (out >= 0) argv.push('--out', join(cacheDir, 'out', argv[out + 1]!.replace(/[/\\]/g, '_')));
  else if (argv[0] === 'prices' && argv[1] === 'snapshot') argv.push('--out', join(cacheDir, 'out', 'catalog.json'));
  if (example.needsAws || argv[0] === 'explore') return parseOnly(argv, !example.needsAws, cacheDir);
  const result = await runCli(argv, {
    ...(example.stdin === undefined ? {} : {stdin: example.stdin}),
    env: {FARGATE_COST_CACHE_DIR: cacheFor(argv, cacheDir)},
    now: new Date('2026-12-01T12:00:00Z'),
  });
  // What it wrote is named as the example names it.
  const written = argv.length > example.argv.length ? argv.at(-1)! : undefined;
  const original = out >= 0 ? example.argv[out + 1]! : 'data/catalog.json';
  const named = (text: string) => (written === undefined ? text : text.replaceAll(written, original));
  return {code: result.code, stdout: named(result.stdout), stderr: named(result.stderr)};
}
