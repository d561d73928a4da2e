import {z} from 'zod';
import type {RegionFetch} from './refresh.js';
import type {SavingsPlanOfferingRateLike} from './savings-plan-rates.js';
import type {SourceJson} from './schema.js';
import {classifyUsageType} from './usage-types.js';

/**
 * AWS's public Price List files, read without credentials: the offer index, the AmazonECS region
 * index and region offers, the Compute Savings Plans region index and region offers. The large
 * files arrive as a stream of values (path, value) from a streaming JSON parser; the readers here
 * keep only Fargate rows and turn them into the very input the API path gives `refreshCatalog`
 * (GetProducts items, DescribeSavingsPlansOfferingRates results), so one code path assembles and
 * validates both. Nothing here reads the network: what cannot be used is returned as text.
 */

/** A path in a JSON document: object keys and array indexes from the root. */
export type JsonPath = readonly (string | number)[];

/** What an offer file says of itself: enough to date and cite every rate taken from it. */
export interface OfferDates {
  readonly version: string;
  /** The offer's `publicationDate`, YYYY-MM-DD. */
  readonly publicationDate: string;
  /** The latest `effectiveDate` of the terms used, YYYY-MM-DD, when they have one. */
  readonly effectiveDate: string | undefined;
}

/** One file's shape failed: `what` says where, in words fit for one line. */
export class OfferShapeError extends Error {
  override readonly name = 'OfferShapeError';
}

const isoDay = (text: unknown): string | undefined => {
  if (typeof text !== 'string') return undefined;
  const match = /^(\d{4}-\d{2}-\d{2})(T[\d:.]+Z?)?$/.exec(text);
  return match && !Number.isNaN(Date.parse(match[1]!)) ? match[1] : undefined;
};

const latest = (a: string | undefined, b: string | undefined) =>
  a === undefined || (b !== undefined && b > a) ? b : a;

const offerIndexSchema = z.object({
  offers: z.record(z.string(), z.object({currentRegionIndexUrl: z.string().min(1).optional()}).passthrough()),
});

/** `offers/v1.0/aws/index.json` -> AmazonECS's `currentRegionIndexUrl` (relative to the host). */
export function readOfferIndex(json: unknown): string {
  const parsed = offerIndexSchema.safeParse(json);
  if (!parsed.success) throw new OfferShapeError('not a Price List offer index (no "offers")');
  const url = parsed.data.offers['AmazonECS']?.currentRegionIndexUrl;
  if (url === undefined || !Object.hasOwn(parsed.data.offers, 'AmazonECS'))
    throw new OfferShapeError('the offer index has no AmazonECS offer with a currentRegionIndexUrl');
  return url;
}

const REGION_CODE = /^[a-z]{2}(-[a-z]+)+-\d$/;

const regionIndexSchema = z.object({
  regions: z.record(z.string(), z.object({regionCode: z.string(), currentVersionUrl: z.string().min(1)}).passthrough()),
});

/** AmazonECS `region_index.json` -> region code -> offer file URL (relative). Sorted by code. */
export function readRegionIndex(json: unknown): Map<string, string> {
  const parsed = regionIndexSchema.safeParse(json);
  if (!parsed.success) throw new OfferShapeError('not a Price List region index (no "regions" with currentVersionUrl)');
  const regions = Object.values(parsed.data.regions)
    .filter((region) => REGION_CODE.test(region.regionCode))
    .sort((a, b) => a.regionCode.localeCompare(b.regionCode));
  return new Map(regions.map((region) => [region.regionCode, region.currentVersionUrl]));
}

const savingsPlanIndexSchema = z.object({
  regions: z.array(z.object({regionCode: z.string(), versionUrl: z.string().min(1)}).passthrough()),
});

/** AWSComputeSavingsPlan `region_index.json` -> region code -> offer file URL (relative). */
export function readSavingsPlanRegionIndex(json: unknown): Map<string, string> {
  const parsed = savingsPlanIndexSchema.safeParse(json);
  if (!parsed.success)
    throw new OfferShapeError('not a Savings Plans region index (no "regions" list with versionUrl)');
  return new Map(parsed.data.regions.map((region) => [region.regionCode, region.versionUrl]));
}

/** The paths of an AmazonECS offer file the reader needs: the streaming parser emits only these. */
export const ECS_OFFER_PATHS = [
  '$.formatVersion',
  '$.offerCode',
  '$.version',
  '$.publicationDate',
  '$.products.*',
  '$.terms.OnDemand.*',
] as const;

const productSchema = z
  .object({
    sku: z.string().optional(),
    productFamily: z.string().optional(),
    attributes: z.object({usagetype: z.string()}).passthrough(),
  })
  .passthrough();

/**
 * Reads an AmazonECS region offer file (`offers/v1.0/aws/AmazonECS/<version>/<region>/index.json`)
 * as it streams: its header, the products a Fargate table may know (others are dropped as they
 * come), and their On-Demand terms. The products and terms can come in either order.
 */
export class EcsOfferReader {
  private header: Record<string, unknown> = {};
  private readonly products = new Map<string, z.infer<typeof productSchema>>();
  private readonly terms = new Map<string, unknown>();
  private sawProducts = false;
  private sawTerms = false;
  private malformed = 0;

  value(path: JsonPath, value: unknown): void {
    if (path.length === 1) {
      this.header[String(path[0])] = value;
      return;
    }
    if (path[0] === 'products' && path.length === 2) {
      this.sawProducts = true;
      const product = productSchema.safeParse(value);
      if (!product.success) {
        this.malformed++;
        return;
      }
      // Only what a Fargate table knows or would report: EC2 metering, ECS Anywhere and the like are dropped here.
      if (classifyUsageType(product.data.attributes.usagetype).kind === 'ignored') return;
      this.products.set(String(path[1]), product.data);
      return;
    }
    if (path[0] === 'terms' && path[1] === 'OnDemand' && path.length === 3) {
      this.sawTerms = true;
      this.terms.set(String(path[2]), value);
    }
  }

  /** The items as GetProducts would return them, and the offer's dates; throws when the file is not an AmazonECS offer. */
  finish(): {items: unknown[]; dates: OfferDates; malformed: number} {
    const {offerCode, publicationDate, version, formatVersion} = this.header;
    if (offerCode !== 'AmazonECS')
      throw new OfferShapeError(`not an AmazonECS offer file (offerCode ${JSON.stringify(offerCode ?? null)})`);
    if (formatVersion !== undefined && formatVersion !== 'v1.0')
      throw new OfferShapeError(`offer file format ${JSON.stringify(formatVersion)}, expected v1.0`);
    const published = isoDay(publicationDate);
    if (published === undefined) throw new OfferShapeError('the offer file has no publicationDate');
    if (!this.sawProducts) throw new OfferShapeError('the offer file has no products');
    if (!this.sawTerms && this.products.size > 0) throw new OfferShapeError('the offer file has no OnDemand terms');
    let effective: string | undefined;
    const items: unknown[] = [];
    for (const [sku, product] of this.products) {
      const terms = this.terms.get(sku);
      if (terms !== null && typeof terms === 'object') {
        for (const term of Object.values(terms as Record<string, unknown>)) {
          effective = latest(effective, isoDay((term as {effectiveDate?: unknown} | null)?.effectiveDate));
        }
      }
      items.push({product, terms: {OnDemand: terms ?? {}}, publicationDate});
    }
    return {
      items,
      dates: {
        version: typeof version === 'string' ? version : published,
        publicationDate: published,
        effectiveDate: effective,
      },
      malformed: this.malformed,
    };
  }
}

/** The paths of a Compute Savings Plans offer file the reader needs. */
export const SAVINGS_PLAN_OFFER_PATHS = [
  '$.version',
  '$.publicationDate',
  '$.products.*',
  '$.terms.savingsPlan.*.sku',
  '$.terms.savingsPlan.*.description',
  '$.terms.savingsPlan.*.effectiveDate',
  '$.terms.savingsPlan.*.rates.*',
] as const;

const planProductSchema = z
  .object({
    sku: z.string(),
    productFamily: z.string().optional(),
    attributes: z
      .object({purchaseOption: z.string().optional(), purchaseTerm: z.string().optional()})
      .passthrough()
      .optional(),
  })
  .passthrough();

const planRateSchema = z
  .object({
    discountedServiceCode: z.string().optional(),
    discountedUsageType: z.string().optional(),
    discountedOperation: z.string().optional(),
    unit: z.string().optional(),
    discountedRate: z.object({price: z.string().optional(), currency: z.string().optional()}).passthrough().optional(),
  })
  .passthrough();

/** `1yr` and `3yr` as the API's durationSeconds (365 and 3 x 365 days). */
const TERM_SECONDS: Readonly<Record<string, number>> = {'1yr': 31_536_000, '3yr': 94_608_000};

interface PlanTerm {
  sku?: string;
  description?: string;
  effectiveDate?: string;
  rates: z.infer<typeof planRateSchema>[];
}

/**
 * Reads a Compute Savings Plans region offer file
 * (`savingsPlan/v1.0/aws/AWSComputeSavingsPlan/<version>/<region>/index.json`) as it streams. Those
 * files are tens of MB (every EC2 and Lambda rate); only AmazonECS rates are kept, one by one, so
 * memory stays with the Fargate rows.
 */
export class SavingsPlanOfferReader {
  private header: Record<string, unknown> = {};
  private readonly plans = new Map<string, z.infer<typeof planProductSchema>>();
  private readonly terms = new Map<number, PlanTerm>();
  private sawProducts = false;
  private sawTerms = false;

  constructor(private readonly region: string) {}

  private term(index: string | number): PlanTerm {
    const key = Number(index);
    let term = this.terms.get(key);
    if (!term) {
      term = {rates: []};
      this.terms.set(key, term);
    }
    return term;
  }

  value(path: JsonPath, value: unknown): void {
    if (path.length === 1) {
      this.header[String(path[0])] = value;
      return;
    }
    if (path[0] === 'products' && path.length === 2) {
      this.sawProducts = true;
      const product = planProductSchema.safeParse(value);
      if (product.success) this.plans.set(product.data.sku, product.data);
      return;
    }
    if (path[0] !== 'terms' || path[1] !== 'savingsPlan' || path[2] === undefined) return;
    this.sawTerms = true;
    const term = this.term(path[2]);
    const field = path[3];
    if (field === 'rates' && path.length === 5) {
      const rate = planRateSchema.safeParse(value);
      if (rate.success && rate.data.discountedServiceCode === 'AmazonECS') term.rates.push(rate.data);
    } else if (path.length === 4 && typeof value === 'string') {
      if (field === 'sku') term.sku = value;
      else if (field === 'description') term.description = value;
      else if (field === 'effectiveDate') term.effectiveDate = value;
    }
  }

  /** The Fargate rates as DescribeSavingsPlansOfferingRates would return them, and the offer's dates. */
  finish(): {results: SavingsPlanOfferingRateLike[]; dates: OfferDates} {
    const published = isoDay(this.header['publicationDate']);
    if (published === undefined) throw new OfferShapeError('the Savings Plans offer file has no publicationDate');
    if (!this.sawProducts) throw new OfferShapeError('the Savings Plans offer file has no products');
    if (!this.sawTerms) throw new OfferShapeError('the Savings Plans offer file has no terms.savingsPlan');
    const results: SavingsPlanOfferingRateLike[] = [];
    let effective: string | undefined;
    for (const term of this.terms.values()) {
      if (term.rates.length === 0) continue;
      effective = latest(effective, isoDay(term.effectiveDate));
      const plan = term.sku === undefined ? undefined : this.plans.get(term.sku);
      const purchaseTerm = plan?.attributes?.purchaseTerm;
      for (const rate of term.rates) {
        results.push({
          savingsPlanOffering: {
            offeringId: term.sku,
            paymentOption: plan?.attributes?.purchaseOption,
            // A plan the file does not describe, or another family, is reported by the rate parser.
            planType:
              plan === undefined
                ? 'unknown'
                : plan.productFamily === 'ComputeSavingsPlans'
                  ? 'Compute'
                  : plan.productFamily,
            durationSeconds:
              purchaseTerm !== undefined && Object.hasOwn(TERM_SECONDS, purchaseTerm)
                ? TERM_SECONDS[purchaseTerm]
                : undefined,
            currency: rate.discountedRate?.currency,
            planDescription: term.description ?? term.sku,
          },
          rate: rate.discountedRate?.price,
          unit: rate.unit,
          usageType: rate.discountedUsageType,
          operation: rate.discountedOperation,
          properties: [{name: 'region', value: this.region}],
        });
      }
    }
    const version = this.header['version'];
    return {
      results,
      dates: {
        version: typeof version === 'string' ? version : published,
        publicationDate: published,
        effectiveDate: effective,
      },
    };
  }
}

/** The source a rate of a public offer file cites: one per offer version, dated by its publication. */
export function offerSource(
  kind: 'on-demand' | 'savings-plans',
  dates: OfferDates,
  origin: string,
  retrievedOn: string,
): SourceJson {
  const offer = kind === 'on-demand' ? 'AmazonECS' : 'AWSComputeSavingsPlan';
  return {
    id: `aws-offer-${offer}-${dates.version}`,
    title: `AWS Price List offer file ${offer}, version ${dates.version}, published ${dates.publicationDate}${
      dates.effectiveDate ? `, effective ${dates.effectiveDate}` : ''
    }, fetched ${retrievedOn}`,
    origin,
    date: dates.publicationDate,
    confidence: 'published',
  };
}

/** What a rate from an offer file says of its dates (the as-of date is the day it was fetched). */
export function offerNote(dates: OfferDates): string {
  return `offer published ${dates.publicationDate}${dates.effectiveDate ? `, effective ${dates.effectiveDate}` : ''}`;
}

/** One region read from the public files, as the refresh takes it. */
export function publicRegionFetch(input: {
  region: string;
  onDemand: {items: unknown[]; dates: OfferDates};
  savingsPlans: {results: SavingsPlanOfferingRateLike[]; dates: OfferDates} | undefined;
  origins: {onDemand: string; savingsPlans: string};
  retrievedOn: string;
}): RegionFetch {
  const sp = input.savingsPlans;
  return {
    region: input.region,
    priceList: input.onDemand.items,
    savingsPlanRates: sp?.results ?? [],
    offers: {
      onDemand: {
        source: offerSource('on-demand', input.onDemand.dates, input.origins.onDemand, input.retrievedOn),
        note: offerNote(input.onDemand.dates),
      },
      ...(sp
        ? {
            savingsPlans: {
              source: offerSource('savings-plans', sp.dates, input.origins.savingsPlans, input.retrievedOn),
              note: offerNote(sp.dates),
            },
          }
        : {}),
    },
  };
}
