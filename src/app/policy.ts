import type {Dec} from '../money/decimal.js';
import type {OptionId} from '../model/types.js';

/**
 * Policies a build can fail on: a monthly total above a limit, or an increase above an amount or a
 * percentage of the base. Pure: the CLI words a failure and gives its exit code.
 */

export type IncreaseLimit =
  | {readonly kind: 'amount'; readonly amount: Dec}
  | {readonly kind: 'percent'; readonly percent: Dec};

export interface Policy {
  /** The purchase option whose monthly totals the limits apply to. */
  readonly option: OptionId;
  readonly above?: Dec | undefined;
  readonly increase?: IncreaseLimit | undefined;
}

export type PolicyFailure =
  | {readonly kind: 'above'; readonly option: OptionId; readonly total: Dec; readonly limit: Dec}
  | {
      readonly kind: 'increase';
      readonly option: OptionId;
      readonly before: Dec;
      readonly after: Dec;
      readonly delta: Dec;
      readonly limit: IncreaseLimit;
    }
  /** The option has no price for the input (Spot for Windows): the policy cannot be checked, so it fails. */
  | {readonly kind: 'no-price'; readonly option: OptionId; readonly policy: 'above' | 'increase'};

/**
 * The policies `totals` break: `after` is the head's (or an estimate's) monthly total in the policy's
 * option, `before` the base's (null for an estimate, which has no base). An increase from nothing is
 * above every percentage.
 */
export function checkPolicy(
  policy: Policy,
  totals: {readonly before: Dec | null | undefined; readonly after: Dec | null | undefined; readonly hasBase: boolean},
): PolicyFailure[] {
  const failures: PolicyFailure[] = [];
  const {option} = policy;
  const after = totals.after ?? null;
  if (policy.above !== undefined) {
    if (after === null) failures.push({kind: 'no-price', option, policy: 'above'});
    else if (after.gt(policy.above)) failures.push({kind: 'above', option, total: after, limit: policy.above});
  }
  if (policy.increase !== undefined && totals.hasBase) {
    const before = totals.before ?? null;
    if (after === null || before === null) failures.push({kind: 'no-price', option, policy: 'increase'});
    else {
      const delta = after.minus(before);
      const limit = policy.increase;
      const broken =
        limit.kind === 'amount'
          ? delta.gt(limit.amount)
          : delta.gt(0) && (before.isZero() || delta.div(before).times(100).gt(limit.percent));
      if (broken) failures.push({kind: 'increase', option, before, after, delta, limit});
    }
  }
  return failures;
}
