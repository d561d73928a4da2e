import type {BodyOf} from '../contract/index.js';
import {D, type Dec} from '../money/decimal.js';
import {formatPercent, formatQuantity} from '../money/format.js';
import {
  BILL_SKIPS,
  type BillCoverage,
  type BillDimension,
  type BillResult,
  type BillRow,
  type BillSkip,
} from '../model/bill.js';
import type {RateKey} from '../model/types.js';
import type {Format} from './format.js';
import {inertData, inertMarkdown} from './inert.js';
import {jsonDocument, type JsonMeta, stringifyJson} from './json.js';
import {type MoneyFormat, showAdaptive, showAmount, USD_MONEY} from './money.js';
import {createStyle, PLAIN, type Style} from './style.js';
import {type Column, csvFigure, csvMoney, renderCsv, renderMarkdownTable, renderTable} from './table.js';
import {currencyLines, markdownAssumptions, withCurrencyColumn} from './estimate.js';
import {wrapText} from './width.js';
import {plural} from './text.js';

/** `fargate-cost history BILL`: what the bill says Fargate cost, in every format. */

const iso = (ms: number) => new Date(ms).toISOString();
const shortTime = (ms: number) => `${iso(ms).slice(0, 19).replace('T', ' ')}Z`;
const str = (value: Dec | null) => (value === null ? null : value.toString());
const dash = '–';

export const COVERAGE_LABELS: Record<BillCoverage, string> = {
  'on-demand': 'On-Demand',
  'savings-plan': 'Savings Plan',
  spot: 'Fargate Spot',
};

export const SKIP_LABELS: Record<BillSkip, string> = {
  'other-service': 'other services (not AmazonECS)',
  'other-usage-type': 'ECS usage other than Fargate (EC2 launch type metering, ECS Anywhere...)',
  'other-line-type': "taxes, fees and credits that name no Fargate usage type (the service's, not Fargate's alone)",
  'savings-plan-fee': 'Savings Plan upfront fees, and fees of plans that cannot cover Fargate',
  'outside-window': 'outside --from / --to',
  invalid: 'unreadable (a date or an amount that is not one)',
};

const DIMENSION_LABELS: Record<RateKey, {label: string; unit: string}> = {
  'linux-x86_64-vcpu': {label: 'Linux x86 vCPU', unit: 'vCPU-h'},
  'linux-x86_64-memory': {label: 'Linux x86 memory', unit: 'GB-h'},
  'linux-arm64-vcpu': {label: 'Linux arm64 vCPU', unit: 'vCPU-h'},
  'linux-arm64-memory': {label: 'Linux arm64 memory', unit: 'GB-h'},
  'windows-x86_64-vcpu': {label: 'Windows vCPU', unit: 'vCPU-h'},
  'windows-x86_64-memory': {label: 'Windows memory', unit: 'GB-h'},
  'windows-x86_64-os-license': {label: 'Windows licence', unit: 'vCPU-h'},
  storage: {label: 'storage above 20 GiB', unit: 'GB-h'},
};

/** The notes every bill report carries: what the figures are and how they were read. */
export function billNotes(result: BillResult): string[] {
  const notes = [
    "figures are the bill's own: each line item's quantity and cost read to 10 decimal places (the CUR's own precision) and summed exactly",
    "paid is what the usage cost: On-Demand and Spot lines as charged, covered lines at their Savings Plan's effective cost; charged is the unblended cost, Savings Plan negations included",
    'hours and days are UTC, from each line item usage start date',
  ];
  if (result.granularity !== 'hourly') {
    notes.push(
      `the export is ${result.granularity}: there is no hour-by-hour view, and compare needs an hourly export (Data Exports: time granularity Hourly)`,
    );
  }
  if (result.lines.withoutResource > 0) {
    notes.push(
      `${plural(result.lines.withoutResource, 'line item')} carry no resource ID (the export was made without "Include resource IDs"): grouped as "unknown"`,
    );
  }
  if (result.utilisation.length === 0) {
    notes.push('no split cost allocation data (split_line_item_actual_usage): measured use is not known');
  }
  if (result.savingsPlans.commitment.isZero() && !result.totals.savingsPlan.isZero()) {
    notes.push(
      result.lines.commitments > 0
        ? 'the Savings Plan fee lines carry no commitment (FOCUS has no commitment columns): utilization is not known'
        : "no Savings Plan recurring-fee lines: utilization is not known (they are in the payer account's export)",
    );
  }
  if (!result.totals.spot.isZero()) {
    notes.push(
      "Spot lines count at the export's own pricing_public_on_demand_cost, which for Fargate Spot may be the Spot price: the saving against On-Demand is then understated (history on the task records prices Spot's On-Demand equivalent)",
    );
  }
  if (result.projection) {
    notes.push(`the projection scales the window's paid rate to a ${result.projection.monthHours}-hour month`);
  }
  return notes;
}

// ---------------------------------------------------------------------------------------------- JSON

function rowJson(row: BillRow) {
  return {
    key: row.key,
    tasks: row.tasks,
    charged: row.charged.toString(),
    paid: row.paid.toString(),
    publicOnDemand: row.publicOnDemand.toString(),
    vcpuHours: row.vcpuHours.toString(),
    gbHours: row.gbHours.toString(),
    storageGbHours: row.storageGbHours.toString(),
    lines: row.lines,
    share: row.share.toString(),
  };
}

export function billJson(result: BillResult): BodyOf<'bill'> {
  const t = result.totals;
  const sp = result.savingsPlans;
  return {
    window: result.window && {
      from: iso(result.window.fromMs),
      to: iso(result.window.toMs),
      hours: result.window.hours.toString(),
    },
    granularity: result.granularity,
    billCurrency: result.currency,
    accounts: result.accounts,
    sources: result.sources.map((source) => ({...source, billingPeriods: [...source.billingPeriods]})),
    lines: result.lines,
    totals: {
      charged: t.charged.toString(),
      paid: t.paid.toString(),
      publicOnDemand: t.publicOnDemand.toString(),
      vcpuHours: t.vcpuHours.toString(),
      gbHours: t.gbHours.toString(),
      storageGbHours: t.storageGbHours.toString(),
      lines: t.lines,
      onDemand: t.onDemand.toString(),
      savingsPlan: t.savingsPlan.toString(),
      spot: t.spot.toString(),
      adjustments: t.adjustments.toString(),
      savings: t.savings.toString(),
    },
    byCoverage: result.byCoverage.map(rowJson),
    groups: result.groups.map(rowJson),
    byDay: result.byDay.map(rowJson),
    dimensions: result.dimensions.map((d) => ({
      region: d.region,
      dimension: d.key,
      coverage: d.coverage,
      usage: d.usage.toString(),
      charged: d.charged.toString(),
      paid: d.paid.toString(),
      publicOnDemand: d.publicOnDemand.toString(),
      lines: d.lines,
    })),
    hourly: result.hourly.map((hour) => ({
      start: iso(hour.startMs),
      paid: hour.paid.toString(),
      publicOnDemand: hour.publicOnDemand.toString(),
      coveredOnDemand: hour.coveredOnDemand.toString(),
      uncoveredOnDemand: hour.uncoveredOnDemand.toString(),
      coverage: str(hour.coverage),
      commitment: hour.commitment && {
        total: hour.commitment.total.toString(),
        used: hour.commitment.used.toString(),
        fargate: hour.commitment.fargate.toString(),
        utilization: str(hour.commitment.utilization),
      },
    })),
    savingsPlans: {
      coverage: str(sp.coverage),
      utilization: str(sp.utilization),
      commitment: sp.commitment.toString(),
      used: sp.used.toString(),
      fargate: sp.fargate.toString(),
    },
    measured: result.utilisation.map((u) => ({
      group: u.group,
      vcpu: u.vcpu && {
        actual: u.vcpu.actual.toString(),
        reserved: u.vcpu.reserved.toString(),
        ratio: str(u.vcpu.ratio),
      },
      memory: u.memory && {
        actual: u.memory.actual.toString(),
        reserved: u.memory.reserved.toString(),
        ratio: str(u.memory.ratio),
      },
    })),
    projection: result.projection && {
      monthHours: result.projection.monthHours,
      monthlyPaid: result.projection.monthlyPaid.toString(),
      monthlyPublicOnDemand: result.projection.monthlyPublicOnDemand.toString(),
    },
    notes: billNotes(result),
  };
}

// ---------------------------------------------------------------------------------------------- text

/** A breakdown's table (by coverage, group or day): its columns and cells, for renderTable. */
export function billRowsTable(
  header: string,
  rows: readonly BillRow[],
  money: MoneyFormat,
  tasks: boolean,
  storage: boolean,
) {
  const columns: Column[] = [
    {header, shrink: {order: 6, min: 12}},
    ...(tasks ? [{header: 'tasks', align: 'right' as const, drop: 6}] : []),
    {header: 'vCPU-h', align: 'right', drop: 4},
    {header: 'GB-h', align: 'right', drop: 3},
    ...(storage ? [{header: 'storage GB-h', align: 'right' as const, drop: 2}] : []),
    {header: 'public OD', align: 'right', drop: 5},
    {header: 'paid', align: 'right'},
    {header: 'share', align: 'right', drop: 7},
  ];
  const cells = rows.map((row) => [
    row.key,
    ...(tasks ? [row.tasks === null ? dash : row.tasks.toLocaleString('en-US')] : []),
    formatQuantity(row.vcpuHours, 2),
    formatQuantity(row.gbHours, 2),
    ...(storage ? [formatQuantity(row.storageGbHours, 2)] : []),
    showAdaptive(money, row.publicOnDemand),
    showAdaptive(money, row.paid),
    formatPercent(row.share),
  ]);
  return {columns, cells};
}

function dimensionTable(dimensions: readonly BillDimension[], money: MoneyFormat, regions: boolean) {
  const columns: Column[] = [
    ...(regions ? [{header: 'region', drop: 4}] : []),
    {header: 'dimension', shrink: {order: 3, min: 10}},
    {header: 'paid as', drop: 3},
    {header: 'usage', align: 'right'},
    {header: 'charged', align: 'right', drop: 2},
    {header: 'paid', align: 'right'},
  ];
  const cells = dimensions.map((d) => [
    ...(regions ? [d.region] : []),
    DIMENSION_LABELS[d.key].label,
    COVERAGE_LABELS[d.coverage],
    `${formatQuantity(d.usage, 4)} ${DIMENSION_LABELS[d.key].unit}`,
    showAdaptive(money, d.charged),
    showAdaptive(money, d.paid),
  ]);
  return {columns, cells};
}

/** What was read (sources, formats, line items by kind) and the window. */
export function billHeaderLines(result: BillResult): string[] {
  const sources = result.sources.length === 1 ? result.sources[0]!.path : plural(result.sources.length, 'source');
  const formats = [...new Set(result.sources.map((source) => source.format))].join(', ');
  const l = result.lines;
  const other = l.read - l.fargate - l.negations - l.commitments - l.adjustments;
  const parts = [
    `${l.fargate.toLocaleString('en-US')} Fargate usage`,
    l.negations > 0 && plural(l.negations, 'Savings Plan negation'),
    l.commitments > 0 && plural(l.commitments, 'Savings Plan fee'),
    l.adjustments > 0 && `${l.adjustments.toLocaleString('en-US')} credits, discounts or tax on Fargate`,
    `${other.toLocaleString('en-US')} other`,
  ].filter((part): part is string => typeof part === 'string');
  const lines = [
    `${sources} (${formats}, ${result.granularity}): ${plural(l.read, 'line item')} -> ${parts.join(', ')}`,
  ];
  const w = result.window;
  if (w) lines.push(`window ${shortTime(w.fromMs)} to ${shortTime(w.toMs)} (${formatQuantity(w.hours, 2)} hours)`);
  return lines;
}

const NO_USAGE = 'no Fargate usage in the window';

/** Whether the window has Fargate usage to show: without, the words are the header and one line saying so. */
export const billHasUsage = (result: BillResult) => result.lines.fargate > 0;

/** The headline: paid, public On-Demand and saved; then by coverage and charged; then the usage. */
export function billTotalLines(result: BillResult, money: MoneyFormat): string[] {
  if (!billHasUsage(result)) return [NO_USAGE];
  const t = result.totals;
  const saved = t.publicOnDemand.isZero() ? null : t.savings.div(t.publicOnDemand);
  const parts = [
    !t.onDemand.isZero() && `On-Demand ${showAdaptive(money, t.onDemand)}`,
    !t.savingsPlan.isZero() && `Savings Plan ${showAdaptive(money, t.savingsPlan)} (effective)`,
    !t.spot.isZero() && `Spot ${showAdaptive(money, t.spot)}`,
  ].filter((part): part is string => typeof part === 'string');
  return [
    `Paid ${showAdaptive(money, t.paid)} for Fargate${saved === null ? '' : ` (public On-Demand ${showAdaptive(money, t.publicOnDemand)}: ${showAdaptive(money, t.savings)} saved, ${formatPercent(saved)})`}`,
    `  ${parts.join(', ')}; charged (unblended) ${showAdaptive(money, t.charged)}${t.adjustments.isZero() ? '' : `; credits, discounts and tax ${showAdaptive(money, t.adjustments)}`}`,
    `  ${formatQuantity(t.vcpuHours, 4)} vCPU-hours, ${formatQuantity(t.gbHours, 4)} GB-hours${t.storageGbHours.isZero() ? '' : `, ${formatQuantity(t.storageGbHours, 4)} GB-hours of storage above 20 GiB`}`,
  ];
}

/** The Savings Plans' coverage and utilization (indented under a title); empty when the bill shows no plan. */
export function billSavingsPlanLines(result: BillResult, money: MoneyFormat): string[] {
  const sp = result.savingsPlans;
  if (sp.coverage === null && sp.commitment.isZero()) return [];
  const lines: string[] = [];
  if (sp.coverage !== null) {
    lines.push(
      `  coverage: ${formatPercent(sp.coverage)} of the On-Demand-priced usage (at public On-Demand cost) was covered`,
    );
  }
  if (!sp.commitment.isZero()) {
    const hours = result.hourly.filter((hour) => hour.commitment !== null && !hour.commitment.total.isZero()).length;
    const unused = sp.commitment.minus(sp.used);
    const unusedText = unused.gt(0) ? `, ${showAdaptive(money, unused)} unused (not in paid)` : '';
    lines.push(
      `  utilization: ${sp.utilization === null ? dash : formatPercent(sp.utilization)} of ${showAdaptive(money, sp.commitment)} committed over ${plural(hours, 'hour')}: ${showAdaptive(money, sp.used)} used (Fargate ${showAdaptive(money, sp.fargate)})${unusedText}`,
    );
  }
  return lines;
}

/** Hours a Savings Plan touched: covered usage, or a fee line. */
function planHours(result: BillResult, money: MoneyFormat, most = Number.POSITIVE_INFINITY) {
  const all = result.hourly.filter((hour) => hour.commitment !== null || !hour.coveredOnDemand.isZero());
  // The hours with covered usage first (they say how the plans were applied), then the latest others; in time order.
  const covered = all.filter((hour) => !hour.coveredOnDemand.isZero());
  const rest = all.filter((hour) => hour.coveredOnDemand.isZero());
  const kept = new Set([...covered.slice(-most), ...rest.slice(-Math.max(0, most - covered.length))]);
  const hours = all.filter((hour) => kept.has(hour));
  const columns: Column[] = [
    {header: 'hour (UTC)'},
    {header: 'covered OD', align: 'right', drop: 3},
    {header: 'uncovered OD', align: 'right', drop: 4},
    {header: 'coverage', align: 'right'},
    {header: 'committed', align: 'right', drop: 2},
    {header: 'used', align: 'right', drop: 1},
    {header: 'utilization', align: 'right'},
  ];
  const cells = hours.map((hour) => [
    shortTime(hour.startMs).slice(0, 16),
    showAdaptive(money, hour.coveredOnDemand),
    showAdaptive(money, hour.uncoveredOnDemand),
    hour.coverage === null ? dash : formatPercent(hour.coverage),
    hour.commitment && !hour.commitment.total.isZero() ? showAdaptive(money, hour.commitment.total) : dash,
    hour.commitment && !hour.commitment.total.isZero() ? showAdaptive(money, hour.commitment.used) : dash,
    hour.commitment?.utilization ? formatPercent(hour.commitment.utilization) : dash,
  ]);
  return {columns, cells, total: all.length};
}

/** Measured against reserved usage, by group (split cost allocation data): columns and cells. */
export function billUtilisationTable(result: BillResult) {
  const columns: Column[] = [
    {header: 'group', shrink: {order: 3, min: 12}},
    {header: 'vCPU used', align: 'right'},
    {header: 'of reserved vCPU-h', align: 'right', drop: 2},
    {header: 'memory used', align: 'right'},
    {header: 'of reserved GB-h', align: 'right', drop: 1},
  ];
  const side = (s: {actual: Dec; reserved: Dec; ratio: Dec | null} | null) =>
    s === null ? [dash, dash] : [s.ratio === null ? dash : formatPercent(s.ratio), formatQuantity(s.reserved, 2)];
  const cells = result.utilisation.map((u) => [u.group, ...side(u.vcpu), ...side(u.memory)]);
  return {columns, cells};
}

function skippedLines(result: BillResult): string[] {
  const lines: string[] = [];
  for (const reason of BILL_SKIPS) {
    const count = result.lines.skipped[reason];
    if (count) lines.push(`- ${count.toLocaleString('en-US')}: ${SKIP_LABELS[reason]}`);
  }
  return lines;
}

/** The projection to a month: a title and a line; empty without one. */
export function billProjectionLines(result: BillResult, style: Style): string[] {
  const p = result.projection;
  if (!p || !result.window) return [];
  return [
    style.bold(`Projection (${p.monthHours}-hour month)`),
    `  as billed: ${showAdaptive(style.money, result.totals.paid.div(result.window.hours))}/h over ${formatQuantity(result.window.hours, 2)} h -> ${style.bold(showAmount(style.money, p.monthlyPaid))} a month (public On-Demand ${showAmount(style.money, p.monthlyPublicOnDemand)})`,
  ];
}

const MAX_DAYS_SHOWN = 31;
const MAX_PLAN_HOURS_SHOWN = 24;

interface Section {
  readonly title: string;
  readonly table: {columns: Column[]; cells: string[][]};
}

function tableSections(result: BillResult, money: MoneyFormat): Section[] {
  const storage = !result.totals.storageGbHours.isZero();
  const regions = new Set(result.dimensions.map((d) => d.region)).size > 1;
  const days = result.byDay.slice(-MAX_DAYS_SHOWN);
  const sections: Section[] = [
    {
      title: 'By coverage',
      table: billRowsTable(
        'paid as',
        result.byCoverage.map((row) => ({...row, key: COVERAGE_LABELS[row.key as BillCoverage] ?? row.key})),
        money,
        false,
        storage,
      ),
    },
    {title: 'By group', table: billRowsTable('group', result.groups, money, true, storage)},
  ];
  if (result.byDay.length > 1) {
    const hidden = result.byDay.length - days.length;
    sections.push({
      title: `By day (UTC)${hidden > 0 ? `, last ${days.length} of ${result.byDay.length} (all in --format json/csv)` : ''}`,
      table: billRowsTable('day', days, money, false, storage),
    });
  }
  sections.push({title: 'By dimension', table: dimensionTable(result.dimensions, money, regions)});
  const plan = planHours(result, money, MAX_PLAN_HOURS_SHOWN);
  if (plan.cells.length > 0) {
    const hidden = plan.total - plan.cells.length;
    sections.push({
      title: `Savings Plans, hour by hour${hidden > 0 ? `, ${plan.cells.length} of ${plan.total} hours: those with covered usage first (all in --format json)` : ''}`,
      table: {columns: plan.columns, cells: plan.cells},
    });
  }
  if (result.utilisation.length > 0) {
    sections.push({
      title: 'Measured against reserved (split cost allocation data)',
      table: billUtilisationTable(result),
    });
  }
  return sections;
}

/** How the bill's money is shown: the style's (US dollars, or converted), or the bill's own currency as it is. */
export function billMoney(result: BillResult, style: Style): MoneyFormat {
  return result.currency === 'USD'
    ? style.money
    : {code: result.currency, conversion: null, digits: 2, symbol: `${result.currency} `};
}

const forWords = (raw: BillResult): BillResult => ({...raw, profile: {series: [], hours: []}, components: []});

/** The result as the words show it: its texts (paths, group names) inert, without the profiles only compare reads. */
export const billForWords = (raw: BillResult): BillResult => inertData(forWords(raw));

export function renderBillTable(raw: BillResult, style: Style = PLAIN, width?: number): string {
  const result = billForWords(raw);
  const money = billMoney(result, style);
  const out: string[] = [...billHeaderLines(result), ''];
  out.push(...billTotalLines(result, money).map((line, i) => (i === 0 ? style.bold(line) : line)), '');
  if (billHasUsage(result)) {
    const sp = billSavingsPlanLines(result, money);
    if (sp.length > 0) out.push(style.bold('Savings Plans'), ...sp, '');
    for (const section of tableSections(result, money)) {
      out.push(style.bold(section.title), renderTable(section.table.columns, section.table.cells, style, width), '');
    }
    const projection = billProjectionLines(result, {...style, money});
    if (projection.length > 0) out.push(...projection, '');
  }
  const skipped = skippedLines(result);
  if (skipped.length > 0) {
    const total = Object.values(result.lines.skipped).reduce((a, b) => a + (b ?? 0), 0);
    out.push(style.bold(`Skipped (${plural(total, 'line item')}, counted, not Fargate usage)`), ...skipped, '');
  }
  out.push(style.bold('Notes'), ...billNotes(result).map((note) => `- ${note}`), ...currencyLines(style));
  return `${wrapText(out.join('\n'), width)}\n`;
}

export function renderBillMarkdown(raw: BillResult, baseMoney: MoneyFormat = USD_MONEY): string {
  const result = inertData(forWords(raw), inertMarkdown);
  const plain = createStyle(false, baseMoney);
  const money = billMoney(result, plain);
  const out: string[] = [`**Bill**: ${billHeaderLines(result).join('; ')}`, ''];
  const [paid, ...rest] = billTotalLines(result, money);
  out.push([`**${paid}**`, ...rest.map((line) => line.trim())].join('; '), '');
  if (billHasUsage(result)) {
    const sp = billSavingsPlanLines(result, money);
    if (sp.length > 0) out.push('### Savings Plans', '', ...sp.map((line) => `- ${line.trim()}`), '');
    for (const section of tableSections(result, money)) {
      out.push(`### ${section.title}`, '', renderMarkdownTable(section.table.columns, section.table.cells), '');
    }
    const projection = billProjectionLines(result, {...plain, money});
    if (projection.length > 0) out.push(`### ${projection[0]}`, '', `- ${projection[1]!.trim()}`, '');
  }
  const skipped = skippedLines(result);
  if (skipped.length > 0) out.push('**Skipped line items**', '', ...skipped, '');
  out.push(...markdownAssumptions(['Notes', ...billNotes(result).map((note) => `- ${note}`), ...currencyLines(plain)]));
  return `${out.join('\n')}\n`;
}

/** One CSV: a `section` column says what each row is (total, coverage, group, day, dimension, hour). */
export function renderBillCsv(result: BillResult, baseMoney: MoneyFormat = USD_MONEY): string {
  const money = result.currency === 'USD' ? baseMoney : USD_MONEY;
  const header = [
    'section',
    'key',
    'region',
    'dimension',
    'coverage',
    'tasks',
    'lines',
    'usage',
    'vcpu_hours',
    'gb_hours',
    'storage_gb_hours',
    'charged',
    'paid',
    'public_on_demand',
    'share',
    'sp_coverage',
    'commitment',
    'used_commitment',
  ];
  const rows: string[][] = [];
  const row = (section: string, r: BillRow) =>
    rows.push([
      section,
      r.key,
      '',
      '',
      section === 'coverage' ? r.key : '',
      r.tasks === null ? '' : String(r.tasks),
      String(r.lines),
      '',
      csvFigure(r.vcpuHours),
      csvFigure(r.gbHours),
      csvFigure(r.storageGbHours),
      csvMoney(money, r.charged),
      csvMoney(money, r.paid),
      csvMoney(money, r.publicOnDemand),
      csvFigure(r.share),
    ]);
  const t = result.totals;
  row('total', {...t, key: 'bill', tasks: null, share: new D(t.lines > 0 ? 1 : 0)});
  for (const r of result.byCoverage) row('coverage', r);
  for (const r of result.groups) row('group', r);
  for (const r of result.byDay) row('day', r);
  for (const d of result.dimensions) {
    rows.push([
      'dimension',
      `${d.region}|${d.key}|${d.coverage}`,
      d.region,
      d.key,
      d.coverage,
      '',
      String(d.lines),
      csvFigure(d.usage),
      '',
      '',
      '',
      csvMoney(money, d.charged),
      csvMoney(money, d.paid),
      csvMoney(money, d.publicOnDemand),
      '',
    ]);
  }
  for (const hour of result.hourly) {
    rows.push([
      'hour',
      iso(hour.startMs),
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      csvMoney(money, hour.paid),
      csvMoney(money, hour.publicOnDemand),
      '',
      hour.coverage === null ? '' : csvFigure(hour.coverage),
      hour.commitment && !hour.commitment.total.isZero() ? csvMoney(money, hour.commitment.total) : '',
      hour.commitment && !hour.commitment.total.isZero() ? csvMoney(money, hour.commitment.used) : '',
    ]);
  }
  const sp = result.savingsPlans;
  rows.push([
    'savings-plans',
    'window',
    ...Array<string>(13).fill(''),
    sp.coverage === null ? '' : csvFigure(sp.coverage),
    sp.commitment.isZero() ? '' : csvMoney(money, sp.commitment),
    sp.commitment.isZero() ? '' : csvMoney(money, sp.used),
  ]);
  if (result.projection) {
    const p = result.projection;
    rows.push([
      'projection',
      `${p.monthHours}-hour month`,
      ...Array<string>(10).fill(''),
      csvMoney(money, p.monthlyPaid),
      csvMoney(money, p.monthlyPublicOnDemand),
      '',
      '',
      '',
      '',
    ]);
  }
  // Every row as wide as the header: the rows above give the first 15 cells.
  for (const r of rows) while (r.length < header.length) r.push('');
  return renderCsv(...withCurrencyColumn(money, header, rows));
}

export function renderBill(
  result: BillResult,
  format: Format,
  style: Style = PLAIN,
  width?: number,
  meta?: JsonMeta,
): string {
  switch (format) {
    case 'json':
      return stringifyJson(jsonDocument('bill', billJson(result), meta));
    case 'csv':
      return renderBillCsv(result, style.money);
    case 'markdown':
      return renderBillMarkdown(result, style.money);
    case 'table':
      return renderBillTable(result, style, width);
  }
}
