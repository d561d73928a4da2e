import {stat} from 'node:fs/promises';
import {jsonMeta} from '../json-meta.js';
import {ownedFromFlags, readAwsRecommendationFlag, resolveOwned} from '../owned-flags.js';
import {parseConversion} from '../currency-flags.js';
import {CompareCache, type CompareInput, type CompareRequest, compare} from '../../app/compare.js';
import type {CompareResult} from '../../model/compare.js';
import {billCompareInput, estimateCompareInput, historyCompareInput} from '../../app/compare-input.js';
import {servicesFromDescribeServices, parseStrategyItem, validateStrategy} from '../../sources/strategy.js';
import type {ServiceFacts, Strategy} from '../../model/strategy.js';
import {isPurchasableCommitment} from '../../analysis/savings-plan.js';
import type {WorkloadShape} from '../../analysis/workload-profile.js';
import {autoscalingShape, parseOptionList} from '../workload-flags.js';
import {EXIT, UserError, untrusted} from '../../errors.js';
import {commandLine} from '../exit-codes.js';
import {D, dec, type Dec, HOURS_PER_MONTH, isDecimalString} from '../../money/decimal.js';
import {EXACT_ONE} from '../../money/exact.js';
import {parseCount, parseDuration, parseMonthHours, parseRuns} from '../../model/schedule.js';
import type {SizeOverrides, TaskDefinitionSpec} from '../../model/task.js';
import {type PlanId, planOf} from '../../model/types.js';
import {renderCompare} from '../../report/compare.js';
import type {Catalog} from '../../catalog/catalog.js';
import {loadCatalog} from '../../sources/catalog-file.js';
import {readJson} from '../../sources/files.js';
import {loadBill, openBillFiles, pathsKind} from '../read-bill.js';
import {loadHistory} from '../read-history.js';
import {readTaskDefinitionFile} from '../../sources/task-definition-file.js';
import {handGivenSpec} from '../../sizing/resolve.js';
import {environmentRegion, liveAwsOptions} from '../aws.js';
import {type CliIo, styleFor, terminalWidth} from '../io.js';
import {athenaFlagsGiven, parseRegionFlag} from '../options.js';
import {withProgress} from '../progress.js';
import type {CompareFlags} from './compare.js';
import {sizeOverrides} from './estimate-action.js';
import {historyReadOptions} from './history-action.js';

const usage = (message: string, hint?: string) =>
  new UserError(message, {exitCode: EXIT.usage, ...(hint ? {hint} : {})});

export function parsePlans(text: string | undefined): PlanId[] | undefined {
  if (text === undefined) return undefined;
  const options = parseOptionList(text);
  const plans = options.map(planOf).filter((plan): plan is PlanId => plan !== undefined);
  if (plans.length !== options.length)
    throw usage(
      `--plans takes Savings Plans only, not ${options.filter((o) => !planOf(o)).join(', ')}`,
      'e.g. --plans sp-1y or --plans compute-3y-all-upfront',
    );
  return plans;
}

export function parseCommitment(text: string | undefined): Dec | undefined {
  if (text === undefined) return undefined;
  const value = text.trim().replace(/^\$/, '').replace(/\/h$/i, '');
  if (!isDecimalString(value) || dec(value).isNegative())
    throw usage(`--commitment "${text}" is not an amount of dollars an hour`, 'e.g. --commitment 1.25');
  const commitment = dec(value);
  if (!isPurchasableCommitment(commitment)) {
    const below = commitment.toDecimalPlaces(3, D.ROUND_DOWN).toFixed(3);
    throw usage(
      `--commitment ${text}: AWS sells hourly commitments in steps of $0.001`,
      `e.g. --commitment ${below} or ${commitment.toDecimalPlaces(3, D.ROUND_UP).toFixed(3)}`,
    );
  }
  return commitment;
}

export function parseInterruptionRate(text: string | undefined): Dec | undefined {
  if (text === undefined) return undefined;
  if (!isDecimalString(text.trim()) || dec(text.trim()).isNegative())
    throw usage(
      `--interruption-rate "${text}" is not a number of interruptions per task-hour`,
      'e.g. --interruption-rate 0.002',
    );
  return dec(text.trim());
}

export function parseLookback(text: string | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  const days = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (days.length === 0 || days.some((d) => !/^\d+$/.test(d) || Number(d) < 1 || Number(d) > 3660))
    throw usage(`--lookback "${text}" is not a list of days`, 'e.g. --lookback 7,30,60');
  return [...new Set(days.map(Number))].sort((a, b) => a - b);
}

function parseWholeNumber(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\s*\d+\s*$/.test(text) || Number(text) > 100_000) throw usage(`${flag} "${text}" must be a whole number`);
  return Number(text);
}

function parseStrategyFlags(items: readonly string[] | undefined): Strategy | undefined {
  if (items === undefined || items.length === 0) return undefined;
  return validateStrategy(items.map(parseStrategyItem), 'the --strategy flags');
}

/** The estimate's workload shape: autoscaling, a batch schedule, or tasks always on. */
export function shapeFromFlags(
  flags: CompareFlags,
  monthHours: number,
  defaultCount: number | undefined,
): WorkloadShape {
  const autoscaling =
    flags.min !== undefined || flags.max !== undefined || flags.peakHours !== undefined || flags.shape !== undefined;
  const schedule = flags.duration !== undefined || flags.runs !== undefined;
  if (autoscaling && (schedule || flags.count !== undefined))
    throw usage('give either autoscaling bounds (--min/--max/--shape) or --count/--duration/--runs, not both');
  if (autoscaling) return autoscalingShape(flags);
  const count = flags.count === undefined ? (defaultCount ?? 1) : parseCount(flags.count);
  if (!schedule) return {kind: 'always-on', count};
  if (flags.duration === undefined)
    throw usage('--runs needs --duration (how long each run lasts)', 'e.g. --runs 24/day --duration 10m');
  const durationMs = parseDuration(flags.duration);
  return {
    kind: 'schedule',
    count,
    durationMs,
    runsPerMonth: flags.runs === undefined ? EXACT_ONE : parseRuns(flags.runs, monthHours),
  };
}

async function isFile(path: string): Promise<boolean> {
  if (path === '-') return true;
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function estimateSpecs(flags: CompareFlags, overrides: SizeOverrides, io: CliIo): Promise<TaskDefinitionSpec[]> {
  if (flags.taskDefinition === undefined) return [commandLine(() => handGivenSpec(overrides))];
  if (await isFile(flags.taskDefinition)) return readTaskDefinitionFile(flags.taskDefinition, io.stdin);
  if (/[/\\]|\.(json|ya?ml)$/i.test(flags.taskDefinition))
    throw new UserError(`${flags.taskDefinition}: no such file`, {hint: 'check the path'});
  const {describeTaskDefinition} = await import('../../sources/ecs/task-definition-live.js');
  return describeTaskDefinition(flags.taskDefinition, await liveAwsOptions(io.env, flags));
}

/** The names of a file's services, for a hint: cut and escaped, the first few. */
function serviceNames(services: readonly ServiceFacts[]): string {
  const more = services.length > 5 ? `, and ${services.length - 5} more` : '';
  return `${services
    .slice(0, 5)
    .map((s) => untrusted(s.name, 40))
    .join(', ')}${more}`;
}

async function serviceFromFile(path: string, name: string | undefined): Promise<ServiceFacts> {
  const services = servicesFromDescribeServices(await readJson(path), path);
  if (services.length === 0) throw new UserError(`${path} describes no services`);
  if (name !== undefined) {
    const found = services.find((service) => service.name === name || service.arn === name);
    if (!found)
      throw new UserError(`service ${name} is not in ${path}`, {hint: `it describes: ${serviceNames(services)}`});
    return found;
  }
  if (services.length > 1)
    throw usage(
      `${path} describes ${services.length} services; choose one with --service`,
      `services: ${serviceNames(services)}`,
    );
  return services[0]!;
}

async function estimateInput(
  flags: CompareFlags,
  monthHours: number,
  io: CliIo,
  catalog: Catalog,
): Promise<CompareInput> {
  const overrides = sizeOverrides(flags);
  if ((flags.service?.length ?? 0) > 1)
    throw usage('an estimate prices one service: give one --service', 'e.g. --services services.json --service web');
  const service = flags.services === undefined ? undefined : await serviceFromFile(flags.services, flags.service?.[0]);
  if (service && service.desiredCount === 0 && flags.count === undefined) {
    throw new UserError(`service ${untrusted(service.name)} has a desired count of 0: nothing runs`, {
      hint: 'pass --count N to price it at N tasks',
    });
  }
  const flagStrategy = parseStrategyFlags(flags.strategy);
  const strategy = flagStrategy
    ? {strategy: flagStrategy, source: 'flag' as const}
    : service
      ? {strategy: service.strategy, source: 'describe-services' as const}
      : undefined;
  const shape = commandLine(() => shapeFromFlags(flags, monthHours, service?.desiredCount));
  const region = parseRegionFlag(flags.region) ?? service?.region;
  const [specs, configured] = await Promise.all([
    estimateSpecs(flags, overrides, io),
    region === undefined ? environmentRegion(io.env, flags.profile) : undefined,
  ]);
  return estimateCompareInput({
    specs,
    overrides,
    region,
    environmentRegion: configured,
    shape,
    monthHours,
    strategy,
    spotTolerant: flags.spotTolerant,
    catalog,
  });
}

/**
 * Reads a history as `history` does (files, directories, stdin, a live cluster; the same flags) and
 * maps its ECS groups to workloads; or a bill (cost export files, or the export's table through
 * Athena with --athena), whose measured Fargate usage sizes the Savings Plans. A --services file is read along with it, as describe-services
 * output among the paths would be.
 */
async function historyInput(
  paths: readonly string[],
  flags: CompareFlags,
  monthHours: number,
  io: CliIo,
  catalog: Catalog,
): Promise<CompareInput> {
  const strategy = parseStrategyFlags(flags.strategy);
  const athena = flags.athena !== undefined;
  if (athena || (flags.cluster === undefined && (await pathsKind(paths)) === 'bill')) {
    if (strategy)
      throw usage(
        "--strategy re-buys a history's tasks; a bill has no task sizes to re-buy",
        'leave --strategy out with a bill, or compare the task history instead',
      );
    if (flags.services !== undefined)
      throw usage(
        "--services sets a history's services; a bill's usage is measured by group",
        'leave --services out with a bill, or compare the task history instead',
      );
    const {options: times} = await historyReadOptions([], flags, io);
    const window = {fromMs: times.fromMs, toMs: times.toMs, monthHours};
    const bill = athena
      ? (await (await import('../read-bill-athena.js')).readAthenaBill(flags, io, window))!
      : await withProgress(io, flags.quiet, 'reading bill', async (progress) =>
          loadBill(await openBillFiles(paths, progress), window),
        );
    return billCompareInput(bill, {spotTolerant: flags.spotTolerant});
  }
  const {inputs, options} = await historyReadOptions(
    flags.services === undefined ? paths : [...paths, flags.services],
    flags,
    io,
  );
  // Spot tasks without a Spot rate still ran: their usage is priced On-Demand and under the plans, their as-measured cost shown as unknown.
  const result = await withProgress(io, flags.quiet, 'reading history', (progress) =>
    loadHistory(
      inputs,
      {...options, catalog, monthHours, top: 0, componentProfiles: true, keepUnpricedSpot: true},
      {stdin: io.stdin, env: io.env, progress},
    ),
  );
  return historyCompareInput(result, {spotTolerant: flags.spotTolerant, strategy});
}

/** Flags that shape an estimate, and flags that read a history: each is refused with the other input. */
const ESTIMATE_ONLY = [
  ['count', '--count'],
  ['duration', '--duration'],
  ['runs', '--runs'],
  ['min', '--min'],
  ['max', '--max'],
  ['peakHours', '--peak-hours'],
  ['shape', '--shape'],
  ['storage', '--storage'],
  ['arch', '--arch'],
  ['os', '--os'],
] as const satisfies readonly (readonly [keyof CompareFlags, string])[];
const HISTORY_ONLY = [
  ['from', '--from'],
  ['to', '--to'],
  ['asOf', '--as-of'],
  ['skipInvalid', '--skip-invalid'],
  ['lookback', '--lookback'],
] as const satisfies readonly (readonly [keyof CompareFlags, string])[];

function checkFlagsFor(history: boolean, flags: CompareFlags): void {
  if (history) {
    const flag = ESTIMATE_ONLY.find(([key]) => flags[key] !== undefined);
    if (flag)
      throw usage(
        `${flag[1]} shapes an estimate; a history's usage is measured`,
        'drop it, or estimate instead with --task-definition or --cpu and --memory',
      );
  } else {
    const flag = HISTORY_ONLY.find(([key]) => flags[key] !== undefined);
    if (flag)
      throw usage(`${flag[1]} needs a history (PATH, --cluster or --athena): an estimate has no past to look back on`);
  }
}

export async function runCompareCommand(paths: readonly string[], flags: CompareFlags, io: CliIo): Promise<void> {
  const conversion = parseConversion(flags, io.now());
  if (athenaFlagsGiven(flags)) {
    const {athenaDryRun} = await import('../read-bill-athena.js');
    if (athenaDryRun(flags, io)) return;
    if (paths.length > 0 || flags.cluster !== undefined) {
      throw usage(
        '--athena reads the bill from Athena: give no paths or --cluster with it',
        'compare files with fargate-cost compare EXPORT, or the table with fargate-cost compare --athena DATABASE.TABLE',
      );
    }
  }
  const history = paths.length > 0 || flags.cluster !== undefined || flags.athena !== undefined;
  const estimate = flags.taskDefinition !== undefined || flags.cpu !== undefined || flags.memory !== undefined;
  if (history && estimate)
    throw usage(
      'give either a history (PATH, --cluster or --athena) or an estimate (--task-definition, --cpu/--memory), not both',
    );
  if (!history && !estimate) {
    throw usage(
      'nothing to compare: give run-history files, --cluster or a bill (files or --athena), or an estimate with --task-definition or --cpu and --memory',
      'e.g. fargate-cost compare --cpu 1 --memory 2 --count 3',
    );
  }
  checkFlagsFor(history, flags);
  const monthHours = flags.month === undefined ? HOURS_PER_MONTH : commandLine(() => parseMonthHours(flags.month!));
  const plans = parsePlans(flags.plans);
  const commitment = parseCommitment(flags.commitment);
  const lookbackDays = parseLookback(flags.lookback);
  const interruptionRate = parseInterruptionRate(flags.interruptionRate);
  const lostWorkSeconds =
    flags.lostWork === undefined
      ? undefined
      : dec(commandLine(() => parseDuration(flags.lostWork!, '--lost-work'))).div(1000);
  const onDemandBase = parseWholeNumber(flags.onDemandBase, '--on-demand-base');

  // The owned flags are checked before any input is read.
  ownedFromFlags(flags, [], io.now());
  const catalog = await loadCatalog({catalogPath: flags.catalog, env: io.env, now: io.now()});
  const measured = history
    ? await historyInput(paths, flags, monthHours, io, catalog)
    : await estimateInput(flags, monthHours, io, catalog);
  const input = flags.rightsized === undefined ? measured : await rightsizedInput(measured, flags.rightsized);
  const owned = (await resolveOwned(flags, io.env, io.now())) ?? undefined;
  const request: CompareRequest = {
    input,
    catalog,
    now: io.now(),
    monthHours,
    ...(plans ? {plans} : {}),
    commitment,
    lookbackDays,
    interruptionRate,
    lostWorkSeconds,
    ...(onDemandBase === undefined ? {} : {onDemandBase}),
    owned,
    cache: new CompareCache(catalog, monthHours, owned ?? null),
  };
  if (flags.ownedSavingsPlans === 'live' && owned === undefined)
    io.stderr.write('fargate-cost: no active Compute Savings Plan found: sized as if none is owned\n');
  let result = compare(request);
  if (flags.awsRecommendation !== undefined) {
    // Cost Explorer is asked for the plan this recommends (else the first sized), over the longest look-back the usage holds.
    const plan = result.recommendation.plan ?? result.savingsPlans[0]?.plan ?? 'compute-1y-no-upfront';
    const awsRecommendation = await readAwsRecommendationFlag(flags, io.env, plan, ceLookback(result, lookbackDays));
    result = compare({...request, awsRecommendation});
  }
  io.stdout.write(
    renderCompare(
      result,
      flags.format,
      styleFor(io, flags.color, conversion),
      terminalWidth(io),
      await jsonMeta(io, conversion),
    ),
  );
}

/** The look-back Cost Explorer is asked for: a single --lookback of 7, 30 or 60 days, else the longest the usage holds (30 for an estimate). */
function ceLookback(result: CompareResult, lookbackDays: readonly number[] | undefined): 7 | 30 | 60 {
  const asked = lookbackDays?.length === 1 ? lookbackDays[0] : undefined;
  if (asked === 7 || asked === 30 || asked === 60) return asked;
  if (result.input.kind === 'estimate') return 30;
  const days = result.input.hours / 24;
  return days >= 60 ? 60 : days >= 30 ? 30 : 7;
}

/** The input at the sizes a saved rightsize result recommends. */
async function rightsizedInput(input: CompareInput, path: string): Promise<CompareInput> {
  const [{readRightsized}, {applyRightsizing}] = await Promise.all([
    import('../../sources/rightsized-file.js'),
    import('../../app/rightsized.js'),
  ]);
  return applyRightsizing(input, await readRightsized(path)).input;
}
