/** One import of the eu demo into a fresh database; prints the assets import time and peak memory. */
import { join } from 'node:path';
import { importFile } from '../../src/interchange/index.js';
import { openStore } from '../../src/store/index.js';
import { removeDb, report } from '../lib.js';

const [csvDir, dbFile] = process.argv.slice(2) as [string, string];
removeDb(dbFile);
const store = await openStore(dbFile);
for (const kind of ['operators', 'suppliers', 'products'] as const) await importFile(store, kind, join(csvDir, `${kind}.csv`));
const t = performance.now();
const summary = await importFile(store, 'assets', join(csvDir, 'assets.csv'));
await store.close(); // the write is complete only once the file is closed
const assetsMs = performance.now() - t;
const reopened = await openStore(dbFile);
for (const kind of ['designations', 'policies'] as const)
  await importFile(reopened, kind, join(csvDir, kind === 'policies' ? 'policies.json' : `${kind}.csv`));
await reopened.close();
report({ assetsMs, rows: summary.rows });
