import { Validation } from '@cyclonedx/cyclonedx-library';
import { ImportError } from '../../domain/errors.js';
import { SUPPORTED_SPEC_VERSIONS, type SupportedSpecVersion } from './types.js';

/**
 * A validator compiles its schema on first use (a fraction of a second); keep one per version. From 1.4
 * on the library's "strict" and plain JSON schemas are the same file, which already forbids properties
 * the spec does not define, so JsonValidator is used.
 */
const validators = new Map<SupportedSpecVersion, Validation.JsonValidator>();

function validatorFor(version: SupportedSpecVersion) {
  let v = validators.get(version);
  if (!v) {
    // The library's version enum holds the same strings as SUPPORTED_SPEC_VERSIONS.
    v = new Validation.JsonValidator(version as ConstructorParameters<typeof Validation.JsonValidator>[0]);
    validators.set(version, v);
  }
  return v;
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
 * Validates with @cyclonedx/cyclonedx-library's JSON schema validator for the BOM's version. The
 * library stops at the first error; it is reported with its JSON path (e.g. /components/3/type).
 */
export async function validateBom(json: unknown, file: string): Promise<SupportedSpecVersion> {
  const version = checkEnvelope(json, file);
  const result: unknown = await validatorFor(version).validate(JSON.stringify(json));
  if (result === null) return version;
  const errors = (Array.isArray(result) ? result : [result]) as SchemaError[];
  const first = errors[0] ?? {};
  const allowed = Array.isArray(first.params?.allowedValues) ? ` (allowed: ${(first.params.allowedValues as unknown[]).join(', ')})` : '';
  const extra = typeof first.params?.additionalProperty === 'string' ? ` (${first.params.additionalProperty})` : '';
  throw new ImportError(file, undefined, first.instancePath || '/', `does not match CycloneDX ${version}: ${first.message ?? 'invalid'}${allowed}${extra}`);
}
