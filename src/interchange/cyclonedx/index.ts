import { mapComponents, organization } from './map.js';
import { validateBom } from './validate.js';
import type { ParsedBom } from './types.js';

export * from './types.js';
export { bomOrigins, singleSource, SOURCE_ASSESSED_TYPES } from './origins.js';
export { checkEnvelope, validateBom } from './validate.js';

/**
 * Reads a CycloneDX JSON BOM (spec 1.4–1.6) already parsed from `file`: checks format and version,
 * validates it against the version's schema (ImportError naming the file and the JSON path otherwise),
 * and maps the product and every component. Properties the spec does not define are
 * rejected: the 1.4–1.6 schemas forbid them; extensions belong in `properties`.
 */
export async function parseBom(json: unknown, file: string): Promise<ParsedBom> {
  const specVersion = await validateBom(json, file);
  const bom = json as Record<string, unknown>;
  const warnings: string[] = [];
  const metadata = (bom.metadata ?? {}) as Record<string, unknown>;
  const meta = metadata.component as Record<string, unknown> | undefined;
  // 1.6 names the product's maker `manufacturer` and deprecates `manufacture`; earlier versions have only the latter.
  const manufacturer = organization(metadata.manufacturer, '/metadata/manufacturer', warnings) ?? organization(metadata.manufacture, '/metadata/manufacture', warnings);
  const supplier = organization(metadata.supplier, '/metadata/supplier', warnings);
  const product = meta
    ? {
        name: String(meta.name),
        ...(typeof meta.version === 'string' ? { version: meta.version } : {}),
        type: String(meta.type),
        ...(manufacturer ? { manufacturer } : {}),
        ...(supplier ? { supplier } : {}),
      }
    : undefined;
  return {
    file,
    specVersion,
    ...(typeof bom.serialNumber === 'string' ? { serialNumber: bom.serialNumber } : {}),
    ...(typeof bom.version === 'number' ? { version: bom.version } : {}),
    ...(product ? { product } : {}),
    components: mapComponents(bom.components, '/components', warnings),
    warnings,
  };
}
