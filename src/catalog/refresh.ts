import {EXIT, UserError} from '../errors.js';
import {dec} from '../money/decimal.js';
import {PLAN_IDS, RATE_KEYS, type RateKey} from '../model/types.js';
import {assembleCatalog, DERIVED_SOURCE, type PriceEntry, type RegionMeta} from './assemble.js';
import {parsePriceList} from './price-list.js';
import {parseSavingsPlanRates, type SavingsPlanOfferingRateLike} from './savings-plan-rates.js';
import type {CatalogJson, RateJson, SourceJson} from './schema.js';
import type {SpotFeedParse} from './spot-feed.js';
import type {RateTable} from '../model/types.js';

export const GET_PRODUCTS_ACTION = 'pricing:GetProducts';
export const SAVINGS_PLAN_RATES_ACTION = 'savingsplans:DescribeSavingsPlansOfferingRates';

/** What the AWS APIs returned for one region: raw, so the whole mapping stays in this pure module. */
export interface RegionFetch {
  readonly region: string;
  /** `GetProducts` PriceList items, every page (JSON strings, LazyJsonStrings or objects). */
  readonly priceList: readonly unknown[];
  /** `DescribeSavingsPlansOfferingRates` searchResults, every page. */
  readonly savingsPlanRates: readonly SavingsPlanOfferingRateLike[];
}

export interface RefreshInput {
  /** The catalog being replaced: it supplies the region list, Spot rates and whatever the APIs did not return. */
  readonly base: CatalogJson;
  readonly fetched: readonly RegionFetch[];
  readonly spotFeed?: SpotFeedParse | undefined;
  /** The day of the fetch (YYYY-MM-DD): the as-of date of every rate the APIs returned. */
  readonly retrievedOn: string;
  readonly generatedAt: string;
  readonly generatedBy: string;
  readonly pricingEndpointRegion: string;
}

export type RegionStatus = 'refreshed' | 'added' | 'no-products' | 'not-fetched' | 'left-out';

export interface KeptRate {
  readonly table: RateTable;
  readonly key: RateKey;
  readonly price: string;
  readonly source: string;
  readonly asOf: string;
}

export interface RegionRefresh {
  readonly code: string;
  readonly name: string;
  readonly status: RegionStatus;
  /** On-Demand and Savings Plan rates the APIs returned for this region (now dated `retrievedOn`). */
  readonly onDemand: number;
  readonly savingsPlans: number;
  /** Spot rates (in no API): how many came from the `--spot-prices` feed, how many stayed the base's. */
  readonly spot: {
    readonly count: number;
    readonly fromFeed: number;
    readonly fromBase: number;
    readonly oldestAsOf: string | null;
  };
  /** Published or secondary rates of the base catalog the APIs did not return, kept with their own source and date. */
  readonly kept: readonly KeptRate[];
  /** Rates filled by the documented rules of assembleCatalog (re-derived from this catalog's rates). */
  readonly estimated: number;
}

export interface RefreshFinding {
  readonly region: string;
  readonly api: string;
  readonly message: string;
}

export interface RefreshResult {
  readonly catalog: CatalogJson;
  readonly regions: readonly RegionRefresh[];
  /** Usage types no table knows: reported, never silently dropped. */
  readonly unknownUsageTypes: readonly (RefreshFinding & {readonly usageType: string})[];
  /** Returned items that could not be used: unexpected units, plan types, regions, conflicts, malformed items. */
  readonly anomalies: readonly RefreshFinding[];
  readonly warnings: readonly string[];
  readonly sources: {readonly onDemand: SourceJson; readonly savingsPlans: SourceJson};
}

const slotOf = (entry: {region: string; table: RateTable; key: RateKey}) =>
  `${entry.region}|${entry.table}|${entry.key}`;

/** Every rate of a catalog that is observed rather than derived, as entries `assembleCatalog` takes back. */
export function observedEntries(catalog: CatalogJson): PriceEntry[] {
  const entries: PriceEntry[] = [];
  const push = (region: string, table: RateTable, key: RateKey, rate: RateJson | undefined) => {
    // Estimated rates are re-derived from the new rates by the same rules, never carried.
    if (!rate || rate.confidence === 'estimated') return;
    entries.push({
      region,
      table,
      key,
      price: rate.price,
      usageType: rate.usageType,
      source: rate.source,
      asOf: rate.asOf,
      confidence: rate.confidence,
      ...(rate.note ? {note: rate.note} : {}),
    });
  };
  for (const [region, json] of Object.entries(catalog.regions)) {
    for (const key of RATE_KEYS) push(region, 'on-demand', key, json.onDemand[key]);
    for (const key of RATE_KEYS) push(region, 'spot', key, (json.spot as Partial<Record<RateKey, RateJson>>)[key]);
    for (const plan of PLAN_IDS) {
      const rates = json.savingsPlans[plan] as Partial<Record<RateKey, RateJson>> | undefined;
      for (const key of RATE_KEYS) push(region, plan, key, rates?.[key]);
    }
  }
  return entries;
}

export function refreshSources(
  retrievedOn: string,
  pricingEndpointRegion: string,
): {onDemand: SourceJson; savingsPlans: SourceJson} {
  return {
    onDemand: {
      id: `aws-price-list-api-${retrievedOn}`,
      title: `AWS Price List Query API, GetProducts ServiceCode=AmazonECS, fetched ${retrievedOn}`,
      origin: `${GET_PRODUCTS_ACTION} (Pricing endpoint ${pricingEndpointRegion}, filter regionCode)`,
      date: retrievedOn,
      confidence: 'published',
    },
    savingsPlans: {
      id: `aws-savings-plans-api-${retrievedOn}`,
      title: `AWS Savings Plans API, DescribeSavingsPlansOfferingRates (Compute, Fargate, AmazonECS), fetched ${retrievedOn}`,
      origin: `${SAVINGS_PLAN_RATES_ACTION} (filter region)`,
      date: retrievedOn,
      confidence: 'published',
    },
  };
}

/**
 * Turns what the APIs returned into a new catalog, through `assembleCatalog` (the path the embedded
 * snapshot takes). Decisions, so that a stale rate never passes for a new one:
 * - a rate the APIs returned replaces the base catalog's, dated the day of the fetch;
 * - an observed rate of the base the APIs did not return is kept with its own source and date, and
 *   listed as kept; an estimated rate is never kept but re-derived from the new rates;
 * - Spot rates (in no API) are the base's, or the feed's where `--spot-prices` gives one;
 * - a region with no Fargate products in the response keeps its base rates (reported), and a new
 *   region with none is left out (reported); if no region has any, nothing is produced.
 */
export function refreshCatalog(input: RefreshInput): RefreshResult {
  const {base, retrievedOn} = input;
  const sources = refreshSources(retrievedOn, input.pricingEndpointRegion);
  const unknownUsageTypes: (RefreshFinding & {usageType: string})[] = [];
  const anomalies: RefreshFinding[] = [];
  const warnings: string[] = [];
  const fresh = new Map<string, PriceEntry>();
  const addFresh = (entry: PriceEntry, api: string) => {
    const slot = slotOf(entry);
    const existing = fresh.get(slot);
    if (!existing) fresh.set(slot, entry);
    else if (!dec(existing.price).eq(dec(entry.price))) {
      anomalies.push({
        region: entry.region,
        api,
        message: `${entry.table} ${entry.key} returned as ${existing.price} and ${entry.price} (kept ${existing.price})`,
      });
    }
  };

  const regionMeta = new Map<string, RegionMeta>(
    Object.entries(base.regions).map(([code, json]) => [
      code,
      {code, name: json.name, usageTypePrefix: json.usageTypePrefix},
    ]),
  );
  const statusOf = new Map<string, RegionStatus>();
  const counts = new Map<string, {onDemand: number; savingsPlans: number}>();

  for (const fetch of input.fetched) {
    const {region} = fetch;
    const od = parsePriceList(fetch.priceList, {
      source: sources.onDemand.id,
      asOf: retrievedOn,
      region,
      retrievedOn,
      confidence: 'published',
    });
    for (const usageType of od.unknownUsageTypes)
      unknownUsageTypes.push({region, api: GET_PRODUCTS_ACTION, usageType, message: `unknown usage type ${usageType}`});
    for (const message of [...od.malformed, ...od.unexpectedUnits])
      anomalies.push({region, api: GET_PRODUCTS_ACTION, message});
    const onDemand = od.entries.filter((entry) => {
      if (entry.region === region) return true;
      anomalies.push({
        region,
        api: GET_PRODUCTS_ACTION,
        message: `${entry.usageType} is for ${entry.region}, asked for ${region}`,
      });
      return false;
    });
    const sp = parseSavingsPlanRates(fetch.savingsPlanRates, {
      region,
      source: sources.savingsPlans.id,
      asOf: retrievedOn,
    });
    for (const usageType of sp.unknownUsageTypes)
      unknownUsageTypes.push({
        region,
        api: SAVINGS_PLAN_RATES_ACTION,
        usageType,
        message: `unknown usage type ${usageType}`,
      });
    for (const message of [...sp.unexpected, ...sp.conflicts])
      anomalies.push({region, api: SAVINGS_PLAN_RATES_ACTION, message});

    const known = regionMeta.get(region);
    if (onDemand.length === 0) {
      statusOf.set(region, known ? 'no-products' : 'left-out');
      if (!known) continue;
    } else {
      const meta = od.regions.find((candidate) => candidate.code === region);
      const prefix = meta?.usageTypePrefix ?? known?.usageTypePrefix;
      if (known && prefix && prefix !== known.usageTypePrefix) {
        warnings.push(
          `${region}: the API's usage types use the prefix ${prefix}, the base catalog said ${known.usageTypePrefix}`,
        );
      }
      if (!prefix) {
        statusOf.set(region, 'left-out');
        anomalies.push({region, api: GET_PRODUCTS_ACTION, message: 'no usage type carries a region prefix'});
        continue;
      }
      regionMeta.set(region, {code: region, name: known?.name ?? meta?.name ?? region, usageTypePrefix: prefix});
      statusOf.set(region, known ? 'refreshed' : 'added');
    }
    for (const entry of onDemand) addFresh(entry, GET_PRODUCTS_ACTION);
    for (const entry of sp.entries) addFresh(entry, SAVINGS_PLAN_RATES_ACTION);
    counts.set(region, {onDemand: onDemand.length, savingsPlans: sp.entries.length});
  }

  const fetchedCount = input.fetched.length;
  const withProducts = [...statusOf.values()].filter((status) => status === 'refreshed' || status === 'added').length;
  if (fetchedCount > 0 && withProducts === 0) {
    throw new UserError(
      `the Price List API returned no Fargate products for ${fetchedCount === 1 ? input.fetched[0]!.region : `any of the ${fetchedCount} regions asked for`}; nothing was written`,
      {
        hint: 'check --regions (AmazonECS region codes such as us-east-1) and AWS_ENDPOINT_URL_PRICING if you set it',
        exitCode: EXIT.aws,
      },
    );
  }

  // Spot: the feed's rates replace the base's for the regions it covers.
  const feed = input.spotFeed;
  if (feed) {
    const outside = new Set<string>();
    for (const entry of feed.entries) {
      if (!regionMeta.has(entry.region)) {
        outside.add(entry.region);
        continue;
      }
      addFresh(entry, 'spot feed');
    }
    for (const message of [...feed.unrecognized, ...feed.conflicts])
      anomalies.push({region: '-', api: 'spot feed', message});
    if (outside.size > 0) {
      const regions = outside.size === 1 ? '1 region' : `${outside.size} regions`;
      warnings.push(
        `the Spot feed has prices for ${regions} not in the catalog, not added (no On-Demand rates there): ${[...outside].sort().join(', ')}`,
      );
    }
  }

  const baseEntries = observedEntries(base);
  const kept = new Map<string, KeptRate[]>();
  const entries: PriceEntry[] = [...fresh.values()];
  const olderSpot = new Set<string>();
  for (const entry of baseEntries) {
    const replacement = fresh.get(slotOf(entry));
    if (replacement) {
      if (entry.table === 'spot' && replacement.asOf < entry.asOf) olderSpot.add(entry.region);
      continue;
    }
    entries.push(entry);
    const status = statusOf.get(entry.region);
    if (entry.table !== 'spot' && (status === 'refreshed' || status === 'no-products')) {
      const list = kept.get(entry.region) ?? [];
      list.push({table: entry.table, key: entry.key, price: entry.price, source: entry.source, asOf: entry.asOf});
      kept.set(entry.region, list);
    }
  }
  if (olderSpot.size > 0) {
    warnings.push(
      `the Spot feed (${feed!.source.date}) is older than the Spot rates it replaced in ${[...olderSpot].sort().join(', ')}`,
    );
  }

  const baseSources = base.sources.filter((source) => source.id !== DERIVED_SOURCE.id);
  const newSources = [sources.onDemand, sources.savingsPlans, ...(feed ? [feed.source] : [])];
  const newIds = new Set(newSources.map((source) => source.id));
  const assembled = assembleCatalog({
    regions: [...regionMeta.values()],
    entries,
    sources: [...baseSources.filter((source) => !newIds.has(source.id)), ...newSources],
    generatedAt: input.generatedAt,
    generatedBy: input.generatedBy,
    referenceRegion: 'us-east-1',
  });
  const catalog = assembled.catalog;

  const regions: RegionRefresh[] = [];
  for (const [code, json] of Object.entries(catalog.regions)) {
    const spotRates = Object.values(json.spot).filter((rate): rate is RateJson => rate !== undefined);
    const all: RateJson[] = [
      ...Object.values(json.onDemand),
      ...spotRates,
      ...Object.values(json.savingsPlans).flatMap((rates) => Object.values(rates ?? {})),
    ].filter((rate): rate is RateJson => rate !== undefined);
    const status = statusOf.get(code) ?? 'not-fetched';
    regions.push({
      code,
      name: json.name,
      status,
      onDemand: counts.get(code)?.onDemand ?? 0,
      savingsPlans: counts.get(code)?.savingsPlans ?? 0,
      spot: {
        count: spotRates.length,
        fromFeed: spotRates.filter((rate) => rate.source === feed?.source.id).length,
        fromBase: spotRates.filter((rate) => rate.source !== feed?.source.id).length,
        oldestAsOf: spotRates.map((rate) => rate.asOf).sort()[0] ?? null,
      },
      kept: kept.get(code) ?? [],
      estimated: all.filter((rate) => rate.confidence === 'estimated').length,
    });
  }
  for (const [code, status] of statusOf) {
    if (status === 'left-out') {
      regions.push({
        code,
        name: code,
        status,
        onDemand: 0,
        savingsPlans: 0,
        spot: {count: 0, fromFeed: 0, fromBase: 0, oldestAsOf: null},
        kept: [],
        estimated: 0,
      });
    }
  }
  regions.sort((a, b) => a.code.localeCompare(b.code));

  const codes = (status: RegionStatus) =>
    regions.filter((region) => region.status === status).map((region) => region.code);
  if (codes('no-products').length > 0) {
    warnings.push(
      `no Fargate products in the Price List response for ${codes('no-products').join(', ')}: kept the base catalog's rates`,
    );
  }
  if (codes('left-out').length > 0) {
    warnings.push(
      `no Fargate products in the Price List response for ${codes('left-out').join(', ')}: not added to the catalog`,
    );
  }
  const keptCount = regions.reduce((total, region) => total + region.kept.length, 0);
  if (keptCount > 0) {
    warnings.push(
      `${keptCount} ${keptCount === 1 ? 'rate' : 'rates'} the APIs did not return ${keptCount === 1 ? 'was' : 'were'} kept from the base catalog with ${keptCount === 1 ? 'its' : 'their'} own source and date`,
    );
  }
  if (!feed) {
    const spotDates = regions
      .map((region) => region.spot.oldestAsOf)
      .filter((date): date is string => date !== null)
      .sort();
    if (spotDates.length > 0) {
      warnings.push(
        `Fargate Spot prices are in no AWS API: kept the base catalog's (the oldest observed ${spotDates[0]}); pass --spot-prices FILE to update them`,
      );
    }
  }
  if (unknownUsageTypes.length > 0) {
    const listed = unknownUsageTypes.map((finding) => `${finding.usageType} (${finding.region}, ${finding.api})`);
    warnings.push(`unknown usage types in the response were not priced (please report them): ${listed.join(', ')}`);
  }
  return {catalog, regions, unknownUsageTypes, anomalies, warnings, sources};
}
