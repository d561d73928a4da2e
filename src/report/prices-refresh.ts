import type {PricesRefreshResult, RefreshWarning, RegionRefresh} from '../catalog/results.js';
import type {BodyOf} from '../contract/index.js';
import {tableLabel} from './text.js';
import type {Format} from './format.js';
import {jsonDocument, type JsonMeta, stringifyJson} from './json.js';
import {diffSummary} from './prices-diff.js';
import {describeCatalog} from './prices-catalog.js';
import {PLAIN, type Style} from './style.js';
import {inertData, inertMarkdown} from './inert.js';
import {wrapText} from './width.js';
import {type Column, renderCsv, renderMarkdownTable, renderTable} from './table.js';

/** Where the refreshed catalog went: filled in by the command after writing. */
export interface RefreshOutput {
  /** The file written, or null on a dry run. */
  readonly path: string | null;
  /** Where the replaced catalog was kept, or null when nothing was replaced. */
  readonly previousPath: string | null;
  /** The `prices diff` arguments that list every change. */
  readonly diffCommand: string | null;
}

export function pricesRefreshJson(result: PricesRefreshResult, output: RefreshOutput): BodyOf<'prices-refresh'> {
  const {diff} = result;
  const count = (status: string) => diff.changes.filter((change) => change.status === status).length;
  return {
    written: output.path,
    previousKept: output.previousPath,
    base: result.base,
    catalogGeneratedAt: result.catalog.generatedAt,
    retrievedOn: result.retrievedOn,
    source: result.source,
    pricingEndpointRegion: result.pricingEndpointRegion,
    sources: [...result.fetchedSources],
    regions: result.regions.map((region) => ({
      code: region.code,
      name: region.name,
      status: region.status,
      onDemandRates: region.onDemand,
      savingsPlanRates: region.savingsPlans,
      spot: region.spot,
      kept: region.kept.map((rate) => ({
        table: rate.table,
        dimension: rate.key,
        rate: rate.price,
        source: rate.source,
        asOf: rate.asOf,
      })),
      estimated: region.estimated,
    })),
    unknownUsageTypes: result.unknownUsageTypes.map(({region, api, usageType}) => ({region, api, usageType})),
    anomalies: result.anomalies,
    changes: {changed: count('changed'), added: count('added'), removed: count('removed'), unchanged: diff.unchanged},
    warnings: result.warnings.map(refreshWarningText),
  };
}

/** A refresh warning in words: the JSON's `warnings` and the lines the table and Markdown end with. */
export function refreshWarningText(warning: RefreshWarning): string {
  switch (warning.kind) {
    case 'prefix-changed':
      return `${warning.region}: the API's usage types use the prefix ${warning.prefix}, the base catalog said ${warning.basePrefix}`;
    case 'spot-feed-outside': {
      const regions = warning.regions.length === 1 ? '1 region' : `${warning.regions.length} regions`;
      return `the Spot feed has prices for ${regions} not in the catalog, not added (no On-Demand rates there): ${warning.regions.join(', ')}`;
    }
    case 'spot-feed-older':
      return warning.fromFeed
        ? `the Spot feed (${warning.feedDate}) is older than the Spot rates it replaced in ${warning.regions.join(', ')}`
        : `the Price List's Spot rates (${warning.feedDate}) are older than the Spot rates they replaced in ${warning.regions.join(', ')}`;
    case 'no-products-kept':
      return `no Fargate products in the Price List response for ${warning.regions.join(', ')}: kept the base catalog's rates`;
    case 'no-products-left-out':
      return `no Fargate products in the Price List response for ${warning.regions.join(', ')}: not added to the catalog`;
    case 'rates-kept': {
      const one = warning.count === 1;
      return `${warning.count} ${one ? 'rate' : 'rates'} the APIs did not return ${one ? 'was' : 'were'} kept from the base catalog with ${one ? 'its' : 'their'} own source and date`;
    }
    case 'spot-kept':
      return `Fargate Spot prices are in no AWS API: kept the base catalog's (the oldest observed ${warning.oldestAsOf}); pass --spot-prices FILE to update them`;
    case 'unknown-usage-types': {
      const listed = warning.usageTypes.map(({usageType, region, api}) => `${usageType} (${region}, ${api})`);
      return `unknown usage types in the response were not priced (please report them): ${listed.join(', ')}`;
    }
  }
}

const STATUS_LABEL: Record<RegionRefresh['status'], string> = {
  refreshed: 'refreshed',
  added: 'added',
  'no-products': 'no products (kept)',
  'not-fetched': 'not fetched',
  'left-out': 'no products (left out)',
};

/** On a narrow terminal the Spot sources are cut, then the counts give way; the region and its status stay. */
const columns: Column[] = [
  {header: 'region'},
  {header: 'status', shrink: {order: 6, min: 9}},
  {header: 'On-Demand', align: 'right', drop: 5},
  {header: 'Savings Plans', align: 'right', drop: 4},
  {header: 'Spot', shrink: {order: 1, min: 12}, drop: 7},
  {header: 'kept', align: 'right', drop: 3},
  {header: 'estimated', align: 'right', drop: 2},
];

function spotCell({spot}: RegionRefresh): string {
  if (spot.count === 0) return 'none';
  const from =
    spot.fromFeed === 0
      ? `${spot.count} from the base`
      : spot.fromBase === 0
        ? `${spot.count} from the feed`
        : `${spot.fromFeed} from the feed, ${spot.fromBase} from the base`;
  return `${from}; oldest ${spot.oldestAsOf}`;
}

function rows(result: PricesRefreshResult): string[][] {
  return result.regions
    .filter((region) => region.status !== 'not-fetched')
    .map((region) => [
      region.code,
      STATUS_LABEL[region.status],
      String(region.onDemand),
      String(region.savingsPlans),
      spotCell(region),
      String(region.kept.length),
      String(region.estimated),
    ]);
}

/** Kept rates listed one by one per region before the rest are summed up. */
const KEPT_LINES = 6;

function lines(result: PricesRefreshResult, output: RefreshOutput): {head: string[]; tail: string[]} {
  const fetched = result.regions.filter((region) => region.status !== 'not-fetched');
  const untouched = result.regions.length - fetched.length;
  const head = [
    result.source === 'public'
      ? `Refreshed the price catalog from AWS's public Price List offer files on ${result.retrievedOn} (${result.pricingEndpointRegion}, no credentials used)`
      : `Refreshed the price catalog from the AWS Price List and Savings Plans APIs on ${result.retrievedOn} (Pricing endpoint ${result.pricingEndpointRegion})`,
    `base: ${describeCatalog(result.base)}`,
    output.path === null
      ? 'dry run: nothing was written'
      : `wrote: ${output.path}${output.previousPath ? ` (the replaced catalog is kept as ${output.previousPath})` : ''}`,
  ];
  const tail: string[] = [];
  if (untouched > 0) tail.push(`${untouched} other regions were not fetched and are kept as they were`);
  tail.push(
    `against the base: ${diffSummary(result)}${output.diffCommand ? `; "fargate-cost prices diff ${output.diffCommand}" lists them` : ''}`,
  );
  for (const region of result.regions) {
    const shown = region.kept.length > KEPT_LINES ? region.kept.slice(0, KEPT_LINES - 1) : region.kept;
    for (const rate of shown)
      tail.push(
        `kept in ${region.code}: ${tableLabel(rate.table)} ${rate.key} ${rate.price} (${rate.source}, ${rate.asOf})`,
      );
    if (shown.length < region.kept.length)
      tail.push(
        `kept in ${region.code}: ${region.kept.length - shown.length} more rates ("--format json" lists them all)`,
      );
  }
  for (const finding of result.unknownUsageTypes)
    tail.push(`unknown usage type in ${finding.region} (${finding.api}): ${finding.usageType}`);
  for (const finding of result.anomalies) tail.push(`not used, ${finding.region} (${finding.api}): ${finding.message}`);
  return {head, tail};
}

/** The terminal table; `width`: a terminal's, which the tables fit and the lines wrap to. */
export function renderPricesRefreshTable(
  rawResult: PricesRefreshResult,
  rawOutput: RefreshOutput,
  style: Style = PLAIN,
  width?: number,
): string {
  // The warnings are worded before they are made inert, as a whole line each.
  const [result, output, warnings] = inertData([
    rawResult,
    rawOutput,
    rawResult.warnings.map(refreshWarningText),
  ] as const);
  const {head, tail} = lines(result, output);
  const out = [
    style.bold(head[0]!),
    ...head.slice(1).map((line) => `  ${line}`),
    '',
    renderTable(columns, rows(result), style, width),
    '',
  ];
  out.push(...tail.map((line) => `- ${line}`));
  out.push(...warnings.map((warning) => style.yellow(`! ${warning}`)));
  return `${wrapText(out.join('\n'), width)}\n`;
}

export function renderPricesRefreshMarkdown(rawResult: PricesRefreshResult, rawOutput: RefreshOutput): string {
  const [result, output, warnings] = inertData(
    [rawResult, rawOutput, rawResult.warnings.map(refreshWarningText)] as const,
    inertMarkdown,
  );
  const {head, tail} = lines(result, output);
  const out = [
    `**${head[0]}**`,
    '',
    ...head.slice(1).map((line) => `- ${line}`),
    '',
    renderMarkdownTable(columns, rows(result)),
    '',
  ];
  out.push(...tail.map((line) => `- ${line}`));
  out.push(...warnings.map((warning) => `- **warning:** ${warning}`));
  return `${out.join('\n')}\n`;
}

export function renderPricesRefreshCsv(result: PricesRefreshResult): string {
  return renderCsv(
    [
      'region',
      'status',
      'on_demand_rates',
      'savings_plan_rates',
      'spot_rates',
      'spot_from_feed',
      'spot_from_base',
      'spot_oldest_as_of',
      'kept',
      'estimated',
    ],
    result.regions.map((region) => [
      region.code,
      region.status,
      String(region.onDemand),
      String(region.savingsPlans),
      String(region.spot.count),
      String(region.spot.fromFeed),
      String(region.spot.fromBase),
      region.spot.oldestAsOf ?? '',
      String(region.kept.length),
      String(region.estimated),
    ]),
  );
}

export function renderPricesRefresh(
  result: PricesRefreshResult,
  output: RefreshOutput,
  format: Format,
  style: Style = PLAIN,
  width?: number,
  meta?: JsonMeta,
): string {
  switch (format) {
    case 'json':
      return stringifyJson(jsonDocument('prices-refresh', pricesRefreshJson(result, output), meta));
    case 'csv':
      return renderPricesRefreshCsv(result);
    case 'markdown':
      return renderPricesRefreshMarkdown(result, output);
    case 'table':
      return renderPricesRefreshTable(result, output, style, width);
  }
}
