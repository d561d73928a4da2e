import {z} from 'zod';
import {dec, isDecimalString} from '../money/decimal.js';
import {type Payment, type PlanId, SAVINGS_PLAN_RATE_KEYS, type SavingsPlanRateKey, type Term} from '../model/types.js';
import type {PriceEntry} from './assemble.js';
import {classifyUsageType} from './usage-types.js';

/**
 * One `searchResults[]` item of `DescribeSavingsPlansOfferingRates`, as the SDK returns it (every
 * field optional: the parser checks each one rather than trusting the model).
 */
export interface SavingsPlanOfferingRateLike {
  readonly savingsPlanOffering?:
    | {
        readonly offeringId?: string | undefined;
        readonly paymentOption?: string | undefined;
        readonly planType?: string | undefined;
        readonly durationSeconds?: number | undefined;
        readonly currency?: string | undefined;
        readonly planDescription?: string | undefined;
      }
    | undefined;
  readonly rate?: string | undefined;
  readonly unit?: string | undefined;
  readonly productType?: string | undefined;
  readonly serviceCode?: string | undefined;
  readonly usageType?: string | undefined;
  readonly operation?: string | undefined;
  readonly properties?:
    | readonly {readonly name?: string | undefined; readonly value?: string | undefined}[]
    | undefined;
}

export interface SavingsPlanRatesContext {
  /** The region asked for (the `region` filter); results for another region are reported, not used. */
  readonly region: string;
  readonly source: string;
  /** The day the rates were fetched: the API gives no date of its own. */
  readonly asOf: string;
}

export interface SavingsPlanRatesParse {
  readonly entries: PriceEntry[];
  /** Usage types the exact table does not know: reported to the user, never silently dropped. */
  readonly unknownUsageTypes: string[];
  /** Results that are known but unusable (another plan type, term, unit, currency or region; a rate for a dimension Savings Plans never discount). */
  readonly unexpected: string[];
  /** The same plan and dimension returned twice with different rates: the first is kept. */
  readonly conflicts: string[];
}

/** The API's payment options, spelled as AWS spells them. */
const PAYMENT_OPTIONS: Readonly<Record<string, Payment>> = {
  'No Upfront': 'no',
  'Partial Upfront': 'partial',
  'All Upfront': 'all',
};
/** Term lengths in seconds: 365 and 3 x 365 days, as the offerings state them. */
const TERM_SECONDS: Readonly<Record<number, Term>> = {31536000: '1y', 94608000: '3y'};
/** Units a Fargate Savings Plan rate may come in: `Hrs` for both vCPU and memory in the offer files. */
const UNITS: Readonly<Record<string, 'any' | 'memory'>> = {Hrs: 'any', 'GB-Hours': 'memory'};

// What the parser reads of a result, checked: the SDK passes a list's items through as the wire has them (a null
// property, a number for a name). Absent and null are the same.
const text = z.string().nullish();
const resultSchema = z.object({
  savingsPlanOffering: z
    .object({
      offeringId: text,
      paymentOption: text,
      planType: text,
      durationSeconds: z.number().nullish(),
      currency: text,
      planDescription: text,
    })
    .nullish(),
  rate: text,
  unit: text,
  usageType: text,
  properties: z.array(z.object({name: text, value: text})).nullish(),
});

export function planFromOffering(
  paymentOption: string | undefined,
  durationSeconds: number | undefined,
): PlanId | undefined {
  // Own keys only: "constructor" is no payment option.
  const payment =
    paymentOption !== undefined && Object.hasOwn(PAYMENT_OPTIONS, paymentOption)
      ? PAYMENT_OPTIONS[paymentOption]
      : undefined;
  const term =
    durationSeconds !== undefined && Object.hasOwn(TERM_SECONDS, durationSeconds)
      ? TERM_SECONDS[durationSeconds]
      : undefined;
  return payment && term ? `compute-${term}-${payment}-upfront` : undefined;
}

/**
 * Maps Compute Savings Plan offering rates for Fargate (ECS) to catalog entries. A Savings Plan
 * discounts an On-Demand usage type, so `usageType` goes through the same exact suffix table as the
 * Price List; the plan comes from the payment option and the term length.
 */
export function parseSavingsPlanRates(
  results: Iterable<SavingsPlanOfferingRateLike>,
  context: SavingsPlanRatesContext,
): SavingsPlanRatesParse {
  const entries: PriceEntry[] = [];
  const unknown = new Set<string>();
  const unexpected: string[] = [];
  const conflicts: string[] = [];
  const seen = new Map<string, string>();
  let index = -1;
  for (const raw of results) {
    index++;
    const checked = resultSchema.safeParse(raw);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      unexpected.push(`result ${index}: ${issue.path.join('.') || '(the result)'}: ${issue.message}`);
      continue;
    }
    const result = checked.data;
    const usageType = result.usageType ?? '';
    const offering = result.savingsPlanOffering ?? {};
    const what = `${usageType || '(no usage type)'} ${offering.planDescription ?? offering.offeringId ?? ''}`.trim();
    if (typeof offering.planType === 'string' && offering.planType !== 'Compute') {
      unexpected.push(`${what}: plan type ${offering.planType}, not Compute`);
      continue;
    }
    const kind = classifyUsageType(usageType);
    if (kind.kind === 'unknown') {
      unknown.add(usageType || '(empty)');
      continue;
    }
    if (kind.kind !== 'on-demand' || !(SAVINGS_PLAN_RATE_KEYS as readonly string[]).includes(kind.key)) {
      // Storage, the Windows licence and Spot are never discounted; a rate for them would be news.
      unexpected.push(`${what}: a Savings Plan rate for a usage type Savings Plans do not discount`);
      continue;
    }
    const key = kind.key as SavingsPlanRateKey;
    const plan = planFromOffering(offering.paymentOption ?? undefined, offering.durationSeconds ?? undefined);
    if (!plan) {
      unexpected.push(
        `${what}: payment option "${offering.paymentOption}" and term ${offering.durationSeconds} s are not a known Compute Savings Plan`,
      );
      continue;
    }
    if (typeof offering.currency === 'string' && offering.currency !== 'USD') {
      unexpected.push(`${what}: currency ${offering.currency}, not USD`);
      continue;
    }
    const unitRule =
      typeof result.unit === 'string' && Object.hasOwn(UNITS, result.unit) ? UNITS[result.unit] : undefined;
    if (!unitRule || (unitRule === 'memory' && !key.endsWith('memory'))) {
      unexpected.push(`${what}: unit "${result.unit ?? ''}", not an hourly rate`);
      continue;
    }
    const region = result.properties?.find((property) => property.name === 'region')?.value ?? context.region;
    if (region !== context.region) {
      unexpected.push(`${what}: for region ${region}, asked for ${context.region}`);
      continue;
    }
    const rate = result.rate;
    if (typeof rate !== 'string' || !isDecimalString(rate)) {
      unexpected.push(`${what}: rate "${rate ?? ''}" is not a decimal`);
      continue;
    }
    const slot = `${plan}|${key}`;
    const previous = seen.get(slot);
    if (previous !== undefined) {
      if (!dec(previous).eq(dec(rate)))
        conflicts.push(`${region} ${plan} ${key}: ${previous} and ${rate} (kept ${previous})`);
      continue;
    }
    seen.set(slot, rate);
    entries.push({
      region,
      table: plan,
      key,
      price: rate,
      usageType,
      source: context.source,
      asOf: context.asOf,
      confidence: 'published',
    });
  }
  return {entries, unknownUsageTypes: [...unknown].sort(), unexpected, conflicts};
}
