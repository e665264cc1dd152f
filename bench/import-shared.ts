/**
 * The assets import with the database file to itself (rollback journal for the load) against the same
 * import while another connection holds the file (WAL kept, as in the server, whose dashboard worker
 * reads through its own connection). Alternating order, fresh database each time.
 *
 *   npx tsx bench/import-shared.ts [csvDir = bench/data/eu] [rows = 1000000 | all] [runs = 3]
 */
import { createReadStream, createWriteStream, existsSync, copyFileSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import BetterSqlite3 from 'better-sqlite3';
import { importFile } from '../src/interchange/index.js';
import { openStore } from '../src/store/index.js';
import { median, removeDb, sec } from './lib.js';

const dir = process.argv[2] ?? join(import.meta.dirname, 'data', 'eu');
const rowsArg = process.argv[3] ?? '1000000';
const runs = Number(process.argv[4] ?? 3);
const work = join(dir, 'shared-bench');
await mkdir(work, { recursive: true });

/** The first `rows` asset rows (whole file for 'all'), beside full reference files. */
async function subset(): Promise<string> {
  for (const k of ['operators', 'suppliers', 'products']) copyFileSync(join(dir, `${k}.csv`), join(work, `${k}.csv`));
  if (rowsArg === 'all') return join(dir, 'assets.csv');
  const out = join(work, `assets-${rowsArg}.csv`);
  if (existsSync(out)) return out;
  const want = Number(rowsArg) + 1;
  const w = createWriteStream(out);
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(join(dir, 'assets.csv')) })) {
    if (n++ >= want) break;
    w.write(`${line}\n`);
  }
  await new Promise((r) => w.end(r));
  return out;
}

const assets = await subset();
const db = join(work, 'bench.db');
type Mode = 'alone' | 'shared';
const times: Record<Mode, { importMs: number; closeMs: number; walMb: number }[]> = { alone: [], shared: [] };

async function once(mode: Mode) {
  removeDb(db);
  const store = await openStore(db);
  for (const k of ['operators', 'suppliers', 'products'] as const) await importFile(store, k, join(work, `${k}.csv`));
  // another connection that has read the file: what the server's dashboard worker or a second command is
  const other = mode === 'shared' ? new BetterSqlite3(db, { readonly: true }) : undefined;
  other?.prepare('SELECT COUNT(*) FROM operators').get();
  const t = performance.now();
  const s = await importFile(store, 'assets', assets);
  const importMs = performance.now() - t;
  const walMb = existsSync(`${db}-wal`) ? statSync(`${db}-wal`).size / 1e6 : 0;
  const c = performance.now();
  await store.close();
  other?.close();
  const closeMs = performance.now() - c;
  times[mode].push({ importMs, closeMs, walMb });
  console.log(`[import-shared] ${mode}: ${s.rows} rows, import ${sec(importMs)}, close ${sec(closeMs)}, -wal before close ${walMb.toFixed(0)} MB`);
}

for (let run = 0; run < runs; run++) for (const mode of (run % 2 ? ['shared', 'alone'] : ['alone', 'shared']) as Mode[]) await once(mode);
removeDb(db);
for (const mode of ['alone', 'shared'] as Mode[]) {
  const r = times[mode];
  console.log(`[import-shared] ${mode}: median import ${sec(median(r.map((x) => x.importMs)))}, median import + close ${sec(median(r.map((x) => x.importMs + x.closeMs)))}`);
}
