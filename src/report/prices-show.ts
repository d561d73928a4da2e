import type {PricesShowResult, ShownRate, ShownRegion} from '../catalog/results.js';
import type {BodyOf} from '../contract/index.js';
import {catalogNoteText, tableLabel} from './text.js';
import {formatRate} from '../money/format.js';
import type {Format} from './format.js';
import {jsonDocument, type JsonMeta, stringifyJson} from './json.js';
import {describeCatalog, describeDates} from './prices-catalog.js';
import {PLAIN, type Style} from './style.js';
import {inertData, inertMarkdown} from './inert.js';
import {wrapText} from './width.js';
import {refreshAdvice} from './refresh-advice.js';
import {type Cell, type Column, painted, renderCsv, renderMarkdownTable, renderTable} from './table.js';

function rateJson(rate: ShownRate) {
  return {
    table: rate.table,
    tableLabel: tableLabel(rate.table),
    dimension: rate.key,
    usageType: rate.usageType,
    unit: rate.unit,
    rate: rate.rate.toString(),
    source: rate.source,
    asOf: rate.asOf,
    ageDays: rate.ageDays,
    confidence: rate.confidence,
    derivation: rate.derivation,
    note: rate.note,
    confirmed: rate.confirmed,
    confirmedBy: rate.confirmedBy,
  };
}

export function pricesShowJson(result: PricesShowResult): BodyOf<'prices-show'> {
  return {
    catalog: result.catalog,
    oldestAsOf: result.oldestAsOf,
    counts: result.counts,
    regions: result.regions.map((region) => ({
      code: region.code,
      name: region.name,
      usageTypePrefix: region.usageTypePrefix,
      oldestAsOf: region.oldestAsOf,
      rates: region.rates.map(rateJson),
    })),
    sources: result.sources,
    warnings: result.warnings.map(catalogNoteText),
  };
}

function header(result: PricesShowResult): string[] {
  const {catalog} = result;
  return [
    `Price catalog: ${describeCatalog(catalog)}`,
    `  ${catalog.generatedBy}; ${catalog.regionCount} regions`,
    `  ${result.counts.rates} rates shown (${result.counts.estimated} estimated); oldest as-of: ${describeDates(result.oldestAsOf)}`,
  ];
}

/** A region listed (Fargate runs there) without a rate: what to do instead of an empty table. */
function unpricedLine(region: ShownRegion): string {
  return `no rates for ${region.code} in this catalog yet: ${refreshAdvice([region.code])}`;
}

function regionTitle(region: ShownRegion): string {
  return `${region.code}  ${region.name}, usage-type prefix ${region.usageTypePrefix}; oldest as-of: ${describeDates(region.oldestAsOf)}`;
}

/**
 * On a narrow terminal the usage type, the source, the unit and the date give way, then the
 * dimension is cut and the confidence left out; the table and the rate stay. A derivation is cut
 * before anything else goes.
 */
function columns(verbose: boolean): Column[] {
  return [
    {header: 'dimension', shrink: {order: 5, min: 19}},
    {header: 'table', shrink: {order: 8, min: 16}},
    {header: 'rate', align: 'right'},
    {header: 'unit', drop: 3},
    {header: 'usage type', drop: 1},
    {header: 'source', drop: 2},
    {header: 'as of', drop: 4},
    {header: 'confidence', drop: 6},
    ...(verbose ? [{header: 'derivation / note', shrink: {order: 0, min: 24}, drop: 7}] : []),
  ];
}

function rows(region: ShownRegion, style: Style, verbose: boolean, repeat: boolean): Cell[][] {
  let previous: ShownRate | undefined;
  return region.rates.map((rate) => {
    // In the terminal table a dimension and a usage type are printed once per group.
    const sameKey = !repeat && previous?.key === rate.key;
    const sameUsage = sameKey && previous?.usageType === rate.usageType;
    previous = rate;
    const estimated = rate.confidence === 'estimated';
    const cells = [
      sameKey ? '' : rate.key,
      tableLabel(rate.table),
      formatRate(rate.rate),
      rate.unit,
      sameUsage ? '' : rate.usageType,
      rate.source,
      rate.asOf,
      rate.confidence,
    ];
    if (verbose) cells.push([rate.derivation ?? rate.note, confirmationText(rate)].filter(Boolean).join('; '));
    // Estimated rates are dimmed, their confidence in yellow.
    return estimated ? cells.map((cell, i) => painted(cell, i === 7 ? style.yellow : style.dim)) : cells;
  });
}

/** "confirmed 2026-09-29 by fgcalc-2021-01": a later reading found the rate unchanged. */
function confirmationText(rate: ShownRate): string | undefined {
  return rate.confirmed === null ? undefined : `confirmed ${rate.confirmed} by ${rate.confirmedBy}`;
}

function sourceLines(result: PricesShowResult): string[] {
  return result.sources.map(
    (source) => `  ${source.id}  ${source.confidence}, ${source.date}: ${source.title} [${source.origin}]`,
  );
}

/** The terminal table; `width`: a terminal's, which the tables fit and the lines wrap to. */
export function renderPricesShowTable(
  raw: PricesShowResult,
  style: Style = PLAIN,
  verbose = false,
  width?: number,
): string {
  const result = inertData(raw);
  const out = header(result).map((line, i) => (i === 0 ? style.bold(line) : line));
  for (const region of result.regions) {
    out.push(
      '',
      style.bold(regionTitle(region)),
      region.rates.length === 0
        ? `  ${style.yellow(unpricedLine(region))}`
        : renderTable(columns(verbose), rows(region, style, verbose, false), style, width),
    );
  }
  out.push('', style.bold('Sources'), ...sourceLines(result));
  if (!verbose && result.counts.estimated > 0)
    out.push(style.dim('estimated rates say how they were derived with --verbose or --format json'));
  out.push(...result.warnings.map((warning) => style.yellow(`! ${catalogNoteText(warning)}`)));
  return `${wrapText(out.join('\n'), width)}\n`;
}

export function renderPricesShowCsv(result: PricesShowResult): string {
  return renderCsv(
    [
      'region',
      'region_name',
      'dimension',
      'table',
      'rate',
      'unit',
      'usage_type',
      'source',
      'as_of',
      'age_days',
      'confidence',
      'derivation',
      'note',
      'confirmed',
      'confirmed_by',
    ],
    result.regions.flatMap((region) =>
      region.rates.map((rate) => [
        region.code,
        region.name,
        rate.key,
        rate.table,
        rate.rate.toString(),
        rate.unit,
        rate.usageType,
        rate.source,
        rate.asOf,
        String(rate.ageDays),
        rate.confidence,
        rate.derivation ?? '',
        rate.note ?? '',
        rate.confirmed ?? '',
        rate.confirmedBy ?? '',
      ]),
    ),
  );
}

export function renderPricesShowMarkdown(raw: PricesShowResult, verbose = false): string {
  const result = inertData(raw, inertMarkdown);
  const out = header(result).map((line, i) => (i === 0 ? `**${line}**` : `- ${line.trim()}`));
  for (const region of result.regions) {
    out.push(
      '',
      `**${regionTitle(region)}**`,
      '',
      region.rates.length === 0
        ? unpricedLine(region)
        : renderMarkdownTable(columns(verbose), rows(region, PLAIN, verbose, true)),
    );
  }
  out.push('', '**Sources**', '', ...sourceLines(result).map((line) => `- ${line.trim()}`));
  out.push(...result.warnings.map((warning) => `- **warning:** ${catalogNoteText(warning)}`));
  return `${out.join('\n')}\n`;
}

export function renderPricesShow(
  result: PricesShowResult,
  format: Format,
  style: Style = PLAIN,
  verbose = false,
  width?: number,
  meta?: JsonMeta,
): string {
  switch (format) {
    case 'json':
      return stringifyJson(jsonDocument('prices-show', pricesShowJson(result), meta));
    case 'csv':
      return renderPricesShowCsv(result);
    case 'markdown':
      return renderPricesShowMarkdown(result, verbose);
    case 'table':
      return renderPricesShowTable(result, style, verbose, width);
  }
}
