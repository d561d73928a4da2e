import {userErrorText} from '../../report/problems.js';
import {billCompareInput, historyCompareInput} from '../../app/compare-input.js';
import type {CompareInput} from '../../app/compare.js';
import type {BillResult} from '../../model/bill.js';
import type {HistoryResult} from '../../model/history.js';
import {EXCLUSION_LABELS} from '../../report/text.js';
import type {ExclusionReason} from '../../model/task-record.js';
import type {Catalog} from '../../catalog/catalog.js';
import {applyRightsizing} from '../../app/rightsized.js';
import {EXIT, isUserError, UserError} from '../../errors.js';
import type {TaskDefinitionSpec} from '../../model/task.js';
import {loadCatalog} from '../../sources/catalog-file.js';
import {classifyExploreInputs} from '../../sources/explore-inputs.js';
import {loadBill, openBillFiles} from '../read-bill.js';
import {loadHistory} from '../read-history.js';
import {readTaskDefinitionFile} from '../../sources/task-definition-file.js';
import {handGivenSpec} from '../../sizing/resolve.js';
import {environmentRegion} from '../aws.js';
import {type CliIo, colorEnabled} from '../io.js';
import {parseRegionFlag} from '../options.js';
import {type Progress, reportProgress, withProgress} from '../progress.js';
import type {ExploreBill, ExploreHistory} from '../../tui/App.js';
import type {EstimateState} from '../../tui/state/estimate.js';
import type {EstimateSetup} from '../../tui/state/estimate-select.js';
import type {ExploreFlags} from './explore.js';
import type {DiffResult} from '../../model/diff.js';
import type {ReconcileResult} from '../../model/reconcile.js';
import type {RightsizeResult} from '../../model/rightsize.js';

/** What the Diff, Reconcile and Rightsize views show (see explore-views.ts). */
export interface ExploreViewResults {
  readonly diff?: DiffResult | undefined;
  readonly reconcile?: ReconcileResult | {readonly error: string} | undefined;
  readonly rightsize?: RightsizeResult | undefined;
}
import {historyReadOptions, parseServices} from './history-action.js';
import type {ExploreLive} from '../../tui/state/live.js';
import {liveAwsOptions} from '../aws.js';

/** --watch without an interval; and the shortest and longest intervals it takes. */
export const DEFAULT_WATCH_MS = 30_000;
export const MIN_WATCH_MS = 5_000;
export const MAX_WATCH_MS = 3_600_000;

/**
 * --watch's interval in milliseconds (`30s`, `2m`, or seconds alone: `45`); undefined without
 * --watch. Anything else, or outside 5s to 60m, is a one-line usage error.
 */
export function parseWatchInterval(value: string | boolean | undefined): number | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return DEFAULT_WATCH_MS;
  const match = /^(\d{1,7})(s|m)?$/.exec(value.trim());
  const ms = match ? Number(match[1]) * (match[2] === 'm' ? 60_000 : 1000) : Number.NaN;
  if (!(ms >= MIN_WATCH_MS && ms <= MAX_WATCH_MS)) {
    throw usage(
      `--watch ${JSON.stringify(value).slice(1, -1).slice(0, 40)} is not an interval from 5s to 60m`,
      'e.g. --watch 30s or --watch 2m (--watch alone refreshes every 30s)',
    );
  }
  return ms;
}

/** The watch of --cluster every interval: refreshes that never throw (a failure is shown, and tried again). */
export async function exploreLive(
  flags: ExploreFlags,
  io: Pick<CliIo, 'env'>,
  intervalMs: number,
  /** Tests only: settings for the SDK client (a retry strategy that does not wait). */
  clientConfig?: Record<string, unknown>,
): Promise<ExploreLive> {
  const [{createLiveWatch}, {isThrottledError}, aws] = await Promise.all([
    import('../../sources/ecs/live-watch.js'),
    import('../../sources/aws/errors.js'),
    liveAwsOptions(io.env, flags),
  ]);
  const cluster = flags.cluster!;
  const watch = createLiveWatch({
    cluster,
    services: parseServices(flags.service),
    aws: clientConfig ? {...aws, clientConfig} : aws,
  });
  return {
    cluster,
    region: watch.region,
    intervalMs,
    fallbackRegion: watch.region,
    refresh: async () => {
      try {
        const read = await watch.refresh();
        return {ok: true, records: read.records, listed: read.listed, described: read.described};
      } catch (error) {
        const message = isUserError(error) ? userErrorText(error).message : String((error as Error)?.message ?? error);
        return {ok: false, message, throttled: isThrottledError(error)};
      }
    },
  };
}

/** What explore starts from when given nothing: the size the README's examples use. */
export const DEFAULT_SIZE = {cpuUnits: 1024, memoryMiB: 2048} as const;

/**
 * Why this run cannot be interactive, or undefined when it can. Mounting ink's input on a pipe
 * throws, and CI or a dumb terminal cannot show it; the plain commands print the same results.
 */
export function notInteractiveReason(io: Pick<CliIo, 'stdin' | 'stdout' | 'env'>): string | undefined {
  const ci = io.env['CI'];
  if (ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false') return 'CI is set';
  if (io.env['TERM'] === 'dumb') return 'TERM is dumb';
  if (!io.stdin.isTTY) return 'stdin is not a terminal';
  if (!io.stdout.isTTY) return 'stdout is not a terminal';
  return undefined;
}

const usage = (message: string, hint: string) => new UserError(message, {hint, exitCode: EXIT.usage});

async function readSpecs(files: readonly string[], io: CliIo): Promise<TaskDefinitionSpec[]> {
  const specs = await Promise.all(files.map((file) => readTaskDefinitionFile(file, io.stdin)));
  return specs.flat();
}

/**
 * With a history and no task definition, the Estimate view starts from the history's costliest
 * workload: its newest task's size, in its region, named after it.
 */
function specFromHistory(result: HistoryResult): TaskDefinitionSpec | undefined {
  const top = result.components[0];
  if (!top) return undefined;
  const {cpuUnits, memoryMiB, storageGiB, arch, os} = top.latest.size;
  return {
    ...handGivenSpec({cpuUnits, memoryMiB, storageGiB, arch, os}),
    name: top.name,
    source: `the history's costliest ${top.kind === 'service' ? 'service' : 'task family'}`,
    region: top.latest.region,
  };
}

/** Runs a read with its progress reported somewhere: the stderr line, or explore's loading screen. */
export type TrackProgress = <T>(task: string, work: (progress: Progress | undefined) => Promise<T>) => Promise<T>;

type ReadOptions = Awaited<ReturnType<typeof historyReadOptions>>;

async function readHistory(
  {inputs, options}: ReadOptions,
  catalog: Catalog,
  io: CliIo,
  track: TrackProgress,
): Promise<HistoryResult> {
  // The views drill into groups' task runs, and compare measures each group's hours.
  return track('reading history', (progress) =>
    loadHistory(
      inputs,
      {...options, catalog, top: 0, componentProfiles: true, keepRuns: true},
      {stdin: io.stdin, env: io.env, progress},
    ),
  );
}

/** A bill's files and folders read as `history BILL` reads them, --from and --to included. */
async function readBill(paths: readonly string[], {options}: ReadOptions, track: TrackProgress): Promise<BillResult> {
  const bill = await track('reading bill', async (progress) =>
    loadBill(await openBillFiles(paths, progress), {fromMs: options.fromMs, toMs: options.toMs}),
  );
  if (bill.totals.lines === 0) {
    throw new UserError(
      `the bill has no Fargate usage (${bill.lines.read} line item${bill.lines.read === 1 ? '' : 's'} read)`,
      {
        hint: 'check the paths and --from/--to, or run "fargate-cost history BILL" to see what was read',
        exitCode: EXIT.input,
      },
    );
  }
  return bill;
}

/** compare's input, or why there is none (a daily export, say): the Compare view says so. */
function compareInputOf(build: () => CompareInput): CompareInput | {error: string} {
  try {
    return build();
  } catch (error) {
    if (!isUserError(error)) throw error;
    return {error: userErrorText(error).message};
  }
}

/** What explore opens with, read and checked before ink loads: a bad input fails like the plain commands. */
export interface ExploreInputsRead {
  readonly estimate: EstimateSetup;
  readonly initialEstimate: EstimateState;
  readonly history: ExploreHistory | undefined;
  readonly bill: ExploreBill | undefined;
  /** The other commands' results for their views (Diff, Reconcile, Rightsize), when their inputs are given. */
  readonly views: ExploreViewResults;
}

/**
 * What explore checks before ink mounts (flags, which inputs are which, the catalog, task
 * definitions), so a bad command line fails as the plain commands do; and the slow part (reading a
 * history or a bill, billing it), which runs while the loading screen shows its progress.
 */
export interface ExplorePrepared {
  /** What was given to read: the views explore opens with follow from it. */
  readonly reads: 'history' | 'bill' | null;
  /** Reads the history or bill (nothing when there is none), reporting progress through `track`. */
  readonly load: (track: TrackProgress) => Promise<ExploreInputsRead>;
}

/** Reads and checks everything explore shows (files, a live cluster, the catalog), progress on stderr. */
export async function readExploreInputs(
  paths: readonly string[],
  flags: ExploreFlags,
  io: CliIo,
): Promise<ExploreInputsRead> {
  const prepared = await prepareExploreInputs(paths, flags, io);
  return prepared.load((task, work) => withProgress(io, flags.quiet, task, work));
}

/** Checks the command line and reads what is quick to read; the slow part is left to `load`. */
export async function prepareExploreInputs(
  paths: readonly string[],
  flags: ExploreFlags,
  io: CliIo,
): Promise<ExplorePrepared> {
  // --rightsized: Compare prices the history's (or the bill's) workloads at the recommended sizes.
  const sizes = flags.rightsized === undefined ? undefined : await readRightsizedFile(flags.rightsized);
  const resized = (input: CompareInput): CompareInput => (sizes ? applyRightsizing(input, sizes).input : input);
  if (paths.includes('-')) {
    // stdin is the keyboard here; a file piped in would leave nothing to type with.
    throw usage(
      'explore reads the keyboard from stdin, so it cannot read input from "-"',
      'save it to a file first, or use "fargate-cost estimate - --format table"',
    );
  }
  const historyOnly =
    flags.service !== undefined ||
    flags.from !== undefined ||
    flags.to !== undefined ||
    flags.asOf !== undefined ||
    flags.skipInvalid !== undefined;
  const regionFlag = parseRegionFlag(flags.region);
  const [catalog, inputs, configured] = await Promise.all([
    loadCatalog({catalogPath: flags.catalog, env: io.env, now: io.now()}),
    classifyExploreInputs(paths),
    regionFlag === undefined ? environmentRegion(io.env, flags.profile) : undefined,
  ]);
  const withHistory = inputs.histories.length > 0 || flags.cluster !== undefined;
  const withBill = inputs.bills.length > 0;
  // Both: the Reconcile view sets the whole history against the whole bill, as reconcile does.
  if (withBill && withHistory && (flags.from !== undefined || flags.to !== undefined || flags.service !== undefined)) {
    throw usage(
      'with a history and a bill, explore reconciles the whole of both: --from, --to and --service do not apply',
      'leave them out, as fargate-cost reconcile --history FILE --bill EXPORT does',
    );
  }
  if (
    withBill &&
    !withHistory &&
    (flags.service !== undefined || flags.asOf !== undefined || flags.skipInvalid !== undefined)
  ) {
    throw usage(
      '--service, --as-of and --skip-invalid apply to a task history, not a bill',
      'leave them out with a bill (--from and --to apply to both)',
    );
  }
  if (historyOnly && !withHistory && !withBill) {
    throw usage(
      '--service, --from, --to, --as-of and --skip-invalid apply to a history',
      'name history files or a directory, or --cluster',
    );
  }
  const given = await readSpecs(inputs.taskDefinitions, io);
  // The history flags parsed as `history` parses them (a bill takes --from and --to alone).
  const readOptions = await historyReadOptions(withHistory ? inputs.histories : [], flags, io);
  const setupOf = (specs: TaskDefinitionSpec[]): EstimateSetup => ({
    specs,
    catalog,
    regionFlag,
    environmentRegion: configured,
    now: io.now(),
  });
  const {initialStateFor} = await import('../../tui/state/estimate-select.js');
  // Task definitions given are resolved (sizes, regions) now: bad input fails before ink mounts. So is
  // the size explore starts from without them, unless the history's costliest workload gives one.
  const givenSetup =
    given.length > 0 ? setupOf(given) : withHistory ? undefined : setupOf([handGivenSpec(DEFAULT_SIZE)]);
  const givenInitial = givenSetup && initialStateFor(givenSetup);
  const load = async (track: TrackProgress): Promise<ExploreInputsRead> => {
    const [history, bill] = await Promise.all([
      withHistory ? readHistory(readOptions, catalog, io, track) : Promise.resolve(undefined),
      withBill ? readBill(inputs.bills, readOptions, track) : Promise.resolve(undefined),
    ]);
    if (history && history.tasks.billed === 0) {
      const reasons = Object.entries(history.tasks.reasons).map(
        ([why, count]) => `${count} ${EXCLUSION_LABELS[why as ExclusionReason]}`,
      );
      throw new UserError(
        `the history has no billed Fargate task (${history.records.read} record${history.records.read === 1 ? '' : 's'} read${reasons.length > 0 ? `; not billed: ${reasons.join(', ')}` : ''})`,
        {
          hint: 'check the paths, --service and --from/--to, or run "fargate-cost history ..." to see what was read',
          exitCode: EXIT.input,
        },
      );
    }
    // A bill names no task sizes: with one, the Estimate view starts where explore starts with nothing (givenSetup).
    // With a history and no task definition, the Estimate view describes the history's own workload.
    const estimate = givenSetup ?? {
      ...setupOf([(history && specFromHistory(history)) ?? handGivenSpec(DEFAULT_SIZE)]),
      ...(history ? {history} : {}),
    };
    const initialEstimate = givenInitial ?? initialStateFor(estimate);
    const {readExploreDiff, readExploreReconcile, readExploreRightsize} = await import('./explore-views.js');
    const context = {catalog, regionFlag, environmentRegion: configured};
    const rightsizeInput = flags.rightsizeInput ?? [];
    const [diffResult, reconcileResult, rightsizeResult] = await Promise.all([
      flags.diff && flags.diff.length > 0 ? readExploreDiff(flags.diff, flags, io, context) : undefined,
      history && bill ? readExploreReconcile(history.runs?.runs ?? [], inputs.bills, io, catalog) : undefined,
      rightsizeInput.length > 0
        ? readExploreRightsize(rightsizeInput, io, context, false)
        : bill
          ? readExploreRightsize(inputs.bills, io, context, true)
          : undefined,
    ]);
    return {
      estimate,
      initialEstimate,
      views: {diff: diffResult, reconcile: reconcileResult, rightsize: rightsizeResult},
      history: history && {
        result: history,
        compareInput: compareInputOf(() => resized(historyCompareInput(history))),
      },
      bill: bill && {result: bill, compareInput: compareInputOf(() => resized(billCompareInput(bill)))},
    };
  };
  return {reads: withBill ? 'bill' : withHistory ? 'history' : null, load};
}

export async function runExploreCommand(paths: string[], flags: ExploreFlags, io: CliIo): Promise<void> {
  // A bad --watch is a bad command line, said before anything else.
  const watchMs = parseWatchInterval(flags.watch);
  if (watchMs !== undefined && flags.cluster === undefined) {
    throw usage(
      '--watch watches a cluster: it needs --cluster',
      'e.g. fargate-cost explore --cluster prod --watch 30s',
    );
  }
  if (watchMs !== undefined && flags.asOf !== undefined) {
    throw usage(
      '--watch bills up to now: it takes no --as-of',
      'leave out --as-of, or --watch to explore the history as of then',
    );
  }
  const reason = notInteractiveReason(io);
  if (reason !== undefined) {
    throw new UserError(`explore needs an interactive terminal (${reason})`, {
      hint: 'for plain output use "fargate-cost estimate FILE --format table|json|csv|markdown", or "fargate-cost history PATH --format ..." and "fargate-cost compare PATH --format ..."',
      exitCode: EXIT.usage,
    });
  }
  const {resolveOwned} = await import('../owned-flags.js');
  const owned = (await resolveOwned(flags, io.env, io.now())) ?? undefined;
  // What is wrong with the command line fails here, before ink mounts; the history or bill is read
  // once it has, while its loading screen shows the progress the commands show on stderr.
  const {reads, load} = await prepareExploreInputs(paths, flags, io);
  const live = watchMs === undefined ? undefined : await exploreLive(flags, io, watchMs);
  // Always: a shell's NODE_ENV=development would load React's development build, whose render-timing
  // log serializes props with JSON.stringify and crashes on the exact bigint figures Compare passes.
  process.env['NODE_ENV'] = 'production';
  const {runExplore} = await import('../../tui/run-explore.js');
  await runExplore({
    reads,
    load: (report) => load((task, work) => work(reportProgress(task, report))),
    owned,
    live,
    colors: colorEnabled(io, flags.color),
    stdin: io.stdin as NodeJS.ReadStream,
    stdout: io.stdout as NodeJS.WriteStream,
    stderr: io.stderr as NodeJS.WriteStream,
  });
}

async function readRightsizedFile(path: string) {
  const {readRightsized} = await import('../../sources/rightsized-file.js');
  return readRightsized(path);
}
