import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { migrationProvider } from '../../src/store/migrations/index.js';
import { decommissionAssets } from '../../src/store/asset-history.js';
import { loadSnapshot, openStore } from '../../src/store/index.js';

/*
 * Migration 0013 on a database written before it: its assets stay in service (the history table starts
 * empty), and they can then be decommissioned. By hand: two assets of 3 and 4; after decommissioning
 * A-2 on 2026-05-01, today holds 3 and 2026-04-30 still 7.
 */
const dir = mkdtempSync(join(tmpdir(), 'secure5g-m0013-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('keeps an existing inventory in service and lets it shrink afterwards', async () => {
  const file = join(dir, 'old.db');
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new BetterSqlite3(file) }) }); // eslint-disable-line @typescript-eslint/no-explicit-any -- the schema as it was before 0013
  expect((await new Migrator({ db, provider: migrationProvider }).migrateTo('0012_asset_counts')).error).toBeUndefined();
  await db.insertInto('operators').values({ operator_id: 'OP-1', name: 'Fictional Mobile', member_state: 'DE', kind: 'mno' }).execute();
  await db.insertInto('suppliers').values({ supplier_id: 'SUP-1', name: 'Fictional Radio', hq_country: 'XA' }).execute();
  for (const [id, q] of [['A-1', 3], ['A-2', 4]] as const)
    await db.insertInto('assets').values({ asset_id: id, operator_id: 'OP-1', segment: 'ran', function: 'gNB', supplier_id: 'SUP-1', quantity: q, in_service: '2024-01-01' }).execute();
  await db.destroy();

  const store = await openStore(file);
  try {
    const total = (date?: string) => Array.from(loadSnapshot(store, {}, date ? { date } : {}).assets.quantity).reduce((a, b) => a + b, 0);
    expect(total()).toBe(7);
    expect(store.sqlite.prepare('SELECT count(*) FROM decommissioned_assets').pluck().get()).toBe(0);
    decommissionAssets(store, ['A-2'], '2026-05-01', 'test');
    expect(total()).toBe(3);
    expect(total('2026-04-30')).toBe(7);
  } finally {
    await store.close();
  }
});
