import {readFileSync} from 'node:fs';
import {Ajv2020} from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import {jsonSchemaOf, type OutputKind, OUTPUT_KINDS} from '../../src/contract/index.js';

/**
 * Validates a command's JSON output with a JSON Schema validator (Ajv, draft 2020-12), not zod: what a
 * consumer would run. Against the shipped file schema/<kind>.schema.json, and against the same schema
 * closed (no field it does not name), so the schema says every field the output has.
 */

// ajv-formats is CommonJS: its default export is the plugin, or the module object holding it.
const addFormats = ((addFormatsModule as {default?: unknown}).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

const SCHEMA_DIR = new URL('../../schema/', import.meta.url);

export const shippedSchema = (kind: OutputKind): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`${kind}.schema.json`, SCHEMA_DIR), 'utf8'));

function validator(schema: Record<string, unknown>) {
  const ajv = addFormats(new Ajv2020({allErrors: true, strict: true}));
  return ajv.compile(schema);
}

const cache = new Map<string, ReturnType<typeof validator>>();
function compiled(kind: OutputKind, closed: boolean) {
  const key = `${kind}:${closed}`;
  let validate = cache.get(key);
  if (!validate) {
    validate = validator(closed ? jsonSchemaOf(kind, {closed: true}) : shippedSchema(kind));
    cache.set(key, validate);
  }
  return validate;
}

/** The schema errors of a JSON output (its `kind` says which schema), as `path message` lines; [] when valid. */
export function schemaErrors(output: unknown): string[] {
  const kind = (output as {kind?: unknown})?.kind;
  if (typeof kind !== 'string' || !(kind in OUTPUT_KINDS)) return [`no known kind: ${String(kind)}`];
  const errors: string[] = [];
  for (const closed of [false, true]) {
    const validate = compiled(kind as OutputKind, closed);
    if (!validate(output)) {
      for (const error of validate.errors ?? []) {
        errors.push(
          `${closed ? 'closed: ' : ''}${error.instancePath || '/'} ${error.message} ${JSON.stringify(error.params)}`,
        );
      }
    }
  }
  return errors;
}
