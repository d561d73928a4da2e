import {dec, type Dec, ZERO} from '../money/decimal.js';
import type {RiskSource, SpotRisk, SpotRiskParameters, WorkloadKind} from '../model/compare.js';

/**
 * What Fargate Spot interruptions cost. An interrupted task is replaced; the replacement pulls its
 * image and starts again (billed, no useful work), and whatever the interrupted task had not
 * finished is done again. So each interruption adds `overhead` billed task-time:
 *
 *   overhead hours = (image pull seconds + lost work seconds) / 3600
 *   expected Spot cost = Spot cost x (1 + interruptions per task-hour x overhead hours)
 *
 * Defaults, used when neither the history nor a flag gives the figure:
 * - interruptions per task-hour: 0.001 (one per ~6 weeks of an always-on task). AWS publishes no
 *   Fargate Spot interruption frequency; this is a placeholder, said so in the assumptions.
 * - image pull: 60 s per replacement.
 * - lost work: services lose nothing beyond the replacement's start-up (traffic moves to the other
 *   tasks during the two-minute warning); batch jobs lose half a typical run on average (an
 *   interruption lands uniformly within a run without checkpoints).
 */

export const DEFAULT_INTERRUPTIONS_PER_TASK_HOUR = dec('0.001');
export const DEFAULT_IMAGE_PULL_SECONDS = dec(60);

/** Interruptions per Spot task-hour measured in a history (stop code SpotInterruption or TerminationNotice). */
export function measuredInterruptionRate(interruptions: number, spotTaskHours: Dec): Dec | undefined {
  if (spotTaskHours.lte(0)) return undefined;
  return dec(interruptions).div(spotTaskHours);
}

export interface RiskInputs {
  /** --interruption-rate (per task-hour). */
  readonly flagRate?: Dec | undefined;
  /** From a history: interruptions among its Spot tasks and their task-hours. */
  readonly history?: {readonly interruptions: number; readonly spotTaskHours: Dec} | undefined;
  /** Mean image pull seconds measured in a history. */
  readonly measuredPullSeconds?: Dec | undefined;
}

/** Picks each figure from the flag, then the history, then the default. */
export function riskParameters(inputs: RiskInputs): SpotRiskParameters {
  const measured = inputs.history
    ? measuredInterruptionRate(inputs.history.interruptions, inputs.history.spotTaskHours)
    : undefined;
  const [rate, source]: [Dec, RiskSource] =
    inputs.flagRate !== undefined
      ? [inputs.flagRate, 'flag']
      : measured !== undefined
        ? [measured, 'history']
        : [DEFAULT_INTERRUPTIONS_PER_TASK_HOUR, 'default'];
  return {
    interruptionsPerTaskHour: rate,
    interruptionSource: source,
    evidence: source === 'history' && inputs.history ? inputs.history : null,
    imagePullSeconds: inputs.measuredPullSeconds ?? DEFAULT_IMAGE_PULL_SECONDS,
    imagePullSource: inputs.measuredPullSeconds !== undefined ? 'history' : 'default',
  };
}

/**
 * The risk for one workload: `lostWorkSeconds` from --lost-work when given, else the default for
 * its kind (services 0, batch half of `typicalRunSeconds`).
 */
export function spotRiskFor(
  parameters: SpotRiskParameters,
  kind: WorkloadKind,
  options: {lostWorkSeconds?: Dec | undefined; typicalRunSeconds?: Dec | undefined} = {},
): SpotRisk {
  const [lostWorkSeconds, lostWorkSource]: [Dec, RiskSource] =
    options.lostWorkSeconds !== undefined
      ? [options.lostWorkSeconds, 'flag']
      : [
          kind === 'batch' && options.typicalRunSeconds !== undefined ? options.typicalRunSeconds.div(2) : ZERO,
          'default',
        ];
  const overheadSeconds = parameters.imagePullSeconds.plus(lostWorkSeconds);
  return {
    kind,
    interruptionsPerTaskHour: parameters.interruptionsPerTaskHour,
    imagePullSeconds: parameters.imagePullSeconds,
    lostWorkSeconds,
    lostWorkSource,
    overheadSeconds,
    overheadSecondsPerTaskHour: parameters.interruptionsPerTaskHour.times(overheadSeconds),
    overheadRatio: parameters.interruptionsPerTaskHour.times(overheadSeconds).div(3600),
  };
}

/** Spot cost with the expected re-run overhead: overhead = Spot cost x interruptions per task-hour x overhead seconds / 3600. */
export function expectedSpotCost(
  spotCost: Dec,
  risk: Pick<SpotRisk, 'overheadSecondsPerTaskHour'>,
): {readonly expected: Dec; readonly overhead: Dec} {
  const overhead = spotCost.times(risk.overheadSecondsPerTaskHour).div(3600);
  return {expected: spotCost.plus(overhead), overhead};
}

/** Expected interruptions over a number of Spot task-hours. */
export function expectedInterruptions(spotTaskHours: Dec, risk: Pick<SpotRisk, 'interruptionsPerTaskHour'>): Dec {
  return spotTaskHours.times(risk.interruptionsPerTaskHour);
}

export type {RiskSource, SpotRisk, SpotRiskParameters, WorkloadKind};
