import {readdirSync, readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {OUTPUT_KINDS, type OutputKind, schemaFileText} from '../../src/contract/index.js';
import {schemaErrors} from '../helpers/schema.js';

const KINDS = Object.keys(OUTPUT_KINDS) as OutputKind[];
const SCHEMA_DIR = new URL('../../schema/', import.meta.url);
const GOLDENS = new URL('../goldens/', import.meta.url);

describe('schema files', () => {
  it('are exactly what `npm run schemas` writes from src/contract (never edited by hand)', () => {
    for (const kind of KINDS) {
      expect(readFileSync(new URL(`${kind}.schema.json`, SCHEMA_DIR), 'utf8'), `schema/${kind}.schema.json`).toBe(
        schemaFileText(kind),
      );
    }
  });

  it('exist for every output kind and no other', () => {
    expect(readdirSync(SCHEMA_DIR).sort()).toEqual(KINDS.map((kind) => `${kind}.schema.json`).sort());
  });

  it('ship in the package', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(pkg.files).toContain('schema');
  });
});

describe('every golden JSON output', () => {
  const files = readdirSync(GOLDENS).filter((name) => name.endsWith('.json'));
  it('covers every kind', () => {
    const kinds = new Set(files.map((name) => JSON.parse(readFileSync(new URL(name, GOLDENS), 'utf8')).kind));
    // prices refresh needs AWS: test/cli/prices-refresh.test.ts validates its output against a fake.
    expect([...kinds].sort()).toEqual(KINDS.filter((kind) => kind !== 'prices-refresh').sort());
  });

  it.each(files)('%s fits its schema, open and closed', (name) => {
    expect(schemaErrors(JSON.parse(readFileSync(new URL(name, GOLDENS), 'utf8')))).toEqual([]);
  });
});

describe('the validator', () => {
  const golden = () => JSON.parse(readFileSync(new URL('estimate-web.json', GOLDENS), 'utf8'));

  it('refuses money given as a JSON number', () => {
    const json = golden();
    json.options[0].monthlyCost = 11.47;
    expect(schemaErrors(json).join('\n')).toMatch(/\/options\/0\/monthlyCost must be string/);
  });

  it('refuses an envelope without generatedAt, or another currency', () => {
    const {generatedAt: _, ...rest} = golden();
    expect(schemaErrors(rest).join('\n')).toMatch(/must have required property 'generatedAt'/);
    expect(schemaErrors({...golden(), currency: 'KRW'}).join('\n')).toMatch(/\/currency must be equal to constant/);
  });

  it('takes an added field in the shipped schema (additive changes), and the closed one names it', () => {
    const errors = schemaErrors({...golden(), somethingNew: 1});
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^closed: \/ must NOT have additional properties/);
  });
});
