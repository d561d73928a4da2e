import type {HistoryResult, HistoryRow, TopTask} from '../model/history.js';
import type {BodyOf} from '../contract/index.js';
import {EXCLUSION_REASONS} from '../model/task-record.js';
import {D, type Dec} from '../money/decimal.js';
import {formatDuration, formatPercent, formatQuantity} from '../money/format.js';
import type {TaskSize} from '../model/types.js';
import type {OptionResult} from '../model/priced.js';
import {formatSize} from '../sizing/sizes.js';
import {currencyLines, markdownAssumptions, withCurrencyColumn} from './estimate.js';
import {type MoneyFormat, showAdaptive, showAmount, USD_MONEY} from './money.js';
import type {Format} from './format.js';
import {optionJson, rateRefJson, sizeJson, jsonDocument, type JsonMeta, stringifyJson} from './json.js';
import {createStyle, type Style, PLAIN} from './style.js';
import {
  EXCLUSION_LABELS,
  formatStrategy,
  historyNoteText,
  optionLabel,
  optionWords,
  plural,
  priceGapText,
} from './text.js';
import {inertData, inertMarkdown} from './inert.js';
import {wrapText} from './width.js';
import {type Column, csvFigure, csvMoney, renderCsv, renderMarkdownTable, renderTable} from './table.js';

const iso = (ms: number) => new Date(ms).toISOString();
/** `2024-12-24 05:02:51Z`: a UTC instant to the second, for tables. */
const shortTime = (ms: number) => `${iso(ms).slice(0, 19).replace('T', ' ')}Z`;
const str = (value: Dec | null) => (value === null ? null : value.toString());
/** Milliseconds as an exact decimal string of seconds. */
const seconds = (ms: number) => new D(ms).div(1000).toString();
const taskId = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);
const dash = '–';
export const describeSize = (size: TaskSize) =>
  `${formatSize(size)}${size.os === 'windows' ? ' Windows' : ''}${size.arch === 'arm64' ? ' arm64' : ''}${size.storageGiB > 20 ? ` ${size.storageGiB} GiB` : ''}`;

// ---------------------------------------------------------------------------------------------- JSON

function rowJson(row: HistoryRow) {
  return {
    key: row.key,
    kind: row.kind,
    cost: row.cost.toString(),
    onDemandCost: row.onDemandCost.toString(),
    tasks: row.tasks,
    running: row.running,
    taskHours: row.taskHours.toString(),
    vcpuHours: row.vcpuHours.toString(),
    gbHours: row.gbHours.toString(),
    storageGbHours: row.storageGbHours.toString(),
    share: row.share.toString(),
  };
}

function topJson(task: TopTask) {
  return {
    taskArn: task.taskArn,
    group: task.group,
    taskDefinition: task.taskDefinition,
    cluster: task.cluster,
    region: task.region,
    purchase: task.purchase,
    size: sizeJson(task.size),
    pullStartedAt: iso(task.pullStartedAtMs),
    stoppedAt: task.stoppedAtMs === null ? null : iso(task.stoppedAtMs),
    running: task.running,
    billedSeconds: seconds(task.billedMs),
    billedSecondsInWindow: seconds(task.billedMsInWindow),
    cost: task.cost.toString(),
  };
}

export function historyJson(result: HistoryResult): BodyOf<'history'> {
  const projection = result.projection;
  return {
    asOf: iso(result.asOfMs),
    window: result.window && {
      from: iso(result.window.fromMs),
      to: iso(result.window.toMs),
      hours: result.window.hours.toString(),
      fromFlag: result.window.fromFlagMs === null ? null : iso(result.window.fromFlagMs),
      toFlag: result.window.toFlagMs === null ? null : iso(result.window.toFlagMs),
    },
    billed: {
      cost: result.billed.cost.toString(),
      onDemandCost: result.billed.onDemandCost.toString(),
      taskHours: result.billed.taskHours.toString(),
      vcpuHours: result.billed.vcpuHours.toString(),
      gbHours: result.billed.gbHours.toString(),
      storageGbHours: result.billed.storageGbHours.toString(),
    },
    tasks: result.tasks,
    records: result.records,
    groupBy: result.groupBy,
    groups: result.groups.map(rowJson),
    byOption: result.byOption.map(rowJson),
    byDay: result.byDay.map(rowJson),
    top: result.top.map(topJson),
    projection: projection && {
      windowHours: projection.windowHours.toString(),
      hourlyCost: projection.hourlyCost.toString(),
      monthHours: projection.monthHours,
      monthlyCost: projection.monthlyCost.toString(),
      options: projection.options.map(optionJson),
      steadyState: projection.steadyState && {
        monthlyCost: projection.steadyState.monthlyCost.toString(),
        services: projection.steadyState.services.map((service) => ({
          name: service.name,
          region: service.region,
          desiredCount: service.desiredCount,
          strategy: service.strategy.map((item) => ({
            capacityProvider: item.provider,
            base: item.base,
            weight: item.weight,
          })),
          launchType: service.launchType,
          taskDefinition: service.taskDefinition,
          available: service.gap === null,
          reason: service.gap === null ? null : priceGapText(service.gap),
          size: service.size && sizeJson(service.size),
          onDemandTasks: service.onDemandTasks,
          spotTasks: service.spotTasks,
          monthlyCost: str(service.monthlyCost),
        })),
      },
    },
    hourly: result.hourly.map((hour) => ({
      start: iso(hour.startMs),
      options: hour.options.map((option) => ({
        purchase: option.purchase,
        cost: option.cost.toString(),
        onDemandCost: option.onDemandCost.toString(),
        taskHours: option.taskHours.toString(),
        vcpuHours: option.vcpuHours.toString(),
        gbHours: option.gbHours.toString(),
      })),
    })),
    spot: {
      tasks: result.spot.tasks,
      taskHours: result.spot.taskHours.toString(),
      interruptions: result.spot.interruptions,
    },
    imagePull: {
      tasks: result.imagePull.tasks,
      totalSeconds: seconds(result.imagePull.totalMs),
      meanSeconds: str(result.imagePull.meanSeconds),
    },
    sources: result.sources,
    assumptions: {
      ...result.assumptions,
      rates: result.assumptions.rates.map(rateRefJson),
      notes: result.assumptions.notes.map(historyNoteText),
      warnings: result.assumptions.warnings.map(historyNoteText),
    },
  };
}

// ---------------------------------------------------------------------------------------------- text

const GROUP_TITLES: Record<HistoryResult['groupBy'], string> = {
  group: 'By group',
  service: 'By service',
  family: 'By task family',
  cluster: 'By cluster',
  option: 'By purchase option',
  day: 'By day (UTC)',
  region: 'By region',
  'task-definition': 'By task definition',
};

const KEY_HEADERS: Record<HistoryResult['groupBy'], string> = {
  group: 'group',
  service: 'service',
  family: 'family',
  cluster: 'cluster',
  option: 'option',
  day: 'day',
  region: 'region',
  'task-definition': 'task definition',
};

const MAX_DAYS_SHOWN = 31;

function rowsTable(
  header: string,
  rows: readonly HistoryRow[],
  options: {kind: boolean; storage: boolean; money: MoneyFormat},
): {columns: Column[]; cells: string[][]} {
  // On a narrow terminal the kind and the usage figures give way, then the key is cut; the cost stays.
  const columns: Column[] = [
    {header, shrink: {order: 6, min: 12}},
    ...(options.kind ? [{header: 'kind', drop: 1}] : []),
    {header: 'tasks', align: 'right', drop: 7},
    {header: 'task-h', align: 'right', drop: 3},
    {header: 'vCPU-h', align: 'right', drop: 5},
    {header: 'GB-h', align: 'right', drop: 4},
    ...(options.storage ? [{header: 'storage GB-h', align: 'right' as const, drop: 2}] : []),
    {header: 'cost', align: 'right'},
    {header: 'share', align: 'right', drop: 8},
  ];
  const cells = rows.map((row) => [
    row.key,
    ...(options.kind ? [row.kind ?? dash] : []),
    row.running > 0
      ? `${row.tasks.toLocaleString('en-US')} (${row.running} running)`
      : row.tasks.toLocaleString('en-US'),
    formatQuantity(row.taskHours, 2),
    formatQuantity(row.vcpuHours, 2),
    formatQuantity(row.gbHours, 2),
    ...(options.storage ? [formatQuantity(row.storageGbHours, 2)] : []),
    showAdaptive(options.money, row.cost),
    formatPercent(row.share),
  ]);
  return {columns, cells};
}

function topTable(result: HistoryResult, money: MoneyFormat): {columns: Column[]; cells: string[][]} {
  // On a narrow terminal the task id is cut (the group and the start tell runs apart), the start
  // and the option give way, then the group and the size are cut; the cost stays.
  const columns: Column[] = [
    {header: 'task', shrink: {order: 1, min: 8}},
    {header: 'group', shrink: {order: 4, min: 12}},
    {header: 'option', drop: 3},
    {header: 'size', shrink: {order: 5, min: 12}, drop: 6},
    {header: 'pull started', drop: 2},
    {header: 'billed', align: 'right', shrink: {order: 7, min: 11}},
    {header: 'cost', align: 'right'},
  ];
  const clipped = (task: TopTask) => task.billedMsInWindow !== task.billedMs;
  const cells = result.top.map((task) => [
    taskId(task.taskArn),
    task.group,
    task.purchase,
    describeSize(task.size),
    shortTime(task.pullStartedAtMs),
    `${formatDuration(task.billedMs / 1000)}${task.running ? ' (running)' : ''}${clipped(task) ? ` (${formatDuration(task.billedMsInWindow / 1000)} in window)` : ''}`,
    showAdaptive(money, task.cost),
  ]);
  return {columns, cells};
}

const optionColumns: Column[] = [
  {header: 'purchase option', shrink: {order: 3, min: 13}},
  {header: 'monthly', align: 'right'},
  {header: 'saving', align: 'right', drop: 2},
  {header: 'commit/h', align: 'right', drop: 1},
];

function optionCells(options: readonly OptionResult[], money: MoneyFormat): string[][] {
  return options
    .filter((option) => option.available)
    .map((option) => [
      optionLabel(option.id),
      showAmount(money, option.monthlyCost!),
      option.id === 'on-demand' || !option.savingsRatio ? dash : formatPercent(option.savingsRatio),
      option.commitmentPerHour === null ? dash : showAmount(money, option.commitmentPerHour, 4),
    ]);
}

/** What was read and billed, and the window: the report's first two lines (the terminal UI shows them too). */
export function headerLines(result: HistoryResult): string[] {
  const t = result.tasks;
  const sources = result.sources.length === 1 ? result.sources[0]!.path : plural(result.sources.length, 'source');
  const lines = [
    `${sources}: ${plural(result.records.read, 'record')} -> ${plural(t.billed, 'task')} billed${t.running > 0 ? ` (${t.running} running)` : ''}, ${t.excluded.toLocaleString('en-US')} not billed`,
  ];
  const window = result.window;
  lines.push(
    window
      ? `window ${shortTime(window.fromMs)} to ${shortTime(window.toMs)} (${formatQuantity(window.hours, 2)} hours); as of ${iso(result.asOfMs)}`
      : `as of ${iso(result.asOfMs)}`,
  );
  return lines;
}

function billedLines(result: HistoryResult, money: MoneyFormat): string[] {
  const b = result.billed;
  const spotSaving = b.onDemandCost.minus(b.cost);
  return [
    `Billed ${showAdaptive(money, b.cost)}${spotSaving.isZero() ? '' : ` (On-Demand equivalent ${showAdaptive(money, b.onDemandCost)}: Fargate Spot saved ${showAdaptive(money, spotSaving)})`}`,
    `  ${formatQuantity(b.taskHours, 2)} task-hours, ${formatQuantity(b.vcpuHours, 4)} vCPU-hours, ${formatQuantity(b.gbHours, 4)} GB-hours${b.storageGbHours.isZero() ? '' : `, ${formatQuantity(b.storageGbHours, 4)} GB-hours of storage above 20 GiB`}`,
  ];
}

function exclusionLines(result: HistoryResult): string[] {
  const lines: string[] = [];
  for (const reason of EXCLUSION_REASONS) {
    const count = result.tasks.reasons[reason];
    if (count) lines.push(`- ${count.toLocaleString('en-US')}: ${EXCLUSION_LABELS[reason]}`);
  }
  return lines;
}

function recordLine(result: HistoryResult): string | undefined {
  const r = result.records;
  const parts = [
    r.updates > 0 && `${r.updates.toLocaleString('en-US')} updated a task already seen (its latest state kept)`,
    r.duplicates > 0 && `${plural(r.duplicates, 'duplicate')} of tasks already counted`,
    r.ignored > 0 && `${plural(r.ignored, 'event')} of other kinds ignored`,
    r.invalid > 0 && `${plural(r.invalid, 'malformed record')} skipped`,
  ].filter((text): text is string => typeof text === 'string');
  return parts.length > 0 ? `Records: ${r.read.toLocaleString('en-US')} read; ${parts.join('; ')}` : undefined;
}

function projectionLines(result: HistoryResult, style: Style, width?: number): string[] {
  const p = result.projection;
  if (!p) return [];
  const lines = [
    style.bold(`Projection (${p.monthHours}-hour month)`),
    `  as run: ${showAdaptive(style.money, p.hourlyCost)}/h over ${formatQuantity(p.windowHours, 2)} h -> ${style.bold(showAmount(style.money, p.monthlyCost))} a month`,
  ];
  if (p.steadyState) {
    lines.push(
      `  steady state, the services at their desired counts: ${style.bold(showAmount(style.money, p.steadyState.monthlyCost))} a month`,
    );
    for (const service of p.steadyState.services) {
      if (service.gap !== null) {
        lines.push(
          `    ${service.name}: ${service.desiredCount} desired, ${style.dim(`not priced (${priceGapText(service.gap)})`)}`,
        );
        continue;
      }
      const split =
        service.spotTasks > 0 ? ` (${service.onDemandTasks} FARGATE + ${service.spotTasks} FARGATE_SPOT)` : '';
      lines.push(
        `    ${service.name}: ${service.desiredCount} x ${describeSize(service.size!)}${split}, ${formatStrategy(service.strategy)} -> ${showAmount(style.money, service.monthlyCost!)}`,
      );
    }
  }
  lines.push('', renderTable(optionColumns, optionCells(p.options, style.money), style, width));
  for (const option of p.options.filter((o) => !o.available))
    lines.push(`  ${style.dim(`${optionLabel(option.id)}: not available (${optionWords(option).reason})`)}`);
  return lines;
}

function assumptionLines(result: HistoryResult, style: Style): string[] {
  const a = result.assumptions;
  const catalogKind = {embedded: 'embedded snapshot', cache: 'refreshed catalog', file: 'catalog'}[a.catalog.kind];
  const dates = [
    a.rateDates.onDemand && `On-Demand as of ${a.rateDates.onDemand}`,
    a.rateDates.spot && `Spot ${a.rateDates.spot}`,
    a.rateDates.savingsPlans && `Savings Plans ${a.rateDates.savingsPlans}`,
  ].filter(Boolean);
  return [
    style.bold('Assumptions'),
    `- prices: ${catalogKind} ${a.catalog.path} (generated ${a.catalog.generatedAt.slice(0, 10)}, ${a.catalog.ageDays} days old)${dates.length > 0 ? `; ${dates.join(', ')}` : ''}`,
    ...a.notes.map((note) => `- ${historyNoteText(note)}`),
    ...currencyLines(style),
    ...a.warnings.map((warning) => style.yellow(`! ${historyNoteText(warning)}`)),
  ];
}

function sections(result: HistoryResult): {groups: boolean; options: boolean; days: HistoryRow[]; hiddenDays: number} {
  const days = result.groupBy === 'day' ? [] : result.byDay.slice(-MAX_DAYS_SHOWN);
  return {
    groups: result.groups.length > 0,
    options: result.groupBy !== 'option' && result.byOption.length > 0,
    days,
    hiddenDays: result.groupBy === 'day' ? 0 : result.byDay.length - days.length,
  };
}

/** The terminal table; `width`: a terminal's, which the tables fit and the lines wrap to. */
export function renderHistoryTable(raw: HistoryResult, style: Style = PLAIN, width?: number): string {
  const result = inertData(raw);
  const money = style.money;
  const out: string[] = [...headerLines(result), ''];
  const storage = !result.billed.storageGbHours.isZero();
  out.push(...billedLines(result, money).map((line, i) => (i === 0 ? style.bold(line) : line)), '');
  const s = sections(result);
  const kind = result.groupBy === 'group' || result.groupBy === 'service';
  if (s.groups) {
    const table = rowsTable(KEY_HEADERS[result.groupBy], result.groups, {kind, storage, money});
    out.push(style.bold(GROUP_TITLES[result.groupBy]), renderTable(table.columns, table.cells, style, width), '');
  }
  if (s.options) {
    const table = rowsTable('option', result.byOption, {kind: false, storage, money});
    out.push(style.bold('By purchase option'), renderTable(table.columns, table.cells, style, width), '');
  }
  if (s.days.length > 0) {
    const table = rowsTable('day', s.days, {kind: false, storage, money});
    out.push(
      style.bold(
        `By day (UTC)${s.hiddenDays > 0 ? `, last ${s.days.length} of ${result.byDay.length} (all in --format json/csv)` : ''}`,
      ),
      renderTable(table.columns, table.cells, style, width),
      '',
    );
  }
  if (result.top.length > 0) {
    const table = topTable(result, money);
    out.push(
      style.bold(`Top ${result.top.length} task run${result.top.length === 1 ? '' : 's'}`),
      renderTable(table.columns, table.cells, style, width),
      '',
    );
  }
  const projection = projectionLines(result, style, width);
  if (projection.length > 0) out.push(...projection, '');
  const excluded = exclusionLines(result);
  if (excluded.length > 0)
    out.push(style.bold(`Not billed (${result.tasks.excluded.toLocaleString('en-US')} tasks)`), ...excluded);
  const records = recordLine(result);
  if (records) out.push(records);
  if (excluded.length > 0 || records) out.push('');
  out.push(...assumptionLines(result, style));
  return `${wrapText(out.join('\n'), width)}\n`;
}

export function renderHistoryMarkdown(raw: HistoryResult, money: MoneyFormat = USD_MONEY): string {
  const result = inertData(raw, inertMarkdown);
  const plain = createStyle(false, money);
  const out: string[] = [`**History**: ${headerLines(result).join('; ')}`, ''];
  const [billed, usage] = billedLines(result, money);
  out.push(`**${billed}**; ${usage!.trim()}`, '');
  const storage = !result.billed.storageGbHours.isZero();
  const s = sections(result);
  const kind = result.groupBy === 'group' || result.groupBy === 'service';
  const table = (title: string, rows: {columns: Column[]; cells: string[][]}) =>
    out.push(`### ${title}`, '', renderMarkdownTable(rows.columns, rows.cells), '');
  if (s.groups)
    table(GROUP_TITLES[result.groupBy], rowsTable(KEY_HEADERS[result.groupBy], result.groups, {kind, storage, money}));
  if (s.options) table('By purchase option', rowsTable('option', result.byOption, {kind: false, storage, money}));
  if (s.days.length > 0) table('By day (UTC)', rowsTable('day', s.days, {kind: false, storage, money}));
  if (result.top.length > 0) table(`Top ${result.top.length} task runs`, topTable(result, money));
  const projection = projectionLines(result, plain);
  if (projection.length > 0 && result.projection) {
    const bullets = projection
      .slice(1, projection.indexOf(''))
      .map((line) => `${line.startsWith('    ') ? '  ' : ''}- ${line.trim()}`);
    out.push(`### ${projection[0]}`, '', ...bullets, '');
    out.push(renderMarkdownTable(optionColumns, optionCells(result.projection.options, money)), '');
  }
  const excluded = exclusionLines(result);
  if (excluded.length > 0)
    out.push(`**Not billed (${result.tasks.excluded.toLocaleString('en-US')} tasks)**`, '', ...excluded, '');
  const records = recordLine(result);
  if (records) out.push(records, '');
  out.push(...markdownAssumptions(assumptionLines(result, plain)));
  return `${out.join('\n')}\n`;
}

/** One CSV: a `section` column says what each row is (total, group, option, day, top, projection, steady-state, hour). */
export function renderHistoryCsv(result: HistoryResult, money: MoneyFormat = USD_MONEY): string {
  const header = [
    'section',
    'key',
    'purchase',
    'kind',
    'tasks',
    'running',
    'task_hours',
    'vcpu_hours',
    'gb_hours',
    'storage_gb_hours',
    'cost',
    'on_demand_cost',
    'share',
  ];
  const rows: string[][] = [];
  const row = (section: string, r: HistoryRow, purchase = '') =>
    rows.push([
      section,
      r.key,
      purchase,
      r.kind ?? '',
      String(r.tasks),
      String(r.running),
      csvFigure(r.taskHours),
      csvFigure(r.vcpuHours),
      csvFigure(r.gbHours),
      csvFigure(r.storageGbHours),
      csvMoney(money, r.cost),
      csvMoney(money, r.onDemandCost),
      csvFigure(r.share),
    ]);
  const b = result.billed;
  rows.push([
    'total',
    'billed',
    '',
    '',
    String(result.tasks.billed),
    String(result.tasks.running),
    csvFigure(b.taskHours),
    csvFigure(b.vcpuHours),
    csvFigure(b.gbHours),
    csvFigure(b.storageGbHours),
    csvMoney(money, b.cost),
    csvMoney(money, b.onDemandCost),
    csvFigure(new D(result.tasks.billed > 0 ? 1 : 0)),
  ]);
  for (const r of result.groups) row(result.groupBy, r);
  if (result.groupBy !== 'option') for (const r of result.byOption) row('option', r, r.key);
  if (result.groupBy !== 'day') for (const r of result.byDay) row('day', r);
  for (const task of result.top) {
    rows.push([
      'top',
      task.taskArn,
      task.purchase,
      '',
      '1',
      task.running ? '1' : '0',
      csvFigure(new D(task.billedMsInWindow).div(3_600_000)),
      '',
      '',
      '',
      csvMoney(money, task.cost),
      '',
      '',
    ]);
  }
  const p = result.projection;
  if (p) {
    rows.push(['projection', 'as-run', '', '', '', '', '', '', '', '', csvMoney(money, p.monthlyCost), '', '']);
    for (const option of p.options)
      rows.push(['projection', option.id, '', '', '', '', '', '', '', '', csvMoney(money, option.monthlyCost), '', '']);
    for (const service of p.steadyState?.services ?? []) {
      rows.push([
        'steady-state',
        service.name,
        '',
        'service',
        String(service.desiredCount),
        '',
        '',
        '',
        '',
        '',
        csvMoney(money, service.monthlyCost),
        '',
        '',
      ]);
    }
  }
  for (const hour of result.hourly) {
    for (const option of hour.options) {
      rows.push([
        'hour',
        iso(hour.startMs),
        option.purchase,
        '',
        '',
        '',
        csvFigure(option.taskHours),
        csvFigure(option.vcpuHours),
        csvFigure(option.gbHours),
        '',
        csvMoney(money, option.cost),
        csvMoney(money, option.onDemandCost),
        '',
      ]);
    }
  }
  return renderCsv(...withCurrencyColumn(money, header, rows));
}

export function renderHistory(
  result: HistoryResult,
  format: Format,
  style: Style = PLAIN,
  width?: number,
  meta?: JsonMeta,
): string {
  switch (format) {
    case 'json':
      return stringifyJson(jsonDocument('history', historyJson(result), meta));
    case 'csv':
      return renderHistoryCsv(result, style.money);
    case 'markdown':
      return renderHistoryMarkdown(result, style.money);
    case 'table':
      return renderHistoryTable(result, style, width);
  }
}
