import type {Catalog, Rate} from '../catalog/catalog.js';
import {type Exact, EXACT_ZERO, plus} from '../money/exact.js';
import type {CurvePoint} from '../model/compare.js';
import type {RateGap} from '../model/priced.js';
import type {Purchase, UsageProfile} from '../model/profile.js';
import type {PlanId} from '../model/types.js';
import {type PricedProfile, priceProfile, profileTotals} from '../pricing/profile.js';
import type {OwnedInput} from '../model/owned.js';
import {type OwnedApplication, applyOwned} from './owned.js';
import {
  type CommitmentOptimum,
  costCurve,
  optimizeCommitment,
  type PreparedPlan,
  prepareSavingsPlan,
} from './savings-plan.js';
import {mergeProfiles, missingSpotRates, splitOnDemandCap, withoutUnpricedSpot, withPurchase} from './usage-profile.js';

/**
 * What compare derives from usage alone, kept by the identity of the profiles it came from: each
 * workload re-bought On-Demand, on Spot or split at an On-Demand base, the merged profiles, their
 * prices, the plans sized over them and their curves. None of it depends on the Spot risk, the
 * On-Demand base asked for or which work tolerates Spot; so compare run again over the same input
 * with other such flags (the terminal UI's keys) derives only what they change: the placements, and
 * a mix it has not met yet. One cache serves one catalog and one month length.
 *
 * Profiles are never changed once built, so what is kept is what deriving it again would give: a
 * compare with a cache returns the same result as without one. Without one, compare makes its own
 * for the run, which still derives each of these once instead of once per use.
 */
export class CompareCache {
  readonly #derived = new WeakMap<object, Map<string, Map<string, unknown>>>();
  readonly #ids = new WeakMap<object, number>();
  readonly #merged = new Map<string, UsageProfile>();

  /**
   * `owned`: Savings Plans already owned, applied to every profile before a plan is sized over it
   * (the plans in force now: each covers every hour of a profile, see owned.ts).
   */
  constructor(
    readonly catalog: Catalog,
    readonly monthHours: number,
    readonly owned: OwnedInput | null = null,
  ) {}

  /**
   * compute(), once per `source` and `key` (`key` names every other argument). A source keeps its
   * latest `limit` values of a `group`.
   */
  #keep<T>(source: object, key: string, compute: () => T, group = 'derived', limit = KEPT_PER_SOURCE): T {
    let groups = this.#derived.get(source);
    if (!groups) {
      groups = new Map();
      this.#derived.set(source, groups);
    }
    let kept = groups.get(group);
    if (!kept) {
      kept = new Map();
      groups.set(group, kept);
    }
    if (kept.has(key)) {
      const value = kept.get(key) as T;
      // Most recently used last: what is evicted is what has not been asked for longest.
      kept.delete(key);
      kept.set(key, value);
      return value;
    }
    const value = compute();
    kept.set(key, value);
    if (kept.size > limit) kept.delete(kept.keys().next().value!);
    return value;
  }

  #id(source: object): number {
    let id = this.#ids.get(source);
    if (id === undefined) {
      id = this.#nextId++;
      this.#ids.set(source, id);
    }
    return id;
  }
  #nextId = 0;

  withPurchase(profile: UsageProfile, purchase: Purchase): UsageProfile {
    return this.#keep(profile, `purchase:${purchase}`, () => withPurchase(profile, purchase));
  }

  splitOnDemandCap(profile: UsageProfile, cap: readonly bigint[]): UsageProfile {
    return this.#keep(profile, cap.join(','), () => splitOnDemandCap(profile, cap), 'cap', SPLITS_KEPT);
  }

  /** mergeProfiles(profiles), once per sequence of profiles (the latest few sequences are kept). */
  merged(profiles: readonly UsageProfile[]): UsageProfile {
    const key = profiles.map((profile) => this.#id(profile)).join(',');
    const kept = this.#merged.get(key);
    if (kept) {
      this.#merged.delete(key);
      this.#merged.set(key, kept);
      return kept;
    }
    const merged = mergeProfiles(profiles);
    this.#merged.set(key, merged);
    if (this.#merged.size > MERGED_KEPT) this.#merged.delete(this.#merged.keys().next().value!);
    return merged;
  }

  totals(profile: UsageProfile): readonly bigint[] {
    return this.#keep(profile, 'totals', () => profileTotals(profile));
  }

  /** hasSpotUsage(profile). */
  hasSpotUsage(profile: UsageProfile): boolean {
    const totals = this.totals(profile);
    return profile.series.some((item, i) => item.purchase === 'spot' && totals[i]! > 0n);
  }

  priced(profile: UsageProfile): PricedProfile {
    return this.#keep(profile, 'priced', () => priceProfile(profile, this.catalog));
  }

  missingSpotRates(profile: UsageProfile): RateGap[] {
    return this.#keep(profile, 'missing-spot', () => missingSpotRates(profile, this.catalog));
  }

  /** withoutUnpricedSpot(profile, missingSpotRates(profile)): what Savings Plans are sized over. */
  withoutUnpricedSpot(profile: UsageProfile): UsageProfile {
    return this.#keep(profile, 'without-unpriced-spot', () =>
      withoutUnpricedSpot(profile, this.missingSpotRates(profile)),
    );
  }

  /** What the owned plans leave of a profile (null without owned plans). */
  ownedApplied(profile: UsageProfile): OwnedApplication | null {
    const owned = this.owned;
    if (owned === null) return null;
    return this.#keep(profile, 'owned', () => applyOwned(profile, this.catalog, owned, false));
  }

  /** A plan prepared over a profile (over what owned plans leave of it, when there are any), and its optimum. */
  sized(profile: UsageProfile, plan: PlanId): {readonly prepared: PreparedPlan; readonly optimum: CommitmentOptimum} {
    return this.#keep(profile, `plan:${plan}`, () => {
      const applied = this.ownedApplied(profile);
      const prepared = applied
        ? prepareSavingsPlan(applied.residual, this.catalog, plan, {
            monthHours: this.monthHours,
            usageScale: applied.usageScale,
            owned: applied,
          })
        : prepareSavingsPlan(profile, this.catalog, plan, {monthHours: this.monthHours});
      return {prepared, optimum: optimizeCommitment(prepared)};
    });
  }

  /**
   * What pricing a sequence of profiles (one per workload) sums, whatever the Spot risk: the rates
   * its lines use, its On-Demand and its Spot cost, and the Spot cost of each group of workloads
   * `groups` names (groups[i]: workload i's group). Compare prices the Spot re-run overhead once per
   * group of workloads with the same risk, on the group's Spot cost: exact, so the same figure as
   * pricing it workload by workload.
   */
  partSums(profiles: readonly UsageProfile[], groups: readonly number[]): PartSums {
    const key = `${profiles.map((profile) => this.#id(profile)).join(',')}|${groups.join(',')}`;
    const kept = this.#sums.get(key);
    if (kept) {
      this.#sums.delete(key);
      this.#sums.set(key, kept);
      return kept;
    }
    const rates = new Map<string, Rate>();
    let spot = EXACT_ZERO;
    let onDemand = EXACT_ZERO;
    const spotOfGroup: Exact[] = [];
    profiles.forEach((profile, i) => {
      const priced = this.priced(profile);
      for (const line of priced.lines) rates.set(`${line.rate.region}|${line.rate.table}|${line.rate.key}`, line.rate);
      spot = plus(spot, priced.spotCost);
      onDemand = plus(onDemand, priced.onDemandCost);
      const group = groups[i]!;
      spotOfGroup[group] = plus(spotOfGroup[group] ?? EXACT_ZERO, priced.spotCost);
    });
    const sums: PartSums = {rates: [...rates.values()], spot, onDemand, spotOfGroup};
    this.#sums.set(key, sums);
    if (this.#sums.size > SUMS_KEPT) this.#sums.delete(this.#sums.keys().next().value!);
    return sums;
  }
  readonly #sums = new Map<string, PartSums>();

  curve(prepared: PreparedPlan, points: number): CurvePoint[] {
    return this.#keep(prepared, `curve:${points}`, () => costCurve(prepared, points));
  }
}

/** What pricing a sequence of profiles sums (CompareCache.partSums). */
export interface PartSums {
  /** Every rate a line of the profiles uses (each once). */
  readonly rates: readonly Rate[];
  readonly spot: Exact;
  readonly onDemand: Exact;
  /** The Spot cost of each group of workloads. */
  readonly spotOfGroup: readonly Exact[];
}

/** Sums of sequences of profiles kept: the few compare prices (baseline, all Spot, On-Demand, the latest mixes). */
const SUMS_KEPT = 16;
/** Derivations kept a source (a profile has a few: bought each way, priced, its totals, six plans). */
const KEPT_PER_SOURCE = 16;
/** A workload's splits at an On-Demand base kept: the latest bases (each a profile as long as the workload's). */
const SPLITS_KEPT = 3;
/** Merged profiles kept: the baseline, all Spot, and the latest mixes. */
const MERGED_KEPT = 8;
