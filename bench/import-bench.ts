/**
 * Measures the assets import (fresh table and re-import of the same file), the snapshot load and, for
 * comparison, the sqlite3 shell's `.import` of the same file into an equivalent table.
 *
 *   npx tsx bench/import-data.ts /tmp/secure5g-import-data        # once: ~400 MB of CSV
 *   npx tsx bench/import-bench.ts /tmp/secure5g-import-data [runs] [--no-shell] [--no-reimport]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFile } from '../src/interchange/index.js';
import { loadSnapshot, openStore } from '../src/store/index.js';

const dir = process.argv[2] ?? '/tmp/secure5g-import-data';
const runs = Number(process.argv[3] ?? 3);
const flags = new Set(process.argv.slice(4));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function removeDb(file: string) {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) rmSync(f, { force: true });
}

const SHELL_TABLE =
  'CREATE TABLE assets (asset_id TEXT PRIMARY KEY, operator_id TEXT NOT NULL, segment TEXT NOT NULL, function TEXT NOT NULL, ' +
  'supplier_id TEXT NOT NULL, product_id TEXT, software_version TEXT, quantity REAL NOT NULL, region TEXT, in_service TEXT, end_of_support TEXT);';

const results: Record<string, number[]> = { shell: [], fresh: [], reimport: [], snapshot: [] };
for (let run = 0; run < runs; run++) {
  if (!flags.has('--no-shell') && existsSync('/usr/bin/sqlite3')) {
    const shellDb = join(dir, 'shell.db');
    removeDb(shellDb);
    const script = join(dir, 'shell.sql');
    writeFileSync(script, `${SHELL_TABLE}\n.import --csv --skip 1 ${join(dir, 'assets.csv')} assets\n`);
    const t = performance.now();
    execFileSync('/usr/bin/sqlite3', [shellDb], { input: `.read ${script}\n` });
    results.shell!.push(performance.now() - t);
    removeDb(shellDb);
  }
  const dbFile = join(dir, 'bench.db');
  removeDb(dbFile);
  let store = await openStore(dbFile);
  for (const k of ['operators', 'suppliers', 'products'] as const) await importFile(store, k, join(dir, `${k}.csv`));
  let t = performance.now();
  const s = await importFile(store, 'assets', join(dir, 'assets.csv'));
  await store.close(); // includes folding the write into the database file
  results.fresh!.push(performance.now() - t);
  store = await openStore(dbFile);
  t = performance.now();
  const snap = loadSnapshot(store);
  results.snapshot!.push(performance.now() - t);
  if (snap.assets.count !== s.rows) throw new Error(`snapshot has ${snap.assets.count} assets, import ${s.rows}`);
  if (!flags.has('--no-reimport')) {
    t = performance.now();
    const again = await importFile(store, 'assets', join(dir, 'assets.csv'));
    results.reimport!.push(performance.now() - t);
    if (again.unchanged !== s.rows) throw new Error(`re-import changed rows: ${JSON.stringify(again)}`);
  }
  await store.close();
  removeDb(dbFile);
  console.log(`run ${run + 1}: ${Object.entries(results).map(([k, v]) => `${k} ${v.length ? sec(v[v.length - 1]!) : '-'}`).join(', ')}`);
}
console.log(`medians of ${runs}: ${Object.entries(results).map(([k, v]) => `${k} ${v.length ? sec(median(v)) : '-'}`).join(', ')}`);
