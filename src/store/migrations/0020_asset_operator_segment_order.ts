import type { Kysely } from 'kysely';

/**
 * An operator's assets of one segment in asset-id order straight from an index. A page of an operator's
 * inventory filtered by segment walked all the operator's assets in id order to find the few of a rare
 * segment (82 core assets among 353,081 of the Union demo's largest operator: 85 ms a page); a member
 * state's page is read operator by operator (src/store/access/inventory.ts), so the same index serves it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations stay valid as the typed schema moves on
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('assets_operator_segment_asset').on('assets').columns(['operator_id', 'segment', 'asset_id']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('assets_operator_segment_asset').execute();
}
