/**
 * Builds (once) the database the snapshot benchmark reads: operators, suppliers and products through
 * the importer, the 5 M assets through the sqlite3 shell into a staging table and one INSERT … SELECT
 * (13 s instead of the importer's 40 s; the importer is measured in import-bench.ts, not here).
 *
 *   npx tsx bench/snapshot-db.ts <data dir> <db file>
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFile } from '../src/interchange/index.js';
import { openStore } from '../src/store/index.js';
import { writeImportData } from './import-data.js';

export async function buildSnapshotDb(dataDir: string, dbFile: string): Promise<void> {
  if (!existsSync(join(dataDir, 'assets.csv'))) writeImportData(dataDir);
  // the shared data folder has lost its suppliers.csv before; the generator's are deterministic
  const work = mkdtempSync(join(tmpdir(), 'snapshot-db-'));
  const small = (k: string) => (existsSync(join(dataDir, `${k}.csv`)) ? join(dataDir, `${k}.csv`) : join(work, `${k}.csv`));
  if (!existsSync(join(dataDir, 'suppliers.csv'))) {
    writeImportData(work, 0);
    for (const k of ['operators', 'products']) if (existsSync(join(dataDir, `${k}.csv`))) copyFileSync(join(dataDir, `${k}.csv`), join(work, `${k}.csv`));
  }
  for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`, `${dbFile}-journal`]) rmSync(f, { force: true });
  const store = await openStore(dbFile);
  for (const k of ['operators', 'suppliers', 'products'] as const) await importFile(store, k, small(k));
  await store.close();
  const staging =
    'CREATE TEMP TABLE staging (asset_id TEXT, operator_id TEXT, segment TEXT, function TEXT, supplier_id TEXT, product_id TEXT, ' +
    'software_version TEXT, quantity TEXT, region TEXT, in_service TEXT, end_of_support TEXT);';
  const script =
    `PRAGMA journal_mode=DELETE;\n${staging}\n.import --csv --skip 1 ${join(dataDir, 'assets.csv')} staging\n` +
    'INSERT INTO assets SELECT asset_id, operator_id, segment, function, supplier_id, NULLIF(product_id, \'\'), NULLIF(software_version, \'\'), ' +
    "CAST(quantity AS REAL), NULLIF(region, ''), NULLIF(in_service, ''), NULLIF(end_of_support, '') FROM staging;\nPRAGMA journal_mode=WAL;\n";
  execFileSync('/usr/bin/sqlite3', [dbFile], { input: script, maxBuffer: 1 << 24 });
  rmSync(work, { recursive: true, force: true });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dataDir = '/tmp/s5g-data', dbFile = '/tmp/s5g-snapshot/bench.db'] = process.argv.slice(2);
  const t = performance.now();
  await buildSnapshotDb(dataDir, dbFile);
  console.log(`built ${dbFile} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
