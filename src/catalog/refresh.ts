import {dec} from '../money/decimal.js';
import {ProblemError} from '../model/problems.js';
import {PLAN_IDS, RATE_KEYS, type RateKey} from '../model/types.js';
import {assembleCatalog, DERIVED_SOURCE, type PriceEntry, type RegionMeta} from './assemble.js';
import {parsePriceList, type PriceListRegion} from './price-list.js';
import {parseSavingsPlanRates, type SavingsPlanOfferingRateLike} from './savings-plan-rates.js';
import type {CatalogJson, RateJson, SourceJson} from './schema.js';
import type {SpotFeedParse} from './spot-feed.js';
import type {RateTable} from '../model/types.js';
import type {
  KeptRate,
  RefreshFinding,
  RefreshResult,
  RefreshWarning,
  RegionRefresh,
  RegionStatus,
  UnknownUsageType,
} from './results.js';

export const GET_PRODUCTS_ACTION = 'pricing:GetProducts';
export const SAVINGS_PLAN_RATES_ACTION = 'savingsplans:DescribeSavingsPlansOfferingRates';

/** What the AWS APIs returned for one region: raw, so the whole mapping stays in this pure module. */
export interface RegionFetch {
  readonly region: string;
  /** `GetProducts` PriceList items, every page (JSON strings, LazyJsonStrings or objects). */
  readonly priceList: readonly unknown[];
  /** `DescribeSavingsPlansOfferingRates` searchResults, every page. */
  readonly savingsPlanRates: readonly SavingsPlanOfferingRateLike[];
  /**
   * Set when the rates come from AWS's public offer files rather than the APIs: the source each
   * table's rates cite (one per offer version) and the note each rate carries (the offer's dates).
   */
  readonly offers?: {
    readonly onDemand?: OfferCitation;
    readonly savingsPlans?: OfferCitation;
  };
}

export interface OfferCitation {
  readonly source: SourceJson;
  readonly note: string;
}

/** How findings name where a rate came from: the API actions, or the public files. */
export interface RefreshOrigin {
  readonly onDemand: string;
  readonly savingsPlans: string;
}

export const API_ORIGIN: RefreshOrigin = {onDemand: GET_PRODUCTS_ACTION, savingsPlans: SAVINGS_PLAN_RATES_ACTION};
export const PUBLIC_ORIGIN: RefreshOrigin = {
  onDemand: 'AmazonECS offer file',
  savingsPlans: 'Compute Savings Plans offer file',
};

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
  /** How findings name the two origins (default: the API actions). */
  readonly origin?: RefreshOrigin | undefined;
}

const slotOf = (entry: {region: string; table: RateTable; key: RateKey}) =>
  `${entry.region}|${entry.table}|${entry.key}`;

/** Every rate of a catalog that is observed rather than derived, as entries `assembleCatalog` takes back. */
export function observedEntries(catalog: CatalogJson): PriceEntry[] {
  const entries: PriceEntry[] = [];
  const push = (region: string, table: RateTable, key: RateKey, rate: RateJson | undefined) => {
    // Derived rates are re-derived from the new rates by the same rules, never carried; an observed
    // rate labelled estimated (an unchecked note) is carried with its label and how it came about.
    if (!rate || rate.source === DERIVED_SOURCE.id) return;
    entries.push({
      region,
      table,
      key,
      price: rate.price,
      usageType: rate.usageType,
      source: rate.source,
      asOf: rate.asOf,
      confidence: rate.confidence,
      ...(rate.derivation ? {derivation: rate.derivation} : {}),
      ...(rate.note ? {note: rate.note} : {}),
      ...(rate.confirmed !== undefined && rate.confirmedBy !== undefined
        ? {confirmed: rate.confirmed, confirmedBy: rate.confirmedBy}
        : {}),
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
 * - Spot rates (in no API) are the base's, or the feed's where a Spot feed gives one;
 * - a region with no Fargate products in the response keeps its base rates (reported), and a new
 *   region with none is left out (reported); if no region has any, nothing is produced.
 */
export function refreshCatalog(input: RefreshInput): RefreshResult {
  const sources = refreshSources(input.retrievedOn, input.pricingEndpointRegion);
  const findings: Findings = {unknownUsageTypes: [], anomalies: []};
  const fresh = new FreshRates(findings.anomalies);
  const origin = input.origin ?? API_ORIGIN;
  const read = readFetched(input, sources, findings, fresh, origin);
  refuseWithoutProducts(input.fetched, read.statusOf);
  const feed = input.spotFeed;
  const outsideFeed = feed ? addSpotFeed(feed, read.meta, fresh, findings.anomalies) : [];
  const merged = mergeWithBase(input.base, fresh, read.statusOf);
  const fetchedSources = citedSources(input, sources);
  const catalog = assembleRefreshed(input, read.meta, merged.entries, fetchedSources);
  const regions = regionReports(catalog, read, merged.kept, feed);
  const warnings = refreshWarnings({
    prefixChanges: read.prefixChanges,
    outsideFeed,
    olderSpot: merged.olderSpot,
    olderSpotDate: merged.olderSpotDate,
    feed,
    regions,
    unknownUsageTypes: findings.unknownUsageTypes,
  });
  return {catalog, regions, ...findings, warnings, sources, fetchedSources};
}

/** The sources the fetched rates cite: the APIs' pair, or one per offer version read; then the feed's. */
function citedSources(input: RefreshInput, sources: Sources): SourceJson[] {
  const cited = new Map<string, SourceJson>();
  for (const fetch of input.fetched) {
    const onDemand = fetch.offers?.onDemand?.source ?? (fetch.offers ? undefined : sources.onDemand);
    const savingsPlans = fetch.offers?.savingsPlans?.source ?? (fetch.offers ? undefined : sources.savingsPlans);
    for (const source of [onDemand, savingsPlans]) if (source && !cited.has(source.id)) cited.set(source.id, source);
  }
  if (input.fetched.length === 0)
    for (const source of [sources.onDemand, sources.savingsPlans]) cited.set(source.id, source);
  if (input.spotFeed) cited.set(input.spotFeed.source.id, input.spotFeed.source);
  return [...cited.values()];
}

type Sources = ReturnType<typeof refreshSources>;

/** What the responses held that could not be used as they are. */
interface Findings {
  readonly unknownUsageTypes: UnknownUsageType[];
  readonly anomalies: RefreshFinding[];
}

/** The rates the APIs and the feed returned, one per slot: a second, different price for a slot is an anomaly (the first stays). */
class FreshRates {
  readonly bySlot = new Map<string, PriceEntry>();

  constructor(private readonly anomalies: RefreshFinding[]) {}

  add(entry: PriceEntry, api: string): void {
    const slot = slotOf(entry);
    const existing = this.bySlot.get(slot);
    if (!existing) this.bySlot.set(slot, entry);
    else if (!dec(existing.price).eq(dec(entry.price))) {
      this.anomalies.push({
        region: entry.region,
        api,
        message: `${entry.table} ${entry.key} returned as ${existing.price} and ${entry.price} (kept ${existing.price})`,
      });
    }
  }
}

/** Every fetched region: its status, how the catalog names it, and what the APIs returned for it. */
interface FetchedRegions {
  /** The base's regions, and the ones added, under the names and prefixes the new catalog uses. */
  readonly meta: Map<string, RegionMeta>;
  readonly statusOf: Map<string, RegionStatus>;
  readonly counts: Map<string, {onDemand: number; savingsPlans: number}>;
  readonly prefixChanges: RefreshWarning[];
}

function readFetched(
  input: RefreshInput,
  sources: Sources,
  findings: Findings,
  fresh: FreshRates,
  origin: RefreshOrigin,
): FetchedRegions {
  const meta = new Map<string, RegionMeta>(
    Object.entries(input.base.regions).map(([code, json]) => [
      code,
      {code, name: json.name, usageTypePrefix: json.usageTypePrefix},
    ]),
  );
  const read: FetchedRegions = {meta, statusOf: new Map(), counts: new Map(), prefixChanges: []};
  for (const fetch of input.fetched) {
    const {region} = fetch;
    const parsed = parseFetch(fetch, sources, input.retrievedOn, findings, origin);
    const status = placeRegion(region, parsed, read, findings.anomalies, origin);
    read.statusOf.set(region, status);
    if (status === 'left-out') continue;
    for (const entry of parsed.onDemand) fresh.add(entry, origin.onDemand);
    for (const entry of parsed.savingsPlans) fresh.add(entry, origin.savingsPlans);
    read.counts.set(region, {onDemand: parsed.onDemand.length, savingsPlans: parsed.savingsPlans.length});
  }
  return read;
}

/** One region's responses, read: its rates, and how GetProducts describes the region. */
interface ParsedFetch {
  readonly onDemand: PriceEntry[];
  readonly savingsPlans: PriceEntry[];
  readonly described: PriceListRegion | undefined;
}

/** Reads both responses for a region; what cannot be used goes to the findings. */
function parseFetch(
  fetch: RegionFetch,
  sources: Sources,
  retrievedOn: string,
  findings: Findings,
  origin: RefreshOrigin,
): ParsedFetch {
  const {region} = fetch;
  const {unknownUsageTypes, anomalies} = findings;
  const odApi = origin.onDemand;
  const spApi = origin.savingsPlans;
  const odOffer = fetch.offers?.onDemand;
  const spOffer = fetch.offers?.savingsPlans;
  const od = parsePriceList(fetch.priceList, {
    source: odOffer?.source.id ?? sources.onDemand.id,
    asOf: retrievedOn,
    region,
    retrievedOn,
    confidence: 'published',
  });
  for (const usageType of od.unknownUsageTypes)
    unknownUsageTypes.push({region, api: odApi, usageType, message: `unknown usage type ${usageType}`});
  for (const message of [...od.malformed, ...od.unexpectedUnits]) anomalies.push({region, api: odApi, message});
  const onDemand = od.entries
    .map((entry) => (odOffer ? {...entry, note: odOffer.note} : entry))
    .filter((entry) => {
      if (entry.region === region) return true;
      anomalies.push({
        region,
        api: odApi,
        message: `${entry.usageType} is for ${entry.region}, asked for ${region}`,
      });
      return false;
    });
  const sp = parseSavingsPlanRates(fetch.savingsPlanRates, {
    region,
    source: spOffer?.source.id ?? sources.savingsPlans.id,
    asOf: retrievedOn,
  });
  for (const usageType of sp.unknownUsageTypes)
    unknownUsageTypes.push({
      region,
      api: spApi,
      usageType,
      message: `unknown usage type ${usageType}`,
    });
  for (const message of [...sp.unexpected, ...sp.conflicts]) anomalies.push({region, api: spApi, message});
  return {
    onDemand,
    savingsPlans: spOffer ? sp.entries.map((entry) => ({...entry, note: spOffer.note})) : sp.entries,
    described: od.regions.find((candidate) => candidate.code === region),
  };
}

/**
 * A fetched region's status. Without On-Demand products a base region keeps its rates and a new one
 * is left out; with them, the region takes the API's usage-type prefix (and name, when new), and a
 * region whose prefix nothing gives is left out.
 */
function placeRegion(
  region: string,
  parsed: ParsedFetch,
  read: FetchedRegions,
  anomalies: RefreshFinding[],
  origin: RefreshOrigin,
): RegionStatus {
  const known = read.meta.get(region);
  if (parsed.onDemand.length === 0) return known ? 'no-products' : 'left-out';
  const prefix = parsed.described?.usageTypePrefix ?? known?.usageTypePrefix;
  if (known && prefix && prefix !== known.usageTypePrefix) {
    read.prefixChanges.push({kind: 'prefix-changed', region, prefix, basePrefix: known.usageTypePrefix});
  }
  if (!prefix) {
    anomalies.push({region, api: origin.onDemand, message: 'no usage type carries a region prefix'});
    return 'left-out';
  }
  read.meta.set(region, {code: region, name: known?.name ?? parsed.described?.name ?? region, usageTypePrefix: prefix});
  return known ? 'refreshed' : 'added';
}

/** Nothing is produced when regions were asked for and none had a Fargate product. */
function refuseWithoutProducts(fetched: readonly RegionFetch[], statusOf: Map<string, RegionStatus>): void {
  const withProducts = [...statusOf.values()].filter((status) => status === 'refreshed' || status === 'added').length;
  if (fetched.length > 0 && withProducts === 0)
    throw new ProblemError({kind: 'no-fargate-products', regions: fetched.map((fetch) => fetch.region)});
}

/**
 * Spot: the feed's rates replace the base's for the regions the catalog has; its entries that could
 * not be read are anomalies. Returns the regions it has and the catalog does not, sorted.
 */
function addSpotFeed(
  feed: SpotFeedParse,
  meta: Map<string, RegionMeta>,
  fresh: FreshRates,
  anomalies: RefreshFinding[],
): string[] {
  const outside = new Set<string>();
  for (const entry of feed.entries) {
    if (!meta.has(entry.region)) {
      outside.add(entry.region);
      continue;
    }
    fresh.add(entry, 'spot feed');
  }
  for (const message of [...feed.unrecognized, ...feed.conflicts])
    anomalies.push({region: '-', api: 'spot feed', message});
  return [...outside].sort();
}

/**
 * The fresh rates and every observed rate of the base they do not replace. A kept On-Demand or
 * Savings Plan rate of a fetched region is listed; `olderSpot` (sorted) is where the feed replaced
 * a newer Spot rate.
 */
function mergeWithBase(
  base: CatalogJson,
  fresh: FreshRates,
  statusOf: Map<string, RegionStatus>,
): {entries: PriceEntry[]; kept: Map<string, KeptRate[]>; olderSpot: string[]; olderSpotDate: string | null} {
  const kept = new Map<string, KeptRate[]>();
  const entries: PriceEntry[] = [...fresh.bySlot.values()];
  const olderSpot = new Set<string>();
  let olderSpotDate: string | null = null;
  for (const entry of observedEntries(base)) {
    const replacement = fresh.bySlot.get(slotOf(entry));
    if (replacement) {
      if (entry.table === 'spot' && replacement.asOf < entry.asOf) {
        olderSpot.add(entry.region);
        if (olderSpotDate === null || replacement.asOf < olderSpotDate) olderSpotDate = replacement.asOf;
      }
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
  return {entries, kept, olderSpot: [...olderSpot].sort(), olderSpotDate};
}

/** The new catalog: the base's sources that still apply, then the fetch's (and the feed's) own. */
function assembleRefreshed(
  input: RefreshInput,
  meta: Map<string, RegionMeta>,
  entries: PriceEntry[],
  newSources: readonly SourceJson[],
): CatalogJson {
  const baseSources = input.base.sources.filter((source) => source.id !== DERIVED_SOURCE.id);
  const newIds = new Set(newSources.map((source) => source.id));
  return assembleCatalog({
    regions: [...meta.values()],
    entries,
    sources: [...baseSources.filter((source) => !newIds.has(source.id)), ...newSources],
    generatedAt: input.generatedAt,
    generatedBy: input.generatedBy,
    referenceRegion: 'us-east-1',
  }).catalog;
}

/** A report per region of the new catalog, and per region left out, sorted by code. */
function regionReports(
  catalog: CatalogJson,
  read: FetchedRegions,
  kept: Map<string, KeptRate[]>,
  feed: SpotFeedParse | undefined,
): RegionRefresh[] {
  const regions: RegionRefresh[] = [];
  for (const [code, json] of Object.entries(catalog.regions)) {
    const spotRates = Object.values(json.spot).filter((rate): rate is RateJson => rate !== undefined);
    const all: RateJson[] = [
      ...Object.values(json.onDemand),
      ...spotRates,
      ...Object.values(json.savingsPlans).flatMap((rates) => Object.values(rates ?? {})),
    ].filter((rate): rate is RateJson => rate !== undefined);
    const counts = read.counts.get(code);
    regions.push({
      code,
      name: json.name,
      status: read.statusOf.get(code) ?? 'not-fetched',
      onDemand: counts?.onDemand ?? 0,
      savingsPlans: counts?.savingsPlans ?? 0,
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
  for (const [code, status] of read.statusOf) {
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
  return regions.sort((a, b) => a.code.localeCompare(b.code));
}

/** What the refresh gathered that the warnings speak of. */
interface WarningFacts {
  readonly prefixChanges: readonly RefreshWarning[];
  readonly outsideFeed: readonly string[];
  readonly olderSpot: readonly string[];
  /** The oldest of the rates that replaced newer Spot rates. */
  readonly olderSpotDate: string | null;
  readonly feed: SpotFeedParse | undefined;
  readonly regions: readonly RegionRefresh[];
  readonly unknownUsageTypes: readonly UnknownUsageType[];
}

function refreshWarnings(facts: WarningFacts): RefreshWarning[] {
  const {feed, regions} = facts;
  const warnings: RefreshWarning[] = [...facts.prefixChanges];
  if (facts.outsideFeed.length > 0) warnings.push({kind: 'spot-feed-outside', regions: facts.outsideFeed});
  if (facts.olderSpot.length > 0)
    warnings.push({
      kind: 'spot-feed-older',
      // The feed's date; without a feed (Spot rates from the Price List), the replacing rates' own.
      feedDate: feed?.source.date ?? facts.olderSpotDate!,
      fromFeed: feed !== undefined,
      regions: facts.olderSpot,
    });
  const codes = (status: RegionStatus) =>
    regions.filter((region) => region.status === status).map((region) => region.code);
  if (codes('no-products').length > 0) warnings.push({kind: 'no-products-kept', regions: codes('no-products')});
  if (codes('left-out').length > 0) warnings.push({kind: 'no-products-left-out', regions: codes('left-out')});
  const keptCount = regions.reduce((total, region) => total + region.kept.length, 0);
  if (keptCount > 0) warnings.push({kind: 'rates-kept', count: keptCount});
  if (!feed) {
    const spotDates = regions
      .map((region) => region.spot.oldestAsOf)
      .filter((date): date is string => date !== null)
      .sort();
    if (spotDates.length > 0) warnings.push({kind: 'spot-kept', oldestAsOf: spotDates[0]!});
  }
  if (facts.unknownUsageTypes.length > 0)
    warnings.push({kind: 'unknown-usage-types', usageTypes: facts.unknownUsageTypes});
  return warnings;
}
