import { ImportError } from '../../domain/errors.js';
import { schemaErrors } from './schema-validator.js';
import { SUPPORTED_SPEC_VERSIONS, type SupportedSpecVersion } from './types.js';

/**
 * Bounds on what a BOM may be before it is validated: the schema check walks the whole document (on a
 * worker thread, bom-worker-host.ts), and a document nested thousands deep overflowed its stack (a 500).
 * A product's BOM has hundreds to a few thousand components and nests a handful of levels.
 */
export const BOM_LIMITS = {
  /** objects and arrays inside one another, from the document down */
  depth: 64,
  /** components, nested ones included */
  components: 100_000,
};

/** A BOM past BOM_LIMITS.components: the API answers 413, the CLI exits 2. */
export class BomTooLarge extends ImportError {
  override name = 'BomTooLarge';
}

/** Refuses a document nested deeper than BOM_LIMITS.depth or holding more components than BOM_LIMITS.components; walks it without recursion. */
export function checkBomBounds(json: unknown, file: string, limits = BOM_LIMITS): void {
  const stack: [unknown, number, string][] = [[json, 1, '']];
  let components = 0;
  while (stack.length > 0) {
    const [node, depth, path] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > limits.depth) throw new ImportError(file, undefined, path || '/', `nests deeper than ${limits.depth} levels; a CycloneDX BOM is read to that depth`);
    const entries = Array.isArray(node) ? node.map((v, i) => [String(i), v] as const) : Object.entries(node);
    for (const [k, v] of entries) {
      if (k === 'components' && Array.isArray(v)) {
        components += v.length;
        if (components > limits.components)
          throw new BomTooLarge(file, undefined, undefined, `holds more than ${limits.components} components; a BOM is read up to that many`);
      }
      if (v !== null && typeof v === 'object') stack.push([v, depth + 1, `${path}/${k}`]);
    }
  }
}

interface SchemaError {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Checks the envelope by hand (so the message is ours), then validates against the version's schema. */
export function checkEnvelope(json: unknown, file: string): SupportedSpecVersion {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ImportError(file, undefined, undefined, 'is not a JSON object, so not a CycloneDX BOM');
  const o = json as Record<string, unknown>;
  if (o.bomFormat !== 'CycloneDX') throw new ImportError(file, undefined, '/bomFormat', `must be "CycloneDX", found ${JSON.stringify(o.bomFormat ?? null)}`);
  const v = o.specVersion;
  if (typeof v !== 'string' || !(SUPPORTED_SPEC_VERSIONS as readonly string[]).includes(v))
    throw new ImportError(file, undefined, '/specVersion', `CycloneDX ${JSON.stringify(v ?? null)} is not supported; accepted versions are ${SUPPORTED_SPEC_VERSIONS.join(', ')}`);
  return v as SupportedSpecVersion;
}

/**
 * Validates against the version's JSON schema as @cyclonedx/cyclonedx-library does (schema-validator.ts,
 * with uniqueness checked by hashing), after the bounds. The check stops at the first error; it is
 * reported with its JSON path (e.g. /components/3/type).
 */
export function validateBom(json: unknown, file: string): SupportedSpecVersion {
  const version = checkEnvelope(json, file);
  checkBomBounds(json, file);
  const result = schemaErrors(version, json);
  if (result === null) return version;
  const errors = result as SchemaError[];
  const first = errors[0] ?? {};
  const allowed = Array.isArray(first.params?.allowedValues) ? ` (allowed: ${(first.params.allowedValues as unknown[]).join(', ')})` : '';
  const extra = typeof first.params?.additionalProperty === 'string' ? ` (${first.params.additionalProperty})` : '';
  throw new ImportError(file, undefined, first.instancePath || '/', `does not match CycloneDX ${version}: ${first.message ?? 'invalid'}${allowed}${extra}`);
}
