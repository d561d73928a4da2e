import type {Command} from 'commander';
import {EXIT, UserError, untrusted} from '../errors.js';
import {dec, type Dec, isDecimalString} from '../money/decimal.js';
import type {AwsRecommendation, OwnedCommitment, OwnedInput} from '../model/owned.js';
import type {PlanId} from '../model/types.js';

/**
 * What the account already owns, and Cost Explorer's recommendation, as compare's flags give them:
 * --owned-commitment AMOUNT[:TERM:PAYMENT[:END-DATE]] (repeatable), --owned-savings-plans live,
 * --owned-share PCT|live, --owned-lookahead DAYS, --aws-recommendation live|FILE.
 */

export interface OwnedFlags {
  ownedCommitment?: string[];
  ownedSavingsPlans?: string;
  ownedShare?: string;
  ownedLookahead?: string;
  awsRecommendation?: string;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

export const DEFAULT_OWNED_LOOKAHEAD_DAYS = 90;

export function addOwnedOptions(command: Command, withRecommendation = true): void {
  command
    .option(
      '--owned-commitment <spec>',
      'a Compute Savings Plan already owned, applied before sizing more, repeatable: AMOUNT[:TERM:PAYMENT[:END-DATE]], ' +
        'e.g. 0.20:1y:no-upfront:2027-03-31 (default 1y no-upfront, no end)',
      collect,
    )
    .option(
      '--owned-savings-plans <source>',
      'read the active Compute Savings Plans: live (savingsplans:DescribeSavingsPlans)',
    )
    .option(
      '--owned-share <share>',
      'share of the owned commitment available to Fargate (it also covers EC2 and Lambda): 60% or 0.6 (default 100%), ' +
        'or live (from Cost Explorer)',
    )
    .option(
      '--owned-lookahead <days>',
      `list owned plans ending within this many days, with what not renewing costs (default ${DEFAULT_OWNED_LOOKAHEAD_DAYS})`,
    );
  if (withRecommendation)
    command.option(
      '--aws-recommendation <source>',
      "show Cost Explorer's Savings Plans purchase recommendation beside this one: live, or a saved JSON response",
    );
}

const usage = (message: string, hint: string) => new UserError(message, {exitCode: EXIT.usage, hint});

const TERMS: Record<string, '1y' | '3y'> = {'1y': '1y', '1yr': '1y', '1': '1y', '3y': '3y', '3yr': '3y', '3': '3y'};
const PAYMENTS: Record<string, 'no' | 'partial' | 'all'> = {
  'no-upfront': 'no',
  no: 'no',
  'partial-upfront': 'partial',
  partial: 'partial',
  'all-upfront': 'all',
  all: 'all',
};

/** A flag table's own entry ("constructor" is no term). */
function ownEntry<V>(table: Record<string, V>, key: string): V | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

const OWNED_HINT = 'e.g. --owned-commitment 0.20:1y:no-upfront:2027-03-31 (AMOUNT[:TERM:PAYMENT[:END-DATE]])';

/** One --owned-commitment: the plan ends at 00:00 UTC after END-DATE (its last day covered). */
export function parseOwnedCommitment(text: string): OwnedCommitment {
  const parts = text.split(':');
  const shown = untrusted(text);
  const [amount, termText, paymentText, endText] = parts;
  if (parts.length > 4)
    throw usage(`--owned-commitment "${shown}" is not AMOUNT[:TERM:PAYMENT[:END-DATE]]`, OWNED_HINT);
  if (amount === undefined || !isDecimalString(amount) || dec(amount).lte(0))
    throw usage(
      `--owned-commitment "${shown}": ${untrusted(amount ?? '')} is not an amount of dollars an hour`,
      OWNED_HINT,
    );
  const term = termText === undefined ? '1y' : ownEntry(TERMS, termText.toLowerCase());
  if (term === undefined) throw usage(`--owned-commitment "${shown}": the term is 1y or 3y`, OWNED_HINT);
  const payment = paymentText === undefined ? 'no' : ownEntry(PAYMENTS, paymentText.toLowerCase());
  if (payment === undefined)
    throw usage(`--owned-commitment "${shown}": the payment is no-upfront, partial-upfront or all-upfront`, OWNED_HINT);
  let endMs: number | null = null;
  if (endText !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(endText))
      throw usage(`--owned-commitment "${shown}": the end date is YYYY-MM-DD`, OWNED_HINT);
    const day = Date.parse(`${endText}T00:00:00Z`);
    if (Number.isNaN(day) || new Date(day).toISOString().slice(0, 10) !== endText)
      throw usage(`--owned-commitment "${shown}": ${untrusted(endText)} is not a date`, OWNED_HINT);
    endMs = day + 86_400_000;
  }
  const plan = `compute-${term}-${payment}-upfront` as PlanId;
  return {id: null, commitmentPerHour: dec(amount), plan, startMs: null, endMs, source: 'flag'};
}

/** --owned-share: 60% or 0.6; "live" is resolved by the caller. */
export function parseOwnedShare(text: string): Dec {
  const hint = 'e.g. --owned-share 60% (or 0.6), or --owned-share live to read it from Cost Explorer';
  const percent = text.endsWith('%');
  const number = percent ? text.slice(0, -1) : text;
  if (!isDecimalString(number)) throw usage(`--owned-share "${untrusted(text)}" is not a share`, hint);
  const share = percent ? dec(number).div(100) : dec(number);
  if (share.lt(0) || share.gt(1)) throw usage(`--owned-share ${untrusted(text)} is not between 0% and 100%`, hint);
  return share;
}

export function parseLookahead(text: string | undefined): number {
  if (text === undefined) return DEFAULT_OWNED_LOOKAHEAD_DAYS;
  const days = /^\d{1,5}d?$/.test(text) ? Number.parseInt(text, 10) : Number.NaN;
  if (Number.isNaN(days))
    throw usage(`--owned-lookahead "${untrusted(text)}" is not a number of days`, 'e.g. --owned-lookahead 90');
  return days;
}

/** The owned flags given, checked; `live` parts are read by `resolveOwned`. */
export function ownedFlagsGiven(flags: OwnedFlags): boolean {
  return (
    (flags.ownedCommitment?.length ?? 0) > 0 ||
    flags.ownedSavingsPlans !== undefined ||
    flags.ownedShare !== undefined ||
    flags.ownedLookahead !== undefined
  );
}

const TERM_DAYS = {'1y': 366, '3y': 1096} as const;

/** A stated plan's end, against now: not already past, and within its term from now. */
function checkEnd(text: string, commitment: OwnedCommitment, now: Date): void {
  if (commitment.endMs === null) return;
  const shown = untrusted(text);
  if (commitment.endMs <= now.getTime())
    throw usage(
      `--owned-commitment "${shown}": the plan has already ended`,
      'drop it: an ended plan covers nothing from now on (or correct its END-DATE)',
    );
  const term = commitment.plan.includes('-3y-') ? '3y' : '1y';
  if (commitment.endMs - now.getTime() > TERM_DAYS[term] * 86_400_000)
    throw usage(
      `--owned-commitment "${shown}": a ${term === '1y' ? '1-year' : '3-year'} plan cannot end that far ahead`,
      `its END-DATE is at most ${term === '1y' ? 'one year' : 'three years'} from today; check the TERM or the date`,
    );
}

/** The owned input from flags alone (no live reads): null when no owned plan is stated. */
export function ownedFromFlags(
  flags: OwnedFlags,
  live: readonly OwnedCommitment[] = [],
  now?: Date,
): OwnedInput | null {
  if (flags.ownedSavingsPlans !== undefined && flags.ownedSavingsPlans !== 'live')
    throw usage(
      `--owned-savings-plans "${untrusted(flags.ownedSavingsPlans)}": only live is supported`,
      'e.g. --owned-savings-plans live (reads savingsplans:DescribeSavingsPlans), or state plans with --owned-commitment',
    );
  const stated = (flags.ownedCommitment ?? []).map((text) => {
    const commitment = parseOwnedCommitment(text);
    if (now) checkEnd(text, commitment, now);
    return commitment;
  });
  const commitments = [...stated, ...live];
  const shareGiven = flags.ownedShare !== undefined && flags.ownedShare !== 'live';
  if (commitments.length === 0) {
    // Live plans not read yet (a check of the flags), or none found: nothing owned.
    if (flags.ownedSavingsPlans === 'live') return null;
    if (flags.ownedShare !== undefined || flags.ownedLookahead !== undefined)
      throw usage(
        '--owned-share and --owned-lookahead need owned plans',
        'add --owned-commitment AMOUNT[:TERM:PAYMENT[:END-DATE]] or --owned-savings-plans live',
      );
    return null;
  }
  return {
    commitments,
    share: shareGiven ? parseOwnedShare(flags.ownedShare!) : dec(1),
    shareSource: shareGiven ? 'flag' : 'default',
    lookaheadDays: parseLookahead(flags.ownedLookahead),
  };
}

/** The owned plans, with the live parts read: --owned-savings-plans live and --owned-share live. */
export async function resolveOwned(
  flags: OwnedFlags & {region?: string; profile?: string; timeout?: string},
  env: NodeJS.ProcessEnv,
  now: Date,
): Promise<OwnedInput | null> {
  const liveShare = flags.ownedShare === 'live';
  if (flags.ownedSavingsPlans !== 'live' && !liveShare) return ownedFromFlags(flags, [], now);
  const {liveAwsOptions} = await import('./aws.js');
  const options = await liveAwsOptions(env, flags);
  let live: OwnedCommitment[] = [];
  if (flags.ownedSavingsPlans === 'live') {
    const {readOwnedSavingsPlans} = await import('../sources/savingsplans/owned-live.js');
    live = [...(await readOwnedSavingsPlans(options, now.getTime())).commitments];
  }
  const stated = ownedFromFlags(flags, live, now);
  if (stated === null || !liveShare) return stated;
  const [{readFargateShare}, {fargateShareOf}] = await Promise.all([
    import('../sources/cost-explorer/share-live.js'),
    import('../analysis/owned-share.js'),
  ]);
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const end = day(now.getTime());
  const measurement = await readFargateShare(options, {start: day(now.getTime() - SHARE_DAYS * 86_400_000), end});
  return {...stated, share: fargateShareOf(measurement), shareSource: 'live', shareMeasurement: measurement};
}

/** Days of Cost Explorer's figures --owned-share live measures the share over. */
export const SHARE_DAYS = 30;

/** --aws-recommendation: live (for `plan` over `lookbackDays`), or a saved response. */
export async function readAwsRecommendationFlag(
  flags: OwnedFlags & {region?: string; profile?: string; timeout?: string},
  env: NodeJS.ProcessEnv,
  plan: PlanId,
  lookbackDays: 7 | 30 | 60,
): Promise<AwsRecommendation | undefined> {
  const source = flags.awsRecommendation;
  if (source === undefined) return undefined;
  const recommendation = await import('../sources/cost-explorer/recommendation.js');
  if (source !== 'live') return recommendation.readAwsRecommendationFile(source);
  const {liveAwsOptions} = await import('./aws.js');
  return recommendation.readAwsRecommendation(await liveAwsOptions(env, flags), {plan, lookbackDays});
}
