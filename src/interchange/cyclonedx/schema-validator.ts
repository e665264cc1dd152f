import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { SupportedSpecVersion } from './types.js';

/*
 * The CycloneDX JSON schemas of @cyclonedx/cyclonedx-library, compiled the way its JsonValidator
 * compiles them (same Ajv options, formats and bundled sub-schemas), with one change: `uniqueItems`.
 * Ajv checks it by comparing every pair of items deeply, so a flat BOM of 10,000 components took 25 s
 * (20,000: 37 s). Here every `uniqueItems: true` of the schemas becomes the keyword `uniqueItemsHashed`,
 * which puts each item's canonical JSON (keys sorted, so equal under the same deep equality) in a set:
 * one pass. It stands where uniqueItems stood, so the same documents are valid and invalid as before.
 */

const require = createRequire(import.meta.url);
const SCHEMA_DIR = join(dirname(require.resolve('@cyclonedx/cyclonedx-library/package.json')), 'res', 'schema');
// ajv-formats-draft2019 ships no types; it is what the library adds for idn-email
const addFormats2019 = require('ajv-formats-draft2019') as (ajv: Ajv, opts: { formats: string[] }) => void;
// ajv-formats is CommonJS with a default export
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => void;

const SUB_SCHEMAS: Record<string, string> = {
  'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json': 'spdx.SNAPSHOT.schema.json',
  'http://cyclonedx.org/schema/cryptography-defs.SNAPSHOT.schema.json': 'cryptography-defs.SNAPSHOT.schema.json',
  'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json': 'jsf-0.82.SNAPSHOT.schema.json',
};

const readSchema = (file: string): unknown => hashUniqueItems(JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')));

/** The schema with every `uniqueItems: true` replaced by `uniqueItemsHashed: true` (a copy). */
function hashUniqueItems(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(hashUniqueItems);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'uniqueItems' && v === true) out.uniqueItemsHashed = true;
    else out[k] = hashUniqueItems(v);
  }
  return out;
}

/** JSON with object keys sorted: equal text for items Ajv's deep equality calls equal. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

type UniqueCheck = ((schema: boolean, data: unknown) => boolean) & { errors?: Partial<ErrorObject>[] };

/** True when no two items are equal; else the error Ajv's uniqueItems gives (items i and j, j < i). */
const uniqueItemsHashed: UniqueCheck = (schema, data) => {
  if (!schema || !Array.isArray(data)) return true;
  const seen = new Map<string, number>();
  for (let i = 0; i < data.length; i++) {
    const key = canonicalJson(data[i]);
    const j = seen.get(key);
    if (j !== undefined) {
      uniqueItemsHashed.errors = [{ keyword: 'uniqueItems', message: `must NOT have duplicate items (items ## ${j} and ${i} are identical)`, params: { i, j } }];
      return false;
    }
    seen.set(key, i);
  }
  return true;
};

const AJV_OPTIONS = { useDefaults: false, strict: false, strictSchema: false, addUsedSchema: false } as const;

function compile(version: SupportedSpecVersion): ValidateFunction {
  const schemas = Object.fromEntries(Object.entries(SUB_SCHEMAS).map(([uri, file]) => [uri, readSchema(file)]));
  const ajv = new Ajv({
    ...AJV_OPTIONS,
    schemas: schemas as Record<string, object>,
    loadSchema: (uri: string) => {
      throw new Error(`Remote schemas are disabled: ${uri}`);
    },
  });
  addFormats(ajv);
  addFormats2019(ajv, { formats: ['idn-email'] });
  // as the library: no working implementation of "iri-reference" exists
  ajv.addFormat('iri-reference', true);
  ajv.addKeyword({ keyword: 'uniqueItemsHashed', type: 'array', schemaType: 'boolean', errors: true, validate: uniqueItemsHashed });
  return ajv.compile(readSchema(`bom-${version}.SNAPSHOT.schema.json`) as object);
}

/** A validator compiles its schema on first use (a fraction of a second); one is kept per version. */
const validators = new Map<SupportedSpecVersion, ValidateFunction>();

/** The first schema error of the document, or null when it is valid. */
export function schemaErrors(version: SupportedSpecVersion, json: unknown): ErrorObject[] | null {
  let v = validators.get(version);
  if (!v) validators.set(version, (v = compile(version)));
  return v(json) ? null : (v.errors ?? []);
}
