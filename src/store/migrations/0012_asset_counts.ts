import { sql, type Kysely } from 'kysely';
import { RECOUNT_ASSETS_SQL, SQLITE_ASSET_COUNT_TRIGGERS } from '../asset-counts.js';

/**
 * Asset counts kept as the rows change (src/store/asset-counts.ts): the table, its first fill from the
 * assets already stored, and the triggers that keep it exact from then on.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations stay valid as the typed schema moves on
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('asset_counts')
    .addColumn('operator_id', 'text', (c) => c.notNull())
    .addColumn('segment', 'text', (c) => c.notNull())
    .addColumn('function', 'text', (c) => c.notNull())
    .addColumn('supplier_id', 'text', (c) => c.notNull())
    // '' for assets without a product: a key column cannot be NULL and still collide
    .addColumn('product_key', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('asset_counts_pk', ['operator_id', 'segment', 'function', 'supplier_id', 'product_key'])
    .execute();
  for (const s of RECOUNT_ASSETS_SQL) await sql.raw(s).execute(db);
  for (const t of SQLITE_ASSET_COUNT_TRIGGERS) await sql.raw(t).execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['asset_counts_insert', 'asset_counts_delete', 'asset_counts_update']) await sql.raw(`DROP TRIGGER IF EXISTS ${t}`).execute(db);
  await db.schema.dropTable('asset_counts').execute();
}
