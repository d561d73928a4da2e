import type {BodyOf} from '../contract/index.js';
import type {DiffChange, DiffItem, DiffItemSide, DiffResult, OptionCosts} from '../model/diff.js';
import type {ExcludedItem} from '../model/estimate.js';
import type {OptionId} from '../model/types.js';
import type {Dec} from '../money/decimal.js';
import {assumptionLines, markdownAssumptions, withCurrencyColumn, workloadJson} from './estimate.js';
import type {Format} from './format.js';
import {inertData, inertMarkdown} from './inert.js';
import {jsonDocument, type JsonMeta, stringifyJson} from './json.js';
import {type MoneyFormat, showAmount, USD_MONEY} from './money.js';
import {createStyle, PLAIN, type Style} from './style.js';
import {type Column, csvMoney, painted, renderCsv, renderMarkdownTable, renderTable} from './table.js';
import {exclusionText, optionLabel} from './text.js';
import {wrapText} from './width.js';

/** `fargate-cost diff`: a summary (item, status, before, after, change) in one option, every option in total, what changed. */

export const DIFF_MARKER = '<!-- fargate-cost -->';

function costsJson(costs: OptionCosts, options: readonly OptionId[]): Record<string, string | null> {
  return Object.fromEntries(options.map((id) => [id, costs[id]?.toString() ?? null]));
}

function sideJson(side: DiffItemSide | null) {
  if (side === null) return null;
  const f = side.facts;
  return {
    kind: side.kind,
    source: side.source,
    cpuUnits: Number(f.cpu),
    memoryMiB: Number(f.memory),
    storageGiB: Number(f.storage),
    arch: f.arch,
    os: f.os,
    region: f.region,
    taskCount: Number(f['task-count']),
    strategy: f.strategy,
    schedule: f.schedule,
  };
}

const excludedJson = (item: ExcludedItem) => ({
  kind: item.kind,
  name: item.name,
  source: item.source,
  reason: item.reason,
  reasonText: exclusionText(item.reason),
});

export function diffJson(result: DiffResult): BodyOf<'diff'> {
  const o = result.options;
  return {
    options: [...o],
    base: {source: result.base.source, excluded: result.base.excluded.map(excludedJson)},
    head: {source: result.head.source, excluded: result.head.excluded.map(excludedJson)},
    items: result.items.map((item) => ({
      name: item.name,
      status: item.status,
      before: item.before ? costsJson(item.before.costs, o) : null,
      after: item.after ? costsJson(item.after.costs, o) : null,
      delta: costsJson(item.delta, o),
      baseItem: sideJson(item.before),
      headItem: sideJson(item.after),
      changes: item.changes.map((change) => ({...change})),
    })),
    total: {
      before: costsJson(result.total.before, o),
      after: costsJson(result.total.after, o),
      delta: costsJson(result.total.delta, o),
    },
    ...workloadJson(result),
  };
}

/** The option a summary shows: the one asked for, else On-Demand, else the first. */
export function summaryOptionOf(result: DiffResult, wanted: OptionId | undefined): OptionId {
  if (wanted && result.options.includes(wanted)) return wanted;
  return result.options.includes('on-demand') ? 'on-demand' : result.options[0]!;
}

function amount(money: MoneyFormat, value: Dec | null | undefined, missing = '-'): string {
  return value === null || value === undefined ? missing : showAmount(money, value);
}

function signed(money: MoneyFormat, value: Dec | null | undefined): string {
  if (value === null || value === undefined) return 'n/a';
  const text = showAmount(money, value);
  return value.isZero() || text.startsWith('-') ? text : `+${text}`;
}

const FIELD_LABELS: Record<DiffChange['field'], string> = {
  kind: 'kind',
  cpu: 'CPU units',
  memory: 'memory MiB',
  storage: 'storage GiB',
  arch: 'arch',
  os: 'OS',
  region: 'region',
  'task-count': 'tasks',
  strategy: 'strategy',
  schedule: 'schedule',
};

export function changeText(change: DiffChange): string {
  return `${FIELD_LABELS[change.field]} ${change.before} -> ${change.after}`;
}

function itemSummaryRow(item: DiffItem, option: OptionId, style: Style, withChanges: boolean): string[] {
  const row = [
    item.name,
    item.status,
    amount(style.money, item.before ? item.before.costs[option] : null, item.before ? 'n/a' : '-'),
    amount(style.money, item.after ? item.after.costs[option] : null, item.after ? 'n/a' : '-'),
    signed(style.money, item.delta[option]),
  ];
  if (withChanges) row.push(item.changes.map(changeText).join('; ') || '-');
  return row;
}

function totalRow(result: DiffResult, option: OptionId, style: Style, label = 'total'): string[] {
  const {before, after, delta} = result.total;
  return [
    label,
    '',
    amount(style.money, before[option], 'n/a'),
    amount(style.money, after[option], 'n/a'),
    signed(style.money, delta[option]),
  ];
}

function optionRows(result: DiffResult, style: Style): string[][] {
  const {before, after, delta} = result.total;
  return result.options.map((id) => [
    optionLabel(id),
    amount(style.money, before[id], 'n/a'),
    amount(style.money, after[id], 'n/a'),
    signed(style.money, delta[id]),
  ]);
}

const optionColumns: Column[] = [
  {header: 'option', shrink: {order: 1, min: 13}},
  {header: 'before', align: 'right'},
  {header: 'after', align: 'right'},
  {header: 'change', align: 'right'},
];

function excludedLines(result: DiffResult, raw: DiffResult, clean: (text: string) => string): string[] {
  const lines: string[] = [];
  for (const [label, side, rawSide] of [
    ['base', result.base, raw.base],
    ['head', result.head, raw.head],
  ] as const) {
    side.excluded.forEach((item, i) => {
      lines.push(`- ${label}: ${item.name} not priced: ${clean(exclusionText(rawSide.excluded[i]!.reason))}`);
    });
  }
  return lines;
}

function headline(result: DiffResult, option: OptionId, money: MoneyFormat): string {
  const {before, after, delta} = result.total;
  return `${optionLabel(option)} monthly: ${amount(money, before[option], 'n/a')} -> ${amount(money, after[option], 'n/a')} (${signed(money, delta[option])})`;
}

export function renderDiffTable(raw: DiffResult, style: Style = PLAIN, width?: number, wanted?: OptionId): string {
  const result = inertData(raw);
  const option = summaryOptionOf(result, wanted);
  const columns: Column[] = [
    {header: 'item', shrink: {order: 2, min: 12}},
    {header: 'status'},
    {header: 'before', align: 'right'},
    {header: 'after', align: 'right'},
    {header: 'change', align: 'right'},
    {header: 'what changed', shrink: {order: 1, min: 10}},
  ];
  const rows = result.items.map((item) => {
    const row = itemSummaryRow(item, option, style, true);
    const paint = item.status === 'added' || item.status === 'removed' ? style.cyan : (text: string) => text;
    return [row[0]!, painted(row[1]!, paint), row[2]!, row[3]!, row[4]!, row[5]!];
  });
  const out: string[] = [
    `${style.bold('fargate-cost diff')} ${result.base.source} -> ${result.head.source}`,
    style.bold(headline(result, option, style.money)),
    '',
    renderTable(columns, [...rows, [...totalRow(result, option, style), '']], style, width),
    '',
    style.bold('Every purchase option, in total'),
    renderTable(optionColumns, optionRows(result, style), style, width),
    '',
  ];
  const excluded = excludedLines(result, raw, (text) => text);
  if (excluded.length > 0) out.push(style.bold('Not priced'), ...excluded, '');
  out.push(...diffAssumptions(result, style));
  return `${wrapText(out.join('\n'), width)}\n`;
}

function diffAssumptions(result: DiffResult, style: Style): string[] {
  const shaped = {
    assumptions: result.assumptions,
    workload: result.workload,
    tasks: [{}],
  } as unknown as Parameters<typeof assumptionLines>[0];
  return [
    ...assumptionLines(shaped, style),
    '- a changed item is matched by name on both sides; an added or removed one counts as nothing on the other side',
  ];
}

export function renderDiffMarkdown(raw: DiffResult, money: MoneyFormat = USD_MONEY, wanted?: OptionId): string {
  const plain = createStyle(false, money);
  const result = inertData(raw, inertMarkdown);
  const option = summaryOptionOf(result, wanted);
  const columns: Column[] = [
    {header: 'item'},
    {header: 'status'},
    {header: 'before', align: 'right'},
    {header: 'after', align: 'right'},
    {header: 'change', align: 'right'},
  ];
  const rows = result.items.map((item) => itemSummaryRow(item, option, plain, false));
  const total = totalRow(result, option, plain, '**total**');
  const out: string[] = [
    DIFF_MARKER,
    `### Fargate cost: ${headline(result, option, money)}`,
    '',
    renderMarkdownTable(columns, [...rows, total]),
    '',
    '<details><summary>Every purchase option, in total</summary>',
    '',
    renderMarkdownTable(optionColumns, optionRows(result, plain)),
    '',
    '</details>',
    '',
  ];
  const changed = result.items.filter((item) => item.changes.length > 0 || item.status !== 'unchanged');
  if (changed.length > 0) {
    out.push('<details><summary>What changed</summary>', '');
    for (const item of changed) {
      const what =
        item.status === 'added'
          ? 'added'
          : item.status === 'removed'
            ? 'removed'
            : item.changes.map(changeText).join('; ') || 'cost only';
      out.push(`- **${item.name}**: ${what}`);
    }
    out.push('', '</details>', '');
  }
  const excluded = excludedLines(result, raw, inertMarkdown);
  if (excluded.length > 0) out.push('<details><summary>Not priced</summary>', '', ...excluded, '', '</details>', '');
  out.push('<details><summary>Assumptions</summary>', '');
  out.push(`Base: ${result.base.source}; head: ${result.head.source}`, '');
  out.push(...markdownAssumptions(diffAssumptions(result, plain)));
  out.push('', '</details>');
  return `${out.join('\n')}\n`;
}

export function renderDiffCsv(result: DiffResult, money: MoneyFormat = USD_MONEY): string {
  const header = ['item', 'status', 'option', 'before', 'after', 'change', 'what changed'];
  const rows: string[][] = [];
  for (const item of result.items) {
    for (const id of result.options) {
      rows.push([
        item.name,
        item.status,
        id,
        csvMoney(money, item.before ? item.before.costs[id] : null),
        csvMoney(money, item.after ? item.after.costs[id] : null),
        csvMoney(money, item.delta[id]),
        item.changes.map(changeText).join('; '),
      ]);
    }
  }
  for (const id of result.options) {
    rows.push([
      'total',
      '',
      id,
      csvMoney(money, result.total.before[id]),
      csvMoney(money, result.total.after[id]),
      csvMoney(money, result.total.delta[id]),
      '',
    ]);
  }
  const [h, r] = withCurrencyColumn(money, header, rows);
  return renderCsv(h, r);
}

export function renderDiff(
  result: DiffResult,
  format: Format,
  style: Style = PLAIN,
  width?: number,
  meta?: JsonMeta,
  summaryOption?: OptionId,
): string {
  switch (format) {
    case 'json':
      return stringifyJson(jsonDocument('diff', diffJson(result), meta));
    case 'csv':
      return renderDiffCsv(result, style.money);
    case 'markdown':
      return renderDiffMarkdown(result, style.money, summaryOption);
    case 'table':
      return renderDiffTable(result, style, width, summaryOption);
  }
}
