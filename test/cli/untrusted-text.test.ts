import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {D} from '../../src/money/decimal.js';
import {embeddedCatalogJson} from '../helpers/catalog.js';
import {runCli} from '../helpers/cli.js';

/**
 * Names from files, catalogs and AWS reach the table, Markdown and CSV inert: a terminal title
 * (OSC), a colour (CSI), a newline, a pipe, a right-to-left override and a spreadsheet formula in
 * a task family, a service, a cluster, a file name and a catalog's source title.
 */
const EVIL = "=cmd|' /C calc'!A0\u001b]0;evil\u0007\u001b[31mred\nline|pipe\u202e";
/** The same as a terminal or a CSV shows it. */
const SHOWN = "=cmd|' /C calc'!A0\\x1b]0;evil\\x07\\x1b[31mred\\nline|pipe\\u202e";
/** And in Markdown: escapes shown as written, and no Markdown syntax (the pipe is a table cell's to escape). */
const SHOWN_MARKDOWN = "=cmd|' /C calc'!A0\\\\x1b\\]0;evil\\\\x07\\\\x1b\\[31mred\\\\nline|pipe\\\\u202e";
/** Anything a terminal would act on, but the output's own line breaks. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const AS_OF = ['--as-of', '2026-11-04T00:00:00Z'];

const tmp = mkdtempSync(join(tmpdir(), 'fargate-cost-untrusted-'));
afterAll(() => rmSync(tmp, {recursive: true, force: true}));

/** One stopped Linux task of the example describe-tasks output, its service, family and cluster named EVIL. */
function historyFile(): string {
  const {tasks} = JSON.parse(readFileSync('data/examples/history/describe-tasks.json', 'utf8'));
  const task = tasks.find((t: {lastStatus: string; platformFamily?: string}) => t.lastStatus === 'STOPPED');
  const path = join(tmp, 'history.json');
  const evil = {
    ...task,
    group: `service:${EVIL}`,
    taskDefinitionArn: `arn:aws:ecs:us-east-1:123456789012:task-definition/${EVIL}:4`,
    clusterArn: `arn:aws:ecs:us-east-1:123456789012:cluster/${EVIL}`,
    // An old-style task ARN: the cluster's name comes from clusterArn.
    taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/cab1c29a0ebd2728bf99f534a23830eb',
  };
  writeFileSync(path, JSON.stringify({tasks: [evil]}));
  return path;
}

/** The example web service, its family EVIL, in a file whose name has an escape and a pipe. */
function taskDefinitionFile(): string {
  const json = JSON.parse(readFileSync('data/examples/web-service.json', 'utf8'));
  json.taskDefinition.family = EVIL;
  const path = join(tmp, 'web\u001b[7m|x.json');
  writeFileSync(path, JSON.stringify(json));
  return path;
}

/** The embedded catalog with EVIL as a source's title and origin, a region's name and a rate's note. */
function catalogFile(): string {
  const json = embeddedCatalogJson();
  const source = json.sources.find((s) => s.id === 'aws-price-list-2025-08')!;
  source.title = EVIL;
  source.origin = EVIL;
  json.regions['us-east-1']!.name = EVIL;
  json.regions['us-east-1']!.onDemand['linux-x86_64-vcpu']!.note = EVIL;
  // A file name can hold an escape too (prices diff names both catalogs).
  const path = join(tmp, 'catalog\u001b[2J.json');
  writeFileSync(path, JSON.stringify(json));
  return path;
}

const history = historyFile();
const taskDefinition = taskDefinitionFile();
const catalog = catalogFile();

async function run(argv: readonly string[], format: string): Promise<string> {
  const {code, stdout, stderr} = await runCli([...argv, '--format', format]);
  expect({code, stderr}).toEqual({code: 0, stderr: ''});
  return stdout;
}

/** The lines of a Markdown table row split as GitHub and markdown-it split them: at each pipe no backslash escapes. */
const markdownColumns = (line: string) => line.split(/(?<!\\)\|/).length;

function expectInertTable(text: string, lineWith = SHOWN): void {
  expect(text).not.toMatch(CONTROL);
  // The name stays whole on one line: its newline did not break the row.
  expect(text.split('\n').some((line) => line.includes(lineWith))).toBe(true);
}

function expectInertMarkdown(text: string): void {
  expect(text).not.toMatch(CONTROL);
  // As written, whether in a line or in a table cell (where its pipe is escaped).
  expect(text.replaceAll('\\|', '|')).toContain(SHOWN_MARKDOWN);
  // Every row of every table has its header's columns.
  let columns = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith('|')) columns = 0;
    else if (columns === 0) columns = markdownColumns(line);
    else expect(markdownColumns(line), line).toBe(columns);
  }
}

/** A CSV parsed as RFC 4180 reads it: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted && char === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (!quoted && (char === ',' || char === '\n')) {
      row.push(field);
      field = '';
      if (char === '\n') {
        rows.push(row);
        row = [];
      }
    } else {
      field += char;
    }
  }
  return rows;
}

/** One line a row; a field that is the name starts with a quote, so a spreadsheet reads text, not a formula. */
function expectInertCsv(text: string, key = SHOWN): void {
  expect(text).not.toMatch(CONTROL);
  const rows = parseCsv(text);
  expect(rows.length).toBe(text.trimEnd().split('\n').length);
  for (const row of rows) expect(row).toHaveLength(rows[0]!.length);
  const cells = rows.flat();
  if (key.startsWith('=')) {
    expect(cells).toContain(`'${key}`);
    expect(text).toContain(`"'${key.replace(/"/g, '""')}"`);
  } else expect(cells).toContain(key);
  // No field a spreadsheet would run.
  for (const cell of cells) if (/^[=+@-]/.test(cell)) expect(cell).toMatch(/^-?\d+(\.\d+)?$/);
}

const GROUP_BY = ['service', 'family', 'cluster'] as const;

describe('history: untrusted names in a history file', () => {
  for (const groupBy of GROUP_BY) {
    const argv = ['history', history, ...AS_OF, '--group-by', groupBy, '--catalog', 'embedded'];
    it(`--group-by ${groupBy}: the table shows the name escaped on its row`, async () => {
      const text = await run(argv, 'table');
      expectInertTable(text);
    });
    it(`--group-by ${groupBy}: Markdown keeps every row and column`, async () => {
      expectInertMarkdown(await run(argv, 'markdown'));
    });
    it(`--group-by ${groupBy}: CSV has one line a row and no formula`, async () => {
      expectInertCsv(await run(argv, 'csv'));
    });
  }

  it('on a 60-column terminal the name is cut as it shows, still inert', async () => {
    const {stdout} = await runCli(['history', history, ...AS_OF, '--group-by', 'family', '--catalog', 'embedded'], {
      isTTY: true,
      columns: 60,
      env: {FORCE_COLOR: '1'},
    });
    // The colours are the report's own (SGR); nothing else reaches the terminal.
    const shown = stdout.replace(/\u001b\[[0-9;]*m/g, '');
    expect(shown).not.toMatch(CONTROL);
    expect(Math.max(...shown.split('\n').map((line) => [...line].length))).toBeLessThanOrEqual(60);
    expect(shown).toMatch(/^=cmd\|' \/C calc'!A0\\x1b\]0;evil.*…/m);
  });

  it('JSON keeps the name exactly', async () => {
    const out = JSON.parse(
      await run(['history', history, ...AS_OF, '--group-by', 'family', '--catalog', 'embedded'], 'json'),
    );
    expect(out.groups[0].key).toBe(EVIL);
  });

  it('compare on the history shows the service inert', async () => {
    const argv = ['compare', history, ...AS_OF, '--catalog', 'embedded'];
    expectInertTable(await run(argv, 'table'));
    expectInertMarkdown(await run(argv, 'markdown'));
    expect(await run(argv, 'csv')).not.toMatch(CONTROL);
  });

  it('CSV money has 6 decimal places, rounded half up; negative figures stay numbers', async () => {
    const rows = parseCsv(
      await run(['history', history, ...AS_OF, '--group-by', 'family', '--catalog', 'embedded'], 'csv'),
    );
    const exact = JSON.parse(
      await run(['history', history, ...AS_OF, '--group-by', 'family', '--catalog', 'embedded'], 'json'),
    );
    const total = rows.find((row) => row[0] === 'total')!;
    const cost = rows[0]!.indexOf('cost');
    // The exact cost (JSON) to the sixth place, half up.
    expect(total[cost]).toBe(new D(exact.billed.cost).toDecimalPlaces(6, D.ROUND_HALF_UP).toFixed(6));
    expect(total[cost]).toMatch(/^\d+\.\d{6}$/);
  });
});

describe('estimate: an untrusted family and file name', () => {
  const argv = ['estimate', taskDefinition, '--catalog', 'embedded'];
  it('table', async () => {
    const text = await run(argv, 'table');
    expectInertTable(text);
    expect(text).toContain('web\\x1b[7m|x.json');
  });
  it('Markdown', async () => {
    const text = await run(argv, 'markdown');
    expectInertMarkdown(text);
  });
  it('CSV', async () => {
    expectInertCsv(await run(argv, 'csv'));
  });
  it('JSON keeps them exactly', async () => {
    const out = JSON.parse(await run(argv, 'json'));
    expect(out.tasks[0]).toMatchObject({name: EVIL, source: taskDefinition});
  });
});

describe('prices show: an untrusted source title, region name and note in a catalog', () => {
  const argv = ['prices', 'show', '--region', 'us-east-1', '--verbose', '--catalog', catalog];
  it('table', async () => {
    const text = await run(argv, 'table');
    expectInertTable(text);
    expect(text).toContain(`us-east-1  ${SHOWN}, usage-type prefix USE1`);
  });
  it('Markdown', async () => {
    expectInertMarkdown(await run(argv, 'markdown'));
  });
  it('CSV', async () => {
    expectInertCsv(await run(argv, 'csv'));
  });
  it('JSON keeps them exactly', async () => {
    const out = JSON.parse(await run(argv, 'json'));
    expect(out.regions[0].name).toBe(EVIL);
    expect(out.sources.find((s: {id: string}) => s.id === 'aws-price-list-2025-08').title).toBe(EVIL);
  });
});

describe('prices diff: an untrusted catalog file name', () => {
  const argv = ['prices', 'diff', 'embedded', catalog];
  it.each(['table', 'markdown', 'csv'])('%s', async (format) => {
    const text = await run(argv, format);
    expect(text).not.toMatch(CONTROL);
    // Markdown shows the escape's backslash escaped.
    if (format !== 'csv') expect(text).toMatch(/catalog\\{1,2}x1b\\{0,1}\[2J\.json/);
  });
});
