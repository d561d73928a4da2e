import type {Catalog, Rate} from '../catalog/catalog.js';
import {D, dec, type Dec, UNIT_MS_PER_UNIT_HOUR, ZERO} from '../money/decimal.js';
import type {OwnedCommitment, OwnedInput} from '../model/owned.js';
import type {ProfileHour, UsageProfile} from '../model/profile.js';
import {type PlanId, planParts, type RateKey, SAVINGS_PLAN_RATE_KEYS} from '../model/types.js';

/**
 * Owned Compute Savings Plans applied before any commitment is sized, hour by hour, as AWS applies
 * commitments: each hour each owned plan active in it spends its Fargate share of its commitment on
 * the eligible On-Demand usage at its own plan's rates, the usage with the highest savings percentage
 * first; what it does not reach is left for more commitment (or On-Demand); what it does not use is
 * lost. Plans are applied one after another, the deepest discount (longest term, most upfront) first.
 *
 * Exactness. A plan that runs out part-way through an item leaves a fraction of that item's usage:
 * (usage x sp - left) / sp unit-milliseconds. So the residual usage is kept multiplied by a whole
 * number K (`usageScale`) chosen so that every such fraction is whole: before a plan is applied all
 * usage is multiplied by K_j = lcm, over the items it runs out part-way through in some hour, of
 * sp_k / gcd(sp_k, G), G = gcd of the commitment and every sp (in the plan's scaled money), since what
 * is left of the commitment is always a multiple of G x K_j. (Fewer items, a smaller K: usage stays in
 * fewer of the sweep's limbs.) The sweep that sizes further commitment divides K out again
 * (savings-plan.ts).
 */

/** What the owned plans did over a profile. */
export interface OwnedApplication {
  /** The usage they left: unit-milliseconds x `usageScale`, same series and hours. */
  readonly residual: UsageProfile;
  readonly usageScale: bigint;
  /** Their Fargate commitment over the profile's hours (USD), what was used of it, and the On-Demand cost it covered. */
  readonly commitmentCost: Dec;
  readonly used: Dec;
  readonly coveredOnDemand: Dec;
  /** Per owned commitment, in the order given. */
  readonly plans: readonly {readonly commitmentCost: Dec; readonly used: Dec; readonly activeHours: number}[];
}

const discountable = new Set<RateKey>(SAVINGS_PLAN_RATE_KEYS);
const MIN_DECIMALS = 6;

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

const lcm = (a: bigint, b: bigint) => (a / gcd(a, b)) * b;

/** Deeper discount first: 3-year before 1-year, then all, partial, no upfront; ties keep the order given. */
const PAYMENT_ORDER = {all: 0, partial: 1, no: 2} as const;
function applicationOrder(commitments: readonly OwnedCommitment[]): number[] {
  const rank = (plan: PlanId) => {
    const {term, payment} = planParts(plan);
    return (term === '3y' ? 0 : 3) + PAYMENT_ORDER[payment];
  };
  return commitments.map((_, i) => i).sort((a, b) => rank(commitments[a]!.plan) - rank(commitments[b]!.plan) || a - b);
}

interface Item {
  readonly column: number;
  readonly sp: bigint;
  readonly od: bigint;
}

/** The items a plan covers, highest savings first, its rates scaled to `decimals` (and the rates it uses). */
function planItems(
  profile: UsageProfile,
  catalog: Catalog,
  plan: PlanId,
  perHourDecimals: number,
): {items: Item[]; decimals: number; rates: Rate[]} {
  const found: {column: number; od: Rate; sp: Rate}[] = [];
  profile.series.forEach((series, column) => {
    if (series.purchase !== 'on-demand' || !discountable.has(series.key)) return;
    const sp = catalog.rate(series.region, plan, series.key);
    const od = catalog.rate(series.region, 'on-demand', series.key);
    if (sp && od && sp.price.gt(0) && od.price.gt(0)) found.push({column, od, sp});
  });
  const decimals = Math.max(
    MIN_DECIMALS,
    ...found.flatMap((f) => [f.od.price.decimalPlaces(), f.sp.price.decimalPlaces()]),
    perHourDecimals,
  );
  const scaled = (value: Dec) => BigInt(value.times(new D(10).pow(decimals)).toFixed(0));
  const items = found.map((f) => ({column: f.column, sp: scaled(f.sp.price), od: scaled(f.od.price)}));
  // Highest savings first: the highest od/sp ratio; ties keep the profile's order.
  const order = items
    .map((_, i) => i)
    .sort((a, b) => {
      const left = items[a]!.od * items[b]!.sp;
      const right = items[b]!.od * items[a]!.sp;
      return left === right ? a - b : left > right ? -1 : 1;
    });
  return {items: order.map((i) => items[i]!), decimals, rates: found.flatMap((f) => [f.od, f.sp])};
}

/** Is the plan active in the hour starting at `startMs`? Undated plans (or an undated profile) always are. */
function activeIn(commitment: OwnedCommitment, startMs: number, dated: boolean): boolean {
  if (!dated) return true;
  if (commitment.startMs !== null && startMs + 3_600_000 <= commitment.startMs) return false;
  if (commitment.endMs !== null && startMs >= commitment.endMs) return false;
  return true;
}

/** The items a plan's commitment runs out part-way through, in some hour it is active in. */
function partialItems(
  profile: UsageProfile,
  usage: readonly bigint[][],
  items: readonly Item[],
  commitment: OwnedCommitment,
  perHour: bigint,
  dated: boolean,
): Item[] {
  const found = new Set<Item>();
  profile.hours.forEach((hour, h) => {
    if (!activeIn(commitment, hour.startMs, dated)) return;
    const row = usage[h]!;
    let left = perHour;
    for (const item of items) {
      const cost = row[item.column]! * item.sp;
      if (cost === 0n) continue;
      if (cost > left) {
        if (left > 0n) found.add(item);
        return;
      }
      left -= cost;
    }
  });
  return [...found];
}

/**
 * The owned commitments applied to a profile's On-Demand usage. `dated`: the profile's hours are real
 * clock hours (a history), so each plan covers only the hours between its start and end; an estimate's
 * model month is covered by every plan.
 */
export function applyOwned(
  profile: UsageProfile,
  catalog: Catalog,
  owned: OwnedInput,
  dated: boolean,
  only?: (index: number) => boolean,
): OwnedApplication {
  let usage: bigint[][] = profile.hours.map((hour) => [...hour.unitMs]);
  let usageScale = 1n;
  const plans = owned.commitments.map(() => ({commitmentCost: ZERO, used: ZERO, activeHours: 0}));
  let coveredOnDemand = ZERO;
  for (const j of applicationOrder(owned.commitments)) {
    if (only && !only(j)) continue;
    const commitment = owned.commitments[j]!;
    const perHour = commitment.commitmentPerHour.times(owned.share);
    const {items, decimals} = planItems(profile, catalog, commitment.plan, perHour.decimalPlaces());
    // Money scaled: dollars x 10^decimals x UNIT_MS_PER_UNIT_HOUR x usageScale (so rate x usage is whole).
    const moneyScale = 10n ** BigInt(decimals) * UNIT_MS_PER_UNIT_HOUR;
    const commitmentScaled = BigInt(perHour.times(new D(moneyScale.toString())).toFixed(0));
    const g = items.reduce((acc, item) => gcd(acc, item.sp), commitmentScaled);
    // Only an item the commitment runs out in, in some hour, is left a fraction: K_j needs only theirs.
    const partial = partialItems(profile, usage, items, commitment, commitmentScaled * usageScale, dated);
    const k = partial.reduce((acc, item) => lcm(acc, item.sp / gcd(item.sp, g === 0n ? item.sp : g)), 1n);
    // The items' usage is rescaled only when a fraction can arise.
    if (k !== 1n) {
      usage = usage.map((row) => row.map((value) => value * k));
      usageScale *= k;
    }
    const leftPerHour = commitmentScaled * usageScale;
    let usedScaled = 0n;
    let coveredScaled = 0n;
    let active = 0;
    profile.hours.forEach((hour: ProfileHour, h) => {
      if (!activeIn(commitment, hour.startMs, dated)) return;
      active++;
      const row = usage[h]!;
      let left = leftPerHour;
      for (const item of items) {
        if (left === 0n) break;
        const amount = row[item.column]!;
        if (amount === 0n) continue;
        const cost = amount * item.sp;
        if (cost <= left) {
          left -= cost;
          coveredScaled += amount * item.od;
          row[item.column] = 0n;
        } else {
          const covered = left / item.sp;
          coveredScaled += covered * item.od;
          row[item.column] = amount - covered;
          left = 0n;
        }
      }
      usedScaled += leftPerHour - left;
    });
    const divisor = new D((moneyScale * usageScale).toString());
    plans[j] = {
      commitmentCost: perHour.times(active),
      used: new D(usedScaled.toString()).div(divisor),
      activeHours: active,
    };
    coveredOnDemand = coveredOnDemand.plus(new D(coveredScaled.toString()).div(divisor));
  }
  const residual: UsageProfile = {
    series: profile.series,
    hours: profile.hours.map((hour, h) => ({startMs: hour.startMs, unitMs: usage[h]!})),
  };
  return {
    residual,
    usageScale,
    commitmentCost: plans.reduce((total, plan) => total.plus(plan.commitmentCost), ZERO),
    used: plans.reduce((total, plan) => total.plus(plan.used), ZERO),
    coveredOnDemand,
    plans,
  };
}

/**
 * The owned plans still in force at `nowMs` (ended ones dropped; the same object when none has ended).
 * compare sizes a purchase made now over usage taken as the future's: a plan in force now covers every
 * hour compared, one that has ended covers none.
 */
export function ownedInForce(
  owned: OwnedInput,
  nowMs: number,
): {readonly owned: OwnedInput; readonly ended: readonly OwnedCommitment[]} {
  const ended = owned.commitments.filter((c) => c.endMs !== null && c.endMs <= nowMs);
  if (ended.length === 0) return {owned, ended};
  return {owned: {...owned, commitments: owned.commitments.filter((c) => !ended.includes(c))}, ended};
}

/** The Fargate share of the owned commitment per hour, of every plan given. */
export function ownedPerHour(owned: OwnedInput): Dec {
  return owned.commitments.reduce((total, c) => total.plus(c.commitmentPerHour.times(owned.share)), dec(0));
}
