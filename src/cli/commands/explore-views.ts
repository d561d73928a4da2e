import {diff} from '../../app/diff.js';
import {createReconcileBill, reconcile} from '../../app/reconcile.js';
import {rightsize} from '../../app/rightsize.js';
import {createUsageCollector} from '../../analysis/rightsize.js';
import type {Catalog} from '../../catalog/catalog.js';
import {EXIT, isUserError, UserError} from '../../errors.js';
import type {DiffResult} from '../../model/diff.js';
import type {ReconcileResult} from '../../model/reconcile.js';
import type {ReconcileRun} from '../../app/reconcile.js';
import type {RightsizeResult} from '../../model/rightsize.js';
import {workloadFromFlags} from '../../model/schedule.js';
import {userErrorText} from '../../report/problems.js';
import type {CliIo} from '../io.js';
import type {ExploreFlags} from './explore.js';

/**
 * What explore's Diff, Reconcile and Rightsize views show, read as `diff`, `reconcile` and
 * `rightsize` read it with their defaults, so a figure on screen is the one the command prints.
 */

const usage = (message: string, hint: string) => new UserError(message, {hint, exitCode: EXIT.usage});

/** Where prices and regions come from, as explore resolved them. */
export interface ExploreViewContext {
  readonly catalog: Catalog;
  readonly regionFlag: string | undefined;
  readonly environmentRegion: string | undefined;
}

/**
 * `--diff BASE HEAD` (or one Terraform plan): `fargate-cost diff BASE HEAD` with its defaults (every
 * purchase option, 1 task always on for task definitions no service runs).
 */
export async function readExploreDiff(
  inputs: readonly string[],
  flags: ExploreFlags,
  io: CliIo,
  context: ExploreViewContext,
): Promise<DiffResult> {
  if (inputs.length > 2) {
    throw usage(
      `--diff takes BASE and HEAD, or one Terraform plan; it was given ${inputs.length} paths`,
      'e.g. explore --diff base.json head.json, and other paths before --diff',
    );
  }
  const {readSides} = await import('./diff-action.js');
  const [base, head] = await readSides(inputs[0]!, inputs[1], {...flags, format: 'table'}, io);
  return diff({
    base,
    head,
    overrides: {},
    region: context.regionFlag,
    environmentRegion: context.environmentRegion,
    workload: workloadFromFlags({}),
    catalog: context.catalog,
    now: io.now(),
  });
}

/**
 * A history and a bill given together: `fargate-cost reconcile --history H --bill B`. The history's
 * runs are the ones explore read; the bill's usage lines are summed again as reconcile sums them.
 * When they cannot be set against each other (no clock hour in common, a bill that is not hourly),
 * the view says why in the command's words.
 */
export async function readExploreReconcile(
  runs: readonly ReconcileRun[],
  billPaths: readonly string[],
  io: CliIo,
  catalog: Catalog,
): Promise<ReconcileResult | {error: string}> {
  const {readBillFiles} = await import('../../sources/bill/read.js');
  const bill = createReconcileBill();
  for await (const batch of readBillFiles(billPaths)) for (const line of batch) bill.add(line);
  let result: ReconcileResult;
  try {
    result = reconcile({runs, bill: bill.finish(), catalog, now: io.now()});
  } catch (error) {
    if (!isUserError(error)) throw error;
    return {error: `nothing to reconcile: ${userErrorText(error).message}`};
  }
  if (result.spans.compared === null) {
    return {error: 'nothing to reconcile: the history and the bill share no clock hour'};
  }
  return result;
}

/**
 * `--rightsize-input PATH` (performance log events, or a cost export with split cost allocation
 * data), or the bill explore was given: `fargate-cost rightsize PATH` with its defaults (p99, 20%
 * headroom, Linux on x86_64, FARGATE On-Demand). A bill without split cost allocation data gives none.
 */
export async function readExploreRightsize(
  paths: readonly string[],
  io: CliIo,
  context: ExploreViewContext,
  fromBill: boolean,
): Promise<RightsizeResult | undefined> {
  const {billPaths, readBillSamples} = await import('./rightsize-action.js');
  const collector = createUsageCollector();
  const skipped: Record<string, number> = {};
  if (fromBill || (await billPaths(paths))) {
    let outcome: Awaited<ReturnType<typeof readBillSamples>>;
    try {
      outcome = await readBillSamples(paths, 'linux', 'x86_64');
    } catch (error) {
      // A bill given to explore to look at, not to rightsize: without split data there is simply no view.
      if (fromBill && isUserError(error)) return undefined;
      throw error;
    }
    if (fromBill && outcome.samples.length === 0) return undefined;
    for (const sample of outcome.samples) collector.add(sample, 'bill-hours', 3_600_000, true, 'hourly-average');
    for (const [reason, n] of Object.entries(outcome.skipped)) skipped[reason] = (skipped[reason] ?? 0) + n;
  } else {
    const {readPerformanceEventFiles} = await import('../../sources/insights/read.js');
    const outcome = await readPerformanceEventFiles(paths, io.stdin, (sample) => collector.add(sample));
    for (const [reason, n] of Object.entries(outcome.skipped)) skipped[reason] = (skipped[reason] ?? 0) + n;
  }
  const defaultRegion = context.regionFlag ?? context.environmentRegion;
  return rightsize({
    groups: collector.finish(),
    catalog: context.catalog,
    now: io.now(),
    os: 'linux',
    arch: 'x86_64',
    ...(defaultRegion === undefined ? {} : {defaultRegion}),
    skipped,
  });
}
