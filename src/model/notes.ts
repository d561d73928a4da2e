import type {Dec} from '../money/decimal.js';
import type {SpotRiskParameters, SpotSubject} from './compare.js';
import type {PriceGap, RateGap} from './priced.js';
import type {WorkloadShape} from './schedule.js';
import type {Strategy} from './strategy.js';
import type {ExclusionReason} from './task-record.js';
import type {PlanId, RateKey, RateTable, TaskSize} from './types.js';

/**
 * What a result says besides its figures, as data: each note or warning is a kind and the facts it
 * needs. The words are made in report/text.ts, once, for every renderer and the terminal UI.
 */

/** A rate named by its table and dimension. */
export interface RateName {
  readonly table: RateTable;
  readonly key: RateKey;
}

/** Notes any result may carry about its prices. */
export type CatalogNote =
  | {
      readonly kind: 'stale-catalog';
      readonly ageDays: number;
      readonly generatedAt: string;
      /** Which of two catalogs, when a result has two (prices diff's B). */
      readonly which?: {readonly label: string; readonly path: string};
    }
  | {readonly kind: 'estimated-rates'; readonly estimated: readonly RateName[]; readonly total: number};

/** What a task definition needed to be priced. */
export type TaskNote =
  | {
      readonly kind: 'fitted-from-containers';
      readonly missing: 'cpu' | 'memory' | 'cpu or memory';
      readonly containers: number;
      readonly cpuUnits: number;
      readonly memoryMiB: number;
      readonly fitted: {readonly cpuUnits: number; readonly memoryMiB: number};
    }
  /** Read live from ECS in a region nothing named. */
  | {readonly kind: 'read-in-assumed-region'; readonly region: string};

export type EstimateNote =
  | CatalogNote
  | {readonly kind: 'billed-per-run'; readonly seconds: readonly number[]}
  | {readonly kind: 'full-coverage'}
  | {readonly kind: 'extras-on-demand'; readonly under: 'options' | 'spot-tasks'}
  | {readonly kind: 'spot-observed'; readonly asOf: string}
  | {readonly kind: 'region-assumed'; readonly region: string; readonly tasks: readonly string[]}
  | {readonly kind: 'task'; readonly task: string; readonly note: TaskNote}
  /** A set with services: they run all month at their desired count; the workload is the standalone task definitions'. */
  | {readonly kind: 'services-all-month'; readonly standalone: boolean}
  /** How whole tasks are placed under a strategy with more than one provider. */
  | {readonly kind: 'task-placement'}
  /** A service's FARGATE_SPOT tasks are at Spot in every option row. */
  | {readonly kind: 'spot-tasks-at-spot'}
  /** Services whose task definition is the only one of their module (linked through a local value). */
  | {readonly kind: 'linked-by-module'; readonly services: readonly string[]}
  /** Services whose task definition is not in the input, priced at the size the command line gives. */
  | {readonly kind: 'sized-by-flags'; readonly services: readonly string[]};

/** What a history's readers say: skipped files and records, the limits of a live read. */
export type SourceNote =
  | {readonly kind: 'skipped-invalid'; readonly count: number; readonly examples: readonly string[]}
  | {readonly kind: 'skipped-files'; readonly count: number}
  | {readonly kind: 'live-retention'}
  | {readonly kind: 'live-region-assumed'; readonly region: string; readonly cluster: string}
  | {readonly kind: 'gone-tasks'; readonly count: number};

export type HistoryNote =
  | CatalogNote
  | SourceNote
  | {readonly kind: 'billing-rule'}
  | {readonly kind: 'running-billed'; readonly running: number; readonly asOfMs: number}
  | {readonly kind: 'window-clip'}
  | {readonly kind: 'utc'}
  | {readonly kind: 'spot-at-catalog'; readonly asOf: string}
  | {readonly kind: 'extras-on-demand'; readonly under: 'options' | 'spot-tasks'}
  | {readonly kind: 'projection'; readonly windowHours: Dec; readonly monthHours: number}
  | {readonly kind: 'not-priced'; readonly tasks: number; readonly gap: PriceGap}
  | {readonly kind: 'spot-not-priced'; readonly tasks: number; readonly taskHours: Dec; readonly gap: PriceGap}
  | {readonly kind: 'unknown-region'; readonly tasks: number}
  | {readonly kind: 'billed-from-started'; readonly tasks: number}
  | {readonly kind: 'stale-history'; readonly latestSeenMs: number; readonly days: number; readonly running: number}
  | {readonly kind: 'short-window'; readonly hours: Dec; readonly monthHours: number};

/** What was compared, as the compare result's first line says it. */
export type CompareDescription =
  | {
      readonly kind: 'estimate';
      readonly tasks: readonly {readonly name: string; readonly size: TaskSize; readonly region: string}[];
      readonly shape: WorkloadShape;
    }
  | {
      readonly kind: 'history';
      readonly tasks: number;
      readonly running: number;
      /** The one source's path, or how many sources. */
      readonly source: string | number;
      readonly services: readonly string[];
      readonly batch: readonly string[];
    };

export type CompareNote =
  | HistoryNote
  | {readonly kind: 'region-assumed'; readonly region: string; readonly tasks: readonly string[]}
  | {readonly kind: 'task'; readonly task: string; readonly note: TaskNote}
  | {readonly kind: 'runs-placed'; readonly runsPerMonth: Dec; readonly runs: number; readonly monthHours: number}
  | {readonly kind: 'usage-profile'; readonly shape: WorkloadShape; readonly monthHours: number}
  | {readonly kind: 'split-for-mean'; readonly component: string; readonly desiredCount: number}
  | {readonly kind: 'several-sizes'; readonly component: string; readonly sizes: number; readonly latest: TaskSize}
  | {readonly kind: 'batch-run'; readonly component: string; readonly meanRunSeconds: Dec | null}
  | {readonly kind: 'no-interruptions'; readonly spotTasks: number; readonly taskHours: Dec}
  | {readonly kind: 'strategy-rebought'; readonly strategy: Strategy}
  | {readonly kind: 'not-billed'; readonly tasks: number; readonly reasons: Partial<Record<ExclusionReason, number>>}
  | {readonly kind: 'lookbacks-skipped'; readonly hours: number; readonly skipped: readonly number[]}
  | {readonly kind: 'savings-plan-rule'}
  | {readonly kind: 'slice-rule'}
  | {readonly kind: 'fargate-only'}
  | {readonly kind: 'monthly-figures'; readonly hours: number; readonly monthHours: number}
  | {readonly kind: 'spot-rates-age'; readonly asOf: string; readonly days: number}
  | {readonly kind: 'spot-risk'; readonly parameters: SpotRiskParameters}
  | {readonly kind: 'windows-no-spot'}
  | {readonly kind: 'plan-missing-rate'; readonly plan: PlanId; readonly key: RateKey; readonly region: string}
  | {readonly kind: 'sized-without-spot'; readonly basis: 'configured' | 'measured'; readonly subject: SpotSubject}
  | {
      readonly kind: 'spot-without-rate';
      readonly component: string;
      readonly measured: boolean;
      readonly partly: boolean;
    }
  | {readonly kind: 'cheapest-plan'; readonly plans: number; readonly plan: PlanId; readonly upfront: Dec}
  | {readonly kind: 'old-spot-rates'; readonly days: number; readonly asOf: string}
  | {
      readonly kind: 'spot-gaps';
      readonly gaps: readonly RateGap[];
      readonly unavailableScenarios: number;
      readonly keptOnDemand: readonly string[];
    }
  | {readonly kind: 'default-interruption-rate'; readonly rate: Dec}
  /** Owned plans stated that had ended by now: not applied. */
  | {readonly kind: 'owned-ended'; readonly plans: readonly {readonly id: string | null; readonly endMs: number}[]}
  /** Fargate uses little of the owned commitment at the default 100% share: other services may use the rest. */
  | {readonly kind: 'owned-underused'; readonly utilization: Dec}
  /** compare --rightsized: workloads at their recommended sizes; `approximate` when some ran at other sizes too. */
  | {
      readonly kind: 'rightsized';
      readonly sizes: readonly {
        readonly component: string;
        readonly from: {readonly cpu: number; readonly memory: number};
        readonly to: {readonly cpu: number; readonly memory: number};
        /** The size rightsize judged, when the input runs the workload at another. */
        readonly judged: {readonly cpu: number; readonly memory: number} | null;
      }[];
      readonly unmatched: readonly string[];
      readonly approximate: boolean;
    };
