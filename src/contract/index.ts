export {withConverted} from './convert.js';
export {
  type BodyOf,
  envelopeSchema,
  jsonSchemaOf,
  OUTPUT_KINDS,
  type OutputKind,
  outputSchema,
  schemaFileText,
} from './kinds.js';
