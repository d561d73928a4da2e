import {z} from 'zod';
import {isDecimalString} from '../money/decimal.js';
import type {PriceEntry} from './assemble.js';
import {classifyUsageType} from './usage-types.js';

const priceDimensionSchema = z.object({
  unit: z.string(),
  beginRange: z.string().optional(),
  pricePerUnit: z.object({USD: z.string().optional()}).passthrough(),
});

const priceListItemSchema = z.object({
  product: z.object({
    productFamily: z.string().optional(),
    sku: z.string().optional(),
    attributes: z.object({usagetype: z.string(), regionCode: z.string().optional()}).passthrough(),
  }),
  terms: z
    .object({
      OnDemand: z.record(z.string(), z.object({effectiveDate: z.string().optional(), priceDimensions: z.record(z.string(), priceDimensionSchema)})).optional(),
    })
    .passthrough(),
  publicationDate: z.string().optional(),
});

export interface PriceListParse {
  readonly entries: PriceEntry[];
  /** Usage types nobody maps: reported to the user, never silently dropped. */
  readonly unknownUsageTypes: string[];
  /** Items that could not be read at all, with the reason. */
  readonly malformed: string[];
  readonly ignored: number;
}

export interface PriceListContext {
  readonly source: string;
  /** Used when an item has no publicationDate. */
  readonly asOf: string;
  readonly confidence?: 'published' | 'secondary';
  /** The region asked for; items without a regionCode are attributed to it. */
  readonly region?: string;
}

/**
 * Parses `GetProducts` PriceList items (JSON strings, `LazyJsonString`s or objects) for AmazonECS
 * into catalog entries. Keys of `terms.OnDemand` and `priceDimensions` are codes, so they are
 * iterated, never hard-coded; for tiered items the first tier (beginRange 0) is the rate.
 */
export function parsePriceList(items: Iterable<unknown>, context: PriceListContext): PriceListParse {
  const entries: PriceEntry[] = [];
  const unknown = new Set<string>();
  const malformed: string[] = [];
  let ignored = 0;
  let index = -1;
  for (const raw of items) {
    index++;
    let value: unknown = raw;
    if (typeof raw === 'string' || raw instanceof String) {
      try {
        value = JSON.parse(String(raw));
      } catch {
        malformed.push(`item ${index}: not JSON`);
        continue;
      }
    }
    const parsed = priceListItemSchema.safeParse(value);
    if (!parsed.success) {
      malformed.push(`item ${index}: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
      continue;
    }
    const item = parsed.data;
    const usageType = item.product.attributes.usagetype;
    const kind = classifyUsageType(usageType);
    if (kind.kind === 'ignored') {
      ignored++;
      continue;
    }
    if (kind.kind === 'unknown') {
      unknown.add(usageType);
      continue;
    }
    const region = item.product.attributes.regionCode ?? context.region;
    if (!region) {
      malformed.push(`item ${index}: ${usageType} has no regionCode`);
      continue;
    }
    const asOf = (item.publicationDate ?? context.asOf).slice(0, 10);
    for (const term of Object.values(item.terms.OnDemand ?? {})) {
      const dimensions = Object.values(term.priceDimensions).sort((a, b) => Number(a.beginRange ?? 0) - Number(b.beginRange ?? 0));
      const first = dimensions[0];
      const price = first?.pricePerUnit.USD;
      if (!first || price === undefined || !isDecimalString(price)) {
        malformed.push(`item ${index}: ${usageType} has no USD price`);
        continue;
      }
      entries.push({
        region,
        table: kind.kind === 'spot' ? 'spot' : 'on-demand',
        key: kind.key,
        price,
        usageType,
        source: context.source,
        asOf,
        confidence: context.confidence ?? 'published',
      });
    }
  }
  return {entries, unknownUsageTypes: [...unknown].sort(), malformed, ignored};
}
