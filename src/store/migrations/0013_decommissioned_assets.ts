import type { Kysely } from 'kysely';

/**
 * The inventory can shrink: a decommissioned asset leaves `assets` (which stays the inventory in service,
 * so every list, count and page reads it unchanged) and is kept here with the day it left service, so
 * an assessment dated before that day still counts it. Rows carry the asset's columns as they were on
 * that day. An asset id can leave service more than once (decommissioned, added back, decommissioned
 * again): the key is the id with the day.
 *
 * Existing databases gain the empty table: everything they hold stays in service.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations stay valid as the typed schema moves on
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('decommissioned_assets')
    .addColumn('asset_id', 'text', (c) => c.notNull())
    .addColumn('decommissioned_on', 'text', (c) => c.notNull())
    .addColumn('operator_id', 'text', (c) => c.notNull().references('operators.operator_id'))
    .addColumn('segment', 'text', (c) => c.notNull())
    .addColumn('function', 'text', (c) => c.notNull())
    .addColumn('supplier_id', 'text', (c) => c.notNull().references('suppliers.supplier_id'))
    .addColumn('product_id', 'text', (c) => c.references('products.product_id'))
    .addColumn('software_version', 'text')
    .addColumn('quantity', 'double precision', (c) => c.notNull())
    .addColumn('region', 'text')
    .addColumn('in_service', 'text')
    .addColumn('end_of_support', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('decommissioned_assets_pk', ['asset_id', 'decommissioned_on'])
    .execute();
  // the snapshot loader asks for the assets still in service on a day: those that left after it
  await db.schema.createIndex('decommissioned_assets_on').on('decommissioned_assets').column('decommissioned_on').execute();
  await db.schema.createIndex('decommissioned_assets_operator').on('decommissioned_assets').column('operator_id').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('decommissioned_assets').execute();
}
