import type { Kysely } from 'kysely';

/**
 * An entities row may name the supplier it is (`supplier_id`), so an ownership register keeps its own ids
 * (a company registry's, say) instead of rewriting them to the inventory's supplier ids. One entity per
 * supplier: the index is unique (NULLs, entities that are no supplier, are distinct in SQLite and
 * PostgreSQL alike).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations stay valid as the typed schema moves on
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('entities').addColumn('supplier_id', 'text').execute();
  await db.schema.createIndex('entities_supplier').unique().on('entities').column('supplier_id').execute();
}
