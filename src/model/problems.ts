import {UserError} from '../errors.js';
import type {ItemExclusion} from './estimate.js';
import type {Strategy} from './strategy.js';
import type {ExclusionReason} from './task-record.js';
import type {PlanId, RateKey, RateTable} from './types.js';

/**
 * A user's problem the core found, as data: what is wrong and the facts that say so. The CLI turns
 * it into its one-line message and hint (report/problems.ts) and its exit code (cli/exit-codes.ts),
 * speaking its own flags; the core speaks of neither.
 */

/** What a size belongs to: a task definition by name, or the task the command line describes. */
export type Subject = {readonly taskDefinition: string} | {readonly taskDefinition: null};

export interface Size {
  readonly cpuUnits: number;
  readonly memoryMiB: number;
}

export type Problem =
  // What was typed or read.
  | {
      readonly kind: 'bad-duration';
      readonly text: string;
      /** What the duration is of, as the caller names it. */
      readonly label: string;
      readonly reason: 'not-understood' | 'finer-than-ms' | 'not-positive';
    }
  | {readonly kind: 'bad-month'; readonly text: string}
  | {readonly kind: 'bad-runs'; readonly text: string}
  | {readonly kind: 'bad-count'; readonly text: string}
  /** A bill's table for a query that is not DATABASE.TABLE of letters, digits and underscores. */
  | {readonly kind: 'bad-bill-table'; readonly text: string}
  | {readonly kind: 'runs-without-duration'}
  /** compare needs the bill hour by hour. */
  | {readonly kind: 'bill-not-hourly'; readonly granularity: 'daily' | 'monthly' | 'hourly'}
  | {readonly kind: 'size-not-whole'; readonly what: 'cpu' | 'memory'; readonly text: string}
  | {readonly kind: 'size-not-understood'; readonly what: 'cpu' | 'memory' | 'storage'; readonly text: string}
  /** A size that is neither a number nor text in a file (a list, a mapping, true): refused by what it is. */
  | {readonly kind: 'size-wrong-kind'; readonly what: 'cpu' | 'memory' | 'storage'; readonly value: unknown}
  /** A problem in one field of a task definition file. */
  | {
      readonly kind: 'in-task-definition';
      readonly name: string;
      /** Where in its file: the file, and the path to the definition. */
      readonly where: string;
      /** The field, as the file names it. */
      readonly field: string;
      readonly problem: Problem;
    }
  // Sizes Fargate does not offer.
  | {
      readonly kind: 'invalid-cpu';
      readonly subject: Subject;
      readonly cpuUnits: number;
      readonly validVcpu: readonly number[];
      readonly nearest: Size;
    }
  | {readonly kind: 'windows-cpu'; readonly subject: Subject; readonly cpuUnits: number; readonly nearest: Size}
  | {
      readonly kind: 'invalid-memory';
      readonly subject: Subject;
      readonly cpuUnits: number;
      readonly memoryMiB: number;
      readonly validMiB: readonly number[];
      readonly nearest: Size;
    }
  | {readonly kind: 'storage-range'; readonly subject: Subject; readonly storageGiB: number}
  | {readonly kind: 'windows-arm'; readonly subject: Subject}
  | {readonly kind: 'no-size'; readonly subject: Subject}
  /** A task given by its size alone, without one of the two. */
  | {readonly kind: 'size-missing'; readonly missing: 'cpu' | 'memory'}
  // The catalog.
  | {
      readonly kind: 'missing-rate';
      readonly catalogPath: string;
      readonly region: string;
      readonly table: RateTable;
      readonly key: RateKey;
      /** The catalog lists the region (Fargate runs there) but has no On-Demand rate for it at all. */
      readonly unpriced?: boolean;
    }
  | {
      readonly kind: 'unknown-region';
      readonly catalogPath: string;
      readonly region: string;
      readonly near: readonly string[];
      readonly regions: readonly string[];
    }
  | {readonly kind: 'invalid-catalog'; readonly path: string; readonly issues: readonly string[]; readonly more: number}
  | {readonly kind: 'implausible-catalog'; readonly path: string; readonly problems: readonly string[]}
  | {readonly kind: 'future-catalog'; readonly path: string; readonly generatedAt: string; readonly nowMs: number}
  | {readonly kind: 'catalog-without-regions'; readonly path: string}
  | {
      readonly kind: 'zero-rate';
      readonly catalogPath: string;
      readonly region: string;
      readonly key: RateKey;
      readonly plan: PlanId;
    }
  // Comparing.
  | {readonly kind: 'nothing-to-compare'; readonly reason: 'no-usage' | 'no-hours' | 'no-plan-hours'}
  | {readonly kind: 'lookback-too-long'; readonly days: number; readonly hours: number}
  | {readonly kind: 'strategy-without-services'}
  | {
      readonly kind: 'nothing-billed';
      readonly records: number;
      readonly reasons: Partial<Record<ExclusionReason, number>>;
    }
  /** A strategy (--strategy, or an estimate's) that puts Windows tasks on Spot. */
  | {readonly kind: 'windows-on-spot'; readonly component: string; readonly strategy: Strategy | null}
  /** A set (a plan, a state, a template) in which nothing can be priced: each item and why. */
  | {
      readonly kind: 'nothing-to-estimate';
      readonly source: string;
      readonly excluded: readonly {readonly name: string; readonly reason: ItemExclusion}[];
    }
  // Rightsizing.
  /** No sample of a group could be used: nothing to size (what the readers skipped, by reason). */
  | {readonly kind: 'nothing-to-rightsize'; readonly skipped: Readonly<Record<string, number>>}
  /** compare --rightsized: a workload's name matches recommendations of different sizes (several clusters). */
  | {readonly kind: 'rightsized-ambiguous'; readonly component: string; readonly clusters: readonly string[]}
  /** A group whose samples name no region, and no region given for them. */
  | {readonly kind: 'rightsize-no-region'; readonly name: string}
  // Refreshing the catalog.
  /** Regions were fetched and the Price List returned no Fargate product for any of them (each fetch, in order). */
  | {readonly kind: 'no-fargate-products'; readonly regions: readonly string[]}
  /** The date given to a Spot feed's prices is not a calendar date YYYY-MM-DD. */
  | {readonly kind: 'bad-spot-date'; readonly text: string}
  /** A Spot feed with no usable `source:version` date in its metadata, and no date given for it. */
  | {readonly kind: 'undated-spot-feed'; readonly path: string};

export class ProblemError extends UserError {
  /** Set by the CLI when the problem is in a value typed on the command line (exit 2, not 1). */
  commandLine = false;

  constructor(readonly problem: Problem) {
    super(problem.kind);
  }
}
