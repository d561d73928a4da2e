import type {Dec} from '../money/decimal.js';
import type {OptionResult, PricedAssumptions} from './priced.js';
import type {EstimateNote, TaskNote} from './notes.js';
import type {TaskSize} from './types.js';

/** What `fargate-cost estimate` finds: every task definition priced under every purchase option for a month. */

export type RegionOrigin = 'flag' | 'task definition' | 'environment' | 'default';

export interface TaskEstimate {
  readonly name: string;
  readonly source: string;
  readonly region: string;
  readonly regionOrigin: RegionOrigin;
  readonly size: TaskSize;
  readonly billedSecondsPerRun: number;
  readonly notes: readonly TaskNote[];
  readonly options: readonly OptionResult[];
}

export type EstimateAssumptions = PricedAssumptions<EstimateNote>;

export interface EstimateResult {
  readonly kind: 'estimate';
  /** The whole input (every task definition together) under each purchase option. */
  readonly options: readonly OptionResult[];
  readonly tasks: readonly TaskEstimate[];
  readonly workload: {
    readonly count: number;
    readonly durationSeconds: Dec;
    readonly runsPerMonth: Dec;
    readonly monthHours: number;
    readonly alwaysOn: boolean;
  };
  readonly assumptions: EstimateAssumptions;
}
