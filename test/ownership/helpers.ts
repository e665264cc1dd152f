import { join } from 'node:path';
import type { OutputJson } from '../../src/domain/json-case.js';
import { openStore, type Store } from '../../src/store/open.js';
import { cli, importSmallNetwork, tempDb } from '../cli/helpers.js';

export { cli, tempDb };
export const FIXTURES = join(import.meta.dirname, 'fixtures');
export const fixture = (name: string) => join(FIXTURES, name);
export const BOMS = join(import.meta.dirname, '..', 'fixtures', 'cyclonedx');

/** A temp database made the way a user would: `init`, then the small network through `import`. */
export async function smallNetworkDb() {
  const t = tempDb();
  const init = await cli('init', '--db', t.db);
  if (init.code !== 0) throw new Error(`init failed: ${init.stderr}`);
  await importSmallNetwork(t.db);
  return t;
}

/** Runs a CLI command that must succeed and returns its stdout parsed as JSON (camelCase keys, as T's in camelCase). */
export async function cliJson<T>(...argv: string[]): Promise<OutputJson<T>> {
  const r = await cli(...argv);
  if (r.code !== 0) throw new Error(`${argv.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as OutputJson<T>;
}

/** Row counts of the tables this work adds, plus the import log, read straight from SQLite. */
export async function counts(db: string): Promise<Record<'entities' | 'holdings' | 'boms' | 'bom_components' | 'imports', number>> {
  const store: Store = await openStore(db);
  try {
    const n = (t: string) => Number(store.sqlite.prepare(`SELECT count(*) FROM ${t}`).pluck().get());
    return { entities: n('entities'), holdings: n('holdings'), boms: n('boms'), bom_components: n('bom_components'), imports: n('imports') };
  } finally {
    await store.close();
  }
}
