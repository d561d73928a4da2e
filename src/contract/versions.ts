/**
 * Every JSON output kind's schema version and whether its money may be converted: what the envelope
 * needs, without the schemas (building them costs a command's start; only `npm run schemas`, the
 * tests and a conversion need them).
 */
export const KIND_VERSIONS = {
  estimate: {schemaVersion: 1, convertible: true},
  history: {schemaVersion: 1, convertible: true},
  bill: {schemaVersion: 1, convertible: true},
  compare: {schemaVersion: 1, convertible: true},
  diff: {schemaVersion: 1, convertible: true},
  reconcile: {schemaVersion: 1, convertible: false},
  rightsize: {schemaVersion: 1, convertible: false},
  'prices-show': {schemaVersion: 1, convertible: false},
  'prices-diff': {schemaVersion: 1, convertible: false},
  'prices-refresh': {schemaVersion: 1, convertible: false},
} as const;

export type OutputKind = keyof typeof KIND_VERSIONS;
