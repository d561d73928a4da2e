import type {EstimateResult, ServiceEstimate, TaskEstimate} from '../model/estimate.js';
import type {BodyOf} from '../contract/index.js';
import {staleLabel, staleOptionMonth} from './stale.js';
import {formatPercent, formatQuantity} from '../money/format.js';
import type {OptionResult} from '../model/priced.js';
import {formatSize} from '../sizing/sizes.js';
import type {Format} from './format.js';
import {optionJson, rateRefJson, sizeJson, jsonDocument, type JsonMeta, stringifyJson} from './json.js';
import {type Style, PLAIN, createStyle} from './style.js';
import {conversionLine, type MoneyFormat, showAmount, showRate, USD_MONEY} from './money.js';
import {describeWorkload, estimateNoteText, exclusionText, formatStrategy, optionWords, taskNoteText} from './text.js';
import {inertData, inertMarkdown} from './inert.js';
import {wrapText} from './width.js';
import {
  type Cell,
  type Column,
  csvFigure,
  csvMoney,
  painted,
  renderCsv,
  renderMarkdownTable,
  renderTable,
} from './table.js';

export function estimateJson(result: EstimateResult): BodyOf<'estimate'> {
  return {
    options: result.options.map(optionJson),
    tasks: result.tasks.map((task) => ({
      name: task.name,
      source: task.source,
      region: task.region,
      regionOrigin: task.regionOrigin,
      size: sizeJson(task.size),
      billedSecondsPerRun: task.billedSecondsPerRun,
      notes: task.notes.map(taskNoteText),
      options: task.options.map(optionJson),
    })),
    ...(result.set ? setJson(result.set) : {}),
    ...workloadJson(result),
  };
}

/** The schedule and the assumptions, as estimate and diff write them in JSON. */
export function workloadJson(result: Pick<EstimateResult, 'workload' | 'assumptions'>) {
  return {
    workload: {
      count: result.workload.count,
      durationSeconds: result.workload.durationSeconds.toString(),
      runsPerMonth: result.workload.runsPerMonth.toString(),
      monthHours: result.workload.monthHours,
      alwaysOn: result.workload.alwaysOn,
    },
    assumptions: {
      monthHours: result.assumptions.monthHours,
      schedule: describeWorkload(result.workload),
      catalog: result.assumptions.catalog,
      rateDates: result.assumptions.rateDates,
      rates: result.assumptions.rates.map(rateRefJson),
      notes: result.assumptions.notes.map(estimateNoteText),
      warnings: result.assumptions.warnings.map(estimateNoteText),
    },
  };
}

function setJson(set: NonNullable<EstimateResult['set']>) {
  return {
    input: {source: set.input.source, format: set.input.format},
    services: set.services.map((service) => ({
      name: service.name,
      taskSet: service.taskSet,
      source: service.source,
      taskDefinition: service.taskDefinition,
      taskDefinitionVia: service.taskDefinitionVia,
      region: service.region,
      regionOrigin: service.regionOrigin,
      size: sizeJson(service.size),
      taskCount: service.taskCount,
      strategy: service.strategy.map((item) => ({provider: item.provider, base: item.base, weight: item.weight})),
      strategyOrigin: service.strategyOrigin,
      split: {onDemand: service.split.onDemand, spot: service.split.spot},
      notes: service.notes.map(taskNoteText),
      options: service.options.map(optionJson),
    })),
    excluded: set.excluded.map((item) => ({
      kind: item.kind,
      name: item.name,
      source: item.source,
      reason: {...item.reason},
      reasonText: exclusionText(item.reason),
    })),
  };
}

const dash = '–';

const FORMAT_NAMES = {
  'terraform-plan': 'Terraform plan',
  'terraform-state': 'Terraform state',
  cloudformation: 'CloudFormation template',
  'describe-services': 'describe-services output',
} as const;

const ORIGIN_WORDS = {
  strategy: '',
  'launch-type': ' (launch type)',
  'cluster-default': ' (cluster default)',
} as const;

/** What a service costs as it runs: its On-Demand row (FARGATE tasks On-Demand, FARGATE_SPOT tasks at Spot). */
const asRuns = (service: ServiceEstimate) => service.options.find((option) => option.id === 'on-demand');

const serviceColumns: Column[] = [
  {header: 'service', shrink: {order: 5, min: 16}},
  {header: 'runs', shrink: {order: 4, min: 12}, drop: 4},
  {header: 'size', drop: 3},
  {header: 'strategy', shrink: {order: 3, min: 12}, drop: 1},
  {header: 'tasks', align: 'right'},
  {header: 'FARGATE', align: 'right', drop: 2},
  {header: 'Spot', align: 'right', drop: 2},
  {header: 'as it runs', align: 'right'},
];

function serviceRows(services: readonly ServiceEstimate[], style: Style): Cell[][] {
  return services.map((service) => {
    const monthly = asRuns(service)?.monthlyCost;
    return [
      service.taskSet === null ? service.name : `${service.name} (task set ${service.taskSet})`,
      service.taskDefinition,
      describeSize(service.size),
      `${formatStrategy(service.strategy)}${ORIGIN_WORDS[service.strategyOrigin]}`,
      String(service.taskCount),
      String(service.split.onDemand),
      String(service.split.spot),
      monthly ? showAmount(style.money, monthly) : dash,
    ];
  });
}

const excludedLine = (item: {kind: string; name: string}, why: string) =>
  `- ${item.kind === 'service' ? 'service' : 'task definition'} ${item.name}: ${why}`;

/** The set's services and what is not priced, as lines before the totals. */
function setLines(result: EstimateResult, style: Style, width: number | undefined): string[] {
  const set = result.set!;
  const out: string[] = [style.bold(`${set.input.source} (${FORMAT_NAMES[set.input.format]})`), ''];
  if (set.services.length > 0) {
    out.push(style.bold('Services, priced as they run a month (FARGATE tasks On-Demand, FARGATE_SPOT tasks at Spot)'));
    out.push(renderTable(serviceColumns, serviceRows(set.services, style), style, width), '');
  }
  if (set.excluded.length > 0) {
    out.push(style.bold('Not priced'));
    for (const item of set.excluded) out.push(excludedLine(item, exclusionText(item.reason)));
    out.push('');
  }
  if (result.tasks.length > 0) out.push(style.bold('Task definitions no service runs'));
  return out;
}

/** The heading of the totals of a set: every priced item together. */
function setTotalHeading(result: EstimateResult): string {
  const items = result.set!.services.length + result.tasks.length;
  return items === 1 ? 'Total' : `All ${items} priced items`;
}

function describeSize(size: TaskEstimate['size']): string {
  const platform = `${size.os === 'linux' ? 'Linux' : 'Windows'}/${size.arch}`;
  const storage = size.storageGiB > 20 ? `, ${size.storageGiB} GiB storage` : '';
  return `${formatSize(size)}, ${platform}${storage}`;
}

function describeTask(task: TaskEstimate): string {
  return describeSize(task.size);
}

/** On a narrow terminal the commitment, the upfront, the hourly cost and the saving give way; the monthly cost stays. */
const optionColumns: Column[] = [
  {header: 'option', shrink: {order: 5, min: 13}},
  {header: 'monthly', align: 'right'},
  {header: 'hourly', align: 'right', drop: 3},
  {header: 'saving', align: 'right', drop: 4},
  {header: 'upfront', align: 'right', drop: 2},
  {header: 'commit/h', align: 'right', drop: 1},
];

function optionRow(option: OptionResult, style: Style, staleBefore: string): Cell[] {
  const {label, reason} = optionWords(option);
  if (!option.available)
    return [painted(label, style.dim), painted('n/a', style.dim), '', '', '', painted(reason ?? '', style.dim)];
  const saving = option.savingsRatio && !option.savingsRatio.isZero() ? `${formatPercent(option.savingsRatio)}` : dash;
  const stale = staleOptionMonth(option, staleBefore);
  return [
    stale === undefined ? label : painted(staleLabel(label, option.id, stale), style.yellow),
    showAmount(style.money, option.monthlyCost!),
    showAmount(style.money, option.hourlyCost!, 4),
    option.id === 'on-demand' ? dash : saving,
    option.upfront === null ? dash : showAmount(style.money, option.upfront),
    option.commitmentPerHour === null ? dash : showAmount(style.money, option.commitmentPerHour, 4),
  ];
}

function optionsTable(
  options: readonly OptionResult[],
  style: Style,
  width: number | undefined,
  staleBefore: string,
): string {
  const table = renderTable(
    optionColumns,
    options.filter((option) => option.available).map((option) => optionRow(option, style, staleBefore)),
    style,
    width,
  );
  const missing = options
    .filter((option) => !option.available)
    .map((option) => optionWords(option))
    .map(({label, reason}) => `  ${style.dim(`${label}: not available (${reason})`)}`);
  return [table, ...missing].join('\n');
}

const breakdownColumns: Column[] = [
  {header: 'usage type', shrink: {order: 4, min: 16}},
  {header: 'quantity', align: 'right', drop: 2},
  {header: 'rate', align: 'right', drop: 3},
  {header: 'monthly', align: 'right'},
  {header: 'source', shrink: {order: 1, min: 22}, drop: 1},
];

function breakdownRows(option: OptionResult, style: Style): string[][] {
  return option.lines.map((line) => [
    line.usageType,
    `${formatQuantity(line.quantity, 4)} ${line.unit}`,
    `${showRate(style.money, line.rate)}${line.confidence === 'estimated' ? '*' : ''}`,
    showAmount(style.money, line.cost),
    `${line.source} ${line.asOf}`,
  ]);
}

const ESTIMATED_MARK = '* estimated rate (see assumptions)';

/** The On-Demand option's usage lines (the heading says how a set's services are priced in it), or none. */
function onDemandBreakdown(result: EstimateResult): {heading: string; option: OptionResult} | undefined {
  const option = result.options.find((candidate) => candidate.id === 'on-demand' && candidate.available);
  if (!option) return undefined;
  const heading = result.set?.services.some((service) => service.split.spot > 0)
    ? 'On-Demand breakdown (services as they run: their FARGATE_SPOT tasks at Spot)'
    : 'On-Demand breakdown';
  return {heading, option};
}

function breakdown(option: OptionResult, style: Style, width: number | undefined): string {
  const table = renderTable(breakdownColumns, breakdownRows(option, style), style, width);
  return option.lines.some((line) => line.confidence === 'estimated')
    ? `${table}\n${style.dim(ESTIMATED_MARK)}`
    : table;
}

/** The terminal table; `width`: a terminal's, which the tables fit and the lines wrap to. */
export function renderEstimateTable(raw: EstimateResult, style: Style = PLAIN, width?: number): string {
  const result = inertData(raw);
  const out: string[] = result.set ? setLines(result, style, width) : [];
  for (const task of result.tasks) {
    out.push(`${style.bold(task.name)} ${style.dim(`(${task.source})`)}`);
    out.push(`  ${describeTask(task)}, ${task.region}; ${describeWorkload(result.workload)}`);
    out.push('');
    if (result.tasks.length > 1) {
      out.push(optionsTable(task.options, style, width, result.assumptions.catalog.staleBefore), '');
    }
  }
  if (result.set) out.push(style.bold(setTotalHeading(result)));
  else if (result.tasks.length > 1) out.push(style.bold(`All ${result.tasks.length} task definitions`));
  out.push(optionsTable(result.options, style, width, result.assumptions.catalog.staleBefore), '');
  const onDemand = onDemandBreakdown(result);
  if (onDemand) out.push(style.bold(onDemand.heading), breakdown(onDemand.option, style, width), '');
  out.push(...assumptionLines(result, style));
  return `${wrapText(out.join('\n'), width)}\n`;
}

export function assumptionLines(result: EstimateResult, style: Style): string[] {
  const a = result.assumptions;
  const catalogKind = {embedded: 'embedded snapshot', cache: 'refreshed catalog', file: 'catalog'}[a.catalog.kind];
  const dates = [
    a.rateDates.onDemand && `On-Demand as of ${a.rateDates.onDemand}`,
    a.rateDates.spot && `Spot ${a.rateDates.spot}`,
    a.rateDates.savingsPlans && `Savings Plans ${a.rateDates.savingsPlans}`,
  ].filter(Boolean);
  const lines = [
    style.bold('Assumptions'),
    // A set of services alone has no schedule of its own: they run all month.
    result.set && result.tasks.length === 0
      ? `- a month is ${a.monthHours} hours`
      : `- a month is ${a.monthHours} hours; ${describeWorkload(result.workload)}`,
    `- prices: ${catalogKind} ${a.catalog.path} (generated ${a.catalog.generatedAt.slice(0, 10)}, ${a.catalog.ageDays} days old); ${dates.join(', ')}`,
    ...a.notes.map((note) => `- ${estimateNoteText(note)}`),
    ...currencyLines(style),
    ...a.warnings.map((warning) => style.yellow(`! ${estimateNoteText(warning)}`)),
  ];
  return lines;
}

/** Assumption lines as Markdown: a bold heading, bullets, warnings in bold. */
export function markdownAssumptions(lines: readonly string[]): string[] {
  return lines.map((line, i) =>
    i === 0 ? `**${line}**` : line.startsWith('! ') ? `- **warning:** ${line.slice(2)}` : line,
  );
}

/** The assumption line of a conversion, when figures are shown in another currency. */
export function currencyLines(style: Style): string[] {
  const line = conversionLine(style.money);
  return line === null ? [] : [`- ${line}`];
}

/** CSV columns of money name their currency in a last column, when it is not US dollars. */
export function withCurrencyColumn(
  money: MoneyFormat,
  header: readonly string[],
  rows: readonly string[][],
): [string[], string[][]] {
  if (money.conversion === null) return [[...header], rows.map((row) => [...row])];
  return [[...header, 'currency'], rows.map((row) => [...row, money.code])];
}

/** A set's CSV: a row per item and option (services, then task definitions, then the total), a row per item not priced. */
/** An option's CSV cells: id, availability, money to CSV_DECIMALS, the saving in percent, why not available. */
function optionCsvCells(option: OptionResult, money: MoneyFormat): string[] {
  return [
    option.id,
    String(option.available),
    csvMoney(money, option.monthlyCost),
    csvMoney(money, option.hourlyCost),
    csvMoney(money, option.savings),
    csvFigure(option.savingsRatio?.times(100)),
    csvMoney(money, option.commitmentPerHour),
    csvMoney(money, option.upfront),
    optionWords(option).reason ?? '',
  ];
}

function renderSetCsv(result: EstimateResult, money: MoneyFormat): string {
  const set = result.set!;
  const rows: string[][] = [];
  const push = (
    item: string,
    kind: string,
    region: string,
    counts: readonly [string, string, string],
    options: readonly OptionResult[],
  ) => {
    for (const option of options) {
      rows.push([item, kind, region, ...counts, ...optionCsvCells(option, money)]);
    }
  };
  for (const service of set.services) {
    const name = service.taskSet === null ? service.name : `${service.name} (task set ${service.taskSet})`;
    const counts = [String(service.taskCount), String(service.split.onDemand), String(service.split.spot)] as const;
    push(name, 'service', service.region, counts, service.options);
  }
  for (const task of result.tasks)
    push(task.name, 'task-definition', task.region, [String(result.workload.count), '', ''], task.options);
  const regions = [...new Set([...set.services, ...result.tasks].map((item) => item.region))].join(' ');
  push('(all)', 'total', regions, ['', '', ''], result.options);
  for (const item of set.excluded) {
    rows.push([item.name, item.kind, '', '', '', '', '', 'false', '', '', '', '', '', '', exclusionText(item.reason)]);
  }
  const header = [
    'item',
    'kind',
    'region',
    'tasks',
    'fargate_tasks',
    'fargate_spot_tasks',
    'option',
    'available',
    'monthly_cost',
    'hourly_cost',
    'savings',
    'savings_percent',
    'commitment_per_hour',
    'upfront',
    'reason',
  ];
  return renderCsv(...withCurrencyColumn(money, header, rows));
}

export function renderEstimateCsv(result: EstimateResult, money: MoneyFormat = USD_MONEY): string {
  if (result.set) return renderSetCsv(result, money);
  const rows: string[][] = [];
  const push = (task: string, region: string, options: readonly OptionResult[]) => {
    for (const option of options) {
      rows.push([task, region, ...optionCsvCells(option, money)]);
    }
  };
  for (const task of result.tasks) push(task.name, task.region, task.options);
  if (result.tasks.length > 1)
    push('(all)', [...new Set(result.tasks.map((task) => task.region))].join(' '), result.options);
  return renderCsv(
    ...withCurrencyColumn(
      money,
      [
        'task',
        'region',
        'option',
        'available',
        'monthly_cost',
        'hourly_cost',
        'savings',
        'savings_percent',
        'commitment_per_hour',
        'upfront',
        'reason',
      ],
      rows,
    ),
  );
}

export function renderEstimateMarkdown(raw: EstimateResult, money: MoneyFormat = USD_MONEY): string {
  const plain = createStyle(false, money);
  const result = inertData(raw, inertMarkdown);
  const out: string[] = [];
  if (result.set) {
    out.push(`**${result.set.input.source}** (${FORMAT_NAMES[result.set.input.format]})`, '');
    if (result.set.services.length > 0) {
      out.push('**Services**, priced as they run a month (FARGATE tasks On-Demand, FARGATE_SPOT tasks at Spot)', '');
      out.push(renderMarkdownTable(serviceColumns, serviceRows(result.set.services, plain)), '');
    }
    if (result.set.excluded.length > 0) {
      out.push('**Not priced**', '');
      // The reason's words are made from the raw data (escaped and cut there), then made safe for Markdown.
      result.set.excluded.forEach((item, i) => {
        out.push(excludedLine(item, inertMarkdown(exclusionText(raw.set!.excluded[i]!.reason))));
      });
      out.push('');
    }
    if (result.tasks.length > 0) out.push('**Task definitions no service runs**', '');
  }
  for (const task of result.tasks)
    out.push(`**${task.name}**: ${describeTask(task)}, ${task.region}; ${describeWorkload(result.workload)}`);
  out.push('');
  if (result.set) out.push(`**${setTotalHeading(result)}**`, '');
  out.push(
    renderMarkdownTable(
      optionColumns,
      result.options.map((option) => optionRow(option, plain, result.assumptions.catalog.staleBefore)),
    ),
  );
  out.push('');
  const onDemand = onDemandBreakdown(result);
  if (onDemand) {
    out.push(
      `**${onDemand.heading}**`,
      '',
      renderMarkdownTable(breakdownColumns, breakdownRows(onDemand.option, plain)),
    );
    if (onDemand.option.lines.some((line) => line.confidence === 'estimated')) out.push('', ESTIMATED_MARK);
    out.push('');
  }
  out.push(...markdownAssumptions(assumptionLines(result, plain)));
  return `${out.join('\n')}\n`;
}

export function renderEstimate(
  result: EstimateResult,
  format: Format,
  style: Style = PLAIN,
  width?: number,
  meta?: JsonMeta,
): string {
  switch (format) {
    case 'json':
      return stringifyJson(jsonDocument('estimate', estimateJson(result), meta));
    case 'csv':
      return renderEstimateCsv(result, style.money);
    case 'markdown':
      return renderEstimateMarkdown(result, style.money);
    case 'table':
      return renderEstimateTable(result, style, width);
  }
}
