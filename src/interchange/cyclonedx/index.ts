import { ImportError } from '../../domain/errors.js';
import { dependencyCycles } from './dependencies.js';
import { mapComponents, organization } from './map.js';
import { validateBom } from './validate.js';
import type { ParsedBom } from './types.js';

export * from './types.js';
export { bomOrigins, singleSource, SOURCE_ASSESSED_TYPES } from './origins.js';
export { BOM_LIMITS, BomTooLarge, checkEnvelope, validateBom } from './validate.js';
export { parseBomOffThread } from './bom-worker-host.js';

/**
 * Reads a CycloneDX JSON BOM (spec 1.4–1.6) already parsed from `file`: checks format and version,
 * validates it against the version's schema (ImportError naming the file and the JSON path otherwise),
 * and maps the product and every component. Properties the spec does not define are
 * rejected: the 1.4–1.6 schemas forbid them; extensions belong in `properties`.
 */
export async function parseBom(json: unknown, file: string): Promise<ParsedBom> {
  const specVersion = validateBom(json, file);
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
  const components = mapComponents(bom.components, '/components', warnings);
  refuseRepeatedRefs(file, typeof meta?.['bom-ref'] === 'string' ? meta['bom-ref'] : undefined, components);
  return {
    file,
    specVersion,
    ...(typeof bom.serialNumber === 'string' ? { serialNumber: bom.serialNumber } : {}),
    ...(typeof bom.version === 'number' ? { version: bom.version } : {}),
    ...(product ? { product } : {}),
    components,
    warnings: [...warnings, ...dependencyCycles(bom.dependencies)],
  };
}

/**
 * CycloneDX: "every bom-ref MUST be unique within the BOM". The schema cannot say it, and a repeated one
 * leaves a nested component's parent and the dependency graph ambiguous, so the BOM is refused, naming
 * both places. Refs are compared as written: a bom-ref is the BOM author's name, not a secure5g id.
 */
function refuseRepeatedRefs(file: string, productRef: string | undefined, components: readonly { path: string; bomRef?: string }[]): void {
  const first = new Map<string, string>();
  if (productRef !== undefined) first.set(productRef.trim(), '/metadata/component/bom-ref');
  for (const c of components) {
    if (c.bomRef === undefined) continue;
    const at = first.get(c.bomRef);
    if (at !== undefined) throw new ImportError(file, undefined, `${c.path}/bom-ref`, `bom-ref ${JSON.stringify(c.bomRef)} is given twice (first at ${at}); a bom-ref must be unique within the BOM`);
    first.set(c.bomRef, `${c.path}/bom-ref`);
  }
}

/**
 * A BOM's bytes (a file's, or a request body's) parsed as JSON and read by parseBom; an ImportError
 * naming `file` otherwise. Runs on the worker thread of bom-worker-host.ts (parseBomOffThread).
 */
export async function parseBomText(file: string, text: string): Promise<ParsedBom> {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ImportError(file, undefined, undefined, `not valid JSON (${(error as Error).message}); a CycloneDX BOM is read as JSON`);
  }
  return parseBom(json, file);
}
