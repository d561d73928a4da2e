import type {Dec} from '../money/decimal.js';
import type {ExcludedItem, EstimateAssumptions} from './estimate.js';
import type {OptionId} from './types.js';

/**
 * What `fargate-cost diff` finds: two inputs (a base and a head) priced as estimate prices them, their
 * items matched by name (a family, a logical id, a Terraform address), and per item and in total the
 * monthly cost before, after and the change, under each purchase option.
 */

export type DiffStatus = 'added' | 'removed' | 'changed' | 'unchanged';

/** A field of an item that can change between the two sides. */
export type DiffField =
  | 'kind'
  | 'cpu'
  | 'memory'
  | 'storage'
  | 'arch'
  | 'os'
  | 'region'
  | 'task-count'
  | 'strategy'
  | 'schedule';

export const DIFF_FIELDS: readonly DiffField[] = [
  'kind',
  'cpu',
  'memory',
  'storage',
  'arch',
  'os',
  'region',
  'task-count',
  'strategy',
  'schedule',
];

export interface DiffChange {
  readonly field: DiffField;
  /** The value as text (cpu in units, memory in MiB, storage in GiB, a strategy as ECS writes it). */
  readonly before: string;
  readonly after: string;
}

/** Monthly cost per purchase option; null when the option has no price (or the side has no such item). */
export type OptionCosts = Readonly<Partial<Record<OptionId, Dec | null>>>;

/** One side of an item: what it is and what it costs a month. */
export interface DiffItemSide {
  readonly kind: 'service' | 'task-definition';
  readonly source: string;
  /** Each field of DIFF_FIELDS (but `kind`) as text. */
  readonly facts: Readonly<Record<Exclude<DiffField, 'kind'>, string>>;
  readonly costs: OptionCosts;
}

export interface DiffItem {
  readonly name: string;
  readonly status: DiffStatus;
  readonly before: DiffItemSide | null;
  readonly after: DiffItemSide | null;
  /** after - before, a missing side counting as nothing; null where either side has no price. */
  readonly delta: OptionCosts;
  readonly changes: readonly DiffChange[];
}

export interface DiffSideInfo {
  readonly source: string;
  /** Items of the input not priced, with why. */
  readonly excluded: readonly ExcludedItem[];
}

export interface DiffResult {
  readonly kind: 'diff';
  readonly options: readonly OptionId[];
  readonly base: DiffSideInfo;
  readonly head: DiffSideInfo;
  readonly items: readonly DiffItem[];
  readonly total: {readonly before: OptionCosts; readonly after: OptionCosts; readonly delta: OptionCosts};
  readonly workload: {
    readonly count: number;
    readonly durationSeconds: Dec;
    readonly runsPerMonth: Dec;
    readonly monthHours: number;
    readonly alwaysOn: boolean;
  };
  /** The head's assumptions (the catalog, the rates, the notes), the base's notes merged in. */
  readonly assumptions: EstimateAssumptions;
}
