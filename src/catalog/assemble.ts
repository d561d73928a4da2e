import {UserError} from '../errors.js';
import {dec, type Dec} from '../money/decimal.js';
import {
  type Confidence,
  PAYMENTS,
  PLAN_IDS,
  type PlanId,
  planParts,
  RATE_KEYS,
  type RateKey,
  SAVINGS_PLAN_RATE_KEYS,
  type SavingsPlanRateKey,
  SPOT_RATE_KEYS,
  TERMS,
} from '../model/types.js';
import {
  CATALOG_SCHEMA_ID,
  catalogSchema,
  type CatalogJson,
  type RateJson,
  type RegionJson,
  type SourceJson,
} from './schema.js';
import type {RateTable} from '../model/types.js';
import {RATE_UNIT, usageTypeFor} from './usage-types.js';

/** One observed price, from any source: an AWS API response, an offer file, a secondary table. */
export interface PriceEntry {
  readonly region: string;
  readonly table: RateTable;
  readonly key: RateKey;
  readonly price: string;
  readonly source: string;
  readonly asOf: string;
  readonly confidence: Confidence;
  /** The usage type as the source spelled it; rebuilt from the region's prefix when absent. */
  readonly usageType?: string;
  readonly note?: string;
  /** How an `estimated` entry came about (taken from an unchecked note, a hand-edited fixture...); required for one. */
  readonly derivation?: string;
  /** The newest date a later reading (source `confirmedBy`) found the same price; see `confirmedBy`. */
  readonly confirmed?: string;
  readonly confirmedBy?: string;
}

export interface RegionMeta {
  readonly code: string;
  readonly name: string;
  readonly usageTypePrefix: string;
}

export interface AssembleInput {
  readonly regions: readonly RegionMeta[];
  readonly entries: readonly PriceEntry[];
  readonly sources: readonly SourceJson[];
  /** ISO timestamp; passed in, the core reads no clock. */
  readonly generatedAt: string;
  readonly generatedBy: string;
  /** The region whose discounts and fees estimate other regions' missing rates. */
  readonly referenceRegion?: string;
}

export interface AssembleReport {
  readonly catalog: CatalogJson;
  /** Entries that lost to a better one for the same slot (kept for `prices diff`-style review). */
  readonly superseded: readonly PriceEntry[];
  readonly estimated: number;
}

const CONFIDENCE_RANK: Record<Confidence, number> = {published: 3, secondary: 2, estimated: 1};

/** How much older than a competing value a more trustworthy one may be and still win. */
export const OUTDATED_AFTER_DAYS = 365;

const daysBetween = (older: string, newer: string) =>
  (Date.parse(`${newer}T00:00:00Z`) - Date.parse(`${older}T00:00:00Z`)) / 86_400_000;

/**
 * Prefer the most trustworthy value, then the newest; but a value that a reading more than a year
 * newer contradicts loses to it whatever their labels: a 2021 Spot rate copied from AWS says less
 * about today's price than a 2026 reading of the same feed, however unchecked (each keeps its own
 * label). A newer reading that agrees leaves the better-labelled one in place.
 */
export function better(a: PriceEntry, b: PriceEntry): boolean {
  const rank = CONFIDENCE_RANK[a.confidence] - CONFIDENCE_RANK[b.confidence];
  if (rank !== 0) {
    const [older, newer] = a.asOf < b.asOf ? [a, b] : [b, a];
    const outdated = daysBetween(older.asOf, newer.asOf) > OUTDATED_AFTER_DAYS;
    if (outdated && !dec(a.price).eq(dec(b.price))) return a === newer;
    return rank > 0;
  }
  return a.asOf > b.asOf;
}

export const DERIVED_SOURCE: SourceJson = {
  id: 'derived',
  title: 'Estimated by fargate-cost from other rates in this catalog (each rate names its rule)',
  origin: 'src/catalog/assemble.ts',
  date: '2026-11-24',
  confidence: 'estimated',
};

type Tables = {
  onDemand: Map<RateKey, RateJson>;
  spot: Map<RateKey, RateJson>;
  plans: Map<PlanId, Map<RateKey, RateJson>>;
};

function slotOf(tables: Tables, table: RateTable): Map<RateKey, RateJson> {
  if (table === 'on-demand') return tables.onDemand;
  if (table === 'spot') return tables.spot;
  let plan = tables.plans.get(table);
  if (!plan) tables.plans.set(table, (plan = new Map()));
  return plan;
}

/**
 * Builds and validates a catalog from price entries: the one code path behind both the embedded
 * snapshot (`prices snapshot`) and `prices refresh`, so the two can never disagree in shape.
 * Missing rates are filled only by the documented rules below and marked `estimated`; a rate no
 * rule can give stays missing.
 */
export function assembleCatalog(input: AssembleInput): AssembleReport {
  const reference = input.referenceRegion ?? 'us-east-1';
  const {chosen, superseded} = chooseEntries(input.regions, input.entries);
  const byRegion = tablesByRegion(input.regions, chosen);
  const estimates = new Estimates(byRegion);
  estimateOnDemand(input.regions, byRegion, reference, estimates);
  const ratios = referenceRatios(byRegion.get(reference), reference);
  estimateSavingsPlans(input.regions, byRegion, ratios, estimates);
  const catalog = catalogJson(input, byRegion);
  return {catalog: validated(catalog), superseded, estimated: estimates.count};
}

/** One entry per region, table and dimension: the best one (see `better`); the others are superseded. */
function chooseEntries(
  regions: readonly RegionMeta[],
  entries: readonly PriceEntry[],
): {chosen: Map<string, PriceEntry>; superseded: PriceEntry[]} {
  const chosen = new Map<string, PriceEntry>();
  const superseded: PriceEntry[] = [];
  const regionCodes = new Set(regions.map((region) => region.code));
  for (const entry of entries) {
    if (!regionCodes.has(entry.region)) {
      throw new UserError(
        `price entry for unknown region ${entry.region} (${entry.table} ${entry.key} from ${entry.source})`,
      );
    }
    if (entry.confidence === 'estimated' && !entry.derivation) {
      throw new UserError(
        `price entry ${entry.region} ${entry.table} ${entry.key} from ${entry.source} is estimated but does not say how (derivation)`,
      );
    }
    const slot = `${entry.region}|${entry.table}|${entry.key}`;
    const current = chosen.get(slot);
    if (!current) {
      chosen.set(slot, entry);
    } else if (better(entry, current)) {
      superseded.push(current);
      chosen.set(slot, confirmedBy(entry, current));
    } else {
      superseded.push(entry);
      chosen.set(slot, confirmedBy(current, entry));
    }
  }
  return {chosen, superseded};
}

/** The newest date an entry's price is known valid at, and who saw it then. */
function seenValid(entry: PriceEntry): {date: string; source: string} {
  return entry.confirmed !== undefined && entry.confirmedBy !== undefined && entry.confirmed > entry.asOf
    ? {date: entry.confirmed, source: entry.confirmedBy}
    : {date: entry.asOf, source: entry.source};
}

/**
 * The kept entry, confirmed by the other when that one is a later reading of the same price (fgcalc's
 * author on 2026-09-29 finds the 2025-08 offer's 0.04048 unchanged): the kept entry's source, date and
 * label stay, and it records the later date and who saw it, so its age counts from then. A reading
 * that disagrees, or is not later, confirms nothing.
 */
export function confirmedBy(kept: PriceEntry, other: PriceEntry): PriceEntry {
  if (!dec(kept.price).eq(dec(other.price))) return kept;
  const seen = seenValid(other);
  if (seen.date <= seenValid(kept).date) return kept;
  return {...kept, confirmed: seen.date, confirmedBy: seen.source};
}

/** The chosen entries as catalog rates, in each region's tables. */
function tablesByRegion(regions: readonly RegionMeta[], chosen: Map<string, PriceEntry>): Map<string, Tables> {
  const byRegion = new Map<string, Tables>();
  for (const region of regions) byRegion.set(region.code, {onDemand: new Map(), spot: new Map(), plans: new Map()});
  const prefixOf = new Map(regions.map((region) => [region.code, region.usageTypePrefix]));
  for (const entry of chosen.values()) {
    const rate: RateJson = {
      usageType: entry.usageType ?? usageTypeFor(prefixOf.get(entry.region)!, entry.table, entry.key),
      unit: RATE_UNIT[entry.key],
      price: dec(entry.price).toString(),
      source: entry.source,
      asOf: entry.asOf,
      confidence: entry.confidence,
      ...(entry.confidence === 'estimated' && entry.derivation ? {derivation: entry.derivation} : {}),
      ...(entry.note ? {note: entry.note} : {}),
      ...(entry.confirmed !== undefined && entry.confirmedBy !== undefined && entry.confirmed > entry.asOf
        ? {confirmed: entry.confirmed, confirmedBy: entry.confirmedBy}
        : {}),
    };
    slotOf(byRegion.get(entry.region)!, entry.table).set(entry.key, rate);
  }
  return byRegion;
}

/** Fills missing rates by a rule, marked `estimated` with the rule as their derivation; counts them. */
class Estimates {
  count = 0;

  constructor(private readonly byRegion: Map<string, Tables>) {}

  /** Sets the rate unless the slot already has one: an observed rate always wins over a rule. */
  fill(region: RegionMeta, table: RateTable, key: RateKey, price: Dec, asOf: string, derivation: string): void {
    const slot = slotOf(this.byRegion.get(region.code)!, table);
    if (slot.has(key)) return;
    this.count++;
    slot.set(key, {
      usageType: usageTypeFor(region.usageTypePrefix, table, key),
      unit: RATE_UNIT[key],
      // Derived rates are rounded to the 10 decimals AWS publishes prices with.
      price: price.toDecimalPlaces(10).toString(),
      source: DERIVED_SOURCE.id,
      asOf,
      confidence: 'estimated',
      derivation,
    });
  }
}

/** Rules A to C: Graviton and Windows On-Demand rates from Linux/x86, the Windows licence fee from the reference region. */
function estimateOnDemand(
  regions: readonly RegionMeta[],
  byRegion: Map<string, Tables>,
  reference: string,
  estimates: Estimates,
): void {
  const ref = byRegion.get(reference);
  for (const region of regions) {
    const od = byRegion.get(region.code)!.onDemand;
    const x86 = {vcpu: od.get('linux-x86_64-vcpu'), memory: od.get('linux-x86_64-memory')};
    for (const resource of ['vcpu', 'memory'] as const) {
      const base = x86[resource];
      if (!base) continue;
      // Rule A: Graviton is 20% below x86, rounded to 5 decimals (true in us-east-1, eu-west-1, ap-northeast-2, eu-west-2).
      estimates.fill(
        region,
        'on-demand',
        `linux-arm64-${resource}`,
        dec(base.price).times('0.8').toDecimalPlaces(5),
        base.asOf,
        `linux-x86_64-${resource} x 0.8 rounded to 5 decimals (the published Graviton discount in us-east-1 and eu-west-1; not exact everywhere)`,
      );
      // Rule B: Windows compute is 1.15 x Linux/x86 (exact for the published 2025 us-east-1 rates).
      estimates.fill(
        region,
        'on-demand',
        `windows-x86_64-${resource}`,
        dec(base.price).times('1.15'),
        base.asOf,
        `linux-x86_64-${resource} x 1.15 (the ratio of the published 2025 us-east-1 Windows and Linux rates)`,
      );
    }
    // Rule C: the Windows OS licence fee is the same everywhere it has been seen ($0.046 per vCPU-hour).
    // Not in a region no source priced: a licence fee alone would price nothing, and the region stays empty.
    const fee = ref?.onDemand.get('windows-x86_64-os-license');
    if (fee && x86.vcpu) {
      estimates.fill(
        region,
        'on-demand',
        'windows-x86_64-os-license',
        dec(fee.price),
        fee.asOf,
        `the ${reference} Windows OS licence fee (identical in us-east-1, eu-west-1 and ap-northeast-1 where published)`,
      );
    }
  }
}

/** A Savings Plan rate as a share of On-Demand, the date it was seen, and where it was seen. */
interface Ratio {
  readonly ratio: Dec;
  readonly asOf: string;
  readonly how: string;
}

/**
 * The reference region's Savings Plan discount for each plan and dimension (keyed `plan|key`):
 * observed, else borrowed from the nearest observed dimension, else (Partial Upfront) the midpoint
 * between No and All Upfront.
 */
function referenceRatios(ref: Tables | undefined, reference: string): Map<string, Ratio> {
  const ratios = new Map<string, Ratio>();
  if (!ref) return ratios;
  const observed = (plan: PlanId, key: SavingsPlanRateKey): Ratio | undefined => {
    const sp = ref.plans.get(plan)?.get(key);
    const od = ref.onDemand.get(key);
    return sp && od
      ? {ratio: dec(sp.price).div(dec(od.price)), asOf: sp.asOf, how: `${key} in ${reference}`}
      : undefined;
  };
  for (const term of TERMS) {
    for (const payment of PAYMENTS) {
      const plan = `compute-${term}-${payment}-upfront` as PlanId;
      for (const key of SAVINGS_PLAN_RATE_KEYS) {
        const [os, arch, resource] = key.split('-') as [string, string, string];
        const candidates = [
          observed(plan, key),
          // Memory is discounted like vCPU of the same platform.
          resource === 'memory' ? observed(plan, `${os}-${arch}-vcpu` as SavingsPlanRateKey) : undefined,
          // Windows and Graviton are discounted like Linux/x86.
          observed(plan, `linux-x86_64-${resource}` as SavingsPlanRateKey),
          observed(plan, 'linux-x86_64-vcpu'),
        ];
        const found = candidates.find((candidate) => candidate !== undefined);
        if (found) ratios.set(`${plan}|${key}`, found);
      }
    }
    // Partial Upfront: midway between No and All Upfront where it was not observed.
    for (const key of SAVINGS_PLAN_RATE_KEYS) {
      const partial = `compute-${term}-partial-upfront`;
      const no = ratios.get(`compute-${term}-no-upfront|${key}`);
      const all = ratios.get(`compute-${term}-all-upfront|${key}`);
      const exact = ref.plans.get(partial as PlanId)?.get(key);
      if (!exact && no && all) {
        ratios.set(`${partial}|${key}`, {
          ratio: no.ratio.plus(all.ratio).div(2),
          asOf: no.asOf < all.asOf ? no.asOf : all.asOf,
          how: `the midpoint between No and All Upfront in ${reference}`,
        });
      }
    }
  }
  return ratios;
}

/** Savings Plans: each region's On-Demand rate less the reference region's discount, filled in first. */
function estimateSavingsPlans(
  regions: readonly RegionMeta[],
  byRegion: Map<string, Tables>,
  ratios: Map<string, Ratio>,
  estimates: Estimates,
): void {
  for (const region of regions) {
    const tables = byRegion.get(region.code)!;
    for (const plan of PLAN_IDS) {
      for (const key of SAVINGS_PLAN_RATE_KEYS) {
        const od = tables.onDemand.get(key);
        const ratio = ratios.get(`${plan}|${key}`);
        if (!od || !ratio) continue;
        const {term} = planParts(plan);
        const discount = dec(1).minus(ratio.ratio).times(100).toDecimalPlaces(2).toString();
        estimates.fill(
          region,
          plan,
          key,
          dec(od.price).times(ratio.ratio),
          ratio.asOf,
          `On-Demand ${key} less ${discount}%, the ${term} discount of ${ratio.how}`,
        );
      }
    }
  }
}

/** The catalog file: regions sorted by code, rates in the schema's order, only the sources a rate cites. */
function catalogJson(input: AssembleInput, byRegion: Map<string, Tables>): CatalogJson {
  const sourcesUsed = new Set<string>();
  const ordered = <K extends RateKey>(map: Map<RateKey, RateJson>, keys: readonly K[]) => {
    const out: Partial<Record<K, RateJson>> = {};
    for (const key of keys) {
      const rate = map.get(key);
      if (rate) {
        out[key] = rate;
        sourcesUsed.add(rate.source);
        if (rate.confirmedBy !== undefined) sourcesUsed.add(rate.confirmedBy);
      }
    }
    return out;
  };
  const regions: Record<string, RegionJson> = {};
  for (const region of [...input.regions].sort((a, b) => a.code.localeCompare(b.code))) {
    const tables = byRegion.get(region.code)!;
    const savingsPlans: RegionJson['savingsPlans'] = {};
    for (const plan of PLAN_IDS) {
      const rates = ordered(tables.plans.get(plan) ?? new Map(), SAVINGS_PLAN_RATE_KEYS);
      if (Object.keys(rates).length > 0) savingsPlans[plan] = rates;
    }
    regions[region.code] = {
      name: region.name,
      usageTypePrefix: region.usageTypePrefix,
      onDemand: ordered(tables.onDemand, RATE_KEYS),
      spot: ordered(tables.spot, SPOT_RATE_KEYS),
      savingsPlans,
    };
  }
  const allSources = [
    ...input.sources,
    ...(input.sources.some((source) => source.id === DERIVED_SOURCE.id) ? [] : [DERIVED_SOURCE]),
  ];
  return {
    schema: CATALOG_SCHEMA_ID,
    currency: 'USD',
    generatedAt: input.generatedAt,
    generatedBy: input.generatedBy,
    sources: allSources.filter((source) => sourcesUsed.has(source.id)),
    regions,
  };
}

/** The catalog as the schema reads it back, or the first way it is not valid. */
function validated(catalog: CatalogJson): CatalogJson {
  const checked = catalogSchema.safeParse(catalog);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new UserError(
      `the assembled catalog is not valid (${issue.path.join('.')}: ${issue.message}); nothing was written`,
    );
  }
  return checked.data;
}
