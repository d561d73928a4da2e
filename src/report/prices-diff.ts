import type {PricesDiffResult} from '../catalog/results.js';
import type {BodyOf} from '../contract/index.js';
import {catalogNoteText, tableLabel} from './text.js';
import type {RateChange} from '../catalog/diff.js';
import {dec} from '../money/decimal.js';
import {formatRate} from '../money/format.js';
import type {Format} from './format.js';
import {jsonDocument, type JsonMeta, stringifyJson} from './json.js';
import {describeCatalog, formatSignedPercent, formatSignedRate, percentJson} from './prices-catalog.js';
import {PLAIN, type Style} from './style.js';
import {inertData, inertMarkdown} from './inert.js';
import {wrapText} from './width.js';
import {type Column, csvFigure, renderCsv, renderMarkdownTable, renderTable} from './table.js';

const dash = '–';

function changeJson(change: RateChange) {
  const side = (rate: RateChange['before']) =>
    rate === null
      ? null
      : {
          rate: rate.price,
          usageType: rate.usageType,
          source: rate.source,
          asOf: rate.asOf,
          confidence: rate.confidence,
        };
  return {
    region: change.region,
    table: change.table,
    dimension: change.key,
    status: change.status,
    before: side(change.before),
    after: side(change.after),
    change: change.change?.toString() ?? null,
    percent: percentJson(change.ratio),
  };
}

export function pricesDiffJson(result: PricesDiffResult): BodyOf<'prices-diff'> {
  const {diff} = result;
  const count = (status: RateChange['status']) => diff.changes.filter((change) => change.status === status).length;
  return {
    from: result.from,
    to: result.to,
    summary: {
      changed: count('changed'),
      added: count('added'),
      removed: count('removed'),
      unchanged: diff.unchanged,
      redated: diff.redated,
      regionsAdded: diff.regionsAdded,
      regionsRemoved: diff.regionsRemoved,
    },
    changes: diff.changes.map(changeJson),
    warnings: result.warnings.map(catalogNoteText),
  };
}

export function diffSummary(result: Pick<PricesDiffResult, 'diff'>): string {
  const {diff} = result;
  const count = (status: RateChange['status']) => diff.changes.filter((change) => change.status === status).length;
  const regions = [
    diff.regionsAdded.length > 0 ? `regions added: ${diff.regionsAdded.join(', ')}` : '',
    diff.regionsRemoved.length > 0 ? `regions removed: ${diff.regionsRemoved.join(', ')}` : '',
  ].filter(Boolean);
  return (
    `${count('changed')} changed, ${count('added')} added, ${count('removed')} removed, ${diff.unchanged} unchanged` +
    `${diff.redated > 0 ? ` (${diff.redated} of them with a new date or source)` : ''}` +
    (regions.length > 0 ? `; ${regions.join('; ')}` : '')
  );
}

/** On a narrow terminal the dates and the percentage give way, then the names are cut; the new rate stays. */
const columns: Column[] = [
  {header: 'table', shrink: {order: 4, min: 14}},
  {header: 'dimension', shrink: {order: 3, min: 16}},
  {header: 'old', align: 'right', drop: 5},
  {header: 'new', align: 'right'},
  {header: 'change', align: 'right', drop: 6},
  {header: 'percent', align: 'right', drop: 2},
  {header: 'as of (old → new)', drop: 1},
];

/** Estimated rates move with the rates they derive from: marked, so real price changes stand out. */
const mark = (rate: NonNullable<RateChange['before']>) => (rate.confidence === 'estimated' ? '*' : '');

function row(change: RateChange): string[] {
  return [
    tableLabel(change.table),
    change.key,
    change.before ? `${formatRate(dec(change.before.price))}${mark(change.before)}` : dash,
    change.after ? `${formatRate(dec(change.after.price))}${mark(change.after)}` : dash,
    change.change ? formatSignedRate(change.change) : change.status,
    change.ratio ? formatSignedPercent(change.ratio) : dash,
    `${change.before?.asOf ?? dash} → ${change.after?.asOf ?? dash}`,
  ];
}

const ESTIMATED_NOTE =
  '* estimated: derived from other rates, or read from a source not cross-checked ("prices show --verbose" says how)';
const estimated = (change: RateChange) =>
  change.before?.confidence === 'estimated' || change.after?.confidence === 'estimated';

function byRegion(result: PricesDiffResult): Map<string, RateChange[]> {
  const groups = new Map<string, RateChange[]>();
  for (const change of result.diff.changes) {
    const list = groups.get(change.region) ?? [];
    list.push(change);
    groups.set(change.region, list);
  }
  return groups;
}

function header(result: PricesDiffResult): string[] {
  return [`A: ${describeCatalog(result.from)}`, `B: ${describeCatalog(result.to)}`, diffSummary(result)];
}

/** The terminal table; `width`: a terminal's, which the tables fit and the lines wrap to. */
export function renderPricesDiffTable(raw: PricesDiffResult, style: Style = PLAIN, width?: number): string {
  const result = inertData(raw);
  const out = [style.bold('Price catalog diff'), ...header(result).map((line) => `  ${line}`)];
  for (const [region, changes] of byRegion(result)) {
    out.push('', style.bold(region), renderTable(columns, changes.map(row), style, width));
  }
  if (result.diff.changes.length === 0) out.push('', 'No rate changed.');
  if (result.diff.changes.some(estimated)) out.push('', style.dim(ESTIMATED_NOTE));
  out.push(...result.warnings.map((warning) => style.yellow(`! ${catalogNoteText(warning)}`)));
  return `${wrapText(out.join('\n'), width)}\n`;
}

export function renderPricesDiffMarkdown(raw: PricesDiffResult): string {
  const result = inertData(raw, inertMarkdown);
  const out = ['**Price catalog diff**', '', ...header(result).map((line) => `- ${line}`)];
  for (const [region, changes] of byRegion(result)) {
    out.push('', `**${region}**`, '', renderMarkdownTable(columns, changes.map(row)));
  }
  if (result.diff.changes.length === 0) out.push('', 'No rate changed.');
  if (result.diff.changes.some(estimated)) out.push('', ESTIMATED_NOTE);
  out.push(...result.warnings.map((warning) => `- **warning:** ${catalogNoteText(warning)}`));
  return `${out.join('\n')}\n`;
}

export function renderPricesDiffCsv(result: PricesDiffResult): string {
  return renderCsv(
    [
      'region',
      'table',
      'dimension',
      'status',
      'old_rate',
      'new_rate',
      'change',
      'percent',
      'old_as_of',
      'new_as_of',
      'old_source',
      'new_source',
    ],
    result.diff.changes.map((change) => [
      change.region,
      change.table,
      change.key,
      change.status,
      change.before?.price ?? '',
      change.after?.price ?? '',
      change.change?.toString() ?? '',
      csvFigure(change.ratio?.times(100)),
      change.before?.asOf ?? '',
      change.after?.asOf ?? '',
      change.before?.source ?? '',
      change.after?.source ?? '',
    ]),
  );
}

export function renderPricesDiff(
  result: PricesDiffResult,
  format: Format,
  style: Style = PLAIN,
  width?: number,
  meta?: JsonMeta,
): string {
  switch (format) {
    case 'json':
      return stringifyJson(jsonDocument('prices-diff', pricesDiffJson(result), meta));
    case 'csv':
      return renderPricesDiffCsv(result);
    case 'markdown':
      return renderPricesDiffMarkdown(result);
    case 'table':
      return renderPricesDiffTable(result, style, width);
  }
}
