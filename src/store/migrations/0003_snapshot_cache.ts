import type { Kysely } from 'kysely';

/**
 * The persisted columnar snapshot (see snapshot-cache.ts) and the `meta` key/value table holding the
 * `data_version` counter that writers outside the importer bump (markDataChanged). The cache is a
 * derived copy: dropping the table loses nothing but load time.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations stay valid as the typed schema moves on
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'integer', (c) => c.notNull())
    .execute();
  await db.insertInto('meta').values({ key: 'data_version', value: 0 }).execute();
  await db.schema
    .createTable('snapshot_cache')
    .addColumn('part', 'text', (c) => c.primaryKey())
    .addColumn('data_version', 'text', (c) => c.notNull())
    .addColumn('blob', 'blob', (c) => c.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('snapshot_cache').execute();
  await db.schema.dropTable('meta').execute();
}
