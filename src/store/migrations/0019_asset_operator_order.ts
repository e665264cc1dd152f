import type { Kysely } from 'kysely';

/**
 * An operator's assets in asset-id order straight from an index: a page of an operator's inventory
 * (GET /assets in an operator's scope, or filtered by operator) read the index on operator_id alone and
 * then sorted every asset of the operator to find the first hundred, a cost that grows with the
 * operator (33 ms a page for an operator of 26,000 assets, the main cost of reads under load,
 * bench/LOAD-NOTES.md). With asset_id after operator_id the index gives the rows in order; it serves
 * every lookup the old one did.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations stay valid as the typed schema moves on
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('assets_operator_asset').on('assets').columns(['operator_id', 'asset_id']).execute();
  await db.schema.dropIndex('assets_operator').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('assets_operator').on('assets').column('operator_id').execute();
  await db.schema.dropIndex('assets_operator_asset').execute();
}
