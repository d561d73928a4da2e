import {z} from 'zod';
import type {Dec} from '../money/decimal.js';
import {dec} from '../money/decimal.js';
import {money} from './common.js';
import {OUTPUT_KINDS, type OutputKind} from './kinds.js';

/**
 * Adds converted figures to a JSON output: every object that holds money (a field of the contract's
 * `money` type) gains `converted`, the same fields times `rate`, exact. The schema says which fields are
 * money, so no kind lists them twice.
 */
export function withConverted<T>(kind: OutputKind, body: T, rate: Dec): T {
  return walk(OUTPUT_KINDS[kind].body, body, rate) as T;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let inner = schema;
  while (inner instanceof z.ZodNullable || inner instanceof z.ZodOptional) inner = inner.unwrap() as z.ZodType;
  return inner;
}

function walk(schema: z.ZodType, value: unknown, rate: Dec): unknown {
  const inner = unwrap(schema);
  if (value === null || value === undefined) return value;
  if (inner instanceof z.ZodArray && Array.isArray(value)) {
    return value.map((item) => walk(inner.element as z.ZodType, item, rate));
  }
  if (inner instanceof z.ZodObject && typeof value === 'object') {
    const shape = inner.shape as Record<string, z.ZodType>;
    const out: Record<string, unknown> = {};
    const converted: Record<string, string | null> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const field = shape[key];
      out[key] = field === undefined ? item : walk(field, item, rate);
      if (field !== undefined && unwrap(field) === money && (typeof item === 'string' || item === null)) {
        converted[key] = item === null ? null : dec(item).times(rate).toString();
      }
    }
    if (Object.keys(converted).length > 0) out['converted'] = converted;
    return out;
  }
  return value;
}
