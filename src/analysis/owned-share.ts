import {type Dec, ONE, ZERO} from '../money/decimal.js';
import type {OwnedShareMeasurement} from '../model/owned.js';

/**
 * The share of the owned Compute Savings Plans commitment available to Fargate, from what Cost
 * Explorer measured over a period: what other services used is not available to Fargate; what went
 * unused, and what Fargate itself used, is.
 *
 *   share = 1 − (used − used by Fargate) / total, clamped to [0, 1]
 *
 * No commitment at all (total 0) leaves nothing to share: 1, so that applying it changes nothing.
 * Figures that disagree (Fargate using more than all services together, the used above the total,
 * negatives from refunds) are clamped rather than trusted.
 */
export function fargateShareOf(m: OwnedShareMeasurement): Dec {
  if (m.totalCommitment.lte(0)) return ONE;
  const others = atLeast(m.usedCommitment.minus(m.fargateCommitment), ZERO);
  const share = ONE.minus(others.div(m.totalCommitment));
  return share.lt(0) ? ZERO : share.gt(1) ? ONE : share;
}

function atLeast(a: Dec, b: Dec): Dec {
  return a.gt(b) ? a : b;
}
