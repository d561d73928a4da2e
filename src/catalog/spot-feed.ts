import {z} from 'zod';
import {UserError, untrusted} from '../errors.js';
import {dec, isDecimalString} from '../money/decimal.js';
import {ProblemError} from '../model/problems.js';
import type {SpotRateKey} from '../model/types.js';
import type {PriceEntry} from './assemble.js';
import {isIsoDate, type SourceJson} from './schema.js';

/**
 * The Fargate Spot price feed the AWS pricing page reads (`fargate-spot-prices.json`). Spot prices
 * are in no AWS API; a user who saved the feed can hand it to `prices refresh --spot-prices FILE`.
 *
 *   {"metadata": {"source:version": "20190730194642", ...},
 *    "prices": [{"unit": "vCPU-Hours", "price": {"USD": "0.01458"},
 *                "attributes": {"aws:region": "us-east-1", "aws:label": "per vCPU per hour"}}]}
 */
const feedSchema = z.object({
  metadata: z.record(z.string(), z.unknown()).optional(),
  prices: z.array(
    z.object({
      id: z.string().optional(),
      unit: z.string(),
      price: z.object({USD: z.string()}).passthrough(),
      attributes: z.record(z.string(), z.string()),
    }),
  ),
});

/**
 * The exact table from a feed entry to a dimension: its unit and label, with no other attribute.
 * Graviton (arm64) entries are marked by their unit, ARM-vCPU-Hours and ARM-GB-Hours, as a public
 * reader of the feed takes them (not yet seen in a saved copy); an entry with any further attribute
 * is reported, not guessed at.
 */
const SPOT_FEED_TABLE: readonly {unit: string; label: string; key: SpotRateKey}[] = [
  {unit: 'vCPU-Hours', label: 'per vCPU per hour', key: 'linux-x86_64-vcpu'},
  {unit: 'GB-Hours', label: 'per GB per hour', key: 'linux-x86_64-memory'},
  {unit: 'ARM-vCPU-Hours', label: 'per vCPU per hour', key: 'linux-arm64-vcpu'},
  {unit: 'ARM-GB-Hours', label: 'per GB per hour', key: 'linux-arm64-memory'},
];
const KNOWN_ATTRIBUTES = new Set(['aws:region', 'aws:label']);

export interface SpotFeedParse {
  readonly entries: PriceEntry[];
  readonly source: SourceJson;
  /** The feed's `source:version` (e.g. 20190730194642), when it has one. */
  readonly version: string | undefined;
  /** Entries the table does not know (e.g. arm64, whose marking is undocumented): reported, not used. */
  readonly unrecognized: string[];
  readonly conflicts: string[];
}

/** `20190730194642` -> `2019-07-30`; undefined when it is not a real timestamp. */
export function feedVersionDate(version: string): string | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})\d{6}$/.exec(version);
  if (!match) return undefined;
  const date = `${match[1]}-${match[2]}-${match[3]}`;
  return isIsoDate(date) ? date : undefined;
}

/**
 * Parses a saved Spot feed. Its date is `spotDate` when given (the day the user saw these prices),
 * else the feed's `source:version` timestamp; a feed with neither is refused, because an undated
 * Spot price cannot be shown honestly.
 */
export function parseSpotFeed(json: unknown, options: {path: string; spotDate?: string | undefined}): SpotFeedParse {
  const parsed = feedSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(
      `${options.path} is not a Fargate Spot price feed (${untrusted(issue.path.join('.'), 80) || 'top level'}: ${issue.message})`,
      {
        hint: 'expected {"metadata": {...}, "prices": [{"unit", "price": {"USD"}, "attributes": {"aws:region", "aws:label"}}]}',
      },
    );
  }
  if (options.spotDate !== undefined && !isIsoDate(options.spotDate)) {
    throw new ProblemError({kind: 'bad-spot-date', text: options.spotDate});
  }
  const rawVersion = parsed.data.metadata?.['source:version'];
  const version = typeof rawVersion === 'string' ? rawVersion : undefined;
  const date = options.spotDate ?? (version === undefined ? undefined : feedVersionDate(version));
  if (date === undefined) {
    throw new ProblemError({kind: 'undated-spot-feed', path: options.path});
  }
  const source: SourceJson = {
    id: `fargate-spot-feed-${date}`,
    title: `Fargate Spot price feed of the AWS pricing page (fargate-spot-prices.json)${version ? `, version ${version}` : ''}${
      options.spotDate ? `, dated ${options.spotDate} by hand` : ''
    }`,
    origin: options.path,
    date,
    confidence: 'published',
  };
  const entries: PriceEntry[] = [];
  const unrecognized: string[] = [];
  const conflicts: string[] = [];
  const seen = new Map<string, string>();
  parsed.data.prices.forEach((item, index) => {
    const region = item.attributes['aws:region'];
    const label = item.attributes['aws:label'];
    const describe = `entry ${item.id ?? index} (${region ?? 'no region'}, ${item.unit}, ${label ?? 'no label'})`;
    const extra = Object.keys(item.attributes).filter((name) => !KNOWN_ATTRIBUTES.has(name));
    const row = SPOT_FEED_TABLE.find((candidate) => candidate.unit === item.unit && candidate.label === label);
    if (!region || !row || extra.length > 0) {
      unrecognized.push(extra.length > 0 ? `${describe} with ${extra.join(', ')}` : describe);
      return;
    }
    const price = item.price.USD;
    if (!isDecimalString(price)) {
      unrecognized.push(`${describe}: price "${price}" is not a decimal`);
      return;
    }
    const slot = `${region}|${row.key}`;
    const previous = seen.get(slot);
    if (previous !== undefined) {
      if (!dec(previous).eq(dec(price)))
        conflicts.push(`${region} ${row.key}: ${previous} and ${price} (kept ${previous})`);
      return;
    }
    seen.set(slot, price);
    entries.push({region, table: 'spot', key: row.key, price, source: source.id, asOf: date, confidence: 'published'});
  });
  return {entries, source, version, unrecognized, conflicts};
}
