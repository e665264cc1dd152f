import type { DemoData } from './generate.js';

/** Kinds in the order their references need: operators and suppliers before products, products before assets. */
export const DEMO_IMPORT_ORDER = ['operators', 'suppliers', 'products', 'assets', 'designations', 'policies'] as const;
export type DemoImportKind = (typeof DEMO_IMPORT_ORDER)[number];

/**
 * The importer seedDemo needs, as a parameter so that the demo does not depend on the interchange or
 * store layers: the signature of importRows in src/interchange/import/.
 */
export type DemoImporter<S, R> = (store: S, kind: DemoImportKind, rows: Iterable<Record<string, unknown>>, sourceName: string) => Promise<R>;

/**
 * Loads the demo into a store through its importer, kind by kind in dependency order; assets stream
 * from the generator. Returns each kind's import summary.
 */
export async function seedDemo<S, R>(store: S, data: DemoData, importRows: DemoImporter<S, R>): Promise<{ kind: DemoImportKind; summary: R }[]> {
  const rows: Record<DemoImportKind, () => Iterable<Record<string, unknown>>> = {
    operators: () => data.operators,
    suppliers: () => data.suppliers,
    products: () => data.products,
    assets: () => data.assets(),
    designations: () => data.designations,
    policies: () => data.policies,
  };
  const results: { kind: DemoImportKind; summary: R }[] = [];
  for (const kind of DEMO_IMPORT_ORDER) {
    const summary = await importRows(store, kind, rows[kind](), `demo ${data.scale} seed ${data.seed}: ${kind}`);
    results.push({ kind, summary });
  }
  return results;
}
