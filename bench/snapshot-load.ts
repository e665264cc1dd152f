/**
 * Measures the snapshot load at Union scale: the SQL path (JavaScript dictionary encoding), the former
 * SQL path (SQLite joins temporary id→index tables), writing the persisted cache, and a cache hit. Each
 * measurement runs in its own process so that its peak RSS is its own; medians of `runs`.
 *
 *   npx tsx bench/snapshot-load.ts [data dir=/tmp/s5g-data] [db=/tmp/s5g-snapshot/bench.db] [runs=3]
 *
 * The database is built once (bench/snapshot-db.ts) and reused while it exists.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { FUNCTIONS, SEGMENTS } from '../src/catalog/index.js';
import { openStore, type Store } from '../src/store/index.js';
import { dataVersion, readSnapshotCache, writeSnapshotCache } from '../src/store/snapshot-cache.js';
import { loadSnapshot, loadSnapshotReport } from '../src/store/snapshot-load.js';
import { buildSnapshotDb } from './snapshot-db.js';

type Mode = 'sql' | 'join' | 'write' | 'hit' | 'hit+ids';
const MODES: Mode[] = ['hit', 'hit+ids', 'write', 'sql', 'join'];

/** The former asset scan (until this change): SQLite encodes ids by joining temporary dictionary tables. */
function joinScan(store: Store): number {
  const db = store.sqlite;
  const dict = (table: string, ids: readonly string[]) => {
    db.exec(`DROP TABLE IF EXISTS temp.${table}; CREATE TEMP TABLE ${table} (id TEXT PRIMARY KEY, i INTEGER NOT NULL) WITHOUT ROWID`);
    const insert = db.prepare(`INSERT INTO temp.${table} (id, i) VALUES (?, ?)`);
    db.transaction(() => ids.forEach((id, i) => insert.run(id, i)))();
  };
  const ids = (sql: string) => db.prepare(sql).pluck().all() as string[];
  dict('snap_operator', ids('SELECT operator_id FROM operators ORDER BY operator_id'));
  dict('snap_segment', SEGMENTS.map((s) => s.id));
  dict('snap_function', FUNCTIONS.map((f) => f.id));
  dict('snap_supplier', ids('SELECT supplier_id FROM suppliers ORDER BY supplier_id'));
  dict('snap_product', ids('SELECT product_id FROM products ORDER BY product_id'));
  const n = Number(db.prepare('SELECT COUNT(*) FROM assets').pluck().get());
  const out = { ids: new Array<string>(n), i: Array.from({ length: 5 }, () => new Int32Array(n)), q: new Float64Array(n), e: new Float64Array(n) };
  const scan = db.prepare(
    'SELECT a.asset_id, o.i, s.i, f.i, u.i, p.i, a.quantity, CAST(julianday(a.end_of_support) - 2440587.5 AS INTEGER) FROM assets a ' +
      'JOIN temp.snap_operator o ON o.id = a.operator_id JOIN temp.snap_segment s ON s.id = a.segment JOIN temp.snap_function f ON f.id = a.function ' +
      'JOIN temp.snap_supplier u ON u.id = a.supplier_id LEFT JOIN temp.snap_product p ON p.id = a.product_id',
  );
  let k = 0;
  for (const r of scan.raw(true).iterate() as Iterable<[string, number, number, number, number, number | null, number, number | null]>) {
    out.ids[k] = r[0];
    for (let c = 0; c < 5; c++) out.i[c]![k] = (r[c + 1] as number | null) ?? -1;
    out.q[k] = r[6];
    out.e[k] = r[7] ?? Number.NaN;
    k++;
  }
  return k;
}

/** One measurement, in this process: milliseconds and the asset count. */
async function measure(mode: Mode, dbFile: string): Promise<{ ms: number; count: number }> {
  const store = await openStore(dbFile);
  try {
    const t = performance.now();
    if (mode === 'sql') return { count: loadSnapshot(store, {}, { cache: false }).assets.count, ms: performance.now() - t };
    if (mode === 'join') return { count: joinScan(store), ms: performance.now() - t };
    if (mode === 'hit' || mode === 'hit+ids') {
      const r = loadSnapshotReport(store);
      if (r.source !== 'cache') throw new Error('expected a cache hit');
      // asset ids are made on first read (the engine reads none); 'hit+ids' reads them
      const count = mode === 'hit' ? r.snapshot.assets.count : r.snapshot.assets.ids.length;
      return { count, ms: performance.now() - t };
    }
    const version = dataVersion(store);
    const core = readSnapshotCache(store, version);
    if (!core) throw new Error('no cache to rewrite');
    const t0 = performance.now();
    if (!writeSnapshotCache(store, version, core)) throw new Error('cache not written');
    return { count: core.assets.count, ms: performance.now() - t0 };
  } finally {
    await store.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const [dataDir = '/tmp/s5g-data', dbFile = '/tmp/s5g-snapshot/bench.db', runsArg = '3'] = args;
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',') as Mode[] | undefined;
  const runs = Number(runsArg);
  if (!existsSync(dbFile)) await buildSnapshotDb(dataDir, dbFile);
  // make sure a cache exists for 'write' and 'hit'
  const store = await openStore(dbFile);
  const first = loadSnapshotReport(store);
  const cacheBytes = Number(store.sqlite.prepare('SELECT sum(length(blob)) FROM snapshot_cache').pluck().get());
  await store.close();
  console.log(`${first.snapshot.assets.count} assets; first load from ${first.source}; cache ${(cacheBytes / 2 ** 20).toFixed(0)} MiB; db ${(statSync(dbFile).size / 2 ** 20).toFixed(0)} MiB`);
  const rows: string[] = [];
  for (const mode of only ?? MODES) {
    const ms: number[] = [];
    const rss: number[] = [];
    const load: string[] = [];
    for (let r = 0; r < runs; r++) {
      load.push(loadavg()[0]!.toFixed(1));
      const child = spawnSync(process.execPath, [...process.execArgv, import.meta.filename, '--child', mode, dbFile], { encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`${mode}: ${child.stderr}`);
      const out = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { ms: number; rssMiB: number };
      ms.push(out.ms);
      rss.push(out.rssMiB);
    }
    const line = `| ${mode} | ${ms.map((x) => (x / 1000).toFixed(2)).join(' / ')} s | **${(median(ms) / 1000).toFixed(2)} s** | ${median(rss).toFixed(0)} MiB | ${load.join(' / ')} |`;
    console.log(line);
    rows.push(line);
  }
  console.log(['| what | runs | median | peak RSS (median) | load avg (1 min) at start |', '|---|---|---|---|---|', ...rows].join('\n'));
}

if (process.argv[2] === '--child') {
  const [, mode, dbFile] = process.argv.slice(2) as [string, Mode, string];
  const r = await measure(mode, dbFile);
  console.log(JSON.stringify({ ms: r.ms, count: r.count, rssMiB: process.resourceUsage().maxRSS / 1024 }));
} else {
  await main();
}
