import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFile, type ImportKind } from '../../src/interchange/index.js';
import { openStore, type Store } from '../../src/store/index.js';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'import');
export const fixture = (name: string) => join(FIXTURES, name);

/** A store in a throw-away folder; `cleanup` closes it and removes the folder. */
export async function tempStore(): Promise<{ store: Store; dir: string; file: (name: string, text: string) => string; cleanup: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'secure5g-import-'));
  const store = await openStore(join(dir, 'test.db'));
  return {
    store,
    dir,
    file(name, text) {
      const p = join(dir, name);
      writeFileSync(p, text);
      return p;
    },
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function importFixtures(store: Store, kinds: ImportKind[], ext: 'csv' | 'json' = 'csv') {
  for (const k of kinds) await importFile(store, k, fixture(`${k}.${k === 'policies' ? 'json' : ext}`));
}

/** Every row of a table, ordered, through plain SQL (a second path beside the importer's). */
export function tableRows(store: Store, table: string, key: string): unknown[] {
  return store.sqlite.prepare(`SELECT * FROM ${table} ORDER BY ${key}`).all();
}

export function count(store: Store, table: string): number {
  return (store.sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
}

export const ASSET_HEADER =
  'asset_id,operator_id,segment,function,supplier_id,product_id,software_version,quantity,region,in_service,end_of_support';
