import {z} from 'zod';
import {billBody} from './bill.js';
import {compareBody} from './compare.js';
import {conversion, isoTime} from './common.js';
import {diffBody} from './diff.js';
import {estimateBody} from './estimate.js';
import {historyBody} from './history.js';
import {reconcileBody} from './reconcile.js';
import {rightsizeBody} from './rightsize.js';
import {pricesDiffBody, pricesRefreshBody, pricesShowBody} from './prices.js';
import {KIND_VERSIONS, type OutputKind} from './versions.js';

export type {OutputKind};

/**
 * Every JSON output, by kind: its schema version, its body, and whether its money may be converted to
 * another currency. A new kind (diff) is one more entry here and a body schema beside the others;
 * `npm run schemas` then writes schema/<kind>.schema.json and the contract test checks it.
 */
export const OUTPUT_KINDS = {
  estimate: {...KIND_VERSIONS.estimate, body: estimateBody},
  history: {...KIND_VERSIONS.history, body: historyBody},
  bill: {...KIND_VERSIONS.bill, body: billBody},
  compare: {...KIND_VERSIONS.compare, body: compareBody},
  diff: {...KIND_VERSIONS.diff, body: diffBody},
  reconcile: {...KIND_VERSIONS.reconcile, body: reconcileBody},
  rightsize: {...KIND_VERSIONS.rightsize, body: rightsizeBody},
  'prices-show': {...KIND_VERSIONS['prices-show'], body: pricesShowBody},
  'prices-diff': {...KIND_VERSIONS['prices-diff'], body: pricesDiffBody},
  'prices-refresh': {...KIND_VERSIONS['prices-refresh'], body: pricesRefreshBody},
} as const satisfies Record<OutputKind, unknown>;
/** What a JSON builder returns for `kind` (read-only, so results' own read-only lists fit). */
export type BodyOf<K extends OutputKind> = DeepReadonly<z.input<(typeof OUTPUT_KINDS)[K]['body']>>;

type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? {readonly [P in keyof T]: DeepReadonly<T[P]>}
    : T;

/** The top-level fields every JSON output carries, before its own. */
export function envelopeSchema<K extends OutputKind>(kind: K) {
  const {schemaVersion, convertible} = OUTPUT_KINDS[kind];
  return z.object({
    kind: z.literal(kind),
    schemaVersion: z
      .literal(schemaVersion)
      .meta({description: 'changes only when a change is not additive (README, "JSON contract")'}),
    version: z.string().meta({description: "fargate-cost's version"}),
    currency: z.literal('USD').meta({description: 'the currency of every money field'}),
    generatedAt: isoTime,
    ...(convertible
      ? {
          conversion: conversion
            .optional()
            .meta({description: 'present when the user asked for figures in another currency too'}),
        }
      : {}),
  });
}

/** A whole JSON output of `kind`: the envelope, then the body. */
export function outputSchema<K extends OutputKind>(kind: K) {
  return envelopeSchema(kind).extend(OUTPUT_KINDS[kind].body.shape);
}

export const SCHEMA_BASE_URL = 'https://github.com/fargate-cost/fargate-cost/blob/main/schema/';

/**
 * The JSON Schema (draft 2020-12) of `kind`, as shipped in schema/<kind>.schema.json. Objects are open
 * (`additionalProperties` unset), as the stability policy promises additions within a schema version;
 * `closed: true` forbids unknown fields, which the tests use to prove the schema names every field.
 */
export function jsonSchemaOf(kind: OutputKind, options: {closed?: boolean} = {}): Record<string, unknown> {
  const generated = z.toJSONSchema(outputSchema(kind), {
    target: 'draft-2020-12',
    unrepresentable: 'throw',
    reused: 'ref',
    override: ({jsonSchema}) => {
      if (!options.closed && jsonSchema.additionalProperties === false) delete jsonSchema.additionalProperties;
    },
  });
  const {$schema, ...rest} = generated;
  return {
    $schema,
    $id: `${SCHEMA_BASE_URL}${kind}.schema.json`,
    title: `fargate-cost ${kind} output, schema version ${OUTPUT_KINDS[kind].schemaVersion}`,
    ...rest,
  };
}

/** The text of schema/<kind>.schema.json: what `npm run schemas` writes and the contract test compares. */
export function schemaFileText(kind: OutputKind): string {
  return `${JSON.stringify(jsonSchemaOf(kind), null, 2)}\n`;
}
