import type {EstimateResult, TaskEstimate} from '../model/estimate.js';
import type {BodyOf} from '../contract/index.js';
import {formatPercent, formatQuantity} from '../money/format.js';
import type {OptionResult} from '../model/priced.js';
import {formatSize} from '../sizing/sizes.js';
import type {Format} from './format.js';
import {optionJson, rateRefJson, sizeJson, jsonDocument, type JsonMeta, stringifyJson} from './json.js';
import {type Style, PLAIN, createStyle} from './style.js';
import {conversionLine, type MoneyFormat, showAmount, showRate, USD_MONEY} from './money.js';
import {describeWorkload, estimateNoteText, optionWords, taskNoteText} from './text.js';
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

const dash = '–';

function describeTask(task: TaskEstimate): string {
  const platform = `${task.size.os === 'linux' ? 'Linux' : 'Windows'}/${task.size.arch}`;
  const storage = task.size.storageGiB > 20 ? `, ${task.size.storageGiB} GiB storage` : '';
  return `${formatSize(task.size)}, ${platform}${storage}`;
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

function optionRow(option: OptionResult, style: Style): Cell[] {
  const {label, reason} = optionWords(option);
  if (!option.available)
    return [painted(label, style.dim), painted('n/a', style.dim), '', '', '', painted(reason ?? '', style.dim)];
  const saving = option.savingsRatio && !option.savingsRatio.isZero() ? `${formatPercent(option.savingsRatio)}` : dash;
  return [
    label,
    showAmount(style.money, option.monthlyCost!),
    showAmount(style.money, option.hourlyCost!, 4),
    option.id === 'on-demand' ? dash : saving,
    option.upfront === null ? dash : showAmount(style.money, option.upfront),
    option.commitmentPerHour === null ? dash : showAmount(style.money, option.commitmentPerHour, 4),
  ];
}

function optionsTable(options: readonly OptionResult[], style: Style, width: number | undefined): string {
  const table = renderTable(
    optionColumns,
    options.filter((option) => option.available).map((option) => optionRow(option, style)),
    style,
    width,
  );
  const missing = options
    .filter((option) => !option.available)
    .map((option) => optionWords(option))
    .map(({label, reason}) => `  ${style.dim(`${label}: not available (${reason})`)}`);
  return [table, ...missing].join('\n');
}

function breakdown(option: OptionResult, style: Style, width: number | undefined): string {
  const rows = option.lines.map((line) => [
    line.usageType,
    `${formatQuantity(line.quantity, 4)} ${line.unit}`,
    `${showRate(style.money, line.rate)}${line.confidence === 'estimated' ? '*' : ''}`,
    showAmount(style.money, line.cost),
    `${line.source} ${line.asOf}`,
  ]);
  const table = renderTable(
    [
      {header: 'usage type', shrink: {order: 4, min: 16}},
      {header: 'quantity', align: 'right', drop: 2},
      {header: 'rate', align: 'right', drop: 3},
      {header: 'monthly', align: 'right'},
      {header: 'source', shrink: {order: 1, min: 22}, drop: 1},
    ],
    rows,
    style,
    width,
  );
  return option.lines.some((line) => line.confidence === 'estimated')
    ? `${table}\n${style.dim('* estimated rate (see assumptions)')}`
    : table;
}

/** The terminal table; `width`: a terminal's, which the tables fit and the lines wrap to. */
export function renderEstimateTable(raw: EstimateResult, style: Style = PLAIN, width?: number): string {
  const result = inertData(raw);
  const out: string[] = [];
  for (const task of result.tasks) {
    out.push(`${style.bold(task.name)} ${style.dim(`(${task.source})`)}`);
    out.push(`  ${describeTask(task)}, ${task.region}; ${describeWorkload(result.workload)}`);
    out.push('');
    if (result.tasks.length > 1) {
      out.push(optionsTable(task.options, style, width), '');
    }
  }
  if (result.tasks.length > 1) out.push(style.bold(`All ${result.tasks.length} task definitions`));
  out.push(optionsTable(result.options, style, width), '');
  const onDemand = result.options.find((option) => option.id === 'on-demand' && option.available);
  if (onDemand) out.push(style.bold('On-Demand breakdown'), breakdown(onDemand, style, width), '');
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
    `- a month is ${a.monthHours} hours; ${describeWorkload(result.workload)}`,
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

export function renderEstimateCsv(result: EstimateResult, money: MoneyFormat = USD_MONEY): string {
  const rows: string[][] = [];
  const push = (task: string, region: string, options: readonly OptionResult[]) => {
    for (const option of options) {
      rows.push([
        task,
        region,
        option.id,
        String(option.available),
        csvMoney(money, option.monthlyCost),
        csvMoney(money, option.hourlyCost),
        csvMoney(money, option.savings),
        csvFigure(option.savingsRatio?.times(100)),
        csvMoney(money, option.commitmentPerHour),
        csvMoney(money, option.upfront),
        optionWords(option).reason ?? '',
      ]);
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
  for (const task of result.tasks)
    out.push(`**${task.name}**: ${describeTask(task)}, ${task.region}; ${describeWorkload(result.workload)}`);
  out.push('');
  out.push(
    renderMarkdownTable(
      optionColumns,
      result.options.map((option) => optionRow(option, plain)),
    ),
  );
  out.push('');
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
